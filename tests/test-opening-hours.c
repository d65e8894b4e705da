/* test-opening-hours.c: OCPI Hours in the location's own time zone, and
 * through the OCPI parser and writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "cw-opening-hours.h"
#include "cw-ocpi-parser.h"
#include "cw-ocpi-writer.h"

#define AMS "Europe/Amsterdam"
#define NYC "America/New_York"

/* Unix seconds of a UTC date-time, so that every instant below can be
 * checked by eye. */
static gint64
utc (int y, int mo, int d, int h, int mi)
{
  g_autoptr (GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, 0);
  return g_date_time_to_unix (dt);
}

static gint64
iso (const char *s)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (s, NULL);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static CwOpeningHours *
weekdays_8_to_20 (void)
{
  CwOpeningHours *h = cw_opening_hours_new ();

  for (guint d = 1; d <= 5; d++)
    g_assert_true (cw_opening_hours_add_regular (h, d, "08:00", "20:00"));
  return h;
}

static void
test_parse_time (void)
{
  guint m = 0;
  char buf[6];

  g_assert_true (cw_opening_hours_parse_time ("00:00", &m));
  g_assert_cmpuint (m, ==, 0);
  g_assert_true (cw_opening_hours_parse_time ("23:59", &m));
  g_assert_cmpuint (m, ==, 23 * 60 + 59);
  g_assert_true (cw_opening_hours_parse_time ("24:00", &m));
  g_assert_cmpuint (m, ==, 1440);
  g_assert_false (cw_opening_hours_parse_time ("24:01", &m));
  g_assert_false (cw_opening_hours_parse_time ("12:60", &m));
  g_assert_false (cw_opening_hours_parse_time ("7:00", &m));
  g_assert_false (cw_opening_hours_parse_time ("07:00:00", &m));
  g_assert_false (cw_opening_hours_parse_time (NULL, &m));
  g_assert_cmpstr (cw_opening_hours_format_time (7 * 60 + 5, buf), ==, "07:05");
  g_assert_cmpstr (cw_opening_hours_format_time (1440, buf), ==, "24:00");

  {
    g_autoptr (CwOpeningHours) h = cw_opening_hours_new ();
    g_assert_false (cw_opening_hours_add_regular (h, 0, "08:00", "20:00"));
    g_assert_false (cw_opening_hours_add_regular (h, 8, "08:00", "20:00"));
    g_assert_false (cw_opening_hours_add_regular (h, 1, "24:00", "20:00"));
    g_assert_false (cw_opening_hours_add_exceptional (h, TRUE, 100, 100));
    g_assert_cmpuint (h->regular_hours->len, ==, 0);
  }
}

static void
test_twentyfourseven (void)
{
  g_autoptr (CwOpeningHours) h = cw_opening_hours_new ();
  g_autoptr (CwOpeningHours) empty = cw_opening_hours_new ();

  h->twentyfourseven = TRUE;
  /* Any instant, any zone, even an unknown one. */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 24, 3, 0)), ==, CW_OPEN_STATE_OPEN);
  g_assert_cmpint (cw_opening_hours_is_open (h, NULL, utc (2026, 11, 29, 23, 59)), ==, CW_OPEN_STATE_OPEN);

  /* 24/7 with a closing: 2026-12-25 03:00–05:00 UTC */
  g_assert_true (cw_opening_hours_add_exceptional (h, FALSE, utc (2026, 12, 25, 3, 0), utc (2026, 12, 25, 5, 0)));
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 12, 25, 2, 59)), ==, CW_OPEN_STATE_OPEN);
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 12, 25, 3, 0)), ==, CW_OPEN_STATE_CLOSED);
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 12, 25, 5, 0)), ==, CW_OPEN_STATE_OPEN);

  /* No hours at all, or "not 24/7" with no regular hours: nobody knows. */
  g_assert_cmpint (cw_opening_hours_is_open (NULL, AMS, 0), ==, CW_OPEN_STATE_UNKNOWN);
  g_assert_cmpint (cw_opening_hours_is_open (empty, AMS, utc (2026, 11, 24, 12, 0)), ==, CW_OPEN_STATE_UNKNOWN);
  g_assert_cmpstr (cw_open_state_to_string (CW_OPEN_STATE_UNKNOWN), ==, "unknown");
}

