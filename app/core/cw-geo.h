/* cw-geo.h: geodesy on WGS84 coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CW_EARTH_RADIUS_KM 6371.0088

typedef struct {
  double min_lat, min_lon;
  double max_lat, max_lon;
} CwBBox;

gboolean cw_geo_coords_valid   (double lat,
                                double lon);
double   cw_geo_haversine_km   (double lat1,
                                double lon1,
                                double lat2,
                                double lon2);
gboolean cw_bbox_contains      (const CwBBox *box,
                                double        lat,
                                double        lon);
/* A box that holds every point within @radius_km of (lat, lon). */
void     cw_bbox_around        (double        lat,
                                double        lon,
                                double        radius_km,
                                CwBBox       *out);

/* An RFC 5870 geo: URI ("geo:52.09,5.12", "geo:52.09,5.12;u=35",
 * "geo:0,0?q=52.09,5.12(Utrecht)") → a WGS84 point. FALSE for anything
 * else, another crs, or a point not on Earth. */
gboolean cw_geo_parse_uri     (const char   *uri,
                               double       *lat,
                               double       *lon);

G_END_DECLS
