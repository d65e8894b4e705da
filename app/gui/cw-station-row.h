/* cw-station-row.h: one station in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-station.h"

G_BEGIN_DECLS

#define CW_TYPE_STATION_ROW (cw_station_row_get_type ())
G_DECLARE_FINAL_TYPE (CwStationRow, cw_station_row, CW, STATION_ROW, GtkWidget)

GtkWidget *cw_station_row_new         (void);
void       cw_station_row_set_station (CwStationRow *self,
                                       CwStation    *station,
                                       double        distance_km);

/* Along a route: "km 143 · 0.8 km off route" instead of the distance. */
void       cw_station_row_set_route_info (CwStationRow *self,
                                          double        along_km,
                                          double        offset_km);

G_END_DECLS
