/* cw-geocoder.c
 *
 * Nominatim's usage policy asks for an identifying User-Agent (the
 * session has Chargeway's), at most one request a second (the UI
 * debounces typing) and caching of results (done here).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-geocoder"

#include <string.h>

#include "cw-geo.h"
#include "cw-geocoder.h"
#include "cw-http.h"
#include "cw-json.h"

#define MAX_BYTES (2 * 1024 * 1024)

struct _CwGeocoder
{
  GObject         parent_instance;

  SoupSession    *session;
  CwGeocoderKind  kind;
  char           *base_url;
  GHashTable     *cache;       /* folded query → GPtrArray of CwPlace */
  guint           n_requests;
};

G_DEFINE_FINAL_TYPE (CwGeocoder, cw_geocoder, G_TYPE_OBJECT)

void
cw_place_free (CwPlace *place)
{
  if (place == NULL)
    return;
  g_free (place->name);
  g_free (place->description);
  g_free (place);
}

static CwPlace *
place_copy (const CwPlace *p)
{
  CwPlace *c = g_new0 (CwPlace, 1);

  c->name = g_strdup (p->name);
  c->description = g_strdup (p->description);
  c->latitude = p->latitude;
  c->longitude = p->longitude;
  return c;
}

static GPtrArray *
places_copy (GPtrArray *places)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_place_free);

  for (guint i = 0; i < places->len; i++)
    g_ptr_array_add (copy, place_copy (g_ptr_array_index (places, i)));
  return copy;
}

static gboolean
check_coords (double       lat,
              double       lon,
              const char  *path,
              GError     **error)
{
  if (cw_geo_coords_valid (lat, lon))
    return TRUE;
  g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
               "%s: latitude %g, longitude %g is not a place on Earth", path, lat, lon);
  return FALSE;
}

GPtrArray *
cw_geocoder_parse_nominatim (GBytes  *bytes,
                             GError **error)
{
  g_autoptr (JsonNode) root = cw_json_load (bytes, error);
  g_autoptr (GPtrArray) places = NULL;
  JsonArray *array;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "$: expected an array of places, found %s", cw_json_node_type_name (root));
      return NULL;
    }
  array = json_node_get_array (root);
  places = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_place_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$[%u]", i);
      JsonNode *n = json_array_get_element (array, i);
      g_autofree char *display = NULL;
      g_autofree char *name = NULL;
      gboolean has_lat = FALSE, has_lon = FALSE;
      CwPlace *p;
      double lat = 0, lon = 0;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected an object, found %s", path, cw_json_node_type_name (n));
          return NULL;
        }
      if (!cw_json_get_number (json_node_get_object (n), "lat", path, &lat, &has_lat, error) ||
          !cw_json_get_number (json_node_get_object (n), "lon", path, &lon, &has_lon, error) ||
          !cw_json_dup_string (json_node_get_object (n), "display_name", path, &display, error) ||
          !cw_json_dup_string (json_node_get_object (n), "name", path, &name, error))
        return NULL;
      if (!has_lat || !has_lon)
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "%s: no lat/lon", path);
          return NULL;
        }
      if (!check_coords (lat, lon, path, error))
        return NULL;

      p = g_new0 (CwPlace, 1);
      p->latitude = lat;
      p->longitude = lon;
      if (name != NULL && *name != '\0')
        {
          p->name = g_steal_pointer (&name);
          /* display_name repeats the name first: keep the rest */
          if (display != NULL && g_str_has_prefix (display, p->name))
            {
              const char *rest = display + strlen (p->name);
              while (*rest == ',' || *rest == ' ')
                rest++;
              p->description = g_strdup (rest);
            }
          else
            p->description = g_steal_pointer (&display);
        }
      else
        {
          p->name = g_strdup (display ? display : "?");
          p->description = g_strdup ("");
        }
      g_ptr_array_add (places, p);
    }
  return g_steal_pointer (&places);
}

GPtrArray *
cw_geocoder_parse_photon (GBytes  *bytes,
                          GError **error)
{
  g_autoptr (JsonNode) root = cw_json_load (bytes, error);
  g_autoptr (GPtrArray) places = NULL;
  JsonArray *features = NULL;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "$: expected a GeoJSON FeatureCollection, found %s", cw_json_node_type_name (root));
      return NULL;
    }
  if (!cw_json_get_array (json_node_get_object (root), "features", "$", &features, error))
    return NULL;
  if (features == NULL)
    {
      g_set_error_literal (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "$: no features");
      return NULL;
    }

  places = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_place_free);
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.features[%u]", i);
      JsonNode *n = json_array_get_element (features, i);
      JsonObject *geometry = NULL, *props = NULL;
      JsonArray *coords = NULL;
      g_autofree char *name = NULL;
      g_autofree char *city = NULL;
      g_autofree char *country = NULL;
      CwPlace *p;
      double lat, lon;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected an object, found %s", path, cw_json_node_type_name (n));
          return NULL;
        }
      if (!cw_json_get_object (json_node_get_object (n), "geometry", path, &geometry, error) ||
          !cw_json_get_object (json_node_get_object (n), "properties", path, &props, error))
        return NULL;
      if (geometry == NULL ||
          !cw_json_get_array (geometry, "coordinates", path, &coords, error))
        {
          if (error && *error == NULL)
            g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "%s: no geometry", path);
          return NULL;
        }
      if (coords == NULL || json_array_get_length (coords) < 2 ||
          json_node_get_value_type (json_array_get_element (coords, 0)) == G_TYPE_STRING ||
          !JSON_NODE_HOLDS_VALUE (json_array_get_element (coords, 0)) ||
          !JSON_NODE_HOLDS_VALUE (json_array_get_element (coords, 1)))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s.geometry.coordinates: expected [longitude, latitude]", path);
          return NULL;
        }
      /* GeoJSON puts longitude first */
      lon = json_array_get_double_element (coords, 0);
      lat = json_array_get_double_element (coords, 1);
      if (!check_coords (lat, lon, path, error))
        return NULL;
      if (props != NULL &&
          (!cw_json_dup_string (props, "name", path, &name, error) ||
           !cw_json_dup_string (props, "city", path, &city, error) ||
           !cw_json_dup_string (props, "country", path, &country, error)))
        return NULL;

      p = g_new0 (CwPlace, 1);
      p->latitude = lat;
      p->longitude = lon;
      p->name = g_strdup (name ? name : (city ? city : "?"));
      p->description = g_strjoin (", ", city && g_strcmp0 (city, name) != 0 ? city : "",
                                  country ? country : "", NULL);
      g_strstrip (p->description);
      if (g_str_has_prefix (p->description, ", "))
        memmove (p->description, p->description + 2, strlen (p->description) - 1);
      g_ptr_array_add (places, p);
    }
  return g_steal_pointer (&places);
}

