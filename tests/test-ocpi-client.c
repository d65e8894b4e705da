/* test-ocpi-client.c: CwOcpiClient against OCPI servers on 127.0.0.1
 *
 * Discovery, pagination (Link and X-Total-Count), delta sync, the token
 * on the wire and never in logs or errors, every failure a server can
 * make, and real captured feeds replayed from ../shared/data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-http.h"
#include "cw-json.h"
#include "cw-ocpi-client.h"
#include "cw-ocpi-parser.h"
#include "cw-station-store.h"
#include "cw-test-server.h"

#define TOKEN   "cw-test-s3cr3t-token-4711"
#define T0      ((gint64) 1795000000)     /* 2026-11-18, a fixed past */
#define WAIT    15

static const char *two[] = { "AVAILABLE", "CHARGING", NULL };

static char *
token_b64 (void)
{
  return g_base64_encode ((const guchar *) TOKEN, strlen (TOKEN));
}

/* The token, plain or Base64, must not be in @text. */
static void
assert_no_token (const char *text)
{
  g_autofree char *b64 = token_b64 ();

  g_assert_nonnull (text);
  g_assert_null (strstr (text, TOKEN));
  g_assert_null (strstr (text, b64));
}

static CwOcpiSync *
run_sync (CwOcpiClient *client,
          gint64        date_from,
          GCancellable *cancellable,
          int          *retry_after,
          GError      **error)
{
  CwTestAsync async = { NULL };
  CwOcpiSync *sync;

  cw_ocpi_client_sync_async (client, date_from, NULL, NULL, cancellable,
                             cw_test_async_ready, &async);
  sync = cw_ocpi_client_sync_finish (client, cw_test_async_wait (&async, WAIT), retry_after, error);
  cw_test_async_clear (&async);
  return sync;
}

static CwOcpiClient *
client_for (CwFakeOcpi *fake,
            const char *path,
            const char *token,
            guint       timeout)
{
  g_autoptr (SoupSession) session = cw_http_session_new (timeout);
  g_autofree char *url = cw_fake_ocpi_url (fake, path);

  return cw_ocpi_client_new (session, url, token, "ocpi:test");
}

/* A sync that must fail: returns the error, checks no result and no token. */
static GError *
sync_error (CwFakeOcpi *fake,
            const char *path,
            guint       timeout,
            int        *retry_after)
{
  g_autoptr (CwOcpiClient) client = client_for (fake, path, TOKEN, timeout);
  g_autoptr (CwOcpiSync) sync = NULL;
  GError *error = NULL;

  sync = run_sync (client, 0, NULL, retry_after, &error);
  g_assert_null (sync);
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  assert_no_token (error->message);
  /* Messages name the host, never the whole URL and its query. */
  g_assert_null (strstr (error->message, "/ocpi/"));
  return error;
}

/* ---- discovery ---- */

static void
test_discovery (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (5, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", NULL, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = cw_fake_ocpi_url (fake, "/ocpi/2.2.1/locations");

  g_assert_null (cw_ocpi_client_get_locations_url (client));
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 5);
  g_assert_false (sync->delta);
  g_assert_cmpstr (cw_ocpi_client_get_locations_url (client), ==, expected);
  for (guint i = 0; i < sync->stations->len; i++)
    g_assert_cmpstr (cw_station_get_source (((CwStation *) g_ptr_array_index (sync->stations, i))), ==, "ocpi:test");

  /* versions → 2.2.1 details → locations; 2.2 and 2.1.1 never asked,
   * nor the RECEIVER endpoint. */
  g_assert_cmpstr (cw_fake_ocpi_request (fake, 0)->path, ==, "/ocpi/versions");
  g_assert_cmpstr (cw_fake_ocpi_request (fake, 1)->path, ==, "/ocpi/2.2.1");
  for (guint i = 2; i < cw_fake_ocpi_n_requests (fake); i++)
    g_assert_cmpstr (cw_fake_ocpi_request (fake, i)->path, ==, "/ocpi/2.2.1/locations");
  g_assert_cmpuint (cw_fake_ocpi_n_location_requests (fake), ==, 3);

  /* A second sync goes straight to the Locations endpoint. */
  {
    guint before = cw_fake_ocpi_n_requests (fake);
    g_autoptr (CwOcpiSync) again = run_sync (client, 0, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (again->stations->len, ==, 5);
    g_assert_cmpstr (cw_fake_ocpi_request (fake, before)->path, ==, "/ocpi/2.2.1/locations");
  }
}

static void
test_discovery_no_221 (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (1, T0);
  g_autoptr (GError) error = NULL;

  fake->mode = CW_FAKE_CUSTOM;
  fake->custom_status = 200;
  fake->custom_body = cw_test_envelope ("[{\"version\":\"2.1.1\",\"url\":\"http://127.0.0.1:9/v\"},"
                                        "{\"version\":\"2.0\",\"url\":\"http://127.0.0.1:9/w\"}]",
                                        1000, "Success");
  error = sync_error (fake, "/ocpi/versions", 10, NULL);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "2.2"));
  g_assert_cmpuint (cw_fake_ocpi_n_requests (fake), ==, 1);
}

