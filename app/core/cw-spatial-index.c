/* cw-spatial-index.c: a packed KD-tree over longitude/latitude pairs
 *
 * The tree is implicit: the points of a node are the range [left, right]
 * of the arrays, its split point the middle of that range, its children
 * the two halves on either side. Levels alternate between longitude
 * (axis 0) and latitude (axis 1). Building sorts the arrays in place by
 * quickselect, node by node, and stops at ranges of NODE_SIZE points,
 * which are scanned linearly: a scan of a few dozen doubles costs less
 * than the branches that would split it further.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-spatial-index"

#include <math.h>

#include "cw-spatial-index.h"

#define NODE_SIZE CW_SPATIAL_INDEX_NODE_SIZE
#define DEG2RAD   (G_PI / 180.0)
#define RAD2DEG   (180.0 / G_PI)
/* Depth of an implicit tree over 2^32 points with leaves of NODE_SIZE,
 * with room to spare: a depth-first walk never holds more than this. */
#define MAX_STACK 64

struct _CwSpatialIndex
{
  guint    n;
  guint32 *ids;
  double  *coords;              /* lon, lat pairs in tree order */
  CwBBox   bounds;              /* of all points */
};

/* ---- building ---- */

static inline void
swap_points (guint32 *ids,
             double  *coords,
             gint64   i,
             gint64   j)
{
  guint32 id = ids[i];
  double x = coords[2 * i];
  double y = coords[2 * i + 1];

  ids[i] = ids[j];
  coords[2 * i] = coords[2 * j];
  coords[2 * i + 1] = coords[2 * j + 1];
  ids[j] = id;
  coords[2 * j] = x;
  coords[2 * j + 1] = y;
}

static void
insertion_sort (guint32 *ids,
                double  *coords,
                gint64   left,
                gint64   right,
                guint    axis)
{
  for (gint64 i = left + 1; i <= right; i++)
    for (gint64 j = i; j > left && coords[2 * (j - 1) + axis] > coords[2 * j + axis]; j--)
      swap_points (ids, coords, j - 1, j);
}

/* Reorders [left, right] so that the point of rank @k along @axis sits at
 * @k, with nothing greater before it and nothing smaller after it. A
 * quickselect with a median-of-three pivot and a partition that swaps
 * equal keys, so runs of identical coordinates stay balanced. */
static void
select_kth (guint32 *ids,
            double  *coords,
            gint64   k,
            gint64   left,
            gint64   right,
            guint    axis)
{
  while (right > left)
    {
      gint64 mid, i, j;
      double pivot;

      if (right - left < 16)
        {
          insertion_sort (ids, coords, left, right, axis);
          return;
        }

      mid = left + (right - left) / 2;
      if (coords[2 * mid + axis] < coords[2 * left + axis])
        swap_points (ids, coords, mid, left);
      if (coords[2 * right + axis] < coords[2 * left + axis])
        swap_points (ids, coords, right, left);
      if (coords[2 * right + axis] < coords[2 * mid + axis])
        swap_points (ids, coords, right, mid);
      pivot = coords[2 * mid + axis];

      i = left;
      j = right;
      do
        {
          while (coords[2 * i + axis] < pivot)
            i++;
          while (pivot < coords[2 * j + axis])
            j--;
          if (i <= j)
            {
              swap_points (ids, coords, i, j);
              i++;
              j--;
            }
        }
      while (i <= j);

      /* now [left, j] <= pivot, [i, right] >= pivot, and what lies
       * between equals the pivot */
      if (k <= j)
        right = j;
      else if (k >= i)
        left = i;
      else
        return;
    }
}

static void
kd_sort (guint32 *ids,
         double  *coords,
         gint64   left,
         gint64   right,
         guint    axis)
{
  while (right - left > NODE_SIZE)
    {
      gint64 m = (left + right) >> 1;

      select_kth (ids, coords, m, left, right, axis);
      kd_sort (ids, coords, left, m - 1, 1 - axis);
      /* the right half iteratively: the recursion stays log-deep */
      left = m + 1;
      axis = 1 - axis;
    }
}

