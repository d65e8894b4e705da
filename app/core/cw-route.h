/* cw-route.h: a route as a polyline with distances along it
 *
 * Geometry is on a sphere of radius CW_EARTH_RADIUS_KM: segments are
 * great-circle arcs, so routes across the antimeridian or near a pole
 * need no special care from callers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cw-geo.h"
#include "cw-polyline.h"

G_BEGIN_DECLS

#define CW_TYPE_ROUTE (cw_route_get_type ())

typedef struct _CwRoute CwRoute;

GType           cw_route_get_type           (void) G_GNUC_CONST;

/* Copies @points (at least one, all valid WGS84). Repeated points are
 * kept: they make zero-length segments, which are harmless. Returns
 * NULL when @n_points is 0 or a point is invalid. Linear in the points
 * (about 35 ms for 80,000 here). */
CwRoute        *cw_route_new                (const CwLatLon *points,
                                             guint           n_points);
CwRoute        *cw_route_ref                (CwRoute        *route);
void            cw_route_unref              (CwRoute        *route);

guint           cw_route_get_n_points       (CwRoute        *route);
const CwLatLon *cw_route_get_points         (CwRoute        *route);
/* Distance from the start to each point, km; [0] is 0. */
const double   *cw_route_get_cumulative_km  (CwRoute        *route);
double          cw_route_get_length_km      (CwRoute        *route);
/* The points' box. A route crossing the antimeridian gets the box
 * -180…180 in longitude (it is for "fit the map", not for queries). */
void            cw_route_get_bbox           (CwRoute        *route,
                                             CwBBox         *out);

/* Projects (lat, lon) onto the nearest point of the route: @along_km
 * from the start to that point, @offset_km from it to (lat, lon), and
 * @side -1 when the point lies left of the direction of travel, +1
 * right, 0 on the line (within a millimetre). Any out parameter may be
 * NULL; a NaN coordinate gives NaN distances. A tree built with the
 * route keeps this to about log(points) work for points near it;
 * cw-corridor.h finds which points are near at all. */
void            cw_route_locate             (CwRoute        *route,
                                             double          lat,
                                             double          lon,
                                             double         *along_km,
                                             double         *offset_km,
                                             int            *side);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwRoute, cw_route_unref)

G_END_DECLS
