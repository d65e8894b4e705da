/* cw-window-private.h: what tests reach inside the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "cw-live-source.h"
#include "cw-planner.h"
#include "cw-station-details.h"
#include "cw-station-layer.h"
#include "cw-trip-timeline.h"
#include "cw-window.h"

G_BEGIN_DECLS

GtkSingleSelection *_cw_window_get_selection   (CwWindow *self);
CwStationLayer     *_cw_window_get_layer       (CwWindow *self);
CwStationDetails   *_cw_window_get_details     (CwWindow *self);
ShumateSimpleMap   *_cw_window_get_map         (CwWindow *self);
const char         *_cw_window_get_visible_page (CwWindow *self);
gboolean            _cw_window_is_loading      (CwWindow *self);
const char         *_cw_window_get_error       (CwWindow *self);
gboolean            _cw_window_demo_badge_shown (CwWindow *self);
CwLiveSource       *_cw_window_get_live_source (CwWindow *self);
gboolean            _cw_window_error_shown     (CwWindow *self);
const char         *_cw_window_get_banner_text (CwWindow *self);
/* The first-start offer of live open data is on screen. */
gboolean            _cw_window_offer_shown     (CwWindow *self);
/* Desktop notifications sent for watched stations. */
guint               _cw_window_get_n_notifications (CwWindow *self);
/* How many operators the filter panel offers. */
guint               _cw_window_get_n_operators (CwWindow *self);
/* Applies a pending viewport change now instead of after the debounce. */
void                _cw_window_flush_viewport  (CwWindow *self);

/* The trip plan shown (NULL when none), its timeline, whether a plan
 * is being made, and how many were shown (impossible trips included). */
CwPlan             *_cw_window_get_plan        (CwWindow *self);
CwTripTimeline     *_cw_window_get_timeline    (CwWindow *self);
gboolean            _cw_window_is_planning     (CwWindow *self);
guint               _cw_window_get_n_plans     (CwWindow *self);
/* The last toast about a re-plan, or NULL. */
const char         *_cw_window_get_plan_notice (CwWindow *self);

G_END_DECLS
