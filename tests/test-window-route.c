/* test-window-route.c: a route in the window — GPX, OSRM, the corridor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "cw-application.h"
#include "cw-polyline.h"
#include "cw-test-gui.h"
#include "cw-test-tiles.h"
#include "cw-window-internal.h"
#include "cw-window-private.h"
#include "cw-route-panel.h"
#include "cw-filter-panel.h"
#include "cw-estimate-view.h"

static char *tmp_dir;
static char *tiles_path;

/* The A2 from Amsterdam by Utrecht to Eindhoven, as a driver's GPX. */
static const CwLatLon a2[] = {
  { 52.3390, 4.9185 }, { 52.2963, 4.9567 }, { 52.2370, 4.9950 }, { 52.1550, 5.0270 },
  { 52.0830, 5.0600 }, { 52.0200, 5.1000 }, { 51.9500, 5.2200 }, { 51.8440, 5.3600 },
  { 51.7620, 5.3800 }, { 51.6900, 5.3400 }, { 51.6000, 5.3500 }, { 51.4800, 5.4000 },
};

static CwWindow *
open_window (CwStationStore *store)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  CwWindow *window = cw_window_new (NULL, store, settings, "demo", tiles_path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cw_test_wait_for (cw_test_window_loaded, window, 20));
  return window;
}

/* The list along a route: only stations within the corridor, in route order. */
static void
check_list_along (CwWindow *window,
                  double    corridor_km)
{
  GListModel *list = G_LIST_MODEL (_cw_window_get_selection (window));
  guint n = g_list_model_get_n_items (list);
  double last = -1;

  g_assert_cmpuint (n, >, 5);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (list, i);
      double along = -1, offset = -1;

      g_assert_true (_cw_window_route_get_hit (window, s, &along, &offset));
      g_assert_cmpfloat (offset, <=, corridor_km + 1e-9);
      g_assert_cmpfloat (along, >=, last);
      last = along;
    }
}

static void
test_gpx_route (void)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  CwWindow *window = open_window (store);
  g_autofree char *path = g_build_filename (tmp_dir, "a2.gpx", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GString *gpx = g_string_new ("<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" "
                               "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>A2</name><trkseg>\n");
  guint n_2km, n_10km;
  g_autofree char *exported = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (a2); i++)
    g_string_append_printf (gpx, "<trkpt lat=\"%.4f\" lon=\"%.4f\"/>\n", a2[i].lat, a2[i].lon);
  g_string_append (gpx, "</trkseg></trk></gpx>\n");
  g_assert_true (g_file_set_contents (path, gpx->str, -1, NULL));
  g_string_free (gpx, TRUE);

  cw_window_open_route_file (window, file);
  g_assert_true (cw_test_wait_for (cw_test_window_has_route, window, 10));
  g_assert_cmpfloat (cw_route_get_length_km (window->route), >, 100);

  check_list_along (window, 2.0);
  n_2km = g_list_model_get_n_items (G_LIST_MODEL (_cw_window_get_selection (window)));

  /* A wider corridor keeps more, still in order. */
  cw_route_panel_set_corridor_km (CW_ROUTE_PANEL (window->route_panel), 10.0);
  check_list_along (window, 10.0);
  n_10km = g_list_model_get_n_items (G_LIST_MODEL (_cw_window_get_selection (window)));
  g_test_message ("A2 route: %u stations within 2 km, %u within 10 km", n_2km, n_10km);
  g_assert_cmpuint (n_10km, >, n_2km);

  /* Export: the route as a track and the stations along it as waypoints. */
  exported = _cw_window_route_to_gpx (window);
  g_assert_nonnull (strstr (exported, "<trkpt"));
  g_assert_nonnull (strstr (exported, "<wpt"));

  gtk_widget_activate_action (GTK_WIDGET (window), "route.clear", NULL);
  g_assert_null (window->route);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_broken_gpx (void)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  CwWindow *window = open_window (store);
  g_autofree char *path = g_build_filename (tmp_dir, "broken.gpx", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  guint before = g_list_model_get_n_items (G_LIST_MODEL (_cw_window_get_selection (window)));

  g_assert_true (g_file_set_contents (path, "<gpx><trk><trkseg><trkpt lat=\"52\"", -1, NULL));
  cw_window_open_route_file (window, file);
  /* Nothing changes but a message */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (200000);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (window->route);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_cw_window_get_selection (window))), ==, before);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

static void
osrm_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  g_autofree char *poly = cw_polyline_encode (a2, G_N_ELEMENTS (a2), 6);
  /* An alternative: the same ends by a shorter cut (every other point). */
  CwLatLon alt[G_N_ELEMENTS (a2)];
  guint n_alt = 0;
  g_autofree char *poly2 = NULL;
  g_autofree char *body = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (a2); i += 2)
    alt[n_alt++] = a2[i];
  alt[n_alt++] = a2[G_N_ELEMENTS (a2) - 1];
  poly2 = cw_polyline_encode (alt, n_alt, 6);
  body = g_strdup_printf ("{\"code\":\"Ok\",\"routes\":[{\"geometry\":\"%s\","
                          "\"distance\":125000,\"duration\":4500},{\"geometry\":\"%s\","
                          "\"distance\":121000,\"duration\":4700}],\"waypoints\":[]}",
                          poly, poly2);
  guint *hits = user_data;

  (*hits)++;
  g_assert_true (g_str_has_prefix (path, "/route/v1/driving/"));
  g_assert_cmpstr (g_hash_table_lookup (query, "geometries"), ==, "polyline6");
  g_assert_cmpstr (g_hash_table_lookup (query, "overview"), ==, "full");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
