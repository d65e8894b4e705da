/* cw-opening-hours.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-opening-hours"

#include <string.h>

#include "cw-opening-hours.h"

#define MINUTES_PER_DAY (24 * 60)

G_DEFINE_BOXED_TYPE (CwOpeningHours, cw_opening_hours,
                     cw_opening_hours_copy, cw_opening_hours_free)

CwOpeningHours *
cw_opening_hours_new (void)
{
  CwOpeningHours *hours = g_new0 (CwOpeningHours, 1);

  hours->regular_hours = g_array_new (FALSE, TRUE, sizeof (CwRegularHours));
  hours->exceptional_openings = g_array_new (FALSE, TRUE, sizeof (CwExceptionalPeriod));
  hours->exceptional_closings = g_array_new (FALSE, TRUE, sizeof (CwExceptionalPeriod));
  return hours;
}

static GArray *
copy_array (GArray *array)
{
  GArray *copy = g_array_sized_new (FALSE, TRUE, g_array_get_element_size (array), array->len);

  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

CwOpeningHours *
cw_opening_hours_copy (const CwOpeningHours *hours)
{
  CwOpeningHours *copy;

  g_return_val_if_fail (hours != NULL, NULL);

  copy = g_new0 (CwOpeningHours, 1);
  copy->twentyfourseven = hours->twentyfourseven;
  copy->regular_hours = copy_array (hours->regular_hours);
  copy->exceptional_openings = copy_array (hours->exceptional_openings);
  copy->exceptional_closings = copy_array (hours->exceptional_closings);
  return copy;
}

void
cw_opening_hours_free (CwOpeningHours *hours)
{
  if (hours == NULL)
    return;
  g_array_unref (hours->regular_hours);
  g_array_unref (hours->exceptional_openings);
  g_array_unref (hours->exceptional_closings);
  g_free (hours);
}

static gboolean
periods_equal (GArray *a,
               GArray *b)
{
  /* An empty GArray has no data pointer: memcmp must not see it. */
  return a->len == b->len &&
         (a->len == 0 ||
          memcmp (a->data, b->data, (gsize) a->len * sizeof (CwExceptionalPeriod)) == 0);
}

static gboolean
regular_equal (GArray *a,
               GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const CwRegularHours *ra = &g_array_index (a, CwRegularHours, i);
      const CwRegularHours *rb = &g_array_index (b, CwRegularHours, i);

      if (ra->weekday != rb->weekday || ra->begin != rb->begin || ra->end != rb->end)
        return FALSE;
    }
  return TRUE;
}

gboolean
cw_opening_hours_equal (const CwOpeningHours *a,
                        const CwOpeningHours *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->twentyfourseven == b->twentyfourseven &&
         regular_equal (a->regular_hours, b->regular_hours) &&
         periods_equal (a->exceptional_openings, b->exceptional_openings) &&
         periods_equal (a->exceptional_closings, b->exceptional_closings);
}

