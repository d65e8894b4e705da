/* cw-feed-catalogue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-feed-catalogue"

#include <string.h>

#include "cw-demo-resources.h"
#include "cw-feed-catalogue.h"
#include "cw-json.h"

struct _CwFeedCatalogue
{
  GObject     parent_instance;

  char       *about;
  GPtrArray  *feeds;      /* CwFeed* */
  GHashTable *by_id;      /* id → CwFeed*, borrowed */
};

G_DEFINE_FINAL_TYPE (CwFeedCatalogue, cw_feed_catalogue, G_TYPE_OBJECT)

static const char * const form_names[CW_N_FEED_FORMS] = {
  "ocpi-envelope", "ocpi-paged-link", "data-wrapper", "ocpi-by-module",
  "bare-array", "jolt-locations",
};

const char *
cw_feed_form_to_string (CwFeedForm form)
{
  if ((guint) form >= CW_N_FEED_FORMS)
    return NULL;
  return form_names[form];
}

gboolean
cw_feed_form_from_string (const char *str,
                          CwFeedForm *out)
{
  for (guint i = 0; str != NULL && i < CW_N_FEED_FORMS; i++)
    if (g_str_equal (str, form_names[i]))
      {
        *out = (CwFeedForm) i;
        return TRUE;
      }
  return FALSE;
}

static void
feed_free (CwFeed *feed)
{
  g_free (feed->id);
  g_free (feed->name);
  g_free (feed->country);
  g_free (feed->country_name);
  g_free (feed->locations_url);
  g_free (feed->tariffs_url);
  g_free (feed->tariff_url_pattern);
  g_free (feed->key_parameter);
  g_free (feed->licence_id);
  g_free (feed->licence_name);
  g_free (feed->licence_url);
  g_free (feed->attribution);
  g_free (feed->source);
  g_free (feed->notes);
  g_free (feed);
}

static void
cw_feed_catalogue_finalize (GObject *object)
{
  CwFeedCatalogue *self = CW_FEED_CATALOGUE (object);

  g_free (self->about);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->feeds, g_ptr_array_unref);

  G_OBJECT_CLASS (cw_feed_catalogue_parent_class)->finalize (object);
}

static void
cw_feed_catalogue_class_init (CwFeedCatalogueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_feed_catalogue_finalize;
}

static void
cw_feed_catalogue_init (CwFeedCatalogue *self)
{
  self->feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ---- parsing ---- */

static gboolean
require_string (JsonObject  *object,
                const char  *member,
                const char  *path,
                char       **out,
                GError     **error)
{
  if (!cw_json_dup_string (object, member, path, out, error))
    return FALSE;
  if (*out == NULL || **out == '\0')
    {
      g_clear_pointer (out, g_free);
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "%s: no \"%s\"", path, member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_bool (JsonObject  *object,
          const char  *member,
          const char  *path,
          gboolean     fallback,
          gboolean    *out,
          GError     **error)
{
  JsonNode *n = json_object_get_member (object, member);

  *out = fallback;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "%s.%s: expected true or false, found %s", path, member, cw_json_node_type_name (n));
      return FALSE;
    }
  *out = json_node_get_boolean (n);
  return TRUE;
}

static gboolean
get_seconds (JsonObject  *object,
             const char  *member,
             const char  *path,
             guint       *out,
             GError     **error)
{
  double v = -1;
  gboolean present = FALSE;

  if (!cw_json_get_number (object, member, path, &v, &present, error))
    return FALSE;
  if (!present || v < 1 || v > 7 * 24 * 3600 || v != (guint) v)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
                   "%s.%s: a whole number of seconds, at least 1, is needed", path, member);
      return FALSE;
    }
  *out = (guint) v;
  return TRUE;
}

/* Every address is https: open data or not, what a driver sees must
 * not be changed on the way. */
static gboolean
check_url (const char  *url,
           const char  *path,
           const char  *member,
           GError     **error)
{
  g_autoptr (GUri) uri = NULL;

  if (url == NULL)
    return TRUE;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 ||
      g_uri_get_host (uri) == NULL || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "%s.%s: \"%s\" is not an https URL", path, member, url);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_bbox (JsonObject  *country,
            const char  *path,
            CwBBox      *box,
            GError     **error)
{
  JsonArray *a = NULL;
  double v[4];

  if (!cw_json_get_array (country, "bbox", path, &a, error))
    return FALSE;
  if (a == NULL || json_array_get_length (a) != 4)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                   "%s.bbox: [min_lat, min_lon, max_lat, max_lon] is needed", path);
      return FALSE;
    }
  for (guint i = 0; i < 4; i++)
    {
      JsonNode *n = json_array_get_element (a, i);

      if (!JSON_NODE_HOLDS_VALUE (n) || (json_node_get_value_type (n) != G_TYPE_DOUBLE &&
                                         json_node_get_value_type (n) != G_TYPE_INT64))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s.bbox[%u]: expected a number", path, i);
          return FALSE;
        }
      v[i] = json_node_get_double (n);
    }
  box->min_lat = v[0];
  box->min_lon = v[1];
  box->max_lat = v[2];
  box->max_lon = v[3];
  if (!cw_geo_coords_valid (box->min_lat, box->min_lon) ||
      !cw_geo_coords_valid (box->max_lat, box->max_lon) ||
      box->min_lat >= box->max_lat || box->min_lon >= box->max_lon)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
                   "%s.bbox: not a box on Earth", path);
      return FALSE;
    }
  return TRUE;
}

