/* test-ocpi-parser.c: OCPI 2.2.1 Locations and Tariffs → model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-ocpi-parser.h"

#define LOCATION_A \
  "{\"country_code\":\"NL\",\"party_id\":\"CWD\",\"id\":\"LOC1\",\"publish\":true," \
  "\"name\":\"Test Plaza\",\"address\":\"Stationsplein 1\",\"city\":\"Utrecht\"," \
  "\"postal_code\":\"3511 ED\",\"country\":\"NLD\"," \
  "\"coordinates\":{\"latitude\":\"52.089444\",\"longitude\":\"5.110278\"}," \
  "\"parking_type\":\"ALONG_MOTORWAY\",\"facilities\":[\"HOTEL\",\"RESTAURANT\",\"NOT_A_FACILITY\"]," \
  "\"operator\":{\"name\":\"Voltaplein (demo)\"},\"time_zone\":\"Europe/Amsterdam\"," \
  "\"opening_times\":{\"twentyfourseven\":true}," \
  "\"evses\":[" \
  "{\"uid\":\"E1\",\"evse_id\":\"NL*CWD*E1\",\"status\":\"AVAILABLE\",\"last_updated\":\"2026-11-01T08:00:00Z\"," \
  " \"connectors\":[{\"id\":\"1\",\"standard\":\"IEC_62196_T2_COMBO\",\"format\":\"CABLE\",\"power_type\":\"DC\"," \
  "  \"max_voltage\":920,\"max_amperage\":400,\"max_electric_power\":300000,\"tariff_ids\":[\"T1\"]," \
  "  \"last_updated\":\"2026-11-01T08:00:00Z\"}]}," \
  "{\"uid\":\"E2\",\"status\":\"charging\",\"last_updated\":\"2026-11-01T09:00:00\"," \
  " \"connectors\":[{\"id\":\"1\",\"standard\":\"IEC_62196_T2\",\"format\":\"SOCKET\",\"power_type\":\"AC_3_PHASE\"," \
  "  \"max_voltage\":230,\"max_amperage\":32,\"last_updated\":\"2026-11-01T08:00:00Z\"}]}," \
  "{\"uid\":\"E3\",\"status\":\"REMOVED\",\"connectors\":[]}," \
  "{\"uid\":\"E4\",\"status\":\"WORKING\",\"connectors\":[{\"id\":\"1\",\"standard\":\"CHADEMO\"," \
  "  \"format\":\"CABLE\",\"power_type\":\"DC\",\"max_voltage\":500,\"max_amperage\":125,\"max_electric_power\":null}]}]," \
  "\"last_updated\":\"2026-11-01T08:00:00Z\"}"

#define LOCATION_B \
  "{\"id\":\"LOC2\",\"name\":\"Second\",\"coordinates\":{\"latitude\":50.85,\"longitude\":4.35},\"evses\":[]}"

static GBytes *
bytes_of (const char *s)
{
  return g_bytes_new (s, strlen (s));
}

static GPtrArray *
parse_str (const char *json,
           GError    **error)
{
  g_autoptr (GBytes) b = bytes_of (json);
  return cw_ocpi_parse_locations (b, "test", error);
}

static void
test_single_object (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = parse_str (LOCATION_A, &error);
  CwStation *s;
  CwEvse *e1, *e2, *e4;
  CwConnector *c;

  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, ==, 1);
  s = g_ptr_array_index (stations, 0);

  g_assert_cmpstr (cw_station_get_id (s), ==, "LOC1");
  g_assert_cmpstr (cw_station_get_source (s), ==, "test");
  g_assert_cmpstr (cw_station_get_name (s), ==, "Test Plaza");
  g_assert_cmpstr (cw_station_get_city (s), ==, "Utrecht");
  g_assert_cmpstr (cw_station_get_operator_name (s), ==, "Voltaplein (demo)");
  g_assert_cmpstr (cw_station_get_time_zone (s), ==, "Europe/Amsterdam");
  g_assert_cmpfloat_with_epsilon (s->latitude, 52.089444, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->longitude, 5.110278, 1e-9);
  g_assert_cmpint (s->parking_type, ==, CW_PARKING_TYPE_ALONG_MOTORWAY);
  g_assert_true (cw_station_has_facility (s, CW_FACILITY_HOTEL));
  g_assert_true (cw_station_has_facility (s, CW_FACILITY_RESTAURANT));
  g_assert_false (cw_station_has_facility (s, CW_FACILITY_MALL));
  g_assert_true (s->twentyfourseven);
  g_assert_cmpint (s->last_updated, ==, 1793520000); /* 2026-11-01T08:00:00Z */

  /* The REMOVED EVSE is gone; the others stay in order. */
  g_assert_cmpuint (s->n_evses, ==, 3);
  e1 = &s->evses[0];
  e2 = &s->evses[1];
  e4 = &s->evses[2];
  g_assert_cmpstr (cw_evse_get_uid (e1), ==, "E1");
  g_assert_cmpint (e1->status, ==, CW_EVSE_STATUS_AVAILABLE);
  /* Lower-case status, as real feeds send it */
  g_assert_cmpint (e2->status, ==, CW_EVSE_STATUS_CHARGING);
  /* A time without zone is UTC */
  g_assert_cmpint (e2->last_updated, ==, 1793523600);
  /* A status OCPI does not define is unknown, not a failure */
  g_assert_cmpint (e4->status, ==, CW_EVSE_STATUS_UNKNOWN);

  c = &cw_evse_get_connectors (e1)[0];
  g_assert_cmpint (c->standard, ==, CW_CONNECTOR_IEC_62196_T2_COMBO);
  g_assert_cmpint (c->format, ==, CW_CONNECTOR_FORMAT_CABLE);
  g_assert_cmpint (c->power_type, ==, CW_POWER_TYPE_DC);
  g_assert_cmpfloat_with_epsilon (c->max_power_kw, 300.0, 1e-5)  /* kept as a float */;
  g_assert_cmpstr (cw_connector_get_tariff_id (c, 0), ==, "T1");
  g_assert_null (cw_connector_get_tariff_id (c, 1));

  /* No max_electric_power: 3 phases × 230 V × 32 A */
  c = &cw_evse_get_connectors (e2)[0];
  g_assert_cmpfloat_with_epsilon (c->max_power_kw, 22.08, 1e-5)  /* kept as a float */;
  /* null power: voltage × current for DC */
  c = &cw_evse_get_connectors (e4)[0];
  g_assert_cmpfloat_with_epsilon (c->max_power_kw, 62.5, 1e-5)  /* kept as a float */;

  g_assert_cmpint (cw_station_get_availability (s), ==, CW_AVAILABILITY_AVAILABLE);
  g_assert_cmpuint (cw_station_count_available (s), ==, 1);
  g_assert_cmpfloat_with_epsilon (cw_station_get_max_power_kw (s), 300.0, 1e-5)  /* kept as a float */;
}

