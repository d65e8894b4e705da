/* cw-planner.c
 *
 * In the model of cw-planner.h, leaving station i at level d puts the
 * car at "potential" U = d + Q_i, and it arrives at station j at level
 * U − P_j: where it came from no longer matters, only U. Likewise its
 * arrival time at j is K + drive (a_j) + detour (o_j), with K = time
 * at i's departure − drive (a_i) + detour (o_i). So the best way to
 * arrive anywhere with U is one label (K, cost, misses), kept per U in
 * an array, and stations are taken in route order:
 *
 * 1. arrivals at j, for each level a: the label at U = a + P_j (any
 *    label there comes from a station earlier on the route);
 * 2. charging at j: the best way to leave at level d is to arrive at d,
 *    or to leave at d − 1 and charge one step more (T (d) − T (d − 1));
 * 3. departures from j at each level d enter the array at d + Q_j.
 *
 * Each step is O(levels) per station, O(stations × levels) in all, and
 * exact: labels are compared lexicographically on integers, and the
 * model's costs add up along a plan, so a label that loses at some U
 * loses every continuation too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-planner"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cw-planner-private.h"

G_DEFINE_QUARK (cw-planner-error-quark, cw_planner_error)

/* per kWh, for ranking stations whose price is unknown after known ones */
#define UNKNOWN_PRICE 10.0
#define MS_PER_HOUR 3600000.0
#define NO_TIME G_MAXINT64
#define START_LABEL G_MAXUINT32
/* steps: a route of 240.000000001 km is 240 km, not a step more */
#define ROUND_SLACK 1e-9
/* (stop, level) pairs at most: 6 bytes of back-links each, 384 MiB */
#define MAX_LABELS ((gsize) 64 << 20)
/* A station further off the route than this is no stop on it (and
 * absurd offsets would blow up the table of potentials). */
#define MAX_OFFSET_KM 500.0

/* ---- the search ---- */

/* What a plan so far is worth, compared in this order. */
typedef struct {
  gint64  time;       /* ms, penalties included; NO_TIME when there is none */
  gint64  cost;       /* micro-units of currency, 0 unless PREFER_CHEAPER */
  gint32  misses;     /* stops without a restaurant, 0 unless PREFER_RESTAURANT */
  guint32 label;      /* where it came from: station × levels + level, or START_LABEL */
} Label;

static inline gboolean
label_better (const Label *a,
              const Label *b)
{
  if (a->time != b->time)
    return a->time < b->time;
  if (a->cost != b->cost)
    return a->cost < b->cost;
  return a->misses < b->misses;
}

typedef struct {
  CwStation         *station;
  const CwConnector *connector;
  double             along_km;
  double             offset_km;
  double             kw;
  guint              n_usable;
  guint              n_available;
  gboolean           busy;
  gboolean           restaurant;
  guint              input;       /* index among the candidates, for a stable order */
  gint64             q;           /* floor (c' (along − offset)) */
  gint64             p;           /* ceil (c' (along + offset)) */
  gint64             arrive_ms;   /* drive (along) + detour (offset) */
  gint64             leave_ms;    /* detour (offset) − drive (along) */
  gint64             extra_ms;    /* stop minutes + busy penalty */
  gint64             step_cost;   /* of one level of charge */
  const gint64      *t_ms;        /* T (level), shared by stations of equal power */
} Stop;

typedef struct {
  const CwCarProfile *car;
  CwPlanOptions       o;
  double              length_km;
  double              cp;         /* levels per km */
  gint                levels;     /* 100 % in levels */
  gint                start, min_stop, min_arrival, max_level;
  gint64              goal;       /* P of the destination + min_arrival: the potential that gets there */
  GArray             *stops;      /* Stop, in route order */
  GHashTable         *curves;     /* power (double bits) → gint64[levels + 1] */
} Search;

static gint64
ms_for (double km,
        double kmh)
{
  return llround (km / kmh * MS_PER_HOUR);
}

static int
stop_compare (const void *a,
              const void *b)
{
  const Stop *x = a, *y = b;

  if (x->along_km != y->along_km)
    return x->along_km < y->along_km ? -1 : 1;
  return x->input < y->input ? -1 : x->input > y->input;
}

