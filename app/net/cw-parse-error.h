/* cw-parse-error.h: the error domain of every parser in app/net
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CW_PARSE_ERROR (cw_parse_error_quark ())

typedef enum {
  CW_PARSE_ERROR_EMPTY,          /* no bytes at all */
  CW_PARSE_ERROR_INVALID_JSON,   /* not JSON, truncated, bad UTF-8 */
  CW_PARSE_ERROR_WRONG_TYPE,     /* a member of the wrong JSON type */
  CW_PARSE_ERROR_MISSING,        /* a required member is absent */
  CW_PARSE_ERROR_OUT_OF_RANGE,   /* latitude 200, negative power … */
  CW_PARSE_ERROR_STATUS,         /* OCPI envelope status_code says failure */
} CwParseError;

GQuark cw_parse_error_quark (void);

G_END_DECLS
