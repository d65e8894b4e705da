/* test-ocm-client.c: the Open Charge Map client against a SoupServer on
 * 127.0.0.1 that answers like OCM v3 (boundingbox filtering, maxresults)
 *
 * Every log line of the run, debug included, is kept and searched for
 * the API key after each test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "cw-http.h"
#include "cw-ocm-client.h"

#define KEY "k3y-0cm-5ecret-7f9a2c"

#define REFERENCE \
  "{\"ConnectionTypes\":[{\"ID\":33,\"Title\":\"CCS (Type 2)\"},{\"ID\":25,\"Title\":\"Type 2 (Socket Only)\"}]," \
  " \"Operators\":[{\"ID\":8,\"Title\":\"bp pulse (UK)\"},{\"ID\":3,\"Title\":\"POD Point (UK)\"}]," \
  " \"StatusTypes\":[{\"ID\":50,\"Title\":\"Operational\"}]," \
  " \"UsageTypes\":[{\"ID\":1,\"Title\":\"Public\"}]," \
  " \"CurrentTypes\":[{\"ID\":30,\"Title\":\"DC\"}]," \
  " \"DataProviders\":[{\"ID\":1,\"Title\":\"Open Charge Map Contributors\"}]," \
  " \"Countries\":[{\"ID\":1,\"ISOCode\":\"GB\",\"Title\":\"United Kingdom\"}]}"

#define POI(id, op, lat, lon) \
  "{\"ID\":" #id ",\"DataProviderID\":1,\"OperatorID\":" #op ",\"UsageTypeID\":1,\"StatusTypeID\":50," \
  " \"AddressInfo\":{\"Title\":\"Site " #id "\",\"Town\":\"London\",\"CountryID\":1," \
  "  \"Latitude\":" #lat ",\"Longitude\":" #lon "}," \
  " \"Connections\":[{\"ID\":" #id "1,\"ConnectionTypeID\":33,\"PowerKW\":50,\"CurrentTypeID\":30}]}"

/* Level 13 tiles are 360/8192 = 0.0439453125° wide. S1 is in tile
 * x 4095 (lon -0.0439…0), y 3220 (lat 51.5039…51.5479); S2 one tile
 * west of it, S3 one tile south. */
#define POIS "[" POI (1001, 3, 51.52, -0.02) "," POI (1002, 8, 51.52, -0.06) "," \
                 POI (1003, 3, 51.49, -0.02) "]"

static const CwBBox area_a = { 51.505, -0.040, 51.545, -0.002 };        /* tile x4095 y3220 */
static const CwBBox area_a_panned = { 51.507, -0.042, 51.546, -0.001 }; /* the same tile */
static const CwBBox area_a_west = { 51.506, -0.060, 51.544, -0.022 };   /* x4094–4095 */
static const CwBBox area_a_zoomed = { 51.515, -0.025, 51.525, -0.015 }; /* level 15, inside */

/* ---- every log line ---- */

static GMutex log_lock;
static GPtrArray *log_lines;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  g_mutex_lock (&log_lock);
  g_ptr_array_add (log_lines, g_strdup (line));
  g_mutex_unlock (&log_lock);
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
assert_key_not_logged (void)
{
  guint ours = 0;

  g_mutex_lock (&log_lock);
  for (guint i = 0; i < log_lines->len; i++)
    {
      const char *line = g_ptr_array_index (log_lines, i);

      g_assert_null (strstr (line, KEY));
      if (strstr (line, "cw-ocm-client") != NULL)
        ours++;
    }
  g_mutex_unlock (&log_lock);
  /* The capture sees the client's debug lines: the search is not empty. */
  g_assert_cmpuint (ours, >, 0);
}

/* ---- the server ---- */

typedef struct {
  guint       status;         /* 0: 200 */
  const char *retry_after;
  const char *body;           /* raw body instead of the data */
  gsize       big;            /* a body of this many bytes */
  gboolean    chunked;
  gboolean    hang;
} Behaviour;

typedef struct {
  SoupServer  *server;
  char        *base_url;
  SoupSession *session;
  CwOcmClient *client;

  JsonNode    *pois;           /* an array of POIs */
  char        *reference;
  Behaviour    poi;
  Behaviour    ref;

  guint        poi_hits;
  guint        ref_hits;
  GPtrArray   *poi_queries;    /* GHashTable* of each /poi request */
  char        *last_key;       /* X-API-Key of the last request, or NULL */
  char        *last_agent;
  GPtrArray   *paused;         /* SoupServerMessage* */
  char        *tmp;
} Fixture;

