/* cw-feed-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-feed-client"

#include <string.h>

#include "cw-feed-client.h"
#include "cw-http.h"
#include "cw-json.h"
#include "cw-ocpi-paging.h"

#define MAX_PAGES      100000
#define MAX_TARIFF_IDS 5000

typedef struct {
  char *etag;
  char *last_modified;
} Validators;

struct _CwFeedClient
{
  GObject      parent_instance;

  SoupSession *session;
  CwHostQueue *queue;
  char        *source_id;
  char        *name;
  char        *locations_url;
  char        *tariffs_url;          /* NULL, or == locations_url: in the same answer */
  char        *tariff_url_pattern;
  char        *key_parameter;        /* shared-key feeds: "apiKey" */
  char        *key;                  /* the publisher's printed key, never logged */
  gboolean     date_from;
  guint        gap_ms;
  guint        page_limit;
  gsize        max_bytes;
  CwBBox       country_bbox;
  gboolean     has_country_bbox;
  gboolean     correct_coordinates;

  GHashTable  *validators;           /* URL → Validators*: answers that came whole */
  GHashTable  *tariffs;              /* id → CwTariff: the last sync's */
};

G_DEFINE_FINAL_TYPE (CwFeedClient, cw_feed_client, G_TYPE_OBJECT)

/* ---- the report ---- */

static void
report_clear (CwFeedReport *report)
{
  g_free (report->source_id);
  g_free (report->feed_name);
  cw_ocpi_parse_stats_clear (&report->stats);
}

CwFeedReport *
cw_feed_report_ref (CwFeedReport *report)
{
  return g_rc_box_acquire (report);
}

void
cw_feed_report_unref (CwFeedReport *report)
{
  if (report != NULL)
    g_rc_box_release_full (report, (GDestroyNotify) report_clear);
}

CwFeedReport *
cw_feed_report_new (const char *source_id,
                    const char *name)
{
  CwFeedReport *report = g_rc_box_new0 (CwFeedReport);

  report->source_id = g_strdup (source_id);
  report->feed_name = g_strdup (name);
  report->time = g_get_real_time () / G_USEC_PER_SEC;
  cw_ocpi_parse_stats_init (&report->stats);
  return report;
}

static CwFeedReport *
report_new (CwFeedClient *self)
{
  return cw_feed_report_new (self->source_id, self->name);
}

