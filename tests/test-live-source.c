/* test-live-source.c: CwLiveSource keeps a source's stations live
 *
 * The demo through an in-process hub; faults from a fake OCPI server on
 * 127.0.0.1: after each one every station is still there, the error
 * says what failed without the token, and a retry is scheduled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cw-cache-prefetch.h"
#include "cw-http.h"
#include "cw-live-source.h"
#include "cw-ocpi-writer.h"
#include "cw-test-server.h"

#define TOKEN "cw-live-t0ken-do-not-leak"
#define T0    ((gint64) 1795000000)


static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Whether @needle is in the @len bytes of @data, NULs and all. */
static gboolean
bytes_contain (const char *data,
               gsize       len,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_no_token (const char *data,
                 gsize       len)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) TOKEN, strlen (TOKEN));

  g_assert_nonnull (data);
  g_assert_false (bytes_contain (data, len, TOKEN));
  g_assert_false (bytes_contain (data, len, b64));
}

/* ---- a temporary cache dir ---- */

static char *
cache_dir_new (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("cw-test-live-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
cache_dir_free (char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

/* The one cache file in @dir with @suffix, or NULL. */
static char *
cache_file_with (const char *dir,
                 const char *suffix)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, "source-") && g_str_has_suffix (name, suffix))
      {
        g_assert_null (found);
        found = g_build_filename (dir, name, NULL);
      }
  return found;
}

/* The binary cache (cw-station-cache.h). */
static char *
cache_file (const char *dir)
{
  return cache_file_with (dir, ".cwcache");
}

/* Until the cache is read or written: worker threads do it. */
static void
wait_cache (CwLiveSource *source)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (cw_live_source_get_cache_busy (source))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The disk cache was not read or written within 30 s");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* ---- watching a source settle ---- */

typedef struct {
  CwLiveSource *source;
  gboolean      settled;
  guint         n_changed;
} Watch;

static void
on_changed (CwLiveSource *source,
            Watch        *w)
{
  CwLiveState state = cw_live_source_get_state (source);

  w->n_changed++;
  if (state == CW_LIVE_STATE_OK || state == CW_LIVE_STATE_FAILED)
    w->settled = TRUE;
}

static void
watch_init (Watch        *w,
            CwLiveSource *source)
{
  w->source = source;
  w->settled = FALSE;
  w->n_changed = 0;
  g_signal_connect (source, "changed", G_CALLBACK (on_changed), w);
}

static void
wait_settled (Watch *w,
              guint  timeout_ms)
{
  if (!cw_test_wait_flag (&w->settled, timeout_ms))
    g_error ("The live source did not settle within %u ms", timeout_ms);
}

static void
start_and_wait (Watch *w)
{
  w->settled = FALSE;
  cw_live_source_start (w->source);
  wait_settled (w, 15000);
}

static void
refresh_and_wait (Watch *w)
{
  w->settled = FALSE;
  cw_live_source_refresh (w->source);
  wait_settled (w, 15000);
}

static CwSourceSpec *
ocpi_spec (CwFakeOcpi *fake)
{
  g_autofree char *url = cw_fake_ocpi_url (fake, "/ocpi/versions");
  g_autofree char *text = g_strconcat ("ocpi:", url, NULL);
  g_autoptr (GError) error = NULL;
  CwSourceSpec *spec = cw_source_spec_parse (text, &error);

  g_assert_no_error (error);
  return spec;
}

/* Every location of @fake is in @store, with the statuses it had. */
static void
assert_all_there (CwStationStore *store,
                  const char     *source,
                  CwFakeOcpi     *fake,
                  guint           n)
{
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, n);
  for (guint i = 0; i < n; i++)
    {
      CwStation *s = cw_station_store_lookup (store, source, cw_fake_ocpi_location_id (fake, i));

      g_assert_nonnull (s);
      g_assert_cmpuint (s->n_evses, ==, 2);
      g_assert_cmpint (((CwEvse *) &s->evses[0])->status, ==, CW_EVSE_STATUS_AVAILABLE);
      g_assert_cmpint (((CwEvse *) &s->evses[1])->status, ==, CW_EVSE_STATUS_CHARGING);
    }
}

