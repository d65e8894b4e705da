/* cw-bench-gui.h: `chargeway-cli bench render|startup`, the map's benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the benchmark named by argv[0] ("render" or "startup"; argv[0]
 * may also be "bench", the name then in argv[1]), with options such as
 * --stations N. Needs a display (Xvfb will do). Returns the exit status. */
int cw_gui_bench (int    argc,
                  char **argv);

G_END_DECLS
