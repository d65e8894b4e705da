/* cw-route.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-route"

#include "cw-route-private.h"

/* sin of the smallest angle a segment may span and still have a usable
 * normal: 1e-12 rad is 6 µm on the ground. */
#define MIN_SEGMENT_SIN 1e-12

/* Chunks: at most this many segments, within this distance of their
 * first point (a single longer segment makes a chunk of its own). */
#define CHUNK_MAX_SEGMENTS 32
#define CHUNK_MAX_KM       1.0
/* Closer than this (a millimetre) a point is on the line: side 0. */
#define ON_LINE_KM         1e-6

/* Tree leaves hold at most this many segments; nodes up to
 * EXACT_SEGMENTS measure their capsule at every point. */
#define LEAF_SEGMENTS      8
#define EXACT_SEGMENTS     64
/* Added to radii and deviations so that rounding never shrinks them. */
#define CAP_SLACK          1e-9
/* Capsules wider than this (3,000 km) never prune: at that size the
 * sphere's curvature makes the bound below unsafe and useless anyway. */
#define MAX_DEV            0.5

G_DEFINE_BOXED_TYPE (CwRoute, cw_route, cw_route_ref, cw_route_unref)

static void
cross (const CwVec3 *a,
       const CwVec3 *b,
       CwVec3       *out)
{
  out->x = a->y * b->z - a->z * b->y;
  out->y = a->z * b->x - a->x * b->z;
  out->z = a->x * b->y - a->y * b->x;
}

static double
norm (const CwVec3 *v)
{
  return sqrt (_cw_vec3_dot (v, v));
}

static void
init_segment (CwRouteSegment *seg,
              const CwVec3   *a,
              const CwVec3   *b)
{
  double len;

  cross (a, b, &seg->n);
  len = norm (&seg->n);
  if (len < MIN_SEGMENT_SIN || (_cw_vec3_dot (a, b) < 0 && len < 1e-6))
    {
      /* Zero length, or so close to antipodal that the arc is not
       * defined: stands for its first point. */
      seg->degenerate = TRUE;
      return;
    }
  seg->n.x /= len;
  seg->n.y /= len;
  seg->n.z /= len;
  cross (&seg->n, a, &seg->na);
  cross (b, &seg->n, &seg->bn);
  seg->degenerate = FALSE;
}

static inline double
chord_key (const CwVec3 *p,
           const CwVec3 *q)
{
  double dx = p->x - q->x, dy = p->y - q->y, dz = p->z - q->z;

  /* |p − q| = 2 sin(θ/2) */
  return (dx * dx + dy * dy + dz * dz) * 0.25;
}

/* The key of @p against the arc a→b described by @s. */
static inline double
arc_key (const CwRouteSegment *s,
         const CwVec3         *a,
         const CwVec3         *b,
         const CwVec3         *p)
{
  double sn;

  if (s->degenerate)
    return chord_key (p, a);
  if (_cw_vec3_dot (p, &s->na) >= 0 && _cw_vec3_dot (p, &s->bn) >= 0)
    {
      sn = _cw_vec3_dot (p, &s->n);
      sn = MIN (sn * sn, 1.0);
      /* sin²(θ/2) = (1 − cos θ)/2 with cos θ = √(1 − sin²θ), written
       * without the cancellation at small θ. */
      return sn / (2.0 * (1.0 + sqrt (1.0 - sn)));
    }
  return MIN (chord_key (p, a), chord_key (p, b));
}

