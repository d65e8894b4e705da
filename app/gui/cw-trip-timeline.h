/* cw-trip-timeline.h: a trip plan as a driver reads it — the start,
 * each charging stop, the destination, and the totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-planner.h"

G_BEGIN_DECLS

#define CW_TYPE_TRIP_TIMELINE (cw_trip_timeline_get_type ())
G_DECLARE_FINAL_TYPE (CwTripTimeline, cw_trip_timeline, CW, TRIP_TIMELINE, GtkWidget)

GtkWidget *cw_trip_timeline_new            (void);

/* Shows @plan (NULL: nothing); each stop is a row that, activated,
 * emits "stop-activated" with its station. */
void       cw_trip_timeline_set_plan       (CwTripTimeline  *self,
                                            CwPlan          *plan);
CwPlan    *cw_trip_timeline_get_plan       (CwTripTimeline  *self);
/* A trip that cannot be made: why, plainly, with the gap where it
 * breaks (@gap may be NULL when the reason is not a gap). */
void       cw_trip_timeline_set_impossible (CwTripTimeline  *self,
                                            const CwPlanGap *gap,
                                            const char      *reason);
/* A line instead of a plan ("Planning…", "Route first"); NULL hides it. */
void       cw_trip_timeline_set_message    (CwTripTimeline  *self,
                                            const char      *message);

/* For tests: the stop rows shown, and the text of one of their parts
 * ("name", "soc", "charge", "cost", "around", "arrival"); the totals;
 * the problem shown for an impossible trip ("" when none). */
guint       cw_trip_timeline_get_n_stops    (CwTripTimeline *self);
const char *cw_trip_timeline_get_stop_text  (CwTripTimeline *self,
                                             guint           index,
                                             const char     *part);
const char *cw_trip_timeline_get_totals_text (CwTripTimeline *self);
const char *cw_trip_timeline_get_problem_text (CwTripTimeline *self);
/* Activates stop row @index as a click would. */
void        cw_trip_timeline_activate_stop  (CwTripTimeline *self,
                                             guint           index);

G_END_DECLS
