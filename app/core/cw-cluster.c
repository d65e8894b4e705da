/* cw-cluster.c: hierarchical clustering of stations by zoom level
 *
 * Nodes are the stations (0 … n−1) and then the clusters (n …), each
 * stored once: a station with its coordinates (its place in the
 * Mercator square is computed from them when needed), a cluster with
 * its place in the square and its children. Clusters are numbered as
 * they are made, zoom by zoom from the highest, so a cluster's children
 * come before it: one pass in that order sums anything from the leaves
 * up, with no parent links kept.
 * Stations are renumbered in the grid order of the finest level, so
 * that walking a level in order touches their data in order too (the
 * caller's indices are mapped back on the way out).
 * A level holds the node ids shown at one zoom, sorted by a grid cell
 * key (row, then column) whose cell is the merge radius of the zoom
 * below. That one order serves twice:
 *
 * - building: clustering zoom z walks level z+1 in order; the neighbours
 *   of an item lie in the 3 × 3 cells around it, and those not taken yet
 *   come after it in that order: the rest of its row up to the next
 *   column, and three cells of the row below. Those are two key ranges
 *   whose starts only move forward as the walk goes on. So a level is
 *   clustered in one linear pass after one radix sort: no tree, no
 *   O(log n) search per point.
 * - querying: a viewport is, per grid row, one key range found by binary
 *   search; what lies in it is the answer, filtered at the edges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-cluster"

#include <math.h>
#include <string.h>

#include "cw-cluster.h"
#include "cw-spatial-index.h"

#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#define MAX_LAT     85.0511287798066
#define RADIX_BITS  11
#define RADIX_SIZE  (1u << RADIX_BITS)
#define MAX_PASSES  6

/* Memory mapped in one piece, reserved for the worst case and backed
 * only where it is touched, for arrays whose size a build finds out as
 * it goes. Huge pages where the kernel offers them: a build writes some
 * 100 bytes a station into fresh memory, and on a virtual machine a
 * fault on each 4 KiB page costs more than the clustering itself. */
typedef struct {
  gpointer mapping;
  gsize    mapped;
  gboolean is_mapped;           /* else from g_malloc () */
  guint8  *base;
  gsize    used;
} Region;

#define HUGE_PAGE (2u << 20)

