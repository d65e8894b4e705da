/* test-source.c: source specs, the embedded demo network, file sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "cw-ocpi-parser.h"
#include "cw-source.h"

#define LOCATIONS \
  "{\"data\":[" \
  " {\"id\":\"LOC1\",\"name\":\"First\",\"country\":\"NLD\"," \
  "  \"coordinates\":{\"latitude\":\"52.0894\",\"longitude\":\"5.1077\"}," \
  "  \"evses\":[{\"uid\":\"E1\",\"status\":\"AVAILABLE\",\"connectors\":[" \
  "   {\"id\":\"1\",\"standard\":\"IEC_62196_T2\",\"format\":\"SOCKET\",\"power_type\":\"AC_3_PHASE\"," \
  "    \"max_voltage\":230,\"max_amperage\":16}]}]}," \
  " {\"id\":\"LOC2\",\"name\":\"Second\",\"coordinates\":{\"latitude\":50.85,\"longitude\":4.35}}]," \
  " \"status_code\":1000,\"status_message\":\"Success\",\"timestamp\":\"2026-11-01T08:00:00Z\"}"

/* ---- temporary files ---- */

typedef struct {
  char *dir;
} TmpDir;

static void
tmp_dir_init (TmpDir *t)
{
  g_autoptr (GError) error = NULL;

  t->dir = g_dir_make_tmp ("cw-test-source-XXXXXX", &error);
  g_assert_no_error (error);
}

