/* cw-ocpi-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-ocpi-client"

#include <string.h>

#include "cw-http.h"
#include "cw-json.h"
#include "cw-ocpi-client.h"
#include "cw-ocpi-paging.h"
#include "cw-ocpi-parser.h"

#define MAX_PAGES        100000
#define PAGE_MAX_BYTES   (32 * 1024 * 1024)

struct _CwOcpiClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *url;
  char        *auth;            /* "Token <base64>", never logged */
  char        *source_id;
  char        *locations_url;
  char        *tariffs_url;
  GHashTable  *tariffs;         /* id → CwTariff, from the last full sync */
  guint        page_limit;
  gboolean     lenient;
  CwOcpiLenientOptions lenient_options;
};

G_DEFINE_FINAL_TYPE (CwOcpiClient, cw_ocpi_client, G_TYPE_OBJECT)

void
cw_ocpi_sync_free (CwOcpiSync *sync)
{
  if (sync == NULL)
    return;
  g_clear_pointer (&sync->stations, g_ptr_array_unref);
  g_free (sync);
}

static void
cw_ocpi_client_finalize (GObject *object)
{
  CwOcpiClient *self = CW_OCPI_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->url);
  if (self->auth != NULL)
    memset (self->auth, 0, strlen (self->auth));
  g_free (self->auth);
  g_free (self->source_id);
  g_free (self->locations_url);
  g_free (self->tariffs_url);
  g_clear_pointer (&self->tariffs, g_hash_table_unref);

  G_OBJECT_CLASS (cw_ocpi_client_parent_class)->finalize (object);
}

static void
cw_ocpi_client_class_init (CwOcpiClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_ocpi_client_finalize;
}

static void
cw_ocpi_client_init (CwOcpiClient *self)
{
}

CwOcpiClient *
cw_ocpi_client_new (SoupSession *session,
                    const char  *url,
                    const char  *token,
                    const char  *source_id)
{
  CwOcpiClient *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (CW_TYPE_OCPI_CLIENT, NULL);
  self->session = g_object_ref (session);
  self->url = g_strdup (url);
  self->source_id = g_strdup (source_id ? source_id : url);
  if (token != NULL && *token != '\0')
    {
      /* OCPI 2.2: the credentials token goes Base64 encoded. */
      g_autofree char *b64 = g_base64_encode ((const guchar *) token, strlen (token));
      self->auth = g_strconcat ("Token ", b64, NULL);
    }
  return self;
}

void
cw_ocpi_client_set_page_limit (CwOcpiClient *self,
                               guint         limit)
{
  g_return_if_fail (CW_IS_OCPI_CLIENT (self));
  self->page_limit = limit;
}

void
cw_ocpi_client_set_lenient (CwOcpiClient               *self,
                            const CwOcpiLenientOptions *options)
{
  g_return_if_fail (CW_IS_OCPI_CLIENT (self));

  self->lenient = options != NULL;
  if (options != NULL)
    self->lenient_options = *options;
}

const char *
cw_ocpi_client_get_locations_url (CwOcpiClient *self)
{
  g_return_val_if_fail (CW_IS_OCPI_CLIENT (self), NULL);
  return self->locations_url;
}

/* ---- one sync: a small state machine over async GETs ----
 *
 * send_step () takes its own reference to the task for the request it
 * starts; callbacks drop theirs when they return. */

typedef enum {
  STEP_DISCOVER,      /* GET url: versions, version details or locations */
  STEP_DETAILS,       /* GET version details */
  STEP_TARIFFS,
  STEP_PAGES,
} Step;

typedef struct {
  CwOcpiClient   *client;
  Step            step;
  gint64          date_from;
  CwOcpiProgress  progress;
  gpointer        progress_data;
  SoupMessage    *msg;
  char           *next_url;
  guint           offset;
  guint           total;
  gboolean        have_total;
  guint           pages;
  GPtrArray      *stations;
  GHashTable     *tariffs;
  guint           tariff_offset;
  guint           tariff_pages;
  gint64          started_at;
  int             retry_after;
} SyncData;

