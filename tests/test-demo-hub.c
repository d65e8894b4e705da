/* test-demo-hub.c: the demo network as a real OCPI 2.2.1 server
 *
 * The hub passes the client's tests: discovery, pagination, date_from,
 * the token; its simulation moves statuses that a delta sync picks up,
 * the same way for the same seed, and never touches PLANNED EVSEs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-demo-hub.h"
#include "cw-http.h"
#include "cw-ocpi-client.h"
#include "cw-source.h"
#include "cw-station-store.h"
#include "cw-test-server.h"

#define WAIT 15

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* A hub listening on 127.0.0.1; *@created_before / *@created_after
 * bracket its real start. */
static CwDemoHub *
start_hub (guint32  seed,
           double   speed,
           gint64  *created_before,
           gint64  *created_after)
{
  g_autoptr (GError) error = NULL;
  CwDemoHub *hub;
  gint64 before = now_s ();

  hub = cw_demo_hub_new (seed, speed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hub);
  if (created_before)
    *created_before = before;
  if (created_after)
    *created_after = now_s ();
  g_assert_true (cw_demo_hub_listen (hub, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (cw_demo_hub_get_versions_url (hub), "http://127.0.0.1:"));
  return hub;
}

static CwOcpiSync *
run_sync (CwOcpiClient *client,
          gint64        date_from,
          GError      **error)
{
  CwTestAsync async = { NULL };
  CwOcpiSync *sync;

  cw_ocpi_client_sync_async (client, date_from, NULL, NULL, NULL, cw_test_async_ready, &async);
  sync = cw_ocpi_client_sync_finish (client, cw_test_async_wait (&async, WAIT), NULL, error);
  cw_test_async_clear (&async);
  return sync;
}

static CwOcpiClient *
hub_client (CwDemoHub  *hub,
            const char *token)
{
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  return cw_ocpi_client_new (session, cw_demo_hub_get_versions_url (hub), token, "demo");
}

static CwOcpiSync *
full_sync (CwDemoHub *hub)
{
  g_autoptr (CwOcpiClient) client = hub_client (hub, NULL);
  g_autoptr (GError) error = NULL;
  CwOcpiSync *sync = run_sync (client, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sync);
  return sync;
}

/* id → station */
static GHashTable *
by_id (GPtrArray *stations)
{
  GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      g_assert_true (g_hash_table_insert (t, (gpointer) cw_station_get_id (s), s));
    }
  return t;
}

static gboolean
same_statuses (CwStation *a,
               CwStation *b)
{
  if (a->n_evses != b->n_evses)
    return FALSE;
  for (guint i = 0; i < a->n_evses; i++)
    {
      CwEvse *x = &a->evses[i];
      CwEvse *y = &b->evses[i];
      if (g_strcmp0 (cw_evse_get_uid (x), cw_evse_get_uid (y)) != 0 || x->status != y->status)
        return FALSE;
    }
  return TRUE;
}

/* The demo network as shipped, before any simulated minute. */
static GPtrArray *
initial_network (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse ("demo", &error);
  GPtrArray *stations;

  g_assert_no_error (error);
  stations = cw_source_load (spec, NULL, &error);
  g_assert_no_error (error);
  return stations;
}

/* A plain GET, for what the client does not show. */
static char *
http_get (const char          *url,
          guint               *status,
          SoupMessageHeaders **headers)
{
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  g_autoptr (SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr (GError) error = NULL;
  CwTestAsync async = { NULL };
  GBytes *bytes;
  char *body;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, cw_test_async_ready, &async);
  bytes = soup_session_send_and_read_finish (session, cw_test_async_wait (&async, WAIT), &error);
  cw_test_async_clear (&async);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  if (headers)
    *headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_bytes_unref (bytes);
  return body;
}

/* ---- the client's tests, against the hub ---- */

