/* test-ocm-parser.c: Open Charge Map v3 /poi and /referencedata → model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-ocm-parser.h"

/* A few rows of /v3/referencedata, with the spacing real data has. */
#define REFERENCE \
  "{\"ConnectionTypes\":[{\"ID\":33,\"Title\":\"CCS (Type 2)\"}," \
  "  {\"ID\":25,\"Title\":\"Type 2 (Socket Only)\"},{\"ID\":2,\"Title\":\"CHAdeMO\"}," \
  "  {\"ID\":1036,\"Title\":\"Type 2 (Tethered Connector) \"}]," \
  " \"Operators\":[{\"ID\":8,\"Title\":\"bp pulse (UK)\"},{\"ID\":3,\"Title\":\"POD Point (UK)\"}]," \
  " \"StatusTypes\":[{\"ID\":50,\"Title\":\"Operational\"},{\"ID\":10,\"Title\":\"Available\"}]," \
  " \"UsageTypes\":[{\"ID\":1,\"Title\":\"Public\"},{\"ID\":2,\"Title\":\"Private - Restricted Access\"}]," \
  " \"CurrentTypes\":[{\"ID\":10,\"Title\":\"AC (Single-Phase)\"},{\"ID\":30,\"Title\":\"DC\"}]," \
  " \"DataProviders\":[{\"ID\":1,\"Title\":\"Open Charge Map Contributors\"}," \
  "  {\"ID\":18,\"Title\":\"UK National Charge Point Registry\"}]," \
  " \"Countries\":[{\"ID\":1,\"ISOCode\":\"GB\",\"Title\":\"United Kingdom\"}," \
  "  {\"ID\":159,\"ISOCode\":\"NL\",\"Title\":\"Netherlands\"}]}"

/* compact=true: ids only. POI 0 has four connections (one removed, one
 * without status of its own); POI 1 has its numbers as strings. */
#define COMPACT_POI_0 \
  "{\"ID\":157899,\"UUID\":\"DA6A0B02\",\"DataProviderID\":1,\"OperatorID\":8,\"UsageTypeID\":4," \
  " \"AddressInfo\":{\"ID\":158253,\"Title\":\"Burdett Road Parking/Charging \"," \
  "  \"AddressLine1\":\"420-421 Burdett Road\",\"Town\":\"London\",\"Postcode\":\"E3 4HL\"," \
  "  \"CountryID\":1,\"Latitude\":51.519634,\"Longitude\":-0.031043}," \
  " \"Connections\":[" \
  "  {\"ID\":227549,\"ConnectionTypeID\":2,\"StatusTypeID\":50,\"Amps\":125,\"Voltage\":400," \
  "   \"PowerKW\":50,\"CurrentTypeID\":30,\"Quantity\":1}," \
  "  {\"ID\":227550,\"ConnectionTypeID\":33,\"StatusTypeID\":10,\"PowerKW\":150," \
  "   \"CurrentTypeID\":30,\"Quantity\":2}," \
  "  {\"ID\":261981,\"ConnectionTypeID\":25,\"StatusTypeID\":200,\"PowerKW\":22," \
  "   \"CurrentTypeID\":20,\"Quantity\":1}," \
  "  {\"ID\":261982,\"ConnectionTypeID\":1036,\"PowerKW\":\"7.4\",\"CurrentTypeID\":10," \
  "   \"Quantity\":null}]," \
  " \"UsageCost\":\"£0.79/kWh\",\"StatusTypeID\":50," \
  " \"DateLastStatusUpdate\":\"2020-12-30T21:26:00Z\"}"

#define COMPACT_POI_1 \
  "{\"ID\":\"200001\",\"DataProviderID\":18,\"OperatorID\":3,\"UsageTypeID\":2,\"StatusTypeID\":10," \
  " \"AddressInfo\":{\"Title\":\"Mile End Road\",\"Town\":\"London\",\"CountryID\":1," \
  "  \"Latitude\":\"51.5215\",\"Longitude\":\"-0.0412\"}," \
  " \"Connections\":[{\"ID\":300001,\"ConnectionTypeID\":25,\"PowerKW\":7,\"CurrentTypeID\":10}]}"

#define COMPACT "[" COMPACT_POI_0 "," COMPACT_POI_1 "]"

