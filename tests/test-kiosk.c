/* test-kiosk.c: the window as a showroom kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "cw-polyline.h"

#include "cw-application.h"
#include "cw-idle-monitor.h"
#include "cw-route-panel.h"
#include "cw-filter-panel.h"
#include "cw-test-gui.h"
#include "cw-test-tiles.h"
#include "cw-window-internal.h"
#include "cw-window-private.h"

static char *tiles_path;

static gboolean
key (CwWindow        *window,
     guint            keyval,
     GdkModifierType  mods)
{
  gboolean handled = FALSE;

  /* What the capture-phase controller answers for this key. */
  g_signal_emit_by_name (window->kiosk_keys, "key-pressed", keyval, 0, mods, &handled);
  return handled;
}

static void
test_locked_down (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  CwWindow *window = cw_window_new (NULL, store, settings, "demo", tiles_path);
  gboolean blocked;

  gtk_window_present (GTK_WINDOW (window));
  cw_window_set_kiosk (window, TRUE);
  cw_test_spin (300);

  g_assert_true (cw_window_get_kiosk (window));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "kiosk"));
  g_assert_false (gtk_widget_get_visible (window->menu_button));
  g_assert_false (adw_header_bar_get_show_end_title_buttons (window->header_bar));

  /* F11, Escape, Alt+F4, Ctrl+Q, Ctrl+W are swallowed; other keys pass. */
  g_assert_true (key (window, GDK_KEY_F11, 0));
  g_assert_true (key (window, GDK_KEY_Escape, 0));
  g_assert_true (key (window, GDK_KEY_F4, GDK_ALT_MASK));
  g_assert_true (key (window, GDK_KEY_q, GDK_CONTROL_MASK));
  g_assert_true (key (window, GDK_KEY_w, GDK_CONTROL_MASK));
  g_assert_false (key (window, GDK_KEY_a, 0));

  /* No file choosers: asking for one opens no window. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint before = g_list_model_get_n_items (toplevels);

    gtk_widget_activate_action (GTK_WIDGET (window), "route.open-gpx", NULL);
    cw_test_spin (300);
    blocked = g_list_model_get_n_items (toplevels) == before;
    g_assert_true (blocked);
  }

  /* Nor the other ways to a file or another program: export (with a
   * route to export), the credits (links to a browser), a dropped file. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint before = g_list_model_get_n_items (toplevels);
    CwLatLon pts[] = { { 52.0894, 5.1103 }, { 51.4416, 5.4697 } };
    g_autoptr (CwRoute) route = cw_route_new (pts, 2);
    g_autofree char *gpx_path = g_build_filename (g_get_tmp_dir (), "cw-kiosk-drop.gpx", NULL);
    g_autoptr (GFile) gpx = g_file_new_for_path (gpx_path);
    g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    guint n_drop_targets = 0;

    _cw_window_set_route (window, route, NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "route.export", NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.credits", NULL);
    cw_test_spin (300);
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before);

    g_assert_true (g_file_set_contents (gpx_path, "<gpx version=\"1.1\"><trk><trkseg>"
                                        "<trkpt lat=\"50.1\" lon=\"3.1\"/><trkpt lat=\"50.2\" lon=\"3.2\"/>"
                                        "</trkseg></trk></gpx>", -1, NULL));
    gtk_widget_activate_action (GTK_WIDGET (window), "route.clear", NULL);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr (GtkEventController) c = g_list_model_get_item (controllers, i);
        GValue v = G_VALUE_INIT;
        gboolean accepted = TRUE;

        if (!GTK_IS_DROP_TARGET (c))
          continue;
        n_drop_targets++;
        g_value_init (&v, G_TYPE_FILE);
        g_value_set_object (&v, gpx);
        g_signal_emit_by_name (c, "drop", &v, 10.0, 10.0, &accepted);
        g_value_unset (&v);
        g_assert_false (accepted);
      }
    g_assert_cmpuint (n_drop_targets, >, 0);
    cw_test_spin (300);
    g_assert_null (window->route);
    g_unlink (gpx_path);
  }

  /* Closing is refused while a kiosk. */
  gtk_window_close (GTK_WINDOW (window));
  cw_test_spin (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  cw_window_set_kiosk (window, FALSE);
  g_assert_false (key (window, GDK_KEY_F11, 0));
  g_assert_true (gtk_widget_get_visible (window->menu_button));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The application in kiosk mode (the kiosk-mode key): its actions that
 * open other windows or leave — preferences, about, quit — are
 * disabled and lose their shortcuts; the window's file actions too. */
static void
test_app_locked_down (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autoptr (GtkApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  static const char *app_actions[] = { "preferences", "about", "quit" };
  static const char *win_actions[] = { "route.open-gpx", "route.export", "win.credits" };
  GtkWindow *window;
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before;

  if (settings == NULL)
    {
      g_test_skip ("the GSettings schema is not compiled");
      return;
    }
  g_settings_set_boolean (settings, "kiosk-mode", TRUE);
  app = GTK_APPLICATION (cw_application_new ());
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (app);
  g_assert_nonnull (window);
  g_assert_true (cw_window_get_kiosk (CW_WINDOW (window)));

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    {
      g_autofree char *detailed = g_strconcat ("app.", app_actions[i], NULL);
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (app, detailed);

      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), app_actions[i]));
      g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), app_actions[i]));
      g_assert_true (accels == NULL || accels[0] == NULL);
    }

  cw_test_spin (300);
  before = g_list_model_get_n_items (toplevels);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (win_actions); i++)
    gtk_widget_activate_action (GTK_WIDGET (window), win_actions[i], NULL);
  cw_test_spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before);

  cw_window_set_kiosk (CW_WINDOW (window), FALSE);
  gtk_window_destroy (window);
  g_settings_set_boolean (settings, "kiosk-mode", FALSE);
  cw_test_spin (100);
}