static void
test_discovery (void)
{
  g_autoptr (CwDemoHub) hub = start_hub (1, 1.0, NULL, NULL);
  g_autoptr (CwOcpiClient) client = hub_client (hub, NULL);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) initial = initial_network ();
  g_autofree char *locations = NULL;
  guint with_tariff = 0;

  g_assert_cmpuint (cw_demo_hub_get_n_locations (hub), ==, 396);
  g_assert_cmpuint (cw_demo_hub_get_n_requests (hub), ==, 0);

  sync = run_sync (client, 0, &error);
  g_assert_no_error (error);
  g_assert_false (sync->delta);
  g_assert_cmpuint (sync->stations->len, ==, cw_demo_hub_get_n_locations (hub));
  g_assert_cmpuint (sync->stations->len, ==, initial->len);
  g_assert_cmpuint (sync->total, ==, 396);

  locations = g_strconcat (cw_demo_hub_get_versions_url (hub), NULL);
  g_assert_true (g_str_has_suffix (locations, "/ocpi/versions"));
  locations[strlen (locations) - strlen ("versions")] = '\0';
  {
    g_autofree char *expected = g_strconcat (locations, "2.2.1/locations", NULL);
    g_assert_cmpstr (cw_ocpi_client_get_locations_url (client), ==, expected);
  }

  /* The same network as the embedded file, station for station. */
  for (guint i = 0; i < initial->len; i++)
    {
      CwStation *a = g_ptr_array_index (initial, i);
      CwStation *b = g_ptr_array_index (sync->stations, i);

      g_assert_cmpstr (cw_station_get_id (a), ==, cw_station_get_id (b));
      g_assert_cmpstr (cw_station_get_source (b), ==, "demo");
      g_assert_cmpuint (a->n_evses, ==, b->n_evses);
      g_assert_cmpfloat_with_epsilon (a->latitude, b->latitude, 1e-9);
    }

  /* Tariffs came along on a full sync and were resolved. */
  for (guint i = 0; i < sync->stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (sync->stations, i);
      for (guint j = 0; j < s->n_evses; j++)
        {
          CwEvse *e = &s->evses[j];
          for (guint k = 0; k < e->n_connectors; k++)
            if (cw_connector_get_tariff (&cw_evse_get_connectors (e)[k]) != NULL)
              with_tariff++;
        }
    }
  g_assert_cmpuint (with_tariff, >, 0);

  /* versions, details, tariffs and 8 pages of 50 */
  g_assert_cmpuint (cw_demo_hub_get_n_requests (hub), ==, 3 + 8);
}

static void
check_pages (guint hub_page_size,
             guint client_limit,
             guint expected_pages)
{
  g_autoptr (CwDemoHub) hub = start_hub (1, 1.0, NULL, NULL);
  g_autoptr (CwOcpiClient) client = hub_client (hub, NULL);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) initial = initial_network ();
  g_autoptr (GHashTable) ids = NULL;

  if (hub_page_size > 0)
    cw_demo_hub_set_page_size (hub, hub_page_size);
  if (client_limit > 0)
    cw_ocpi_client_set_page_limit (client, client_limit);
  sync = run_sync (client, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 396);
  g_assert_cmpuint (sync->total, ==, 396);
  g_assert_cmpuint (sync->pages, ==, expected_pages);
  ids = by_id (sync->stations);                    /* no duplicates */
  g_assert_cmpuint (g_hash_table_size (ids), ==, 396);
  for (guint i = 0; i < initial->len; i++)         /* in the hub's order */
    g_assert_cmpstr (cw_station_get_id (((CwStation *) g_ptr_array_index (initial, i))), ==,
                     cw_station_get_id (((CwStation *) g_ptr_array_index (sync->stations, i))));
}

static void
test_pagination_50 (void)
{
  check_pages (50, 0, 8);
}

static void
test_pagination_client_limit (void)
{
  check_pages (0, 100, 4);
}

static void
test_pagination_capped (void)
{
  /* The hub caps a page at 200, whatever the client asks. */
  check_pages (0, 1000, 2);
}

static void
test_pagination_one_per_page (void)
{
  g_autoptr (CwDemoHub) hub = start_hub (1, 1.0, NULL, NULL);
  g_autoptr (CwOcpiClient) client = hub_client (hub, NULL);
  g_autoptr (CwOcpiSync) sync = NULL;
  g_autoptr (GError) error = NULL;

  cw_demo_hub_set_page_size (hub, 7);
  sync = run_sync (client, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->stations->len, ==, 396);
  g_assert_cmpuint (sync->pages, ==, (396 + 6) / 7);
}

