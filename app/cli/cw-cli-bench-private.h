/* cw-cli-bench-private.h: what the benchmarks share (cw-cli-bench.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-polyline.h"

G_BEGIN_DECLS

/* Sorts @values. */
double    cw_cli_bench_median        (double     *values,
                                      guint       n);
/* Peak resident memory of the process (VmHWM), MiB; 0 when unknown. */
double    cw_cli_bench_peak_rss_mib  (void);
/* CPU time of the calling thread, ms; NAN when unknown. */
double    cw_cli_bench_thread_cpu_ms (void);
double    cw_cli_bench_load_average  (void);
/* One aligned line: "  label ……… value". */
void      cw_cli_bench_row           (const char *label,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (2, 3);
/* The corridor benchmark's drive of about 1,000 km (Amsterdam to
 * Milan), @n points; @path (may be NULL) gets its cities. */
CwLatLon *cw_cli_bench_make_drive    (guint       n,
                                      char      **path);

/* `bench plan` (cw-cli-bench-plan.c). */
int       cw_cli_bench_plan          (guint       n,
                                      guint       runs,
                                      guint32     seed,
                                      guint       sample);

G_END_DECLS
