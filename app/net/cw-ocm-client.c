/* cw-ocm-client.c
 *
 * Three kinds of work share one pattern: a caller's GTask waits on
 * something shared (the reference data, a tile request) and is answered
 * when that finishes, or earlier when its own cancellable fires. The
 * shared requests use the client's cancellable, so one caller giving up
 * never takes data away from another.
 *
 * Tiles: level z cuts the world into squares of 360/2^z degrees, x from
 * -180° east, y from -90° north. An area picks the deepest level whose
 * tile is at least as large as the area, so it touches at most 2×2
 * tiles. A station belongs to the one tile its coordinates fall in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-ocm-client"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cw-http.h"
#include "cw-ocm-client.h"

#define ATTRIBUTION       "Data: Open Charge Map contributors, CC BY-SA 4.0"
#define DEFAULT_TIMEOUT   30
#define MAX_ZOOM          18     /* tiles of about 150 m */
#define REFERENCE_FILE    "referencedata.json"
#define REFERENCE_STAMP   "referencedata.fetched"

struct _CwOcmClient
{
  GObject         parent_instance;

  SoupSession    *session;
  char           *base_url;           /* no trailing '/' */
  char           *api_key;            /* NULL when none */
  char           *cache_dir;
  guint           ttl;
  guint64         max_bytes;

  GCancellable   *cancellable;        /* the shared requests */

  CwOcmReference *reference;
  GPtrArray      *reference_waiters;  /* GTask*; non-NULL while fetching */

  GHashTable     *tiles;              /* guint64 key → Tile* */
  GHashTable     *in_flight;          /* guint64 key → TileFetch* (borrowed) */
  guint           generation;         /* bumped when the server changes */
};

G_DEFINE_FINAL_TYPE (CwOcmClient, cw_ocm_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_CACHE_DIR,
  PROP_TTL,
  PROP_MAX_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- waiting callers ---- */

/* The head of every caller's task data. */
typedef struct {
  GSource  *cancel_source;
  gboolean  done;
  int       retry_after;
} Waiter;

static void
waiter_clear (Waiter *w)
{
  if (w->cancel_source != NULL)
    {
      g_source_destroy (w->cancel_source);
      g_clear_pointer (&w->cancel_source, g_source_unref);
    }
}

static void
waiter_return_error (GTask  *task,
                     GError *error,
                     int     retry_after)
{
  g_autoptr (GTask) hold G_GNUC_UNUSED = g_object_ref (task);
  Waiter *w = g_task_get_task_data (task);

  if (w->done)
    {
      g_error_free (error);
      return;
    }
  w->done = TRUE;
  w->retry_after = retry_after;
  waiter_clear (w);
  g_task_return_error (task, error);
}

static void
waiter_return_pointer (GTask          *task,
                       gpointer        result,
                       GDestroyNotify  destroy)
{
  g_autoptr (GTask) hold G_GNUC_UNUSED = g_object_ref (task);
  Waiter *w = g_task_get_task_data (task);

  if (w->done)
    {
      if (destroy != NULL && result != NULL)
        destroy (result);
      return;
    }
  w->done = TRUE;
  waiter_clear (w);
  g_task_return_pointer (task, result, destroy);
}

static gboolean
waiter_cancelled (GCancellable *cancellable,
                  gpointer      user_data)
{
  waiter_return_error (G_TASK (user_data),
                       g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            "The request was cancelled"), -1);
  return G_SOURCE_REMOVE;
}

/* Answers @task as soon as its cancellable fires, in its own context:
 * a cancellable source never runs inside GCancellable's lock. */
static void
waiter_watch (GTask *task)
{
  Waiter *w = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cancellable == NULL || w->cancel_source != NULL)
    return;
  w->cancel_source = g_cancellable_source_new (cancellable);
  g_source_set_callback (w->cancel_source, G_SOURCE_FUNC (waiter_cancelled),
                         g_object_ref (task), g_object_unref);
  g_source_attach (w->cancel_source, g_task_get_context (task));
}

static int
waiter_get_retry_after (GAsyncResult *result)
{
  Waiter *w = g_task_get_task_data (G_TASK (result));

  return w != NULL ? w->retry_after : -1;
}

/* ---- errors and requests ---- */

/* Says what went wrong in Open Charge Map's name; a 401 says whether a
 * key was refused or none was set. The key itself never goes in. */
