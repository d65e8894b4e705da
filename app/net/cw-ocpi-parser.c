/* cw-ocpi-parser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-ocpi-parser"

#include <math.h>
#include <string.h>

#include "cw-geo.h"
#include "cw-json.h"
#include "cw-ocpi-parser.h"

/* The lenient mode's state while one response is read; NULL everywhere
 * means the strict mode. */
typedef struct {
  const CwOcpiLenientOptions *options;
  CwOcpiParseStats           *stats;
  GHashTable                 *ids;      /* id → index in the result (locations) */
  gboolean                    null_price;   /* set by parse_element */
} Lenient;

static void lenient_note_time (Lenient *lenient, const char *time);

JsonNode *
cw_ocpi_unwrap_envelope (JsonNode  *node,
                         GError   **error)
{
  JsonObject *object;
  JsonNode *status;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return node;
  object = json_node_get_object (node);
  status = json_object_get_member (object, "status_code");
  if (status == NULL)
    return node;

  if (!JSON_NODE_HOLDS_VALUE (status) ||
      (json_node_get_value_type (status) != G_TYPE_INT64 &&
       json_node_get_value_type (status) != G_TYPE_DOUBLE))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "$.status_code: expected an integer, found %s",
                   cw_json_node_type_name (status));
      return NULL;
    }

  /* 1xxx success; 2xxx client errors; 3xxx server errors; 4xxx hub. */
  if (json_node_get_int (status) < 1000 || json_node_get_int (status) >= 2000)
    {
      g_autofree char *msg = NULL;
      JsonNode *m = json_object_get_member (object, "status_message");

      /* Shown to people: valid UTF-8, 200 characters at most. */
      if (m && JSON_NODE_HOLDS_VALUE (m) && json_node_get_value_type (m) == G_TYPE_STRING)
        msg = cw_json_dup_valid (json_node_get_string (m), 200);
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_STATUS,
                   "The OCPI server answered status %" G_GINT64_FORMAT "%s%s",
                   json_node_get_int (status), msg ? ": " : "", msg ? msg : "");
      return NULL;
    }

  if (json_object_get_member (object, "data") == NULL)
    {
      g_set_error_literal (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                           "$: an OCPI response without \"data\"");
      return NULL;
    }
  return json_object_get_member (object, "data");
}

static gboolean
parse_enum_member (JsonObject  *object,
                   const char  *member,
                   const char  *path,
                   gboolean   (*from_string) (const char *, guint *),
                   guint       *out,
                   GError     **error)
{
  g_autofree char *str = NULL;

  if (!cw_json_dup_string (object, member, path, &str, error))
    return FALSE;
  if (str != NULL && !from_string (str, out))
    g_debug ("%s.%s: \"%s\" is not an OCPI 2.2.1 value; taken as unknown",
             path, member, str);
  return TRUE;
}

#define ENUM_PARSER(fn) ((gboolean (*) (const char *, guint *)) (fn))

/* Connector names seen in open feeds that OCPI 2.2.1 spells otherwise;
 * only names with one meaning. ("CCS" alone could be Combo 1 or 2: it
 * stays unknown, with its label.) */
static const struct {
  const char          *name;
  CwConnectorStandard  standard;
} nonspec_standards[] = {
  { "CCS2",   CW_CONNECTOR_IEC_62196_T2_COMBO },   /* Jolt: CCS Combo 2 */
  { "CCS 2",  CW_CONNECTOR_IEC_62196_T2_COMBO },
  { "CCS1",   CW_CONNECTOR_IEC_62196_T1_COMBO },
  { "CCS 1",  CW_CONNECTOR_IEC_62196_T1_COMBO },
  { "TYPE2",  CW_CONNECTOR_IEC_62196_T2 },
  { "TYPE 2", CW_CONNECTOR_IEC_62196_T2 },
};

static CwConnectorDraft *
parse_connector (JsonObject  *object,
                 const char  *path,
                 Lenient     *lenient,
                 GError     **error)
{
  CwConnectorDraft *c = cw_connector_new ();
  double voltage = 0, amperage = 0, power = 0;
  gboolean has_power = FALSE;
  JsonArray *tariff_ids = NULL;
  guint v;

  if (!cw_json_dup_string (object, "id", path, &c->id, error))
    goto fail;
  v = CW_CONNECTOR_UNKNOWN;
  if (!parse_enum_member (object, "standard", path,
                          ENUM_PARSER (cw_connector_standard_from_string), &v, error))
    goto fail;
  c->standard = v;
  if (c->standard == CW_CONNECTOR_UNKNOWN)
    cw_json_dup_string (object, "standard", path, &c->standard_label, NULL);
  for (guint i = 0; lenient && c->standard_label && i < G_N_ELEMENTS (nonspec_standards); i++)
    if (g_ascii_strcasecmp (c->standard_label, nonspec_standards[i].name) == 0)
      {
        c->standard = nonspec_standards[i].standard;
        g_clear_pointer (&c->standard_label, g_free);
        lenient->stats->standards_mapped++;
        break;
      }
  v = CW_CONNECTOR_FORMAT_UNKNOWN;
  if (!parse_enum_member (object, "format", path,
                          ENUM_PARSER (cw_connector_format_from_string), &v, error))
    goto fail;
  c->format = v;
  v = CW_POWER_TYPE_UNKNOWN;
  if (!parse_enum_member (object, "power_type", path,
                          ENUM_PARSER (cw_power_type_from_string), &v, error))
    goto fail;
  c->power_type = v;

  if (!cw_json_get_number (object, "max_voltage", path, &voltage, NULL, error) ||
      !cw_json_get_number (object, "max_amperage", path, &amperage, NULL, error) ||
      !cw_json_get_number (object, "max_electric_power", path, &power, &has_power, error))
    goto fail;

  if (voltage < 0 || amperage < 0 || power < 0 || voltage > 1e5 || amperage > 1e5 || power > 1e7)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
                   "%s: voltage %g V, current %g A or power %g W is out of range",
                   path, voltage, amperage, power);
      goto fail;
    }
  c->max_voltage = (int) voltage;
  c->max_amperage = (int) amperage;

  if (has_power && power > 0)
    c->max_power_kw = power / 1000.0;
  else if (voltage > 0 && amperage > 0)
    {
      /* OCPI: for AC 3-phase, max_voltage is line-to-neutral. */
      double phases = c->power_type == CW_POWER_TYPE_AC_3_PHASE ? 3 :
                      c->power_type == CW_POWER_TYPE_AC_2_PHASE ? 2 : 1;
      c->max_power_kw = voltage * amperage * phases / 1000.0;
    }

  if (!cw_json_get_array (object, "tariff_ids", path, &tariff_ids, error))
    goto fail;
  if (tariff_ids != NULL)
    {
      GStrvBuilder *b = g_strv_builder_new ();
      for (guint i = 0; i < json_array_get_length (tariff_ids); i++)
        {
          JsonNode *n = json_array_get_element (tariff_ids, i);
          if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
            {
              g_autofree char *id = cw_json_dup_valid (json_node_get_string (n), -1);
              g_strv_builder_add (b, id);
            }
        }
      c->tariff_ids = g_strv_builder_end (b);
      g_strv_builder_unref (b);
    }
  return c;

