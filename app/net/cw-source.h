/* cw-source.h: where stations come from, named by a spec string
 *
 *   demo                 the embedded demo network (fictional)
 *   ocpi-file:PATH       an OCPI 2.2.1 Locations file (object, list or envelope)
 *   ocm-file:PATH[,REF]  an Open Charge Map /poi file; REF (or a
 *                        reference.json beside PATH) gives the names
 *   ocpi:URL             a live OCPI 2.2.1 server: a versions URL or a
 *                        Locations URL (token given apart, never in the spec)
 *   ocm                  Open Charge Map, queried by map area (key given apart)
 *   feed:ID              an open feed of the catalogue (data/open-feeds.json):
 *                        read like ocpi: from the feed's Locations URL, with
 *                        no token, the feed's attribution statement and its
 *                        polite refresh interval as the shortest allowed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-station.h"

G_BEGIN_DECLS

#define CW_SOURCE_ERROR (cw_source_error_quark ())

typedef enum {
  CW_SOURCE_ERROR_BAD_SPEC,
} CwSourceError;

typedef enum {
  CW_SOURCE_KIND_DEMO,
  CW_SOURCE_KIND_OCPI_FILE,
  CW_SOURCE_KIND_OCM_FILE,
  CW_SOURCE_KIND_OCPI,
  CW_SOURCE_KIND_OCM,
} CwSourceKind;

typedef struct {
  CwSourceKind kind;
  char        *path;          /* file sources */
  char        *url;           /* ocpi: */
  char        *reference;     /* ocm-file: reference data, or NULL */
  char        *id;            /* what stations carry as their source */
  char        *label;         /* for people: "Demo data", a file name … */
  char        *attribution;   /* credit line to show with the data */
  gboolean     is_demo;
  char        *feed_id;       /* feed: the catalogue's id, else NULL; read leniently */
  guint        min_interval;  /* seconds between syncs at the least (feed:), else 0 */
} CwSourceSpec;

GQuark        cw_source_error_quark  (void);
CwSourceSpec *cw_source_spec_parse   (const char    *spec,
                                      GError       **error);
void          cw_source_spec_free    (CwSourceSpec  *spec);

/* Whether stations come and go while the app runs (demo, ocpi:). */
gboolean      cw_source_spec_is_live (CwSourceSpec  *spec);
CwSourceSpec *cw_source_spec_copy    (const CwSourceSpec *spec);

/* Loads every station of a file source, or the demo network's initial
 * state; the result holds CwStation*, with tariffs resolved. Errors
 * name the file and the problem. Live sources go through CwLiveSource. */
GPtrArray    *cw_source_load         (CwSourceSpec  *spec,
                                      GCancellable  *cancellable,
                                      GError       **error);
/* The same in a worker thread, so big files never hold the main loop. */
void          cw_source_load_async   (CwSourceSpec        *spec,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GPtrArray    *cw_source_load_finish  (GAsyncResult        *result,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSourceSpec, cw_source_spec_free)

G_END_DECLS
