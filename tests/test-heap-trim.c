/* test-heap-trim.c: freed heap goes back to the system
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cw-heap-trim.h"

#define BLOCK 4000        /* well under malloc's mmap threshold: from the heap */
#define N_BLOCKS 20000    /* some 80 MB */

static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  g_assert_cmpint (sscanf (statm, "%lu %lu", &size, &resident), ==, 2);
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE);
}

static gboolean
other_allocator (void)
{
  const char *preload = g_getenv ("LD_PRELOAD");

#if defined (__SANITIZE_ADDRESS__)
  return TRUE;
#elif defined (__has_feature)
#if __has_feature (address_sanitizer)
  return TRUE;
#endif
#endif
  /* valgrind replaces malloc through its preloaded library */
  return preload != NULL && strstr (preload, "vgpreload") != NULL;
}

static void
test_returns_freed (void)
{
  g_autofree char **blocks = g_new0 (char *, N_BLOCKS);
  char *cap;
  gsize before, after;

#if !defined (__GLIBC__)
  g_test_skip ("malloc_trim is glibc's");
  return;
#endif
  if (other_allocator ())
    {
      g_test_skip ("malloc is not glibc's here (a sanitizer or valgrind)");
      return;
    }

  /* 80 MB touched, then a block above them that stays: freeing the rest
   * leaves a hole malloc cannot give back by shrinking the heap. */
  for (guint i = 0; i < N_BLOCKS; i++)
    {
      blocks[i] = g_malloc (BLOCK);
      memset (blocks[i], 0x5a, BLOCK);
    }
  cap = g_malloc (BLOCK);
  memset (cap, 0x5a, BLOCK);
  for (guint i = 0; i < N_BLOCKS; i++)
    g_free (blocks[i]);

  before = resident_bytes ();
  cw_heap_trim ();
  after = resident_bytes ();
  g_test_message ("resident: %" G_GSIZE_FORMAT " kB before the trim, %" G_GSIZE_FORMAT " kB after",
                  before / 1024, after / 1024);
  /* Most of the 80 MB hole is returned. */
  g_assert_cmpuint (before, >, after);
  g_assert_cmpuint (before - after, >=, (gsize) N_BLOCKS * BLOCK / 2);
  g_free (cap);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
test_soon_coalesces (void)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint n = cw_heap_trim_get_n_soon ();

  /* Three calls in a burst: one trim, after the last. */
  cw_heap_trim_soon ();
  cw_heap_trim_soon ();
  cw_heap_trim_soon ();
  g_assert_cmpuint (cw_heap_trim_get_n_soon (), ==, n);
  g_timeout_add_seconds (CW_HEAP_TRIM_DELAY_S + 2, quit_cb, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (cw_heap_trim_get_n_soon (), ==, n + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/heap-trim/returns-freed", test_returns_freed);
  g_test_add_func ("/heap-trim/soon-coalesces", test_soon_coalesces);
  return g_test_run ();
}
