/* test-cluster.c: CwClusterIndex keeps every station, counts them right,
 * and splits where it says it does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "cw-cluster.h"
#include "cw-station.h"
#include "cw-synth.h"

#define N_STATIONS 20000
#define N_PACIFIC  600

static const CwBBox world = { -90, -180, 90, 180 };

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwClusterIndex, cw_cluster_index_free)

typedef struct {
  guint   n;
  double *lat;
  double *lon;
  guint8 *is_free;
} Stations;

static void
stations_free (Stations *s)
{
  g_free (s->lat);
  g_free (s->lon);
  g_free (s->is_free);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stations, stations_free)

/* Synthetic Europe and North America, plus islands on both sides of the
 * antimeridian and a pile of stations at one spot. */
static Stations *
make_stations (void)
{
  g_autoptr (CwSynthStations) synth = cw_synth_stations_new (N_STATIONS - N_PACIFIC - 100, 4242);
  g_autoptr (GRand) rand = g_rand_new_with_seed (17);
  Stations *s = g_new0 (Stations, 1);
  guint i = 0;

  s->n = N_STATIONS;
  s->lat = g_new (double, s->n);
  s->lon = g_new (double, s->n);
  s->is_free = g_new (guint8, s->n);
  for (; i < synth->n; i++)
    {
      s->lat[i] = synth->lat[i];
      s->lon[i] = synth->lon[i];
      s->is_free[i] = synth->is_free[i];
    }
  for (; i < synth->n + N_PACIFIC; i++)
    {
      double lon = g_rand_double_range (rand, 177.0, 183.0);

      s->lat[i] = g_rand_double_range (rand, -19.0, -16.0);
      s->lon[i] = lon > 180.0 ? lon - 360.0 : lon;
      s->is_free[i] = g_rand_boolean (rand);
    }
  for (; i < s->n; i++)
    {
      s->lat[i] = 59.3293;
      s->lon[i] = 18.0686;
      s->is_free[i] = i % 3 == 0;
    }
  return s;
}

static CwClusterIndex *
make_index (Stations *s)
{
  return cw_cluster_index_new (s->lat, s->lon, s->is_free, s->n, NULL);
}

static GArray *
items_at (CwClusterIndex *ci,
          const CwBBox   *box,
          int             zoom)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (CwClusterItem));

  cw_cluster_index_get_clusters (ci, box, zoom, out);
  return out;
}

static GArray *
leaves_of (CwClusterIndex      *ci,
           const CwClusterItem *item)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (item->count == 1)
    g_array_append_val (ids, item->id);
  else
    cw_cluster_index_get_leaves (ci, item->id, ids);
  return ids;
}

static guint
count_free (Stations *s,
            GArray   *ids)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    n += s->is_free[g_array_index (ids, guint32, i)];
  return n;
}

/* At every zoom, and beyond both ends, the items cover every station
 * exactly once, and their counts and free counts say so. */
static void
check_every_zoom (CwClusterIndex *ci,
                  Stations       *s)
{
  g_autofree guint8 *seen = g_new (guint8, s->n);
  guint n_free = 0;

  for (guint i = 0; i < s->n; i++)
    n_free += s->is_free[i];

  for (int zoom = -1; zoom <= 18; zoom++)
    {
      g_autoptr (GArray) items = items_at (ci, &world, zoom);
      guint64 sum = 0, sum_free = 0;

      memset (seen, 0, s->n);
      for (guint i = 0; i < items->len; i++)
        {
          const CwClusterItem *it = &g_array_index (items, CwClusterItem, i);
          g_autoptr (GArray) leaves = leaves_of (ci, it);

          sum += it->count;
          sum_free += it->n_free;
          g_assert_cmpuint (leaves->len, ==, it->count);
          g_assert_cmpuint (count_free (s, leaves), ==, it->n_free);
          for (guint l = 0; l < leaves->len; l++)
            {
              guint32 id = g_array_index (leaves, guint32, l);

              g_assert_cmpuint (id, <, s->n);
              g_assert_cmpuint (seen[id], ==, 0);
              seen[id] = 1;
              g_assert_cmpfloat (s->lat[id], >=, it->extent.min_lat);
              g_assert_cmpfloat (s->lat[id], <=, it->extent.max_lat);
              g_assert_cmpfloat (s->lon[id], >=, it->extent.min_lon);
              g_assert_cmpfloat (s->lon[id], <=, it->extent.max_lon);
            }
          if (it->count == 1)
            {
              /* kept in 1e-7 degrees (1 cm) */
              g_assert_cmpfloat_with_epsilon (it->lat, s->lat[it->id], 0.51e-7);
              g_assert_cmpfloat_with_epsilon (it->lon, s->lon[it->id], 0.51e-7);
            }
        }
      g_assert_cmpuint (sum, ==, s->n);
      g_assert_cmpuint (sum_free, ==, n_free);
      if (zoom > 16)
        g_assert_cmpuint (items->len, ==, s->n);
    }
}

