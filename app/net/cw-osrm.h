/* cw-osrm.h: driving routes from an OSRM server (/route/v1/driving)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "cw-parse-error.h"
#include "cw-route.h"

G_BEGIN_DECLS

#define CW_OSRM_ERROR (cw_osrm_error_quark ())

/* What the router said, when it answered with a "code" other than "Ok".
 * Transport failures are CW_NET_ERROR (cw-http.h); malformed answers
 * CW_PARSE_ERROR. */
typedef enum {
  CW_OSRM_ERROR_NO_ROUTE,          /* "NoRoute": no road connects the points */
  CW_OSRM_ERROR_NO_SEGMENT,        /* "NoSegment": a point is too far from any road */
  CW_OSRM_ERROR_REFUSED,           /* any other code: InvalidQuery, TooBig … */
  CW_OSRM_ERROR_INVALID_ARGUMENT,  /* a bad base URL or coordinate, before asking */
} CwOsrmError;

/* Responses larger than this are not read. */
#define CW_OSRM_MAX_BYTES (20 * 1024 * 1024)

typedef struct {
  CwRoute *route;
  double   distance_m;
  double   duration_s;
} CwOsrmRoute;

GQuark       cw_osrm_error_quark     (void);
void         cw_osrm_route_free      (CwOsrmRoute   *route);

/* A /route/v1/driving response → CwOsrmRoute*, the server's choice
 * first and its alternatives after. Geometry as polyline6 (or GeoJSON). */
GPtrArray   *cw_osrm_parse_response  (GBytes        *bytes,
                                      GError       **error);

/* @base_url: the server, with any path prefix ("https://host/osrm");
 * a trailing "/route/v1/driving" is accepted too. */
char        *cw_osrm_build_url       (const char    *base_url,
                                      double         from_lat,
                                      double         from_lon,
                                      double         to_lat,
                                      double         to_lon,
                                      GError       **error);

/* Asks @base_url for the routes from one point to another on @session
 * (whose user agent is used; "Chargeway/VERSION" when it has none).
 * The answer is parsed in a worker thread. */
void         cw_osrm_route_async     (SoupSession         *session,
                                      const char          *base_url,
                                      double               from_lat,
                                      double               from_lon,
                                      double               to_lat,
                                      double               to_lon,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* A GPtrArray of CwOsrmRoute*, as cw_osrm_parse_response (). */
GPtrArray   *cw_osrm_route_finish    (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