/* date_from gives exactly the locations changed since. */
static void
test_date_from (void)
{
  gint64 t0, t1;
  g_autoptr (CwDemoHub) hub = start_hub (3, 60.0, &t0, &t1);
  g_autoptr (GPtrArray) initial = initial_network ();
  g_autoptr (CwOcpiSync) after = NULL;
  g_autoptr (CwOcpiSync) delta = NULL;
  g_autoptr (CwOcpiClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) initial_ids = by_id (initial);
  g_autoptr (GHashTable) delta_ids = NULL;
  gint64 tick_at = t1 + 40;
  guint changed, moved = 0, stamped = 0;

  /* Half an hour of the sim at once, stamped 40 s ahead: the hub's own
   * per-second ticks have nothing left to do until then. */
  changed = cw_demo_hub_tick (hub, tick_at);
  g_assert_cmpuint (changed, >, 0);

  after = full_sync (hub);
  client = hub_client (hub, NULL);
  delta = run_sync (client, t1 + 20, &error);
  g_assert_no_error (error);
  g_assert_true (delta->delta);
  g_test_message ("%u EVSE changes; %u of 396 locations in the delta", changed, delta->stations->len);
  g_assert_cmpuint (delta->stations->len, >, 0);
  g_assert_cmpuint (delta->stations->len, <, 396);
  g_assert_cmpuint (delta->total, ==, delta->stations->len);
  delta_ids = by_id (delta->stations);

  for (guint i = 0; i < delta->stations->len; i++)
    g_assert_cmpint (((CwStation *) g_ptr_array_index (delta->stations, i))->last_updated, ==, tick_at);

  for (guint i = 0; i < after->stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (after->stations, i);
      CwStation *was = g_hash_table_lookup (initial_ids, cw_station_get_id (s));

      g_assert_nonnull (was);
      if (s->last_updated >= t1 + 20)
        {
          stamped++;
          g_assert_true (g_hash_table_contains (delta_ids, cw_station_get_id (s)));
        }
      else
        g_assert_false (g_hash_table_contains (delta_ids, cw_station_get_id (s)));
      if (!same_statuses (was, s))
        {
          moved++;
          g_assert_true (g_hash_table_contains (delta_ids, cw_station_get_id (s)));
        }
    }
  g_assert_cmpuint (stamped, ==, delta->stations->len);
  g_assert_cmpuint (moved, >, 0);
  g_assert_cmpuint (moved, <=, delta->stations->len);

  /* Nothing since the tick. */
  {
    g_autoptr (CwOcpiSync) none = run_sync (client, tick_at + 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (none->stations->len, ==, 0);
  }
}

/* The hub moves statuses; a delta merged into the store brings the
 * store to what a full sync sees. */
static void
test_delta_follows_sim (void)
{
  gint64 t0, t1;
  g_autoptr (CwDemoHub) hub = start_hub (4, 600.0, &t0, &t1);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwOcpiClient) client = hub_client (hub, NULL);
  g_autoptr (CwOcpiSync) first = NULL;
  g_autoptr (CwOcpiSync) delta = NULL;
  g_autoptr (CwOcpiSync) truth = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  guint changed, differing = 0;

  first = run_sync (client, 0, &error);
  g_assert_no_error (error);
  cw_station_store_merge (store, "demo", first->stations, TRUE);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 396);
  for (guint i = 0; i < 396; i++)
    g_ptr_array_add (kept, g_list_model_get_item (G_LIST_MODEL (store), i));

  /* Ten simulated hours, 60 s of real time ahead. */
  changed = cw_demo_hub_tick (hub, t1 + 60);
  g_assert_cmpuint (changed, >, 100);

  delta = run_sync (client, first->started_at, &error);
  g_assert_no_error (error);
  g_assert_true (delta->delta);
  g_assert_cmpuint (delta->stations->len, >, 0);

  truth = full_sync (hub);
  for (guint i = 0; i < truth->stations->len; i++)
    if (!same_statuses (g_ptr_array_index (truth->stations, i), g_ptr_array_index (kept, i)))
      differing++;
  g_assert_cmpuint (differing, >, 0);

  cw_station_store_merge (store, "demo", delta->stations, !delta->delta);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 396);
  for (guint i = 0; i < truth->stations->len; i++)
    {
      CwStation *want = g_ptr_array_index (truth->stations, i);
      CwStation *have = cw_station_store_lookup (store, "demo", cw_station_get_id (want));

      g_assert_true (have == g_ptr_array_index (kept, i));   /* same objects, updated in place */
      g_assert_true (same_statuses (want, have));
    }
}

