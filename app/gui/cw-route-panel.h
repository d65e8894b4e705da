/* cw-route-panel.h: where from, where to, how far off the route
 *
 * A view: it asks (signals) and the window does (routing, files).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-place-entry.h"

G_BEGIN_DECLS

#define CW_TYPE_ROUTE_PANEL (cw_route_panel_get_type ())
G_DECLARE_FINAL_TYPE (CwRoutePanel, cw_route_panel, CW, ROUTE_PANEL, GtkWidget)

GtkWidget    *cw_route_panel_new           (void);
CwPlaceEntry *cw_route_panel_get_origin    (CwRoutePanel *self);
CwPlaceEntry *cw_route_panel_get_destination (CwRoutePanel *self);
double        cw_route_panel_get_corridor_km (CwRoutePanel *self);
void          cw_route_panel_set_corridor_km (CwRoutePanel *self,
                                              double        km);
/* Writes the corridor's width again in the distance units now in use
 * (and emits corridor-changed, so the route's summary follows). */
void          cw_route_panel_update_units    (CwRoutePanel *self);
/* A line under the controls: the route's length and stations, or what went wrong. */
void          cw_route_panel_set_status    (CwRoutePanel *self,
                                            const char   *text);
void          cw_route_panel_set_has_route (CwRoutePanel *self,
                                            gboolean      has_route);
void          cw_route_panel_set_busy      (CwRoutePanel *self,
                                            gboolean      busy);
/* The routes to choose from (shown when more than one); NULL hides. */
void          cw_route_panel_set_alternatives (CwRoutePanel       *self,
                                               const char * const *labels);

/* Planning charging stops (the switch), the charge at the start and the
 * least charge to arrive with, in percent. "plan-changed" says when
 * any of them changes. */
gboolean      cw_route_panel_get_plan_stops (CwRoutePanel *self);
double        cw_route_panel_get_start_soc  (CwRoutePanel *self);
double        cw_route_panel_get_min_soc    (CwRoutePanel *self);
void          cw_route_panel_set_plan       (CwRoutePanel *self,
                                             gboolean      plan_stops,
                                             double        start_soc,
                                             double        min_soc);
/* The car planned for, as a line under the switch ("Mid-size (generic)"). */
void          cw_route_panel_set_car_label  (CwRoutePanel *self,
                                             const char   *text);

G_END_DECLS
