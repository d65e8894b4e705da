/* cw-window.h: the main window — map, station list, details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cw-station-store.h"

G_BEGIN_DECLS

#define CW_TYPE_WINDOW (cw_window_get_type ())
G_DECLARE_FINAL_TYPE (CwWindow, cw_window, CW, WINDOW, AdwApplicationWindow)

/* @settings may be NULL (nothing persists); @source_spec as in
 * cw-source.h; @tiles as cw_map_source_new_for_spec () takes it. */
CwWindow *cw_window_new (GtkApplication *application,
                         CwStationStore *store,
                         GSettings      *settings,
                         const char     *source_spec,
                         const char     *tiles);

/* Opens a GPX track or route and filters the stations along it. */
void      cw_window_open_route_file (CwWindow *self,
                                     GFile    *file);

/* Centres the map on a place, zoomed in (a geo: URI). */
void      cw_window_show_place      (CwWindow *self,
                                     double    latitude,
                                     double    longitude);
/* Full screen, locked down, touch first, resetting itself between visitors. */
void      cw_window_set_kiosk       (CwWindow *self,
                                     gboolean  kiosk);
gboolean  cw_window_get_kiosk       (CwWindow *self);

G_END_DECLS
