/* cw-live-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-live-source"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "cw-cache-prefetch.h"
#include "cw-demo-hub.h"
#include "cw-feed-catalogue.h"
#include "cw-feed-client.h"
#include "cw-http.h"
#include "cw-live-source.h"
#include "cw-ocm-client.h"
#include "cw-ocpi-client.h"
#include "cw-ocpi-parser.h"
#include "cw-json.h"
#include "cw-polyline.h"
#include "cw-station-cache.h"

#define DEFAULT_INTERVAL   60
#define DEFAULT_RETRY_BASE 5
#define RETRY_CAP          300

struct _CwLiveSource
{
  GObject         parent_instance;

  CwSourceSpec   *spec;
  CwStationStore *store;
  SoupSession    *session;
  char           *cache_path;     /* binary (cw-station-cache.h) */
  char           *json_cache_path; /* the format before it: read once, then removed */
  GCancellable   *cache_cancellable;
  gboolean        cache_loading;
  gboolean        cache_read;     /* asked for once: never again */
  gboolean        stopped;        /* stop () since: a cache that comes late is not shown */
  gboolean        cache_writing;
  GBytes         *cache_pending;  /* to write when the write in flight is done */
  char           *token;
  guint           interval;
  guint           retry_base;
  CwDemoHubMode   demo_mode;
  double          demo_speed;

  CwOcpiClient   *client;
  CwFeedClient   *feed_client;    /* feed: sources */
  CwFeedReport   *report;         /* the last feed sync's data quality */
  char           *feed_origin;    /* replays: every feed URL on this origin */
  guint           feed_page_limit;
  int             feed_gap_ms;    /* -1: the catalogue's */
  CwOcmClient    *ocm;
  CwBBox          area;
  gboolean        have_area;
  CwDemoHub      *hub;            /* in-process demo */
  GSubprocess    *hub_process;    /* subprocess demo */
  GCancellable   *cancellable;
  guint           timer_id;
  gboolean        running;

  CwLiveState     state;
  char           *error;
  gint64          last_success;
  gint64          last_sync_start;  /* the next date_from */
  gint64          next_attempt;
  gint64          cache_time;
  guint           n_failures;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CwLiveSource, cw_live_source, G_TYPE_OBJECT)

static void do_sync (CwLiveSource *self);

guint
cw_live_source_backoff (guint n_failures,
                        guint base,
                        guint cap)
{
  guint64 d = MAX (1, base);

  for (guint i = 1; i < n_failures && d < cap; i++)
    d *= 2;
  return (guint) MIN (d, (guint64) cap);
}

static void
emit_changed (CwLiveSource *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
schedule (CwLiveSource *self,
          guint         seconds);

static gboolean
timer_cb (gpointer user_data)
{
  CwLiveSource *self = user_data;

  self->timer_id = 0;
  self->next_attempt = 0;
  do_sync (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (CwLiveSource *self,
          guint         seconds)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!self->running)
    return;
  self->next_attempt = g_get_real_time () / G_USEC_PER_SEC + seconds;
  self->timer_id = g_timeout_add_seconds (MAX (1, seconds), timer_cb, self);
}

/* ---- disk cache ----
 *
 * Both ways in a worker thread: at start-up the file is read and decoded
 * there and the finished stations go to the store in one merge, before
 * the first sync starts; after a sync the stations are encoded here (the
 * main thread owns them) and written there. */

typedef struct {
  char *path;
  char *json_path;
  char *source;
  char *label;
  char *attribution;
  CwCachePrefetch *prefetch;    /* the file read since start-up, or NULL */
} CacheJob;

static void
cache_job_free (CacheJob *job)
{
  g_clear_pointer (&job->prefetch, cw_cache_prefetch_unref);
  g_free (job->path);
  g_free (job->json_path);
  g_free (job->source);
  g_free (job->label);
  g_free (job->attribution);
  g_free (job);
}

typedef struct {
  GPtrArray *stations;
  gint64     saved_at;
  gboolean   from_json;
} CacheLoad;

static void
cache_load_free (CacheLoad *load)
{
  g_clear_pointer (&load->stations, g_ptr_array_unref);
  g_free (load);
}

/* The JSON cache of earlier versions (cw_ocpi_write_snapshot ()). */
static GPtrArray *
load_json_cache (CacheJob  *job,
                 gint64    *saved_at,
                 GError   **error)
{
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GHashTable) tariffs = NULL;
  JsonObject *o;
  JsonNode *locations, *tariff_node;

  if (!g_file_get_contents (job->json_path, &contents, &len, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  if (!(root = cw_json_load (bytes, error)))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (locations = json_object_get_member (o = json_node_get_object (root), "locations")) == NULL)
    {
      g_set_error_literal (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "not a Chargeway cache");
      return NULL;
    }
  if (!(stations = cw_ocpi_parse_locations_node (locations, job->source, error)))
    return NULL;
  tariff_node = json_object_get_member (o, "tariffs");
  if (tariff_node != NULL && JSON_NODE_HOLDS_ARRAY (tariff_node))
    {
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      g_autoptr (GBytes) tb = NULL;
      char *text;
      gsize tlen;

      json_generator_set_root (gen, tariff_node);
      text = json_generator_to_data (gen, &tlen);
      tb = g_bytes_new_take (text, tlen);
      tariffs = cw_ocpi_parse_tariffs (tb, NULL);
    }
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      if (tariffs != NULL)
        cw_station_resolve_tariffs (s, tariffs);
      if (cw_station_get_attribution (s) == NULL && job->attribution != NULL)
        cw_station_set_attribution (s, job->attribution);
    }
  *saved_at = json_object_get_int_member_with_default (o, "saved_at", 0);
  return g_steal_pointer (&stations);
}

