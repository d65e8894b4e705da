/* cw-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-test-server.h"

/* ---- waiting ---- */

void
cw_test_async_ready (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CwTestAsync *async = user_data;

  g_assert_null (async->result);
  async->result = g_object_ref (result);
}

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

GAsyncResult *
cw_test_async_wait (CwTestAsync *async,
                    guint        timeout_seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (timeout_seconds, set_flag, &expired);

  while (async->result == NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  if (async->result == NULL)
    g_error ("No answer within %u s: the operation hangs", timeout_seconds);
  return async->result;
}

void
cw_test_async_clear (CwTestAsync *async)
{
  g_clear_object (&async->result);
}

gboolean
cw_test_wait_flag (gboolean *flag,
                   guint     timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, set_flag, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return *flag;
}

void
cw_test_pump (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, set_flag, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

/* ---- log capture ---- */

static GMutex   log_lock;
static GString *log_text;
static guint    log_n;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;
  gssize message_len = -1;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        {
          message = fields[i].value;
          message_len = fields[i].length;
        }
    }

  g_mutex_lock (&log_lock);
  if (log_text == NULL)
    log_text = g_string_new (NULL);
  g_string_append_printf (log_text, "%s: ", domain ? domain : "(none)");
  if (message != NULL)
    g_string_append_len (log_text, message, message_len);
  g_string_append_c (log_text, '\n');
  log_n++;
  g_mutex_unlock (&log_lock);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

void
cw_test_log_capture_install (void)
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_debug_enabled (TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);
}

char *
cw_test_log_dup (void)
{
  char *s;

  g_mutex_lock (&log_lock);
  s = g_strdup (log_text ? log_text->str : "");
  g_mutex_unlock (&log_lock);
  return s;
}

guint
cw_test_log_count (void)
{
  guint n;

  g_mutex_lock (&log_lock);
  n = log_n;
  g_mutex_unlock (&log_lock);
  return n;
}

void
cw_test_log_reset (void)
{
  g_mutex_lock (&log_lock);
  if (log_text != NULL)
    g_string_truncate (log_text, 0);
  log_n = 0;
  g_mutex_unlock (&log_lock);
}

/* ---- fixtures ---- */

char *
cw_test_iso_time (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *
cw_test_tariff_json (const char *id,
                     double      price_per_kwh)
{
  return g_strdup_printf ("{\"country_code\":\"NL\",\"party_id\":\"CWT\",\"id\":\"%s\","
                          "\"currency\":\"EUR\",\"elements\":[{\"price_components\":"
                          "[{\"type\":\"ENERGY\",\"price\":%.2f,\"vat\":21.0,\"step_size\":1}]}],"
                          "\"last_updated\":\"2026-11-01T00:00:00Z\"}",
                          id, price_per_kwh);
}

char *
cw_test_location_json (const char         *id,
                       gint64              last_updated,
                       const char * const *evse_statuses)
{
  return cw_test_location_json_with_tariff (id, last_updated, evse_statuses, NULL);
}

char *
cw_test_location_json_with_tariff (const char         *id,
                                   gint64              last_updated,
                                   const char * const *evse_statuses,
                                   const char         *tariff_id)
{
  g_autofree char *tariffs = tariff_id ? g_strdup_printf (",\"tariff_ids\":[\"%s\"]", tariff_id)
                                       : g_strdup ("");
  g_autofree char *updated = cw_test_iso_time (last_updated);
  guint h = g_str_hash (id);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s,
      "{\"country_code\":\"NL\",\"party_id\":\"CWT\",\"id\":\"%s\",\"publish\":true,"
      "\"name\":\"Test location %s\",\"address\":\"Teststraat 1\",\"city\":\"Utrecht\","
      "\"postal_code\":\"3511 AA\",\"country\":\"NLD\","
      "\"coordinates\":{\"latitude\":\"%.6f\",\"longitude\":\"%.6f\"},"
      "\"parking_type\":\"ON_STREET\",\"time_zone\":\"Europe/Amsterdam\","
      "\"operator\":{\"name\":\"Test CPO\"},\"evses\":[",
      id, id, 52.0 + (h % 1000) / 10000.0, 5.0 + (h / 1000 % 1000) / 10000.0);
  for (guint i = 0; evse_statuses && evse_statuses[i]; i++)
    g_string_append_printf (s,
        "%s{\"uid\":\"%s-%u\",\"evse_id\":\"NL*CWT*E%s*%u\",\"status\":\"%s\","
        "\"connectors\":[{\"id\":\"1\",\"standard\":\"IEC_62196_T2\",\"format\":\"SOCKET\","
        "\"power_type\":\"AC_3_PHASE\",\"max_voltage\":230,\"max_amperage\":32%s,"
        "\"last_updated\":\"%s\"}],\"last_updated\":\"%s\"}",
        i ? "," : "", id, i + 1, id, i + 1, evse_statuses[i], tariffs, updated, updated);
  g_string_append_printf (s, "],\"last_updated\":\"%s\"}", updated);
  return g_string_free (s, FALSE);
}

