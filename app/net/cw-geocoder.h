/* cw-geocoder.h: places by name, from Nominatim or Photon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum {
  CW_GEOCODER_NOMINATIM,    /* /search?format=jsonv2 */
  CW_GEOCODER_PHOTON,       /* /api?q= (GeoJSON) */
} CwGeocoderKind;

typedef struct {
  char   *name;             /* "Utrecht Centraal" */
  char   *description;      /* the rest: "Utrecht, Netherlands" */
  double  latitude;
  double  longitude;
} CwPlace;

void      cw_place_free               (CwPlace *place);

/* Parsers, exposed for tests and fuzzing: a GPtrArray of CwPlace*, or
 * NULL with a CW_PARSE_ERROR naming the place in the JSON. */
GPtrArray *cw_geocoder_parse_nominatim (GBytes  *bytes,
                                        GError **error);
GPtrArray *cw_geocoder_parse_photon    (GBytes  *bytes,
                                        GError **error);

#define CW_TYPE_GEOCODER (cw_geocoder_get_type ())
G_DECLARE_FINAL_TYPE (CwGeocoder, cw_geocoder, CW, GEOCODER, GObject)

/* @base_url NULL: the public service of @kind (nominatim.openstreetmap.org,
 * photon.komoot.io). */
CwGeocoder *cw_geocoder_new            (SoupSession    *session,
                                        CwGeocoderKind  kind,
                                        const char     *base_url);
/* Answers from a cache for a query asked before (same words, any case). */
void        cw_geocoder_search_async   (CwGeocoder          *self,
                                        const char          *query,
                                        guint                limit,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray  *cw_geocoder_search_finish  (CwGeocoder          *self,
                                        GAsyncResult        *result,
                                        GError             **error);
guint       cw_geocoder_get_n_requests (CwGeocoder          *self);

G_END_DECLS
