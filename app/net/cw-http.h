/* cw-http.h: one way to GET over HTTP for every provider
 *
 * Bodies are read with a size cap; HTTP failures become CW_NET_ERROR
 * codes a caller can act on (back off, ask for a key, give up); no
 * message ever holds a URL's query, a token or a key — only the host.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CW_NET_ERROR (cw_net_error_quark ())

typedef enum {
  CW_NET_ERROR_FAILED,          /* any other HTTP status */
  CW_NET_ERROR_UNAUTHORIZED,    /* 401, 403: the token or key is wrong */
  CW_NET_ERROR_NOT_FOUND,       /* 404 */
  CW_NET_ERROR_RATE_LIMITED,    /* 429 */
  CW_NET_ERROR_UNAVAILABLE,     /* 5xx */
  CW_NET_ERROR_TIMEOUT,         /* no answer in time */
  CW_NET_ERROR_UNREACHABLE,     /* refused, no route, no DNS */
  CW_NET_ERROR_TLS,             /* certificate or handshake failure */
  CW_NET_ERROR_TOO_LARGE,       /* body over the cap */
} CwNetError;

#define CW_HTTP_DEFAULT_MAX_BYTES (64 * 1024 * 1024)

GQuark       cw_net_error_quark     (void);

/* A session with Chargeway's User-Agent and an I/O timeout (seconds). */
SoupSession *cw_http_session_new    (guint          timeout_seconds);

/* Sends @msg and reads its body, at most @max_bytes. Non-2xx statuses
 * fail with the body discarded. */
void         cw_http_send_async     (SoupSession         *session,
                                     SoupMessage         *msg,
                                     gsize                max_bytes,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* @retry_after_out: seconds the server asked to wait (Retry-After on
 * 429/503), or -1. */
GBytes      *cw_http_send_finish    (SoupSession         *session,
                                     GAsyncResult        *result,
                                     int                 *retry_after_out,
                                     GError             **error);

typedef enum {
  CW_HTTP_SEND_NONE           = 0,
  /* 304 Not Modified is an answer (an empty body, status 304), not an
   * error: for requests sent with If-None-Match / If-Modified-Since. */
  CW_HTTP_SEND_NOT_MODIFIED   = 1 << 0,
  /* A body that starts with the gzip magic (a .json.gz file, or a
   * Content-Encoding the session left alone) is decompressed as it is
   * read, through GIO's GZlibDecompressor; the size cap then applies to
   * the decompressed size. Other bodies are read as they are. */
  CW_HTTP_SEND_GUNZIP         = 1 << 1,
} CwHttpSendFlags;

/* cw_http_send_async () with @flags. */
void         cw_http_send_full_async  (SoupSession         *session,
                                       SoupMessage         *msg,
                                       gsize                max_bytes,
                                       CwHttpSendFlags      flags,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Works for both; @status_out: the HTTP status (304 with an empty body
 * when NOT_MODIFIED was asked); @gunzipped_out: whether the body was
 * decompressed here. */
GBytes      *cw_http_send_full_finish (SoupSession         *session,
                                       GAsyncResult        *result,
                                       guint               *status_out,
                                       gboolean            *gunzipped_out,
                                       int                 *retry_after_out,
                                       GError             **error);

/* The one way URLs are made: @base (http(s)://host[:port][/prefix],
 * no query, no fragment; trailing slashes dropped) with @path (made of
 * our own text: escaped as a path) and @form_query (from
 * soup_form_encode (), or NULL). NULL with CW_NET_ERROR_FAILED when
 * @base is not such a URL; the message does not quote it. */
char        *cw_http_build_url      (const char          *base,
                                     const char          *path,
                                     const char          *form_query,
                                     GError             **error);
/* "host:port" of @uri, for messages. */
char        *cw_http_describe_host  (GUri                *uri);
/* Seconds in a Retry-After value (delta-seconds or HTTP date), or -1. */
int          cw_http_parse_retry_after (const char       *value);
/* The URI of rel="next" in a Link header, resolved against @base; NULL if none. */
char        *cw_http_link_next      (const char          *link_header,
                                     GUri                *base);

G_END_DECLS
