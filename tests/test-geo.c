/* test-geo.c: geo: URIs (RFC 5870) as the desktop passes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cw-geo.h"

static void
test_geo_uri (void)
{
  static const struct { const char *uri; gboolean ok; double lat, lon; } cases[] = {
    { "geo:52.0894,5.1103", TRUE, 52.0894, 5.1103 },
    { "geo:52.0894,5.1103,12", TRUE, 52.0894, 5.1103 },             /* with altitude */
    { "geo:52.0894,5.1103;u=35", TRUE, 52.0894, 5.1103 },           /* uncertainty */
    { "geo:-33.8568,151.2153;crs=wgs84", TRUE, -33.8568, 151.2153 },
    { "GEO:45.764,4.8357", TRUE, 45.764, 4.8357 },
    { "geo:0,0?q=48.8584,2.2945(Eiffel%20Tower)", TRUE, 48.8584, 2.2945 },
    { "geo:52.1,5.1;crs=epsg3857", FALSE, 0, 0 },                  /* another datum */
    { "geo:95,5", FALSE, 0, 0 },                                    /* not on Earth */
    { "geo:52.1", FALSE, 0, 0 },
    { "geo:north,east", FALSE, 0, 0 },
    { "http://example.org/52,5", FALSE, 0, 0 },
    { "", FALSE, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double lat = -1, lon = -1;
      gboolean ok = cw_geo_parse_uri (cases[i].uri, &lat, &lon);

      g_test_message ("%s", cases[i].uri);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_cmpfloat_with_epsilon (lat, cases[i].lat, 1e-9);
          g_assert_cmpfloat_with_epsilon (lon, cases[i].lon, 1e-9);
        }
    }
  {
    double a, b;
    g_assert_false (cw_geo_parse_uri (NULL, &a, &b));
  }
}

/* cw_bbox_around holds the whole circle, east and west too. */
static void
test_bbox_around_wide (void)
{
  CwBBox box;
  double r = 500;

  cw_bbox_around (70.0, 20.0, r, &box);
  /* The farthest east point of a 500 km circle at 70°N lies at the
   * circle's edge: its haversine distance is r, and it is in the box. */
  for (double lon = 20.0; lon < 60.0; lon += 0.01)
    for (double lat = 65.0; lat < 75.0; lat += 0.05)
      if (cw_geo_haversine_km (70.0, 20.0, lat, lon) <= r)
        g_assert_true (cw_bbox_contains (&box, lat, lon));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/geo/uri", test_geo_uri);
  g_test_add_func ("/geo/bbox-around-wide", test_bbox_around_wide);
  return g_test_run ();
}