/* The full form: nested objects carry the names. */
#define FULL \
  "[{\"ID\":300500,\"DataProviderID\":25," \
  "  \"DataProvider\":{\"ID\":25,\"Title\":\"Oplaadpalen.nl\"}," \
  "  \"OperatorInfo\":{\"ID\":45,\"Title\":\" Shell Recharge \"}," \
  "  \"UsageType\":{\"ID\":1,\"Title\":\"Public\"}," \
  "  \"StatusType\":{\"ID\":50,\"Title\":\"Operational\",\"IsOperational\":true}," \
  "  \"AddressInfo\":{\"Title\":\"Jaarbeursplein\",\"Town\":\"Utrecht\",\"Postcode\":\"3521 AL\"," \
  "   \"Country\":{\"ID\":159,\"ISOCode\":\"NL\",\"Title\":\"Netherlands\"}," \
  "   \"Latitude\":52.0894,\"Longitude\":5.1077}," \
  "  \"Connections\":[{\"ID\":9001," \
  "   \"ConnectionType\":{\"ID\":33,\"Title\":\"CCS (Type 2)\"}," \
  "   \"StatusType\":{\"ID\":20,\"Title\":\"In use\"}," \
  "   \"CurrentType\":{\"ID\":30,\"Title\":\"DC\"},\"PowerKW\":150.5,\"Quantity\":4}," \
  "   {\"ID\":9002,\"ConnectionType\":{\"ID\":777,\"Title\":\"Odd Plug\"}}]," \
  "  \"UsageCost\":\"€0,59/kWh\",\"DateLastStatusUpdate\":\"2026-10-01T12:00:00Z\"}]"

static GBytes *
bytes_of (const char *s)
{
  return g_bytes_new (s, strlen (s));
}

static CwOcmReference *
reference_of (const char *json)
{
  g_autoptr (GBytes) b = bytes_of (json);
  g_autoptr (GError) error = NULL;
  CwOcmReference *ref = cw_ocm_reference_parse (b, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ref);
  return ref;
}

static GPtrArray *
parse_str (const char     *json,
           CwOcmReference *ref,
           GError        **error)
{
  g_autoptr (GBytes) b = bytes_of (json);
  return cw_ocm_parse_poi (b, ref, "ocm", error);
}

static CwEvse *
evse_at (CwStation *s,
         guint      i)
{
  g_assert_cmpuint (i, <, s->n_evses);
  return &s->evses[i];
}

static CwConnector *
connector_of (CwEvse *e)
{
  g_assert_cmpuint (e->n_connectors, ==, 1);
  return &cw_evse_get_connectors (e)[0];
}

static void
test_id_mapping (void)
{
  g_assert_cmpint (cw_ocm_connection_type_to_standard (33), ==, CW_CONNECTOR_IEC_62196_T2_COMBO);
  g_assert_cmpint (cw_ocm_connection_type_to_standard (32), ==, CW_CONNECTOR_IEC_62196_T1_COMBO);
  g_assert_cmpint (cw_ocm_connection_type_to_standard (25), ==, CW_CONNECTOR_IEC_62196_T2);
  g_assert_cmpint (cw_ocm_connection_type_to_standard (1036), ==, CW_CONNECTOR_IEC_62196_T2);
  g_assert_cmpint (cw_ocm_connection_type_to_standard (2), ==, CW_CONNECTOR_CHADEMO);
  g_assert_cmpint (cw_ocm_connection_type_to_standard (1), ==, CW_CONNECTOR_IEC_62196_T1);
  g_assert_cmpint (cw_ocm_connection_type_to_standard (3), ==, CW_CONNECTOR_DOMESTIC_G);
  g_assert_cmpint (cw_ocm_connection_type_to_standard (28), ==, CW_CONNECTOR_DOMESTIC_F);
  g_assert_cmpint (cw_ocm_connection_type_to_standard (0), ==, CW_CONNECTOR_UNKNOWN);
  g_assert_cmpint (cw_ocm_connection_type_to_standard (-1), ==, CW_CONNECTOR_UNKNOWN);
  g_assert_cmpint (cw_ocm_connection_type_to_standard (99999), ==, CW_CONNECTOR_UNKNOWN);

  /* "Operational" is no live status */
  g_assert_cmpint (cw_ocm_status_type_to_status (50), ==, CW_EVSE_STATUS_UNKNOWN);
  g_assert_cmpint (cw_ocm_status_type_to_status (75), ==, CW_EVSE_STATUS_UNKNOWN);
  g_assert_cmpint (cw_ocm_status_type_to_status (0), ==, CW_EVSE_STATUS_UNKNOWN);
  g_assert_cmpint (cw_ocm_status_type_to_status (10), ==, CW_EVSE_STATUS_AVAILABLE);
  g_assert_cmpint (cw_ocm_status_type_to_status (20), ==, CW_EVSE_STATUS_CHARGING);
  g_assert_cmpint (cw_ocm_status_type_to_status (100), ==, CW_EVSE_STATUS_OUTOFORDER);
  g_assert_cmpint (cw_ocm_status_type_to_status (150), ==, CW_EVSE_STATUS_PLANNED);
  g_assert_cmpint (cw_ocm_status_type_to_status (200), ==, CW_EVSE_STATUS_REMOVED);
  g_assert_cmpint (cw_ocm_status_type_to_status (210), ==, CW_EVSE_STATUS_REMOVED);
}

