/* cw-tariff-estimate.c
 *
 * The session is cut into stretches at every point where a restriction
 * could change its answer: each local start_time and end_time the
 * tariff names and each local midnight (when any element looks at the
 * clock or the calendar), each change of the zone's UTC offset, each
 * min/max_duration, each min/max_kwh on the way, and the end of
 * charging. Inside a stretch nothing changes, so it is judged at its
 * middle. Exact, and the work grows with the elements and the days of
 * the session (at most CW_TARIFF_ESTIMATE_MAX_SECONDS), not its minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-tariff-estimate"

#include <math.h>
#include <string.h>

#include "cw-opening-hours.h"
#include "cw-tariff-estimate.h"

G_DEFINE_QUARK (cw-tariff-estimate-error-quark, cw_tariff_estimate_error)

/* What the restrictions look at, at one moment of the session. */
typedef struct {
  guint  minute;            /* local minutes after midnight */
  guint  weekday;           /* CwDayOfWeek */
  char   date[11];          /* local YYYY-MM-DD */
  double energy_kwh;        /* charged so far */
  double duration;          /* seconds since the start */
  double power_kw;          /* 0 while not charging */
  double current_a;         /* 0 while not charging, negative when unknown */
} Moment;

typedef struct {
  double t0, t1;            /* seconds since the start */
  gboolean charging;
} Stretch;

/* ---- time zones ---- */

/* GLib reads and expands a zone's file each time one is made (about a
 * millisecond for Europe/Amsterdam) and keeps it only while referenced:
 * filters and the planner ask for a price per station, so the zones
 * asked for stay here. Station data names the zone, so the table is
 * bounded: past ZONE_CACHE_MAX names it starts again. */
#define ZONE_CACHE_MAX 64

static GMutex      zone_lock;
static GHashTable *zone_cache;   /* identifier → GTimeZone, or NULL for none */

static void
zone_unref (gpointer tz)
{
  if (tz != NULL)
    g_time_zone_unref (tz);
}

static GTimeZone *
zone_new (const char *identifier)
{
  GTimeZone *tz = NULL;
  gpointer cached;

  if (identifier == NULL)
    return NULL;
  g_mutex_lock (&zone_lock);
  if (zone_cache == NULL)
    zone_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        zone_unref);
  if (g_hash_table_lookup_extended (zone_cache, identifier, NULL, &cached))
    tz = cached != NULL ? g_time_zone_ref (cached) : NULL;
  else
    {
      if (g_hash_table_size (zone_cache) >= ZONE_CACHE_MAX)
        g_hash_table_remove_all (zone_cache);
      tz = g_time_zone_new_identifier (identifier);
      /* An unknown name is kept too, without a zone. */
      g_hash_table_insert (zone_cache, g_strdup (identifier), tz ? g_time_zone_ref (tz) : NULL);
    }
  g_mutex_unlock (&zone_lock);
  return tz;
}

/* ---- restrictions ---- */

static gboolean
time_of_day_matches (const CwTariffRestrictions *r,
                     guint                       minute)
{
  guint s = 0, e = 0;
  gboolean has_s = cw_opening_hours_parse_time (r->start_time, &s);
  gboolean has_e = cw_opening_hours_parse_time (r->end_time, &e);

  if (has_s && has_e)
    {
      if (s == e)
        return TRUE;
      if (s < e)
        return minute >= s && minute < e;
      /* 20:00–06:00 runs past midnight */
      return minute >= s || minute < e;
    }
  if (has_s)
    return minute >= s;
  if (has_e)
    return minute < e;
  return TRUE;
}

static gboolean
calendar_matches (const CwTariffRestrictions *r,
                  const Moment               *m)
{
  if (!time_of_day_matches (r, m->minute))
    return FALSE;
  if (r->day_mask != 0 && !(r->day_mask & (1u << m->weekday)))
    return FALSE;
  /* ISO dates compare as strings; end_date is exclusive. */
  if (r->start_date != NULL && strcmp (m->date, r->start_date) < 0)
    return FALSE;
  if (r->end_date != NULL && strcmp (m->date, r->end_date) >= 0)
    return FALSE;
  return TRUE;
}

static gboolean
restricts_current (const CwTariffRestrictions *r)
{
  return r->min_current >= 0 || r->max_current >= 0;
}

