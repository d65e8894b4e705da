/* cw-test-replay.c: a loopback server replaying recorded answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-test-replay.h"

static void
route_free (CwReplayRoute *r)
{
  g_free (r->key);
  g_bytes_unref (r->body);
  g_free (r->content_type);
  g_clear_pointer (&r->headers, g_hash_table_unref);
  g_free (r);
}

void
cw_replay_free (CwReplay *replay)
{
  soup_server_disconnect (replay->server);
  g_object_unref (replay->server);
  g_ptr_array_unref (replay->routes);
  g_ptr_array_unref (replay->requests);
  g_ptr_array_unref (replay->request_headers);
  g_free (replay->origin);
  g_free (replay->real_origin);
  g_free (replay->etag);
  g_free (replay->last_modified);
  g_free (replay->fail_prefix);
  g_free (replay->strip_param);
  g_free (replay);
}


static char *
uri_key (GUri *uri)
{
  const char *query = g_uri_get_query (uri);

  return g_strconcat (g_uri_get_path (uri), query ? "?" : "", query ? query : "", NULL);
}

typedef struct {
  CwReplay            *replay;
  SoupServerMessage *msg;
} Held;

static void
answer_end (CwReplay *replay)
{
  replay->in_flight--;
  replay->last_answer_end = g_get_monotonic_time ();
}

static gboolean
release_held (gpointer user_data)
{
  Held *held = user_data;

  answer_end (held->replay);
  soup_server_message_unpause (held->msg);
  g_object_unref (held->msg);
  g_free (held);
  return G_SOURCE_REMOVE;
}

static void
replay_handle (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  CwReplay *replay = user_data;
  g_autofree char *key = uri_key (soup_server_message_get_uri (msg));
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  SoupMessageHeaders *copy = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  CwReplayRoute *route = NULL;
  gint64 now = g_get_monotonic_time ();

  soup_message_headers_iter_init (&iter, in);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (copy, name, value);
  g_ptr_array_add (replay->request_headers, copy);
  g_ptr_array_add (replay->requests, g_strdup (key));
  replay->in_flight++;
  replay->max_in_flight = MAX (replay->max_in_flight, replay->in_flight);
  if (replay->last_answer_end > 0)
    {
      gint64 pause = now - replay->last_answer_end;

      if (replay->min_pause_us < 0 || pause < replay->min_pause_us)
        replay->min_pause_us = pause;
      if (replay->saw_429 && replay->after_429_pause_us < 0)
        replay->after_429_pause_us = pause;
    }
  replay->last_request_start = now;

  if (replay->fail_prefix != NULL && g_str_has_prefix (key, replay->fail_prefix))
    {
      soup_server_message_set_status (msg, 503, NULL);
      answer_end (replay);
      return;
    }
  if (replay->fail_429 > 0)
    {
      replay->fail_429--;
      replay->saw_429 = TRUE;
      soup_message_headers_replace (out, "Retry-After", "1");
      soup_server_message_set_status (msg, 429, NULL);
      answer_end (replay);
      return;
    }

  if (replay->strip_param != NULL && strchr (key, '?') != NULL)
    {
      /* The path, and the query without strip_param. */
      g_auto (GStrv) parts = g_strsplit (strchr (key, '?') + 1, "&", -1);
      g_autoptr (GString) kept = g_string_new_len (key, strchr (key, '?') - key);
      guint n = 0;

      for (guint i = 0; parts[i]; i++)
        if (!g_str_has_prefix (parts[i], replay->strip_param))
          g_string_append_printf (kept, "%c%s", n++ ? '&' : '?', parts[i]);
      g_free (key);
      key = g_strdup (kept->str);
    }
  for (guint i = 0; i < replay->routes->len && route == NULL; i++)
    if (g_str_equal (((CwReplayRoute *) g_ptr_array_index (replay->routes, i))->key, key))
      route = g_ptr_array_index (replay->routes, i);
  if (route == NULL)
    {
      /* A capture ends here: an empty last page. */
      static const char empty[] = "{\"data\":[],\"status_code\":1000,\"status_message\":\"Success\","
                                  "\"timestamp\":\"2026-10-07T22:33:05Z\"}";
      replay->unmatched++;
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, empty, strlen (empty));
      answer_end (replay);
      return;
    }

  if (replay->etag != NULL)
    {
      soup_message_headers_replace (out, "ETag", replay->etag);
      if (g_strcmp0 (soup_message_headers_get_one (in, "If-None-Match"), replay->etag) == 0)
        {
          soup_server_message_set_status (msg, 304, NULL);
          answer_end (replay);
          return;
        }
    }
  if (replay->last_modified != NULL)
    {
      soup_message_headers_replace (out, "Last-Modified", replay->last_modified);
      if (g_strcmp0 (soup_message_headers_get_one (in, "If-Modified-Since"), replay->last_modified) == 0)
        {
          soup_server_message_set_status (msg, 304, NULL);
          answer_end (replay);
          return;
        }
    }
  if (route->headers != NULL)
    {
      GHashTableIter hi;
      gpointer k, v;

      g_hash_table_iter_init (&hi, route->headers);
      while (g_hash_table_iter_next (&hi, &k, &v))
        {
          g_autoptr (GString) s = g_string_new (v);

          if (g_ascii_strcasecmp (k, "content-type") == 0)
            continue;
          if (g_ascii_strcasecmp (k, "link") == 0 && replay->real_origin != NULL)
            {
              /* Never follow a real host from a test. */
              g_string_replace (s, replay->real_origin, replay->origin, 0);
              g_assert_null (strstr (s->str, "https://"));
            }
          soup_message_headers_replace (out, k, s->str);
        }
    }
  soup_server_message_set_status (msg, route->status, NULL);
  soup_server_message_set_response (msg, route->content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (route->body, NULL), g_bytes_get_size (route->body));
  if (replay->delay_ms > 0)
    {
      Held *held = g_new0 (Held, 1);

      held->replay = replay;
      held->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
      g_timeout_add (replay->delay_ms, release_held, held);
      return;
    }
  answer_end (replay);
}