static void
test_direct_url (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (4, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/2.2.1/locations", NULL, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = cw_fake_ocpi_url (fake, "/ocpi/2.2.1/locations");

  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 4);
  g_assert_cmpuint (sync->total, ==, 4);
  g_assert_cmpstr (cw_ocpi_client_get_locations_url (client), ==, expected);
  for (guint i = 0; i < cw_fake_ocpi_n_requests (fake); i++)
    g_assert_cmpstr (cw_fake_ocpi_request (fake, i)->path, ==, "/ocpi/2.2.1/locations");
  /* The first answer is looked at to learn what the URL is, then
   * page 1 is asked again: 2 pages, 3 requests. */
  g_assert_cmpuint (sync->pages, ==, 2);
  g_assert_cmpuint (cw_fake_ocpi_n_requests (fake), ==, 3);
  g_assert_null (cw_fake_ocpi_request (fake, 0)->offset);
  g_assert_null (cw_fake_ocpi_request (fake, 1)->offset);
  g_assert_cmpstr (cw_fake_ocpi_request (fake, 2)->offset, ==, "2");
}

/* ---- pagination ---- */

typedef struct {
  guint calls;
  guint last_fetched;
  guint last_total;
  gboolean monotonic;
} Progress;

static void
on_progress (guint    fetched,
             guint    total,
             gpointer user_data)
{
  Progress *p = user_data;

  if (fetched < p->last_fetched)
    p->monotonic = FALSE;
  p->calls++;
  p->last_fetched = fetched;
  p->last_total = total;
}

static void
check_three_pages (gboolean link,
                   gboolean total)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (6, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/2.2.1/locations", NULL, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  Progress progress = { 0, 0, 0, TRUE };
  CwTestAsync async = { NULL };
  guint first;

  fake->send_link = link;
  fake->send_total = total;
  /* Discover once, then count the requests of one sync alone. */
  g_clear_pointer (&sync, cw_ocpi_sync_free);
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&sync, cw_ocpi_sync_free);
  first = cw_fake_ocpi_n_requests (fake);

  cw_ocpi_client_sync_async (client, 0, on_progress, &progress, NULL, cw_test_async_ready, &async);
  sync = cw_ocpi_client_sync_finish (client, cw_test_async_wait (&async, WAIT), NULL, &error);
  cw_test_async_clear (&async);
  g_assert_no_error (error);

  g_assert_cmpuint (sync->stations->len, ==, 6);
  g_assert_cmpuint (sync->pages, ==, 3);
  g_assert_cmpuint (sync->total, ==, 6);
  g_assert_false (sync->delta);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (cw_station_get_id (((CwStation *) g_ptr_array_index (sync->stations, i))), ==,
                     cw_fake_ocpi_location_id (fake, i));

  g_assert_cmpuint (cw_fake_ocpi_n_requests (fake) - first, ==, 3);
  g_assert_null (cw_fake_ocpi_request (fake, first)->offset);
  g_assert_cmpstr (cw_fake_ocpi_request (fake, first + 1)->offset, ==, "2");
  g_assert_cmpstr (cw_fake_ocpi_request (fake, first + 2)->offset, ==, "4");

  g_assert_cmpuint (progress.calls, ==, 3);
  g_assert_true (progress.monotonic);
  g_assert_cmpuint (progress.last_fetched, ==, 6);
  g_assert_cmpuint (progress.last_total, ==, total ? 6 : 0);   /* 0: unknown */
}

static void
test_pagination_link (void)
{
  check_three_pages (TRUE, TRUE);
}

static void
test_pagination_link_only (void)
{
  check_three_pages (TRUE, FALSE);
}

static void
test_pagination_total_offset (void)
{
  check_three_pages (FALSE, TRUE);
}

static void
test_pagination_page_limit (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (7, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", NULL, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;

  cw_ocpi_client_set_page_limit (client, 3);
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 7);
  g_assert_cmpuint (sync->pages, ==, 3);
  for (guint i = 0; i < cw_fake_ocpi_n_requests (fake); i++)
    {
      CwTestRequest *r = cw_fake_ocpi_request (fake, i);
      if (g_str_equal (r->path, "/ocpi/2.2.1/locations"))
        g_assert_cmpstr (r->limit, ==, "3");
    }
}

static void
test_pagination_many_pages (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (101, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", NULL, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  fake->page_size = 10;
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 101);
  g_assert_cmpuint (sync->pages, ==, 11);
  for (guint i = 0; i < sync->stations->len; i++)
    g_assert_true (g_hash_table_add (ids, (gpointer) cw_station_get_id (((CwStation *) g_ptr_array_index (sync->stations, i)))));
}

/* ---- delta sync ---- */

