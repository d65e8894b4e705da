/* cw-demo-hub.c
 *
 * The locations are kept as the JSON tree of the embedded demo file;
 * a status change edits the tree in place and stamps last_updated with
 * the real time, which is what date_from selects on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-demo-hub"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cw-demo-hub.h"
#include "cw-demo-resources.h"
#include "cw-demo-sim.h"
#include "cw-json.h"

#define DEMO_RESOURCE  "/io/github/chargeway/Chargeway/demo/"
#define DEFAULT_PAGE   50
#define MAX_PAGE       200

struct _CwDemoHub
{
  GObject      parent_instance;

  SoupServer  *server;
  JsonNode    *locations;       /* array */
  JsonNode    *tariffs;         /* array */
  CwDemoSim   *sim;
  double       speed;
  gint64       real_start;
  gint64       sim_start;

  guint        n_evses;
  guint       *evse_location;   /* EVSE → location index */
  JsonObject **evse_object;     /* borrowed from the tree */
  gint64      *location_updated;

  char        *base_url;
  char        *versions_url;
  char        *auth;
  guint        page_size;
  guint        tick_id;
  guint        n_requests;
};

G_DEFINE_FINAL_TYPE (CwDemoHub, cw_demo_hub, G_TYPE_OBJECT)

static void
cw_demo_hub_finalize (GObject *object)
{
  CwDemoHub *self = CW_DEMO_HUB (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->locations, json_node_unref);
  g_clear_pointer (&self->tariffs, json_node_unref);
  g_clear_pointer (&self->sim, cw_demo_sim_free);
  g_free (self->evse_location);
  g_free (self->evse_object);
  g_free (self->location_updated);
  g_free (self->base_url);
  g_free (self->versions_url);
  g_free (self->auth);

  G_OBJECT_CLASS (cw_demo_hub_parent_class)->finalize (object);
}

static void
cw_demo_hub_class_init (CwDemoHubClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_demo_hub_finalize;
}

static void
cw_demo_hub_init (CwDemoHub *self)
{
  self->page_size = DEFAULT_PAGE;
}

static JsonNode *
load_resource (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_strconcat (DEMO_RESOURCE, name, NULL);
  g_autoptr (GBytes) bytes = g_resource_lookup_data (cw_demo_get_resource (), path, 0, error);
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (bytes == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), error))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE, "%s: not an array", name);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static char *
iso_time (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

CwDemoHub *
cw_demo_hub_new (guint32   seed,
                 double    speed,
                 GError  **error)
{
  g_autoptr (CwDemoHub) self = g_object_new (CW_TYPE_DEMO_HUB, NULL);
  g_autofree CwEvseStatus *initial = NULL;
  g_autofree gboolean *is_dc = NULL;
  g_autofree char *now_str = NULL;
  JsonArray *locations;
  guint n_locations, k = 0;

  if (!(self->locations = load_resource ("demo-locations.json", error)) ||
      !(self->tariffs = load_resource ("demo-tariffs.json", error)))
    return NULL;

  self->speed = speed > 0 ? speed : 1.0;
  self->real_start = self->sim_start = g_get_real_time () / G_USEC_PER_SEC;
  now_str = iso_time (self->real_start);

  locations = json_node_get_array (self->locations);
  n_locations = json_array_get_length (locations);
  self->location_updated = g_new0 (gint64, MAX (1, n_locations));
  for (guint i = 0; i < n_locations; i++)
    {
      JsonObject *loc = json_array_get_object_element (locations, i);
      JsonArray *evses = json_object_get_array_member (loc, "evses");
      self->n_evses += evses ? json_array_get_length (evses) : 0;
      /* The snapshot is as of now: the hub is live from its start. */
      json_object_set_string_member (loc, "last_updated", now_str);
      self->location_updated[i] = self->real_start;
    }

  self->evse_location = g_new0 (guint, MAX (1, self->n_evses));
  self->evse_object = g_new0 (JsonObject *, MAX (1, self->n_evses));
  initial = g_new0 (CwEvseStatus, MAX (1, self->n_evses));
  is_dc = g_new0 (gboolean, MAX (1, self->n_evses));

  for (guint i = 0; i < n_locations; i++)
    {
      JsonArray *evses = json_object_get_array_member (json_array_get_object_element (locations, i), "evses");

      for (guint j = 0; evses && j < json_array_get_length (evses); j++)
        {
          JsonObject *evse = json_array_get_object_element (evses, j);
          JsonArray *connectors = json_object_get_array_member (evse, "connectors");
          CwEvseStatus status = CW_EVSE_STATUS_UNKNOWN;

          cw_evse_status_from_string (json_object_get_string_member_with_default (evse, "status", ""), &status);
          json_object_set_string_member (evse, "last_updated", now_str);
          for (guint c = 0; connectors && c < json_array_get_length (connectors); c++)
            if (g_strcmp0 (json_object_get_string_member_with_default (
                    json_array_get_object_element (connectors, c), "power_type", ""), "DC") == 0)
              is_dc[k] = TRUE;
          initial[k] = status;
          self->evse_location[k] = i;
          self->evse_object[k] = evse;
          k++;
        }
    }

  self->sim = cw_demo_sim_new (initial, is_dc, self->n_evses, seed, self->sim_start);
  return g_steal_pointer (&self);
}

guint
cw_demo_hub_tick (CwDemoHub *self,
                  gint64     now)
{
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (CwDemoChange));
  g_autofree char *now_str = NULL;
  JsonArray *locations;
  gint64 sim_now;

  g_return_val_if_fail (CW_IS_DEMO_HUB (self), 0);

  sim_now = self->sim_start + (gint64) ((now - self->real_start) * self->speed);
  cw_demo_sim_advance (self->sim, sim_now, changes);
  if (changes->len == 0)
    return 0;

  now_str = iso_time (now);
  locations = json_node_get_array (self->locations);
  for (guint i = 0; i < changes->len; i++)
    {
      const CwDemoChange *c = &g_array_index (changes, CwDemoChange, i);
      guint loc = self->evse_location[c->evse];

      json_object_set_string_member (self->evse_object[c->evse], "status",
                                     cw_evse_status_to_string (c->status));
      json_object_set_string_member (self->evse_object[c->evse], "last_updated", now_str);
      json_object_set_string_member (json_array_get_object_element (locations, loc),
                                     "last_updated", now_str);
      self->location_updated[loc] = now;
    }
  return changes->len;
}