static GError *
ocm_error (CwOcmClient *self,
           GError      *error)
{
  if (g_error_matches (error, CW_NET_ERROR, CW_NET_ERROR_UNAUTHORIZED))
    {
      char *message = g_strdup_printf (self->api_key != NULL ?
                                       "Open Charge Map refused the API key (%s)" :
                                       "Open Charge Map needs an API key (%s)",
                                       error->message);
      g_free (error->message);
      error->message = message;
    }
  else if (error->domain == CW_PARSE_ERROR)
    {
      /* Bad data: which server sent it (host and port, never the key). */
      g_autoptr (GUri) uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
      g_autofree char *host = cw_http_describe_host (uri);

      g_prefix_error (&error, "Open Charge Map at %s answered something unexpected: ", host);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (&error, "Open Charge Map: ");

  if (self->api_key != NULL && strstr (error->message, self->api_key) != NULL)
    {
      g_free (error->message);
      error->message = g_strdup ("Open Charge Map: the request failed");
    }
  return error;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static SoupMessage *
build_message (CwOcmClient  *self,
               const char   *path,
               const char   *query,
               GError      **error)
{
  g_autofree char *url = cw_http_build_url (self->base_url, path, query, NULL);
  g_autoptr (SoupMessage) msg = url ? soup_message_new (SOUP_METHOD_GET, url) : NULL;
  SoupMessageHeaders *headers;
  GUri *uri;

  if (msg == NULL)
    {
      g_set_error_literal (error, CW_NET_ERROR, CW_NET_ERROR_FAILED,
                           "The Open Charge Map address is not a valid http(s) URL");
      return NULL;
    }
  uri = soup_message_get_uri (msg);
  if (self->api_key != NULL &&
      g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
      !host_is_loopback (g_uri_get_host (uri)))
    {
      g_autofree char *host = cw_http_describe_host (uri);
      g_set_error (error, CW_NET_ERROR, CW_NET_ERROR_TLS,
                   "Open Charge Map at %s is not https: the API key is not sent in clear text",
                   host);
      return NULL;
    }

  /* A key with a line break (pasted badly) would be a second header, and
   * libsoup would log it refusing it: refuse it here, unquoted. */
  for (const char *k = self->api_key; k != NULL && *k; k++)
    if ((guchar) *k < 0x20 || *k == 0x7f)
      {
        g_set_error_literal (error, CW_NET_ERROR, CW_NET_ERROR_UNAUTHORIZED,
                             "The Open Charge Map API key holds characters no HTTP header can carry "
                             "(a line break?): enter it again");
        return NULL;
      }

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->api_key != NULL)
    soup_message_headers_replace (headers, "X-API-Key", self->api_key);
  return g_steal_pointer (&msg);
}

/* ---- GET /poi, parsed in a worker thread ---- */

typedef struct {
  SoupMessage *msg;
  GBytes      *bytes;
  int          retry_after;
} PoiGet;

static void
poi_get_free (PoiGet *pg)
{
  g_clear_object (&pg->msg);
  g_clear_pointer (&pg->bytes, g_bytes_unref);
  g_free (pg);
}

static void
poi_parse_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CwOcmClient *self = source_object;
  PoiGet *pg = task_data;
  GError *error = NULL;
  GPtrArray *stations;

  /* self->reference is set before any /poi request starts and only
   * freed in finalize, which this task's reference on self holds off. */
  stations = cw_ocm_parse_poi (pg->bytes, self->reference, CW_OCM_SOURCE_ID, &error);
  if (stations == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stations, (GDestroyNotify) g_ptr_array_unref);
}

