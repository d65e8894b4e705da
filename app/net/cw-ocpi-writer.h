/* cw-ocpi-writer.h: the model back to OCPI 2.2.1 JSON
 *
 * What the disk cache keeps and the parser reads back: a station
 * written and parsed again is the same station.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-station.h"

G_BEGIN_DECLS

void      cw_ocpi_write_location  (JsonBuilder    *builder,
                                   CwStation      *station);
void      cw_ocpi_write_tariff    (JsonBuilder    *builder,
                                   const CwTariff *tariff);
/* {"locations": [...], "tariffs": [...], <extra members>} — tariffs are
 * those the stations' connectors refer to. */
GBytes   *cw_ocpi_write_snapshot  (GPtrArray      *stations,
                                   gint64          saved_at,
                                   gint64          last_sync);

G_END_DECLS