static gboolean
check_options (const CwPlanOptions  *o,
               GError              **error)
{
  double steps = 100.0 / o->soc_step;

#define RANGE(cond, ...) G_STMT_START { \
    if (!(cond)) { \
      g_set_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_INVALID, __VA_ARGS__); \
      return FALSE; \
    } } G_STMT_END

  RANGE (o->start_soc >= 0 && o->start_soc <= 100, "Starting charge %g %% is not between 0 and 100",
         o->start_soc);
  RANGE (o->min_stop_soc >= 0 && o->min_stop_soc < 100,
         "Minimum charge at stops %g %% is not between 0 and 100", o->min_stop_soc);
  RANGE (o->min_arrival_soc >= 0 && o->min_arrival_soc <= 100,
         "Minimum charge at the destination %g %% is not between 0 and 100", o->min_arrival_soc);
  RANGE (o->max_soc > o->min_stop_soc && o->max_soc <= 100,
         "Maximum charge %g %% must be above the minimum at stops and at most 100", o->max_soc);
  RANGE (o->soc_step >= 0.05 && o->soc_step <= 20 && fabs (steps - round (steps)) < 1e-6,
         "Charge step %g %% must divide 100 and be between 0.05 and 20", o->soc_step);
  RANGE (o->speed_kmh >= 5 && o->speed_kmh <= 300, "Speed %g km/h is not between 5 and 300",
         o->speed_kmh);
  RANGE (o->detour_speed_kmh >= 5 && o->detour_speed_kmh <= 300,
         "Detour speed %g km/h is not between 5 and 300", o->detour_speed_kmh);
  RANGE (o->temperature_c >= -60 && o->temperature_c <= 60,
         "Temperature %g °C is not between −60 and 60", o->temperature_c);
  RANGE (o->stop_minutes >= 0 && o->stop_minutes <= 240, "Stop time %g min is not between 0 and 240",
         o->stop_minutes);
  RANGE (o->busy_penalty_minutes >= 0 && o->busy_penalty_minutes <= 240,
         "Busy penalty %g min is not between 0 and 240", o->busy_penalty_minutes);
  RANGE (o->busy_decay_minutes > 0 && o->busy_decay_minutes <= 10000,
         "Busy decay %g min is not between 0 and 10000", o->busy_decay_minutes);
#undef RANGE
  return TRUE;
}

static const gint64 *
curve_table (Search *s,
             double  kw)
{
  gint64 *t;
  union { double d; gint64 i; } key = { kw };

  t = g_hash_table_lookup (s->curves, &key.i);
  if (t == NULL)
    {
      gint64 *k = g_new (gint64, 1);

      *k = key.i;
      t = g_new (gint64, s->levels + 1);
      for (gint l = 0; l <= s->levels; l++)
        t[l] = llround (cw_car_profile_charge_seconds (s->car, 0.0, l * s->o.soc_step, kw) * 1000.0);
      g_hash_table_insert (s->curves, k, t);
    }
  return t;
}

/* The price per kWh (incl. VAT) ranking this station, unknown last. */
static double
energy_price (Search            *s,
              CwStation         *station,
              const CwConnector *connector,
              double             kw,
              GHashTable        *prices)
{
  CwTariff *tariff = connector ? cw_connector_get_tariff (connector) : NULL;
  double *cached, price = UNKNOWN_PRICE;

  if (tariff == NULL)
    return UNKNOWN_PRICE;
  /* tariffs are shared between stations of a network: ask once each */
  cached = g_hash_table_lookup (prices, tariff);
  if (cached != NULL)
    return *cached;
  if (!cw_tariff_get_energy_price_ceiling (tariff, cw_station_get_time_zone (station), s->o.now, kw, &price))
    price = UNKNOWN_PRICE;
  cached = g_new (double, 1);
  *cached = price;
  g_hash_table_insert (prices, tariff, cached);
  return price;
}