static gboolean
element_matches (const CwTariffElement *element,
                 const Moment          *m,
                 gboolean              *current_unknown)
{
  const CwTariffRestrictions *r = &element->restrictions;

  if (!element->has_restrictions)
    return TRUE;
  /* The plan has no reservation: reservation prices never apply. */
  if (r->reservation != CW_RESERVATION_NONE)
    return FALSE;
  if (!calendar_matches (r, m))
    return FALSE;
  if (r->min_kwh >= 0 && m->energy_kwh < r->min_kwh)
    return FALSE;
  if (r->max_kwh >= 0 && m->energy_kwh >= r->max_kwh)
    return FALSE;
  if (r->min_power >= 0 && m->power_kw < r->min_power)
    return FALSE;
  if (r->max_power >= 0 && m->power_kw >= r->max_power)
    return FALSE;
  if (restricts_current (r))
    {
      if (m->current_a < 0)
        {
          *current_unknown = TRUE;
          return FALSE;
        }
      if (r->min_current >= 0 && m->current_a < r->min_current)
        return FALSE;
      if (r->max_current >= 0 && m->current_a >= r->max_current)
        return FALSE;
    }
  if (r->min_duration >= 0 && m->duration < r->min_duration)
    return FALSE;
  if (r->max_duration >= 0 && m->duration >= r->max_duration)
    return FALSE;
  return TRUE;
}

static int
find_component (const CwTariffElement *element,
                CwTariffDimension      dimension)
{
  for (guint j = 0; j < element->components->len; j++)
    if (g_array_index (element->components, CwPriceComponent, j).type == dimension)
      return j;
  return -1;
}

/* ---- the session's stretches ---- */

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The first second after @from (up to @to) at which @tz's UTC offset
 * is no longer that of @from's interval; @to when there is none.
 * Intervals are numbered in time order, so a different number at @to
 * means a change in between: halved down to the second. */
static gint64
next_offset_change (GTimeZone *tz,
                    gint64     from,
                    gint64     to)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, from);
  gint64 lo = from, hi = to;

  if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, to) == interval)
    return to;
  /* interval (lo) == interval, interval (hi) != interval */
  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, mid) == interval)
        lo = mid;
      else
        hi = mid;
    }
  return hi;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Adds, in seconds since @start, every moment of [start, start + total)
 * at which the local clock of @tz shows one of @minutes (after
 * midnight), and every change of the zone's offset. */
static void
add_clock_points (GArray      *points,
                  GTimeZone   *tz,
                  gint64       start,
                  double       total,
                  const guint *minutes,
                  guint        n_minutes)
{
  gint64 end = start + (gint64) ceil (total);
  gint64 a = start;

  while (a < end)
    {
      gint64 b = next_offset_change (tz, a, end);
      gint32 offset = g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, a));
      gint64 first_day = floor_div (a + offset, 86400);
      gint64 last_day = floor_div (b - 1 + offset, 86400);

      /* The local clock jumps here: a new stretch starts. */
      if (a > start)
        {
          double p = (double) (a - start);
          g_array_append_val (points, p);
        }
      for (gint64 day = first_day; day <= last_day; day++)
        for (guint i = 0; i < n_minutes; i++)
          {
            gint64 t = day * 86400 + (gint64) minutes[i] * 60 - offset;

            if (t > a && t < b)
              {
                double p = (double) (t - start);
                g_array_append_val (points, p);
              }
          }
      a = b;
    }
}

static GArray *
cut_session (const CwTariff *tariff,
             GTimeZone      *tz,
             gint64          start,
             double          charging,
             double          total,
             double          energy_kwh)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) minutes = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *stretches = g_array_new (FALSE, FALSE, sizeof (Stretch));
  gboolean calendar = FALSE;
  double prev;

#define ADD_POINT(v) G_STMT_START { double v_ = (v); if (v_ > 0 && v_ < total) g_array_append_val (points, v_); } G_STMT_END

  ADD_POINT (charging);
  for (guint i = 0; i < tariff->elements->len; i++)
    {
      const CwTariffElement *e = g_ptr_array_index (tariff->elements, i);
      const CwTariffRestrictions *r = &e->restrictions;
      guint minute;

      if (!e->has_restrictions)
        continue;
      if (r->min_duration >= 0)
        ADD_POINT (r->min_duration);
      if (r->max_duration >= 0)
        ADD_POINT (r->max_duration);
      if (r->min_kwh > 0 && r->min_kwh < energy_kwh)
        ADD_POINT (charging * r->min_kwh / energy_kwh);
      if (r->max_kwh > 0 && r->max_kwh < energy_kwh)
        ADD_POINT (charging * r->max_kwh / energy_kwh);
      if (r->start_time != NULL || r->end_time != NULL || r->start_date != NULL ||
          r->end_date != NULL || r->day_mask != 0)
        calendar = TRUE;
      if (cw_opening_hours_parse_time (r->start_time, &minute))
        g_array_append_val (minutes, minute);
      if (cw_opening_hours_parse_time (r->end_time, &minute))
        g_array_append_val (minutes, minute);
    }