fail:
  cw_connector_free (c);
  return NULL;
}

/* EVSE statuses seen in open feeds that OCPI 2.2.1 does not define.
 * OCPI's own names already match in any case ("available", "charging").
 * Each maps to the nearest OCPI status, or stays UNKNOWN where none is
 * honest; every one is counted by its published value. */
static const struct {
  const char   *value;
  CwEvseStatus  status;
} nonspec_statuses[] = {
  /* char.gy. The Public Charge Point Regulations 2023, reg. 10(6)(a),
   * call a charge point working when its OCPI status is AVAILABLE,
   * CHARGING or RESERVED: free or busy is not said, and saying
   * AVAILABLE could send a driver to a busy charger. */
  { "WORKING",        CW_EVSE_STATUS_UNKNOWN },
  /* OCPP 1.6 "Preparing": no longer available for a new user, no
   * transaction yet (a cable in, a card shown). OCPI's CHARGING means
   * "the EVSE is in use", which it is. (Jolt, lower case.) */
  { "PREPARING",      CW_EVSE_STATUS_CHARGING },
  /* OCPP "Finishing": the transaction ended, the connector not free
   * until the car leaves: still in use. */
  { "FINISHING",      CW_EVSE_STATUS_CHARGING },
  /* OCPP "SuspendedEV" / "SuspendedEVSE": a session paused, in use. */
  { "SUSPENDEDEV",    CW_EVSE_STATUS_CHARGING },
  { "SUSPENDED_EV",   CW_EVSE_STATUS_CHARGING },
  { "SUSPENDEDEVSE",  CW_EVSE_STATUS_CHARGING },
  { "SUSPENDED_EVSE", CW_EVSE_STATUS_CHARGING },
  /* A plain "occupied" is OCPI's CHARGING ("in use"). */
  { "OCCUPIED",       CW_EVSE_STATUS_CHARGING },
  /* char.gy FAULTED, OCPP "Faulted": broken, which OCPI calls OUTOFORDER. */
  { "FAULTED",        CW_EVSE_STATUS_OUTOFORDER },
  /* OUTOFORDER spelt with separators. */
  { "OUT_OF_ORDER",   CW_EVSE_STATUS_OUTOFORDER },
  { "OUT-OF-ORDER",   CW_EVSE_STATUS_OUTOFORDER },
  /* OCPP "Unavailable": taken out of use on purpose (maintenance, not
   * yet commissioned): OCPI's INOPERATIVE. */
  { "UNAVAILABLE",    CW_EVSE_STATUS_INOPERATIVE },
};

static CwEvseStatus
lenient_status (Lenient    *lenient,
                const char *value)
{
  CwEvseStatus status = CW_EVSE_STATUS_UNKNOWN;
  gpointer count;

  for (guint i = 0; i < G_N_ELEMENTS (nonspec_statuses); i++)
    if (g_ascii_strcasecmp (value, nonspec_statuses[i].value) == 0)
      {
        status = nonspec_statuses[i].status;
        break;
      }
  if (status == CW_EVSE_STATUS_UNKNOWN)
    lenient->stats->statuses_unknown++;
  else
    lenient->stats->statuses_mapped++;
  count = g_hash_table_lookup (lenient->stats->nonspec_statuses, value);
  g_hash_table_replace (lenient->stats->nonspec_statuses, g_strdup (value),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
  return status;
}

static CwEvseDraft *
parse_evse (JsonObject  *object,
            const char  *path,
            Lenient     *lenient,
            GError     **error)
{
  CwEvseDraft *evse = cw_evse_new ();
  g_autofree char *status = NULL;
  g_autofree char *updated = NULL;
  JsonArray *connectors = NULL;

  if (!cw_json_dup_string (object, "uid", path, &evse->uid, error) ||
      !cw_json_dup_string (object, "evse_id", path, &evse->evse_id, error) ||
      !cw_json_dup_string (object, "status", path, &status, error) ||
      !cw_json_dup_string (object, "last_updated", path, &updated, error) ||
      !cw_json_get_array (object, "connectors", path, &connectors, error))
    goto fail;

  if (evse->uid == NULL)
    evse->uid = g_strdup (evse->evse_id);
  CwEvseStatus parsed_status = CW_EVSE_STATUS_UNKNOWN;

  if (status != NULL && cw_evse_status_from_string (status, &parsed_status))
    evse->status = parsed_status;
  else if (status != NULL)
    {
      if (lenient != NULL)
        evse->status = lenient_status (lenient, status);
      else
        {
          g_debug ("%s.status: \"%s\" is not an OCPI status; shown as unknown", path, status);
          evse->status = CW_EVSE_STATUS_UNKNOWN;
        }
    }
  evse->last_updated = cw_json_parse_time (updated);
  lenient_note_time (lenient, updated);

  for (guint i = 0; connectors && i < json_array_get_length (connectors); i++)
    {
      g_autofree char *cpath = g_strdup_printf ("%s.connectors[%u]", path, i);
      JsonNode *n = json_array_get_element (connectors, i);
      CwConnectorDraft *c;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected an object, found %s", cpath, cw_json_node_type_name (n));
          goto fail;
        }
      if (!(c = parse_connector (json_node_get_object (n), cpath, lenient, error)))
        goto fail;
      cw_evse_take_connector (evse, c);
    }
  return evse;

fail:
  cw_evse_free (evse);
  return NULL;
}

/* OCPI Hours. Structure errors fail like elsewhere; a period with a bad
 * weekday or time is left out (and said in the debug log). */