/* "(lat,lon),(lat2,lon2)" → v[0..3]; strict, as OCM documents it. */
static gboolean
parse_boundingbox (const char *s,
                   double      v[4])
{
  const char *p = s;

  for (int i = 0; i < 4; i++)
    {
      char *end = NULL;

      if (*p != ((i % 2 == 0) ? '(' : ','))
        return FALSE;
      p++;
      v[i] = g_ascii_strtod (p, &end);
      if (end == p)
        return FALSE;
      p = end;
      if (i % 2 == 1)
        {
          if (*p++ != ')')
            return FALSE;
          if (i == 1 && *p++ != ',')
            return FALSE;
        }
    }
  return *p == '\0';
}

static void
paused_finished (SoupServerMessage *msg,
                 Fixture           *f)
{
  g_ptr_array_remove (f->paused, msg);
}

static void
respond (Fixture           *f,
         SoupServerMessage *msg,
         const Behaviour   *b,
         const char        *data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (b->hang)
    {
      soup_server_message_pause (msg);
      g_signal_connect (msg, "finished", G_CALLBACK (paused_finished), f);
      g_ptr_array_add (f->paused, g_object_ref (msg));
      return;
    }
  soup_server_message_set_status (msg, b->status ? b->status : SOUP_STATUS_OK, NULL);
  if (b->retry_after != NULL)
    soup_message_headers_append (headers, "Retry-After", b->retry_after);
  if (b->big > 0)
    {
      g_autofree char *body = g_malloc (b->big);

      memset (body, ' ', b->big);
      body[0] = '[';
      body[b->big - 1] = ']';
      if (b->chunked)
        {
          SoupMessageBody *out = soup_server_message_get_response_body (msg);

          soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
          soup_message_headers_set_content_type (headers, "application/json", NULL);
          for (gsize off = 0; off < b->big; off += 4096)
            soup_message_body_append (out, SOUP_MEMORY_COPY, body + off, MIN (4096, b->big - off));
          soup_message_body_complete (out);
        }
      else
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                          body, b->big);
      return;
    }
  if (b->body != NULL)
    data = b->body;
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    data, strlen (data));
}

static char *
select_pois (Fixture    *f,
             GHashTable *query)
{
  const char *bbox = query ? g_hash_table_lookup (query, "boundingbox") : NULL;
  const char *max = query ? g_hash_table_lookup (query, "maxresults") : NULL;
  guint limit = max ? (guint) g_ascii_strtoull (max, NULL, 10) : 100;
  JsonArray *all = json_node_get_array (f->pois);
  g_autoptr (JsonArray) out = json_array_new ();
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  double v[4] = { 90, -180, -90, 180 };

  if (bbox != NULL)
    g_assert_true (parse_boundingbox (bbox, v));
  for (guint i = 0; i < json_array_get_length (all) && json_array_get_length (out) < limit; i++)
    {
      JsonObject *addr = json_object_get_object_member (json_array_get_object_element (all, i),
                                                        "AddressInfo");
      double lat = json_object_get_double_member (addr, "Latitude");
      double lon = json_object_get_double_member (addr, "Longitude");

      /* top left, bottom right */
      if (lat <= v[0] && lat >= v[2] && lon >= v[1] && lon <= v[3])
        json_array_add_element (out, json_node_copy (json_array_get_element (all, i)));
    }
  json_node_set_array (root, out);
  return json_to_string (root, FALSE);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *uri = g_uri_to_string (soup_server_message_get_uri (msg));

  g_assert_null (strstr (uri, KEY));
  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "GET");
  g_free (f->last_key);
  f->last_key = g_strdup (soup_message_headers_get_one (headers, "X-API-Key"));
  g_free (f->last_agent);
  f->last_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));

  if (g_str_equal (path, "/v3/referencedata"))
    {
      f->ref_hits++;
      respond (f, msg, &f->ref, f->reference);
    }
  else if (g_str_equal (path, "/v3/poi"))
    {
      g_autofree char *data = NULL;

      f->poi_hits++;
      g_ptr_array_add (f->poi_queries,
                       query ? g_hash_table_ref (query) :
                               g_hash_table_new (g_str_hash, g_str_equal));
      if (!f->poi.hang && f->poi.body == NULL && f->poi.big == 0)
        data = select_pois (f, query);
      respond (f, msg, &f->poi, data);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_set_pois (Fixture    *f,
                  const char *json)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&f->pois, json_node_unref);
  f->pois = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (f->pois));
}

