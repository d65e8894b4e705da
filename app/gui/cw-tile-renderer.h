/* cw-tile-renderer.h: raster map tiles decoded off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define CW_TYPE_TILE_RENDERER (cw_tile_renderer_get_type ())
G_DECLARE_FINAL_TYPE (CwTileRenderer, cw_tile_renderer, CW, TILE_RENDERER, ShumateMapSource)

CwTileRenderer *cw_tile_renderer_new_full   (const char           *id,
                                             const char           *name,
                                             const char           *license,
                                             const char           *license_uri,
                                             guint                 min_zoom,
                                             guint                 max_zoom,
                                             guint                 tile_size,
                                             ShumateMapProjection  projection,
                                             ShumateDataSource    *data_source);
/* The same id, name, licence, zooms, tile size and data source as
 * @raster (a ShumateRasterRenderer); NULL when it has no data source. */
CwTileRenderer *cw_tile_renderer_new_like   (ShumateMapSource     *raster);
/* Tiles paint as textures (right for GTK's GL renderer) unless told
 * that the window renders with Cairo (GskCairoRenderer). */
void            cw_tile_renderer_set_paint_with_cairo (CwTileRenderer *self,
                                                       gboolean        with_cairo);
/* Tiles asked for and not yet filled (their data or decoding pending). */
guint           cw_tile_renderer_get_n_pending (CwTileRenderer    *self);

G_END_DECLS