static void
test_token (void)
{
  g_autoptr (CwDemoHub) hub = start_hub (1, 1.0, NULL, NULL);
  g_autoptr (GError) error = NULL;

  cw_demo_hub_set_token (hub, "hub-s3cret");
  {
    g_autoptr (CwOcpiClient) client = hub_client (hub, NULL);
    g_autoptr (CwOcpiSync) sync = run_sync (client, 0, &error);

    g_assert_null (sync);
    g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAUTHORIZED);
    g_clear_error (&error);
  }
  {
    g_autoptr (CwOcpiClient) client = hub_client (hub, "not-the-token");
    g_autoptr (CwOcpiSync) sync = run_sync (client, 0, &error);

    g_assert_null (sync);
    g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_UNAUTHORIZED);
    g_assert_null (strstr (error->message, "not-the-token"));
    g_clear_error (&error);
  }
  {
    g_autoptr (CwOcpiClient) client = hub_client (hub, "hub-s3cret");
    g_autoptr (CwOcpiSync) sync = run_sync (client, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sync->stations->len, ==, 396);
  }
  /* Cleared: open again. */
  cw_demo_hub_set_token (hub, NULL);
  {
    g_autoptr (CwOcpiClient) client = hub_client (hub, NULL);
    g_autoptr (CwOcpiSync) sync G_GNUC_UNUSED = run_sync (client, 0, &error);

    g_assert_no_error (error);
  }
}

/* ---- the simulation, seen through the hub ---- */

static void
test_deterministic (void)
{
  g_autoptr (CwDemoHub) a = NULL;
  g_autoptr (CwDemoHub) b = NULL;
  g_autoptr (CwDemoHub) c = NULL;
  g_autoptr (CwOcpiSync) sa = NULL;
  g_autoptr (CwOcpiSync) sb = NULL;
  g_autoptr (CwOcpiSync) sc = NULL;
  gint64 a0, a1, b0, b1, c0, c1;
  guint na, nb, nc, differ_c = 0;

  /* The sim runs on the hub's real start: create both within one second. */
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      g_clear_object (&a);
      g_clear_object (&b);
      a = start_hub (2026, 3600.0, &a0, &a1);
      b = start_hub (2026, 3600.0, &b0, &b1);
      if (a0 == b1)
        break;
    }
  if (a0 != b1)
    {
      g_test_skip ("could not start two hubs within one second (a slow machine?)");
      return;
    }
  c = start_hub (2027, 3600.0, &c0, &c1);

  na = cw_demo_hub_tick (a, a1 + 30);
  nb = cw_demo_hub_tick (b, a1 + 30);
  nc = cw_demo_hub_tick (c, a1 + 30);
  g_test_message ("30 simulated hours: %u, %u and %u changes", na, nb, nc);
  g_assert_cmpuint (na, >, 0);
  g_assert_cmpuint (na, ==, nb);

  sa = full_sync (a);
  sb = full_sync (b);
  sc = full_sync (c);
  for (guint i = 0; i < sa->stations->len; i++)
    {
      g_assert_true (same_statuses (g_ptr_array_index (sa->stations, i), g_ptr_array_index (sb->stations, i)));
      if (!same_statuses (g_ptr_array_index (sa->stations, i), g_ptr_array_index (sc->stations, i)))
        differ_c++;
    }
  g_assert_cmpuint (differ_c, >, 0);
}

static void
test_planned_frozen (void)
{
  gint64 t0, t1;
  g_autoptr (CwDemoHub) hub = start_hub (5, 3600.0, &t0, &t1);
  g_autoptr (GPtrArray) initial = initial_network ();
  g_autoptr (CwOcpiSync) later = NULL;
  guint planned = 0, moved = 0;

  /* Four simulated days. */
  g_assert_cmpuint (cw_demo_hub_tick (hub, t1 + 96), >, 0);
  later = full_sync (hub);
  for (guint i = 0; i < initial->len; i++)
    {
      CwStation *was = g_ptr_array_index (initial, i);
      CwStation *now = g_ptr_array_index (later->stations, i);

      g_assert_cmpstr (cw_station_get_id (was), ==, cw_station_get_id (now));
      g_assert_cmpuint (was->n_evses, ==, now->n_evses);
      for (guint j = 0; j < was->n_evses; j++)
        {
          CwEvse *e0 = &was->evses[j];
          CwEvse *e1 = &now->evses[j];

          g_assert_cmpstr (cw_evse_get_uid (e0), ==, cw_evse_get_uid (e1));
          if (e0->status == CW_EVSE_STATUS_PLANNED)
            {
              planned++;
              g_assert_cmpint (e1->status, ==, CW_EVSE_STATUS_PLANNED);
            }
          else
            {
              g_assert_cmpint (e1->status, !=, CW_EVSE_STATUS_PLANNED);
              g_assert_cmpint (e1->status, <, CW_N_EVSE_STATUS);
              if (e0->status != e1->status)
                moved++;
            }
        }
    }
  g_assert_cmpuint (planned, ==, 20);
  g_assert_cmpuint (moved, >, 100);
}

