/* test-polyline.c: the encoded polyline codec and Douglas–Peucker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cw-geo.h"
#include "cw-polyline.h"

/* The worked example of Google's "Encoded Polyline Algorithm Format". */
#define GOOGLE_EXAMPLE "_p~iF~ps|U_ulLnnqC_mqNvxq`@"
static const CwLatLon google_points[] = {
  { 38.5, -120.2 }, { 40.7, -120.95 }, { 43.252, -126.453 },
};

static void
test_google_encode (void)
{
  g_autofree char *s = cw_polyline_encode (google_points, G_N_ELEMENTS (google_points), 5);

  g_assert_cmpstr (s, ==, GOOGLE_EXAMPLE);
}

static void
test_google_decode (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) points = cw_polyline_decode (GOOGLE_EXAMPLE, -1, 5, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      CwLatLon *p = &g_array_index (points, CwLatLon, i);
      g_assert_cmpfloat_with_epsilon (p->lat, google_points[i].lat, 1e-9);
      g_assert_cmpfloat_with_epsilon (p->lon, google_points[i].lon, 1e-9);
    }
}

static void
test_single_values (void)
{
  g_autofree char *zero = NULL;
  g_autoptr (GArray) points = NULL;
  g_autoptr (GError) error = NULL;

  zero = cw_polyline_encode ((CwLatLon[]) { { 0, 0 } }, 1, 5);
  g_assert_cmpstr (zero, ==, "??");

  points = cw_polyline_decode ("", -1, 6, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 0);
  g_clear_pointer (&points, g_array_unref);

  /* The description's single value: −179.9832104 → "`~oia@" (as a
   * longitude, after a latitude delta of 0). */
  points = cw_polyline_decode ("?`~oia@", -1, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (points, CwLatLon, 0).lon, -179.98321, 1e-9);
}

static void
round_trip (guint precision,
            guint seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GArray) in = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  g_autoptr (GArray) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *s = NULL;
  g_autofree char *again = NULL;
  double factor = precision == 6 ? 1e6 : 1e5;
  guint n = g_rand_int_range (rand, 1, 2000);

  for (guint i = 0; i < n; i++)
    {
      CwLatLon p;

      /* Wide jumps (pole to pole, across the antimeridian) and
       * road-like steps, at the extremes of the range too. */
      if (g_rand_int_range (rand, 0, 10) == 0)
        {
          p.lat = g_rand_double_range (rand, -90, 90);
          p.lon = g_rand_double_range (rand, -180, 180);
        }
      else if (i > 0)
        {
          CwLatLon prev = g_array_index (in, CwLatLon, i - 1);
          double dlat = g_rand_double_range (rand, -0.01, 0.01);
          double dlon = g_rand_double_range (rand, -0.01, 0.01);

          p.lat = CLAMP (prev.lat + dlat, -90, 90);
          p.lon = CLAMP (prev.lon + dlon, -180, 180);
        }
      else
        p = (CwLatLon) { 90, -180 };
      g_array_append_val (in, p);
    }

  s = cw_polyline_encode ((CwLatLon *) (void *) in->data, in->len, precision);
  out = cw_polyline_decode (s, -1, precision, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, in->len);
  for (guint i = 0; i < n; i++)
    {
      CwLatLon *a = &g_array_index (in, CwLatLon, i);
      CwLatLon *b = &g_array_index (out, CwLatLon, i);

      g_assert_cmpfloat (fabs (a->lat - b->lat), <=, 0.5 / factor + 1e-12);
      g_assert_cmpfloat (fabs (a->lon - b->lon), <=, 0.5 / factor + 1e-12);
    }
  /* Decoded values are exactly representable: encoding them again
   * gives the same string. */
  again = cw_polyline_encode ((CwLatLon *) (void *) out->data, out->len, precision);
  g_assert_cmpstr (again, ==, s);
}

static void
test_round_trip_6 (void)
{
  for (guint seed = 1; seed <= 50; seed++)
    round_trip (6, seed);
}

static void
test_round_trip_5 (void)
{
  for (guint seed = 100; seed <= 150; seed++)
    round_trip (5, seed);
}

