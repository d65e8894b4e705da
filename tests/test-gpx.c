/* test-gpx.c: GPX import (real files, broken ones) and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "cw-gpx.h"

static char *
shared_gpx (const char *name)
{
  const char *root = g_getenv ("CW_SHARED_DATA");
  char *path;

  if (root == NULL)
    return NULL;
  path = g_build_filename (root, "gpx", name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&path, g_free);
  return path;
}

static CwGpx *
load_shared (const char *name)
{
  g_autofree char *path = shared_gpx (name);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  CwGpx *gpx;

  if (path == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("$CW_SHARED_DATA/gpx/%s is absent: real GPX import not checked", name);
      g_test_skip (msg);
      return NULL;
    }
  file = g_file_new_for_path (path);
  gpx = cw_gpx_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gpx);
  return gpx;
}

static void
assert_points_valid (GArray *points)
{
  for (guint i = 0; i < points->len; i++)
    g_assert_true (cw_geo_coords_valid (g_array_index (points, CwLatLon, i).lat,
                                        g_array_index (points, CwLatLon, i).lon));
}

/* ---- the real files ---- */

static void
test_visnjan (void)
{
  g_autoptr (CwGpx) gpx = load_shared ("around-visnjan-with-car.gpx");
  g_autoptr (CwRoute) route = NULL;

  if (gpx == NULL)
    return;
  /* GPX 1.1 from a Garmin eTrex: one track, one segment, extensions */
  g_assert_cmpstr (gpx->version, ==, "1.1");
  g_assert_cmpuint (gpx->track->len, ==, 104);
  g_assert_cmpuint (gpx->route->len, ==, 0);
  assert_points_valid (gpx->track);
  /* Višnjan, Istria */
  g_assert_cmpfloat (g_array_index (gpx->track, CwLatLon, 0).lat, >, 45.0);
  g_assert_cmpfloat (g_array_index (gpx->track, CwLatLon, 0).lat, <, 45.5);
  g_assert_cmpfloat (g_array_index (gpx->track, CwLatLon, 0).lon, >, 13.5);
  g_assert_cmpfloat (g_array_index (gpx->track, CwLatLon, 0).lon, <, 14.0);

  route = cw_gpx_to_route (gpx);
  g_assert_nonnull (route);
  g_assert_cmpuint (cw_route_get_n_points (route), ==, 104);
  g_test_message ("around-visnjan-with-car.gpx: %.1f km", cw_route_get_length_km (route));
}

static void
test_korita (void)
{
  g_autoptr (CwGpx) gpx = load_shared ("korita-zbevnica.gpx");
  g_autoptr (CwRoute) route = NULL;

  if (gpx == NULL)
    return;
  /* GPX 1.0 from GPSBabel: one track of four segments, two waypoints */
  g_assert_cmpstr (gpx->version, ==, "1.0");
  g_assert_cmpuint (gpx->track->len, ==, 871);
  g_assert_cmpuint (gpx->route->len, ==, 0);
  assert_points_valid (gpx->track);
  g_assert_cmpuint (gpx->waypoints->len, ==, 2);
  g_assert_cmpstr (((CwGpxWaypoint *) g_ptr_array_index (gpx->waypoints, 0))->name, ==, "001");
  g_assert_cmpstr (((CwGpxWaypoint *) g_ptr_array_index (gpx->waypoints, 1))->name, ==, "002");
  g_assert_cmpfloat_with_epsilon (((CwGpxWaypoint *) g_ptr_array_index (gpx->waypoints, 0))->lat,
                                  45.380593557, 1e-12);
  g_assert_cmpstr (((CwGpxWaypoint *) g_ptr_array_index (gpx->waypoints, 0))->description, ==,
                   "02-OCT-10 16:01:13");

  route = cw_gpx_to_route (gpx);
  g_assert_cmpuint (cw_route_get_n_points (route), ==, 871);
  g_test_message ("korita-zbevnica.gpx: %.1f km", cw_route_get_length_km (route));
}

