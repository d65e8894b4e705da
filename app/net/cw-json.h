/* cw-json.h: lenient, path-reporting readers over json-glib nodes
 *
 * Real feeds put numbers where strings belong and back; these accept
 * both where the meaning is unambiguous and say where they failed
 * otherwise. @path is a JSON-path-like location for messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-parse-error.h"

G_BEGIN_DECLS

/* Loads @bytes; fails with EMPTY, INVALID_JSON. */
JsonNode   *cw_json_load           (GBytes      *bytes,
                                    GError     **error);

/* @str (NULL-safe) as valid UTF-8: invalid sequences replaced by
 * U+FFFD; cut to @max_chars characters unless it is -1. */
char       *cw_json_dup_valid      (const char  *str,
                                    gssize       max_chars);
/* A member as a newly allocated string: strings as they are (made valid
 * UTF-8 by cw_json_dup_valid ()), integers
 * printed. NULL (no error) when absent or null; WRONG_TYPE otherwise. */
gboolean    cw_json_dup_string     (JsonObject  *object,
                                    const char  *member,
                                    const char  *path,
                                    char       **out,
                                    GError     **error);
/* A member as a double: numbers, or strings holding one. Leaves @out
 * unchanged and returns TRUE when absent or null. */
gboolean    cw_json_get_number     (JsonObject  *object,
                                    const char  *member,
                                    const char  *path,
                                    double      *out,
                                    gboolean    *present,
                                    GError     **error);
/* An array member, or NULL when absent or null; WRONG_TYPE otherwise. */
gboolean    cw_json_get_array      (JsonObject  *object,
                                    const char  *member,
                                    const char  *path,
                                    JsonArray  **out,
                                    GError     **error);
/* An object member, or NULL when absent or null; WRONG_TYPE otherwise. */
gboolean    cw_json_get_object     (JsonObject  *object,
                                    const char  *member,
                                    const char  *path,
                                    JsonObject **out,
                                    GError     **error);
/* Parses an ISO 8601 date-time; a time without zone is taken as UTC.
 * Returns 0 when @str is NULL or unparsable. */
gint64      cw_json_parse_time     (const char  *str);

const char *cw_json_node_type_name (JsonNode    *node);

G_END_DECLS
