/* cw-window-plan.c: the window's trip plan — the car, the planner in a
 * worker, the timeline, the stops on the map, re-planning when a stop
 * breaks down
 *
 * The planner reads stations while it runs, and the store changes them
 * in place on the main thread; so the worker gets copies of the
 * candidates, and the stops it chooses are mapped back to the store's
 * stations when it is done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-window"

#include <glib/gi18n.h>

#include "cw-car-page.h"
#include "cw-car-settings.h"
#include "cw-corridor.h"
#include "cw-estimate-view.h"
#include "cw-format.h"
#include "cw-preferences-window.h"
#include "cw-route-panel.h"
#include "cw-trip-timeline.h"
#include "cw-window-internal.h"
#include "cw-window-private.h"

static CwRoutePanel *
panel (CwWindow *self)
{
  return CW_ROUTE_PANEL (self->route_panel);
}

static CwTripTimeline *
timeline (CwWindow *self)
{
  return CW_TRIP_TIMELINE (self->timeline);
}

static gboolean
planning_on (CwWindow *self)
{
  return self->timeline != NULL && self->route != NULL && cw_route_panel_get_plan_stops (panel (self));
}

/* ---- the worker ---- */

typedef struct {
  CwRoute      *route;
  CwCarProfile *car;
  CwPlanOptions options;
  GPtrArray    *copies;         /* CwStation*: the candidates, copied */
  GArray       *candidates;     /* CwPlanCandidate, on the copies */
  CwPlanGap     gap;
} PlanJob;

static void
plan_job_free (gpointer data)
{
  PlanJob *job = data;

  g_clear_pointer (&job->route, cw_route_unref);
  g_clear_pointer (&job->car, cw_car_profile_unref);
  g_clear_pointer (&job->copies, g_ptr_array_unref);
  g_clear_pointer (&job->candidates, g_array_unref);
  g_free (job);
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PlanJob *job = task_data;
  GError *error = NULL;
  CwPlan *plan;

  if (g_task_return_error_if_cancelled (task))
    return;
  plan = cw_planner_plan (job->route, job->car, &job->options,
                          (const CwPlanCandidate *) (void *) job->candidates->data, job->candidates->len,
                          &job->gap, &error);
  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) cw_plan_unref);
}

static PlanJob *
plan_job_new (CwWindow *self)
{
  PlanJob *job = g_new0 (PlanJob, 1);
  GHashTableIter iter;
  gpointer key, value;

  job->route = cw_route_ref (self->route);
  job->car = cw_car_profile_ref (self->car);
  cw_plan_options_init (&job->options);
  job->options.start_soc = cw_route_panel_get_start_soc (panel (self));
  job->options.min_stop_soc = cw_route_panel_get_min_soc (panel (self));
  job->options.min_arrival_soc = cw_route_panel_get_min_soc (panel (self));
  job->options.now = g_get_real_time () / G_USEC_PER_SEC;
  job->copies = g_ptr_array_new_with_free_func (g_object_unref);
  job->candidates = g_array_new (FALSE, FALSE, sizeof (CwPlanCandidate));

  /* The stations along the route that the filters keep. */
  g_hash_table_iter_init (&iter, self->route_hits);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CwStation *station = key;
      const CwCorridorHit *hit = value;
      CwStation *copy = cw_station_new (cw_station_get_source (station), cw_station_get_id (station));
      CwPlanCandidate c;

      cw_station_update_from (copy, station);
      g_ptr_array_add (job->copies, copy);
      c.station = copy;
      c.along_km = hit->along_km;
      c.offset_km = hit->offset_km;
      g_array_append_val (job->candidates, c);
    }
  return job;
}

/* ---- showing a plan ---- */

static void
show_stops_on_map (CwWindow *self)
{
  g_autoptr (GPtrArray) stations = g_ptr_array_new ();

  for (guint i = 0; self->plan != NULL && i < self->plan->stops->len; i++)
    g_ptr_array_add (stations, ((CwPlanStop *) g_ptr_array_index (self->plan->stops, i))->station);
  cw_station_layer_set_planned (self->layer, stations);
}

void
_cw_window_plan_show_station (CwWindow  *self,
                              CwStation *station)
{
  g_autofree char *text = NULL;

  for (guint i = 0; station != NULL && self->plan != NULL && i < self->plan->stops->len; i++)
    {
      const CwPlanStop *stop = g_ptr_array_index (self->plan->stops, i);
      g_autofree char *minutes = NULL;

      if (stop->station != station)
        continue;
      minutes = cw_format_duration (stop->charge_minutes * 60);
      /* Translators: in a station's details: the stop's number in the trip
       * plan, the charge on arrival and on leaving (percent), the charging time */
      text = g_strdup_printf (_("Stop %u of the trip plan: arrive with %.0f %%, leave with %.0f %% after %s"),
                              i + 1, stop->arrival_soc, stop->departure_soc, minutes);
      /* The price estimate below is for this stop's session. */
      cw_estimate_view_set_now (CW_ESTIMATE_VIEW (self->estimate),
                                self->plan->options.now + (gint64) (stop->arrival_minutes * 60));
      cw_estimate_view_set_session (CW_ESTIMATE_VIEW (self->estimate), stop->energy_kwh, stop->power_kw, 0);
      break;
    }
  if (text == NULL && self->estimate != NULL)
    cw_estimate_view_set_now (CW_ESTIMATE_VIEW (self->estimate), 0);
  gtk_label_set_text (GTK_LABEL (self->stop_label), text ? text : "");
  gtk_widget_set_visible (self->stop_label, text != NULL);
}