static void
poi_got_bytes (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  PoiGet *pg = g_task_get_task_data (task);
  GError *error = NULL;

  pg->bytes = cw_http_send_finish (SOUP_SESSION (object), result, &pg->retry_after, &error);
  if (pg->bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("/poi answered %" G_GSIZE_FORMAT " bytes", g_bytes_get_size (pg->bytes));
  g_task_run_in_thread (task, poi_parse_thread);
}

static void
poi_get_async (CwOcmClient         *self,
               const char          *query,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PoiGet *pg = g_new0 (PoiGet, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, poi_get_async);
  pg->retry_after = -1;
  g_task_set_task_data (task, pg, (GDestroyNotify) poi_get_free);

  pg->msg = build_message (self, "/poi", query, &error);
  if (pg->msg == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  /* The query holds coordinates and options, never the key. */
  g_debug ("GET /poi?%.200s%s", query, strlen (query) > 200 ? "…" : "");
  cw_http_send_async (self->session, pg->msg, self->max_bytes, cancellable, poi_got_bytes, task);
}

static GPtrArray *
poi_get_finish (CwOcmClient   *self,
                GAsyncResult  *result,
                int           *retry_after_out,
                GError       **error)
{
  PoiGet *pg = g_task_get_task_data (G_TASK (result));
  GError *local_error = NULL;
  GPtrArray *stations;

  *retry_after_out = pg->retry_after;
  stations = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (stations == NULL)
    g_propagate_error (error, ocm_error (self, local_error));
  return stations;
}

/* ---- reference data ---- */

static void area_op_plan     (CwOcmClient *self,
                              GTask       *task);
static void polyline_op_send (CwOcmClient *self,
                              GTask       *task);

/* Hands a waiter on to what it waited for; takes @task. */
static void
reference_ready (CwOcmClient *self,
                 GTask       *task)
{
  gpointer tag = g_task_get_source_tag (task);

  if (tag == cw_ocm_client_fetch_area_async)
    area_op_plan (self, task);
  else if (tag == cw_ocm_client_fetch_polyline_async)
    polyline_op_send (self, task);
  else
    {
      waiter_return_pointer (task, self->reference, NULL);
      g_object_unref (task);
    }
}

static void
reference_complete (CwOcmClient    *self,
                    CwOcmReference *ref,
                    GError         *error,
                    int             retry_after)
{
  g_autoptr (GPtrArray) waiters = g_steal_pointer (&self->reference_waiters);

  if (ref != NULL)
    {
      g_assert (self->reference == NULL);
      self->reference = ref;
    }
  for (guint i = 0; waiters && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (ref != NULL)
        reference_ready (self, g_object_ref (task));
      else
        waiter_return_error (task, g_error_copy (error), retry_after);
    }
  if (error != NULL)
    g_error_free (error);
}

typedef struct {
  CwOcmReference *ref;
  gint64          fetched;   /* unix seconds */
} DiskReference;

static void
disk_reference_free (DiskReference *d)
{
  cw_ocm_reference_free (d->ref);
  g_free (d);
}

static void
reference_load_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  const char *dir = task_data;
  g_autofree char *path = g_build_filename (dir, REFERENCE_FILE, NULL);
  g_autofree char *stamp_path = g_build_filename (dir, REFERENCE_STAMP, NULL);
  g_autofree char *stamp = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *contents = NULL;
  char *end = NULL;
  gsize len = 0;
  DiskReference *d;
  gint64 fetched;

  if (!g_file_get_contents (stamp_path, &stamp, NULL, NULL) ||
      !g_file_get_contents (path, &contents, &len, NULL))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  bytes = g_bytes_new_take (contents, len);
  fetched = g_ascii_strtoll (stamp, &end, 10);
  if (end == stamp)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  d = g_new0 (DiskReference, 1);
  d->fetched = fetched;
  d->ref = cw_ocm_reference_parse (bytes, &error);
  if (d->ref == NULL)
    {
      g_debug ("Ignoring the cached reference data: %s", error->message);
      g_clear_pointer (&d, disk_reference_free);
    }
  g_task_return_pointer (task, d, (GDestroyNotify) disk_reference_free);
}

static void
reference_save (const char *dir,
                GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (dir, REFERENCE_FILE, NULL);
  g_autofree char *stamp_path = g_build_filename (dir, REFERENCE_STAMP, NULL);
  g_autofree char *stamp = g_strdup_printf ("%" G_GINT64_FORMAT "\n",
                                            g_get_real_time () / G_USEC_PER_SEC);
  g_autoptr (GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("Cannot create %s: %s", dir, g_strerror (errno));
      return;
    }
  /* Data first, then its date: a crash in between leaves old data that
   * looks old, or new data that looks old; never old data that looks new. */
  g_unlink (stamp_path);
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error) ||
      !g_file_set_contents_full (stamp_path, stamp, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    g_debug ("Cannot keep the reference data: %s", error->message);
}

typedef struct {
  GBytes *bytes;
  char   *cache_dir;
} ReferenceParse;

static void
reference_parse_free (ReferenceParse *rp)
{
  g_clear_pointer (&rp->bytes, g_bytes_unref);
  g_free (rp->cache_dir);
  g_free (rp);
}

static void
reference_parse_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  ReferenceParse *rp = task_data;
  GError *error = NULL;
  CwOcmReference *ref = cw_ocm_reference_parse (rp->bytes, &error);

  if (ref == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (rp->cache_dir != NULL)
    reference_save (rp->cache_dir, rp->bytes);
  g_task_return_pointer (task, ref, (GDestroyNotify) cw_ocm_reference_free);
}

/* An older copy from disk stands in when the network fails. */
static void
reference_fail (CwOcmClient    *self,
                CwOcmReference *stale,
                GError         *error,
                int             retry_after)
{
  if (stale != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Using older cached reference data: %s", error->message);
      g_error_free (error);
      reference_complete (self, stale, NULL, -1);
      return;
    }
  cw_ocm_reference_free (stale);
  reference_complete (self, NULL, ocm_error (self, error), retry_after);
}

static void
reference_parsed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CwOcmClient *self = CW_OCM_CLIENT (object);
  CwOcmReference *stale = user_data;
  GError *error = NULL;
  CwOcmReference *ref = g_task_propagate_pointer (G_TASK (result), &error);

  if (ref == NULL)
    {
      reference_fail (self, stale, error, -1);
      return;
    }
  g_debug ("Reference data fetched");
  cw_ocm_reference_free (stale);
  reference_complete (self, ref, NULL, -1);
}

typedef struct {
  CwOcmClient    *self;
  CwOcmReference *stale;
} ReferenceFetch;

static void
reference_got_bytes (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ReferenceFetch *rf = user_data;
  g_autoptr (CwOcmClient) self = rf->self;
  CwOcmReference *stale = rf->stale;
  GError *error = NULL;
  int retry_after = -1;
  GBytes *bytes = cw_http_send_finish (SOUP_SESSION (object), result, &retry_after, &error);
  ReferenceParse *rp;
  GTask *task;

  g_free (rf);
  if (bytes == NULL)
    {
      reference_fail (self, stale, error, retry_after);
      return;
    }
  rp = g_new0 (ReferenceParse, 1);
  rp->bytes = bytes;
  rp->cache_dir = g_strdup (self->cache_dir);
  task = g_task_new (self, self->cancellable, reference_parsed, stale);
  g_task_set_task_data (task, rp, (GDestroyNotify) reference_parse_free);
  g_task_run_in_thread (task, reference_parse_thread);
  g_object_unref (task);
}

static void
reference_request (CwOcmClient    *self,
                   CwOcmReference *stale)
{
  g_autoptr (SoupMessage) msg = NULL;
  ReferenceFetch *rf;
  GError *error = NULL;

  msg = build_message (self, "/referencedata", NULL, &error);
  if (msg == NULL)
    {
      reference_fail (self, stale, error, -1);
      return;
    }
  g_debug ("GET /referencedata");
  rf = g_new0 (ReferenceFetch, 1);
  rf->self = g_object_ref (self);
  rf->stale = stale;
  cw_http_send_async (self->session, msg, self->max_bytes, self->cancellable,
                      reference_got_bytes, rf);
}