static void
test_extremes (void)
{
  static const CwLatLon corners[] = {
    { 90, 180 }, { -90, -180 }, { 90, -180 }, { -90, 180 }, { 0, 0 }, { -90, -180 },
  };

  for (guint precision = 5; precision <= 6; precision++)
    {
      g_autofree char *s = cw_polyline_encode (corners, G_N_ELEMENTS (corners), precision);
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) out = cw_polyline_decode (s, -1, precision, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (out->len, ==, G_N_ELEMENTS (corners));
      for (guint i = 0; i < out->len; i++)
        {
          g_assert_cmpfloat (g_array_index (out, CwLatLon, i).lat, ==, corners[i].lat);
          g_assert_cmpfloat (g_array_index (out, CwLatLon, i).lon, ==, corners[i].lon);
        }
    }
}

static void
test_truncated (void)
{
  const char *full = GOOGLE_EXAMPLE;
  gsize n = strlen (full);
  guint truncated = 0;

  /* Every prefix either decodes to whole points or fails; the prefixes
   * that end inside a value or after a lone latitude must fail. */
  for (gsize len = 1; len < n; len++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) points = NULL;
      /* A heap copy without a terminator: reading past @len would show
       * under valgrind or ASan. */
      g_autofree char *copy = g_memdup2 (full, len);

      points = cw_polyline_decode (copy, len, 5, &error);
      if (points == NULL)
        {
          g_assert_error (error, CW_POLYLINE_ERROR, CW_POLYLINE_ERROR_TRUNCATED);
          g_assert_nonnull (strstr (error->message, "byte"));
          truncated++;
        }
    }
  /* 6 values, 27 bytes: only the 2 prefixes at point boundaries decode */
  g_assert_cmpuint (truncated, ==, n - 1 - 2);

  {
    g_autoptr (GError) error = NULL;
    g_assert_null (cw_polyline_decode ("_p~iF", -1, 5, &error));
    g_assert_error (error, CW_POLYLINE_ERROR, CW_POLYLINE_ERROR_TRUNCATED);
    g_assert_nonnull (strstr (error->message, "longitude"));
  }
  {
    g_autoptr (GError) error = NULL;
    g_assert_null (cw_polyline_decode ("_p~iF~ps|", -1, 5, &error));
    g_assert_error (error, CW_POLYLINE_ERROR, CW_POLYLINE_ERROR_TRUNCATED);
  }
}

static void
test_invalid (void)
{
  static const struct {
    const char *input;
    int         code;
  } cases[] = {
    { "_p~iF ps|U", CW_POLYLINE_ERROR_INVALID_CHARACTER },
    { "_p~iF~ps|U\n", CW_POLYLINE_ERROR_INVALID_CHARACTER },
    { "_p~iF~ps|U\x7f?", CW_POLYLINE_ERROR_INVALID_CHARACTER },
    { "\xc3\xa9?", CW_POLYLINE_ERROR_INVALID_CHARACTER },
    /* continuation bits forever: must stop, not shift past 64 bits */
    { "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~?", CW_POLYLINE_ERROR_OVERFLOW },
    /* a latitude of 100° */
    { "_gjaR?", CW_POLYLINE_ERROR_OUT_OF_RANGE },
    /* valid deltas that walk off the map: 80° + 80° */
    { "__hgN?__hgN?", CW_POLYLINE_ERROR_OUT_OF_RANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) points = cw_polyline_decode (cases[i].input, -1, 5, &error);

      if (points != NULL)
        g_error ("case %u (%s) decoded to %u points", i, cases[i].input, points->len);
      g_assert_error (error, CW_POLYLINE_ERROR, cases[i].code);
    }
}

static void
test_fuzz_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);

  /* Random bytes, mostly from the valid alphabet: any result is fine
   * as long as it is an array of valid points or an error. */
  for (guint iter = 0; iter < 20000; iter++)
    {
      guint len = g_rand_int_range (rand, 0, 40);
      g_autofree char *buf = g_malloc (MAX (len, 1));
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) points = NULL;

      for (guint i = 0; i < len; i++)
        buf[i] = g_rand_int_range (rand, 0, 20) == 0 ? (char) g_rand_int_range (rand, 0, 256)
                                                       : (char) g_rand_int_range (rand, 63, 127);
      points = cw_polyline_decode (buf, len, iter % 2 ? 5 : 6, &error);
      if (points == NULL)
        g_assert_nonnull (error);
      else
        for (guint i = 0; i < points->len; i++)
          g_assert_true (cw_geo_coords_valid (g_array_index (points, CwLatLon, i).lat,
                                              g_array_index (points, CwLatLon, i).lon));
    }
}

