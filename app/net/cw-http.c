/* cw-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-http"

#include <stdlib.h>
#include <string.h>

#include "cw-http.h"

G_DEFINE_QUARK (cw-net-error-quark, cw_net_error)

#define CHUNK 65536

SoupSession *
cw_http_session_new (guint timeout_seconds)
{
  g_autofree char *agent = g_strdup_printf ("Chargeway/%s (+https://github.com/chargeway/chargeway)",
                                            PACKAGE_VERSION);

  return soup_session_new_with_options ("user-agent", agent,
                                        "timeout", timeout_seconds,
                                        "idle-timeout", 60,
                                        NULL);
}

char *
cw_http_build_url (const char  *base,
                   const char  *path,
                   const char  *form_query,
                   GError     **error)
{
  g_autoptr (GUri) uri = base ? g_uri_parse (base, G_URI_FLAGS_ENCODED, NULL) : NULL;
  g_autoptr (GUri) out = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr (GString) full = NULL;

  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, CW_NET_ERROR, CW_NET_ERROR_FAILED,
                           "The server address is not an http(s)://host[:port][/path] URL");
      return NULL;
    }
  /* GUri takes "/os rm" as a path: escape what may not stand in one
   * (spaces, controls, non-ASCII), keeping escapes already there. */
  escaped = g_uri_escape_string (g_uri_get_path (uri), "!$&'()*+,;=:@/%", FALSE);
  full = g_string_new (escaped);
  g_clear_pointer (&escaped, g_free);
  while (full->len > 0 && full->str[full->len - 1] == '/')
    g_string_truncate (full, full->len - 1);
  if (path != NULL)
    {
      escaped = g_uri_escape_string (path, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH, FALSE);
      if (*escaped != '/')
        g_string_append_c (full, '/');
      g_string_append (full, escaped);
    }
  out = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                     g_uri_get_host (uri), g_uri_get_port (uri), full->str,
                     form_query && *form_query ? form_query : NULL, NULL);
  return g_uri_to_string (out);
}

char *
cw_http_describe_host (GUri *uri)
{
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup ("the server");
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

int
cw_http_parse_retry_after (const char *value)
{
  char *end = NULL;
  long secs;
  g_autoptr (GDateTime) when = NULL;

  if (value == NULL)
    return -1;
  while (g_ascii_isspace (*value))
    value++;
  secs = strtol (value, &end, 10);
  if (end != value && (*end == '\0' || g_ascii_isspace (*end)))
    return secs < 0 ? 0 : (int) MIN (secs, 24 * 3600);

  when = soup_date_time_new_from_http_string (value);
  if (when != NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan d = g_date_time_difference (when, now);
      return d <= 0 ? 0 : (int) MIN (d / G_TIME_SPAN_SECOND, 24 * 3600);
    }
  return -1;
}

char *
cw_http_link_next (const char *link_header,
                   GUri       *base)
{
  g_auto (GStrv) links = NULL;

  if (link_header == NULL)
    return NULL;

  /* Link: <url>; rel="next", <url>; rel="prev" */
  links = g_strsplit (link_header, ",", -1);
  for (guint i = 0; links[i]; i++)
    {
      const char *lt = strchr (links[i], '<');
      const char *gt = lt ? strchr (lt, '>') : NULL;
      g_autofree char *target = NULL;
      g_autofree char *params = NULL;

      if (lt == NULL || gt == NULL)
        continue;
      params = g_ascii_strdown (gt + 1, -1);
      if (strstr (params, "rel=\"next\"") == NULL && strstr (params, "rel=next") == NULL)
        continue;
      target = g_strndup (lt + 1, gt - lt - 1);
      g_strstrip (target);
      if (base != NULL)
        {
          g_autoptr (GUri) resolved = g_uri_parse_relative (base, target, G_URI_FLAGS_ENCODED, NULL);
          if (resolved != NULL)
            return g_uri_to_string (resolved);
        }
      return g_steal_pointer (&target);
    }
  return NULL;
}

typedef struct {
  SoupMessage     *msg;
  GInputStream    *stream;
  GByteArray      *body;
  gsize            max_bytes;
  int              retry_after;
  CwHttpSendFlags  flags;
  gboolean         gunzipped;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->msg);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_free (data);
}