/* ---- backoff ---- */

static void
test_backoff (void)
{
  static const guint expected[] = { 5, 5, 10, 20, 40, 80, 160, 300, 300, 300 };

  for (guint n = 0; n < G_N_ELEMENTS (expected); n++)
    g_assert_cmpuint (cw_live_source_backoff (n, 5, 300), ==, expected[n]);
  /* It doubles until the cap, never past it. */
  for (guint n = 1; n < 40; n++)
    {
      guint a = cw_live_source_backoff (n, 3, 1000);
      guint b = cw_live_source_backoff (n + 1, 3, 1000);
      g_assert_true (b == MIN (2 * a, 1000u));
    }
  g_assert_cmpuint (cw_live_source_backoff (1000000, 5, 300), ==, 300);
  g_assert_cmpuint (cw_live_source_backoff (64, 1, G_MAXUINT), ==, G_MAXUINT);
  g_assert_cmpuint (cw_live_source_backoff (1, 0, 300), ==, 1);      /* base 0: 1 s */
  g_assert_cmpuint (cw_live_source_backoff (3, 0, 300), ==, 4);
  g_assert_cmpuint (cw_live_source_backoff (1, 600, 300), ==, 300);  /* the cap wins */
}

/* ---- the demo, in-process ---- */

static void
test_demo_first_sync_and_cache (void)
{
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse ("demo", NULL);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwStationStore) store2 = cw_station_store_new ();
  char *dir = cache_dir_new ();
  g_autofree char *path = NULL;
  Watch w, w2;
  GStatBuf st;
  gint64 before = now_s ();

  {
    g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store, dir, NULL);

    cw_live_source_set_demo_mode (source, CW_DEMO_HUB_IN_PROCESS, 1.0);
    cw_live_source_set_interval (source, 3600);
    watch_init (&w, source);
    g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_IDLE);
    start_and_wait (&w);

    g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_OK);
    g_assert_null (cw_live_source_get_error (source));
    g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 396);
    g_assert_cmpint (cw_live_source_get_last_success (source), >=, before);
    g_assert_cmpuint (cw_live_source_get_n_failures (source), ==, 0);
    g_assert_cmpint (cw_live_source_get_cache_time (source), ==, 0);
    g_assert_cmpint (cw_live_source_get_next_attempt (source), >=, before + 3600);
    g_assert_cmpint (cw_live_source_get_hub_pid (source), ==, 0);
    g_assert_true (cw_live_source_get_spec (source)->is_demo);
    wait_cache (source);
    for (guint i = 0; i < 396; i++)
      {
        g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (store), i);
        g_assert_cmpstr (cw_station_get_source (s), ==, "demo");
      }

    path = cache_file (dir);
    g_assert_nonnull (path);
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_cmpint (st.st_size, >, 1000);
  }

  /* A new source for the same spec shows the cache before the hub answers. */
  {
    g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store2, dir, NULL);

    cw_live_source_set_demo_mode (source, CW_DEMO_HUB_IN_PROCESS, 1.0);
    watch_init (&w2, source);
    cw_live_source_start (source);
    g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_LOADING);
    /* The sync starts once the cache is in: nothing can have answered. */
    wait_cache (source);
    g_assert_cmpuint (cw_station_store_get_n_stations (store2), ==, 396);
    g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_LOADING);
    g_assert_cmpint (cw_live_source_get_cache_time (source), >=, before);
    for (guint i = 0; i < 396; i++)
      {
        g_autoptr (CwStation) a = g_list_model_get_item (G_LIST_MODEL (store), i);
        CwStation *b = cw_station_store_lookup (store2, "demo", cw_station_get_id (a));

        g_assert_nonnull (b);
        g_assert_cmpuint (a->n_evses, ==, b->n_evses);
      }
    wait_settled (&w2, 15000);
    g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_OK);
    g_assert_cmpint (cw_live_source_get_cache_time (source), ==, 0);
    g_assert_cmpuint (cw_station_store_get_n_stations (store2), ==, 396);
    wait_cache (source);
  }
  cache_dir_free (dir);
}

