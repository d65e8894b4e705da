/* test-cli-plan.c: `chargeway-cli plan`, the real binary, on the demo
 * network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cw-test-demo-trip.h"

#define DEPARTURE "2026-12-02T08:00:00+01:00"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_plan (Run        *r,
          const char *first,
          ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) proc = NULL;
  const char *cli = g_getenv ("CHARGEWAY_CLI");
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "plan");
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
  if (r->out == NULL)
    r->out = g_strdup ("");
  if (r->err == NULL)
    r->err = g_strdup ("");
}

typedef struct {
  char *dir;
  char *trip;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("cw-cli-plan-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->trip = cw_test_write_demo_trip (f->dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->trip);
}

/* A straight GPX track due east from (lat, lon), @km long, where the
 * demo network has no station. */
static char *
write_straight (Fixture    *f,
                const char *name,
                double      lat,
                double      lon,
                double      km)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  GString *gpx = g_string_new ("<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" "
                               "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>\n");
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
  double dlon = km / (6371.0088 * G_PI / 180.0 * cos (lat * G_PI / 180.0));
  GError *error = NULL;

  for (guint i = 0; i <= 20; i++)
    g_string_append_printf (gpx, "<trkpt lat=\"%s\" lon=\"%s\"/>\n",
                            g_ascii_formatd (a, sizeof a, "%.6f", lat),
                            g_ascii_formatd (b, sizeof b, "%.6f", lon + dlon * i / 20));
  g_string_append (gpx, "</trkseg></trk></gpx>\n");
  g_file_set_contents (path, gpx->str, gpx->len, &error);
  g_assert_no_error (error);
  g_string_free (gpx, TRUE);
  return g_steal_pointer (&path);
}

static void
test_demo_trip_json (Fixture       *f,
                     gconstpointer  data)
{
  g_auto (Run) r = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  JsonArray *stops;
  double charge = 0, last_along = -1;

  run_plan (&r, "--gpx", f->trip, "--car", "generic-mid-size", "--soc", "80", "--min-soc", "10",
            "--departure", DEPARTURE, "--format", "json", NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "car"), "id"), ==,
                   "generic-mid-size");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (root, "car"), "generic"));
  g_assert_cmpfloat (json_object_get_double_member (root, "length_km"), >, 590);
  g_assert_cmpint (json_object_get_int_member (root, "candidates"), >, 10);
  g_assert_cmpstr (json_object_get_string_member (root, "departure_time"), ==, "2026-12-02T07:00:00Z");
  stops = json_object_get_array_member (root, "stops");
  /* 617 km, 170 Wh/km, 60 kWh: 175 % of a battery; from 80 % down to
   * 10 % at the end, at least 105 % must be charged: two stops at least */
  g_assert_cmpuint (json_array_get_length (stops), >=, 2);
  for (guint i = 0; i < json_array_get_length (stops); i++)
    {
      JsonObject *s = json_array_get_object_element (stops, i);
      JsonObject *cost = json_object_get_object_member (s, "cost");

      g_assert_cmpstr (json_object_get_string_member (s, "source"), ==, "demo");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (s, "id"), "CWD-"));
      g_assert_cmpfloat (json_object_get_double_member (s, "distance_along_km"), >, last_along);
      g_assert_cmpfloat (json_object_get_double_member (s, "arrival_soc"), >=, 10.0);
      g_assert_cmpfloat (json_object_get_double_member (s, "departure_soc"), >,
                         json_object_get_double_member (s, "arrival_soc"));
      g_assert_cmpfloat (json_object_get_double_member (s, "charge_minutes"), >, 0);
      g_assert_cmpfloat (json_object_get_double_member (s, "power_kw"), >, 0);
      g_assert_nonnull (cost);
      g_assert_cmpstr (json_object_get_string_member (cost, "currency"), ==, "EUR");
      g_assert_cmpfloat (json_object_get_double_member (cost, "total_incl"), >, 0);
      g_assert_true (json_object_has_member (s, "idle_fee"));
      last_along = json_object_get_double_member (s, "distance_along_km");
      charge += json_object_get_double_member (s, "charge_minutes");
    }
  /* each figure rounded to 0.1 min on its own */
  g_assert_cmpfloat (fabs (charge - json_object_get_double_member (root, "charge_minutes")), <=, 0.05 * (1 + json_array_get_length (stops)));
  g_assert_cmpfloat (fabs (json_object_get_double_member (root, "total_minutes") -
                           (json_object_get_double_member (root, "drive_minutes") +
                            json_object_get_double_member (root, "detour_minutes") +
                            json_object_get_double_member (root, "charge_minutes") +
                            json_object_get_double_member (root, "stop_minutes"))), <=, 0.25);
  g_assert_cmpfloat (json_object_get_double_member (root, "arrival_soc"), >=, 10.0);
  g_assert_cmpstr (json_object_get_string_member (root, "cost_currency"), ==, "EUR");
  g_assert_true (json_object_get_boolean_member (root, "cost_complete"));
}