static void
sync_data_free (SyncData *d)
{
  g_clear_object (&d->client);
  g_clear_object (&d->msg);
  g_free (d->next_url);
  g_clear_pointer (&d->stations, g_ptr_array_unref);
  g_clear_pointer (&d->tariffs, g_hash_table_unref);
  g_free (d);
}

static void send_step (GTask *task, const char *url);

static char *
first_page_url (SyncData *d)
{
  g_autoptr (GUri) uri = g_uri_parse (d->client->locations_url, G_URI_FLAGS_ENCODED, NULL);
  GString *query;
  g_autoptr (GUri) with_query = NULL;

  if (uri == NULL)
    return g_strdup (d->client->locations_url);

  query = g_string_new (g_uri_get_query (uri));
  if (d->date_from > 0)
    {
      g_autofree char *t = cw_ocpi_paging_iso_time (d->date_from);
      g_autofree char *esc = g_uri_escape_string (t, NULL, FALSE);
      g_string_append_printf (query, "%sdate_from=%s", query->len ? "&" : "", esc);
    }
  if (d->client->page_limit > 0)
    g_string_append_printf (query, "%slimit=%u", query->len ? "&" : "", d->client->page_limit);

  with_query = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                            g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                            query->len ? query->str : NULL, NULL);
  g_string_free (query, TRUE);
  return g_uri_to_string (with_query);
}

/* What a discovery answer is: a Versions list, version details, or
 * already Locations. */
static gboolean
handle_discovery (GTask    *task,
                  JsonNode *data,
                  GError  **error)
{
  SyncData *d = g_task_get_task_data (task);
  CwOcpiClient *self = d->client;

  if (JSON_NODE_HOLDS_ARRAY (data) && json_array_get_length (json_node_get_array (data)) > 0)
    {
      JsonArray *versions = json_node_get_array (data);
      JsonNode *first = json_array_get_element (versions, 0);
      g_autofree char *best_url = NULL;
      g_autofree char *best_version = NULL;

      if (JSON_NODE_HOLDS_OBJECT (first) &&
          json_object_has_member (json_node_get_object (first), "version") &&
          json_object_has_member (json_node_get_object (first), "url"))
        {
          for (guint i = 0; i < json_array_get_length (versions); i++)
            {
              JsonNode *n = json_array_get_element (versions, i);
              g_autofree char *v = NULL;
              g_autofree char *u = NULL;

              if (!JSON_NODE_HOLDS_OBJECT (n))
                continue;
              cw_json_dup_string (json_node_get_object (n), "version", "$", &v, NULL);
              cw_json_dup_string (json_node_get_object (n), "url", "$", &u, NULL);
              if (v == NULL || u == NULL || !g_str_has_prefix (v, "2.2"))
                continue;
              /* 2.2.1 over 2.2 */
              if (best_version == NULL || g_strcmp0 (v, best_version) > 0)
                {
                  g_free (best_version);
                  g_free (best_url);
                  best_version = g_steal_pointer (&v);
                  best_url = g_steal_pointer (&u);
                }
            }
          if (best_url == NULL)
            {
              g_set_error_literal (error, CW_NET_ERROR, CW_NET_ERROR_FAILED,
                                   "The OCPI server offers no version 2.2 or 2.2.1");
              return FALSE;
            }
          d->step = STEP_DETAILS;
          send_step (task, best_url);
          return TRUE;
        }
    }

  if (JSON_NODE_HOLDS_OBJECT (data) &&
      json_object_has_member (json_node_get_object (data), "endpoints"))
    {
      JsonArray *endpoints = NULL;

      if (!cw_json_get_array (json_node_get_object (data), "endpoints", "$.data", &endpoints, error))
        return FALSE;
      for (guint i = 0; endpoints && i < json_array_get_length (endpoints); i++)
        {
          JsonNode *n = json_array_get_element (endpoints, i);
          g_autofree char *id = NULL;
          g_autofree char *role = NULL;
          g_autofree char *u = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          cw_json_dup_string (json_node_get_object (n), "identifier", "$", &id, NULL);
          cw_json_dup_string (json_node_get_object (n), "role", "$", &role, NULL);
          cw_json_dup_string (json_node_get_object (n), "url", "$", &u, NULL);
          if (u == NULL || (role != NULL && g_strcmp0 (role, "SENDER") != 0))
            continue;
          if (g_strcmp0 (id, "locations") == 0)
            {
              g_free (self->locations_url);
              self->locations_url = g_steal_pointer (&u);
            }
          else if (g_strcmp0 (id, "tariffs") == 0)
            {
              g_free (self->tariffs_url);
              self->tariffs_url = g_steal_pointer (&u);
            }
        }
      if (self->locations_url == NULL)
        {
          g_set_error_literal (error, CW_NET_ERROR, CW_NET_ERROR_FAILED,
                               "The OCPI server lists no Locations endpoint");
          return FALSE;
        }
      d->step = self->tariffs_url && d->date_from == 0 ? STEP_TARIFFS : STEP_PAGES;
      if (d->step == STEP_TARIFFS)
        send_step (task, self->tariffs_url);
      else
        {
          g_autofree char *first = first_page_url (d);
          send_step (task, first);
        }
      return TRUE;
    }

  /* Neither: the URL is the Locations endpoint itself. */
  self->locations_url = g_strdup (self->url);
  d->step = STEP_PAGES;
  {
    g_autofree char *first = first_page_url (d);
    send_step (task, first);
  }
  return TRUE;
}

