/* test-osrm.c: OSRM responses, URLs, and the client against a loopback server
 *
 * Every server here listens on 127.0.0.1 only and the client session
 * has no proxy: nothing leaves the machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-http.h"
#include "cw-osrm.h"

/* Amsterdam Centraal → Utrecht → Eindhoven, roughly along the A2, and
 * an alternative via Amersfoort. */
static const CwLatLon main_line[] = {
  { 52.378900, 4.900500 }, { 52.296000, 4.955000 }, { 52.142000, 5.035000 },
  { 52.006000, 5.099000 }, { 51.849000, 5.230000 }, { 51.666000, 5.305000 },
  { 51.443100, 5.481000 },
};
static const CwLatLon alt_line[] = {
  { 52.378900, 4.900500 }, { 52.150000, 5.380000 }, { 51.443100, 5.481000 },
};

/* A response in the shape OSRM 5 sends, geometry encoded by our own
 * encoder. */
static char *
ok_response (void)
{
  g_autofree char *p1 = cw_polyline_encode (main_line, G_N_ELEMENTS (main_line), 6);
  g_autofree char *p2 = cw_polyline_encode (alt_line, G_N_ELEMENTS (alt_line), 6);
  /* Polylines may hold a backslash, which JSON escapes; polyline bytes
   * are all printable ASCII, where g_strescape () agrees with JSON. */
  g_autofree char *g1 = g_strescape (p1, NULL);
  g_autofree char *g2 = g_strescape (p2, NULL);

  return g_strdup_printf (
    "{\"code\":\"Ok\","
    "\"routes\":["
    " {\"geometry\":\"%s\",\"legs\":[{\"steps\":[],\"summary\":\"A2\",\"weight\":5520.3,"
    "   \"duration\":5520.3,\"distance\":121843.7}],"
    "  \"weight_name\":\"routability\",\"weight\":5520.3,\"duration\":5520.3,\"distance\":121843.7},"
    " {\"geometry\":\"%s\",\"legs\":[{\"steps\":[],\"summary\":\"A28, A2\",\"weight\":6710,"
    "   \"duration\":6710,\"distance\":139002}],"
    "  \"weight_name\":\"routability\",\"weight\":6710,\"duration\":6710,\"distance\":139002}],"
    "\"waypoints\":["
    " {\"hint\":\"oRkLgP___38AAAAAAAAAAA\",\"distance\":4.2,\"name\":\"Stationsplein\",\"location\":[4.9005,52.3789]},"
    " {\"hint\":\"z4AQgA___38AAAAAAAAAAA\",\"distance\":7.9,\"name\":\"Stationsplein\",\"location\":[5.481,51.4431]}]}",
    g1, g2);
}

#define NO_ROUTE "{\"code\":\"NoRoute\",\"message\":\"Impossible route between points\"}"

/* ---- parsing ---- */

static GPtrArray *
parse (const char  *text,
       GError     **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  return cw_osrm_parse_response (bytes, error);
}

static void
assert_main_route (CwOsrmRoute *r)
{
  guint n = cw_route_get_n_points (r->route);
  const CwLatLon *p = cw_route_get_points (r->route);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (main_line));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (p[i].lat, main_line[i].lat, 1e-9);
      g_assert_cmpfloat_with_epsilon (p[i].lon, main_line[i].lon, 1e-9);
    }
  g_assert_cmpfloat (r->distance_m, ==, 121843.7);
  g_assert_cmpfloat (r->duration_s, ==, 5520.3);
}

static void
test_parse_ok (void)
{
  g_autofree char *text = ok_response ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) routes = parse (text, &error);
  CwOsrmRoute *alt;

  g_assert_no_error (error);
  g_assert_cmpuint (routes->len, ==, 2);
  assert_main_route (g_ptr_array_index (routes, 0));
  alt = g_ptr_array_index (routes, 1);
  g_assert_cmpuint (cw_route_get_n_points (alt->route), ==, 3);
  g_assert_cmpfloat (alt->distance_m, ==, 139002);
  /* the geometry's own length is close to what the router says */
  g_assert_cmpfloat (cw_route_get_length_km (((CwOsrmRoute *) g_ptr_array_index (routes, 0))->route),
                     >, 100);
}

static void
test_parse_geojson (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) routes = parse (
      "{\"code\":\"Ok\",\"routes\":[{\"geometry\":{\"type\":\"LineString\","
      "\"coordinates\":[[4.9005,52.3789],[5.481,51.4431]]},\"distance\":1,\"duration\":2}]}", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (routes->len, ==, 1);
  g_assert_cmpfloat (cw_route_get_points (((CwOsrmRoute *) g_ptr_array_index (routes, 0))->route)[1].lat,
                     ==, 51.4431);
}

