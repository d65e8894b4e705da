/* test-feed-client.c: the open feeds' real client, against loopback replays
 *
 * The captures of ../shared/data/ocpi-uk-open are served from a
 * SoupServer on 127.0.0.1 with their recorded status and headers (Link
 * rewritten to point at it), and read by CwFeedClient — the code the
 * window and the CLI use — with every URL of the catalogue's feed moved
 * onto the loopback origin. Also: gzip files and Content-Encoding (the
 * test compresses its own fixture), ETag / Last-Modified, 429, one
 * request at a time per host, publish false. Captures skip, saying so,
 * when ../shared/data is absent; the rest always runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-feed-catalogue.h"
#include "cw-feed-client.h"
#include "cw-host-queue.h"
#include "cw-http.h"
#include "cw-live-source.h"
#include "cw-station-store.h"
#include "cw-test-replay.h"
#include "cw-test-server.h"

#define WAIT 20

#define SKIP_IF_ABSENT(ok, what) \
  if (!(ok)) \
    { \
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocpi-uk-open/" what "): not replayed"); \
      return; \
    }

/* ---- the client ---- */

static SoupSession *
session_new (void)
{
  SoupSession *session = cw_http_session_new (10);

  soup_session_set_proxy_resolver (session, NULL);
  return session;
}

static CwFeedClient *
client_new (CwReplay      *replay,
            const char  *feed_id,
            CwHostQueue *queue,
            guint        gap_ms)
{
  g_autoptr (SoupSession) session = session_new ();
  const CwFeed *feed = cw_feed_catalogue_lookup (cw_feed_catalogue_get_default (), feed_id);
  g_autofree char *source_id = g_strconcat ("feed:", feed_id, NULL);
  CwFeedClient *client;

  g_assert_nonnull (feed);
  client = cw_feed_client_new (session, feed, source_id);
  cw_feed_client_set_origin (client, replay->origin);
  cw_feed_client_set_host_queue (client, queue);
  cw_feed_client_set_request_gap_ms (client, gap_ms);
  return client;
}

static CwFeedSync *
sync_now (CwFeedClient *client,
          gint64        date_from,
          int          *retry_after,
          GError      **error)
{
  CwTestAsync async = { 0 };
  CwFeedSync *sync;

  cw_feed_client_sync_async (client, date_from, NULL, cw_test_async_ready, &async);
  sync = cw_feed_client_sync_finish (client, cw_test_async_wait (&async, WAIT), retry_after, error);
  cw_test_async_clear (&async);
  return sync;
}

static CwStation *
find (CwFeedSync *sync,
      const char *id)
{
  for (guint i = 0; i < sync->stations->len; i++)
    if (g_str_equal (cw_station_get_id (((CwStation *) g_ptr_array_index (sync->stations, i))), id))
      return g_ptr_array_index (sync->stations, i);
  return NULL;
}

static void
count_connectors (CwFeedSync *sync,
                  guint      *connectors,
                  guint      *resolved)
{
  *connectors = *resolved = 0;
  for (guint i = 0; i < sync->stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (sync->stations, i);

      for (guint j = 0; j < s->n_evses; j++)
        {
          CwEvse *e = &s->evses[j];

          for (guint k = 0; k < e->n_connectors; k++)
            {
              (*connectors)++;
              if (cw_connector_get_tariff (&cw_evse_get_connectors (e)[k]) != NULL)
                (*resolved)++;
            }
        }
    }
}

static gboolean
was_asked (CwReplay     *replay,
           const char *key)
{
  for (guint i = 0; i < replay->requests->len; i++)
    if (g_str_equal (g_ptr_array_index (replay->requests, i), key))
      return TRUE;
  return FALSE;
}

/* ---- char.gy: Link pages, tariffs paged, date_from merged ---- */