CwSpatialIndex *
cw_spatial_index_new (const double *lat,
                      const double *lon,
                      guint         n)
{
  CwSpatialIndex *self;

  g_return_val_if_fail (n == 0 || (lat != NULL && lon != NULL), NULL);

  self = g_new0 (CwSpatialIndex, 1);
  self->n = n;
  self->ids = g_new (guint32, MAX (n, 1));
  self->coords = g_new (double, 2 * (gsize) MAX (n, 1));
  self->bounds.min_lat = self->bounds.min_lon = INFINITY;
  self->bounds.max_lat = self->bounds.max_lon = -INFINITY;

  for (guint i = 0; i < n; i++)
    {
      self->ids[i] = i;
      self->coords[2 * (gsize) i] = lon[i];
      self->coords[2 * (gsize) i + 1] = lat[i];
      self->bounds.min_lat = MIN (self->bounds.min_lat, lat[i]);
      self->bounds.max_lat = MAX (self->bounds.max_lat, lat[i]);
      self->bounds.min_lon = MIN (self->bounds.min_lon, lon[i]);
      self->bounds.max_lon = MAX (self->bounds.max_lon, lon[i]);
    }

  if (n > 0)
    kd_sort (self->ids, self->coords, 0, (gint64) n - 1, 0);

  return self;
}

void
cw_spatial_index_free (CwSpatialIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->ids);
  g_free (index->coords);
  g_free (index);
}

guint
cw_spatial_index_get_size (CwSpatialIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);

  return index->n;
}

gsize
cw_spatial_index_get_memory (CwSpatialIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);

  return sizeof *index + (gsize) MAX (index->n, 1) * (sizeof (guint32) + 2 * sizeof (double));
}

/* ---- boxes ---- */

static double
wrap_lon (double lon)
{
  if (lon >= -180.0 && lon <= 180.0)
    return lon;
  lon = fmod (lon + 180.0, 360.0);
  if (lon < 0)
    lon += 360.0;
  return lon - 180.0;
}

guint
cw_spatial_index_split_bbox (const CwBBox *box,
                             CwBBox        out[2])
{
  double min_lon, max_lon;

  g_return_val_if_fail (box != NULL, 0);

  /* written so that NaNs make the box empty */
  if (!(box->min_lat <= box->max_lat) ||
      !(box->min_lon == box->min_lon) || !(box->max_lon == box->max_lon))
    return 0;

  out[0].min_lat = out[1].min_lat = box->min_lat;
  out[0].max_lat = out[1].max_lat = box->max_lat;

  if (box->max_lon - box->min_lon >= 360.0)
    {
      out[0].min_lon = -180.0;
      out[0].max_lon = 180.0;
      return 1;
    }

  min_lon = wrap_lon (box->min_lon);
  max_lon = wrap_lon (box->max_lon);
  if (min_lon <= max_lon)
    {
      out[0].min_lon = min_lon;
      out[0].max_lon = max_lon;
      return 1;
    }

  out[0].min_lon = min_lon;
  out[0].max_lon = 180.0;
  out[1].min_lon = -180.0;
  out[1].max_lon = max_lon;
  return 2;
}

/* ---- range queries ---- */

typedef struct {
  double lat, lon;
  double radius_km;
} Circle;

static inline void
emit (GArray       *out,
      guint32       id,
      const double *xy,
      const Circle *circle)
{
  if (circle == NULL ||
      cw_geo_haversine_km (circle->lat, circle->lon, xy[1], xy[0]) <= circle->radius_km)
    g_array_append_val (out, id);
}

/* Every point in @box (a plain one), passed through @circle when given. */
static void
range_query (CwSpatialIndex *self,
             const CwBBox   *box,
             const Circle   *circle,
             GArray         *out)
{
  const double *c = self->coords;
  const double min_x = box->min_lon, max_x = box->max_lon;
  const double min_y = box->min_lat, max_y = box->max_lat;
  gint64 stack[MAX_STACK * 3];
  guint top = 0;

  if (self->n == 0)
    return;

  stack[top++] = 0;
  stack[top++] = (gint64) self->n - 1;
  stack[top++] = 0;

  while (top > 0)
    {
      guint axis = (guint) stack[--top];
      gint64 right = stack[--top];
      gint64 left = stack[--top];
      gint64 m;
      double x, y;

      if (right - left <= NODE_SIZE)
        {
          for (gint64 i = left; i <= right; i++)
            {
              x = c[2 * i];
              y = c[2 * i + 1];
              if (x >= min_x && x <= max_x && y >= min_y && y <= max_y)
                emit (out, self->ids[i], &c[2 * i], circle);
            }
          continue;
        }

      m = (left + right) >> 1;
      x = c[2 * m];
      y = c[2 * m + 1];
      if (x >= min_x && x <= max_x && y >= min_y && y <= max_y)
        emit (out, self->ids[m], &c[2 * m], circle);

      g_assert (top + 6 <= G_N_ELEMENTS (stack));
      if (axis == 0 ? min_x <= x : min_y <= y)
        {
          stack[top++] = left;
          stack[top++] = m - 1;
          stack[top++] = 1 - axis;
        }
      if (axis == 0 ? max_x >= x : max_y >= y)
        {
          stack[top++] = m + 1;
          stack[top++] = right;
          stack[top++] = 1 - axis;
        }
    }
}