static void
test_delta (void)
{
  static const char *changed[] = { "CHARGING", "OUTOFORDER", NULL };
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (6, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", NULL, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *since = cw_test_iso_time (T0 + 60);
  g_autoptr (GRegex) iso = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", 0, 0, NULL);
  gint64 before, after;
  guint first;

  cw_fake_ocpi_set_location (fake, 1, changed, T0 + 120);
  cw_fake_ocpi_set_location (fake, 4, changed, T0 + 3600);

  before = g_get_real_time () / G_USEC_PER_SEC;
  sync = run_sync (client, T0 + 60, NULL, NULL, &error);
  after = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_assert_true (sync->delta);
  g_assert_cmpuint (sync->stations->len, ==, 2);
  g_assert_cmpstr (cw_station_get_id (((CwStation *) g_ptr_array_index (sync->stations, 0))), ==, "LOC-002");
  g_assert_cmpstr (cw_station_get_id (((CwStation *) g_ptr_array_index (sync->stations, 1))), ==, "LOC-005");
  g_assert_cmpint (((CwEvse *) &((CwStation *) g_ptr_array_index (sync->stations, 1))->evses[1])->status,
                   ==, CW_EVSE_STATUS_OUTOFORDER);
  /* started_at is the next date_from: when this sync began. */
  g_assert_cmpint (sync->started_at, >=, before);
  g_assert_cmpint (sync->started_at, <=, after);

  /* Every Locations request carried date_from, in ISO 8601 UTC. */
  first = 0;
  for (guint i = 0; i < cw_fake_ocpi_n_requests (fake); i++)
    {
      CwTestRequest *r = cw_fake_ocpi_request (fake, i);

      if (!g_str_equal (r->path, "/ocpi/2.2.1/locations"))
        continue;
      first++;
      g_assert_cmpstr (r->date_from, ==, since);
      g_assert_true (g_regex_match (iso, r->date_from, 0, NULL));
    }
  g_assert_cmpuint (first, ==, 1);

  /* Nothing changed since: an empty delta, still a success. */
  {
    g_autoptr (CwOcpiSync) none = run_sync (client, T0 + 7200, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (none->delta);
    g_assert_cmpuint (none->stations->len, ==, 0);
  }
}

static void
test_delta_paginated (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (10, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/2.2.1/locations", NULL, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *since = cw_test_iso_time (T0 + 1);

  for (guint i = 0; i < 10; i += 2)
    cw_fake_ocpi_set_location (fake, i, two, T0 + 10 + i);
  fake->send_link = FALSE;          /* offset pagination must keep date_from */

  sync = run_sync (client, T0 + 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sync->delta);
  g_assert_cmpuint (sync->stations->len, ==, 5);
  g_assert_cmpuint (sync->pages, ==, 3);
  /* Request 0 only learnt what the URL is; every page carried date_from. */
  g_assert_cmpuint (cw_fake_ocpi_n_requests (fake), ==, 4);
  for (guint i = 1; i < cw_fake_ocpi_n_requests (fake); i++)
    g_assert_cmpstr (cw_fake_ocpi_request (fake, i)->date_from, ==, since);
}

/* ---- the token ---- */

static void
test_token (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (5, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", TOKEN, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *b64 = token_b64 ();
  g_autofree char *expected = g_strconcat ("Token ", b64, NULL);
  g_autofree char *log = NULL;

  cw_fake_ocpi_set_token (fake, TOKEN);
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 5);
  g_assert_cmpuint (cw_fake_ocpi_n_requests (fake), >=, 5);
  for (guint i = 0; i < cw_fake_ocpi_n_requests (fake); i++)
    g_assert_cmpstr (cw_fake_ocpi_request (fake, i)->authorization, ==, expected);

  /* The capture works (the client did log), and holds no token. */
  log = cw_test_log_dup ();
  g_assert_nonnull (strstr (log, "cw-ocpi-client: Synced 5 locations"));
  assert_no_token (log);
}

static void
test_no_token_no_header (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (1, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", "", 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;

  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cw_fake_ocpi_n_requests (fake); i++)
    g_assert_null (cw_fake_ocpi_request (fake, i)->authorization);
}

static void
test_unauthorized (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
  g_autoptr (GError) error = NULL;
  int retry_after = 0;

  /* The server wants another token than the one we hold. */
  cw_fake_ocpi_set_token (fake, "another-token");
  error = sync_error (fake, "/ocpi/versions", 10, &retry_after);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "401"));
  g_assert_nonnull (strstr (error->message, "refused"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpint (retry_after, ==, -1);
  g_assert_cmpuint (cw_fake_ocpi_n_requests (fake), ==, 1);
}

/* A server that quotes the credentials back in its status_message. */
static void
test_token_echoed_by_server (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (1, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", TOKEN, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *b64 = token_b64 ();

  fake->mode = CW_FAKE_STATUS_2001;
  fake->status_message = g_strdup_printf ("Unknown token Token %s", b64);
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_null (sync);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_STATUS);
  /* Fixed: this used to fail (see the git log). */
  g_assert_false (strstr (error->message, b64) != NULL);
  assert_no_token (error->message);
}

/* ---- failures ---- */

static void
test_http_500 (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
  g_autoptr (GError) error = NULL;
  int retry_after = 0;

  fake->mode = CW_FAKE_HTTP_500;
  error = sync_error (fake, "/ocpi/versions", 10, &retry_after);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_cmpint (retry_after, ==, -1);
}

static void
test_http_429 (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
  g_autoptr (GError) error = NULL;
  int retry_after = 0;

  fake->mode = CW_FAKE_HTTP_429;
  fake->retry_after = g_strdup ("3");
  error = sync_error (fake, "/ocpi/versions", 10, &retry_after);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "429"));
  g_assert_cmpint (retry_after, ==, 3);
}

static void
test_http_503_retry_after_date (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) when = NULL;
  int retry_after = 0;

  when = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + 90);
  fake->mode = CW_FAKE_HTTP_503;
  fake->retry_after = soup_date_time_to_string (when, SOUP_DATE_HTTP);
  error = sync_error (fake, "/ocpi/versions", 10, &retry_after);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAVAILABLE);
  g_assert_cmpint (retry_after, >=, 85);
  g_assert_cmpint (retry_after, <=, 90);
}