static gboolean
has_route (gpointer data)
{
  return ((CwWindow *) data)->route != NULL;
}

/* The monotonic time at which the attract view became visible. */
static void
note_shown (GtkWidget  *attract,
            GParamSpec *pspec,
            gint64     *shown_at)
{
  if (*shown_at == 0 && gtk_widget_get_visible (attract))
    *shown_at = g_get_monotonic_time ();
}

static gboolean
was_reset (gpointer data)
{
  return ((CwWindow *) data)->n_resets > 0;
}

/* A visitor picks a preset destination (no typing), takes the trip by
 * QR code, walks away; the kiosk resets itself after the idle time. */
static void
test_visit_and_reset (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autofree char *dir = g_dir_make_tmp ("cw-kiosk-XXXXXX", NULL);
  g_autofree char *dest = g_build_filename (dir, "destinations.json", NULL);
  g_autofree char *handoff = NULL;
  GtkWidget *first;
  CwWindow *window;
  double lat;

  g_assert_true (g_file_set_contents (dest, "[{\"name\": \"Eindhoven\", \"lat\": 51.4416, \"lon\": 5.4697}]", -1, NULL));
  g_settings_set_string (settings, "kiosk-destinations", dest);
  g_settings_set_double (settings, "kiosk-home-latitude", 52.0894);
  g_settings_set_double (settings, "kiosk-home-longitude", 5.1103);
  /* No OSRM out there: a straight line between the two will do. */
  g_setenv ("CHARGEWAY_OSRM_URL", "http://127.0.0.1:9", TRUE);

  window = cw_window_new (NULL, store, settings, "demo", tiles_path);
  gtk_window_present (GTK_WINDOW (window));
  cw_window_set_kiosk (window, TRUE);
  g_assert_true (cw_test_wait_for (cw_test_window_loaded, window, 60));

  /* The destination buttons are there; pressing one starts from the kiosk. */
  g_assert_nonnull (window->destinations_box);
  first = gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (window->destinations_box), 0));
  g_signal_emit_by_name (first, "clicked");
  cw_test_spin (500);
  g_assert_cmpstr (cw_place_entry_get_place (cw_route_panel_get_destination (CW_ROUTE_PANEL (window->route_panel)))->name,
                   ==, "Eindhoven");
  g_assert_cmpfloat_with_epsilon (cw_place_entry_get_place (cw_route_panel_get_origin (CW_ROUTE_PANEL (window->route_panel)))->latitude,
                                  52.0894, 1e-9);

  /* A route (given here as a GPX-like line) hands off as OSM directions. */
  {
    CwLatLon pts[] = { { 52.0894, 5.1103 }, { 51.4416, 5.4697 } };
    g_autoptr (CwRoute) route = cw_route_new (pts, 2);
    _cw_window_set_route (window, route, NULL);
  }
  g_assert_true (has_route (window));
  handoff = _cw_window_kiosk_handoff_text (window);
  g_test_message ("hand-off: %s", handoff);
  g_assert_true (g_str_has_prefix (handoff, "https://www.openstreetmap.org/directions"));
  g_clear_pointer (&handoff, g_free);

  /* A station alone hands off as a geo: URI. */
  {
    g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (_cw_window_get_selection (window)), 0);
    g_signal_emit_by_name (_cw_window_get_layer (window), "station-activated", s);
    gtk_widget_activate_action (GTK_WIDGET (window), "route.clear", NULL);
    handoff = _cw_window_kiosk_handoff_text (window);
    g_assert_true (g_str_has_prefix (handoff, "geo:"));
  }

  /* A filter too, then nobody touches it: not reset before the idle
   * time (2 s here), reset after it. */
  {
    g_autoptr (CwFilter) f = cw_filter_from_string ("standard=CCS2;free", NULL);
    cw_filter_panel_set_filter (CW_FILTER_PANEL (window->filter_panel), f);
  }
  {
    CwLatLon pts[] = { { 52.0894, 5.1103 }, { 51.4416, 5.4697 } };
    g_autoptr (CwRoute) route = cw_route_new (pts, 2);
    _cw_window_set_route (window, route, NULL);
  }
  /* Not reset before the idle time: the moment the attract view comes
   * up is taken from the clock, not from how long the test slept (a
   * loaded machine stalls the main loop for seconds: a check "still
   * there after 1 s of a 2 s timeout" failed at a load average of 10). */
  {
    gint64 poked, shown_at = 0;
    gulong id = g_signal_connect (window->attract, "notify::visible",
                                          G_CALLBACK (note_shown), &shown_at);

    cw_idle_monitor_set_timeout (CW_IDLE_MONITOR (window->idle_monitor), 2);
    cw_idle_monitor_poke (CW_IDLE_MONITOR (window->idle_monitor));
    poked = g_get_monotonic_time ();
    g_assert_cmpuint (window->n_resets, ==, 0);
    g_assert_true (has_route (window));
    g_assert_true (cw_test_wait_for (was_reset, window, 15));
    g_signal_handler_disconnect (window->attract, id);
    g_assert_cmpint (shown_at, >, 0);
    g_assert_cmpint (shown_at - poked, >=, 2 * G_USEC_PER_SEC);
  }
  {
    g_autofree char *left = cw_filter_to_string (cw_filter_panel_get_filter (CW_FILTER_PANEL (window->filter_panel)));
    g_assert_cmpstr (left, ==, "");
  }
  g_assert_false (has_route (window));
  g_assert_null (cw_station_details_get_station (_cw_window_get_details (window)));
  g_assert_null (cw_place_entry_get_place (cw_route_panel_get_destination (CW_ROUTE_PANEL (window->route_panel))));
  g_assert_true (gtk_widget_get_visible (window->attract));
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (shumate_simple_map_get_viewport (_cw_window_get_map (window))));
  g_assert_cmpfloat_with_epsilon (lat, 52.0894, 1e-3);

  /* A touch hides the attract view. */
  cw_idle_monitor_poke (CW_IDLE_MONITOR (window->idle_monitor));
  cw_test_spin (100);
  g_assert_false (gtk_widget_get_visible (window->attract));

  g_unsetenv ("CHARGEWAY_OSRM_URL");
  cw_window_set_kiosk (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "kiosk-destinations");
  g_unlink (dest);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = cw_test_gui_init (&argc, &argv, "cw-kiosk-test-XXXXXX");
  cw_gui_init_resources ();
  tiles_path = g_build_filename (tmp, "test.mbtiles", NULL);
  cw_test_write_mbtiles (tiles_path, 4, 6, 50.0, 3.0, 53.0, 7.0);

  g_test_add_func ("/kiosk/locked-down", test_locked_down);
  g_test_add_func ("/kiosk/visit-and-reset", test_visit_and_reset);
  g_test_add_func ("/kiosk/app-locked-down", test_app_locked_down);
  return g_test_run ();
}