static char *
tmp_file (TmpDir     *t,
          const char *name,
          const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (t->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
tmp_dir_clear (TmpDir *t)
{
  g_autoptr (GDir) dir = g_dir_open (t->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (t->dir, name, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (t->dir), ==, 0);
  g_assert_false (g_file_test (t->dir, G_FILE_TEST_EXISTS));
  g_clear_pointer (&t->dir, g_free);
}

static char *
shared_path (const char *rel)
{
  const char *root = g_getenv ("CW_SHARED_DATA");
  char *path;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    return NULL;
  path = g_build_filename (root, rel, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_clear_pointer (&path, g_free);
  return path;
}

/* ---- specs ---- */

static void
test_spec_demo (void)
{
  const char *specs[] = { "demo", NULL, "" };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CwSourceSpec) s = cw_source_spec_parse (specs[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (s);
      g_assert_cmpint (s->kind, ==, CW_SOURCE_KIND_DEMO);
      g_assert_true (s->is_demo);
      g_assert_cmpstr (s->id, ==, "demo");
      g_assert_cmpstr (s->label, ==, "Demo data");
      g_assert_null (s->path);
      g_assert_null (s->reference);
      g_assert_nonnull (s->attribution);
      g_assert_nonnull (strstr (s->attribution, "fictional"));
    }
}

static void
test_spec_ocpi_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) s = cw_source_spec_parse ("ocpi-file:/x.json", &error);

  g_assert_no_error (error);
  g_assert_cmpint (s->kind, ==, CW_SOURCE_KIND_OCPI_FILE);
  g_assert_false (s->is_demo);
  g_assert_cmpstr (s->path, ==, "/x.json");
  g_assert_null (s->reference);
  g_assert_cmpstr (s->id, ==, "ocpi-file:/x.json");
  g_assert_cmpstr (s->label, ==, "x.json");
}

static void
test_spec_ocm_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) s = cw_source_spec_parse ("ocm-file:/a/poi.json,/a/ref.json", &error);
  g_autoptr (CwSourceSpec) alone = NULL;
  g_autoptr (CwSourceSpec) beside = NULL;
  g_autofree char *poi = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *spec = NULL;
  TmpDir t;

  g_assert_no_error (error);
  g_assert_cmpint (s->kind, ==, CW_SOURCE_KIND_OCM_FILE);
  g_assert_false (s->is_demo);
  g_assert_cmpstr (s->path, ==, "/a/poi.json");
  g_assert_cmpstr (s->reference, ==, "/a/ref.json");
  g_assert_cmpstr (s->id, ==, "ocm-file:/a/poi.json,/a/ref.json");
  g_assert_cmpstr (s->label, ==, "poi.json");
  g_assert_nonnull (strstr (s->attribution, "Open Charge Map"));

  /* no reference named, none beside: ids only */
  tmp_dir_init (&t);
  poi = tmp_file (&t, "poi.json", "[]");
  spec = g_strconcat ("ocm-file:", poi, NULL);
  alone = cw_source_spec_parse (spec, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alone->path, ==, poi);
  g_assert_null (alone->reference);

  /* a reference.json beside the file is found */
  ref = tmp_file (&t, "reference.json", "{}");
  beside = cw_source_spec_parse (spec, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (beside->path, ==, poi);
  g_assert_cmpstr (beside->reference, ==, ref);
  tmp_dir_clear (&t);
}

static void
test_spec_bad (void)
{
  const char *bad[] = { "foo", "ocpi-file:", "ocm-file:", "ocpi-file", "ocpi:/x.json",
                        "DEMO ", "https://example.org/ocpi/locations" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CwSourceSpec) s = cw_source_spec_parse (bad[i], &error);

      g_assert_null (s);
      g_assert_error (error, CW_SOURCE_ERROR, CW_SOURCE_ERROR_BAD_SPEC);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

/* ---- the demo network ---- */

static gboolean
country_is (const char *country,
            const char *alpha2,
            const char *alpha3)
{
  return g_strcmp0 (country, alpha2) == 0 || g_strcmp0 (country, alpha3) == 0;
}

static void
test_demo_load (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse ("demo", &error);
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_nl = 0, n_be = 0, n_de = 0, n_tariffed = 0, n_connectors = 0, n_dangling = 0;
  guint n_available = 0;

  g_assert_no_error (error);
  stations = cw_source_load (spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stations);
  g_test_message ("%u demo stations", stations->len);
  g_assert_cmpuint (stations->len, >=, 300);

  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      g_autofree char *name = NULL;

      g_assert_cmpstr (cw_station_get_source (s), ==, "demo");
      g_assert_nonnull (cw_station_get_name (s));
      name = g_ascii_strdown (cw_station_get_name (s), -1);
      if (strstr (name, "demo") == NULL)
        g_error ("demo station %s is named \"%s\", without \"Demo\"", cw_station_get_id (s), cw_station_get_name (s));
      g_assert_cmpstr (cw_station_get_attribution (s), ==, spec->attribution);

      /* keys are unique, or the store would fold stations together */
      g_assert_false (g_hash_table_contains (keys, cw_station_get_key (s)));
      g_hash_table_add (keys, (gpointer) cw_station_get_key (s));

      /* the Netherlands, Belgium, Germany */
      g_assert_cmpfloat (s->latitude, >, 47.2);
      g_assert_cmpfloat (s->latitude, <, 55.1);
      g_assert_cmpfloat (s->longitude, >, 2.5);
      g_assert_cmpfloat (s->longitude, <, 15.1);

      if (country_is (cw_station_get_country (s), "NL", "NLD"))
        n_nl++;
      else if (country_is (cw_station_get_country (s), "BE", "BEL"))
        n_be++;
      else if (country_is (cw_station_get_country (s), "DE", "DEU"))
        n_de++;
      else
        g_error ("demo station %s is in \"%s\"", cw_station_get_id (s), cw_station_get_country (s));

      g_assert_cmpuint (s->n_evses, >, 0);
      if (cw_station_get_availability (s) == CW_AVAILABILITY_AVAILABLE)
        n_available++;
      for (guint j = 0; j < s->n_evses; j++)
        {
          CwEvse *e = &s->evses[j];

          g_assert_cmpuint (e->n_connectors, >, 0);
          for (guint k = 0; k < e->n_connectors; k++)
            {
              CwConnector *c = &cw_evse_get_connectors (e)[k];

              n_connectors++;
              if (cw_connector_get_tariff (c) != NULL)
                n_tariffed++;
              else if (cw_connector_has_tariff_ids (c) && cw_connector_get_tariff_id (c, 0) != NULL)
                {
                  g_test_message ("%s: tariff %s does not resolve", cw_station_get_id (s), cw_connector_get_tariff_id (c, 0));
                  n_dangling++;
                }
            }
        }
    }

  g_test_message ("NL %u, BE %u, DE %u; %u of %u connectors with a tariff, %u dangling; "
                  "%u stations available",
                  n_nl, n_be, n_de, n_tariffed, n_connectors, n_dangling, n_available);
  g_assert_cmpuint (n_nl, >, 0);
  g_assert_cmpuint (n_be, >, 0);
  g_assert_cmpuint (n_de, >, 0);
  g_assert_cmpuint (n_tariffed, >, 0);
  g_assert_cmpuint (n_dangling, ==, 0);
  g_assert_cmpuint (n_available, >, 0);
}

/* ---- file sources ---- */

static void
test_file_missing (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (CwSourceSpec) ocm = NULL;
  TmpDir t;
  g_autofree char *missing = NULL;
  g_autofree char *spec_str = NULL;
  g_autofree char *poi = NULL;
  g_autofree char *ocm_spec = NULL;

  tmp_dir_init (&t);
  missing = g_build_filename (t.dir, "no-such-file.json", NULL);
  spec_str = g_strconcat ("ocpi-file:", missing, NULL);
  spec = cw_source_spec_parse (spec_str, &error);
  g_assert_no_error (error);

  stations = cw_source_load (spec, NULL, &error);
  g_assert_null (stations);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* an Open Charge Map file whose named reference is missing */
  poi = tmp_file (&t, "poi.json", "[]");
  ocm_spec = g_strconcat ("ocm-file:", poi, ",", missing, NULL);
  ocm = cw_source_spec_parse (ocm_spec, &error);
  g_assert_no_error (error);
  stations = cw_source_load (ocm, NULL, &error);
  g_assert_null (stations);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));

  tmp_dir_clear (&t);
}