static void
test_chargy (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (CwFeedClient) client = NULL;
  g_autoptr (CwFeedSync) full = NULL;
  g_autoptr (CwFeedSync) since = NULL;
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t = g_date_time_new_utc (2026, 10, 7, 21, 0, 0);
  guint connectors, resolved;
  CwStation *s;

  SKIP_IF_ABSENT (cw_replay_add_captures (replay, "chargy", "https://char.gy"), "chargy");
  client = client_new (replay, "chargy", queue, 0);
  cw_feed_client_set_page_limit (client, 2);
  g_assert_true (cw_feed_client_supports_delta (client));

  full = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);
  /* Tariffs first (two pages by Link), then locations (Link to an empty page). */
  g_assert_cmpstr (g_ptr_array_index (replay->requests, 0), ==, "/open-ocpi/tariffs?limit=2");
  g_assert_cmpstr (g_ptr_array_index (replay->requests, 1), ==, "/open-ocpi/tariffs?limit=2&offset=2");
  g_assert_cmpstr (g_ptr_array_index (replay->requests, 2), ==, "/open-ocpi/locations?limit=2");
  g_assert_cmpstr (g_ptr_array_index (replay->requests, 3), ==, "/open-ocpi/locations?limit=2&offset=2");
  g_assert_cmpuint (replay->requests->len, ==, 4);
  g_assert_false (full->delta);
  g_assert_cmpuint (full->stations->len, ==, 2);
  g_assert_cmpuint (full->pages, ==, 2);
  g_assert_cmpuint (full->report->requests, ==, 4);
  g_assert_cmpuint (full->report->read, ==, 2);
  g_assert_cmpuint (full->report->stats.tariffs, ==, 3);
  g_assert_cmpuint (full->report->stats.statuses_unknown, ==, 2);
  g_assert_cmpuint (cw_ocpi_parse_stats_count_status (&full->report->stats, "WORKING"), ==, 2);
  count_connectors (full, &connectors, &resolved);
  g_assert_cmpuint (connectors, ==, 2);
  g_assert_cmpuint (resolved, ==, 2);
  s = find (full, "98632dfb-6751-45ec-b3a0-9066b749fdfa");
  g_assert_nonnull (s);
  g_assert_cmpstr (cw_station_get_source (s), ==, "feed:chargy");
  cw_station_store_merge (store, "feed:chargy", full->stations, TRUE);

  /* The changes since 21:00: both requests carry date_from; the answer
   * is merged by id into what was there. */
  since = sync_now (client, g_date_time_to_unix (t), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (was_asked (replay, "/open-ocpi/tariffs?date_from=2026-10-07T21:00:00Z&limit=2"));
  g_assert_true (was_asked (replay, "/open-ocpi/locations?date_from=2026-10-07T21:00:00Z&limit=2"));
  g_assert_true (since->delta);
  g_assert_cmpuint (since->stations->len, ==, 2);
  g_assert_nonnull (find (since, "25674789-c20a-4acb-84a9-2a147c5ab3ba"));
  /* No tariff changed: the last ones still apply. */
  count_connectors (since, &connectors, &resolved);
  g_assert_cmpuint (resolved, ==, connectors);
  cw_station_store_merge (store, "feed:chargy", since->stations, FALSE);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 4);
  g_assert_nonnull (cw_station_store_lookup (store, "feed:chargy", "98632dfb-6751-45ec-b3a0-9066b749fdfa"));
  g_assert_nonnull (cw_station_store_lookup (store, "feed:chargy", "93352106-44db-48e2-aadf-14e309a47a48"));
}

/* ---- Jolt: one request per tariff, joined to its locations ---- */

