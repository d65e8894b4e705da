/* cw-corridor.c
 *
 * Two passes. First the route's chunks (runs of ≤ 32 segments inside a
 * cap of about a km, built with the route) are gathered into caps about
 * max (D, 1 km) wide, a segment longer than that cut into several; each
 * cap grown by D becomes a box for the spatial index, and the ids it
 * returns go into a bitmap, once each. Then each candidate finds its
 * nearest segment through the route's tree of capsules (cw-route.c),
 * which visits only the few nodes that can hold something closer than
 * the best so far or D: about log(route points) work per candidate.
 *
 * Exactness: every point within D of a segment lies in the grown box of
 * the cap around that segment's chunk, so it becomes a candidate; the
 * tree's bounds never prune a segment that could win; and segments are
 * ranked by the same key and tie rule as the linear scan. The hits and
 * every distance are therefore those of cw_corridor_query_naive ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-corridor"

#include "cw-corridor.h"
#include "cw-route-private.h"

#define RAD2DEG (180.0 / G_PI)

/* The smallest query cap radius: below a km, per-box overhead would
 * outweigh the smaller boxes on a dense route. */
#define QUERY_MIN_KM 1.0
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
  double           max_angle;   /* D in radians */
  guint32         *seen;        /* bitmap over ids */
  GArray          *candidates;  /* guint32 ids, each once */
  GArray          *ids;         /* scratch for the index's answers */
  CwCorridorStats  stats;
} Query;

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const CwCorridorHit *ha = a, *hb = b;

  if (ha->along_km != hb->along_km)
    return ha->along_km < hb->along_km ? -1 : 1;
  return (ha->id > hb->id) - (ha->id < hb->id);
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

/* Adds the points within D of the cap to the candidates. */
static void
query_cap (Query        *q,
           const CwVec3 *center,
           double        radius)
{
  CwBBox box;

  cap_to_bbox (center, radius + q->max_angle + SLACK, &box);
  g_array_set_size (q->ids, 0);
  cw_spatial_index_query_bbox (q->index, &box, q->ids);
  q->stats.boxes++;
  q->stats.returned += q->ids->len;

  for (guint i = 0; i < q->ids->len; i++)
    {
      guint32 id = g_array_index (q->ids, guint32, i);

      g_assert (id < q->n);
      if (q->seen[id / 32] & (1u << (id % 32)))
        continue;
      q->seen[id / 32] |= 1u << (id % 32);
      g_array_append_val (q->candidates, id);
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
  GArray *hits;
  guint k = 0;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (lat != NULL || n == 0, NULL);
  g_return_val_if_fail (lon != NULL || n == 0, NULL);
  g_return_val_if_fail (route != NULL, NULL);
  g_return_val_if_fail (corridor_km >= 0 && corridor_km < 5000, NULL);

  hits = g_array_new (FALSE, FALSE, sizeof (CwCorridorHit));
  if (n == 0)
    {
      if (stats)
        *stats = q.stats;
      return hits;
    }

  q.route = route;
  q.index = index;
  q.lat = lat;
  q.lon = lon;
  q.n = n;
  q.max_angle = corridor_km / CW_EARTH_RADIUS_KM;
  q.seen = g_new0 (guint32, (n + 31) / 32);
  q.candidates = g_array_new (FALSE, FALSE, sizeof (guint32));
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

  for (guint i = 0; i < q.candidates->len; i++)
    {
      CwCorridorHit hit = { g_array_index (q.candidates, guint32, i) };
      CwVec3 p;
      double key;
      guint seg;

      /* Candidates come in route order, their ids in no order: fetch
       * coordinates ahead, or cache misses cost more than the search. */
      if (i + PREFETCH_AHEAD < q.candidates->len)
        {
          guint32 ahead = g_array_index (q.candidates, guint32, i + PREFETCH_AHEAD);
          PREFETCH (&lat[ahead]);
          PREFETCH (&lon[ahead]);
        }
      _cw_vec3_from_lat_lon (lat[hit.id], lon[hit.id], &p);
      if (!_cw_route_nearest (route, &p, q.max_angle, &seg, &key, &q.stats.segment_tests))
        continue;
      _cw_route_project (route, seg, &p, key, &hit.along_km, &hit.offset_km, &hit.side);
      if (hit.offset_km <= corridor_km)
        g_array_append_val (hits, hit);
    }
  g_array_sort (hits, compare_hits);

  q.stats.candidates = q.candidates->len;
  if (stats)
    *stats = q.stats;
  g_free (q.seen);
  g_array_unref (q.candidates);
  g_array_unref (q.ids);
  return hits;
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
  g_array_sort (hits, compare_hits);
  return hits;
}