static void
test_list_and_envelope (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *list = g_strdup_printf ("[%s,%s]", LOCATION_A, LOCATION_B);
  g_autofree char *envelope = g_strdup_printf ("{\"data\":%s,\"status_code\":1000,"
                                               "\"status_message\":\"Success\","
                                               "\"timestamp\":\"2026-11-01T08:00:00Z\"}", list);
  g_autofree char *env_single = g_strdup_printf ("{\"data\":%s,\"status_code\":1000}", LOCATION_B);
  g_autoptr (GPtrArray) a = parse_str (list, &error);
  g_autoptr (GPtrArray) b = NULL;
  g_autoptr (GPtrArray) c = NULL;
  g_autoptr (GPtrArray) empty = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, 2);
  b = parse_str (envelope, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->len, ==, 2);
  g_assert_cmpstr (cw_station_get_id (((CwStation *) g_ptr_array_index (b, 1))), ==, "LOC2");
  c = parse_str (env_single, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (((CwStation *) g_ptr_array_index (c, 0))->latitude, 50.85, 1e-9);
  empty = parse_str ("{\"data\":[],\"status_code\":1000}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);
}

typedef struct {
  const char *name;
  const char *json;
  int         code;
  const char *in_message;
} BadCase;

static const BadCase bad_cases[] = {
  { "truncated", "[{\"id\":\"X\",\"coordinates\":{\"latitude\":\"52.1\",", CW_PARSE_ERROR_INVALID_JSON, "Malformed JSON" },
  { "empty-file", "", CW_PARSE_ERROR_EMPTY, "empty" },
  { "whitespace-only", "   \n", CW_PARSE_ERROR_EMPTY, "no JSON value" },
  { "not-json", "<html>502 Bad Gateway</html>", CW_PARSE_ERROR_INVALID_JSON, NULL },
  { "number-root", "42", CW_PARSE_ERROR_WRONG_TYPE, "$" },
  { "string-in-list", "[\"LOC1\"]", CW_PARSE_ERROR_WRONG_TYPE, "$[0]" },
  { "missing-coordinates", "{\"id\":\"X\",\"name\":\"n\"}", CW_PARSE_ERROR_MISSING, "coordinates" },
  { "missing-latitude", "{\"id\":\"X\",\"coordinates\":{\"longitude\":\"5.1\"}}", CW_PARSE_ERROR_MISSING, "latitude" },
  { "latitude-200", "{\"id\":\"X\",\"coordinates\":{\"latitude\":\"200\",\"longitude\":\"5.1\"}}", CW_PARSE_ERROR_OUT_OF_RANGE, "200" },
  { "longitude-not-a-number", "{\"id\":\"X\",\"coordinates\":{\"latitude\":\"52\",\"longitude\":\"east\"}}", CW_PARSE_ERROR_WRONG_TYPE, "longitude" },
  { "coordinates-array", "{\"id\":\"X\",\"coordinates\":[52,5]}", CW_PARSE_ERROR_WRONG_TYPE, "coordinates" },
  { "evses-object", "{\"id\":\"X\",\"coordinates\":{\"latitude\":\"52\",\"longitude\":\"5\"},\"evses\":{}}", CW_PARSE_ERROR_WRONG_TYPE, "evses" },
  { "name-object", "{\"id\":\"X\",\"name\":{},\"coordinates\":{\"latitude\":\"52\",\"longitude\":\"5\"}}", CW_PARSE_ERROR_WRONG_TYPE, "$.name" },
  { "negative-power", "{\"id\":\"X\",\"coordinates\":{\"latitude\":\"52\",\"longitude\":\"5\"},\"evses\":[{\"uid\":\"E\",\"status\":\"AVAILABLE\",\"connectors\":[{\"id\":\"1\",\"max_electric_power\":-5}]}]}", CW_PARSE_ERROR_OUT_OF_RANGE, "$.evses[0].connectors[0]" },
  { "no-id", "{\"coordinates\":{\"latitude\":\"52\",\"longitude\":\"5\"}}", CW_PARSE_ERROR_MISSING, "id" },
  { "status-error", "{\"data\":[],\"status_code\":2001,\"status_message\":\"Invalid or missing parameters\"}", CW_PARSE_ERROR_STATUS, "2001" },
  { "status-string", "{\"data\":[],\"status_code\":\"1000\"}", CW_PARSE_ERROR_WRONG_TYPE, "status_code" },
  { "envelope-without-data", "{\"status_code\":1000}", CW_PARSE_ERROR_MISSING, "data" },
  { "bad-utf8", "[{\"id\":\"X\xff\xfe\"}]", CW_PARSE_ERROR_INVALID_JSON, "UTF-8" },
  /* One bad location in a list fails the whole parse: never half a result */
  { "second-bad", "[" LOCATION_B ",{\"id\":\"Y\",\"coordinates\":{\"latitude\":\"-91\",\"longitude\":\"5\"}}]", CW_PARSE_ERROR_OUT_OF_RANGE, "$[1]" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadCase *bc = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = parse_str (bc->json, &error);

  g_assert_null (stations);
  g_assert_error (error, CW_PARSE_ERROR, bc->code);
  if (bc->in_message != NULL && strstr (error->message, bc->in_message) == NULL)
    g_error ("\"%s\" does not mention \"%s\"", error->message, bc->in_message);
}

static void
test_zero_bytes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) b = g_bytes_new (NULL, 0);
  g_autoptr (GPtrArray) stations = cw_ocpi_parse_locations (b, "test", &error);

  g_assert_null (stations);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (cw_ocpi_parse_locations (NULL, "test", &error));
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_EMPTY);
}

