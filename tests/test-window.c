/* test-window.c: the window on demo data, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "cw-application.h"
#include "cw-credits-dialog.h"
#include "cw-preferences-window-private.h"
#include "cw-secrets.h"
#include "cw-test-gui.h"
#include "cw-test-tiles.h"
#include "cw-station-row.h"
#include "cw-window-private.h"

static char *tmp_dir;
static char *tiles_path;

static gboolean
load_failed (gpointer data)
{
  return _cw_window_get_error (data) != NULL;
}

static CwWindow *
open_window (CwStationStore *store,
             const char     *source)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  CwWindow *window;

  g_assert_nonnull (settings);
  window = cw_window_new (NULL, store, settings, source, tiles_path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cw_test_wait_for (cw_test_mapped, window, 10));
  return window;
}

static void
test_demo_window (void)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  CwWindow *window = open_window (store, "demo");
  GtkSingleSelection *selection;
  CwStationLayer *layer;
  CwStationDetails *details;
  g_autoptr (CwStation) first = NULL;
  CwStation *picked;
  guint n_view, n_all;
  double x, y;

  g_assert_true (cw_test_wait_for (cw_test_window_loaded, window, 20));
  _cw_window_flush_viewport (window);

  n_all = cw_station_store_get_n_stations (store);
  g_assert_cmpuint (n_all, >=, 300);
  g_assert_true (_cw_window_demo_badge_shown (window));
  g_assert_null (_cw_window_get_error (window));

  selection = _cw_window_get_selection (window);
  n_view = g_list_model_get_n_items (G_LIST_MODEL (selection));
  g_test_message ("%u stations, %u in view", n_all, n_view);
  g_assert_cmpuint (n_view, >, 0);
  g_assert_cmpuint (n_view, <=, n_all);
  /* The list waited for the map's first frame with stations; the
   * filter panel's operators came with it. */
  g_test_message ("%u operators offered", _cw_window_get_n_operators (window));
  g_assert_cmpuint (_cw_window_get_n_operators (window), >, 0);

  /* List → map and details */
  layer = _cw_window_get_layer (window);
  details = _cw_window_get_details (window);
  gtk_single_selection_set_selected (selection, 0);
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  g_assert_true (cw_station_layer_get_selected (layer) == first);
  g_assert_true (cw_station_details_get_station (details) == first);
  g_assert_cmpstr (cw_station_details_get_text (details, "name"), ==, cw_station_get_name (first));
  g_assert_cmpstr (cw_station_details_get_text (details, "operator"), ==, cw_station_get_operator_name (first));
  g_assert_nonnull (strstr (cw_station_details_get_text (details, "source"), "Demo"));
  g_assert_cmpuint (strlen (cw_station_details_get_text (details, "evses")), >, 0);
  g_assert_cmpstr (_cw_window_get_visible_page (window), ==, "details");
  cw_test_spin (1000);
  /* The content, not the toplevel: a GtkWidgetPaintable of a native draws nothing. */
  cw_test_save_screenshot (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                           "screenshot-window.png");

  /* Map → list: zoomed in on the second station, where it stands alone,
   * a click where its marker is drawn selects it in the list. */
  {
    g_autoptr (CwStation) second = g_list_model_get_item (G_LIST_MODEL (selection), 1);
    ShumateSimpleMap *map = _cw_window_get_map (window);

    g_assert_nonnull (second);
    /* Zoom in on it until the layer draws it alone (slow builds need
     * a few frames); the test tiles stop at 8, the map may go further. */
    shumate_viewport_set_max_zoom_level (shumate_simple_map_get_viewport (map), 18);
    picked = NULL;
    for (int zoom = 8; zoom <= 16 && picked == NULL; zoom += 4)
      {
        shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (map), zoom);
        shumate_map_center_on (shumate_simple_map_get_map (map), second->latitude, second->longitude);
        for (int tries = 0; tries < 25 && picked == NULL; tries++)
          {
            cw_test_spin (200);
            g_assert_true (cw_station_layer_get_station_point (layer, second, &x, &y));
            picked = cw_station_layer_pick (layer, x, y);
          }
      }
    g_assert_nonnull (picked);
    g_signal_emit_by_name (layer, "station-activated", picked);
    g_assert_true (cw_station_layer_get_selected (layer) == picked);
    g_assert_true (cw_station_details_get_station (details) == picked);
    _cw_window_flush_viewport (window);
    g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) picked);
  }

  /* Nothing is drawn where there is no station: far outside the map. */
  g_assert_null (cw_station_layer_pick (layer, -500, -500));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_failure_keeps_data (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "stations.json", NULL);
  g_autofree char *spec = g_strconcat ("ocpi-file:", path, NULL);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  CwWindow *window;
  guint before;

  g_assert_true (g_file_set_contents (path,
      "{\"data\":[{\"id\":\"A\",\"name\":\"A\",\"coordinates\":{\"latitude\":\"51.5\",\"longitude\":\"5.5\"},"
      "\"evses\":[{\"uid\":\"A1\",\"status\":\"AVAILABLE\",\"connectors\":[]}]},"
      "{\"id\":\"B\",\"name\":\"B\",\"coordinates\":{\"latitude\":\"51.6\",\"longitude\":\"5.4\"}}],"
      "\"status_code\":1000}", -1, NULL));
  window = open_window (store, spec);
  g_assert_true (cw_test_wait_for (cw_test_window_loaded, window, 20));
  before = cw_station_store_get_n_stations (store);
  g_assert_cmpuint (before, ==, 2);
  g_assert_false (_cw_window_demo_badge_shown (window));

  /* The file goes bad; a reload fails, says why, and keeps both stations. */
  g_assert_true (g_file_set_contents (path, "{\"data\":[{\"id\":", -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
  g_assert_true (cw_test_wait_for (load_failed, window, 20));
  g_assert_true (_cw_window_error_shown (window));
  g_assert_nonnull (strstr (_cw_window_get_error (window), "Malformed JSON"));
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, before);
  g_assert_nonnull (cw_station_store_lookup (store, spec, "A"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

static gboolean
source_is_ocpi (gpointer data)
{
  CwWindow *window = data;
  CwLiveSource *live = _cw_window_get_live_source (window);
  return live != NULL && cw_live_source_get_spec (live)->kind == CW_SOURCE_KIND_OCPI;
}

/* Choosing an OCPI server in Preferences switches the window to it; the
 * token goes to the keyring (or memory), never to GSettings. */
static void
test_preferences_source (void)
{
  const char *token = "pref-s3cret-0042";
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;
  CwWindow *window;
  GtkWidget *prefs;

  g_settings_set_string (settings, "source", "demo");
  window = open_window (store, "demo");
  g_assert_true (cw_test_wait_for (cw_test_window_loaded, window, 20));

  prefs = cw_preferences_window_new (GTK_WINDOW (window), settings);
  gtk_window_present (GTK_WINDOW (prefs));
  /* 127.0.0.1:9 (discard) refuses: the switch happens, the sync fails. */
  _cw_preferences_window_use_ocpi (CW_PREFERENCES_WINDOW (prefs), "http://127.0.0.1:9/ocpi/versions", token);
  g_assert_cmpstr (g_settings_get_string (settings, "source"), ==, "ocpi:http://127.0.0.1:9/ocpi/versions");
  g_assert_true (cw_test_wait_for (source_is_ocpi, window, 10));
  g_assert_true (cw_test_wait_for (load_failed, window, 20));
  g_assert_null (strstr (_cw_window_get_error (window), token));
  /* The demo's stations left with the demo. */
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 0);
  g_assert_false (_cw_window_demo_badge_shown (window));

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    {
      g_autoptr (GVariant) v = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (v, FALSE);
      g_assert_null (strstr (text, token));
    }

  g_settings_set_string (settings, "source", "demo");
  cw_secrets_clear_session ();
  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (CW_IS_STATION_ROW (c))
        g_ptr_array_add (rows, c);
      else
        collect_rows (c, rows);
    }
}

static void
count_signal (guint *n)
{
  (*n)++;
}

static gboolean
updated_once (gpointer data)
{
  return *(guint *) data > 0;
}

/* The hub changes statuses; a refresh updates stations in place: the
 * store announces no new or removed items, the list keeps its rows, the
 * layer keeps its index, and availability (the marker colour) moves. */
static void
test_live_update_in_place (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GPtrArray) rows_before = g_ptr_array_new ();
  g_autoptr (GPtrArray) rows_after = g_ptr_array_new ();
  g_autoptr (GHashTable) before = g_hash_table_new (NULL, NULL);
  CwWindow *window;
  guint items_changed = 0, updates = 0, moved = 0, n;

  /* 5000 simulated seconds a second: many sessions end and start. */
  g_setenv ("CHARGEWAY_DEMO_SPEED", "5000", TRUE);
  window = g_object_new (CW_TYPE_WINDOW, "store", store, "settings", settings, "source-spec", "demo",
                         "tiles", tiles_path, "demo-mode", CW_DEMO_HUB_IN_PROCESS, NULL);
  g_unsetenv ("CHARGEWAY_DEMO_SPEED");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cw_test_wait_for (cw_test_window_loaded, window, 20));
  cw_test_spin (500);

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_hash_table_insert (before, s, GINT_TO_POINTER (cw_station_get_availability (s)));
    }
  collect_rows (GTK_WIDGET (window), rows_before);
  g_assert_cmpuint (rows_before->len, >, 0);

  g_signal_connect_swapped (store, "items-changed", G_CALLBACK (count_signal), &items_changed);
  g_signal_connect_swapped (store, "stations-updated", G_CALLBACK (count_signal), &updates);
  cw_test_spin (1500);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
  g_assert_true (cw_test_wait_for (updated_once, &updates, 15));
  cw_test_spin (300);

  g_assert_cmpuint (items_changed, ==, 0);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, n);
  g_assert_true (cw_station_layer_is_ready (_cw_window_get_layer (window)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (store), i);
      if (GPOINTER_TO_INT (g_hash_table_lookup (before, s)) != (int) cw_station_get_availability (s))
        moved++;
    }
  g_test_message ("%u stations changed colour; %u rows before", moved, rows_before->len);
  g_assert_cmpuint (moved, >, 0);

  collect_rows (GTK_WIDGET (window), rows_after);
  g_assert_cmpuint (rows_after->len, ==, rows_before->len);
  for (guint i = 0; i < rows_before->len; i++)
    g_assert_true (g_ptr_array_find (rows_after, g_ptr_array_index (rows_before, i), NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
notified (gpointer data)
{
  return _cw_window_get_n_notifications (data) > 0;
}

/* Starring and viewing are kept in GSettings; "notify me" on a station
 * with no free charger fires once when one frees up. */
static void
test_favourites_and_notify (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_auto (GStrv) favs = NULL;
  g_auto (GStrv) recent = NULL;
  g_autofree char *key = NULL;
  CwStationDetails *details;
  CwStation *busy = NULL;
  CwWindow *window;
  guint n;

  g_setenv ("CHARGEWAY_DEMO_SPEED", "20000", TRUE);
  window = g_object_new (CW_TYPE_WINDOW, "store", store, "settings", settings, "source-spec", "demo",
                         "tiles", tiles_path, "demo-mode", CW_DEMO_HUB_IN_PROCESS, NULL);
  g_unsetenv ("CHARGEWAY_DEMO_SPEED");
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cw_test_wait_for (cw_test_window_loaded, window, 20));
  details = _cw_window_get_details (window);

  /* A station with no charger free now, shown in the details. */
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n && busy == NULL; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (store), i);
      if (cw_station_count_available (s) == 0 && cw_station_count_evses (s) > 0 &&
          s->n_evses > 0 && ((CwEvse *) &s->evses[0])->status != CW_EVSE_STATUS_PLANNED)
        busy = s;
    }
  g_assert_nonnull (busy);
  g_signal_emit_by_name (_cw_window_get_layer (window), "station-activated", busy);
  g_assert_true (cw_station_details_get_station (details) == busy);

  key = g_strconcat (cw_station_get_source (busy), "|", cw_station_get_id (busy), NULL);
  recent = g_settings_get_strv (settings, "recent-stations");
  g_assert_cmpstr (recent[0], ==, key);
  g_signal_emit_by_name (details, "favourite-toggled", busy, TRUE);
  favs = g_settings_get_strv (settings, "favourites");
  g_assert_true (g_strv_contains ((const char * const *) favs, key));

  g_signal_emit_by_name (details, "notify-requested", busy);
  /* Refresh until a charger there frees up (the hub runs 20000× fast). */
  for (int i = 0; i < 20 && !notified (window); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
      cw_test_wait_for (notified, window, 1);
    }
  g_assert_cmpuint (_cw_window_get_n_notifications (window), ==, 1);
  /* Later changes at that station send nothing more. */
  for (int i = 0; i < 3; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
      cw_test_spin (700);
    }
  g_assert_cmpuint (_cw_window_get_n_notifications (window), ==, 1);

  g_settings_reset (settings, "favourites");
  g_settings_reset (settings, "recent-stations");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing keeps size, map position and zoom; the next window opens there. */