static gboolean
parse_exceptional (JsonObject      *opening,
                   const char      *member,
                   const char      *path,
                   CwOpeningHours  *hours,
                   GError         **error)
{
  JsonArray *periods = NULL;

  if (!cw_json_get_array (opening, member, path, &periods, error))
    return FALSE;
  for (guint i = 0; periods && i < json_array_get_length (periods); i++)
    {
      g_autofree char *ppath = g_strdup_printf ("%s.%s[%u]", path, member, i);
      g_autofree char *begin = NULL;
      g_autofree char *end = NULL;
      JsonNode *n = json_array_get_element (periods, i);
      gint64 b, e;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected an object, found %s", ppath, cw_json_node_type_name (n));
          return FALSE;
        }
      if (!cw_json_dup_string (json_node_get_object (n), "period_begin", ppath, &begin, error) ||
          !cw_json_dup_string (json_node_get_object (n), "period_end", ppath, &end, error))
        return FALSE;
      b = cw_json_parse_time (begin);
      e = cw_json_parse_time (end);
      if (b == 0 || e == 0 ||
          !cw_opening_hours_add_exceptional (hours, g_str_equal (member, "exceptional_openings"), b, e))
        g_debug ("%s: not a period; left out", ppath);
    }
  return TRUE;
}

static CwOpeningHours *
parse_opening_times (JsonObject  *opening,
                     const char  *path,
                     gboolean     twentyfourseven,
                     GError     **error)
{
  g_autoptr (CwOpeningHours) hours = cw_opening_hours_new ();
  g_autofree char *opath = g_strdup_printf ("%s.opening_times", path);
  JsonArray *regular = NULL;

  hours->twentyfourseven = twentyfourseven;
  if (!cw_json_get_array (opening, "regular_hours", opath, &regular, error))
    return NULL;
  for (guint i = 0; regular && i < json_array_get_length (regular); i++)
    {
      g_autofree char *rpath = g_strdup_printf ("%s.regular_hours[%u]", opath, i);
      g_autofree char *begin = NULL;
      g_autofree char *end = NULL;
      JsonNode *n = json_array_get_element (regular, i);
      double weekday = 0;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected an object, found %s", rpath, cw_json_node_type_name (n));
          return NULL;
        }
      if (!cw_json_get_number (json_node_get_object (n), "weekday", rpath, &weekday, NULL, error) ||
          !cw_json_dup_string (json_node_get_object (n), "period_begin", rpath, &begin, error) ||
          !cw_json_dup_string (json_node_get_object (n), "period_end", rpath, &end, error))
        return NULL;
      if (weekday < 1 || weekday > 7 || weekday != floor (weekday) ||
          !cw_opening_hours_add_regular (hours, (guint) weekday, begin, end))
        g_debug ("%s: not a weekday and HH:MM period; left out", rpath);
    }
  if (!parse_exceptional (opening, "exceptional_openings", opath, hours, error) ||
      !parse_exceptional (opening, "exceptional_closings", opath, hours, error))
    return NULL;
  return g_steal_pointer (&hours);
}

static gboolean
parse_coordinates (JsonObject  *object,
                   const char  *path,
                   double      *lat,
                   double      *lon,
                   GError     **error)
{
  g_autofree char *cpath = g_strdup_printf ("%s.coordinates", path);
  JsonObject *coords = NULL;
  gboolean has_lat = FALSE, has_lon = FALSE;

  if (!cw_json_get_object (object, "coordinates", path, &coords, error))
    return FALSE;
  if (coords == NULL)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                   "%s: no coordinates", path);
      return FALSE;
    }
  if (!cw_json_get_number (coords, "latitude", cpath, lat, &has_lat, error) ||
      !cw_json_get_number (coords, "longitude", cpath, lon, &has_lon, error))
    return FALSE;
  if (!has_lat || !has_lon)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                   "%s: no %s", cpath, has_lat ? "longitude" : "latitude");
      return FALSE;
    }
  if (!cw_geo_coords_valid (*lat, *lon))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
                   "%s: latitude %g, longitude %g is not a place on Earth",
                   cpath, *lat, *lon);
      return FALSE;
    }
  return TRUE;
}

/* ---- lenient helpers ---- */

static void
problem_free (CwOcpiProblem *p)
{
  g_free (p->path);
  g_free (p->id);
  g_free (p->name);
  g_free (p->message);
  g_free (p);
}

G_GNUC_PRINTF (7, 8)
static void
add_problem (Lenient           *lenient,
             CwOcpiProblemKind  kind,
             const char        *path,
             const char        *id,
             const char        *name,
             gboolean           corrected,
             const char        *format,
             ...)
{
  CwOcpiProblem *p = g_new0 (CwOcpiProblem, 1);
  va_list args;

  p->kind = kind;
  p->path = g_strdup (path);
  p->id = g_strdup (id);
  p->name = g_strdup (name);
  p->corrected = corrected;
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  lenient->stats->by_kind[kind]++;
  g_debug ("%s%s%s: %s", path, id ? " " : "", id ? id : "", p->message);
  g_ptr_array_add (lenient->stats->problems, p);
}

/* ISO 8601 with no zone after the time: read as UTC (cw_json_parse_time
 * does), counted. */
static void
lenient_note_time (Lenient    *lenient,
                   const char *time)
{
  const char *t;

  if (lenient == NULL || time == NULL || !(t = strchr (time, 'T')))
    return;
  if (strchr (t, 'Z') == NULL && strchr (t, 'z') == NULL &&
      strchr (t, '+') == NULL && strchr (t, '-') == NULL)
    lenient->stats->times_without_zone++;
}

/* A stable id for a location published without one: its name (a site
 * code like "BAR004" at Jolt), else its first EVSE's evse_id or uid.
 * Two sites of one name in a response: the second gets "#<evse_id>". */
static char *
derive_id (Lenient    *lenient,
           JsonObject *object,
           const char *path)
{
  g_autofree char *name = NULL;
  g_autofree char *evse_ref = NULL;
  JsonArray *evses = NULL;

  cw_json_dup_string (object, "name", path, &name, NULL);
  if (cw_json_get_array (object, "evses", path, &evses, NULL) && evses != NULL)
    for (guint i = 0; i < json_array_get_length (evses) && evse_ref == NULL; i++)
      {
        JsonNode *n = json_array_get_element (evses, i);

        if (!JSON_NODE_HOLDS_OBJECT (n))
          continue;
        cw_json_dup_string (json_node_get_object (n), "evse_id", path, &evse_ref, NULL);
        if (evse_ref == NULL)
          cw_json_dup_string (json_node_get_object (n), "uid", path, &evse_ref, NULL);
      }
  if (name != NULL && *name != '\0')
    {
      if (!g_hash_table_contains (lenient->ids, name) || evse_ref == NULL)
        return g_steal_pointer (&name);
      return g_strdup_printf ("%s#%s", name, evse_ref);
    }
  if (evse_ref != NULL)
    return g_strdup_printf ("evse:%s", evse_ref);
  return NULL;
}

/* Coordinates as published, checked against the feed's country. Returns
 * FALSE (a problem recorded) when the location stays off the map. */
