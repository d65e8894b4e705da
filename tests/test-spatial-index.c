/* test-spatial-index.c: CwSpatialIndex answers as a linear scan does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "cw-spatial-index.h"

#define N_POINTS 10000

typedef struct {
  double *lat;
  double *lon;
  guint   n;
} Points;

static void
points_free (Points *p)
{
  g_free (p->lat);
  g_free (p->lon);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Points, points_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSpatialIndex, cw_spatial_index_free)

/* Uniform over the sphere's box, plus clumps of near-equal and exactly
 * equal points, plus points on the antimeridian, the poles and the
 * edges of the coordinate range. */
static Points *
make_points (GRand *rand,
             guint  n)
{
  Points *p = g_new0 (Points, 1);

  p->n = n;
  p->lat = g_new (double, MAX (n, 1));
  p->lon = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      switch (g_rand_int_range (rand, 0, 10))
        {
        case 0: case 1: case 2: case 3: case 4:
          p->lat[i] = g_rand_double_range (rand, -90, 90);
          p->lon[i] = g_rand_double_range (rand, -180, 180);
          break;
        case 5: case 6:
          p->lat[i] = 52.0 + g_rand_double_range (rand, -0.01, 0.01);
          p->lon[i] = 5.0 + g_rand_double_range (rand, -0.01, 0.01);
          break;
        case 7:
          p->lat[i] = -33.9;
          p->lon[i] = 151.2;
          break;
        case 8:
          p->lat[i] = g_rand_double_range (rand, -60, 60);
          p->lon[i] = g_rand_boolean (rand) ? 180.0 : -180.0;
          break;
        default:
          {
            static const double edges[][2] = {
              { 90, 0 }, { -90, 0 }, { 90, 180 }, { -90, -180 }, { 0, 179.999 },
              { 0, -179.999 }, { 89.99, 45 }, { -89.99, -135 },
            };
            guint e = g_rand_int_range (rand, 0, G_N_ELEMENTS (edges));

            p->lat[i] = edges[e][0];
            p->lon[i] = edges[e][1];
          }
          break;
        }
    }
  return p;
}

static gint
cmp_u32 (gconstpointer a,
         gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static void
assert_same_ids (GArray *got,
                 GArray *want)
{
  g_array_sort (got, cmp_u32);
  g_array_sort (want, cmp_u32);
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpuint (g_array_index (got, guint32, i), ==, g_array_index (want, guint32, i));
}

static gboolean
in_lon_range (double lon,
              double min_lon,
              double max_lon)
{
  return lon >= min_lon && lon <= max_lon;
}

/* The box rules of cw-spatial-index.h, written the obvious way. */
static gboolean
brute_in_box (const CwBBox *box,
              double        lat,
              double        lon)
{
  double min_lon = box->min_lon, max_lon = box->max_lon;

  if (!(lat >= box->min_lat && lat <= box->max_lat))
    return FALSE;
  if (max_lon - min_lon >= 360)
    return TRUE;
  while (min_lon < -180) min_lon += 360;
  while (min_lon > 180) min_lon -= 360;
  while (max_lon < -180) max_lon += 360;
  while (max_lon > 180) max_lon -= 360;
  if (min_lon <= max_lon)
    return in_lon_range (lon, min_lon, max_lon);
  return in_lon_range (lon, min_lon, 180) || in_lon_range (lon, -180, max_lon);
}

static void
random_box (GRand  *rand,
            CwBBox *box)
{
  double size = pow (10, g_rand_double_range (rand, -3, 2.5));
  double lat = g_rand_double_range (rand, -95, 95);
  double lon = g_rand_double_range (rand, -185, 185);

  box->min_lat = lat - size * g_rand_double (rand);
  box->max_lat = lat + size * g_rand_double (rand);
  box->min_lon = lon - size * g_rand_double (rand);
  box->max_lon = lon + size * g_rand_double (rand);

  switch (g_rand_int_range (rand, 0, 8))
    {
    case 0:     /* crossing the antimeridian, as min > max */
      box->min_lon = g_rand_double_range (rand, 90, 180);
      box->max_lon = g_rand_double_range (rand, -180, -90);
      break;
    case 1:     /* crossing it as a longitude beyond 180 */
      box->min_lon = g_rand_double_range (rand, 150, 180);
      box->max_lon = box->min_lon + g_rand_double_range (rand, 0, 60);
      break;
    case 2:     /* empty */
      box->min_lat = box->max_lat + g_rand_double_range (rand, 0.001, 10);
      break;
    case 3:     /* nothing inside: a small box in the southern ocean */
      box->min_lat = -55.5;
      box->max_lat = -55.4;
      box->min_lon = -100.1;
      box->max_lon = -100.0;
      break;
    default:
      break;
    }
}

static void
check_boxes (CwSpatialIndex *index,
             Points         *p,
             GRand          *rand,
             guint           n_boxes)
{
  g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint q = 0; q < n_boxes; q++)
    {
      CwBBox box;

      random_box (rand, &box);
      g_array_set_size (got, 0);
      g_array_set_size (want, 0);
      cw_spatial_index_query_bbox (index, &box, got);
      for (guint32 i = 0; i < p->n; i++)
        if (brute_in_box (&box, p->lat[i], p->lon[i]))
          g_array_append_val (want, i);
      assert_same_ids (got, want);
    }
}