#undef ADD_POINT
  if (calendar)
    {
      guint midnight = 0, n = 0;

      /* Each time of day once: at most a day's minutes, however many
       * elements name them. */
      g_array_append_val (minutes, midnight);
      g_array_sort (minutes, compare_uint);
      for (guint i = 0; i < minutes->len; i++)
        if (n == 0 || g_array_index (minutes, guint, i) != g_array_index (minutes, guint, n - 1))
          g_array_index (minutes, guint, n++) = g_array_index (minutes, guint, i);
      g_array_set_size (minutes, n);
      add_clock_points (points, tz, start, total, (const guint *) (void *) minutes->data,
                        minutes->len);
    }
  g_array_sort (points, compare_double);

  prev = 0;
  for (guint i = 0; i <= points->len; i++)
    {
      double t = i < points->len ? g_array_index (points, double, i) : total;
      Stretch s;

      if (t > total)
        t = total;
      if (t - prev < 1e-9)
        continue;
      s.t0 = prev;
      s.t1 = t;
      s.charging = (prev + t) / 2 < charging;
      g_array_append_val (stretches, s);
      prev = t;
    }
  return stretches;
}

static void
moment_at (Moment              *m,
           GTimeZone           *tz,
           const CwSessionPlan *plan,
           double               charging,
           double               t,
           gboolean             is_charging)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (plan->start + (gint64) floor (t));
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  m->minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  m->weekday = g_date_time_get_day_of_week (local) - 1;
  g_snprintf (m->date, sizeof m->date, "%04d-%02d-%02d",
              g_date_time_get_year (local), g_date_time_get_month (local),
              g_date_time_get_day_of_month (local));
  m->duration = t;
  m->energy_kwh = charging > 0 ? plan->energy_kwh * MIN (t, charging) / charging : plan->energy_kwh;
  m->power_kw = is_charging ? plan->power_kw : 0;
  m->current_a = !is_charging ? 0 : plan->current_a > 0 ? plan->current_a : -1;
}

/* ---- billing ---- */

typedef struct {
  CwEstimatePart part;
  int            component;
  double         used_units;    /* Wh or seconds */
  double         extra_units;   /* added by step_size */
} Bill;

typedef struct {
  gboolean active;
  double   units;
  guint    step;
  guint    bill;
} Run;

static guint
get_bill (GArray                 *bills,
          const CwTariff         *tariff,
          guint                   element,
          int                     component)
{
  const CwTariffElement *e = g_ptr_array_index (tariff->elements, element);
  const CwPriceComponent *pc = &g_array_index (e->components, CwPriceComponent, component);
  Bill b = { { 0, }, 0, 0, 0 };

  for (guint i = 0; i < bills->len; i++)
    {
      Bill *o = &g_array_index (bills, Bill, i);
      if (o->part.element == element && o->component == component)
        return i;
    }
  b.part.dimension = pc->type;
  b.part.element = element;
  b.part.price = pc->price;
  b.part.vat = pc->vat;
  b.part.step_size = MAX (pc->step_size, 1);
  b.component = component;
  g_array_append_val (bills, b);
  return bills->len - 1;
}

/* OCPI: step_size applies to the last element billing a dimension, and
 * to the total of the run: 25 min at one price then 10 min at another
 * with a 15 min step bills 25 + 20 min. */
static void
close_run (Run    *run,
           GArray *bills)
{
  double billed;

  if (!run->active)
    return;
  billed = ceil (run->units / run->step - 1e-6) * run->step;
  if (billed > run->units)
    g_array_index (bills, Bill, run->bill).extra_units += billed - run->units;
  memset (run, 0, sizeof *run);
}

static double
stretch_units (const Stretch       *s,
               CwTariffDimension    dimension,
               const CwSessionPlan *plan,
               double               charging)
{
  double dt = s->t1 - s->t0;

  switch (dimension)
    {
    case CW_TARIFF_DIMENSION_ENERGY:
      return s->charging && charging > 0 ? plan->energy_kwh * 1000.0 * dt / charging : 0;
    case CW_TARIFF_DIMENSION_TIME:
      return s->charging ? dt : 0;
    case CW_TARIFF_DIMENSION_PARKING_TIME:
      return s->charging ? 0 : dt;
    case CW_TARIFF_DIMENSION_FLAT:
    case CW_N_TARIFF_DIMENSIONS:
    default:
      return 0;
    }
}