static gboolean
lenient_coordinates (Lenient     *lenient,
                     JsonObject  *object,
                     const char  *path,
                     const char  *id,
                     const char  *name,
                     double      *lat,
                     double      *lon)
{
  g_autofree char *cpath = g_strdup_printf ("%s.coordinates", path);
  const CwBBox *box = lenient->options ? lenient->options->country_bbox : NULL;
  gboolean correct = lenient->options && lenient->options->correct_coordinates;
  JsonObject *coords = NULL;
  gboolean has_lat = FALSE, has_lon = FALSE;
  /* The readings a slip of the keyboard explains. */
  struct {
    CwOcpiProblemKind kind;
    double            lat, lon;
    const char       *what;
  } fixes[3];
  int n_inside = 0, inside = -1;

  if (!cw_json_get_object (object, "coordinates", path, &coords, NULL) || coords == NULL ||
      !cw_json_get_number (coords, "latitude", cpath, lat, &has_lat, NULL) ||
      !cw_json_get_number (coords, "longitude", cpath, lon, &has_lon, NULL) ||
      !has_lat || !has_lon || isnan (*lat) || isnan (*lon))
    {
      add_problem (lenient, CW_OCPI_PROBLEM_NO_COORDINATES, path, id, name, FALSE,
                   "no usable latitude and longitude");
      return FALSE;
    }

  if (box == NULL)
    {
      if (cw_geo_coords_valid (*lat, *lon))
        return TRUE;
      add_problem (lenient, CW_OCPI_PROBLEM_NOT_ON_EARTH, path, id, name, FALSE,
                   "latitude %.6f, longitude %.6f is not a place on Earth", *lat, *lon);
      return FALSE;
    }
  if (cw_geo_coords_valid (*lat, *lon) && cw_bbox_contains (box, *lat, *lon))
    return TRUE;

  fixes[0].kind = CW_OCPI_PROBLEM_SWAPPED;
  fixes[0].lat = *lon;
  fixes[0].lon = *lat;
  fixes[0].what = "latitude and longitude swapped";
  fixes[1].kind = CW_OCPI_PROBLEM_MISSING_MINUS;
  fixes[1].lat = *lat;
  fixes[1].lon = -*lon;
  fixes[1].what = "the longitude's minus sign missing";
  fixes[2].kind = CW_OCPI_PROBLEM_MISSING_MINUS;
  fixes[2].lat = -*lat;
  fixes[2].lon = *lon;
  fixes[2].what = "the latitude's minus sign missing";
  for (int i = 0; i < 3; i++)
    if ((fixes[i].lat != *lat || fixes[i].lon != *lon) &&
        cw_geo_coords_valid (fixes[i].lat, fixes[i].lon) &&
        cw_bbox_contains (box, fixes[i].lat, fixes[i].lon))
      {
        n_inside++;
        inside = i;
      }

  if (n_inside != 1)
    {
      if (cw_geo_coords_valid (*lat, *lon))
        add_problem (lenient, CW_OCPI_PROBLEM_OUTSIDE_COUNTRY, path, id, name, FALSE,
                     "latitude %.6f, longitude %.6f is outside the feed's country", *lat, *lon);
      else
        add_problem (lenient, CW_OCPI_PROBLEM_NOT_ON_EARTH, path, id, name, FALSE,
                     "latitude %.6f, longitude %.6f is not a place on Earth", *lat, *lon);
      return FALSE;
    }
  if (!correct)
    {
      add_problem (lenient, fixes[inside].kind, path, id, name, FALSE,
                   "latitude %.6f, longitude %.6f is outside the feed's country; with %s "
                   "it would be %.6f, %.6f: left off the map, not guessed",
                   *lat, *lon, fixes[inside].what, fixes[inside].lat, fixes[inside].lon);
      return FALSE;
    }
  add_problem (lenient, fixes[inside].kind, path, id, name, TRUE,
               "published as latitude %.6f, longitude %.6f, outside the feed's country; "
               "shown at %.6f, %.6f (%s)",
               *lat, *lon, fixes[inside].lat, fixes[inside].lon, fixes[inside].what);
  *lat = fixes[inside].lat;
  *lon = fixes[inside].lon;
  lenient->stats->corrected++;
  return TRUE;
}

/* NULL with no @error set: the lenient mode left the location out (the
 * problem is recorded). */