static void
build_chunks (CwRoute *route)
{
  double limit = CHUNK_MAX_KM / CW_EARTH_RADIUS_KM;
  GArray *chunks = g_array_new (FALSE, FALSE, sizeof (CwRouteChunk));
  guint last_point = route->n_points - 1;
  guint s = 0;

  while (s < route->n_segments)
    {
      CwRouteChunk chunk = { s, 0 };
      const CwVec3 *start = &route->xyz[s];
      CwVec3 sum = { 0, 0, 0 };
      guint end;
      double len;

      do
        {
          chunk.n++;
          s++;
        }
      while (s < route->n_segments && chunk.n < CHUNK_MAX_SEGMENTS &&
             _cw_vec3_angle (start, &route->xyz[MIN (s + 1, last_point)]) <= limit);

      end = MIN (chunk.first + chunk.n, last_point);
      for (guint i = chunk.first; i <= end; i++)
        {
          sum.x += route->xyz[i].x;
          sum.y += route->xyz[i].y;
          sum.z += route->xyz[i].z;
        }
      len = norm (&sum);
      if (len > 1e-6)
        chunk.center = (CwVec3) { sum.x / len, sum.y / len, sum.z / len };
      else
        chunk.center = *start;
      chunk.radius = 0;
      for (guint i = chunk.first; i <= end; i++)
        chunk.radius = MAX (chunk.radius, _cw_vec3_angle (&chunk.center, &route->xyz[i]));
      chunk.radius += CAP_SLACK;
      g_array_append_val (chunks, chunk);
    }

  route->n_chunks = chunks->len;
  route->chunks = (CwRouteChunk *) (void *) g_array_free (chunks, FALSE);
}

/* How far an arc of length @l bulges from the chord when its ends lie
 * within @dev of it. Along the arc the sine of the distance to the
 * chord's great circle is a sinusoid, so the arc stays within
 * asin (sin dev / cos (l/2)) of it; beyond the chord's ends the arc
 * stays in the (convex) cap around the end. dev·l² + l³ covers the
 * excess for every dev below MAX_DEV; longer arcs never prune. */
static double
widen (double dev,
       double l)
{
  return dev + dev * l * l + l * l * l + CAP_SLACK;
}

static double
arc_angle (const CwRouteNode *node,
           const CwVec3      *a,
           const CwVec3      *b,
           const CwVec3      *p)
{
  return 2.0 * asin (MIN (1.0, sqrt (arc_key (&node->chord, a, b, p))));
}

/* Builds the subtree of segments [first, first + n); returns its index.
 * Small nodes measure their deviation at every point; larger ones bound
 * it from their children (the triangle inequality), which keeps the
 * whole build linear. @longest: the longest segment, for the bulge. */
static guint
build_node (CwRoute *route,
            GArray  *nodes,
            guint    first,
            guint    n,
            double  *longest)
{
  guint index = nodes->len;
  guint last = MIN (first + n, route->n_points - 1);
  const CwVec3 *a = &route->xyz[first], *b = &route->xyz[last];
  CwRouteNode node = { .first = first, .n = n };
  double dev = 0;

  g_array_set_size (nodes, index + 1);
  init_segment (&node.chord, a, b);
  node.a = *a;
  node.b = *b;

  if (n <= LEAF_SEGMENTS)
    {
      *longest = 0;
      for (guint i = first; i < last; i++)
        *longest = MAX (*longest, _cw_vec3_angle (&route->xyz[i], &route->xyz[i + 1]));
    }
  else
    {
      double l1, l2;
      guint left = index + 1;

      build_node (route, nodes, first, n / 2, &l1);
      node.right = build_node (route, nodes, first + n / 2, n - n / 2, &l2);
      *longest = MAX (l1, l2);

      if (n > EXACT_SEGMENTS)
        {
          guint children[2] = { left, node.right };

          for (guint c = 0; c < 2; c++)
            {
              const CwRouteNode *child = &g_array_index (nodes, CwRouteNode, children[c]);
              guint child_last = MIN (child->first + child->n, route->n_points - 1);
              const CwVec3 *ca = &route->xyz[child->first], *cb = &route->xyz[child_last];
              double ends = MAX (arc_angle (&node, a, b, ca), arc_angle (&node, a, b, cb));

              if (child->dev == G_MAXDOUBLE)
                {
                  dev = G_MAXDOUBLE;
                  break;
                }
              dev = MAX (dev, widen (ends, _cw_vec3_angle (ca, cb)) + child->dev);
            }
          node.dev = dev > MAX_DEV ? G_MAXDOUBLE : dev;
          g_array_index (nodes, CwRouteNode, index) = node;
          return index;
        }
    }

  for (guint i = first; i <= last; i++)
    dev = MAX (dev, arc_key (&node.chord, a, b, &route->xyz[i]));
  dev = widen (2.0 * asin (MIN (1.0, sqrt (dev))), *longest);
  node.dev = dev > MAX_DEV ? G_MAXDOUBLE : dev;

  g_array_index (nodes, CwRouteNode, index) = node;
  return index;
}

