/* cw-demo-sim.c
 *
 * Each EVSE has one pending event (its next state change); advancing
 * pops events in time order from a heap. With thousands of EVSEs and
 * minutes between events this is cheap enough to run every second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-demo-sim"

#include <math.h>

#include "cw-demo-sim.h"

typedef struct {
  CwEvseStatus status;
  gboolean     is_dc;
  gboolean     frozen;
  gint64       next;       /* unix seconds of the next change */
} EvseState;

struct _CwDemoSim
{
  GRand     *rand;
  EvseState *evses;
  guint      n;
  guint     *heap;         /* EVSE indices, min-heap on next */
  guint      heap_len;
  gint64     now;
};

/* Drivers charge by day: few at night, a morning and an evening peak.
 * The figures are a plausible shape, not measurements. */
double
cw_demo_sim_arrival_rate (double   hour_of_day,
                          gboolean is_dc)
{
  double h = fmod (hour_of_day, 24.0);
  double base = is_dc ? 0.55 : 0.22;
  double morning = exp (-pow ((h - 8.5) / 2.0, 2));
  double noon = 0.6 * exp (-pow ((h - 13.0) / 2.5, 2));
  double evening = 0.9 * exp (-pow ((h - 18.0) / 2.2, 2));

  if (h < 0)
    h += 24.0;
  return base * (0.15 + morning + noon + evening);
}

static double
exp_sample (GRand  *rand,
            double  mean)
{
  return -mean * log (1.0 - g_rand_double (rand));
}

static double
hour_of (gint64 t)
{
  /* The demo network lies in CET; an hour off in summer does not matter. */
  return fmod ((double) (t + 3600) / 3600.0, 24.0);
}

static gint64
schedule (CwDemoSim *sim,
          EvseState *e,
          gint64     from)
{
  double seconds;

  switch (e->status)
    {
    case CW_EVSE_STATUS_AVAILABLE:
      /* Time to the next arrival, at the rate of the current hour. */
      seconds = exp_sample (sim->rand, 3600.0 / cw_demo_sim_arrival_rate (hour_of (from), e->is_dc));
      break;
    case CW_EVSE_STATUS_CHARGING:
      /* Fast charging ~25 min, AC ~2.5 h, with a long tail. */
      seconds = e->is_dc ? 600 + exp_sample (sim->rand, 900) : 1800 + exp_sample (sim->rand, 7200);
      break;
    case CW_EVSE_STATUS_BLOCKED:
      seconds = 300 + exp_sample (sim->rand, 900);      /* an idle car, moved on */
      break;
    case CW_EVSE_STATUS_RESERVED:
      seconds = 300 + exp_sample (sim->rand, 600);
      break;
    case CW_EVSE_STATUS_INOPERATIVE:
    case CW_EVSE_STATUS_OUTOFORDER:
      seconds = 3600 + exp_sample (sim->rand, 4 * 3600); /* a repair visit */
      break;
    case CW_EVSE_STATUS_UNKNOWN:
      seconds = 60 + exp_sample (sim->rand, 600);       /* the link comes back */
      break;
    case CW_EVSE_STATUS_PLANNED:
    case CW_EVSE_STATUS_REMOVED:
    case CW_N_EVSE_STATUS:
    default:
      return G_MAXINT64;
    }
  return from + (gint64) MAX (1.0, seconds);
}