static CwStation *
parse_location_full (JsonObject  *object,
                     const char  *source,
                     const char  *path,
                     Lenient     *lenient,
                     GError     **error)
{
  g_autoptr (CwStation) station = NULL;
  g_autofree char *name_str = NULL, *address_str = NULL, *city_str = NULL, *postal_code_str = NULL;
  g_autofree char *country_str = NULL, *time_zone_str = NULL, *operator_name_str = NULL;
  g_autofree char *id = NULL;
  g_autofree char *parking = NULL;
  g_autofree char *updated = NULL;
  JsonObject *op = NULL, *opening = NULL;
  JsonArray *evses = NULL, *facilities = NULL;
  double lat = 0, lon = 0;

  if (!cw_json_dup_string (object, "id", path, &id, error))
    return NULL;
  if ((id == NULL || *id == '\0') && lenient != NULL)
    {
      g_free (id);
      if ((id = derive_id (lenient, object, path)) == NULL)
        {
          add_problem (lenient, CW_OCPI_PROBLEM_NO_ID, path, NULL, NULL, FALSE,
                       "no id, no name and no EVSE to name it by");
          return NULL;
        }
      lenient->stats->ids_derived++;
    }
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "%s: no id", path);
      return NULL;
    }
  if (lenient != NULL)
    {
      g_autofree char *name = NULL;

      cw_json_dup_string (object, "name", path, &name, NULL);
      if (!lenient_coordinates (lenient, object, path, id, name, &lat, &lon))
        return NULL;
    }
  else if (!parse_coordinates (object, path, &lat, &lon, error))
    return NULL;

  station = cw_station_new (source, id);
  station->latitude = lat;
  station->longitude = lon;

  if (!cw_json_dup_string (object, "name", path, &name_str, error) ||
      !cw_json_dup_string (object, "address", path, &address_str, error) ||
      !cw_json_dup_string (object, "city", path, &city_str, error) ||
      !cw_json_dup_string (object, "postal_code", path, &postal_code_str, error) ||
      !cw_json_dup_string (object, "country", path, &country_str, error) ||
      !cw_json_dup_string (object, "time_zone", path, &time_zone_str, error) ||
      !cw_json_dup_string (object, "parking_type", path, &parking, error) ||
      !cw_json_dup_string (object, "last_updated", path, &updated, error) ||
      !cw_json_get_object (object, "operator", path, &op, error) ||
      !cw_json_get_object (object, "opening_times", path, &opening, error) ||
      !cw_json_get_array (object, "facilities", path, &facilities, error) ||
      !cw_json_get_array (object, "evses", path, &evses, error))
    return NULL;

  if (op != NULL)
    {
      g_autofree char *opath = g_strdup_printf ("%s.operator", path);
      if (!cw_json_dup_string (op, "name", opath, &operator_name_str, error))
        return NULL;
    }
  {
    const char *values[CW_N_STATION_STRINGS] = {
      [CW_STATION_ID] = cw_station_get_id (station),
      [CW_STATION_NAME] = name_str,
      [CW_STATION_ADDRESS] = address_str,
      [CW_STATION_CITY] = city_str,
      [CW_STATION_POSTAL_CODE] = postal_code_str,
      [CW_STATION_COUNTRY] = country_str,
      [CW_STATION_OPERATOR_NAME] = operator_name_str,
      [CW_STATION_TIME_ZONE] = time_zone_str,
    };

    cw_station_set_strings (station, values);
  }
  if (opening != NULL)
    {
      JsonNode *n = json_object_get_member (opening, "twentyfourseven");
      station->twentyfourseven = n && JSON_NODE_HOLDS_VALUE (n) &&
                                 json_node_get_value_type (n) == G_TYPE_BOOLEAN &&
                                 json_node_get_boolean (n);
      cw_station_take_opening_hours (station, parse_opening_times (opening, path, station->twentyfourseven, error));
      if (cw_station_get_opening_hours (station) == NULL)
        return NULL;
    }
  {
    /* OCPI: publish false means not for the public (only listed to some drivers). */
    JsonNode *publish = json_object_get_member (object, "publish");
    if (publish != NULL && JSON_NODE_HOLDS_VALUE (publish) &&
        json_node_get_value_type (publish) == G_TYPE_BOOLEAN)
      station->is_public = json_node_get_boolean (publish);
    /* An open feed with no flag publishes its locations by being one. */
    if (lenient != NULL && (publish == NULL || JSON_NODE_HOLDS_NULL (publish)))
      lenient->stats->publish_missing++;
    if (lenient != NULL && !station->is_public)
      lenient->stats->not_published++;
  }
  CwParkingType parsed_parking;

  if (parking != NULL && cw_parking_type_from_string (parking, &parsed_parking))
    station->parking_type = parsed_parking;
  else if (parking != NULL)
    g_debug ("%s.parking_type: \"%s\" is not an OCPI value", path, parking);
  station->last_updated = cw_json_parse_time (updated);
  lenient_note_time (lenient, updated);

  for (guint i = 0; facilities && i < json_array_get_length (facilities); i++)
    {
      JsonNode *n = json_array_get_element (facilities, i);
      CwFacility f;

      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING &&
          cw_facility_from_string (json_node_get_string (n), &f))
        station->facilities |= CW_FACILITY_BIT (f);
    }

  g_autoptr (GArray) list = cw_evse_list_new ();

  for (guint i = 0; evses && i < json_array_get_length (evses); i++)
    {
      g_autofree char *epath = g_strdup_printf ("%s.evses[%u]", path, i);
      JsonNode *n = json_array_get_element (evses, i);
      CwEvseDraft *evse;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected an object, found %s", epath, cw_json_node_type_name (n));
          return NULL;
        }
      if (!(evse = parse_evse (json_node_get_object (n), epath, lenient, error)))
        return NULL;
      /* OCPI: a REMOVED EVSE is gone; it is kept out of the model. */
      if (evse->status == CW_EVSE_STATUS_REMOVED)
        cw_evse_free (evse);
      else
        cw_evse_list_take (list, evse);
    }
  cw_station_take_evses (station, list);

  return g_steal_pointer (&station);
}

CwStation *
cw_ocpi_parse_location (JsonObject  *object,
                        const char  *source,
                        const char  *path,
                        GError     **error)
{
  return parse_location_full (object, source, path, NULL, error);
}

GPtrArray *
cw_ocpi_parse_locations_node (JsonNode    *node,
                              const char  *source,
                              GError     **error)
{
  g_autoptr (GPtrArray) stations = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *data;

  if (!(data = cw_ocpi_unwrap_envelope (node, error)))
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (data))
    {
      CwStation *s = cw_ocpi_parse_location (json_node_get_object (data), source, "$", error);
      if (s == NULL)
        return NULL;
      g_ptr_array_add (stations, s);
    }
  else if (JSON_NODE_HOLDS_ARRAY (data))
    {
      JsonArray *array = json_node_get_array (data);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *path = g_strdup_printf ("$[%u]", i);
          JsonNode *n = json_array_get_element (array, i);
          CwStation *s;

          if (!JSON_NODE_HOLDS_OBJECT (n))
            {
              g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                           "%s: expected a Location object, found %s",
                           path, cw_json_node_type_name (n));
              return NULL;
            }
          if (!(s = cw_ocpi_parse_location (json_node_get_object (n), source, path, error)))
            return NULL;
          g_ptr_array_add (stations, s);
        }
    }
  else
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "$: expected a Location or a list of them, found %s",
                   cw_json_node_type_name (data));
      return NULL;
    }

  return g_steal_pointer (&stations);
}

GPtrArray *
cw_ocpi_parse_locations (GBytes      *bytes,
                         const char  *source,
                         GError     **error)
{
  g_autoptr (JsonNode) root = cw_json_load (bytes, error);

  if (root == NULL)
    return NULL;
  return cw_ocpi_parse_locations_node (root, source, error);
}

/* ---- Tariffs ---- */

static gboolean
parse_price_member (JsonObject  *object,
                    const char  *member,
                    const char  *path,
                    Lenient     *lenient,
                    double      *excl,
                    double      *incl,
                    GError     **error)
{
  g_autofree char *ppath = g_strdup_printf ("%s.%s", path, member);
  JsonObject *price = NULL;
  JsonNode *node = json_object_get_member (object, member);

  /* Jolt: a plain number where OCPI has a Price {excl_vat, incl_vat}.
   * 0 says there is none; any other number does not say whether VAT is
   * in it, so it is left out rather than guessed. */
  if (lenient != NULL && node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == G_TYPE_INT64 ||
       json_node_get_value_type (node) == G_TYPE_DOUBLE))
    {
      if (json_node_get_double (node) != 0)
        g_debug ("%s: %g with no VAT said; left out", ppath, json_node_get_double (node));
      return TRUE;
    }

  if (!cw_json_get_object (object, member, path, &price, error))
    return FALSE;
  if (price == NULL)
    return TRUE;
  return cw_json_get_number (price, "excl_vat", ppath, excl, NULL, error) &&
         cw_json_get_number (price, "incl_vat", ppath, incl, NULL, error);
}