static void
check_radii (CwSpatialIndex *index,
             Points         *p,
             GRand          *rand,
             guint           n_queries)
{
  g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint q = 0; q < n_queries; q++)
    {
      double lat, lon, radius;

      if (p->n > 0 && g_rand_boolean (rand))
        {
          guint i = g_rand_int_range (rand, 0, p->n);

          lat = p->lat[i];
          lon = p->lon[i];
        }
      else
        {
          lat = g_rand_double_range (rand, -90, 90);
          lon = g_rand_double_range (rand, -180, 180);
        }
      radius = q % 17 == 0 ? 0 : pow (10, g_rand_double_range (rand, -2, 4.4));

      g_array_set_size (got, 0);
      g_array_set_size (want, 0);
      cw_spatial_index_query_radius (index, lat, lon, radius, got);
      for (guint32 i = 0; i < p->n; i++)
        if (cw_geo_haversine_km (lat, lon, p->lat[i], p->lon[i]) <= radius)
          g_array_append_val (want, i);
      assert_same_ids (got, want);
    }
}

static void
check_nearest (CwSpatialIndex *index,
               Points         *p,
               GRand          *rand,
               guint           n_queries)
{
  for (guint q = 0; q < n_queries; q++)
    {
      double lat = g_rand_double_range (rand, -90, 90);
      double lon = g_rand_double_range (rand, -180, 180);
      double limit = q % 3 == 0 ? INFINITY : pow (10, g_rand_double_range (rand, -1, 4));
      double best = INFINITY;
      gint64 got;

      for (guint i = 0; i < p->n; i++)
        best = MIN (best, cw_geo_haversine_km (lat, lon, p->lat[i], p->lon[i]));

      got = cw_spatial_index_nearest (index, lat, lon, limit);
      if (p->n == 0 || best > limit)
        {
          g_assert_cmpint (got, ==, -1);
          continue;
        }
      g_assert_cmpint (got, >=, 0);
      g_assert_cmpint (got, <, p->n);
      /* ties may pick another id at the same distance */
      g_assert_cmpfloat (cw_geo_haversine_km (lat, lon, p->lat[got], p->lon[got]), ==, best);
    }
}

static void
test_index_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240501);
  g_autoptr (Points) p = make_points (rand, N_POINTS);
  g_autoptr (CwSpatialIndex) index = cw_spatial_index_new (p->lat, p->lon, p->n);

  g_assert_cmpuint (cw_spatial_index_get_size (index), ==, N_POINTS);
  g_assert_cmpuint (cw_spatial_index_get_memory (index), >=, N_POINTS * 20);
  g_assert_cmpuint (cw_spatial_index_get_memory (index), <, N_POINTS * 24);

  check_boxes (index, p, rand, 600);
  check_radii (index, p, rand, 400);
  check_nearest (index, p, rand, 400);
}

/* Small sizes go through the leaf scan only; sizes just above the leaf
 * size through one split. */
static void
test_index_sizes (void)
{
  static const guint sizes[] = { 0, 1, 2, 3, 64, 65, 66, 130, 1000 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr (Points) p = make_points (rand, sizes[s]);
      g_autoptr (CwSpatialIndex) index = cw_spatial_index_new (p->lat, p->lon, p->n);

      g_assert_cmpuint (cw_spatial_index_get_size (index), ==, sizes[s]);
      check_boxes (index, p, rand, 100);
      check_radii (index, p, rand, 60);
      check_nearest (index, p, rand, 60);
    }
}

static void
test_index_empty (void)
{
  g_autoptr (CwSpatialIndex) index = cw_spatial_index_new (NULL, NULL, 0);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (guint32));
  CwBBox world = { -90, -180, 90, 180 };

  cw_spatial_index_query_bbox (index, &world, out);
  cw_spatial_index_query_radius (index, 0, 0, 30000, out);
  g_assert_cmpuint (out->len, ==, 0);
  g_assert_cmpint (cw_spatial_index_nearest (index, 0, 0, INFINITY), ==, -1);
}