/* How many nodes build_node () makes for @n segments. */
static guint
count_nodes (guint n)
{
  return n <= LEAF_SEGMENTS ? 1 : 1 + count_nodes (n / 2) + count_nodes (n - n / 2);
}

static void
build_tree (CwRoute *route)
{
  /* sized exactly: growing an array of nodes this large copies it */
  GArray *nodes = g_array_sized_new (FALSE, FALSE, sizeof (CwRouteNode),
                                     count_nodes (route->n_segments));
  double longest;

  build_node (route, nodes, 0, route->n_segments, &longest);
  route->nodes = (CwRouteNode *) (void *) g_array_free (nodes, FALSE);
}

CwRoute *
cw_route_new (const CwLatLon *points,
              guint           n_points)
{
  CwRoute *route;
  gboolean crosses_antimeridian = FALSE;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  if (n_points == 0)
    return NULL;
  for (guint i = 0; i < n_points; i++)
    if (!cw_geo_coords_valid (points[i].lat, points[i].lon))
      return NULL;

  route = g_new0 (CwRoute, 1);
  g_atomic_ref_count_init (&route->ref_count);
  route->n_points = n_points;
  route->n_segments = MAX (n_points - 1, 1);
  route->points = g_memdup2 (points, sizeof (CwLatLon) * n_points);
  route->cumulative_km = g_new (double, n_points);
  route->xyz = g_new (CwVec3, n_points);

  route->bbox.min_lat = route->bbox.max_lat = points[0].lat;
  route->bbox.min_lon = route->bbox.max_lon = points[0].lon;
  route->cumulative_km[0] = 0;
  for (guint i = 0; i < n_points; i++)
    {
      _cw_vec3_from_lat_lon (points[i].lat, points[i].lon, &route->xyz[i]);
      route->bbox.min_lat = MIN (route->bbox.min_lat, points[i].lat);
      route->bbox.max_lat = MAX (route->bbox.max_lat, points[i].lat);
      route->bbox.min_lon = MIN (route->bbox.min_lon, points[i].lon);
      route->bbox.max_lon = MAX (route->bbox.max_lon, points[i].lon);
      if (i == 0)
        continue;
      route->cumulative_km[i] = route->cumulative_km[i - 1] +
          cw_geo_haversine_km (points[i - 1].lat, points[i - 1].lon, points[i].lat, points[i].lon);
      if (fabs (points[i].lon - points[i - 1].lon) > 180.0)
        crosses_antimeridian = TRUE;
    }
  if (crosses_antimeridian)
    {
      route->bbox.min_lon = -180.0;
      route->bbox.max_lon = 180.0;
    }

  /* Each segment's normal, once: a square root and three divisions
   * every search would otherwise repeat for each segment it measures. */
  route->normals = g_new (CwVec3, route->n_segments);
  for (guint i = 0; i < route->n_segments; i++)
    {
      CwRouteSegment seg;

      if (i + 1 >= n_points)
        seg.degenerate = TRUE;
      else
        init_segment (&seg, &route->xyz[i], &route->xyz[i + 1]);
      route->normals[i] = seg.degenerate ? (CwVec3) { 0, 0, 0 } : seg.n;
    }

  build_chunks (route);
  build_tree (route);

  return route;
}

CwRoute *
cw_route_ref (CwRoute *route)
{
  g_return_val_if_fail (route != NULL, NULL);

  g_atomic_ref_count_inc (&route->ref_count);
  return route;
}

void
cw_route_unref (CwRoute *route)
{
  g_return_if_fail (route != NULL);

  if (!g_atomic_ref_count_dec (&route->ref_count))
    return;
  g_free (route->points);
  g_free (route->cumulative_km);
  g_free (route->xyz);
  g_free (route->normals);
  g_free (route->chunks);
  g_free (route->nodes);
  g_free (route);
}

guint
cw_route_get_n_points (CwRoute *route)
{
  g_return_val_if_fail (route != NULL, 0);
  return route->n_points;
}