static void
check_load_fails (const char *spec_str,
                  int         code,
                  const char *fragment1,
                  const char *fragment2)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse (spec_str, &error);
  g_autoptr (GPtrArray) stations = NULL;

  g_assert_no_error (error);
  stations = cw_source_load (spec, NULL, &error);
  g_assert_null (stations);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_true (g_error_matches (error, CW_PARSE_ERROR, code));
  g_assert_nonnull (strstr (error->message, fragment1));
  if (fragment2 != NULL)
    g_assert_nonnull (strstr (error->message, fragment2));
}

static void
test_file_malformed (void)
{
  TmpDir t;
  g_autofree char *broken = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *poi = NULL;
  g_autofree char *bad_ref = NULL;
  g_autofree char *spec = NULL;

  tmp_dir_init (&t);
  broken = tmp_file (&t, "broken.json", "{\"data\":[{\"id\":\"LOC1\",");
  wrong = tmp_file (&t, "wrong.json",
                    "[{\"id\":\"L\",\"coordinates\":{\"latitude\":95,\"longitude\":5}}]");
  empty = tmp_file (&t, "empty.json", "");

  spec = g_strconcat ("ocpi-file:", broken, NULL);
  check_load_fails (spec, CW_PARSE_ERROR_INVALID_JSON, broken, "Malformed JSON");
  g_free (spec);
  spec = g_strconcat ("ocpi-file:", wrong, NULL);
  check_load_fails (spec, CW_PARSE_ERROR_OUT_OF_RANGE, wrong, "$[0].coordinates");
  g_free (spec);
  spec = g_strconcat ("ocpi-file:", empty, NULL);
  check_load_fails (spec, CW_PARSE_ERROR_EMPTY, empty, NULL);
  g_free (spec);

  /* Open Charge Map: a broken POI file, then a broken reference */
  spec = g_strconcat ("ocm-file:", broken, NULL);
  check_load_fails (spec, CW_PARSE_ERROR_INVALID_JSON, broken, NULL);
  g_free (spec);
  poi = tmp_file (&t, "poi.json", "[]");
  bad_ref = tmp_file (&t, "ref.json", "[1,2");
  spec = g_strconcat ("ocm-file:", poi, ",", bad_ref, NULL);
  check_load_fails (spec, CW_PARSE_ERROR_INVALID_JSON, bad_ref, NULL);

  tmp_dir_clear (&t);
}

