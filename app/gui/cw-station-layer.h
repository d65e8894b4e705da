/* cw-station-layer.h: every station on the map, drawn in one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "cw-station.h"

G_BEGIN_DECLS

#define CW_TYPE_STATION_LAYER (cw_station_layer_get_type ())
G_DECLARE_FINAL_TYPE (CwStationLayer, cw_station_layer, CW, STATION_LAYER, ShumateLayer)

CwStationLayer *cw_station_layer_new          (ShumateViewport *viewport);
void            cw_station_layer_set_model    (CwStationLayer  *self,
                                               GListModel      *model);
void            cw_station_layer_set_selected (CwStationLayer  *self,
                                               CwStation       *station);
CwStation      *cw_station_layer_get_selected (CwStationLayer  *self);
/* Stale data is drawn faded: its statuses may no longer hold. */
void            cw_station_layer_set_stale    (CwStationLayer  *self,
                                               gboolean         stale);
/* The station drawn under widget point (x, y), or NULL. */
CwStation      *cw_station_layer_pick         (CwStationLayer  *self,
                                               double           x,
                                               double           y);
/* Where the layer draws @station, in its own coordinates. */
gboolean        cw_station_layer_get_station_point (CwStationLayer *self,
                                                    CwStation      *station,
                                                    double         *x,
                                                    double         *y);

G_END_DECLS
