/* cw-trip-timeline.c
 *
 * A handful of rows (a trip has few stops): one widget per stop is
 * fine here, unlike on the map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-trip-timeline"

#include <glib/gi18n.h>
#include <math.h>

#include "cw-format.h"
#include "cw-trip-timeline.h"

enum {
  PART_NAME,
  PART_SOC,
  PART_CHARGE,
  PART_COST,
  PART_AROUND,
  PART_ARRIVAL,
  N_PARTS
};

static const char * const part_names[N_PARTS] = {
  "name", "soc", "charge", "cost", "around", "arrival",
};

typedef struct {
  GtkWidget *row;
  CwStation *station;
  GtkWidget *parts[N_PARTS];
} StopRow;

struct _CwTripTimeline
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *message;
  GtkWidget *problem;
  GtkWidget *problem_title;
  GtkWidget *problem_detail;
  GtkWidget *totals;
  GtkWidget *headline;
  GtkWidget *breakdown;
  GtkWidget *cost;
  GtkWidget *list;
  GPtrArray *rows;                  /* StopRow* */
  CwPlan    *plan;
};

enum {
  STOP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CwTripTimeline, cw_trip_timeline, GTK_TYPE_WIDGET)

static void
stop_row_free (gpointer data)
{
  StopRow *r = data;

  g_clear_object (&r->station);
  g_free (r);
}

static GtkWidget *
line (GtkWidget  *box,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static char *
clock_at (const CwPlan *plan,
          double        minutes)
{
  gint64 start = plan->options.now > 0 ? plan->options.now : g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_local (start + (gint64) round (minutes * 60));

  return g_date_time_format (t, "%H:%M");
}

static char *
format_soc (double soc)
{
  /* Translators: a state of charge, "23 %" */
  return g_strdup_printf (_("%.0f %%"), soc);
}

/* The start or the destination: a plain row. */
static void
add_end_row (CwTripTimeline *self,
             const char     *title,
             const char     *detail,
             const char     *clock)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *time = gtk_label_new (clock);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (time, "numeric");
  gtk_box_append (GTK_BOX (head), name);
  gtk_box_append (GTK_BOX (head), time);
  gtk_box_append (GTK_BOX (box), head);
  gtk_label_set_text (GTK_LABEL (line (box, "dim-label")), detail);
  gtk_widget_add_css_class (box, "plan-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (GTK_LIST_BOX (self->list), row);
}

static char *
around_text (const CwPlanStop *stop)
{
  GPtrArray *bits = g_ptr_array_new_with_free_func (g_free);
  char *text;

  if (stop->station->facilities != 0)
    g_ptr_array_add (bits, cw_format_facilities (stop->station->facilities));
  else
    g_ptr_array_add (bits, g_strdup (_("No facilities listed")));
  /* Translators: chargers usable by this car at a stop, and free when planned */
  g_ptr_array_add (bits, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u charger free",
                                                       "%u of %u chargers free", stop->n_usable),
                                          stop->n_available, stop->n_usable));
  if (stop->offset_km >= 0.05)
    {
      g_autofree char *off = cw_format_distance (stop->offset_km);
      /* Translators: how far a stop lies from the route, "1.2 km" */
      g_ptr_array_add (bits, g_strdup_printf (_("%s off the route"), off));
    }
  g_ptr_array_add (bits, NULL);
  text = g_strjoinv (" · ", (char **) bits->pdata);
  g_ptr_array_unref (bits);
  return text;
}

