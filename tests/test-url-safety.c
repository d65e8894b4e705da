/* test-url-safety.c: hostile place names, ids and keys stay what they are
 *
 * The geocoder (Nominatim and Photon), OSRM and Open Charge Map build
 * their URLs with GUri and form encoding only (cw_http_build_url ()).
 * Names holding &, #, ?, /.., spaces, unicode, line breaks, percent
 * signs and the like are sent to a SoupServer on 127.0.0.1, which
 * records the path and the decoded query of each request: the path is
 * the one expected, the name arrives as one value, whole, and no other
 * parameter appears. An API key holding a line break is refused before
 * anything is sent, without being quoted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cw-geocoder.h"
#include "cw-http.h"
#include "cw-ocm-client.h"
#include "cw-osrm.h"
#include "cw-test-server.h"

static const char *hostile[] = {
  "Utrecht&limit=999&format=xml",
  "Café #1?x=y",
  "../../etc/passwd",
  "/..//..%2F..%2f",
  "a b  c\t",
  "Zürich → 東京 🚗",
  "line\nbreak\r\nX-Injected: 1",
  "100% &amp; =; +plus+",
  "q=1;limit=2,3",
  "'\"<script>",
};

typedef struct {
  SoupServer *server;
  char       *base;
  GPtrArray  *paths;     /* char*, as received (encoded) */
  GPtrArray  *queries;   /* GHashTable*, decoded */
  GPtrArray  *keys;      /* X-API-Key, or "" */
} Recorder;

#define REFERENCE \
  "{\"ConnectionTypes\":[],\"Operators\":[],\"StatusTypes\":[],\"UsageTypes\":[]," \
  "\"CurrentTypes\":[],\"DataProviders\":[],\"Countries\":[]}"
#define OSRM_OK \
  "{\"code\":\"Ok\",\"routes\":[{\"geometry\":{\"type\":\"LineString\",\"coordinates\":" \
  "[[5.11,52.09],[5.3,52.2]]},\"legs\":[],\"distance\":12000,\"duration\":900,\"weight\":900}]}"

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Recorder *r = user_data;
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-API-Key");
  const char *body = "[]";

  g_ptr_array_add (r->paths, g_strdup (g_uri_get_path (soup_server_message_get_uri (msg))));
  g_ptr_array_add (r->queries, query ? g_hash_table_ref (query) : g_hash_table_new (g_str_hash, g_str_equal));
  g_ptr_array_add (r->keys, g_strdup (key ? key : ""));

  if (g_str_has_suffix (path, "/referencedata"))
    body = REFERENCE;
  else if (g_str_has_suffix (path, "/api"))
    body = "{\"type\":\"FeatureCollection\",\"features\":[]}";
  else if (strstr (path, "/route/v1/driving/") != NULL)
    body = OSRM_OK;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static Recorder *