static void
reference_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CwOcmClient *self = CW_OCM_CLIENT (object);
  DiskReference *d = g_task_propagate_pointer (G_TASK (result), NULL);
  CwOcmReference *ref = NULL;
  gint64 age;

  if (d == NULL)
    {
      reference_request (self, NULL);
      return;
    }
  ref = g_steal_pointer (&d->ref);
  age = g_get_real_time () / G_USEC_PER_SEC - d->fetched;
  disk_reference_free (d);

  /* A date ahead of the clock is not trusted to be fresh. */
  if (age >= 0 && age < CW_OCM_REFERENCE_MAX_AGE)
    {
      g_debug ("Reference data from the cache, %" G_GINT64_FORMAT " s old", age);
      reference_complete (self, ref, NULL, -1);
    }
  else
    reference_request (self, ref);
}

static void
reference_start (CwOcmClient *self)
{
  GTask *task;

  if (self->cache_dir == NULL)
    {
      reference_request (self, NULL);
      return;
    }
  task = g_task_new (self, self->cancellable, reference_loaded, NULL);
  g_task_set_task_data (task, g_strdup (self->cache_dir), g_free);
  g_task_run_in_thread (task, reference_load_thread);
  g_object_unref (task);
}

/* Takes @task; answers it through reference_ready () once the
 * reference data is here, or with the error that kept it away. */
static void
reference_wait (CwOcmClient *self,
                GTask       *task)
{
  if (g_task_return_error_if_cancelled (task))
    {
      ((Waiter *) g_task_get_task_data (task))->done = TRUE;
      g_object_unref (task);
      return;
    }
  waiter_watch (task);
  if (self->reference != NULL)
    {
      reference_ready (self, task);
      return;
    }
  if (self->reference_waiters != NULL)
    {
      g_ptr_array_add (self->reference_waiters, task);
      return;
    }
  self->reference_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->reference_waiters, task);
  reference_start (self);
}

static GTask *
waiter_task_new (CwOcmClient         *self,
                 gsize                data_size,
                 GDestroyNotify       data_free,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Waiter *w = g_malloc0 (data_size);

  w->retry_after = -1;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, w, data_free);
  return task;
}

static void
waiter_free (Waiter *w)
{
  waiter_clear (w);
  g_free (w);
}

void
cw_ocm_client_fetch_reference_async (CwOcmClient         *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CW_IS_OCM_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  reference_wait (self, waiter_task_new (self, sizeof (Waiter), (GDestroyNotify) waiter_free,
                                         cw_ocm_client_fetch_reference_async,
                                         cancellable, callback, user_data));
}

CwOcmReference *
cw_ocm_client_fetch_reference_finish (CwOcmClient   *self,
                                      GAsyncResult  *result,
                                      int           *retry_after_out,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        cw_ocm_client_fetch_reference_async, NULL);

  if (retry_after_out != NULL)
    *retry_after_out = waiter_get_retry_after (result);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- tiles ---- */

typedef struct {
  GPtrArray *stations;     /* CwStation*, those whose position is in the tile */
  gint64     fetched_at;   /* monotonic µs */
  guint      max_results;  /* of the request that brought it */
  gboolean   complete;     /* that request was not cut at max_results */
} Tile;

static void
tile_free (Tile *tile)
{
  g_ptr_array_unref (tile->stations);
  g_free (tile);
}

static guint64
tile_key (int   z,
          guint x,
          guint y)
{
  return ((guint64) z << 56) | ((guint64) x << 28) | y;
}

static gpointer
tile_key_dup (int   z,
              guint x,
              guint y)
{
  guint64 key = tile_key (z, x, y);

  return g_memdup2 (&key, sizeof key);
}

static double
tile_size (int z)
{
  return 360.0 / (double) (1u << z);
}

static guint
tile_x (double lon,
        int    z)
{
  double n = floor ((lon + 180.0) / tile_size (z));

  return (guint) CLAMP (n, 0.0, (double) ((1u << z) - 1));
}

static guint
tile_y (double lat,
        int    z)
{
  double n = floor ((lat + 90.0) / tile_size (z));

  return (guint) CLAMP (n, 0.0, z == 0 ? 0.0 : (double) ((1u << (z - 1)) - 1));
}

static int
zoom_for_box (const CwBBox *box)
{
  double span = MAX (box->max_lat - box->min_lat, box->max_lon - box->min_lon);
  int z = 0;

  while (z < MAX_ZOOM && tile_size (z + 1) >= span)
    z++;
  return z;
}

static gboolean
tile_is_fresh (CwOcmClient *self,
               Tile        *tile,
               gint64       now)
{
  return now - tile->fetched_at < (gint64) self->ttl * G_USEC_PER_SEC;
}

static void
tiles_expire (CwOcmClient *self,
              gint64       now)
{
  GHashTableIter iter;
  Tile *tile;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tile))
    if (!tile_is_fresh (self, tile, now))
      g_hash_table_iter_remove (&iter);
}

/* Adds the stations of tile (z, x, y) to @out when the cache has them:
 * the tile itself, or a larger one holding all its stations. */
