/* test-cli-route.c: `chargeway-cli route`, the real binary
 *
 * The router used with --from/--to is a small HTTP server on 127.0.0.1
 * in this process; the CLI runs without proxy settings, so nothing
 * leaves the machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define CORRIDOR_KM 2.0

/* Amsterdam Centraal → Utrecht → 's-Hertogenbosch → Eindhoven, along
 * the A2, a point every 5–10 km. */
static const double a2[][2] = {
  { 52.3789, 4.9005 }, { 52.335, 4.93 }, { 52.296, 4.955 }, { 52.20, 4.99 }, { 52.142, 5.035 },
  { 52.09, 5.08 }, { 52.006, 5.099 }, { 51.93, 5.15 }, { 51.849, 5.23 }, { 51.75, 5.28 },
  { 51.666, 5.305 }, { 51.58, 5.365 }, { 51.507, 5.405 }, { 51.4431, 5.481 },
};
/* The same points as polyline6 (computed with the reference algorithm). */
#define A2_POLYLINE6 "gp}{bBghbjHvvtAwrx@ndkAoyo@~nzDojcA~gpBo{vA~pdBo{vA~`cDobd@~lsCorbBne}C_g{Cnj`E_t`B~`cDoyo@~}fD_etBnqmC_cmAvx{B_msC"

#define OSRM_OK \
  "{\"code\":\"Ok\",\"routes\":[{\"geometry\":\"" A2_POLYLINE6 "\",\"legs\":[],\"weight_name\":\"routability\"," \
  "\"weight\":5520.3,\"duration\":5520.3,\"distance\":121843.7}],\"waypoints\":[]}"
#define OSRM_NO_ROUTE "{\"code\":\"NoRoute\",\"message\":\"Impossible route between points\"}"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

typedef struct {
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} Communicate;

static void
communicate_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Communicate *c = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &c->out, &c->err, &c->error);
  c->done = TRUE;
}

/* Runs the CLI while this process's main loop keeps turning: the
 * router below accepts connections from it. */
static void
run_cli (Run        *r,
         const char *first,
         ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) proc = NULL;
  g_auto (GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("CHARGEWAY_CLI");
  Communicate c = { 0 };
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "route");
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  /* No proxy may carry a request off the machine. */
  for (guint i = 0; i < 6; i++)
    {
      static const char *vars[] = { "http_proxy", "https_proxy", "all_proxy",
                                    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY" };
      envp = g_environ_unsetenv (envp, vars[i]);
    }
  envp = g_environ_setenv (envp, "no_proxy", "*", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, envp);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, communicate_done, &c);
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (c.error);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);

  r->out = c.out ? c.out : g_strdup ("");
  r->err = c.err ? c.err : g_strdup ("");
  r->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

/* Until the lead wires cw_cli_route () into cw-cli-main.c, the binary
 * answers 'unknown command "route"': skip then, rather than fail. */
static gboolean
have_route_command (void)
{
  static int have = -1;

  if (have < 0)
    {
      g_auto (Run) r = { 0 };

      run_cli (&r, "--help", NULL);
      have = r.status == 0 || strstr (r.err, "unknown command") == NULL;
    }
  if (!have)
    g_test_skip ("chargeway-cli has no \"route\" command yet (cw_cli_route is not called from cw-cli-main.c)");
  return have;
}

typedef struct {
  char *dir;
} TmpDir;