static void
test_reference (void)
{
  g_autoptr (CwOcmReference) ref = reference_of (REFERENCE);
  g_autoptr (GBytes) wrong = bytes_of ("[]");
  g_autoptr (GBytes) bad_table = bytes_of ("{\"Operators\":{\"ID\":1}}");
  g_autoptr (GError) error = NULL;
  g_autoptr (CwOcmReference) none = NULL;

  g_assert_cmpstr (cw_ocm_reference_lookup (ref, "Operators", 8), ==, "bp pulse (UK)");
  g_assert_cmpstr (cw_ocm_reference_lookup (ref, "ConnectionTypes", 33), ==, "CCS (Type 2)");
  /* titles come stripped */
  g_assert_cmpstr (cw_ocm_reference_lookup (ref, "ConnectionTypes", 1036), ==,
                   "Type 2 (Tethered Connector)");
  g_assert_cmpstr (cw_ocm_reference_lookup (ref, "DataProviders", 18), ==,
                   "UK National Charge Point Registry");
  /* countries by ISO code */
  g_assert_cmpstr (cw_ocm_reference_lookup (ref, "Countries", 159), ==, "NL");
  g_assert_null (cw_ocm_reference_lookup (ref, "Operators", 9999));
  g_assert_null (cw_ocm_reference_lookup (ref, "NoSuchTable", 8));
  g_assert_null (cw_ocm_reference_lookup (NULL, "Operators", 8));

  none = cw_ocm_reference_parse (wrong, &error);
  g_assert_null (none);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE);
  g_assert_nonnull (strstr (error->message, "$"));
  g_clear_error (&error);

  none = cw_ocm_reference_parse (bad_table, &error);
  g_assert_null (none);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE);
  g_assert_nonnull (strstr (error->message, "$.Operators"));
}