test_osrm_route (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autofree char *url = NULL;
  CwWindow *window;
  CwRoutePanel *rp;
  GSList *uris;
  guint hits = 0;

  soup_server_add_handler (server, "/route", osrm_handler, &hits, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_setenv ("CHARGEWAY_OSRM_URL", url, TRUE);

  window = open_window (store);
  rp = CW_ROUTE_PANEL (window->route_panel);
  cw_place_entry_set_place (cw_route_panel_get_origin (rp), "Amsterdam", 52.339, 4.9185);
  cw_place_entry_set_place (cw_route_panel_get_destination (rp), "Eindhoven", 51.48, 5.40);
  gtk_widget_activate_action (GTK_WIDGET (window), "route.plan", NULL);
  g_assert_true (cw_test_wait_for (cw_test_window_has_route, window, 10));
  g_assert_cmpuint (hits, ==, 1);
  check_list_along (window, 2.0);

  /* OSRM offered an alternative: choosing it changes the route. */
  {
    double first = cw_route_get_length_km (window->route);

    g_assert_nonnull (window->alternatives);
    g_assert_cmpuint (window->alternatives->len, ==, 2);
    g_signal_emit_by_name (rp, "alternative-chosen", 1u);
    g_assert_cmpfloat (fabs (cw_route_get_length_km (window->route) - first), >, 0.1);
    cw_route_panel_set_corridor_km (rp, 10.0);
    check_list_along (window, 10.0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  soup_server_disconnect (server);
}

/* "CCS, at least 150 kW, free now, near a restaurant, along my route" —
 * and the price of a stop, idle fee included. */
static void
test_filters_along_route (void)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  CwWindow *window = open_window (store);
  g_autoptr (CwFilter) filter = cw_filter_from_string ("standard=CCS2;min_kw=150;free;near=RESTAURANT", NULL);
  g_autoptr (CwRoute) route = cw_route_new (a2, G_N_ELEMENTS (a2));
  GListModel *list = G_LIST_MODEL (_cw_window_get_selection (window));
  guint n_all, n_filtered;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  _cw_window_set_route (window, route, "A2");
  cw_route_panel_set_corridor_km (CW_ROUTE_PANEL (window->route_panel), 10.0);
  n_all = g_list_model_get_n_items (list);

  cw_filter_panel_set_filter (CW_FILTER_PANEL (window->filter_panel), filter);
  n_filtered = g_list_model_get_n_items (list);
  g_test_message ("along the A2 within 10 km: %u stations, %u match the filter", n_all, n_filtered);
  g_assert_cmpuint (n_filtered, <, n_all);
  g_assert_cmpuint (n_filtered, >, 0);
  check_list_along (window, 10.0);
  for (guint i = 0; i < n_filtered; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (list, i);
      g_assert_true (cw_filter_matches (filter, s, now));
    }

  /* The map draws the filtered stations only. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->filtered)), <,
                    cw_station_store_get_n_stations (store));

  /* The first stop's price, idle fee included. */
  {
    g_autoptr (CwStation) first = g_list_model_get_item (list, 0);
    g_signal_emit_by_name (_cw_window_get_layer (window), "station-activated", first);
    g_test_message ("estimate: %s", cw_estimate_view_get_total_text (CW_ESTIMATE_VIEW (window->estimate)));
    g_assert_true (cw_estimate_view_get_station (CW_ESTIMATE_VIEW (window->estimate)) == first);
    g_assert_nonnull (cw_estimate_view_get_total_text (CW_ESTIMATE_VIEW (window->estimate)));
  }

  /* Saved by name, and chosen again after a reset. */
  _cw_window_save_filter (window, "Fast stop with food");
  cw_filter_panel_reset (CW_FILTER_PANEL (window->filter_panel));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_all);
  g_assert_true (_cw_window_load_filter (window, "Fast stop with food"));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_filtered);
  g_assert_false (_cw_window_load_filter (window, "no such name"));
  cw_filter_panel_reset (CW_FILTER_PANEL (window->filter_panel));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  tmp_dir = cw_test_gui_init (&argc, &argv, "cw-route-test-XXXXXX");
  cw_gui_init_resources ();
  tiles_path = g_build_filename (tmp_dir, "test.mbtiles", NULL);
  cw_test_write_mbtiles (tiles_path, 4, 8, 49.0, 2.0, 54.5, 10.0);

  g_test_add_func ("/window/route/gpx", test_gpx_route);
  g_test_add_func ("/window/route/broken-gpx", test_broken_gpx);
  g_test_add_func ("/window/route/osrm", test_osrm_route);
  g_test_add_func ("/window/route/filters", test_filters_along_route);

  return g_test_run ();
}
