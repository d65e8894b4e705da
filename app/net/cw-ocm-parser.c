/* cw-ocm-parser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-ocm-parser"

#include "cw-geo.h"
#include "cw-json.h"
#include "cw-ocm-parser.h"

#define OCM_ATTRIBUTION "Open Charge Map contributors, CC BY-SA 4.0"

struct _CwOcmReference
{
  GHashTable *tables;   /* table name → (GHashTable gint64 id → char *title) */
};

static const char * const reference_tables[] = {
  "ConnectionTypes", "Operators", "StatusTypes", "UsageTypes",
  "CurrentTypes", "DataProviders",
};

static gint64 *
dup_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

CwOcmReference *
cw_ocm_reference_parse (GBytes  *bytes,
                        GError **error)
{
  g_autoptr (JsonNode) root = cw_json_load (bytes, error);
  CwOcmReference *ref;
  JsonObject *object;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "$: expected the reference data object, found %s",
                   cw_json_node_type_name (root));
      return NULL;
    }
  object = json_node_get_object (root);

  ref = g_new0 (CwOcmReference, 1);
  ref->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) g_hash_table_unref);

  for (guint t = 0; t < G_N_ELEMENTS (reference_tables) + 1; t++)
    {
      const char *name = t < G_N_ELEMENTS (reference_tables) ? reference_tables[t] : "Countries";
      gboolean countries = t == G_N_ELEMENTS (reference_tables);
      GHashTable *table;
      JsonArray *array = NULL;
      g_autoptr (GError) local_error = NULL;

      if (!cw_json_get_array (object, name, "$", &array, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          cw_ocm_reference_free (ref);
          return NULL;
        }
      table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      g_hash_table_insert (ref->tables, (gpointer) name, table);

      for (guint i = 0; array && i < json_array_get_length (array); i++)
        {
          JsonNode *n = json_array_get_element (array, i);
          JsonObject *o;
          double id = -1;
          char *title = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          o = json_node_get_object (n);
          /* Ids are small integers; anything else (1e30) is no id. */
          if (!cw_json_get_number (o, "ID", "$", &id, NULL, NULL) || !(id >= 0 && id < 1e15))
            continue;
          cw_json_dup_string (o, countries ? "ISOCode" : "Title", "$", &title, NULL);
          if (title != NULL)
            g_hash_table_insert (table, dup_id ((gint64) id), g_strstrip (title));
        }
    }
  return ref;
}

void
cw_ocm_reference_free (CwOcmReference *ref)
{
  if (ref == NULL)
    return;
  g_hash_table_unref (ref->tables);
  g_free (ref);
}

const char *
cw_ocm_reference_lookup (CwOcmReference *ref,
                         const char     *table,
                         gint64          id)
{
  GHashTable *t;

  if (ref == NULL || !(t = g_hash_table_lookup (ref->tables, table)))
    return NULL;
  return g_hash_table_lookup (t, &id);
}

CwConnectorStandard
cw_ocm_connection_type_to_standard (gint64 id)
{
  switch (id)
    {
    case 1: return CW_CONNECTOR_IEC_62196_T1;
    case 2: return CW_CONNECTOR_CHADEMO;
    case 3: return CW_CONNECTOR_DOMESTIC_G;
    case 8: return CW_CONNECTOR_TESLA_R;
    case 9: return CW_CONNECTOR_NEMA_5_20;
    case 10: return CW_CONNECTOR_NEMA_14_30;
    case 11: return CW_CONNECTOR_NEMA_14_50;
    case 13: return CW_CONNECTOR_DOMESTIC_C;
    case 16: return CW_CONNECTOR_IEC_60309_2_SINGLE_16;
    case 17: return CW_CONNECTOR_IEC_60309_2_THREE_16;
    case 22: return CW_CONNECTOR_DOMESTIC_B;
    case 23: return CW_CONNECTOR_DOMESTIC_E;
    case 25: return CW_CONNECTOR_IEC_62196_T2;
    case 26: return CW_CONNECTOR_IEC_62196_T3C;
    case 27: return CW_CONNECTOR_TESLA_S;
    case 28: return CW_CONNECTOR_DOMESTIC_F;
    case 29: return CW_CONNECTOR_DOMESTIC_I;
    case 30: return CW_CONNECTOR_TESLA_S;
    case 32: return CW_CONNECTOR_IEC_62196_T1_COMBO;
    case 33: return CW_CONNECTOR_IEC_62196_T2_COMBO;
    case 34: return CW_CONNECTOR_IEC_60309_2_SINGLE_16;
    case 35: return CW_CONNECTOR_IEC_60309_2_THREE_16;
    case 36: return CW_CONNECTOR_IEC_62196_T3A;
    case 1036: return CW_CONNECTOR_IEC_62196_T2;
    case 1037: return CW_CONNECTOR_DOMESTIC_J;
    case 1038:
    case 1039: return CW_CONNECTOR_GBT_AC;
    case 1040: return CW_CONNECTOR_GBT_DC;
    default: return CW_CONNECTOR_UNKNOWN;
    }
}