static void
test_timeout (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  fake->mode = CW_FAKE_HANG;
  error = sync_error (fake, "/ocpi/versions", 1, NULL);
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "did not answer in time"));
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC * 9 / 10);
  g_assert_cmpint (elapsed, <, 8 * G_USEC_PER_SEC);
  g_assert_cmpuint (fake->paused->len, ==, 1);
}

static void
test_truncated_body (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
  g_autoptr (GError) error = NULL;

  fake->mode = CW_FAKE_TRUNCATED;
  error = sync_error (fake, "/ocpi/2.2.1/locations", 5, NULL);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "before the answer was complete"));
}

static void
test_truncated_json (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
  g_autoptr (GError) error = NULL;

  fake->mode = CW_FAKE_TRUNCATED_JSON;
  error = sync_error (fake, "/ocpi/2.2.1/locations", 5, NULL);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_INVALID_JSON);
}

static void
test_wrong_types (void)
{
  static const struct {
    const char *body;
    int code;
  } cases[] = {
    /* from the fake's own CW_FAKE_WRONG_TYPES, then by hand */
    { NULL, CW_PARSE_ERROR_WRONG_TYPE },
    { "{\"data\":\"oops\",\"status_code\":1000}", CW_PARSE_ERROR_WRONG_TYPE },
    { "{\"data\":[],\"status_code\":\"1000\"}", CW_PARSE_ERROR_WRONG_TYPE },
    { "{\"data\":[42],\"status_code\":1000}", CW_PARSE_ERROR_WRONG_TYPE },
    { "{\"data\":[{\"id\":\"X\",\"coordinates\":[52,5]}],\"status_code\":1000}", CW_PARSE_ERROR_WRONG_TYPE },
    { "{\"data\":[{\"id\":\"X\",\"coordinates\":{\"latitude\":\"52\",\"longitude\":\"5\"},"
      "\"evses\":[{\"uid\":\"E\",\"status\":\"AVAILABLE\",\"connectors\":\"none\"}]}],\"status_code\":1000}",
      CW_PARSE_ERROR_WRONG_TYPE },
    { "{\"status_code\":1000,\"status_message\":\"no data\"}", CW_PARSE_ERROR_MISSING },
    { "[1,2,3]", CW_PARSE_ERROR_WRONG_TYPE },
    { "", CW_PARSE_ERROR_EMPTY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
      g_autoptr (GError) error = NULL;

      if (cases[i].body == NULL)
        fake->mode = CW_FAKE_WRONG_TYPES;
      else
        {
          fake->mode = CW_FAKE_CUSTOM;
          fake->custom_status = 200;
          fake->custom_body = g_strdup (cases[i].body);
        }
      error = sync_error (fake, "/ocpi/2.2.1/locations", 5, NULL);
      g_test_message ("case %u: %s", i, error->message);
      g_assert_error (error, CW_PARSE_ERROR, cases[i].code);
    }
}

static void
test_status_2001 (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
  g_autoptr (GError) error = NULL;

  fake->mode = CW_FAKE_STATUS_2001;
  error = sync_error (fake, "/ocpi/versions", 5, NULL);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_STATUS);
  g_assert_nonnull (strstr (error->message, "2001"));
}

static void
test_page_fails (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (6, T0);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", NULL, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  static const char *busy[] = { "CHARGING", "CHARGING", NULL };
  guint before;

  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  cw_station_store_merge (store, "ocpi:test", sync->stations, TRUE);
  g_clear_pointer (&sync, cw_ocpi_sync_free);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 6);

  /* Everything changed, but page 2 of 3 fails. */
  for (guint i = 0; i < 6; i++)
    cw_fake_ocpi_set_location (fake, i, busy, T0 + 100);
  fake->fail_page = 1;
  before = cw_fake_ocpi_n_location_requests (fake);
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_null (sync);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAVAILABLE);
  /* Pages 1 and 2 were asked, page 3 never. */
  g_assert_cmpuint (cw_fake_ocpi_n_location_requests (fake) - before, ==, 2);

  /* Nothing merged: the store holds the first sync, all of it. */
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      CwStation *s = cw_station_store_lookup (store, "ocpi:test", cw_fake_ocpi_location_id (fake, i));
      g_assert_nonnull (s);
      g_assert_cmpint (((CwEvse *) &s->evses[0])->status, ==, CW_EVSE_STATUS_AVAILABLE);
    }
}