static void
test_jolt (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (CwFeedClient) client = NULL;
  g_autoptr (CwFeedSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  guint connectors, resolved;
  CwConnector *c;

  SKIP_IF_ABSENT (cw_replay_add_captures (replay, "jolt", "https://api.joltcharge.com"), "jolt");
  client = client_new (replay, "jolt", queue, 0);
  sync = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (g_ptr_array_index (replay->requests, 0), ==, "/v1/uk/public/locations");
  g_assert_cmpuint (replay->requests->len, ==, 6);
  g_assert_true (was_asked (replay, "/v1/uk/public/tariffs/4"));
  g_assert_true (was_asked (replay, "/v1/uk/public/tariffs/5"));
  g_assert_true (was_asked (replay, "/v1/uk/public/tariffs/13"));
  g_assert_true (was_asked (replay, "/v1/uk/public/tariffs/14"));
  g_assert_true (was_asked (replay, "/v1/uk/public/tariffs/25"));
  g_assert_cmpuint (replay->unmatched, ==, 0);
  g_assert_cmpuint (sync->stations->len, ==, 4);
  /* 13's price is null: left out, its connectors' price unknown. */
  g_assert_cmpuint (sync->report->stats.tariffs, ==, 4);
  g_assert_cmpuint (sync->report->stats.tariffs_skipped, ==, 1);
  count_connectors (sync, &connectors, &resolved);
  g_assert_cmpuint (connectors, ==, 6);
  g_assert_cmpuint (resolved, ==, 5);
  c = &cw_evse_get_connectors (&find (sync, "BAR004")->evses[1])[0];
  g_assert_nonnull (cw_connector_get_tariff (c));
  g_assert_cmpstr (cw_connector_get_tariff (c)->alt_text, !=, NULL);
  g_assert_cmpuint (sync->report->stats.statuses_mapped, ==, 1);
  g_assert_cmpuint (sync->report->stats.ids_derived, ==, 4);
}

/* ---- Clenergy and Evolt: defects reported through the real client ---- */

static void
test_clenergy_evolt (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (CwFeedClient) clenergy = NULL;
  g_autoptr (CwFeedClient) evolt = NULL;
  g_autoptr (CwFeedSync) a = NULL;
  g_autoptr (CwFeedSync) b = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  SKIP_IF_ABSENT (cw_replay_add_captures (replay, "clenergy_ev", "https://api.clenergy.online"), "clenergy_ev");
  SKIP_IF_ABSENT (cw_replay_add_captures (replay, "evolt", "https://info.smartcharging.uk"), "evolt");
  clenergy = client_new (replay, "clenergy-ev", queue, 0);
  evolt = client_new (replay, "evolt", queue, 0);

  a = sync_now (clenergy, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->stations->len, ==, 6);
  g_assert_cmpuint (a->report->read, ==, 8);
  g_assert_cmpuint (a->report->stats.skipped, ==, 2);
  g_assert_cmpuint (a->report->stats.by_kind[CW_OCPI_PROBLEM_SWAPPED], ==, 1);
  g_assert_cmpuint (a->report->stats.by_kind[CW_OCPI_PROBLEM_OUTSIDE_COUNTRY], ==, 1);
  g_assert_cmpuint (a->report->stats.corrected, ==, 0);
  g_assert_cmpuint (a->report->stats.tariffs, ==, 8);
  g_assert_null (find (a, "67dd63746bcfca846582fe3e"));   /* swapped: off the map, not "corrected" */
  text = cw_feed_report_to_text (a->report);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "swapped-coordinates"));
  g_assert_nonnull (strstr (text, "67dd63746bcfca846582fe3e"));
  g_assert_nonnull (strstr (text, "Locations left out: 2"));

  b = sync_now (evolt, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->stations->len, ==, 6);
  g_assert_cmpuint (b->report->stats.skipped, ==, 2);
  g_assert_null (find (b, "1244056"));
  g_assert_cmpuint (b->report->stats.times_without_zone, >, 0);
  /* Each feed asked exactly its two addresses, once. */
  g_assert_cmpuint (replay->requests->len, ==, 4);
  g_assert_cmpuint (replay->unmatched, ==, 0);
}

/* ---- NDW-style gzip files, and Content-Encoding ---- */