static void
cw_geocoder_finalize (GObject *object)
{
  CwGeocoder *self = CW_GEOCODER (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_hash_table_unref (self->cache);

  G_OBJECT_CLASS (cw_geocoder_parent_class)->finalize (object);
}

static void
cw_geocoder_class_init (CwGeocoderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_geocoder_finalize;
}

static void
cw_geocoder_init (CwGeocoder *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
}

CwGeocoder *
cw_geocoder_new (SoupSession    *session,
                 CwGeocoderKind  kind,
                 const char     *base_url)
{
  CwGeocoder *self = g_object_new (CW_TYPE_GEOCODER, NULL);

  self->session = g_object_ref (session);
  self->kind = kind;
  if (base_url != NULL)
    self->base_url = g_strdup (base_url);
  else
    self->base_url = g_strdup (kind == CW_GEOCODER_PHOTON ? "https://photon.komoot.io"
                                                          : "https://nominatim.openstreetmap.org");
  if (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  return self;
}

static char *
fold_query (const char *query)
{
  g_autofree char *down = g_utf8_casefold (query, -1);
  g_autofree char *norm = g_utf8_normalize (down, -1, G_NORMALIZE_DEFAULT);
  return g_strstrip (g_strdup (norm ? norm : down));
}

typedef struct {
  char *key;
  char *host;   /* the server asked, as errors name it: host[:port] only */
} SearchData;

static void
search_data_free (SearchData *d)
{
  g_free (d->key);
  g_free (d->host);
  g_free (d);
}

static void
search_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CwGeocoder *self = g_task_get_source_object (task);
  SearchData *d = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GBytes) body = cw_http_send_finish (SOUP_SESSION (object), result, NULL, &error);
  GPtrArray *places;

  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  places = self->kind == CW_GEOCODER_PHOTON ? cw_geocoder_parse_photon (body, &error)
                                            : cw_geocoder_parse_nominatim (body, &error);
  if (places == NULL)
    {
      g_prefix_error (&error, "The place search at %s answered something unexpected: ", d->host);
      g_task_return_error (task, error);
      return;
    }
  g_hash_table_replace (self->cache, g_strdup (d->key), g_ptr_array_ref (places));
  g_task_return_pointer (task, places_copy (places), (GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_unref (places);
}

void
cw_geocoder_search_async (CwGeocoder          *self,
                          const char          *query,
                          guint                limit,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *key = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *form = NULL;
  g_autofree char *url = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  GPtrArray *cached;
  SearchData *d;

  g_return_if_fail (CW_IS_GEOCODER (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_geocoder_search_async);
  limit = CLAMP (limit, 1, 40);
  key = g_strdup_printf ("%u\x1f%s", limit, query);
  {
    g_autofree char *folded = fold_query (query);
    g_free (key);
    key = g_strdup_printf ("%u\x1f%s", limit, folded);
  }

  if ((cached = g_hash_table_lookup (self->cache, key)))
    {
      g_task_return_pointer (task, places_copy (cached), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  /* Form-encoded: whatever the place name holds (&, #, ?, /.., line
   * breaks) stays one value of q. */
  limit_text = g_strdup_printf ("%u", limit);
  if (self->kind == CW_GEOCODER_PHOTON)
    form = soup_form_encode ("q", query, "limit", limit_text, NULL);
  else
    form = soup_form_encode ("format", "jsonv2", "q", query, "limit", limit_text, NULL);
  url = cw_http_build_url (self->base_url, self->kind == CW_GEOCODER_PHOTON ? "/api" : "/search",
                           form, NULL);
  msg = url ? soup_message_new (SOUP_METHOD_GET, url) : NULL;
  if (msg == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "The place search address is not a valid URL");
      return;
    }
  d = g_new0 (SearchData, 1);
  d->key = g_steal_pointer (&key);
  d->host = cw_http_describe_host (soup_message_get_uri (msg));
  g_task_set_task_data (task, d, (GDestroyNotify) search_data_free);
  self->n_requests++;
  cw_http_send_async (self->session, msg, MAX_BYTES, cancellable, search_done, g_steal_pointer (&task));
}

GPtrArray *
cw_geocoder_search_finish (CwGeocoder    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
cw_geocoder_get_n_requests (CwGeocoder *self)
{
  return self->n_requests;
}
