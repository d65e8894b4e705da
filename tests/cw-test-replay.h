/* cw-test-replay.h: a loopback server replaying recorded answers
 *
 * Serves the captures of ../shared/data/ocpi-uk-open (the wrapper of
 * SOURCES.md: {request: {method, url}, response: {status_code, headers,
 * body}}) with their recorded status and headers, Link rewritten onto
 * 127.0.0.1, or bodies a test gives; records what was asked, with which
 * headers, how many requests were in flight at once and the shortest
 * pause between an answer and the next request; can answer 429 first,
 * hold answers, and play ETag / Last-Modified.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  char       *key;          /* "/path?query" */
  GBytes     *body;
  char       *content_type;
  GHashTable *headers;      /* name → value, as recorded */
  guint       status;
} CwReplayRoute;

typedef struct {
  SoupServer *server;
  char       *origin;       /* "http://127.0.0.1:PORT" */
  char       *real_origin;  /* rewritten in Link headers */
  GPtrArray  *routes;
  GPtrArray  *requests;     /* char* "/path?query" */
  GPtrArray  *request_headers; /* SoupMessageHeaders* of each request */
  char       *etag;         /* answer with this ETag, and 304 to If-None-Match on it */
  char       *last_modified;
  char       *strip_param; /* "apiKey=": left out of the query when matching */
  char       *fail_prefix; /* answer 503 to every path that starts so */
  guint       fail_429;     /* answer that many requests with 429 first */
  guint       delay_ms;     /* hold every answer so long */
  guint       in_flight;
  guint       max_in_flight;
  gint64      last_answer_end;   /* monotonic µs */
  gint64      min_pause_us;      /* shortest pause between an answer and the next request */
  gint64      last_request_start;
  gint64      after_429_pause_us;
  gboolean    saw_429;
  guint       unmatched;
} CwReplay;

CwReplay  *cw_replay_new          (void);
void     cw_replay_free         (CwReplay     *replay);
/* $CW_SHARED_DATA/ocpi-uk-open/@relative when that folder exists, else NULL. */
char    *cw_replay_shared_dir   (const char   *relative);
/* Serves @body at @path_and_query ("/x?y"), status 200. */
CwReplayRoute   *cw_replay_add          (CwReplay     *replay,
                                 const char *path_and_query,
                                 const char *content_type,
                                 GBytes     *body);
/* Serves every capture of ocpi-uk-open/@dir_name; FALSE when
 * CW_SHARED_DATA or the folder is absent. Link headers naming
 * @real_origin are rewritten onto the replay's origin. */
gboolean cw_replay_add_captures (CwReplay     *replay,
                                 const char *dir_name,
                                 const char *real_origin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwReplay, cw_replay_free)

G_END_DECLS
