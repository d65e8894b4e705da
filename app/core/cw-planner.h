/* cw-planner.h: the charging stops that make a trip fastest
 *
 * The model (what "fastest" means, exactly; tests compare with it):
 *
 * - The car drives the route at options->speed_kmh and leaves it for a
 *   stop at options->detour_speed_kmh: offset_km there and offset_km
 *   back. It uses c = consumption_wh_km (speed, temperature) Wh per km
 *   everywhere, detours included.
 * - State of charge is counted in whole steps of options->soc_step
 *   percent. Energy positions are rounded against the driver: leaving
 *   station i (along a_i, offset o_i) at level d and arriving at
 *   station j (a_j, o_j) gives level d + floor (c' (a_i − o_i)) −
 *   ceil (c' (a_j + o_j)), c' being c in steps per km (floor (x +
 *   1e-9) and ceil (x − 1e-9), so that rounding noise in a length does
 *   not cost a step); the start is position 0, the destination
 *   ceil (c' × length − 1e-9). Every arrival must
 *   be at least min_stop_soc (stations) or min_arrival_soc (the
 *   destination); departures are whole steps up to max_soc. (The
 *   search leaves out departures above what reaches the destination
 *   without another stop: they can only cost more.)
 * - Times are whole milliseconds: a point at km x is reached after
 *   round (x / speed); a detour takes round (o / detour speed) each
 *   way; charging from level a to d takes T(d) − T(a), with T (l) =
 *   round (cw_car_profile_charge_seconds (car, 0, l, kw)) for the
 *   station's power for this car (cw_planner_station_power_kw ()); a
 *   stop also costs options->stop_minutes (parking, plugging in).
 * - A station with no usable EVSE for this car (every compatible one
 *   INOPERATIVE, OUTOFORDER, PLANNED or REMOVED) is skipped. One whose
 *   compatible usable EVSEs are all known busy (CHARGING, BLOCKED,
 *   RESERVED) costs an extra busy_penalty_minutes × exp (−eta /
 *   busy_decay_minutes), eta = round (a_j / speed): a station met soon
 *   is likely still busy, one met hours later may have freed up. The
 *   penalty steers the choice but is not part of the reported times.
 * - The plan minimises driving + detours + charging + stop minutes +
 *   penalties. Among plans equally fast to the millisecond, with
 *   CW_PLAN_PREFER_CHEAPER the one whose energy costs least (at each
 *   station's highest price per kWh at options->now, an unknown price
 *   counting as 10 per kWh), then with CW_PLAN_PREFER_RESTAURANT the
 *   one with fewest stops without a RESTAURANT facility.
 *
 * The search is exact for this model: a label-setting pass over
 * (station, level) in route order, O(stations × levels).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cw-car-profile.h"
#include "cw-route.h"
#include "cw-station.h"
#include "cw-station-store.h"
#include "cw-tariff-estimate.h"

G_BEGIN_DECLS

#define CW_PLANNER_ERROR (cw_planner_error_quark ())

typedef enum {
  CW_PLANNER_ERROR_INVALID,     /* bad options, car profile or candidates */
  CW_PLANNER_ERROR_IMPOSSIBLE,  /* no plan reaches the destination: see CwPlanGap */
} CwPlannerError;

typedef enum {
  CW_PLAN_PREFER_NONE       = 0,
  CW_PLAN_PREFER_CHEAPER    = 1 << 0,
  CW_PLAN_PREFER_RESTAURANT = 1 << 1,
} CwPlanPreferences;

typedef struct {
  double            start_soc;              /* percent at departure; default 80 */
  double            min_stop_soc;           /* percent at least on arrival at a stop; default 10 */
  double            min_arrival_soc;        /* percent at least at the destination; default 10 */
  double            max_soc;                /* charge at most to this; default 100 */
  double            soc_step;               /* percent; default 0.5 */
  double            speed_kmh;              /* average on the route; default 100 */
  double            detour_speed_kmh;       /* to a station and back; default 40 */
  double            temperature_c;          /* outside; default CW_CAR_PROFILE_REF_TEMP_C */
  double            stop_minutes;           /* per stop besides charging; default 4 */
  double            busy_penalty_minutes;   /* default 15 */
  double            busy_decay_minutes;     /* default 60 */
  CwPlanPreferences preferences;            /* default CW_PLAN_PREFER_CHEAPER | _RESTAURANT */
  gint64            now;                    /* unix seconds of departure; 0: g_get_real_time () */
} CwPlanOptions;

/* A station in the route's corridor: the planner reads its EVSEs,
 * connectors, facilities and tariffs during the call only. */
typedef struct {
  CwStation *station;
  double     along_km;
  double     offset_km;
} CwPlanCandidate;