char *
cw_feed_report_to_text (const CwFeedReport *r)
{
  GString *s = g_string_new (NULL);
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (r->time);
  g_autofree char *when_text = when ? g_date_time_format (when, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
  const CwOcpiParseStats *st = &r->stats;
  GHashTableIter iter;
  gpointer key, value;

  g_string_append_printf (s, "Data quality of %s (%s), read %s%s\n", r->feed_name, r->source_id, when_text,
                          r->delta ? ", changes only" : "");
  g_string_append_printf (s, "Requests: %u (%u answered \"not modified\", %u gzip files decompressed)\n",
                          r->requests, r->not_modified, r->gunzipped);
  if (r->unchanged)
    {
      g_string_append (s, "Unchanged since the last read: nothing new to check.\n");
      return g_string_free (s, FALSE);
    }
  g_string_append_printf (s, "Locations read: %u\n", r->read);
  g_string_append_printf (s, "Locations shown: %u\n", st->locations - r->hidden);
  g_string_append_printf (s, "Locations not published (publish: false), never shown: %u\n", r->hidden);
  g_string_append_printf (s, "Locations left out: %u\n", st->skipped);
  for (guint k = 0; k < CW_N_OCPI_PROBLEMS; k++)
    if (st->by_kind[k] > 0)
      g_string_append_printf (s, "  %s: %u\n", cw_ocpi_problem_kind_to_string (k), st->by_kind[k]);
  g_string_append_printf (s, "Locations with no id (one derived from the name): %u\n", st->ids_derived);
  g_string_append_printf (s, "EVSE statuses outside OCPI mapped to an OCPI status: %u\n", st->statuses_mapped);
  g_string_append_printf (s, "EVSE statuses outside OCPI left UNKNOWN: %u\n", st->statuses_unknown);
  g_hash_table_iter_init (&iter, st->nonspec_statuses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (s, "  \"%s\": %u\n", (const char *) key, GPOINTER_TO_UINT (value));
  g_string_append_printf (s, "Connector standards outside OCPI mapped: %u\n", st->standards_mapped);
  g_string_append_printf (s, "Times without a zone (read as UTC): %u\n", st->times_without_zone);
  g_string_append_printf (s, "Tariffs read: %u, left out: %u\n", st->tariffs, st->tariffs_skipped);
  if (st->problems->len > 0)
    g_string_append (s, "Problems:\n");
  for (guint i = 0; i < st->problems->len; i++)
    {
      const CwOcpiProblem *p = g_ptr_array_index (st->problems, i);

      g_string_append_printf (s, "  %s %s%s%s%s%s: %s%s\n", cw_ocpi_problem_kind_to_string (p->kind),
                              p->path, p->id ? " id " : "", p->id ? p->id : "",
                              p->name ? " " : "", p->name ? p->name : "", p->message,
                              p->corrected ? " (corrected)" : "");
    }
  return g_string_free (s, FALSE);
}

void
cw_feed_sync_free (CwFeedSync *sync)
{
  if (sync == NULL)
    return;
  g_clear_pointer (&sync->stations, g_ptr_array_unref);
  g_clear_pointer (&sync->hidden_ids, g_ptr_array_unref);
  g_clear_pointer (&sync->report, cw_feed_report_unref);
  g_free (sync);
}

/* ---- the client ---- */

static void
validators_free (Validators *v)
{
  g_free (v->etag);
  g_free (v->last_modified);
  g_free (v);
}

static void
cw_feed_client_finalize (GObject *object)
{
  CwFeedClient *self = CW_FEED_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->queue);
  g_free (self->source_id);
  g_free (self->name);
  g_free (self->locations_url);
  g_free (self->tariffs_url);
  g_free (self->tariff_url_pattern);
  g_free (self->key_parameter);
  if (self->key != NULL)
    memset (self->key, 0, strlen (self->key));
  g_free (self->key);
  g_hash_table_unref (self->validators);
  g_clear_pointer (&self->tariffs, g_hash_table_unref);

  G_OBJECT_CLASS (cw_feed_client_parent_class)->finalize (object);
}

static void
cw_feed_client_class_init (CwFeedClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_feed_client_finalize;
}

static void
cw_feed_client_init (CwFeedClient *self)
{
  self->validators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) validators_free);
  self->max_bytes = CW_HTTP_DEFAULT_MAX_BYTES * 8;
}

CwFeedClient *
cw_feed_client_new (SoupSession  *session,
                    const CwFeed *feed,
                    const char   *source_id)
{
  CwFeedClient *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (feed != NULL, NULL);

  self = g_object_new (CW_TYPE_FEED_CLIENT, NULL);
  self->session = g_object_ref (session);
  self->queue = g_object_ref (cw_host_queue_get_default ());
  self->source_id = g_strdup (source_id ? source_id : feed->id);
  self->name = g_strdup (feed->name);
  self->locations_url = g_strdup (feed->locations_url);
  self->tariffs_url = g_strdup (feed->tariffs_url);
  self->tariff_url_pattern = g_strdup (feed->tariff_url_pattern);
  self->key_parameter = g_strdup (feed->key_parameter);
  self->date_from = feed->date_from;
  self->gap_ms = feed->request_gap * 1000;
  self->country_bbox = feed->country_bbox;
  self->has_country_bbox = feed->has_country_bbox;
  return self;
}

static char *
with_origin (const char *url,
             const char *origin)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GUri) base = NULL;
  g_autoptr (GUri) out = NULL;

  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  base = g_uri_parse (origin, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || base == NULL)
    return g_strdup (url);
  out = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (base), NULL, g_uri_get_host (base),
                     g_uri_get_port (base), g_uri_get_path (uri), g_uri_get_query (uri), NULL);
  return g_uri_to_string (out);
}