static void
test_regular_hours (void)
{
  g_autoptr (CwOpeningHours) h = weekdays_8_to_20 ();

  /* 2026-11-24 is a Tuesday; Amsterdam is UTC+1 in November. */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 24, 11, 0)), ==, CW_OPEN_STATE_OPEN);   /* 12:00 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 24, 6, 59)), ==, CW_OPEN_STATE_CLOSED); /* 07:59 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 24, 7, 0)), ==, CW_OPEN_STATE_OPEN);    /* 08:00 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 24, 18, 59)), ==, CW_OPEN_STATE_OPEN);  /* 19:59 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 24, 19, 0)), ==, CW_OPEN_STATE_CLOSED); /* 20:00, end exclusive */
  /* Saturday 2026-11-28 12:00 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 28, 11, 0)), ==, CW_OPEN_STATE_CLOSED);
  /* Summer time: 2026-07-01 (a Wednesday) is UTC+2, so 08:30 local is 06:30 UTC. */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 7, 1, 6, 30)), ==, CW_OPEN_STATE_OPEN);
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 7, 1, 5, 30)), ==, CW_OPEN_STATE_CLOSED);
  /* Regular hours need a time zone to be read in. */
  g_assert_cmpint (cw_opening_hours_is_open (h, NULL, utc (2026, 11, 24, 11, 0)), ==, CW_OPEN_STATE_UNKNOWN);
  g_assert_cmpint (cw_opening_hours_is_open (h, "Mars/Olympus_Mons", utc (2026, 11, 24, 11, 0)), ==, CW_OPEN_STATE_UNKNOWN);
}

static void
test_across_midnight (void)
{
  g_autoptr (CwOpeningHours) h = cw_opening_hours_new ();
  g_autoptr (CwOpeningHours) evening = cw_opening_hours_new ();

  /* Friday 22:00–06:00 */
  g_assert_true (cw_opening_hours_add_regular (h, 5, "22:00", "06:00"));
  /* Friday 2026-11-27, Saturday 2026-11-28; Amsterdam UTC+1 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 27, 20, 59)), ==, CW_OPEN_STATE_CLOSED); /* Fri 21:59 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 27, 21, 0)), ==, CW_OPEN_STATE_OPEN);   /* Fri 22:00 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 27, 23, 30)), ==, CW_OPEN_STATE_OPEN);  /* Sat 00:30 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 28, 2, 0)), ==, CW_OPEN_STATE_OPEN);    /* Sat 03:00 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 28, 5, 0)), ==, CW_OPEN_STATE_CLOSED);  /* Sat 06:00 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 28, 21, 30)), ==, CW_OPEN_STATE_CLOSED); /* Sat 22:30 */
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, utc (2026, 11, 27, 2, 0)), ==, CW_OPEN_STATE_CLOSED);  /* Fri 03:00 */

  /* Sunday 20:00–00:00 ends at midnight and opens nothing on Monday;
   * 00:00–24:00 is the whole day. */
  g_assert_true (cw_opening_hours_add_regular (evening, 7, "20:00", "00:00"));
  g_assert_true (cw_opening_hours_add_regular (evening, 3, "00:00", "24:00"));
  g_assert_cmpint (cw_opening_hours_is_open (evening, AMS, utc (2026, 11, 29, 22, 59)), ==, CW_OPEN_STATE_OPEN);  /* Sun 23:59 */
  g_assert_cmpint (cw_opening_hours_is_open (evening, AMS, utc (2026, 11, 29, 23, 0)), ==, CW_OPEN_STATE_CLOSED); /* Mon 00:00 */
  g_assert_cmpint (cw_opening_hours_is_open (evening, AMS, utc (2026, 11, 24, 23, 0)), ==, CW_OPEN_STATE_OPEN);   /* Wed 00:00 */
  g_assert_cmpint (cw_opening_hours_is_open (evening, AMS, utc (2026, 11, 25, 22, 59)), ==, CW_OPEN_STATE_OPEN);  /* Wed 23:59 */
  g_assert_cmpint (cw_opening_hours_is_open (evening, AMS, utc (2026, 11, 25, 23, 0)), ==, CW_OPEN_STATE_CLOSED); /* Thu 00:00 */
}