static void
test_removed_evse (void)
{
  static const char *removed[] = { "AVAILABLE", "REMOVED", NULL };
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (4, T0);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", NULL, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  CwStation *before, *after;
  CwEvse *kept;

  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  cw_station_store_merge (store, "ocpi:test", sync->stations, TRUE);
  g_clear_pointer (&sync, cw_ocpi_sync_free);
  before = cw_station_store_lookup (store, "ocpi:test", "LOC-003");
  g_assert_nonnull (before);
  g_assert_cmpuint (before->n_evses, ==, 2);

  cw_fake_ocpi_set_location (fake, 2, removed, T0 + 500);
  sync = run_sync (client, T0 + 10, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sync->delta);
  g_assert_cmpuint (sync->stations->len, ==, 1);
  cw_station_store_merge (store, "ocpi:test", sync->stations, !sync->delta);

  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 4);
  after = cw_station_store_lookup (store, "ocpi:test", "LOC-003");
  g_assert_true (after == before);          /* updated in place */
  g_assert_cmpuint (after->n_evses, ==, 1);
  kept = &after->evses[0];
  g_assert_cmpstr (cw_evse_get_uid (kept), ==, "LOC-003-1");
  g_assert_cmpint (kept->status, ==, CW_EVSE_STATUS_AVAILABLE);
  /* The others were not in the delta and are untouched. */
  g_assert_cmpuint (((CwStation *) cw_station_store_lookup (store, "ocpi:test", "LOC-001"))->n_evses, ==, 2);
}

static void
test_cancel (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", NULL, 30);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  CwTestAsync async = { NULL };
  CwOcpiSync *sync;

  fake->mode = CW_FAKE_HANG;
  cw_ocpi_client_sync_async (client, 0, NULL, NULL, cancellable, cw_test_async_ready, &async);
  while (fake->paused->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  sync = cw_ocpi_client_sync_finish (client, cw_test_async_wait (&async, 5), NULL, &error);
  cw_test_async_clear (&async);
  g_assert_null (sync);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_unreachable (void)
{
  g_autoptr (GSocket) sock = NULL;
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (SoupSession) session = cw_http_session_new (5);
  g_autoptr (CwOcpiClient) client = NULL;
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago: nothing listens there. */
  sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (sock, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (sock, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/ocpi/versions?x=" TOKEN,
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (sock, NULL);

  client = cw_ocpi_client_new (session, url, TOKEN, "ocpi:test");
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_null (sync);
  g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNREACHABLE);
  assert_no_token (error->message);
}

/* ---- tariffs ---- */

static guint
count_resolved (CwStation *s,
                guint     *n_connectors)
{
  guint resolved = 0;

  for (guint j = 0; j < s->n_evses; j++)
    {
      CwEvse *e = &s->evses[j];
      for (guint k = 0; k < e->n_connectors; k++)
        {
          CwConnector *c = &cw_evse_get_connectors (e)[k];

          (*n_connectors)++;
          if (cw_connector_get_tariff (c) != NULL)
            {
              g_assert_true (cw_connector_has_tariff_ids (c));
              g_assert_cmpstr (cw_connector_get_tariff (c)->id, ==, cw_connector_get_tariff_id (c, 0));
              resolved++;
            }
        }
    }
  return resolved;
}

/* Tariffs are paginated like Locations: every page counts. */
static void
test_tariffs_paginated (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (6, T0);
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", NULL, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  guint connectors = 0, resolved = 0, tariff_requests = 0;

  /* Two a page: T-3 is on page 2. */
  g_ptr_array_add (fake->tariffs, g_strdup ("T-1"));
  g_ptr_array_add (fake->tariffs, g_strdup ("T-2"));
  g_ptr_array_add (fake->tariffs, g_strdup ("T-3"));
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 6);
  for (guint i = 0; i < sync->stations->len; i++)
    resolved += count_resolved (g_ptr_array_index (sync->stations, i), &connectors);
  for (guint i = 0; i < cw_fake_ocpi_n_requests (fake); i++)
    if (g_str_equal (cw_fake_ocpi_request (fake, i)->path, "/ocpi/2.2.1/tariffs"))
      tariff_requests++;

  g_assert_cmpuint (connectors, ==, 12);
  g_assert_cmpuint (resolved, >=, 8);        /* T-1 and T-2, on page 1 */
  /* Fixed: this used to fail (see the git log). */
  g_assert_false (resolved < connectors);
}

/* A delta carries no tariffs: merged, a changed station must keep its prices. */
static void
test_tariffs_kept_by_delta (void)
{
  static const char *busy[] = { "CHARGING", "CHARGING", NULL };
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (4, T0);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwOcpiClient) client = client_for (fake, "/ocpi/versions", NULL, 10);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  CwStation *s;
  guint connectors = 0;

  fake->page_size = 10;
  g_ptr_array_add (fake->tariffs, g_strdup ("T-1"));
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  cw_station_store_merge (store, "ocpi:test", sync->stations, TRUE);
  g_clear_pointer (&sync, cw_ocpi_sync_free);
  s = cw_station_store_lookup (store, "ocpi:test", "LOC-002");
  g_assert_cmpuint (count_resolved (s, &connectors), ==, 2);

  cw_fake_ocpi_set_location (fake, 1, busy, T0 + 100);
  sync = run_sync (client, T0 + 10, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sync->delta);
  g_assert_cmpuint (sync->stations->len, ==, 1);
  cw_station_store_merge (store, "ocpi:test", sync->stations, FALSE);

  g_assert_true (cw_station_store_lookup (store, "ocpi:test", "LOC-002") == s);
  g_assert_cmpint (((CwEvse *) &s->evses[0])->status, ==, CW_EVSE_STATUS_CHARGING);
  connectors = 0;
  /* Fixed: a delta used to drop its stations' tariffs. */
  g_assert_cmpuint (count_resolved (s, &connectors), ==, connectors);
}

/* ---- real captured feeds (../shared/data/ocpi-uk-open) ---- */

/* A route answers requests to @path, with or without an offset
 * parameter, with a capture {request, response}: its body and headers,
 * its Link pointed at us. A NULL capture answers an empty last page. */
typedef struct {
  const char *path;
  gboolean    offset;
  JsonObject *capture;
} ReplayRoute;

typedef struct {
  char        *base_url;
  const char  *origin;        /* the real host ("https://char.gy"), rewritten to ours */
  const char  *origin_prefix; /* its path prefix, kept */
  ReplayRoute  routes[4];
  guint        n_routes;
  guint        n_requests;
  char        *last_query;
} Replay;

static JsonObject *
load_capture (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
replay_respond (SoupServerMessage *msg,
                const char        *body)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
replay_handle (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Replay *replay = user_data;
  gboolean has_offset = query != NULL && g_hash_table_contains (query, "offset");
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  ReplayRoute *route = NULL;
  JsonObject *response, *headers;
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (GList) names = NULL;
  char *body;
  gsize len;

  replay->n_requests++;
  g_free (replay->last_query);
  replay->last_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));

  /* The captures have no Versions: ours, pointing at the real paths. */
  if (g_str_equal (path, "/ocpi/versions"))
    {
      g_autofree char *data = g_strdup_printf ("[{\"version\":\"2.2.1\",\"url\":\"%s/ocpi/2.2.1\"}]",
                                               replay->base_url);
      g_autofree char *env = cw_test_envelope (data, 1000, "Success");
      replay_respond (msg, env);
      return;
    }
  if (g_str_equal (path, "/ocpi/2.2.1"))
    {
      g_autofree char *data = g_strdup_printf (
          "{\"version\":\"2.2.1\",\"endpoints\":["
          "{\"identifier\":\"tariffs\",\"role\":\"SENDER\",\"url\":\"%s%s/tariffs\"},"
          "{\"identifier\":\"locations\",\"role\":\"SENDER\",\"url\":\"%s%s/locations\"}]}",
          replay->base_url, replay->origin_prefix, replay->base_url, replay->origin_prefix);
      g_autofree char *env = cw_test_envelope (data, 1000, "Success");
      replay_respond (msg, env);
      return;
    }

  for (guint i = 0; i < replay->n_routes; i++)
    if (g_str_equal (replay->routes[i].path, path) && replay->routes[i].offset == has_offset)
      route = &replay->routes[i];
  if (route == NULL || route->capture == NULL)
    {
      /* The capture ends here: an empty last page. */
      g_autofree char *empty = cw_test_envelope ("[]", 1000, "Success");
      replay_respond (msg, empty);
      return;
    }

  response = json_object_get_object_member (route->capture, "response");
  headers = json_object_get_object_member (response, "headers");
  names = json_object_get_members (headers);
  for (GList *l = names; l; l = l->next)
    {
      const char *value = json_object_get_string_member (headers, l->data);

      if (g_ascii_strcasecmp (l->data, "content-type") == 0)
        continue;
      if (g_ascii_strcasecmp (l->data, "link") == 0)
        {
          /* Never follow a real host from a test: point it at ours. */
          g_autoptr (GString) s = g_string_new (value);

          g_assert_nonnull (replay->origin);
          g_string_replace (s, replay->origin, replay->base_url, 0);
          g_assert_null (strstr (s->str, "https://"));
          soup_message_headers_replace (out, l->data, s->str);
        }
      else
        soup_message_headers_replace (out, l->data, value);
    }
  json_generator_set_root (gen, json_object_get_member (response, "body"));
  body = json_generator_to_data (gen, &len);
  soup_server_message_set_status (msg, (guint) json_object_get_int_member (response, "status_code"), NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, len);
}