static void
prepare_stops (Search                *s,
               const CwPlanCandidate *candidates,
               guint                  n_candidates)
{
  g_autoptr (GHashTable) prices = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  double kwh_per_level = s->car->battery_kwh * s->o.soc_step / 100.0;

  for (guint i = 0; i < n_candidates; i++)
    {
      const CwPlanCandidate *c = &candidates[i];
      CwStationPower sp;
      Stop st = { 0 };

      if (!CW_IS_STATION (c->station) || !isfinite (c->along_km) || !isfinite (c->offset_km) ||
          c->offset_km > MAX_OFFSET_KM)
        continue;
      _cw_station_power (c->station, s->car, &sp);
      if (sp.kw <= 0)
        continue;
      st.station = c->station;
      st.connector = sp.connector;
      st.along_km = CLAMP (c->along_km, 0.0, s->length_km);
      st.offset_km = MAX (c->offset_km, 0.0);
      st.kw = sp.kw;
      st.n_usable = sp.n_usable;
      st.n_available = sp.n_available;
      st.busy = sp.n_usable > 0 && sp.n_busy == sp.n_usable;
      st.restaurant = cw_station_has_facility (c->station, CW_FACILITY_RESTAURANT);
      st.input = i;
      g_array_append_val (s->stops, st);
    }
  /* corridor hits come in route order already: sorting big structs
   * then costs more than the check */
  for (guint j = 1; j < s->stops->len; j++)
    if (stop_compare (&g_array_index (s->stops, Stop, j - 1), &g_array_index (s->stops, Stop, j)) > 0)
      {
        g_array_sort (s->stops, stop_compare);
        break;
      }

  for (guint j = 0; j < s->stops->len; j++)
    {
      Stop *st = &g_array_index (s->stops, Stop, j);
      gint64 drive = ms_for (st->along_km, s->o.speed_kmh);
      gint64 detour = ms_for (st->offset_km, s->o.detour_speed_kmh);

      st->q = (gint64) floor ((st->along_km - st->offset_km) * s->cp + ROUND_SLACK);
      st->p = (gint64) ceil ((st->along_km + st->offset_km) * s->cp - ROUND_SLACK);
      st->arrive_ms = drive + detour;
      st->leave_ms = detour - drive;
      st->extra_ms = llround (s->o.stop_minutes * 60000.0);
      if (st->busy && s->o.busy_penalty_minutes > 0)
        st->extra_ms += llround (s->o.busy_penalty_minutes * 60000.0 *
                                 exp (-(drive / 60000.0) / s->o.busy_decay_minutes));
      if (s->o.preferences & CW_PLAN_PREFER_CHEAPER)
        st->step_cost = llround (energy_price (s, st->station, st->connector, st->kw, prices) *
                                 kwh_per_level * 1e6);
      st->t_ms = curve_table (s, st->kw);
    }
}

/* Tables of the pass: labels per potential, and per (stop, level) the
 * label an arrival came from and the level a departure charged from. */
typedef struct {
  Label   *best;
  gint64   u_min;
  gint64   n_u;
  guint32 *pred;        /* [stop × (levels + 1) + arrival level] */
  gint16  *from;        /* [stop × (levels + 1) + departure level] */
} Pass;

static inline Label *
best_at (Pass   *pass,
         gint64  u)
{
  u -= pass->u_min;
  return u >= 0 && u < pass->n_u ? &pass->best[u] : NULL;
}

static void
offer (Pass        *pass,
       gint64       u,
       const Label *label)
{
  Label *b = best_at (pass, u);

  g_assert (b != NULL);
  if (b->time == NO_TIME || label_better (label, b))
    *b = *label;
}

static void
pass_init (Search *s,
           Pass   *pass)
{
  guint n = s->stops->len;
  gint w = s->levels + 1;
  gint64 q_min = 0, top = s->start;
  Label start = { 0, 0, 0, START_LABEL };

  /* every potential a departure can have, and every one an arrival
   * looks at (level + P, the destination's P included) */
  top = MAX (top, (gint64) ceil (s->length_km * s->cp - ROUND_SLACK) + s->levels);
  for (guint j = 0; j < n; j++)
    {
      const Stop *st = &g_array_index (s->stops, Stop, j);
      q_min = MIN (q_min, st->q);
      top = MAX (top, MAX (st->q, st->p) + s->levels);
    }
  pass->u_min = q_min;
  pass->n_u = top - q_min + 1;
  pass->best = g_new (Label, pass->n_u);
  for (gint64 u = 0; u < pass->n_u; u++)
    pass->best[u].time = NO_TIME;
  pass->pred = g_new (guint32, (gsize) n * w);
  pass->from = g_new (gint16, (gsize) n * w);

  offer (pass, s->start, &start);
}

