/* cw-cli-plan.h: `chargeway-cli plan`, the charging stops of a trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* chargeway-cli plan (--gpx FILE | --osrm-json FILE) --car PROFILE
 *                    [--soc PERCENT] [--min-soc PERCENT] [--max-soc PERCENT]
 *                    [--speed KMH] [--temperature C] [--prefer LIST]
 *                    [--departure TIME] [--corridor KM] [--source SPEC]
 *                    [--format json|tsv]
 *
 * Plans the fastest charging stops along the route (cw-planner.h) with
 * the stations of the source within the corridor. Returns 0 with the
 * plan on stdout; 1 for bad input and 2 for a trip the car cannot make,
 * with the reason on stderr and nothing on stdout. */
int cw_cli_plan (int    argc,
                 char **argv);

G_END_DECLS