void
cw_feed_client_set_origin (CwFeedClient *self,
                           const char   *origin)
{
  char *s;

  g_return_if_fail (CW_IS_FEED_CLIENT (self));
  g_return_if_fail (origin != NULL);

  s = with_origin (self->locations_url, origin);
  g_free (self->locations_url);
  self->locations_url = s;
  s = with_origin (self->tariffs_url, origin);
  g_free (self->tariffs_url);
  self->tariffs_url = s;
  if (self->tariff_url_pattern != NULL)
    {
      /* The pattern holds "{id}", which GUri would refuse: keep it aside. */
      g_autoptr (GString) p = g_string_new (self->tariff_url_pattern);

      g_string_replace (p, "{id}", "cw-tariff-id", 0);
      s = with_origin (p->str, origin);
      g_string_assign (p, s);
      g_free (s);
      g_string_replace (p, "cw-tariff-id", "{id}", 0);
      g_free (self->tariff_url_pattern);
      self->tariff_url_pattern = g_string_free (g_steal_pointer (&p), FALSE);
    }
  g_hash_table_remove_all (self->validators);
}

void
cw_feed_client_set_key (CwFeedClient *self,
                        const char   *key)
{
  g_return_if_fail (CW_IS_FEED_CLIENT (self));

  if (self->key != NULL)
    memset (self->key, 0, strlen (self->key));
  g_free (self->key);
  self->key = key != NULL && *key != '\0' ? g_strdup (key) : NULL;
}

void
cw_feed_client_apply_environment (CwFeedClient *self)
{
  const char *origin = g_getenv ("CHARGEWAY_FEED_ORIGIN");
  const char *gap = g_getenv ("CHARGEWAY_FEED_GAP_MS");

  g_return_if_fail (CW_IS_FEED_CLIENT (self));
  if (origin == NULL || *origin == '\0')
    return;
  cw_feed_client_set_origin (self, origin);
  /* Only a replay may be asked faster than the catalogue says. */
  if (gap != NULL && *gap != '\0')
    self->gap_ms = (guint) g_ascii_strtoull (gap, NULL, 10);
}

void
cw_feed_client_set_host_queue (CwFeedClient *self,
                               CwHostQueue  *queue)
{
  g_return_if_fail (CW_IS_FEED_CLIENT (self));
  g_return_if_fail (CW_IS_HOST_QUEUE (queue));
  g_set_object (&self->queue, queue);
}

void
cw_feed_client_set_request_gap_ms (CwFeedClient *self,
                                   guint         gap_ms)
{
  g_return_if_fail (CW_IS_FEED_CLIENT (self));
  self->gap_ms = gap_ms;
}

void
cw_feed_client_set_page_limit (CwFeedClient *self,
                               guint         limit)
{
  g_return_if_fail (CW_IS_FEED_CLIENT (self));
  self->page_limit = limit;
}

void
cw_feed_client_set_max_bytes (CwFeedClient *self,
                              gsize         max_bytes)
{
  g_return_if_fail (CW_IS_FEED_CLIENT (self));
  self->max_bytes = max_bytes > 0 ? max_bytes : CW_HTTP_DEFAULT_MAX_BYTES;
}

void
cw_feed_client_set_correct_coordinates (CwFeedClient *self,
                                        gboolean      correct)
{
  g_return_if_fail (CW_IS_FEED_CLIENT (self));
  self->correct_coordinates = correct;
}

const char *
cw_feed_client_get_locations_url (CwFeedClient *self)
{
  g_return_val_if_fail (CW_IS_FEED_CLIENT (self), NULL);
  return self->locations_url;
}

gboolean
cw_feed_client_supports_delta (CwFeedClient *self)
{
  g_return_val_if_fail (CW_IS_FEED_CLIENT (self), FALSE);
  return self->date_from;
}

/* ---- one sync ---- */

typedef enum {
  PHASE_TARIFFS,       /* a Tariffs list, maybe paged */
  PHASE_LOCATIONS,     /* Locations, maybe paged; maybe the tariffs too */
  PHASE_TARIFF_EACH,   /* one URL per tariff the connectors name */
} Phase;

typedef struct {
  CwFeedClient  *client;
  Phase          phase;
  gint64         date_from;       /* 0: everything */
  gint64         started_at;
  CwFeedReport  *report;
  GPtrArray     *stations;
  GHashTable    *tariffs;         /* this sync's: id → CwTariff */
  gboolean       tariffs_changed;
  gboolean       unchanged;
  GQueue         tariff_ids;      /* char*: still to fetch, PHASE_TARIFF_EACH */
  char          *tariff_id;       /* the one being fetched */
  char          *url;             /* the request in flight */
  char          *host;
  gboolean       holding_host;
  gboolean       conditional;
  SoupMessage   *msg;
  guint          offset;          /* records so far in this list, for X-Total-Count paging */
  guint          counted_before;  /* records counted before the page being parsed */
  guint          pages;
  guint          list_pages;      /* pages of the current list */
  int            retry_after;
} SyncData;

