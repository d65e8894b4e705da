/* test-cli.c: chargeway-cli, the real binary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* The environment of the next run_cli (), or NULL for ours. */
static char **run_env;

static void
run_cli (Run        *r,
         const char *first,
         ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("CHARGEWAY_CLI");
  va_list ap;
  int wait_status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, run_env, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  r->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static JsonArray *
parse_array (const char *text,
             JsonParser *parser)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_demo_json (void)
{
  g_auto (Run) r = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *stations;
  JsonObject *first, *evse, *conn;

  run_cli (&r, "stations", "--source", "demo", "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  stations = parse_array (r.out, parser);
  g_assert_cmpuint (json_array_get_length (stations), >=, 300);

  first = json_array_get_object_element (stations, 0);
  for (guint i = 0; i < 11; i++)
    {
      static const char *members[] = { "id", "name", "lat", "lon", "operator", "facilities",
                                       "parking_type", "evses", "source", "last_updated",
                                       "attribution" };
      if (!json_object_has_member (first, members[i]))
        g_error ("station JSON has no \"%s\"", members[i]);
    }
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "demo");
  g_assert_nonnull (strstr (json_object_get_string_member (first, "name"), "Demo"));
  evse = json_array_get_object_element (json_object_get_array_member (first, "evses"), 0);
  g_assert_true (json_object_has_member (evse, "uid"));
  g_assert_true (json_object_has_member (evse, "status"));
  conn = json_array_get_object_element (json_object_get_array_member (evse, "connectors"), 0);
  g_assert_true (json_object_has_member (conn, "standard"));
  g_assert_cmpfloat (json_object_get_double_member (conn, "max_power_kw"), >=, 11.0);
}

static void
test_near_tsv (void)
{
  g_auto (Run) r = { 0 };
  g_auto (GStrv) lines = NULL;
  double last = -1;
  guint n;

  /* Utrecht Centraal, 15 km */
  run_cli (&r, "stations", "--near", "52.0894,5.1103", "--radius", "15", "--format", "tsv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  n = g_strv_length (lines);
  g_assert_true (g_str_has_prefix (lines[0], "id\tname\tlat\tlon\t"));
  g_assert_cmpuint (n, >, 3);            /* header, ≥ 1 station, trailing "" */
  for (guint i = 1; i < n && *lines[i]; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      double d;

      g_assert_cmpuint (g_strv_length (f), ==, 13);
      d = g_ascii_strtod (f[10], NULL);
      g_assert_cmpfloat (d, <=, 15.0);
      g_assert_cmpfloat (d, >=, last);  /* nearest first */
      last = d;
    }
}

static void
test_ocm_london (void)
{
  const char *shared = g_getenv ("CW_SHARED_DATA");
  g_autofree char *path = shared ? g_build_filename (shared, "ocm", "london-100-poi-compact.json", NULL) : NULL;
  g_autofree char *spec = NULL;
  g_auto (Run) r = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *stations;
  guint connections = 0;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/data/ocm is absent: Open Charge Map CLI run not checked");
      return;
    }
  spec = g_strconcat ("ocm-file:", path, NULL);
  run_cli (&r, "stations", "--source", spec, "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  stations = parse_array (r.out, parser);
  g_assert_cmpuint (json_array_get_length (stations), ==, 100);
  for (guint i = 0; i < 100; i++)
    connections += json_array_get_length (
        json_object_get_array_member (json_array_get_object_element (stations, i), "evses"));
  g_assert_cmpuint (connections, ==, 106);
}

static void
test_bad_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cw-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *spec = g_strconcat ("ocpi-file:", path, NULL);
  g_auto (Run) r = { 0 };

  g_assert_true (g_file_set_contents (path, "[{\"id\":\"X\",\"coordinates\":{\"latitude\":", -1, NULL));
  run_cli (&r, "stations", "--source", spec, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, path));
  g_assert_nonnull (strstr (r.err, "Malformed JSON"));

  g_assert_true (g_file_set_contents (path, "{\"id\":\"X\",\"coordinates\":{\"latitude\":\"200\",\"longitude\":\"5\"}}", -1, NULL));
  run_clear (&r);
  run_cli (&r, "stations", "--source", spec, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "latitude 200"));

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  run_clear (&r);
  run_cli (&r, "stations", "--source", spec, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "empty"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_bad_arguments (void)
{
  static const char *cases[][4] = {
    { "stations", "--source", "nonsense", NULL },
    { "stations", "--source", "ocpi-file:/nonexistent/x.json", NULL },
    { "stations", "--near", "200,5", NULL },
    { "stations", "--format", "xml", NULL },
    { "frobnicate", NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Run) r = { 0 };

      run_cli (&r, cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_cmpuint (strlen (r.err), >, 10);
    }
}

/* A chargeway-demo-server of its own, on a free loopback port. */
static GSubprocess *
start_hub (const char  *token,
           char       **url_out)
{
  const char *server = g_getenv ("CHARGEWAY_DEMO_SERVER");
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  GSubprocess *proc;

  g_assert_nonnull (server);
  if (token != NULL)
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                             server, "--port", "0", "--exit-with-stdin", "--token", token, NULL);
  else
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                             server, "--port", "0", "--exit-with-stdin", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  *url_out = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (*url_out, "http://127.0.0.1:"));
  return proc;
}

