/* cw-cache-prefetch.h: a source's disk cache read before anyone asks
 *
 * At start-up the window, and with it the CwLiveSource that would read
 * the disk cache, is ready only after GTK has started and the whole UI
 * is built. The cache is read and decoded meanwhile: started from the
 * very beginning of the process, in a thread of its own, and handed to
 * the live source made later for the same file, whose cache load takes
 * the stations instead of reading the file again (its worker waits for
 * them when they are not ready yet). Everything else stays the live
 * source's: a damaged cache is dropped there, the JSON one of earlier
 * versions read there, and a newer sync still wins over the cache.
 *
 * A prefetch nobody claims is dropped with cw_cache_prefetch_drop_all ()
 * (the application does once its window is up), so that its stations
 * are not kept for nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CwCachePrefetch CwCachePrefetch;

/* Run in the prefetch's thread on the stations just decoded (a borrowed
 * GPtrArray of CwStation*): work that can start before anyone shows
 * them, such as a map layer's cluster index. */
typedef void (*CwCachePrefetchHook) (GPtrArray *stations,
                                     gpointer   user_data);

/* Starts reading and decoding @path, the cache of the source whose id
 * is @source, in a new thread. Once per path: a second call for a path
 * already being prefetched (and not yet claimed) does nothing. */
void             cw_cache_prefetch_start    (const char          *path,
                                             const char          *source);
/* Called in every prefetch thread after a good decode (NULL: none). Set
 * it before cw_cache_prefetch_start (). */
void             cw_cache_prefetch_set_hook (CwCachePrefetchHook  hook,
                                             gpointer             user_data);
/* The prefetch of @path for @source, taken out of the registry (owned:
 * unref it), or NULL when none was started, or it was for another
 * source, or it was dropped. */
CwCachePrefetch *cw_cache_prefetch_claim    (const char          *path,
                                             const char          *source);
/* Blocks until the prefetch is done, then gives its stations (owned;
 * the first call only) and the time the cache was saved. NULL with
 * @error when the file could not be read (G_FILE_ERROR) or was not a
 * good cache (CW_STATION_CACHE_ERROR). Any thread. */
GPtrArray       *cw_cache_prefetch_wait     (CwCachePrefetch     *prefetch,
                                             gint64              *saved_at,
                                             GError             **error);
void             cw_cache_prefetch_unref    (CwCachePrefetch     *prefetch);
/* Forgets every prefetch not claimed: their stations are freed when
 * their threads are done. */
void             cw_cache_prefetch_drop_all (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwCachePrefetch, cw_cache_prefetch_unref)

G_END_DECLS