const CwLatLon *
cw_route_get_points (CwRoute *route)
{
  g_return_val_if_fail (route != NULL, NULL);
  return route->points;
}

const double *
cw_route_get_cumulative_km (CwRoute *route)
{
  g_return_val_if_fail (route != NULL, NULL);
  return route->cumulative_km;
}

double
cw_route_get_length_km (CwRoute *route)
{
  g_return_val_if_fail (route != NULL, 0);
  return route->cumulative_km[route->n_points - 1];
}

void
cw_route_get_bbox (CwRoute *route,
                   CwBBox  *out)
{
  g_return_if_fail (route != NULL);
  g_return_if_fail (out != NULL);
  *out = route->bbox;
}

/* The segment from its stored normal: the same bits as init_segment ()
 * gives, the normal having been computed by it. */
static inline void
get_segment (CwRoute        *route,
             guint           seg,
             CwRouteSegment *out)
{
  const CwVec3 *n = &route->normals[seg];

  if (n->x == 0 && n->y == 0 && n->z == 0)
    {
      out->degenerate = TRUE;
      return;
    }
  out->n = *n;
  cross (&out->n, &route->xyz[seg], &out->na);
  cross (&route->xyz[seg + 1], &out->n, &out->bn);
  out->degenerate = FALSE;
}

void
_cw_route_get_segment (CwRoute        *route,
                       guint           seg,
                       CwRouteSegment *out)
{
  get_segment (route, seg, out);
}

/* arc_key () of @p against segment @seg, written out on the stored
 * normal: the same operations in the same order, so the same bits, but
 * with no description built in memory first. */
static inline double
segment_key (CwRoute      *route,
             guint         seg,
             const CwVec3 *p)
{
  const CwVec3 *n = &route->normals[seg], *a = &route->xyz[seg], *b;
  double ax = a->x, ay = a->y, az = a->z, nx = n->x, ny = n->y, nz = n->z;
  double px = p->x, py = p->y, pz = p->z;
  double dx, dy, dz, ka, kb, sn;

  if (nx == 0 && ny == 0 && nz == 0)
    return chord_key (p, a);
  b = a + 1;
  /* p · (n × a) and p · (b × n) */
  if (px * (ny * az - nz * ay) + py * (nz * ax - nx * az) + pz * (nx * ay - ny * ax) >= 0 &&
      px * (b->y * nz - b->z * ny) + py * (b->z * nx - b->x * nz) + pz * (b->x * ny - b->y * nx) >= 0)
    {
      sn = px * nx + py * ny + pz * nz;
      sn = MIN (sn * sn, 1.0);
      return sn / (2.0 * (1.0 + sqrt (1.0 - sn)));
    }
  dx = px - ax;
  dy = py - ay;
  dz = pz - az;
  ka = (dx * dx + dy * dy + dz * dz) * 0.25;
  dx = px - b->x;
  dy = py - b->y;
  dz = pz - b->z;
  kb = (dx * dx + dy * dy + dz * dz) * 0.25;
  return MIN (ka, kb);
}

double
_cw_route_segment_key (CwRoute      *route,
                       guint         seg,
                       const CwVec3 *p)
{
  return segment_key (route, seg, p);
}

/* The square of a lower bound of the angle θ between @p and the arc
 * a→b described by @s: sin²θ where arc_key () measures to the great
 * circle, the squared chord 4 sin²(θ/2) where it measures to an end.
 * Both are at most θ² (sin x ≤ x), and neither takes a root or a
 * division: for pruning and ordering tree nodes, never for answers. */
static inline double
arc_bound2 (const CwRouteSegment *s,
            const CwVec3         *a,
            const CwVec3         *b,
            const CwVec3         *p)
{
  double sn;

  if (s->degenerate)
    return 4.0 * chord_key (p, a);
  if (_cw_vec3_dot (p, &s->na) >= 0 && _cw_vec3_dot (p, &s->bn) >= 0)
    {
      sn = _cw_vec3_dot (p, &s->n);
      return sn * sn;
    }
  return 4.0 * MIN (chord_key (p, a), chord_key (p, b));
}