static void
add_note (CwTariffEstimate *est,
          const char       *note)
{
  for (guint i = 0; i < est->notes->len; i++)
    if (g_str_equal (g_ptr_array_index (est->notes, i), note))
      return;
  g_ptr_array_add (est->notes, g_strdup (note));
}

static double
with_vat (double amount,
          double vat)
{
  return vat >= 0 ? amount * (1.0 + vat / 100.0) : amount;
}

static void
clamp_total (CwTariffEstimate *est,
             double            bound_excl,
             double            bound_incl,
             gboolean          is_min)
{
  double factor = est->total_excl > 0 ? est->total_incl / est->total_excl : 1.0;
  gboolean hit_excl = bound_excl >= 0 &&
                      (is_min ? est->total_excl < bound_excl : est->total_excl > bound_excl);
  gboolean hit_incl = bound_incl >= 0 &&
                      (is_min ? est->total_incl < bound_incl : est->total_incl > bound_incl);
  double adj_excl, adj_incl;

  if (!hit_excl && !hit_incl)
    return;
  adj_excl = hit_excl ? bound_excl - est->total_excl : 0;
  adj_incl = hit_incl ? bound_incl - est->total_incl : 0;
  /* A bound given without VAT (or only with) moves the other total alike. */
  if (hit_excl && bound_incl < 0)
    adj_incl = adj_excl * factor;
  if (hit_incl && bound_excl < 0)
    adj_excl = adj_incl / factor;

  est->adjustment_excl += adj_excl;
  est->adjustment_incl += adj_incl;
  est->total_excl += adj_excl;
  est->total_incl += adj_incl;
}

static int
compare_parts (gconstpointer a,
               gconstpointer b)
{
  static const int order[CW_N_TARIFF_DIMENSIONS] = {
    [CW_TARIFF_DIMENSION_FLAT] = 0,
    [CW_TARIFF_DIMENSION_ENERGY] = 1,
    [CW_TARIFF_DIMENSION_TIME] = 2,
    [CW_TARIFF_DIMENSION_PARKING_TIME] = 3,
  };
  const CwEstimatePart *x = a, *y = b;

  if (x->dimension != y->dimension)
    return order[x->dimension] - order[y->dimension];
  return (int) x->element - (int) y->element;
}

static gboolean
check_plan (const CwSessionPlan  *plan,
            double               *charging_out,
            GError              **error)
{
  double charging;

  if (!(plan->energy_kwh >= 0) || !(plan->power_kw >= 0) || plan->charging_seconds < 0 ||
      plan->idle_seconds < 0 || !(plan->current_a >= 0) || !isfinite (plan->energy_kwh) ||
      !isfinite (plan->power_kw))
    {
      g_set_error_literal (error, CW_TARIFF_ESTIMATE_ERROR, CW_TARIFF_ESTIMATE_ERROR_INVALID_PLAN,
                           "Energy, power, current and durations must not be negative");
      return FALSE;
    }
  if (plan->charging_seconds > 0)
    charging = plan->charging_seconds;
  else if (plan->energy_kwh == 0)
    charging = 0;
  else if (plan->power_kw > 0)
    charging = plan->energy_kwh / plan->power_kw * 3600.0;
  else
    {
      g_set_error_literal (error, CW_TARIFF_ESTIMATE_ERROR, CW_TARIFF_ESTIMATE_ERROR_INVALID_PLAN,
                           "Give a charging power or a charging time");
      return FALSE;
    }
  if (charging + plan->idle_seconds > CW_TARIFF_ESTIMATE_MAX_SECONDS)
    {
      g_set_error (error, CW_TARIFF_ESTIMATE_ERROR, CW_TARIFF_ESTIMATE_ERROR_TOO_LONG,
                   "A session of more than %d days is not estimated",
                   CW_TARIFF_ESTIMATE_MAX_SECONDS / 86400);
      return FALSE;
    }
  *charging_out = charging;
  return TRUE;
}

