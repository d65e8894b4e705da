/* test-route.c: CwRoute (locate) and the corridor query against brute force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "cw-corridor.h"
#include "cw-geo.h"
#include "cw-route.h"

#define DEG2RAD (G_PI / 180.0)
#define KM_PER_DEG (CW_EARTH_RADIUS_KM * DEG2RAD)

/* ---- locate ---- */

static void
test_locate_straight (void)
{
  /* Along the equator, eastwards: north is on the left. */
  static const CwLatLon line[] = { { 0, 0 }, { 0, 0.5 }, { 0, 1 } };
  g_autoptr (CwRoute) route = cw_route_new (line, G_N_ELEMENTS (line));
  double along, offset;
  int side;

  g_assert_nonnull (route);
  g_assert_cmpfloat_with_epsilon (cw_route_get_length_km (route), KM_PER_DEG, 1e-9);

  cw_route_locate (route, 0.1, 0.25, &along, &offset, &side);
  g_assert_cmpfloat_with_epsilon (along, 0.25 * KM_PER_DEG, 1e-6);
  g_assert_cmpfloat_with_epsilon (offset, 0.1 * KM_PER_DEG, 1e-6);
  g_assert_cmpint (side, ==, -1);

  cw_route_locate (route, -0.02, 0.75, &along, &offset, &side);
  g_assert_cmpfloat_with_epsilon (along, 0.75 * KM_PER_DEG, 1e-6);
  g_assert_cmpfloat_with_epsilon (offset, 0.02 * KM_PER_DEG, 1e-6);
  g_assert_cmpint (side, ==, +1);

  /* on the line */
  cw_route_locate (route, 0, 0.6, &along, &offset, &side);
  g_assert_cmpfloat_with_epsilon (along, 0.6 * KM_PER_DEG, 1e-6);
  g_assert_cmpfloat (offset, <, 1e-6);

  /* beyond the end and before the start: the endpoints */
  cw_route_locate (route, 0, 1.5, &along, &offset, &side);
  g_assert_cmpfloat (along, ==, cw_route_get_length_km (route));
  g_assert_cmpfloat_with_epsilon (offset, 0.5 * KM_PER_DEG, 1e-6);
  cw_route_locate (route, 0.3, -0.4, &along, &offset, NULL);
  g_assert_cmpfloat (along, ==, 0);
  g_assert_cmpfloat_with_epsilon (offset, cw_geo_haversine_km (0, 0, 0.3, -0.4), 1e-6);

  /* all out parameters are optional */
  cw_route_locate (route, 1, 1, NULL, NULL, NULL);

  /* garbage in, NaN out, no crash */
  cw_route_locate (route, NAN, 0.5, &along, &offset, &side);
  g_assert_true (isnan (along));
  g_assert_true (isnan (offset));
  g_assert_cmpint (side, ==, 0);
}

static void
test_locate_northbound (void)
{
  /* Utrecht → Amsterdam along 5°E: east is on the right. */
  static const CwLatLon line[] = { { 52.0, 5.0 }, { 52.4, 5.0 } };
  g_autoptr (CwRoute) route = cw_route_new (line, 2);
  double along, offset, expect_offset;
  int side;

  cw_route_locate (route, 52.2, 5.02, &along, &offset, &side);
  expect_offset = cw_geo_haversine_km (52.2, 5.0, 52.2, 5.02);
  g_assert_cmpint (side, ==, +1);
  g_assert_cmpfloat_with_epsilon (offset, expect_offset, 1e-3);
  g_assert_cmpfloat_with_epsilon (along, 0.2 * KM_PER_DEG, 0.01);

  cw_route_locate (route, 52.1, 4.9, NULL, NULL, &side);
  g_assert_cmpint (side, ==, -1);
}