static void
load_cache_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CacheJob *job = task_data;
  CacheLoad *load = g_new0 (CacheLoad, 1);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize len;

  gint64 t0 = g_get_monotonic_time ();

  if (job->prefetch != NULL)
    {
      /* Read and decoded since start-up (cw-cache-prefetch.h). */
      load->stations = cw_cache_prefetch_wait (job->prefetch, &load->saved_at, &error);
      if (error != NULL && error->domain != CW_STATION_CACHE_ERROR)
        g_clear_error (&error);     /* not read: as if there were none */
    }
  else if (g_file_get_contents (job->path, &contents, &len, NULL))
    {
      g_autoptr (GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), len);

      load->stations = cw_station_cache_decode (bytes, job->source, &load->saved_at, NULL, &error);
    }
  if (load->stations == NULL && error != NULL)
    {
      /* A broken cache is only a missed head start: drop it. */
      g_debug ("Ignoring the cache of %s: %s", job->label, error->message);
      g_unlink (job->path);
      g_clear_error (&error);
    }
  if (load->stations == NULL && job->json_path != NULL &&
      g_file_test (job->json_path, G_FILE_TEST_EXISTS))
    {
      load->stations = load_json_cache (job, &load->saved_at, &error);
      load->from_json = load->stations != NULL;
      if (load->stations == NULL)
        {
          g_debug ("Ignoring the JSON cache of %s: %s", job->label, error->message);
          g_unlink (job->json_path);
        }
    }
  g_debug ("Read the cache of %s in %.1f ms", job->label, (g_get_monotonic_time () - t0) / 1000.0);
  g_task_return_pointer (task, load, (GDestroyNotify) cache_load_free);
}

static void
load_cache_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CwLiveSource *self = CW_LIVE_SOURCE (object);
  CacheLoad *load = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A load superseded by a newer one (or by dispose) leaves the state
   * to that one: it is still loading. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cache_cancellable)
    {
      g_clear_pointer (&load, cache_load_free);
      return;
    }
  self->cache_loading = FALSE;
  if (load == NULL)
    return;
  /* Nothing newer can have arrived: the sync starts after this. */
  if (load->stations != NULL && !self->stopped && self->last_success == 0)
    {
      gint64 t0 = g_get_monotonic_time ();

      self->cache_time = load->saved_at;
      cw_station_store_merge (self->store, self->spec->id, load->stations, TRUE);
      g_debug ("Showing %u stations from the %scache of %s (merged in %.1f ms)", load->stations->len,
               load->from_json ? "JSON " : "", self->spec->label, (g_get_monotonic_time () - t0) / 1000.0);
    }
  cache_load_free (load);
  if (self->running)
    do_sync (self);
  else
    emit_changed (self);        /* the cache time, at least */
}

static void
load_cache (CwLiveSource *self)
{
  g_autoptr (GTask) task = NULL;
  CacheJob *job = g_new0 (CacheJob, 1);

  job->path = g_strdup (self->cache_path);
  job->json_path = g_strdup (self->json_cache_path);
  job->source = g_strdup (self->spec->id);
  job->label = g_strdup (self->spec->label);
  job->attribution = g_strdup (self->spec->attribution);
  job->prefetch = cw_cache_prefetch_claim (self->cache_path, self->spec->id);
  g_cancellable_cancel (self->cache_cancellable);
  g_clear_object (&self->cache_cancellable);
  self->cache_cancellable = g_cancellable_new ();
  self->cache_loading = TRUE;
  self->cache_read = TRUE;
  task = g_task_new (self, self->cache_cancellable, load_cache_done, NULL);
  g_task_set_source_tag (task, load_cache);
  g_task_set_task_data (task, job, (GDestroyNotify) cache_job_free);
  g_task_run_in_thread (task, load_cache_thread);
}

