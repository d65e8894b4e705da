/* test-window-feeds.c: open feeds in the window, under Xvfb
 *
 * Networks switched on in Preferences run beside the window's source
 * into its one store; the credits list every source in use; the data
 * quality dialog lists each feed's faults; the banner names the feed
 * that failed; the first-start offer of live open data is shown on the
 * demo network, answered once and remembered. Every feed is read from a
 * loopback replay of real captures (CHARGEWAY_FEED_ORIGIN), never from
 * its real host. Skips, saying so, when ../shared/data is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "cw-application.h"
#include "cw-credits-dialog.h"
#include "cw-preferences-networks.h"
#include "cw-quality-dialog.h"
#include "cw-secrets.h"
#include "cw-station-details.h"
#include "cw-test-replay.h"
#include "cw-test-gui.h"
#include "cw-test-tiles.h"
#include "cw-window-private.h"

static char *tmp_dir;
static char *tiles_path;

static CwWindow *
open_window (CwStationStore *store,
             GSettings      *settings,
             const char     *source)
{
  CwWindow *window = cw_window_new (NULL, store, settings, source, tiles_path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cw_test_wait_for (cw_test_mapped, window, 10));
  return window;
}

static guint
count_source (CwStationStore *store,
              const char     *source)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (cw_station_get_source (s), source) == 0)
        n++;
    }
  return n;
}

typedef struct {
  CwStationStore *store;
  CwWindow       *window;
} Both;

static gboolean
feeds_in (gpointer data)
{
  Both *b = data;

  return count_source (b->store, "feed:clenergy-ev") == 6 && count_source (b->store, "feed:evolt") == 6 &&
         _cw_window_get_error (b->window) != NULL;
}

static gboolean
evolt_gone (gpointer data)
{
  return count_source (data, "feed:evolt") == 0;
}

/* No feed switched on, none served from a test server. */
static void
forget_feeds (GSettings *settings)
{
  g_settings_reset (settings, "enabled-feeds");
  g_unsetenv ("CHARGEWAY_FEED_ORIGIN");
  g_unsetenv ("CHARGEWAY_FEED_GAP_MS");
}

