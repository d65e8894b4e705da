/* cw-cache-prefetch.c: a source's disk cache read before anyone asks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-cache-prefetch"

#include <time.h>

#include "cw-cache-prefetch.h"
#include "cw-station-cache.h"

struct _CwCachePrefetch
{
  gint       ref_count;
  char      *path;
  char      *source;
  GMutex     lock;
  GCond      cond;
  gboolean   done;
  GPtrArray *stations;          /* until taken */
  gint64     saved_at;
  GError    *error;
};

/* path → CwCachePrefetch (a reference), those not claimed yet. */
static GMutex registry_lock;
static GHashTable *registry;
static CwCachePrefetchHook hook;
static gpointer hook_data;

static CwCachePrefetch *
prefetch_ref (CwCachePrefetch *p)
{
  g_atomic_int_inc (&p->ref_count);
  return p;
}

void
cw_cache_prefetch_unref (CwCachePrefetch *p)
{
  if (p == NULL || !g_atomic_int_dec_and_test (&p->ref_count))
    return;
  g_clear_pointer (&p->stations, g_ptr_array_unref);
  g_clear_error (&p->error);
  g_mutex_clear (&p->lock);
  g_cond_clear (&p->cond);
  g_free (p->path);
  g_free (p->source);
  g_free (p);
}

/* The stations of a cache take about this many times its size. */
#define DECODED_PER_FILE_BYTE 4
#define RESERVE_STEP          (120 << 10)     /* under malloc's mmap threshold */
#define RESERVE_MAX           ((gsize) 256 << 20)

/* glibc gives a new thread a malloc arena of its own, which it then
 * grows a page or so at a time, one mprotect () each: about 18,000
 * calls for 100,000 stations, a fifth of the decode. Grown once in large
 * steps and given back, the arena keeps its reach and the decode's
 * mallocs find it ready (the pages themselves are returned). */
static void
reserve_arena (gsize bytes)
{
#if !defined(__SANITIZE_ADDRESS__)
  guint n = MIN (bytes, RESERVE_MAX) / RESERVE_STEP;
  g_autofree gpointer *blocks = g_new (gpointer, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    blocks[i] = g_malloc (RESERVE_STEP);
  /* In order: they join the arena's top only with the last, trimmed once. */
  for (guint i = 0; i < n; i++)
    g_free (blocks[i]);
#endif
}

static gpointer
prefetch_thread (gpointer data)
{
  CwCachePrefetch *p = data;
  g_autofree char *contents = NULL;
  GPtrArray *stations = NULL;
  GError *error = NULL;
  gint64 saved_at = 0;
  gint64 t0 = g_get_monotonic_time ();
  gsize len;

  if (g_file_get_contents (p->path, &contents, &len, &error))
    {
      g_autoptr (GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), len);

      reserve_arena (len * DECODED_PER_FILE_BYTE);
      stations = cw_station_cache_decode (bytes, p->source, &saved_at, NULL, &error);
    }
  if (stations != NULL && hook != NULL)
    hook (stations, hook_data);
  {
    struct timespec cpu = { 0 };

    clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu);
    g_debug ("Prefetched the cache %s in %.1f ms (CPU %.1f ms): %s", p->path,
             (g_get_monotonic_time () - t0) / 1000.0, cpu.tv_sec * 1000.0 + cpu.tv_nsec / 1e6,
             stations != NULL ? "good" : error->message);
  }

  g_mutex_lock (&p->lock);
  p->stations = stations;
  p->saved_at = saved_at;
  p->error = error;
  p->done = TRUE;
  g_cond_broadcast (&p->cond);
  g_mutex_unlock (&p->lock);
  cw_cache_prefetch_unref (p);
  return NULL;
}

void
cw_cache_prefetch_set_hook (CwCachePrefetchHook fn,
                            gpointer            user_data)
{
  hook = fn;
  hook_data = user_data;
}

void
cw_cache_prefetch_start (const char *path,
                         const char *source)
{
  g_autoptr (GError) error = NULL;
  CwCachePrefetch *p;
  GThread *thread;

  g_return_if_fail (path != NULL);
  g_return_if_fail (source != NULL);

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify) cw_cache_prefetch_unref);
  if (g_hash_table_contains (registry, path))
    {
      g_mutex_unlock (&registry_lock);
      return;
    }
  p = g_new0 (CwCachePrefetch, 1);
  p->ref_count = 2;             /* the registry's and the thread's */
  p->path = g_strdup (path);
  p->source = g_strdup (source);
  g_mutex_init (&p->lock);
  g_cond_init (&p->cond);
  g_hash_table_insert (registry, p->path, p);
  thread = g_thread_try_new ("cw-cache-prefetch", prefetch_thread, p, &error);
  if (thread == NULL)
    {
      /* The source reads the file itself, as it would without this. */
      g_debug ("No thread to prefetch %s in: %s", path, error->message);
      g_hash_table_remove (registry, path);
      cw_cache_prefetch_unref (p);
    }
  g_mutex_unlock (&registry_lock);
  if (thread != NULL)
    g_thread_unref (thread);
}

CwCachePrefetch *
cw_cache_prefetch_claim (const char *path,
                         const char *source)
{
  CwCachePrefetch *p = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  g_mutex_lock (&registry_lock);
  if (registry != NULL && (p = g_hash_table_lookup (registry, path)) != NULL)
    {
      /* Gone from the registry either way: a file read once. */
      prefetch_ref (p);
      g_hash_table_remove (registry, path);
      if (g_strcmp0 (p->source, source) != 0)
        g_clear_pointer (&p, cw_cache_prefetch_unref);
    }
  g_mutex_unlock (&registry_lock);
  return p;
}

GPtrArray *
cw_cache_prefetch_wait (CwCachePrefetch  *p,
                        gint64           *saved_at,
                        GError          **error)
{
  GPtrArray *stations;

  g_return_val_if_fail (p != NULL, NULL);

  g_mutex_lock (&p->lock);
  while (!p->done)
    g_cond_wait (&p->cond, &p->lock);
  stations = g_steal_pointer (&p->stations);
  if (stations == NULL)
    {
      if (p->error != NULL)
        g_propagate_error (error, g_error_copy (p->error));
      else
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "the prefetched cache was taken already");
    }
  if (saved_at != NULL)
    *saved_at = p->saved_at;
  g_mutex_unlock (&p->lock);
  return stations;
}

void
cw_cache_prefetch_drop_all (void)
{
  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    g_hash_table_remove_all (registry);
  g_mutex_unlock (&registry_lock);
}