void
cw_spatial_index_query_bbox (CwSpatialIndex *index,
                             const CwBBox   *box,
                             GArray         *out_ids)
{
  CwBBox parts[2];
  guint n_parts;

  g_return_if_fail (index != NULL);
  g_return_if_fail (box != NULL);
  g_return_if_fail (out_ids != NULL);

  n_parts = cw_spatial_index_split_bbox (box, parts);
  for (guint i = 0; i < n_parts; i++)
    range_query (index, &parts[i], NULL, out_ids);
}

/* The box of every point within @r_rad (radians) of (lat, lon), made a
 * little larger than exact so that rounding never loses a point on the
 * circle: the exact test follows. */
static void
circle_box (double  lat,
            double  lon,
            double  r_rad,
            CwBBox *out)
{
  const double margin = 1e-7;  /* degrees, about a centimetre */
  double dlat = r_rad * RAD2DEG + margin;
  double s;

  out->min_lat = lat - dlat;
  out->max_lat = lat + dlat;
  out->min_lon = -180.0;
  out->max_lon = 180.0;

  /* a circle over a pole, or half the earth wide, spans all longitudes */
  if (r_rad >= G_PI / 2 || out->max_lat >= 90.0 || out->min_lat <= -90.0)
    return;

  /* the widest longitude of a spherical cap: sin Δλ = sin r / cos φ */
  s = sin (r_rad) / cos (lat * DEG2RAD);
  if (s < 1.0)
    {
      double dlon = asin (s) * RAD2DEG + margin;

      out->min_lon = lon - dlon;
      out->max_lon = lon + dlon;
    }
}

void
cw_spatial_index_query_radius (CwSpatialIndex *index,
                               double          lat,
                               double          lon,
                               double          radius_km,
                               GArray         *out_ids)
{
  Circle circle = { lat, lon, radius_km };
  CwBBox box, parts[2];
  guint n_parts;

  g_return_if_fail (index != NULL);
  g_return_if_fail (out_ids != NULL);

  if (!(radius_km >= 0) || !cw_geo_coords_valid (lat, lon))
    return;
  circle_box (lat, lon, radius_km / CW_EARTH_RADIUS_KM, &box);

  n_parts = cw_spatial_index_split_bbox (&box, parts);
  for (guint i = 0; i < n_parts; i++)
    range_query (index, &parts[i], &circle, out_ids);
}

/* ---- nearest ---- */

/* Haversines: hav θ = sin²(θ/2). The central angle θ between two points
 * satisfies hav θ = hav Δφ + cos φ1 cos φ2 hav Δλ, so the same expression
 * as cw_geo_haversine_km () gives the same rounding. */
static inline double
hav_points (double lat1,
            double lon1,
            double cos_lat1,
            double lat2,
            double lon2)
{
  double dlat = (lat2 - lat1) * DEG2RAD;
  double dlon = (lon2 - lon1) * DEG2RAD;

  return sin (dlat / 2) * sin (dlat / 2) +
         cos_lat1 * cos (lat2 * DEG2RAD) * sin (dlon / 2) * sin (dlon / 2);
}

static inline double
hav_deg (double deg)
{
  double s = sin (deg * DEG2RAD / 2);

  return s * s;
}

/* A lower bound of the haversine from a point to any point of @b: hav Δφ
 * and hav Δλ each grow with their argument, and cos φ2 is least at the
 * box's edge farthest from the equator. */
static double
hav_to_box (double        lat,
            double        lon,
            double        cos_lat,
            const CwBBox *b)
{
  double dlat = 0, dlon = 0;

  if (lat < b->min_lat)
    dlat = b->min_lat - lat;
  else if (lat > b->max_lat)
    dlat = lat - b->max_lat;

  if (lon < b->min_lon || lon > b->max_lon)
    {
      double east = fmod (b->min_lon - lon + 720.0, 360.0);
      double west = fmod (lon - b->max_lon + 720.0, 360.0);

      dlon = MIN (MIN (east, west), 180.0);
    }

  /* shaved by a hair so that rounding never prunes a point on the edge */
  if (dlon == 0)
    return hav_deg (dlat) * (1 - 1e-12);
  return (hav_deg (dlat) +
          cos_lat * MIN (cos (b->min_lat * DEG2RAD), cos (b->max_lat * DEG2RAD)) * hav_deg (dlon)) *
         (1 - 1e-12);
}

typedef struct {
  double  bound;                /* hav_to_box of box */
  CwBBox  box;
  gint64  left, right;
  guint   axis;
} Pending;