static void
fixture_new_client (Fixture *f,
                    guint    timeout)
{
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  f->session = cw_http_session_new (timeout);
  f->client = g_object_new (CW_TYPE_OCM_CLIENT,
                            "session", f->session,
                            "base-url", f->base_url,
                            "api-key", KEY,
                            NULL);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char *root = NULL;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/v3", handle, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  g_assert_nonnull (uris);
  g_assert_cmpstr (g_uri_get_host (uris->data), ==, "127.0.0.1");
  root = g_uri_to_string (uris->data);
  f->base_url = g_strconcat (root, g_str_has_suffix (root, "/") ? "" : "/", "v3", NULL);

  f->poi_queries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->reference = g_strdup (REFERENCE);
  fixture_set_pois (f, POIS);
  fixture_new_client (f, 5);
}

static void
drain (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* A worker thread lets go of its GTask (and so of the client) a moment
 * after the task's callback ran: wait for that, not for ever. */
static void
unref_and_wait (gpointer object)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &object);
  g_object_unref (object);
  while (object != NULL && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_null (object);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  /* Answer what still hangs, so the server lets its connections go. */
  while (f->paused->len > 0)
    {
      g_autoptr (SoupServerMessage) msg = g_object_ref (g_ptr_array_index (f->paused, 0));

      g_ptr_array_remove_index (f->paused, 0);
      g_signal_handlers_disconnect_by_data (msg, f);
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (msg);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;

  unref_and_wait (g_steal_pointer (&f->client));
  g_assert_finalize_object (g_steal_pointer (&f->session));
  drain (20);
  soup_server_disconnect (f->server);
  drain (10);
  g_assert_finalize_object (f->server);

  g_ptr_array_unref (f->paused);
  g_ptr_array_unref (f->poi_queries);
  g_clear_pointer (&f->pois, json_node_unref);
  g_free (f->reference);
  g_free (f->base_url);
  g_free (f->last_key);
  g_free (f->last_agent);
  if (f->tmp != NULL)
    {
      const char *names[] = { "referencedata.json", "referencedata.fetched" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (f->tmp, names[i], NULL);
          g_unlink (path);
        }
      g_assert_cmpint (g_rmdir (f->tmp), ==, 0);
      g_free (f->tmp);
    }

  assert_key_not_logged ();
}

/* ---- running the client ---- */

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static void
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static GPtrArray *
finish_area (Fixture       *f,
             GAsyncResult **slot,
             int           *retry_after,
             GError       **error)
{
  GPtrArray *stations;
  int ra = -2;

  wait_for (slot);
  stations = cw_ocm_client_fetch_area_finish (f->client, *slot, &ra, error);
  g_clear_object (slot);
  g_assert_cmpint (ra, >=, -1);
  if (retry_after != NULL)
    *retry_after = ra;
  return stations;
}

static GPtrArray *
fetch_area (Fixture      *f,
            const CwBBox *box,
            guint         max_results,
            int          *retry_after,
            GError      **error)
{
  GAsyncResult *result = NULL;

  cw_ocm_client_fetch_area_async (f->client, box, max_results, NULL, store_result, &result);
  return finish_area (f, &result, retry_after, error);
}

static CwOcmReference *
fetch_reference (Fixture *f,
                 GError **error)
{
  GAsyncResult *result = NULL;
  CwOcmReference *ref;

  cw_ocm_client_fetch_reference_async (f->client, NULL, store_result, &result);
  wait_for (&result);
  ref = cw_ocm_client_fetch_reference_finish (f->client, result, NULL, error);
  g_object_unref (result);
  return ref;
}

static CwStation *
find_station (GPtrArray  *stations,
              const char *id)
{
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      if (g_str_equal (cw_station_get_id (s), id))
        return s;
    }
  return NULL;
}

static GHashTable *
poi_query (Fixture *f,
           guint    i)
{
  g_assert_cmpuint (i, <, f->poi_queries->len);
  return g_ptr_array_index (f->poi_queries, i);
}

/* ---- tests ---- */