static void
expect_parse_error (const char *text,
                    GQuark      domain,
                    int         code,
                    const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) routes = parse (text, &error);

  g_assert_null (routes);
  g_assert_error (error, domain, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("\"%s\" does not mention \"%s\"", error->message, needle);
  g_test_message ("%s", error->message);
}

static void
test_parse_errors (void)
{
  g_autofree char *ok = ok_response ();
  g_autofree char *truncated = g_strndup (ok, strlen (ok) / 2);

  expect_parse_error (NO_ROUTE, CW_OSRM_ERROR, CW_OSRM_ERROR_NO_ROUTE, "Impossible route between points");
  expect_parse_error ("{\"code\":\"NoSegment\",\"message\":\"Could not find a matching segment for coordinate 1\"}",
                      CW_OSRM_ERROR, CW_OSRM_ERROR_NO_SEGMENT, "too far from any road");
  expect_parse_error ("{\"code\":\"TooBig\"}", CW_OSRM_ERROR, CW_OSRM_ERROR_REFUSED, "TooBig");
  expect_parse_error ("", CW_PARSE_ERROR, CW_PARSE_ERROR_EMPTY, "empty");
  expect_parse_error (truncated, CW_PARSE_ERROR, CW_PARSE_ERROR_INVALID_JSON, "Malformed JSON");
  expect_parse_error ("[]", CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE, "$");
  expect_parse_error ("{\"routes\":[]}", CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "$.code");
  expect_parse_error ("{\"code\":\"Ok\",\"routes\":[]}", CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "$.routes");
  expect_parse_error ("{\"code\":\"Ok\",\"routes\":[{\"distance\":1,\"duration\":1}]}",
                      CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "$.routes[0].geometry");
  expect_parse_error ("{\"code\":\"Ok\",\"routes\":[{\"geometry\":\"_p~iF~ps|\",\"distance\":1,\"duration\":1}]}",
                      CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE, "$.routes[0].geometry: not a valid polyline6");
  expect_parse_error ("{\"code\":\"Ok\",\"routes\":[{\"geometry\":\"\",\"distance\":1,\"duration\":1}]}",
                      CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "no points");
  expect_parse_error ("{\"code\":\"Ok\",\"routes\":[{\"geometry\":42,\"distance\":1,\"duration\":1}]}",
                      CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE, "polyline6 string");
  expect_parse_error ("{\"code\":\"Ok\",\"routes\":[{\"geometry\":\"??\",\"distance\":-5,\"duration\":1}]}",
                      CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE, "distance -5");
  expect_parse_error ("{\"code\":\"Ok\",\"routes\":[{\"geometry\":\"??\",\"duration\":1}]}",
                      CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "$.routes[0].distance");
  expect_parse_error ("{\"code\":\"Ok\",\"routes\":[{\"geometry\":{\"coordinates\":[[4,95]]},\"distance\":1,\"duration\":1}]}",
                      CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE, "coordinates[0]");
}

static void
test_parse_fuzz (void)
{
  g_autofree char *ok = ok_response ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (6);

  /* Flipped bytes anywhere: a result or an error, never a crash. */
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *copy = g_strdup (ok);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) routes = NULL;

      for (guint k = 0; k < 3; k++)
        copy[g_rand_int_range (rand, 0, strlen (ok))] = (char) g_rand_int_range (rand, 32, 127);
      routes = parse (copy, &error);
      g_assert_true ((routes == NULL) != (error == NULL));
    }
}

/* ---- URLs ---- */

static void
test_build_url (void)
{
  static const struct {
    const char *base;
    const char *expect;
  } cases[] = {
    { "https://router.project-osrm.org",
      "https://router.project-osrm.org/route/v1/driving/4.900500,52.378900;5.481000,51.443100"
      "?overview=full&geometries=polyline6&alternatives=true" },
    { "http://127.0.0.1:5000/", "http://127.0.0.1:5000/route/v1/driving/4.900500,52.378900;5.481000,51.443100"
      "?overview=full&geometries=polyline6&alternatives=true" },
    { "https://routing.example/osrm//", "https://routing.example/osrm/route/v1/driving/4.900500,52.378900;"
      "5.481000,51.443100?overview=full&geometries=polyline6&alternatives=true" },
    { "https://routing.example/route/v1/driving/", "https://routing.example/route/v1/driving/4.900500,52.378900;"
      "5.481000,51.443100?overview=full&geometries=polyline6&alternatives=true" },
  };
  static const char *bad[] = { "router.project-osrm.org", "ftp://example.org", "http://", "https://x/?a=b", "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *url = cw_osrm_build_url (cases[i].base, 52.3789, 4.9005, 51.4431, 5.481, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, cases[i].expect);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *url = cw_osrm_build_url (bad[i], 52, 4, 51, 5, &error);

      g_assert_null (url);
      g_assert_error (error, CW_OSRM_ERROR, CW_OSRM_ERROR_INVALID_ARGUMENT);
    }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *url = cw_osrm_build_url ("http://127.0.0.1", 95, 4, 51, 5, &error);
    g_assert_null (url);
    g_assert_error (error, CW_OSRM_ERROR, CW_OSRM_ERROR_INVALID_ARGUMENT);
  }
}