CwTariffEstimate *
cw_tariff_estimate (const CwTariff       *tariff,
                    const CwSessionPlan  *plan,
                    GError              **error)
{
  static const CwTariffDimension metered[] = {
    CW_TARIFF_DIMENSION_ENERGY, CW_TARIFF_DIMENSION_TIME, CW_TARIFF_DIMENSION_PARKING_TIME,
  };
  g_autoptr (CwTariffEstimate) est = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GArray) stretches = NULL;
  g_autoptr (GArray) bills = NULL;
  g_autofree gboolean *matches = NULL;
  guint n_elements;
  double charging, total;
  gboolean current_unknown = FALSE, flat_done = FALSE;

  g_return_val_if_fail (tariff != NULL, NULL);
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_plan (plan, &charging, error))
    return NULL;
  total = charging + plan->idle_seconds;

  est = g_new0 (CwTariffEstimate, 1);
  est->currency = g_strdup (tariff->currency ? tariff->currency : "");
  est->alt_text = g_strdup (tariff->alt_text);
  est->alt_url = g_strdup (tariff->alt_url);
  est->energy_kwh = plan->energy_kwh;
  est->charging_seconds = charging;
  est->idle_seconds = plan->idle_seconds;
  est->parts = g_array_new (FALSE, TRUE, sizeof (CwEstimatePart));
  est->notes = g_ptr_array_new_with_free_func (g_free);

  if (plan->time_zone != NULL)
    tz = zone_new (plan->time_zone);
  if (tz == NULL)
    {
      tz = g_time_zone_new_utc ();
      add_note (est, "The station's time zone is unknown: times of day were read as UTC.");
    }

  stretches = cut_session (tariff, tz, plan->start, charging, total, plan->energy_kwh);
  bills = g_array_new (FALSE, TRUE, sizeof (Bill));
  n_elements = tariff->elements->len;
  matches = g_new0 (gboolean, (gsize) n_elements * MAX (stretches->len, 1));

  for (guint k = 0; k < stretches->len; k++)
    {
      const Stretch *s = &g_array_index (stretches, Stretch, k);
      Moment m;

      moment_at (&m, tz, plan, charging, (s->t0 + s->t1) / 2, s->charging);
      for (guint i = 0; i < n_elements; i++)
        matches[k * n_elements + i] =
          element_matches (g_ptr_array_index (tariff->elements, i), &m, &current_unknown);
    }
  if (stretches->len == 0)
    {
      /* Nothing charged and no time spent: only a flat fee can apply. */
      Moment m;

      moment_at (&m, tz, plan, charging, 0, FALSE);
      for (guint i = 0; i < n_elements; i++)
        matches[i] = element_matches (g_ptr_array_index (tariff->elements, i), &m, &current_unknown);
    }

  /* FLAT: once, from the first element that matches with one. */
  for (guint k = 0; !flat_done && k < MAX (stretches->len, 1); k++)
    for (guint i = 0; !flat_done && i < n_elements; i++)
      {
        guint b;
        int j;

        if (!matches[k * n_elements + i] ||
            (j = find_component (g_ptr_array_index (tariff->elements, i), CW_TARIFF_DIMENSION_FLAT)) < 0)
          continue;
        b = get_bill (bills, tariff, i, j);   /* may move the array: index after */
        g_array_index (bills, Bill, b).used_units = 1;
        flat_done = TRUE;
      }

  for (guint d = 0; d < G_N_ELEMENTS (metered); d++)
    {
      Run run = { 0, };

      for (guint k = 0; k < stretches->len; k++)
        {
          const Stretch *s = &g_array_index (stretches, Stretch, k);
          double units = stretch_units (s, metered[d], plan, charging);
          guint i;
          int j = -1;

          if (units <= 0)
            continue;
          for (i = 0; i < n_elements; i++)
            if (matches[k * n_elements + i] &&
                (j = find_component (g_ptr_array_index (tariff->elements, i), metered[d])) >= 0)
              break;
          if (j < 0)
            {
              /* Free for this stretch: a run before it ends here. */
              close_run (&run, bills);
              continue;
            }
          run.bill = get_bill (bills, tariff, i, j);
          run.step = g_array_index (bills, Bill, run.bill).part.step_size;
          run.units += units;
          run.active = TRUE;
          g_array_index (bills, Bill, run.bill).used_units += units;
        }
      close_run (&run, bills);
    }

  for (guint b = 0; b < bills->len; b++)
    {
      Bill *bill = &g_array_index (bills, Bill, b);
      CwEstimatePart *p = &bill->part;
      double per_unit;

      switch (p->dimension)
        {
        case CW_TARIFF_DIMENSION_ENERGY:
          per_unit = 1000.0;
          break;
        case CW_TARIFF_DIMENSION_TIME:
        case CW_TARIFF_DIMENSION_PARKING_TIME:
          per_unit = 3600.0;
          break;
        case CW_TARIFF_DIMENSION_FLAT:
        case CW_N_TARIFF_DIMENSIONS:
        default:
          per_unit = 1.0;
          break;
        }
      p->used = bill->used_units / per_unit;
      p->billed = (bill->used_units + bill->extra_units) / per_unit;
      p->amount_excl = p->billed * p->price;
      p->amount_incl = with_vat (p->amount_excl, p->vat);
      if (p->vat < 0 && p->amount_excl > 0)
        est->vat_unknown = TRUE;

      switch (p->dimension)
        {
        case CW_TARIFF_DIMENSION_FLAT:
          est->flat_excl += p->amount_excl;
          est->flat_incl += p->amount_incl;
          break;
        case CW_TARIFF_DIMENSION_ENERGY:
          est->energy_excl += p->amount_excl;
          est->energy_incl += p->amount_incl;
          break;
        case CW_TARIFF_DIMENSION_TIME:
          est->time_excl += p->amount_excl;
          est->time_incl += p->amount_incl;
          break;
        case CW_TARIFF_DIMENSION_PARKING_TIME:
          est->parking_excl += p->amount_excl;
          est->parking_incl += p->amount_incl;
          break;
        case CW_N_TARIFF_DIMENSIONS:
        default:
          break;
        }
      g_array_append_val (est->parts, *p);
    }
  g_array_sort (est->parts, compare_parts);

  est->total_excl = est->flat_excl + est->energy_excl + est->time_excl + est->parking_excl;
  est->total_incl = est->flat_incl + est->energy_incl + est->time_incl + est->parking_incl;
  clamp_total (est, tariff->min_price_excl, tariff->min_price_incl, TRUE);
  clamp_total (est, tariff->max_price_excl, tariff->max_price_incl, FALSE);

  if (current_unknown)
    add_note (est, "The charging current is unknown: prices that depend on it were left out.");
  if (est->vat_unknown)
    add_note (est, "The tariff states no VAT for some prices: they are shown as given.");
  for (guint i = 0; i < n_elements; i++)
    {
      const CwTariffElement *e = g_ptr_array_index (tariff->elements, i);
      if (e->has_restrictions && e->restrictions.reservation != CW_RESERVATION_NONE)
        {
          add_note (est, "Reservation costs are not included: the estimate is for a session without one.");
          break;
        }
    }

  return g_steal_pointer (&est);
}