/* Stop j: @in[a] is the best way to arrive there at level a (NO_TIME
 * for none; .label where it came from). For each level d upwards: the
 * best way to leave at d is to arrive at d, or to leave at d − 1 and
 * charge one step more; that departure is offered at d + Q_j, and
 * written to @out (may be NULL). Offering inside the same loop is safe:
 * d + Q_j = a + P_j only for a ≤ d (Q_j ≤ P_j), levels already read. */
static void
settle (Search      *s,
        Pass        *pass,
        guint        j,
        const Label *in,
        Label       *out)
{
  const Stop *st = &g_array_index (s->stops, Stop, j);
  gint w = s->levels + 1;
  guint32 *pred = &pass->pred[(gsize) j * w];
  gint16 *from = &pass->from[(gsize) j * w];
  gint32 miss = (s->o.preferences & CW_PLAN_PREFER_RESTAURANT) && !st->restaurant ? 1 : 0;
  gint64 arrive_ms = st->arrive_ms + st->extra_ms;
  Label c = { NO_TIME, 0, 0, 0 };
  /* Leaving with more than takes the car to the destination without
   * another stop never pays: that departure, driving straight on, is at
   * least as fast, as cheap and as near restaurants as any plan that
   * charges more here. Such arrivals need no stop at all. */
  gint top = (gint) CLAMP (s->goal - st->q, s->min_stop, s->max_level);

  for (gint d = s->min_stop; d <= top; d++)
    {
      if (c.time != NO_TIME)
        {
          /* charge one step more: the label field still says where the
           * chain started */
          c.time += st->t_ms[d] - st->t_ms[d - 1];
          c.cost += st->step_cost;
          from[d] = from[d - 1];
        }
      if (in[d].time != NO_TIME)
        {
          Label arrive = in[d];

          arrive.time += arrive_ms;
          arrive.misses += miss;
          pred[d] = in[d].label;
          if (c.time == NO_TIME || label_better (&arrive, &c))
            {
              c = arrive;
              from[d] = (gint16) d;
            }
        }
      if (out != NULL)
        out[d].time = NO_TIME;
      if (c.time != NO_TIME)
        {
          Label dep = c;

          dep.time += st->leave_ms;
          dep.label = j * (guint32) w + (guint32) d;
          offer (pass, d + st->q, &dep);
          if (out != NULL)
            out[d] = dep;
        }
    }
  if (out != NULL)
    for (gint d = MAX (top + 1, s->min_stop); d <= s->max_level; d++)
      out[d].time = NO_TIME;
}

/* The label-setting pass: arrivals at j at level a are the labels at
 * potential a + P_j, a slice of the array. */
static void
run_pass (Search *s,
          Pass   *pass)
{
  pass_init (s, pass);
  for (guint j = 0; j < s->stops->len; j++)
    {
      const Stop *st = &g_array_index (s->stops, Stop, j);

      settle (s, pass, j, best_at (pass, st->p), NULL);
    }
}

/* The reference: every departure of every earlier stop (and the start)
 * tried against every stop, O(stops² × levels). Candidates are met in
 * the order the array sees them (the start, then stops in route
 * order), so ties go the same way. */
static void
run_pass_naive (Search *s,
                Pass   *pass)
{
  guint n = s->stops->len;
  gint w = s->levels + 1;
  g_autofree Label *in = g_new (Label, w);
  g_autofree Label *dep = g_new (Label, (gsize) MAX (n, 1) * w);

  pass_init (s, pass);
  for (guint j = 0; j < n; j++)
    {
      const Stop *st = &g_array_index (s->stops, Stop, j);
      gint64 a0 = s->start - st->p;

      for (gint a = 0; a < w; a++)
        in[a].time = NO_TIME;
      if (a0 >= s->min_stop && a0 <= s->max_level)
        in[a0] = (Label) { 0, 0, 0, START_LABEL };
      for (guint i = 0; i < j; i++)
        {
          const Stop *si = &g_array_index (s->stops, Stop, i);

          for (gint d = s->min_stop; d <= s->max_level; d++)
            {
              const Label *l = &dep[(gsize) i * w + d];
              gint64 a = d + si->q - st->p;

              if (l->time == NO_TIME || a < s->min_stop || a > s->max_level)
                continue;
              if (in[a].time == NO_TIME || label_better (l, &in[a]))
                in[a] = *l;
            }
        }
      settle (s, pass, j, in, &dep[(gsize) j * w]);
    }
}

