/* cw-geo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-geo"

#include <math.h>

#include "cw-geo.h"

#define DEG2RAD (G_PI / 180.0)

gboolean
cw_geo_coords_valid (double lat,
                     double lon)
{
  return isfinite (lat) && isfinite (lon) &&
         lat >= -90.0 && lat <= 90.0 &&
         lon >= -180.0 && lon <= 180.0;
}

double
cw_geo_haversine_km (double lat1,
                     double lon1,
                     double lat2,
                     double lon2)
{
  double dlat = (lat2 - lat1) * DEG2RAD;
  double dlon = (lon2 - lon1) * DEG2RAD;
  double a = sin (dlat / 2) * sin (dlat / 2) +
             cos (lat1 * DEG2RAD) * cos (lat2 * DEG2RAD) *
             sin (dlon / 2) * sin (dlon / 2);

  return 2.0 * CW_EARTH_RADIUS_KM * asin (MIN (1.0, sqrt (a)));
}

gboolean
cw_bbox_contains (const CwBBox *box,
                  double        lat,
                  double        lon)
{
  return lat >= box->min_lat && lat <= box->max_lat &&
         lon >= box->min_lon && lon <= box->max_lon;
}

void
cw_bbox_around (double  lat,
                double  lon,
                double  radius_km,
                CwBBox *out)
{
  double r = radius_km / CW_EARTH_RADIUS_KM;          /* angular radius */
  double dlat = r / DEG2RAD;
  double coslat = cos (lat * DEG2RAD);
  /* The circle's widest longitude is asin (sin r / cos φ), wider than
   * r / cos φ; past the pole it spans every longitude. */
  double dlon = coslat > 1e-9 && sin (r) < coslat ? asin (sin (r) / coslat) / DEG2RAD : 180.0;

  out->min_lat = MAX (-90.0, lat - dlat);
  out->max_lat = MIN (90.0, lat + dlat);
  out->min_lon = MAX (-180.0, lon - MIN (dlon, 180.0));
  out->max_lon = MIN (180.0, lon + MIN (dlon, 180.0));
}