#define TARIFF_IDLE \
  "{\"country_code\":\"NL\",\"party_id\":\"CWD\",\"id\":\"T1\",\"currency\":\"EUR\",\"type\":\"REGULAR\"," \
  "\"tariff_alt_text\":[{\"language\":\"nl\",\"text\":\"0,59 per kWh\"},{\"language\":\"en\",\"text\":\"0.59 per kWh\"}]," \
  "\"elements\":[{\"price_components\":[{\"type\":\"ENERGY\",\"price\":0.50,\"vat\":20.0,\"step_size\":1}]}," \
  "{\"price_components\":[{\"type\":\"PARKING_TIME\",\"price\":12.0,\"vat\":20.0,\"step_size\":60}]," \
  " \"restrictions\":{\"min_duration\":2700,\"day_of_week\":[\"MONDAY\",\"SUNDAY\"]}}]," \
  "\"max_price\":{\"excl_vat\":40,\"incl_vat\":48},\"last_updated\":\"2026-11-01T08:00:00Z\"}"

static void
test_tariffs (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) b = bytes_of ("{\"data\":[" TARIFF_IDLE "],\"status_code\":1000}");
  g_autoptr (GHashTable) tariffs = cw_ocpi_parse_tariffs (b, &error);
  g_autoptr (GPtrArray) stations = NULL;
  g_autofree char *text = NULL;
  CwTariff *t;
  CwTariffElement *idle;
  CwConnector *c;
  double price = 0;
  gboolean restricted = TRUE;

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (tariffs), ==, 1);
  t = g_hash_table_lookup (tariffs, "T1");
  g_assert_nonnull (t);
  g_assert_cmpstr (t->currency, ==, "EUR");
  g_assert_cmpint (t->type, ==, CW_TARIFF_TYPE_REGULAR);
  g_assert_cmpstr (t->alt_text, ==, "0.59 per kWh");
  g_assert_cmpfloat (t->max_price_incl, ==, 48);
  g_assert_cmpfloat (t->min_price_incl, <, 0);
  g_assert_cmpuint (t->elements->len, ==, 2);
  idle = g_ptr_array_index (t->elements, 1);
  g_assert_true (idle->has_restrictions);
  g_assert_cmpint (idle->restrictions.min_duration, ==, 2700);
  g_assert_cmpuint (idle->restrictions.day_mask, ==, (1u << CW_DAY_MONDAY) | (1u << CW_DAY_SUNDAY));
  g_assert_cmpuint (g_array_index (idle->components, CwPriceComponent, 0).step_size, ==, 60);

  g_assert_true (cw_tariff_find_price (t, CW_TARIFF_DIMENSION_ENERGY, &price, &restricted));
  g_assert_cmpfloat_with_epsilon (price, 0.60, 1e-9);
  g_assert_false (restricted);
  g_assert_false (cw_tariff_find_price (t, CW_TARIFF_DIMENSION_FLAT, NULL, NULL));

  text = cw_tariff_describe (t);
  g_assert_nonnull (strstr (text, "EUR 0.60/kWh"));
  /* 12/h incl. 20% VAT = 14.40/h = 0.24/min, after a 45 min grace */
  g_assert_nonnull (strstr (text, "idle fee EUR 0.24/min from 45 min into the session"));

  stations = parse_str (LOCATION_A, &error);
  g_assert_no_error (error);
  cw_station_resolve_tariffs (g_ptr_array_index (stations, 0), tariffs);
  c = &cw_evse_get_connectors (((CwEvse *) &((CwStation *) g_ptr_array_index (stations, 0))->evses[0]))[0];
  g_assert_true (cw_connector_get_tariff (c) == t);
}