static void
sync_data_free (SyncData *d)
{
  if (d->holding_host)
    cw_host_queue_release (d->client->queue, d->host);
  g_clear_object (&d->client);
  g_clear_pointer (&d->report, cw_feed_report_unref);
  g_clear_pointer (&d->stations, g_ptr_array_unref);
  g_clear_pointer (&d->tariffs, g_hash_table_unref);
  g_queue_clear_full (&d->tariff_ids, g_free);
  g_free (d->tariff_id);
  g_free (d->url);
  g_free (d->host);
  g_clear_object (&d->msg);
  g_free (d);
}

/* The first page of a list: date_from (when asked and honoured), limit. */
static char *
first_url (SyncData   *d,
           const char *base)
{
  g_autoptr (GString) add = g_string_new (NULL);

  if (d->date_from > 0)
    {
      g_autofree char *t = cw_ocpi_paging_iso_time (d->date_from);
      /* As the feeds document it (and as char.gy was captured): colons
       * are allowed in a query. */
      g_autofree char *esc = g_uri_escape_string (t, ":", FALSE);

      g_string_append_printf (add, "date_from=%s", esc);
    }
  if (d->client->page_limit > 0)
    g_string_append_printf (add, "%slimit=%u", add->len ? "&" : "", d->client->page_limit);
  if (add->len == 0)
    return g_strdup (base);
  return cw_ocpi_paging_edit_query (base, NULL, add->str);
}

static void request (GTask *task, const char *url, gboolean conditional);

/* ---- parsing, in a worker thread ---- */

typedef struct {
  GBytes               *body;
  Phase                 phase;
  gboolean              tariffs_too;    /* the locations answer holds the tariffs */
  char                 *source_id;
  CwOcpiLenientOptions  options;
  CwBBox                bbox;
  CwOcpiParseStats     *stats;          /* the report's; one parse at a time */
} ParseJob;