static void
test_demo_trip_tsv (Fixture       *f,
                    gconstpointer  data)
{
  g_auto (Run) r = { 0 };
  g_auto (GStrv) lines = NULL;
  guint n;

  run_plan (&r, "--gpx", f->trip, "--car", "generic-city", "--soc", "90", "--min-soc", "15",
            "--departure", DEPARTURE, "--format", "tsv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  n = g_strv_length (lines);
  /* header, stops, the arrival, and the empty piece after the last newline */
  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_assert_true (g_str_has_prefix (lines[0], "stop\tsource\tid\tname\tdistance_along_km"));
  g_assert_true (g_str_has_prefix (lines[n - 2], "arrival\t"));
  for (guint i = 0; i < n - 1; i++)
    {
      g_auto (GStrv) cols = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (cols), ==, 16);
      if (i > 0 && i < n - 2)
        {
          g_assert_cmpuint (atoi (cols[0]), ==, i);
          g_assert_cmpstr (cols[1], ==, "demo");
          g_assert_cmpfloat (g_ascii_strtod (cols[6], NULL), >=, 15.0);
          g_assert_cmpstr (cols[14], ==, "EUR");
        }
    }
}

/* A saved OSRM answer: Amsterdam → Eindhoven by the A2 (the polyline of
 * test-cli-route.c, about 112 km). The city car from 40 % cannot do it
 * without a stop: 112 km × 150 Wh/km = 16.8 kWh, 44 % of 38 kWh. */
#define A2_POLYLINE6 "gp}{bBghbjHvvtAwrx@ndkAoyo@~nzDojcA~gpBo{vA~pdBo{vA~`cDobd@~lsCorbBne}C_g{Cnj`E_t`B~`cDoyo@~}fD_etBnqmC_cmAvx{B_msC"

static void
test_osrm_json (Fixture       *f,
                gconstpointer  data)
{
  static const char *json =
      "{\"code\":\"Ok\",\"routes\":[{\"geometry\":\"" A2_POLYLINE6 "\",\"legs\":[],"
      "\"weight_name\":\"routability\",\"weight\":5520.3,\"duration\":5520.3,\"distance\":121843.7}],"
      "\"waypoints\":[]}";
  g_autofree char *path = g_build_filename (f->dir, "a2.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_auto (Run) r = { 0 };
  JsonObject *root;
  JsonArray *stops;

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  run_plan (&r, "--osrm-json", path, "--car", "generic-city", "--soc", "40", "--min-soc", "10",
            "--departure", DEPARTURE, NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  /* the polyline's own length: it cuts a few corners of the road */
  g_test_message ("length %.1f km", json_object_get_double_member (root, "length_km"));
  g_assert_cmpfloat (json_object_get_double_member (root, "length_km"), >, 100.0);
  g_assert_cmpfloat (json_object_get_double_member (root, "length_km"), <, 140.0);
  stops = json_object_get_array_member (root, "stops");
  g_assert_cmpuint (json_array_get_length (stops), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stops, 0), "source"), ==,
                   "demo");
  g_assert_cmpfloat (json_object_get_double_member (root, "arrival_soc"), >=, 10.0);

  /* from 80 % it needs none */
  {
    g_auto (Run) r2 = { 0 };

    run_plan (&r2, "--osrm-json", path, "--car", "generic-city", "--soc", "80", "--format", "tsv", NULL);
    g_assert_cmpint (r2.status, ==, 0);
    g_assert_true (g_str_has_prefix (strchr (r2.out, '\n') + 1, "arrival\t"));
  }
}

