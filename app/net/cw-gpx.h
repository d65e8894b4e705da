/* cw-gpx.h: GPX 1.0 and 1.1 import, and export of a route with stops
 *
 * Import keeps what a route needs: track points (every <trkpt> of every
 * <trk>/<trkseg>, segments joined in order), route points (<rte>/<rtept>)
 * and waypoints (<wpt>) with their names. Anything inside <extensions>,
 * and elements GPX does not define, are skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-parse-error.h"
#include "cw-route.h"
#include "cw-station.h"

G_BEGIN_DECLS

typedef struct {
  double  lat;
  double  lon;
  char   *name;           /* NULL when the file gives none */
  char   *description;    /* <desc>, else <cmt>; may be NULL */
} CwGpxWaypoint;

typedef struct {
  char      *version;     /* the gpx element's version, "1.0" or "1.1" */
  char      *creator;     /* may be NULL */
  char      *name;        /* metadata (1.1) or gpx (1.0) name, else the first trk/rte name */
  GArray    *track;       /* CwLatLon */
  GArray    *route;       /* CwLatLon */
  GPtrArray *waypoints;   /* CwGpxWaypoint* */
} CwGpx;

void      cw_gpx_free            (CwGpx         *gpx);

/* Parses @len bytes (or up to the NUL when -1). Fails in CW_PARSE_ERROR:
 * EMPTY for no bytes; INVALID_JSON (the code for "not a well-formed
 * document") for broken XML or another root element; MISSING for a
 * point without lat/lon, or a file with neither track nor route points;
 * WRONG_TYPE for a coordinate that is not a number; OUT_OF_RANGE for
 * one outside the world. Messages name the line and column. */
CwGpx    *cw_gpx_parse           (const char    *data,
                                  gssize         len,
                                  GError       **error);

/* Reads and parses @file; messages start with the file's name. */
CwGpx    *cw_gpx_load            (GFile         *file,
                                  GCancellable  *cancellable,
                                  GError       **error);
/* The same in a worker thread. */
void      cw_gpx_load_async      (GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
CwGpx    *cw_gpx_load_finish     (GAsyncResult        *result,
                                  GError             **error);

/* The line to follow: the track when there is one, else the route. */
CwRoute  *cw_gpx_to_route        (CwGpx         *gpx);

/* GPX 1.1 text: @stops (CwStation*, may be NULL) as waypoints with their
 * name and address, then @route as a track named @name (may be NULL). */
char     *cw_gpx_write           (CwRoute       *route,
                                  GPtrArray     *stops,
                                  const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwGpx, cw_gpx_free)

G_END_DECLS
