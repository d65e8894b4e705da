/* cw-corridor.c
 *
 * The route's chunks (runs of ≤ 32 segments inside a cap of about a
 * km, built with the route) are gathered into caps about max (D, 1 km)
 * wide, a segment longer than that cut into several. Each cap grown by
 * D becomes a box for the spatial index, and the cap measures the
 * points of the box that lie within its radius + D of its centre and
 * have not been measured yet. A point further out is further than D
 * from every segment of the cap, so it is left for the cap that holds
 * its segments, if any; a cheap bound on the haversine rejects most of
 * those before any trigonometry, which matters because the boxes
 * overlap and return most ids two or three times.
 *
 * A point within radius + D of the centre has every segment within D of
 * it inside the cap of radius + 2 D. The cap takes a cover of that from
 * the route's tree of capsules (a few nodes of a few hundred segments,
 * cw-route.c), and each point's search for its nearest segment starts
 * there instead of at the root: the levels above are walked once a cap,
 * not once a point. The search visits only the nodes that can hold
 * something closer than the best so far or D.
 *
 * Exactness: every point within D of a segment lies within radius + D
 * of the cap around that segment's chunk, hence in its box, and passes
 * both tests there (or was measured already); the cover holds every
 * segment that can be within D of the point; the tree's bounds never
 * prune a segment that could win; and segments are ranked by the same
 * key and tie rule as the linear scan. The hits and every distance are
 * therefore those of cw_corridor_query_naive ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-corridor"

#include "cw-corridor.h"
#include "cw-route-private.h"

#define RAD2DEG      (180.0 / G_PI)
#define HALF_DEG2RAD (G_PI / 360.0)

/* The smallest query cap radius: below a km, per-box overhead would
 * outweigh the smaller boxes on a dense route. */
#define QUERY_MIN_KM 1.0
/* Tree nodes a search starts from: fewer start higher up the tree,
 * more cost a measurement each for every point; 4 does best on a
 * dense route (about 13 m between points). */
#define COVER_NODES  4
/* Radians (6 mm) added wherever rounding could make a bound too tight. */
#define SLACK        1e-9

#define PREFETCH_AHEAD 8
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(addr) __builtin_prefetch (addr)
#else
#define PREFETCH(addr) ((void) 0)
#endif

typedef struct {
  CwRoute         *route;
  CwSpatialIndex  *index;
  const double    *lat;
  const double    *lon;
  guint            n;
  double           corridor_km;
  double           max_angle;   /* D in radians */
  guint32         *seen;        /* bitmap over ids */
  GArray          *ids;         /* scratch for the index's answers */
  GArray          *hits;
  CwCorridorStats  stats;
} Query;

static inline gboolean
hit_before (const CwCorridorHit *a,
            const CwCorridorHit *b)
{
  return a->along_km < b->along_km || (a->along_km == b->along_km && a->id < b->id);
}

/* Sorts by along_km, then id: a total order, ids being distinct. A
 * quicksort with the comparison inline, about a third of the time of
 * g_array_sort () on tens of thousands of hits. */
static void
sort_hits (CwCorridorHit *h,
           gsize          n)
{
  while (n > 16)
    {
      gsize mid = n / 2, i = 0, j = n - 1;
      CwCorridorHit pivot, t;

      /* median of three, which also guards both scans */
      if (hit_before (&h[mid], &h[0]))
        t = h[mid], h[mid] = h[0], h[0] = t;
      if (hit_before (&h[n - 1], &h[0]))
        t = h[n - 1], h[n - 1] = h[0], h[0] = t;
      if (hit_before (&h[n - 1], &h[mid]))
        t = h[n - 1], h[n - 1] = h[mid], h[mid] = t;
      pivot = h[mid];

      for (;;)
        {
          while (hit_before (&h[i], &pivot))
            i++;
          while (hit_before (&pivot, &h[j]))
            j--;
          if (i >= j)
            break;
          t = h[i], h[i] = h[j], h[j] = t;
          i++;
          j--;
        }
      /* [0, j] ≤ pivot ≤ [j + 1, n): recurse into the smaller part
       * (both are smaller than n with distinct keys; should a NaN ever
       * spoil that, the insertion sort below still ends) */
      if (j + 1 >= n)
        break;
      if (j + 1 < n - j - 1)
        {
          sort_hits (h, j + 1);
          h += j + 1;
          n -= j + 1;
        }
      else
        {
          sort_hits (h + j + 1, n - j - 1);
          n = j + 1;
        }
    }
  for (gsize i = 1; i < n; i++)
    {
      CwCorridorHit t = h[i];
      gsize j = i;

      for (; j > 0 && hit_before (&t, &h[j - 1]); j--)
        h[j] = h[j - 1];
      h[j] = t;
    }
}