void
cw_tariff_estimate_free (CwTariffEstimate *estimate)
{
  if (estimate == NULL)
    return;
  g_free (estimate->currency);
  g_free (estimate->alt_text);
  g_free (estimate->alt_url);
  g_clear_pointer (&estimate->parts, g_array_unref);
  g_clear_pointer (&estimate->notes, g_ptr_array_unref);
  g_free (estimate);
}

/* ---- words ---- */

static double
cents (double v)
{
  return round (v * 100.0) / 100.0;
}

static char *
format_money (const char *currency,
              double      amount)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.2f", fabs (cents (amount)));
  return g_strdup_printf ("%s%s %s", cents (amount) < 0 ? "−" : "", currency, buf);
}

/* Unit prices keep the decimals they have (0.275/kWh), up to four. */
static char *
format_unit_price (const char *currency,
                   double      price)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *fmt = "%.2f";

  if (fabs (price * 100 - round (price * 100)) > 1e-6)
    fmt = fabs (price * 1000 - round (price * 1000)) > 1e-6 ? "%.4f" : "%.3f";
  g_ascii_formatd (buf, sizeof buf, fmt, price);
  return g_strdup_printf ("%s %s", currency, buf);
}

static char *
format_duration (double seconds)
{
  gint64 s = (gint64) round (seconds);
  gint64 h = s / 3600, min = (s % 3600) / 60, sec = s % 60;

  if (h > 0 && min == 0 && sec == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " h", h);
  if (h > 0 && sec == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " h %" G_GINT64_FORMAT " min", h, min);
  if (h > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " h %" G_GINT64_FORMAT " min %" G_GINT64_FORMAT " s",
                            h, min, sec);
  if (sec == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " min", min);
  if (min == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " s", sec);
  return g_strdup_printf ("%" G_GINT64_FORMAT " min %" G_GINT64_FORMAT " s", min, sec);
}

static char *
format_kwh (double kwh)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf,
                   fabs (kwh * 100 - round (kwh * 100)) > 1e-6 ? "%.3f" : "%.2f", kwh);
  return g_strdup_printf ("%s kWh", buf);
}

