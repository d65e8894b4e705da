/* test-demo-sim.c: the seeded charging-session simulation
 *
 * Deterministic for a seed, arrivals follow the time of day, PLANNED
 * and REMOVED EVSEs never move, every change is a valid transition.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "cw-demo-sim.h"

/* 2026-11-23 00:00 UTC, a Monday: 01:00 in the sim's CET. */
#define START ((gint64) 1795392000)
#define HOUR  3600
#define DAY   (24 * HOUR)

typedef struct {
  guint         n;
  CwEvseStatus *initial;
  gboolean     *is_dc;
} Fleet;

static void
fleet_clear (Fleet *f)
{
  g_free (f->initial);
  g_free (f->is_dc);
}

/* A mixed fleet: every status, a third DC, a few PLANNED and REMOVED. */
static Fleet
fleet_mixed (guint n)
{
  static const CwEvseStatus cycle[] = {
    CW_EVSE_STATUS_AVAILABLE, CW_EVSE_STATUS_AVAILABLE, CW_EVSE_STATUS_CHARGING,
    CW_EVSE_STATUS_AVAILABLE, CW_EVSE_STATUS_RESERVED, CW_EVSE_STATUS_BLOCKED,
    CW_EVSE_STATUS_AVAILABLE, CW_EVSE_STATUS_INOPERATIVE, CW_EVSE_STATUS_OUTOFORDER,
    CW_EVSE_STATUS_UNKNOWN, CW_EVSE_STATUS_PLANNED, CW_EVSE_STATUS_CHARGING,
    CW_EVSE_STATUS_AVAILABLE, CW_EVSE_STATUS_REMOVED,
  };
  Fleet f = { n, g_new0 (CwEvseStatus, n), g_new0 (gboolean, n) };

  for (guint i = 0; i < n; i++)
    {
      f.initial[i] = cycle[i % G_N_ELEMENTS (cycle)];
      f.is_dc[i] = i % 3 == 0;
    }
  return f;
}

static Fleet
fleet_uniform (guint        n,
               CwEvseStatus status,
               gboolean     is_dc)
{
  Fleet f = { n, g_new0 (CwEvseStatus, n), g_new0 (gboolean, n) };

  for (guint i = 0; i < n; i++)
    {
      f.initial[i] = status;
      f.is_dc[i] = is_dc;
    }
  return f;
}

static GArray *
run (Fleet   *f,
     guint32  seed,
     gint64   start,
     gint64   end,
     gint64   step)
{
  g_autoptr (CwDemoSim) sim = cw_demo_sim_new (f->initial, f->is_dc, f->n, seed, start);
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (CwDemoChange));

  for (gint64 t = start + step; t < end; t += step)
    cw_demo_sim_advance (sim, t, changes);
  cw_demo_sim_advance (sim, end, changes);
  return changes;
}

static gboolean
same_changes (GArray *a,
              GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      CwDemoChange *x = &g_array_index (a, CwDemoChange, i);
      CwDemoChange *y = &g_array_index (b, CwDemoChange, i);
      if (x->evse != y->evse || x->status != y->status)
        return FALSE;
    }
  return TRUE;
}

static void
test_deterministic (void)
{
  Fleet f = fleet_mixed (500);
  g_autoptr (GArray) a = run (&f, 42, START, START + 2 * DAY, 60);
  g_autoptr (GArray) b = run (&f, 42, START, START + 2 * DAY, 60);
  g_autoptr (GArray) one_step = run (&f, 42, START, START + 2 * DAY, 2 * DAY);
  g_autoptr (GArray) odd_steps = run (&f, 42, START, START + 2 * DAY, 997);
  g_autoptr (GArray) other = run (&f, 43, START, START + 2 * DAY, 60);

  g_assert_cmpuint (a->len, >, 1000);
  g_assert_true (same_changes (a, b));
  /* How often it is advanced does not change what happens. */
  g_assert_true (same_changes (a, one_step));
  g_assert_true (same_changes (a, odd_steps));
  /* Another seed, another day. */
  g_assert_false (same_changes (a, other));
  fleet_clear (&f);
}

