/* cw-planner-private.h: what cw-plan.c and cw-planner.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-planner.h"

G_BEGIN_DECLS

typedef struct {
  double             kw;
  const CwConnector *connector;   /* the one giving kw */
  guint              n_usable;
  guint              n_available;
  guint              n_busy;
} CwStationPower;

/* The most @station gives @car (see cw_planner_station_power_kw ()),
 * the connector that gives it, and its EVSEs counted. */
void _cw_station_power  (CwStation          *station,
                         const CwCarProfile *car,
                         CwStationPower     *out);
void _cw_plan_stop_free (CwPlanStop         *stop);

G_END_DECLS