static void
test_state_persists (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  CwWindow *window = open_window (store, "demo");
  ShumateSimpleMap *map = _cw_window_get_map (window);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (map);

  g_assert_true (cw_test_wait_for (cw_test_window_loaded, window, 20));
  shumate_viewport_set_zoom_level (viewport, 6);  /* within the test tiles (4–8) */
  shumate_map_center_on (shumate_simple_map_get_map (map), 50.8467, 4.3525);   /* Brussels */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_close (GTK_WINDOW (window));

  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-latitude"), 50.8467, 1e-3);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-longitude"), 4.3525, 1e-3);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-zoom"), 6, 1e-6);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  window = open_window (store, "demo");
  viewport = shumate_simple_map_get_viewport (_cw_window_get_map (window));
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 50.8467, 1e-3);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 6, 1e-6);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "map-latitude");
  g_settings_reset (settings, "map-longitude");
  g_settings_reset (settings, "map-zoom");
}

/* In dark style the map takes the dark-tile-source when one is set, and
 * keeps the light tiles when none is. */
static void
test_dark_tiles (void)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autofree char *dark_path = g_build_filename (tmp_dir, "dark.mbtiles", NULL);
  AdwStyleManager *style = adw_style_manager_get_default ();
  ShumateSimpleMap *map;
  CwWindow *window;

  /* Told apart by their zoom range: light 4–8, dark 3–6. */
  cw_test_write_mbtiles (dark_path, 3, 6, 50.0, 3.0, 53.5, 7.5);
  g_settings_set_string (settings, "dark-tile-source", dark_path);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  window = open_window (store, "demo");
  map = _cw_window_get_map (window);
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (shumate_simple_map_get_map_source (map)), ==, 3);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (shumate_simple_map_get_map_source (map)), ==, 4);

  /* No dark source: the light tiles in dark style too. */
  g_settings_reset (settings, "dark-tile-source");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (shumate_simple_map_get_map_source (map)), ==, 4);
  g_settings_set_string (settings, "dark-tile-source", dark_path);
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (shumate_simple_map_get_map_source (map)), ==, 3);

  /* Data Sources and Credits names the tiles in use, not OpenStreetMap. */
  {
    ShumateMapSource *source = shumate_simple_map_get_map_source (map);
    GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
    GtkWidget *dialog = NULL;
    gboolean credited = FALSE;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.credits", NULL);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
        if (CW_IS_CREDITS_DIALOG (w))
          dialog = GTK_WIDGET (w);
      }
    g_assert_nonnull (dialog);
    for (GtkWidget *w = dialog; w != NULL && !credited; )
      {
        if (ADW_IS_ACTION_ROW (w))
          credited = g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)),
                                shumate_map_source_get_name (source)) == 0 &&
                     g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (w)),
                                shumate_map_source_get_license (source)) == 0;
        /* depth first through the dialog */
        if (gtk_widget_get_first_child (w))
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && w != dialog && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = (w == NULL || w == dialog) ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_true (credited);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_settings_reset (settings, "dark-tile-source");
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (dark_path);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* libshumate caches tiles under XDG_CACHE_HOME: keep it in a temp dir. */
  tmp_dir = cw_test_gui_init (&argc, &argv, "cw-window-test-XXXXXX");
  cw_gui_init_resources ();

  /* Tiles of our own over the Netherlands and around, zoom 4–8. */
  tiles_path = g_build_filename (tmp_dir, "test.mbtiles", NULL);
  cw_test_write_mbtiles (tiles_path, 4, 8, 49.0, 2.0, 54.5, 10.0);

  g_test_add_func ("/window/demo", test_demo_window);
  g_test_add_func ("/window/failure-keeps-data", test_failure_keeps_data);
  g_test_add_func ("/window/preferences-source", test_preferences_source);
  g_test_add_func ("/window/state-persists", test_state_persists);
  g_test_add_func ("/window/live-update-in-place", test_live_update_in_place);
  g_test_add_func ("/window/favourites-and-notify", test_favourites_and_notify);
  g_test_add_func ("/window/dark-tiles", test_dark_tiles);

  ret = g_test_run ();

  g_unlink (tiles_path);
  g_free (tiles_path);
  g_free (tmp_dir);
  return ret;
}
