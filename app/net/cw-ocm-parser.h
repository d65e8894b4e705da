/* cw-ocm-parser.h: Open Charge Map v3 /poi and /referencedata → model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-station.h"
#include "cw-parse-error.h"

G_BEGIN_DECLS

typedef struct _CwOcmReference CwOcmReference;

/* /v3/referencedata: connection types, operators, status and usage
 * types, countries, data providers — the names compact=true leaves out. */
CwOcmReference *cw_ocm_reference_parse  (GBytes          *bytes,
                                         GError         **error);
void            cw_ocm_reference_free   (CwOcmReference  *ref);
const char     *cw_ocm_reference_lookup (CwOcmReference  *ref,
                                         const char      *table,
                                         gint64           id);

/* A /poi response (an array of POIs), full or compact=true. @ref may be
 * NULL: compact records then show ids ("Operator 8") instead of names.
 * Each connection becomes one EVSE standing for its Quantity. */
GPtrArray      *cw_ocm_parse_poi        (GBytes          *bytes,
                                         CwOcmReference  *ref,
                                         const char      *source,
                                         GError         **error);

/* OCM ids → the model; exposed for tests. */
CwConnectorStandard cw_ocm_connection_type_to_standard (gint64 id);
CwEvseStatus        cw_ocm_status_type_to_status       (gint64 id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwOcmReference, cw_ocm_reference_free)

G_END_DECLS
