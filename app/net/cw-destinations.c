/* cw-destinations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-destinations"

#include <string.h>

#include "cw-destinations.h"
#include "cw-geo.h"
#include "cw-json.h"

struct _CwDestination
{
  GObject  parent_instance;

  char    *name;
  double   latitude;
  double   longitude;
};

G_DEFINE_FINAL_TYPE (CwDestination, cw_destination, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cw_destination_finalize (GObject *object)
{
  CwDestination *self = CW_DESTINATION (object);

  g_free (self->name);
  G_OBJECT_CLASS (cw_destination_parent_class)->finalize (object);
}

static void
cw_destination_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CwDestination *self = CW_DESTINATION (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LATITUDE:
      g_value_set_double (value, self->latitude);
      break;
    case PROP_LONGITUDE:
      g_value_set_double (value, self->longitude);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_destination_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CwDestination *self = CW_DESTINATION (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;
    case PROP_LATITUDE:
      self->latitude = g_value_get_double (value);
      break;
    case PROP_LONGITUDE:
      self->longitude = g_value_get_double (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_destination_class_init (CwDestinationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cw_destination_finalize;
  object_class->get_property = cw_destination_get_property;
  object_class->set_property = cw_destination_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_LATITUDE] = g_param_spec_double ("latitude", NULL, NULL, -90, 90, 0, flags);
  properties[PROP_LONGITUDE] = g_param_spec_double ("longitude", NULL, NULL, -180, 180, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_destination_init (CwDestination *self)
{
}

CwDestination *
cw_destination_new (const char *name,
                    double      latitude,
                    double      longitude)
{
  if (name == NULL || *name == '\0' || !cw_geo_coords_valid (latitude, longitude))
    return NULL;
  return g_object_new (CW_TYPE_DESTINATION,
                       "name", name,
                       "latitude", latitude,
                       "longitude", longitude,
                       NULL);
}

const char *
cw_destination_get_name (CwDestination *self)
{
  g_return_val_if_fail (CW_IS_DESTINATION (self), NULL);
  return self->name;
}

double
cw_destination_get_latitude (CwDestination *self)
{
  g_return_val_if_fail (CW_IS_DESTINATION (self), 0.0);
  return self->latitude;
}

double
cw_destination_get_longitude (CwDestination *self)
{
  g_return_val_if_fail (CW_IS_DESTINATION (self), 0.0);
  return self->longitude;
}

static gboolean
get_degrees (JsonObject  *object,
             const char  *member,
             const char  *path,
             double       limit,
             double      *out,
             GError     **error)
{
  gboolean present = FALSE;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!cw_json_get_number (object, member, path, out, &present, error))
    return FALSE;
  if (!present)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                   "%s.%s: missing (degrees, WGS84)", path, member);
      return FALSE;
    }
  if (!(*out >= -limit && *out <= limit))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
                   "%s.%s: %s is out of range (-%g…%g)", path, member,
                   g_ascii_dtostr (buf, sizeof buf, *out), limit, limit);
      return FALSE;
    }
  return TRUE;
}

static CwDestination *
parse_entry (JsonNode    *node,
             const char  *path,
             GError     **error)
{
  JsonObject *object;
  g_autofree char *name = NULL;
  double lat = 0, lon = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "%s: expected an object, found %s", path, cw_json_node_type_name (node));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!cw_json_dup_string (object, "name", path, &name, error))
    return NULL;
  if (name != NULL)
    g_strstrip (name);
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                   "%s.name: missing or empty", path);
      return NULL;
    }
  if (!get_degrees (object, "lat", path, 90.0, &lat, error) ||
      !get_degrees (object, "lon", path, 180.0, &lon, error))
    return NULL;

  return cw_destination_new (name, lat, lon);
}

GListModel *
cw_destinations_parse (const char  *data,
                       gssize       len,
                       const char  *origin,
                       GError     **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GListStore) store = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (origin == NULL)
    origin = "destinations";
  if (len < 0)
    len = strlen (data);
  bytes = g_bytes_new (data, len);

  root = cw_json_load (bytes, &local_error);
  if (root == NULL)
    goto fail;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (&local_error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "expected an array of {\"name\", \"lat\", \"lon\"}, found %s",
                   cw_json_node_type_name (root));
      goto fail;
    }

  store = g_list_store_new (CW_TYPE_DESTINATION);
  array = json_node_get_array (root);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("[%u]", i);
      g_autoptr (CwDestination) destination = parse_entry (json_array_get_element (array, i),
                                                           path, &local_error);
      if (destination == NULL)
        goto fail;
      g_list_store_append (store, destination);
    }
  return G_LIST_MODEL (g_steal_pointer (&store));

fail:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", origin);
  return NULL;
}

GListModel *
cw_destinations_load (const char  *path,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      /* GLib's message already names the file. */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return cw_destinations_parse (contents, (gssize) len, path, error);
}