recorder_new (void)
{
  Recorder *r = g_new0 (Recorder, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  r->paths = g_ptr_array_new_with_free_func (g_free);
  r->queries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  r->keys = g_ptr_array_new_with_free_func (g_free);
  r->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (r->server, NULL, handle, r, NULL);
  soup_server_listen_local (r->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (r->server);
  r->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return r;
}

static void
recorder_free (Recorder *r)
{
  soup_server_disconnect (r->server);
  g_object_unref (r->server);
  g_ptr_array_unref (r->paths);
  g_ptr_array_unref (r->queries);
  g_ptr_array_unref (r->keys);
  g_free (r->base);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recorder, recorder_free)

/* The last request's query: exactly @expected (name, value, …, NULL). */
static void
assert_query (GHashTable *query,
              ...)
{
  va_list ap;
  const char *name;
  guint n = 0;

  va_start (ap, query);
  while ((name = va_arg (ap, const char *)) != NULL)
    {
      const char *value = va_arg (ap, const char *);
      g_assert_cmpstr (g_hash_table_lookup (query, name), ==, value);
      n++;
    }
  va_end (ap);
  g_assert_cmpuint (g_hash_table_size (query), ==, n);
}

static void
test_geocoder (gconstpointer data)
{
  CwGeocoderKind kind = GPOINTER_TO_INT (data);
  g_autoptr (Recorder) r = recorder_new ();
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  g_autoptr (CwGeocoder) g = cw_geocoder_new (session, kind, r->base);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      CwTestAsync a = { NULL };
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) places = NULL;
      GHashTable *q;

      cw_geocoder_search_async (g, hostile[i], 5, NULL, cw_test_async_ready, &a);
      places = cw_geocoder_search_finish (g, cw_test_async_wait (&a, 30), &error);
      cw_test_async_clear (&a);
      g_assert_no_error (error);
      g_assert_cmpuint (r->paths->len, ==, i + 1);
      q = g_ptr_array_index (r->queries, i);
      g_test_message ("%s: %s", (char *) g_ptr_array_index (r->paths, i), hostile[i]);
      if (kind == CW_GEOCODER_PHOTON)
        {
          g_assert_cmpstr (g_ptr_array_index (r->paths, i), ==, "/api");
          assert_query (q, "q", hostile[i], "limit", "5", NULL);
        }
      else
        {
          g_assert_cmpstr (g_ptr_array_index (r->paths, i), ==, "/search");
          assert_query (q, "format", "jsonv2", "q", hostile[i], "limit", "5", NULL);
        }
    }
}

static GPtrArray *
route (const char   *base,
       double        lat,
       double        lon,
       GError      **error)
{
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  CwTestAsync a = { NULL };
  GPtrArray *routes;

  cw_osrm_route_async (session, base, lat, lon, 52.2, 5.3, NULL, cw_test_async_ready, &a);
  routes = cw_osrm_route_finish (cw_test_async_wait (&a, 30), error);
  cw_test_async_clear (&a);
  return routes;
}