static void
test_route_basics (void)
{
  static const CwLatLon line[] = { { 52.0, 5.0 }, { 52.0, 5.0 }, { 52.1, 5.1 }, { 52.05, 5.3 } };
  static const CwLatLon across[] = { { 10, 179.5 }, { 10.5, -179.5 } };
  static const CwLatLon bad[] = { { 52, 5 }, { 95, 5 } };
  g_autoptr (CwRoute) route = cw_route_new (line, G_N_ELEMENTS (line));
  g_autoptr (CwRoute) dateline = cw_route_new (across, 2);
  g_autoptr (CwRoute) one = cw_route_new (line, 1);
  const double *cum = cw_route_get_cumulative_km (route);
  CwBBox box;
  double along, offset;

  g_assert_cmpuint (cw_route_get_n_points (route), ==, 4);
  g_assert_cmpfloat (cum[0], ==, 0);
  g_assert_cmpfloat (cum[1], ==, 0);
  g_assert_cmpfloat_with_epsilon (cum[2], cw_geo_haversine_km (52.0, 5.0, 52.1, 5.1), 1e-12);
  g_assert_cmpfloat (cw_route_get_length_km (route), ==, cum[3]);
  cw_route_get_bbox (route, &box);
  g_assert_cmpfloat (box.min_lat, ==, 52.0);
  g_assert_cmpfloat (box.max_lat, ==, 52.1);
  g_assert_cmpfloat (box.min_lon, ==, 5.0);
  g_assert_cmpfloat (box.max_lon, ==, 5.3);

  /* the zero-length first segment does no harm */
  cw_route_locate (route, 52.0, 5.0, &along, &offset, NULL);
  g_assert_cmpfloat (along, ==, 0);
  g_assert_cmpfloat (offset, <, 1e-9);

  g_assert_cmpfloat_with_epsilon (cw_route_get_length_km (dateline),
                                  cw_geo_haversine_km (10, 179.5, 10.5, -179.5), 1e-9);
  g_assert_cmpfloat (cw_route_get_length_km (dateline), <, 200);
  cw_route_get_bbox (dateline, &box);
  g_assert_cmpfloat (box.min_lon, ==, -180);
  g_assert_cmpfloat (box.max_lon, ==, 180);
  /* a point just across the line is close, not half a world away */
  cw_route_locate (dateline, 10.25, 180.0, &along, &offset, NULL);
  g_assert_cmpfloat (offset, <, 2.0);
  g_assert_cmpfloat_with_epsilon (along, cw_route_get_length_km (dateline) / 2, 1.0);

  /* one point: distances to it */
  cw_route_locate (one, 52.0, 5.1, &along, &offset, NULL);
  g_assert_cmpfloat (along, ==, 0);
  g_assert_cmpfloat_with_epsilon (offset, cw_geo_haversine_km (52, 5, 52, 5.1), 1e-9);
  g_assert_cmpfloat (cw_route_get_length_km (one), ==, 0);

  g_assert_null (cw_route_new (line, 0));
  g_assert_null (cw_route_new (bad, 2));

  /* boxed type */
  {
    CwRoute *copy = g_boxed_copy (CW_TYPE_ROUTE, route);
    g_assert_true (copy == route);
    g_boxed_free (CW_TYPE_ROUTE, copy);
  }
}

/* ---- synthetic routes and stations ---- */

static double
wrap_lon (double lon)
{
  return remainder (lon, 360.0);
}

/* The point @dist_km from (lat, lon) at @bearing (radians). */
static CwLatLon
destination (double lat,
             double lon,
             double bearing,
             double dist_km)
{
  double d = dist_km / CW_EARTH_RADIUS_KM;
  double phi = lat * DEG2RAD, lambda = lon * DEG2RAD;
  double phi2 = asin (CLAMP (sin (phi) * cos (d) + cos (phi) * sin (d) * cos (bearing), -1, 1));
  double lambda2 = lambda + atan2 (sin (bearing) * sin (d) * cos (phi),
                                   cos (d) - sin (phi) * sin (phi2));
  CwLatLon p = { CLAMP (phi2 / DEG2RAD, -90, 90), wrap_lon (lambda2 / DEG2RAD) };

  return p;
}

/* A wandering route of @n points from (lat, lon), steps up to @step_km,
 * with repeated points (zero-length segments) now and then. */