static CwFeed *
parse_feed (JsonObject  *object,
            const char  *path,
            JsonObject  *countries,
            JsonObject  *licences,
            GError     **error)
{
  CwFeed *feed = g_new0 (CwFeed, 1);
  g_autofree char *form = NULL;
  g_autofree char *access = NULL;
  JsonObject *country = NULL, *licence = NULL;
  g_autofree char *cpath = NULL;
  g_autofree char *lpath = NULL;

  if (!require_string (object, "id", path, &feed->id, error) ||
      !require_string (object, "name", path, &feed->name, error) ||
      !require_string (object, "country", path, &feed->country, error) ||
      !require_string (object, "locations_url", path, &feed->locations_url, error) ||
      !cw_json_dup_string (object, "tariffs_url", path, &feed->tariffs_url, error) ||
      !cw_json_dup_string (object, "tariff_url_pattern", path, &feed->tariff_url_pattern, error) ||
      !require_string (object, "form", path, &form, error) ||
      !require_string (object, "access", path, &access, error) ||
      !cw_json_dup_string (object, "key_parameter", path, &feed->key_parameter, error) ||
      !require_string (object, "licence", path, &feed->licence_id, error) ||
      !require_string (object, "attribution", path, &feed->attribution, error) ||
      !require_string (object, "source", path, &feed->source, error) ||
      !cw_json_dup_string (object, "notes", path, &feed->notes, error) ||
      !get_bool (object, "gzip_file", path, FALSE, &feed->gzip_file, error) ||
      !get_bool (object, "date_from", path, FALSE, &feed->date_from, error) ||
      !get_bool (object, "licence_verified", path, TRUE, &feed->licence_verified, error) ||
      !get_seconds (object, "request_gap_seconds", path, &feed->request_gap, error) ||
      !get_seconds (object, "refresh_interval_seconds", path, &feed->refresh_interval, error) ||
      !check_url (feed->locations_url, path, "locations_url", error) ||
      !check_url (feed->tariffs_url, path, "tariffs_url", error) ||
      !check_url (feed->tariff_url_pattern, path, "tariff_url_pattern", error))
    goto fail;

  /* Ids go into source specs ("feed:ID") and cache file names. */
  for (const char *c = feed->id; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      {
        g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                     "%s.id: \"%s\": only letters, digits, - and _", path, feed->id);
        goto fail;
      }
  if (!cw_feed_form_from_string (form, &feed->form))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "%s.form: \"%s\" is not a form Chargeway reads", path, form);
      goto fail;
    }
  if (g_str_equal (access, "open"))
    feed->access = CW_FEED_ACCESS_OPEN;
  else if (g_str_equal (access, "shared-key") && feed->key_parameter != NULL)
    feed->access = CW_FEED_ACCESS_SHARED_KEY;
  else
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "%s.access: \"open\", or \"shared-key\" with a key_parameter", path);
      goto fail;
    }
  if (feed->tariff_url_pattern != NULL && strstr (feed->tariff_url_pattern, "{id}") == NULL)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "%s.tariff_url_pattern: no {id} in it", path);
      goto fail;
    }
  if (feed->tariffs_url != NULL && feed->tariff_url_pattern != NULL)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "%s: tariffs_url or tariff_url_pattern, not both", path);
      goto fail;
    }

  cpath = g_strdup_printf ("$.countries.%s", feed->country);
  if (!cw_json_get_object (countries, feed->country, "$.countries", &country, error))
    goto fail;
  if (country == NULL)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                   "%s.country: \"%s\" is not in $.countries", path, feed->country);
      goto fail;
    }
  if (!require_string (country, "name", cpath, &feed->country_name, error) ||
      !parse_bbox (country, cpath, &feed->country_bbox, error))
    goto fail;
  feed->has_country_bbox = TRUE;

  lpath = g_strdup_printf ("$.licences.%s", feed->licence_id);
  if (!cw_json_get_object (licences, feed->licence_id, "$.licences", &licence, error))
    goto fail;
  if (licence == NULL)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                   "%s.licence: \"%s\" is not in $.licences", path, feed->licence_id);
      goto fail;
    }
  if (!require_string (licence, "name", lpath, &feed->licence_name, error) ||
      !require_string (licence, "url", lpath, &feed->licence_url, error) ||
      !check_url (feed->licence_url, lpath, "url", error))
    goto fail;

  return feed;