typedef struct {
  GPtrArray  *stations;
  GHashTable *tariffs;
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
  g_free (r);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr (JsonNode) root = NULL;
  ParseResult *r;
  GError *error = NULL;

  if (!(root = cw_json_load (job->body, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  r = g_new0 (ParseResult, 1);
  if (job->phase == PHASE_LOCATIONS)
    {
      r->stations = cw_ocpi_parse_locations_node_lenient (root, job->source_id, &job->options,
                                                          job->stats, &error);
      if (r->stations != NULL && job->tariffs_too)
        r->tariffs = cw_ocpi_parse_tariffs_node_lenient (root, job->stats, &error);
    }
  else
    r->tariffs = cw_ocpi_parse_tariffs_node_lenient (root, job->stats, &error);

  if (error != NULL)
    {
      parse_result_free (r);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, r, (GDestroyNotify) parse_result_free);
}

/* ---- the steps ---- */

static void
start_locations (GTask *task)
{
  SyncData *d = g_task_get_task_data (task);
  g_autofree char *url = first_url (d, d->client->locations_url);

  d->phase = PHASE_LOCATIONS;
  d->offset = 0;
  d->list_pages = 0;
  /* "Not modified" means nothing to read only when the tariffs did not
   * change either, and only for a full read. */
  request (task, url, d->date_from == 0 && !d->tariffs_changed);
}

static void
add_tariff_ids (SyncData *d)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < d->stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (d->stations, i);

      for (guint j = 0; j < s->n_evses; j++)
        {
          CwEvse *e = &s->evses[j];

          for (guint k = 0; k < e->n_connectors; k++)
            {
              CwConnector *c = &cw_evse_get_connectors (e)[k];

              for (guint t = 0; cw_connector_has_tariff_ids (c) && cw_connector_get_tariff_id (c, t); t++)
                if (g_hash_table_size (seen) < MAX_TARIFF_IDS &&
                    g_hash_table_add (seen, (gpointer) cw_connector_get_tariff_id (c, t)))
                  g_queue_push_tail (&d->tariff_ids, g_strdup (cw_connector_get_tariff_id (c, t)));
            }
        }
    }
}

static void next_tariff (GTask *task);

static void
finish (GTask *task)
{
  SyncData *d = g_task_get_task_data (task);
  CwFeedClient *self = d->client;
  CwFeedSync *sync = g_new0 (CwFeedSync, 1);
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);

  sync->hidden_ids = g_ptr_array_new_with_free_func (g_free);
  if (!d->unchanged)
    {
      /* Pages may repeat an id (a list that moved while it was read):
       * the newest last_updated is kept, as within a page. */
      for (guint i = 0; i < d->stations->len; i++)
        {
          CwStation *s = g_ptr_array_index (d->stations, i);
          gpointer at;

          if (g_hash_table_lookup_extended (index, cw_station_get_id (s), NULL, &at))
            {
              CwStation **slot = (CwStation **) &g_ptr_array_index (kept, GPOINTER_TO_UINT (at));
              gboolean newer = s->last_updated > (*slot)->last_updated;
              g_autofree char *message = g_strdup_printf (
                  "the id is also on an earlier page; the %s record is kept", newer ? "newer (later)" : "earlier");

              cw_ocpi_parse_stats_add_problem (&d->report->stats, CW_OCPI_PROBLEM_DUPLICATE, "$", cw_station_get_id (s),
                                               cw_station_get_name (s), message);
              d->report->stats.skipped++;
              d->report->stats.locations--;
              if (newer)
                {
                  g_object_unref (*slot);
                  *slot = g_object_ref (s);
                  g_hash_table_replace (index, (gpointer) cw_station_get_id (s), at);
                }
              continue;
            }
          g_hash_table_insert (index, (gpointer) cw_station_get_id (s), GUINT_TO_POINTER (kept->len));
          g_ptr_array_add (kept, g_object_ref (s));
        }

      sync->stations = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < kept->len; i++)
        {
          CwStation *s = g_ptr_array_index (kept, i);

          /* OCPI: publish false is not for the public. Never shown. */
          if (!s->is_public)
            {
              g_ptr_array_add (sync->hidden_ids, g_strdup (cw_station_get_id (s)));
              d->report->hidden++;
              continue;
            }
          cw_station_resolve_tariffs (s, d->tariffs);
          g_ptr_array_add (sync->stations, g_object_ref (s));
        }
      g_clear_pointer (&self->tariffs, g_hash_table_unref);
      self->tariffs = g_hash_table_ref (d->tariffs);
    }
  else
    sync->stations = g_ptr_array_new_with_free_func (g_object_unref);

  d->report->time = g_get_real_time () / G_USEC_PER_SEC;
  d->report->delta = d->date_from > 0;
  d->report->unchanged = d->unchanged;
  d->report->read = d->report->stats.locations + d->report->stats.skipped;
  sync->delta = d->date_from > 0;
  sync->unchanged = d->unchanged;
  sync->started_at = d->started_at;
  sync->pages = d->pages;
  sync->report = cw_feed_report_ref (d->report);
  g_debug ("%s: %u locations shown, %u hidden, %u left out, %u requests%s", self->source_id,
           sync->stations->len, d->report->hidden, d->report->stats.skipped, d->report->requests,
           d->unchanged ? " (not modified)" : "");
  g_task_return_pointer (task, sync, (GDestroyNotify) cw_feed_sync_free);
}

/* The next page of the list just read, if any: Link rel="next", else
 * offset/limit from X-Total-Count. */
static char *
next_page (SyncData *d,
           guint     got)
{
  guint64 total = 0;
  gboolean have_total = cw_ocpi_paging_total_count (d->msg, &total);
  char *next;

  if (got == 0 || d->list_pages >= MAX_PAGES)
    return NULL;
  next = cw_ocpi_paging_next_url (d->msg, have_total, total, d->offset);
  if (next != NULL && d->client->key_parameter != NULL)
    {
      /* The key is added on the wire, never kept in a URL. */
      g_autofree char *param = g_strconcat (d->client->key_parameter, "=", NULL);
      const char * const drop[] = { param, NULL };
      char *clean = cw_ocpi_paging_edit_query (next, drop, NULL);

      memset (next, 0, strlen (next));
      g_free (next);
      next = clean;
    }
  return next;
}