/* OCM's "Operational" (50) says the site works, not that a charger is
 * free now: it is no live status, so it stays UNKNOWN. Only the
 * automated statuses 10 and 20 are live. */
CwEvseStatus
cw_ocm_status_type_to_status (gint64 id)
{
  switch (id)
    {
    case 10: return CW_EVSE_STATUS_AVAILABLE;
    case 20: return CW_EVSE_STATUS_CHARGING;
    case 30: return CW_EVSE_STATUS_INOPERATIVE;
    case 100: return CW_EVSE_STATUS_OUTOFORDER;
    case 150: return CW_EVSE_STATUS_PLANNED;
    case 200:
    case 210: return CW_EVSE_STATUS_REMOVED;
    default: return CW_EVSE_STATUS_UNKNOWN;
    }
}

/* The id of a compact member ("OperatorID") or of the nested object of
 * the full form ("OperatorInfo": {"ID": …}). */
static gboolean
get_ref_id (JsonObject  *object,
            const char  *id_member,
            const char  *object_member,
            const char  *path,
            gint64      *out,
            JsonObject **nested,
            GError     **error)
{
  double v = -1;
  gboolean present = FALSE;

  *out = -1;
  if (nested)
    *nested = NULL;
  if (!cw_json_get_number (object, id_member, path, &v, &present, error))
    return FALSE;
  /* Casting 1e30 to an integer is undefined: such an id is no id. */
  if (present && v >= 0 && v < 1e15)
    *out = (gint64) v;
  if (object_member != NULL)
    {
      JsonObject *o = NULL;
      if (!cw_json_get_object (object, object_member, path, &o, error))
        return FALSE;
      if (o != NULL)
        {
          if (*out < 0 && cw_json_get_number (o, "ID", path, &v, &present, NULL) && present &&
              v >= 0 && v < 1e15)
            *out = (gint64) v;
          if (nested)
            *nested = o;
        }
    }
  return TRUE;
}

static char *
nested_title (JsonObject *nested,
              const char *member)
{
  char *title = NULL;

  if (nested != NULL)
    cw_json_dup_string (nested, member, "$", &title, NULL);
  return title ? g_strstrip (title) : NULL;
}

static char *
ref_name (CwOcmReference *ref,
          const char     *table,
          JsonObject     *nested,
          gint64          id,
          const char     *fallback_prefix)
{
  char *title = nested_title (nested, "Title");
  const char *r;

  if (title != NULL)
    return title;
  if (id < 0)
    return NULL;
  if ((r = cw_ocm_reference_lookup (ref, table, id)))
    return g_strdup (r);
  return g_strdup_printf ("%s %" G_GINT64_FORMAT, fallback_prefix, id);
}