static void
test_tariff_bad (void)
{
  static const char *bad[] = {
    "{\"id\":\"T\",\"elements\":[{\"price_components\":[{\"type\":\"BEER\",\"price\":1}]}]}",
    "{\"id\":\"T\",\"elements\":[{\"price_components\":[{\"type\":\"ENERGY\",\"price\":-1}]}]}",
    "{\"id\":\"T\",\"elements\":{}}",
    "{\"currency\":\"EUR\"}",
    "[1,2]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) b = bytes_of (bad[i]);
      g_autoptr (GHashTable) t = cw_ocpi_parse_tariffs (b, &error);

      g_assert_null (t);
      g_assert_true (error != NULL && error->domain == CW_PARSE_ERROR);
    }
}

static int
count_array (JsonObject *o,
             const char *member)
{
  JsonNode *n = json_object_get_member (o, member);
  return n && JSON_NODE_HOLDS_ARRAY (n) ? (int) json_array_get_length (json_node_get_array (n)) : 0;
}

/* The real OCPI 2.2.1 examples: every Location one parses to the EVSEs
 * and connectors it holds, and every Tariff one parses. */
static void
test_spec_examples (void)
{
  const char *shared = g_getenv ("CW_SHARED_DATA");
  g_autofree char *dir = shared ? g_build_filename (shared, "ocpi-2.2.1-examples", NULL) : NULL;
  g_autoptr (GDir) d = NULL;
  const char *name;
  guint n_locations = 0, n_tariffs = 0;

  if (dir == NULL || !(d = g_dir_open (dir, 0, NULL)))
    {
      g_test_skip ("../shared/data/ocpi-2.2.1-examples is absent: spec examples not checked");
      return;
    }

  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) error = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);

      if (g_str_has_prefix (name, "location_example"))
        {
          g_autoptr (GPtrArray) stations = cw_ocpi_parse_locations (bytes, "spec", &error);
          g_autoptr (JsonParser) parser = json_parser_new ();
          JsonObject *root;
          JsonArray *evses;
          CwStation *s;
          guint expected_evses = 0, expected_connectors = 0, got_connectors = 0;

          g_assert_no_error (error);
          g_assert_cmpuint (stations->len, ==, 1);
          s = g_ptr_array_index (stations, 0);

          g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                                     g_bytes_get_size (bytes), NULL));
          root = json_node_get_object (json_parser_get_root (parser));
          evses = json_object_has_member (root, "evses") ?
                  json_object_get_array_member (root, "evses") : NULL;
          for (guint i = 0; evses && i < json_array_get_length (evses); i++)
            {
              JsonObject *e = json_array_get_object_element (evses, i);
              if (g_strcmp0 (json_object_get_string_member_with_default (e, "status", ""), "REMOVED") == 0)
                continue;
              expected_evses++;
              expected_connectors += count_array (e, "connectors");
            }
          for (guint i = 0; i < s->n_evses; i++)
            got_connectors += ((CwEvse *) &s->evses[i])->n_connectors;

          g_test_message ("%s: %u EVSEs, %u connectors", name, s->n_evses, got_connectors);
          g_assert_cmpuint (s->n_evses, ==, expected_evses);
          g_assert_cmpuint (got_connectors, ==, expected_connectors);
          g_assert_cmpstr (cw_station_get_id (s), ==, json_object_get_string_member (root, "id"));
          n_locations++;
        }
      else if (g_str_has_prefix (name, "tariff_") && !g_str_has_prefix (name, "tariffrestriction"))
        {
          g_autoptr (GHashTable) tariffs = cw_ocpi_parse_tariffs (bytes, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (g_hash_table_size (tariffs), >=, 1);
          n_tariffs++;
        }
    }

  g_test_message ("%u location examples, %u tariff examples", n_locations, n_tariffs);
  g_assert_cmpuint (n_locations, >=, 5);
  g_assert_cmpuint (n_tariffs, >=, 15);
}