static void
pass_clear (Pass *pass)
{
  g_free (pass->best);
  g_free (pass->pred);
  g_free (pass->from);
}

/* Why nothing reaches the destination: the furthest any plan can
 * launch from (the highest potential, leaving full), and the nearest
 * next goal it cannot reach. */
static void
find_gap (Search    *s,
          CwPlanGap *gap,
          GError   **error)
{
  gint64 best_u = s->start, need;
  const Stop *launch = NULL, *next = NULL;
  double from_pos, to_pos, levels_left;

  for (guint j = 0; j < s->stops->len; j++)
    {
      const Stop *st = &g_array_index (s->stops, Stop, j);

      if (best_u - st->p >= s->min_stop && s->max_level + st->q > best_u)
        {
          best_u = s->max_level + st->q;
          launch = st;
        }
    }
  /* the goal needing the least charge from there */
  need = (gint64) ceil (s->length_km * s->cp - ROUND_SLACK) + s->min_arrival;
  for (guint j = 0; j < s->stops->len; j++)
    {
      const Stop *st = &g_array_index (s->stops, Stop, j);

      if (launch != NULL && st->along_km < launch->along_km)
        continue;
      if (best_u - st->p < s->min_stop && st->p + s->min_stop < need)
        {
          need = st->p + s->min_stop;
          next = st;
        }
    }

  from_pos = launch ? launch->along_km - launch->offset_km : 0.0;
  to_pos = next ? next->along_km + next->offset_km : s->length_km;
  levels_left = (launch ? s->max_level : s->start) - (next ? s->min_stop : s->min_arrival);
  gap->from_km = launch ? launch->along_km : 0.0;
  gap->to_km = next ? next->along_km : s->length_km;
  gap->gap_km = to_pos - from_pos;
  gap->range_km = MAX (0.0, levels_left / s->cp);

  if (launch == NULL && levels_left <= 0)
    {
      g_set_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE,
                   "The trip cannot be made with this car: it starts with %.0f %% but must arrive "
                   "anywhere with at least %.0f %%", s->start * s->o.soc_step,
                   (next ? s->min_stop : s->min_arrival) * s->o.soc_step);
      return;
    }
  g_set_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE,
               "The trip cannot be made with this car: from km %.0f to km %.0f there is no usable "
               "charger, and those %.0f km are more than the %.0f km it can drive from %.0f %% "
               "down to %.0f %%",
               gap->from_km, gap->to_km, gap->gap_km, gap->range_km,
               (launch ? s->max_level : s->start) * s->o.soc_step,
               (next ? s->min_stop : s->min_arrival) * s->o.soc_step);
}

static void
add_estimate (CwPlan     *plan,
              CwPlanStop *stop,
              const Stop *st)
{
  const CwTariff *tariff = st->connector ? cw_connector_get_tariff (st->connector) : NULL;
  CwSessionPlan session = { 0 };
  double price;

  if (tariff == NULL || stop->energy_kwh <= 0)
    return;
  session.start = plan->options.now + (gint64) llround (stop->arrival_minutes * 60.0);
  session.time_zone = cw_station_get_time_zone (st->station);
  session.energy_kwh = stop->energy_kwh;
  session.charging_seconds = MAX (1, (gint64) llround (stop->charge_minutes * 60.0));
  session.power_kw = stop->energy_kwh / (session.charging_seconds / 3600.0);
  stop->estimate = cw_tariff_estimate (tariff, &session, NULL);
  stop->idle_fee = cw_tariff_find_price (tariff, CW_TARIFF_DIMENSION_PARKING_TIME, &price, NULL) &&
                   price > 0;
}