static inline double
node_bound2 (CwRoute           *route,
             const CwRouteNode *node,
             const CwVec3      *p)
{
  return arc_bound2 (&node->chord, &node->a, &node->b, p);
}

/* Whether everything in @node is further than @bound from the point
 * whose arc_bound2 () against the chord is @bound2: the chord is further
 * than √bound2, its segments within dev of it. */
static inline gboolean
node_beyond (const CwRouteNode *node,
             double             bound2,
             double             bound)
{
  double t = bound + node->dev + CAP_SLACK;

  return bound2 > t * t;
}

guint
_cw_route_cover (CwRoute      *route,
                 const CwVec3 *center,
                 double        radius,
                 guint        *out,
                 guint         max)
{
  const CwRouteNode *nodes = route->nodes;
  guint n = 0;

  max = CLAMP (max, 1, CW_ROUTE_MAX_COVER);
  if (node_beyond (&nodes[0], node_bound2 (route, &nodes[0], center), radius))
    return 0;
  out[n++] = 0;

  /* Split the largest node while the cover stays within @max: the
   * children that can hold something within @radius replace it. */
  for (;;)
    {
      guint pick = G_MAXUINT, size = 0, index, left, right;
      gboolean in_left, in_right;

      for (guint i = 0; i < n; i++)
        if (nodes[out[i]].right != 0 && nodes[out[i]].n > size)
          {
            size = nodes[out[i]].n;
            pick = i;
          }
      if (pick == G_MAXUINT)
        break;

      index = out[pick];
      left = index + 1;
      right = nodes[index].right;
      in_left = !node_beyond (&nodes[left], node_bound2 (route, &nodes[left], center), radius);
      in_right = !node_beyond (&nodes[right], node_bound2 (route, &nodes[right], center), radius);
      if (n - 1 + in_left + in_right > max)
        break;
      out[pick] = out[--n];
      if (in_left)
        out[n++] = left;
      if (in_right)
        out[n++] = right;
    }
  return n;
}

gboolean
_cw_route_nearest_in (CwRoute      *route,
                      const guint  *start,
                      guint         n_start,
                      const CwVec3 *p,
                      double        max_angle,
                      guint        *seg_out,
                      double       *key_out,
                      guint        *tests)
{
  /* Each node pops once and pushes two: the start nodes and depth × 2
   * entries at most. */
  struct { guint node; double bound2; } stack[CW_ROUTE_MAX_COVER + 2 * 64];
  const CwRouteNode *nodes = route->nodes;
  guint sp = 0;
  double best_key = G_MAXDOUBLE, bound = max_angle;
  guint best_seg = G_MAXUINT, measured = 0;

  g_assert (n_start <= CW_ROUTE_MAX_COVER);

  /* The start nodes, the nearest on top. */
  for (guint i = 0; i < n_start; i++)
    {
      double b2 = node_bound2 (route, &nodes[start[i]], p);
      guint j = sp++;

      while (j > 0 && stack[j - 1].bound2 < b2)
        {
          stack[j] = stack[j - 1];
          j--;
        }
      stack[j].node = start[i];
      stack[j].bound2 = b2;
    }

  while (sp > 0)
    {
      guint index = stack[--sp].node;
      double b2 = stack[sp].bound2;
      const CwRouteNode *node = &nodes[index];

      if (node_beyond (node, b2, bound))
        continue;

      if (node->right == 0)
        {
          double leaf_key = best_key;

          for (guint s = node->first; s < node->first + node->n; s++)
            {
              double k = segment_key (route, s, p);

              if (k < best_key || (k == best_key && s < best_seg))
                {
                  best_key = k;
                  best_seg = s;
                }
            }
          measured += node->n;
          /* the bound only prunes nodes: once a leaf is enough */
          if (best_key < leaf_key)
            bound = MIN (max_angle, 2.0 * asin (MIN (1.0, sqrt (best_key))));
          continue;
        }

      {
        guint left = index + 1, right = node->right;
        double bl = node_bound2 (route, &nodes[left], p);
        double br = node_bound2 (route, &nodes[right], p);

        g_assert (sp + 2 <= G_N_ELEMENTS (stack));
        /* The nearer child pops first: a good bound early prunes more. */
        if (bl <= br)
          {
            stack[sp].node = right;
            stack[sp++].bound2 = br;
            stack[sp].node = left;
            stack[sp++].bound2 = bl;
          }
        else
          {
            stack[sp].node = left;
            stack[sp++].bound2 = bl;
            stack[sp].node = right;
            stack[sp++].bound2 = br;
          }
      }
    }

  if (tests)
    *tests += measured;
  if (best_seg == G_MAXUINT)
    return FALSE;
  *seg_out = best_seg;
  *key_out = best_key;
  return TRUE;
}