static void
return_status_error (GTask       *task,
                     SendData    *data)
{
  guint status = soup_message_get_status (data->msg);
  g_autofree char *host = cw_http_describe_host (soup_message_get_uri (data->msg));
  const char *reason = soup_message_get_reason_phrase (data->msg);
  CwNetError code;
  const char *hint = "";

  if (status == 401 || status == 403)
    {
      code = CW_NET_ERROR_UNAUTHORIZED;
      hint = ": the token or API key was refused";
    }
  else if (status == 404)
    code = CW_NET_ERROR_NOT_FOUND;
  else if (status == 429)
    {
      code = CW_NET_ERROR_RATE_LIMITED;
      hint = ": too many requests";
    }
  else if (status >= 500)
    code = CW_NET_ERROR_UNAVAILABLE;
  else
    code = CW_NET_ERROR_FAILED;

  if (status == 429 || status == 503)
    data->retry_after = cw_http_parse_retry_after (
        soup_message_headers_get_one (soup_message_get_response_headers (data->msg), "Retry-After"));

  /* libsoup 3.2 calls 429 "Unknown Error": say nothing rather than that. */
  if (reason != NULL && g_str_equal (reason, "Unknown Error"))
    reason = NULL;
  g_task_return_new_error (task, CW_NET_ERROR, code, "%s answered HTTP %u%s%s%s",
                           host, status, reason ? " " : "", reason ? reason : "", hint);
}

static void
return_io_error (GTask  *task,
                 GError *error)
{
  SendData *data = g_task_get_task_data (task);
  g_autofree char *host = cw_http_describe_host (soup_message_get_uri (data->msg));
  CwNetError code = CW_NET_ERROR_UNREACHABLE;
  const char *what = "could not be reached";

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->gunzipped &&
      (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)))
    {
      code = CW_NET_ERROR_FAILED;
      what = "sent a gzip file that could not be decompressed";
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      code = CW_NET_ERROR_TIMEOUT;
      what = "did not answer in time";
    }
  else if (error->domain == G_TLS_ERROR ||
           soup_message_get_tls_peer_certificate_errors (data->msg) != 0)
    {
      code = CW_NET_ERROR_TLS;
      what = "failed the secure connection check";
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    what = "refused the connection";
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    {
      code = CW_NET_ERROR_FAILED;
      what = "closed the connection before the answer was complete";
    }

  /* GIO's own message may quote the URL with its query: keep it out. */
  g_task_return_new_error (task, CW_NET_ERROR, code, "%s %s", host, what);
  g_error_free (error);
}

static void read_more (GTask *task);

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (chunk == NULL)
    {
      return_io_error (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      goffset expected = soup_message_headers_get_content_length (
          soup_message_get_response_headers (data->msg));

      /* The length announced is the compressed one when we decompress. */
      if (!data->gunzipped && expected > 0 && (goffset) data->body->len < expected)
        {
          g_autofree char *host = cw_http_describe_host (soup_message_get_uri (data->msg));
          g_task_return_new_error (task, CW_NET_ERROR, CW_NET_ERROR_FAILED,
                                   "%s closed the connection before the answer was complete", host);
          return;
        }
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&data->body)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (data->body->len + g_bytes_get_size (chunk) > data->max_bytes)
    {
      g_autofree char *host = cw_http_describe_host (soup_message_get_uri (data->msg));

      /* Closed unread: the connection is dropped, the server stops sending. */
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_new_error (task, CW_NET_ERROR, CW_NET_ERROR_TOO_LARGE,
                               data->gunzipped ? "%s sent more than %" G_GSIZE_FORMAT " MB once decompressed; reading stopped"
                                               : "%s sent more than %" G_GSIZE_FORMAT " MB; reading stopped",
                               host, data->max_bytes / (1024 * 1024));
      return;
    }
  g_byte_array_append (data->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_more (g_steal_pointer (&task));
}

static void
read_more (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_done, task);
}