typedef struct {
  GBytes     *body;
  char       *source_id;
  Step        step;
  gboolean    lenient;
  CwOcpiLenientOptions options;
} ParseJob;

typedef struct {
  GPtrArray  *stations;
  GHashTable *tariffs;
  JsonNode   *data;       /* discovery answers are handled on the main thread */
} ParseResult;

static void
parse_job_free (ParseJob *job)
{
  g_bytes_unref (job->body);
  g_free (job->source_id);
  g_free (job);
}

static void
parse_result_free (ParseResult *r)
{
  g_clear_pointer (&r->stations, g_ptr_array_unref);
  g_clear_pointer (&r->tariffs, g_hash_table_unref);
  g_clear_pointer (&r->data, json_node_unref);
  g_free (r);
}

/* Worker thread: a page of thousands of locations must not hold the
 * main loop. */
static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr (JsonNode) root = NULL;
  ParseResult *r;
  JsonNode *data;
  GError *error = NULL;

  if (!(root = cw_json_load (job->body, &error)) ||
      !(data = cw_ocpi_unwrap_envelope (root, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  r = g_new0 (ParseResult, 1);
  switch (job->step)
    {
    case STEP_PAGES:
      if (job->lenient)
        {
          CwOcpiParseStats stats;

          cw_ocpi_parse_stats_init (&stats);
          r->stations = cw_ocpi_parse_locations_node_lenient (data, job->source_id, &job->options,
                                                              &stats, &error);
          if (stats.skipped > 0 || stats.corrected > 0)
            g_debug ("%s: %u locations left out, %u corrected", job->source_id, stats.skipped,
                     stats.corrected);
          cw_ocpi_parse_stats_clear (&stats);
        }
      else
        r->stations = cw_ocpi_parse_locations_node (data, job->source_id, &error);
      break;
    case STEP_TARIFFS:
      {
        g_autoptr (GBytes) again = NULL;
        JsonGenerator *gen = json_generator_new ();
        char *text;
        gsize len;

        /* The tariff parser takes bytes; hand it just the data. */
        json_generator_set_root (gen, data);
        text = json_generator_to_data (gen, &len);
        g_object_unref (gen);
        again = g_bytes_new_take (text, len);
        r->tariffs = job->lenient ? cw_ocpi_parse_tariffs_lenient (again, NULL, &error)
                                  : cw_ocpi_parse_tariffs (again, &error);
      }
      break;
    case STEP_DISCOVER:
    case STEP_DETAILS:
    default:
      r->data = json_node_ref (data);
      break;
    }

  if (error != NULL)
    {
      parse_result_free (r);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, r, (GDestroyNotify) parse_result_free);
}

static void
page_parsed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SyncData *d = g_task_get_task_data (task);
  GError *error = NULL;
  ParseResult *r = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *next = NULL;
  guint n;

  if (r == NULL)
    {
      cw_ocpi_paging_return_error (task, d->msg, error);
      return;
    }

  switch (d->step)
    {
    case STEP_DISCOVER:
    case STEP_DETAILS:
      if (!handle_discovery (task, r->data, &error))
        g_task_return_error (task, error);
      parse_result_free (r);
      return;

    case STEP_TARIFFS:
      {
        guint got = g_hash_table_size (r->tariffs);
        guint64 total = 0;
        gboolean have_total = cw_ocpi_paging_total_count (d->msg, &total);

        if (d->tariffs == NULL)
          d->tariffs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) cw_tariff_unref);
        cw_ocpi_paging_take_tariffs (d->tariffs, r->tariffs);
        parse_result_free (r);
        d->tariff_offset += got;

        /* Tariffs are paginated like Locations: follow them to the end. */
        if (got > 0)
          next = cw_ocpi_paging_next_url (d->msg, have_total, total, d->tariff_offset);
        if (next != NULL && ++d->tariff_pages < MAX_PAGES)
          {
            send_step (task, next);
            return;
          }
        /* Kept for the deltas that follow: they bring no tariffs. */
        g_clear_pointer (&d->client->tariffs, g_hash_table_unref);
        d->client->tariffs = g_hash_table_ref (d->tariffs);
        d->step = STEP_PAGES;
        g_free (next);
        next = first_page_url (d);
        send_step (task, next);
        return;
      }

    case STEP_PAGES:
    default:
      break;
    }

  n = r->stations->len;
  g_ptr_array_extend_and_steal (d->stations, g_steal_pointer (&r->stations));
  parse_result_free (r);
  d->pages++;
  d->offset += n;

  if (!d->have_total)
    {
      guint64 total;

      if (cw_ocpi_paging_total_count (d->msg, &total))
        {
          d->total = (guint) total;
          d->have_total = TRUE;
        }
    }
  if (d->progress)
    d->progress (d->stations->len, d->have_total ? d->total : 0, d->progress_data);

  if (n > 0)
    next = cw_ocpi_paging_next_url (d->msg, d->have_total, d->total, d->offset);
  if (next != NULL && d->pages < MAX_PAGES)
    {
      send_step (task, next);
      return;
    }

  /* Done: every page arrived. */
  {
    GHashTable *tariffs = d->tariffs ? d->tariffs : d->client->tariffs;
    CwOcpiSync *sync = g_new0 (CwOcpiSync, 1);

    /* A delta brings no tariffs: its stations take the last full sync's. */
    for (guint i = 0; tariffs && i < d->stations->len; i++)
      cw_station_resolve_tariffs (g_ptr_array_index (d->stations, i), tariffs);
    sync->stations = g_steal_pointer (&d->stations);
    sync->delta = d->date_from > 0;
    sync->started_at = d->started_at;
    sync->pages = d->pages;
    sync->total = d->have_total ? d->total : sync->stations->len;
    g_debug ("Synced %u locations in %u pages%s", sync->stations->len, sync->pages,
             sync->delta ? " (delta)" : "");
    g_task_return_pointer (task, sync, (GDestroyNotify) cw_ocpi_sync_free);
  }
}