typedef struct {
  CwStation        *station;                /* a reference */
  char             *station_key;            /* cw_station_get_key () when planned */
  double            along_km;
  double            offset_km;
  double            detour_km;              /* there and back: 2 × offset_km */
  double            arrival_soc;            /* percent, as the model counts it (a lower bound) */
  double            departure_soc;
  double            energy_kwh;             /* into the battery */
  double            power_kw;               /* the most this station gives this car */
  double            charge_minutes;
  double            arrival_minutes;        /* after departure from the start */
  double            departure_minutes;      /* arrival + stop minutes + charging */
  guint             n_usable;               /* compatible EVSEs not out of order */
  guint             n_available;            /* of those, AVAILABLE when planned */
  gboolean          has_restaurant;
  CwTariffEstimate *estimate;               /* cost of this session, or NULL without a tariff */
  gboolean          idle_fee;               /* the tariff bills parking time: leave in time */
} CwPlanStop;

#define CW_TYPE_PLAN (cw_plan_get_type ())

typedef struct {
  CwCarProfile *car;                        /* a reference */
  CwPlanOptions options;                    /* as used (defaults filled in) */
  GPtrArray    *stops;                      /* CwPlanStop*, in route order; empty when none is needed */
  double        length_km;                  /* the route's */
  double        drive_minutes;              /* on the route */
  double        detour_minutes;
  double        charge_minutes;
  double        stop_minutes;               /* stops × options.stop_minutes */
  double        total_minutes;              /* all four */
  double        arrival_soc;                /* percent at the destination (model lower bound) */
  double        cost_total;                 /* sum of the estimates' total_incl */
  char         *cost_currency;              /* NULL when no stop has an estimate or currencies differ */
  gboolean      cost_complete;              /* every stop has an estimate in cost_currency */
  /*< private >*/
  gatomicrefcount ref_count;
} CwPlan;

/* Where an impossible trip breaks: between km @from_km and km @to_km
 * (along the route) there is no usable station, and the @gap_km a car
 * must drive across it (detours included) is more than the @range_km it
 * can drive there (from max_soc, or from start_soc for the first
 * stretch, down to the minimum arrival charge). */
typedef struct {
  double from_km;
  double to_km;
  double gap_km;
  double range_km;
} CwPlanGap;

GType     cw_plan_get_type        (void) G_GNUC_CONST;
GQuark    cw_planner_error_quark  (void);

void      cw_plan_options_init    (CwPlanOptions *options);

CwPlan   *cw_plan_ref             (CwPlan *plan);
void      cw_plan_unref           (CwPlan *plan);

/* The most @station gives @car now: over its connectors of a standard
 * in car->standards on EVSEs not out of order, the highest min
 * (connector kW, car max DC or AC kW); a connector that states no
 * power counts as 50 kW on DC, 11 kW on AC. 0 when there is none.
 * @n_usable and @n_available (may be NULL) count such EVSEs, and those
 * of them AVAILABLE. */
double    cw_planner_station_power_kw (CwStation          *station,
                                       const CwCarProfile *car,
                                       guint              *n_usable,
                                       guint              *n_available);

/* Candidates from a corridor query: @hits (CwCorridorHit) index
 * @stations (CwStation*), as cw-corridor.h's ids index its coordinate
 * arrays. Returns a GArray of CwPlanCandidate (no references taken). */
GArray   *cw_plan_candidates_from_hits (GArray    *hits,
                                        GPtrArray *stations);

/* Plans the trip along @route. @candidates need not be sorted. Returns
 * NULL with CW_PLANNER_ERROR_IMPOSSIBLE (and @gap filled in, if not
 * NULL) when no plan gets there, with CW_PLANNER_ERROR_INVALID for
 * options out of range or an invalid car. @options may be NULL for
 * the defaults. Memory: 6 bytes per (usable candidate, charge level);
 * more than 64 Mi of those is CW_PLANNER_ERROR_INVALID. */
CwPlan   *cw_planner_plan         (CwRoute               *route,
                                   const CwCarProfile    *car,
                                   const CwPlanOptions   *options,
                                   const CwPlanCandidate *candidates,
                                   guint                  n_candidates,
                                   CwPlanGap             *gap,
                                   GError               **error);

/* The same answer (the same stops, levels and times, ties broken the
 * same way) by a plain pass over every pair of stations and every
 * level, O(stations² × levels): the reference cw_planner_plan () is
 * tested and benchmarked against. */
CwPlan   *cw_planner_plan_naive   (CwRoute               *route,
                                   const CwCarProfile    *car,
                                   const CwPlanOptions   *options,
                                   const CwPlanCandidate *candidates,
                                   guint                  n_candidates,
                                   CwPlanGap             *gap,
                                   GError               **error);

/* Whether @plan can still be driven with what @store knows now: FALSE
 * when a stop's station has left the store or has no usable EVSE for
 * the plan's car any more (every compatible one out of order,
 * inoperative, planned or removed). @first_bad (may be NULL) gets the
 * index of the first such stop. Busy chargers do not make a plan
 * invalid. */
gboolean  cw_plan_is_still_valid  (CwPlan         *plan,
                                   CwStationStore *store,
                                   guint          *first_bad);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwPlan, cw_plan_unref)

G_END_DECLS