static void
test_final_state_matches_changes (void)
{
  Fleet f = fleet_mixed (300);
  g_autoptr (CwDemoSim) sim = cw_demo_sim_new (f.initial, f.is_dc, f.n, 7, START);
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (CwDemoChange));
  g_autofree CwEvseStatus *state = g_memdup2 (f.initial, f.n * sizeof (CwEvseStatus));

  for (guint i = 0; i < f.n; i++)
    g_assert_cmpint (cw_demo_sim_get_status (sim, i), ==, f.initial[i]);
  cw_demo_sim_advance (sim, START + 3 * DAY, changes);
  for (guint i = 0; i < changes->len; i++)
    {
      CwDemoChange *c = &g_array_index (changes, CwDemoChange, i);
      g_assert_cmpuint (c->evse, <, f.n);
      state[c->evse] = c->status;
    }
  for (guint i = 0; i < f.n; i++)
    g_assert_cmpint (cw_demo_sim_get_status (sim, i), ==, state[i]);
  fleet_clear (&f);
}

static gboolean
transition_valid (CwEvseStatus from,
                  CwEvseStatus to)
{
  switch (from)
    {
    case CW_EVSE_STATUS_AVAILABLE:
      return to == CW_EVSE_STATUS_CHARGING || to == CW_EVSE_STATUS_RESERVED ||
             to == CW_EVSE_STATUS_OUTOFORDER;
    case CW_EVSE_STATUS_CHARGING:
      return to == CW_EVSE_STATUS_AVAILABLE || to == CW_EVSE_STATUS_BLOCKED;
    case CW_EVSE_STATUS_RESERVED:
      return to == CW_EVSE_STATUS_CHARGING || to == CW_EVSE_STATUS_AVAILABLE;
    case CW_EVSE_STATUS_BLOCKED:
    case CW_EVSE_STATUS_INOPERATIVE:
    case CW_EVSE_STATUS_OUTOFORDER:
    case CW_EVSE_STATUS_UNKNOWN:
      return to == CW_EVSE_STATUS_AVAILABLE;
    case CW_EVSE_STATUS_PLANNED:
    case CW_EVSE_STATUS_REMOVED:
    case CW_N_EVSE_STATUS:
    default:
      return FALSE;
    }
}

static void
test_valid_changes (void)
{
  Fleet f = fleet_mixed (700);
  g_autoptr (GArray) changes = run (&f, 2026, START, START + 7 * DAY, 300);
  g_autofree CwEvseStatus *state = g_memdup2 (f.initial, f.n * sizeof (CwEvseStatus));
  guint seen[CW_N_EVSE_STATUS] = { 0 };

  for (guint i = 0; i < changes->len; i++)
    {
      CwDemoChange *c = &g_array_index (changes, CwDemoChange, i);

      g_assert_cmpuint (c->evse, <, f.n);
      g_assert_cmpint (c->status, >=, 0);
      g_assert_cmpint (c->status, <, CW_N_EVSE_STATUS);
      g_assert_cmpint (c->status, !=, CW_EVSE_STATUS_PLANNED);
      g_assert_cmpint (c->status, !=, CW_EVSE_STATUS_REMOVED);
      g_assert_cmpint (c->status, !=, CW_EVSE_STATUS_UNKNOWN);
      g_assert_cmpstr (cw_evse_status_to_string (c->status), !=, NULL);
      if (!transition_valid (state[c->evse], c->status))
        g_error ("EVSE %u: %s → %s is not a transition the sim makes", c->evse,
                 cw_evse_status_to_string (state[c->evse]), cw_evse_status_to_string (c->status));
      state[c->evse] = c->status;
      seen[c->status]++;
    }
  /* A week of a 700-EVSE fleet: sessions, idle cars, reservations and faults. */
  g_assert_cmpuint (seen[CW_EVSE_STATUS_CHARGING], >, 1000);
  g_assert_cmpuint (seen[CW_EVSE_STATUS_AVAILABLE], >, 1000);
  g_assert_cmpuint (seen[CW_EVSE_STATUS_BLOCKED], >, 10);
  g_assert_cmpuint (seen[CW_EVSE_STATUS_RESERVED], >, 10);
  g_assert_cmpuint (seen[CW_EVSE_STATUS_OUTOFORDER], >, 0);
  fleet_clear (&f);
}