static SoupServer *
replay_server (Replay *replay)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  GSList *uris;
  g_autofree char *s = NULL;

  soup_server_add_handler (server, NULL, replay_handle, replay, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  s = g_uri_to_string (uris->data);
  replay->base_url = g_strndup (s, strlen (s) - 1);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static void
replay_clear (Replay     *replay,
              SoupServer *server)
{
  soup_server_disconnect (server);
  for (guint i = 0; i < replay->n_routes; i++)
    g_clear_pointer (&replay->routes[i].capture, json_object_unref);
  g_free (replay->base_url);
  g_free (replay->last_query);
}

static void
replay_route (Replay     *replay,
              const char *path,
              gboolean    offset,
              const char *capture_path)
{
  g_assert_cmpuint (replay->n_routes, <, G_N_ELEMENTS (replay->routes));
  replay->routes[replay->n_routes].path = path;
  replay->routes[replay->n_routes].offset = offset;
  replay->routes[replay->n_routes].capture = capture_path ? load_capture (capture_path) : NULL;
  if (capture_path)
    g_assert_nonnull (replay->routes[replay->n_routes].capture);
  replay->n_routes++;
}

static char *
shared_file (const char *relative)
{
  const char *root = g_getenv ("CW_SHARED_DATA");
  char *path;

  if (root == NULL)
    return NULL;
  path = g_build_filename (root, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_free (path);
      return NULL;
    }
  return path;
}

#define CHARGY_TARIFF "fd80692e-6fe0-42de-9f5f-88a292df9d42"

static void
test_real_chargy (void)
{
  g_autofree char *path = shared_file ("ocpi-uk-open/chargy/locations_page1.json");
  g_autofree char *since_path = shared_file ("ocpi-uk-open/chargy/locations_since_page1.json");
  Replay replay = { .origin = "https://char.gy", .origin_prefix = "/open-ocpi" };
  Replay delta_replay = { .origin = "https://char.gy", .origin_prefix = "/open-ocpi" };
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (SoupServer) delta_server = NULL;
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  g_autoptr (CwOcpiClient) client = NULL;
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  if (path == NULL || since_path == NULL)
    {
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocpi-uk-open/chargy): real char.gy pages not replayed");
      return;
    }

  /* Full: the real first page, its Link now pointing at us; the
   * capture ends after it. */
  replay_route (&replay, "/open-ocpi/locations", FALSE, path);
  server = replay_server (&replay);
  url = g_strconcat (replay.base_url, "/open-ocpi/locations", NULL);
  client = cw_ocpi_client_new (session, url, NULL, "ocpi:chargy");
  cw_ocpi_client_set_page_limit (client, 2);
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 2);
  g_assert_cmpstr (cw_station_get_id (((CwStation *) g_ptr_array_index (sync->stations, 0))), ==,
                   "98632dfb-6751-45ec-b3a0-9066b749fdfa");
  g_assert_cmpstr (cw_station_get_operator_name (((CwStation *) g_ptr_array_index (sync->stations, 0))), ==, "char.gy");
  g_assert_cmpuint (sync->total, ==, 5946);       /* the live total of the capture */
  g_assert_cmpuint (sync->pages, ==, 2);
  g_assert_cmpstr (replay.last_query, ==, "limit=2&offset=2");
  g_clear_pointer (&sync, cw_ocpi_sync_free);
  g_clear_object (&client);
  g_clear_pointer (&url, g_free);

  /* Delta: date_from reaches the server as the capture asked it. */
  replay_route (&delta_replay, "/open-ocpi/locations", FALSE, since_path);
  delta_server = replay_server (&delta_replay);
  url = g_strconcat (delta_replay.base_url, "/open-ocpi/locations", NULL);
  client = cw_ocpi_client_new (session, url, NULL, "ocpi:chargy");
  cw_ocpi_client_set_page_limit (client, 2);
  sync = run_sync (client, cw_json_parse_time ("2026-10-07T21:00:00Z"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sync->delta);
  g_assert_cmpuint (sync->stations->len, ==, 2);
  g_assert_cmpuint (sync->total, ==, 551);
  g_assert_nonnull (strstr (delta_replay.last_query, "date_from=2026-10-07T21"));

  replay_clear (&replay, server);
  replay_clear (&delta_replay, delta_server);
}