static void
test_exceptions (void)
{
  g_autoptr (CwOpeningHours) h = weekdays_8_to_20 ();

  /* Closed all of Tuesday 2026-11-24 (local midnight to midnight). */
  g_assert_true (cw_opening_hours_add_exceptional (h, FALSE, iso ("2026-11-24T00:00:00+01:00"),
                                                   iso ("2026-11-25T00:00:00+01:00")));
  /* Open on Saturday 2026-11-28 10:00–14:00 local. */
  g_assert_true (cw_opening_hours_add_exceptional (h, TRUE, iso ("2026-11-28T10:00:00+01:00"),
                                                   iso ("2026-11-28T14:00:00+01:00")));

  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, iso ("2026-11-24T12:00:00+01:00")), ==, CW_OPEN_STATE_CLOSED);
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, iso ("2026-11-25T12:00:00+01:00")), ==, CW_OPEN_STATE_OPEN);
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, iso ("2026-11-28T09:59:00+01:00")), ==, CW_OPEN_STATE_CLOSED);
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, iso ("2026-11-28T10:00:00+01:00")), ==, CW_OPEN_STATE_OPEN);
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, iso ("2026-11-28T13:59:00+01:00")), ==, CW_OPEN_STATE_OPEN);
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, iso ("2026-11-28T14:00:00+01:00")), ==, CW_OPEN_STATE_CLOSED);
  /* Exceptions are absolute: they answer even without a time zone. */
  g_assert_cmpint (cw_opening_hours_is_open (h, NULL, iso ("2026-11-24T12:00:00+01:00")), ==, CW_OPEN_STATE_CLOSED);
  g_assert_cmpint (cw_opening_hours_is_open (h, NULL, iso ("2026-11-28T11:00:00+01:00")), ==, CW_OPEN_STATE_OPEN);

  /* A closing inside an opening: closing wins. */
  g_assert_true (cw_opening_hours_add_exceptional (h, FALSE, iso ("2026-11-28T12:00:00+01:00"),
                                                   iso ("2026-11-28T12:30:00+01:00")));
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, iso ("2026-11-28T12:15:00+01:00")), ==, CW_OPEN_STATE_CLOSED);
}

static void
test_time_zones (void)
{
  g_autoptr (CwOpeningHours) h = weekdays_8_to_20 ();
  gint64 t;

  /* Tuesday 2026-11-24 20:30 UTC: 21:30 in Amsterdam (closed),
   * 15:30 in New York (open). */
  t = utc (2026, 11, 24, 20, 30);
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, t), ==, CW_OPEN_STATE_CLOSED);
  g_assert_cmpint (cw_opening_hours_is_open (h, NYC, t), ==, CW_OPEN_STATE_OPEN);
  /* 12:00 UTC: 13:00 in Amsterdam (open), 07:00 in New York (closed). */
  t = utc (2026, 11, 24, 12, 0);
  g_assert_cmpint (cw_opening_hours_is_open (h, AMS, t), ==, CW_OPEN_STATE_OPEN);
  g_assert_cmpint (cw_opening_hours_is_open (h, NYC, t), ==, CW_OPEN_STATE_CLOSED);
  /* Saturday 2026-11-28 03:00 UTC is still Friday 22:00 in New York. */
  {
    g_autoptr (CwOpeningHours) fri = cw_opening_hours_new ();
    g_assert_true (cw_opening_hours_add_regular (fri, 5, "21:00", "23:00"));
    t = utc (2026, 11, 28, 3, 0);
    g_assert_cmpint (cw_opening_hours_is_open (fri, NYC, t), ==, CW_OPEN_STATE_OPEN);
    g_assert_cmpint (cw_opening_hours_is_open (fri, AMS, t), ==, CW_OPEN_STATE_CLOSED);
  }
}