/* Statuses move at the hub; a refresh brings them into the same rows. */
static void
test_demo_changes_arrive (void)
{
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse ("demo", NULL);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store, NULL, NULL);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree CwEvseStatus *was = NULL;
  guint n_evses = 0, moved = 0, k = 0;
  Watch w;

  /* An hour of the sim per real second. */
  cw_live_source_set_demo_mode (source, CW_DEMO_HUB_IN_PROCESS, 3600.0);
  cw_live_source_set_interval (source, 3600);
  watch_init (&w, source);
  start_and_wait (&w);
  g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_OK);

  for (guint i = 0; i < cw_station_store_get_n_stations (store); i++)
    {
      CwStation *s = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_ptr_array_add (rows, s);
      n_evses += s->n_evses;
    }
  was = g_new0 (CwEvseStatus, n_evses);
  for (guint i = 0; i < rows->len; i++)
    {
      CwStation *s = g_ptr_array_index (rows, i);
      for (guint j = 0; j < s->n_evses; j++)
        was[k++] = ((CwEvse *) &s->evses[j])->status;
    }

  cw_test_pump (2100);
  refresh_and_wait (&w);
  g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_OK);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 396);

  k = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      CwStation *s = g_ptr_array_index (rows, i);

      g_assert_true (cw_station_store_lookup (store, "demo", cw_station_get_id (s)) == s);   /* same row */
      for (guint j = 0; j < s->n_evses; j++)
        if (((CwEvse *) &s->evses[j])->status != was[k++])
          moved++;
    }
  g_test_message ("%u of %u EVSEs changed status", moved, n_evses);
  g_assert_cmpuint (moved, >, 0);

  /* Prices stay with the stations that changed. */
  {
    guint with_ids = 0, resolved = 0;

    for (guint i = 0; i < rows->len; i++)
      {
        CwStation *s = g_ptr_array_index (rows, i);
        for (guint j = 0; j < s->n_evses; j++)
          {
            CwEvse *e = &s->evses[j];
            for (guint c = 0; c < e->n_connectors; c++)
              {
                CwConnector *conn = &cw_evse_get_connectors (e)[c];
                if (!cw_connector_has_tariff_ids (conn) || cw_connector_get_tariff_id (conn, 0) == NULL)
                  continue;
                with_ids++;
                if (cw_connector_get_tariff (conn) != NULL)
                  resolved++;
              }
          }
      }
    g_assert_cmpuint (with_ids, >, 0);
    /* Fixed: one delta refresh used to drop every price it touched. */
    g_assert_cmpuint (resolved, ==, with_ids);
  }
}

/* ---- OCPI: the cache before the network ---- */

/* A new source of @spec over a server that never answers: what it shows
 * comes from the disk cache in @dir only. Returns the store. */
static CwStationStore *
start_from_cache (CwSourceSpec *spec,
                  const char   *dir)
{
  CwStationStore *store = cw_station_store_new ();
  g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store, dir, TOKEN);

  cw_live_source_start (source);
  wait_cache (source);
  cw_live_source_stop (source);
  return store;
}

