/* cw-corridor.h: the stations within D km of a route
 *
 * Works on compact coordinate arrays (ids are indices into them) and a
 * CwSpatialIndex built from the same arrays. The route is walked in
 * boxes a few km long, each box asks the index for the points near it,
 * and each point found is measured only against the route pieces near
 * it: the cost follows the route's length and the number of hits, not
 * stations × route points.
 *
 * The answer is exactly what cw_route_locate () gives for each point,
 * filtered by offset ≤ D: same stations, same distances to the bit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-route.h"
#include "cw-spatial-index.h"

G_BEGIN_DECLS

typedef struct {
  guint32 id;           /* index into the coordinate arrays */
  double  along_km;     /* from the route's start to the nearest point */
  double  offset_km;    /* from the route to the station, ≤ D */
  int     side;         /* -1 left of travel, +1 right, 0 on the line */
} CwCorridorHit;

/* What a query did, for benchmarks and tests. */
typedef struct {
  guint  boxes;         /* index queries */
  guint  returned;      /* ids the index returned, duplicates included */
  guint  candidates;    /* distinct ids */
  guint  segment_tests; /* point-to-segment measurements */
} CwCorridorStats;

/* @index must have been built from @lat/@lon (@n points). Returns a
 * GArray of CwCorridorHit sorted by along_km (then id). @stats may be
 * NULL. */
GArray *cw_corridor_query        (CwSpatialIndex  *index,
                                  const double    *lat,
                                  const double    *lon,
                                  guint            n,
                                  CwRoute         *route,
                                  double           corridor_km,
                                  CwCorridorStats *stats);

/* The same, building a throwaway index: for one-off queries. */
GArray *cw_corridor_query_points (const double    *lat,
                                  const double    *lon,
                                  guint            n,
                                  CwRoute         *route,
                                  double           corridor_km);

/* Every point against every segment: the reference the indexed query
 * is tested and benchmarked against. Same result, O(n × route). */
GArray *cw_corridor_query_naive  (const double    *lat,
                                  const double    *lon,
                                  guint            n,
                                  CwRoute         *route,
                                  double           corridor_km);

G_END_DECLS