static void
test_file_ok (void)
{
  TmpDir t;
  g_autofree char *path = NULL;
  g_autofree char *spec_str = NULL;
  g_autoptr (CwSourceSpec) spec = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GError) error = NULL;
  CwStation *s;

  tmp_dir_init (&t);
  path = tmp_file (&t, "locations.json", LOCATIONS);
  spec_str = g_strconcat ("ocpi-file:", path, NULL);
  spec = cw_source_spec_parse (spec_str, &error);
  g_assert_no_error (error);
  stations = cw_source_load (spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, ==, 2);
  s = g_ptr_array_index (stations, 0);
  g_assert_cmpstr (cw_station_get_id (s), ==, "LOC1");
  g_assert_cmpstr (cw_station_get_source (s), ==, spec_str);
  g_assert_cmpuint (cw_station_count_available (s), ==, 1);
  g_assert_cmpstr (cw_station_get_name (((CwStation *) g_ptr_array_index (stations, 1))), ==, "Second");
  tmp_dir_clear (&t);
}

/* ---- asynchronously ---- */

typedef struct {
  GMainLoop *loop;
  GPtrArray *stations;
  GError    *error;
  GThread   *thread;
  gboolean   called;
} AsyncData;

static void
on_loaded (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncData *d = user_data;

  g_assert_null (source_object);
  d->called = TRUE;
  d->thread = g_thread_self ();
  d->stations = cw_source_load_finish (result, &d->error);
  g_main_loop_quit (d->loop);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("cw_source_load_async did not finish within 30 s");
  return G_SOURCE_REMOVE;
}

static void
run_async (CwSourceSpec *spec,
           AsyncData    *d)
{
  guint timeout;

  memset (d, 0, sizeof *d);
  d->loop = g_main_loop_new (NULL, FALSE);
  timeout = g_timeout_add_seconds (30, on_timeout, NULL);
  cw_source_load_async (spec, NULL, on_loaded, d);
  /* the work happens in a thread: nothing is delivered before the loop runs */
  g_assert_false (d->called);
  g_main_loop_run (d->loop);
  g_source_remove (timeout);
  g_clear_pointer (&d->loop, g_main_loop_unref);
  g_assert_true (d->called);
  g_assert_true (d->thread == g_thread_self ());
}

static void
test_load_async (void)
{
  TmpDir t;
  g_autofree char *path = NULL;
  g_autofree char *spec_str = NULL;
  g_autofree char *missing_str = NULL;
  CwSourceSpec *spec;
  g_autoptr (CwSourceSpec) missing = NULL;
  g_autoptr (GError) error = NULL;
  AsyncData d;

  tmp_dir_init (&t);
  path = tmp_file (&t, "locations.json", LOCATIONS);
  spec_str = g_strconcat ("ocpi-file:", path, NULL);
  spec = cw_source_spec_parse (spec_str, &error);
  g_assert_no_error (error);

  run_async (spec, &d);
  /* the task took its own copy of the spec */
  cw_source_spec_free (spec);
  g_assert_no_error (d.error);
  g_assert_nonnull (d.stations);
  g_assert_cmpuint (d.stations->len, ==, 2);
  g_assert_cmpstr (cw_station_get_id (((CwStation *) g_ptr_array_index (d.stations, 0))), ==, "LOC1");
  g_assert_cmpstr (cw_station_get_source (((CwStation *) g_ptr_array_index (d.stations, 0))), ==, spec_str);
  g_clear_pointer (&d.stations, g_ptr_array_unref);

  /* a failure arrives the same way */
  g_assert_cmpint (g_unlink (path), ==, 0);
  missing_str = g_strconcat ("ocpi-file:", path, NULL);
  missing = cw_source_spec_parse (missing_str, &error);
  g_assert_no_error (error);
  run_async (missing, &d);
  g_assert_null (d.stations);
  g_assert_error (d.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (d.error->message, path));
  g_clear_error (&d.error);

  tmp_dir_clear (&t);
}

static void
test_load_async_demo (void)
{
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse ("demo", NULL);
  g_autoptr (GPtrArray) sync = cw_source_load (spec, NULL, NULL);
  AsyncData d;

  g_assert_nonnull (sync);
  run_async (spec, &d);
  g_assert_no_error (d.error);
  g_assert_nonnull (d.stations);
  g_assert_cmpuint (d.stations->len, ==, sync->len);
  g_clear_pointer (&d.stations, g_ptr_array_unref);
}