static void
region_init (Region *r,
             gsize   size)
{
  r->used = 0;
  r->is_mapped = FALSE;
#if defined(G_OS_UNIX) && defined(MAP_ANONYMOUS) && defined(MADV_HUGEPAGE)
  /* too small for a huge page: the heap has memory to reuse, whereas a
   * new mapping faults on every page */
  if (size < 2 * HUGE_PAGE)
    {
      r->mapped = size;
      r->mapping = g_malloc (size);
      r->base = r->mapping;
      return;
    }
  r->is_mapped = TRUE;
  r->mapped = size + HUGE_PAGE;
  r->mapping = mmap (NULL, r->mapped, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (r->mapping == MAP_FAILED)
    g_error ("%s: failed to map %" G_GSIZE_FORMAT " bytes", G_STRLOC, r->mapped);
  r->base = (guint8 *) (((guintptr) r->mapping + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1));
  madvise (r->base, size, MADV_HUGEPAGE);
#else
  r->mapped = size;
  r->mapping = g_malloc (size);
  r->base = r->mapping;
#endif
}

/* @bytes, uninitialised, 64-byte aligned. */
static gpointer
region_take (Region *r,
             gsize   bytes)
{
  gpointer p;

  r->used = (r->used + 63) & ~(gsize) 63;
  p = r->base + r->used;
  r->used += bytes;
  g_assert (r->used <= r->mapped - (gsize) (r->base - (guint8 *) r->mapping));
  return p;
}

/* Gives back the pages of an array taken for @reserved bytes of which it
 * uses @used: a huge page the array's end falls in is backed whole. */
static void
region_trim (Region   *r,
             gpointer  array,
             gsize     used,
             gsize     reserved)
{
#if defined(G_OS_UNIX) && defined(MAP_ANONYMOUS) && defined(MADV_HUGEPAGE)
  const guintptr page = 4096;
  guintptr from = ((guintptr) array + used + page - 1) & ~(page - 1);
  guintptr to = ((guintptr) array + reserved) & ~(page - 1);

  if (r->is_mapped && from < to)
    madvise ((gpointer) from, to - from, MADV_DONTNEED);
#endif
}

static void
region_clear (Region *r)
{
  if (r->mapping == NULL)
    return;
  if (!r->is_mapped)
    g_free (r->mapping);
#if defined(G_OS_UNIX) && defined(MAP_ANONYMOUS) && defined(MADV_HUGEPAGE)
  else
    munmap (r->mapping, r->mapped);
#endif
  r->mapping = NULL;
}

typedef struct {
  guint8  *ids;                 /* nodes, sorted by cell key, in id_width
                                 * bytes each (little end first); NULL for
                                 * 0 … len − 1 (the stations' level) */
  guint    len;
  double   inv_cell;            /* cells per unit of the square */
  gint64   max_cell;
  guint    shift;               /* bits of a column in a key */
  guint    id_width;            /* the index's */
  guint    clusters_end;        /* clusters made up to this zoom: those
                                 * from the previous level's end to this
                                 * show first at this zoom */
} Level;

/* Clusters of this many stations or fewer keep no counts or box: their
 * nodes, fewer than twice as many, are summed when asked. */
#define SMALL 16

/* A station's coordinates are kept in 1e-7 degrees. */
#define E7 1e7

struct _CwClusterIndex
{
  CwClusterOptions opts;

  guint     n;                  /* stations, in our order: */
  gint32   *lat;                 /* 1e-7 degrees: 1 cm, the precision of OpenStreetMap */
  gint32   *lon;
  guint8   *is_free;            /* a bit a station */
  guint     id_width;           /* bytes of a number in station_ids,
                                 * children and the levels: 3 while every
                                 * node number fits 24 bits, else 4 */
  guint8   *station_ids;        /* our station → the caller's index;
                                 * NULL with own_order: */
  guint32  *order;              /* the same, until taken (own_order) */

  guint     n_nodes;            /* stations, then clusters */

  guint     n_clusters;
  guint8   *xy;                 /* two a cluster: the Mercator square, y down,
                                 * in 24-bit fixed point (2.4 m at the
                                 * equator, as a float's worst) */
  /* A cluster of more than SMALL stations keeps its counts and box; a
   * smaller one sums them from its few nodes when asked. While building,
   * every cluster's, by cluster number. */
  guint64  *is_big;             /* a bit a cluster */
  guint32  *big_before;         /* a word of is_big: big clusters before it */
  guint     n_big;
  guint32  *count;              /* by big rank */
  guint32  *n_free;
  float    *extent;             /* four a cluster: min lat, lon, max lat, lon */
  guint8   *child_start;        /* n_clusters + 1, in id_width bytes each
                                 * (fewer children than 2n) */
  guint8   *children;           /* nodes, per cluster from child_start */
  guint     n_children;

  guint     n_levels;
  Level    *levels;             /* [zoom − min_zoom]; the last, every station */

  Region    mem;                /* every array above */
};

/* ---- projection ---- */

static inline double
lon_x (double lon)
{
  return lon / 360.0 + 0.5;
}

static inline double
lat_y (double lat)
{
  double s = sin (CLAMP (lat, -MAX_LAT, MAX_LAT) * G_PI / 180.0);
  double y = 0.5 - 0.25 * log ((1 + s) / (1 - s)) / G_PI;

  return CLAMP (y, 0.0, 1.0);
}

static inline double
x_lon (double x)
{
  return (x - 0.5) * 360.0;
}

static inline double
y_lat (double y)
{
  return atan (sinh (G_PI * (1 - 2 * y))) * 180.0 / G_PI;
}

/* Floats that hold a double inside them, for boxes that must contain
 * their stations. */
static inline float
float_down (double v)
{
  float f = (float) v;

  return (double) f > v ? nextafterf (f, -INFINITY) : f;
}

static inline float
float_up (double v)
{
  float f = (float) v;

  return (double) f < v ? nextafterf (f, INFINITY) : f;
}

/* A station's place in the square, from the coordinates we keep: the
 * build and the queries compute it the same way, so they agree. */
static inline double
station_x (gint32 lon)
{
  return (float) CLAMP (lon_x (lon / E7), 0.0, 1.0);
}

static inline double
station_y (gint32 lat)
{
  return (float) lat_y (lat / E7);
}

/* ---- levels and keys ---- */

static void
level_init (Level                  *level,
            const CwClusterOptions *opts,
            int                     zoom)
{
  /* the cell is the merge radius of zoom − 1, the next to be built */
  level->inv_cell = ldexp (opts->extent, zoom - 1) / opts->radius;
  level->max_cell = (gint64) floor (level->inv_cell);
  level->shift = g_bit_storage ((gulong) level->max_cell + 3);
}

static inline gint64
level_cell (const Level *level,
            double       v)
{
  gint64 c = (gint64) floor (v * level->inv_cell);

  return CLAMP (c, 0, level->max_cell);
}

/* Row and column both start at 1, so that a neighbour's column − 1 and
 * + 1 are keys too. */
static inline guint64
level_key (const Level *level,
           gint64       cx,
           gint64       cy)
{
  return ((guint64) (cy + 1) << level->shift) | (guint64) (cx + 1);
}

static inline guint64
level_key_of (const Level *level,
              float        x,
              float        y)
{
  return level_key (level, level_cell (level, x), level_cell (level, y));
}

/* Number @i of an array of @width-byte numbers, little end first. */
static inline guint32
id_get (const guint8 *a,
        gsize         i,
        guint         width)
{
  const guint8 *p = a + i * width;
  guint32 v = (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16;

  if (width == 4)
    v |= (guint32) p[3] << 24;
  return v;
}

static inline void
id_put (guint8  *a,
        gsize    i,
        guint    width,
        guint32  v)
{
  guint8 *p = a + i * width;

  p[0] = (guint8) v;
  p[1] = (guint8) (v >> 8);
  p[2] = (guint8) (v >> 16);
  if (width == 4)
    p[3] = (guint8) (v >> 24);
}

/* A cluster's place in the square: 24-bit fixed point, in 3 bytes. */
#define XY_WIDTH 3
#define XY_ONE   16777216.0     /* 2^24 */

/* Exact in a float: fewer than 24 bits, times a power of two. */
static inline float
xy_get (const guint8 *xy,
        gsize         i)
{
  return (float) id_get (xy, i, XY_WIDTH) * (float) (1.0 / XY_ONE);
}

static inline void
xy_put (guint8 *xy,
        gsize   i,
        double  v)
{
  double f = nearbyint (v * XY_ONE);

  id_put (xy, i, XY_WIDTH, (guint32) CLAMP (f, 0.0, XY_ONE - 1));
}

/* The first child of cluster @k in children; its last is before the
 * next cluster's first. */
#define child_first(ci, k) id_get ((ci)->child_start, (k), (ci)->id_width)

static inline guint32
level_node (const Level *level,
            gsize        i)
{
  return level->ids != NULL ? id_get (level->ids, i, level->id_width) : (guint32) i;
}

/* ---- building ---- */

typedef struct {
  float   x, y;
  guint32 node;
  guint32 count;
  guint64 key;
} WorkItem;

typedef struct {
  CwClusterIndex *ci;
  Region          mem;          /* cur, next, done */
  WorkItem       *cur;          /* the level being clustered, sorted */
  WorkItem       *next;         /* what it becomes; then, sorting it,
                                 * cur is the radix sort's scratch */
  guint8         *done;
  guint32        *nb;           /* neighbours of one item */
  gsize           nb_alloc;
  gsize          *hist;         /* MAX_PASSES × RADIX_SIZE */
} Builder;

/* LSD radix sort on key, skipping digits all items share. */
static WorkItem *
radix_sort (Builder  *b,
            WorkItem *items,
            WorkItem *tmp,
            gsize     m,
            guint     bits)
{
  guint n_passes = MIN ((bits + RADIX_BITS - 1) / RADIX_BITS, MAX_PASSES);
  WorkItem *src = items, *dst = tmp;

  memset (b->hist, 0, sizeof (gsize) * MAX_PASSES * RADIX_SIZE);
  for (gsize i = 0; i < m; i++)
    for (guint p = 0; p < n_passes; p++)
      b->hist[p * RADIX_SIZE + ((items[i].key >> (p * RADIX_BITS)) & (RADIX_SIZE - 1))]++;

  for (guint p = 0; p < n_passes; p++)
    {
      gsize *h = &b->hist[p * RADIX_SIZE];
      guint shift = p * RADIX_BITS;
      gsize sum = 0;
      WorkItem *t;

      if (m == 0 || h[(src[0].key >> shift) & (RADIX_SIZE - 1)] == m)
        continue;
      for (guint d = 0; d < RADIX_SIZE; d++)
        {
          gsize c = h[d];

          h[d] = sum;
          sum += c;
        }
      for (gsize i = 0; i < m; i++)
        dst[h[(src[i].key >> shift) & (RADIX_SIZE - 1)]++] = src[i];
      t = src;
      src = dst;
      dst = t;
    }
  return src;
}

/* Sorts @items (@m, the level's nodes) by the keys of @level, with
 * @scratch as large; returns which of the two holds them sorted. */
static WorkItem *
sort_level (Builder     *b,
            const Level *level,
            WorkItem    *items,
            WorkItem    *scratch,
            gsize        m)
{
  for (gsize i = 0; i < m; i++)
    items[i].key = level_key_of (level, items[i].x, items[i].y);
  return radix_sort (b, items, scratch, m, 2 * level->shift);
}

static inline guint8
station_free (const CwClusterIndex *ci,
              guint32               p)
{
  return (ci->is_free[p / 8] >> (p % 8)) & 1;
}

static inline void
set_station_free (CwClusterIndex *ci,
                  guint32         p,
                  guint8          now)
{
  ci->is_free[p / 8] = (guint8) ((ci->is_free[p / 8] & ~(1u << (p % 8))) | ((guint) now << (p % 8)));
}

static inline guint32
node_free (const CwClusterIndex *ci,
           guint32               node)
{
  return node < ci->n ? station_free (ci, node) : ci->n_free[node - ci->n];
}

static inline void
node_extent (const CwClusterIndex *ci,
             guint32               node,
             float                 e[4])
{
  if (node < ci->n)
    {
      /* a unit wider: the station's exact coordinates stay inside */
      e[0] = float_down ((ci->lat[node] - 1) / E7);
      e[1] = float_down ((ci->lon[node] - 1) / E7);
      e[2] = float_up ((ci->lat[node] + 1) / E7);
      e[3] = float_up ((ci->lon[node] + 1) / E7);
    }
  else
    memcpy (e, &ci->extent[4 * (gsize) (node - ci->n)], 4 * sizeof (float));
}

static void
adopt (CwClusterIndex *ci,
       guint32         child,
       float           e[4])
{
  float ce[4];

  id_put (ci->children, ci->n_children++, ci->id_width, child);
  node_extent (ci, child, ce);
  e[0] = MIN (e[0], ce[0]);
  e[1] = MIN (e[1], ce[1]);
  e[2] = MAX (e[2], ce[2]);
  e[3] = MAX (e[3], ce[3]);
}

/* Clusters the sorted level b->cur (keys of @cell, the merge radius of
 * @zoom) into b->next; returns how many items that has. */
static gsize
cluster_level (Builder     *b,
               const Level *cell,
               gsize        m,
               int          zoom)
{
  CwClusterIndex *ci = b->ci;
  const WorkItem *cur = b->cur;
  const guint64 col_mask = ((guint64) 1 << cell->shift) - 1;
  const double r = 1.0 / cell->inv_cell;
  const double r2 = r * r;
  gsize below = 0;
  gsize out = 0;

  memset (b->done, 0, m);
  for (gsize i = 0; i < m; i++)
    {
      const WorkItem *it = &cur[i];
      guint64 row = it->key >> cell->shift, col = it->key & col_mask;
      gsize n_nb = 0;

      if (b->done[i])
        continue;
      b->done[i] = 1;

      /* Everything before i in key order is taken already: the row above
       * and the left of this row have nothing to give. What is left is
       * this row up to the next column, and the row below. */
      for (guint d = 0; d < 2; d++)
        {
          guint64 lo = ((row + d) << cell->shift) | (col - 1);
          guint64 hi = ((row + d) << cell->shift) | (col + 1);
          gsize j = i + 1;

          if (d == 1)
            {
              below = MAX (below, i + 1);
              while (below < m && cur[below].key < lo)
                below++;
              j = below;
            }
          for (; j < m && cur[j].key <= hi; j++)
            {
              double dx = (double) cur[j].x - it->x;
              double dy = (double) cur[j].y - it->y;

              if (b->done[j] || dx * dx + dy * dy > r2)
                continue;
              if (n_nb == b->nb_alloc)
                {
                  b->nb_alloc *= 2;
                  b->nb = g_renew (guint32, b->nb, b->nb_alloc);
                }
              b->nb[n_nb++] = (guint32) j;
            }
        }

      if (n_nb == 0)
        {
          b->next[out++] = *it;
          continue;
        }

      {
        guint32 k = ci->n_clusters++;
        guint32 node = ci->n + k;
        double wx = (double) it->x * it->count, wy = (double) it->y * it->count;
        guint32 count = it->count, n_free = node_free (ci, it->node);
        float e[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
        WorkItem *o = &b->next[out++];

        id_put (ci->child_start, k, ci->id_width, ci->n_children);
        adopt (ci, it->node, e);
        for (gsize q = 0; q < n_nb; q++)
          {
            const WorkItem *c = &cur[b->nb[q]];

            b->done[b->nb[q]] = 1;
            wx += (double) c->x * c->count;
            wy += (double) c->y * c->count;
            count += c->count;
            n_free += node_free (ci, c->node);
            adopt (ci, c->node, e);
          }

        ci->count[k] = count;
        ci->n_free[k] = n_free;
        memcpy (&ci->extent[4 * (gsize) k], e, sizeof e);
        xy_put (ci->xy, 2 * (gsize) k, wx / count);
        xy_put (ci->xy, 2 * (gsize) k + 1, wy / count);
        ci->n_nodes++;

        /* as stored: the levels' order and the queries' keys agree */
        o->x = xy_get (ci->xy, 2 * (gsize) k);
        o->y = xy_get (ci->xy, 2 * (gsize) k + 1);
        o->node = node;
        o->count = count;
      }
    }
  return out;
}

static void
builder_clear (Builder *b)
{
  region_clear (&b->mem);
  g_free (b->nb);
  g_free (b->hist);
}

/* The coordinates kept for a station: 1e-7 degrees, 0, 0 for NaN. */
static void
station_coords (double  lat,
                double  lon,
                gint32 *out_lat,
                gint32 *out_lon)
{
  gboolean valid = !isnan (lat) && !isnan (lon);

  *out_lat = valid ? (gint32) lround (CLAMP (lat, -90.0, 90.0) * E7) : 0;
  *out_lon = valid ? (gint32) lround (CLAMP (lon, -180.0, 180.0) * E7) : 0;
}

/* Projects the stations into b->cur, sorts them into the finest level
 * and takes them in that order. */
static void
take_stations (Builder                *b,
               const double           *lat,
               const double           *lon,
               const guint8           *is_free,
               const CwClusterOptions *opts)
{
  CwClusterIndex *ci = b->ci;
  Level *level = &ci->levels[ci->n_levels - 1];
  WorkItem *sorted;

  for (guint i = 0; i < ci->n; i++)
    {
      gint32 la, lo;

      station_coords (lat[i], lon[i], &la, &lo);
      b->cur[i].x = station_x (lo);
      b->cur[i].y = station_y (la);
      b->cur[i].node = i;
      b->cur[i].count = 1;
    }

  level_init (level, opts, opts->max_zoom + 1);
  sorted = sort_level (b, level, b->cur, b->next, ci->n);
  if (sorted != b->cur)
    {
      b->next = b->cur;
      b->cur = sorted;
    }

  for (guint p = 0; p < ci->n; p++)
    {
      guint32 i = b->cur[p].node;

      if (ci->station_ids != NULL)
        id_put (ci->station_ids, p, ci->id_width, i);
      else
        ci->order[p] = i;
      station_coords (lat[i], lon[i], &ci->lat[p], &ci->lon[p]);
      set_station_free (ci, p, is_free != NULL && is_free[i] != 0);
      b->cur[p].node = p;
    }
  level->ids = NULL;
  level->len = ci->n;
}

/* Keeps the counts and boxes of the big clusters only, in the index's
 * region after the levels; the full arrays are the builder's. */
static void
keep_big (CwClusterIndex *ci)
{
  gsize n_words = ci->n_clusters / 64 + 1;
  guint32 *count = ci->count, *n_free = ci->n_free;
  float *extent = ci->extent;
  guint n_big = 0;

  for (guint32 k = 0; k < ci->n_clusters; k++)
    n_big += count[k] > SMALL;
  ci->is_big = region_take (&ci->mem, n_words * sizeof (guint64));
  ci->big_before = region_take (&ci->mem, n_words * sizeof (guint32));
  ci->count = region_take (&ci->mem, MAX (n_big, 1) * sizeof (guint32));
  ci->n_free = region_take (&ci->mem, MAX (n_big, 1) * sizeof (guint32));
  ci->extent = region_take (&ci->mem, MAX (n_big, 1) * 4 * sizeof (float));
  memset (ci->is_big, 0, n_words * sizeof (guint64));
  ci->n_big = 0;
  for (guint32 k = 0; k < ci->n_clusters; k++)
    {
      if (k % 64 == 0)
        ci->big_before[k / 64] = ci->n_big;
      if (count[k] <= SMALL)
        continue;
      ci->is_big[k / 64] |= (guint64) 1 << (k % 64);
      ci->count[ci->n_big] = count[k];
      ci->n_free[ci->n_big] = n_free[k];
      memcpy (&ci->extent[4 * (gsize) ci->n_big], &extent[4 * (gsize) k], 4 * sizeof (float));
      ci->n_big++;
    }
  if (ci->n_clusters % 64 == 0)
    ci->big_before[ci->n_clusters / 64] = ci->n_big;
}

/* Returns NULL when @cancellable was cancelled. */
static CwClusterIndex *
build (const double           *lat,
       const double           *lon,
       const guint8           *is_free,
       guint                   n,
       const CwClusterOptions *opts,
       GCancellable           *cancellable)
{
  CwClusterIndex *ci = g_new0 (CwClusterIndex, 1);
  Builder b = { ci, };
  gsize cap = MAX (n, 1);
  gsize m = n;
  guint n_levels = opts->max_zoom - opts->min_zoom + 2;
  /* clusters have two children or more, so fewer than n of them, and
   * a level never holds more items than the one above */
  gsize per_station = 2 * sizeof (gint32) + sizeof (guint32) + sizeof (guint8) +
                      2 * sizeof (float) +
                      2 * sizeof (guint32) + 4 * sizeof (float) + sizeof (guint32) + sizeof (guint8) +
                      2 * sizeof (guint32) +
                      (n_levels - 1) * sizeof (guint32);

  ci->opts = *opts;
  ci->n = n;
  region_init (&ci->mem, cap * per_station + (cap / 64 + 1) * (sizeof (guint64) + sizeof (guint32)) +
               64 * (14 + n_levels));
  ci->lat = region_take (&ci->mem, cap * sizeof (gint32));
  ci->lon = region_take (&ci->mem, cap * sizeof (gint32));
  ci->is_free = region_take (&ci->mem, cap / 8 + 1);
  memset (ci->is_free, 0, cap / 8 + 1);
  /* fewer than 2n nodes: 24 bits a node number mostly do */
  ci->id_width = 2 * cap < (1u << 24) ? 3 : 4;
  if (opts->own_order)
    ci->order = g_new (guint32, MAX (n, 1));
  else
    ci->station_ids = region_take (&ci->mem, cap * ci->id_width);
  ci->xy = region_take (&ci->mem, 2 * cap * XY_WIDTH);
  ci->child_start = region_take (&ci->mem, (cap + 1) * ci->id_width);
  ci->children = region_take (&ci->mem, 2 * cap * ci->id_width);
  ci->n_nodes = n;
  ci->n_levels = n_levels;
  ci->levels = g_new0 (Level, n_levels);

  region_init (&b.mem, cap * (2 * sizeof (WorkItem) + 1 + 2 * sizeof (guint32) + 4 * sizeof (float)) +
               6 * 64);
  b.cur = region_take (&b.mem, cap * sizeof (WorkItem));
  b.next = region_take (&b.mem, cap * sizeof (WorkItem));
  b.done = region_take (&b.mem, cap);
  ci->count = region_take (&b.mem, cap * sizeof (guint32));
  ci->n_free = region_take (&b.mem, cap * sizeof (guint32));
  ci->extent = region_take (&b.mem, 4 * cap * sizeof (float));
  b.nb_alloc = 256;
  b.nb = g_new (guint32, b.nb_alloc);
  b.hist = g_new (gsize, MAX_PASSES * RADIX_SIZE);

  take_stations (&b, lat, lon, is_free, opts);

  for (int zoom = opts->max_zoom; zoom >= opts->min_zoom; zoom--)
    {
      Level *level = &ci->levels[zoom - opts->min_zoom];
      WorkItem *sorted;

      if (g_cancellable_is_cancelled (cancellable))
        {
          builder_clear (&b);
          cw_cluster_index_free (ci);
          return NULL;
        }

      m = cluster_level (&b, &ci->levels[zoom + 1 - opts->min_zoom], m, zoom);

      level_init (level, opts, zoom);
      sorted = sort_level (&b, level, b.next, b.cur, m);
      if (sorted == b.next)
        {
          b.next = b.cur;
          b.cur = sorted;
        }
      level->len = m;
      level->clusters_end = ci->n_clusters;
      /* levels come one after the other: the region stays compact */
      level->id_width = ci->id_width;
      level->ids = region_take (&ci->mem, m * level->id_width);
      for (gsize i = 0; i < m; i++)
        id_put (level->ids, i, level->id_width, b.cur[i].node);
    }
  id_put (ci->child_start, ci->n_clusters, ci->id_width, ci->n_children);
  keep_big (ci);
  builder_clear (&b);

  region_trim (&ci->mem, ci->xy, ci->n_clusters * 2 * XY_WIDTH, 2 * cap * XY_WIDTH);
  region_trim (&ci->mem, ci->child_start, (ci->n_clusters + 1) * ci->id_width,
               (cap + 1) * ci->id_width);
  region_trim (&ci->mem, ci->children, ci->n_children * ci->id_width, 2 * cap * ci->id_width);

  return ci;
}

static gboolean
options_valid (const CwClusterOptions *opts)
{
  return opts->radius > 0 && opts->extent > 0 &&
         opts->min_zoom >= 0 && opts->min_zoom <= opts->max_zoom && opts->max_zoom < 30 &&
         /* the finest grid must fit a key: 31 bits a coordinate */
         ldexp (opts->extent, opts->max_zoom) / opts->radius < (double) (1u << 30);
}

static const CwClusterOptions default_options = CW_CLUSTER_OPTIONS_INIT;

CwClusterIndex *
cw_cluster_index_new (const double           *lat,
                      const double           *lon,
                      const guint8           *is_free,
                      guint                   n,
                      const CwClusterOptions *opts)
{
  if (opts == NULL)
    opts = &default_options;
  g_return_val_if_fail (n == 0 || (lat != NULL && lon != NULL), NULL);
  g_return_val_if_fail (options_valid (opts), NULL);

  return build (lat, lon, is_free, n, opts, NULL);
}

typedef struct {
  double           *lat;
  double           *lon;
  guint8           *is_free;
  guint             n;
  CwClusterOptions  opts;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_free (data->lat);
  g_free (data->lon);
  g_free (data->is_free);
  g_free (data);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  CwClusterIndex *ci;

  ci = build (data->lat, data->lon, data->is_free, data->n, &data->opts, cancellable);
  if (ci == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "Clustering was cancelled");
  else
    g_task_return_pointer (task, ci, (GDestroyNotify) cw_cluster_index_free);
}

void
cw_cluster_index_new_async (const double           *lat,
                            const double           *lon,
                            const guint8           *is_free,
                            guint                   n,
                            const CwClusterOptions *opts,
                            GCancellable           *cancellable,
                            GAsyncReadyCallback     callback,
                            gpointer                user_data)
{
  g_autoptr (GTask) task = NULL;
  BuildData *data;

  if (opts == NULL)
    opts = &default_options;
  g_return_if_fail (n == 0 || (lat != NULL && lon != NULL));
  g_return_if_fail (options_valid (opts));

  data = g_new0 (BuildData, 1);
  data->lat = g_memdup2 (lat, sizeof (double) * MAX (n, 1));
  data->lon = g_memdup2 (lon, sizeof (double) * MAX (n, 1));
  data->is_free = is_free != NULL ? g_memdup2 (is_free, MAX (n, 1)) : NULL;
  data->n = n;
  data->opts = *opts;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_cluster_index_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_thread);
}

CwClusterIndex *
cw_cluster_index_new_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_cluster_index_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cw_cluster_index_free (CwClusterIndex *ci)
{
  if (ci == NULL)
    return;
  region_clear (&ci->mem);
  g_free (ci->levels);
  g_free (ci->order);
  g_free (ci);
}

/* ---- properties ---- */

guint
cw_cluster_index_get_size (CwClusterIndex *ci)
{
  g_return_val_if_fail (ci != NULL, 0);

  return ci->n;
}

guint
cw_cluster_index_get_n_clusters (CwClusterIndex *ci)
{
  g_return_val_if_fail (ci != NULL, 0);

  return ci->n_clusters;
}

void
cw_cluster_index_get_options (CwClusterIndex   *ci,
                              CwClusterOptions *out)
{
  g_return_if_fail (ci != NULL);
  g_return_if_fail (out != NULL);

  *out = ci->opts;
}

void
cw_cluster_index_get_memory_parts (CwClusterIndex *ci,
                                   gsize          *stations,
                                   gsize          *clusters,
                                   gsize          *zoom_lists)
{
  g_return_if_fail (ci != NULL);

  *stations = (gsize) ci->n * (2 * sizeof (gint32) + (ci->station_ids != NULL ? ci->id_width : 0)) +
              ci->n / 8 + 1;
  *clusters = (gsize) ci->n_clusters * (2 * XY_WIDTH + ci->id_width) +
              ci->id_width + (gsize) ci->n_children * ci->id_width +
              (gsize) (ci->n_clusters / 64 + 1) * (sizeof (guint64) + sizeof (guint32)) +
              (gsize) ci->n_big * (2 * sizeof (guint32) + 4 * sizeof (float));
  *zoom_lists = sizeof *ci + ci->n_levels * sizeof (Level);
  for (guint i = 0; i < ci->n_levels; i++)
    if (ci->levels[i].ids != NULL)
      *zoom_lists += (gsize) ci->levels[i].len * ci->levels[i].id_width;
}

gsize
cw_cluster_index_get_zoom_memory (CwClusterIndex *ci,
                                  int             zoom)
{
  const Level *level;

  g_return_val_if_fail (ci != NULL, 0);

  if (zoom < ci->opts.min_zoom || zoom - ci->opts.min_zoom >= (int) ci->n_levels)
    return 0;
  level = &ci->levels[zoom - ci->opts.min_zoom];
  return level->ids != NULL ? (gsize) level->len * level->id_width : 0;
}

gsize
cw_cluster_index_get_memory (CwClusterIndex *ci)
{
  gsize stations, clusters, zoom_lists;

  g_return_val_if_fail (ci != NULL, 0);

  cw_cluster_index_get_memory_parts (ci, &stations, &clusters, &zoom_lists);
  return stations + clusters + zoom_lists;
}

/* ---- queries ---- */

/* The caller's number of our station @p. */
static inline guint32
caller_id (const CwClusterIndex *ci,
           guint32               p)
{
  return ci->station_ids != NULL ? id_get (ci->station_ids, p, ci->id_width) : p;
}

guint32 *
cw_cluster_index_take_order (CwClusterIndex *ci)
{
  g_return_val_if_fail (ci != NULL, NULL);

  return g_steal_pointer (&ci->order);
}

static inline guint
bit_count (guint64 v)
{
#if defined(__GNUC__) || defined(__clang__)
  return (guint) __builtin_popcountll (v);
#else
  guint n = 0;

  for (; v != 0; v &= v - 1)
    n++;
  return n;
#endif
}

/* Cluster @k's big rank, or -1 for a small one. */
static inline gint64
big_rank (const CwClusterIndex *ci,
          guint32               k)
{
  guint64 word = ci->is_big[k / 64];
  guint64 bit = (guint64) 1 << (k % 64);

  if (!(word & bit))
    return -1;
  return ci->big_before[k / 64] + bit_count (word & (bit - 1));
}

typedef struct {
  guint32 count;
  guint32 n_free;
  float   e[4];
} Stats;

static void
stats_add_node (const CwClusterIndex *ci,
                guint32               node,
                Stats                *st);

/* Cluster @k's counts and box: kept for a big one, else summed from its
 * nodes the way the build did (min and max of the same floats). */
static void
cluster_stats (const CwClusterIndex *ci,
               guint32               k,
               Stats                *st)
{
  gint64 r = big_rank (ci, k);

  if (r >= 0)
    {
      st->count = ci->count[r];
      st->n_free = ci->n_free[r];
      memcpy (st->e, &ci->extent[4 * (gsize) r], sizeof st->e);
      return;
    }
  st->count = st->n_free = 0;
  st->e[0] = st->e[1] = INFINITY;
  st->e[2] = st->e[3] = -INFINITY;
  for (guint32 c = child_first (ci, k), end = child_first (ci, k + 1); c < end; c++)
    stats_add_node (ci, id_get (ci->children, c, ci->id_width), st);
}

static void
stats_add_node (const CwClusterIndex *ci,
                guint32               node,
                Stats                *st)
{
  Stats child;

  if (node < ci->n)
    {
      child.count = 1;
      child.n_free = station_free (ci, node);
      node_extent (ci, node, child.e);
    }
  else
    cluster_stats (ci, node - ci->n, &child);
  st->count += child.count;
  st->n_free += child.n_free;
  st->e[0] = MIN (st->e[0], child.e[0]);
  st->e[1] = MIN (st->e[1], child.e[1]);
  st->e[2] = MAX (st->e[2], child.e[2]);
  st->e[3] = MAX (st->e[3], child.e[3]);
}

static void
node_item (const CwClusterIndex *ci,
           guint32               node,
           CwClusterItem        *item)
{
  if (node < ci->n)
    {
      item->lat = ci->lat[node] / E7;
      item->lon = ci->lon[node] / E7;
      item->count = 1;
      item->n_free = station_free (ci, node);
      item->id = caller_id (ci, node);
      /* a unit wider: the station's exact coordinates stay inside */
      item->extent.min_lat = (ci->lat[node] - 1) / E7;
      item->extent.max_lat = (ci->lat[node] + 1) / E7;
      item->extent.min_lon = (ci->lon[node] - 1) / E7;
      item->extent.max_lon = (ci->lon[node] + 1) / E7;
    }
  else
    {
      guint32 k = node - ci->n;
      Stats st;
      const float *e = st.e;

      cluster_stats (ci, k, &st);
      item->lat = y_lat (xy_get (ci->xy, 2 * (gsize) k + 1));
      item->lon = x_lon (xy_get (ci->xy, 2 * (gsize) k));
      item->count = st.count;
      item->n_free = st.n_free;
      item->id = k;
      item->extent.min_lat = e[0];
      item->extent.min_lon = e[1];
      item->extent.max_lat = e[2];
      item->extent.max_lon = e[3];
    }
}

static inline guint64
node_key (const CwClusterIndex *ci,
          const Level          *level,
          guint32               node)
{
  if (node < ci->n)
    return level_key_of (level, station_x (ci->lon[node]), station_y (ci->lat[node]));
  node -= ci->n;
  return level_key_of (level, xy_get (ci->xy, 2 * (gsize) node), xy_get (ci->xy, 2 * (gsize) node + 1));
}

static gsize
lower_bound (const CwClusterIndex *ci,
             const Level          *level,
             guint64               key)
{
  gsize lo = 0, hi = level->len;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (node_key (ci, level, level_node (level, mid)) < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static inline void
emit_if_inside (const CwClusterIndex *ci,
                guint32               node,
                double                x0,
                double                y0,
                double                x1,
                double                y1,
                GArray               *out)
{
  double x, y;

  /* a station's x costs a division, its y a logarithm: y last */
  if (node < ci->n)
    {
      x = station_x (ci->lon[node]);
      if (x < x0 || x > x1)
        return;
      y = station_y (ci->lat[node]);
    }
  else
    {
      x = xy_get (ci->xy, 2 * (gsize) (node - ci->n));
      y = xy_get (ci->xy, 2 * (gsize) (node - ci->n) + 1);
    }

  if (x >= x0 && x <= x1 && y >= y0 && y <= y1)
    {
      CwClusterItem item;

      node_item (ci, node, &item);
      g_array_append_val (out, item);
    }
}

/* The items of @level in [x0, x1] × [y0, y1] of the square. */
static void
query_level (const CwClusterIndex *ci,
             const Level          *level,
             double                x0,
             double                y0,
             double                x1,
             double                y1,
             GArray               *out)
{
  gint64 cx0 = level_cell (level, x0), cx1 = level_cell (level, x1);
  gint64 cy0 = level_cell (level, y0), cy1 = level_cell (level, y1);
  guint log_len = g_bit_storage (level->len);

  /* a box of many rows costs more by binary search than by a scan */
  if ((guint64) (cy1 - cy0 + 1) * log_len >= level->len)
    {
      for (gsize i = 0; i < level->len; i++)
        emit_if_inside (ci, level_node (level, i), x0, y0, x1, y1, out);
      return;
    }

  for (gint64 row = cy0; row <= cy1; row++)
    {
      guint64 hi = level_key (level, cx1, row);
      gsize i = lower_bound (ci, level, level_key (level, cx0, row));

      for (; i < level->len; i++)
        {
          guint32 node = level_node (level, i);

          if (node_key (ci, level, node) > hi)
            break;
          emit_if_inside (ci, node, x0, y0, x1, y1, out);
        }
    }
}

void
cw_cluster_index_get_clusters (CwClusterIndex *ci,
                               const CwBBox   *box,
                               int             zoom,
                               GArray         *out)
{
  CwBBox parts[2];
  guint n_parts;
  const Level *level;

  g_return_if_fail (ci != NULL);
  g_return_if_fail (box != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (g_array_get_element_size (out) == sizeof (CwClusterItem));

  zoom = CLAMP (zoom, ci->opts.min_zoom, ci->opts.max_zoom + 1);
  level = &ci->levels[zoom - ci->opts.min_zoom];

  n_parts = cw_spatial_index_split_bbox (box, parts);
  for (guint i = 0; i < n_parts; i++)
    query_level (ci, level,
                 lon_x (parts[i].min_lon), lat_y (parts[i].max_lat),
                 lon_x (parts[i].max_lon), lat_y (parts[i].min_lat),
                 out);
}

void
cw_cluster_index_get_cluster (CwClusterIndex *ci,
                              guint32         cluster_id,
                              CwClusterItem  *out)
{
  g_return_if_fail (ci != NULL);
  g_return_if_fail (cluster_id < ci->n_clusters);
  g_return_if_fail (out != NULL);

  node_item (ci, ci->n + cluster_id, out);
}

/* The highest zoom cluster @k shows at: the one it was made at, clusters
 * being made zoom by zoom from the highest. */
static int
cluster_zoom (const CwClusterIndex *ci,
              guint32               k)
{
  int zoom = ci->opts.max_zoom;

  while (zoom > ci->opts.min_zoom && k >= ci->levels[zoom - ci->opts.min_zoom].clusters_end)
    zoom--;
  return zoom;
}

int
cw_cluster_index_get_cluster_zoom (CwClusterIndex *ci,
                                   guint32         cluster_id)
{
  g_return_val_if_fail (ci != NULL, -1);
  g_return_val_if_fail (cluster_id < ci->n_clusters, -1);

  return cluster_zoom (ci, cluster_id);
}

int
cw_cluster_index_get_expansion_zoom (CwClusterIndex *ci,
                                     guint32         cluster_id)
{
  g_return_val_if_fail (ci != NULL, -1);
  g_return_val_if_fail (cluster_id < ci->n_clusters, -1);

  /* a cluster is born from two items or more of the zoom above */
  return cluster_zoom (ci, cluster_id) + 1;
}

void
cw_cluster_index_get_children (CwClusterIndex *ci,
                               guint32         cluster_id,
                               GArray         *out)
{
  g_return_if_fail (ci != NULL);
  g_return_if_fail (cluster_id < ci->n_clusters);
  g_return_if_fail (out != NULL);
  g_return_if_fail (g_array_get_element_size (out) == sizeof (CwClusterItem));

  for (guint32 c = child_first (ci, cluster_id), end = child_first (ci, cluster_id + 1); c < end; c++)
    {
      CwClusterItem item;

      node_item (ci, id_get (ci->children, c, ci->id_width), &item);
      g_array_append_val (out, item);
    }
}

void
cw_cluster_index_get_leaves (CwClusterIndex *ci,
                             guint32         cluster_id,
                             GArray         *out_ids)
{
  g_autoptr (GArray) stack = NULL;

  g_return_if_fail (ci != NULL);
  g_return_if_fail (cluster_id < ci->n_clusters);
  g_return_if_fail (out_ids != NULL);

  stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (stack, cluster_id);
  while (stack->len > 0)
    {
      guint32 k = g_array_index (stack, guint32, stack->len - 1);

      g_array_set_size (stack, stack->len - 1);
      for (guint32 c = child_first (ci, k), end = child_first (ci, k + 1); c < end; c++)
        {
          guint32 node = id_get (ci->children, c, ci->id_width);

          if (node < ci->n)
            {
              guint32 id = caller_id (ci, node);

              g_array_append_val (out_ids, id);
            }
          else
            {
              guint32 child = node - ci->n;

              g_array_append_val (stack, child);
            }
        }
    }
}

/* Our station @p is now @now: the free counts of the clusters holding
 * it follow. A cluster comes after its children, so its ancestors are
 * found in one pass over the clusters. */
static void
set_free_at (CwClusterIndex *ci,
             guint           p,
             guint8          now)
{
  guint32 node = p;

  if (station_free (ci, p) == now)
    return;
  set_station_free (ci, p, now);
  for (guint32 k = 0; k < ci->n_clusters; k++)
    for (guint32 c = child_first (ci, k), end = child_first (ci, k + 1); c < end; c++)
      if (id_get (ci->children, c, ci->id_width) == node)
        {
          gint64 r = big_rank (ci, k);

          /* a small one's count is summed when asked */
          if (r >= 0 && now)
            ci->n_free[r]++;
          else if (r >= 0)
            ci->n_free[r]--;
          node = ci->n + k;
          break;
        }
}

void
cw_cluster_index_set_free (CwClusterIndex *ci,
                           guint           station,
                           gboolean        is_free)
{
  g_return_if_fail (ci != NULL);
  g_return_if_fail (station < ci->n);

  if (ci->station_ids == NULL)
    {
      set_free_at (ci, station, is_free != FALSE);
      return;
    }
  for (guint p = 0; p < ci->n; p++)
    if (id_get (ci->station_ids, p, ci->id_width) == station)
      {
        set_free_at (ci, p, is_free != FALSE);
        return;
      }
}

gboolean
cw_cluster_index_update_free (CwClusterIndex *ci,
                              gboolean      (*is_free) (guint    station,
                                                        gpointer data),
                              gpointer        data)
{
  gboolean any = FALSE;
  guint32 *all;

  g_return_val_if_fail (ci != NULL, FALSE);
  g_return_val_if_fail (is_free != NULL, FALSE);

  for (guint p = 0; p < ci->n; p++)
    {
      guint8 now = is_free (caller_id (ci, p), data) != FALSE;

      any |= station_free (ci, p) != now;
      set_station_free (ci, p, now);
    }
  if (!any)
    return FALSE;

  /* children before their cluster: the sums from the leaves up, every
   * cluster's for a moment, the big ones' kept */
  all = g_new (guint32, MAX (ci->n_clusters, 1));
  for (guint32 k = 0; k < ci->n_clusters; k++)
    {
      guint32 n_free = 0;
      gint64 r;

      for (guint32 c = child_first (ci, k), end = child_first (ci, k + 1); c < end; c++)
        {
          guint32 node = id_get (ci->children, c, ci->id_width);

          n_free += node < ci->n ? station_free (ci, node) : all[node - ci->n];
        }
      all[k] = n_free;
      if ((r = big_rank (ci, k)) >= 0)
        ci->n_free[r] = n_free;
    }
  g_free (all);
  return TRUE;
}