static void
test_request (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = fetch_area (f, &area_a, 250, NULL, &error);
  GHashTable *q;
  GHashTableIter iter;
  gpointer name, value;
  double v[4];

  g_assert_no_error (error);
  g_assert_cmpuint (f->ref_hits, ==, 1);
  g_assert_cmpuint (f->poi_hits, ==, 1);
  g_assert_cmpstr (f->last_key, ==, KEY);
  g_assert_true (g_str_has_prefix (f->last_agent, "Chargeway/"));

  q = poi_query (f, 0);
  g_assert_cmpstr (g_hash_table_lookup (q, "compact"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (q, "verbose"), ==, "false");
  g_assert_cmpstr (g_hash_table_lookup (q, "maxresults"), ==, "250");
  g_assert_true (parse_boundingbox (g_hash_table_lookup (q, "boundingbox"), v));
  /* top left (north-west) first, bottom right (south-east) second,
   * holding the area asked for: its level-13 tile */
  g_assert_cmpfloat (v[0], >=, area_a.max_lat);
  g_assert_cmpfloat (v[1], <=, area_a.min_lon);
  g_assert_cmpfloat (v[2], <=, area_a.min_lat);
  g_assert_cmpfloat (v[3], >=, area_a.max_lon);
  g_assert_cmpfloat_with_epsilon (v[0], 51.5478515625, 1e-6);
  g_assert_cmpfloat_with_epsilon (v[1], -0.0439453125, 1e-6);
  g_assert_cmpfloat_with_epsilon (v[2], 51.50390625, 1e-6);
  g_assert_cmpfloat_with_epsilon (v[3], 0.0, 1e-6);
  g_hash_table_iter_init (&iter, q);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_assert_null (strstr (name, KEY));
      g_assert_null (strstr (value, KEY));
      g_assert_cmpstr (name, !=, "key");
    }

  g_assert_cmpuint (stations->len, ==, 1);
  g_assert_cmpstr (cw_station_get_id (((CwStation *) stations->pdata[0])), ==, "1001");
  g_assert_cmpstr (cw_station_get_source (((CwStation *) stations->pdata[0])), ==, "ocm");
  g_assert_cmpstr (cw_station_get_operator_name (((CwStation *) stations->pdata[0])), ==, "POD Point (UK)");
  g_assert_cmpstr (cw_ocm_client_get_attribution (f->client), ==,
                   "Data: Open Charge Map contributors, CC BY-SA 4.0");
}

static void
test_no_key (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;

  cw_ocm_client_set_api_key (f->client, NULL);
  g_assert_false (cw_ocm_client_has_api_key (f->client));
  stations = fetch_area (f, &area_a, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (f->last_key);
  g_assert_cmpstr (g_hash_table_lookup (poi_query (f, 0), "maxresults"), ==, "100");

  /* A 401 without a key says one is needed. */
  f->poi.status = 401;
  g_clear_pointer (&stations, g_ptr_array_unref);
  stations = fetch_area (f, &area_a_west, 0, NULL, &error);
  g_assert_null (stations);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "needs an API key"));
}

static void
test_shared_data (Fixture       *f,
                  gconstpointer  data)
{
  const char *root = g_getenv ("CW_SHARED_DATA");
  g_autofree char *poi_path = root ? g_build_filename (root, "ocm", "london-100-poi-compact.json", NULL) : NULL;
  g_autofree char *ref_path = root ? g_build_filename (root, "ocm", "reference.json", NULL) : NULL;
  g_autofree char *pois = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  CwBBox box = { 90, 180, -90, -180 };
  JsonArray *all;

  g_clear_pointer (&f->reference, g_free);
  if (poi_path == NULL || !g_file_get_contents (poi_path, &pois, NULL, NULL) ||
      !g_file_get_contents (ref_path, &f->reference, NULL, NULL))
    {
      g_test_skip ("CW_SHARED_DATA/ocm/{london-100-poi-compact,reference}.json absent: "
                   "real OCM data not checked (the fixture tests still ran)");
      return;
    }
  fixture_set_pois (f, pois);
  all = json_node_get_array (f->pois);
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *addr = json_object_get_object_member (json_array_get_object_element (all, i),
                                                        "AddressInfo");
      double lat = json_object_get_double_member (addr, "Latitude");
      double lon = json_object_get_double_member (addr, "Longitude");

      box.min_lat = MIN (box.min_lat, lat);
      box.max_lat = MAX (box.max_lat, lat);
      box.min_lon = MIN (box.min_lon, lon);
      box.max_lon = MAX (box.max_lon, lon);
    }

  stations = fetch_area (f, &box, 500, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->poi_hits, ==, 1);
  g_assert_cmpuint (stations->len, ==, 100);
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);

      g_assert_cmpstr (cw_station_get_source (s), ==, "ocm");
      g_assert_nonnull (cw_station_get_operator_name (s));
      /* a name from the reference data, not the "Operator 3345" fallback */
      g_assert_false (g_str_has_prefix (cw_station_get_operator_name (s), "Operator "));
    }
  g_assert_cmpstr (cw_station_get_operator_name (find_station (stations, "157899")), ==, "Chargemaster");
}