static void
add_stop_row (CwTripTimeline   *self,
              const CwPlan     *plan,
              guint             index,
              const CwPlanStop *stop)
{
  StopRow *r = g_new0 (StopRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *number;
  g_autofree char *n = g_strdup_printf ("%u", index + 1);
  g_autofree char *arrive = format_soc (stop->arrival_soc);
  g_autofree char *leave = format_soc (stop->departure_soc);
  g_autofree char *minutes = cw_format_duration (stop->charge_minutes * 60);
  g_autofree char *power = cw_format_power (stop->power_kw);
  g_autofree char *soc = NULL;
  g_autofree char *charge = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *around = around_text (stop);
  g_autofree char *clock = clock_at (plan, stop->arrival_minutes);

  r->station = g_object_ref (stop->station);
  r->row = gtk_list_box_row_new ();

  number = gtk_label_new (n);
  gtk_widget_add_css_class (number, "plan-stop-number");
  gtk_widget_set_valign (number, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (head), number);
  r->parts[PART_NAME] = gtk_label_new (cw_station_get_name (stop->station) ? cw_station_get_name (stop->station) : cw_station_get_id (stop->station));
  gtk_label_set_xalign (GTK_LABEL (r->parts[PART_NAME]), 0);
  /* Names are long ("Demo · Snelstroom A5 Frankfurt am Main Ost"): two lines at most. */
  gtk_label_set_wrap (GTK_LABEL (r->parts[PART_NAME]), TRUE);
  gtk_label_set_lines (GTK_LABEL (r->parts[PART_NAME]), 2);
  gtk_label_set_ellipsize (GTK_LABEL (r->parts[PART_NAME]), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (r->parts[PART_NAME], TRUE);
  gtk_widget_add_css_class (r->parts[PART_NAME], "heading");
  gtk_box_append (GTK_BOX (head), r->parts[PART_NAME]);
  r->parts[PART_ARRIVAL] = gtk_label_new (clock);
  gtk_widget_set_valign (r->parts[PART_ARRIVAL], GTK_ALIGN_START);
  gtk_widget_add_css_class (r->parts[PART_ARRIVAL], "numeric");
  gtk_widget_set_tooltip_text (r->parts[PART_ARRIVAL], _("Arrival time"));
  gtk_box_append (GTK_BOX (head), r->parts[PART_ARRIVAL]);
  gtk_box_append (GTK_BOX (box), head);

  /* Translators: charge on arrival at a stop and on leaving it, "Arrive with 12 % · leave with 68 %" */
  soc = g_strdup_printf (_("Arrive with %s · leave with %s"), arrive, leave);
  r->parts[PART_SOC] = line (box, NULL);
  gtk_label_set_text (GTK_LABEL (r->parts[PART_SOC]), soc);

  /* Translators: "25 min charging at up to 150 kW, 38.2 kWh" */
  charge = g_strdup_printf (_("%s charging at up to %s, %.1f kWh"), minutes, power, stop->energy_kwh);
  r->parts[PART_CHARGE] = line (box, NULL);
  gtk_label_set_text (GTK_LABEL (r->parts[PART_CHARGE]), charge);

  if (stop->estimate != NULL)
    {
      g_autofree char *money = cw_format_money (stop->estimate->currency, stop->estimate->total_incl);

      cost = stop->idle_fee ?
        /* Translators: the cost of a stop whose tariff bills idle time: %s is "€14.20" */
        g_strdup_printf (_("About %s · idle fee once charged: unplug in time"), money) :
        /* Translators: the cost of a stop, "€14.20" */
        g_strdup_printf (_("About %s"), money);
    }
  else
    cost = g_strdup (_("Price not published"));
  r->parts[PART_COST] = line (box, stop->idle_fee ? "warning" : NULL);
  gtk_label_set_text (GTK_LABEL (r->parts[PART_COST]), cost);

  r->parts[PART_AROUND] = line (box, "dim-label");
  gtk_label_set_text (GTK_LABEL (r->parts[PART_AROUND]), around);

  gtk_widget_add_css_class (box, "plan-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (r->row), box);
  gtk_list_box_append (GTK_LIST_BOX (self->list), r->row);
  g_ptr_array_add (self->rows, r);
}

static void
clear (CwTripTimeline *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  g_clear_pointer (&self->plan, cw_plan_unref);
  gtk_widget_set_visible (self->problem, FALSE);
  gtk_widget_set_visible (self->totals, FALSE);
  gtk_widget_set_visible (self->list, FALSE);
  gtk_widget_set_visible (self->message, FALSE);
  gtk_label_set_text (GTK_LABEL (self->problem_title), "");
  gtk_label_set_text (GTK_LABEL (self->problem_detail), "");
}

static void
fill_totals (CwTripTimeline *self,
             const CwPlan   *plan)
{
  g_autofree char *total = cw_format_duration (plan->total_minutes * 60);
  g_autofree char *drive = cw_format_duration (plan->drive_minutes * 60);
  g_autofree char *charge = cw_format_duration (plan->charge_minutes * 60);
  g_autofree char *detour = cw_format_duration (plan->detour_minutes * 60);
  g_autofree char *stops = cw_format_duration (plan->stop_minutes * 60);
  g_autofree char *headline = NULL;
  g_autofree char *breakdown = NULL;
  g_autofree char *cost = NULL;

  if (plan->stops->len == 0)
    /* Translators: %s is the trip's time, "4 h 10 min" */
    headline = g_strdup_printf (_("No charging stop needed · %s"), total);
  else
    /* Translators: %u stops, %s the whole trip's time, "2 charging stops · 6 h 40 min" */
    headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u charging stop · %s",
                                             "%u charging stops · %s", plan->stops->len),
                                plan->stops->len, total);
  /* Translators: the parts of a trip's time */
  breakdown = g_strdup_printf (_("Driving %s · charging %s · detours %s · parking and plugging in %s"),
                               drive, charge, detour, stops);
  if (plan->stops->len == 0)
    cost = g_strdup ("");
  else if (plan->cost_currency != NULL)
    {
      g_autofree char *money = cw_format_money (plan->cost_currency, plan->cost_total);

      cost = plan->cost_complete ?
        /* Translators: %s is "€31.40" */
        g_strdup_printf (_("Charging costs about %s"), money) :
        /* Translators: %s is "€31.40"; some stops publish no price */
        g_strdup_printf (_("Charging costs about %s, besides stops without a published price"), money);
    }
  else
    cost = g_strdup (_("Charging costs: not known (prices missing or in several currencies)"));

  gtk_label_set_text (GTK_LABEL (self->headline), headline);
  gtk_label_set_text (GTK_LABEL (self->breakdown), breakdown);
  gtk_label_set_text (GTK_LABEL (self->cost), cost);
  gtk_widget_set_visible (self->cost, *cost != '\0');
  gtk_widget_set_visible (self->totals, TRUE);
}

void
cw_trip_timeline_set_plan (CwTripTimeline *self,
                           CwPlan         *plan)
{
  g_return_if_fail (CW_IS_TRIP_TIMELINE (self));

  if (plan != NULL)
    cw_plan_ref (plan);   /* @plan may be the one shown */
  clear (self);
  if (plan == NULL)
    return;
  self->plan = plan;

  fill_totals (self, plan);
  {
    g_autofree char *soc = format_soc (plan->options.start_soc);
    g_autofree char *clock = clock_at (plan, 0);
    /* Translators: the start of a trip, "Leave with 80 %" */
    g_autofree char *detail = g_strdup_printf (_("Leave with %s"), soc);

    add_end_row (self, _("Start"), detail, clock);
  }
  for (guint i = 0; i < plan->stops->len; i++)
    add_stop_row (self, plan, i, g_ptr_array_index (plan->stops, i));
  {
    g_autofree char *soc = format_soc (plan->arrival_soc);
    g_autofree char *clock = clock_at (plan, plan->total_minutes);
    g_autofree char *length = cw_format_distance (plan->length_km);
    /* Translators: the end of a trip: "Arrive with 14 % after 612 km" */
    g_autofree char *detail = g_strdup_printf (_("Arrive with %s after %s"), soc, length);

    add_end_row (self, _("Destination"), detail, clock);
  }
  gtk_widget_set_visible (self->list, TRUE);
}

CwPlan *
cw_trip_timeline_get_plan (CwTripTimeline *self)
{
  g_return_val_if_fail (CW_IS_TRIP_TIMELINE (self), NULL);
  return self->plan;
}

void
cw_trip_timeline_set_impossible (CwTripTimeline  *self,
                                 const CwPlanGap *gap,
                                 const char      *reason)
{
  g_autofree char *detail = NULL;

  g_return_if_fail (CW_IS_TRIP_TIMELINE (self));

  clear (self);
  if (gap != NULL)
    /* Translators: why a trip cannot be planned: from km, to km, the
     * distance to cover, the distance the car can drive there */
    detail = g_strdup_printf (_("Between km %.0f and km %.0f of the route there is no usable charging "
                                "station: %.0f km to cover, but the car gets only %.0f km there."),
                              gap->from_km, gap->to_km, gap->gap_km, gap->range_km);
  else
    detail = g_strdup (reason ? reason : "");
  gtk_label_set_text (GTK_LABEL (self->problem_title), _("This trip cannot be made with this car"));
  gtk_label_set_text (GTK_LABEL (self->problem_detail), detail);
  gtk_widget_set_visible (self->problem, TRUE);
}

void
cw_trip_timeline_set_message (CwTripTimeline *self,
                              const char     *message)
{
  g_return_if_fail (CW_IS_TRIP_TIMELINE (self));

  clear (self);
  gtk_label_set_text (GTK_LABEL (self->message), message ? message : "");
  gtk_widget_set_visible (self->message, message != NULL);
}

static void
on_row_activated (CwTripTimeline *self,
                  GtkListBoxRow  *row)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      StopRow *r = g_ptr_array_index (self->rows, i);

      if (r->row == GTK_WIDGET (row))
        {
          g_signal_emit (self, signals[STOP_ACTIVATED], 0, r->station);
          return;
        }
    }
}