static CwPlan *
build_plan (Search     *s,
            Pass       *pass,
            guint32     label,
            gint        arrival_level)
{
  CwPlan *plan = g_new0 (CwPlan, 1);
  gint w = s->levels + 1;
  g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));
  gint64 t = 0, pos_ms = 0, back_ms = 0, detour = 0, charge = 0, stops_ms = 0;
  gint64 stop_ms = llround (s->o.stop_minutes * 60000.0);
  gboolean mixed = FALSE;

  g_atomic_ref_count_init (&plan->ref_count);
  plan->car = cw_car_profile_ref ((CwCarProfile *) s->car);
  plan->options = s->o;
  plan->stops = g_ptr_array_new_with_free_func ((GDestroyNotify) _cw_plan_stop_free);
  plan->length_km = s->length_km;

  /* back from the destination to the start */
  while (label != START_LABEL)
    {
      guint j = label / w;
      gint d = label % w;
      gint a = pass->from[(gsize) j * w + d];

      g_array_append_val (path, label);
      label = pass->pred[(gsize) j * w + a];
    }

  for (guint k = path->len; k-- > 0;)
    {
      guint32 l = g_array_index (path, guint32, k);
      const Stop *st = &g_array_index (s->stops, Stop, l / w);
      gint d = l % w;
      gint a = pass->from[(gsize) (l / w) * w + d];
      CwPlanStop *stop = g_new0 (CwPlanStop, 1);
      gint64 drive = ms_for (st->along_km, s->o.speed_kmh);
      gint64 off = ms_for (st->offset_km, s->o.detour_speed_kmh);
      gint64 ch = st->t_ms[d] - st->t_ms[a];

      t += drive - pos_ms + back_ms + off;
      stop->station = g_object_ref (st->station);
      stop->station_key = g_strdup (cw_station_get_key (st->station));
      stop->along_km = st->along_km;
      stop->offset_km = st->offset_km;
      stop->detour_km = 2 * st->offset_km;
      stop->arrival_soc = a * s->o.soc_step;
      stop->departure_soc = d * s->o.soc_step;
      stop->energy_kwh = (d - a) * s->o.soc_step / 100.0 * s->car->battery_kwh;
      stop->power_kw = st->kw;
      stop->charge_minutes = ch / 60000.0;
      stop->arrival_minutes = t / 60000.0;
      t += stop_ms + ch;
      stop->departure_minutes = t / 60000.0;
      stop->n_usable = st->n_usable;
      stop->n_available = st->n_available;
      stop->has_restaurant = st->restaurant;
      detour += 2 * off;
      charge += ch;
      stops_ms += stop_ms;
      pos_ms = drive;
      back_ms = off;
      add_estimate (plan, stop, st);

      if (stop->estimate != NULL && !mixed)
        {
          if (plan->cost_currency == NULL)
            plan->cost_currency = g_strdup (stop->estimate->currency);
          else if (g_strcmp0 (plan->cost_currency, stop->estimate->currency) != 0)
            mixed = TRUE;
          plan->cost_total += stop->estimate->total_incl;
        }
      g_ptr_array_add (plan->stops, stop);
    }

  plan->drive_minutes = ms_for (s->length_km, s->o.speed_kmh) / 60000.0;
  plan->detour_minutes = detour / 60000.0;
  plan->charge_minutes = charge / 60000.0;
  plan->stop_minutes = stops_ms / 60000.0;
  plan->total_minutes = plan->drive_minutes + plan->detour_minutes + plan->charge_minutes +
                        plan->stop_minutes;
  plan->arrival_soc = arrival_level * s->o.soc_step;
  if (mixed)
    {
      g_clear_pointer (&plan->cost_currency, g_free);
      plan->cost_total = 0;
    }
  plan->cost_complete = !mixed && plan->cost_currency != NULL;
  for (guint k = 0; k < plan->stops->len && plan->cost_complete; k++)
    if (((CwPlanStop *) g_ptr_array_index (plan->stops, k))->estimate == NULL)
      plan->cost_complete = FALSE;
  return plan;
}