CwReplay *
cw_replay_new (void)
{
  CwReplay *replay = g_new0 (CwReplay, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;
  g_autofree char *s = NULL;

  replay->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
  replay->requests = g_ptr_array_new_with_free_func (g_free);
  replay->request_headers = g_ptr_array_new_with_free_func ((GDestroyNotify) soup_message_headers_unref);
  replay->min_pause_us = -1;
  replay->after_429_pause_us = -1;
  replay->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (replay->server, NULL, replay_handle, replay, NULL);
  soup_server_listen_local (replay->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (replay->server);
  s = g_uri_to_string (uris->data);
  replay->origin = g_strndup (s, strlen (s) - 1);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return replay;
}

/* Serves @body at @path_and_query. */
CwReplayRoute *
cw_replay_add (CwReplay     *replay,
            const char *path_and_query,
            const char *content_type,
            GBytes     *body)
{
  CwReplayRoute *route = g_new0 (CwReplayRoute, 1);

  route->key = g_strdup (path_and_query);
  route->content_type = g_strdup (content_type);
  route->body = g_bytes_ref (body);
  route->status = 200;
  g_ptr_array_add (replay->routes, route);
  return route;
}

char *
cw_replay_shared_dir (const char *relative)
{
  const char *root = g_getenv ("CW_SHARED_DATA");
  char *path;

  if (root == NULL)
    return NULL;
  path = g_build_filename (root, "ocpi-uk-open", relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    g_clear_pointer (&path, g_free);
  return path;
}

/* Serves every capture of the operator's folder @dir, as recorded. */
gboolean
cw_replay_add_captures (CwReplay     *replay,
                     const char *dir_name,
                     const char *real_origin)
{
  g_autofree char *dir = cw_replay_shared_dir (dir_name);
  g_autoptr (GDir) d = NULL;
  g_autoptr (GError) error = NULL;
  const char *name;

  if (dir == NULL)
    return FALSE;
  g_free (replay->real_origin);
  replay->real_origin = g_strdup (real_origin);
  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      g_autoptr (GUri) uri = NULL;
      g_autoptr (GBytes) body = NULL;
      g_autofree char *key = NULL;
      JsonObject *capture, *response, *headers;
      g_autoptr (GList) names = NULL;
      CwReplayRoute *route;
      char *text;
      gsize len;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      capture = json_node_get_object (json_parser_get_root (parser));
      uri = g_uri_parse (json_object_get_string_member (json_object_get_object_member (capture, "request"), "url"),
                         G_URI_FLAGS_ENCODED, NULL);
      g_assert_nonnull (uri);
      key = uri_key (uri);
      response = json_object_get_object_member (capture, "response");
      headers = json_object_get_object_member (response, "headers");
      json_generator_set_root (gen, json_object_get_member (response, "body"));
      text = json_generator_to_data (gen, &len);
      body = g_bytes_new_take (text, len);
      route = cw_replay_add (replay, key, json_object_get_string_member (headers, "content-type"), body);
      route->status = (guint) json_object_get_int_member (response, "status_code");
      route->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      names = json_object_get_members (headers);
      for (GList *l = names; l; l = l->next)
        g_hash_table_insert (route->headers, g_strdup (l->data),
                             g_strdup (json_object_get_string_member (headers, l->data)));
    }
  return TRUE;
}