static void
test_networks (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autofree char *file = g_build_filename (tmp_dir, "one.json", NULL);
  g_autofree char *spec = g_strconcat ("ocpi-file:", file, NULL);
  static const char * const enabled[] = { "clenergy-ev", "evolt", "pogo-charge", NULL };
  GtkWidget *credits, *quality;
  AdwPreferencesPage *networks;
  CwWindow *window;
  Both both;
  const char *banner;

  if (!cw_replay_add_captures (replay, "clenergy_ev", "https://api.clenergy.online") ||
      !cw_replay_add_captures (replay, "evolt", "https://info.smartcharging.uk"))
    {
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocpi-uk-open): not replayed");
      return;
    }
  /* PoGo Charge (smartcharging.uk, like Evolt) is down. */
  replay->fail_prefix = g_strdup ("/public_feed/locations/4009");
  g_setenv ("CHARGEWAY_FEED_ORIGIN", replay->origin, TRUE);
  g_setenv ("CHARGEWAY_FEED_GAP_MS", "10", TRUE);

  g_assert_true (g_file_set_contents (file,
      "{\"data\":[{\"id\":\"A\",\"name\":\"A\",\"coordinates\":{\"latitude\":\"51.5\",\"longitude\":\"-0.1\"},"
      "\"evses\":[{\"uid\":\"A1\",\"status\":\"AVAILABLE\",\"connectors\":[]}]}],\"status_code\":1000}", -1, NULL));
  g_settings_set_boolean (settings, "open-data-offered", TRUE);
  g_settings_set_double (settings, "map-latitude", 51.5);
  g_settings_set_double (settings, "map-longitude", -0.1);
  g_settings_set_strv (settings, "enabled-feeds", enabled);

  window = open_window (store, settings, spec);
  both.store = store;
  both.window = window;
  g_assert_true (cw_test_wait_for (feeds_in, &both, 30));
  g_assert_cmpuint (count_source (store, spec), ==, 1);
  /* The banner names the feed that failed, and only it. */
  g_assert_true (_cw_window_error_shown (window));
  banner = _cw_window_get_banner_text (window);
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (strstr (banner, "PoGo Charge"));
  g_assert_null (strstr (banner, "Evolt"));
  g_assert_false (_cw_window_offer_shown (window));

  /* Every source in use, with its credit. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.credits", NULL);
  cw_test_spin (300);
  credits = NULL;
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (CW_IS_CREDITS_DIALOG (l->data))
      credits = l->data;
  g_assert_nonnull (credits);
  g_assert_cmpuint (cw_credits_dialog_get_n_sources (CW_CREDITS_DIALOG (credits)), ==, 4);
  gtk_window_set_default_size (GTK_WINDOW (credits), 560, 760);
  cw_test_spin (500);
  cw_test_save_screenshot (adw_window_get_content (ADW_WINDOW (credits)), "screenshot-credits-feeds.png");
  gtk_window_destroy (GTK_WINDOW (credits));

  /* Each feed's data quality: Clenergy's two and Evolt's two left out. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.quality", NULL);
  cw_test_spin (300);
  quality = NULL;
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (CW_IS_QUALITY_DIALOG (l->data))
      quality = l->data;
  g_assert_nonnull (quality);
  g_assert_cmpuint (cw_quality_dialog_get_n_feeds (CW_QUALITY_DIALOG (quality)), ==, 3);
  g_assert_cmpuint (cw_quality_dialog_get_n_problems (CW_QUALITY_DIALOG (quality)), ==, 4);
  cw_test_spin (300);
  cw_test_save_screenshot (adw_window_get_content (ADW_WINDOW (quality)), "screenshot-quality.png");
  gtk_window_destroy (GTK_WINDOW (quality));

  /* A station of a replayed feed, with its feed's statement. */
  {
    CwStationDetails *details = _cw_window_get_details (window);
    CwStation *s = cw_station_store_lookup (store, "feed:clenergy-ev", "68de80169a346854864e29c4");
    GtkSingleSelection *selection = _cw_window_get_selection (window);
    guint at = GTK_INVALID_LIST_POSITION;

    g_assert_nonnull (s);
    _cw_window_flush_viewport (window);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
      {
        g_autoptr (CwStation) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

        if (item == s)
          at = i;
      }
    g_assert_cmpuint (at, !=, GTK_INVALID_LIST_POSITION);
    gtk_single_selection_set_selected (selection, at);
    g_assert_true (cw_station_details_get_station (details) == s);
    g_assert_nonnull (strstr (cw_station_details_get_text (details, "source"), "Clenergy EV"));
    /* The sidebar slides to the details: let it finish. */
    cw_test_spin (1500);
    cw_test_save_screenshot (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                             "screenshot-feed-station.png");
  }

  /* Switched off in Preferences → Networks: its stations leave. */
  networks = cw_preferences_networks_page_new (settings);
  g_object_ref_sink (networks);
  g_assert_true (gtk_switch_get_active (cw_preferences_networks_get_switch (networks, "evolt")));
  g_assert_false (gtk_switch_get_active (cw_preferences_networks_get_switch (networks, "chargy")));
  /* Jolt needs the key its publisher prints: none stored yet. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (cw_preferences_networks_get_switch (networks, "jolt"))));
  gtk_switch_set_active (cw_preferences_networks_get_switch (networks, "evolt"), FALSE);
  g_assert_true (cw_test_wait_for (evolt_gone, store, 10));
  g_assert_cmpuint (count_source (store, "feed:clenergy-ev"), ==, 6);
  g_object_unref (networks);

  gtk_window_destroy (GTK_WINDOW (window));
  forget_feeds (settings);
}

static gboolean
jolt_in (gpointer data)
{
  return count_source (data, "feed:jolt") == 4;
}

static gboolean
sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

/* Jolt needs the key its publisher prints: given in Networks, kept in
 * the keyring (in memory here), sent with every request. */
