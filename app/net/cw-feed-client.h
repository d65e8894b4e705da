/* cw-feed-client.h: an open feed of the catalogue, read as it really is
 *
 * One sync fetches a feed's tariffs and locations in whatever form the
 * catalogue says it has (an OCPI envelope or not, one answer or pages
 * by Link / X-Total-Count, a .json.gz file or Content-Encoding, a
 * Tariffs list, one URL per tariff, or the tariffs in the same answer),
 * reads them with the lenient OCPI parser against the feed's country,
 * and reports what it found wrong (a CwFeedReport).
 *
 * Politely: every request waits for its host's turn (CwHostQueue: one
 * at a time per host, the feed's pause between two), answers that came
 * whole carry their ETag / Last-Modified into the next sync's
 * If-None-Match / If-Modified-Since, and date_from is sent only to
 * feeds known to honour it. A sync succeeds whole or fails whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "cw-feed-catalogue.h"
#include "cw-host-queue.h"
#include "cw-ocpi-parser.h"

G_BEGIN_DECLS

/* What one sync found: counts for people (the data-quality report). */
typedef struct {
  char             *source_id;   /* "feed:chargy" */
  char             *feed_name;
  gint64            time;        /* unix seconds the sync ended */
  gboolean          delta;       /* only what changed since date_from */
  gboolean          unchanged;   /* the feed answered 304: nothing to read */
  guint             requests;
  guint             not_modified; /* requests answered 304 */
  guint             gunzipped;   /* responses decompressed here (gzip files) */
  guint             read;        /* location records read: kept + left out + not published */
  guint             hidden;      /* publish: false, never shown */
  CwOcpiParseStats  stats;
} CwFeedReport;

/* An empty report, for a source read leniently outside a client (a file). */
CwFeedReport *cw_feed_report_new     (const char   *source_id,
                                      const char   *name);
CwFeedReport *cw_feed_report_ref     (CwFeedReport *report);
void          cw_feed_report_unref   (CwFeedReport *report);
/* Plain English, one fact a line, for the CLI and logs. */
char         *cw_feed_report_to_text (const CwFeedReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwFeedReport, cw_feed_report_unref)

typedef struct {
  GPtrArray    *stations;        /* CwStation*, tariffs resolved, published ones only */
  GPtrArray    *hidden_ids;      /* char*: ids published with publish false */
  gboolean      delta;
  gboolean      unchanged;       /* 304: keep what is shown */
  gint64        started_at;      /* the next date_from */
  guint         pages;
  CwFeedReport *report;
} CwFeedSync;

void cw_feed_sync_free (CwFeedSync *sync);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwFeedSync, cw_feed_sync_free)

#define CW_TYPE_FEED_CLIENT (cw_feed_client_get_type ())
G_DECLARE_FINAL_TYPE (CwFeedClient, cw_feed_client, CW, FEED_CLIENT, GObject)

/* @feed is copied from; @source_id is what stations carry. */
CwFeedClient *cw_feed_client_new            (SoupSession  *session,
                                             const CwFeed *feed,
                                             const char   *source_id);
/* Every URL of the feed with its scheme, host and port replaced by
 * @origin ("http://127.0.0.1:8080"): for replays of real captures. */
void          cw_feed_client_set_origin     (CwFeedClient *self,
                                             const char   *origin);
/* Feeds whose publisher prints a key for everyone (access
 * "shared-key"): the key, sent as the catalogue's query parameter on
 * every request; never in a message or a log. NULL: none. */
void          cw_feed_client_set_key        (CwFeedClient *self,
                                             const char   *key);
/* Replays: $CHARGEWAY_FEED_ORIGIN as the origin, and with it (only)
 * $CHARGEWAY_FEED_GAP_MS as the pause between requests. */
void          cw_feed_client_apply_environment (CwFeedClient *self);
/* Tests: another queue, another pause (milliseconds). */
void          cw_feed_client_set_host_queue (CwFeedClient *self,
                                             CwHostQueue  *queue);
void          cw_feed_client_set_request_gap_ms (CwFeedClient *self,
                                                 guint         gap_ms);
/* Asks pages of @limit with OCPI's limit parameter (0: the server's). */
void          cw_feed_client_set_page_limit (CwFeedClient *self,
                                             guint         limit);
void          cw_feed_client_set_max_bytes  (CwFeedClient *self,
                                             gsize         max_bytes);
/* Apply single coordinate fixes (see cw-ocpi-parser.h); off by default. */
void          cw_feed_client_set_correct_coordinates (CwFeedClient *self,
                                                      gboolean      correct);
const char   *cw_feed_client_get_locations_url (CwFeedClient *self);
/* Whether a sync since a time can be asked (the feed honours date_from). */
gboolean      cw_feed_client_supports_delta (CwFeedClient *self);

/* @date_from: 0 for everything; else, for feeds that honour it, only
 * what changed since (others always read everything). */
void          cw_feed_client_sync_async     (CwFeedClient        *self,
                                             gint64               date_from,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* @retry_after_out: seconds a 429/503 asked to wait, or -1. */
CwFeedSync   *cw_feed_client_sync_finish    (CwFeedClient        *self,
                                             GAsyncResult        *result,
                                             int                 *retry_after_out,
                                             GError             **error);

G_END_DECLS