fail:
  feed_free (feed);
  return NULL;
}

CwFeedCatalogue *
cw_feed_catalogue_new_from_bytes (GBytes  *bytes,
                                  GError **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (CwFeedCatalogue) self = NULL;
  JsonObject *top, *countries = NULL, *licences = NULL;
  JsonArray *feeds = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!(root = cw_json_load (bytes, error)))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "$: expected the catalogue object, found %s", cw_json_node_type_name (root));
      return NULL;
    }
  top = json_node_get_object (root);
  self = g_object_new (CW_TYPE_FEED_CATALOGUE, NULL);
  if (!cw_json_dup_string (top, "about", "$", &self->about, error) ||
      !cw_json_get_object (top, "countries", "$", &countries, error) ||
      !cw_json_get_object (top, "licences", "$", &licences, error) ||
      !cw_json_get_array (top, "feeds", "$", &feeds, error))
    return NULL;
  if (countries == NULL || licences == NULL || feeds == NULL)
    {
      g_set_error_literal (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                           "$: \"countries\", \"licences\" and \"feeds\" are needed");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (feeds); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.feeds[%u]", i);
      JsonNode *n = json_array_get_element (feeds, i);
      CwFeed *feed;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected a feed object, found %s", path, cw_json_node_type_name (n));
          return NULL;
        }
      if (!(feed = parse_feed (json_node_get_object (n), path, countries, licences, error)))
        return NULL;
      if (g_hash_table_contains (self->by_id, feed->id))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s.id: \"%s\" is already taken", path, feed->id);
          feed_free (feed);
          return NULL;
        }
      g_ptr_array_add (self->feeds, feed);
      g_hash_table_insert (self->by_id, feed->id, feed);
    }
  return g_steal_pointer (&self);
}

CwFeedCatalogue *
cw_feed_catalogue_get_default (void)
{
  static CwFeedCatalogue *catalogue;

  if (g_once_init_enter (&catalogue))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = g_resource_lookup_data (cw_demo_get_resource (),
                                                         CW_FEED_CATALOGUE_RESOURCE,
                                                         G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      CwFeedCatalogue *loaded = bytes ? cw_feed_catalogue_new_from_bytes (bytes, &error) : NULL;

      if (loaded == NULL)
        {
          g_critical ("The embedded open feed catalogue is broken: %s", error->message);
          /* An empty one, so callers need no second path. */
          loaded = g_object_new (CW_TYPE_FEED_CATALOGUE, NULL);
        }
      g_once_init_leave (&catalogue, loaded);
    }
  return catalogue;
}

guint
cw_feed_catalogue_get_n_feeds (CwFeedCatalogue *self)
{
  g_return_val_if_fail (CW_IS_FEED_CATALOGUE (self), 0);
  return self->feeds->len;
}

const CwFeed *
cw_feed_catalogue_get_feed (CwFeedCatalogue *self,
                            guint            index)
{
  g_return_val_if_fail (CW_IS_FEED_CATALOGUE (self), NULL);
  g_return_val_if_fail (index < self->feeds->len, NULL);
  return g_ptr_array_index (self->feeds, index);
}

const CwFeed *
cw_feed_catalogue_lookup (CwFeedCatalogue *self,
                          const char      *id)
{
  g_return_val_if_fail (CW_IS_FEED_CATALOGUE (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

const char *
cw_feed_catalogue_get_about (CwFeedCatalogue *self)
{
  g_return_val_if_fail (CW_IS_FEED_CATALOGUE (self), NULL);
  return self->about;
}

char *
cw_feed_get_tariff_url (const CwFeed *feed,
                        const char   *tariff_id)
{
  g_autofree char *escaped = NULL;
  g_auto (GStrv) parts = NULL;

  g_return_val_if_fail (feed != NULL, NULL);
  g_return_val_if_fail (tariff_id != NULL, NULL);

  if (feed->tariff_url_pattern == NULL)
    return NULL;
  /* A tariff id is the feed's data: it must stay one path segment. */
  escaped = g_uri_escape_string (tariff_id, NULL, FALSE);
  parts = g_strsplit (feed->tariff_url_pattern, "{id}", -1);
  return g_strjoinv (escaped, parts);
}

void
cw_feed_get_lenient_options (const CwFeed         *feed,
                             CwOcpiLenientOptions *out)
{
  g_return_if_fail (feed != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->country_bbox = feed->has_country_bbox ? &feed->country_bbox : NULL;
  out->correct_coordinates = FALSE;
}