static char *
tmp_file (TmpDir     *t,
          const char *name,
          const char *contents,
          gssize      len)
{
  char *path = g_build_filename (t->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

static void
tmp_dir_clear (TmpDir *t)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (t->dir == NULL)
    return;
  dir = g_dir_open (t->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (t->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (t->dir);
  g_clear_pointer (&t->dir, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TmpDir, tmp_dir_clear)

static void
tmp_dir_init (TmpDir *t)
{
  t->dir = g_dir_make_tmp ("cw-test-cli-route-XXXXXX", NULL);
  g_assert_nonnull (t->dir);
}

static char *
a2_gpx (void)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<gpx version=\"1.1\" creator=\"test-cli-route\" "
                             "xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
                             "<trk><name>A2 Amsterdam – Eindhoven</name><trkseg>\n");

  for (guint i = 0; i < G_N_ELEMENTS (a2); i++)
    {
      char la[G_ASCII_DTOSTR_BUF_SIZE], lo[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (s, "  <trkpt lat=\"%s\" lon=\"%s\"/>\n",
                              g_ascii_dtostr (la, sizeof la, a2[i][0]),
                              g_ascii_dtostr (lo, sizeof lo, a2[i][1]));
    }
  g_string_append (s, "</trkseg></trk>\n</gpx>\n");
  return g_string_free (s, FALSE);
}

/* Checks a JSON answer for the A2: ordered, inside the corridor, and
 * holding the motorway stations from north to south. */
static void
check_a2_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *array;
  double last_along = -1, last_motorway_lat = 90;
  guint motorway = 0;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >=, 10);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      const char *name = json_object_get_string_member (o, "name");
      const char *side = json_object_get_string_member (o, "side");
      double along = json_object_get_double_member (o, "distance_along_km");
      double offset = json_object_get_double_member (o, "offset_km");
      double lat = json_object_get_double_member (o, "lat");

      g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "demo");
      g_assert_cmpfloat (along, >=, last_along);
      g_assert_cmpfloat (along, <=, 125.0);
      g_assert_cmpfloat (offset, >=, 0);
      g_assert_cmpfloat (offset, <=, CORRIDOR_KM);
      g_assert_true (g_str_equal (side, "left") || g_str_equal (side, "right") || g_str_equal (side, "on"));
      /* Leende is on the A2 south of Eindhoven, past the route's end */
      g_assert_null (strstr (name, "Leende"));
      g_assert_null (strstr (name, "Haarlem"));
      if (strstr (name, " A2 ") != NULL)
        {
          /* southbound: each motorway stop is further south */
          g_assert_cmpfloat (lat, <, last_motorway_lat);
          last_motorway_lat = lat;
          motorway++;
        }
      last_along = along;
    }
  g_test_message ("%u stations along the A2, %u of them motorway stops", json_array_get_length (array), motorway);
  /* Abcoude, Maarssen, Vianen, Beesd, Zaltbommel, 's-Hertogenbosch, Boxtel, Best */
  g_assert_cmpuint (motorway, >=, 8);
}