char *
cw_test_envelope (const char *data_json,
                  int         status_code,
                  const char *status_message)
{
  g_autofree char *now = cw_test_iso_time (g_get_real_time () / G_USEC_PER_SEC);

  if (data_json == NULL)
    return g_strdup_printf ("{\"status_code\":%d,\"status_message\":\"%s\",\"timestamp\":\"%s\"}",
                            status_code, status_message, now);
  return g_strdup_printf ("{\"data\":%s,\"status_code\":%d,\"status_message\":\"%s\",\"timestamp\":\"%s\"}",
                          data_json, status_code, status_message, now);
}

/* ---- the fake server ---- */

typedef struct {
  char   *id;
  gint64  updated;
  GStrv   statuses;
} FakeLocation;

static void
fake_location_free (FakeLocation *l)
{
  g_free (l->id);
  g_strfreev (l->statuses);
  g_free (l);
}

static void
request_free (CwTestRequest *r)
{
  g_free (r->path);
  g_free (r->query);
  g_free (r->authorization);
  g_free (r->date_from);
  g_free (r->offset);
  g_free (r->limit);
  g_free (r);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
respond_envelope (SoupServerMessage *msg,
                  guint              status,
                  const char        *data_json,
                  int                ocpi_status,
                  const char        *message)
{
  g_autofree char *body = cw_test_envelope (data_json, ocpi_status, message);
  respond (msg, status, body);
}

static char *
locations_page (CwFakeOcpi *fake,
                gint64      date_from,
                guint       offset,
                guint       limit,
                guint      *n_selected)
{
  GString *s = g_string_new ("[");
  guint n = 0, written = 0;

  for (guint i = 0; i < fake->locations->len; i++)
    {
      FakeLocation *l = g_ptr_array_index (fake->locations, i);

      if (date_from > 0 && l->updated < date_from)
        continue;
      if (n >= offset && written < limit)
        {
          const char *tariff = fake->tariffs->len ?
                               g_ptr_array_index (fake->tariffs, i % fake->tariffs->len) : NULL;
          g_autofree char *json = cw_test_location_json_with_tariff (l->id, l->updated,
                                                                     (const char * const *) l->statuses,
                                                                     tariff);
          g_string_append_printf (s, "%s%s", written ? "," : "", json);
          written++;
        }
      n++;
    }
  g_string_append_c (s, ']');
  *n_selected = n;
  return g_string_free (s, FALSE);
}

static gint64
parse_time (const char *s)
{
  g_autoptr (GDateTime) dt = s ? g_date_time_new_from_iso8601 (s, NULL) : NULL;
  return dt ? g_date_time_to_unix (dt) : 0;
}

static guint
parse_uint (const char *s,
            guint       fallback)
{
  guint64 v;

  if (s == NULL || !g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT, &v, NULL))
    return fallback;
  return (guint) v;
}

static void
serve_locations (CwFakeOcpi        *fake,
                 SoupServerMessage *msg,
                 GHashTable        *query)
{
  const char *date_from_s = query ? g_hash_table_lookup (query, "date_from") : NULL;
  gint64 date_from = parse_time (date_from_s);
  guint offset = parse_uint (query ? g_hash_table_lookup (query, "offset") : NULL, 0);
  guint limit = parse_uint (query ? g_hash_table_lookup (query, "limit") : NULL, fake->page_size);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *page = NULL;
  guint n_selected;

  if (limit == 0)
    limit = fake->page_size;
  if (fake->fail_page >= 0 && offset / limit == (guint) fake->fail_page)
    {
      respond_envelope (msg, 500, NULL, 3000, "Page generation failed");
      return;
    }

  page = locations_page (fake, date_from, offset, limit, &n_selected);
  if (fake->send_total)
    {
      g_autofree char *total = g_strdup_printf ("%u", n_selected);
      g_autofree char *lim = g_strdup_printf ("%u", limit);

      soup_message_headers_replace (headers, "X-Total-Count", total);
      soup_message_headers_replace (headers, "X-Limit", lim);
    }
  if (fake->send_link && offset + limit < n_selected)
    {
      g_autoptr (GString) next = g_string_new (fake->base_url);
      g_autofree char *link = NULL;

      g_string_append_printf (next, "/ocpi/2.2.1/locations?offset=%u&limit=%u", offset + limit, limit);
      if (date_from_s != NULL)
        {
          g_autofree char *esc = g_uri_escape_string (date_from_s, NULL, FALSE);
          g_string_append_printf (next, "&date_from=%s", esc);
        }
      link = g_strdup_printf ("<%s>; rel=\"next\"", next->str);
      soup_message_headers_replace (headers, "Link", link);
    }
  respond_envelope (msg, 200, page, 1000, "Success");
}