static GBytes *
gzip_bytes (GBytes *plain)
{
  g_autoptr (GZlibCompressor) gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr (GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (gz));
  g_autoptr (GError) error = NULL;
  gsize written;

  g_assert_true (g_output_stream_write_all (out, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                                            &written, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

/* A bare array of @n Dutch locations (NDW's form), all on tariff "T1". */
static GBytes *
ndw_locations (guint n)
{
  GString *s = g_string_new ("[");
  static const char * const statuses[] = { "AVAILABLE", "CHARGING", NULL };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("NL-TST-%05u", i);
      g_autofree char *json = cw_test_location_json_with_tariff (id, 1790000000, statuses, "T1");

      /* cw_test_location_json places its locations near Utrecht. */
      g_string_append_printf (s, "%s%s", i ? "," : "", json);
    }
  g_string_append_c (s, ']');
  return g_string_free_to_bytes (s);
}

static GBytes *
ndw_tariffs (void)
{
  g_autofree char *t = cw_test_tariff_json ("T1", 0.59);
  g_autofree char *text = g_strdup_printf ("[%s]", t);

  return g_bytes_new (text, strlen (text));
}

static void
test_gzip (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (GBytes) plain = ndw_locations (300);
  g_autoptr (GBytes) zipped = gzip_bytes (plain);
  g_autoptr (GBytes) tariffs = ndw_tariffs ();
  g_autoptr (GBytes) tariffs_zipped = gzip_bytes (tariffs);
  g_autoptr (CwFeedClient) client = NULL;
  g_autoptr (CwFeedSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  guint connectors, resolved;

  g_test_message ("%" G_GSIZE_FORMAT " bytes of locations, %" G_GSIZE_FORMAT " gzipped",
                  g_bytes_get_size (plain), g_bytes_get_size (zipped));
  g_assert_cmpuint (g_bytes_get_size (zipped) * 20, <, g_bytes_get_size (plain));

  /* As NDW serves it: a .json.gz file, no Content-Encoding. */
  cw_replay_add (replay, "/charging_point_locations_ocpi.json.gz", "application/gzip", zipped);
  cw_replay_add (replay, "/charging_point_tariffs_ocpi.json.gz", "application/gzip", tariffs_zipped);
  client = client_new (replay, "ndw-nl", queue, 0);
  sync = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 300);
  g_assert_cmpuint (sync->report->gunzipped, ==, 2);
  g_assert_cmpuint (sync->report->stats.skipped, ==, 0);
  count_connectors (sync, &connectors, &resolved);
  g_assert_cmpuint (resolved, ==, connectors);
  g_assert_cmpuint (connectors, ==, 600);
  g_clear_pointer (&sync, cw_feed_sync_free);

  /* The size cap holds for what the file unpacks to, not its own size. */
  cw_feed_client_set_max_bytes (client, g_bytes_get_size (zipped) * 4);
  sync = sync_now (client, 0, NULL, &error);
  g_assert_null (sync);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "decompressed"));
  g_clear_error (&error);

  /* A broken gzip file is an error that says so. */
  {
    g_autoptr (GBytes) cut = g_bytes_new_from_bytes (zipped, 0, g_bytes_get_size (zipped) / 2);
    CwReplayRoute *route = g_ptr_array_index (replay->routes, 0);

    g_bytes_unref (route->body);
    route->body = g_bytes_ref (cut);
    cw_feed_client_set_max_bytes (client, 0);
    sync = sync_now (client, 0, NULL, &error);
    g_assert_null (sync);
    g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_FAILED);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
  }
}

static void
test_content_encoding (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (GBytes) plain = ndw_locations (50);
  g_autoptr (GBytes) zipped = gzip_bytes (plain);
  g_autoptr (GBytes) tariffs = ndw_tariffs ();
  g_autoptr (GBytes) tariffs_zipped = gzip_bytes (tariffs);
  g_autoptr (CwFeedClient) client = NULL;
  g_autoptr (CwFeedSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  CwReplayRoute *route;

  /* The same files, sent as JSON with Content-Encoding: gzip. */
  route = cw_replay_add (replay, "/charging_point_locations_ocpi.json.gz", "application/json", zipped);
  route->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (route->headers, g_strdup ("Content-Encoding"), g_strdup ("gzip"));
  route = cw_replay_add (replay, "/charging_point_tariffs_ocpi.json.gz", "application/json", tariffs_zipped);
  route->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (route->headers, g_strdup ("Content-Encoding"), g_strdup ("gzip"));

  client = client_new (replay, "ndw-nl", queue, 0);
  sync = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 50);
  /* libsoup's content decoder or ours: either way the JSON arrives. */
  g_test_message ("decompressed here: %u of 2", sync->report->gunzipped);
  g_assert_nonnull (soup_message_headers_get_one (g_ptr_array_index (replay->request_headers, 0),
                                                  "Accept-Encoding"));
  g_clear_pointer (&sync, cw_feed_sync_free);

  /* Decoded by whom it may be, the cap counts decoded bytes. */
  cw_feed_client_set_max_bytes (client, g_bytes_get_size (zipped) * 4);
  sync = sync_now (client, 0, NULL, &error);
  g_assert_null (sync);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_TOO_LARGE);
}

/* ---- ETag and Last-Modified ---- */

