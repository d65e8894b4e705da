/* cw-station-layer.h: every station on the map, drawn in one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "cw-geo.h"
#include "cw-station.h"

G_BEGIN_DECLS

/* How the layer clusters: stations closer than the radius (screen px)
 * merge, twice the largest disc's radius (30 px) so that discs do not
 * overlap; from the zoom after the last one, every station stands alone. */
#define CW_STATION_LAYER_CLUSTER_RADIUS   60
#define CW_STATION_LAYER_CLUSTER_MAX_ZOOM 14

#define CW_TYPE_STATION_LAYER (cw_station_layer_get_type ())
G_DECLARE_FINAL_TYPE (CwStationLayer, cw_station_layer, CW, STATION_LAYER, ShumateLayer)

CwStationLayer *cw_station_layer_new          (ShumateViewport *viewport);
void            cw_station_layer_set_model    (CwStationLayer  *self,
                                               GListModel      *model);
void            cw_station_layer_set_selected (CwStationLayer  *self,
                                               CwStation       *station);
CwStation      *cw_station_layer_get_selected (CwStationLayer  *self);
/* After live status changes: cluster counts follow, without a rebuild. */
void            cw_station_layer_update_statuses (CwStationLayer *self);
/* Builds now, in the calling thread (any), the index a layer would
 * build for @stations (CwStation*) in this order, and keeps it for the
 * first layer rebuild that finds exactly these stations in its model,
 * which then takes it instead of building one: at start-up, the
 * stations of a cache decoded before the window exists are clustered
 * meanwhile. The first rebuild with stations drops it otherwise. */
void            cw_station_layer_offer_index  (GPtrArray       *stations);
/* Whether the index matches the model (no build running or pending). */
gboolean        cw_station_layer_is_ready     (CwStationLayer  *self);
/* The cluster drawn at (x, y) in the last frame, if any. */
gboolean        cw_station_layer_get_cluster_at (CwStationLayer *self,
                                                 double          x,
                                                 double          y,
                                                 guint          *count,
                                                 CwBBox         *extent);
/* What the last frame drew: items, of which @n_clusters clusters. */
guint           cw_station_layer_get_n_drawn  (CwStationLayer  *self,
                                               guint          *n_clusters);
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

/* The stops of a trip plan (CwStation*, in order; NULL or empty for
 * none): drawn on top of everything, clustered or not, with a ring and
 * their number. */
void            cw_station_layer_set_planned  (CwStationLayer  *self,
                                               GPtrArray       *stations);
/* @station's number among the planned stops (1 for the first), or 0. */
guint           cw_station_layer_get_planned_number (CwStationLayer *self,
                                                     CwStation      *station);
/* How many planned stops the last frame drew. */
guint           cw_station_layer_get_n_planned_drawn (CwStationLayer *self);

G_END_DECLS