static void
set_plan (CwWindow *self,
          CwPlan   *plan)
{
  if (plan != NULL)
    cw_plan_ref (plan);
  g_clear_pointer (&self->plan, cw_plan_unref);
  self->plan = plan;
  show_stops_on_map (self);
  _cw_window_plan_show_station (self, cw_station_details_get_station (self->details));
}

/* The stops point at the worker's copies: put the store's stations in. */
static void
adopt_store_stations (CwWindow *self,
                      CwPlan   *plan)
{
  for (guint i = 0; i < plan->stops->len; i++)
    {
      CwPlanStop *stop = g_ptr_array_index (plan->stops, i);
      CwStation *mine = cw_station_store_lookup (self->store, cw_station_get_source (stop->station), cw_station_get_id (stop->station));

      if (mine != NULL && mine != stop->station)
        {
          g_object_unref (stop->station);
          stop->station = g_object_ref (mine);
        }
    }
}

static void start_planning (CwWindow *self);

static void
say (CwWindow   *self,
     const char *message)
{
  g_free (self->plan_notice);
  self->plan_notice = g_strdup (message);
  _cw_window_show_toast (self, message);
}

/* Whether the plan shown can still be driven; if not, plans again and
 * says why once the new plan is in. */
static gboolean
check_plan (CwWindow *self)
{
  guint bad = 0;
  CwPlanStop *stop;
  CwStation *now;

  if (self->plan == NULL || cw_plan_is_still_valid (self->plan, self->store, &bad))
    return TRUE;
  stop = g_ptr_array_index (self->plan->stops, bad);
  now = cw_station_store_lookup (self->store, cw_station_get_source (stop->station), cw_station_get_id (stop->station));
  g_free (self->replan_reason);
  if (now != NULL)
    /* Translators: a toast: %u is the stop's number, %s the station's name */
    self->replan_reason = g_strdup_printf (_("Stop %u at %s is now out of order — re-planned"),
                                           bad + 1, cw_station_get_name (stop->station) ? cw_station_get_name (stop->station) : cw_station_get_id (stop->station));
  else
    /* Translators: a toast: %u is the stop's number, %s the station's name */
    self->replan_reason = g_strdup_printf (_("Stop %u at %s is no longer listed — re-planned"),
                                           bad + 1, cw_station_get_name (stop->station) ? cw_station_get_name (stop->station) : cw_station_get_id (stop->station));
  start_planning (self);
  return FALSE;
}

static void
plan_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CwWindow *self = CW_WINDOW (object);
  GTask *task = G_TASK (result);
  PlanJob *job = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (CwPlan) plan = g_task_propagate_pointer (task, &error);
  g_autofree char *reason = NULL;

  /* A newer request replaced this one. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (task) != self->plan_cancellable)
    return;
  g_clear_object (&self->plan_cancellable);
  self->n_plans++;
  reason = g_steal_pointer (&self->replan_reason);

  if (plan == NULL)
    {
      set_plan (self, NULL);
      if (g_error_matches (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE) &&
          job->gap.range_km <= 0 && job->gap.from_km <= 0)
        {
          /* Not a gap: the car cannot leave at all. */
          g_autofree char *why =
            /* Translators: the charge at the start and the least charge to arrive with, in percent */
            g_strdup_printf (_("The car starts with %.0f %% but must arrive anywhere with at least %.0f %%: "
                               "charge before leaving, or ask for less on arrival."),
                             job->options.start_soc, job->options.min_stop_soc);
          cw_trip_timeline_set_impossible (timeline (self), NULL, why);
        }
      else if (g_error_matches (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE))
        cw_trip_timeline_set_impossible (timeline (self), &job->gap, NULL);
      else
        cw_trip_timeline_set_impossible (timeline (self), NULL, error->message);
      if (reason != NULL)
        {
          /* Translators: a toast: %s says which stop broke down */
          g_autofree char *msg = g_strdup_printf (_("%s, but no plan reaches the destination now"), reason);
          say (self, msg);
        }
      return;
    }

  adopt_store_stations (self, plan);
  set_plan (self, plan);
  cw_trip_timeline_set_plan (timeline (self), plan);
  if (reason != NULL)
    say (self, reason);
  /* Statuses that changed while the worker ran count too. */
  check_plan (self);
}

static void
start_planning (CwWindow *self)
{
  g_autoptr (GTask) task = NULL;

  /* New input: whatever still runs is of no use any more. */
  g_cancellable_cancel (self->plan_cancellable);
  g_clear_object (&self->plan_cancellable);
  if (!planning_on (self) || self->route_hits == NULL)
    return;

  self->plan_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->plan_cancellable, plan_done, NULL);
  g_task_set_source_tag (task, start_planning);
  g_task_set_task_data (task, plan_job_new (self), plan_job_free);
  if (self->plan == NULL)
    cw_trip_timeline_set_message (timeline (self), _("Planning charging stops…"));
  g_task_run_in_thread (task, plan_thread);
}