static void
test_index_one (void)
{
  double lat = 48.8566, lon = 2.3522;
  g_autoptr (CwSpatialIndex) index = cw_spatial_index_new (&lat, &lon, 1);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (guint32));
  CwBBox exact = { lat, lon, lat, lon };
  CwBBox beside = { lat, lon + 1e-9, lat + 1, lon + 1 };

  cw_spatial_index_query_bbox (index, &exact, out);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpuint (g_array_index (out, guint32, 0), ==, 0);
  g_array_set_size (out, 0);
  cw_spatial_index_query_bbox (index, &beside, out);
  g_assert_cmpuint (out->len, ==, 0);

  cw_spatial_index_query_radius (index, lat, lon, 0, out);
  g_assert_cmpuint (out->len, ==, 1);
  g_array_set_size (out, 0);
  /* Lyon is 392 km away */
  cw_spatial_index_query_radius (index, 45.764, 4.8357, 390, out);
  g_assert_cmpuint (out->len, ==, 0);
  cw_spatial_index_query_radius (index, 45.764, 4.8357, 395, out);
  g_assert_cmpuint (out->len, ==, 1);

  g_assert_cmpint (cw_spatial_index_nearest (index, 45.764, 4.8357, 390), ==, -1);
  g_assert_cmpint (cw_spatial_index_nearest (index, 45.764, 4.8357, 395), ==, 0);
  g_assert_cmpint (cw_spatial_index_nearest (index, -45, -170, INFINITY), ==, 0);
}

/* Every point the same: the partition must not degrade or lose any. */
static void
test_index_duplicates (void)
{
  g_autofree double *lat = g_new (double, 5000);
  g_autofree double *lon = g_new (double, 5000);
  g_autoptr (CwSpatialIndex) index = NULL;
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (guint32));
  CwBBox box = { 10, 20, 10, 20 };

  for (guint i = 0; i < 5000; i++)
    {
      lat[i] = 10;
      lon[i] = 20;
    }
  index = cw_spatial_index_new (lat, lon, 5000);
  cw_spatial_index_query_bbox (index, &box, out);
  g_assert_cmpuint (out->len, ==, 5000);
  g_assert_cmpint (cw_spatial_index_nearest (index, 11, 21, INFINITY), ==, 0);
}

/* A circle near the pole and one over the antimeridian, where a box of
 * Δλ = r / cos φ would be too narrow. */
static void
test_index_wide_circles (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (99);
  g_autoptr (Points) p = g_new0 (Points, 1);
  g_autoptr (CwSpatialIndex) index = NULL;

  p->n = 4000;
  p->lat = g_new (double, p->n);
  p->lon = g_new (double, p->n);
  for (guint i = 0; i < p->n; i++)
    {
      p->lat[i] = g_rand_double_range (rand, 60, 90);
      p->lon[i] = g_rand_double_range (rand, -180, 180);
    }
  index = cw_spatial_index_new (p->lat, p->lon, p->n);

  for (guint q = 0; q < 100; q++)
    {
      g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (guint32));
      double lat = g_rand_double_range (rand, 60, 85);
      double lon = q % 2 ? 179.5 : g_rand_double_range (rand, -180, 180);
      double radius = g_rand_double_range (rand, 100, 2500);

      cw_spatial_index_query_radius (index, lat, lon, radius, got);
      for (guint32 i = 0; i < p->n; i++)
        if (cw_geo_haversine_km (lat, lon, p->lat[i], p->lon[i]) <= radius)
          g_array_append_val (want, i);
      assert_same_ids (got, want);
    }
}

static void
test_split_bbox (void)
{
  CwBBox parts[2];
  CwBBox plain = { 1, 2, 3, 4 };
  CwBBox crossing = { 1, 170, 3, -170 };
  CwBBox beyond = { 1, 170, 3, 190 };
  CwBBox wide = { 1, -500, 3, 400 };
  CwBBox empty = { 3, 0, 1, 10 };
  CwBBox nan = { NAN, 0, 1, 10 };

  g_assert_cmpuint (cw_spatial_index_split_bbox (&plain, parts), ==, 1);
  g_assert_cmpfloat (parts[0].min_lon, ==, 2);
  g_assert_cmpuint (cw_spatial_index_split_bbox (&crossing, parts), ==, 2);
  g_assert_cmpfloat (parts[0].min_lon, ==, 170);
  g_assert_cmpfloat (parts[0].max_lon, ==, 180);
  g_assert_cmpfloat (parts[1].min_lon, ==, -180);
  g_assert_cmpfloat (parts[1].max_lon, ==, -170);
  g_assert_cmpuint (cw_spatial_index_split_bbox (&beyond, parts), ==, 2);
  g_assert_cmpfloat_with_epsilon (parts[1].max_lon, -170, 1e-9);
  g_assert_cmpuint (cw_spatial_index_split_bbox (&wide, parts), ==, 1);
  g_assert_cmpfloat (parts[0].min_lon, ==, -180);
  g_assert_cmpfloat (parts[0].max_lon, ==, 180);
  g_assert_cmpuint (cw_spatial_index_split_bbox (&empty, parts), ==, 0);
  g_assert_cmpuint (cw_spatial_index_split_bbox (&nan, parts), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spatial-index/random", test_index_random);
  g_test_add_func ("/spatial-index/sizes", test_index_sizes);
  g_test_add_func ("/spatial-index/empty", test_index_empty);
  g_test_add_func ("/spatial-index/one", test_index_one);
  g_test_add_func ("/spatial-index/duplicates", test_index_duplicates);
  g_test_add_func ("/spatial-index/wide-circles", test_index_wide_circles);
  g_test_add_func ("/spatial-index/split-bbox", test_split_bbox);

  return g_test_run ();
}