static void
test_frozen (void)
{
  Fleet f = fleet_mixed (280);
  g_autoptr (CwDemoSim) sim = cw_demo_sim_new (f.initial, f.is_dc, f.n, 99, START);
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (CwDemoChange));
  guint n_frozen = 0;

  for (gint64 t = START; t <= START + 14 * DAY; t += HOUR)
    cw_demo_sim_advance (sim, t, changes);
  g_assert_cmpuint (changes->len, >, 0);
  for (guint i = 0; i < changes->len; i++)
    {
      CwDemoChange *c = &g_array_index (changes, CwDemoChange, i);
      g_assert_cmpint (f.initial[c->evse], !=, CW_EVSE_STATUS_PLANNED);
      g_assert_cmpint (f.initial[c->evse], !=, CW_EVSE_STATUS_REMOVED);
    }
  for (guint i = 0; i < f.n; i++)
    if (f.initial[i] == CW_EVSE_STATUS_PLANNED || f.initial[i] == CW_EVSE_STATUS_REMOVED)
      {
        g_assert_cmpint (cw_demo_sim_get_status (sim, i), ==, f.initial[i]);
        n_frozen++;
      }
  g_assert_cmpuint (n_frozen, ==, 40);
  fleet_clear (&f);

  /* All frozen: nothing ever happens. */
  {
    Fleet planned = fleet_uniform (50, CW_EVSE_STATUS_PLANNED, TRUE);
    g_autoptr (GArray) none = run (&planned, 1, START, START + 30 * DAY, DAY);
    g_assert_cmpuint (none->len, ==, 0);
    fleet_clear (&planned);
  }
}

static void
test_rate_curve (void)
{
  for (int dc = 0; dc <= 1; dc++)
    {
      double night = cw_demo_sim_arrival_rate (3.0, dc);
      double evening = cw_demo_sim_arrival_rate (18.0, dc);

      g_assert_cmpfloat (evening, >, 2 * night);
      g_assert_cmpfloat (cw_demo_sim_arrival_rate (8.5, dc), >, night);
      for (double h = 0; h < 24; h += 0.25)
        {
          double r = cw_demo_sim_arrival_rate (h, dc);
          g_assert_true (isfinite (r));
          g_assert_cmpfloat (r, >, 0);
          /* The hour wraps: 24 + h is h. */
          g_assert_cmpfloat_with_epsilon (cw_demo_sim_arrival_rate (h + 24, dc), r, 1e-9);
        }
    }
  /* Fast chargers see more drivers. */
  g_assert_cmpfloat (cw_demo_sim_arrival_rate (18.0, TRUE), >, cw_demo_sim_arrival_rate (18.0, FALSE));
}

/* What the sim does, not only what the curve says: count arrivals
 * (AVAILABLE → CHARGING or RESERVED) by local hour over two weeks. */
static void
test_arrivals_by_hour (void)
{
  Fleet f = fleet_uniform (1500, CW_EVSE_STATUS_AVAILABLE, FALSE);
  g_autoptr (CwDemoSim) sim = NULL;
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (CwDemoChange));
  g_autofree CwEvseStatus *state = NULL;
  guint per_hour[24] = { 0 };

  for (guint i = 0; i < f.n; i++)
    f.is_dc[i] = i % 2;
  sim = cw_demo_sim_new (f.initial, f.is_dc, f.n, 5, START);
  state = g_memdup2 (f.initial, f.n * sizeof (CwEvseStatus));
  /* A day to settle, then two weeks counted. */
  cw_demo_sim_advance (sim, START + DAY, NULL);
  for (guint i = 0; i < f.n; i++)
    state[i] = cw_demo_sim_get_status (sim, i);

  for (gint64 t = START + DAY; t < START + 15 * DAY; t += HOUR)
    {
      guint local_hour = (guint) (((t + HOUR) / HOUR) % 24);   /* CET, as the sim */

      g_array_set_size (changes, 0);
      cw_demo_sim_advance (sim, t + HOUR, changes);
      for (guint i = 0; i < changes->len; i++)
        {
          CwDemoChange *c = &g_array_index (changes, CwDemoChange, i);
          if (state[c->evse] == CW_EVSE_STATUS_AVAILABLE &&
              (c->status == CW_EVSE_STATUS_CHARGING || c->status == CW_EVSE_STATUS_RESERVED))
            per_hour[local_hour]++;
          state[c->evse] = c->status;
        }
    }

  g_test_message ("arrivals in the hour from 03:00: %u, from 18:00: %u", per_hour[3], per_hour[18]);
  g_assert_cmpuint (per_hour[18], >, per_hour[3]);
  if (per_hour[18] < 2 * per_hour[3])
    {
      /* The curve says ×7; the waits are drawn at the rate of the hour
       * an EVSE became free, so a long night wait spills into the day. */
      g_test_message ("arrivals follow the curve only loosely: ×%.1f where the rate is ×%.1f",
                      (double) per_hour[18] / MAX (1, per_hour[3]),
                      cw_demo_sim_arrival_rate (18, FALSE) / cw_demo_sim_arrival_rate (3, FALSE));
    }
  fleet_clear (&f);
}