static void
save_cache_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CacheJob *job = g_task_get_task_data (task);
  GBytes *bytes = g_object_get_data (G_OBJECT (task), "bytes");
  g_autofree char *dir = g_path_get_dirname (job->path);
  GError *error = NULL;

  g_mkdir_with_parents (dir, 0700);
  if (!g_file_set_contents_full (job->path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The new file holds all the old one did. */
  if (job->json_path != NULL)
    g_unlink (job->json_path);
  g_task_return_boolean (task, TRUE);
}

static void write_cache (CwLiveSource *self, GBytes *bytes);

static void
save_cache_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CwLiveSource *self = CW_LIVE_SOURCE (object);
  g_autoptr (GError) error = NULL;

  self->cache_writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not keep the last good data: %s", error->message);
  if (self->cache_pending != NULL)
    {
      g_autoptr (GBytes) next = g_steal_pointer (&self->cache_pending);

      write_cache (self, next);
    }
}

static void
write_cache (CwLiveSource *self,
             GBytes       *bytes)
{
  g_autoptr (GTask) task = NULL;
  CacheJob *job;

  /* One write at a time, the newest last: only the latest waits. */
  if (self->cache_writing)
    {
      g_clear_pointer (&self->cache_pending, g_bytes_unref);
      self->cache_pending = g_bytes_ref (bytes);
      return;
    }
  job = g_new0 (CacheJob, 1);
  job->path = g_strdup (self->cache_path);
  job->json_path = g_strdup (self->json_cache_path);
  self->cache_writing = TRUE;
  task = g_task_new (self, NULL, save_cache_done, NULL);
  g_task_set_source_tag (task, write_cache);
  g_task_set_task_data (task, job, (GDestroyNotify) cache_job_free);
  g_object_set_data_full (G_OBJECT (task), "bytes", g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, save_cache_thread);
}

static void
save_cache (CwLiveSource *self)
{
  g_autoptr (GPtrArray) mine = g_ptr_array_new ();
  g_autoptr (GBytes) bytes = NULL;
  guint n;

  if (self->cache_path == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      CwStation *s = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      if (g_strcmp0 (cw_station_get_source (s), self->spec->id) == 0)
        g_ptr_array_add (mine, s);
      g_object_unref (s);   /* the store keeps it alive */
    }
  /* Encoded here, where the stations cannot change underneath. */
  bytes = cw_station_cache_encode (mine, self->spec->id, g_get_real_time () / G_USEC_PER_SEC,
                                   self->last_sync_start);
  write_cache (self, bytes);
}

gboolean
cw_live_source_get_cache_busy (CwLiveSource *self)
{
  g_return_val_if_fail (CW_IS_LIVE_SOURCE (self), FALSE);
  return self->cache_loading || self->cache_writing;
}

/* ---- the demo hub ---- */

