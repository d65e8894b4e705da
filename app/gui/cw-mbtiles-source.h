/* cw-mbtiles-source.h: raster tiles from an MBTiles (SQLite) file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define CW_TYPE_MBTILES_SOURCE (cw_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (CwMbtilesSource, cw_mbtiles_source, CW, MBTILES_SOURCE, ShumateDataSource)

CwMbtilesSource *cw_mbtiles_source_new          (const char       *path,
                                                 GError          **error);
/* metadata: name, attribution, minzoom, maxzoom (NULL/-1 when absent) */
const char      *cw_mbtiles_source_get_name        (CwMbtilesSource *self);
const char      *cw_mbtiles_source_get_attribution (CwMbtilesSource *self);
int              cw_mbtiles_source_get_min_zoom    (CwMbtilesSource *self);
int              cw_mbtiles_source_get_max_zoom    (CwMbtilesSource *self);

/* A map source over @path, or the default OSM one for NULL/"", or a
 * raster server for a URL template with {z}/{x}/{y}. */
ShumateMapSource *cw_map_source_new_for_spec (const char  *tiles,
                                              GError     **error);

G_END_DECLS
