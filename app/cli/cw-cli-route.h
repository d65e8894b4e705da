/* cw-cli-route.h: `chargeway-cli route`, the stations along a route
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-filter.h"
#include "cw-route.h"
#include "cw-source.h"

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

/* What `route` and `plan` share. */

/* --source SPEC, --token-file FILE and --format json|tsv, after the
 * entries already in @context's main group. */
void       cw_cli_route_add_source_entries (GOptionContext *context,
                                            char          **source,
                                            char          **token_file,
                                            char          **format);

/* The route of a GPX file (its track, else its route) or of a saved
 * OSRM /route answer (its first route): give exactly one. */
CwRoute   *cw_cli_route_load     (const char    *gpx,
                                  const char    *osrm_json,
                                  GError       **error);
/* The stations of @spec (live sources asked for the route's box grown
 * by @corridor_km), kept by @filter when it has active criteria (may
 * be NULL), and *@hits: those within @corridor_km of @route, as
 * cw_corridor_query () returns them, ids indexing the returned array. */
GPtrArray *cw_cli_route_stations (CwSourceSpec  *spec,
                                  const char    *token,
                                  CwRoute       *route,
                                  double         corridor_km,
                                  CwFilter      *filter,
                                  GArray       **hits,
                                  GError       **error);

G_END_DECLS
