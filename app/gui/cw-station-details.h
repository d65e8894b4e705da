/* cw-station-details.h: everything known about one station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-station.h"

G_BEGIN_DECLS

#define CW_TYPE_STATION_DETAILS (cw_station_details_get_type ())
G_DECLARE_FINAL_TYPE (CwStationDetails, cw_station_details, CW, STATION_DETAILS, GtkWidget)

GtkWidget  *cw_station_details_new         (void);
void        cw_station_details_set_station (CwStationDetails *self,
                                            CwStation        *station);
CwStation  *cw_station_details_get_station (CwStationDetails *self);
/* The text shown for @field ("name", "address", "operator", "facilities",
 * "parking", "tariff", "updated", "source", "evses"), for tests. */
const char *cw_station_details_get_text    (CwStationDetails *self,
                                            const char       *field);

void        cw_station_details_set_favourite    (CwStationDetails *self,
                                                 gboolean          favourite);
/* While watching, the button says so and cannot be pressed again. */
void        cw_station_details_set_notify_state (CwStationDetails *self,
                                                 gboolean          watching);
/* A box between the tariff and the charge points, for the window's additions. */
GtkBox     *cw_station_details_get_extra_box    (CwStationDetails *self);

G_END_DECLS