static gboolean
tick_cb (gpointer user_data)
{
  CwDemoHub *self = user_data;

  cw_demo_hub_tick (self, g_get_real_time () / G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

/* ---- HTTP ---- */

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *data,
              int                ocpi_status,
              const char        *ocpi_message)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *now = iso_time (g_get_real_time () / G_USEC_PER_SEC);
  char *text;
  gsize len;

  json_builder_begin_object (b);
  if (data != NULL)
    {
      json_builder_set_member_name (b, "data");
      json_builder_add_value (b, data);
    }
  json_builder_set_member_name (b, "status_code");
  json_builder_add_int_value (b, ocpi_status);
  json_builder_set_member_name (b, "status_message");
  json_builder_add_string_value (b, ocpi_message);
  json_builder_set_member_name (b, "timestamp");
  json_builder_add_string_value (b, now);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

static gboolean
authorized (CwDemoHub         *self,
            SoupServerMessage *msg)
{
  const char *given;

  if (self->auth == NULL)
    return TRUE;
  given = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  if (given != NULL && g_str_equal (given, self->auth))
    return TRUE;
  respond_json (msg, 401, NULL, 2000, "Unauthorized: a valid Token is required");
  return FALSE;
}

static JsonNode *
versions_data (CwDemoHub *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *url = g_strconcat (self->base_url, "/ocpi/2.2.1", NULL);

  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, "2.2.1");
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, url);
  json_builder_end_object (b);
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static JsonNode *
details_data (CwDemoHub *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  static const char *modules[] = { "locations", "tariffs" };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, "2.2.1");
  json_builder_set_member_name (b, "endpoints");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    {
      g_autofree char *url = g_strconcat (self->base_url, "/ocpi/2.2.1/", modules[i], NULL);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "identifier");
      json_builder_add_string_value (b, modules[i]);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, "SENDER");
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gint64
query_time (GHashTable *query,
            const char *name)
{
  const char *v = query ? g_hash_table_lookup (query, name) : NULL;
  return v ? cw_json_parse_time (v) : 0;
}

static guint
query_uint (GHashTable *query,
            const char *name,
            guint       fallback)
{
  const char *v = query ? g_hash_table_lookup (query, name) : NULL;
  char *end = NULL;
  guint64 n;

  if (v == NULL)
    return fallback;
  n = g_ascii_strtoull (v, &end, 10);
  return end != v && *end == '\0' && n < G_MAXUINT ? (guint) n : fallback;
}