static void
test_copy_equal (void)
{
  g_autoptr (CwOpeningHours) a = weekdays_8_to_20 ();
  g_autoptr (CwOpeningHours) b = NULL;

  g_assert_true (cw_opening_hours_add_exceptional (a, TRUE, 1000, 2000));
  b = cw_opening_hours_copy (a);
  g_assert_true (cw_opening_hours_equal (a, b));
  g_assert_true (cw_opening_hours_equal (NULL, NULL));
  g_assert_false (cw_opening_hours_equal (a, NULL));
  g_assert_true (cw_opening_hours_add_exceptional (b, FALSE, 1000, 2000));
  g_assert_false (cw_opening_hours_equal (a, b));
}

/* ---- through the parser ---- */

/* A Location around a spec Hours example: the examples are fragments. */
static CwStation *
parse_wrapped (JsonNode   *hours,
               const char *time_zone)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GError) error = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "HOURS-1");
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "latitude");
  json_builder_add_string_value (b, "52.0");
  json_builder_set_member_name (b, "longitude");
  json_builder_add_string_value (b, "5.0");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "time_zone");
  json_builder_add_string_value (b, time_zone);
  json_builder_set_member_name (b, "opening_times");
  json_builder_add_value (b, json_node_copy (hours));
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  stations = cw_ocpi_parse_locations_node (root, "test", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, ==, 1);
  return g_object_ref (g_ptr_array_index (stations, 0));
}

/* Written by the OCPI writer and read again: the same hours. */
static void
assert_round_trip (CwStation *station)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GError) error = NULL;
  CwStation *s2;

  cw_ocpi_write_location (b, station);
  root = json_builder_get_root (b);
  again = cw_ocpi_parse_locations_node (root, cw_station_get_source (station), &error);
  g_assert_no_error (error);
  s2 = g_ptr_array_index (again, 0);
  g_assert_true (cw_opening_hours_equal (cw_station_get_opening_hours (station), cw_station_get_opening_hours (s2)));
  g_assert_cmpint (station->twentyfourseven, ==, s2->twentyfourseven);
}

static JsonNode *
load_example (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;
  JsonObject *o;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  o = json_node_get_object (root);
  /* location_regularhours_example.json wraps its Hours in "opening_times". */
  if (json_object_has_member (o, "opening_times"))
    return json_node_copy (json_object_get_member (o, "opening_times"));
  return json_node_copy (root);
}

static const char *
examples_dir (void)
{
  static char *dir;
  const char *shared = g_getenv ("CW_SHARED_DATA");

  if (dir == NULL && shared != NULL)
    dir = g_build_filename (shared, "ocpi-2.2.1-examples", NULL);
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return dir;
}