/* The lat/lon box holding the cap of @radius around @c; min_lon >
 * max_lon when it crosses the antimeridian (cw-spatial-index.h). */
static void
cap_to_bbox (const CwVec3 *c,
             double        radius,
             CwBBox       *box)
{
  double lat = asin (CLAMP (c->z, -1.0, 1.0));
  double lon = atan2 (c->y, c->x) * RAD2DEG;
  double slack_deg = SLACK * RAD2DEG;

  box->min_lat = MAX (-90.0, (lat - radius) * RAD2DEG - slack_deg);
  box->max_lat = MIN (90.0, (lat + radius) * RAD2DEG + slack_deg);

  if (lat + radius >= G_PI / 2 - SLACK || lat - radius <= -G_PI / 2 + SLACK)
    {
      /* A pole inside: every longitude. */
      box->min_lon = -180.0;
      box->max_lon = 180.0;
      return;
    }

  {
    /* The widest longitude of a small circle: sin Δλ = sin r / cos φ. */
    double dlon = asin (MIN (1.0, sin (radius) / cos (lat))) * RAD2DEG + slack_deg;

    if (dlon >= 180.0)
      {
        box->min_lon = -180.0;
        box->max_lon = 180.0;
        return;
      }
    box->min_lon = lon - dlon;
    box->max_lon = lon + dlon;
    if (box->min_lon < -180.0)
      box->min_lon += 360.0;
    if (box->max_lon > 180.0)
      box->max_lon -= 360.0;
  }
}

/* A lower bound of sin² y, for 0 ≤ y ≤ π/2: sin y ≥ y − y³/6 ≥ 0 there,
 * so sin² y ≥ y² (1 − y²/6)² ≥ y² (1 − y²/3). */
static inline double
sin2_below (double y)
{
  double y2 = y * y;

  return y2 * (1.0 - y2 / 3.0);
}