static void
test_cluster_counts (void)
{
  g_autoptr (Stations) s = make_stations ();
  g_autoptr (CwClusterIndex) ci = make_index (s);
  g_autoptr (GArray) top = items_at (ci, &world, 0);

  g_assert_cmpuint (cw_cluster_index_get_size (ci), ==, N_STATIONS);
  g_assert_cmpuint (cw_cluster_index_get_n_clusters (ci), >, 0);
  g_assert_cmpuint (cw_cluster_index_get_n_clusters (ci), <, N_STATIONS);
  /* the whole world at zoom 0 is a handful of clusters, not thousands */
  g_assert_cmpuint (top->len, <, 40);
  check_every_zoom (ci, s);
}

/* Descends from zoom 0 through the children of every cluster: each
 * station is reached once, through children that add up. */
static void
descend (CwClusterIndex      *ci,
         Stations            *s,
         const CwClusterItem *item,
         int                  zoom,
         guint8              *reached)
{
  g_autoptr (GArray) children = NULL;
  guint64 sum = 0, sum_free = 0;
  int expansion;

  if (item->count == 1)
    {
      g_assert_cmpuint (reached[item->id], ==, 0);
      reached[item->id] = 1;
      return;
    }

  expansion = cw_cluster_index_get_expansion_zoom (ci, item->id);
  g_assert_cmpint (expansion, >, zoom);
  g_assert_cmpint (cw_cluster_index_get_cluster_zoom (ci, item->id), ==, expansion - 1);

  children = g_array_new (FALSE, FALSE, sizeof (CwClusterItem));
  cw_cluster_index_get_children (ci, item->id, children);
  g_assert_cmpuint (children->len, >=, 2);
  for (guint i = 0; i < children->len; i++)
    {
      const CwClusterItem *c = &g_array_index (children, CwClusterItem, i);

      sum += c->count;
      sum_free += c->n_free;
      g_assert_cmpfloat (c->extent.min_lat, >=, item->extent.min_lat);
      g_assert_cmpfloat (c->extent.max_lat, <=, item->extent.max_lat);
      g_assert_cmpfloat (c->extent.min_lon, >=, item->extent.min_lon);
      g_assert_cmpfloat (c->extent.max_lon, <=, item->extent.max_lon);
      descend (ci, s, c, expansion, reached);
    }
  g_assert_cmpuint (sum, ==, item->count);
  g_assert_cmpuint (sum_free, ==, item->n_free);
}

static void
test_cluster_descend (void)
{
  g_autoptr (Stations) s = make_stations ();
  g_autoptr (CwClusterIndex) ci = make_index (s);
  g_autoptr (GArray) top = items_at (ci, &world, 0);
  g_autofree guint8 *reached = g_new0 (guint8, s->n);

  for (guint i = 0; i < top->len; i++)
    descend (ci, s, &g_array_index (top, CwClusterItem, i), 0, reached);
  for (guint i = 0; i < s->n; i++)
    g_assert_cmpuint (reached[i], ==, 1);
}

/* Zooming to a cluster's expansion zoom shows it as two items or more,
 * which hold exactly its stations; one zoom lower it is itself shown. */