/* Records in the response just parsed, kept or not. */
static guint
records_counted (SyncData *d)
{
  const CwOcpiParseStats *st = &d->report->stats;

  return d->phase == PHASE_LOCATIONS ? st->locations + st->skipped : st->tariffs + st->tariffs_skipped;
}

static void
parsed (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SyncData *d = g_task_get_task_data (task);
  GError *error = NULL;
  ParseResult *r = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *next = NULL;
  guint got;

  if (r == NULL)
    {
      cw_ocpi_paging_return_error (task, d->msg, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      parse_result_free (r);
      return;
    }

  d->list_pages++;
  switch (d->phase)
    {
    case PHASE_TARIFFS:
      got = records_counted (d) - d->counted_before;
      cw_ocpi_paging_take_tariffs (d->tariffs, r->tariffs);
      d->offset += got;
      parse_result_free (r);
      if ((next = next_page (d, got)) != NULL)
        {
          request (task, next, FALSE);
          return;
        }
      start_locations (task);
      return;

    case PHASE_LOCATIONS:
      got = records_counted (d) - d->counted_before;
      g_ptr_array_extend_and_steal (d->stations, g_steal_pointer (&r->stations));
      if (r->tariffs != NULL)
        {
          cw_ocpi_paging_take_tariffs (d->tariffs, r->tariffs);
          d->tariffs_changed = TRUE;
        }
      parse_result_free (r);
      d->pages++;
      d->offset += got;
      if ((next = next_page (d, got)) != NULL)
        {
          request (task, next, FALSE);
          return;
        }
      if (d->client->tariff_url_pattern != NULL)
        {
          add_tariff_ids (d);
          d->phase = PHASE_TARIFF_EACH;
          next_tariff (task);
          return;
        }
      finish (task);
      return;

    case PHASE_TARIFF_EACH:
    default:
      cw_ocpi_paging_take_tariffs (d->tariffs, r->tariffs);
      parse_result_free (r);
      next_tariff (task);
      return;
    }
}

static void
next_tariff (GTask *task)
{
  SyncData *d = g_task_get_task_data (task);
  g_autofree char *url = NULL;

  g_clear_pointer (&d->tariff_id, g_free);
  d->tariff_id = g_queue_pop_head (&d->tariff_ids);
  if (d->tariff_id == NULL)
    {
      finish (task);
      return;
    }
  url = cw_feed_get_tariff_url (&(CwFeed) { .tariff_url_pattern = d->client->tariff_url_pattern }, d->tariff_id);
  /* Known from the last sync: "not modified" keeps it. */
  request (task, url, d->client->tariffs != NULL && g_hash_table_contains (d->client->tariffs, d->tariff_id));
}

static void
remember_validators (SyncData *d,
                     gboolean  whole)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (d->msg);
  const char *etag = soup_message_headers_get_one (headers, "ETag");
  const char *modified = soup_message_headers_get_one (headers, "Last-Modified");

  /* Only an answer that came whole (no next page) says "all unchanged". */
  if (!whole || (etag == NULL && modified == NULL))
    {
      g_hash_table_remove (d->client->validators, d->url);
      return;
    }
  {
    Validators *v = g_new0 (Validators, 1);

    v->etag = g_strdup (etag);
    v->last_modified = g_strdup (modified);
    g_hash_table_replace (d->client->validators, g_strdup (d->url), v);
  }
}