static void
test_same_area (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) first = fetch_area (f, &area_a, 100, NULL, &error);
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (GPtrArray) panned = NULL;
  g_autoptr (GPtrArray) west = NULL;
  double v[4];

  g_assert_no_error (error);
  second = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->poi_hits, ==, 1);
  g_assert_cmpuint (f->ref_hits, ==, 1);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_true (second->pdata[0] == first->pdata[0]);

  /* a little panning stays in the same tile */
  panned = fetch_area (f, &area_a_panned, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->poi_hits, ==, 1);
  g_assert_cmpuint (panned->len, ==, 1);

  /* panning west reaches one new tile: only that one is asked for */
  west = fetch_area (f, &area_a_west, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->poi_hits, ==, 2);
  g_assert_true (parse_boundingbox (g_hash_table_lookup (poi_query (f, 1), "boundingbox"), v));
  g_assert_cmpfloat_with_epsilon (v[1], -0.087890625, 1e-6);
  g_assert_cmpfloat_with_epsilon (v[3], -0.0439453125, 1e-6);
  g_assert_cmpuint (west->len, ==, 2);
  g_assert_nonnull (find_station (west, "1001"));
  g_assert_nonnull (find_station (west, "1002"));
  g_assert_null (find_station (west, "1003"));
  g_assert_cmpuint (f->ref_hits, ==, 1);
}

static void
test_zoom_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) wide G_GNUC_UNUSED = fetch_area (f, &area_a, 100, NULL, &error);
  g_autoptr (GPtrArray) zoomed = NULL;

  g_assert_no_error (error);
  /* the larger tile came back whole (1 < 100): it answers for its parts */
  zoomed = fetch_area (f, &area_a_zoomed, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->poi_hits, ==, 1);
  g_assert_cmpuint (zoomed->len, ==, 1);
  g_assert_cmpstr (cw_station_get_id (((CwStation *) zoomed->pdata[0])), ==, "1001");
}

static void
test_zoom_in_truncated (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) wide = NULL;
  g_autoptr (GPtrArray) zoomed = NULL;
  g_autoptr (GPtrArray) again = NULL;

  /* two stations in one tile, maxresults 1: the answer was cut short */
  fixture_set_pois (f, "[" POI (1001, 3, 51.52, -0.02) "," POI (1004, 3, 51.51, -0.03) "]");
  wide = fetch_area (f, &area_a, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wide->len, ==, 1);

  /* so it can't answer for a smaller tile … */
  zoomed = fetch_area (f, &area_a_zoomed, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->poi_hits, ==, 2);
  /* … but the same query is still not repeated */
  again = fetch_area (f, &area_a, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->poi_hits, ==, 2);
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) a = NULL;
  g_autoptr (GPtrArray) b = NULL;
  g_autoptr (GPtrArray) c = NULL;
  GAsyncResult *ra = NULL, *rb = NULL, *rc = NULL;

  cw_ocm_client_fetch_area_async (f->client, &area_a, 100, NULL, store_result, &ra);
  cw_ocm_client_fetch_area_async (f->client, &area_a, 100, NULL, store_result, &rb);
  a = finish_area (f, &ra, NULL, &error);
  g_assert_no_error (error);
  b = finish_area (f, &rb, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->ref_hits, ==, 1);
  g_assert_cmpuint (f->poi_hits, ==, 1);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpuint (b->len, ==, 1);

  /* once the reference data is here: a request in flight is joined by
   * an overlapping one, which asks only for its other tile */
  cw_ocm_client_fetch_area_async (f->client, &area_a_west, 100, NULL, store_result, &rc);
  cw_ocm_client_fetch_area_async (f->client, &area_a_west, 100, NULL, store_result, &ra);
  c = finish_area (f, &rc, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&a, g_ptr_array_unref);
  a = finish_area (f, &ra, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->poi_hits, ==, 2);
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_cmpuint (c->len, ==, 2);
}