static void
test_simplify (void)
{
  g_autoptr (GArray) line = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  g_autoptr (GArray) simple = NULL;
  g_autoptr (GArray) same = NULL;

  /* A zigzag of ±5 m around a straight 10 km line along 52°N, with one
   * 300 m bump in the middle. */
  for (guint i = 0; i <= 1000; i++)
    {
      double dlat_5m = 5.0 / 111195.0;
      CwLatLon p = { 52.0 + (i % 2 ? dlat_5m : -dlat_5m), 5.0 + i * 0.000146 };

      if (i == 500)
        p.lat = 52.0 + 300.0 / 111195.0;
      g_array_append_val (line, p);
    }

  simple = cw_polyline_simplify ((CwLatLon *) (void *) line->data, line->len, 20.0);
  g_assert_cmpuint (simple->len, >=, 3);
  g_assert_cmpuint (simple->len, <=, 6);
  g_assert_cmpfloat (g_array_index (simple, CwLatLon, 0).lon, ==, g_array_index (line, CwLatLon, 0).lon);
  g_assert_cmpfloat (g_array_index (simple, CwLatLon, simple->len - 1).lon, ==,
                     g_array_index (line, CwLatLon, 1000).lon);
  {
    gboolean bump = FALSE;
    for (guint i = 0; i < simple->len; i++)
      bump |= g_array_index (simple, CwLatLon, i).lon == g_array_index (line, CwLatLon, 500).lon;
    g_assert_true (bump);
  }

  /* Below the noise, nothing goes. */
  same = cw_polyline_simplify ((CwLatLon *) (void *) line->data, line->len, 1.0);
  g_assert_cmpuint (same->len, ==, line->len);

  /* Degenerate inputs */
  {
    g_autoptr (GArray) none = cw_polyline_simplify (NULL, 0, 10);
    g_autoptr (GArray) two = cw_polyline_simplify ((CwLatLon *) (void *) line->data, 2, 10);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (two->len, ==, 2);
  }
}

static void
test_simplify_long (void)
{
  g_autoptr (GArray) line = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  g_autoptr (GArray) simple = NULL;
  g_autofree char *encoded = NULL;

  /* 200,000 points on a wiggly 1,000 km line: no recursion to overflow,
   * and the result makes a short Open Charge Map query. */
  for (guint i = 0; i < 200000; i++)
    {
      CwLatLon p = { 45.0 + i * 0.00004 + 0.02 * sin (i / 5000.0), 5.0 + i * 0.00003 };
      g_array_append_val (line, p);
    }
  simple = cw_polyline_simplify ((CwLatLon *) (void *) line->data, line->len, 500.0);
  encoded = cw_polyline_encode ((CwLatLon *) (void *) simple->data, simple->len, 5);
  g_test_message ("200000 points to %u at 500 m, %zu bytes encoded", simple->len, strlen (encoded));
  g_assert_cmpuint (simple->len, <, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/polyline/google/encode", test_google_encode);
  g_test_add_func ("/polyline/google/decode", test_google_decode);
  g_test_add_func ("/polyline/single-values", test_single_values);
  g_test_add_func ("/polyline/round-trip/precision-6", test_round_trip_6);
  g_test_add_func ("/polyline/round-trip/precision-5", test_round_trip_5);
  g_test_add_func ("/polyline/extremes", test_extremes);
  g_test_add_func ("/polyline/truncated", test_truncated);
  g_test_add_func ("/polyline/invalid", test_invalid);
  g_test_add_func ("/polyline/fuzz-random", test_fuzz_random);
  g_test_add_func ("/polyline/simplify", test_simplify);
  g_test_add_func ("/polyline/simplify-long", test_simplify_long);

  return g_test_run ();
}
