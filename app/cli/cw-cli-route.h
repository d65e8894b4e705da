/* cw-cli-route.h: `chargeway-cli route`, the stations along a route
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* chargeway-cli route (--gpx FILE | --osrm-json FILE |
 *                      --from LAT,LON --to LAT,LON [--osrm URL])
 *                     [--corridor KM] [--source SPEC] [--format json|tsv]
 *
 * Prints the stations within the corridor in route order, with
 * distance_along_km, offset_km and side. Returns the exit status;
 * errors go to stderr only and leave stdout empty. */
int cw_cli_route (int    argc,
                  char **argv);

G_END_DECLS