static GArray *
make_route (GRand  *rand,
            double  lat,
            double  lon,
            double  bearing,
            guint   n,
            double  step_km)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  CwLatLon p = { lat, lon };

  g_array_append_val (points, p);
  for (guint i = 1; i < n; i++)
    {
      if (g_rand_int_range (rand, 0, 25) != 0)
        {
          double b = g_rand_double_range (rand, -0.4, 0.4);
          bearing += b;
          p = destination (p.lat, p.lon, bearing, g_rand_double_range (rand, 0, step_km));
        }
      g_array_append_val (points, p);
    }
  return points;
}

typedef struct {
  double *lat;
  double *lon;
  guint   n;
} Points;

static void
points_clear (Points *s)
{
  g_free (s->lat);
  g_free (s->lon);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Points, points_clear)

/* Half the stations scattered close to the route (within 3 D of a random
 * route point), half anywhere in a box around it. */
static void
make_stations (GRand   *rand,
               GArray  *route_points,
               double   corridor_km,
               guint    n,
               Points  *out)
{
  CwBBox box = { 90, 180, -90, -180 };

  for (guint i = 0; i < route_points->len; i++)
    {
      CwLatLon *p = &g_array_index (route_points, CwLatLon, i);
      box.min_lat = MIN (box.min_lat, p->lat);
      box.max_lat = MAX (box.max_lat, p->lat);
      box.min_lon = MIN (box.min_lon, p->lon);
      box.max_lon = MAX (box.max_lon, p->lon);
    }

  out->n = n;
  out->lat = g_new (double, n);
  out->lon = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      CwLatLon p;

      if (i % 2 == 0)
        {
          CwLatLon *r = &g_array_index (route_points, CwLatLon,
                                        g_rand_int_range (rand, 0, route_points->len));
          p = destination (r->lat, r->lon, g_rand_double_range (rand, 0, 2 * G_PI),
                           g_rand_double_range (rand, 0, 3 * corridor_km));
        }
      else
        {
          p.lat = g_rand_double_range (rand, MAX (-90, box.min_lat - 1), MIN (90, box.max_lat + 1));
          p.lon = wrap_lon (g_rand_double_range (rand, box.min_lon - 1, box.max_lon + 1));
        }
      out->lat[i] = p.lat;
      out->lon[i] = p.lon;
    }
}

static void
assert_same_hits (GArray     *indexed,
                  GArray     *naive,
                  const char *what)
{
  if (indexed->len != naive->len)
    g_error ("%s: indexed query found %u stations, brute force %u", what, indexed->len, naive->len);
  for (guint i = 0; i < naive->len; i++)
    {
      CwCorridorHit *a = &g_array_index (indexed, CwCorridorHit, i);
      CwCorridorHit *b = &g_array_index (naive, CwCorridorHit, i);

      if (a->id != b->id || a->along_km != b->along_km || a->offset_km != b->offset_km ||
          a->side != b->side)
        g_error ("%s: hit %u differs: indexed id %u along %.17g offset %.17g side %d; "
                 "brute force id %u along %.17g offset %.17g side %d", what, i,
                 a->id, a->along_km, a->offset_km, a->side,
                 b->id, b->along_km, b->offset_km, b->side);
    }
}

static void
assert_sorted (GArray *hits,
               double  corridor_km)
{
  for (guint i = 0; i < hits->len; i++)
    {
      CwCorridorHit *h = &g_array_index (hits, CwCorridorHit, i);

      g_assert_cmpfloat (h->offset_km, <=, corridor_km);
      g_assert_cmpfloat (h->offset_km, >=, 0);
      g_assert_true (h->side >= -1 && h->side <= 1);
      if (i > 0)
        g_assert_cmpfloat (h->along_km, >=, g_array_index (hits, CwCorridorHit, i - 1).along_km);
    }
}

