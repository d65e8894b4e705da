/* cw-test-tiles.h: a small MBTiles file made by the tests themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @path with plain, gridded 256 px PNG tiles for zoom levels
 * @min_zoom…@max_zoom over the box, TMS rows as MBTiles wants. Returns
 * the number of tiles written. */
guint cw_test_write_mbtiles (const char *path,
                             int         min_zoom,
                             int         max_zoom,
                             double      min_lat,
                             double      min_lon,
                             double      max_lat,
                             double      max_lon);

/* The PNG bytes written for tile (z, x, y), for comparisons. */
GBytes *cw_test_tile_png (int z,
                          int x,
                          int y);

G_END_DECLS