static gboolean
tiles_lookup (CwOcmClient *self,
              int          z,
              guint        x,
              guint        y,
              guint        max_results,
              GPtrArray   *out)
{
  for (int d = 0; d <= z; d++)
    {
      guint64 key = tile_key (z - d, x >> d, y >> d);
      Tile *tile = g_hash_table_lookup (self->tiles, &key);

      if (tile == NULL)
        continue;
      if (d == 0 && (tile->complete || tile->max_results >= max_results))
        {
          for (guint i = 0; i < tile->stations->len; i++)
            g_ptr_array_add (out, g_object_ref (g_ptr_array_index (tile->stations, i)));
          return TRUE;
        }
      if (d > 0 && tile->complete)
        {
          for (guint i = 0; i < tile->stations->len; i++)
            {
              CwStation *s = g_ptr_array_index (tile->stations, i);

              if (tile_x (s->longitude, z) == x && tile_y (s->latitude, z) == y)
                g_ptr_array_add (out, g_object_ref (s));
            }
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- area queries ---- */

typedef struct {
  Waiter     w;
  guint      max_results;
  int        z;
  guint      x0, y0, x1, y1;
  GPtrArray *stations;
  guint      pending;      /* tile fetches still to answer */
} AreaOp;

static void
area_op_free (AreaOp *op)
{
  waiter_clear (&op->w);
  g_clear_pointer (&op->stations, g_ptr_array_unref);
  g_free (op);
}

/* One boundingbox request for a rectangle of tiles, x0..x1 × y0..y1. */
typedef struct {
  CwOcmClient *self;
  int          z;
  guint        x0, y0, x1, y1;
  guint        max_results;
  guint        generation;
  GPtrArray   *waiters;    /* GTask* of AreaOps */
} TileFetch;

static void
tile_fetch_free (TileFetch *fetch)
{
  g_ptr_array_unref (fetch->waiters);
  g_object_unref (fetch->self);
  g_free (fetch);
}

static void
area_op_return (GTask *task)
{
  AreaOp *op = g_task_get_task_data (task);

  g_debug ("Area answered with %u stations", op->stations->len);
  waiter_return_pointer (task, g_steal_pointer (&op->stations),
                         (GDestroyNotify) g_ptr_array_unref);
}

/* Coordinates go out rounded away from the tiles, so the server's box
 * never leaves an edge of them out. */
static char *
format_coord (double v,
              int    outward)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double r = outward < 0 ? floor (v * 1e6) / 1e6 : ceil (v * 1e6) / 1e6;

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6f", r));
}

static char *
tile_fetch_query (TileFetch *fetch)
{
  double size = tile_size (fetch->z);
  double min_lon = -180.0 + fetch->x0 * size;
  double max_lon = MIN (180.0, -180.0 + (fetch->x1 + 1) * size);
  double min_lat = -90.0 + fetch->y0 * size;
  double max_lat = MIN (90.0, -90.0 + (fetch->y1 + 1) * size);
  g_autofree char *top = format_coord (max_lat, 1);
  g_autofree char *left = format_coord (min_lon, -1);
  g_autofree char *bottom = format_coord (min_lat, -1);
  g_autofree char *right = format_coord (max_lon, 1);

  /* OCM v3: "top left and bottom right box corners as (lat,lng),(lat2,lng2)" */
  g_autofree char *box = g_strdup_printf ("(%s,%s),(%s,%s)", top, left, bottom, right);
  g_autofree char *max = g_strdup_printf ("%u", fetch->max_results);

  return soup_form_encode ("boundingbox", box, "maxresults", max, "compact", "true",
                           "verbose", "false", NULL);
}

/* The stations of @fetch's answer, by tile; those outside it dropped. */
static GHashTable *
tile_fetch_split (TileFetch *fetch,
                  GPtrArray *stations)
{
  GHashTable *by_tile = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  guint dropped = 0;

  for (guint y = fetch->y0; y <= fetch->y1; y++)
    for (guint x = fetch->x0; x <= fetch->x1; x++)
      g_hash_table_insert (by_tile, tile_key_dup (fetch->z, x, y),
                           g_ptr_array_new_with_free_func (g_object_unref));

  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      guint64 key = tile_key (fetch->z, tile_x (s->longitude, fetch->z),
                              tile_y (s->latitude, fetch->z));
      GPtrArray *tile = g_hash_table_lookup (by_tile, &key);

      if (tile != NULL)
        g_ptr_array_add (tile, g_object_ref (s));
      else
        dropped++;
    }
  if (dropped > 0)
    g_debug ("%u stations outside the box asked for were left out", dropped);
  return by_tile;
}

static void
tile_fetch_deliver (TileFetch  *fetch,
                    GHashTable *by_tile,
                    GTask      *task)
{
  AreaOp *op = g_task_get_task_data (task);
  guint x0 = MAX (op->x0, fetch->x0), x1 = MIN (op->x1, fetch->x1);
  guint y0 = MAX (op->y0, fetch->y0), y1 = MIN (op->y1, fetch->y1);

  if (op->w.done)
    return;
  for (guint y = y0; y <= y1 && x0 <= x1; y++)
    for (guint x = x0; x <= x1; x++)
      {
        guint64 key = tile_key (fetch->z, x, y);
        GPtrArray *tile = g_hash_table_lookup (by_tile, &key);

        for (guint i = 0; tile && i < tile->len; i++)
          g_ptr_array_add (op->stations, g_object_ref (g_ptr_array_index (tile, i)));
      }
  g_assert (op->pending > 0);
  if (--op->pending == 0)
    area_op_return (task);
}

static void
tile_fetch_cache (TileFetch  *fetch,
                  GHashTable *by_tile,
                  gboolean    complete)
{
  CwOcmClient *self = fetch->self;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer key, value;

  if (self->ttl == 0 || fetch->generation != self->generation)
    return;
  g_hash_table_iter_init (&iter, by_tile);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Tile *tile = g_new0 (Tile, 1);

      tile->stations = g_ptr_array_ref (value);
      tile->fetched_at = now;
      tile->max_results = fetch->max_results;
      tile->complete = complete;
      g_hash_table_replace (self->tiles, g_memdup2 (key, sizeof (guint64)), tile);
    }
}

