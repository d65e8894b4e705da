/* cw-attract-view.h: what the kiosk shows between visitors
 *
 * Large type, readable from across the showroom: "Touch to plan your
 * trip", and under it the live network around the kiosk — "12 stations
 * nearby · 31 chargers free right now" — counted from a CwStationStore
 * within a radius of a centre (the kiosk's home). The counts follow the
 * store: stations added or removed ("items-changed") and live statuses
 * changing in place ("stations-updated"), recounted once per main-loop
 * turn however many signals came. Only public stations count; a
 * charger is free when its EVSE status is AVAILABLE (EVSE quantities
 * summed). The counts line is hidden while the store is empty (still
 * loading) or no centre is set.
 *
 * A click or tap anywhere on it, or Enter/Space with focus, emits
 * "activate": hide it then, and let the visitor start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-station-store.h"

G_BEGIN_DECLS

#define CW_ATTRACT_VIEW_DEFAULT_RADIUS_KM 25.0

#define CW_TYPE_ATTRACT_VIEW (cw_attract_view_get_type ())
G_DECLARE_FINAL_TYPE (CwAttractView, cw_attract_view, CW, ATTRACT_VIEW, GtkWidget)

GtkWidget  *cw_attract_view_new             (void);
/* Property "store"; NULL counts nothing. */
void        cw_attract_view_set_store       (CwAttractView  *self,
                                             CwStationStore *store);
/* WGS84 degrees; an invalid coordinate (NAN) unsets it. */
void        cw_attract_view_set_centre      (CwAttractView  *self,
                                             double          latitude,
                                             double          longitude);
/* Property "radius-km", > 0; CW_ATTRACT_VIEW_DEFAULT_RADIUS_KM. */
void        cw_attract_view_set_radius_km   (CwAttractView  *self,
                                             double          radius_km);
double      cw_attract_view_get_radius_km   (CwAttractView  *self);

/* The counts as of now (a pending recount is done first). */
guint       cw_attract_view_get_n_stations  (CwAttractView  *self);
guint       cw_attract_view_get_n_available (CwAttractView  *self);
/* The counts line as shown, "" when hidden. */
const char *cw_attract_view_get_counts_text (CwAttractView  *self);

G_END_DECLS