static gboolean
parse_restrictions (JsonObject            *object,
                    const char            *path,
                    CwTariffRestrictions  *r,
                    GError               **error)
{
  double min_d = -1, max_d = -1;
  JsonArray *days = NULL;
  g_autofree char *reservation = NULL;

  if (!cw_json_dup_string (object, "start_time", path, &r->start_time, error) ||
      !cw_json_dup_string (object, "end_time", path, &r->end_time, error) ||
      !cw_json_dup_string (object, "start_date", path, &r->start_date, error) ||
      !cw_json_dup_string (object, "end_date", path, &r->end_date, error) ||
      !cw_json_get_number (object, "min_kwh", path, &r->min_kwh, NULL, error) ||
      !cw_json_get_number (object, "max_kwh", path, &r->max_kwh, NULL, error) ||
      !cw_json_get_number (object, "min_current", path, &r->min_current, NULL, error) ||
      !cw_json_get_number (object, "max_current", path, &r->max_current, NULL, error) ||
      !cw_json_get_number (object, "min_power", path, &r->min_power, NULL, error) ||
      !cw_json_get_number (object, "max_power", path, &r->max_power, NULL, error) ||
      !cw_json_get_number (object, "min_duration", path, &min_d, NULL, error) ||
      !cw_json_get_number (object, "max_duration", path, &max_d, NULL, error) ||
      !cw_json_get_array (object, "day_of_week", path, &days, error) ||
      !cw_json_dup_string (object, "reservation", path, &reservation, error))
    return FALSE;

  r->min_duration = min_d >= 0 && min_d < G_MAXINT ? (int) min_d : -1;
  r->max_duration = max_d >= 0 && max_d < G_MAXINT ? (int) max_d : -1;
  for (guint i = 0; days && i < json_array_get_length (days); i++)
    {
      JsonNode *n = json_array_get_element (days, i);
      CwDayOfWeek d;

      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING &&
          cw_day_of_week_from_string (json_node_get_string (n), &d))
        r->day_mask |= 1u << d;
    }
  if (reservation != NULL)
    cw_reservation_restriction_from_string (reservation, &r->reservation);
  return TRUE;
}

static CwTariffElement *
parse_element (JsonObject  *object,
               const char  *path,
               Lenient     *lenient,
               GError     **error)
{
  CwTariffElement *element = cw_tariff_element_new ();
  JsonArray *components = NULL;
  JsonObject *restrictions = NULL;

  if (!cw_json_get_array (object, "price_components", path, &components, error) ||
      !cw_json_get_object (object, "restrictions", path, &restrictions, error))
    goto fail;

  for (guint i = 0; components && i < json_array_get_length (components); i++)
    {
      g_autofree char *cpath = g_strdup_printf ("%s.price_components[%u]", path, i);
      g_autofree char *type = NULL;
      JsonNode *n = json_array_get_element (components, i);
      JsonObject *o;
      CwPriceComponent pc = { 0, 0, -1, 1 };
      double step = 1;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected an object, found %s", cpath, cw_json_node_type_name (n));
          goto fail;
        }
      o = json_node_get_object (n);
      if (lenient != NULL && json_object_has_member (o, "price") &&
          JSON_NODE_HOLDS_NULL (json_object_get_member (o, "price")))
        {
          /* No price is an unknown price, never a free one. */
          lenient->null_price = TRUE;
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "%s.price: null", cpath);
          goto fail;
        }
      if (!cw_json_dup_string (o, "type", cpath, &type, error) ||
          !cw_json_get_number (o, "price", cpath, &pc.price, NULL, error) ||
          !cw_json_get_number (o, "vat", cpath, &pc.vat, NULL, error) ||
          !cw_json_get_number (o, "step_size", cpath, &step, NULL, error))
        goto fail;
      if (type == NULL || !cw_tariff_dimension_from_string (type, &pc.type))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s.type: \"%s\" is not a tariff dimension", cpath, type ? type : "");
          goto fail;
        }
      if (pc.price < 0 || pc.price > 1e6)
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
                       "%s.price: %g is out of range", cpath, pc.price);
          goto fail;
        }
      pc.step_size = step >= 1 && step < G_MAXUINT ? (guint) step : 1;
      g_array_append_val (element->components, pc);
    }

  if (restrictions != NULL)
    {
      g_autofree char *rpath = g_strdup_printf ("%s.restrictions", path);
      element->has_restrictions = json_object_get_size (restrictions) > 0;
      if (!parse_restrictions (restrictions, rpath, &element->restrictions, error))
        goto fail;
    }
  return element;

fail:
  cw_tariff_element_free (element);
  return NULL;
}

static CwTariff *
parse_tariff_full (JsonObject  *object,
                   const char  *path,
                   Lenient     *lenient,
                   GError     **error)
{
  g_autoptr (CwTariff) tariff = cw_tariff_new ();
  g_autofree char *type = NULL;
  g_autofree char *updated = NULL;
  JsonArray *elements = NULL, *alt = NULL;

  if (!cw_json_dup_string (object, "id", path, &tariff->id, error) ||
      !cw_json_dup_string (object, "country_code", path, &tariff->country_code, error) ||
      !cw_json_dup_string (object, "party_id", path, &tariff->party_id, error) ||
      !cw_json_dup_string (object, "currency", path, &tariff->currency, error) ||
      !cw_json_dup_string (object, "type", path, &type, error) ||
      !cw_json_dup_string (object, "tariff_alt_url", path, &tariff->alt_url, error) ||
      !cw_json_dup_string (object, "last_updated", path, &updated, error) ||
      !cw_json_get_array (object, "elements", path, &elements, error) ||
      !cw_json_get_array (object, "tariff_alt_text", path, &alt, error) ||
      !parse_price_member (object, "min_price", path, lenient,
                           &tariff->min_price_excl, &tariff->min_price_incl, error) ||
      !parse_price_member (object, "max_price", path, lenient,
                           &tariff->max_price_excl, &tariff->max_price_incl, error))
    return NULL;

  if (tariff->id == NULL)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "%s: no id", path);
      return NULL;
    }
  if (type != NULL)
    cw_tariff_type_from_string (type, &tariff->type);
  tariff->last_updated = cw_json_parse_time (updated);

  for (guint i = 0; alt && i < json_array_get_length (alt); i++)
    {
      JsonNode *n = json_array_get_element (alt, i);
      g_autofree char *lang = NULL;
      g_autofree char *text = NULL;

      /* Jolt: plain strings where OCPI has DisplayText; no language. */
      if (lenient != NULL && JSON_NODE_HOLDS_VALUE (n) &&
          json_node_get_value_type (n) == G_TYPE_STRING)
        {
          if (tariff->alt_text == NULL)
            tariff->alt_text = cw_json_dup_valid (json_node_get_string (n), -1);
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (n))
        continue;
      cw_json_dup_string (json_node_get_object (n), "language", path, &lang, NULL);
      cw_json_dup_string (json_node_get_object (n), "text", path, &text, NULL);
      if (text != NULL && (tariff->alt_text == NULL || g_strcmp0 (lang, "en") == 0))
        {
          g_free (tariff->alt_text);
          tariff->alt_text = g_steal_pointer (&text);
        }
    }

  for (guint i = 0; elements && i < json_array_get_length (elements); i++)
    {
      g_autofree char *epath = g_strdup_printf ("%s.elements[%u]", path, i);
      JsonNode *n = json_array_get_element (elements, i);
      CwTariffElement *element;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected an object, found %s", epath, cw_json_node_type_name (n));
          return NULL;
        }
      if (!(element = parse_element (json_node_get_object (n), epath, lenient, error)))
        return NULL;
      g_ptr_array_add (tariff->elements, element);
    }

  return g_steal_pointer (&tariff);
}