/* ---- the client, against servers on 127.0.0.1 ---- */

typedef struct {
  SoupServer        *server;
  char              *base;          /* http://127.0.0.1:PORT */
  char              *last_path;
  char              *last_query;
  char              *last_agent;
  guint              requests;
  SoupServerMessage *paused;
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  GUri *uri = soup_server_message_get_uri (msg);

  f->requests++;
  g_free (f->last_path);
  g_free (f->last_query);
  g_free (f->last_agent);
  f->last_path = g_strdup (path);
  f->last_query = g_strdup (g_uri_get_query (uri));
  f->last_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                          "User-Agent"));

  if (g_str_has_prefix (path, "/ok/route/v1/driving/"))
    {
      g_autofree char *body = ok_response ();
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
    }
  else if (g_str_has_prefix (path, "/noroute/"))
    {
      /* what OSRM really does: HTTP 400 with the reason in JSON */
      soup_server_message_set_status (msg, 400, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, NO_ROUTE, strlen (NO_ROUTE));
    }
  else if (g_str_has_prefix (path, "/wrongtypes/"))
    {
      static const char body[] = "{\"code\":\"Ok\",\"routes\":[{\"geometry\":5,\"distance\":\"far\"}]}";
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else if (g_str_has_prefix (path, "/noroute200/"))
    {
      /* a router that says NoRoute with HTTP 200 */
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, NO_ROUTE, strlen (NO_ROUTE));
    }
  else if (g_str_has_prefix (path, "/fail/"))
    {
      static const char page[] = "<html><body>Internal error</body></html>";
      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else if (g_str_has_prefix (path, "/half/"))
    {
      g_autofree char *body = ok_response ();
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body) / 2);
    }
  else if (g_str_has_prefix (path, "/huge/"))
    {
      gsize n = CW_OSRM_MAX_BYTES + 1;
      char *body = g_malloc (n);
      memset (body, ' ', n);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, n);
    }
  else if (g_str_has_prefix (path, "/slow/"))
    {
      /* answers when the test is over */
      g_assert_null (f->paused);
      f->paused = g_object_ref (msg);
      soup_server_message_pause (msg);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GSList *uris;
  g_autofree char *uri = NULL;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  g_assert_nonnull (uris);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_assert_true (g_str_has_prefix (uri, "http://127.0.0.1:"));
  f->base = g_strndup (uri, strlen (uri) - (g_str_has_suffix (uri, "/") ? 1 : 0));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->paused)
    {
      soup_server_message_set_status (f->paused, 503, NULL);
      soup_server_message_unpause (f->paused);
      g_clear_object (&f->paused);
    }
  /* Let the server see the clients' connections close (the sessions
   * are gone by now): it leaks those still open when it is freed. */
  {
    gint64 until = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;
    while (g_get_monotonic_time () < until)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
  }
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->base);
  g_free (f->last_path);
  g_free (f->last_query);
  g_free (f->last_agent);
}

static SoupSession *
loopback_session (guint timeout)
{
  /* No proxy: a proxy from the environment would take the request off
   * the machine. */
  return soup_session_new_with_options ("proxy-resolver", NULL, "timeout", timeout, NULL);
}

typedef struct {
  gboolean   done;
  GPtrArray *routes;
  GError    *error;
} Result;

static void
route_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *r = user_data;

  r->routes = cw_osrm_route_finish (result, &r->error);
  r->done = TRUE;
}