static void
test_ocpi_cache_before_network (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (6, T0);
  g_autoptr (CwSourceSpec) spec = ocpi_spec (fake);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwStationStore) store2 = cw_station_store_new ();
  char *dir = cache_dir_new ();
  g_autofree char *path = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *json_name = cw_live_source_cache_name (spec->id, TRUE);
  gsize len;
  Watch w, w2;

  cw_fake_ocpi_set_token (fake, TOKEN);
  {
    g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store, dir, TOKEN);

    cw_live_source_set_interval (source, 3600);
    watch_init (&w, source);
    start_and_wait (&w);
    g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_OK);
    assert_all_there (store, spec->id, fake, 6);
    wait_cache (source);
  }

  path = cache_file (dir);
  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  assert_no_token (contents, len);                /* never on disk either */
  g_assert_true (bytes_contain (contents, len, "LOC-006"));

  /* The server now never answers. */
  cw_fake_ocpi_set_mode (fake, CW_FAKE_HANG);
  {
    g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store2, dir, TOKEN);
    guint asked = cw_fake_ocpi_n_requests (fake);

    watch_init (&w2, source);
    cw_live_source_start (source);
    wait_cache (source);
    assert_all_there (store2, spec->id, fake, 6);
    g_assert_cmpint (cw_live_source_get_cache_time (source), >, 0);
    g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_LOADING);

    /* It asked, and is still waiting: the stations stay. */
    cw_test_pump (300);
    g_assert_cmpuint (cw_fake_ocpi_n_requests (fake), >, asked);
    g_assert_false (w2.settled);
    g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_LOADING);
    assert_all_there (store2, spec->id, fake, 6);
    cw_live_source_stop (source);
  }

  /* The JSON cache of earlier versions is read when there is no other. */
  json_path = g_build_filename (dir, json_name, NULL);
  {
    g_autoptr (GPtrArray) mine = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr (GBytes) json = NULL;
    g_autoptr (CwStationStore) from_json = NULL;

    for (guint i = 0; i < cw_station_store_get_n_stations (store); i++)
      g_ptr_array_add (mine, g_list_model_get_item (G_LIST_MODEL (store), i));
    json = cw_ocpi_write_snapshot (mine, now_s (), now_s ());
    g_assert_true (g_file_set_contents (json_path, g_bytes_get_data (json, NULL), g_bytes_get_size (json), NULL));
    g_assert_cmpint (g_unlink (path), ==, 0);
    from_json = start_from_cache (spec, dir);
    assert_all_there (from_json, spec->id, fake, 6);
  }

  /* A broken cache is dropped, not trusted; the JSON one is read instead. */
  g_assert_true (g_file_set_contents (path, contents, len / 2, NULL));
  {
    g_autoptr (CwStationStore) store3 = start_from_cache (spec, dir);

    assert_all_there (store3, spec->id, fake, 6);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  /* Both broken: nothing shown, both dropped. */
  g_assert_true (g_file_set_contents (json_path, "{\"locations\": [{\"id\": 5", -1, NULL));
  contents[len / 3] ^= 0x40;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  {
    g_autoptr (CwStationStore) store4 = start_from_cache (spec, dir);

    g_assert_cmpuint (cw_station_store_get_n_stations (store4), ==, 0);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (json_path, G_FILE_TEST_EXISTS));
  }
  cw_fake_ocpi_release (fake);
  cache_dir_free (dir);
}