static void
test_gpx_json (void)
{
  g_auto (TmpDir) t = { 0 };
  g_auto (Run) r = { 0 };
  g_autofree char *gpx = a2_gpx ();
  g_autofree char *path = NULL;

  if (!have_route_command ())
    return;
  tmp_dir_init (&t);
  path = tmp_file (&t, "a2.gpx", gpx, -1);
  run_cli (&r, "--gpx", path, "--corridor", "2", "--source", "demo", "--format", "json", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  check_a2_json (r.out);
}

static void
test_gpx_tsv (void)
{
  g_auto (TmpDir) t = { 0 };
  g_auto (Run) r = { 0 };
  g_auto (GStrv) lines = NULL;
  g_autofree char *gpx = a2_gpx ();
  g_autofree char *path = NULL;
  double last = -1;
  guint rows = 0, narrow = 0;

  if (!have_route_command ())
    return;
  tmp_dir_init (&t);
  path = tmp_file (&t, "a2.gpx", gpx, -1);
  run_cli (&r, "--gpx", path, "--corridor", "2", "--format", "tsv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "id\tname\tlat\tlon\tdistance_along_km\toffset_km\tside\t"));
  for (guint i = 1; lines[i] && *lines[i]; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      double along = g_ascii_strtod (f[4], NULL), offset = g_ascii_strtod (f[5], NULL);

      g_assert_cmpuint (g_strv_length (f), ==, 12);
      g_assert_cmpfloat (along, >=, last);
      g_assert_cmpfloat (offset, <=, CORRIDOR_KM);
      narrow += offset <= 0.5;
      last = along;
      rows++;
    }
  g_assert_cmpuint (rows, >=, 10);

  /* a narrower corridor keeps fewer, and only those */
  {
    g_auto (Run) r2 = { 0 };
    g_auto (GStrv) lines2 = NULL;

    run_cli (&r2, "--gpx", path, "--corridor", "0.5", "--format", "tsv", NULL);
    g_assert_cmpint (r2.status, ==, 0);
    lines2 = g_strsplit (r2.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines2), ==, narrow + 2);   /* header, rows, trailing "" */
  }
}

static void
test_osrm_json_file (void)
{
  g_auto (TmpDir) t = { 0 };
  g_auto (Run) r = { 0 };
  g_autofree char *path = NULL;

  if (!have_route_command ())
    return;
  tmp_dir_init (&t);
  path = tmp_file (&t, "route.json", OSRM_OK, -1);
  run_cli (&r, "--osrm-json", path, "--corridor", "2", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  check_a2_json (r.out);
}

/* ---- --from/--to against a router on 127.0.0.1 ---- */

typedef struct {
  const char *body;
  guint       status;
  char       *request_line;
  GMutex      lock;
} Router;

static gboolean
router_run (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source,
            gpointer                user_data)
{
  Router *router = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  GString *request = g_string_new (NULL);
  g_autofree char *head = NULL;
  char buf[1024];
  gssize n;

  while (strstr (request->str, "\r\n\r\n") == NULL &&
         (n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (request, buf, n);

  g_mutex_lock (&router->lock);
  g_free (router->request_line);
  router->request_line = g_strndup (request->str, strcspn (request->str, "\r\n"));
  g_mutex_unlock (&router->lock);
  g_string_free (request, TRUE);

  head = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                          router->status, router->status == 200 ? "OK" : "Bad Request",
                          strlen (router->body));
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, router->body, strlen (router->body), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static char *
start_router (Router          *router,
              GSocketService **out_service)
{
  GSocketService *service = g_threaded_socket_service_new (4);
  g_autoptr (GSocketAddress) want = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr (GSocketAddress) got = NULL;
  g_autoptr (GError) error = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), want, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &got, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (router_run), router);
  g_socket_service_start (service);
  *out_service = service;
  return g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (got)));
}

static void
stop_router (GSocketService *service)
{
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_object_unref (service);
}

static void
test_from_to (void)
{
  Router router = { OSRM_OK, 200 };
  GSocketService *service = NULL;
  g_autofree char *base = NULL;
  g_auto (Run) r = { 0 };

  if (!have_route_command ())
    return;
  base = start_router (&router, &service);
  run_cli (&r, "--from", "52.3789,4.9005", "--to", "51.4431,5.481", "--osrm", base, "--corridor", "2", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  check_a2_json (r.out);
  g_assert_cmpstr (router.request_line, ==,
                   "GET /route/v1/driving/4.900500,52.378900;5.481000,51.443100"
                   "?overview=full&geometries=polyline6&alternatives=true HTTP/1.1");
  stop_router (service);
  g_free (router.request_line);
}

static void
test_from_to_no_route (void)
{
  Router router = { OSRM_NO_ROUTE, 400 };
  GSocketService *service = NULL;
  g_autofree char *base = NULL;
  g_auto (Run) r = { 0 };

  if (!have_route_command ())
    return;
  base = start_router (&router, &service);
  run_cli (&r, "--from", "52.3789,4.9005", "--to", "53.0,3.0", "--osrm", base, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "No road route"));
  stop_router (service);
  g_free (router.request_line);
}

/* ---- failures: a message naming the file and the problem, exit 1, no output ---- */