static void
tile_fetch_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TileFetch *fetch = user_data;
  CwOcmClient *self = fetch->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GHashTable) by_tile = NULL;
  int retry_after = -1;

  stations = poi_get_finish (self, result, &retry_after, &error);

  for (guint y = fetch->y0; y <= fetch->y1; y++)
    for (guint x = fetch->x0; x <= fetch->x1; x++)
      {
        guint64 key = tile_key (fetch->z, x, y);

        if (g_hash_table_lookup (self->in_flight, &key) == fetch)
          g_hash_table_remove (self->in_flight, &key);
      }

  if (stations == NULL)
    {
      for (guint i = 0; i < fetch->waiters->len; i++)
        waiter_return_error (g_ptr_array_index (fetch->waiters, i), g_error_copy (error),
                             retry_after);
      tile_fetch_free (fetch);
      return;
    }

  g_debug ("Tiles z%d x%u-%u y%u-%u: %u stations", fetch->z, fetch->x0, fetch->x1,
           fetch->y0, fetch->y1, stations->len);
  by_tile = tile_fetch_split (fetch, stations);
  tile_fetch_cache (fetch, by_tile, stations->len < fetch->max_results);
  for (guint i = 0; i < fetch->waiters->len; i++)
    tile_fetch_deliver (fetch, by_tile, g_ptr_array_index (fetch->waiters, i));
  tile_fetch_free (fetch);
}

static void
tile_fetch_start (CwOcmClient *self,
                  GTask       *task,
                  guint        x0,
                  guint        y0,
                  guint        x1,
                  guint        y1)
{
  AreaOp *op = g_task_get_task_data (task);
  TileFetch *fetch = g_new0 (TileFetch, 1);
  g_autofree char *query = NULL;

  fetch->self = g_object_ref (self);
  fetch->z = op->z;
  fetch->x0 = x0;
  fetch->y0 = y0;
  fetch->x1 = x1;
  fetch->y1 = y1;
  fetch->max_results = op->max_results;
  fetch->generation = self->generation;
  fetch->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (fetch->waiters, g_object_ref (task));
  op->pending++;

  for (guint y = y0; y <= y1; y++)
    for (guint x = x0; x <= x1; x++)
      g_hash_table_insert (self->in_flight, tile_key_dup (op->z, x, y), fetch);

  query = tile_fetch_query (fetch);
  poi_get_async (self, query, self->cancellable, tile_fetch_done, fetch);
}

/* Missing tiles go out as rectangles: grown right, then down, greedily. */
static void
area_op_fetch_missing (CwOcmClient *self,
                       GTask       *task,
                       gboolean    *missing)
{
  AreaOp *op = g_task_get_task_data (task);
  guint nx = op->x1 - op->x0 + 1, ny = op->y1 - op->y0 + 1;

  for (guint j = 0; j < ny; j++)
    for (guint i = 0; i < nx; i++)
      {
        guint w = 0, h = 1;
        gboolean grow = TRUE;

        if (!missing[j * nx + i])
          continue;
        while (i + w < nx && missing[j * nx + i + w])
          w++;
        while (grow && j + h < ny)
          {
            for (guint k = 0; k < w && grow; k++)
              grow = missing[(j + h) * nx + i + k];
            if (grow)
              h++;
          }
        for (guint jj = j; jj < j + h; jj++)
          for (guint ii = i; ii < i + w; ii++)
            missing[jj * nx + ii] = FALSE;
        tile_fetch_start (self, task, op->x0 + i, op->y0 + j,
                          op->x0 + i + w - 1, op->y0 + j + h - 1);
      }
}

static void
area_op_plan (CwOcmClient *self,
              GTask       *task)
{
  g_autoptr (GTask) owned G_GNUC_UNUSED = task;
  AreaOp *op = g_task_get_task_data (task);
  guint nx = op->x1 - op->x0 + 1, ny = op->y1 - op->y0 + 1;
  g_autofree gboolean *missing = g_new0 (gboolean, nx * ny);
  guint cached = 0, waiting = 0, n_missing = 0;

  if (op->w.done)
    return;
  tiles_expire (self, g_get_monotonic_time ());

  for (guint j = 0; j < ny; j++)
    for (guint i = 0; i < nx; i++)
      {
        guint x = op->x0 + i, y = op->y0 + j;
        guint64 key = tile_key (op->z, x, y);
        TileFetch *fetch;

        if (tiles_lookup (self, op->z, x, y, op->max_results, op->stations))
          cached++;
        else if ((fetch = g_hash_table_lookup (self->in_flight, &key)) != NULL)
          {
            waiting++;
            if (!g_ptr_array_find (fetch->waiters, task, NULL))
              {
                g_ptr_array_add (fetch->waiters, g_object_ref (task));
                op->pending++;
              }
          }
        else
          {
            missing[j * nx + i] = TRUE;
            n_missing++;
          }
      }

  g_debug ("Area at z%d, tiles x%u-%u y%u-%u: %u cached, %u in flight, %u to fetch",
           op->z, op->x0, op->x1, op->y0, op->y1, cached, waiting, n_missing);
  if (n_missing > 0)
    area_op_fetch_missing (self, task, missing);
  if (op->pending == 0)
    area_op_return (task);
}