static void
test_cluster_expansion (void)
{
  g_autoptr (Stations) s = make_stations ();
  g_autoptr (CwClusterIndex) ci = make_index (s);
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  g_autofree guint32 *owner = g_new (guint32, s->n);
  guint n_clusters = cw_cluster_index_get_n_clusters (ci);

  for (guint q = 0; q < 60; q++)
    {
      guint32 id = g_rand_int_range (rand, 0, n_clusters);
      int expansion = cw_cluster_index_get_expansion_zoom (ci, id);
      CwClusterItem cluster;
      g_autoptr (GArray) leaves = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr (GArray) before = items_at (ci, &world, expansion - 1);
      g_autoptr (GArray) after = items_at (ci, &world, expansion);
      guint n_parts = 0, n_in_parts = 0;
      gboolean shown = FALSE;

      cw_cluster_index_get_cluster (ci, id, &cluster);
      cw_cluster_index_get_leaves (ci, id, leaves);
      g_assert_cmpuint (leaves->len, ==, cluster.count);

      for (guint i = 0; i < before->len; i++)
        {
          const CwClusterItem *it = &g_array_index (before, CwClusterItem, i);

          shown |= it->count > 1 && it->id == id;
        }
      g_assert_true (shown);

      memset (owner, 0xff, s->n * sizeof (guint32));
      for (guint i = 0; i < leaves->len; i++)
        owner[g_array_index (leaves, guint32, i)] = 0;
      for (guint i = 0; i < after->len; i++)
        {
          const CwClusterItem *it = &g_array_index (after, CwClusterItem, i);
          g_autoptr (GArray) part = leaves_of (ci, it);
          guint inside = 0;

          for (guint l = 0; l < part->len; l++)
            inside += owner[g_array_index (part, guint32, l)] == 0;
          /* an item is wholly inside the cluster or wholly outside */
          g_assert_true (inside == 0 || inside == part->len);
          if (inside > 0)
            {
              n_parts++;
              n_in_parts += inside;
            }
        }
      g_assert_cmpuint (n_parts, >=, 2);
      g_assert_cmpuint (n_in_parts, ==, cluster.count);
    }
}

/* Free counts follow set_free at every zoom, without a rebuild. */
static void
test_cluster_set_free (void)
{
  g_autoptr (Stations) s = make_stations ();
  g_autoptr (CwClusterIndex) ci = make_index (s);
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);

  for (guint q = 0; q < 3000; q++)
    {
      guint i = g_rand_int_range (rand, 0, s->n);
      gboolean is_free = g_rand_boolean (rand);

      s->is_free[i] = is_free;
      cw_cluster_index_set_free (ci, i, is_free);
    }
  /* setting what already is changes nothing */
  cw_cluster_index_set_free (ci, 0, s->is_free[0]);
  check_every_zoom (ci, s);
}

static gboolean
station_is_free (guint    station,
                 gpointer data)
{
  Stations *s = data;

  return s->is_free[station];
}

/* update_free asks every station and sums the counts again. */
static void
test_cluster_update_free (void)
{
  g_autoptr (Stations) s = make_stations ();
  g_autoptr (CwClusterIndex) ci = make_index (s);
  g_autoptr (GRand) rand = g_rand_new_with_seed (12);

  g_assert_false (cw_cluster_index_update_free (ci, station_is_free, s));
  for (guint i = 0; i < s->n; i++)
    if (g_rand_int_range (rand, 0, 3) == 0)
      s->is_free[i] = !s->is_free[i];
  g_assert_true (cw_cluster_index_update_free (ci, station_is_free, s));
  check_every_zoom (ci, s);
  /* and single changes after it */
  cw_cluster_index_set_free (ci, 7, !s->is_free[7]);
  s->is_free[7] = !s->is_free[7];
  check_every_zoom (ci, s);
}

static double
wrap (double lon)
{
  return lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
}

static gsize
item_key (const CwClusterItem *it)
{
  return (gsize) it->id * 2 + (it->count > 1);
}

/* A query for a box gives what the world's items at that zoom give,
 * kept by their position; items on the edge may go either way. */