static char *
find_demo_server (void)
{
  const char *env = g_getenv ("CHARGEWAY_DEMO_SERVER");
  g_autofree char *exe = NULL;
  g_autofree char *dir = NULL;
  char *path;

  if (env != NULL && g_file_test (env, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (env);
  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      dir = g_path_get_dirname (exe);
      /* Installed side by side; in the build tree, app/gui and app/cli. */
      path = g_build_filename (dir, "chargeway-demo-server", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return path;
      g_free (path);
      path = g_build_filename (dir, "..", "cli", "chargeway-demo-server", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return path;
      g_free (path);
    }
  return g_find_program_in_path ("chargeway-demo-server");
}

static void sync_failed (CwLiveSource *self, const GError *error, int retry_after);

static void
on_hub_exited (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (CwLiveSource) self = user_data;
  g_autoptr (GError) error = NULL;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  if (self->hub_process != G_SUBPROCESS (object))
    return;
  g_clear_object (&self->hub_process);
  g_clear_object (&self->client);
  if (!self->running)
    return;
  /* Say so now rather than at the next sync; the retry starts it again. */
  g_cancellable_cancel (self->cancellable);
  error = g_error_new_literal (CW_NET_ERROR, CW_NET_ERROR_UNREACHABLE, "the demo hub stopped");
  sync_failed (self, error, -1);
}

static gboolean
start_hub_process (CwLiveSource  *self,
                   GError       **error)
{
  g_autofree char *server = find_demo_server ();
  g_autofree char *speed = g_strdup_printf ("%g", self->demo_speed);
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  if (server == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "chargeway-demo-server is not installed");
      return FALSE;
    }
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, error,
                           server, "--port", "0", "--speed", speed, "--exit-with-stdin", NULL);
  if (proc == NULL)
    return FALSE;
  /* The first line is the versions URL; it comes at once. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);
  if (line == NULL || !g_str_has_prefix (line, "http://127.0.0.1:"))
    {
      g_subprocess_force_exit (proc);
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The demo hub did not start");
      return FALSE;
    }
  self->hub_process = g_steal_pointer (&proc);
  g_subprocess_wait_async (self->hub_process, NULL, on_hub_exited, g_object_ref (self));
  self->client = cw_ocpi_client_new (self->session, line, NULL, self->spec->id);
  return TRUE;
}

static gboolean
ensure_client (CwLiveSource  *self,
               GError       **error)
{
  if (self->client != NULL || self->feed_client != NULL)
    return TRUE;

  if (self->spec->feed_id != NULL)
    {
      const CwFeed *feed = cw_feed_catalogue_lookup (cw_feed_catalogue_get_default (), self->spec->feed_id);

      if (feed == NULL)
        {
          g_set_error (error, CW_SOURCE_ERROR, CW_SOURCE_ERROR_BAD_SPEC, "No open feed \"%s\"",
                       self->spec->feed_id);
          return FALSE;
        }
      if (self->feed_client != NULL)
        return TRUE;
      /* Open feeds are read as they are: see cw-feed-client.h. */
      self->feed_client = cw_feed_client_new (self->session, feed, self->spec->id);
      if (self->feed_origin != NULL)
        cw_feed_client_set_origin (self->feed_client, self->feed_origin);
      else
        cw_feed_client_apply_environment (self->feed_client);
      /* A shared-key feed's printed key comes as the source's token. */
      cw_feed_client_set_key (self->feed_client, self->token);
      if (self->feed_page_limit > 0)
        cw_feed_client_set_page_limit (self->feed_client, self->feed_page_limit);
      if (self->feed_gap_ms >= 0)
        cw_feed_client_set_request_gap_ms (self->feed_client, (guint) self->feed_gap_ms);
      return TRUE;
    }

  if (self->spec->kind == CW_SOURCE_KIND_OCPI)
    {
      self->client = cw_ocpi_client_new (self->session, self->spec->url, self->token, self->spec->id);
      return TRUE;
    }

  g_assert (self->spec->kind == CW_SOURCE_KIND_DEMO);
  if (self->demo_mode == CW_DEMO_HUB_SUBPROCESS)
    {
      g_autoptr (GError) local_error = NULL;

      if (start_hub_process (self, &local_error))
        return TRUE;
      g_message ("Running the demo hub in-process: %s", local_error->message);
    }
  if (self->hub == NULL)
    {
      self->hub = cw_demo_hub_new (20261125, self->demo_speed, error);
      if (self->hub == NULL || !cw_demo_hub_listen (self->hub, 0, error))
        {
          g_clear_object (&self->hub);
          return FALSE;
        }
    }
  self->client = cw_ocpi_client_new (self->session, cw_demo_hub_get_versions_url (self->hub),
                                     NULL, self->spec->id);
  return TRUE;
}

/* ---- syncing ---- */

/* CHARGEWAY_OCM_URL points at another server, as for chargeway-cli
 * (tests, mirrors); the key still goes only over https or loopback. */
static CwOcmClient *
new_ocm_client (CwLiveSource *self)
{
  CwOcmClient *ocm = cw_ocm_client_new (self->session, self->token);
  const char *base = g_getenv ("CHARGEWAY_OCM_URL");

  if (base != NULL && *base != '\0')
    cw_ocm_client_set_base_url (ocm, base);
  return ocm;
}

static guint
count_mine (CwLiveSource *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint mine = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      if (g_strcmp0 (cw_station_get_source (s), self->spec->id) == 0)
        mine++;
    }
  return mine;
}


static void
sync_failed (CwLiveSource *self,
             const GError *error,
             int           retry_after)
{
  guint delay;

  self->n_failures++;
  delay = cw_live_source_backoff (self->n_failures, self->retry_base, MAX (RETRY_CAP, self->interval));
  /* ±20 % jitter, so many kiosks do not come back in step. */
  delay = MAX (1, (guint) (delay * g_random_double_range (0.8, 1.2)));
  delay = MIN (delay, MAX (RETRY_CAP, self->interval));
  if (retry_after >= 0)
    delay = MAX (delay, (guint) retry_after);

  g_free (self->error);
  self->error = g_strdup (error->message);
  self->state = CW_LIVE_STATE_FAILED;
  /* Most messages already start with the label (the host, "Open Charge Map"). */
  if (g_str_has_prefix (error->message, self->spec->label))
    g_message ("%s; retrying in %u s", error->message, delay);
  else
    g_message ("%s: %s; retrying in %u s", self->spec->label, error->message, delay);
  /* A hub or server that went away is found again from the start. */
  if (g_error_matches (error, CW_NET_ERROR, CW_NET_ERROR_UNREACHABLE) ||
      g_error_matches (error, CW_NET_ERROR, CW_NET_ERROR_NOT_FOUND))
    g_clear_object (&self->client);
  schedule (self, delay);
  emit_changed (self);
}