void
cw_ocm_client_fetch_area_async (CwOcmClient         *self,
                                const CwBBox        *box,
                                guint                max_results,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  AreaOp *op;

  g_return_if_fail (CW_IS_OCM_CLIENT (self));
  g_return_if_fail (box != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = waiter_task_new (self, sizeof (AreaOp), (GDestroyNotify) area_op_free,
                          cw_ocm_client_fetch_area_async, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->stations = g_ptr_array_new_with_free_func (g_object_unref);
  op->max_results = max_results > 0 ? max_results : CW_OCM_DEFAULT_MAX_RESULTS;

  if (!(box->min_lat <= box->max_lat && box->min_lon <= box->max_lon) ||
      !cw_geo_coords_valid (box->min_lat, box->min_lon) ||
      !cw_geo_coords_valid (box->max_lat, box->max_lon))
    {
      op->w.done = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "The area asked of Open Charge Map is not a box on Earth");
      g_object_unref (task);
      return;
    }
  op->z = zoom_for_box (box);
  op->x0 = tile_x (box->min_lon, op->z);
  op->x1 = tile_x (box->max_lon, op->z);
  op->y0 = tile_y (box->min_lat, op->z);
  op->y1 = tile_y (box->max_lat, op->z);

  reference_wait (self, task);
}

GPtrArray *
cw_ocm_client_fetch_area_finish (CwOcmClient   *self,
                                 GAsyncResult  *result,
                                 int           *retry_after_out,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        cw_ocm_client_fetch_area_async, NULL);

  if (retry_after_out != NULL)
    *retry_after_out = waiter_get_retry_after (result);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- route queries ---- */

typedef struct {
  Waiter  w;
  char   *query;
} PolylineOp;

static void
polyline_op_free (PolylineOp *op)
{
  waiter_clear (&op->w);
  g_free (op->query);
  g_free (op);
}

static void
polyline_op_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  int retry_after = -1;
  GPtrArray *stations = poi_get_finish (CW_OCM_CLIENT (object), result, &retry_after, &error);

  if (stations == NULL)
    waiter_return_error (task, error, retry_after);
  else
    waiter_return_pointer (task, stations, (GDestroyNotify) g_ptr_array_unref);
}

static void
polyline_op_send (CwOcmClient *self,
                  GTask       *task)
{
  PolylineOp *op = g_task_get_task_data (task);

  if (op->w.done)
    {
      g_object_unref (task);
      return;
    }
  poi_get_async (self, op->query, g_task_get_cancellable (task), polyline_op_done, task);
}

void
cw_ocm_client_fetch_polyline_async (CwOcmClient         *self,
                                    const char          *polyline,
                                    double               distance_km,
                                    guint                max_results,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *max = NULL;
  char distance[G_ASCII_DTOSTR_BUF_SIZE];
  PolylineOp *op;
  GTask *task;

  g_return_if_fail (CW_IS_OCM_CLIENT (self));
  g_return_if_fail (polyline != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = waiter_task_new (self, sizeof (PolylineOp), (GDestroyNotify) polyline_op_free,
                          cw_ocm_client_fetch_polyline_async, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  if (*polyline == '\0' || !(distance_km > 0 && distance_km <= 1000))
    {
      op->w.done = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "A route query needs a route and a distance of 0–1000 km");
      g_object_unref (task);
      return;
    }

  /* Polyline characters run from '?' to '~': most must be escaped. */
  g_ascii_formatd (distance, sizeof distance, "%g", distance_km);
  max = g_strdup_printf ("%u", max_results > 0 ? max_results : CW_OCM_DEFAULT_MAX_RESULTS);
  op->query = soup_form_encode ("polyline", polyline, "distance", distance, "distanceunit", "km",
                                "maxresults", max, "compact", "true", "verbose", "false", NULL);
  reference_wait (self, task);
}

GPtrArray *
cw_ocm_client_fetch_polyline_finish (CwOcmClient   *self,
                                     GAsyncResult  *result,
                                     int           *retry_after_out,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        cw_ocm_client_fetch_polyline_async, NULL);

  if (retry_after_out != NULL)
    *retry_after_out = waiter_get_retry_after (result);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the object ---- */

const char *
cw_ocm_client_get_attribution (CwOcmClient *self)
{
  g_return_val_if_fail (CW_IS_OCM_CLIENT (self), NULL);

  return ATTRIBUTION;
}

CwOcmClient *
cw_ocm_client_new (SoupSession *session,
                   const char  *api_key)
{
  return g_object_new (CW_TYPE_OCM_CLIENT, "session", session, "api-key", api_key, NULL);
}

SoupSession *
cw_ocm_client_get_session (CwOcmClient *self)
{
  g_return_val_if_fail (CW_IS_OCM_CLIENT (self), NULL);

  return self->session;
}

const char *
cw_ocm_client_get_base_url (CwOcmClient *self)
{
  g_return_val_if_fail (CW_IS_OCM_CLIENT (self), NULL);

  return self->base_url;
}

void
cw_ocm_client_set_base_url (CwOcmClient *self,
                            const char  *base_url)
{
  g_autofree char *url = NULL;
  gsize len;

  g_return_if_fail (CW_IS_OCM_CLIENT (self));

  url = g_strdup (base_url != NULL && *base_url ? base_url : CW_OCM_DEFAULT_BASE_URL);
  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  if (g_strcmp0 (url, self->base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_steal_pointer (&url);
  /* Areas answered by another server are not this one's answers; the
   * requests still out finish for their callers but cache nothing. */
  g_hash_table_remove_all (self->tiles);
  g_hash_table_remove_all (self->in_flight);
  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

gboolean
cw_ocm_client_has_api_key (CwOcmClient *self)
{
  g_return_val_if_fail (CW_IS_OCM_CLIENT (self), FALSE);

  return self->api_key != NULL;
}

void
cw_ocm_client_set_api_key (CwOcmClient *self,
                           const char  *api_key)
{
  g_return_if_fail (CW_IS_OCM_CLIENT (self));

  if (api_key != NULL && *api_key == '\0')
    api_key = NULL;
  if (g_strcmp0 (api_key, self->api_key) == 0)
    return;
  if (self->api_key != NULL)
    explicit_bzero (self->api_key, strlen (self->api_key));
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_KEY]);
}

const char *
cw_ocm_client_get_cache_dir (CwOcmClient *self)
{
  g_return_val_if_fail (CW_IS_OCM_CLIENT (self), NULL);

  return self->cache_dir;
}

void
cw_ocm_client_set_cache_dir (CwOcmClient *self,
                             const char  *cache_dir)
{
  g_return_if_fail (CW_IS_OCM_CLIENT (self));

  if (cache_dir != NULL && *cache_dir == '\0')
    cache_dir = NULL;
  if (g_strcmp0 (cache_dir, self->cache_dir) == 0)
    return;
  g_free (self->cache_dir);
  self->cache_dir = g_strdup (cache_dir);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_DIR]);
}