static void
test_spec_examples (void)
{
  const char *dir = examples_dir ();
  struct {
    const char *file;
    const char *instant;
    CwOpenState expected;
  } cases[] = {
    /* Mon–Fri 08:00–20:00; opening Sat 2014-06-21 09:00–12:00Z;
     * closing 2014-06-24 (a Tuesday) 00:00Z–2014-06-25 00:00Z.
     * Read in Amsterdam, UTC+2 in June. */
    { "location_regularhours_example.json", "2014-06-21T10:00:00Z", CW_OPEN_STATE_OPEN },
    { "location_regularhours_example.json", "2014-06-21T13:00:00Z", CW_OPEN_STATE_CLOSED },
    { "location_regularhours_example.json", "2014-06-23T10:00:00Z", CW_OPEN_STATE_OPEN },
    { "location_regularhours_example.json", "2014-06-23T05:30:00Z", CW_OPEN_STATE_CLOSED },
    { "location_regularhours_example.json", "2014-06-24T10:00:00Z", CW_OPEN_STATE_CLOSED },
    { "location_regularhours_example.json", "2014-06-25T10:00:00Z", CW_OPEN_STATE_OPEN },
    /* 24/7, closed 2018-12-25 03:00–05:00Z */
    { "location_hours_247_open_exception_closing.json", "2018-12-25T04:00:00Z", CW_OPEN_STATE_CLOSED },
    { "location_hours_247_open_exception_closing.json", "2018-12-25T05:00:00Z", CW_OPEN_STATE_OPEN },
    /* Mon, Tue 01:00–06:00 local (00:00–05:00Z in winter); closed
     * 2018-12-25 (Tuesday) 03:00–05:00Z */
    { "location_hours_opening_hours_with_exceptional_closing.json", "2018-12-25T01:00:00Z", CW_OPEN_STATE_OPEN },
    { "location_hours_opening_hours_with_exceptional_closing.json", "2018-12-25T03:30:00Z", CW_OPEN_STATE_CLOSED },
    { "location_hours_opening_hours_with_exceptional_closing.json", "2018-12-25T05:30:00Z", CW_OPEN_STATE_CLOSED },
    { "location_hours_opening_hours_with_exceptional_closing.json", "2018-12-26T01:00:00Z", CW_OPEN_STATE_CLOSED },
    /* Mon, Tue 00:00–04:00 local; open 2018-12-25 05:00–06:00Z */
    { "location_hours_opening_hours_with_exceptional_opening.json", "2018-12-24T23:30:00Z", CW_OPEN_STATE_OPEN },
    { "location_hours_opening_hours_with_exceptional_opening.json", "2018-12-25T04:30:00Z", CW_OPEN_STATE_CLOSED },
    { "location_hours_opening_hours_with_exceptional_opening.json", "2018-12-25T05:30:00Z", CW_OPEN_STATE_OPEN },
  };

  if (dir == NULL)
    {
      g_test_skip ("CW_SHARED_DATA/ocpi-2.2.1-examples is absent: spec opening hours not checked");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) hours = load_example (dir, cases[i].file);
      g_autoptr (CwStation) s = parse_wrapped (hours, AMS);

      g_assert_nonnull (cw_station_get_opening_hours (s));
      g_test_message ("%s at %s", cases[i].file, cases[i].instant);
      g_assert_cmpint (cw_opening_hours_is_open (cw_station_get_opening_hours (s), cw_station_get_time_zone (s), iso (cases[i].instant)),
                       ==, cases[i].expected);
      assert_round_trip (s);
    }
}

static void
test_spec_location (void)
{
  const char *dir = examples_dir ();
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GError) error = NULL;
  gsize len;
  CwStation *s;

  if (dir == NULL)
    {
      g_test_skip ("CW_SHARED_DATA/ocpi-2.2.1-examples is absent: spec location not checked");
      return;
    }

  /* A whole Location: P-Huset Leonard, Malmö, open every day 07:00–18:00
   * Europe/Stockholm. */
  path = g_build_filename (dir, "location_example_parking_garage_opening_hours.json", NULL);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  stations = cw_ocpi_parse_locations (bytes, "ocpi-file:example", &error);
  g_assert_no_error (error);
  s = g_ptr_array_index (stations, 0);
  g_assert_cmpstr (cw_station_get_time_zone (s), ==, "Europe/Stockholm");
  g_assert_nonnull (cw_station_get_opening_hours (s));
  g_assert_false (cw_station_get_opening_hours (s)->twentyfourseven);
  g_assert_cmpuint (cw_station_get_opening_hours (s)->regular_hours->len, ==, 7);
  /* Sunday 2026-11-29 06:30 UTC = 07:30 in Stockholm: open;
   * 17:30 UTC = 18:30: closed. */
  g_assert_cmpint (cw_opening_hours_is_open (cw_station_get_opening_hours (s), cw_station_get_time_zone (s), utc (2026, 11, 29, 6, 30)),
                   ==, CW_OPEN_STATE_OPEN);
  g_assert_cmpint (cw_opening_hours_is_open (cw_station_get_opening_hours (s), cw_station_get_time_zone (s), utc (2026, 11, 29, 17, 30)),
                   ==, CW_OPEN_STATE_CLOSED);
  assert_round_trip (s);

  /* A Location without opening_times has none. */
  {
    static const char plain_json[] = "{\"id\":\"P\",\"coordinates\":{\"latitude\":\"1\",\"longitude\":\"2\"}}";
    g_autoptr (GBytes) plain = g_bytes_new_static (plain_json, strlen (plain_json));
    g_autoptr (GPtrArray) list = cw_ocpi_parse_locations (plain, "test", &error);

    g_assert_no_error (error);
    g_assert_null (cw_station_get_opening_hours (((CwStation *) g_ptr_array_index (list, 0))));
    assert_round_trip (g_ptr_array_index (list, 0));
  }
}

