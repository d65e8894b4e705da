/* test-window-plan.c: a trip plan in the window — the car, the
 * timeline, the stops on the map, re-planning when a stop breaks down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cw-application.h"
#include "cw-car-page.h"
#include "cw-car-settings.h"
#include "cw-preferences-window.h"
#include "cw-corridor.h"
#include "cw-estimate-view.h"
#include "cw-test-demo-trip.h"
#include "cw-test-gui.h"
#include "cw-test-tiles.h"
#include "cw-window-internal.h"
#include "cw-window-private.h"
#include "cw-route-panel.h"

static char *tmp_dir;
static char *tiles_path;

/* Paris to Lyon: no demo station anywhere near. */
static const CwLatLon nowhere[] = {
  { 48.8566, 2.3522 }, { 48.3000, 3.2000 }, { 47.3200, 5.0400 }, { 46.3000, 4.8300 }, { 45.7640, 4.8357 },
};

typedef struct {
  CwWindow *window;
  guint     after;
} PlanWait;

static gboolean
planned (gpointer data)
{
  PlanWait *w = data;
  return !_cw_window_is_planning (w->window) && _cw_window_get_n_plans (w->window) > w->after;
}

static void
wait_for_plan (CwWindow *window,
               guint     after)
{
  PlanWait w = { window, after };

  g_assert_true (cw_test_wait_for (planned, &w, 30));
}

static CwWindow *
open_window (GSettings *settings)
{
  CwWindow *window = cw_window_new (NULL, NULL, settings, "demo", tiles_path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cw_test_wait_for (cw_test_window_loaded, window, 20));
  /* The test decides the statuses from here on. */
  cw_live_source_stop (_cw_window_get_live_source (window));
  return window;
}

static void
open_route (CwWindow   *window,
            const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  cw_window_open_route_file (window, file);
  g_assert_true (cw_test_wait_for (cw_test_window_has_route, window, 10));
}

static void
load_route (CwWindow       *window,
            const CwLatLon *points,
            guint           n,
            const char     *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr (GFile) file G_GNUC_UNUSED = g_file_new_for_path (path);
  GString *gpx = g_string_new ("<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" "
                               "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (gpx, "<trkpt lat=\"%.4f\" lon=\"%.4f\"/>\n", points[i].lat, points[i].lon);
  g_string_append (gpx, "</trkseg></trk></gpx>\n");
  g_assert_true (g_file_set_contents (path, gpx->str, -1, NULL));
  g_string_free (gpx, TRUE);
  open_route (window, path);
  g_unlink (path);
}

/* The same plan from the core, on the window's candidates and options. */
static CwPlan *
core_plan (CwWindow *window,
           CwPlan   *shown)
{
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (CwPlanCandidate));
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  CwPlan *plan;

  g_hash_table_iter_init (&iter, window->route_hits);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const CwCorridorHit *hit = value;
      CwPlanCandidate c = { key, hit->along_km, hit->offset_km };

      g_array_append_val (candidates, c);
    }
  plan = cw_planner_plan (window->route, shown->car, &shown->options,
                          (const CwPlanCandidate *) (void *) candidates->data, candidates->len, NULL, &error);
  g_assert_no_error (error);
  return plan;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* With CW_PLAN_LINGER=N, N seconds to take a screenshot of what is shown. */
static void
linger (void)
{
  if (g_getenv ("CW_PLAN_LINGER") == NULL)
    return;
  cw_test_spin (1000 * atoi (g_getenv ("CW_PLAN_LINGER")));
}

static gboolean
all_stops_drawn (gpointer data)
{
  CwWindow *w = data;
  CwPlan *plan = _cw_window_get_plan (w);

  gtk_widget_queue_draw (GTK_WIDGET (_cw_window_get_layer (w)));
  return plan != NULL && cw_station_layer_get_n_planned_drawn (_cw_window_get_layer (w)) == plan->stops->len;
}