guint
cw_ocm_client_get_ttl (CwOcmClient *self)
{
  g_return_val_if_fail (CW_IS_OCM_CLIENT (self), 0);

  return self->ttl;
}

void
cw_ocm_client_set_ttl (CwOcmClient *self,
                       guint        ttl)
{
  g_return_if_fail (CW_IS_OCM_CLIENT (self));

  if (self->ttl == ttl)
    return;
  self->ttl = ttl;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TTL]);
}

guint64
cw_ocm_client_get_max_bytes (CwOcmClient *self)
{
  g_return_val_if_fail (CW_IS_OCM_CLIENT (self), 0);

  return self->max_bytes;
}

void
cw_ocm_client_set_max_bytes (CwOcmClient *self,
                             guint64      max_bytes)
{
  g_return_if_fail (CW_IS_OCM_CLIENT (self));

  if (max_bytes == 0)
    max_bytes = CW_HTTP_DEFAULT_MAX_BYTES;
  if (self->max_bytes == max_bytes)
    return;
  self->max_bytes = max_bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BYTES]);
}

static void
cw_ocm_client_constructed (GObject *object)
{
  CwOcmClient *self = CW_OCM_CLIENT (object);

  G_OBJECT_CLASS (cw_ocm_client_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = cw_http_session_new (DEFAULT_TIMEOUT);
}

static void
cw_ocm_client_dispose (GObject *object)
{
  CwOcmClient *self = CW_OCM_CLIENT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cw_ocm_client_parent_class)->dispose (object);
}

static void
cw_ocm_client_finalize (GObject *object)
{
  CwOcmClient *self = CW_OCM_CLIENT (object);

  g_assert (self->reference_waiters == NULL);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->reference, cw_ocm_reference_free);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_free (self->base_url);
  if (self->api_key != NULL)
    explicit_bzero (self->api_key, strlen (self->api_key));
  g_free (self->api_key);
  g_free (self->cache_dir);

  G_OBJECT_CLASS (cw_ocm_client_parent_class)->finalize (object);
}

static void
cw_ocm_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CwOcmClient *self = CW_OCM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;
    case PROP_TTL:
      g_value_set_uint (value, self->ttl);
      break;
    case PROP_MAX_BYTES:
      g_value_set_uint64 (value, self->max_bytes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_ocm_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CwOcmClient *self = CW_OCM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_BASE_URL:
      cw_ocm_client_set_base_url (self, g_value_get_string (value));
      break;
    case PROP_API_KEY:
      cw_ocm_client_set_api_key (self, g_value_get_string (value));
      break;
    case PROP_CACHE_DIR:
      cw_ocm_client_set_cache_dir (self, g_value_get_string (value));
      break;
    case PROP_TTL:
      cw_ocm_client_set_ttl (self, g_value_get_uint (value));
      break;
    case PROP_MAX_BYTES:
      cw_ocm_client_set_max_bytes (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_ocm_client_class_init (CwOcmClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cw_ocm_client_constructed;
  object_class->dispose = cw_ocm_client_dispose;
  object_class->finalize = cw_ocm_client_finalize;
  object_class->get_property = cw_ocm_client_get_property;
  object_class->set_property = cw_ocm_client_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, CW_OCM_DEFAULT_BASE_URL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  /* Write-only: nothing that lists properties (an inspector, a debug
   * dump) can read the key back. */
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TTL] =
    g_param_spec_uint ("ttl", NULL, NULL, 0, G_MAXUINT, CW_OCM_DEFAULT_TTL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_BYTES] =
    g_param_spec_uint64 ("max-bytes", NULL, NULL, 0, G_MAXUINT64, CW_HTTP_DEFAULT_MAX_BYTES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_ocm_client_init (CwOcmClient *self)
{
  self->ttl = CW_OCM_DEFAULT_TTL;
  self->max_bytes = CW_HTTP_DEFAULT_MAX_BYTES;
  self->cancellable = g_cancellable_new ();
  self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) tile_free);
  self->in_flight = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}