static void
test_ttl (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) a = NULL;
  g_autoptr (GPtrArray) b = NULL;

  g_assert_cmpuint (cw_ocm_client_get_ttl (f->client), ==, 300);
  g_object_set (f->client, "ttl", 0, NULL);
  a = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_no_error (error);
  b = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->poi_hits, ==, 2);
  g_assert_cmpuint (f->ref_hits, ==, 1);
  g_assert_cmpuint (b->len, ==, 1);
}

static void
test_base_url_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) a G_GNUC_UNUSED = fetch_area (f, &area_a, 100, NULL, &error);
  g_autoptr (GPtrArray) b = NULL;
  g_autofree char *url = g_strconcat (f->base_url, "/", NULL);

  g_assert_no_error (error);
  /* the same server spelt with a slash: nothing forgotten */
  cw_ocm_client_set_base_url (f->client, url);
  g_assert_cmpstr (cw_ocm_client_get_base_url (f->client), ==, f->base_url);
  b = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->poi_hits, ==, 1);
}

static void
test_reference_once (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GAsyncResult *ra = NULL, *rb = NULL;
  CwOcmReference *a, *b, *c;

  cw_ocm_client_fetch_reference_async (f->client, NULL, store_result, &ra);
  cw_ocm_client_fetch_reference_async (f->client, NULL, store_result, &rb);
  wait_for (&ra);
  wait_for (&rb);
  a = cw_ocm_client_fetch_reference_finish (f->client, ra, NULL, &error);
  g_assert_no_error (error);
  b = cw_ocm_client_fetch_reference_finish (f->client, rb, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&ra);
  g_clear_object (&rb);
  g_assert_nonnull (a);
  g_assert_true (a == b);
  g_assert_cmpuint (f->ref_hits, ==, 1);
  g_assert_cmpstr (f->last_key, ==, KEY);
  g_assert_cmpstr (cw_ocm_reference_lookup (a, "Operators", 8), ==, "bp pulse (UK)");

  c = fetch_reference (f, &error);
  g_assert_no_error (error);
  g_assert_true (c == a);
  g_assert_cmpuint (f->ref_hits, ==, 1);
}

static void
write_stamp (const char *dir,
             gint64      when)
{
  g_autofree char *path = g_build_filename (dir, "referencedata.fetched", NULL);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT "\n", when);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
assert_file_lacks_key (const char *dir,
                       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, KEY));
}