static void
test_route_file (void)
{
  g_autoptr (CwGpx) gpx = load_shared ("route.gpx");
  g_autoptr (CwRoute) route = NULL;

  if (gpx == NULL)
    return;
  /* GPX 1.0 from gpxpy: a route, no track */
  g_assert_cmpstr (gpx->version, ==, "1.0");
  g_assert_cmpuint (gpx->track->len, ==, 0);
  g_assert_cmpuint (gpx->route->len, ==, 55);
  assert_points_valid (gpx->route);
  g_assert_cmpfloat_with_epsilon (g_array_index (gpx->route, CwLatLon, 0).lat, 45.2787641494, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (gpx->route, CwLatLon, 0).lon, 13.726695478, 1e-12);

  route = cw_gpx_to_route (gpx);
  g_assert_cmpuint (cw_route_get_n_points (route), ==, 55);
}

static void
test_every_shared_file (void)
{
  const char *root = g_getenv ("CW_SHARED_DATA");
  g_autofree char *dir_path = root ? g_build_filename (root, "gpx", NULL) : NULL;
  g_autoptr (GDir) dir = dir_path ? g_dir_open (dir_path, 0, NULL) : NULL;
  const char *name;
  guint n = 0;

  if (dir == NULL)
    {
      g_test_skip ("$CW_SHARED_DATA/gpx is absent: real GPX import not checked");
      return;
    }
  /* Whatever lands there later must import too. */
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      g_autoptr (CwGpx) gpx = NULL;

      if (!g_str_has_suffix (name, ".gpx"))
        continue;
      gpx = cw_gpx_load (file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gpx->track->len + gpx->route->len, >, 0);
      n++;
    }
  g_assert_cmpuint (n, >=, 3);
}

/* ---- hand-written files ---- */

#define GPX11_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"

static void
test_segments_and_names (void)
{
  static const char doc[] = GPX11_HEAD
    "<metadata><name>Utrecht &amp; back</name><author><name>Not this</name></author></metadata>\n"
    "<wpt lat=\"52.1\" lon=\"5.1\"><name><![CDATA[Café <1>]]></name><cmt>comment</cmt></wpt>\n"
    "<wpt lat=\"52.2\" lon=\"5.2\"><desc>described</desc><cmt>comment</cmt></wpt>\n"
    "<trk><name>First</name><trkseg>\n"
    "  <trkpt lat=\"52.0\" lon=\"5.0\"><ele>3</ele><extensions><x:trkpt lat=\"1\" lon=\"1\"/></extensions></trkpt>\n"
    "  <trkpt lat=\" 52.01 \" lon=\"5.01\"/>\n"
    "</trkseg><trkseg><trkpt lat=\"52.02\" lon=\"5.02\"/></trkseg></trk>\n"
    "<trk><trkseg><trkpt lat=\"-52.03\" lon=\"-5.03\"/></trkseg></trk>\n"
    "<rte><name>A route</name><rtept lat=\"1\" lon=\"2\"/></rte>\n"
    "<extensions><trk><trkseg><trkpt lat=\"9\" lon=\"9\"/></trkseg></trk></extensions>\n"
    "</gpx>\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CwGpx) gpx = cw_gpx_parse (doc, -1, &error);
  g_autoptr (CwRoute) route = NULL;
  CwGpxWaypoint *w0, *w1;

  g_assert_no_error (error);
  g_assert_cmpstr (gpx->name, ==, "Utrecht & back");
  g_assert_cmpstr (gpx->creator, ==, "test");
  g_assert_cmpuint (gpx->track->len, ==, 4);
  g_assert_cmpfloat (g_array_index (gpx->track, CwLatLon, 1).lat, ==, 52.01);
  g_assert_cmpfloat (g_array_index (gpx->track, CwLatLon, 3).lon, ==, -5.03);
  g_assert_cmpuint (gpx->route->len, ==, 1);
  g_assert_cmpuint (gpx->waypoints->len, ==, 2);
  w0 = g_ptr_array_index (gpx->waypoints, 0);
  w1 = g_ptr_array_index (gpx->waypoints, 1);
  g_assert_cmpstr (w0->name, ==, "Café <1>");
  g_assert_cmpstr (w0->description, ==, "comment");
  g_assert_null (w1->name);
  g_assert_cmpstr (w1->description, ==, "described");

  /* the track wins over the route */
  route = cw_gpx_to_route (gpx);
  g_assert_cmpuint (cw_route_get_n_points (route), ==, 4);
}

