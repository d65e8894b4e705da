/* cw-heap-trim.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-heap-trim"

#include <stdlib.h>   /* defines __GLIBC__ on glibc */
#if defined (__GLIBC__)
#include <malloc.h>
#endif

#include "cw-heap-trim.h"

gboolean
cw_heap_trim (void)
{
#if defined (__GLIBC__)
  return malloc_trim (0) != 0;
#else
  return FALSE;
#endif
}

static GSource *pending;   /* the trim to come, or NULL */
static guint    n_soon;
G_LOCK_DEFINE_STATIC (pending);

static gboolean
trim_cb (gpointer data)
{
  G_LOCK (pending);
  g_clear_pointer (&pending, g_source_unref);
  n_soon++;
  G_UNLOCK (pending);
  cw_heap_trim ();
  return G_SOURCE_REMOVE;
}

void
cw_heap_trim_soon (void)
{
  G_LOCK (pending);
  /* Coalesced: a burst of calls trims once, after the last. */
  if (pending != NULL)
    {
      g_source_destroy (pending);
      g_source_unref (pending);
    }
  pending = g_timeout_source_new_seconds (CW_HEAP_TRIM_DELAY_S);
  g_source_set_static_name (pending, "cw_heap_trim_soon");
  g_source_set_callback (pending, trim_cb, NULL, NULL);
  g_source_attach (pending, g_main_context_get_thread_default ());
  G_UNLOCK (pending);
}

guint
cw_heap_trim_get_n_soon (void)
{
  guint n;

  G_LOCK (pending);
  n = n_soon;
  G_UNLOCK (pending);
  return n;
}
