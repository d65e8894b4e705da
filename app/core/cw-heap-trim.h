/* cw-heap-trim.h: hand heap that was freed back to the system
 *
 * glibc's malloc gives memory back only from the top of its heap: what
 * is freed in the middle (a route replaced, a kiosk reset, a station
 * list rebuilt) stays resident. In a 10-minute soak of the window the
 * main arena held 32.7 MB free in 2,935 pieces of 174 MB, and
 * malloc_trim (0) returned 36 MB of resident memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Now: free pages anywhere in malloc's arenas go back to the system.
 * FALSE where the C library has no way to (not glibc) or gave nothing
 * back. Takes a few milliseconds on a heap of some 200 MB. */
gboolean cw_heap_trim      (void);

/* Once, CW_HEAP_TRIM_DELAY_S seconds after the last call, in the
 * thread-default main context of the first caller (the GUI's): after
 * big work is let go, when whatever follows it has settled. */
#define CW_HEAP_TRIM_DELAY_S 5
void     cw_heap_trim_soon (void);

/* How many times cw_heap_trim_soon () has trimmed so far. */
guint    cw_heap_trim_get_n_soon (void);

G_END_DECLS