/* char.gy's tariffs come in two pages; the one its chargers use is on
 * the second. */
static void
test_real_chargy_tariffs (void)
{
  g_autofree char *locations = shared_file ("ocpi-uk-open/chargy/locations_page1.json");
  g_autofree char *tariffs1 = shared_file ("ocpi-uk-open/chargy/tariffs_page1.json");
  g_autofree char *tariffs2 = shared_file ("ocpi-uk-open/chargy/tariffs_page2.json");
  Replay replay = { .origin = "https://char.gy", .origin_prefix = "/open-ocpi" };
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  g_autoptr (CwOcpiClient) client = NULL;
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  guint connectors = 0, resolved = 0;

  if (locations == NULL || tariffs1 == NULL || tariffs2 == NULL)
    {
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocpi-uk-open/chargy): real char.gy tariffs not replayed");
      return;
    }
  replay_route (&replay, "/open-ocpi/locations", FALSE, locations);
  replay_route (&replay, "/open-ocpi/tariffs", FALSE, tariffs1);
  replay_route (&replay, "/open-ocpi/tariffs", TRUE, tariffs2);
  server = replay_server (&replay);
  url = g_strconcat (replay.base_url, "/ocpi/versions", NULL);
  client = cw_ocpi_client_new (session, url, NULL, "ocpi:chargy");
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 2);

  for (guint i = 0; i < sync->stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (sync->stations, i);
      for (guint j = 0; j < s->n_evses; j++)
        {
          CwEvse *e = &s->evses[j];
          for (guint k = 0; k < e->n_connectors; k++)
            {
              CwConnector *c = &cw_evse_get_connectors (e)[k];
              g_assert_cmpstr (cw_connector_get_tariff_id (c, 0), ==, CHARGY_TARIFF);
              connectors++;
              if (cw_connector_get_tariff (c) != NULL)
                resolved++;
            }
        }
    }
  g_assert_cmpuint (connectors, ==, 2);
  /* Fixed: this used to fail (see the git log). */
  g_assert_false (resolved < connectors);
  replay_clear (&replay, server);
}