CwTariff *
cw_ocpi_parse_tariff (JsonObject  *object,
                      const char  *path,
                      GError     **error)
{
  return parse_tariff_full (object, path, NULL, error);
}

GHashTable *
cw_ocpi_parse_tariffs (GBytes  *bytes,
                       GError **error)
{
  g_autoptr (JsonNode) root = cw_json_load (bytes, error);
  g_autoptr (GHashTable) table = NULL;
  JsonNode *data;

  if (root == NULL || !(data = cw_ocpi_unwrap_envelope (root, error)))
    return NULL;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) cw_tariff_unref);

  if (JSON_NODE_HOLDS_OBJECT (data))
    {
      CwTariff *t = cw_ocpi_parse_tariff (json_node_get_object (data), "$", error);
      if (t == NULL)
        return NULL;
      g_hash_table_replace (table, g_strdup (t->id), t);
    }
  else if (JSON_NODE_HOLDS_ARRAY (data))
    {
      JsonArray *array = json_node_get_array (data);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *path = g_strdup_printf ("$[%u]", i);
          JsonNode *n = json_array_get_element (array, i);
          CwTariff *t;

          if (!JSON_NODE_HOLDS_OBJECT (n))
            {
              g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                           "%s: expected a Tariff object, found %s",
                           path, cw_json_node_type_name (n));
              return NULL;
            }
          if (!(t = cw_ocpi_parse_tariff (json_node_get_object (n), path, error)))
            return NULL;
          g_hash_table_replace (table, g_strdup (t->id), t);
        }
    }
  else
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "$: expected a Tariff or a list of them, found %s",
                   cw_json_node_type_name (data));
      return NULL;
    }

  return g_steal_pointer (&table);
}

/* ---- Lenient mode ---- */

void
cw_ocpi_parse_stats_init (CwOcpiParseStats *stats)
{
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  stats->nonspec_statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stats->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
}

void
cw_ocpi_parse_stats_clear (CwOcpiParseStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->nonspec_statuses, g_hash_table_unref);
  g_clear_pointer (&stats->problems, g_ptr_array_unref);
}

guint
cw_ocpi_parse_stats_count_status (const CwOcpiParseStats *stats,
                                  const char             *value)
{
  g_return_val_if_fail (stats != NULL && value != NULL, 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (stats->nonspec_statuses, value));
}

void
cw_ocpi_parse_stats_add_problem (CwOcpiParseStats  *stats,
                                 CwOcpiProblemKind  kind,
                                 const char        *path,
                                 const char        *id,
                                 const char        *name,
                                 const char        *message)
{
  Lenient lenient = { NULL, stats, NULL, FALSE };

  g_return_if_fail (stats != NULL && (guint) kind < CW_N_OCPI_PROBLEMS);
  add_problem (&lenient, kind, path, id, name, FALSE, "%s", message);
}

const char *
cw_ocpi_problem_kind_to_string (CwOcpiProblemKind kind)
{
  static const char * const names[CW_N_OCPI_PROBLEMS] = {
    "not-an-object", "invalid", "no-id", "no-coordinates", "not-on-earth",
    "outside-country", "swapped-coordinates", "missing-minus-sign", "duplicate",
    "tariff-invalid", "tariff-no-price",
  };

  if ((guint) kind >= CW_N_OCPI_PROBLEMS)
    return NULL;
  return names[kind];
}

/* The list of @module ("locations", "tariffs") in whatever wrapper the
 * feed uses; borrowed from @node. */
static JsonNode *
lenient_unwrap (JsonNode    *node,
                const char  *module,
                guint        depth,
                GError     **error)
{
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node) || depth > 3)
    return node;
  object = json_node_get_object (node);

  /* The OCPI envelope: its status is checked as in the strict mode. */
  if (json_object_has_member (object, "status_code") && json_object_has_member (object, "data"))
    {
      JsonNode *data = cw_ocpi_unwrap_envelope (node, error);
      return data ? lenient_unwrap (data, module, depth + 1, error) : NULL;
    }
  /* Jolt {"locations": [...]}; Mer's {"locations": envelope, "tariffs": envelope}. */
  if ((member = json_object_get_member (object, module)) != NULL &&
      (JSON_NODE_HOLDS_ARRAY (member) || JSON_NODE_HOLDS_OBJECT (member)))
    return lenient_unwrap (member, module, depth + 1, error);
  /* Clenergy {name, message, data, error, forcelogout}; Mer's outer {"data": {...}}. */
  if ((member = json_object_get_member (object, "data")) != NULL &&
      (JSON_NODE_HOLDS_ARRAY (member) || JSON_NODE_HOLDS_OBJECT (member)))
    {
      JsonNode *err = json_object_get_member (object, "error");

      if (err != NULL && !JSON_NODE_HOLDS_NULL (err) &&
          !(JSON_NODE_HOLDS_VALUE (err) && json_node_get_value_type (err) == G_TYPE_BOOLEAN &&
            !json_node_get_boolean (err)))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_STATUS,
                       "$.error: the feed answered with an error");
          return NULL;
        }
      return lenient_unwrap (member, module, depth + 1, error);
    }
  /* One record on its own. */
  return node;
}