static void
received (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SyncData *d = g_task_get_task_data (task);
  CwFeedClient *self = d->client;
  GError *error = NULL;
  guint status = 0;
  gboolean gunzipped = FALSE;
  g_autoptr (GBytes) body = cw_http_send_full_finish (SOUP_SESSION (object), result, &status, &gunzipped,
                                                      &d->retry_after, &error);
  GTask *parse;
  ParseJob *job;

  cw_host_queue_release (self->queue, d->host);
  d->holding_host = FALSE;
  d->report->requests++;

  if (body == NULL)
    {
      if (g_error_matches (error, CW_NET_ERROR, CW_NET_ERROR_RATE_LIMITED))
        cw_host_queue_slow_down (self->queue, d->host);
      /* One tariff of many gone: its connectors' price is unknown, the
       * rest of the feed is fine. */
      if (d->phase == PHASE_TARIFF_EACH && g_error_matches (error, CW_NET_ERROR, CW_NET_ERROR_NOT_FOUND))
        {
          cw_ocpi_parse_stats_add_problem (&d->report->stats, CW_OCPI_PROBLEM_TARIFF_INVALID, "$",
                                           d->tariff_id, NULL, error->message);
          d->report->stats.tariffs_skipped++;
          g_error_free (error);
          next_tariff (task);
          return;
        }
      g_task_return_error (task, error);
      return;
    }
  cw_host_queue_recover (self->queue, d->host);
  if (gunzipped)
    d->report->gunzipped++;

  if (status == SOUP_STATUS_NOT_MODIFIED && (!d->conditional || self->tariffs == NULL ||
                                            (d->phase == PHASE_TARIFF_EACH &&
                                             !g_hash_table_contains (self->tariffs, d->tariff_id))))
    {
      g_autofree char *host = cw_http_describe_host (soup_message_get_uri (d->msg));

      g_task_return_new_error (task, CW_NET_ERROR, CW_NET_ERROR_FAILED,
                               "%s answered \"not modified\" to a request that had nothing to compare", host);
      return;
    }
  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      d->report->not_modified++;
      switch (d->phase)
        {
        case PHASE_TARIFFS:
          {
            GHashTableIter iter;
            gpointer key, value;

            /* The whole list as last read. */
            g_hash_table_iter_init (&iter, self->tariffs);
            while (g_hash_table_iter_next (&iter, &key, &value))
              g_hash_table_replace (d->tariffs, g_strdup (key), cw_tariff_ref (value));
            d->report->stats.tariffs = g_hash_table_size (d->tariffs);
            start_locations (task);
            return;
          }
        case PHASE_LOCATIONS:
          d->unchanged = TRUE;
          finish (task);
          return;
        case PHASE_TARIFF_EACH:
        default:
          g_hash_table_replace (d->tariffs, g_strdup (d->tariff_id),
                                cw_tariff_ref (g_hash_table_lookup (self->tariffs, d->tariff_id)));
          d->report->stats.tariffs++;
          next_tariff (task);
          return;
        }
    }

  if (d->phase == PHASE_TARIFFS)
    d->tariffs_changed = TRUE;
  {
    SoupMessageHeaders *headers = soup_message_get_response_headers (d->msg);
    gboolean paged = soup_message_headers_get_one (headers, "Link") != NULL ||
                     (soup_message_headers_get_one (headers, "X-Total-Count") != NULL && self->page_limit > 0);

    /* Validators are kept for the first answer of a full read and for
     * each tariff's own URL; only an answer that came whole keeps them. */
    if (d->phase == PHASE_TARIFF_EACH || (d->date_from == 0 && d->list_pages == 0))
      remember_validators (d, !paged);
  }

  d->counted_before = records_counted (d);
  job = g_new0 (ParseJob, 1);
  job->body = g_bytes_ref (body);
  job->phase = d->phase;
  job->tariffs_too = d->phase == PHASE_LOCATIONS && g_strcmp0 (self->tariffs_url, self->locations_url) == 0;
  job->source_id = g_strdup (self->source_id);
  job->bbox = self->country_bbox;
  job->options.country_bbox = self->has_country_bbox ? &job->bbox : NULL;
  job->options.correct_coordinates = self->correct_coordinates;
  job->stats = &d->report->stats;
  parse = g_task_new (NULL, g_task_get_cancellable (task), parsed, g_object_ref (task));
  g_task_set_task_data (parse, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (parse, parse_thread);
  g_object_unref (parse);
}