/* ---- HTTP details ---- */

static void
test_http_edges (void)
{
  g_autoptr (CwDemoHub) hub = start_hub (1, 1.0, NULL, NULL);
  g_autofree char *base = g_strndup (cw_demo_hub_get_versions_url (hub),
                                     strlen (cw_demo_hub_get_versions_url (hub)) - strlen ("/ocpi/versions"));
  guint status;

  /* An unknown endpoint: 404, and the client says so. */
  {
    g_autofree char *url = g_strconcat (base, "/ocpi/2.2.1/sessions", NULL);
    g_autofree char *body = http_get (url, &status, NULL);

    g_assert_cmpuint (status, ==, 404);
    g_assert_nonnull (strstr (body, "\"status_code\":2000"));
  }
  {
    g_autoptr (SoupSession) session = cw_http_session_new (10);
    g_autofree char *url = g_strconcat (base, "/ocpi/2.2.1/nothing", NULL);
    g_autoptr (CwOcpiClient) client = cw_ocpi_client_new (session, url, NULL, "demo");
    g_autoptr (GError) error = NULL;
    g_autoptr (CwOcpiSync) sync = run_sync (client, 0, &error);

    g_assert_null (sync);
    g_assert_error (error, CW_NET_ERROR, CW_NET_ERROR_NOT_FOUND);
  }

  /* The envelope and the paging headers. */
  {
    g_autofree char *url = g_strconcat (base, "/ocpi/2.2.1/locations?offset=390&limit=50", NULL);
    g_autoptr (SoupMessageHeaders) headers = NULL;
    g_autofree char *body = http_get (url, &status, &headers);

    g_assert_cmpuint (status, ==, 200);
    g_assert_nonnull (strstr (body, "\"status_code\":1000"));
    g_assert_nonnull (strstr (body, "\"timestamp\":"));
    g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Total-Count"), ==, "396");
    g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Limit"), ==, "50");
    g_assert_null (soup_message_headers_get_one (headers, "Link"));      /* the last page */
  }
  {
    g_autofree char *url = g_strconcat (base, "/ocpi/2.2.1/locations?offset=0&limit=10", NULL);
    g_autoptr (SoupMessageHeaders) headers = NULL;
    g_autofree char *body G_GNUC_UNUSED = http_get (url, &status, &headers);
    const char *link = soup_message_headers_get_one (headers, "Link");

    g_assert_nonnull (link);
    g_assert_nonnull (strstr (link, "offset=10&limit=10"));
    g_assert_nonnull (strstr (link, "rel=\"next\""));
    g_assert_true (g_str_has_prefix (link, "<http://127.0.0.1:"));
  }

  /* An offset near G_MAXUINT: past the end, so no next page. */
  {
    g_autofree char *url = g_strconcat (base, "/ocpi/2.2.1/locations?offset=4294967290&limit=50", NULL);
    g_autoptr (SoupMessageHeaders) headers = NULL;
    g_autofree char *body = http_get (url, &status, &headers);
    const char *link = soup_message_headers_get_one (headers, "Link");

    g_assert_cmpuint (status, ==, 200);
    g_assert_nonnull (strstr (body, "\"data\":[]"));
    /* Fixed: this used to fail (see the git log). */
    g_assert_false (link != NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo-hub/discovery", test_discovery);
  g_test_add_func ("/demo-hub/pagination/50", test_pagination_50);
  g_test_add_func ("/demo-hub/pagination/client-limit", test_pagination_client_limit);
  g_test_add_func ("/demo-hub/pagination/capped", test_pagination_capped);
  g_test_add_func ("/demo-hub/pagination/7", test_pagination_one_per_page);
  g_test_add_func ("/demo-hub/date-from", test_date_from);
  g_test_add_func ("/demo-hub/delta-follows-sim", test_delta_follows_sim);
  g_test_add_func ("/demo-hub/token", test_token);
  g_test_add_func ("/demo-hub/sim/deterministic", test_deterministic);
  g_test_add_func ("/demo-hub/sim/planned-frozen", test_planned_frozen);
  g_test_add_func ("/demo-hub/http-edges", test_http_edges);

  return g_test_run ();
}