static void
test_reference_disk (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  CwOcmReference *ref;

  f->tmp = g_dir_make_tmp ("cw-test-ocm-XXXXXX", &error);
  g_assert_no_error (error);

  /* fetched, then kept on disk with its date */
  g_object_set (f->client, "cache-dir", f->tmp, NULL);
  ref = fetch_reference (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ref);
  g_assert_cmpuint (f->ref_hits, ==, 1);
  assert_file_lacks_key (f->tmp, "referencedata.json");
  assert_file_lacks_key (f->tmp, "referencedata.fetched");

  /* a new client (a new run) takes it from disk */
  fixture_new_client (f, 5);
  g_object_set (f->client, "cache-dir", f->tmp, NULL);
  stations = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->ref_hits, ==, 1);
  g_assert_cmpstr (cw_station_get_operator_name (((CwStation *) stations->pdata[0])), ==, "POD Point (UK)");

  /* six days old: still good */
  write_stamp (f->tmp, now - 6 * 24 * 3600);
  fixture_new_client (f, 5);
  g_object_set (f->client, "cache-dir", f->tmp, NULL);
  g_assert_nonnull (fetch_reference (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->ref_hits, ==, 1);

  /* eight days old: fetched again */
  write_stamp (f->tmp, now - 8 * 24 * 3600);
  fixture_new_client (f, 5);
  g_object_set (f->client, "cache-dir", f->tmp, NULL);
  g_assert_nonnull (fetch_reference (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->ref_hits, ==, 2);

  /* old and the server down: the old copy stands in */
  write_stamp (f->tmp, now - 8 * 24 * 3600);
  f->ref.status = 503;
  fixture_new_client (f, 5);
  g_object_set (f->client, "cache-dir", f->tmp, NULL);
  ref = fetch_reference (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_ocm_reference_lookup (ref, "Operators", 3), ==, "POD Point (UK)");
  g_assert_cmpuint (f->ref_hits, ==, 3);

  /* a date from the future is not trusted */
  f->ref.status = 0;
  write_stamp (f->tmp, now + 30 * 24 * 3600);
  fixture_new_client (f, 5);
  g_object_set (f->client, "cache-dir", f->tmp, NULL);
  g_assert_nonnull (fetch_reference (f, &error));
  g_assert_cmpuint (f->ref_hits, ==, 4);
}

static void
test_reference_error (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;

  f->ref.status = 401;
  stations = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_null (stations);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, KEY));
  g_assert_cmpuint (f->poi_hits, ==, 0);

  /* not kept: the next call asks again */
  g_clear_error (&error);
  f->ref.status = 0;
  stations = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->ref_hits, ==, 2);
  g_assert_cmpuint (stations->len, ==, 1);
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  int retry_after = 0;

  f->poi.status = 401;
  stations = fetch_area (f, &area_a, 100, &retry_after, &error);
  g_assert_null (stations);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "API key"));
  g_assert_nonnull (strstr (error->message, "refused"));
  g_assert_null (strstr (error->message, KEY));
  g_assert_cmpint (retry_after, ==, -1);
  g_assert_cmpstr (f->last_key, ==, KEY);

  /* errors are not cached */
  g_clear_error (&error);
  f->poi.status = 0;
  stations = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, ==, 1);
  g_assert_cmpuint (f->poi_hits, ==, 2);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  int retry_after = 0;

  f->poi.status = 429;
  f->poi.retry_after = "7";
  stations = fetch_area (f, &area_a, 100, &retry_after, &error);
  g_assert_null (stations);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_RATE_LIMITED);
  g_assert_cmpint (retry_after, ==, 7);
}

