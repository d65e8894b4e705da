/* cw-cli-bench.h: `chargeway-cli bench`, timings of the core at scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `bench cluster --stations N [--runs R]` and `bench index --stations N`:
 * argv[0] is "bench". Returns the process exit status. */
int cw_cli_bench (int    argc,
                  char **argv);

G_END_DECLS