/* The start of every *_done: TRUE when there is no @answer to use,
 * because the sync was cancelled (nothing to do) or failed (counted and
 * retried, as sync_failed () says). */
static gboolean
sync_answer_missing (CwLiveSource  *self,
                     gconstpointer  answer,
                     const GError  *error,
                     int            retry_after)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;
  if (answer == NULL)
    {
      sync_failed (self, error, retry_after);
      return TRUE;
    }
  return FALSE;
}

/* A sync that answered: the source is well again. */
static void
sync_succeeded (CwLiveSource *self)
{
  self->last_success = g_get_real_time () / G_USEC_PER_SEC;
  self->n_failures = 0;
  self->state = CW_LIVE_STATE_OK;
  g_clear_pointer (&self->error, g_free);
}

/* The source's attribution on every station that has none of its own. */
static void
fill_attribution (CwLiveSource *self,
                  GPtrArray    *stations)
{
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      if (cw_station_get_attribution (s) == NULL && self->spec->attribution != NULL)
        cw_station_set_attribution (s, self->spec->attribution);
    }
}

/* A whole list that comes back empty (or, @n_unusable > 0, with every
 * record left out as unusable) while stations are shown is far likelier
 * a server in trouble than a network that closed every site: keep what
 * is shown, say so, and ask again later. Returns whether it did. */
static gboolean
refuse_empty_list (CwLiveSource *self,
                   guint         n_stations,
                   guint         n_unusable,
                   int           retry_after)
{
  guint shown;
  g_autoptr (GError) empty = NULL;

  if (n_stations > 0 || (shown = count_mine (self)) == 0)
    return FALSE;
  if (n_unusable > 0)
    empty = g_error_new (CW_NET_ERROR, CW_NET_ERROR_FAILED,
                         "%s sent no usable station (%u left out, see Data Quality); "
                         "the %u shown are kept",
                         self->spec->label, n_unusable, shown);
  else
    empty = g_error_new (CW_NET_ERROR, CW_NET_ERROR_FAILED,
                         "%s sent an empty list of stations; the %u shown are kept",
                         self->spec->label, shown);
  sync_failed (self, empty, retry_after);
  return TRUE;
}

static void
sync_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (CwLiveSource) self = user_data;
  g_autoptr (GError) error = NULL;
  int retry_after = -1;
  g_autoptr (CwOcpiSync) sync = cw_ocpi_client_sync_finish (CW_OCPI_CLIENT (object), result,
                                                            &retry_after, &error);

  if (sync_answer_missing (self, sync, error, retry_after))
    return;
  if (!sync->delta && refuse_empty_list (self, sync->stations->len, 0, retry_after))
    return;

  fill_attribution (self, sync->stations);
  /* A delta holds only what changed: merge without removing the rest. */
  cw_station_store_merge (self->store, self->spec->id, sync->stations, !sync->delta);

  self->last_sync_start = sync->started_at;
  self->cache_time = 0;
  sync_succeeded (self);
  g_debug ("%s: %u stations (%s)", self->spec->label, sync->stations->len,
           sync->delta ? "changes" : "all");
  if (!sync->delta || sync->stations->len > 0)
    save_cache (self);
  schedule (self, self->interval);
  emit_changed (self);
}

static void
feed_sync_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (CwLiveSource) self = user_data;
  g_autoptr (GError) error = NULL;
  int retry_after = -1;
  g_autoptr (CwFeedSync) sync = cw_feed_client_sync_finish (CW_FEED_CLIENT (object), result,
                                                            &retry_after, &error);

  if (sync_answer_missing (self, sync, error, retry_after))
    return;
  /* Every location unpublished is the feed's word; nothing usable at
   * all is not. */
  if (!sync->unchanged && !sync->delta && sync->hidden_ids->len == 0 &&
      refuse_empty_list (self, sync->stations->len, sync->report->stats.skipped, retry_after))
    return;

  if (!sync->unchanged)
    {
      fill_attribution (self, sync->stations);
      cw_station_store_merge (self->store, self->spec->id, sync->stations, !sync->delta);
      /* A location that stopped being published leaves the map, even in a delta. */
      cw_station_store_remove_ids (self->store, self->spec->id, sync->hidden_ids);
    }
  g_clear_pointer (&self->report, cw_feed_report_unref);
  self->report = cw_feed_report_ref (sync->report);

  self->last_sync_start = sync->started_at;
  self->cache_time = 0;
  sync_succeeded (self);
  if (!sync->unchanged && (!sync->delta || sync->stations->len > 0 || sync->hidden_ids->len > 0))
    save_cache (self);
  schedule (self, self->interval);
  emit_changed (self);
}

