/* cw-ocm-client.h: Open Charge Map v3 over HTTP
 *
 * Stations by map area (boundingbox) or along a route (polyline), in
 * compact form, with the reference data that names their operators and
 * connectors fetched once. Area queries are snapped to a grid of tiles
 * and cached per tile, so a map that pans a little asks for nothing new
 * and two views asking for the same place share one request.
 *
 * The API key travels only in the X-API-Key header: never in a URL, a
 * log line, an error message or a cache file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "cw-geo.h"
#include "cw-ocm-parser.h"

G_BEGIN_DECLS

#define CW_OCM_DEFAULT_BASE_URL     "https://api.openchargemap.io/v3"
#define CW_OCM_DEFAULT_TTL          300   /* seconds an area stays cached */
#define CW_OCM_DEFAULT_MAX_RESULTS  100   /* what OCM returns when not told */
#define CW_OCM_REFERENCE_MAX_AGE    (7 * 24 * 3600)  /* seconds, on disk */
#define CW_OCM_SOURCE_ID            "ocm"

#define CW_TYPE_OCM_CLIENT (cw_ocm_client_get_type ())
G_DECLARE_FINAL_TYPE (CwOcmClient, cw_ocm_client, CW, OCM_CLIENT, GObject)

/* @session: NULL for one of cw_http_session_new () with a 30 s timeout. */
CwOcmClient    *cw_ocm_client_new                  (SoupSession          *session,
                                                    const char           *api_key);

SoupSession    *cw_ocm_client_get_session          (CwOcmClient          *self);
const char     *cw_ocm_client_get_base_url         (CwOcmClient          *self);
/* Changing the server forgets the cached areas (not the reference data,
 * which is the same everywhere). */
void            cw_ocm_client_set_base_url         (CwOcmClient          *self,
                                                    const char           *base_url);
gboolean        cw_ocm_client_has_api_key          (CwOcmClient          *self);
/* NULL or "" sends no key. */
void            cw_ocm_client_set_api_key          (CwOcmClient          *self,
                                                    const char           *api_key);
const char     *cw_ocm_client_get_cache_dir        (CwOcmClient          *self);
/* Where the reference data is kept between runs, e.g.
 * $XDG_CACHE_HOME/chargeway/ocm; NULL keeps it in memory only. */
void            cw_ocm_client_set_cache_dir        (CwOcmClient          *self,
                                                    const char           *cache_dir);
guint           cw_ocm_client_get_ttl              (CwOcmClient          *self);
/* Seconds a fetched area stays fresh; 0 caches nothing. */
void            cw_ocm_client_set_ttl              (CwOcmClient          *self,
                                                    guint                 ttl);
guint64         cw_ocm_client_get_max_bytes        (CwOcmClient          *self);
/* The cap on one response body; 0 for CW_HTTP_DEFAULT_MAX_BYTES. */
void            cw_ocm_client_set_max_bytes        (CwOcmClient          *self,
                                                    guint64               max_bytes);

/* "Data: Open Charge Map contributors, CC BY-SA 4.0": to show next to
 * the map whenever stations from this client are on it. */
const char     *cw_ocm_client_get_attribution      (CwOcmClient          *self);

/* GET {base}/referencedata once per client: later calls return the kept
 * data without a request, concurrent calls share one request. With a
 * cache-dir, a copy younger than 7 days is used instead of the network,
 * and an older one when the network fails. */
void            cw_ocm_client_fetch_reference_async  (CwOcmClient         *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* Returns: (transfer none): owned by @self, valid as long as it lives.
 * @retry_after_out: seconds the server asked to wait, or -1. */
CwOcmReference *cw_ocm_client_fetch_reference_finish (CwOcmClient         *self,
                                                      GAsyncResult        *result,
                                                      int                 *retry_after_out,
                                                      GError             **error);

/* The stations in the tiles that cover @box (a superset of @box; the
 * box may not cross the antimeridian: min_lon <= max_lon), after
 * the reference data when it is still missing. Tiles cached and fresh
 * are not asked for again; tiles already being fetched are waited for;
 * the rest go out as few boundingbox requests as their shape allows,
 * each with maxresults=@max_results (0: CW_OCM_DEFAULT_MAX_RESULTS).
 * Cancelling @cancellable abandons this call, not the shared requests:
 * what they bring is still cached. */
void            cw_ocm_client_fetch_area_async     (CwOcmClient          *self,
                                                    const CwBBox         *box,
                                                    guint                 max_results,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
/* Returns: (transfer container): CwStation*, source "ocm". The stations
 * are shared with the cache: treat them as read-only. */
GPtrArray      *cw_ocm_client_fetch_area_finish    (CwOcmClient          *self,
                                                    GAsyncResult         *result,
                                                    int                  *retry_after_out,
                                                    GError              **error);

/* Stations within @distance_km of a route: @polyline is the route
 * already encoded (Google polyline, precision 1e5). Not cached. */
void            cw_ocm_client_fetch_polyline_async (CwOcmClient          *self,
                                                    const char           *polyline,
                                                    double                distance_km,
                                                    guint                 max_results,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GPtrArray      *cw_ocm_client_fetch_polyline_finish (CwOcmClient         *self,
                                                     GAsyncResult        *result,
                                                     int                 *retry_after_out,
                                                     GError             **error);

G_END_DECLS