static CwPlan *
plan_with (CwRoute               *route,
           const CwCarProfile    *car,
           const CwPlanOptions   *options,
           const CwPlanCandidate *candidates,
           guint                  n_candidates,
           gboolean               naive,
           CwPlanGap             *gap,
           GError               **error)
{
  Search s = { 0 };
  Pass pass = { 0 };
  CwPlanGap local_gap;
  const Label *arrival = NULL;
  gint arrival_level = 0;
  gint64 p_dest;
  CwPlan *plan = NULL;
  g_autoptr (GError) car_error = NULL;

  g_return_val_if_fail (route != NULL, NULL);
  g_return_val_if_fail (car != NULL, NULL);
  g_return_val_if_fail (candidates != NULL || n_candidates == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cw_car_profile_validate (car, &car_error))
    {
      g_set_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_INVALID, "%s", car_error->message);
      return NULL;
    }
  if (options != NULL)
    s.o = *options;
  else
    cw_plan_options_init (&s.o);
  if (!check_options (&s.o, error))
    return NULL;
  if (s.o.now == 0)
    s.o.now = g_get_real_time () / G_USEC_PER_SEC;

  s.car = car;
  s.length_km = cw_route_get_length_km (route);
  s.levels = (gint) llround (100.0 / s.o.soc_step);
  s.cp = cw_car_profile_consumption_wh_km (car, s.o.speed_kmh, s.o.temperature_c) /
         (car->battery_kwh * 10.0 * s.o.soc_step);
  s.start = (gint) floor (s.o.start_soc / s.o.soc_step + 1e-9);
  s.min_stop = (gint) ceil (s.o.min_stop_soc / s.o.soc_step - 1e-9);
  s.min_arrival = (gint) ceil (s.o.min_arrival_soc / s.o.soc_step - 1e-9);
  s.max_level = (gint) floor (s.o.max_soc / s.o.soc_step + 1e-9);
  /* the table of potentials spans the route's length in levels */
  if (!isfinite (s.length_km) || !isfinite (s.cp) ||
      (s.length_km + 2 * MAX_OFFSET_KM) * s.cp + s.levels > (double) MAX_LABELS)
    {
      g_set_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_INVALID,
                   "The route is too long to plan (%.0f km)", s.length_km);
      return NULL;
    }
  s.goal = (gint64) ceil (s.length_km * s.cp - ROUND_SLACK) + s.min_arrival;
  s.stops = g_array_new (FALSE, FALSE, sizeof (Stop));
  s.curves = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  prepare_stops (&s, candidates, n_candidates);
  if ((gsize) s.stops->len * (s.levels + 1) > MAX_LABELS)
    {
      g_set_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_INVALID,
                   "Too many stations to plan with (%u) at charge steps of %g %%: narrow the "
                   "corridor or take larger steps", s.stops->len, s.o.soc_step);
      g_array_unref (s.stops);
      g_hash_table_unref (s.curves);
      return NULL;
    }
  if (naive)
    run_pass_naive (&s, &pass);
  else
    run_pass (&s, &pass);

  p_dest = (gint64) ceil (s.length_km * s.cp - ROUND_SLACK);
  for (gint64 a = s.min_arrival; a <= s.levels; a++)
    {
      const Label *l = best_at (&pass, a + p_dest);

      if (l == NULL || l->time == NO_TIME)
        continue;
      /* every label gets the same drive to the end: compare as they are */
      if (arrival == NULL || label_better (l, arrival))
        {
          arrival = l;
          arrival_level = (gint) a;
        }
    }

  if (arrival != NULL)
    plan = build_plan (&s, &pass, arrival->label, arrival_level);
  else
    find_gap (&s, gap ? gap : &local_gap, error);

  pass_clear (&pass);
  g_array_unref (s.stops);
  g_hash_table_unref (s.curves);
  return plan;
}

CwPlan *
cw_planner_plan (CwRoute               *route,
                 const CwCarProfile    *car,
                 const CwPlanOptions   *options,
                 const CwPlanCandidate *candidates,
                 guint                  n_candidates,
                 CwPlanGap             *gap,
                 GError               **error)
{
  return plan_with (route, car, options, candidates, n_candidates, FALSE, gap, error);
}

CwPlan *
cw_planner_plan_naive (CwRoute               *route,
                       const CwCarProfile    *car,
                       const CwPlanOptions   *options,
                       const CwPlanCandidate *candidates,
                       guint                  n_candidates,
                       CwPlanGap             *gap,
                       GError               **error)
{
  return plan_with (route, car, options, candidates, n_candidates, TRUE, gap, error);
}