static char *
format_step (const CwEstimatePart *p)
{
  if (p->dimension == CW_TARIFF_DIMENSION_ENERGY)
    return p->step_size >= 1000 && p->step_size % 1000 == 0
           ? g_strdup_printf ("%u kWh", p->step_size / 1000)
           : g_strdup_printf ("%u Wh", p->step_size);
  return format_duration (p->step_size);
}

/* Each amount in whole cents such that they add up to the total as
 * printed (largest remainders get the spare cents): 2.875 + 2.00 +
 * 0.9167 is shown as 2.87 + 2.00 + 0.92 = 5.79, not 2.88 + … = 5.80. */
static double *
amounts_in_cents (const CwTariffEstimate *est)
{
  guint n = est->parts->len + 1;
  double *out = g_new0 (double, n);
  g_autofree double *rest = g_new0 (double, n);
  gint64 target = (gint64) llround (est->total_incl * 100), sum = 0;

  for (guint i = 0; i < n; i++)
    {
      double v = (i < est->parts->len ? g_array_index (est->parts, CwEstimatePart, i).amount_incl
                                      : est->adjustment_incl) * 100;
      /* Binary noise (0.605 stored as 0.6049999…) is not a remainder. */
      double f = floor (v + 1e-6);

      out[i] = f;
      rest[i] = v - f;
      sum += (gint64) f;
    }
  while (sum < target)
    {
      guint best = 0;

      for (guint i = 1; i < n; i++)
        if (rest[i] > rest[best])
          best = i;
      out[best] += 1;
      rest[best] = -1;
      sum++;
    }
  for (guint i = 0; i < n; i++)
    out[i] /= 100;
  return out;
}

static char *
describe_part (const CwTariffEstimate *est,
               const CwEstimatePart   *p,
               double                  shown)
{
  const char *cur = est->currency;
  /* What the driver pays: with VAT where the tariff states it. */
  g_autofree char *amount = format_money (cur, shown);
  g_autofree char *unit = format_unit_price (cur, with_vat (p->price, p->vat));
  g_autofree char *billed = NULL;
  g_autofree char *rounding = NULL;
  const char *label, *per;

  switch (p->dimension)
    {
    case CW_TARIFF_DIMENSION_FLAT:
      return g_strdup_printf ("Session fee: %s", amount);
    case CW_TARIFF_DIMENSION_ENERGY:
      label = "Energy";
      per = "kWh";
      billed = format_kwh (p->billed);
      break;
    case CW_TARIFF_DIMENSION_TIME:
      label = "Charging time";
      per = "h";
      billed = format_duration (p->billed * 3600);
      break;
    case CW_TARIFF_DIMENSION_PARKING_TIME:
      label = "Idle fee (plugged in, not charging)";
      per = "h";
      billed = format_duration (p->billed * 3600);
      break;
    case CW_N_TARIFF_DIMENSIONS:
    default:
      g_assert_not_reached ();
    }

  if (p->billed - p->used > 1e-9)
    {
      g_autofree char *step = format_step (p);
      rounding = g_strdup_printf (", billed per %s", step);
    }
  if (p->price == 0)
    return g_strdup_printf ("%s: %s free", label, billed);
  return g_strdup_printf ("%s: %s at %s/%s%s = %s", label, billed, unit, per,
                          rounding ? rounding : "", amount);
}