static void
test_not_modified (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (CwFeedClient) client = NULL;
  g_autoptr (CwFeedSync) first = NULL;
  g_autoptr (CwFeedSync) second = NULL;
  g_autoptr (CwFeedSync) third = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *h;

  SKIP_IF_ABSENT (cw_replay_add_captures (replay, "evolt", "https://info.smartcharging.uk"), "evolt");
  replay->etag = g_strdup ("\"evolt-v1\"");
  client = client_new (replay, "evolt", queue, 0);

  first = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->stations->len, ==, 6);
  h = g_ptr_array_index (replay->request_headers, 0);
  g_assert_null (soup_message_headers_get_one (h, "If-None-Match"));
  /* A descriptive User-Agent. */
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (h, "User-Agent"), "Chargeway/"));

  second = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replay->requests->len, ==, 4);
  h = g_ptr_array_index (replay->request_headers, 2);
  g_assert_cmpstr (soup_message_headers_get_one (h, "If-None-Match"), ==, "\"evolt-v1\"");
  g_assert_true (second->unchanged);
  g_assert_cmpuint (second->report->not_modified, ==, 2);
  g_assert_cmpuint (second->stations->len, ==, 0);

  /* Last-Modified alone: If-Modified-Since; a new ETag: read again. */
  g_free (replay->etag);
  replay->etag = NULL;
  replay->last_modified = g_strdup ("Wed, 07 Oct 2026 21:00:00 GMT");
  g_clear_pointer (&second, cw_feed_sync_free);
  second = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (second->unchanged);
  g_assert_cmpuint (second->stations->len, ==, 6);
  third = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);
  h = g_ptr_array_index (replay->request_headers, replay->requests->len - 1);
  g_assert_cmpstr (soup_message_headers_get_one (h, "If-Modified-Since"), ==, "Wed, 07 Oct 2026 21:00:00 GMT");
  g_assert_true (third->unchanged);
}

/* ---- politeness: 429, one at a time per host ---- */

static void
test_429_slows_down (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (CwFeedClient) client = NULL;
  g_autoptr (CwFeedSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *host = NULL;
  int retry_after = -1;

  SKIP_IF_ABSENT (cw_replay_add_captures (replay, "evolt", "https://info.smartcharging.uk"), "evolt");
  client = client_new (replay, "evolt", queue, 200);
  replay->fail_429 = 1;
  host = g_strdup_printf ("127.0.0.1:%s", strrchr (replay->origin, ':') + 1);

  sync = sync_now (client, 0, &retry_after, &error);
  g_assert_null (sync);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_RATE_LIMITED);
  g_assert_cmpint (retry_after, ==, 1);
  /* The host's pause doubles… */
  g_assert_cmpuint (cw_host_queue_get_slow_down (queue, host), ==, 2);
  g_clear_error (&error);

  sync = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);
  /* …and the next request came at least twice the pause after the 429. */
  g_test_message ("pause after the 429: %" G_GINT64_FORMAT " ms", replay->after_429_pause_us / 1000);
  g_assert_cmpint (replay->after_429_pause_us, >=, 2 * 200 * 1000);
  /* A normal answer: back to the feed's own pause. */
  g_assert_cmpuint (cw_host_queue_get_slow_down (queue, host), ==, 1);
}

static void
test_live_source_429 (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwLiveSource) live = NULL;
  g_autoptr (CwSourceSpec) spec = NULL;
  g_autoptr (SoupSession) session = session_new ();
  g_autoptr (GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT * G_USEC_PER_SEC;
  gint64 now;

  SKIP_IF_ABSENT (cw_replay_add_captures (replay, "evolt", "https://info.smartcharging.uk"), "evolt");
  replay->fail_429 = 1;
  spec = cw_source_spec_parse ("feed:evolt", &error);
  g_assert_no_error (error);
  live = cw_live_source_new (spec, store, NULL, NULL);
  cw_live_source_set_session (live, session);
  cw_live_source_set_feed_options (live, replay->origin, 0, 0);
  cw_live_source_set_retry_base (live, 1);
  cw_live_source_start (live);
  while (g_get_monotonic_time () < deadline && cw_live_source_get_state (live) != CW_LIVE_STATE_FAILED)
    cw_test_pump (10);
  g_assert_cmpint (cw_live_source_get_state (live), ==, CW_LIVE_STATE_FAILED);
  now = g_get_real_time () / G_USEC_PER_SEC;
  /* Retry-After: 1 and the backoff: not before a second from now. */
  g_assert_cmpint (cw_live_source_get_next_attempt (live), >=, now);
  g_assert_nonnull (strstr (cw_live_source_get_error (live), "429"));
  while (g_get_monotonic_time () < deadline && cw_live_source_get_state (live) != CW_LIVE_STATE_OK)
    cw_test_pump (20);
  g_assert_cmpint (cw_live_source_get_state (live), ==, CW_LIVE_STATE_OK);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 6);
  g_assert_nonnull (cw_live_source_get_report (live));
  g_assert_cmpuint (cw_live_source_get_report (live)->stats.skipped, ==, 2);
  cw_live_source_stop (live);
}