static void
step_received (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SyncData *d = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GBytes) body = cw_http_send_finish (SOUP_SESSION (object), result, &d->retry_after, &error);
  GTask *parse;
  ParseJob *job;

  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  job = g_new0 (ParseJob, 1);
  job->body = g_bytes_ref (body);
  job->source_id = g_strdup (d->client->source_id);
  job->step = d->step;
  job->lenient = d->client->lenient;
  job->options = d->client->lenient_options;
  parse = g_task_new (NULL, g_task_get_cancellable (task), page_parsed, g_object_ref (task));
  g_task_set_task_data (parse, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (parse, parse_thread);
  g_object_unref (parse);
}

static void
send_step (GTask      *task,
           const char *url)
{
  SyncData *d = g_task_get_task_data (task);
  SoupMessage *msg = soup_message_new (SOUP_METHOD_GET, url);

  if (msg == NULL)
    {
      g_task_return_new_error (task, CW_NET_ERROR, CW_NET_ERROR_FAILED,
                               "The OCPI server gave an invalid URL to follow");
      return;
    }
  if (d->client->auth != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  d->client->auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  g_set_object (&d->msg, msg);
  g_object_unref (msg);

  /* Each step holds its own reference to the task. */
  cw_http_send_async (d->client->session, d->msg, PAGE_MAX_BYTES,
                      g_task_get_cancellable (task), step_received, g_object_ref (task));
}

void
cw_ocpi_client_sync_async (CwOcpiClient        *self,
                           gint64               date_from,
                           CwOcpiProgress       progress,
                           gpointer             progress_data,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  SyncData *d;

  g_return_if_fail (CW_IS_OCPI_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_ocpi_client_sync_async);
  d = g_new0 (SyncData, 1);
  d->client = g_object_ref (self);
  d->date_from = date_from;
  d->progress = progress;
  d->progress_data = progress_data;
  d->stations = g_ptr_array_new_with_free_func (g_object_unref);
  d->started_at = g_get_real_time () / G_USEC_PER_SEC;
  d->retry_after = -1;
  g_task_set_task_data (task, d, (GDestroyNotify) sync_data_free);

  if (self->locations_url != NULL)
    {
      g_autofree char *first = NULL;

      d->step = self->tariffs_url && date_from == 0 ? STEP_TARIFFS : STEP_PAGES;
      if (d->step == STEP_TARIFFS)
        send_step (task, self->tariffs_url);
      else
        {
          first = first_page_url (d);
          send_step (task, first);
        }
    }
  else
    {
      d->step = STEP_DISCOVER;
      send_step (task, self->url);
    }
  g_object_unref (task);
}

static char *
replace_all (const char *text,
             const char *secret)
{
  g_auto (GStrv) parts = NULL;

  if (secret == NULL || *secret == '\0' || strstr (text, secret) == NULL)
    return g_strdup (text);
  parts = g_strsplit (text, secret, -1);
  return g_strjoinv ("[token]", parts);
}

/* A server may echo the token back (in status_message, a reason
 * phrase): it never reaches a message a person or a log sees. */
static void
scrub_token (CwOcpiClient *self,
             GError       *error)
{
  g_autofree char *b64 = NULL;
  g_autofree guchar *plain = NULL;
  g_autofree char *token = NULL;
  g_autofree char *once = NULL;
  gsize len = 0;

  if (error == NULL || self->auth == NULL)
    return;
  b64 = g_strdup (self->auth + strlen ("Token "));
  plain = g_base64_decode (b64, &len);
  token = g_strndup ((const char *) plain, len);
  if (plain != NULL)
    memset (plain, 0, len);
  once = replace_all (error->message, token);
  g_free (error->message);
  error->message = replace_all (once, b64);
  memset (token, 0, strlen (token));
}

CwOcpiSync *
cw_ocpi_client_sync_finish (CwOcpiClient  *self,
                            GAsyncResult  *result,
                            int           *retry_after_out,
                            GError       **error)
{
  SyncData *d;
  GError *local_error = NULL;
  CwOcpiSync *sync;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  d = g_task_get_task_data (G_TASK (result));
  if (retry_after_out)
    *retry_after_out = d->retry_after;
  sync = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      scrub_token (self, local_error);
      g_propagate_error (error, local_error);
    }
  return sync;
}