static void
serve_tariffs (CwFakeOcpi        *fake,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  guint offset = parse_uint (query ? g_hash_table_lookup (query, "offset") : NULL, 0);
  guint limit = parse_uint (query ? g_hash_table_lookup (query, "limit") : NULL, fake->page_size);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr (GString) page = g_string_new ("[");

  if (limit == 0)
    limit = fake->page_size;
  for (guint i = offset; i < fake->tariffs->len && i < offset + limit; i++)
    {
      g_autofree char *json = cw_test_tariff_json (g_ptr_array_index (fake->tariffs, i), 0.30 + i / 100.0);
      g_string_append_printf (page, "%s%s", i > offset ? "," : "", json);
    }
  g_string_append_c (page, ']');
  if (fake->send_total)
    {
      g_autofree char *total = g_strdup_printf ("%u", fake->tariffs->len);
      g_autofree char *lim = g_strdup_printf ("%u", limit);

      soup_message_headers_replace (headers, "X-Total-Count", total);
      soup_message_headers_replace (headers, "X-Limit", lim);
    }
  if (fake->send_link && offset + limit < fake->tariffs->len)
    {
      g_autofree char *link = g_strdup_printf ("<%s/ocpi/2.2.1/tariffs?offset=%u&limit=%u>; rel=\"next\"",
                                               fake->base_url, offset + limit, limit);
      soup_message_headers_replace (headers, "Link", link);
    }
  respond_envelope (msg, 200, page->str, 1000, "Success");
}

static void
serve_versions (CwFakeOcpi        *fake,
                SoupServerMessage *msg)
{
  /* 2.2.1 in the middle: picked by value, not by place. */
  g_autofree char *data = g_strdup_printf (
      "[{\"version\":\"2.1.1\",\"url\":\"%s/ocpi/2.1.1\"},"
      "{\"version\":\"2.2.1\",\"url\":\"%s/ocpi/2.2.1\"},"
      "{\"version\":\"2.2\",\"url\":\"%s/ocpi/2.2\"}]",
      fake->base_url, fake->base_url, fake->base_url);
  respond_envelope (msg, 200, data, 1000, "Success");
}

static void
serve_details (CwFakeOcpi        *fake,
               SoupServerMessage *msg,
               const char        *version)
{
  g_autofree char *data = NULL;
  g_autofree char *tariffs = fake->tariffs->len == 0 ? g_strdup ("") :
      g_strdup_printf (",{\"identifier\":\"tariffs\",\"role\":\"SENDER\",\"url\":\"%s/ocpi/2.2.1/tariffs\"}",
                       fake->base_url);

  if (g_str_equal (version, "2.2.1"))
    /* A RECEIVER endpoint first: only SENDER's is ours to read. */
    data = g_strdup_printf (
        "{\"version\":\"2.2.1\",\"endpoints\":["
        "{\"identifier\":\"credentials\",\"role\":\"SENDER\",\"url\":\"%s/ocpi/2.2.1/credentials\"},"
        "{\"identifier\":\"locations\",\"role\":\"RECEIVER\",\"url\":\"%s/ocpi/receiver/locations\"},"
        "{\"identifier\":\"locations\",\"role\":\"SENDER\",\"url\":\"%s/ocpi/2.2.1/locations\"}%s]}",
        fake->base_url, fake->base_url, fake->base_url, tariffs);
  else
    data = g_strdup_printf (
        "{\"version\":\"%s\",\"endpoints\":["
        "{\"identifier\":\"locations\",\"role\":\"SENDER\",\"url\":\"%s/ocpi/%s/locations\"}]}",
        version, fake->base_url, version);
  respond_envelope (msg, 200, data, 1000, "Success");
}

void
cw_test_respond_truncated (SoupServerMessage *msg,
                           const char        *body,
                           gsize              promised)
{
  gsize sent = strlen (body) / 2;
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "Connection: close\r\n\r\n",
                                           promised);
  g_autoptr (GIOStream) io = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (io);

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body, sent, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (io, NULL, NULL);
}