/* ---- the OCPI 2.2.1 specification's Location examples ---- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
test_ocpi_examples (void)
{
  g_autofree char *dir_path = shared_path ("ocpi-2.2.1-examples");
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir_path == NULL)
    {
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocpi-2.2.1-examples)");
      return;
    }

  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "location_example") && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >=, 6);

  for (guint f = 0; f < names->len; f++)
    {
      const char *fname = g_ptr_array_index (names, f);
      g_autofree char *path = g_build_filename (dir_path, fname, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (JsonParser) raw = json_parser_new ();
      g_autoptr (GPtrArray) stations = NULL;
      JsonObject *loc;
      JsonArray *evses;
      CwStation *s;
      guint expected = 0, e = 0;

      g_assert_no_error (error);
      bytes = g_mapped_file_get_bytes (mapped);

      json_parser_load_from_data (raw, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  &error);
      g_assert_no_error (error);
      loc = json_node_get_object (json_parser_get_root (raw));
      evses = json_object_has_member (loc, "evses") ?
              json_object_get_array_member (loc, "evses") : NULL;

      stations = cw_ocpi_parse_locations (bytes, "ocpi-examples", &error);
      g_assert_no_error (error);
      g_assert_nonnull (stations);
      g_assert_cmpuint (stations->len, ==, 1);
      s = g_ptr_array_index (stations, 0);
      g_assert_cmpstr (cw_station_get_id (s), ==, json_object_get_string_member (loc, "id"));
      g_assert_cmpstr (cw_station_get_name (s), ==, json_object_get_string_member_with_default (loc, "name", NULL));

      /* EVSEs in order, REMOVED ones left out, each with its connectors */
      for (guint i = 0; evses && i < json_array_get_length (evses); i++)
        {
          JsonObject *raw_evse = json_array_get_object_element (evses, i);
          JsonArray *conns = json_object_get_array_member (raw_evse, "connectors");
          CwEvse *evse;

          if (g_strcmp0 (json_object_get_string_member (raw_evse, "status"), "REMOVED") == 0)
            continue;
          expected++;
          g_assert_cmpuint (e, <, s->n_evses);
          evse = &s->evses[e++];
          g_assert_cmpstr (cw_evse_get_uid (evse), ==, json_object_get_string_member (raw_evse, "uid"));
          g_assert_cmpstr (cw_evse_status_to_string (evse->status), ==,
                           json_object_get_string_member (raw_evse, "status"));
          g_assert_cmpuint (evse->n_connectors, ==, conns ? json_array_get_length (conns) : 0);
          for (guint k = 0; k < evse->n_connectors; k++)
            {
              CwConnector *c = &cw_evse_get_connectors (evse)[k];
              JsonObject *raw_c = json_array_get_object_element (conns, k);

              g_assert_cmpstr (cw_connector_standard_to_string (c->standard), ==,
                               json_object_get_string_member (raw_c, "standard"));
              g_assert_cmpfloat (c->max_power_kw, >, 0);
            }
        }
      g_test_message ("%s: %u EVSEs", fname, s->n_evses);
      g_assert_cmpuint (s->n_evses, ==, expected);
      g_assert_cmpuint (cw_station_count_evses (s), ==, expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/source/spec/demo", test_spec_demo);
  g_test_add_func ("/source/spec/ocpi-file", test_spec_ocpi_file);
  g_test_add_func ("/source/spec/ocm-file", test_spec_ocm_file);
  g_test_add_func ("/source/spec/bad", test_spec_bad);
  g_test_add_func ("/source/demo/load", test_demo_load);
  g_test_add_func ("/source/file/missing", test_file_missing);
  g_test_add_func ("/source/file/malformed", test_file_malformed);
  g_test_add_func ("/source/file/ocpi", test_file_ok);
  g_test_add_func ("/source/async/ocpi-file", test_load_async);
  g_test_add_func ("/source/async/demo", test_load_async_demo);
  g_test_add_func ("/source/real/ocpi-location-examples", test_ocpi_examples);

  return g_test_run ();
}
