/* cw-route-private.h: the route's precomputed geometry, for cw-corridor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "cw-route.h"

G_BEGIN_DECLS

typedef struct {
  double x, y, z;
} CwVec3;

/* Segment i runs from point i to point i + 1 (a one-point route has one
 * degenerate segment); _cw_route_get_segment () describes it. For a proper segment A→B: @n is the unit normal
 * of the great circle through A and B (A × B, pointing to the left of
 * travel), @na = n × A and @bn = B × n, so that a point P projects
 * inside the arc exactly when P·na ≥ 0 and P·bn ≥ 0. */
typedef struct {
  CwVec3   n;
  CwVec3   na;
  CwVec3   bn;
  gboolean degenerate;    /* zero length (or antipodal): just point A */
} CwRouteSegment;

/* A run of consecutive segments inside a small spherical cap: what the
 * corridor walks the route with, one index query per few of them. Caps
 * under 90° are convex, so every arc between the points lies inside. */
typedef struct {
  guint    first;         /* first segment */
  guint    n;             /* segments, at least 1 */
  CwVec3   center;        /* unit vector */
  double   radius;        /* radians */
} CwRouteChunk;

/* A node of the bounding tree over segment ranges: every point of
 * segments [first, first + n) lies within @dev of @chord, the arc from
 * the range's first point to its last (a capsule, tight around a road
 * that runs straight). The left child is the next node, the right one
 * at @right; leaves have @right 0. */
typedef struct {
  CwRouteSegment chord;
  CwVec3         a, b;    /* the chord's ends, copied: one cache miss less */
  guint          first;
  guint          n;
  guint          right;
  double         dev;     /* radians; G_MAXDOUBLE for "never prune" */
} CwRouteNode;

struct _CwRoute
{
  gatomicrefcount  ref_count;
  guint            n_points;
  guint            n_segments;
  CwLatLon        *points;
  double          *cumulative_km;
  CwVec3          *xyz;           /* unit vectors of the points */
  CwVec3          *normals;       /* each segment's n; (0, 0, 0) when degenerate */
  CwRouteChunk    *chunks;
  guint            n_chunks;
  CwRouteNode     *nodes;         /* [0] is the root */
  CwBBox           bbox;
};

static inline void
_cw_vec3_from_lat_lon (double  lat,
                       double  lon,
                       CwVec3 *out)
{
  double phi = lat * (G_PI / 180.0), lambda = lon * (G_PI / 180.0);
  double c = cos (phi);

  out->x = c * cos (lambda);
  out->y = c * sin (lambda);
  out->z = sin (phi);
}

static inline double
_cw_vec3_dot (const CwVec3 *a,
              const CwVec3 *b)
{
  return a->x * b->x + a->y * b->y + a->z * b->z;
}

void     _cw_route_get_segment     (CwRoute        *route,
                                    guint           seg,
                                    CwRouteSegment *out);

/* sin²(θ/2) of the angle θ between @p (a unit vector) and segment
 * @seg: monotonic in the distance, cheap, and exact at small angles.
 * Every search ranks segments by this value and breaks ties by the
 * lower index, so they all agree to the last bit. */
double   _cw_route_segment_key     (CwRoute      *route,
                                    guint         seg,
                                    const CwVec3 *p);

/* The segment nearest to @p among those within @max_angle radians
 * (INFINITY for all), through the tree; FALSE when none is that close.
 * A segment found further than @max_angle may not be the nearest:
 * callers compare the distance to their limit. @tests, when not NULL,
 * is increased by the segments measured. */
gboolean _cw_route_nearest         (CwRoute      *route,
                                    const CwVec3 *p,
                                    double        max_angle,
                                    guint        *seg,
                                    double       *key,
                                    guint        *tests);

/* At most this many nodes in a cover (below). */
#define CW_ROUTE_MAX_COVER 8

/* A cover of the cap of @radius around @center: at most @max (up to
 * CW_ROUTE_MAX_COVER) tree nodes that together hold every segment
 * coming within @radius of @center, as small as that many allow. Writes
 * their indices to @nodes and returns how many (0: no segment is that
 * close). */
guint    _cw_route_cover           (CwRoute      *route,
                                    const CwVec3 *center,
                                    double        radius,
                                    guint        *nodes,
                                    guint         max);

/* _cw_route_nearest () searching only the subtrees of @nodes, a cover
 * from _cw_route_cover (): the same answer for every @p whose segments
 * within @max_angle all lie in the cover (for a @p within r of its
 * centre, a cover of radius r + @max_angle). */
gboolean _cw_route_nearest_in      (CwRoute      *route,
                                    const guint  *nodes,
                                    guint         n_nodes,
                                    const CwVec3 *p,
                                    double        max_angle,
                                    guint        *seg,
                                    double       *key,
                                    guint        *tests);

/* Every segment described once, for scans over all of them. */
CwRouteSegment *_cw_route_dup_segments (CwRoute *route);

/* The same by measuring every segment (from _cw_route_dup_segments ()):
 * the reference. Same keys as _cw_route_segment_key (). */
void     _cw_route_nearest_linear  (CwRoute              *route,
                                    const CwRouteSegment *segments,
                                    const CwVec3         *p,
                                    guint                *seg,
                                    double               *key);

/* The along/offset/side answer for @p on segment @seg. */
void     _cw_route_project         (CwRoute      *route,
                                    guint         seg,
                                    const CwVec3 *p,
                                    double        key,
                                    double       *along_km,
                                    double       *offset_km,
                                    int          *side);

/* The angle between two unit vectors, accurate at any size. */
static inline double
_cw_vec3_angle (const CwVec3 *a,
                const CwVec3 *b)
{
  double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;

  return 2.0 * asin (MIN (1.0, 0.5 * sqrt (dx * dx + dy * dy + dz * dz)));
}

/* Offset in km for a key. */
static inline double
_cw_route_key_to_km (double key)
{
  return 2.0 * CW_EARTH_RADIUS_KM * asin (MIN (1.0, sqrt (key)));
}

G_END_DECLS