/* The first good sync writes the new cache and removes the JSON one. */
static void
test_ocpi_cache_migrates (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
  g_autoptr (CwSourceSpec) spec = ocpi_spec (fake);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store, NULL, TOKEN);
  char *dir = cache_dir_new ();
  g_autofree char *json_name = cw_live_source_cache_name (spec->id, TRUE);
  g_autofree char *json_path = g_build_filename (dir, json_name, NULL);
  g_autofree char *path = NULL;
  Watch w;

  cw_fake_ocpi_set_token (fake, TOKEN);
  cw_live_source_set_interval (source, 3600);
  watch_init (&w, source);
  start_and_wait (&w);
  {
    g_autoptr (GPtrArray) mine = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr (GBytes) json = NULL;

    for (guint i = 0; i < cw_station_store_get_n_stations (store); i++)
      g_ptr_array_add (mine, g_list_model_get_item (G_LIST_MODEL (store), i));
    json = cw_ocpi_write_snapshot (mine, now_s (), now_s ());
    g_assert_true (g_file_set_contents (json_path, g_bytes_get_data (json, NULL), g_bytes_get_size (json), NULL));
  }
  {
    g_autoptr (CwStationStore) store2 = cw_station_store_new ();
    g_autoptr (CwLiveSource) second = cw_live_source_new (spec, store2, dir, TOKEN);
    Watch w2;

    watch_init (&w2, second);
    start_and_wait (&w2);
    g_assert_cmpint (cw_live_source_get_state (second), ==, CW_LIVE_STATE_OK);
    wait_cache (second);
    assert_all_there (store2, spec->id, fake, 3);
    path = cache_file (dir);
    g_assert_nonnull (path);
    g_assert_false (g_file_test (json_path, G_FILE_TEST_EXISTS));
    cw_live_source_stop (second);
  }
  cw_live_source_stop (source);
  cw_fake_ocpi_release (fake);
  cache_dir_free (dir);
}

/* ---- OCPI: the cache read from the start of the process ---- */

typedef struct {
  const char *source;
  const char *id;
  guint       first_status;     /* of its first EVSE, when it first came */
  gboolean    seen;
} FirstSight;

static void
on_first_sight (GListModel *store,
                guint       position,
                guint       removed,
                guint       added,
                FirstSight *f)
{
  CwStation *s = cw_station_store_lookup (CW_STATION_STORE (store), f->source, f->id);

  if (!f->seen && s != NULL)
    {
      f->seen = TRUE;
      f->first_status = s->evses[0].status;
    }
}

static void
test_ocpi_cache_prefetched (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (6, T0);
  g_autoptr (CwSourceSpec) spec = ocpi_spec (fake);
  static const char * const broken[] = { "OUTOFORDER", "OUTOFORDER", NULL };
  char *dir = cache_dir_new ();
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  cw_fake_ocpi_set_token (fake, TOKEN);
  {
    g_autoptr (CwStationStore) store = cw_station_store_new ();
    g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store, dir, TOKEN);
    Watch w;

    cw_live_source_set_interval (source, 3600);
    watch_init (&w, source);
    start_and_wait (&w);
    wait_cache (source);
    cw_live_source_stop (source);
  }
  path = cache_file (dir);
  g_assert_nonnull (path);

  /* Read before the source exists, taken by it: the same stations, and
   * nothing left over for anyone else. */
  cw_fake_ocpi_set_mode (fake, CW_FAKE_HANG);
  cw_live_source_prefetch_cache (spec, dir);
  {
    g_autoptr (CwStationStore) store = cw_station_store_new ();
    g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store, dir, TOKEN);
    g_autoptr (CwCachePrefetch) left = NULL;

    cw_live_source_start (source);
    wait_cache (source);
    assert_all_there (store, spec->id, fake, 6);
    g_assert_cmpint (cw_live_source_get_cache_time (source), >, 0);
    left = cw_cache_prefetch_claim (path, spec->id);
    g_assert_null (left);
    cw_live_source_stop (source);
  }
  cw_fake_ocpi_release (fake);

  /* The server has newer data: the cache shows first, the sync's data
   * replaces it, and the cache never comes back over it. */
  cw_fake_ocpi_set_mode (fake, CW_FAKE_OK);
  cw_fake_ocpi_set_location (fake, 0, broken, T0 + 60);
  cw_live_source_prefetch_cache (spec, dir);
  {
    g_autoptr (CwStationStore) store = cw_station_store_new ();
    g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store, dir, TOKEN);
    FirstSight f = { spec->id, cw_fake_ocpi_location_id (fake, 0), 0, FALSE };
    CwStation *s;
    Watch w;

    g_signal_connect (store, "items-changed", G_CALLBACK (on_first_sight), &f);
    cw_live_source_set_interval (source, 3600);
    watch_init (&w, source);
    start_and_wait (&w);
    g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_OK);
    g_assert_true (f.seen);
    g_assert_cmpint (f.first_status, ==, CW_EVSE_STATUS_AVAILABLE);    /* the cache's */
    cw_test_pump (200);
    wait_cache (source);
    s = cw_station_store_lookup (store, spec->id, f.id);
    g_assert_nonnull (s);
    g_assert_cmpint (s->evses[0].status, ==, CW_EVSE_STATUS_OUTOFORDER);
    g_assert_cmpint (cw_live_source_get_cache_time (source), ==, 0);
    g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 6);
    cw_live_source_stop (source);
  }

  /* A prefetch nobody took is dropped: the source reads the file itself. */
  cw_fake_ocpi_set_mode (fake, CW_FAKE_HANG);
  cw_live_source_prefetch_cache (spec, dir);
  cw_cache_prefetch_drop_all ();
  {
    g_autoptr (CwStationStore) store = start_from_cache (spec, dir);
    CwStation *s = cw_station_store_lookup (store, spec->id, cw_fake_ocpi_location_id (fake, 0));

    g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 6);
    g_assert_nonnull (s);
    g_assert_cmpint (s->evses[0].status, ==, CW_EVSE_STATUS_OUTOFORDER);     /* the sync's, saved */
  }

  /* A damaged cache read early is dropped all the same. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  contents[len / 2] ^= 0x40;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  cw_live_source_prefetch_cache (spec, dir);
  {
    g_autoptr (CwStationStore) store = start_from_cache (spec, dir);

    g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 0);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  cw_fake_ocpi_release (fake);
  cache_dir_free (dir);
}

/* ---- OCPI: every fault keeps the stations and schedules a retry ---- */

