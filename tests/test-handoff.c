/* test-handoff.c: the links a kiosk's QR code carries, and the preset
 * destinations it offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cw-destinations.h"
#include "cw-geo.h"
#include "cw-handoff.h"

/* A Dutch showroom (Utrecht) to Lyon, by two charging stops. */
static const CwLatLon trip[] = {
  { 52.0907, 5.1214 },     /* Utrecht */
  { 50.8503, 4.3517 },     /* Brussels */
  { 48.85661, 2.35222 },   /* Paris */
  { 45.764043, 4.835659 }, /* Lyon */
};

static void
test_osm_two_points (void)
{
  g_autofree char *url = cw_handoff_osm_directions_url (trip, 2);

  g_assert_cmpstr (url, ==,
                   "https://www.openstreetmap.org/directions?engine=fossgis_osrm_car"
                   "&route=52.0907%2C5.1214%3B50.8503%2C4.3517");
}

static void
test_osm_keeps_destination (void)
{
  /* openstreetmap.org reads only route's first two points: the stops
   * would become the destination. Origin and destination it is. */
  g_autofree char *url = cw_handoff_osm_directions_url (trip, G_N_ELEMENTS (trip));

  g_assert_cmpstr (url, ==,
                   "https://www.openstreetmap.org/directions?engine=fossgis_osrm_car"
                   "&route=52.0907%2C5.1214%3B45.76404%2C4.83566");
}

static void
test_osrm_all_stops (void)
{
  g_autofree char *url = cw_handoff_osrm_map_url (trip, G_N_ELEMENTS (trip));

  g_assert_cmpstr (url, ==,
                   "https://map.project-osrm.org/?loc=52.0907%2C5.1214&loc=50.8503%2C4.3517"
                   "&loc=48.85661%2C2.35222&loc=45.76404%2C4.83566");
}

static void
test_rounding_and_signs (void)
{
  const CwLatLon points[] = {
    { -33.8688, 151.2093 },
    { 0.000001, -0.000001 },   /* rounds to 0: no "-0" */
    { -0.1, 4.0 },
    { 90, -180 },
    { 12.345675, 1.999999 },   /* rounds up */
  };
  g_autofree char *url = cw_handoff_osrm_map_url (points, G_N_ELEMENTS (points));

  g_assert_cmpstr (url, ==,
                   "https://map.project-osrm.org/?loc=-33.8688%2C151.2093&loc=0%2C0"
                   "&loc=-0.1%2C4&loc=90%2C-180&loc=12.34568%2C2");
}

static void
test_invalid_points (void)
{
  const CwLatLon bad[] = { { 52.0, 5.0 }, { 91.0, 5.0 } };
  const CwLatLon nan_point[] = { { 52.0, 5.0 }, { NAN, 5.0 } };

  g_assert_null (cw_handoff_osm_directions_url (trip, 1));
  g_assert_null (cw_handoff_osm_directions_url (trip, 0));
  g_assert_null (cw_handoff_osm_directions_url (NULL, 2));
  g_assert_null (cw_handoff_osm_directions_url (bad, 2));
  g_assert_null (cw_handoff_osrm_map_url (nan_point, 2));
  g_assert_null (cw_handoff_geo_uri (52.0, 181.0, "x"));
  g_assert_null (cw_handoff_geo_uri (NAN, 5.0, NULL));
}

static void
test_geo_uri (void)
{
  struct {
    double lat, lon;
    const char *label;
    const char *expected;
  } cases[] = {
    { 52.0907, 5.1214, NULL, "geo:52.0907,5.1214" },
    { 52.0907, 5.1214, "", "geo:52.0907,5.1214" },
    { 52.0907, 5.1214, "   ", "geo:52.0907,5.1214" },
    { 52.0907, 5.1214, "Fastned A12", "geo:52.0907,5.1214?q=52.0907,5.1214(Fastned%20A12)" },
    /* Delimiters of the URI and of the q= label, all encoded */
    { 48.85661, 2.35222, "P+R (Porte) & Co #2, 50%?",
      "geo:48.85661,2.35222?q=48.85661,2.35222(P%2BR%20%28Porte%29%20%26%20Co%20%232%2C%2050%25%3F)" },
    /* UTF-8 as percent-encoded bytes; surrounding space trimmed */
    { 50.9375, 6.9603, " Köln Hbf ", "geo:50.9375,6.9603?q=50.9375,6.9603(K%C3%B6ln%20Hbf)" },
    { -33.8688, 151.2093, "Sydney", "geo:-33.8688,151.2093?q=-33.8688,151.2093(Sydney)" },
    /* Unreserved characters stay as they are */
    { 1, 2, "a-b_c.d~e", "geo:1,2?q=1,2(a-b_c.d~e)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = cw_handoff_geo_uri (cases[i].lat, cases[i].lon, cases[i].label);
      g_assert_cmpstr (uri, ==, cases[i].expected);
    }
}

/* What we hand out, our own RFC 5870 reader (cw-geo.h) reads back. */
static void
test_geo_uri_round_trip (void)
{
  const char *labels[] = { NULL, "Lyon", "P+R (Porte) & Co #2, 50%?", "?q=1,2(x)", "Köln" };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *uri = cw_handoff_geo_uri (-33.8688, 151.2093, labels[i]);
      double lat = 0, lon = 0;

      g_assert_true (cw_geo_parse_uri (uri, &lat, &lon));
      g_assert_cmpfloat_with_epsilon (lat, -33.8688, 1e-9);
      g_assert_cmpfloat_with_epsilon (lon, 151.2093, 1e-9);
    }
}

