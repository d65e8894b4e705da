/* test-mbtiles.c: MBTiles as a libshumate data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "cw-mbtiles-source.h"
#include "cw-test-tiles.h"

typedef struct {
  GMainLoop *loop;
  GBytes    *bytes;
  GError    *error;
  guint      received;
  int        rx, ry, rz;
} TileWait;

static void
on_received (ShumateDataSource *source,
             int                x,
             int                y,
             int                z,
             GBytes            *bytes,
             TileWait          *w)
{
  w->received++;
  w->rx = x;
  w->ry = y;
  w->rz = z;
}

static void
tile_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TileWait *w = user_data;

  w->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
fetch (CwMbtilesSource *source,
       int              x,
       int              y,
       int              z,
       TileWait        *w)
{
  w->loop = g_main_loop_new (NULL, FALSE);
  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), x, y, z, NULL, tile_done, w);
  g_main_loop_run (w->loop);
  g_main_loop_unref (w->loop);
}

static void
test_read_tiles (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cw-mbtiles-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.mbtiles", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CwMbtilesSource) source = NULL;
  g_autoptr (GBytes) expected = NULL;
  TileWait w = { 0 };
  guint n;

  /* Utrecht at zoom 0–6 */
  n = cw_test_write_mbtiles (path, 0, 6, 51.9, 4.9, 52.2, 5.3);
  g_assert_cmpuint (n, >=, 7);

  source = cw_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_mbtiles_source_get_name (source), ==, "Chargeway test tiles");
  g_assert_cmpstr (cw_mbtiles_source_get_attribution (source), ==, "Test tiles made by the test suite");
  g_assert_cmpint (cw_mbtiles_source_get_min_zoom (source), ==, 0);
  g_assert_cmpint (cw_mbtiles_source_get_max_zoom (source), ==, 6);

  g_signal_connect (source, "received-data", G_CALLBACK (on_received), &w);

  /* Utrecht is tile (32, 21) at zoom 6 in slippy-map (XYZ) numbering;
   * it is stored as TMS row 63 - 21 = 42. */
  fetch (source, 32, 21, 6, &w);
  g_assert_no_error (w.error);
  g_assert_nonnull (w.bytes);
  expected = cw_test_tile_png (6, 32, 21);
  g_assert_true (g_bytes_equal (w.bytes, expected));
  g_assert_cmpuint (w.received, ==, 1);
  g_assert_cmpint (w.rx, ==, 32);
  g_assert_cmpint (w.ry, ==, 21);
  g_assert_cmpint (w.rz, ==, 6);
  g_clear_pointer (&w.bytes, g_bytes_unref);

  /* A tile outside the file: an error, no signal */
  fetch (source, 0, 0, 6, &w);
  g_assert_null (w.bytes);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (w.received, ==, 1);
  g_clear_error (&w.error);

  g_clear_object (&source);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_bad_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cw-mbtiles-XXXXXX", NULL);
  g_autofree char *text = g_build_filename (dir, "not-mbtiles.mbtiles", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.mbtiles", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ShumateMapSource) source = NULL;

  g_assert_true (g_file_set_contents (text, "this is not SQLite", -1, NULL));
  g_assert_null (cw_mbtiles_source_new (text, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, text));
  g_clear_error (&error);

  g_assert_null (cw_map_source_new_for_spec (missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A URL template and the default are map sources too. */
  source = cw_map_source_new_for_spec ("http://127.0.0.1:9/{z}/{x}/{y}.png", &error);
  g_assert_no_error (error);
  g_assert_true (SHUMATE_IS_MAP_SOURCE (source));
  g_clear_object (&source);
  source = cw_map_source_new_for_spec (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shumate_map_source_get_id (source), ==, SHUMATE_MAP_SOURCE_OSM_MAPNIK);

  g_unlink (text);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mbtiles/read-tiles", test_read_tiles);
  g_test_add_func ("/mbtiles/bad-files", test_bad_files);

  return g_test_run ();
}