static CwEvseStatus
next_status (CwDemoSim *sim,
             EvseState *e)
{
  double r = g_rand_double (sim->rand);

  switch (e->status)
    {
    case CW_EVSE_STATUS_AVAILABLE:
      if (r < 0.004)
        return CW_EVSE_STATUS_OUTOFORDER;
      if (r < 0.03)
        return CW_EVSE_STATUS_RESERVED;
      return CW_EVSE_STATUS_CHARGING;
    case CW_EVSE_STATUS_CHARGING:
      /* Some drivers leave the car after charging: the idle fee's reason. */
      return r < 0.12 ? CW_EVSE_STATUS_BLOCKED : CW_EVSE_STATUS_AVAILABLE;
    case CW_EVSE_STATUS_RESERVED:
      return r < 0.7 ? CW_EVSE_STATUS_CHARGING : CW_EVSE_STATUS_AVAILABLE;
    case CW_EVSE_STATUS_BLOCKED:
    case CW_EVSE_STATUS_INOPERATIVE:
    case CW_EVSE_STATUS_OUTOFORDER:
    case CW_EVSE_STATUS_UNKNOWN:
      return CW_EVSE_STATUS_AVAILABLE;
    case CW_EVSE_STATUS_PLANNED:
    case CW_EVSE_STATUS_REMOVED:
    case CW_N_EVSE_STATUS:
    default:
      return e->status;
    }
}

static gboolean
heap_less (CwDemoSim *sim,
           guint      a,
           guint      b)
{
  gint64 ta = sim->evses[sim->heap[a]].next, tb = sim->evses[sim->heap[b]].next;
  return ta < tb || (ta == tb && sim->heap[a] < sim->heap[b]);
}

static void
heap_swap (CwDemoSim *sim,
           guint      a,
           guint      b)
{
  guint t = sim->heap[a];
  sim->heap[a] = sim->heap[b];
  sim->heap[b] = t;
}

static void
sift_down (CwDemoSim *sim,
           guint      i)
{
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;

      if (l < sim->heap_len && heap_less (sim, l, m))
        m = l;
      if (r < sim->heap_len && heap_less (sim, r, m))
        m = r;
      if (m == i)
        return;
      heap_swap (sim, i, m);
      i = m;
    }
}

CwDemoSim *
cw_demo_sim_new (const CwEvseStatus *initial,
                 const gboolean     *is_dc,
                 guint               n_evses,
                 guint32             seed,
                 gint64              start_time)
{
  CwDemoSim *sim = g_new0 (CwDemoSim, 1);

  sim->rand = g_rand_new_with_seed (seed);
  sim->n = n_evses;
  sim->evses = g_new0 (EvseState, MAX (1, n_evses));
  sim->heap = g_new (guint, MAX (1, n_evses));
  sim->now = start_time;

  for (guint i = 0; i < n_evses; i++)
    {
      EvseState *e = &sim->evses[i];

      e->status = initial[i];
      e->is_dc = is_dc[i];
      e->frozen = initial[i] == CW_EVSE_STATUS_PLANNED || initial[i] == CW_EVSE_STATUS_REMOVED;
      e->next = e->frozen ? G_MAXINT64 : schedule (sim, e, start_time);
      if (!e->frozen)
        sim->heap[sim->heap_len++] = i;
    }
  for (guint i = sim->heap_len / 2; i-- > 0;)
    sift_down (sim, i);
  return sim;
}

void
cw_demo_sim_free (CwDemoSim *sim)
{
  if (sim == NULL)
    return;
  g_rand_free (sim->rand);
  g_free (sim->evses);
  g_free (sim->heap);
  g_free (sim);
}

void
cw_demo_sim_advance (CwDemoSim *sim,
                     gint64     now,
                     GArray    *changes)
{
  g_return_if_fail (sim != NULL);

  while (sim->heap_len > 0)
    {
      guint i = sim->heap[0];
      EvseState *e = &sim->evses[i];
      CwDemoChange change;

      if (e->next > now)
        break;
      e->status = next_status (sim, e);
      e->next = schedule (sim, e, e->next);
      sift_down (sim, 0);

      change.evse = i;
      change.status = e->status;
      if (changes != NULL)
        g_array_append_val (changes, change);
    }
  sim->now = MAX (sim->now, now);
}

CwEvseStatus
cw_demo_sim_get_status (CwDemoSim *sim,
                        guint      evse)
{
  g_return_val_if_fail (sim != NULL && evse < sim->n, CW_EVSE_STATUS_UNKNOWN);
  return sim->evses[evse].status;
}