static void
cw_trip_timeline_dispose (GObject *object)
{
  CwTripTimeline *self = CW_TRIP_TIMELINE (object);

  g_clear_pointer (&self->plan, cw_plan_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (cw_trip_timeline_parent_class)->dispose (object);
}

static void
cw_trip_timeline_class_init (CwTripTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_trip_timeline_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-trip-timeline");

  /**
   * CwTripTimeline::stop-activated:
   * @station: the station of the stop clicked
   */
  signals[STOP_ACTIVATED] = g_signal_new ("stop-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, CW_TYPE_STATION);
}

static void
cw_trip_timeline_init (CwTripTimeline *self)
{
  self->rows = g_ptr_array_new_with_free_func (stop_row_free);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->message = line (self->box, "dim-label");

  self->problem = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->problem, "plan-problem");
  self->problem_title = line (self->problem, "heading");
  gtk_widget_add_css_class (self->problem_title, "error");
  self->problem_detail = line (self->problem, NULL);
  gtk_box_append (GTK_BOX (self->box), self->problem);

  self->totals = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  self->headline = line (self->totals, "heading");
  self->breakdown = line (self->totals, "caption");
  self->cost = line (self->totals, "caption");
  gtk_box_append (GTK_BOX (self->box), self->totals);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Charging stops"), -1);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_box_append (GTK_BOX (self->box), self->list);

  clear (self);
}

GtkWidget *
cw_trip_timeline_new (void)
{
  return g_object_new (CW_TYPE_TRIP_TIMELINE, NULL);
}

guint
cw_trip_timeline_get_n_stops (CwTripTimeline *self)
{
  g_return_val_if_fail (CW_IS_TRIP_TIMELINE (self), 0);
  return self->rows->len;
}

const char *
cw_trip_timeline_get_stop_text (CwTripTimeline *self,
                                guint           index,
                                const char     *part)
{
  StopRow *r;

  g_return_val_if_fail (CW_IS_TRIP_TIMELINE (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  r = g_ptr_array_index (self->rows, index);
  for (guint i = 0; i < N_PARTS; i++)
    if (g_strcmp0 (part, part_names[i]) == 0)
      return gtk_label_get_text (GTK_LABEL (r->parts[i]));
  return NULL;
}

const char *
cw_trip_timeline_get_totals_text (CwTripTimeline *self)
{
  g_return_val_if_fail (CW_IS_TRIP_TIMELINE (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->headline));
}

const char *
cw_trip_timeline_get_problem_text (CwTripTimeline *self)
{
  g_return_val_if_fail (CW_IS_TRIP_TIMELINE (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->problem_detail));
}

void
cw_trip_timeline_activate_stop (CwTripTimeline *self,
                                guint           index)
{
  g_return_if_fail (CW_IS_TRIP_TIMELINE (self));
  g_return_if_fail (index < self->rows->len);

  g_signal_emit_by_name (self->list, "row-activated",
                         ((StopRow *) g_ptr_array_index (self->rows, index))->row);
}
