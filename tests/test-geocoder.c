/* test-geocoder.c: Nominatim and Photon answers, against a loopback server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-geocoder.h"
#include "cw-http.h"
#include "cw-parse-error.h"

#define NOMINATIM_UTRECHT \
  "[{\"place_id\":1,\"lat\":\"52.0894\",\"lon\":\"5.1101\",\"name\":\"Utrecht Centraal\"," \
  "\"display_name\":\"Utrecht Centraal, Stationsplein, Utrecht, Nederland\",\"type\":\"station\"}," \
  "{\"place_id\":2,\"lat\":\"52.0907\",\"lon\":\"5.1214\",\"name\":\"Utrecht\"," \
  "\"display_name\":\"Utrecht, Nederland\"}]"

#define PHOTON_LYON \
  "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"," \
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[4.8357,45.764]}," \
  "\"properties\":{\"name\":\"Lyon\",\"country\":\"France\"}}]}"

typedef struct {
  SoupServer *server;
  char       *base;
  guint       hits;
  char       *last_query;
  char       *last_agent;
  const char *body;
  guint       status;
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;

  f->hits++;
  g_free (f->last_query);
  f->last_query = g_strdup (query ? g_hash_table_lookup (query, "q") : NULL);
  g_free (f->last_agent);
  f->last_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                          "User-Agent"));
  soup_server_message_set_status (msg, f->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, f->body, strlen (f->body));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->status = 200;
  f->body = NOMINATIM_UTRECHT;
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_object_unref (f->server);
  g_free (f->base);
  g_free (f->last_query);
  g_free (f->last_agent);
}

typedef struct {
  GMainLoop *loop;
  GPtrArray *places;
  GError    *error;
} Wait;

static void
done (GObject      *object,
      GAsyncResult *result,
      gpointer      user_data)
{
  Wait *w = user_data;

  w->places = cw_geocoder_search_finish (CW_GEOCODER (object), result, &w->error);
  g_main_loop_quit (w->loop);
}

static GPtrArray *
search (CwGeocoder  *g,
        const char  *query,
        GError     **error)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  cw_geocoder_search_async (g, query, 5, NULL, done, &w);
  g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);
  if (w.error)
    g_propagate_error (error, w.error);
  return w.places;
}

static void
test_nominatim (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (SoupSession) session = cw_http_session_new (5);
  g_autoptr (CwGeocoder) g = cw_geocoder_new (session, CW_GEOCODER_NOMINATIM, f->base);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) places = search (g, "Utrecht Centraal", &error);
  g_autoptr (GPtrArray) again = NULL;
  CwPlace *p;

  g_assert_no_error (error);
  g_assert_cmpuint (places->len, ==, 2);
  p = g_ptr_array_index (places, 0);
  g_assert_cmpstr (p->name, ==, "Utrecht Centraal");
  g_assert_cmpstr (p->description, ==, "Stationsplein, Utrecht, Nederland");
  g_assert_cmpfloat_with_epsilon (p->latitude, 52.0894, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->longitude, 5.1101, 1e-9);
  g_assert_cmpstr (f->last_query, ==, "Utrecht Centraal");
  g_assert_true (g_str_has_prefix (f->last_agent, "Chargeway/"));
  g_assert_cmpuint (f->hits, ==, 1);

  /* The same words again, in other case: from the cache, no request. */
  again = search (g, "  utrecht CENTRAAL ", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpuint (f->hits, ==, 1);
}

static void
test_photon (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (SoupSession) session = cw_http_session_new (5);
  g_autoptr (CwGeocoder) g = cw_geocoder_new (session, CW_GEOCODER_PHOTON, f->base);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) places = NULL;
  CwPlace *p;

  f->body = PHOTON_LYON;
  places = search (g, "Lyon", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, ==, 1);
  p = g_ptr_array_index (places, 0);
  g_assert_cmpstr (p->name, ==, "Lyon");
  g_assert_cmpstr (p->description, ==, "France");
  /* GeoJSON order is [lon, lat] */
  g_assert_cmpfloat_with_epsilon (p->latitude, 45.764, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->longitude, 4.8357, 1e-9);
}