static void
host_acquired (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SyncData *d = g_task_get_task_data (task);
  CwFeedClient *self = d->client;
  GError *error = NULL;
  SoupMessage *msg;
  SoupMessageHeaders *headers;
  GCancellable *cancellable;
  Validators *v;

  if (!cw_host_queue_acquire_finish (CW_HOST_QUEUE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  d->holding_host = TRUE;     /* handed back by received () or sync_data_free () */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->key != NULL && self->key_parameter != NULL)
    {
      /* The key goes on the wire only: d->url (validators, messages) never holds it. */
      g_autofree char *param = g_strconcat (self->key_parameter, "=", NULL);
      g_autofree char *escaped = g_uri_escape_string (self->key, NULL, FALSE);
      g_autofree char *add = g_strconcat (param, escaped, NULL);
      const char * const drop[] = { param, NULL };
      g_autofree char *keyed = cw_ocpi_paging_edit_query (d->url, drop, add);

      msg = keyed ? soup_message_new (SOUP_METHOD_GET, keyed) : NULL;
      if (keyed != NULL)
        memset (keyed, 0, strlen (keyed));
      memset (add, 0, strlen (add));
      memset (escaped, 0, strlen (escaped));
    }
  else
    msg = soup_message_new (SOUP_METHOD_GET, d->url);
  if (msg == NULL)
    {
      g_task_return_new_error (task, CW_NET_ERROR, CW_NET_ERROR_FAILED,
                               "%s gave an invalid URL to follow", self->name);
      return;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (d->conditional && (v = g_hash_table_lookup (self->validators, d->url)) != NULL)
    {
      if (v->etag != NULL)
        soup_message_headers_replace (headers, "If-None-Match", v->etag);
      if (v->last_modified != NULL)
        soup_message_headers_replace (headers, "If-Modified-Since", v->last_modified);
    }
  g_set_object (&d->msg, msg);
  g_object_unref (msg);
  cancellable = g_task_get_cancellable (task);
  cw_http_send_full_async (self->session, d->msg, self->max_bytes,
                           CW_HTTP_SEND_NOT_MODIFIED | CW_HTTP_SEND_GUNZIP,
                           cancellable, received, g_steal_pointer (&task));
}

/* Every request waits for its host's turn. */
static void
request (GTask      *task,
         const char *url,
         gboolean    conditional)
{
  SyncData *d = g_task_get_task_data (task);
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_task_return_new_error (task, CW_NET_ERROR, CW_NET_ERROR_FAILED,
                               "%s gave an invalid URL to follow", d->client->name);
      return;
    }
  g_free (d->url);
  d->url = g_strdup (url);
  g_free (d->host);
  d->host = cw_http_describe_host (uri);
  d->conditional = conditional;
  cw_host_queue_acquire_async (d->client->queue, d->host, d->client->gap_ms, g_task_get_cancellable (task),
                               host_acquired, g_object_ref (task));
}

void
cw_feed_client_sync_async (CwFeedClient        *self,
                           gint64               date_from,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  SyncData *d;

  g_return_if_fail (CW_IS_FEED_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_feed_client_sync_async);
  d = g_new0 (SyncData, 1);
  d->client = g_object_ref (self);
  /* Feeds that ignore date_from would answer everything as a "delta":
   * they are always read whole. A delta needs the tariffs of a full read. */
  d->date_from = self->date_from && self->tariffs != NULL ? date_from : 0;
  d->started_at = g_get_real_time () / G_USEC_PER_SEC;
  d->report = report_new (self);
  d->stations = g_ptr_array_new_with_free_func (g_object_unref);
  d->tariffs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cw_tariff_unref);
  d->retry_after = -1;
  g_queue_init (&d->tariff_ids);
  g_task_set_task_data (task, d, (GDestroyNotify) sync_data_free);

  if (d->date_from > 0)
    {
      /* A delta brings only changed tariffs: start from the last ones. */
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->tariffs);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_replace (d->tariffs, g_strdup (key), cw_tariff_ref (value));
    }

  if (self->tariffs_url != NULL && g_strcmp0 (self->tariffs_url, self->locations_url) != 0)
    {
      g_autofree char *url = first_url (d, self->tariffs_url);

      d->phase = PHASE_TARIFFS;
      request (task, url, d->date_from == 0 && self->tariffs != NULL);
    }
  else
    start_locations (task);
}

CwFeedSync *
cw_feed_client_sync_finish (CwFeedClient  *self,
                            GAsyncResult  *result,
                            int           *retry_after_out,
                            GError       **error)
{
  SyncData *d;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  d = g_task_get_task_data (G_TASK (result));
  if (retry_after_out)
    *retry_after_out = d->retry_after;
  return g_task_propagate_pointer (G_TASK (result), error);
}