static CwEvseDraft *
parse_connection (JsonObject      *object,
                  CwOcmReference  *ref,
                  CwEvseStatus     site_status,
                  gint64           updated,
                  const char      *path,
                  GError         **error)
{
  CwEvseDraft *evse = cw_evse_new ();
  CwConnectorDraft *c;
  JsonObject *ctype = NULL;
  gint64 id = -1, type_id = -1, status_id = -1, current_id = -1;
  double power = 0, amps = 0, volts = 0, quantity = 1;
  gboolean has_quantity = FALSE;

  /* The EVSE's one connector, filled in place. */
  cw_evse_take_connector (evse, cw_connector_new ());
  c = &evse->connectors[0];

  if (!get_ref_id (object, "ID", NULL, path, &id, NULL, error) ||
      !get_ref_id (object, "ConnectionTypeID", "ConnectionType", path, &type_id, &ctype, error) ||
      !get_ref_id (object, "StatusTypeID", "StatusType", path, &status_id, NULL, error) ||
      !get_ref_id (object, "CurrentTypeID", "CurrentType", path, &current_id, NULL, error) ||
      !cw_json_get_number (object, "PowerKW", path, &power, NULL, error) ||
      !cw_json_get_number (object, "Amps", path, &amps, NULL, error) ||
      !cw_json_get_number (object, "Voltage", path, &volts, NULL, error) ||
      !cw_json_get_number (object, "Quantity", path, &quantity, &has_quantity, error))
    goto fail;

  if (power < 0 || power > 1e4 || amps < 0 || amps > 1e5 || volts < 0 || volts > 1e5 ||
      quantity < 0 || quantity > 1000)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
                   "%s: power %g kW, %g A, %g V or quantity %g is out of range",
                   path, power, amps, volts, quantity);
      goto fail;
    }

  evse->uid = id >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup (path);
  evse->quantity = has_quantity && quantity >= 1 ? (guint) quantity : 1;
  evse->status = status_id >= 0 ? cw_ocm_status_type_to_status (status_id) : site_status;
  evse->last_updated = updated;

  c->id = g_strdup (evse->uid);
  c->standard = cw_ocm_connection_type_to_standard (type_id);
  c->standard_label = ref_name (ref, "ConnectionTypes", ctype, type_id, "Connection type");
  c->format = (type_id == 1036 || type_id == 1039 || type_id == 2 || type_id == 32 ||
               type_id == 33 || type_id == 27) ? CW_CONNECTOR_FORMAT_CABLE :
              (type_id == 25 || type_id == 1038 || type_id == 3 || type_id == 28) ?
              CW_CONNECTOR_FORMAT_SOCKET : CW_CONNECTOR_FORMAT_UNKNOWN;
  c->power_type = current_id == 10 ? CW_POWER_TYPE_AC_1_PHASE :
                  current_id == 20 ? CW_POWER_TYPE_AC_3_PHASE :
                  current_id == 30 ? CW_POWER_TYPE_DC : CW_POWER_TYPE_UNKNOWN;
  c->max_power_kw = power;
  c->max_amperage = (int) amps;
  c->max_voltage = (int) volts;
  return evse;

fail:
  cw_evse_free (evse);
  return NULL;
}

static gboolean
is_public_usage (gint64 usage_id)
{
  /* 1 Public, 4 membership, 5 pay at location, 7 notice required */
  return usage_id < 0 || usage_id == 0 || usage_id == 1 || usage_id == 4 ||
         usage_id == 5 || usage_id == 7;
}