typedef struct {
  CwFakeMode  mode;
  const char *says;        /* in the error, plainly */
  const char *retry_after;
} Fault;

static void
test_ocpi_faults (void)
{
  static const Fault faults[] = {
    { CW_FAKE_HTTP_500, "HTTP 500", NULL },
    { CW_FAKE_HTTP_429, "too many requests", "600" },
    { CW_FAKE_HANG, "did not answer in time", NULL },
    { CW_FAKE_TRUNCATED, "before the answer was complete", NULL },
    { CW_FAKE_TRUNCATED_JSON, "JSON", NULL },
    { CW_FAKE_WRONG_TYPES, "expected a string", NULL },
    { CW_FAKE_STATUS_2001, "2001", NULL },
    { CW_FAKE_HTTP_503, "HTTP 503", "120" },
    { CW_FAKE_HTTP_401, "refused", NULL },
  };
  static const char *later[] = { "OUTOFORDER", "CHARGING", NULL };
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (6, T0);
  g_autoptr (CwSourceSpec) spec = ocpi_spec (fake);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (SoupSession) session = cw_http_session_new (1);
  g_autoptr (CwLiveSource) source = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  char *dir = cache_dir_new ();
  gint64 last_success;
  Watch w;

  cw_fake_ocpi_set_token (fake, TOKEN);
  source = cw_live_source_new (spec, store, dir, TOKEN);
  cw_live_source_set_session (source, session);
  cw_live_source_set_interval (source, 3600);
  cw_live_source_set_retry_base (source, 60);      /* no timer fires during the test */
  watch_init (&w, source);

  start_and_wait (&w);
  g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_OK);
  assert_all_there (store, spec->id, fake, 6);
  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (store), i));
  last_success = cw_live_source_get_last_success (source);

  for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
    {
      const char *error;
      gint64 before = now_s (), next;

      fake->mode = faults[f].mode;
      g_free (fake->retry_after);
      fake->retry_after = g_strdup (faults[f].retry_after);
      refresh_and_wait (&w);

      error = cw_live_source_get_error (source);
      g_test_message ("fault %u: \"%s\"; next attempt in %" G_GINT64_FORMAT " s", f,
                      error, cw_live_source_get_next_attempt (source) - before);
      g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_FAILED);
      /* The stations: all there, the same rows, the same statuses. */
      assert_all_there (store, spec->id, fake, 6);
      for (guint i = 0; i < 6; i++)
        g_assert_true (cw_station_store_lookup (store, spec->id, cw_fake_ocpi_location_id (fake, i)) ==
                       g_ptr_array_index (rows, i));
      /* What failed, plainly, without the token or the path. */
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error, faults[f].says));
      g_assert_nonnull (strstr (error, "127.0.0.1"));
      g_assert_null (strstr (error, "/ocpi/"));
      assert_no_token (error, strlen (error));
      /* A retry, in the future; Retry-After honoured. */
      next = cw_live_source_get_next_attempt (source);
      g_assert_cmpint (next, >, before);
      if (faults[f].retry_after != NULL)
        g_assert_cmpint (next, >=, before + g_ascii_strtoll (faults[f].retry_after, NULL, 10));
      g_assert_cmpuint (cw_live_source_get_n_failures (source), ==, f + 1);
      g_assert_cmpint (cw_live_source_get_last_success (source), ==, last_success);
    }

  /* The server recovers, with one change: a refresh brings it, the error clears. */
  fake->mode = CW_FAKE_OK;
  cw_fake_ocpi_set_location (fake, 3, later, now_s () + 5);
  refresh_and_wait (&w);
  g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_OK);
  g_assert_null (cw_live_source_get_error (source));
  g_assert_cmpuint (cw_live_source_get_n_failures (source), ==, 0);
  g_assert_cmpint (cw_live_source_get_last_success (source), >=, last_success);
  g_assert_cmpint (cw_live_source_get_next_attempt (source), >=, now_s () + 3600 - 2);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 6);
  {
    CwStation *s = cw_station_store_lookup (store, spec->id, "LOC-004");
    g_assert_true (s == g_ptr_array_index (rows, 3));
    g_assert_cmpint (((CwEvse *) &s->evses[0])->status, ==, CW_EVSE_STATUS_OUTOFORDER);
  }
  /* The refresh after the failures asked since the last success: nothing skipped. */
  {
    CwTestRequest *r = cw_fake_ocpi_request (fake, cw_fake_ocpi_n_requests (fake) - 1);
    g_assert_nonnull (r->date_from);
  }

  cw_live_source_stop (source);
  g_assert_cmpint (cw_live_source_get_next_attempt (source), ==, 0);
  wait_cache (source);
  cache_dir_free (dir);
}