static void
compare_with_brute_force (const char *name,
                          GArray     *route_points,
                          guint       n_stations,
                          guint       seed)
{
  static const double corridors[] = { 0.5, 2, 20 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (CwRoute) route = cw_route_new ((CwLatLon *) (void *) route_points->data, route_points->len);

  g_assert_nonnull (route);
  for (guint c = 0; c < G_N_ELEMENTS (corridors); c++)
    {
      g_auto (Points) st = { 0 };
      CwSpatialIndex *index;
      g_autoptr (GArray) indexed = NULL;
      g_autoptr (GArray) naive = NULL;
      g_autofree char *what = g_strdup_printf ("%s, D %g km", name, corridors[c]);
      CwCorridorStats stats;

      make_stations (rand, route_points, corridors[c], n_stations, &st);
      index = cw_spatial_index_new (st.lat, st.lon, st.n);
      indexed = cw_corridor_query (index, st.lat, st.lon, st.n, route, corridors[c], &stats);
      naive = cw_corridor_query_naive (st.lat, st.lon, st.n, route, corridors[c]);
      assert_same_hits (indexed, naive, what);
      assert_sorted (indexed, corridors[c]);
      /* the generator puts about a sixth of the stations in the corridor */
      if (route_points->len > 1)
        g_assert_cmpuint (indexed->len, >, n_stations / 20);
      g_test_message ("%s: %u of %u stations; %u boxes, %u candidates, %u segment tests",
                      what, indexed->len, st.n, stats.boxes, stats.candidates, stats.segment_tests);
      cw_spatial_index_free (index);
    }
}

static void
test_corridor_brute_force (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (GArray) dense = make_route (rand, 52.37, 4.90, 2.6, 3000, 0.3);
  g_autoptr (GArray) sparse = make_route (rand, 48.0, 2.0, 1.0, 40, 60);
  g_autoptr (GArray) mixed = make_route (rand, -33.9, 18.4, 0.5, 400, 8);

  compare_with_brute_force ("dense route (3000 points, 0.3 km steps)", dense, 4000, 1);
  compare_with_brute_force ("sparse route (40 points, 60 km steps)", sparse, 4000, 2);
  compare_with_brute_force ("mixed route (400 points)", mixed, 4000, 3);
}

static void
test_corridor_randomised (void)
{
  for (guint seed = 1; seed <= 12; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed * 7919);
      double lat = g_rand_double_range (rand, -80, 80);
      double lon = g_rand_double_range (rand, -180, 180);
      guint n = g_rand_int_range (rand, 2, 600);
      double step = g_rand_double_range (rand, 0.05, 30);
      g_autoptr (GArray) points = make_route (rand, lat, lon, g_rand_double_range (rand, 0, 6.3), n, step);
      g_autofree char *name = g_strdup_printf ("random route %u (%u points, up to %.1f km steps)", seed, n, step);

      compare_with_brute_force (name, points, 2500, seed);
    }
}

static void
test_corridor_antimeridian (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (180);
  /* Fiji-ish, eastwards across 180°, and a straight one along it */
  g_autoptr (GArray) east = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  g_autoptr (GArray) along = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  CwLatLon p = { -17.0, 179.0 };

  for (int i = 0; i < 500; i++)
    {
      g_array_append_val (east, p);
      p = destination (p.lat, p.lon, G_PI / 2 + g_rand_double_range (rand, -0.5, 0.5),
                       g_rand_double_range (rand, 0, 1.0));
    }

  for (int i = 0; i <= 40; i++)
    {
      CwLatLon q = { 60.0 + i * 0.05, i % 2 ? 179.999 : -179.999 };
      g_array_append_val (along, q);
    }
  g_assert_cmpfloat (g_array_index (east, CwLatLon, east->len - 1).lon, <, 0);
  compare_with_brute_force ("across the antimeridian", east, 3000, 11);
  compare_with_brute_force ("zigzag on the antimeridian", along, 3000, 12);
}

static void
test_corridor_poles (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (90);
  /* Over the north pole, and round the south pole at 89.9°S */
  g_autoptr (GArray) over = make_route (rand, 89.0, 10.0, 0.0, 400, 1.0);
  g_autoptr (GArray) around = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  static const CwLatLon pole[] = { { 90, 0 }, { 89.99, 45 }, { 90, 0 }, { 90, 0 } };
  g_autoptr (GArray) at_pole = g_array_new (FALSE, FALSE, sizeof (CwLatLon));

  for (int i = 0; i <= 72; i++)
    {
      CwLatLon p = { -89.9, wrap_lon (i * 5.0) };
      g_array_append_val (around, p);
    }
  g_array_append_vals (at_pole, pole, G_N_ELEMENTS (pole));

  compare_with_brute_force ("over the north pole", over, 3000, 21);
  compare_with_brute_force ("round the south pole", around, 3000, 22);
  compare_with_brute_force ("touching the pole", at_pole, 2000, 23);
}