static void
expect_failure (const char *needle1,
                const char *needle2,
                const char *first,
                ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_auto (Run) r = { 0 };
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  while (args->len < 8)
    g_ptr_array_add (args, NULL);

  run_cli (&r, g_ptr_array_index (args, 0), g_ptr_array_index (args, 1), g_ptr_array_index (args, 2),
           g_ptr_array_index (args, 3), g_ptr_array_index (args, 4), g_ptr_array_index (args, 5),
           g_ptr_array_index (args, 6), g_ptr_array_index (args, 7), NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_true (g_str_has_prefix (r.err, "chargeway-cli route: "));
  if ((needle1 && !strstr (r.err, needle1)) || (needle2 && !strstr (r.err, needle2)))
    g_error ("stderr \"%s\" lacks \"%s\" or \"%s\"", r.err, needle1, needle2 ? needle2 : "");
  g_test_message ("%s", g_strchomp (r.err));
}

static void
test_bad_files (void)
{
  g_auto (TmpDir) t = { 0 };
  g_autofree char *missing = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *absurd = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *noroute = NULL;
  g_autofree char *notjson = NULL;

  if (!have_route_command ())
    return;
  tmp_dir_init (&t);
  missing = g_build_filename (t.dir, "missing.gpx", NULL);
  broken = tmp_file (&t, "broken.gpx", "<gpx version=\"1.1\"><trk><trkseg>\n<trkpt lat=\"52\" lon=\"5\">\n</gpx>", -1);
  absurd = tmp_file (&t, "absurd.gpx", "<gpx version=\"1.1\"><rte>\n<rtept lat=\"200\" lon=\"5\"/></rte></gpx>", -1);
  empty = tmp_file (&t, "empty.gpx", "<gpx version=\"1.0\"></gpx>", -1);
  noroute = tmp_file (&t, "noroute.json", OSRM_NO_ROUTE, -1);
  notjson = tmp_file (&t, "notjson.json", "{\"code\":\"Ok\",\"routes\":[", -1);

  expect_failure (missing, NULL, "--gpx", missing, NULL);
  expect_failure (broken, "line 3", "--gpx", broken, NULL);
  expect_failure (absurd, "latitude 200", "--gpx", absurd, NULL);
  expect_failure (empty, "no track or route points", "--gpx", empty, NULL);
  expect_failure (noroute, "No road route", "--osrm-json", noroute, NULL);
  expect_failure (notjson, "Malformed JSON", "--osrm-json", notjson, NULL);
}

static void
test_bad_arguments (void)
{
  if (!have_route_command ())
    return;
  expect_failure ("no route", NULL, "--corridor", "2", NULL);
  expect_failure ("one route", NULL, "--gpx", "a.gpx", "--from", "52,5", "--to", "51,5", NULL);
  expect_failure ("--from needs --to", NULL, "--from", "52,5", NULL);
  expect_failure ("--from 200,5", NULL, "--from", "200,5", "--to", "51,5", NULL);
  expect_failure ("--osrm is for", NULL, "--gpx", "a.gpx", "--osrm", "http://127.0.0.1:9", NULL);
  expect_failure ("--corridor 0", NULL, "--gpx", "a.gpx", "--corridor", "0", NULL);
  expect_failure ("--format xml", NULL, "--gpx", "a.gpx", "--format", "xml", NULL);
  expect_failure ("nonsense", NULL, "--gpx", "a.gpx", "--source", "nonsense", NULL);
  expect_failure ("not a router address", NULL, "--from", "52,5", "--to", "51,5", "--osrm", "ftp://x", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/route/gpx-json", test_gpx_json);
  g_test_add_func ("/cli/route/gpx-tsv", test_gpx_tsv);
  g_test_add_func ("/cli/route/osrm-json-file", test_osrm_json_file);
  g_test_add_func ("/cli/route/from-to", test_from_to);
  g_test_add_func ("/cli/route/from-to-no-route", test_from_to_no_route);
  g_test_add_func ("/cli/route/bad-files", test_bad_files);
  g_test_add_func ("/cli/route/bad-arguments", test_bad_arguments);

  return g_test_run ();
}