static void
test_cluster_viewports (void)
{
  g_autoptr (Stations) s = make_stations ();
  g_autoptr (CwClusterIndex) ci = make_index (s);
  g_autoptr (GRand) rand = g_rand_new_with_seed (23);
  g_autoptr (GHashTable) where = g_hash_table_new (NULL, NULL);
  const double eps = 1e-5;

  for (guint q = 0; q < 400; q++)
    {
      int zoom = g_rand_int_range (rand, 0, 19);
      double span = 360.0 / pow (2, zoom) * g_rand_double_range (rand, 0.5, 6);
      double lat, lon;
      CwBBox box;
      g_autoptr (GArray) all = items_at (ci, &world, zoom);
      g_autoptr (GArray) got = NULL;
      g_autofree guint8 *in_got = NULL;
      guint i = g_rand_int_range (rand, 0, s->n);

      /* centred near a station, so that boxes hold something */
      lat = s->lat[i] + g_rand_double_range (rand, -span, span) / 4;
      lon = s->lon[i] + g_rand_double_range (rand, -span, span) / 4;
      box.min_lat = MAX (-90, lat - span / 3);
      box.max_lat = MIN (90, lat + span / 3);
      box.min_lon = lon - span / 2;
      box.max_lon = lon + span / 2;
      if (q % 5 == 0)
        {
          /* over the antimeridian, both ways of saying it */
          box.min_lat = -19.5;
          box.max_lat = -15.5;
          box.min_lon = g_rand_double_range (rand, 176, 180);
          box.max_lon = g_rand_double_range (rand, -180, -176) + (q % 2 ? 360 : 0);
        }

      got = items_at (ci, &box, zoom);
      in_got = g_new0 (guint8, all->len);
      g_hash_table_remove_all (where);
      for (guint a = 0; a < all->len; a++)
        g_hash_table_insert (where, GSIZE_TO_POINTER (item_key (&g_array_index (all, CwClusterItem, a))),
                             GUINT_TO_POINTER (a + 1));
      for (guint g = 0; g < got->len; g++)
        {
          const CwClusterItem *it = &g_array_index (got, CwClusterItem, g);
          guint a = GPOINTER_TO_UINT (g_hash_table_lookup (where, GSIZE_TO_POINTER (item_key (it))));

          g_assert_cmpuint (a, >, 0);
          g_assert_cmpuint (in_got[a - 1], ==, 0);
          in_got[a - 1] = 1;
        }

      for (guint a = 0; a < all->len; a++)
        {
          const CwClusterItem *w = &g_array_index (all, CwClusterItem, a);
          double min_lon = wrap (box.min_lon), max_lon = wrap (box.max_lon);
          gboolean lat_in = w->lat > box.min_lat + eps && w->lat < box.max_lat - eps;
          gboolean lat_out = w->lat < box.min_lat - eps || w->lat > box.max_lat + eps;
          gboolean lon_in, lon_out;

          if (box.max_lon - box.min_lon >= 360)
            {
              lon_in = TRUE;
              lon_out = FALSE;
            }
          else if (min_lon <= max_lon)
            {
              lon_in = w->lon > min_lon + eps && w->lon < max_lon - eps;
              lon_out = w->lon < min_lon - eps || w->lon > max_lon + eps;
            }
          else
            {
              lon_in = w->lon > min_lon + eps || w->lon < max_lon - eps;
              lon_out = w->lon < min_lon - eps && w->lon > max_lon + eps;
            }
          if (lat_in && lon_in)
            g_assert_cmpuint (in_got[a], ==, 1);
          else if (lat_out || lon_out)
            g_assert_cmpuint (in_got[a], ==, 0);
        }
    }
}