static void
test_real_evolt (void)
{
  g_autofree char *path = shared_file ("ocpi-uk-open/evolt/locations_page1.json");
  Replay replay = { 0 };
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  g_autoptr (CwOcpiClient) client = NULL;
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  if (path == NULL)
    {
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocpi-uk-open/evolt): real Evolt feed not replayed");
      return;
    }
  replay_route (&replay, "/public_feed/locations/3666", FALSE, path);
  server = replay_server (&replay);
  url = g_strconcat (replay.base_url, "/public_feed/locations/3666", NULL);
  client = cw_ocpi_client_new (session, url, NULL, "ocpi:evolt");
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  /* X-Total-Count 8 and 8 in the body: one page, no more asked. */
  g_assert_cmpuint (sync->stations->len, ==, 8);
  g_assert_cmpuint (sync->total, ==, 8);
  g_assert_cmpuint (sync->pages, ==, 1);
  g_assert_cmpstr (cw_station_get_id (((CwStation *) g_ptr_array_index (sync->stations, 0))), ==, "105727");
  replay_clear (&replay, server);
}

static void
test_real_not_ocpi (void)
{
  g_autofree char *path = shared_file ("ocpi-uk-open/clenergy_ev/locations_page1.json");
  Replay replay = { 0 };
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  g_autoptr (CwOcpiClient) client = NULL;
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  if (path == NULL)
    {
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocpi-uk-open/clenergy_ev): real Clenergy feed not replayed");
      return;
    }
  /* {name, message, data, error}: not an OCPI envelope. A clear error, no crash. */
  replay_route (&replay, "/development/pcpr/locations", FALSE, path);
  server = replay_server (&replay);
  url = g_strconcat (replay.base_url, "/development/pcpr/locations", NULL);
  client = cw_ocpi_client_new (session, url, NULL, "ocpi:clenergy");
  sync = run_sync (client, 0, NULL, NULL, &error);
  g_assert_null (sync);
  g_assert_nonnull (error);
  g_assert_true (error->domain == CW_PARSE_ERROR);
  g_test_message ("%s", error->message);
  replay_clear (&replay, server);
}

/* Last: nothing this whole run logged held the token. */
static void
test_log_never_has_token (void)
{
  g_autofree char *log = cw_test_log_dup ();

  g_assert_cmpuint (cw_test_log_count (), >, 0);
  g_assert_nonnull (strstr (log, "cw-ocpi-client:"));
  assert_no_token (log);
}

int
main (int   argc,
      char *argv[])
{
  cw_test_log_capture_install ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ocpi-client/discovery", test_discovery);
  g_test_add_func ("/ocpi-client/discovery/no-2.2.1", test_discovery_no_221);
  g_test_add_func ("/ocpi-client/direct-url", test_direct_url);
  g_test_add_func ("/ocpi-client/pagination/link", test_pagination_link);
  g_test_add_func ("/ocpi-client/pagination/link-only", test_pagination_link_only);
  g_test_add_func ("/ocpi-client/pagination/total-offset", test_pagination_total_offset);
  g_test_add_func ("/ocpi-client/pagination/page-limit", test_pagination_page_limit);
  g_test_add_func ("/ocpi-client/pagination/many-pages", test_pagination_many_pages);
  g_test_add_func ("/ocpi-client/delta", test_delta);
  g_test_add_func ("/ocpi-client/delta/paginated", test_delta_paginated);
  g_test_add_func ("/ocpi-client/token", test_token);
  g_test_add_func ("/ocpi-client/token/none", test_no_token_no_header);
  g_test_add_func ("/ocpi-client/token/echoed-by-server", test_token_echoed_by_server);
  g_test_add_func ("/ocpi-client/fail/401", test_unauthorized);
  g_test_add_func ("/ocpi-client/fail/500", test_http_500);
  g_test_add_func ("/ocpi-client/fail/429", test_http_429);
  g_test_add_func ("/ocpi-client/fail/503-retry-after-date", test_http_503_retry_after_date);
  g_test_add_func ("/ocpi-client/fail/timeout", test_timeout);
  g_test_add_func ("/ocpi-client/fail/truncated-body", test_truncated_body);
  g_test_add_func ("/ocpi-client/fail/truncated-json", test_truncated_json);
  g_test_add_func ("/ocpi-client/fail/wrong-types", test_wrong_types);
  g_test_add_func ("/ocpi-client/fail/status-2001", test_status_2001);
  g_test_add_func ("/ocpi-client/fail/page-2-of-3", test_page_fails);
  g_test_add_func ("/ocpi-client/fail/unreachable", test_unreachable);
  g_test_add_func ("/ocpi-client/cancel", test_cancel);
  g_test_add_func ("/ocpi-client/removed-evse", test_removed_evse);
  g_test_add_func ("/ocpi-client/tariffs/paginated", test_tariffs_paginated);
  g_test_add_func ("/ocpi-client/tariffs/kept-by-delta", test_tariffs_kept_by_delta);
  g_test_add_func ("/ocpi-client/real/chargy", test_real_chargy);
  g_test_add_func ("/ocpi-client/real/chargy-tariffs", test_real_chargy_tariffs);
  g_test_add_func ("/ocpi-client/real/evolt", test_real_evolt);
  g_test_add_func ("/ocpi-client/real/not-ocpi", test_real_not_ocpi);
  g_test_add_func ("/ocpi-client/zz-last/log-never-has-token", test_log_never_has_token);

  return g_test_run ();
}