/* Which server answered: 127.0.0.1:PORT, as every net error says it. */
static void
assert_names_host (Fixture    *f,
                   const char *message)
{
  g_test_message ("%s", message);
  if (strstr (message, f->base + strlen ("http://")) == NULL)
    g_error ("\"%s\" does not name the server %s", message, f->base + strlen ("http://"));
}

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (SoupSession) session = cw_http_session_new (5);
  g_autoptr (CwGeocoder) g = cw_geocoder_new (session, CW_GEOCODER_NOMINATIM, f->base);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) places = NULL;

  f->status = 503;
  places = search (g, "a", &error);
  g_assert_null (places);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  f->status = 200;
  f->body = "[{\"lat\":\"95\",\"lon\":\"5\"}]";
  places = search (g, "b", &error);
  g_assert_null (places);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE);
  assert_names_host (f, error->message);
  g_clear_error (&error);

  f->body = "{\"error\":";
  places = search (g, "c", &error);
  g_assert_null (places);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_INVALID_JSON);
  assert_names_host (f, error->message);
  g_clear_error (&error);

  /* Wrong types, from Nominatim and from Photon behind an address with
   * credentials: the message names the server, never the credentials. */
  f->body = "[{\"lat\":[52],\"lon\":\"5\"}]";
  places = search (g, "d", &error);
  g_assert_null (places);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE);
  assert_names_host (f, error->message);
  g_clear_error (&error);
  {
    g_autofree char *secret_base = g_strdup_printf ("http://me:S3cretGeoKey@%s", f->base + strlen ("http://"));
    g_autoptr (CwGeocoder) photon = cw_geocoder_new (session, CW_GEOCODER_PHOTON, secret_base);

    f->body = "{\"type\":\"FeatureCollection\",\"features\":{}}";
    places = search (photon, "e", &error);
    g_assert_null (places);
    g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE);
    assert_names_host (f, error->message);
    g_assert_null (strstr (error->message, "S3cretGeoKey"));
    g_assert_null (strstr (error->message, "me:"));
    g_clear_error (&error);
  }

  /* A failure is not cached: the next try asks again. */
  f->body = NOMINATIM_UTRECHT;
  places = search (g, "c", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, ==, 2);
}

static void
test_parsers_bad (void)
{
  static const char *photon_bad[] = {
    "[]", "{}", "{\"features\":{}}", "{\"features\":[{\"geometry\":{\"coordinates\":[\"a\",\"b\"]}}]}",
    "{\"features\":[{\"geometry\":{\"coordinates\":[200,10]}}]}", "{\"features\":[1]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (photon_bad); i++)
    {
      g_autoptr (GBytes) b = g_bytes_new_static (photon_bad[i], strlen (photon_bad[i]));
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) p = cw_geocoder_parse_photon (b, &error);

      g_assert_null (p);
      g_assert_true (error != NULL && error->domain == CW_PARSE_ERROR);
    }
}

/* Found by fuzz-nominatim (tests/fuzz/corpus/nominatim/regress-bad-u-
 * escape-invalid-utf8): json-glib turns "\\ud8}" into bytes that are not
 * UTF-8; the name must come out as valid text (U+FFFD in their place). */
static void
test_bad_u_escape (void)
{
  static const char body[] = "[{\"lat\":\"5\",\"lon\":\"1\",\"name\":\"\\ud8}]\"}]";
  static const char photon[] = "{\"features\":[{\"geometry\":{\"coordinates\":[1,5]},"
    "\"properties\":{\"name\":\"A\\ud8}xy\",\"city\":\"\\ud8}xz\"}}]}";
  g_autoptr (GBytes) b = g_bytes_new_static (body, strlen (body));
  g_autoptr (GBytes) pb = g_bytes_new_static (photon, strlen (photon));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) places = cw_geocoder_parse_nominatim (b, &error);
  g_autoptr (GPtrArray) pplaces = NULL;
  CwPlace *p;

  g_assert_no_error (error);
  g_assert_cmpuint (places->len, ==, 1);
  p = g_ptr_array_index (places, 0);
  g_assert_true (g_utf8_validate (p->name, -1, NULL));
  g_assert_nonnull (strstr (p->name, "\xef\xbf\xbd"));   /* U+FFFD */
  g_assert_true (p->description == NULL || g_utf8_validate (p->description, -1, NULL));
  g_assert_cmpfloat (p->latitude, ==, 5);

  /* (Inputs whose escapes json-glib rejects halfway make it leak, its
   * own bug: tests/fuzz/known-bugs; these it accepts.) */
  pplaces = cw_geocoder_parse_photon (pb, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pplaces->len, ==, 1);
  p = g_ptr_array_index (pplaces, 0);
  g_assert_true (g_utf8_validate (p->name, -1, NULL));
  g_assert_true (p->description == NULL || g_utf8_validate (p->description, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/geocoder/nominatim", Fixture, NULL, setup, test_nominatim, teardown);
  g_test_add ("/geocoder/photon", Fixture, NULL, setup, test_photon, teardown);
  g_test_add ("/geocoder/failures", Fixture, NULL, setup, test_failures, teardown);
  g_test_add_func ("/geocoder/parsers-bad", test_parsers_bad);
  g_test_add_func ("/geocoder/bad-u-escape", test_bad_u_escape);

  return g_test_run ();
}