static void
test_compact_with_reference (void)
{
  g_autoptr (CwOcmReference) ref = reference_of (REFERENCE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = parse_str (COMPACT, ref, &error);
  CwStation *s, *t;
  CwEvse *e;
  CwConnector *c;

  g_assert_no_error (error);
  g_assert_nonnull (stations);
  g_assert_cmpuint (stations->len, ==, 2);
  s = g_ptr_array_index (stations, 0);
  t = g_ptr_array_index (stations, 1);

  g_assert_cmpstr (cw_station_get_source (s), ==, "ocm");
  g_assert_cmpstr (cw_station_get_id (s), ==, "157899");
  g_assert_cmpstr (cw_station_get_name (s), ==, "Burdett Road Parking/Charging");     /* stripped */
  g_assert_cmpstr (cw_station_get_address (s), ==, "420-421 Burdett Road");
  g_assert_cmpstr (cw_station_get_city (s), ==, "London");
  g_assert_cmpstr (cw_station_get_postal_code (s), ==, "E3 4HL");
  g_assert_cmpstr (cw_station_get_country (s), ==, "GB");
  g_assert_cmpstr (cw_station_get_operator_name (s), ==, "bp pulse (UK)");
  g_assert_cmpstr (cw_station_get_usage_cost (s), ==, "£0.79/kWh");
  g_assert_cmpfloat_with_epsilon (s->latitude, 51.519634, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->longitude, -0.031043, 1e-9);
  g_assert_true (s->is_public);                 /* UsageTypeID 4: membership */
  g_assert_cmpint (s->last_updated, ==, 1609363560);    /* 2020-12-30T21:26:00Z */
  /* Open Charge Map's own data: the plain credit line */
  g_assert_nonnull (cw_station_get_attribution (s));
  g_assert_true (g_str_has_prefix (cw_station_get_attribution (s), "Open Charge Map contributors"));
  g_assert_null (strstr (cw_station_get_attribution (s), "data from"));

  /* four connections, the removed one dropped */
  g_assert_cmpuint (s->n_evses, ==, 3);

  e = evse_at (s, 0);
  c = connector_of (e);
  g_assert_cmpstr (cw_evse_get_uid (e), ==, "227549");
  g_assert_cmpint (e->status, ==, CW_EVSE_STATUS_UNKNOWN);   /* 50: no live status */
  g_assert_cmpuint (e->quantity, ==, 1);
  g_assert_cmpint (e->last_updated, ==, 1609363560);
  g_assert_cmpint (c->standard, ==, CW_CONNECTOR_CHADEMO);
  g_assert_cmpstr (cw_connector_get_standard_label (c), ==, "CHAdeMO");
  g_assert_cmpint (c->format, ==, CW_CONNECTOR_FORMAT_CABLE);
  g_assert_cmpint (c->power_type, ==, CW_POWER_TYPE_DC);
  g_assert_cmpfloat (c->max_power_kw, ==, 50.0);
  g_assert_cmpint (c->max_amperage, ==, 125);
  g_assert_cmpint (c->max_voltage, ==, 400);

  e = evse_at (s, 1);
  c = connector_of (e);
  g_assert_cmpstr (cw_evse_get_uid (e), ==, "227550");
  g_assert_cmpint (e->status, ==, CW_EVSE_STATUS_AVAILABLE);   /* 10: automated */
  g_assert_cmpuint (e->quantity, ==, 2);
  g_assert_cmpint (c->standard, ==, CW_CONNECTOR_IEC_62196_T2_COMBO);
  g_assert_cmpstr (cw_connector_get_standard_label (c), ==, "CCS (Type 2)");
  g_assert_cmpint (c->power_type, ==, CW_POWER_TYPE_DC);
  g_assert_cmpfloat (c->max_power_kw, ==, 150.0);

  /* no StatusTypeID of its own: the site's (50, unknown); PowerKW a string */
  e = evse_at (s, 2);
  c = connector_of (e);
  g_assert_cmpstr (cw_evse_get_uid (e), ==, "261982");
  g_assert_cmpint (e->status, ==, CW_EVSE_STATUS_UNKNOWN);
  g_assert_cmpuint (e->quantity, ==, 1);
  g_assert_cmpint (c->standard, ==, CW_CONNECTOR_IEC_62196_T2);
  g_assert_cmpstr (cw_connector_get_standard_label (c), ==, "Type 2 (Tethered Connector)");
  g_assert_cmpint (c->power_type, ==, CW_POWER_TYPE_AC_1_PHASE);
  g_assert_cmpfloat_with_epsilon (c->max_power_kw, 7.4, 1e-5)  /* kept as a float */;

  /* the model's summaries over it */
  g_assert_cmpuint (cw_station_count_evses (s), ==, 4);
  g_assert_cmpuint (cw_station_count_available (s), ==, 2);
  g_assert_cmpint (cw_station_get_availability (s), ==, CW_AVAILABILITY_AVAILABLE);
  g_assert_cmpfloat (cw_station_get_max_power_kw (s), ==, 150.0);

  /* POI 1: a string ID and string coordinates; a private site; data from
   * another provider, which the credit line names */
  g_assert_cmpstr (cw_station_get_id (t), ==, "200001");
  g_assert_cmpfloat_with_epsilon (t->latitude, 51.5215, 1e-9);
  g_assert_cmpfloat_with_epsilon (t->longitude, -0.0412, 1e-9);
  g_assert_cmpstr (cw_station_get_operator_name (t), ==, "POD Point (UK)");
  g_assert_false (t->is_public);
  g_assert_null (cw_station_get_usage_cost (t));
  g_assert_null (cw_station_get_postal_code (t));
  g_assert_cmpint (t->last_updated, ==, 0);
  g_assert_nonnull (strstr (cw_station_get_attribution (t), "Open Charge Map contributors"));
  g_assert_nonnull (strstr (cw_station_get_attribution (t), "UK National Charge Point Registry"));
  g_assert_cmpuint (t->n_evses, ==, 1);
  /* the site's automated status 10 stands for its connection */
  g_assert_cmpint (evse_at (t, 0)->status, ==, CW_EVSE_STATUS_AVAILABLE);
  g_assert_cmpint (connector_of (evse_at (t, 0))->format, ==, CW_CONNECTOR_FORMAT_SOCKET);
}

static void
test_compact_without_reference (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = parse_str (COMPACT, NULL, &error);
  CwStation *s, *t;

  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, ==, 2);
  s = g_ptr_array_index (stations, 0);
  t = g_ptr_array_index (stations, 1);

  /* ids instead of names */
  g_assert_cmpstr (cw_station_get_operator_name (s), ==, "Operator 8");
  g_assert_cmpstr (cw_station_get_operator_name (t), ==, "Operator 3");
  g_assert_cmpstr (cw_connector_get_standard_label (connector_of (evse_at (s, 1))), ==, "Connection type 33");
  /* the standard itself does not need the names */
  g_assert_cmpint (connector_of (evse_at (s, 1))->standard, ==, CW_CONNECTOR_IEC_62196_T2_COMBO);
  /* no country name without the reference */
  g_assert_null (cw_station_get_country (s));
  g_assert_nonnull (strstr (cw_station_get_attribution (t), "data provider 18"));
  g_assert_null (strstr (cw_station_get_attribution (s), "data from"));
  g_assert_cmpuint (s->n_evses, ==, 3);
}