static void
serve_locations (CwDemoHub         *self,
                 SoupServerMessage *msg,
                 GHashTable        *query)
{
  JsonArray *all = json_node_get_array (self->locations);
  g_autoptr (GArray) selected = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 date_from = query_time (query, "date_from");
  gint64 date_to = query_time (query, "date_to");
  guint offset = query_uint (query, "offset", 0);
  guint limit = CLAMP (query_uint (query, "limit", self->page_size), 1, MAX_PAGE);
  g_autoptr (JsonArray) page = json_array_new ();
  g_autoptr (JsonNode) data = json_node_new (JSON_NODE_ARRAY);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *total = NULL;
  g_autofree char *limit_str = NULL;

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      if (date_from > 0 && self->location_updated[i] < date_from)
        continue;
      if (date_to > 0 && self->location_updated[i] >= date_to)
        continue;
      g_array_append_val (selected, i);
    }

  /* In 64 bits: offset + limit must not wrap past the end. */
  for (guint64 i = offset; i < selected->len && i < (guint64) offset + limit; i++)
    json_array_add_element (page, json_node_copy (json_array_get_element (all, g_array_index (selected, guint, i))));
  json_node_set_array (data, page);

  total = g_strdup_printf ("%u", selected->len);
  limit_str = g_strdup_printf ("%u", limit);
  soup_message_headers_replace (headers, "X-Total-Count", total);
  soup_message_headers_replace (headers, "X-Limit", limit_str);
  if ((guint64) offset + limit < selected->len)
    {
      g_autoptr (GString) next = g_string_new (self->base_url);
      g_string_append_printf (next, "/ocpi/2.2.1/locations?offset=%u&limit=%u", (guint) (offset + limit), limit);
      if (date_from > 0)
        {
          g_autofree char *t = iso_time (date_from);
          g_string_append_printf (next, "&date_from=%s", t);
        }
      if (date_to > 0)
        {
          g_autofree char *t = iso_time (date_to);
          g_string_append_printf (next, "&date_to=%s", t);
        }
      {
        g_autofree char *link = g_strdup_printf ("<%s>; rel=\"next\"", next->str);
        soup_message_headers_replace (headers, "Link", link);
      }
    }
  respond_json (msg, 200, g_steal_pointer (&data), 1000, "Success");
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  CwDemoHub *self = user_data;

  self->n_requests++;
  if (soup_server_message_get_method (msg) != SOUP_METHOD_GET)
    {
      respond_json (msg, 405, NULL, 2000, "Only GET is served");
      return;
    }
  if (!authorized (self, msg))
    return;

  /* Catch up before answering, so an answer is never behind the clock. */
  cw_demo_hub_tick (self, g_get_real_time () / G_USEC_PER_SEC);

  if (g_str_equal (path, "/ocpi/versions"))
    respond_json (msg, 200, versions_data (self), 1000, "Success");
  else if (g_str_equal (path, "/ocpi/2.2.1") || g_str_equal (path, "/ocpi/2.2.1/"))
    respond_json (msg, 200, details_data (self), 1000, "Success");
  else if (g_str_equal (path, "/ocpi/2.2.1/locations"))
    serve_locations (self, msg, query);
  else if (g_str_equal (path, "/ocpi/2.2.1/tariffs"))
    respond_json (msg, 200, json_node_copy (self->tariffs), 1000, "Success");
  else
    respond_json (msg, 404, NULL, 2000, "No such endpoint");
}

gboolean
cw_demo_hub_listen (CwDemoHub  *self,
                    guint       port,
                    GError    **error)
{
  g_autoptr (GSocketAddress) address = NULL;
  GSList *uris;

  g_return_val_if_fail (CW_IS_DEMO_HUB (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "chargeway-demo-hub ", NULL);
  soup_server_add_handler (self->server, "/ocpi", handle, self, NULL);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  if (!soup_server_listen (self->server, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    {
      g_autofree char *s = g_uri_to_string (uris->data);
      /* "http://127.0.0.1:PORT/" without the trailing slash */
      self->base_url = g_strndup (s, strlen (s) - (g_str_has_suffix (s, "/") ? 1 : 0));
      self->versions_url = g_strconcat (self->base_url, "/ocpi/versions", NULL);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  return self->versions_url != NULL;
}

const char *
cw_demo_hub_get_versions_url (CwDemoHub *self)
{
  g_return_val_if_fail (CW_IS_DEMO_HUB (self), NULL);
  return self->versions_url;
}

void
cw_demo_hub_set_token (CwDemoHub  *self,
                       const char *token)
{
  g_return_if_fail (CW_IS_DEMO_HUB (self));

  g_clear_pointer (&self->auth, g_free);
  if (token != NULL && *token != '\0')
    {
      g_autofree char *b64 = g_base64_encode ((const guchar *) token, strlen (token));
      self->auth = g_strconcat ("Token ", b64, NULL);
    }
}

void
cw_demo_hub_set_page_size (CwDemoHub *self,
                           guint      size)
{
  g_return_if_fail (CW_IS_DEMO_HUB (self));
  self->page_size = CLAMP (size, 1, MAX_PAGE);
}

guint
cw_demo_hub_get_n_locations (CwDemoHub *self)
{
  return json_array_get_length (json_node_get_array (self->locations));
}

guint
cw_demo_hub_get_n_requests (CwDemoHub *self)
{
  return self->n_requests;
}