static void
ocm_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (CwLiveSource) self = user_data;
  g_autoptr (GError) error = NULL;
  int retry_after = -1;
  g_autoptr (GPtrArray) stations = cw_ocm_client_fetch_area_finish (CW_OCM_CLIENT (object), result,
                                                                    &retry_after, &error);

  if (sync_answer_missing (self, stations, error, retry_after))
    return;
  /* Areas add up as the map moves: nothing is removed. */
  cw_station_store_merge (self->store, self->spec->id, stations, FALSE);
  sync_succeeded (self);
  schedule (self, MAX (self->interval, CW_OCM_DEFAULT_TTL));
  emit_changed (self);
}

static void
ocm_route_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (CwLiveSource) self = user_data;
  g_autoptr (GError) error = NULL;
  int retry_after = -1;
  g_autoptr (GPtrArray) stations = cw_ocm_client_fetch_polyline_finish (CW_OCM_CLIENT (object), result,
                                                                        &retry_after, &error);

  if (sync_answer_missing (self, stations, error, retry_after))
    return;
  cw_station_store_merge (self->store, self->spec->id, stations, FALSE);
  sync_succeeded (self);
  emit_changed (self);
}

static void
do_ocm_sync (CwLiveSource *self)
{
  if (self->ocm == NULL)
    self->ocm = new_ocm_client (self);
  if (!self->have_area)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->state = CW_LIVE_STATE_LOADING;
  emit_changed (self);
  cw_ocm_client_fetch_area_async (self->ocm, &self->area, 500, self->cancellable,
                                  ocm_done, g_object_ref (self));
}

static void
do_sync (CwLiveSource *self)
{
  g_autoptr (GError) error = NULL;

  /* The cache's load starts the first sync when it is done. */
  if (!self->running || self->cache_loading)
    return;

  if (!cw_source_spec_is_live (self->spec))
    {
      /* Files: one load; a reload is asked for by hand. */
      g_autoptr (GPtrArray) stations = cw_source_load (self->spec, NULL, &error);
      if (stations == NULL)
        {
          g_free (self->error);
          self->error = g_strdup (error->message);
          self->state = CW_LIVE_STATE_FAILED;
        }
      else
        {
          cw_station_store_merge (self->store, self->spec->id, stations, TRUE);
          self->state = CW_LIVE_STATE_OK;
          self->last_success = g_get_real_time () / G_USEC_PER_SEC;
          g_clear_pointer (&self->error, g_free);
        }
      emit_changed (self);
      return;
    }

  if (self->spec->kind == CW_SOURCE_KIND_OCM)
    {
      do_ocm_sync (self);
      return;
    }

  if (!ensure_client (self, &error))
    {
      sync_failed (self, error, -1);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->state = CW_LIVE_STATE_LOADING;
  emit_changed (self);
  if (self->feed_client != NULL)
    {
      /* The client asks only feeds that honour date_from for changes. */
      cw_feed_client_sync_async (self->feed_client, self->last_success > 0 ? self->last_sync_start : 0,
                                 self->cancellable, feed_sync_done, g_object_ref (self));
      return;
    }
  /* After a failure, ask again since the last success: nothing is skipped. */
  cw_ocpi_client_sync_async (self->client, self->last_success > 0 ? self->last_sync_start : 0,
                             NULL, NULL, self->cancellable, sync_done, g_object_ref (self));
}

/* ---- GObject ---- */

static void
cw_live_source_dispose (GObject *object)
{
  CwLiveSource *self = CW_LIVE_SOURCE (object);

  cw_live_source_stop (self);
  g_clear_object (&self->client);
  g_clear_object (&self->feed_client);
  g_clear_pointer (&self->report, cw_feed_report_unref);
  g_clear_object (&self->ocm);
  g_clear_object (&self->hub);
  if (self->hub_process != NULL)
    {
      g_subprocess_force_exit (self->hub_process);
      g_clear_object (&self->hub_process);
    }
  g_cancellable_cancel (self->cache_cancellable);
  g_clear_object (&self->cache_cancellable);
  g_clear_pointer (&self->cache_pending, g_bytes_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cw_live_source_parent_class)->dispose (object);
}

static void
cw_live_source_finalize (GObject *object)
{
  CwLiveSource *self = CW_LIVE_SOURCE (object);

  cw_source_spec_free (self->spec);
  g_free (self->cache_path);
  g_free (self->json_cache_path);
  g_free (self->feed_origin);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->error);

  G_OBJECT_CLASS (cw_live_source_parent_class)->finalize (object);
}