static void
test_corridor_degenerate (void)
{
  static const CwLatLon same[] = { { 45, 7 }, { 45, 7 }, { 45, 7 } };
  g_autoptr (GArray) one = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  g_autoptr (GArray) repeated = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  g_autoptr (GArray) loop = g_array_new (FALSE, FALSE, sizeof (CwLatLon));

  g_array_append_val (one, same[0]);
  g_array_append_vals (repeated, same, G_N_ELEMENTS (same));
  /* there and back again on the same road, and round a ring twice */
  for (int i = 0; i <= 200; i++)
    {
      CwLatLon p = { 50.0 + (i <= 100 ? i : 200 - i) * 0.01, 8.0 };
      g_array_append_val (loop, p);
    }
  for (int i = 0; i <= 720; i += 3)
    {
      CwLatLon p = destination (50.5, 8.5, i * DEG2RAD, 15.0);
      g_array_append_val (loop, p);
    }

  compare_with_brute_force ("a one-point route", one, 2000, 31);
  compare_with_brute_force ("a route of one repeated point", repeated, 2000, 32);
  compare_with_brute_force ("loops and a return leg", loop, 4000, 33);

  /* no stations, and stations on the route (within a millimetre) */
  {
    g_autoptr (CwRoute) route = cw_route_new ((CwLatLon *) (void *) loop->data, loop->len);
    double lat[] = { 50.5, 50.25, 51.5 };
    double lon[] = { 8.0, 8.0, 8.0 };
    g_autoptr (GArray) none = cw_corridor_query_points (lat, lon, 0, route, 2);
    g_autoptr (GArray) exact = cw_corridor_query_points (lat, lon, 3, route, 1e-6);

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (exact->len, ==, 2);
    /* the first pass along the road comes first */
    g_assert_cmpuint (g_array_index (exact, CwCorridorHit, 0).id, ==, 1);
    g_assert_cmpfloat_with_epsilon (g_array_index (exact, CwCorridorHit, 0).along_km, 0.25 * KM_PER_DEG, 1e-6);
    g_assert_cmpuint (g_array_index (exact, CwCorridorHit, 1).id, ==, 0);
  }
}

static void
test_locate_matches_linear (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (77);
  g_autoptr (GArray) points = make_route (rand, 46.0, 6.0, 1.0, 5000, 0.5);
  g_autoptr (CwRoute) route = cw_route_new ((CwLatLon *) (void *) points->data, points->len);
  g_auto (Points) st = { 0 };
  g_autoptr (GArray) all = NULL;

  /* Far and near points alike: the tree search without a limit is the
   * linear scan. */
  make_stations (rand, points, 40, 3000, &st);
  all = cw_corridor_query_naive (st.lat, st.lon, st.n, route, G_MAXDOUBLE);
  g_assert_cmpuint (all->len, ==, st.n);
  for (guint i = 0; i < all->len; i++)
    {
      CwCorridorHit *h = &g_array_index (all, CwCorridorHit, i);
      double along, offset;
      int side;

      cw_route_locate (route, st.lat[h->id], st.lon[h->id], &along, &offset, &side);
      g_assert_cmpfloat (along, ==, h->along_km);
      g_assert_cmpfloat (offset, ==, h->offset_km);
      g_assert_cmpint (side, ==, h->side);
    }
}

/* ---- cost ---- */

