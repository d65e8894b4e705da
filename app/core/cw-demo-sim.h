/* cw-demo-sim.h: a seeded simulation of charging sessions
 *
 * Drives the demo network's live statuses: drivers arrive at a rate
 * that follows the time of day, stay for a session whose length
 * depends on the charger (minutes at a fast DC charger, hours at AC),
 * and now and then a charger breaks and is repaired.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-types.h"

G_BEGIN_DECLS

typedef struct _CwDemoSim CwDemoSim;

typedef struct {
  guint        evse;        /* index as given to cw_demo_sim_new () */
  CwEvseStatus status;
} CwDemoChange;

/* @initial holds each EVSE's starting status, @is_dc whether it is a
 * fast DC charger. PLANNED and REMOVED EVSEs never change. */
CwDemoSim *cw_demo_sim_new      (const CwEvseStatus *initial,
                                 const gboolean     *is_dc,
                                 guint               n_evses,
                                 guint32             seed,
                                 gint64              start_time);
void       cw_demo_sim_free     (CwDemoSim          *sim);
/* Runs the simulation up to @now (unix seconds), appending every
 * status change (CwDemoChange) to @changes in time order. */
void       cw_demo_sim_advance  (CwDemoSim          *sim,
                                 gint64              now,
                                 GArray             *changes);
CwEvseStatus cw_demo_sim_get_status (CwDemoSim      *sim,
                                     guint           evse);
/* Arrivals per hour at one charger at @hour_of_day (0–23, local). */
double     cw_demo_sim_arrival_rate (double          hour_of_day,
                                     gboolean        is_dc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwDemoSim, cw_demo_sim_free)

G_END_DECLS