static void
test_geo_uri_long_label (void)
{
  /* 70 characters, two bytes each: cut at 60 whole characters. */
  g_autoptr (GString) label = g_string_new (NULL);
  g_autoptr (GString) expected = g_string_new ("geo:1,2?q=1,2(");
  g_autofree char *uri = NULL;

  for (guint i = 0; i < 70; i++)
    g_string_append (label, "é");
  for (guint i = 0; i < 60; i++)
    g_string_append (expected, "%C3%A9");
  g_string_append_c (expected, ')');

  uri = cw_handoff_geo_uri (1, 2, label->str);
  g_assert_cmpstr (uri, ==, expected->str);

  /* Not UTF-8: no label rather than a broken one */
  g_clear_pointer (&uri, g_free);
  uri = cw_handoff_geo_uri (1, 2, "caf\xe9");
  g_assert_cmpstr (uri, ==, "geo:1,2");
}

static void
test_locale_independent (void)
{
  const char *locales[] = { "nl_NL.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8" };
  const char *set = NULL;
  g_autofree char *url = NULL;
  g_autofree char *uri = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (locales) && set == NULL; i++)
    set = setlocale (LC_NUMERIC, locales[i]);
  if (set == NULL)
    {
      g_test_skip ("no locale with a decimal comma installed");
      return;
    }

  url = cw_handoff_osm_directions_url (trip, 2);
  uri = cw_handoff_geo_uri (52.0907, 5.1214, NULL);
  setlocale (LC_NUMERIC, "C");
  g_assert_cmpstr (url, ==,
                   "https://www.openstreetmap.org/directions?engine=fossgis_osrm_car"
                   "&route=52.0907%2C5.1214%3B50.8503%2C4.3517");
  g_assert_cmpstr (uri, ==, "geo:52.0907,5.1214");
}

static void
test_destinations_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "kiosk-destinations.example.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = cw_destinations_load (path, &error);
  const char *names[] = { "Amsterdam", "Brussels", "Paris", "Cologne",
                          "Lyon", "Berlin", "Munich", "Luxembourg" };

  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_true (g_list_model_get_item_type (list) == CW_TYPE_DESTINATION);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (CwDestination) d = g_list_model_get_item (list, i);
      double lat = cw_destination_get_latitude (d), lon = cw_destination_get_longitude (d);

      g_assert_cmpstr (cw_destination_get_name (d), ==, names[i]);
      /* Western Europe, every one of them */
      g_assert_cmpfloat (lat, >, 45.0);
      g_assert_cmpfloat (lat, <, 53.0);
      g_assert_cmpfloat (lon, >, 2.0);
      g_assert_cmpfloat (lon, <, 14.0);
    }

  {
    g_autoptr (CwDestination) lyon = g_list_model_get_item (list, 4);
    g_autofree char *name = NULL;
    double lat = 0;

    g_object_get (lyon, "name", &name, "latitude", &lat, NULL);
    g_assert_cmpstr (name, ==, "Lyon");
    g_assert_cmpfloat_with_epsilon (lat, 45.7578, 1e-9);
  }
}