/* Strings json-glib hands over after a broken \\u escape are not UTF-8:
 * names, tariff ids and the status message (shown in an error) come
 * out valid, and the message is cut by characters, not bytes. */
static void
test_invalid_utf8 (void)
{
  g_autoptr (GString) msg = g_string_new (NULL);
  g_autofree char *body = NULL;
  g_autofree char *loc = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  CwStation *s;

  for (guint i = 0; i < 199; i++)
    g_string_append (msg, "a");
  g_string_append (msg, "\xc3\xa9\xc3\xa9 \\ud8}x");   /* é at 200, then a broken escape */
  body = g_strdup_printf ("{\"data\":[],\"status_code\":2001,\"status_message\":\"%s\"}", msg->str);
  bytes = g_bytes_new (body, strlen (body));
  stations = cw_ocpi_parse_locations (bytes, "t", &error);
  g_assert_null (stations);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_STATUS);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_str_has_suffix (error->message, "a\xc3\xa9"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  loc = g_strdup_printf ("{\"country_code\":\"NL\",\"party_id\":\"X\",\"id\":\"L\\ud8}1\","
                         "\"publish\":true,\"name\":\"Caf\\ud8}x\",\"address\":\"A\",\"city\":\"B\","
                         "\"country\":\"NLD\",\"coordinates\":{\"latitude\":\"52.0\",\"longitude\":\"5.0\"},"
                         "\"time_zone\":\"Europe/Amsterdam\",\"last_updated\":\"2026-01-01T00:00:00Z\","
                         "\"evses\":[{\"uid\":\"E\",\"status\":\"AVAILABLE\",\"last_updated\":\"2026-01-01T00:00:00Z\","
                         "\"connectors\":[{\"id\":\"1\",\"standard\":\"IEC_62196_T2\",\"format\":\"SOCKET\","
                         "\"power_type\":\"AC_3_PHASE\",\"max_voltage\":230,\"max_amperage\":16,"
                         "\"tariff_ids\":[\"T\\ud8}x\"],\"last_updated\":\"2026-01-01T00:00:00Z\"}]}]}");
  bytes = g_bytes_new (loc, strlen (loc));
  stations = cw_ocpi_parse_locations (bytes, "t", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, ==, 1);
  s = g_ptr_array_index (stations, 0);
  g_assert_true (g_utf8_validate (cw_station_get_id (s), -1, NULL));
  g_assert_true (g_utf8_validate (cw_station_get_name (s), -1, NULL));
  {
    CwEvse *e;
    CwConnector *c;

    g_assert_cmpuint (s->n_evses, >=, 1);
    e = &s->evses[0];
    g_assert_cmpuint (e->n_connectors, >=, 1);
    c = &cw_evse_get_connectors (e)[0];
    g_assert_true (cw_connector_has_tariff_ids (c));
    g_assert_true (g_utf8_validate (cw_connector_get_tariff_id (c, 0), -1, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ocpi/location/single-object", test_single_object);
  g_test_add_func ("/ocpi/location/list-and-envelope", test_list_and_envelope);
  g_test_add_func ("/ocpi/location/zero-bytes", test_zero_bytes);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ocpi/location/bad/%s", bad_cases[i].name);
      g_test_add_data_func (path, &bad_cases[i], test_bad_input);
    }
  g_test_add_func ("/ocpi/tariff/idle-fee", test_tariffs);
  g_test_add_func ("/ocpi/tariff/bad", test_tariff_bad);
  g_test_add_func ("/ocpi/spec-examples", test_spec_examples);
  g_test_add_func ("/ocpi/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