static void
test_parser_leniency (void)
{
  const char *json =
    "{\"id\":\"L\",\"coordinates\":{\"latitude\":\"52\",\"longitude\":\"5\"},"
    "\"time_zone\":\"Europe/Amsterdam\",\"opening_times\":{\"twentyfourseven\":false,"
    "\"regular_hours\":[{\"weekday\":9,\"period_begin\":\"08:00\",\"period_end\":\"20:00\"},"
    "{\"weekday\":\"2\",\"period_begin\":\"8:00\",\"period_end\":\"20:00\"},"
    "{\"weekday\":3,\"period_begin\":\"08:00\",\"period_end\":\"24:00\"}],"
    "\"exceptional_closings\":[{\"period_begin\":\"soon\",\"period_end\":\"2026-01-01T00:00:00Z\"}]}}";
  const char *bad_type =
    "{\"id\":\"L\",\"coordinates\":{\"latitude\":\"52\",\"longitude\":\"5\"},"
    "\"opening_times\":{\"regular_hours\":{\"weekday\":1}}}";
  g_autoptr (GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr (GBytes) bad = g_bytes_new_static (bad_type, strlen (bad_type));
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GError) error = NULL;
  CwStation *s;

  /* Bad periods are left out; the good one stays. */
  stations = cw_ocpi_parse_locations (bytes, "test", &error);
  g_assert_no_error (error);
  s = g_ptr_array_index (stations, 0);
  g_assert_cmpuint (cw_station_get_opening_hours (s)->regular_hours->len, ==, 1);
  g_assert_cmpuint (cw_station_get_opening_hours (s)->exceptional_closings->len, ==, 0);
  g_assert_cmpuint (g_array_index (cw_station_get_opening_hours (s)->regular_hours, CwRegularHours, 0).end, ==, 1440);
  assert_round_trip (s);

  /* A wrong structure fails like any other member. */
  none = cw_ocpi_parse_locations (bad, "test", &error);
  g_assert_null (none);
  g_assert_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE);
  g_assert_nonnull (strstr (error->message, "regular_hours"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/opening-hours/parse-time", test_parse_time);
  g_test_add_func ("/opening-hours/twentyfourseven", test_twentyfourseven);
  g_test_add_func ("/opening-hours/regular", test_regular_hours);
  g_test_add_func ("/opening-hours/across-midnight", test_across_midnight);
  g_test_add_func ("/opening-hours/exceptions", test_exceptions);
  g_test_add_func ("/opening-hours/time-zones", test_time_zones);
  g_test_add_func ("/opening-hours/copy-equal", test_copy_equal);
  g_test_add_func ("/opening-hours/parser/spec-examples", test_spec_examples);
  g_test_add_func ("/opening-hours/parser/spec-location", test_spec_location);
  g_test_add_func ("/opening-hours/parser/leniency", test_parser_leniency);

  return g_test_run ();
}