gboolean
cw_opening_hours_parse_time (const char *str,
                             guint      *minutes_out)
{
  guint h, m;

  if (str == NULL || strlen (str) != 5 || str[2] != ':' ||
      !g_ascii_isdigit (str[0]) || !g_ascii_isdigit (str[1]) ||
      !g_ascii_isdigit (str[3]) || !g_ascii_isdigit (str[4]))
    return FALSE;
  h = (str[0] - '0') * 10 + (str[1] - '0');
  m = (str[3] - '0') * 10 + (str[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    return FALSE;
  if (minutes_out)
    *minutes_out = h * 60 + m;
  return TRUE;
}

const char *
cw_opening_hours_format_time (guint minutes,
                              char  buf[6])
{
  minutes = MIN (minutes, MINUTES_PER_DAY);
  g_snprintf (buf, 6, "%02u:%02u", minutes / 60, minutes % 60);
  return buf;
}

gboolean
cw_opening_hours_add_regular (CwOpeningHours *hours,
                              guint           weekday,
                              const char     *period_begin,
                              const char     *period_end)
{
  CwRegularHours r = { 0, };
  guint begin, end;

  g_return_val_if_fail (hours != NULL, FALSE);

  if (weekday < 1 || weekday > 7 ||
      !cw_opening_hours_parse_time (period_begin, &begin) ||
      !cw_opening_hours_parse_time (period_end, &end) ||
      begin >= MINUTES_PER_DAY)
    return FALSE;
  r.weekday = weekday;
  r.begin = begin;
  r.end = end;
  g_array_append_val (hours->regular_hours, r);
  return TRUE;
}

gboolean
cw_opening_hours_add_exceptional (CwOpeningHours *hours,
                                  gboolean        opening,
                                  gint64          begin,
                                  gint64          end)
{
  CwExceptionalPeriod p = { begin, end };

  g_return_val_if_fail (hours != NULL, FALSE);

  if (begin >= end)
    return FALSE;
  g_array_append_val (opening ? hours->exceptional_openings : hours->exceptional_closings, p);
  return TRUE;
}

static gboolean
in_periods (GArray *periods,
            gint64  t)
{
  for (guint i = 0; i < periods->len; i++)
    {
      const CwExceptionalPeriod *p = &g_array_index (periods, CwExceptionalPeriod, i);
      if (p->begin <= t && t < p->end)
        return TRUE;
    }
  return FALSE;
}

/* @weekday 1–7, @minute 0–1439, both local. */
static gboolean
in_regular_hours (GArray *regular,
                  guint   weekday,
                  guint   minute)
{
  guint yesterday = weekday == 1 ? 7 : weekday - 1;

  for (guint i = 0; i < regular->len; i++)
    {
      const CwRegularHours *r = &g_array_index (regular, CwRegularHours, i);

      if (r->begin < r->end)
        {
          if (r->weekday == weekday && r->begin <= minute && minute < r->end)
            return TRUE;
        }
      else
        {
          /* Runs past midnight: the evening of its own day and the
           * early hours of the next (begin == end is a full 24 h). */
          if (r->weekday == weekday && minute >= r->begin)
            return TRUE;
          if (r->weekday == yesterday && minute < r->end)
            return TRUE;
        }
    }
  return FALSE;
}

CwOpenState
cw_opening_hours_is_open (const CwOpeningHours *hours,
                          const char           *time_zone,
                          gint64                unix_now)
{
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (hours == NULL)
    return CW_OPEN_STATE_UNKNOWN;
  if (in_periods (hours->exceptional_closings, unix_now))
    return CW_OPEN_STATE_CLOSED;
  if (in_periods (hours->exceptional_openings, unix_now))
    return CW_OPEN_STATE_OPEN;
  if (hours->twentyfourseven)
    return CW_OPEN_STATE_OPEN;
  /* OCPI requires regular hours when not 24/7: none means we don't know. */
  if (hours->regular_hours->len == 0)
    return CW_OPEN_STATE_UNKNOWN;
  if (time_zone == NULL || *time_zone == '\0' ||
      (tz = g_time_zone_new_identifier (time_zone)) == NULL)
    return CW_OPEN_STATE_UNKNOWN;

  utc = g_date_time_new_from_unix_utc (unix_now);
  if (utc == NULL || (local = g_date_time_to_timezone (utc, tz)) == NULL)
    return CW_OPEN_STATE_UNKNOWN;

  return in_regular_hours (hours->regular_hours,
                           g_date_time_get_day_of_week (local),
                           g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local))
         ? CW_OPEN_STATE_OPEN : CW_OPEN_STATE_CLOSED;
}

const char *
cw_open_state_to_string (CwOpenState state)
{
  switch (state)
    {
    case CW_OPEN_STATE_OPEN:
      return "open";
    case CW_OPEN_STATE_CLOSED:
      return "closed";
    case CW_OPEN_STATE_UNKNOWN:
    default:
      return "unknown";
    }
}