/* Measures the points of the cap grown by D against the route. */
static void
query_cap (Query        *q,
           const CwVec3 *center,
           double        radius)
{
  guint cover[CW_ROUTE_MAX_COVER];
  guint n_cover;
  double near_angle = radius + q->max_angle + SLACK, near2, near_hav;
  double clat, clon, cos_clat, cos_edge;
  CwBBox box;

  cap_to_bbox (center, near_angle, &box);
  g_array_set_size (q->ids, 0);
  cw_spatial_index_query_bbox (q->index, &box, q->ids);
  q->stats.boxes++;
  q->stats.returned += q->ids->len;
  if (q->ids->len == 0)
    return;

  /* A point of the box further than radius + D from the centre is
   * further than D from every segment of the cap: it is left for the
   * cap that holds its segments, if any. One nearer has every segment
   * within D of it inside the cap of radius + 2 D: a cover of that
   * starts each search a few levels down the tree. The squared chord
   * of an angle is 4 sin²(angle / 2). */
  near2 = near_angle >= G_PI ? G_MAXDOUBLE : 4.0 * sin (near_angle / 2) * sin (near_angle / 2);
  n_cover = _cw_route_cover (q->route, center, near_angle + q->max_angle + SLACK, cover,
                             COVER_NODES);

  /* Boxes overlap, and a point is measured in the first cap that holds
   * it: most ids come back more than once before that or never get
   * there. Before the trigonometry of the exact test, a cheaper one
   * with the haversine formula, hav θ = hav Δφ + cos φ1 cos φ2 hav Δλ,
   * every term bounded from below (cos φ2 by the box's edge farthest
   * from the equator), rejects most of those. */
  clat = asin (CLAMP (center->z, -1.0, 1.0));
  clon = atan2 (center->y, center->x) * RAD2DEG;
  cos_clat = cos (clat);
  clat *= RAD2DEG;
  cos_edge = MAX (0.0, MIN (cos (box.min_lat / RAD2DEG), cos (box.max_lat / RAD2DEG)));
  near_hav = near_angle >= G_PI ? G_MAXDOUBLE : near2 * 0.25 * (1.0 + 1e-9) + 1e-18;

  for (guint i = 0; i < q->ids->len; i++)
    {
      CwCorridorHit hit = { g_array_index (q->ids, guint32, i) };
      CwVec3 p;
      double dlat, dlon, dx, dy, dz, key;
      guint seg;

      g_assert (hit.id < q->n);
      /* Ids come in the index's order, not the arrays': fetch
       * coordinates ahead, or cache misses cost more than the search. */
      if (i + PREFETCH_AHEAD < q->ids->len)
        {
          guint32 ahead = g_array_index (q->ids, guint32, i + PREFETCH_AHEAD);
          PREFETCH (&q->lat[ahead]);
          PREFETCH (&q->lon[ahead]);
        }
      if (q->seen[hit.id / 32] & (1u << (hit.id % 32)))
        continue;

      dlat = fabs (q->lat[hit.id] - clat);
      dlon = fabs (q->lon[hit.id] - clon);
      if (dlon > 180.0)
        dlon = 360.0 - dlon;
      if (sin2_below (dlat * HALF_DEG2RAD) + cos_clat * cos_edge * sin2_below (dlon * HALF_DEG2RAD) > near_hav)
        continue;

      _cw_vec3_from_lat_lon (q->lat[hit.id], q->lon[hit.id], &p);
      dx = p.x - center->x;
      dy = p.y - center->y;
      dz = p.z - center->z;
      if (dx * dx + dy * dy + dz * dz > near2)
        continue;

      q->seen[hit.id / 32] |= 1u << (hit.id % 32);
      q->stats.candidates++;
      /* the offset first, as _cw_route_project () computes it: most
       * points that miss skip the rest */
      if (!_cw_route_nearest_in (q->route, cover, n_cover, &p, q->max_angle, &seg, &key,
                                 &q->stats.segment_tests) ||
          _cw_route_key_to_km (key) > q->corridor_km)
        continue;
      _cw_route_project (q->route, seg, &p, key, &hit.along_km, &hit.offset_km, &hit.side);
      g_array_append_val (q->hits, hit);
    }
}

static gboolean
segment_is_degenerate (CwRoute *route,
                       guint    seg)
{
  CwRouteSegment s;

  _cw_route_get_segment (route, seg, &s);
  return s.degenerate;
}

/* A long single segment: caps of at most @max_radius along the arc. */
static void
query_long_segment (Query  *q,
                    guint   k,
                    double  max_radius)
{
  CwRoute *route = q->route;
  const CwRouteChunk *chunk = &route->chunks[k];
  CwRouteSegment segment, *seg = &segment;
  const CwVec3 *a = &route->xyz[chunk->first];
  const CwVec3 *b = &route->xyz[chunk->first + 1];
  double length = _cw_vec3_angle (a, b);
  guint pieces = (guint) ceil (length / (2.0 * max_radius));
  double step = length / pieces;

  _cw_route_get_segment (route, chunk->first, &segment);
  for (guint j = 0; j < pieces; j++)
    {
      /* Along the great circle: A cos t + (n × A) sin t. */
      double t = (j + 0.5) * step;
      CwVec3 c = {
        a->x * cos (t) + seg->na.x * sin (t),
        a->y * cos (t) + seg->na.y * sin (t),
        a->z * cos (t) + seg->na.z * sin (t),
      };

      query_cap (q, &c, step / 2 + SLACK);
    }
}