static void
test_ocpi_live (void)
{
  g_autofree char *url = NULL;
  g_autoptr (GSubprocess) hub = start_hub (NULL, &url);
  g_autofree char *spec = g_strconcat ("ocpi:", url, NULL);
  g_auto (Run) r = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *stations;

  run_cli (&r, "stations", "--source", spec, NULL);
  g_assert_cmpint (r.status, ==, 0);
  stations = parse_array (r.out, parser);
  g_assert_cmpuint (json_array_get_length (stations), ==, 396);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stations, 0), "source"),
                   ==, spec);
  g_subprocess_force_exit (hub);
}

static void
test_ocpi_token (void)
{
  const char *token = "s3cret-Token-4711";
  g_autofree char *url = NULL;
  g_autoptr (GSubprocess) hub = start_hub (token, &url);
  g_autofree char *spec = g_strconcat ("ocpi:", url, NULL);
  g_autofree char *b64 = g_base64_encode ((const guchar *) token, strlen (token));
  g_auto (Run) r = { 0 };

  /* Without the token: refused, said plainly, nothing on stdout. */
  run_env = g_environ_unsetenv (g_get_environ (), "CHARGEWAY_OCPI_TOKEN");
  run_cli (&r, "stations", "--source", spec, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "401"));

  /* With it, from the environment; it shows nowhere, even with all debug output. */
  run_env = g_environ_setenv (run_env, "CHARGEWAY_OCPI_TOKEN", token, TRUE);
  run_env = g_environ_setenv (run_env, "G_MESSAGES_DEBUG", "all", TRUE);
  run_clear (&r);
  run_cli (&r, "stations", "--source", spec, "--format", "tsv", NULL);
  g_clear_pointer (&run_env, g_strfreev);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, token));
  g_assert_null (strstr (r.err, token));
  g_assert_null (strstr (r.err, b64));
  g_subprocess_force_exit (hub);
}

static void
test_watch (void)
{
  g_auto (Run) r = { 0 };
  g_auto (GStrv) lines = NULL;
  guint n = 0;

  /* The demo at 3000× its real pace, synced every second for 10 s (slow builds, sanitizers) */
  run_cli (&r, "watch", "--source", "demo", "--interval", "1", "--duration", "10",
           "--demo-speed", "3000", NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] && *lines[i]; i++, n++)
    {
      g_autoptr (JsonParser) p = json_parser_new ();
      JsonObject *o;

      g_assert_true (json_parser_load_from_data (p, lines[i], -1, NULL));
      o = json_node_get_object (json_parser_get_root (p));
      g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "demo");
      g_assert_cmpstr (json_object_get_string_member (o, "status"), !=,
                       json_object_get_string_member (o, "previous"));
      g_assert_true (json_object_has_member (o, "evse"));
    }
  g_test_message ("%u status changes in 10 s", n);
  g_assert_cmpuint (n, >, 0);
}

static void
test_version (void)
{
  g_auto (Run) r = { 0 };

  run_cli (&r, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "chargeway-cli "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/stations/demo-json", test_demo_json);
  g_test_add_func ("/cli/stations/near-tsv", test_near_tsv);
  g_test_add_func ("/cli/stations/ocm-london", test_ocm_london);
  g_test_add_func ("/cli/stations/bad-file", test_bad_file);
  g_test_add_func ("/cli/bad-arguments", test_bad_arguments);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/stations/ocpi-live", test_ocpi_live);
  g_test_add_func ("/cli/stations/ocpi-token", test_ocpi_token);
  g_test_add_func ("/cli/watch", test_watch);

  return g_test_run ();
}