static void
measure_cost (CwRoute    *route,
              GArray     *points,
              GRand      *rand,
              guint       near_every,
              const char *what)
{
  g_auto (Points) st = { 0 };
  const guint n = 100000, sample = 400;
  const double corridor = 5.0;
  CwSpatialIndex *index;
  CwCorridorStats stats;
  gint64 t0, t_index, best = G_MAXINT64, t_naive;
  g_autoptr (GArray) hits = NULL;
  g_autoptr (GArray) naive = NULL;
  guint indexed_in_sample = 0;

  /* 100,000 stations over the route's box and a margin (Benelux,
   * Germany, France); with @near_every, one in that many within 15 km
   * of the route, as real networks cluster along motorways. */
  st.n = n;
  st.lat = g_new (double, n);
  st.lon = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      if (near_every && i % near_every == 0)
        {
          CwLatLon *r = &g_array_index (points, CwLatLon, g_rand_int_range (rand, 0, points->len));
          CwLatLon q = destination (r->lat, r->lon, g_rand_double_range (rand, 0, 2 * G_PI),
                                    g_rand_double_range (rand, 0, 15));
          st.lat[i] = q.lat;
          st.lon[i] = q.lon;
        }
      else
        {
          st.lat[i] = g_rand_double_range (rand, 45.0, 54.0);
          st.lon[i] = g_rand_double_range (rand, 1.0, 12.0);
        }
    }

  t0 = g_get_monotonic_time ();
  index = cw_spatial_index_new (st.lat, st.lon, n);
  t_index = g_get_monotonic_time () - t0;

  for (guint run = 0; run < 5; run++)
    {
      g_clear_pointer (&hits, g_array_unref);
      t0 = g_get_monotonic_time ();
      hits = cw_corridor_query (index, st.lat, st.lon, n, route, corridor, &stats);
      best = MIN (best, g_get_monotonic_time () - t0);
    }

  /* Brute force on a sample, scaled; it finds the same hits. */
  t0 = g_get_monotonic_time ();
  naive = cw_corridor_query_naive (st.lat, st.lon, sample, route, corridor);
  t_naive = (g_get_monotonic_time () - t0) * (n / sample);
  for (guint i = 0; i < hits->len; i++)
    indexed_in_sample += g_array_index (hits, CwCorridorHit, i).id < sample;
  g_assert_cmpuint (indexed_in_sample, ==, naive->len);

  g_test_message ("%s: corridor %.0f km, %u stations, route %.0f km / %u points: "
                  "index built in %.1f ms; indexed query %.2f ms (best of 5), %u hits, "
                  "%u boxes, %u candidates, %u segment tests; "
                  "brute force about %.0f ms (%u-station sample, scaled): %.0fx faster",
                  what, corridor, n, cw_route_get_length_km (route), cw_route_get_n_points (route),
                  t_index / 1000.0, best / 1000.0, hits->len,
                  stats.boxes, stats.candidates, stats.segment_tests,
                  t_naive / 1000.0, sample, (double) t_naive / MAX (best, 1));
  cw_spatial_index_free (index);
}

static void
test_corridor_cost (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (1000);
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  g_autoptr (CwRoute) route = NULL;
  CwLatLon p = { 52.37, 4.90 };
  double bearing = 2.6;
  gint64 t0;

  /* Amsterdam towards the Alps: 80,000 points over about 1,000 km. */
  for (guint i = 0; i < 80000; i++)
    {
      g_array_append_val (points, p);
      bearing += g_rand_double_range (rand, -0.0005, 0.0005);
      p = destination (p.lat, p.lon, bearing, 0.0125);
    }
  t0 = g_get_monotonic_time ();
  route = cw_route_new ((CwLatLon *) (void *) points->data, points->len);
  g_test_message ("route of %u points prepared in %.1f ms", points->len,
                  (g_get_monotonic_time () - t0) / 1000.0);

  measure_cost (route, points, rand, 0, "stations spread evenly");
  measure_cost (route, points, rand, 4, "a quarter of the stations near the route");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/route/locate/straight", test_locate_straight);
  g_test_add_func ("/route/locate/northbound", test_locate_northbound);
  g_test_add_func ("/route/basics", test_route_basics);
  g_test_add_func ("/corridor/brute-force", test_corridor_brute_force);
  g_test_add_func ("/corridor/randomised", test_corridor_randomised);
  g_test_add_func ("/corridor/antimeridian", test_corridor_antimeridian);
  g_test_add_func ("/corridor/poles", test_corridor_poles);
  g_test_add_func ("/corridor/degenerate", test_corridor_degenerate);
  g_test_add_func ("/corridor/locate-matches-linear", test_locate_matches_linear);
  g_test_add_func ("/corridor/cost", test_corridor_cost);

  return g_test_run ();
}