static void
test_cluster_small (void)
{
  double lat = 52.09, lon = 5.12;
  guint8 is_free = 1;
  g_autoptr (CwClusterIndex) none = cw_cluster_index_new (NULL, NULL, NULL, 0, NULL);
  g_autoptr (CwClusterIndex) one = cw_cluster_index_new (&lat, &lon, &is_free, 1, NULL);

  for (int zoom = 0; zoom <= 17; zoom++)
    {
      g_autoptr (GArray) a = items_at (none, &world, zoom);
      g_autoptr (GArray) b = items_at (one, &world, zoom);
      const CwClusterItem *it;

      g_assert_cmpuint (a->len, ==, 0);
      g_assert_cmpuint (b->len, ==, 1);
      it = &g_array_index (b, CwClusterItem, 0);
      g_assert_cmpuint (it->count, ==, 1);
      g_assert_cmpuint (it->n_free, ==, 1);
      g_assert_cmpuint (it->id, ==, 0);
      g_assert_cmpfloat_with_epsilon (it->lat, lat, 0.51e-7);
      g_assert_cmpfloat_with_epsilon (it->lon, lon, 0.51e-7);
    }
  g_assert_cmpuint (cw_cluster_index_get_n_clusters (none), ==, 0);
  g_assert_cmpuint (cw_cluster_index_get_n_clusters (one), ==, 0);
  cw_cluster_index_set_free (one, 0, FALSE);
  {
    g_autoptr (GArray) b = items_at (one, &world, 3);

    g_assert_cmpuint (g_array_index (b, CwClusterItem, 0).n_free, ==, 0);
  }
}

/* Stations at one spot merge at the highest zoom and split only above
 * it, into every one of them. */
static void
test_cluster_same_spot (void)
{
  CwClusterOptions opts = CW_CLUSTER_OPTIONS_INIT;
  double lat[300], lon[300];
  g_autoptr (CwClusterIndex) ci = NULL;
  g_autoptr (GArray) at_max = NULL;
  g_autoptr (GArray) above = NULL;
  g_autoptr (GArray) children = g_array_new (FALSE, FALSE, sizeof (CwClusterItem));
  const CwClusterItem *it;

  for (guint i = 0; i < G_N_ELEMENTS (lat); i++)
    {
      lat[i] = -33.8688;
      lon[i] = 151.2093;
    }
  opts.max_zoom = 14;
  ci = cw_cluster_index_new (lat, lon, NULL, G_N_ELEMENTS (lat), &opts);
  at_max = items_at (ci, &world, 14);
  above = items_at (ci, &world, 15);
  g_assert_cmpuint (at_max->len, ==, 1);
  it = &g_array_index (at_max, CwClusterItem, 0);
  g_assert_cmpuint (it->count, ==, G_N_ELEMENTS (lat));
  g_assert_cmpuint (it->n_free, ==, 0);
  g_assert_cmpint (cw_cluster_index_get_expansion_zoom (ci, it->id), ==, 15);
  g_assert_cmpfloat_with_epsilon (it->lat, -33.8688, 1e-5);
  g_assert_cmpfloat_with_epsilon (it->lon, 151.2093, 1e-5);
  cw_cluster_index_get_children (ci, it->id, children);
  g_assert_cmpuint (children->len, ==, G_N_ELEMENTS (lat));
  g_assert_cmpuint (above->len, ==, G_N_ELEMENTS (lat));
}

static void
assert_same_items (GArray *x,
                   GArray *y)
{
  g_assert_cmpuint (x->len, ==, y->len);
  for (guint i = 0; i < x->len; i++)
    {
      const CwClusterItem *a = &g_array_index (x, CwClusterItem, i);
      const CwClusterItem *b = &g_array_index (y, CwClusterItem, i);

      g_assert_cmpfloat (a->lat, ==, b->lat);
      g_assert_cmpfloat (a->lon, ==, b->lon);
      g_assert_cmpuint (a->count, ==, b->count);
      g_assert_cmpuint (a->n_free, ==, b->n_free);
      g_assert_cmpuint (a->id, ==, b->id);
      g_assert_cmpmem (&a->extent, sizeof (CwBBox), &b->extent, sizeof (CwBBox));
    }
}