static void
test_shared_key (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autofree char *file = g_build_filename (tmp_dir, "one.json", NULL);
  g_autofree char *spec = g_strconcat ("ocpi-file:", file, NULL);
  AdwPreferencesPage *networks;
  GtkSwitch *sw;
  AdwEntryRow *key_row;
  CwWindow *window;

  if (!cw_replay_add_captures (replay, "jolt", "https://api.joltcharge.com"))
    {
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocpi-uk-open/jolt): not replayed");
      return;
    }
  replay->strip_param = g_strdup ("apiKey=");
  g_setenv ("CHARGEWAY_FEED_ORIGIN", replay->origin, TRUE);
  g_setenv ("CHARGEWAY_FEED_GAP_MS", "10", TRUE);
  g_assert_true (g_file_set_contents (file,
      "{\"data\":[{\"id\":\"A\",\"name\":\"A\",\"coordinates\":{\"latitude\":\"51.5\",\"longitude\":\"-0.1\"},"
      "\"evses\":[]}],\"status_code\":1000}", -1, NULL));
  g_settings_set_boolean (settings, "open-data-offered", TRUE);
  g_settings_reset (settings, "enabled-feeds");
  window = open_window (store, settings, spec);

  networks = g_object_ref_sink (cw_preferences_networks_page_new (settings));
  sw = cw_preferences_networks_get_switch (networks, "jolt");
  key_row = cw_preferences_networks_get_key_row (networks, "jolt");
  g_assert_nonnull (key_row);
  g_assert_null (cw_preferences_networks_get_key_row (networks, "evolt"));
  cw_test_spin (300);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sw)));
  gtk_editable_set_text (GTK_EDITABLE (key_row), "printed-key");
  g_signal_emit_by_name (key_row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");
  g_assert_true (cw_test_wait_for (sensitive, sw, 10));
  gtk_switch_set_active (sw, TRUE);
  g_assert_true (cw_test_wait_for (jolt_in, store, 20));
  for (guint i = 0; i < replay->requests->len; i++)
    g_assert_nonnull (strstr (g_ptr_array_index (replay->requests, i), "apiKey=printed-key"));
  g_assert_null (_cw_window_get_error (window));
  g_object_unref (networks);

  gtk_window_destroy (GTK_WINDOW (window));
  forget_feeds (settings);
}

static gboolean
ndw_in (gpointer data)
{
  return count_source (data, "feed:ndw-nl") == 20;
}

