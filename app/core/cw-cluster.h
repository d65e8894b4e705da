/* cw-cluster.h: stations merged into clusters, zoom level by zoom level
 *
 * The approach of supercluster: stations are projected to Web Mercator
 * (the unit square), and from the highest zoom down, every point or
 * cluster of the zoom above gathers those of its neighbours that are
 * within radius / (extent · 2^zoom) and not yet taken, into one cluster
 * at their weighted centre. Each zoom's clusters are kept sorted by grid
 * cell, so that a viewport is answered by a few binary searches and the
 * items inside it.
 *
 * A cluster counts its stations and those with a free charger now, and
 * keeps the box of its stations (so a click can zoom to it); a cluster
 * of 16 stations or fewer works these out from its few nodes when asked
 * rather than keep them. Every station and cluster is stored once,
 * whatever the number of zooms it shows at: about 40–50 bytes a station
 * in all.
 *
 * Ids: an item with count 1 is a station and its id is the station's
 * index in the arrays the index was built from; otherwise the id is a
 * cluster id, for the cluster functions below.
 *
 * Queries may run in any number of threads at once;
 * cw_cluster_index_set_free () must not run alongside them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-geo.h"

G_BEGIN_DECLS

typedef struct _CwClusterIndex CwClusterIndex;

typedef struct {
  double radius;                /* merge distance, px of a tile… */
  double extent;                /* …that is this many px wide */
  int    min_zoom;              /* the lowest zoom clustered, >= 0 */
  int    max_zoom;              /* the highest; above it, every station
                                 * stands alone */
  gboolean own_order;           /* ids are stations in the index's own
                                 * order (cw_cluster_index_take_order ()
                                 * tells where each came from): a caller
                                 * that puts its own array in that order
                                 * saves the index 3 bytes a station */
} CwClusterOptions;

/* radius 60 of extent 512 is 30 screen pixels on 256-pixel tiles */
#define CW_CLUSTER_OPTIONS_INIT { 60.0, 512.0, 0, 16, FALSE }

typedef struct {
  double   lat, lon;            /* a station's own, or a cluster's centre */
  guint32  count;               /* stations */
  guint32  n_free;              /* stations with a free charger now */
  guint32  id;                  /* station index when count == 1, else cluster id */
  CwBBox   extent;              /* the box of its stations */
} CwClusterItem;

/* @is_free may be NULL (none free). Copies the arrays. @opts NULL means
 * CW_CLUSTER_OPTIONS_INIT. Coordinates beyond Web Mercator's ±85.05°
 * are clustered at that latitude; a station with a NaN coordinate is
 * taken to be at 0, 0. */
/* With opts->own_order: order[i] is the caller's index of the index's
 * station i; transfer full, once (NULL after, or without own_order). */
guint32        *cw_cluster_index_take_order        (CwClusterIndex          *ci);
CwClusterIndex *cw_cluster_index_new               (const double            *lat,
                                                    const double            *lon,
                                                    const guint8            *is_free,
                                                    guint                    n,
                                                    const CwClusterOptions  *opts);
/* The same, built in a worker thread; the arrays are copied before this
 * returns. Cancelling stops the build between two zoom levels. */
void            cw_cluster_index_new_async         (const double            *lat,
                                                    const double            *lon,
                                                    const guint8            *is_free,
                                                    guint                    n,
                                                    const CwClusterOptions  *opts,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
CwClusterIndex *cw_cluster_index_new_finish        (GAsyncResult            *result,
                                                    GError                 **error);
void            cw_cluster_index_free              (CwClusterIndex          *ci);

guint           cw_cluster_index_get_size          (CwClusterIndex          *ci);
guint           cw_cluster_index_get_n_clusters    (CwClusterIndex          *ci);
void            cw_cluster_index_get_options       (CwClusterIndex          *ci,
                                                    CwClusterOptions        *out);
gsize           cw_cluster_index_get_memory        (CwClusterIndex          *ci);
/* The parts of cw_cluster_index_get_memory (): a station node's arrays,
 * the cluster nodes', and the list of the nodes at each zoom (@zoom
 * from min_zoom to max_zoom + 1, the stations' own level last). */
void            cw_cluster_index_get_memory_parts  (CwClusterIndex          *ci,
                                                    gsize                   *stations,
                                                    gsize                   *clusters,
                                                    gsize                   *zoom_lists);
gsize           cw_cluster_index_get_zoom_memory   (CwClusterIndex          *ci,
                                                    int                      zoom);

/* Appends the items (CwClusterItem) shown at @zoom whose position lies in
 * @box (the box rules of cw-spatial-index.h: min_lon > max_lon crosses
 * the antimeridian). Zooms below min_zoom answer as min_zoom; zooms above
 * max_zoom give every station. */
void            cw_cluster_index_get_clusters      (CwClusterIndex          *ci,
                                                    const CwBBox            *box,
                                                    int                      zoom,
                                                    GArray                  *out);

/* Cluster @cluster_id as an item. */
void            cw_cluster_index_get_cluster       (CwClusterIndex          *ci,
                                                    guint32                  cluster_id,
                                                    CwClusterItem           *out);
/* The highest zoom the cluster shows at; at the next, it has split. */
int             cw_cluster_index_get_cluster_zoom  (CwClusterIndex          *ci,
                                                    guint32                  cluster_id);
/* The zoom to show for a click on the cluster: the first at which it
 * is split into at least two items. */
int             cw_cluster_index_get_expansion_zoom (CwClusterIndex         *ci,
                                                    guint32                  cluster_id);
/* Appends the items (CwClusterItem) the cluster splits into, at its
 * expansion zoom: at least two. */
void            cw_cluster_index_get_children      (CwClusterIndex          *ci,
                                                    guint32                  cluster_id,
                                                    GArray                  *out);
/* Appends (guint32) the indices of every station in the cluster. */
void            cw_cluster_index_get_leaves        (CwClusterIndex          *ci,
                                                    guint32                  cluster_id,
                                                    GArray                  *out_ids);

/* A station's charger became free or busy: updates the free counts of
 * every cluster holding it without a rebuild; finding the station and
 * its clusters is O(stations) (no table or parent links kept for
 * them): for many, use cw_cluster_index_update_free (). */
void            cw_cluster_index_set_free          (CwClusterIndex          *ci,
                                                    guint                    station,
                                                    gboolean                 is_free);
/* Asks @is_free about every station (the caller's index) and, when any
 * changed, sums the free counts again from the leaves up, without a
 * rebuild: O(stations). Returns whether any changed. */
gboolean        cw_cluster_index_update_free       (CwClusterIndex          *ci,
                                                    gboolean               (*is_free) (guint    station,
                                                                                       gpointer data),
                                                    gpointer                 data);

G_END_DECLS
