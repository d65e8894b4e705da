/* test-cli-feeds.c: chargeway-cli feeds, quality and stations --source feed:ID
 *
 * The CLI runs as a subprocess; the feeds it reads are real captures of
 * ../shared/data/ocpi-uk-open replayed from this process on 127.0.0.1
 * (CHARGEWAY_FEED_ORIGIN moves every feed URL there). Skips the replayed
 * parts, saying so, when ../shared/data is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-test-replay.h"
#include "cw-test-server.h"

#define WAIT 30

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs chargeway-cli with @args, pumping this main loop meanwhile (the
 * replay server lives on it). */
static void
run_cli (Run                *run,
         const char         *origin,
         const char * const *args)
{
  const char *cli = g_getenv ("CHARGEWAY_CLI");
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  CwTestAsync async = { 0 };

  g_assert_nonnull (cli);
  if (origin != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "CHARGEWAY_FEED_ORIGIN", origin, TRUE);
      g_subprocess_launcher_setenv (launcher, "CHARGEWAY_FEED_GAP_MS", "10", TRUE);
    }
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, cw_test_async_ready, &async);
  g_subprocess_communicate_utf8_finish (proc, cw_test_async_wait (&async, WAIT), &run->out, &run->err, &error);
  cw_test_async_clear (&async);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (proc);
  if (run->err != NULL && *run->err != '\0')
    g_test_message ("stderr: %s", run->err);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_feeds (void)
{
  g_auto (Run) run = { 0 };
  g_auto (Run) text = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonArray *feeds;
  static const char * const json_args[] = { "feeds", "--format", "json", NULL };
  static const char * const text_args[] = { "feeds", NULL };

  run_cli (&run, NULL, json_args);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  feeds = json_object_get_array_member (json_node_get_object (root), "feeds");
  /* At least eight real open feeds, each with its licence and statement. */
  g_assert_cmpuint (json_array_get_length (feeds), >=, 8);
  for (guint i = 0; i < json_array_get_length (feeds); i++)
    {
      JsonObject *f = json_array_get_object_element (feeds, i);

      g_assert_true (g_str_has_prefix (json_object_get_string_member (f, "spec"), "feed:"));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (f, "licence_url"), "https://"));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (f, "locations_url"), "https://"));
      g_assert_cmpuint (strlen (json_object_get_string_member (f, "attribution")), >, 20);
    }

  run_cli (&text, NULL, text_args);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "feed:chargy"));
  g_assert_nonnull (strstr (text.out, "Open Government Licence v3.0"));
  g_assert_nonnull (strstr (text.out, "endorse"));
}

static void
test_quality (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_auto (Run) run = { 0 };
  g_auto (Run) text = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *o;
  JsonArray *problems;
  gboolean swapped_named = FALSE;
  static const char * const json_args[] = { "quality", "--source", "feed:clenergy-ev", "--format", "json", NULL };
  static const char * const text_args[] = { "quality", "--source", "feed:clenergy-ev", NULL };

  if (!cw_replay_add_captures (replay, "clenergy_ev", "https://api.clenergy.online"))
    {
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocpi-uk-open/clenergy_ev): not replayed");
      return;
    }
  run_cli (&run, replay->origin, json_args);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "feed:clenergy-ev");
  g_assert_cmpint (json_object_get_int_member (o, "read"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (o, "shown"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (o, "left_out"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "left_out_by_reason"),
                                               "swapped-coordinates"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "tariffs"), ==, 8);
  problems = json_object_get_array_member (o, "problems");
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);

      if (g_strcmp0 (json_object_get_string_member (p, "id"), "67dd63746bcfca846582fe3e") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (p, "kind"), ==, "swapped-coordinates");
          g_assert_false (json_object_get_boolean_member (p, "corrected"));
          swapped_named = TRUE;
        }
    }
  g_assert_true (swapped_named);
  g_assert_cmpuint (replay->requests->len, ==, 2);

  run_cli (&text, replay->origin, text_args);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Locations read: 8"));
  g_assert_nonnull (strstr (text.out, "Locations left out: 2"));
  g_assert_nonnull (strstr (text.out, "67dd63746bcfca846582fe3e"));
}

static void
test_stations_feed (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_auto (Run) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonArray *stations;
  static const char * const args[] = { "stations", "--source", "feed:jolt", NULL };

  if (!cw_replay_add_captures (replay, "jolt", "https://api.joltcharge.com"))
    {
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocpi-uk-open/jolt): not replayed");
      return;
    }
  run_cli (&run, replay->origin, args);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  stations = JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root)
                                          : json_object_get_array_member (json_node_get_object (root), "stations");
  g_assert_cmpuint (json_array_get_length (stations), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *s = json_array_get_object_element (stations, i);

      g_assert_cmpstr (json_object_get_string_member (s, "source"), ==, "feed:jolt");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (s, "attribution"), "Contains data from Jolt"));
    }
  /* Its locations, then each tariff once. */
  g_assert_cmpuint (replay->requests->len, ==, 6);
}

static void
test_quality_refuses (void)
{
  g_auto (Run) run = { 0 };
  g_auto (Run) bad = { 0 };
  static const char * const args[] = { "quality", "--source", "demo", NULL };
  static const char * const unknown[] = { "quality", "--source", "feed:nonesuch", NULL };

  run_cli (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no data-quality report"));
  g_assert_cmpstr (run.out, ==, "");
  run_cli (&bad, NULL, unknown);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "chargeway-cli feeds"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-feeds/feeds", test_feeds);
  g_test_add_func ("/cli-feeds/quality", test_quality);
  g_test_add_func ("/cli-feeds/stations", test_stations_feed);
  g_test_add_func ("/cli-feeds/quality-refuses", test_quality_refuses);
  return g_test_run ();
}
