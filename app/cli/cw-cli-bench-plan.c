/* cw-cli-bench-plan.c: `chargeway-cli bench plan`
 *
 * The trip planner on the corridor benchmark's 1,000 km drive with N
 * candidate stations (5,000 by default) taken evenly along it from
 * cw-synth's realistic ones within 10 km, with shared tariffs and a few
 * stations out of order. The baseline is cw_planner_plan_naive (), the
 * same model solved over every pair of stations, run in the same
 * process on a sample of the candidates (every k-th along the route);
 * the label-setting pass is timed on that sample too, and both plans
 * must agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-cli"

#include <math.h>
#include <stdio.h>

#include "cw-cli-bench-private.h"
#include "cw-corridor.h"
#include "cw-planner.h"
#include "cw-synth.h"

#define ROUTE_POINTS   20000
#define POOL           200000
#define CORRIDOR_KM    10.0
#define TARGET_MS      50.0
#define NOW            1790000000   /* a fixed departure, for tariffs by time of day */

static CwTariff *
tariff_new (const char *id,
            double      per_kwh,
            double      parking_per_hour)
{
  CwTariff *t = cw_tariff_new ();
  CwTariffElement *e = cw_tariff_element_new ();
  CwPriceComponent energy = { CW_TARIFF_DIMENSION_ENERGY, per_kwh, 21.0, 1 };

  t->id = g_strdup (id);
  t->currency = g_strdup ("EUR");
  g_array_append_val (e->components, energy);
  if (parking_per_hour > 0)
    {
      CwPriceComponent park = { CW_TARIFF_DIMENSION_PARKING_TIME, parking_per_hour, 21.0, 60 };
      g_array_append_val (e->components, park);
    }
  g_ptr_array_add (t->elements, e);
  return t;
}

/* Networks share tariffs: a few for DC, a few for AC, by station. */
static void
add_tariffs (CwStation *station,
             guint      i,
             CwTariff **dc,
             CwTariff **ac)
{
  for (guint e = 0; e < station->n_evses; e++)
    {
      CwEvse *evse = &station->evses[e];

      for (guint c = 0; c < evse->n_connectors; c++)
        {
          CwConnector *con = &cw_evse_get_connectors (evse)[c];
          gboolean is_dc = con->power_type == CW_POWER_TYPE_DC;

          cw_connector_set_tariff (con, is_dc ? dc[i % 4] : ac[i % 2]);
        }
    }
  /* one in 33 out of order */
  if (i % 33 == 7)
    for (guint e = 0; e < station->n_evses; e++)
      station->evses[e].status = CW_EVSE_STATUS_OUTOFORDER;
}

static gboolean
same_plan (const CwPlan *a,
           const CwPlan *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->stops->len != b->stops->len || a->total_minutes != b->total_minutes)
    return FALSE;
  for (guint i = 0; i < a->stops->len; i++)
    {
      const CwPlanStop *x = g_ptr_array_index (a->stops, i);
      const CwPlanStop *y = g_ptr_array_index (b->stops, i);

      if (x->station != y->station || x->arrival_soc != y->arrival_soc || x->departure_soc != y->departure_soc)
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  double wall_ms;
  double cpu_ms;
  double fastest;
  double slowest;
} Timing;

static CwPlan *
time_plan (CwRoute               *route,
           const CwCarProfile    *car,
           const CwPlanOptions   *o,
           const CwPlanCandidate *cands,
           guint                  n,
           guint                  runs,
           gboolean               naive,
           Timing                *t)
{
  g_autofree double *wall = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  CwPlan *plan = NULL;

  t->fastest = G_MAXDOUBLE;
  t->slowest = 0;
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr (GError) error = NULL;
      double c0 = cw_cli_bench_thread_cpu_ms ();
      gint64 t0 = g_get_monotonic_time ();

      g_clear_pointer (&plan, cw_plan_unref);
      plan = naive ? cw_planner_plan_naive (route, car, o, cands, n, NULL, &error)
                   : cw_planner_plan (route, car, o, cands, n, NULL, &error);
      wall[r] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[r] = cw_cli_bench_thread_cpu_ms () - c0;
      t->fastest = MIN (t->fastest, wall[r]);
      t->slowest = MAX (t->slowest, wall[r]);
      if (plan == NULL)
        g_printerr ("bench plan: %s\n", error->message);
    }
  t->wall_ms = cw_cli_bench_median (wall, runs);
  t->cpu_ms = cw_cli_bench_median (cpu, runs);
  return plan;
}