typedef struct {
  CwTestAsync async;
  CwFeedClient *client;
} Pending;

static void
test_one_at_a_time (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (CwFeedClient) evolt = NULL;
  g_autoptr (CwFeedClient) scotland = NULL;
  g_autoptr (CwFeedClient) pogo = NULL;
  CwTestAsync a = { 0 }, b = { 0 }, c = { 0 };
  g_autoptr (GError) error = NULL;
  CwFeedSync *sync;

  SKIP_IF_ABSENT (cw_replay_add_captures (replay, "evolt", "https://info.smartcharging.uk"), "evolt");
  /* Three feeds on one host (smartcharging.uk), all syncing at once;
   * answers take 50 ms. */
  replay->delay_ms = 50;
  evolt = client_new (replay, "evolt", queue, 100);
  scotland = client_new (replay, "chargeplace-scotland", queue, 100);
  pogo = client_new (replay, "pogo-charge", queue, 100);
  cw_feed_client_sync_async (evolt, 0, NULL, cw_test_async_ready, &a);
  cw_feed_client_sync_async (scotland, 0, NULL, cw_test_async_ready, &b);
  cw_feed_client_sync_async (pogo, 0, NULL, cw_test_async_ready, &c);
  sync = cw_feed_client_sync_finish (evolt, cw_test_async_wait (&a, WAIT), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 6);
  cw_feed_sync_free (sync);
  sync = cw_feed_client_sync_finish (scotland, cw_test_async_wait (&b, WAIT), NULL, &error);
  g_assert_no_error (error);
  cw_feed_sync_free (sync);
  sync = cw_feed_client_sync_finish (pogo, cw_test_async_wait (&c, WAIT), NULL, &error);
  g_assert_no_error (error);
  cw_feed_sync_free (sync);
  cw_test_async_clear (&a);
  cw_test_async_clear (&b);
  cw_test_async_clear (&c);

  g_assert_cmpuint (replay->requests->len, ==, 6);
  g_assert_cmpuint (replay->max_in_flight, ==, 1);
  g_test_message ("shortest pause between two requests: %" G_GINT64_FORMAT " ms", replay->min_pause_us / 1000);
  g_assert_cmpint (replay->min_pause_us, >=, 100 * 1000);
}

/* ---- publish: false is never shown ---- */

static GBytes *
envelope_of (const char *a,
             const char *b)
{
  g_autofree char *data = g_strdup_printf ("[%s,%s]", a, b);
  char *text = cw_test_envelope (data, 1000, "Success");

  return g_bytes_new_take (text, strlen (text));
}

static char *
with_publish (const char *location_json,
              gboolean    publish)
{
  g_autoptr (JsonNode) node = json_from_string (location_json, NULL);

  json_object_set_boolean_member (json_node_get_object (node), "publish", publish);
  return json_to_string (node, FALSE);
}

