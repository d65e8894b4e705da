/* cw-test-tiles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <math.h>
#include <sqlite3.h>

#include "cw-test-tiles.h"

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
cw_test_tile_png (int z,
                  int x,
                  int y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  /* A pale land colour with a faint grid: enough to see tiles line up. */
  cairo_set_source_rgb (cr, 0.93, 0.93, 0.89);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.80, 0.84, 0.88);
  cairo_set_line_width (cr, 1);
  for (int i = 0; i <= 256; i += 64)
    {
      cairo_move_to (cr, i + 0.5, 0);
      cairo_line_to (cr, i + 0.5, 256);
      cairo_move_to (cr, 0, i + 0.5);
      cairo_line_to (cr, 256, i + 0.5);
    }
  cairo_stroke (cr);
  /* Each tile a little different, so a mix-up of rows shows. */
  cairo_set_source_rgb (cr, 0.55, 0.60, 0.66);
  cairo_rectangle (cr, 4 + (x % 8) * 4, 4 + (y % 8) * 4, 6, 6);
  cairo_fill (cr);
  cairo_destroy (cr);

  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
lat_lon_to_tile (double  lat,
                 double  lon,
                 int     z,
                 int    *x,
                 int    *y)
{
  double n = 1 << z;
  double lat_rad = lat * G_PI / 180.0;

  *x = (int) floor ((lon + 180.0) / 360.0 * n);
  *y = (int) floor ((1.0 - log (tan (lat_rad) + 1.0 / cos (lat_rad)) / G_PI) / 2.0 * n);
  *x = CLAMP (*x, 0, (1 << z) - 1);
  *y = CLAMP (*y, 0, (1 << z) - 1);
}

guint
cw_test_write_mbtiles (const char *path,
                       int         min_zoom,
                       int         max_zoom,
                       double      min_lat,
                       double      min_lon,
                       double      max_lat,
                       double      max_lon)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE metadata (name TEXT, value TEXT);"
                                 "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                                 " tile_row INTEGER, tile_data BLOB);"
                                 "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
                                 "BEGIN;", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autofree char *meta = g_strdup_printf (
        "INSERT INTO metadata VALUES ('name', 'Chargeway test tiles'),"
        "('format', 'png'), ('attribution', 'Test tiles made by the test suite'),"
        "('minzoom', '%d'), ('maxzoom', '%d');", min_zoom, max_zoom);
    g_assert_cmpint (sqlite3_exec (db, meta, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL),
                   ==, SQLITE_OK);

  for (int z = min_zoom; z <= max_zoom; z++)
    {
      int x0, y0, x1, y1;

      lat_lon_to_tile (max_lat, min_lon, z, &x0, &y0);
      lat_lon_to_tile (min_lat, max_lon, z, &x1, &y1);
      for (int x = x0; x <= x1; x++)
        for (int y = y0; y <= y1; y++)
          {
            g_autoptr (GBytes) png = cw_test_tile_png (z, x, y);

            sqlite3_reset (stmt);
            sqlite3_bind_int (stmt, 1, z);
            sqlite3_bind_int (stmt, 2, x);
            sqlite3_bind_int (stmt, 3, (1 << z) - 1 - y);
            sqlite3_bind_blob (stmt, 4, g_bytes_get_data (png, NULL), g_bytes_get_size (png), SQLITE_TRANSIENT);
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
            n++;
          }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return n;
}