GPtrArray *
cw_ocpi_parse_locations_node_lenient (JsonNode                   *node,
                                      const char                 *source,
                                      const CwOcpiLenientOptions *options,
                                      CwOcpiParseStats           *stats,
                                      GError                    **error)
{
  g_autoptr (GPtrArray) stations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CwOcpiParseStats own;
  Lenient lenient = { options, stats ? stats : &own, ids, FALSE };
  JsonNode *data;
  JsonArray *array = NULL;
  GError *local_error = NULL;
  guint n;

  g_return_val_if_fail (node != NULL, NULL);

  if (stats == NULL)
    cw_ocpi_parse_stats_init (&own);
  if (!(data = lenient_unwrap (node, "locations", 0, &local_error)))
    goto out;
  if (JSON_NODE_HOLDS_OBJECT (data))
    {
      array = json_array_new ();
      json_array_add_element (array, json_node_ref (data));
    }
  else if (JSON_NODE_HOLDS_ARRAY (data))
    array = json_array_ref (json_node_get_array (data));
  else
    {
      g_set_error (&local_error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "$: expected a list of Locations, found %s", cw_json_node_type_name (data));
      goto out;
    }

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("$[%u]", i);
      g_autoptr (GError) location_error = NULL;
      JsonNode *element = json_array_get_element (array, i);
      CwStation *s;
      gpointer index;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          add_problem (&lenient, CW_OCPI_PROBLEM_NOT_AN_OBJECT, path, NULL, NULL, FALSE,
                       "expected a Location object, found %s", cw_json_node_type_name (element));
          lenient.stats->skipped++;
          continue;
        }
      s = parse_location_full (json_node_get_object (element), source, path, &lenient, &location_error);
      if (s == NULL)
        {
          if (location_error != NULL)
            {
              g_autofree char *id = NULL;
              g_autofree char *name = NULL;

              cw_json_dup_string (json_node_get_object (element), "id", path, &id, NULL);
              cw_json_dup_string (json_node_get_object (element), "name", path, &name, NULL);
              add_problem (&lenient, CW_OCPI_PROBLEM_INVALID, path, id, name, FALSE,
                           "%s", location_error->message);
            }
          lenient.stats->skipped++;
          continue;
        }

      /* The same id again: the newest last_updated wins. */
      if (g_hash_table_lookup_extended (ids, cw_station_get_id (s), NULL, &index))
        {
          CwStation *old = g_ptr_array_index (stations, GPOINTER_TO_UINT (index));
          gboolean newer = s->last_updated > old->last_updated;

          add_problem (&lenient, CW_OCPI_PROBLEM_DUPLICATE, path, cw_station_get_id (s), cw_station_get_name (s), FALSE,
                       "the id is also at an earlier place in the response; the %s record is kept",
                       newer ? "newer (this)" : "earlier");
          if (newer)
            {
              g_object_unref (old);
              g_ptr_array_index (stations, GPOINTER_TO_UINT (index)) = s;
            }
          else
            g_object_unref (s);
          lenient.stats->skipped++;
          continue;
        }
      g_hash_table_insert (ids, g_strdup (cw_station_get_id (s)), GUINT_TO_POINTER (stations->len));
      g_ptr_array_add (stations, s);
    }
  lenient.stats->locations += stations->len;

out:
  g_clear_pointer (&array, json_array_unref);
  if (stats == NULL)
    cw_ocpi_parse_stats_clear (&own);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&stations);
}

GPtrArray *
cw_ocpi_parse_locations_lenient (GBytes                     *bytes,
                                 const char                 *source,
                                 const CwOcpiLenientOptions *options,
                                 CwOcpiParseStats           *stats,
                                 GError                    **error)
{
  g_autoptr (JsonNode) root = cw_json_load (bytes, error);

  if (root == NULL)
    return NULL;
  return cw_ocpi_parse_locations_node_lenient (root, source, options, stats, error);
}

GHashTable *
cw_ocpi_parse_tariffs_node_lenient (JsonNode          *node,
                                    CwOcpiParseStats  *stats,
                                    GError           **error)
{
  g_autoptr (GHashTable) table = NULL;
  CwOcpiParseStats own;
  Lenient lenient = { NULL, stats ? stats : &own, NULL, FALSE };
  JsonNode *data;
  JsonArray *array = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  if (stats == NULL)
    cw_ocpi_parse_stats_init (&own);
  if (!(data = lenient_unwrap (node, "tariffs", 0, &local_error)))
    goto out;
  if (JSON_NODE_HOLDS_OBJECT (data))
    {
      array = json_array_new ();
      json_array_add_element (array, json_node_ref (data));
    }
  else if (JSON_NODE_HOLDS_ARRAY (data))
    array = json_array_ref (json_node_get_array (data));
  else
    {
      g_set_error (&local_error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "$: expected a list of Tariffs, found %s", cw_json_node_type_name (data));
      goto out;
    }

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cw_tariff_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$[%u]", i);
      g_autoptr (GError) tariff_error = NULL;
      g_autofree char *id = NULL;
      JsonNode *element = json_array_get_element (array, i);
      CwTariff *t;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          add_problem (&lenient, CW_OCPI_PROBLEM_TARIFF_INVALID, path, NULL, NULL, FALSE,
                       "expected a Tariff object, found %s", cw_json_node_type_name (element));
          lenient.stats->tariffs_skipped++;
          continue;
        }
      lenient.null_price = FALSE;
      if ((t = parse_tariff_full (json_node_get_object (element), path, &lenient, &tariff_error)))
        {
          g_hash_table_replace (table, g_strdup (t->id), t);
          continue;
        }
      cw_json_dup_string (json_node_get_object (element), "id", path, &id, NULL);
      if (lenient.null_price)
        add_problem (&lenient, CW_OCPI_PROBLEM_TARIFF_NO_PRICE, path, id, NULL, FALSE,
                     "a price given as null: its connectors show the price as unknown");
      else
        add_problem (&lenient, CW_OCPI_PROBLEM_TARIFF_INVALID, path, id, NULL, FALSE,
                     "%s", tariff_error->message);
      lenient.stats->tariffs_skipped++;
    }
  lenient.stats->tariffs += g_hash_table_size (table);

out:
  g_clear_pointer (&array, json_array_unref);
  if (stats == NULL)
    cw_ocpi_parse_stats_clear (&own);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&table);
}

GHashTable *
cw_ocpi_parse_tariffs_lenient (GBytes            *bytes,
                               CwOcpiParseStats  *stats,
                               GError           **error)
{
  g_autoptr (JsonNode) root = cw_json_load (bytes, error);

  if (root == NULL)
    return NULL;
  return cw_ocpi_parse_tariffs_node_lenient (root, stats, error);
}