char *
cw_tariff_estimate_describe (const CwTariffEstimate *est)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *kwh = NULL;
  g_autofree char *charging = NULL;
  g_autofree double *shown = NULL;
  gboolean any_parking = FALSE;
  const char *cur;

  g_return_val_if_fail (est != NULL, NULL);

  cur = est->currency;
  shown = amounts_in_cents (est);
  kwh = format_kwh (est->energy_kwh);
  charging = format_duration (est->charging_seconds);
  g_string_append_printf (text, "Estimate for %s in %s of charging", kwh, charging);
  if (est->idle_seconds > 0)
    {
      g_autofree char *idle = format_duration (est->idle_seconds);
      g_string_append_printf (text, ", then %s plugged in", idle);
    }
  g_string_append_c (text, '\n');

  for (guint i = 0; i < est->parts->len; i++)
    {
      const CwEstimatePart *p = &g_array_index (est->parts, CwEstimatePart, i);
      g_autofree char *line = describe_part (est, p, shown[i]);

      any_parking |= p->dimension == CW_TARIFF_DIMENSION_PARKING_TIME;
      g_string_append_printf (text, "%s\n", line);
    }
  if (est->idle_seconds > 0 && !any_parking)
    g_string_append (text, "Idle fee: none\n");

  if (est->adjustment_excl != 0 || est->adjustment_incl != 0)
    {
      double adj = est->adjustment_incl;
      g_autofree char *amount = format_money (cur, shown[est->parts->len]);

      g_string_append_printf (text, "%s: %s\n",
                              adj > 0 ? "Raised to the minimum price" : "Capped at the maximum price",
                              amount);
    }

  if (est->vat_unknown && fabs (est->total_incl - est->total_excl) < 0.005)
    {
      g_autofree char *total = format_money (cur, est->total_incl);
      g_string_append_printf (text, "Total: %s (VAT not stated)\n", total);
    }
  else if (est->vat_unknown)
    {
      g_autofree char *incl = format_money (cur, est->total_incl);
      g_autofree char *excl = format_money (cur, est->total_excl);
      g_string_append_printf (text, "Total: %s with the VAT stated (%s excl. VAT)\n", incl, excl);
    }
  else
    {
      g_autofree char *incl = format_money (cur, est->total_incl);
      g_autofree char *excl = format_money (cur, est->total_excl);
      g_string_append_printf (text, "Total: %s incl. VAT (%s excl. VAT)\n", incl, excl);
    }

  for (guint i = 0; i < est->notes->len; i++)
    g_string_append_printf (text, "Note: %s\n", (const char *) g_ptr_array_index (est->notes, i));
  if (est->alt_text != NULL)
    g_string_append_printf (text, "The operator says: %s\n", est->alt_text);
  if (est->alt_url != NULL)
    g_string_append_printf (text, "Details: %s\n", est->alt_url);

  /* No trailing newline. */
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- for filters: the most a kWh can cost ---- */

static gboolean
depends_on_session (const CwTariffRestrictions *r)
{
  return r->min_kwh >= 0 || r->max_kwh >= 0 || r->min_power >= 0 || r->max_power >= 0 ||
         r->min_current >= 0 || r->max_current >= 0 ||
         r->min_duration >= 0 || r->max_duration >= 0;
}

static gboolean
has_calendar (const CwTariffRestrictions *r)
{
  return r->start_time != NULL || r->end_time != NULL || r->start_date != NULL ||
         r->end_date != NULL || r->day_mask != 0;
}

gboolean
cw_tariff_get_energy_price_ceiling (const CwTariff *tariff,
                                    const char     *time_zone,
                                    gint64          when,
                                    double          max_power_kw,
                                    double         *price_incl_out)
{
  g_autoptr (GTimeZone) tz = NULL;
  Moment m = { 0, };
  double ceiling = -1;
  gboolean prices_time = FALSE;

  g_return_val_if_fail (tariff != NULL, FALSE);

  if ((tz = zone_new (time_zone)) != NULL)
    {
      g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (when);
      g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

      m.minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
      m.weekday = g_date_time_get_day_of_week (local) - 1;
      g_snprintf (m.date, sizeof m.date, "%04d-%02d-%02d", g_date_time_get_year (local),
                  g_date_time_get_month (local), g_date_time_get_day_of_month (local));
    }

  for (guint i = 0; i < tariff->elements->len; i++)
    {
      const CwTariffElement *e = g_ptr_array_index (tariff->elements, i);
      const CwTariffRestrictions *r = &e->restrictions;
      int j;
      double price;
      gboolean definitive = TRUE;

      if (find_component (e, CW_TARIFF_DIMENSION_TIME) >= 0 &&
          (!e->has_restrictions || r->reservation == CW_RESERVATION_NONE))
        prices_time = TRUE;
      if ((j = find_component (e, CW_TARIFF_DIMENSION_ENERGY)) < 0)
        continue;
      if (e->has_restrictions)
        {
          if (r->reservation != CW_RESERVATION_NONE)
            continue;
          if (has_calendar (r))
            {
              if (tz == NULL)
                definitive = FALSE;       /* may or may not apply now */
              else if (!calendar_matches (r, &m))
                continue;
            }
          if (r->min_power >= 0 && max_power_kw > 0 && max_power_kw < r->min_power)
            continue;                     /* this connector never gets there */
          if (depends_on_session (r))
            definitive = FALSE;
        }
      {
        const CwPriceComponent *pc = &g_array_index (e->components, CwPriceComponent, j);
        price = with_vat (pc->price, pc->vat);
      }
      ceiling = MAX (ceiling, price);
      if (definitive)
        break;
    }

  if (ceiling < 0)
    {
      if (prices_time)
        return FALSE;
      ceiling = 0;
    }
  if (price_incl_out)
    *price_incl_out = ceiling;
  return TRUE;
}
