/* cw-opening-hours.h: OCPI 2.2.1 Hours — when a location can be entered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A tri-state: data that does not say is not taken as "closed". */
typedef enum {
  CW_OPEN_STATE_UNKNOWN = 0,
  CW_OPEN_STATE_OPEN,
  CW_OPEN_STATE_CLOSED,
} CwOpenState;

/* OCPI RegularHours, in the location's local time. A period whose end
 * is not after its begin runs past midnight into the next day
 * (Friday 22:00–06:00 is open on Saturday until 06:00). */
typedef struct {
  guint8  weekday;              /* 1 = Monday … 7 = Sunday, as OCPI */
  guint16 begin;                /* minutes after local midnight, 0–1439 */
  guint16 end;                  /* minutes, 0–1440 ("24:00" is 1440) */
} CwRegularHours;

/* OCPI ExceptionalPeriod: absolute instants, end exclusive. */
typedef struct {
  gint64 begin;                 /* unix seconds */
  gint64 end;
} CwExceptionalPeriod;

#define CW_TYPE_OPENING_HOURS (cw_opening_hours_get_type ())

typedef struct {
  gboolean  twentyfourseven;
  GArray   *regular_hours;          /* CwRegularHours */
  GArray   *exceptional_openings;   /* CwExceptionalPeriod */
  GArray   *exceptional_closings;   /* CwExceptionalPeriod */
} CwOpeningHours;

GType           cw_opening_hours_get_type   (void) G_GNUC_CONST;
CwOpeningHours *cw_opening_hours_new        (void);
CwOpeningHours *cw_opening_hours_copy       (const CwOpeningHours *hours);
void            cw_opening_hours_free       (CwOpeningHours       *hours);
/* NULL equals NULL only. */
gboolean        cw_opening_hours_equal      (const CwOpeningHours *a,
                                             const CwOpeningHours *b);

/* Adds a period; FALSE (nothing added) when @weekday is not 1–7 or a
 * time is not "HH:MM". */
gboolean        cw_opening_hours_add_regular     (CwOpeningHours *hours,
                                                  guint           weekday,
                                                  const char     *period_begin,
                                                  const char     *period_end);
/* FALSE (nothing added) unless @begin < @end. */
gboolean        cw_opening_hours_add_exceptional (CwOpeningHours *hours,
                                                  gboolean        opening,
                                                  gint64          begin,
                                                  gint64          end);

/* Whether the location is open at @unix_now, with the regular hours
 * read in the IANA @time_zone. Exceptional closings win over
 * everything, exceptional openings over the regular hours. UNKNOWN
 * when @hours is NULL, or when only the regular hours could say and
 * there are none or the time zone is missing or unknown. */
CwOpenState     cw_opening_hours_is_open    (const CwOpeningHours *hours,
                                             const char           *time_zone,
                                             gint64                unix_now);

/* "HH:MM" (00:00–23:59, and 24:00 as the end of a day) to minutes after
 * midnight; FALSE when @str is not that. */
gboolean        cw_opening_hours_parse_time (const char *str,
                                             guint      *minutes_out);
/* Minutes after midnight to "HH:MM"; writes 6 bytes into @buf. */
const char     *cw_opening_hours_format_time (guint  minutes,
                                              char   buf[6]);

const char     *cw_open_state_to_string     (CwOpenState state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwOpeningHours, cw_opening_hours_free)

G_END_DECLS
