/* cw-live-source.h: keeps one source's stations in the store, live
 *
 * Loads the disk cache first (stations on screen before the network
 * answers), then syncs: a full sync, then deltas every interval; on
 * failure it keeps everything, says what failed, and retries with
 * exponential backoff and jitter, or after the server's Retry-After.
 * For the demo it starts the demo hub and reads it over OCPI, the same
 * path as a real network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "cw-feed-client.h"
#include "cw-geo.h"
#include "cw-route.h"
#include "cw-source.h"
#include "cw-station-store.h"

G_BEGIN_DECLS

typedef enum {
  CW_LIVE_STATE_IDLE,
  CW_LIVE_STATE_LOADING,
  CW_LIVE_STATE_OK,
  CW_LIVE_STATE_FAILED,
} CwLiveState;

typedef enum {
  CW_DEMO_HUB_SUBPROCESS,   /* chargeway-demo-server beside the binary */
  CW_DEMO_HUB_IN_PROCESS,   /* a CwDemoHub on this main loop */
} CwDemoHubMode;

#define CW_TYPE_LIVE_SOURCE (cw_live_source_get_type ())
G_DECLARE_FINAL_TYPE (CwLiveSource, cw_live_source, CW, LIVE_SOURCE, GObject)

/* @cache_dir: where the last good data is kept (NULL: no cache);
 * @token: for ocpi: sources, or NULL. */
CwLiveSource *cw_live_source_new            (CwSourceSpec   *spec,
                                             CwStationStore *store,
                                             const char     *cache_dir,
                                             const char     *token);
void          cw_live_source_set_interval   (CwLiveSource   *self,
                                             guint           seconds);
void          cw_live_source_set_demo_mode  (CwLiveSource   *self,
                                             CwDemoHubMode   mode,
                                             double          speed);
/* Base delay of the first retry; doubles per failure up to the interval
 * (at least 5 min). Tests make it short. */
void          cw_live_source_set_retry_base (CwLiveSource   *self,
                                             guint           seconds);
void          cw_live_source_set_session    (CwLiveSource   *self,
                                             SoupSession    *session);
/* feed: sources, for replays and tests: every URL of the feed on
 * @origin (NULL: the catalogue's, or $CHARGEWAY_FEED_ORIGIN), pages of
 * @page_limit (0: the server's), @gap_ms between requests to a host
 * (-1: the catalogue's). */
void          cw_live_source_set_feed_options (CwLiveSource *self,
                                               const char   *origin,
                                               guint         page_limit,
                                               int           gap_ms);
/* feed: sources: the data-quality report of the last sync, or NULL. Borrowed. */
CwFeedReport *cw_live_source_get_report     (CwLiveSource   *self);
void          cw_live_source_start          (CwLiveSource   *self);
/* Open Charge Map is asked by area: the map's visible box. A new box
 * starts a query (the OCM client answers from its tile cache when it
 * can); other sources ignore it. */
void          cw_live_source_set_area       (CwLiveSource   *self,
                                             const CwBBox   *box);
/* Open Charge Map can also be asked along a route: the polyline,
 * simplified so the GET stays short, with the corridor's width. */
void          cw_live_source_set_route      (CwLiveSource   *self,
                                             CwRoute        *route,
                                             double          corridor_km);
/* The credit line to show while this source's data is shown. */
const char   *cw_live_source_get_attribution (CwLiveSource  *self);
/* Syncs now, whatever the timers say. */
void          cw_live_source_refresh        (CwLiveSource   *self);
void          cw_live_source_stop           (CwLiveSource   *self);

CwSourceSpec *cw_live_source_get_spec       (CwLiveSource   *self);
CwLiveState   cw_live_source_get_state      (CwLiveSource   *self);
/* What went wrong last, for people; NULL after a success. */
const char   *cw_live_source_get_error      (CwLiveSource   *self);
/* Unix seconds: last successful sync (0: never), next attempt (0: none). */
gint64        cw_live_source_get_last_success (CwLiveSource *self);
gint64        cw_live_source_get_next_attempt (CwLiveSource *self);
/* When the cache shown was saved, while nothing newer arrived; else 0. */
gint64        cw_live_source_get_cache_time (CwLiveSource   *self);
/* Reads the disk cache into the store now, in a worker thread, before
 * start () (which does it otherwise): while a token is being looked up,
 * say. Once per source. */
void          cw_live_source_load_cache     (CwLiveSource   *self);
/* The token for the next requests (a source made before it was known). */
void          cw_live_source_set_token      (CwLiveSource   *self,
                                             const char     *token);
/* Starts reading and decoding the disk cache of @spec under @cache_dir
 * now, in a thread of its own, for the source made later for the same
 * spec and directory (cw-cache-prefetch.h): at start-up, before the
 * window. Nothing for sources without a cache. */
void          cw_live_source_prefetch_cache (CwSourceSpec   *spec,
                                             const char     *cache_dir);
/* TRUE while the disk cache is being read or written (worker threads). */
gboolean      cw_live_source_get_cache_busy (CwLiveSource   *self);
/* The file name of a source's disk cache: the binary one, or with
 * @json the one earlier versions wrote. */
char         *cw_live_source_cache_name     (const char     *source_id,
                                             gboolean        json);
guint         cw_live_source_get_n_failures (CwLiveSource   *self);
/* The hub's pid when the demo runs as a subprocess, else 0. */
int           cw_live_source_get_hub_pid    (CwLiveSource   *self);

/* The delay before retry @n_failures (1…), before jitter and Retry-After. */
guint         cw_live_source_backoff        (guint           n_failures,
                                             guint           base,
                                             guint           cap);

G_END_DECLS