/* GUNZIP: the first bytes say whether the body is gzip. */
static void
sniff_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gsize avail = 0;
  const guchar *head;

  if (g_buffered_input_stream_fill_finish (G_BUFFERED_INPUT_STREAM (object), result, &error) < 0)
    {
      return_io_error (task, error);
      return;
    }
  head = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (object), &avail);
  if (avail >= 2 && head[0] == 0x1f && head[1] == 0x8b)
    {
      g_autoptr (GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      GInputStream *converted = g_converter_input_stream_new (data->stream, G_CONVERTER (gunzip));

      g_object_unref (data->stream);
      data->stream = converted;
      data->gunzipped = TRUE;
    }
  read_more (g_steal_pointer (&task));
}

static void
send_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      return_io_error (task, error);
      return;
    }

  status = soup_message_get_status (data->msg);
  if (status == SOUP_STATUS_NOT_MODIFIED && (data->flags & CW_HTTP_SEND_NOT_MODIFIED))
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_pointer (task, g_bytes_new (NULL, 0), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      return_status_error (task, data);
      return;
    }

  {
    goffset announced = soup_message_headers_get_content_length (
        soup_message_get_response_headers (data->msg));
    if (announced > 0 && (gsize) announced > data->max_bytes)
      {
        g_autofree char *host = cw_http_describe_host (soup_message_get_uri (data->msg));

        g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
        g_task_return_new_error (task, CW_NET_ERROR, CW_NET_ERROR_TOO_LARGE,
                                 "%s announced %" G_GOFFSET_FORMAT " bytes, over the %" G_GSIZE_FORMAT " MB cap",
                                 host, announced, data->max_bytes / (1024 * 1024));
        return;
      }
  }

  if (data->flags & CW_HTTP_SEND_GUNZIP)
    {
      GInputStream *buffered = g_buffered_input_stream_new (data->stream);
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_object_unref (data->stream);
      data->stream = buffered;
      g_buffered_input_stream_fill_async (G_BUFFERED_INPUT_STREAM (buffered), 2, G_PRIORITY_DEFAULT,
                                          cancellable, sniff_done, g_steal_pointer (&task));
      return;
    }
  read_more (g_steal_pointer (&task));
}

void
cw_http_send_async (SoupSession         *session,
                    SoupMessage         *msg,
                    gsize                max_bytes,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  cw_http_send_full_async (session, msg, max_bytes, CW_HTTP_SEND_NONE, cancellable, callback, user_data);
}

void
cw_http_send_full_async (SoupSession         *session,
                         SoupMessage         *msg,
                         gsize                max_bytes,
                         CwHttpSendFlags      flags,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  SendData *data;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_http_send_full_async);
  data = g_new0 (SendData, 1);
  data->msg = g_object_ref (msg);
  data->body = g_byte_array_new ();
  data->max_bytes = max_bytes > 0 ? max_bytes : CW_HTTP_DEFAULT_MAX_BYTES;
  data->retry_after = -1;
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, cancellable, send_done, task);
}

GBytes *
cw_http_send_finish (SoupSession   *session,
                     GAsyncResult  *result,
                     int           *retry_after_out,
                     GError       **error)
{
  SendData *data;

  g_return_val_if_fail (g_task_is_valid (result, session), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (retry_after_out)
    *retry_after_out = data->retry_after;
  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
cw_http_send_full_finish (SoupSession   *session,
                          GAsyncResult  *result,
                          guint         *status_out,
                          gboolean      *gunzipped_out,
                          int           *retry_after_out,
                          GError       **error)
{
  SendData *data;

  g_return_val_if_fail (g_task_is_valid (result, session), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (status_out)
    *status_out = soup_message_get_status (data->msg);
  if (gunzipped_out)
    *gunzipped_out = data->gunzipped;
  if (retry_after_out)
    *retry_after_out = data->retry_after;
  return g_task_propagate_pointer (G_TASK (result), error);
}
