/* cw-spatial-index.h: a static index of points for bbox, radius and
 * nearest-neighbour queries
 *
 * A packed KD-tree: the coordinates and an id array are sorted in place
 * by median splits (leaves of at most CW_SPATIAL_INDEX_NODE_SIZE points),
 * so the tree needs no pointers and costs 20 bytes a point. Queries are
 * O(log n + hits). Ids are indices into the arrays the index was built
 * from; the caller keeps its objects, the index only coordinates.
 *
 * Boxes: min_lat > max_lat (or a NaN) is empty. min_lon > max_lon means
 * the box crosses the antimeridian and covers min_lon…180 and
 * −180…max_lon. Longitudes outside −180…180 wrap; a box 360° wide or more
 * covers every longitude. Radii are great-circle distances on a sphere of
 * CW_EARTH_RADIUS_KM, the same as cw_geo_haversine_km ().
 *
 * An index is immutable once built: any number of threads may query it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-geo.h"

G_BEGIN_DECLS

#define CW_SPATIAL_INDEX_NODE_SIZE 64

typedef struct _CwSpatialIndex CwSpatialIndex;

/* Copies @lat and @lon (@n points, valid WGS84). */
CwSpatialIndex *cw_spatial_index_new           (const double   *lat,
                                                const double   *lon,
                                                guint           n);
void            cw_spatial_index_free          (CwSpatialIndex *index);
guint           cw_spatial_index_get_size      (CwSpatialIndex *index);

/* Appends (guint32) the ids of the points in @box to @out_ids, in no
 * particular order. */
void            cw_spatial_index_query_bbox    (CwSpatialIndex *index,
                                                const CwBBox   *box,
                                                GArray         *out_ids);
/* Appends (guint32) the ids of the points whose cw_geo_haversine_km ()
 * from (lat, lon) is at most @radius_km, in no particular order. */
void            cw_spatial_index_query_radius  (CwSpatialIndex *index,
                                                double          lat,
                                                double          lon,
                                                double          radius_km,
                                                GArray         *out_ids);
/* The id of the point closest to (lat, lon) within @max_km (pass
 * INFINITY for no limit), the lowest id among equals; -1 when none. */
gint64          cw_spatial_index_nearest       (CwSpatialIndex *index,
                                                double          lat,
                                                double          lon,
                                                double          max_km);
/* Bytes the index holds, the structure included. */
gsize           cw_spatial_index_get_memory    (CwSpatialIndex *index);

/* Splits @box at the antimeridian into at most two plain boxes (min_lon
 * <= max_lon, both within −180…180) following the rules above; returns
 * how many, 0 for an empty box. */
guint           cw_spatial_index_split_bbox    (const CwBBox   *box,
                                                CwBBox          out[2]);

G_END_DECLS