typedef struct {
  Pending *items;
  gsize    len, alloc;
} Heap;

static void
heap_push (Heap          *heap,
           const Pending *p)
{
  gsize i;

  if (heap->len == heap->alloc)
    {
      heap->alloc = MAX (64, heap->alloc * 2);
      heap->items = g_renew (Pending, heap->items, heap->alloc);
    }
  i = heap->len++;
  while (i > 0 && heap->items[(i - 1) / 2].bound > p->bound)
    {
      heap->items[i] = heap->items[(i - 1) / 2];
      i = (i - 1) / 2;
    }
  heap->items[i] = *p;
}

static void
heap_pop (Heap    *heap,
          Pending *out)
{
  Pending last;
  gsize i = 0;

  *out = heap->items[0];
  last = heap->items[--heap->len];
  for (;;)
    {
      gsize child = 2 * i + 1;

      if (child >= heap->len)
        break;
      if (child + 1 < heap->len && heap->items[child + 1].bound < heap->items[child].bound)
        child++;
      if (heap->items[child].bound >= last.bound)
        break;
      heap->items[i] = heap->items[child];
      i = child;
    }
  if (heap->len > 0)
    heap->items[i] = last;
}

typedef struct {
  const CwSpatialIndex *index;
  double  lat, lon, cos_lat;
  double  best_hav;
  gint64  best_id;
  gint64  best_pos;             /* in tree order */
} Nearest;

static inline void
consider (Nearest *nearest,
          gint64   pos)
{
  const double *xy = &nearest->index->coords[2 * pos];
  guint32 id = nearest->index->ids[pos];
  double h = hav_points (nearest->lat, nearest->lon, nearest->cos_lat, xy[1], xy[0]);

  if (h < nearest->best_hav ||
      (h == nearest->best_hav && (nearest->best_id < 0 || id < nearest->best_id)))
    {
      nearest->best_hav = h;
      nearest->best_id = id;
      nearest->best_pos = pos;
    }
}

static void
push_child (Heap          *heap,
            Nearest       *nearest,
            const CwBBox  *box,
            gint64         left,
            gint64         right,
            guint          axis)
{
  Pending p = { 0, *box, left, right, axis };

  if (left > right)
    return;
  p.bound = hav_to_box (nearest->lat, nearest->lon, nearest->cos_lat, box);
  if (p.bound <= nearest->best_hav)
    heap_push (heap, &p);
}

gint64
cw_spatial_index_nearest (CwSpatialIndex *index,
                          double          lat,
                          double          lon,
                          double          max_km)
{
  const double *c;
  Nearest nearest;
  Heap heap = { NULL, 0, 0 };
  Pending p;
  double limit_rad;

  g_return_val_if_fail (index != NULL, -1);

  if (index->n == 0 || !(max_km >= 0) || !cw_geo_coords_valid (lat, lon))
    return -1;

  c = index->coords;
  nearest.index = index;
  nearest.lat = lat;
  nearest.lon = lon;
  nearest.cos_lat = cos (lat * DEG2RAD);
  nearest.best_id = -1;
  nearest.best_pos = -1;
  /* a haversine a little above the limit's, so rounding never prunes a
   * point at the limit; the exact test is the last step */
  limit_rad = max_km / CW_EARTH_RADIUS_KM;
  nearest.best_hav = limit_rad >= G_PI ? INFINITY : hav_deg (limit_rad * RAD2DEG) * (1 + 1e-9) + 1e-18;

  push_child (&heap, &nearest, &index->bounds, 0, (gint64) index->n - 1, 0);
  while (heap.len > 0)
    {
      gint64 m;
      CwBBox lo, hi;

      heap_pop (&heap, &p);
      if (p.bound > nearest.best_hav)
        break;

      if (p.right - p.left <= NODE_SIZE)
        {
          for (gint64 i = p.left; i <= p.right; i++)
            consider (&nearest, i);
          continue;
        }

      m = (p.left + p.right) >> 1;
      consider (&nearest, m);
      lo = hi = p.box;
      if (p.axis == 0)
        lo.max_lon = hi.min_lon = c[2 * m];
      else
        lo.max_lat = hi.min_lat = c[2 * m + 1];
      push_child (&heap, &nearest, &lo, p.left, m - 1, 1 - p.axis);
      push_child (&heap, &nearest, &hi, m + 1, p.right, 1 - p.axis);
    }
  g_free (heap.items);

  if (nearest.best_id >= 0 && isfinite (max_km) &&
      cw_geo_haversine_km (lat, lon,
                           c[2 * nearest.best_pos + 1],
                           c[2 * nearest.best_pos]) > max_km)
    return -1;
  return nearest.best_id;
}