static void
test_full_form (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = parse_str (FULL, NULL, &error);
  CwStation *s;
  CwEvse *e;
  CwConnector *c;

  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, ==, 1);
  s = g_ptr_array_index (stations, 0);

  g_assert_cmpstr (cw_station_get_id (s), ==, "300500");
  g_assert_cmpstr (cw_station_get_name (s), ==, "Jaarbeursplein");
  g_assert_cmpstr (cw_station_get_operator_name (s), ==, "Shell Recharge");
  g_assert_cmpstr (cw_station_get_country (s), ==, "NL");
  g_assert_cmpstr (cw_station_get_usage_cost (s), ==, "€0,59/kWh");
  g_assert_true (s->is_public);
  g_assert_nonnull (strstr (cw_station_get_attribution (s), "Oplaadpalen.nl"));
  g_assert_cmpint (s->last_updated, ==, 1790856000);    /* 2026-10-01T12:00:00Z */

  g_assert_cmpuint (s->n_evses, ==, 2);
  e = evse_at (s, 0);
  c = connector_of (e);
  g_assert_cmpint (e->status, ==, CW_EVSE_STATUS_CHARGING);
  g_assert_cmpuint (e->quantity, ==, 4);
  g_assert_cmpint (c->standard, ==, CW_CONNECTOR_IEC_62196_T2_COMBO);
  g_assert_cmpstr (cw_connector_get_standard_label (c), ==, "CCS (Type 2)");
  g_assert_cmpint (c->power_type, ==, CW_POWER_TYPE_DC);
  g_assert_cmpfloat_with_epsilon (c->max_power_kw, 150.5, 1e-5)  /* kept as a float */;
  g_assert_cmpint (cw_station_get_availability (s), ==, CW_AVAILABILITY_BUSY);

  /* a type OCPI has no name for keeps the source's own */
  e = evse_at (s, 1);
  c = connector_of (e);
  g_assert_cmpint (c->standard, ==, CW_CONNECTOR_UNKNOWN);
  g_assert_cmpstr (cw_connector_get_standard_label (c), ==, "Odd Plug");
  g_assert_cmpint (e->status, ==, CW_EVSE_STATUS_UNKNOWN);     /* site: 50 */
  g_assert_cmpint (c->power_type, ==, CW_POWER_TYPE_UNKNOWN);
  g_assert_cmpfloat (c->max_power_kw, ==, 0.0);
}

static void
test_removed_site (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = parse_str (
    "[{\"ID\":5,\"StatusTypeID\":200,\"AddressInfo\":{\"Latitude\":51.5,\"Longitude\":0.1},"
    "  \"Connections\":[{\"ID\":1,\"ConnectionTypeID\":25},"
    "                   {\"ID\":2,\"ConnectionTypeID\":25,\"StatusTypeID\":210},"
    "                   {\"ID\":3,\"ConnectionTypeID\":2,\"StatusTypeID\":100}]},"
    " {\"ID\":6,\"AddressInfo\":{\"Latitude\":0,\"Longitude\":0}}]",
    NULL, &error);
  CwStation *s;

  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, ==, 2);
  s = g_ptr_array_index (stations, 0);
  /* connections that inherit the removed site status go, as do removed
   * ones; an out-of-order one stays */
  g_assert_cmpuint (s->n_evses, ==, 1);
  g_assert_cmpstr (cw_evse_get_uid (evse_at (s, 0)), ==, "3");
  g_assert_cmpint (evse_at (s, 0)->status, ==, CW_EVSE_STATUS_OUTOFORDER);
  g_assert_cmpint (cw_station_get_availability (s), ==, CW_AVAILABILITY_OUT_OF_ORDER);

  /* a POI without connections or names is still a place */
  s = g_ptr_array_index (stations, 1);
  g_assert_cmpstr (cw_station_get_id (s), ==, "6");
  g_assert_cmpuint (s->n_evses, ==, 0);
  g_assert_null (cw_station_get_name (s));
  g_assert_null (cw_station_get_operator_name (s));
  g_assert_cmpint (cw_station_get_availability (s), ==, CW_AVAILABILITY_UNKNOWN);
}