static void
test_cluster_deterministic (void)
{
  g_autoptr (Stations) s = make_stations ();
  g_autoptr (CwClusterIndex) a = make_index (s);
  g_autoptr (CwClusterIndex) b = make_index (s);

  g_assert_cmpuint (cw_cluster_index_get_n_clusters (a), ==, cw_cluster_index_get_n_clusters (b));
  for (int zoom = 0; zoom <= 17; zoom += 4)
    {
      g_autoptr (GArray) x = items_at (a, &world, zoom);
      g_autoptr (GArray) y = items_at (b, &world, zoom);

      assert_same_items (x, y);
    }
}

static void
on_built (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_cluster_async (void)
{
  g_autoptr (Stations) s = make_stations ();
  g_autoptr (CwClusterIndex) sync = make_index (s);
  g_autoptr (CwClusterIndex) async = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) cancelled_result = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) x = NULL;
  g_autoptr (GArray) y = NULL;

  cw_cluster_index_new_async (s->lat, s->lon, s->is_free, s->n, NULL, NULL, on_built, &result);
  /* the arrays were copied: changing them now changes nothing */
  s->lat[0] = 0;
  g_cancellable_cancel (cancellable);
  cw_cluster_index_new_async (s->lat, s->lon, s->is_free, s->n, NULL, cancellable,
                              on_built, &cancelled_result);
  while (result == NULL || cancelled_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  async = cw_cluster_index_new_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (async);
  g_assert_cmpuint (cw_cluster_index_get_n_clusters (async), ==, cw_cluster_index_get_n_clusters (sync));
  x = items_at (sync, &world, 6);
  y = items_at (async, &world, 6);
  assert_same_items (x, y);

  g_assert_null (cw_cluster_index_new_finish (cancelled_result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The same seed, the same stations; valid ones, as objects too. */
static void
test_synth (void)
{
  g_autoptr (CwSynthStations) a = cw_synth_stations_new (5000, 99);
  g_autoptr (CwSynthStations) b = cw_synth_stations_new (5000, 99);
  g_autoptr (CwSynthStations) c = cw_synth_stations_new (5000, 100);
  g_autoptr (GPtrArray) objects = cw_synth_stations_to_objects (a, "synth", 4990, 100);
  guint kinds[3] = { 0, 0, 0 };

  g_assert_cmpmem (a->lat, 5000 * sizeof (double), b->lat, 5000 * sizeof (double));
  g_assert_cmpmem (a->lon, 5000 * sizeof (double), b->lon, 5000 * sizeof (double));
  g_assert_cmpmem (a->is_free, 5000, b->is_free, 5000);
  g_assert_false (memcmp (a->lat, c->lat, 5000 * sizeof (double)) == 0);

  for (guint i = 0; i < a->n; i++)
    {
      g_assert_true (cw_geo_coords_valid (a->lat[i], a->lon[i]));
      g_assert_cmpuint (a->kind[i], <, 3);
      g_assert_cmpuint (a->is_free[i], <=, 1);
      g_assert_true (cw_synth_get_city (a->city[i], NULL, NULL, NULL));
      kinds[a->kind[i]]++;
    }
  /* roughly 55 % city, 30 % motorway, 15 % rural */
  g_assert_cmpuint (kinds[CW_SYNTH_CITY], >, 2400);
  g_assert_cmpuint (kinds[CW_SYNTH_MOTORWAY], >, 1100);
  g_assert_cmpuint (kinds[CW_SYNTH_RURAL], >, 450);
  g_assert_cmpuint (cw_synth_get_n_cities (), >=, 100);

  g_assert_cmpuint (objects->len, ==, 10);
  for (guint i = 0; i < objects->len; i++)
    {
      CwStation *st = g_ptr_array_index (objects, i);
      g_autofree char *id = g_strdup_printf ("synth-%u", 4990 + i);

      g_assert_cmpstr (cw_station_get_id (st), ==, id);
      g_assert_cmpstr (cw_station_get_source (st), ==, "synth");
      g_assert_cmpfloat (st->latitude, ==, a->lat[4990 + i]);
      g_assert_cmpfloat (st->longitude, ==, a->lon[4990 + i]);
      g_assert_cmpuint (st->n_evses, >=, 1);
      g_assert_cmpint (cw_station_get_availability (st) == CW_AVAILABILITY_AVAILABLE, ==,
                       a->is_free[4990 + i]);
    }
}

/* With own_order the ids are the index's own station order; mapped
 * through the order it hands over, every answer is the same, and the
 * index is smaller by the map it no longer keeps. */
static void
test_cluster_own_order (void)
{
  g_autoptr (Stations) s = make_stations ();
  g_autoptr (CwClusterIndex) mapped = make_index (s);
  g_autoptr (CwClusterIndex) own = NULL;
  g_autofree guint32 *order = NULL;
  g_autofree guint8 *seen = g_new0 (guint8, s->n);
  CwClusterOptions opts = CW_CLUSTER_OPTIONS_INIT;
  const CwBBox europe = { 35, -12, 62, 30 };

  opts.own_order = TRUE;
  own = cw_cluster_index_new (s->lat, s->lon, s->is_free, s->n, &opts);
  order = cw_cluster_index_take_order (own);
  g_assert_nonnull (order);
  g_assert_null (cw_cluster_index_take_order (own));
  g_assert_null (cw_cluster_index_take_order (mapped));
  for (guint p = 0; p < s->n; p++)
    {
      g_assert_cmpuint (order[p], <, s->n);
      g_assert_false (seen[order[p]]);
      seen[order[p]] = 1;
    }
  g_assert_cmpuint (cw_cluster_index_get_memory (own), <, cw_cluster_index_get_memory (mapped));

  for (int zoom = 0; zoom <= 17; zoom += 3)
    for (guint b = 0; b < 2; b++)
      {
        g_autoptr (GArray) a = items_at (mapped, b ? &europe : &world, zoom);
        g_autoptr (GArray) o = items_at (own, b ? &europe : &world, zoom);

        g_assert_cmpuint (a->len, ==, o->len);
        for (guint i = 0; i < a->len; i++)
          {
            const CwClusterItem *x = &g_array_index (a, CwClusterItem, i);
            const CwClusterItem *y = &g_array_index (o, CwClusterItem, i);
            g_autoptr (GArray) lx = leaves_of (mapped, x);
            g_autoptr (GArray) ly = leaves_of (own, y);

            g_assert_cmpuint (x->count, ==, y->count);
            g_assert_cmpuint (x->n_free, ==, y->n_free);
            g_assert_cmpuint (lx->len, ==, ly->len);
            if (x->count == 1)
              g_assert_cmpuint (x->id, ==, order[y->id]);
            for (guint k = 0; k < ly->len; k++)
              g_assert_cmpuint (g_array_index (lx, guint32, k), ==, order[g_array_index (ly, guint32, k)]);
          }
      }

  /* free flags by the index's own numbers */
  for (guint p = 0; p < s->n; p += 7)
    {
      s->is_free[order[p]] = !s->is_free[order[p]];
      cw_cluster_index_set_free (own, p, s->is_free[order[p]]);
    }
  {
    g_autoptr (GArray) all = items_at (own, &world, 0);
    guint n_free = 0, want = 0;

    for (guint i = 0; i < all->len; i++)
      n_free += g_array_index (all, CwClusterItem, i).n_free;
    for (guint i = 0; i < s->n; i++)
      want += s->is_free[i] != 0;
    g_assert_cmpuint (n_free, ==, want);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cluster/counts", test_cluster_counts);
  g_test_add_func ("/cluster/descend", test_cluster_descend);
  g_test_add_func ("/cluster/expansion", test_cluster_expansion);
  g_test_add_func ("/cluster/set-free", test_cluster_set_free);
  g_test_add_func ("/cluster/update-free", test_cluster_update_free);
  g_test_add_func ("/cluster/viewports", test_cluster_viewports);
  g_test_add_func ("/cluster/small", test_cluster_small);
  g_test_add_func ("/cluster/same-spot", test_cluster_same_spot);
  g_test_add_func ("/cluster/deterministic", test_cluster_deterministic);
  g_test_add_func ("/cluster/async", test_cluster_async);
  g_test_add_func ("/cluster/own-order", test_cluster_own_order);
  g_test_add_func ("/synth/deterministic", test_synth);

  return g_test_run ();
}