static void
test_osrm (void)
{
  g_autoptr (Recorder) r = recorder_new ();
  g_autofree char *prefixed = g_strdup_printf ("%s/osrm%%20v5/", r->base);
  const char *bad_suffixes[] = { "/osrm?x=1", "/osrm#frag", NULL };
  g_autofree char *spaced = g_strdup_printf ("%s/os rm\n", r->base);
  const double bad_points[][2] = { { NAN, 5.0 }, { 52.0, INFINITY }, { 95.0, 5.0 }, { 52.0, -200.0 } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) routes = route (prefixed, 52.09, 5.11, &error);

  /* A path prefix, percent-encoded as given: sent as it is (the server
   * shows it decoded). */
  g_assert_no_error (error);
  g_assert_cmpuint (routes->len, ==, 1);
  g_assert_cmpuint (r->paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r->paths, 0), ==,
                   "/osrm v5/route/v1/driving/5.110000,52.090000;5.300000,52.200000");
  assert_query (g_ptr_array_index (r->queries, 0), "overview", "full", "geometries", "polyline6",
                "alternatives", "true", NULL);

  /* A space or a line break in the prefix: escaped, one segment still. */
  {
    g_autoptr (GError) e = NULL;
    g_autoptr (GPtrArray) ok G_GNUC_UNUSED = route (spaced, 52.09, 5.11, &e);

    g_assert_no_error (e);
    g_assert_cmpstr (g_ptr_array_index (r->paths, 1), ==,
                     "/os rm\n/route/v1/driving/5.110000,52.090000;5.300000,52.200000");
  }

  /* A base with a query, a fragment or another scheme, and
   * points that are not on Earth: refused before anything is sent. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_suffixes); i++)
    {
      g_autofree char *base = bad_suffixes[i] ? g_strconcat (r->base, bad_suffixes[i], NULL)
                                              : g_strdup ("ftp://127.0.0.1/");
      g_autoptr (GError) e = NULL;
      g_autoptr (GPtrArray) none = route (base, 52.09, 5.11, &e);

      g_assert_null (none);
      g_assert_error (e, CW_OSRM_ERROR, CW_OSRM_ERROR_INVALID_ARGUMENT);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_points); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autoptr (GPtrArray) none = route (r->base, bad_points[i][0], bad_points[i][1], &e);

      g_assert_null (none);
      g_assert_error (e, CW_OSRM_ERROR, CW_OSRM_ERROR_INVALID_ARGUMENT);
    }
  g_assert_cmpuint (r->paths->len, ==, 2);
}

static void
polyline_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  cw_test_async_ready (object, result, user_data);
}

static void
test_ocm (void)
{
  g_autoptr (Recorder) r = recorder_new ();
  g_autoptr (CwOcmClient) client = cw_ocm_client_new (NULL, "k3y-url-safety");
  static const CwBBox box = { 51.505, -0.040, 51.545, -0.002 };

  cw_ocm_client_set_base_url (client, r->base);

  /* Route queries: the polyline (any text) is one value, whole. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      CwTestAsync a = { NULL };
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) stations = NULL;
      GHashTable *q;

      cw_ocm_client_fetch_polyline_async (client, hostile[i], 2.5, 50, NULL, polyline_done, &a);
      stations = cw_ocm_client_fetch_polyline_finish (client, cw_test_async_wait (&a, 30), NULL, &error);
      cw_test_async_clear (&a);
      g_assert_no_error (error);
      g_assert_cmpstr (g_ptr_array_index (r->paths, r->paths->len - 1), ==, "/poi");
      q = g_ptr_array_index (r->queries, r->queries->len - 1);
      assert_query (q, "polyline", hostile[i], "distance", "2.5", "distanceunit", "km",
                    "maxresults", "50", "compact", "true", "verbose", "false", NULL);
      g_assert_cmpstr (g_ptr_array_index (r->keys, r->keys->len - 1), ==, "k3y-url-safety");
    }
  g_assert_cmpstr (g_ptr_array_index (r->paths, 0), ==, "/referencedata");

  /* Area queries: the box, form-encoded, as OCM documents it. */
  {
    CwTestAsync a = { NULL };
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) stations = NULL;
    GHashTable *q;

    cw_ocm_client_fetch_area_async (client, &box, 20, NULL, cw_test_async_ready, &a);
    stations = cw_ocm_client_fetch_area_finish (client, cw_test_async_wait (&a, 30), NULL, &error);
    cw_test_async_clear (&a);
    g_assert_no_error (error);
    q = g_ptr_array_index (r->queries, r->queries->len - 1);
    g_assert_true (g_str_has_prefix (g_hash_table_lookup (q, "boundingbox"), "("));
    g_assert_cmpuint (g_hash_table_size (q), ==, 4);
    g_assert_cmpstr (g_hash_table_lookup (q, "maxresults"), ==, "20");
  }

  /* A key with a line break: refused, unquoted, nothing sent. */
  {
    CwTestAsync a = { NULL };
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) stations = NULL;
    guint sent = r->paths->len;

    cw_ocm_client_set_api_key (client, "k3y-line\r\nX-Injected: 1");
    cw_ocm_client_fetch_polyline_async (client, "_p~iF~ps|U", 2.5, 50, NULL, polyline_done, &a);
    stations = cw_ocm_client_fetch_polyline_finish (client, cw_test_async_wait (&a, 30), NULL, &error);
    cw_test_async_clear (&a);
    g_assert_null (stations);
    g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAUTHORIZED);
    g_test_message ("%s", error->message);
    g_assert_null (strstr (error->message, "k3y-line"));
    g_assert_cmpuint (r->paths->len, ==, sent);
  }
}

int
main (int   argc,
      char *argv[])
{
  cw_test_log_capture_install ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/url-safety/nominatim", GINT_TO_POINTER (CW_GEOCODER_NOMINATIM), test_geocoder);
  g_test_add_data_func ("/url-safety/photon", GINT_TO_POINTER (CW_GEOCODER_PHOTON), test_geocoder);
  g_test_add_func ("/url-safety/osrm", test_osrm);
  g_test_add_func ("/url-safety/ocm", test_ocm);

  return g_test_run ();
}