static void
test_gpx10_prefixed (void)
{
  /* 1.0 with the GPX namespace on a prefix, a BOM and a DOCTYPE-free
   * header; the name comes from the track. */
  static const char doc[] = "\xef\xbb\xbf<?xml version=\"1.0\"?>\n"
    "<g:gpx xmlns:g=\"http://www.topografix.com/GPX/1/0\" version=\"1.0\">"
    "<g:trk><g:name>Via the prefix</g:name><g:trkseg>"
    "<g:trkpt g:lat=\"45\" lon=\"14\"/><g:trkpt lat=\"45.1\" lon=\"14.1\"/>"
    "</g:trkseg></g:trk></g:gpx>";
  g_autoptr (GError) error = NULL;
  g_autoptr (CwGpx) gpx = cw_gpx_parse (doc, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gpx->version, ==, "1.0");
  g_assert_cmpstr (gpx->name, ==, "Via the prefix");
  g_assert_cmpuint (gpx->track->len, ==, 2);
}

static void
test_latin1 (void)
{
  /* "Poreč" is not Latin-1; "Café" is: é = 0xe9 */
  static const char doc[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
    "<gpx version=\"1.0\"><wpt lat=\"45\" lon=\"13\"><name>Caf\xe9</name></wpt>"
    "<rte><rtept lat=\"45\" lon=\"13\"/></rte></gpx>";
  g_autoptr (GError) error = NULL;
  g_autoptr (CwGpx) gpx = cw_gpx_parse (doc, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (((CwGpxWaypoint *) g_ptr_array_index (gpx->waypoints, 0))->name, ==, "Café");
}

static void
expect_error (const char *doc,
              int         code,
              const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwGpx) gpx = cw_gpx_parse (doc, -1, &error);

  g_assert_null (gpx);
  g_assert_error (error, CW_PARSE_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("\"%s\" does not mention \"%s\"", error->message, needle);
  g_test_message ("%s", error->message);
}

static void
test_errors (void)
{
  /* broken XML: where, and what */
  expect_error (GPX11_HEAD "<trk><trkseg>\n<trkpt lat=\"45\" lon=\"13\">\n</trkseg></trk></gpx>",
                CW_PARSE_ERROR_INVALID_JSON, "line 5, column");
  expect_error (GPX11_HEAD "<trk><trkseg><trkpt lat=\"45\" lon=\"13\"/>",
                CW_PARSE_ERROR_INVALID_JSON, "not well-formed XML");
  expect_error ("<gpx version=\"1.1\"><trk><trkseg><trkpt lat=\"45\" lon=\"13\"/></trkseg></trk></gpx>garbage",
                CW_PARSE_ERROR_INVALID_JSON, "line 1");
  expect_error ("{\"type\": \"FeatureCollection\"}", CW_PARSE_ERROR_INVALID_JSON, "line 1, column 1");
  expect_error ("<kml><Document/></kml>", CW_PARSE_ERROR_INVALID_JSON, "not a GPX file");

  /* nothing to follow */
  expect_error ("", CW_PARSE_ERROR_EMPTY, "empty");
  expect_error ("  \n ", CW_PARSE_ERROR_EMPTY, "line");
  expect_error (GPX11_HEAD "</gpx>", CW_PARSE_ERROR_MISSING, "no track or route points");
  expect_error (GPX11_HEAD "<trk><trkseg></trkseg></trk><rte/></gpx>", CW_PARSE_ERROR_MISSING, "no track");
  expect_error (GPX11_HEAD "<wpt lat=\"1\" lon=\"2\"/></gpx>", CW_PARSE_ERROR_MISSING, "1 waypoints but no");

  /* absurd coordinates, with their line */
  expect_error (GPX11_HEAD "<trk><trkseg>\n<trkpt lat=\"45\" lon=\"13\"/>\n<trkpt lat=\"200\" lon=\"13\"/>"
                "</trkseg></trk></gpx>",
                CW_PARSE_ERROR_OUT_OF_RANGE, "line 5, column");
  expect_error (GPX11_HEAD "<rte><rtept lat=\"200\" lon=\"13\"/></rte></gpx>",
                CW_PARSE_ERROR_OUT_OF_RANGE, "latitude 200 is out of range");
  expect_error (GPX11_HEAD "<rte><rtept lat=\"20\" lon=\"-180.5\"/></rte></gpx>",
                CW_PARSE_ERROR_OUT_OF_RANGE, "longitude -180.5");
  expect_error (GPX11_HEAD "<rte><rtept lat=\"nan\" lon=\"1\"/></rte></gpx>",
                CW_PARSE_ERROR_OUT_OF_RANGE, "latitude");
  expect_error (GPX11_HEAD "<rte><rtept lat=\"4x\" lon=\"1\"/></rte></gpx>",
                CW_PARSE_ERROR_WRONG_TYPE, "latitude \"4x\" is not a number");
  expect_error (GPX11_HEAD "<rte><rtept lat=\"\" lon=\"1\"/></rte></gpx>",
                CW_PARSE_ERROR_WRONG_TYPE, "not a number");
  expect_error (GPX11_HEAD "<wpt lon=\"1\"/></gpx>", CW_PARSE_ERROR_MISSING, "<wpt> has no lat attribute");
  expect_error ("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?><gpx/>",
                CW_PARSE_ERROR_INVALID_JSON, "x-no-such-charset");
}

/* Found by fuzz-gpx (tests/fuzz/corpus/gpx/regress-nested-wpt-leak):
 * a <wpt> inside another through a nested <gpx> started a second
 * waypoint over the first, which was lost (leaked). */
static void
test_nested_wpt (void)
{
  static const char cut[] = "<gpx><wpt lat=\"3\"lon=\"9\"><gpx><wpt lat=\"3\"lon=\"3\">";
  static const char closed[] = "<gpx><wpt lat=\"3\" lon=\"9\"><gpx><wpt lat=\"4\" lon=\"4\"/></gpx>"
    "<name>Outer</name></wpt><trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>";
  g_autoptr (GError) error = NULL;
  g_autoptr (CwGpx) gpx = NULL;
  CwGpxWaypoint *w;

  /* The fuzzer's input, cut short: an error, and nothing leaked (ASan). */
  gpx = cw_gpx_parse (cut, -1, &error);
  g_assert_null (gpx);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Closed: the outer waypoint alone, whole, its name kept. */
  gpx = cw_gpx_parse (closed, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gpx->waypoints->len, ==, 1);
  w = g_ptr_array_index (gpx->waypoints, 0);
  g_assert_cmpfloat (w->lat, ==, 3);
  g_assert_cmpfloat (w->lon, ==, 9);
  g_assert_cmpstr (w->name, ==, "Outer");
  g_assert_cmpuint (gpx->track->len, ==, 1);
}

/* Found by fuzz-gpx (corpus/gpx/regress-second-root): two documents
 * run together; the second <gpx> overwrote (leaked) the first's
 * version. Refused now. */
static void
test_second_root (void)
{
  static const char doc[] = "<gpx version=\"1.0\"></gpx><gpx version=\"1.1\"><trk><trkseg>"
    "<trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>";

  expect_error (doc, CW_PARSE_ERROR_INVALID_JSON, "a second <gpx>");
}

/* Element names are not interned (GLib's string table is never freed:
 * a file with many made-up names grew it for good; fuzz-gpx's exit leak
 * check showed it). */
static void
test_names_not_interned (void)
{
  static const char doc[] = "<gpx version=\"1.1\"><cw-made-up-7f3a><trk><trkseg>"
    "<trkpt lat=\"1\" lon=\"2\"><cw-made-up-9b1c/></trkpt></trkseg></trk></cw-made-up-7f3a></gpx>";
  g_autoptr (GError) error = NULL;
  g_autoptr (CwGpx) gpx = cw_gpx_parse (doc, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (gpx->track->len, ==, 1);
  g_assert_cmpuint (g_quark_try_string ("cw-made-up-7f3a"), ==, 0);
  g_assert_cmpuint (g_quark_try_string ("cw-made-up-9b1c"), ==, 0);
}

static void
test_load_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cw-test-gpx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.gpx", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (CwGpx) gpx = NULL;

  gpx = cw_gpx_load (file, NULL, &error);
  g_assert_null (gpx);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, GPX11_HEAD "<trk><trkseg>\n<trkpt lat=\"91\" lon=\"0\"/>", -1, NULL));
  gpx = cw_gpx_load (file, NULL, &error);
  g_assert_null (gpx);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "line 4"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_truncations (void)
{
  static const char doc[] = GPX11_HEAD
    "<metadata><name>x</name></metadata><wpt lat=\"1\" lon=\"2\"><name>w</name></wpt>"
    "<trk><trkseg><trkpt lat=\"45.5\" lon=\"13.5\"/><trkpt lat=\"45.6\" lon=\"13.6\"/></trkseg></trk></gpx>";
  gsize n = strlen (doc);

  /* Every prefix fails cleanly (nothing read past the end: heap copies
   * without a terminator), and only the whole document succeeds. */
  for (gsize len = 0; len < n; len++)
    {
      g_autofree char *copy = g_memdup2 (doc, MAX (len, 1));
      g_autoptr (GError) error = NULL;
      g_autoptr (CwGpx) gpx = cw_gpx_parse (copy, len, &error);

      g_assert_null (gpx);
      g_assert_nonnull (error);
    }
}

static void
test_mutations (void)
{
  g_autofree char *path = shared_gpx ("around-visnjan-with-car.gpx");
  g_autofree char *original = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (1999);
  gsize len = 0;
  guint parsed = 0;

  if (path == NULL || !g_file_get_contents (path, &original, &len, NULL))
    {
      g_test_skip ("$CW_SHARED_DATA/gpx/around-visnjan-with-car.gpx is absent: mutations not checked");
      return;
    }
  /* A few bytes changed anywhere: points or an error, never a crash;
   * whatever is accepted lies on the earth. */
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *copy = g_memdup2 (original, len);
      g_autoptr (GError) error = NULL;
      g_autoptr (CwGpx) gpx = NULL;

      for (guint k = 0; k < 4; k++)
        copy[g_rand_int_range (rand, 0, len)] = (char) (i % 2 ? g_rand_int_range (rand, 0, 256)
                                                              : g_rand_int_range (rand, 32, 127));
      gpx = cw_gpx_parse (copy, len, &error);
      g_assert_true ((gpx == NULL) != (error == NULL));
      if (gpx != NULL)
        {
          assert_points_valid (gpx->track);
          assert_points_valid (gpx->route);
          parsed++;
        }
    }
  g_test_message ("%u of 2000 mutated files still parsed", parsed);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CwGpx **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = cw_gpx_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_load_async (void)
{
  g_autofree char *path = shared_gpx ("route.gpx");
  g_autoptr (GFile) file = NULL;
  CwGpx *gpx = NULL;

  if (path == NULL)
    {
      g_test_skip ("$CW_SHARED_DATA/gpx/route.gpx is absent: async load not checked");
      return;
    }
  file = g_file_new_for_path (path);
  cw_gpx_load_async (file, NULL, async_done, &gpx);
  while (gpx == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (gpx->route->len, ==, 55);
  cw_gpx_free (gpx);
}

/* ---- export ---- */

static void
test_write_round_trip (void)
{
  static const CwLatLon line[] = { { 52.3789, 4.9005 }, { 52.0894, 5.1103 }, { 51.4431, 5.4810 } };
  g_autoptr (CwRoute) route = cw_route_new (line, G_N_ELEMENTS (line));
  g_autoptr (GPtrArray) stops = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (CwGpx) gpx = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  CwStation *s;
  CwGpxWaypoint *w;

  s = cw_station_new ("demo", "A");
  cw_station_set_string (s, CW_STATION_NAME, "Stop <one> & \"two\"");
  s->latitude = 52.2;
  s->longitude = 5.0;
  cw_station_set_string (s, CW_STATION_ADDRESS, "Dorpsstraat 1");
  cw_station_set_string (s, CW_STATION_POSTAL_CODE, "1234 AB");
  cw_station_set_string (s, CW_STATION_CITY, "Vianen");
  cw_station_set_string (s, CW_STATION_OPERATOR_NAME, "Voltaplein");
  g_ptr_array_add (stops, s);
  s = cw_station_new ("demo", "B-only-id");
  s->latitude = -33.9;
  s->longitude = 18.4;
  g_ptr_array_add (stops, s);

  text = cw_gpx_write (route, stops, "Amsterdam → Eindhoven");
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\""));
  g_assert_nonnull (strstr (text, "xmlns=\"http://www.topografix.com/GPX/1/1\""));
  /* schema order: metadata, wpt, trk */
  g_assert_true (strstr (text, "<metadata>") < strstr (text, "<wpt "));
  g_assert_true (strstr (text, "</wpt>") < strstr (text, "<trk>"));

  gpx = cw_gpx_parse (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gpx->version, ==, "1.1");
  g_assert_cmpstr (gpx->name, ==, "Amsterdam → Eindhoven");
  g_assert_cmpuint (gpx->track->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat_with_epsilon (g_array_index (gpx->track, CwLatLon, i).lat, line[i].lat, 1e-7);
      g_assert_cmpfloat_with_epsilon (g_array_index (gpx->track, CwLatLon, i).lon, line[i].lon, 1e-7);
    }
  g_assert_cmpuint (gpx->waypoints->len, ==, 2);
  w = g_ptr_array_index (gpx->waypoints, 0);
  g_assert_cmpstr (w->name, ==, "Stop <one> & \"two\"");
  g_assert_cmpstr (w->description, ==, "Dorpsstraat 1, 1234 AB Vianen · Voltaplein");
  g_assert_cmpfloat (w->lat, ==, 52.2);
  w = g_ptr_array_index (gpx->waypoints, 1);
  g_assert_cmpstr (w->name, ==, "B-only-id");
  g_assert_null (w->description);
  g_assert_cmpfloat (w->lon, ==, 18.4);

  /* no name, no stops */
  {
    g_autofree char *bare = cw_gpx_write (route, NULL, NULL);
    g_autoptr (CwGpx) again = cw_gpx_parse (bare, -1, &error);

    g_assert_no_error (error);
    g_assert_null (again->name);
    g_assert_cmpuint (again->waypoints->len, ==, 0);
    g_assert_null (strstr (bare, "<metadata>"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gpx/shared/around-visnjan-with-car", test_visnjan);
  g_test_add_func ("/gpx/shared/korita-zbevnica", test_korita);
  g_test_add_func ("/gpx/shared/route", test_route_file);
  g_test_add_func ("/gpx/shared/every-file", test_every_shared_file);
  g_test_add_func ("/gpx/segments-and-names", test_segments_and_names);
  g_test_add_func ("/gpx/gpx10-prefixed", test_gpx10_prefixed);
  g_test_add_func ("/gpx/latin1", test_latin1);
  g_test_add_func ("/gpx/errors", test_errors);
  g_test_add_func ("/gpx/load-errors", test_load_errors);
  g_test_add_func ("/gpx/truncations", test_truncations);
  g_test_add_func ("/gpx/mutations", test_mutations);
  g_test_add_func ("/gpx/nested-wpt", test_nested_wpt);
  g_test_add_func ("/gpx/second-root", test_second_root);
  g_test_add_func ("/gpx/names-not-interned", test_names_not_interned);
  g_test_add_func ("/gpx/load-async", test_load_async);
  g_test_add_func ("/gpx/write/round-trip", test_write_round_trip);

  return g_test_run ();
}