static void
describe_plan (const CwPlan *plan)
{
  g_autofree char *stops = NULL;
  GString *s = g_string_new (NULL);

  if (plan == NULL)
    {
      cw_cli_bench_row ("plan", "%10s", "none (impossible)");
      g_string_free (s, TRUE);
      return;
    }
  for (guint i = 0; i < plan->stops->len; i++)
    {
      const CwPlanStop *st = g_ptr_array_index (plan->stops, i);
      g_string_append_printf (s, "%skm %.0f (%.0f→%.0f %%, %.0f kW, %.0f min)", i ? ", " : "",
                              st->along_km, st->arrival_soc, st->departure_soc, st->power_kw, st->charge_minutes);
    }
  stops = g_string_free (s, FALSE);
  cw_cli_bench_row ("plan: stops, total time", "%10u stops, %.0f min (%.0f driving, %.0f charging)",
                    plan->stops->len, plan->total_minutes, plan->drive_minutes, plan->charge_minutes);
  cw_cli_bench_row ("stops", "%s", stops);
}

int
cw_cli_bench_plan (guint   n,
                   guint   runs,
                   guint32 seed,
                   guint   sample)
{
  g_autofree CwLatLon *points = NULL;
  g_autofree char *path = NULL;
  g_autoptr (CwRoute) route = NULL;
  g_autoptr (CwSynthStations) pool = NULL;
  g_autoptr (GArray) hits = NULL;
  g_autoptr (GPtrArray) stations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) cands = g_array_new (FALSE, FALSE, sizeof (CwPlanCandidate));
  g_autoptr (GArray) few = g_array_new (FALSE, FALSE, sizeof (CwPlanCandidate));
  g_autoptr (CwCarProfile) car = cw_car_profile_new_builtin ("generic-mid-size");
  g_autoptr (CwPlan) plan = NULL;
  g_autoptr (CwPlan) fast_few = NULL;
  g_autoptr (CwPlan) naive_few = NULL;
  CwTariff *dc[4], *ac[2];
  CwPlanOptions o;
  Timing t, tf, tn;
  guint k, stride, w;
  double scaled;
  gboolean same;
  gint64 t0;

  if (n == 0 || sample == 0)
    {
      g_printerr ("chargeway-cli bench plan: --stations and --naive-sample must be positive\n");
      return 2;
    }

  g_print ("chargeway-cli bench plan: %u candidate stations along a 1,000 km drive (seed %u), %u runs\n",
           n, seed, runs);
  cw_cli_bench_row ("CPUs, and the load average as the bench starts", "%10u CPUs, load %.2f",
                    g_get_num_processors (), cw_cli_bench_load_average ());

  t0 = g_get_monotonic_time ();
  points = cw_cli_bench_make_drive (ROUTE_POINTS, &path);
  route = cw_route_new (points, ROUTE_POINTS);
  pool = cw_synth_stations_new (POOL, seed);
  hits = cw_corridor_query_points (pool->lat, pool->lon, pool->n, route, CORRIDOR_KM);
  if (hits->len < n)
    {
      g_printerr ("chargeway-cli bench plan: only %u synthetic stations lie within %g km of the route; "
                  "ask for at most that many\n", hits->len, CORRIDOR_KM);
      return 2;
    }
  dc[0] = tariff_new ("DC-A", 0.49, 0);
  dc[1] = tariff_new ("DC-B", 0.59, 12.0);
  dc[2] = tariff_new ("DC-C", 0.69, 0);
  dc[3] = tariff_new ("DC-D", 0.79, 6.0);
  ac[0] = tariff_new ("AC-A", 0.35, 0);
  ac[1] = tariff_new ("AC-B", 0.45, 3.0);
  /* n of them, evenly along the route */
  for (guint i = 0; i < n; i++)
    {
      const CwCorridorHit *h = &g_array_index (hits, CwCorridorHit, (gsize) i * hits->len / n);
      g_autoptr (GPtrArray) one = cw_synth_stations_to_objects (pool, "synth", h->id, 1);
      CwPlanCandidate c;

      c.station = g_object_ref (g_ptr_array_index (one, 0));
      add_tariffs (c.station, i, dc, ac);
      c.along_km = h->along_km;
      c.offset_km = h->offset_km;
      g_ptr_array_add (stations, c.station);
      g_array_append_val (cands, c);
    }
  for (guint i = 0; i < 4; i++)
    cw_tariff_unref (dc[i]);
  for (guint i = 0; i < 2; i++)
    cw_tariff_unref (ac[i]);

  g_print ("Route %s: %.1f km, %u points; candidates within %g km of it\n", path,
           cw_route_get_length_km (route), ROUTE_POINTS, CORRIDOR_KM);
  cw_cli_bench_row ("preparing route and stations (not timed below)", "%10.1f ms",
                    (g_get_monotonic_time () - t0) / 1000.0);
  cw_plan_options_init (&o);
  o.now = NOW;
  w = (guint) llround (100.0 / o.soc_step) + 1;
  cw_cli_bench_row ("car; charge levels", "%10s, start %.0f %%, min %.0f %%; %u levels of %.1f %%",
                    car->id, o.start_soc, o.min_stop_soc, w, o.soc_step);

  g_print ("The planner (label-setting over station × charge level)\n");
  plan = time_plan (route, car, &o, (const CwPlanCandidate *) (void *) cands->data, n, runs, FALSE, &t);
  {
    g_autofree char *label = g_strdup_printf ("%u candidates, median of %u runs", n, runs);
    cw_cli_bench_row (label, "%10.2f ms  wall clock (fastest %.2f, slowest %.2f)", t.wall_ms, t.fastest,
                      t.slowest);
  }
  cw_cli_bench_row ("the same, CPU time of the thread", "%10.2f ms  median", t.cpu_ms);
  if (n == 5000)
    cw_cli_bench_row ("target", "%10.0f ms or less: %s on the wall clock, %s in CPU time", TARGET_MS,
                      t.wall_ms <= TARGET_MS ? "met" : "NOT MET", t.cpu_ms <= TARGET_MS ? "met" : "NOT MET");
  describe_plan (plan);

  /* the baseline, on every stride-th candidate */
  stride = MAX (1, n / MIN (sample, n));
  for (guint i = 0; i < n; i += stride)
    g_array_append_vals (few, &g_array_index (cands, CwPlanCandidate, i), 1);
  k = few->len;
  g_print ("Naive baseline: every pair of stations × every level, on every %u%s candidate (%u)\n", stride,
           stride == 1 ? "st" : stride == 2 ? "nd" : stride == 3 ? "rd" : "th", k);
  fast_few = time_plan (route, car, &o, (const CwPlanCandidate *) (void *) few->data, k, runs, FALSE, &tf);
  naive_few = time_plan (route, car, &o, (const CwPlanCandidate *) (void *) few->data, k,
                         MAX (1, MIN (runs, 3)), TRUE, &tn);
  same = same_plan (fast_few, naive_few);
  {
    g_autofree char *l1 = g_strdup_printf ("planner on the %u, median of %u runs", k, runs);
    g_autofree char *l2 = g_strdup_printf ("naive on the %u, median of %u runs", k, MAX (1, MIN (runs, 3)));

    cw_cli_bench_row (l1, "%10.2f ms", tf.wall_ms);
    cw_cli_bench_row (l2, "%10.2f ms  (%s)", tn.wall_ms,
                      same ? "the same plan, stop for stop" : "a DIFFERENT plan");
  }
  cw_cli_bench_row ("ratio, both measured on the sample", "%10.0f ×", tn.wall_ms / MAX (tf.wall_ms, 1e-3));
  scaled = tn.wall_ms * ((double) n / k) * ((double) n / k);
  {
    g_autofree char *label = g_strdup_printf ("naive at %u candidates", n);

    if (k < n)
      cw_cli_bench_row (label, "%10.0f ms  scaled by (%u / %u)², not run", scaled, n, k);
    else
      cw_cli_bench_row (label, "%10.0f ms  measured", scaled);
    cw_cli_bench_row (k < n ? "ratio, scaled naive / measured planner" : "ratio, both measured",
                      "%10.0f ×", scaled / MAX (t.wall_ms, 1e-3));
  }

  g_print ("Memory\n");
  cw_cli_bench_row ("the planner's tables for the full run", "%10.1f MiB (%u × %u labels' back-links)",
                    ((double) n * w * (sizeof (guint32) + sizeof (gint16))) / 1048576.0, n, w);
  cw_cli_bench_row ("peak RSS of the process (VmHWM)", "%10.1f MiB", cw_cli_bench_peak_rss_mib ());

  return same && plan != NULL ? 0 : 1;
}
