/* cw-handoff.h: a trip or a station as a link the visitor's phone opens
 *
 * What a kiosk puts in its QR code. Coordinates are written with at most
 * five decimals (about a metre), trailing zeros dropped, always with a
 * '.' whatever the locale: short links make small, easily scanned codes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-polyline.h"

G_BEGIN_DECLS

/* https://www.openstreetmap.org/directions?engine=fossgis_osrm_car&route=
 * LAT%2CLON%3BLAT%2CLON — separators escaped as openstreetmap.org writes
 * them itself.
 *
 * openstreetmap.org routes from route's first point to its second and
 * ignores any further ones (its directions page has two endpoints, no
 * via points), so a link listing the charging stops would send the
 * phone to the first stop as if it were the destination. This writes
 * @points[0] and @points[@n - 1] only: origin and destination; use
 * cw_handoff_osrm_map_url () to keep the stops. Needs @n >= 2 valid
 * points; returns NULL otherwise. */
char *cw_handoff_osm_directions_url (const CwLatLon *points,
                                     guint           n);

/* https://map.project-osrm.org/?loc=LAT%2CLON&loc=…: every point in
 * order, the stops included (OSRM's demo front end routes through each
 * loc). Needs @n >= 2 valid points; returns NULL otherwise. */
char *cw_handoff_osrm_map_url       (const CwLatLon *points,
                                     guint           n);

/* A geo: URI (RFC 5870) for one place: "geo:LAT,LON" and, with a
 * non-empty @label, "?q=LAT,LON(LABEL)" — the query form Android's map
 * apps read to show a named pin. The label is cut to 60 characters
 * (whole UTF-8 characters) and percent-encoded except for RFC 3986
 * unreserved characters, so spaces, parentheses, '&' and '#' in a
 * station's name cannot break the URI. Returns NULL for an invalid
 * coordinate. */
char *cw_handoff_geo_uri            (double          lat,
                                     double          lon,
                                     const char     *label);

G_END_DECLS