void
_cw_window_plan_update (CwWindow *self)
{
  gboolean on;

  if (self->timeline == NULL)
    return;
  on = planning_on (self);
  gtk_widget_set_visible (self->list_switcher, on);
  if (!on)
    {
      g_cancellable_cancel (self->plan_cancellable);
      g_clear_object (&self->plan_cancellable);
      g_clear_pointer (&self->replan_reason, g_free);
      set_plan (self, NULL);
      cw_trip_timeline_set_plan (timeline (self), NULL);
      gtk_stack_set_visible_child_name (self->list_stack, "stations");
      return;
    }
  start_planning (self);
}

/* ---- input ---- */

static void
update_car_label (CwWindow *self)
{
  /* Generic profiles say so in their names. */
  cw_route_panel_set_car_label (panel (self), cw_car_profile_get_display_name (self->car));
}

static void
on_car_changed (CwWindow *self)
{
  g_clear_pointer (&self->car, cw_car_profile_unref);
  self->car = cw_car_settings_get_chosen (self->settings);
  update_car_label (self);
  _cw_window_plan_update (self);
}

static void
on_plan_changed (CwWindow *self)
{
  gboolean on = cw_route_panel_get_plan_stops (panel (self));

  if (self->settings != NULL)
    {
      g_settings_set_boolean (self->settings, "plan-stops", on);
      g_settings_set_double (self->settings, "plan-start-soc", cw_route_panel_get_start_soc (panel (self)));
      g_settings_set_double (self->settings, "plan-min-soc", cw_route_panel_get_min_soc (panel (self)));
    }
  /* Turning planning on shows the plan; the stations stay a click away. */
  if (on && self->route != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "trip") != 0)
    gtk_stack_set_visible_child_name (self->list_stack, "trip");
  _cw_window_plan_update (self);
}

static void
on_stations_updated (CwWindow *self)
{
  /* A running plan is checked when it is done. */
  if (self->plan_cancellable == NULL)
    check_plan (self);
}

static void
on_stop_activated (CwWindow  *self,
                   CwStation *station)
{
  _cw_window_select_station (self, station);
}

static void
choose_car_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);
  GtkWidget *prefs;

  if (self->settings == NULL || self->kiosk)
    return;
  prefs = cw_preferences_window_new (GTK_WINDOW (self), self->settings);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "car");
  gtk_window_present (GTK_WINDOW (prefs));
}

void
_cw_window_plan_init (CwWindow *self)
{
  self->timeline = cw_trip_timeline_new ();
  gtk_scrolled_window_set_child (self->trip_scroller, self->timeline);
  g_signal_connect_object (self->timeline, "stop-activated", G_CALLBACK (on_stop_activated),
                           self, G_CONNECT_SWAPPED);

  self->stop_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->stop_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->stop_label), TRUE);
  gtk_widget_add_css_class (self->stop_label, "heading");
  gtk_widget_set_visible (self->stop_label, FALSE);
  gtk_box_prepend (cw_station_details_get_extra_box (self->details), self->stop_label);

  self->car = cw_car_settings_get_chosen (self->settings);
  update_car_label (self);
  if (self->settings != NULL)
    {
      cw_route_panel_set_plan (panel (self), g_settings_get_boolean (self->settings, "plan-stops"),
                               g_settings_get_double (self->settings, "plan-start-soc"),
                               g_settings_get_double (self->settings, "plan-min-soc"));
      g_signal_connect_object (self->settings, "changed::car-profile", G_CALLBACK (on_car_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::car-profiles", G_CALLBACK (on_car_changed),
                               self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->route_panel, "plan-changed", G_CALLBACK (on_plan_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "stations-updated", G_CALLBACK (on_stations_updated),
                           self, G_CONNECT_SWAPPED);
}

void
_cw_window_plan_dispose (CwWindow *self)
{
  g_cancellable_cancel (self->plan_cancellable);
  g_clear_object (&self->plan_cancellable);
  g_clear_pointer (&self->plan, cw_plan_unref);
  g_clear_pointer (&self->car, cw_car_profile_unref);
  g_clear_pointer (&self->replan_reason, g_free);
  g_clear_pointer (&self->plan_notice, g_free);
}

void
_cw_window_plan_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "plan.choose-car", NULL, choose_car_action);
}

/* ---- for tests ---- */

CwPlan *
_cw_window_get_plan (CwWindow *self)
{
  return self->plan;
}

CwTripTimeline *
_cw_window_get_timeline (CwWindow *self)
{
  return CW_TRIP_TIMELINE (self->timeline);
}

gboolean
_cw_window_is_planning (CwWindow *self)
{
  return self->plan_cancellable != NULL;
}

guint
_cw_window_get_n_plans (CwWindow *self)
{
  return self->n_plans;
}

const char *
_cw_window_get_plan_notice (CwWindow *self)
{
  return self->plan_notice;
}