/* The delay grows per failure, with jitter, up to the cap. */
static void
test_ocpi_backoff_schedule (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (2, T0);
  g_autoptr (CwSourceSpec) spec = ocpi_spec (fake);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store, NULL, NULL);
  Watch w;

  cw_live_source_set_interval (source, 3600);
  cw_live_source_set_retry_base (source, 10);
  watch_init (&w, source);
  fake->mode = CW_FAKE_HTTP_500;
  for (guint n = 1; n <= 10; n++)
    {
      gint64 before = now_s (), after, delay;
      guint nominal = cw_live_source_backoff (n, 10, 3600);

      if (n == 1)
        start_and_wait (&w);
      else
        refresh_and_wait (&w);
      after = now_s ();
      delay = cw_live_source_get_next_attempt (source);
      g_assert_cmpuint (cw_live_source_get_n_failures (source), ==, n);
      /* ±20 % */
      g_assert_cmpint (delay, >=, before + (gint64) (nominal * 0.8) - 1);
      g_assert_cmpint (delay, <=, after + (gint64) (nominal * 1.2) + 1);
    }
  g_assert_cmpuint (cw_live_source_backoff (10, 10, 3600), ==, 3600);
}

/* Retries happen by themselves: the server comes back, the source follows. */
static void
test_ocpi_retry_by_timer (void)
{
  g_autoptr (CwFakeOcpi) fake = cw_fake_ocpi_new (3, T0);
  g_autoptr (CwSourceSpec) spec = ocpi_spec (fake);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store, NULL, NULL);
  Watch w;

  cw_live_source_set_interval (source, 3600);
  cw_live_source_set_retry_base (source, 1);
  watch_init (&w, source);
  fake->mode = CW_FAKE_HTTP_500;
  start_and_wait (&w);
  g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_FAILED);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 0);
  g_assert_cmpint (cw_live_source_get_next_attempt (source), <=, now_s () + 2);

  fake->mode = CW_FAKE_OK;
  w.settled = FALSE;
  wait_settled (&w, 5000);
  g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_OK);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 3);
  g_assert_null (cw_live_source_get_error (source));
}