static CwStation *
parse_poi (JsonObject      *object,
           CwOcmReference  *ref,
           const char      *source,
           const char      *path,
           GError         **error)
{
  g_autoptr (CwStation) station = NULL;
  g_autofree char *name_str = NULL, *address_str = NULL, *city_str = NULL, *postal_code_str = NULL;
  g_autofree char *usage_cost_str = NULL;
  g_autofree char *apath = g_strdup_printf ("%s.AddressInfo", path);
  g_autofree char *updated = NULL;
  g_autofree char *id_str = NULL;
  JsonObject *addr = NULL, *op = NULL, *country = NULL, *provider = NULL;
  JsonArray *connections = NULL;
  gint64 id = -1, op_id = -1, status_id = -1, usage_id = -1, country_id = -1, provider_id = -1;
  double lat = 0, lon = 0;
  gboolean has_lat = FALSE, has_lon = FALSE;
  CwEvseStatus site_status;
  gint64 t;

  if (!get_ref_id (object, "ID", NULL, path, &id, NULL, error))
    return NULL;
  if (id < 0)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "%s: no ID", path);
      return NULL;
    }
  if (!cw_json_get_object (object, "AddressInfo", path, &addr, error))
    return NULL;
  if (addr == NULL)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                   "%s: no AddressInfo (so no coordinates)", path);
      return NULL;
    }
  if (!cw_json_get_number (addr, "Latitude", apath, &lat, &has_lat, error) ||
      !cw_json_get_number (addr, "Longitude", apath, &lon, &has_lon, error))
    return NULL;
  if (!has_lat || !has_lon)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                   "%s: no %s", apath, has_lat ? "Longitude" : "Latitude");
      return NULL;
    }
  if (!cw_geo_coords_valid (lat, lon))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
                   "%s: latitude %g, longitude %g is not a place on Earth", apath, lat, lon);
      return NULL;
    }

  id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  station = cw_station_new (source, id_str);
  station->latitude = lat;
  station->longitude = lon;

  if (!cw_json_dup_string (addr, "Title", apath, &name_str, error) ||
      !cw_json_dup_string (addr, "AddressLine1", apath, &address_str, error) ||
      !cw_json_dup_string (addr, "Town", apath, &city_str, error) ||
      !cw_json_dup_string (addr, "Postcode", apath, &postal_code_str, error) ||
      !get_ref_id (addr, "CountryID", "Country", apath, &country_id, &country, error) ||
      !get_ref_id (object, "OperatorID", "OperatorInfo", path, &op_id, &op, error) ||
      !get_ref_id (object, "StatusTypeID", "StatusType", path, &status_id, NULL, error) ||
      !get_ref_id (object, "UsageTypeID", "UsageType", path, &usage_id, NULL, error) ||
      !get_ref_id (object, "DataProviderID", "DataProvider", path, &provider_id, &provider, error) ||
      !cw_json_dup_string (object, "UsageCost", path, &usage_cost_str, error) ||
      !cw_json_dup_string (object, "DateLastStatusUpdate", path, &updated, error) ||
      !cw_json_get_array (object, "Connections", path, &connections, error))
    return NULL;

  if (name_str != NULL)
    g_strstrip (name_str);
  cw_station_take_string (station, CW_STATION_NAME, g_steal_pointer (&name_str));
  cw_station_take_string (station, CW_STATION_ADDRESS, g_steal_pointer (&address_str));
  cw_station_take_string (station, CW_STATION_CITY, g_steal_pointer (&city_str));
  cw_station_take_string (station, CW_STATION_POSTAL_CODE, g_steal_pointer (&postal_code_str));
  cw_station_take_string (station, CW_STATION_USAGE_COST, g_steal_pointer (&usage_cost_str));
  cw_station_take_string (station, CW_STATION_COUNTRY, nested_title (country, "ISOCode"));
  if (cw_station_get_country (station) == NULL && country_id >= 0)
    cw_station_set_string (station, CW_STATION_COUNTRY, cw_ocm_reference_lookup (ref, "Countries", country_id));
  cw_station_take_string (station, CW_STATION_OPERATOR_NAME, ref_name (ref, "Operators", op, op_id, "Operator"));
  station->is_public = is_public_usage (usage_id);
  {
    g_autofree char *provider_name = ref_name (ref, "DataProviders", provider, provider_id,
                                               "data provider");
    if (provider_name != NULL && provider_id != 1)
      cw_station_take_string (station, CW_STATION_ATTRIBUTION, g_strdup_printf ("%s; data from %s", OCM_ATTRIBUTION, provider_name));
    else
      cw_station_set_string (station, CW_STATION_ATTRIBUTION, OCM_ATTRIBUTION);
  }
  t = cw_json_parse_time (updated);
  station->last_updated = t;
  site_status = status_id >= 0 ? cw_ocm_status_type_to_status (status_id) : CW_EVSE_STATUS_UNKNOWN;

  g_autoptr (GArray) list = cw_evse_list_new ();

  for (guint i = 0; connections && i < json_array_get_length (connections); i++)
    {
      g_autofree char *cpath = g_strdup_printf ("%s.Connections[%u]", path, i);
      JsonNode *n = json_array_get_element (connections, i);
      CwEvseDraft *evse;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected an object, found %s", cpath, cw_json_node_type_name (n));
          return NULL;
        }
      if (!(evse = parse_connection (json_node_get_object (n), ref, site_status, t, cpath, error)))
        return NULL;
      if (evse->status == CW_EVSE_STATUS_REMOVED)
        cw_evse_free (evse);
      else
        cw_evse_list_take (list, evse);
    }
  cw_station_take_evses (station, list);

  return g_steal_pointer (&station);
}

GPtrArray *
cw_ocm_parse_poi (GBytes          *bytes,
                  CwOcmReference  *ref,
                  const char      *source,
                  GError         **error)
{
  g_autoptr (JsonNode) root = cw_json_load (bytes, error);
  g_autoptr (GPtrArray) stations = NULL;
  JsonArray *array;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "$: expected an array of POIs, found %s", cw_json_node_type_name (root));
      return NULL;
    }

  array = json_node_get_array (root);
  stations = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$[%u]", i);
      JsonNode *n = json_array_get_element (array, i);
      CwStation *s;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected a POI object, found %s", path, cw_json_node_type_name (n));
          return NULL;
        }
      if (!(s = parse_poi (json_node_get_object (n), ref, source, path, error)))
        return NULL;
      g_ptr_array_add (stations, s);
    }
  return g_steal_pointer (&stations);
}