static GBytes *
gzip_bytes (const char *text)
{
  g_autoptr (GZlibCompressor) gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr (GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (gz));

  g_assert_true (g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

/* NDW's files, made here: 20 locations in the Netherlands, served by
 * @replay as the feed's origin. */
static void
serve_ndw_files (CwReplay *replay)
{
  g_autoptr (GString) locations = g_string_new ("[");
  g_autoptr (GBytes) zipped = NULL;
  g_autoptr (GBytes) tariffs = NULL;

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (locations,
        "%s{\"id\":\"NL-%u\",\"name\":\"Laadpunt %u\",\"publish\":true,"
        "\"coordinates\":{\"latitude\":\"%.4f\",\"longitude\":\"5.1\"},"
        "\"evses\":[{\"uid\":\"NL-%u-1\",\"status\":\"AVAILABLE\",\"connectors\":[]}],"
        "\"last_updated\":\"2026-10-07T21:00:00Z\"}",
        i ? "," : "", i, i, 52.0 + i * 0.01, i);
  g_string_append_c (locations, ']');
  zipped = gzip_bytes (locations->str);
  tariffs = gzip_bytes ("[]");
  cw_replay_add (replay, "/charging_point_locations_ocpi.json.gz", "application/gzip", zipped);
  cw_replay_add (replay, "/charging_point_tariffs_ocpi.json.gz", "application/gzip", tariffs);
  g_setenv ("CHARGEWAY_FEED_ORIGIN", replay->origin, TRUE);
  g_setenv ("CHARGEWAY_FEED_GAP_MS", "10", TRUE);
}

static void
test_first_start_offer (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autofree char *source = NULL;
  CwWindow *window;

  serve_ndw_files (replay);

  g_settings_reset (settings, "open-data-offered");
  g_settings_reset (settings, "enabled-feeds");
  g_settings_set_string (settings, "source", "demo");
  g_settings_set_double (settings, "map-latitude", 52.1);
  g_settings_set_double (settings, "map-longitude", 5.1);

  /* The first start, on the demo network over the Netherlands. */
  window = open_window (store, settings, NULL);
  g_assert_true (_cw_window_demo_badge_shown (window));
  g_assert_true (_cw_window_offer_shown (window));
  cw_test_spin (500);
  cw_test_save_screenshot (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                           "screenshot-offer.png");

  /* "Show Live Open Data": NDW becomes the source, read from its gzip file. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-open-data", NULL);
  g_assert_false (_cw_window_offer_shown (window));
  g_assert_true (g_settings_get_boolean (settings, "open-data-offered"));
  source = g_settings_get_string (settings, "source");
  g_assert_cmpstr (source, ==, "feed:ndw-nl");
  g_assert_true (cw_test_wait_for (ndw_in, store, 20));
  g_assert_false (_cw_window_demo_badge_shown (window));

  /* The feed that is the source shows as on in Networks; switched off,
   * the demo network comes back. */
  {
    AdwPreferencesPage *networks = g_object_ref_sink (cw_preferences_networks_page_new (settings));
    GtkSwitch *sw = cw_preferences_networks_get_switch (networks, "ndw-nl");

    g_assert_true (gtk_switch_get_active (sw));
    gtk_switch_set_active (sw, FALSE);
    source = (g_free (source), g_settings_get_string (settings, "source"));
    g_assert_cmpstr (source, ==, "demo");
    g_assert_true (_cw_window_demo_badge_shown (window));
    g_object_unref (networks);
  }
  gtk_window_destroy (GTK_WINDOW (window));

  /* Remembered: no offer on the next start, not even on the demo. */
  g_settings_set_string (settings, "source", "demo");
  window = open_window (store, settings, NULL);
  g_assert_false (_cw_window_offer_shown (window));
  gtk_window_destroy (GTK_WINDOW (window));

  /* "Keep the Demo" is remembered the same way. */
  g_settings_reset (settings, "open-data-offered");
  window = open_window (store, settings, NULL);
  g_assert_true (_cw_window_offer_shown (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.decline-open-data", NULL);
  g_assert_false (_cw_window_offer_shown (window));
  g_assert_true (g_settings_get_boolean (settings, "open-data-offered"));
  source = (g_free (source), g_settings_get_string (settings, "source"));
  g_assert_cmpstr (source, ==, "demo");
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "source");
  forget_feeds (settings);
}

/* A feed switched on becomes the window's source (as "Show Live Open
 * Data" or Preferences do): its stations are the source's now and stay
 * in the store while the source starts, none wiped in between. */
static void
test_feed_becomes_source (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autofree char *file = g_build_filename (tmp_dir, "one.json", NULL);
  g_autofree char *spec = g_strconcat ("ocpi-file:", file, NULL);
  static const char * const enabled[] = { "ndw-nl", NULL };
  CwWindow *window;

  serve_ndw_files (replay);
  g_assert_true (g_file_set_contents (file,
      "{\"data\":[{\"id\":\"A\",\"name\":\"A\",\"coordinates\":{\"latitude\":\"52.1\",\"longitude\":\"5.1\"},"
      "\"evses\":[]}],\"status_code\":1000}", -1, NULL));
  g_settings_set_boolean (settings, "open-data-offered", TRUE);
  g_settings_set_string (settings, "source", spec);
  g_settings_set_strv (settings, "enabled-feeds", enabled);

  window = open_window (store, settings, spec);
  g_assert_true (cw_test_wait_for (ndw_in, store, 20));

  /* The feed beside the source becomes the source. */
  g_settings_set_string (settings, "source", "feed:ndw-nl");
  g_assert_cmpuint (count_source (store, "feed:ndw-nl"), ==, 20);
  g_assert_cmpuint (count_source (store, spec), ==, 0);  /* the old source's left */
  /* And they stay while the source reads its cache and the feed. */
  cw_test_spin (500);
  g_assert_cmpuint (count_source (store, "feed:ndw-nl"), ==, 20);
  cw_test_save_screenshot (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                           "screenshot-feed-source.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "source");
  forget_feeds (settings);
}

/* The Networks page taken apart (its groups, rows and switches gone)
 * while the page itself lives on: a change of the settings it follows
 * must reach no freed switch. */
static void
test_networks_page_rebuilt (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  static const char * const enabled[] = { "evolt", NULL };
  static const char * const ids[] = { "evolt", "ndw-nl", NULL };
  GtkWidget *groups[G_N_ELEMENTS (ids)] = { NULL };
  AdwPreferencesPage *page;
  GtkSwitch *sw;

  g_settings_reset (settings, "enabled-feeds");
  page = g_object_ref_sink (cw_preferences_networks_page_new (settings));
  for (guint i = 0; ids[i]; i++)
    {
      sw = cw_preferences_networks_get_switch (page, ids[i]);
      g_assert_nonnull (sw);
      g_assert_false (gtk_switch_get_active (sw));
      groups[i] = gtk_widget_get_ancestor (GTK_WIDGET (sw), ADW_TYPE_PREFERENCES_GROUP);
      g_assert_nonnull (groups[i]);
    }
  g_assert_true (groups[0] != groups[1]);   /* two countries */
  for (guint i = 0; ids[i]; i++)
    adw_preferences_page_remove (page, ADW_PREFERENCES_GROUP (groups[i]));

  g_settings_set_strv (settings, "enabled-feeds", enabled);
  g_settings_set_string (settings, "source", "feed:ndw-nl");
  for (guint i = 0; ids[i]; i++)
    {
      sw = cw_preferences_networks_get_switch (page, ids[i]);
      g_assert_true (GTK_IS_SWITCH (sw));
      g_assert_true (gtk_switch_get_active (sw));
    }
  g_assert_true (ADW_IS_ENTRY_ROW (cw_preferences_networks_get_key_row (page, "jolt")));
  cw_test_spin (200);
  g_object_unref (page);

  g_settings_reset (settings, "source");
  g_settings_reset (settings, "enabled-feeds");
}

/* A shared-key feed's key is still being looked up when the window
 * closes, or when the feed is switched off: the lookup is cancelled,
 * holds nothing alive, and its late answer starts nothing. */
static void
test_key_lookup_cancelled (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autofree char *file = g_build_filename (tmp_dir, "one.json", NULL);
  g_autofree char *spec = g_strconcat ("ocpi-file:", file, NULL);
  static const char * const jolt[] = { "jolt", NULL };
  static const char * const none[] = { NULL };
  CwWindow *window;

  g_setenv ("CHARGEWAY_FEED_ORIGIN", replay->origin, TRUE);
  g_setenv ("CHARGEWAY_FEED_GAP_MS", "10", TRUE);
  g_assert_true (g_file_set_contents (file,
      "{\"data\":[{\"id\":\"A\",\"name\":\"A\",\"coordinates\":{\"latitude\":\"51.5\",\"longitude\":\"-0.1\"},"
      "\"evses\":[]}],\"status_code\":1000}", -1, NULL));
  g_settings_set_boolean (settings, "open-data-offered", TRUE);
  g_settings_reset (settings, "enabled-feeds");
  cw_secrets_store_async ("feed-key", "jolt", "printed-key", NULL, NULL, NULL);

  /* Switched on, then off before the keyring answers. */
  window = open_window (store, settings, spec);
  g_settings_set_strv (settings, "enabled-feeds", jolt);
  g_settings_set_strv (settings, "enabled-feeds", none);
  cw_test_spin (500);
  g_assert_cmpuint (replay->requests->len, ==, 0);
  g_assert_cmpuint (count_source (store, "feed:jolt"), ==, 0);

  /* Switched on, and the window closed before the keyring answers: the
   * window goes at once, not when the answer comes. */
  g_settings_set_strv (settings, "enabled-feeds", jolt);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (window);
  cw_test_spin (500);
  g_assert_cmpuint (replay->requests->len, ==, 0);

  forget_feeds (settings);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = cw_test_gui_init (&argc, &argv, "cw-window-feeds-XXXXXX");
  cw_gui_init_resources ();

  tiles_path = g_build_filename (tmp_dir, "test.mbtiles", NULL);
  cw_test_write_mbtiles (tiles_path, 4, 8, 49.0, -6.0, 56.0, 10.0);

  g_test_add_func ("/window-feeds/networks", test_networks);
  g_test_add_func ("/window-feeds/first-start-offer", test_first_start_offer);
  g_test_add_func ("/window-feeds/shared-key", test_shared_key);
  g_test_add_func ("/window-feeds/feed-becomes-source", test_feed_becomes_source);
  g_test_add_func ("/window-feeds/networks-page-rebuilt", test_networks_page_rebuilt);
  g_test_add_func ("/window-feeds/key-lookup-cancelled", test_key_lookup_cancelled);

  ret = g_test_run ();
  g_unlink (tiles_path);
  g_free (tiles_path);
  g_free (tmp_dir);
  return ret;
}