/* The server goes away altogether: the stations stay, the message says so. */
static void
test_ocpi_server_gone (void)
{
  CwFakeOcpi *fake = cw_fake_ocpi_new (4, T0);
  g_autoptr (CwSourceSpec) spec = ocpi_spec (fake);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (CwLiveSource) source = cw_live_source_new (spec, store, NULL, TOKEN);
  char *ids[4] = { NULL };
  gint64 before;
  Watch w;

  cw_live_source_set_interval (source, 3600);
  cw_live_source_set_retry_base (source, 60);
  watch_init (&w, source);
  start_and_wait (&w);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 4);
  for (guint i = 0; i < 4; i++)
    ids[i] = g_strdup (cw_fake_ocpi_location_id (fake, i));

  cw_fake_ocpi_free (fake);
  before = now_s ();
  refresh_and_wait (&w);
  g_assert_cmpint (cw_live_source_get_state (source), ==, CW_LIVE_STATE_FAILED);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_nonnull (cw_station_store_lookup (store, spec->id, ids[i]));
      g_free (ids[i]);
      ids[i] = NULL;
    }
  g_test_message ("%s", cw_live_source_get_error (source));
  g_assert_nonnull (strstr (cw_live_source_get_error (source), "refused the connection"));
  assert_no_token (cw_live_source_get_error (source), strlen (cw_live_source_get_error (source)));
  g_assert_cmpint (cw_live_source_get_next_attempt (source), >, before);
}

/* Last: nothing logged in this whole run held the token. */
static void
test_log_never_has_token (void)
{
  g_autofree char *log = cw_test_log_dup ();

  g_assert_nonnull (strstr (log, "cw-live-source:"));
  assert_no_token (log, strlen (log));
}

int
main (int   argc,
      char *argv[])
{
  cw_test_log_capture_install ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/live-source/backoff", test_backoff);
  g_test_add_func ("/live-source/demo/first-sync-and-cache", test_demo_first_sync_and_cache);
  g_test_add_func ("/live-source/demo/changes-arrive", test_demo_changes_arrive);
  g_test_add_func ("/live-source/ocpi/cache-before-network", test_ocpi_cache_before_network);
  g_test_add_func ("/live-source/ocpi/cache-migrates", test_ocpi_cache_migrates);
  g_test_add_func ("/live-source/ocpi/cache-prefetched", test_ocpi_cache_prefetched);
  g_test_add_func ("/live-source/ocpi/faults", test_ocpi_faults);
  g_test_add_func ("/live-source/ocpi/backoff-schedule", test_ocpi_backoff_schedule);
  g_test_add_func ("/live-source/ocpi/retry-by-timer", test_ocpi_retry_by_timer);
  g_test_add_func ("/live-source/ocpi/server-gone", test_ocpi_server_gone);
  g_test_add_func ("/live-source/zz-last/log-never-has-token", test_log_never_has_token);

  return g_test_run ();
}