static void
test_destinations_parse (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (CwDestination) d = NULL;

  /* Numbers as strings, extra members, names trimmed, order kept */
  list = cw_destinations_parse ("[{\"name\": \" Utrecht \", \"lat\": \"52.09\", \"lon\": 5.12,"
                                "  \"note\": \"the showroom\"},"
                                " {\"name\": \"Aachen\", \"lat\": 50.7753, \"lon\": 6, \"country\": \"DE\"}]",
                                -1, "test.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  d = g_list_model_get_item (list, 0);
  g_assert_cmpstr (cw_destination_get_name (d), ==, "Utrecht");
  g_assert_cmpfloat_with_epsilon (cw_destination_get_latitude (d), 52.09, 1e-9);
  g_clear_object (&d);
  d = g_list_model_get_item (list, 1);
  g_assert_cmpstr (cw_destination_get_name (d), ==, "Aachen");
  g_assert_cmpfloat_with_epsilon (cw_destination_get_longitude (d), 6.0, 1e-9);
  g_clear_object (&list);

  list = cw_destinations_parse ("[]", -1, "test.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

static void
test_destinations_errors (void)
{
  struct {
    const char *json;
    int code;
    const char *message;
  } cases[] = {
    { "", CW_PARSE_ERROR_EMPTY, NULL },
    { "[{\"name\": \"Lyon\",", CW_PARSE_ERROR_INVALID_JSON, NULL },
    { "{\"name\": \"Lyon\", \"lat\": 45.76, \"lon\": 4.84}", CW_PARSE_ERROR_WRONG_TYPE,
      "/etc/kiosk.json: expected an array of {\"name\", \"lat\", \"lon\"}, found an object" },
    { "[{\"name\": \"A\", \"lat\": 1, \"lon\": 2}, 7]", CW_PARSE_ERROR_WRONG_TYPE,
      "/etc/kiosk.json: [1]: expected an object, found an integer" },
    { "[{\"lat\": 1, \"lon\": 2}]", CW_PARSE_ERROR_MISSING,
      "/etc/kiosk.json: [0].name: missing or empty" },
    { "[{\"name\": \"  \", \"lat\": 1, \"lon\": 2}]", CW_PARSE_ERROR_MISSING,
      "/etc/kiosk.json: [0].name: missing or empty" },
    { "[{\"name\": [\"x\"], \"lat\": 1, \"lon\": 2}]", CW_PARSE_ERROR_WRONG_TYPE,
      "/etc/kiosk.json: [0].name: expected a string, found an array" },
    { "[{\"name\": \"A\", \"lat\": 1, \"lon\": 2}, {\"name\": \"B\", \"lon\": 2}]", CW_PARSE_ERROR_MISSING,
      "/etc/kiosk.json: [1].lat: missing (degrees, WGS84)" },
    { "[{\"name\": \"B\", \"lat\": 95, \"lon\": 2}]", CW_PARSE_ERROR_OUT_OF_RANGE,
      "/etc/kiosk.json: [0].lat: 95 is out of range (-90…90)" },
    { "[{\"name\": \"B\", \"lat\": 45, \"lon\": -180.5}]", CW_PARSE_ERROR_OUT_OF_RANGE,
      "/etc/kiosk.json: [0].lon: -180.5 is out of range (-180…180)" },
    { "[{\"name\": \"B\", \"lat\": \"north\", \"lon\": 2}]", CW_PARSE_ERROR_WRONG_TYPE,
      "/etc/kiosk.json: [0].lat: \"north\" is not a number" },
    { "[{\"name\": \"B\", \"lat\": true, \"lon\": 2}]", CW_PARSE_ERROR_WRONG_TYPE,
      "/etc/kiosk.json: [0].lat: expected a number, found a boolean" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GListModel) list = cw_destinations_parse (cases[i].json, -1, "/etc/kiosk.json", &error);

      g_assert_null (list);
      g_assert_error (error, CW_PARSE_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, "/etc/kiosk.json: "));
      if (cases[i].message)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_destinations_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cw-destinations-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "nowhere.json", NULL);
  g_autoptr (GListModel) list = cw_destinations_load (path, &error);

  g_assert_null (list);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, path));

  /* A file that is there but broken names itself too */
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "[{\"name\": \"X\"}]", -1, NULL));
  list = cw_destinations_load (path, &error);
  g_assert_null (list);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_destination_new_validates (void)
{
  g_autoptr (CwDestination) ok = cw_destination_new ("Lyon", 45.76, 4.84);

  g_assert_nonnull (ok);
  g_assert_null (cw_destination_new ("", 45.76, 4.84));
  g_assert_null (cw_destination_new (NULL, 45.76, 4.84));
  g_assert_null (cw_destination_new ("Nowhere", 91, 4.84));
  g_assert_null (cw_destination_new ("Nowhere", NAN, 4.84));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/handoff/osm/two-points", test_osm_two_points);
  g_test_add_func ("/handoff/osm/keeps-destination", test_osm_keeps_destination);
  g_test_add_func ("/handoff/osrm/all-stops", test_osrm_all_stops);
  g_test_add_func ("/handoff/rounding-and-signs", test_rounding_and_signs);
  g_test_add_func ("/handoff/invalid", test_invalid_points);
  g_test_add_func ("/handoff/geo-uri", test_geo_uri);
  g_test_add_func ("/handoff/geo-uri/long-label", test_geo_uri_long_label);
  g_test_add_func ("/handoff/geo-uri/round-trip", test_geo_uri_round_trip);
  g_test_add_func ("/handoff/locale-independent", test_locale_independent);
  g_test_add_func ("/destinations/example", test_destinations_example);
  g_test_add_func ("/destinations/parse", test_destinations_parse);
  g_test_add_func ("/destinations/errors", test_destinations_errors);
  g_test_add_func ("/destinations/missing-file", test_destinations_missing_file);
  g_test_add_func ("/destinations/new-validates", test_destination_new_validates);

  return g_test_run ();
}