static void
test_impossible (Fixture       *f,
                 gconstpointer  data)
{
  /* 300 km across central Spain, no demo station anywhere near */
  g_autofree char *path = write_straight (f, "spain.gpx", 40.0, -5.0, 300.0);
  g_auto (Run) r = { 0 };

  run_plan (&r, "--gpx", path, "--car", "generic-city", "--soc", "50", "--min-soc", "10", NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "from km 0 to km 300"));
  g_assert_nonnull (strstr (r.err, "from 50 % down to 10 %"));

  /* short enough: no stop, no error */
  {
    g_autofree char *short_path = write_straight (f, "short.gpx", 40.0, -5.0, 60.0);
    g_auto (Run) r2 = { 0 };

    run_plan (&r2, "--gpx", short_path, "--car", "generic-city", "--soc", "50", "--format", "tsv", NULL);
    g_assert_cmpint (r2.status, ==, 0);
    g_assert_true (g_str_has_prefix (strchr (r2.out, '\n') + 1, "arrival\t"));
  }
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  struct { const char *args[8]; const char *says; } cases[] = {
    { { "--car", "generic-city", NULL }, "no route" },
    { { "--gpx", f->trip, NULL }, "no car" },
    { { "--gpx", f->trip, "--car", "flying-carpet", NULL }, "generic-mid-size" },
    { { "--gpx", f->trip, "--car", "generic-city", "--soc", "150", NULL }, "150" },
    { { "--gpx", f->trip, "--car", "generic-city", "--format", "xml", NULL }, "xml" },
    { { "--gpx", f->trip, "--car", "generic-city", "--prefer", "scenic", NULL }, "scenic" },
    { { "--gpx", f->trip, "--car", "generic-city", "--departure", "tomorrow", NULL }, "tomorrow" },
    { { "--gpx", "/nonexistent/trip.gpx", "--car", "generic-city", NULL }, "nonexistent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Run) r = { 0 };
      const char **a = cases[i].args;

      run_plan (&r, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
      g_test_message ("%s", r.err);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_nonnull (strstr (r.err, cases[i].says));
    }
}

static void
test_car_file (Fixture       *f,
               gconstpointer  data)
{
  /* the user's own car, as the window would keep it */
  static const char *car =
      "{'id': <'my-van'>, 'name': <'My van'>, 'battery-kwh': <75.0>, 'consumption-wh-km': <260.0>,"
      " 'max-dc-kw': <100.0>, 'max-ac-kw': <11.0>, 'standards': <['IEC_62196_T2_COMBO']>,"
      " 'curve': <[(0.0, 80.0), (50.0, 100.0), (80.0, 50.0), (100.0, 10.0)]>}";
  g_autofree char *path = g_build_filename (f->dir, "van.profile", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.profile", NULL);
  g_autoptr (GError) error = NULL;
  g_auto (Run) r = { 0 };
  g_auto (Run) r2 = { 0 };

  g_file_set_contents (path, car, -1, &error);
  g_assert_no_error (error);
  run_plan (&r, "--gpx", f->trip, "--car", path, "--departure", DEPARTURE, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"my-van\""));
  g_assert_nonnull (strstr (r.out, "\"generic\" : false"));

  g_file_set_contents (bad, "{'id': <'x'>}", -1, &error);
  g_assert_no_error (error);
  run_plan (&r2, "--gpx", f->trip, "--car", bad, NULL);
  g_assert_cmpint (r2.status, ==, 1);
  g_assert_nonnull (strstr (r2.err, "bad.profile"));
}

static void
test_shared_gpx (Fixture       *f,
                 gconstpointer  data)
{
  const char *shared = g_getenv ("CW_SHARED_DATA");
  g_autofree char *path = shared ? g_build_filename (shared, "gpx", "route.gpx", NULL) : NULL;
  g_auto (Run) r = { 0 };

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no shared test data (CW_SHARED_DATA/gpx/route.gpx)");
      return;
    }
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;

  run_plan (&r, "--gpx", path, "--car", "generic-long-range", "--soc", "60", NULL);
  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  /* a short ride in Istria: no stop needed, none planned */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "stops")), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (root, "arrival_soc"), >, 50.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/cli-plan/demo-trip-json", test_demo_trip_json);
  ADD ("/cli-plan/demo-trip-tsv", test_demo_trip_tsv);
  ADD ("/cli-plan/osrm-json", test_osrm_json);
  ADD ("/cli-plan/impossible", test_impossible);
  ADD ("/cli-plan/bad-input", test_bad_input);
  ADD ("/cli-plan/car-file", test_car_file);
  ADD ("/cli-plan/shared-gpx", test_shared_gpx);
#undef ADD

  return g_test_run ();
}