/* A location in an envelope, cut in half after promising 4 kB more. */
static void
respond_truncated (SoupServerMessage *msg)
{
  static const char *statuses[] = { "AVAILABLE", "CHARGING", NULL };
  g_autofree char *loc = cw_test_location_json ("TRUNC-1", 1700000000, statuses);
  g_autofree char *body = cw_test_envelope (loc, 1000, "Success");

  cw_test_respond_truncated (msg, body, strlen (body) + 4096);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  CwFakeOcpi *fake = user_data;
  CwTestRequest *r = g_new0 (CwTestRequest, 1);
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  const char *q = g_uri_get_query (soup_server_message_get_uri (msg));

  r->path = g_strdup (path);
  r->query = g_strdup (q);
  r->authorization = g_strdup (soup_message_headers_get_one (req, "Authorization"));
  if (query != NULL)
    {
      r->date_from = g_strdup (g_hash_table_lookup (query, "date_from"));
      r->offset = g_strdup (g_hash_table_lookup (query, "offset"));
      r->limit = g_strdup (g_hash_table_lookup (query, "limit"));
    }
  g_ptr_array_add (fake->requests, r);

  if (fake->expected_auth != NULL && g_strcmp0 (r->authorization, fake->expected_auth) != 0)
    {
      respond_envelope (msg, 401, NULL, 2000, "Unauthorized");
      return;
    }

  switch (fake->mode)
    {
    case CW_FAKE_HTTP_500:
      respond_envelope (msg, 500, NULL, 3000, "Internal error");
      return;
    case CW_FAKE_HTTP_503:
    case CW_FAKE_HTTP_429:
      if (fake->retry_after != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Retry-After", fake->retry_after);
      respond_envelope (msg, fake->mode == CW_FAKE_HTTP_429 ? 429 : 503, NULL, 3000, "Slow down");
      return;
    case CW_FAKE_HTTP_401:
      respond_envelope (msg, 401, NULL, 2000, "Unauthorized");
      return;
    case CW_FAKE_HANG:
      soup_server_message_pause (msg);
      g_ptr_array_add (fake->paused, g_object_ref (msg));
      return;
    case CW_FAKE_TRUNCATED:
      respond_truncated (msg);
      return;
    case CW_FAKE_TRUNCATED_JSON:
      {
        static const char *statuses[] = { "AVAILABLE", NULL };
        g_autofree char *loc = cw_test_location_json ("HALF-1", 1700000000, statuses);
        g_autofree char *body = cw_test_envelope (loc, 1000, "Success");

        body[strlen (body) / 2] = '\0';
        respond (msg, 200, body);
      }
      return;
    case CW_FAKE_WRONG_TYPES:
      respond_envelope (msg, 200,
                        "[{\"id\":\"BAD-1\",\"name\":true,"
                        "\"coordinates\":{\"latitude\":\"52.1\",\"longitude\":\"5.1\"},"
                        "\"evses\":{\"uid\":\"not a list\"}}]",
                        1000, "Success");
      return;
    case CW_FAKE_STATUS_2001:
      respond_envelope (msg, 200, "[]", 2001,
                        fake->status_message ? fake->status_message : "Invalid or missing parameters");
      return;
    case CW_FAKE_CUSTOM:
      respond (msg, fake->custom_status, fake->custom_body ? fake->custom_body : "");
      return;
    case CW_FAKE_OK:
    default:
      break;
    }

  if (g_str_equal (path, "/ocpi/versions"))
    serve_versions (fake, msg);
  else if (g_str_equal (path, "/ocpi/2.2.1") || g_str_equal (path, "/ocpi/2.2.1/"))
    serve_details (fake, msg, "2.2.1");
  else if (g_str_equal (path, "/ocpi/2.2"))
    serve_details (fake, msg, "2.2");
  else if (g_str_equal (path, "/ocpi/2.1.1"))
    serve_details (fake, msg, "2.1.1");
  else if (g_str_equal (path, "/ocpi/2.2.1/locations"))
    serve_locations (fake, msg, query);
  else if (g_str_equal (path, "/ocpi/2.2.1/tariffs") && fake->tariffs->len > 0)
    serve_tariffs (fake, msg, query);
  else
    respond_envelope (msg, 404, NULL, 2000, "No such endpoint");
}

CwFakeOcpi *
cw_fake_ocpi_new (guint  n_locations,
                  gint64 last_updated)
{
  static const char *statuses[] = { "AVAILABLE", "CHARGING", NULL };
  CwFakeOcpi *fake = g_new0 (CwFakeOcpi, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  fake->locations = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_location_free);
  fake->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  fake->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fake->tariffs = g_ptr_array_new_with_free_func (g_free);
  fake->page_size = 2;
  fake->send_link = TRUE;
  fake->send_total = TRUE;
  fake->fail_page = -1;

  for (guint i = 0; i < n_locations; i++)
    {
      g_autofree char *id = g_strdup_printf ("LOC-%03u", i + 1);
      cw_fake_ocpi_add_location (fake, id, statuses, last_updated);
    }

  fake->server = soup_server_new ("server-header", "cw-test-server ", NULL);
  soup_server_add_handler (fake->server, NULL, handle, fake, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fake->server);
  g_assert_nonnull (uris);
  {
    g_autofree char *s = g_uri_to_string (uris->data);
    g_assert_true (g_str_has_prefix (s, "http://127.0.0.1:"));
    fake->base_url = g_strndup (s, strlen (s) - (g_str_has_suffix (s, "/") ? 1 : 0));
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return fake;
}

void
cw_fake_ocpi_release (CwFakeOcpi *fake)
{
  for (guint i = 0; i < fake->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (fake->paused, i);

      respond_envelope (msg, 503, NULL, 3000, "Released");
      soup_server_message_unpause (msg);
    }
  g_ptr_array_set_size (fake->paused, 0);
}

void
cw_fake_ocpi_free (CwFakeOcpi *fake)
{
  if (fake == NULL)
    return;
  cw_fake_ocpi_release (fake);
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_ptr_array_unref (fake->paused);
  g_ptr_array_unref (fake->tariffs);
  g_ptr_array_unref (fake->locations);
  g_ptr_array_unref (fake->requests);
  g_free (fake->base_url);
  g_free (fake->retry_after);
  g_free (fake->custom_body);
  g_free (fake->status_message);
  g_free (fake->expected_auth);
  g_free (fake);
}

char *
cw_fake_ocpi_url (CwFakeOcpi *fake,
                  const char *path)
{
  return g_strconcat (fake->base_url, path, NULL);
}

void
cw_fake_ocpi_add_location (CwFakeOcpi         *fake,
                           const char         *id,
                           const char * const *evse_statuses,
                           gint64              last_updated)
{
  FakeLocation *l = g_new0 (FakeLocation, 1);

  l->id = g_strdup (id);
  l->updated = last_updated;
  l->statuses = g_strdupv ((char **) evse_statuses);
  g_ptr_array_add (fake->locations, l);
}

void
cw_fake_ocpi_set_location (CwFakeOcpi         *fake,
                           guint               index,
                           const char * const *evse_statuses,
                           gint64              last_updated)
{
  FakeLocation *l;

  g_assert_cmpuint (index, <, fake->locations->len);
  l = g_ptr_array_index (fake->locations, index);
  g_strfreev (l->statuses);
  l->statuses = g_strdupv ((char **) evse_statuses);
  l->updated = last_updated;
}

const char *
cw_fake_ocpi_location_id (CwFakeOcpi *fake,
                          guint       index)
{
  g_assert_cmpuint (index, <, fake->locations->len);
  return ((FakeLocation *) g_ptr_array_index (fake->locations, index))->id;
}

void
cw_fake_ocpi_set_token (CwFakeOcpi *fake,
                        const char *token)
{
  g_clear_pointer (&fake->expected_auth, g_free);
  if (token != NULL)
    {
      g_autofree char *b64 = g_base64_encode ((const guchar *) token, strlen (token));
      fake->expected_auth = g_strconcat ("Token ", b64, NULL);
    }
}

void
cw_fake_ocpi_set_mode (CwFakeOcpi *fake,
                       CwFakeMode  mode)
{
  fake->mode = mode;
}

guint
cw_fake_ocpi_n_requests (CwFakeOcpi *fake)
{
  return fake->requests->len;
}

CwTestRequest *
cw_fake_ocpi_request (CwFakeOcpi *fake,
                      guint       i)
{
  g_assert_cmpuint (i, <, fake->requests->len);
  return g_ptr_array_index (fake->requests, i);
}

guint
cw_fake_ocpi_n_location_requests (CwFakeOcpi *fake)
{
  guint n = 0;

  for (guint i = 0; i < fake->requests->len; i++)
    if (g_str_equal (((CwTestRequest *) g_ptr_array_index (fake->requests, i))->path,
                     "/ocpi/2.2.1/locations"))
      n++;
  return n;
}