static void
test_not_published (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwLiveSource) live = NULL;
  g_autoptr (CwSourceSpec) spec = NULL;
  g_autoptr (SoupSession) session = session_new ();
  g_autoptr (GError) error = NULL;
  static const char * const statuses[] = { "AVAILABLE", NULL };
  g_autofree char *a = cw_test_location_json ("A", 1790000000, statuses);
  g_autofree char *b = cw_test_location_json ("B", 1790000000, statuses);
  g_autofree char *a_on = with_publish (a, TRUE);
  g_autofree char *b_off = with_publish (b, FALSE);
  g_autofree char *a_off = with_publish (a, FALSE);
  g_autofree char *b_on = with_publish (b, TRUE);
  g_autoptr (GBytes) first = envelope_of (a_on, b_off);
  g_autoptr (GBytes) later = envelope_of (a_off, b_on);
  g_autoptr (GBytes) no_tariffs = g_bytes_new_static ("{\"data\":[],\"status_code\":1000}", 30);
  gint64 deadline = g_get_monotonic_time () + WAIT * G_USEC_PER_SEC;
  CwReplayRoute *route;
  CwFeedReport *report;

  /* NDW's addresses (plain JSON there is read as such), bodies of our own. */
  route = cw_replay_add (replay, "/charging_point_locations_ocpi.json.gz", "application/json", first);
  cw_replay_add (replay, "/charging_point_tariffs_ocpi.json.gz", "application/json", no_tariffs);
  spec = cw_source_spec_parse ("feed:ndw-nl", &error);
  g_assert_no_error (error);
  live = cw_live_source_new (spec, store, NULL, NULL);
  cw_live_source_set_session (live, session);
  cw_live_source_set_feed_options (live, replay->origin, 0, 0);
  cw_live_source_start (live);
  while (g_get_monotonic_time () < deadline && cw_live_source_get_report (live) == NULL)
    cw_test_pump (10);
  report = cw_live_source_get_report (live);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->hidden, ==, 1);
  g_assert_cmpuint (report->read, ==, 2);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 1);
  g_assert_nonnull (cw_station_store_lookup (store, "feed:ndw-nl", "A"));
  g_assert_null (cw_station_store_lookup (store, "feed:ndw-nl", "B"));

  /* A stops being published, B starts: the map follows. */
  g_bytes_unref (route->body);
  route->body = g_bytes_ref (later);
  cw_live_source_refresh (live);
  while (g_get_monotonic_time () < deadline && cw_live_source_get_report (live) == report)
    cw_test_pump (10);
  g_assert_null (cw_station_store_lookup (store, "feed:ndw-nl", "A"));
  g_assert_nonnull (cw_station_store_lookup (store, "feed:ndw-nl", "B"));
  cw_live_source_stop (live);
}

/* ---- duplicates across pages: the newest last_updated ---- */

static void
test_duplicate_pages (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (CwFeedClient) client = NULL;
  g_autoptr (CwFeedSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  static const char * const old_status[] = { "AVAILABLE", NULL };
  static const char * const new_status[] = { "CHARGING", NULL };
  g_autofree char *a_old = cw_test_location_json ("A", 1790000000, old_status);
  g_autofree char *a_new = cw_test_location_json ("A", 1790000600, new_status);
  g_autofree char *b = cw_test_location_json ("B", 1790000000, old_status);
  g_autoptr (GBytes) page1 = envelope_of (a_old, b);
  g_autofree char *page2_text = NULL;
  g_autoptr (GBytes) page2 = NULL;
  g_autoptr (GBytes) no_tariffs = g_bytes_new_static ("{\"data\":[],\"status_code\":1000}", 30);
  CwReplayRoute *route;
  CwStation *s;

  {
    g_autofree char *data = g_strdup_printf ("[%s]", a_new);
    page2_text = cw_test_envelope (data, 1000, "Success");
    page2 = g_bytes_new (page2_text, strlen (page2_text));
  }
  route = cw_replay_add (replay, "/charging_point_locations_ocpi.json.gz", "application/json", page1);
  route->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (route->headers, g_strdup ("Link"),
                       g_strdup ("</charging_point_locations_ocpi.json.gz?offset=2>; rel=\"next\""));
  cw_replay_add (replay, "/charging_point_locations_ocpi.json.gz?offset=2", "application/json", page2);
  cw_replay_add (replay, "/charging_point_tariffs_ocpi.json.gz", "application/json", no_tariffs);
  client = client_new (replay, "ndw-nl", queue, 0);
  sync = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 2);
  s = find (sync, "A");
  g_assert_cmpint (s->evses[0].status, ==, CW_EVSE_STATUS_CHARGING);
  g_assert_cmpuint (sync->report->stats.by_kind[CW_OCPI_PROBLEM_DUPLICATE], ==, 1);
  g_assert_cmpuint (sync->report->stats.skipped, ==, 1);
  g_assert_cmpuint (sync->report->read, ==, 3);
}

