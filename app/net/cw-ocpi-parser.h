/* cw-ocpi-parser.h: OCPI 2.2.1 Locations and Tariffs JSON → model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-station.h"
#include "cw-parse-error.h"

G_BEGIN_DECLS

/* Accepts a single Location object, an array of them, or the response
 * envelope {data, status_code, status_message, timestamp} around either.
 * Returns CwStation* (source set to @source), or NULL with @error
 * naming what is wrong and where; never a partial result. */
GPtrArray  *cw_ocpi_parse_locations       (GBytes      *bytes,
                                           const char  *source,
                                           GError     **error);
GPtrArray  *cw_ocpi_parse_locations_node  (JsonNode    *node,
                                           const char  *source,
                                           GError     **error);
CwStation  *cw_ocpi_parse_location        (JsonObject  *object,
                                           const char  *source,
                                           const char  *path,
                                           GError     **error);

/* Tariffs: a Tariff, an array, or an envelope around either.
 * Returns a table id → CwTariff*. */
GHashTable *cw_ocpi_parse_tariffs         (GBytes      *bytes,
                                           GError     **error);
CwTariff   *cw_ocpi_parse_tariff          (JsonObject  *object,
                                           const char  *path,
                                           GError     **error);

/* Unwraps an envelope: returns the "data" node (borrowed) or @node
 * itself when it is no envelope; fails on a non-success status_code. */
JsonNode   *cw_ocpi_unwrap_envelope       (JsonNode    *node,
                                           GError     **error);

G_END_DECLS