static void
check_timeline (CwWindow *window)
{
  CwPlan *plan = _cw_window_get_plan (window);
  CwTripTimeline *tl = _cw_window_get_timeline (window);
  CwStationLayer *layer = _cw_window_get_layer (window);
  g_autoptr (CwPlan) expected = core_plan (window, plan);

  /* The rows are the core's plan: count, order, charge figures. */
  g_assert_cmpuint (cw_trip_timeline_get_n_stops (tl), ==, plan->stops->len);
  g_assert_cmpuint (expected->stops->len, ==, plan->stops->len);
  g_assert_cmpfloat (fabs (expected->total_minutes - plan->total_minutes), <, 1e-6);
  for (guint i = 0; i < plan->stops->len; i++)
    {
      const CwPlanStop *stop = g_ptr_array_index (plan->stops, i);
      const CwPlanStop *core = g_ptr_array_index (expected->stops, i);
      g_autofree char *arrive = g_strdup_printf ("%.0f %%", stop->arrival_soc);
      g_autofree char *leave = g_strdup_printf ("%.0f %%", stop->departure_soc);
      const char *soc = cw_trip_timeline_get_stop_text (tl, i, "soc");

      g_assert_cmpstr (cw_station_get_key (stop->station), ==, cw_station_get_key (core->station));
      g_assert_cmpfloat (stop->arrival_soc, ==, core->arrival_soc);
      g_assert_cmpfloat (stop->departure_soc, ==, core->departure_soc);
      g_assert_cmpfloat (stop->departure_soc, >, stop->arrival_soc);
      /* The window's stops are the store's stations, not the worker's copies. */
      g_assert_true (stop->station == cw_station_store_lookup (window->store, cw_station_get_source (stop->station),
                                                               cw_station_get_id (stop->station)));
      g_assert_cmpstr (cw_trip_timeline_get_stop_text (tl, i, "name"), ==, cw_station_get_name (stop->station));
      g_assert_nonnull (strstr (soc, arrive));
      g_assert_nonnull (strstr (soc, leave));
      g_assert_true (strstr (soc, arrive) < strstr (soc, leave));
      g_assert_cmpstr (cw_trip_timeline_get_stop_text (tl, i, "cost"), !=, "");
      g_assert_cmpstr (cw_trip_timeline_get_stop_text (tl, i, "around"), !=, "");
      g_test_message ("stop %u: %s — %s; %s; %s; %s; arrive %s", i + 1, cw_station_get_name (stop->station), soc,
                      cw_trip_timeline_get_stop_text (tl, i, "charge"),
                      cw_trip_timeline_get_stop_text (tl, i, "cost"),
                      cw_trip_timeline_get_stop_text (tl, i, "around"),
                      cw_trip_timeline_get_stop_text (tl, i, "arrival"));
      /* The map marks it with its number. */
      g_assert_cmpuint (cw_station_layer_get_planned_number (layer, stop->station), ==, i + 1);
    }
  g_test_message ("totals: %s", cw_trip_timeline_get_totals_text (tl));
  g_assert_cmpstr (cw_trip_timeline_get_problem_text (tl), ==, "");
}