static void
run_route (SoupSession  *session,
           const char   *base,
           GCancellable *cancellable,
           Result       *r)
{
  cw_osrm_route_async (session, base, 52.3789, 4.9005, 51.4431, 5.481, cancellable, route_done, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->routes, g_ptr_array_unref);
  g_clear_error (&r->error);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
test_client_ok (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (SoupSession) session = loopback_session (10);
  g_autofree char *base = g_strconcat (f->base, "/ok", NULL);
  g_auto (Result) r = { 0 };

  run_route (session, base, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.routes->len, ==, 2);
  assert_main_route (g_ptr_array_index (r.routes, 0));

  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpstr (f->last_path, ==, "/ok/route/v1/driving/4.900500,52.378900;5.481000,51.443100");
  g_assert_cmpstr (f->last_query, ==, "overview=full&geometries=polyline6&alternatives=true");
  g_assert_true (g_str_has_prefix (f->last_agent, "Chargeway/"));
}

static void
test_client_session_agent (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (SoupSession) session = loopback_session (10);
  g_autofree char *base = g_strconcat (f->base, "/ok/", NULL);
  g_auto (Result) r = { 0 };

  /* a session with its own agent (cw_http_session_new's) keeps it */
  soup_session_set_user_agent (session, "Chargeway/9.9 (test)");
  run_route (session, base, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (f->last_agent, ==, "Chargeway/9.9 (test)");
}

static void
expect_client_error (Fixture    *f,
                     const char *prefix,
                     guint       timeout,
                     GQuark      domain,
                     int         code,
                     const char *needle)
{
  g_autoptr (SoupSession) session = loopback_session (timeout);
  g_autofree char *base = g_strconcat (f->base, prefix, NULL);
  g_auto (Result) r = { 0 };

  run_route (session, base, NULL, &r);
  g_assert_null (r.routes);
  g_assert_error (r.error, domain, code);
  if (strstr (r.error->message, needle) == NULL)
    g_error ("\"%s\" does not mention \"%s\"", r.error->message, needle);
  /* no coordinates, no path: only the host, always */
  g_assert_null (strstr (r.error->message, "52.3789"));
  g_assert_null (strstr (r.error->message, "route/v1"));
  if (strstr (r.error->message, f->base + strlen ("http://")) == NULL)
    g_error ("\"%s\" does not name the router %s", r.error->message, f->base + strlen ("http://"));
  g_test_message ("%s", r.error->message);
}

/* Bad data names the router it came from; credentials in the router's
 * address never show. */
static void
test_client_bad_data_names_host (Fixture       *f,
                                 gconstpointer  data)
{
  const struct { const char *prefix; GQuark domain; int code; const char *needle; } cases[] = {
    { "/wrongtypes", CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE, "answered something unexpected" },
    { "/half", CW_PARSE_ERROR, CW_PARSE_ERROR_INVALID_JSON, "Malformed JSON" },
    { "/noroute200", CW_OSRM_ERROR, CW_OSRM_ERROR_NO_ROUTE, "No road route" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SoupSession) session = loopback_session (10);
      g_autofree char *base = g_strdup_printf ("http://someone:S3cretRouterKey@%s%s",
                                               f->base + strlen ("http://"), cases[i].prefix);
      g_auto (Result) r = { 0 };

      expect_client_error (f, cases[i].prefix, 10, cases[i].domain, cases[i].code, cases[i].needle);
      run_route (session, base, NULL, &r);
      g_assert_error (r.error, cases[i].domain, cases[i].code);
      g_test_message ("with credentials in the address: %s", r.error->message);
      g_assert_nonnull (strstr (r.error->message, f->base + strlen ("http://")));
      g_assert_null (strstr (r.error->message, "S3cretRouterKey"));
      g_assert_null (strstr (r.error->message, "someone"));
    }
}

static void
test_client_no_route (Fixture       *f,
                      gconstpointer  data)
{
  expect_client_error (f, "/noroute", 10, CW_OSRM_ERROR, CW_OSRM_ERROR_NO_ROUTE, "Impossible route");
}

static void
test_client_500 (Fixture       *f,
                 gconstpointer  data)
{
  expect_client_error (f, "/fail", 10, CW_NET_ERROR, CW_NET_ERROR_UNAVAILABLE, "HTTP 500");
  expect_client_error (f, "/nothing-here", 10, CW_NET_ERROR, CW_NET_ERROR_NOT_FOUND, "HTTP 404");
}

static void
test_client_truncated_json (Fixture       *f,
                            gconstpointer  data)
{
  expect_client_error (f, "/half", 10, CW_PARSE_ERROR, CW_PARSE_ERROR_INVALID_JSON, "Malformed JSON");
}

static void
test_client_too_large (Fixture       *f,
                       gconstpointer  data)
{
  expect_client_error (f, "/huge", 10, CW_NET_ERROR, CW_NET_ERROR_TOO_LARGE, "20 MB");
}

static void
test_client_timeout (Fixture       *f,
                     gconstpointer  data)
{
  expect_client_error (f, "/slow", 1, CW_NET_ERROR, CW_NET_ERROR_TIMEOUT, "did not answer in time");
}

static void
test_client_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (SoupSession) session = loopback_session (30);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *base = g_strconcat (f->base, "/slow", NULL);
  g_auto (Result) r = { 0 };

  cw_osrm_route_async (session, base, 52.3789, 4.9005, 51.4431, 5.481, cancellable, route_done, &r);
  while (f->paused == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_client_bad_base (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (SoupSession) session = loopback_session (10);
  g_auto (Result) r = { 0 };

  run_route (session, "not a url", NULL, &r);
  g_assert_error (r.error, CW_OSRM_ERROR, CW_OSRM_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (f->requests, ==, 0);
}

/* A connection that ends in the middle of the body: a raw server on
 * 127.0.0.1, since SoupServer always finishes what it starts. */
static gboolean
cut_short (GThreadedSocketService *service,
           GSocketConnection      *connection,
           GObject                *source,
           gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autofree char *body = ok_response ();
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                           "Content-Length: %zu\r\nConnection: close\r\n\r\n", strlen (body));
  GString *request = g_string_new (NULL);
  char buf[1024];
  gssize n;

  while (strstr (request->str, "\r\n\r\n") == NULL &&
         (n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (request, buf, n);
  g_string_free (request, TRUE);

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body, strlen (body) / 3, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_client_connection_cut (void)
{
  g_autoptr (GSocketService) service = g_threaded_socket_service_new (2);
  g_autoptr (GSocketAddress) want = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr (GSocketAddress) got = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) session = loopback_session (10);
  g_autofree char *base = NULL;
  g_auto (Result) r = { 0 };

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), want, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &got, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (cut_short), NULL);
  g_socket_service_start (service);
  base = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (got)));

  run_route (session, base, NULL, &r);
  g_assert_null (r.routes);
  g_assert_error (r.error, CW_NET_ERROR, CW_NET_ERROR_FAILED);
  g_assert_nonnull (strstr (r.error->message, "before the answer was complete"));
  g_test_message ("%s", r.error->message);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

static void
test_client_refused (void)
{
  g_autoptr (SoupSession) session = loopback_session (10);
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GSocketAddress) want = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr (GSocketAddress) got = NULL;
  g_autofree char *base = NULL;
  g_auto (Result) r = { 0 };

  /* a port that was free a moment ago, closed again */
  g_assert_true (g_socket_listener_add_address (listener, want, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &got, NULL));
  base = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (got)));
  g_socket_listener_close (listener);

  run_route (session, base, NULL, &r);
  g_assert_error (r.error, CW_NET_ERROR, CW_NET_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (r.error->message, "127.0.0.1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/osrm/parse/ok", test_parse_ok);
  g_test_add_func ("/osrm/parse/geojson", test_parse_geojson);
  g_test_add_func ("/osrm/parse/errors", test_parse_errors);
  g_test_add_func ("/osrm/parse/fuzz", test_parse_fuzz);
  g_test_add_func ("/osrm/url", test_build_url);
  g_test_add ("/osrm/client/ok", Fixture, NULL, fixture_setup, test_client_ok, fixture_teardown);
  g_test_add ("/osrm/client/session-agent", Fixture, NULL, fixture_setup, test_client_session_agent, fixture_teardown);
  g_test_add ("/osrm/client/bad-data-names-host", Fixture, NULL, fixture_setup, test_client_bad_data_names_host, fixture_teardown);
  g_test_add ("/osrm/client/no-route", Fixture, NULL, fixture_setup, test_client_no_route, fixture_teardown);
  g_test_add ("/osrm/client/http-500", Fixture, NULL, fixture_setup, test_client_500, fixture_teardown);
  g_test_add ("/osrm/client/truncated-json", Fixture, NULL, fixture_setup, test_client_truncated_json, fixture_teardown);
  g_test_add ("/osrm/client/too-large", Fixture, NULL, fixture_setup, test_client_too_large, fixture_teardown);
  g_test_add ("/osrm/client/timeout", Fixture, NULL, fixture_setup, test_client_timeout, fixture_teardown);
  g_test_add ("/osrm/client/cancel", Fixture, NULL, fixture_setup, test_client_cancel, fixture_teardown);
  g_test_add ("/osrm/client/bad-base", Fixture, NULL, fixture_setup, test_client_bad_base, fixture_teardown);
  g_test_add_func ("/osrm/client/connection-cut", test_client_connection_cut);
  g_test_add_func ("/osrm/client/refused", test_client_refused);

  return g_test_run ();
}