static void
cw_live_source_class_init (CwLiveSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_live_source_dispose;
  object_class->finalize = cw_live_source_finalize;

  /**
   * CwLiveSource::changed:
   *
   * The state, the error or the times changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cw_live_source_init (CwLiveSource *self)
{
  self->interval = DEFAULT_INTERVAL;
  self->retry_base = DEFAULT_RETRY_BASE;
  self->demo_mode = CW_DEMO_HUB_SUBPROCESS;
  self->demo_speed = 1.0;
  self->feed_gap_ms = -1;
}

char *
cw_live_source_cache_name (const char *source_id,
                           gboolean    json)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, source_id, -1);
  return g_strdup_printf ("source-%.16s.%s", sum, json ? "json" : "cwcache");
}

/* Where the disk cache of @spec is kept under @cache_dir, or NULL for
 * a source that keeps none. */
static char *
cache_path_for (CwSourceSpec *spec,
                const char   *cache_dir,
                gboolean      json)
{
  g_autofree char *name = NULL;

  if (cache_dir == NULL || !cw_source_spec_is_live (spec) || spec->kind == CW_SOURCE_KIND_OCM)
    return NULL;
  name = cw_live_source_cache_name (spec->id, json);
  return g_build_filename (cache_dir, name, NULL);
}

void
cw_live_source_prefetch_cache (CwSourceSpec *spec,
                               const char   *cache_dir)
{
  g_autofree char *path = NULL;

  g_return_if_fail (spec != NULL);

  path = cache_path_for (spec, cache_dir, FALSE);
  if (path != NULL)
    cw_cache_prefetch_start (path, spec->id);
}

CwLiveSource *
cw_live_source_new (CwSourceSpec   *spec,
                    CwStationStore *store,
                    const char     *cache_dir,
                    const char     *token)
{
  CwLiveSource *self;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (CW_IS_STATION_STORE (store), NULL);

  self = g_object_new (CW_TYPE_LIVE_SOURCE, NULL);
  self->spec = cw_source_spec_copy (spec);
  self->store = g_object_ref (store);
  self->token = g_strdup (token);
  self->session = cw_http_session_new (30);
  self->interval = MAX (self->interval, self->spec->min_interval);
  self->cache_path = cache_path_for (self->spec, cache_dir, FALSE);
  self->json_cache_path = cache_path_for (self->spec, cache_dir, TRUE);
  return self;
}

void
cw_live_source_set_interval (CwLiveSource *self,
                             guint         seconds)
{
  g_return_if_fail (CW_IS_LIVE_SOURCE (self));
  /* An open feed asks to be polled no more often than its own interval. */
  self->interval = MAX (MAX (1, seconds), self->spec->min_interval);
}

void
cw_live_source_set_demo_mode (CwLiveSource  *self,
                              CwDemoHubMode  mode,
                              double         speed)
{
  g_return_if_fail (CW_IS_LIVE_SOURCE (self));
  self->demo_mode = mode;
  self->demo_speed = speed > 0 ? speed : 1.0;
}

void
cw_live_source_set_retry_base (CwLiveSource *self,
                               guint         seconds)
{
  g_return_if_fail (CW_IS_LIVE_SOURCE (self));
  self->retry_base = MAX (1, seconds);
}

void
cw_live_source_set_session (CwLiveSource *self,
                            SoupSession  *session)
{
  g_return_if_fail (CW_IS_LIVE_SOURCE (self));
  g_set_object (&self->session, session);
  g_clear_object (&self->client);
  g_clear_object (&self->feed_client);
}

void
cw_live_source_set_feed_options (CwLiveSource *self,
                                 const char   *origin,
                                 guint         page_limit,
                                 int           gap_ms)
{
  g_return_if_fail (CW_IS_LIVE_SOURCE (self));
  g_free (self->feed_origin);
  self->feed_origin = g_strdup (origin);
  self->feed_page_limit = page_limit;
  self->feed_gap_ms = gap_ms;
  g_clear_object (&self->feed_client);
}

CwFeedReport *
cw_live_source_get_report (CwLiveSource *self)
{
  g_return_val_if_fail (CW_IS_LIVE_SOURCE (self), NULL);
  return self->report;
}

void
cw_live_source_start (CwLiveSource *self)
{
  g_return_if_fail (CW_IS_LIVE_SOURCE (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->stopped = FALSE;
  if (self->cache_path != NULL && (self->cache_loading || !self->cache_read))
    {
      /* Shown as loading from now: the cache, then the network (its
       * load starts the first sync when done). */
      self->state = CW_LIVE_STATE_LOADING;
      if (!self->cache_loading)
        load_cache (self);
      emit_changed (self);
      return;
    }
  do_sync (self);
}

void
cw_live_source_load_cache (CwLiveSource *self)
{
  g_return_if_fail (CW_IS_LIVE_SOURCE (self));

  if (self->cache_path == NULL || self->cache_read)
    return;
  self->stopped = FALSE;
  load_cache (self);
}

void
cw_live_source_set_token (CwLiveSource *self,
                          const char   *token)
{
  g_return_if_fail (CW_IS_LIVE_SOURCE (self));

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);
  /* The next sync makes its client with it (a demo needs none). */
  if (self->spec->kind == CW_SOURCE_KIND_OCPI)
    g_clear_object (&self->client);
  g_clear_object (&self->feed_client);   /* a shared-key feed's printed key */
  g_clear_object (&self->ocm);
}

void
cw_live_source_refresh (CwLiveSource *self)
{
  g_return_if_fail (CW_IS_LIVE_SOURCE (self));

  if (!self->running)
    {
      cw_live_source_start (self);
      return;
    }
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->next_attempt = 0;
  do_sync (self);
}

void
cw_live_source_stop (CwLiveSource *self)
{
  g_return_if_fail (CW_IS_LIVE_SOURCE (self));

  self->running = FALSE;
  self->stopped = TRUE;
  if (self->state == CW_LIVE_STATE_LOADING)
    self->state = self->last_success > 0 ? CW_LIVE_STATE_OK : CW_LIVE_STATE_IDLE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->next_attempt = 0;
}

void
cw_live_source_set_area (CwLiveSource *self,
                         const CwBBox *box)
{
  g_return_if_fail (CW_IS_LIVE_SOURCE (self));
  g_return_if_fail (box != NULL);

  if (self->spec->kind != CW_SOURCE_KIND_OCM)
    return;
  self->area = *box;
  self->have_area = TRUE;
  if (!self->running)
    return;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  do_sync (self);
}

/* The longest polyline sent: OCM takes it in the query string. */
#define MAX_POLYLINE_CHARS 6000

void
cw_live_source_set_route (CwLiveSource *self,
                          CwRoute      *route,
                          double        corridor_km)
{
  g_autofree char *encoded = NULL;
  double tolerance = 50;

  g_return_if_fail (CW_IS_LIVE_SOURCE (self));

  if (self->spec->kind != CW_SOURCE_KIND_OCM || route == NULL || !self->running)
    return;
  if (self->ocm == NULL)
    self->ocm = new_ocm_client (self);

  /* Simplify until the encoded line fits a URL; the corridor hides the
   * difference as long as the tolerance stays well under its width. */
  for (;;)
    {
      g_autoptr (GArray) simple = cw_polyline_simplify (cw_route_get_points (route),
                                                        cw_route_get_n_points (route), tolerance);

      g_free (encoded);
      encoded = cw_polyline_encode ((const CwLatLon *) (void *) simple->data, simple->len, 5);
      if (strlen (encoded) <= MAX_POLYLINE_CHARS || tolerance > corridor_km * 250)
        break;
      tolerance *= 2;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->state = CW_LIVE_STATE_LOADING;
  emit_changed (self);
  cw_ocm_client_fetch_polyline_async (self->ocm, encoded, corridor_km, 2000, self->cancellable,
                                      ocm_route_done, g_object_ref (self));
}

const char *
cw_live_source_get_attribution (CwLiveSource *self)
{
  g_return_val_if_fail (CW_IS_LIVE_SOURCE (self), NULL);
  return self->spec->attribution;
}

CwSourceSpec *
cw_live_source_get_spec (CwLiveSource *self)
{
  return self->spec;
}

CwLiveState
cw_live_source_get_state (CwLiveSource *self)
{
  return self->state;
}

const char *
cw_live_source_get_error (CwLiveSource *self)
{
  return self->error;
}

gint64
cw_live_source_get_last_success (CwLiveSource *self)
{
  return self->last_success;
}

gint64
cw_live_source_get_next_attempt (CwLiveSource *self)
{
  return self->next_attempt;
}

gint64
cw_live_source_get_cache_time (CwLiveSource *self)
{
  return self->cache_time;
}

guint
cw_live_source_get_n_failures (CwLiveSource *self)
{
  return self->n_failures;
}

int
cw_live_source_get_hub_pid (CwLiveSource *self)
{
  const char *id;

  if (self->hub_process == NULL || !(id = g_subprocess_get_identifier (self->hub_process)))
    return 0;
  return atoi (id);
}