static void
test_unavailable (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;

  f->poi.status = 500;
  stations = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_null (stations);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAVAILABLE);
  g_assert_true (g_str_has_prefix (error->message, "Open Charge Map"));
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;

  f->poi.body = "[{\"ID\": 1, \"AddressInfo\": {\"Latitude\": 51.52,";
  stations = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_null (stations);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_INVALID_JSON);

  g_clear_error (&error);
  f->poi.body = "{\"error\": \"not a list\"}";
  stations = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE);
  g_assert_cmpuint (f->poi_hits, ==, 2);
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;

  /* the reference data fits; the answer does not */
  g_object_set (f->client, "max-bytes", (guint64) 4096, NULL);
  g_assert_cmpuint (cw_ocm_client_get_max_bytes (f->client), ==, 4096);
  f->poi.big = 64 * 1024;
  stations = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_null (stations);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_TOO_LARGE);

  /* without a Content-Length to go by, counted as it comes */
  g_clear_error (&error);
  f->poi.chunked = TRUE;
  stations = fetch_area (f, &area_a, 100, NULL, &error);
  g_assert_null (stations);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_TOO_LARGE);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) error2 = NULL;
  g_autoptr (GError) cancelled = NULL;
  g_autoptr (GPtrArray) a = NULL;
  g_autoptr (GPtrArray) b = NULL;
  g_autoptr (GPtrArray) c = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *ra = NULL, *rb = NULL, *rc = NULL;
  gint64 start;

  fixture_new_client (f, 1);
  g_assert_nonnull (fetch_reference (f, &error));
  g_assert_no_error (error);

  f->poi.hang = TRUE;
  start = g_get_monotonic_time ();
  cw_ocm_client_fetch_area_async (f->client, &area_a, 100, NULL, store_result, &ra);
  cw_ocm_client_fetch_area_async (f->client, &area_a, 100, NULL, store_result, &rb);
  cw_ocm_client_fetch_area_async (f->client, &area_a, 100, cancellable, store_result, &rc);

  /* the one that gives up is answered at once; the others still wait */
  while (f->poi_hits == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  c = finish_area (f, &rc, NULL, &cancelled);
  g_assert_error (cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (ra);
  g_assert_null (rb);

  a = finish_area (f, &ra, NULL, &error);
  b = finish_area (f, &rb, NULL, &error2);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_TIMEOUT);
  g_assert_error (error2, CW_NET_ERROR, CW_NET_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (f->poi_hits, ==, 1);
}

static void
test_polyline (Fixture       *f,
               gconstpointer  data)
{
  /* every character class of the encoding: ` | ~ @ _ [ \ ] ^ { } ? */
  const char *polyline = "_p~iF~ps|U_ulLnnqC_mqNvxq`@?[\\]^{}";
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  GAsyncResult *result = NULL;
  GHashTable *q;
  int retry_after = 0;

  cw_ocm_client_fetch_polyline_async (f->client, polyline, 2.5, 400, NULL, store_result, &result);
  wait_for (&result);
  stations = cw_ocm_client_fetch_polyline_finish (f->client, result, &retry_after, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpint (retry_after, ==, -1);
  g_assert_cmpuint (stations->len, ==, 3);
  g_assert_cmpuint (f->ref_hits, ==, 1);
  g_assert_cmpstr (f->last_key, ==, KEY);

  q = poi_query (f, 0);
  g_assert_cmpstr (g_hash_table_lookup (q, "polyline"), ==, polyline);
  g_assert_cmpstr (g_hash_table_lookup (q, "distance"), ==, "2.5");
  g_assert_cmpstr (g_hash_table_lookup (q, "distanceunit"), ==, "km");
  g_assert_cmpstr (g_hash_table_lookup (q, "compact"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (q, "verbose"), ==, "false");
  g_assert_cmpstr (g_hash_table_lookup (q, "maxresults"), ==, "400");
  g_assert_null (g_hash_table_lookup (q, "boundingbox"));

  /* not cached: a route is asked for each time */
  cw_ocm_client_fetch_polyline_async (f->client, polyline, 2.5, 400, NULL, store_result, &result);
  wait_for (&result);
  g_clear_pointer (&stations, g_ptr_array_unref);
  stations = cw_ocm_client_fetch_polyline_finish (f->client, result, NULL, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (f->poi_hits, ==, 2);

  /* errors pass through with the server's wait */
  f->poi.status = 503;
  f->poi.retry_after = "30";
  cw_ocm_client_fetch_polyline_async (f->client, polyline, 2.5, 400, NULL, store_result, &result);
  wait_for (&result);
  g_clear_pointer (&stations, g_ptr_array_unref);
  stations = cw_ocm_client_fetch_polyline_finish (f->client, result, &retry_after, &error);
  g_clear_object (&result);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAVAILABLE);
  g_assert_cmpint (retry_after, ==, 30);
}

static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  CwBBox upside_down = { 51.6, -0.1, 51.5, 0.1 };

  stations = fetch_area (f, &upside_down, 100, NULL, &error);
  g_assert_null (stations);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (f->ref_hits + f->poi_hits, ==, 0);
  /* the capture check needs a line of ours */
  g_assert_nonnull (fetch_reference (f, NULL));
}

int
main (int    argc,
      char **argv)
{
  /* Everything is logged, and everything logged is searched. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/ocm-client/request", test_request);
  ADD ("/ocm-client/no-key", test_no_key);
  ADD ("/ocm-client/shared-data", test_shared_data);
  ADD ("/ocm-client/cache/same-area-and-panning", test_same_area);
  ADD ("/ocm-client/cache/zoom-in", test_zoom_in);
  ADD ("/ocm-client/cache/zoom-in-truncated", test_zoom_in_truncated);
  ADD ("/ocm-client/cache/concurrent", test_concurrent);
  ADD ("/ocm-client/cache/ttl", test_ttl);
  ADD ("/ocm-client/cache/base-url", test_base_url_change);
  ADD ("/ocm-client/reference/once", test_reference_once);
  ADD ("/ocm-client/reference/disk", test_reference_disk);
  ADD ("/ocm-client/reference/error", test_reference_error);
  ADD ("/ocm-client/error/unauthorized", test_unauthorized);
  ADD ("/ocm-client/error/rate-limited", test_rate_limited);
  ADD ("/ocm-client/error/unavailable", test_unavailable);
  ADD ("/ocm-client/error/malformed", test_malformed);
  ADD ("/ocm-client/error/too-large", test_too_large);
  ADD ("/ocm-client/error/timeout-and-cancel", test_timeout);
  ADD ("/ocm-client/polyline", test_polyline);
  ADD ("/ocm-client/bad-arguments", test_bad_arguments);
#undef ADD

  return g_test_run ();
}