/* Fast DC sessions are minutes, AC ones hours. */
static void
test_session_lengths (void)
{
  Fleet f = fleet_uniform (600, CW_EVSE_STATUS_AVAILABLE, FALSE);
  g_autoptr (CwDemoSim) sim = NULL;
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (CwDemoChange));
  g_autofree gint64 *since = g_new0 (gint64, 600);
  double total[2] = { 0, 0 };
  guint count[2] = { 0, 0 };

  for (guint i = 0; i < f.n; i++)
    f.is_dc[i] = i % 2;
  sim = cw_demo_sim_new (f.initial, f.is_dc, f.n, 11, START);

  for (gint64 t = START + 60; t <= START + 4 * DAY; t += 60)
    {
      g_array_set_size (changes, 0);
      cw_demo_sim_advance (sim, t, changes);
      for (guint i = 0; i < changes->len; i++)
        {
          CwDemoChange *c = &g_array_index (changes, CwDemoChange, i);

          if (c->status == CW_EVSE_STATUS_CHARGING)
            since[c->evse] = t;
          else if (since[c->evse] != 0)
            {
              total[f.is_dc[c->evse]] += t - since[c->evse];
              count[f.is_dc[c->evse]]++;
              since[c->evse] = 0;
            }
        }
    }
  g_assert_cmpuint (count[0], >, 100);
  g_assert_cmpuint (count[1], >, 100);
  g_test_message ("mean session: AC %.0f min, DC %.0f min",
                  total[0] / count[0] / 60, total[1] / count[1] / 60);
  /* DC: 10 min + ~15 min; AC: 30 min + ~2 h. */
  g_assert_cmpfloat (total[1] / count[1], >, 15 * 60);
  g_assert_cmpfloat (total[1] / count[1], <, 40 * 60);
  g_assert_cmpfloat (total[0] / count[0], >, 90 * 60);
  g_assert_cmpfloat (total[0] / count[0], <, 4 * 60 * 60);
  fleet_clear (&f);
}

static void
test_edges (void)
{
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (CwDemoChange));
  Fleet f = fleet_mixed (20);
  g_autoptr (CwDemoSim) empty = cw_demo_sim_new (NULL, NULL, 0, 1, START);
  g_autoptr (CwDemoSim) sim = cw_demo_sim_new (f.initial, f.is_dc, f.n, 1, START);
  guint n;

  cw_demo_sim_advance (empty, START + 30 * DAY, changes);
  g_assert_cmpuint (changes->len, ==, 0);

  /* Time never runs back: an earlier now is nothing to do. */
  cw_demo_sim_advance (sim, START + DAY, changes);
  n = changes->len;
  g_assert_cmpuint (n, >, 0);
  cw_demo_sim_advance (sim, START, changes);
  cw_demo_sim_advance (sim, START + DAY, changes);
  g_assert_cmpuint (changes->len, ==, n);
  /* NULL changes: it still advances. */
  cw_demo_sim_advance (sim, START + 2 * DAY, NULL);
  cw_demo_sim_advance (sim, START + 2 * DAY, changes);
  g_assert_cmpuint (changes->len, ==, n);
  fleet_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo-sim/deterministic", test_deterministic);
  g_test_add_func ("/demo-sim/final-state", test_final_state_matches_changes);
  g_test_add_func ("/demo-sim/valid-changes", test_valid_changes);
  g_test_add_func ("/demo-sim/frozen", test_frozen);
  g_test_add_func ("/demo-sim/rate-curve", test_rate_curve);
  g_test_add_func ("/demo-sim/arrivals-by-hour", test_arrivals_by_hour);
  g_test_add_func ("/demo-sim/session-lengths", test_session_lengths);
  g_test_add_func ("/demo-sim/edges", test_edges);

  return g_test_run ();
}