static void
test_plan_trip (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  CwWindow *window;
  CwRoutePanel *rp;
  CwPlan *plan;
  CwPlanStop *broken;
  CwStation *broken_station;
  g_autofree char *broken_key = NULL;
  g_autofree char *trip_path = NULL;
  guint n;

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "car-profile", "generic-mid-size");
  g_settings_set_boolean (settings, "plan-stops", FALSE);
  window = open_window (settings);
  rp = CW_ROUTE_PANEL (window->route_panel);
  /* The core's tests plan the same 615 km, Amsterdam to Stuttgart. */
  trip_path = cw_test_write_demo_trip (tmp_dir);
  open_route (window, trip_path);
  g_unlink (trip_path);
  g_assert_cmpfloat (cw_route_get_length_km (window->route), >, 590);
  cw_route_panel_set_corridor_km (rp, 10.0);
  g_assert_null (_cw_window_get_plan (window));

  /* Planning on: a plan with stops, in the timeline and on the map. */
  n = _cw_window_get_n_plans (window);
  cw_route_panel_set_plan (rp, TRUE, 80, 10);
  wait_for_plan (window, n);
  plan = _cw_window_get_plan (window);
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->stops->len, >=, 1);
  g_assert_true (g_settings_get_boolean (settings, "plan-stops"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->list_stack), ==, "trip");
  check_timeline (window);
  g_assert_true (cw_test_wait_for (all_stops_drawn, window, 10));

  linger ();

  /* "Car…" opens the preferences on the Car page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "plan.choose-car", NULL);
  {
    g_autoptr (GList) toplevels = gtk_window_list_toplevels ();
    AdwPreferencesWindow *prefs = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (CW_IS_PREFERENCES_WINDOW (l->data))
        prefs = l->data;
    g_assert_nonnull (prefs);
    g_assert_cmpstr (adw_preferences_window_get_visible_page_name (prefs), ==, "car");
    linger ();
    gtk_window_destroy (GTK_WINDOW (prefs));
  }

  /* A click on a stop shows its station. */
  cw_trip_timeline_activate_stop (_cw_window_get_timeline (window), 0);
  g_assert_true (cw_station_details_get_station (_cw_window_get_details (window)) ==
                 ((CwPlanStop *) g_ptr_array_index (plan->stops, 0))->station);
  g_assert_true (gtk_widget_get_visible (window->stop_label));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (window->stop_label)), "Stop 1 of the trip plan"));
  /* The price estimate in the details is for the stop's energy. */
  {
    GtkWidget *energy = find_named (window->estimate, "energy");
    const CwPlanStop *first = g_ptr_array_index (plan->stops, 0);

    g_assert_nonnull (energy);
    g_assert_cmpfloat (fabs (gtk_spin_button_get_value (GTK_SPIN_BUTTON (energy)) - first->energy_kwh), <, 0.5);
    g_assert_cmpstr (cw_estimate_view_get_total_text (CW_ESTIMATE_VIEW (window->estimate)), !=, "");
  }

  /* The first stop breaks down: the plan is made again without it, and says so. */
  broken = g_ptr_array_index (plan->stops, 0);
  broken_key = g_strdup (cw_station_get_key (broken->station));
  broken_station = broken->station;   /* the store keeps it */
  {
    g_autoptr (CwStation) update = cw_station_new (cw_station_get_source (broken->station), cw_station_get_id (broken->station));
    g_autoptr (GPtrArray) list = g_ptr_array_new ();

    cw_station_update_from (update, broken->station);
    for (guint i = 0; i < update->n_evses; i++)
      update->evses[i].status = CW_EVSE_STATUS_OUTOFORDER;
    g_ptr_array_add (list, update);
    n = _cw_window_get_n_plans (window);
    cw_station_store_merge (window->store, cw_station_get_source (broken->station), list, FALSE);
  }
  wait_for_plan (window, n);
  plan = _cw_window_get_plan (window);
  g_assert_nonnull (plan);
  for (guint i = 0; i < plan->stops->len; i++)
    g_assert_cmpstr (cw_station_get_key (((CwPlanStop *) g_ptr_array_index (plan->stops, i))->station),
                     !=, broken_key);
  g_assert_nonnull (_cw_window_get_plan_notice (window));
  g_assert_nonnull (strstr (_cw_window_get_plan_notice (window), "Stop 1 at"));
  g_assert_nonnull (strstr (_cw_window_get_plan_notice (window), "re-planned"));
  g_test_message ("%s", _cw_window_get_plan_notice (window));
  check_timeline (window);
  g_assert_cmpuint (cw_station_layer_get_planned_number (_cw_window_get_layer (window), broken_station), ==, 0);

  /* New input while a plan is being made: only the last one is shown. */
  n = _cw_window_get_n_plans (window);
  cw_route_panel_set_plan (rp, TRUE, 90, 10);
  g_assert_true (_cw_window_is_planning (window));
  cw_route_panel_set_plan (rp, TRUE, 70, 15);
  cw_route_panel_set_plan (rp, TRUE, 85, 12);
  wait_for_plan (window, n);
  g_assert_cmpuint (_cw_window_get_n_plans (window), ==, n + 1);
  plan = _cw_window_get_plan (window);
  g_assert_cmpfloat (plan->options.start_soc, ==, 85);
  g_assert_cmpfloat (plan->options.min_stop_soc, ==, 12);
  g_assert_cmpfloat (g_settings_get_double (settings, "plan-start-soc"), ==, 85);
  g_assert_cmpfloat (g_settings_get_double (settings, "plan-min-soc"), ==, 12);
  check_timeline (window);

  /* Planning off: no plan, nothing marked. */
  cw_route_panel_set_plan (rp, FALSE, 80, 10);
  g_assert_null (_cw_window_get_plan (window));
  g_assert_cmpuint (cw_trip_timeline_get_n_stops (_cw_window_get_timeline (window)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->list_stack), ==, "stations");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_impossible_trip (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  CwWindow *window = open_window (settings);
  CwTripTimeline *tl = _cw_window_get_timeline (window);
  guint n = _cw_window_get_n_plans (window);
  const char *problem;

  cw_route_panel_set_plan (CW_ROUTE_PANEL (window->route_panel), TRUE, 80, 10);
  load_route (window, nowhere, G_N_ELEMENTS (nowhere), "nowhere.gpx");
  wait_for_plan (window, n);
  g_assert_null (_cw_window_get_plan (window));
  g_assert_cmpuint (cw_trip_timeline_get_n_stops (tl), ==, 0);
  problem = cw_trip_timeline_get_problem_text (tl);
  g_test_message ("%s", problem);
  /* The failing gap, in km along the route. */
  g_assert_nonnull (strstr (problem, "Between km 0 and km"));
  g_assert_nonnull (strstr (problem, "km there"));

  /* Below the minimum from the start: said so, not as a gap. */
  n = _cw_window_get_n_plans (window);
  cw_route_panel_set_plan (CW_ROUTE_PANEL (window->route_panel), TRUE, 5, 10);
  wait_for_plan (window, n);
  problem = cw_trip_timeline_get_problem_text (tl);
  g_test_message ("%s", problem);
  g_assert_nonnull (strstr (problem, "starts with 5 % but must arrive anywhere with at least 10 %"));
  cw_route_panel_set_plan (CW_ROUTE_PANEL (window->route_panel), FALSE, 80, 10);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The car page: generic profiles are chosen, copied, never changed;
 * a copy is edited, saved in GSettings, and planned with. */
static void
test_car_page (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  GtkWidget *page = cw_car_page_new (settings);
  CwCarPage *cp = CW_CAR_PAGE (page);
  const char * const *ids;
  g_autofree char *own_id = NULL;
  g_autofree char *id = NULL;
  g_autoptr (CwCarProfile) chosen = NULL;
  g_autoptr (GPtrArray) own = NULL;

  g_object_ref_sink (page);
  g_settings_reset (settings, "car-profiles");
  _cw_car_page_choose (cp, "generic-suv");
  g_assert_cmpstr ((id = g_settings_get_string (settings, "car-profile")), ==, "generic-suv");
  g_clear_pointer (&id, g_free);
  g_assert_false (gtk_widget_get_visible (_cw_car_page_get_field (cp, "save")));

  g_signal_emit_by_name (_cw_car_page_get_field (cp, "copy"), "clicked");
  own_id = g_settings_get_string (settings, "car-profile");
  g_assert_true (g_str_has_prefix (own_id, "own-"));
  ids = _cw_car_page_get_ids (cp);
  g_assert_true (g_strv_contains (ids, own_id));
  g_assert_true (gtk_widget_get_visible (_cw_car_page_get_field (cp, "save")));

  gtk_editable_set_text (GTK_EDITABLE (_cw_car_page_get_field (cp, "name")), "Test car");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (_cw_car_page_get_field (cp, "battery")), 77);
  /* A curve of three points, entered out of order; the rest unused. */
  {
    static const double curve[][2] = { { 50, 100 }, { 10, 120 }, { 80, 50 }, { 0, 0 }, { 0, 0 }, { 0, 0 } };

    for (guint i = 0; i < G_N_ELEMENTS (curve); i++)
      {
        g_autofree char *soc = g_strdup_printf ("soc-%u", i);
        g_autofree char *kw = g_strdup_printf ("kw-%u", i);

        gtk_spin_button_set_value (GTK_SPIN_BUTTON (_cw_car_page_get_field (cp, soc)), curve[i][0]);
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (_cw_car_page_get_field (cp, kw)), curve[i][1]);
      }
  }
  g_signal_emit_by_name (_cw_car_page_get_field (cp, "save"), "clicked");

  own = cw_car_settings_load_own (settings);
  g_assert_cmpuint (own->len, ==, 1);
  chosen = cw_car_settings_get_chosen (settings);
  g_assert_cmpstr (chosen->id, ==, own_id);
  g_assert_cmpstr (chosen->name, ==, "Test car");
  g_assert_false (chosen->generic);
  g_assert_cmpfloat (chosen->battery_kwh, ==, 77);
  g_assert_cmpuint (chosen->curve->len, ==, 3);
  g_assert_cmpfloat (g_array_index (chosen->curve, CwChargePoint, 0).soc, ==, 10);
  g_assert_cmpfloat (g_array_index (chosen->curve, CwChargePoint, 0).kw, ==, 120);
  g_assert_cmpfloat (g_array_index (chosen->curve, CwChargePoint, 2).soc, ==, 80);
  g_assert_cmpfloat (g_array_index (chosen->curve, CwChargePoint, 2).kw, ==, 50);

  /* A bad figure is refused and loses nothing. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (_cw_car_page_get_field (cp, "dc")), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (_cw_car_page_get_field (cp, "ac")), 0);
  g_signal_emit_by_name (_cw_car_page_get_field (cp, "save"), "clicked");
  {
    g_autoptr (CwCarProfile) again = cw_car_settings_get_chosen (settings);
    g_assert_cmpfloat (again->max_dc_kw, >, 0);
  }

  g_signal_emit_by_name (_cw_car_page_get_field (cp, "delete"), "clicked");
  g_assert_cmpstr ((id = g_settings_get_string (settings, "car-profile")), ==, CW_CAR_SETTINGS_DEFAULT_ID);
  g_clear_pointer (&own, g_ptr_array_unref);
  own = cw_car_settings_load_own (settings);
  g_assert_cmpuint (own->len, ==, 0);
  g_object_unref (page);
}

int
main (int   argc,
      char *argv[])
{
  tmp_dir = cw_test_gui_init (&argc, &argv, "cw-plan-test-XXXXXX");
  cw_gui_init_resources ();
  tiles_path = g_build_filename (tmp_dir, "test.mbtiles", NULL);
  cw_test_write_mbtiles (tiles_path, 4, 8, 48.0, 2.0, 54.5, 10.0);

  g_test_add_func ("/window/plan/trip", test_plan_trip);
  g_test_add_func ("/window/plan/impossible", test_impossible_trip);
  g_test_add_func ("/window/plan/car-page", test_car_page);

  return g_test_run ();
}