gboolean
_cw_route_nearest (CwRoute      *route,
                   const CwVec3 *p,
                   double        max_angle,
                   guint        *seg_out,
                   double       *key_out,
                   guint        *tests)
{
  static const guint root = 0;

  return _cw_route_nearest_in (route, &root, 1, p, max_angle, seg_out, key_out, tests);
}

CwRouteSegment *
_cw_route_dup_segments (CwRoute *route)
{
  CwRouteSegment *segments = g_new (CwRouteSegment, route->n_segments);

  for (guint i = 0; i < route->n_segments; i++)
    _cw_route_get_segment (route, i, &segments[i]);
  return segments;
}

void
_cw_route_nearest_linear (CwRoute              *route,
                          const CwRouteSegment *segments,
                          const CwVec3         *p,
                          guint                *seg_out,
                          double               *key_out)
{
  double best = G_MAXDOUBLE;
  guint best_seg = 0;
  guint last = route->n_points - 1;

  for (guint i = 0; i < route->n_segments; i++)
    {
      double key = arc_key (&segments[i], &route->xyz[i], &route->xyz[MIN (i + 1, last)], p);
      if (key < best)
        {
          best = key;
          best_seg = i;
        }
    }
  *seg_out = best_seg;
  *key_out = best;
}

void
_cw_route_project (CwRoute      *route,
                   guint         seg,
                   const CwVec3 *p,
                   double        key,
                   double       *along_km,
                   double       *offset_km,
                   int          *side)
{
  CwRouteSegment segment, *s = &segment;
  const CwVec3 *a = &route->xyz[seg];
  double along = route->cumulative_km[seg];
  double offset;
  int sd = 0;

  _cw_route_get_segment (route, seg, &segment);
  if (!s->degenerate)
    {
      const CwVec3 *b = &route->xyz[seg + 1];
      double sn = _cw_vec3_dot (p, &s->n);
      double end = route->cumulative_km[seg + 1];

      sd = sn > 0 ? -1 : sn < 0 ? +1 : 0;
      if (_cw_vec3_dot (p, &s->na) >= 0 && _cw_vec3_dot (p, &s->bn) >= 0)
        {
          CwVec3 foot = { p->x - sn * s->n.x, p->y - sn * s->n.y, p->z - sn * s->n.z };
          CwVec3 c;
          double angle;

          cross (a, &foot, &c);
          angle = atan2 (norm (&c), _cw_vec3_dot (a, &foot));
          along = CLAMP (along + angle * CW_EARTH_RADIUS_KM, along, end);
        }
      else if (chord_key (p, b) < chord_key (p, a))
        along = end;
    }

  offset = _cw_route_key_to_km (key);
  /* Within a millimetre the sign is rounding noise: on the line. */
  if (offset < ON_LINE_KM)
    sd = 0;
  if (along_km)
    *along_km = along;
  if (offset_km)
    *offset_km = offset;
  if (side)
    *side = sd;
}

void
cw_route_locate (CwRoute *route,
                 double   lat,
                 double   lon,
                 double  *along_km,
                 double  *offset_km,
                 int     *side)
{
  CwVec3 p;
  double key;
  guint seg;

  g_return_if_fail (route != NULL);

  _cw_vec3_from_lat_lon (lat, lon, &p);
  if (!_cw_route_nearest (route, &p, INFINITY, &seg, &key, NULL))
    {
      /* Only a NaN gets here: every distance compares false. */
      if (along_km)
        *along_km = NAN;
      if (offset_km)
        *offset_km = NAN;
      if (side)
        *side = 0;
      return;
    }
  _cw_route_project (route, seg, &p, key, along_km, offset_km, side);
}