static void
test_empty_array (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = parse_str ("[]", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stations);
  g_assert_cmpuint (stations->len, ==, 0);
}

static void
check_bad_bytes (GBytes     *bytes,
                 int         code,
                 const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = cw_ocm_parse_poi (bytes, NULL, "ocm", &error);

  g_assert_null (stations);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_true (g_error_matches (error, CW_PARSE_ERROR, code));
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("\"%s\" does not name \"%s\"", error->message, fragment);
}

static void
check_bad (const char *json,
           int         code,
           const char *fragment)
{
  g_autoptr (GBytes) b = bytes_of (json);
  check_bad_bytes (b, code, fragment);
}

#define GOOD_ADDRESS "\"AddressInfo\":{\"Latitude\":51.5,\"Longitude\":-0.1}"

static void
test_bad_input (void)
{
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GBytes) truncated = NULL;
  g_autoptr (GBytes) bad_utf8 = NULL;
  static const char latin1[] = "[{\"ID\":1," GOOD_ADDRESS ",\"UsageCost\":\"Caf\xe9\"}]";

  /* truncated JSON: where the parser stopped */
  truncated = g_bytes_new (COMPACT, strlen (COMPACT) - 40);
  none = cw_ocm_parse_poi (truncated, NULL, "ocm", &error);
  g_assert_null (none);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_INVALID_JSON);
  g_test_message ("error: %s", error->message);
  g_assert_true (g_regex_match_simple ("[0-9]+:[0-9]+", error->message, 0, 0));
  g_clear_error (&error);

  check_bad_bytes (empty, CW_PARSE_ERROR_EMPTY, "empty");
  check_bad_bytes (NULL, CW_PARSE_ERROR_EMPTY, NULL);
  check_bad ("  \n", CW_PARSE_ERROR_EMPTY, NULL);

  /* bytes that are no UTF-8: the offset of the first bad one */
  bad_utf8 = g_bytes_new (latin1, strlen (latin1));
  {
    g_autofree char *where = g_strdup_printf ("byte %d", (int) (strchr (latin1, '\xe9') - latin1));
    check_bad_bytes (bad_utf8, CW_PARSE_ERROR_INVALID_JSON, where);
  }

  check_bad ("{\"ID\":1}", CW_PARSE_ERROR_WRONG_TYPE, "$");
  check_bad ("{\"ID\":1}", CW_PARSE_ERROR_WRONG_TYPE, "an object");
  check_bad ("[{\"ID\":1," GOOD_ADDRESS "}, 7]", CW_PARSE_ERROR_WRONG_TYPE, "$[1]");

  /* latitude 200: out of range, in the second POI */
  check_bad ("[{\"ID\":1," GOOD_ADDRESS "},"
             " {\"ID\":2,\"AddressInfo\":{\"Latitude\":200,\"Longitude\":4.9}}]",
             CW_PARSE_ERROR_OUT_OF_RANGE, "$[1].AddressInfo");
  check_bad ("[{\"ID\":2,\"AddressInfo\":{\"Latitude\":52,\"Longitude\":-190}}]",
             CW_PARSE_ERROR_OUT_OF_RANGE, "-190");

  check_bad ("[{\"ID\":1}]", CW_PARSE_ERROR_MISSING, "$[0]");
  check_bad ("[{\"ID\":1}]", CW_PARSE_ERROR_MISSING, "AddressInfo");
  check_bad ("[{\"ID\":1,\"AddressInfo\":{\"Longitude\":4.9}}]",
             CW_PARSE_ERROR_MISSING, "Latitude");
  check_bad ("[{" GOOD_ADDRESS "}]", CW_PARSE_ERROR_MISSING, "$[0]");
  check_bad ("[{\"ID\":1,\"AddressInfo\":[]}]", CW_PARSE_ERROR_WRONG_TYPE, "$[0].AddressInfo");

  /* Latitude a string that is no number */
  check_bad ("[{\"ID\":1,\"AddressInfo\":{\"Latitude\":\"north\",\"Longitude\":4.9}}]",
             CW_PARSE_ERROR_WRONG_TYPE, "$[0].AddressInfo.Latitude");
  check_bad ("[{\"ID\":1,\"AddressInfo\":{\"Latitude\":true,\"Longitude\":4.9}}]",
             CW_PARSE_ERROR_WRONG_TYPE, "Latitude");

  /* Connections */
  check_bad ("[{\"ID\":1," GOOD_ADDRESS ",\"Connections\":{\"ID\":3}}]",
             CW_PARSE_ERROR_WRONG_TYPE, "$[0].Connections");
  check_bad ("[{\"ID\":1," GOOD_ADDRESS ",\"Connections\":[{\"ID\":3},\"x\"]}]",
             CW_PARSE_ERROR_WRONG_TYPE, "$[0].Connections[1]");
  check_bad ("[{\"ID\":1," GOOD_ADDRESS ",\"Connections\":[{\"ID\":3,\"PowerKW\":-5}]}]",
             CW_PARSE_ERROR_OUT_OF_RANGE, "$[0].Connections[0]");
  check_bad ("[{\"ID\":1," GOOD_ADDRESS ",\"Connections\":[{\"ID\":3,\"PowerKW\":\"fast\"}]}]",
             CW_PARSE_ERROR_WRONG_TYPE, "$[0].Connections[0].PowerKW");
  check_bad ("[{\"ID\":1," GOOD_ADDRESS ",\"Connections\":[{\"ConnectionType\":\"CCS\"}]}]",
             CW_PARSE_ERROR_WRONG_TYPE, "ConnectionType");

  /* a name of the wrong type */
  check_bad ("[{\"ID\":1,\"AddressInfo\":{\"Title\":[1],\"Latitude\":51.5,\"Longitude\":-0.1}}]",
             CW_PARSE_ERROR_WRONG_TYPE, "$[0].AddressInfo.Title");
}