/* ---- Jolt's printed key: on the wire, never in a message ---- */

static void
test_shared_key (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (CwFeedClient) client = NULL;
  g_autoptr (CwFeedSync) sync = NULL;
  g_autoptr (GError) error = NULL;

  SKIP_IF_ABSENT (cw_replay_add_captures (replay, "jolt", "https://api.joltcharge.com"), "jolt");
  replay->strip_param = g_strdup ("apiKey=");
  client = client_new (replay, "jolt", queue, 0);
  cw_feed_client_set_key (client, "s3cret key&x");
  sync = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 4);
  g_assert_cmpuint (replay->requests->len, ==, 6);
  for (guint i = 0; i < replay->requests->len; i++)
    g_assert_nonnull (strstr (g_ptr_array_index (replay->requests, i), "apiKey=s3cret%20key%26x"));

  /* Refused: the message names the host, never the key. */
  replay->fail_prefix = g_strdup ("/v1/uk/public/locations");
  g_clear_pointer (&sync, cw_feed_sync_free);
  sync = sync_now (client, 0, NULL, &error);
  g_assert_null (sync);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "s3cret"));
  g_assert_null (strstr (error->message, "apiKey"));
}

/* ---- Mer: locations and tariffs in the same answer ---- */

static void
test_same_response (void)
{
  g_autoptr (CwReplay) replay = cw_replay_new ();
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (CwFeedClient) client = NULL;
  g_autoptr (CwFeedSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  static const char * const statuses[] = { "AVAILABLE", "CHARGING", NULL };
  g_autofree char *loc = NULL;
  g_autofree char *tariff = cw_test_tariff_json ("MER-T", 0.79);
  g_autofree char *text = NULL;
  g_autoptr (GBytes) body = NULL;
  guint connectors, resolved;

  /* A London location (Mer UK's country), on tariff MER-T. */
  loc = cw_test_location_json_with_tariff ("MER-1", 1790000000, statuses, "MER-T");
  {
    g_autoptr (JsonNode) node = json_from_string (loc, NULL);
    JsonObject *coords = json_object_get_object_member (json_node_get_object (node), "coordinates");

    json_object_set_string_member (coords, "latitude", "51.5072");
    json_object_set_string_member (coords, "longitude", "-0.1276");
    g_free (loc);
    loc = json_to_string (node, FALSE);
  }
  text = g_strdup_printf ("{\"data\":{\"locations\":{\"data\":[%s],\"status_code\":1000},"
                          "\"tariffs\":{\"data\":[%s],\"status_code\":1000}}}", loc, tariff);
  body = g_bytes_new (text, strlen (text));
  cw_replay_add (replay, "/wp-json/ozev/v1/data", "application/json", body);
  client = client_new (replay, "mer-uk", queue, 0);
  sync = sync_now (client, 0, NULL, &error);
  g_assert_no_error (error);
  /* One request brings both. */
  g_assert_cmpuint (replay->requests->len, ==, 1);
  g_assert_cmpuint (sync->stations->len, ==, 1);
  g_assert_cmpuint (sync->report->stats.tariffs, ==, 1);
  count_connectors (sync, &connectors, &resolved);
  g_assert_cmpuint (connectors, ==, 2);
  g_assert_cmpuint (resolved, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed-client/chargy", test_chargy);
  g_test_add_func ("/feed-client/jolt", test_jolt);
  g_test_add_func ("/feed-client/clenergy-evolt", test_clenergy_evolt);
  g_test_add_func ("/feed-client/gzip-file", test_gzip);
  g_test_add_func ("/feed-client/content-encoding", test_content_encoding);
  g_test_add_func ("/feed-client/not-modified", test_not_modified);
  g_test_add_func ("/feed-client/429", test_429_slows_down);
  g_test_add_func ("/feed-client/live-source-429", test_live_source_429);
  g_test_add_func ("/feed-client/one-at-a-time", test_one_at_a_time);
  g_test_add_func ("/feed-client/not-published", test_not_published);
  g_test_add_func ("/feed-client/duplicate-pages", test_duplicate_pages);
  g_test_add_func ("/feed-client/same-response", test_same_response);
  g_test_add_func ("/feed-client/shared-key", test_shared_key);
  return g_test_run ();
}
