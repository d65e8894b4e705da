/* cw-geo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-geo"

#include <math.h>
#include <string.h>

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

static gboolean
parse_pair (const char *text,
            double     *lat,
            double     *lon)
{
  char *end = NULL;
  double a, b;

  a = g_ascii_strtod (text, &end);
  if (end == text || *end != ',')
    return FALSE;
  text = end + 1;
  b = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  /* an altitude, parameters or a label may follow */
  if (*end != '\0' && *end != ',' && *end != ';' && *end != '(' && *end != '?' && *end != '&')
    return FALSE;
  *lat = a;
  *lon = b;
  return TRUE;
}

gboolean
cw_geo_parse_uri (const char *uri,
                  double     *lat,
                  double     *lon)
{
  g_autofree char *unescaped = NULL;
  const char *q, *p;
  double a = 0, b = 0;

  if (uri == NULL || g_ascii_strncasecmp (uri, "geo:", 4) != 0)
    return FALSE;
  unescaped = g_uri_unescape_string (uri + 4, NULL);
  if (unescaped == NULL)
    return FALSE;

  /* Only WGS84 (the default crs) is understood. */
  p = strstr (unescaped, ";crs=");
  if (p != NULL && g_ascii_strncasecmp (p + 5, "wgs84", 5) != 0)
    return FALSE;

  /* "geo:0,0?q=lat,lon(label)" is how many apps pass a place. */
  q = strstr (unescaped, "?q=");
  if (q == NULL)
    q = strstr (unescaped, "&q=");
  if (q != NULL && parse_pair (q + 3, &a, &b) && cw_geo_coords_valid (a, b))
    {
      *lat = a;
      *lon = b;
      return TRUE;
    }
  if (!parse_pair (unescaped, &a, &b) || !cw_geo_coords_valid (a, b))
    return FALSE;
  *lat = a;
  *lon = b;
  return TRUE;
}