GArray *
cw_corridor_query (CwSpatialIndex  *index,
                   const double    *lat,
                   const double    *lon,
                   guint            n,
                   CwRoute         *route,
                   double           corridor_km,
                   CwCorridorStats *stats)
{
  Query q = { 0 };
  double max_radius;
  guint k = 0;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (lat != NULL || n == 0, NULL);
  g_return_val_if_fail (lon != NULL || n == 0, NULL);
  g_return_val_if_fail (route != NULL, NULL);
  g_return_val_if_fail (corridor_km >= 0 && corridor_km < 5000, NULL);

  q.hits = g_array_new (FALSE, FALSE, sizeof (CwCorridorHit));
  if (n == 0)
    {
      if (stats)
        *stats = q.stats;
      return q.hits;
    }

  q.route = route;
  q.index = index;
  q.lat = lat;
  q.lon = lon;
  q.n = n;
  q.corridor_km = corridor_km;
  q.max_angle = corridor_km / CW_EARTH_RADIUS_KM;
  q.seen = g_new0 (guint32, (n + 31) / 32);
  q.ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  max_radius = MAX (corridor_km, QUERY_MIN_KM) / CW_EARTH_RADIUS_KM;

  while (k < route->n_chunks)
    {
      const CwRouteChunk *chunk = &route->chunks[k];
      CwVec3 center = chunk->center;
      double radius = chunk->radius;

      if (chunk->n == 1 && chunk->radius > max_radius && !segment_is_degenerate (route, chunk->first))
        {
          query_long_segment (&q, k, max_radius);
          k++;
          continue;
        }

      /* Grow the cap around the first chunk's centre while it stays
       * small; caps under 90° are convex, so it holds every chunk. */
      for (k++; k < route->n_chunks; k++)
        {
          double r = _cw_vec3_angle (&center, &route->chunks[k].center) + route->chunks[k].radius;
          if (r > max_radius)
            break;
          radius = MAX (radius, r);
        }
      query_cap (&q, &center, radius);
    }

  sort_hits ((CwCorridorHit *) (void *) q.hits->data, q.hits->len);

  if (stats)
    *stats = q.stats;
  g_free (q.seen);
  g_array_unref (q.ids);
  return q.hits;
}

GArray *
cw_corridor_query_points (const double *lat,
                          const double *lon,
                          guint         n,
                          CwRoute      *route,
                          double        corridor_km)
{
  CwSpatialIndex *index;
  GArray *hits;

  g_return_val_if_fail (route != NULL, NULL);

  index = cw_spatial_index_new (lat, lon, n);
  hits = cw_corridor_query (index, lat, lon, n, route, corridor_km, NULL);
  cw_spatial_index_free (index);
  return hits;
}

GArray *
cw_corridor_query_naive (const double *lat,
                         const double *lon,
                         guint         n,
                         CwRoute      *route,
                         double        corridor_km)
{
  g_autofree CwRouteSegment *segments = NULL;
  GArray *hits;

  g_return_val_if_fail (lat != NULL || n == 0, NULL);
  g_return_val_if_fail (lon != NULL || n == 0, NULL);
  g_return_val_if_fail (route != NULL, NULL);

  hits = g_array_new (FALSE, FALSE, sizeof (CwCorridorHit));
  segments = _cw_route_dup_segments (route);
  for (guint32 i = 0; i < n; i++)
    {
      CwCorridorHit hit = { i };
      CwVec3 p;
      double key;
      guint seg;

      _cw_vec3_from_lat_lon (lat[i], lon[i], &p);
      _cw_route_nearest_linear (route, segments, &p, &seg, &key);
      _cw_route_project (route, seg, &p, key, &hit.along_km, &hit.offset_km, &hit.side);
      if (hit.offset_km <= corridor_km)
        g_array_append_val (hits, hit);
    }
  sort_hits ((CwCorridorHit *) (void *) hits->data, hits->len);
  return hits;
}