/* ---- real data ---- */

static char *
shared_path (const char *first,
             ...)
{
  const char *root = g_getenv ("CW_SHARED_DATA");
  g_autofree char *rel = NULL;
  va_list args;
  char *path;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    return NULL;
  va_start (args, first);
  rel = g_build_filename_valist (first, &args);
  va_end (args);
  path = g_build_filename (root, rel, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&path, g_free);
  return path;
}

static GBytes *
load_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (mapped);
}

static void
test_real_london (void)
{
  g_autofree char *poi_path = shared_path ("ocm", "london-100-poi-compact.json", NULL);
  g_autofree char *ref_path = shared_path ("ocm", "reference.json", NULL);
  g_autoptr (GBytes) poi = NULL;
  g_autoptr (GBytes) ref_bytes = NULL;
  g_autoptr (CwOcmReference) ref = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GPtrArray) bare = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) raw = json_parser_new ();
  g_autoptr (JsonParser) raw_ref = json_parser_new ();
  g_autoptr (GHashTable) operators = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, g_free);
  JsonArray *pois, *ops;
  guint n_connections = 0, n_raw_connections = 0, n_removed = 0, n_named = 0;
  guint n_points = 0, n_attributed = 0;

  if (poi_path == NULL || ref_path == NULL)
    {
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocm/london-100-poi-compact.json)");
      return;
    }

  poi = load_bytes (poi_path);
  ref_bytes = load_bytes (ref_path);
  ref = cw_ocm_reference_parse (ref_bytes, &error);
  g_assert_no_error (error);
  stations = cw_ocm_parse_poi (poi, ref, "ocm", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stations);
  g_assert_cmpuint (stations->len, ==, 100);

  /* the same file read plainly, to compare with */
  json_parser_load_from_data (raw, g_bytes_get_data (poi, NULL), g_bytes_get_size (poi), &error);
  g_assert_no_error (error);
  json_parser_load_from_data (raw_ref, g_bytes_get_data (ref_bytes, NULL),
                              g_bytes_get_size (ref_bytes), &error);
  g_assert_no_error (error);
  pois = json_node_get_array (json_parser_get_root (raw));
  ops = json_object_get_array_member (json_node_get_object (json_parser_get_root (raw_ref)),
                                      "Operators");
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonObject *o = json_array_get_object_element (ops, i);
      gint64 id = json_object_get_int_member (o, "ID");
      g_hash_table_insert (operators, g_memdup2 (&id, sizeof id),
                           g_strstrip (g_strdup (json_object_get_string_member (o, "Title"))));
    }
  g_assert_cmpuint (json_array_get_length (pois), ==, 100);

  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      JsonObject *p = json_array_get_object_element (pois, i);
      JsonArray *conns = json_object_has_member (p, "Connections") ?
                         json_object_get_array_member (p, "Connections") : NULL;
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             json_object_get_int_member (p, "ID"));

      g_assert_cmpstr (cw_station_get_id (s), ==, id);
      g_assert_cmpstr (cw_station_get_source (s), ==, "ocm");

      /* within east London's box */
      g_assert_cmpfloat (s->latitude, >=, 51.2);
      g_assert_cmpfloat (s->latitude, <=, 51.8);
      g_assert_cmpfloat (s->longitude, >=, -0.6);
      g_assert_cmpfloat (s->longitude, <=, 0.4);

      /* every operator the reference knows is shown by name */
      if (json_object_has_member (p, "OperatorID") &&
          !json_object_get_null_member (p, "OperatorID"))
        {
          gint64 op = json_object_get_int_member (p, "OperatorID");
          const char *title = g_hash_table_lookup (operators, &op);

          if (title != NULL)
            {
              g_assert_nonnull (cw_station_get_operator_name (s));
              g_assert_false (g_str_has_prefix (cw_station_get_operator_name (s), "Operator "));
              g_assert_cmpstr (cw_station_get_operator_name (s), ==, title);
              n_named++;
            }
        }

      if (json_object_get_int_member_with_default (p, "DataProviderID", 1) != 1)
        {
          g_assert_nonnull (strstr (cw_station_get_attribution (s), "; data from "));
          n_attributed++;
        }
      g_assert_cmpstr (cw_station_get_country (s), ==, "GB");

      n_connections += s->n_evses;
      n_points += cw_station_count_evses (s);
      for (guint j = 0; conns && j < json_array_get_length (conns); j++)
        {
          JsonObject *c = json_array_get_object_element (conns, j);
          gint64 st = json_object_get_int_member_with_default (c, "StatusTypeID", -1);

          n_raw_connections++;
          if (st == 200 || st == 210)
            n_removed++;
        }

      /* Open Charge Map's "Operational" is not live: nothing shows as available */
      g_assert_cmpint (cw_station_get_availability (s), !=, CW_AVAILABILITY_AVAILABLE);
    }

  g_test_message ("%u connections in the file, %u removed, %u EVSEs standing for %u points; "
                  "%u operators named, %u with another data provider",
                  n_raw_connections, n_removed, n_connections, n_points, n_named, n_attributed);
  g_assert_cmpuint (n_raw_connections, ==, 106);
  g_assert_cmpuint (n_connections, ==, n_raw_connections - n_removed);
  g_assert_cmpuint (n_connections, ==, 106);
  g_assert_cmpuint (n_points, ==, 131);
  g_assert_cmpuint (n_named, ==, 100);
  g_assert_cmpuint (n_attributed, ==, 33);

  /* Without the reference data: ids, never a crash or a NULL */
  bare = cw_ocm_parse_poi (poi, NULL, "ocm", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bare->len, ==, 100);
  for (guint i = 0; i < bare->len; i++)
    {
      CwStation *s = g_ptr_array_index (bare, i);
      g_assert_nonnull (cw_station_get_operator_name (s));
      g_assert_true (g_str_has_prefix (cw_station_get_operator_name (s), "Operator "));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ocm/id-mapping", test_id_mapping);
  g_test_add_func ("/ocm/reference", test_reference);
  g_test_add_func ("/ocm/compact-with-reference", test_compact_with_reference);
  g_test_add_func ("/ocm/compact-without-reference", test_compact_without_reference);
  g_test_add_func ("/ocm/full-form", test_full_form);
  g_test_add_func ("/ocm/removed-status", test_removed_site);
  g_test_add_func ("/ocm/empty-array", test_empty_array);
  g_test_add_func ("/ocm/bad-input", test_bad_input);
  g_test_add_func ("/ocm/real/london-100", test_real_london);

  return g_test_run ();
}
