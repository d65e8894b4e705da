/* test-cli-filters.c: the filter flags of chargeway-cli, the real binary
 *
 * Every answer is checked against the unfiltered output: the filtered
 * list must be exactly the stations whose JSON fields satisfy each
 * criterion, in the same order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_argv (Run         *r,
          const char **args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("CHARGEWAY_CLI");
  int wait_status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  r->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

#define run_cli(r, ...) run_argv ((r), (const char *[]) { __VA_ARGS__, NULL })

static JsonArray *
parse_array (const char *text,
             JsonParser *parser)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

/* ---- criteria on the stations JSON ---- */

typedef struct {
  const char *standards[3];     /* OCPI names, any of; NULL-terminated */
  double      min_kw;
  gboolean    free_now;
  const char *near[4];          /* OCPI facilities, any of */
  gboolean    motorway;
  gboolean    public_only;
  const char *operator_name;
} Want;

static gboolean
in_list (const char * const *list,
         const char         *s)
{
  for (guint i = 0; list[i]; i++)
    if (g_strcmp0 (list[i], s) == 0)
      return TRUE;
  return FALSE;
}

/* One connector must satisfy the connector criteria together. */
static gboolean
connector_ok (const Want *w,
              JsonObject *evse,
              JsonObject *conn)
{
  if (w->standards[0] && !in_list (w->standards, json_object_get_string_member_with_default (conn, "standard", "")))
    return FALSE;
  if (w->min_kw > 0 && json_object_get_double_member (conn, "max_power_kw") < w->min_kw)
    return FALSE;
  if (w->free_now && g_strcmp0 (json_object_get_string_member (evse, "status"), "AVAILABLE") != 0)
    return FALSE;
  return TRUE;
}

static gboolean
station_ok (const Want *w,
            JsonObject *s)
{
  if (w->motorway && g_strcmp0 (json_object_get_string_member (s, "parking_type"), "ALONG_MOTORWAY") != 0)
    return FALSE;
  if (w->public_only && !json_object_get_boolean_member (s, "public"))
    return FALSE;
  if (w->operator_name && g_strcmp0 (json_object_get_string_member (s, "operator"), w->operator_name) != 0)
    return FALSE;
  if (w->near[0])
    {
      JsonArray *f = json_object_get_array_member (s, "facilities");
      gboolean any = FALSE;

      for (guint i = 0; i < json_array_get_length (f) && !any; i++)
        any = in_list (w->near, json_array_get_string_element (f, i));
      if (!any)
        return FALSE;
    }
  if (w->standards[0] || w->min_kw > 0 || w->free_now)
    {
      JsonArray *evses = json_object_get_array_member (s, "evses");

      for (guint i = 0; i < json_array_get_length (evses); i++)
        {
          JsonObject *e = json_array_get_object_element (evses, i);
          JsonArray *conns = json_object_get_array_member (e, "connectors");

          for (guint j = 0; j < json_array_get_length (conns); j++)
            if (connector_ok (w, e, json_array_get_object_element (conns, j)))
              return TRUE;
        }
      return FALSE;
    }
  return TRUE;
}

static char *all_demo;          /* the unfiltered demo list, once */

static const char *
demo_stations (void)
{
  if (all_demo == NULL)
    {
      g_auto (Run) r = { 0 };

      run_cli (&r, "stations", "--source", "demo", "--format", "json");
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.err, ==, "");
      all_demo = g_steal_pointer (&r.out);
    }
  return all_demo;
}

/* The ids of the unfiltered list that @w keeps, in order. */
static GPtrArray *
expected_ids (const Want *w)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *all = parse_array (demo_stations (), parser);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *s = json_array_get_object_element (all, i);
      if (station_ok (w, s))
        g_ptr_array_add (ids, g_strdup (json_object_get_string_member (s, "id")));
    }
  return ids;
}

/* Runs `stations --source demo ARGS --format json` and checks that every
 * station satisfies @w and that none that does is missing. */
static guint
check_stations (const Want  *w,
                const char **args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GPtrArray) want = expected_ids (w);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonParser) all_parser = json_parser_new ();
  g_auto (Run) r = { 0 };
  JsonArray *got;
  guint n_all = json_array_get_length (parse_array (demo_stations (), all_parser));
  g_autofree char *joined = NULL;

  g_ptr_array_add (argv, (gpointer) "stations");
  g_ptr_array_add (argv, (gpointer) "--source");
  g_ptr_array_add (argv, (gpointer) "demo");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--format");
  g_ptr_array_add (argv, (gpointer) "json");
  g_ptr_array_add (argv, NULL);
  run_argv (&r, (const char **) argv->pdata);
  joined = g_strjoinv (" ", (char **) argv->pdata);
  if (r.status != 0)
    g_error ("%s: exit %d: %s", joined, r.status, r.err);
  g_assert_cmpstr (r.err, ==, "");

  got = parse_array (r.out, parser);
  for (guint i = 0; i < json_array_get_length (got); i++)
    {
      JsonObject *s = json_array_get_object_element (got, i);
      if (!station_ok (w, s))
        g_error ("%s: %s does not satisfy the filter", joined, json_object_get_string_member (s, "id"));
    }
  g_assert_cmpuint (json_array_get_length (got), ==, want->len);
  for (guint i = 0; i < want->len; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (got, i), "id"), ==,
                     g_ptr_array_index (want, i));
  /* A test that keeps everything or nothing proves little. */
  g_assert_cmpuint (want->len, >, 0);
  g_assert_cmpuint (want->len, <, n_all);
  g_test_message ("%s: %u of %u stations", joined, want->len, n_all);
  return want->len;
}

/* ---- tests ---- */

static void
test_combined (void)
{
  Want w = {
    .standards = { "IEC_62196_T2_COMBO" }, .min_kw = 150, .free_now = TRUE,
    .near = { "RESTAURANT", "CAFE" }, .motorway = TRUE,
  };
  g_auto (Run) flags = { 0 };
  g_auto (Run) saved = { 0 };

  check_stations (&w, (const char *[]) { "--connector", "CCS2", "--min-kw", "150", "--free-now",
                                         "--near-facility", "restaurant", "--motorway", NULL });

  /* The same as a saved filter string gives the same answer, byte for byte. */
  run_cli (&flags, "stations", "--connector", "CCS2", "--min-kw", "150", "--free-now",
           "--near-facility", "restaurant", "--motorway", "--format", "tsv");
  run_cli (&saved, "stations", "--filter", "standard=CCS2;min_kw=150;free;near=RESTAURANT;motorway",
           "--format", "tsv");
  g_assert_cmpint (flags.status, ==, 0);
  g_assert_cmpint (saved.status, ==, 0);
  g_assert_cmpstr (saved.out, ==, flags.out);
}

static void
test_each (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *all = parse_array (demo_stations (), parser);
  const char *an_operator = json_object_get_string_member (json_array_get_object_element (all, 0), "operator");

  {
    Want w = { .standards = { "CHADEMO" } };
    check_stations (&w, (const char *[]) { "--connector", "chademo", NULL });
  }
  {
    /* a comma list and a repeated flag are the same "any of" */
    Want w = { .standards = { "IEC_62196_T2_COMBO", "CHADEMO" } };
    guint a = check_stations (&w, (const char *[]) { "--connector", "CCS2,CHADEMO", NULL });
    guint b = check_stations (&w, (const char *[]) { "--connector", "CCS2", "--connector", "CHADEMO", NULL });
    g_assert_cmpuint (a, ==, b);
  }
  {
    Want w = { .standards = { "IEC_62196_T2" } };
    check_stations (&w, (const char *[]) { "--connector", "TYPE2", NULL });
  }
  {
    Want w = { .min_kw = 150 };
    check_stations (&w, (const char *[]) { "--min-kw", "150", NULL });
  }
  {
    Want w = { .free_now = TRUE };
    check_stations (&w, (const char *[]) { "--free-now", NULL });
  }
  {
    Want w = { .near = { "HOTEL", "MALL" } };
    check_stations (&w, (const char *[]) { "--near-facility", "hotel,mall", NULL });
  }
  {
    Want w = { .near = { "SUPERMARKET" } };
    check_stations (&w, (const char *[]) { "--near-facility", "supermarket", NULL });
  }
  {
    Want w = { .motorway = TRUE };
    check_stations (&w, (const char *[]) { "--motorway", NULL });
  }
  {
    Want w = { .operator_name = an_operator };
    check_stations (&w, (const char *[]) { "--operator", an_operator, NULL });
  }
  {
    /* connector criteria hold on one connector: a free CCS2, not a free
     * Type 2 beside a busy CCS2 */
    Want w = { .standards = { "IEC_62196_T2_COMBO" }, .free_now = TRUE };
    check_stations (&w, (const char *[]) { "--connector", "CCS2", "--free-now", NULL });
  }
}

static void
test_public_and_price (void)
{
  g_auto (Run) r = { 0 };
  g_auto (Run) cheap = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonParser) all_parser = json_parser_new ();
  JsonArray *got, *all = parse_array (demo_stations (), all_parser);
  guint n_public = 0;

  for (guint i = 0; i < json_array_get_length (all); i++)
    n_public += json_object_get_boolean_member (json_array_get_object_element (all, i), "public");
  run_cli (&r, "stations", "--public", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  got = parse_array (r.out, parser);
  g_assert_cmpuint (json_array_get_length (got), ==, n_public);
  for (guint i = 0; i < json_array_get_length (got); i++)
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (got, i), "public"));

  /* Every demo station is public: the OCPI examples tell the difference. */
  {
    static const struct { const char *file; guint kept; } examples[] = {
      { "location_example.json", 1 },
      { "location_example_uc3_destination_charger_not_published.json", 0 },
      { "location_example_uc4_limited_visibility.json", 0 },
      { "location_example_uc5_home_charge_point.json", 0 },
    };
    const char *shared = g_getenv ("CW_SHARED_DATA");

    for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
      {
        g_autofree char *path = g_build_filename (shared ? shared : "../shared/data", "ocpi-2.2.1-examples",
                                                  examples[i].file, NULL);
        g_autofree char *spec = g_strconcat ("ocpi-file:", path, NULL);
        g_auto (Run) every = { 0 };
        g_auto (Run) pub = { 0 };
        g_autoptr (JsonParser) pe = json_parser_new ();
        g_autoptr (JsonParser) pp = json_parser_new ();
        JsonArray *e, *p;

        if (!g_file_test (path, G_FILE_TEST_EXISTS))
          continue;
        run_cli (&every, "stations", "--source", spec, "--format", "json");
        run_cli (&pub, "stations", "--source", spec, "--public", "--format", "json");
        g_assert_cmpint (every.status, ==, 0);
        g_assert_cmpint (pub.status, ==, 0);
        e = parse_array (every.out, pe);
        p = parse_array (pub.out, pp);
        g_assert_cmpuint (json_array_get_length (e), ==, 1);
        g_assert_cmpuint (json_array_get_length (p), ==, examples[i].kept);
        g_assert_cmpint (json_object_get_boolean_member (json_array_get_object_element (e, 0), "public"), ==,
                         examples[i].kept == 1);
      }
  }

  /* The demo's cheapest energy is EUR 0.47/kWh: below that nothing, at
   * 0.54 only stations with such a connector tariff. */
  run_cli (&cheap, "stations", "--max-price", "0.40EUR", "--format", "json");
  g_assert_cmpint (cheap.status, ==, 0);
  g_assert_cmpstr (g_strstrip (cheap.out), ==, "[]");
  {
    g_auto (Run) some = { 0 };
    g_autoptr (JsonParser) p2 = json_parser_new ();
    JsonArray *list;

    run_cli (&some, "stations", "--max-price", "0.54", "--format", "json");
    g_assert_cmpint (some.status, ==, 0);
    list = parse_array (some.out, p2);
    g_assert_cmpuint (json_array_get_length (list), >, 0);
    g_assert_cmpuint (json_array_get_length (list), <, json_array_get_length (all));
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonArray *evses = json_object_get_array_member (json_array_get_object_element (list, i), "evses");
        gboolean cheap_enough = FALSE;

        for (guint e = 0; e < json_array_get_length (evses); e++)
          {
            JsonArray *conns = json_object_get_array_member (json_array_get_object_element (evses, e), "connectors");
            for (guint c = 0; c < json_array_get_length (conns); c++)
              {
                const char *t = json_object_get_string_member_with_default (json_array_get_object_element (conns, c),
                                                                            "tariff", "");
                /* "EUR 0.54/kWh · …" */
                if (g_str_has_prefix (t, "EUR ") && strstr (t, "/kWh") != NULL &&
                    g_ascii_strtod (t + 4, NULL) <= 0.54 + 1e-9)
                  cheap_enough = TRUE;
              }
          }
        g_assert_true (cheap_enough);
      }
  }
}

/* Exactly one line, ending in a newline. */
static gboolean
one_line (const char *s)
{
  const char *nl = strchr (s, '\n');

  return nl != NULL && nl[1] == '\0';
}

static void
expect_failure (const char  *what,
                const char **args)
{
  g_auto (Run) r = { 0 };

  run_argv (&r, args);
  if (r.status != 1)
    g_error ("%s: exit %d, expected 1 (stderr: %s)", args[1], r.status, r.err);
  g_assert_cmpstr (r.out, ==, "");
  if (strstr (r.err, what) == NULL)
    g_error ("expected \"%s\" in: %s", what, r.err);
  /* One clear line, no usage dump, no warnings. */
  g_assert_true (g_str_has_prefix (r.err, "chargeway-cli "));
  g_assert_true (one_line (r.err));
}

static void
test_errors (void)
{
  expect_failure ("--connector FOO: unknown connector; use CCS2, CCS1, CHADEMO, TYPE2, NACS or DOMESTIC",
                  (const char *[]) { "stations", "--connector", "FOO", NULL });
  expect_failure ("--connector TESLA",
                  (const char *[]) { "stations", "--connector", "CCS2,TESLA", NULL });
  expect_failure ("--connector",
                  (const char *[]) { "stations", "--connector", "CCS2,,TYPE2", NULL });
  expect_failure ("--near-facility pub: unknown place",
                  (const char *[]) { "stations", "--near-facility", "pub", NULL });
  expect_failure ("--min-kw fast",
                  (const char *[]) { "stations", "--min-kw", "fast", NULL });
  expect_failure ("--min-kw -5",
                  (const char *[]) { "stations", "--min-kw=-5", NULL });
  expect_failure ("--max-price cheap",
                  (const char *[]) { "stations", "--max-price", "cheap", NULL });
  expect_failure ("--max-price 0.5EURO",
                  (const char *[]) { "stations", "--max-price", "0.5EURO", NULL });
  expect_failure ("--operator",
                  (const char *[]) { "stations", "--operator", " , ", NULL });
  expect_failure ("unknown criterion",
                  (const char *[]) { "stations", "--filter", "fast=yes", NULL });
  expect_failure ("--min-kw: --filter already sets",
                  (const char *[]) { "stations", "--filter", "min_kw=50", "--min-kw", "150", NULL });
  /* route checks them before it reads a route */
  expect_failure ("chargeway-cli route: --connector FOO",
                  (const char *[]) { "route", "--gpx", "/nonexistent.gpx", "--connector", "FOO", NULL });
}

static char *
ocm_spec (void)
{
  const char *shared = g_getenv ("CW_SHARED_DATA");
  g_autofree char *path = g_build_filename (shared ? shared : "../shared/data", "ocm",
                                            "london-100-poi-compact.json", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return g_strconcat ("ocm-file:", path, NULL);
}

static void
test_open_charge_map (void)
{
  g_autofree char *spec = ocm_spec ();
  g_auto (Run) near = { 0 };
  g_auto (Run) open = { 0 };
  g_auto (Run) all = { 0 };
  g_auto (Run) ccs = { 0 };
  g_autoptr (JsonParser) p1 = json_parser_new ();
  g_autoptr (JsonParser) p2 = json_parser_new ();

  if (spec == NULL)
    {
      g_test_skip ("the London Open Charge Map file is not there");
      return;
    }

  /* No facilities in its data: nothing passes, and stderr says why. */
  run_cli (&near, "stations", "--source", spec, "--near-facility", "restaurant", "--motorway", "--format", "json");
  g_assert_cmpint (near.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (parse_array (near.out, p1)), ==, 0);
  g_assert_nonnull (strstr (near.err, "Open Charge Map data cannot answer"));
  g_assert_nonnull (strstr (near.err, "near a place"));
  g_assert_nonnull (strstr (near.err, "along a motorway"));
  g_assert_true (one_line (near.err));

  /* No opening hours: open-now keeps them all, and says so. */
  run_cli (&all, "stations", "--source", spec, "--format", "tsv");
  run_cli (&open, "stations", "--source", spec, "--open-now", "--format", "tsv");
  g_assert_cmpint (open.status, ==, 0);
  g_assert_cmpstr (open.out, ==, all.out);
  g_assert_nonnull (strstr (open.err, "open now"));

  /* What its data can answer gets no note. */
  run_cli (&ccs, "stations", "--source", spec, "--connector", "CCS2", "--format", "json");
  g_assert_cmpint (ccs.status, ==, 0);
  g_assert_cmpstr (ccs.err, ==, "");
  g_assert_cmpuint (json_array_get_length (parse_array (ccs.out, p2)), >, 0);
}

/* The A2 from Amsterdam to Eindhoven, as in test-cli-route. */
static const double a2[][2] = {
  { 52.3789, 4.9005 }, { 52.335, 4.93 }, { 52.296, 4.955 }, { 52.20, 4.99 }, { 52.142, 5.035 },
  { 52.09, 5.08 }, { 52.006, 5.099 }, { 51.93, 5.15 }, { 51.849, 5.23 }, { 51.75, 5.28 },
  { 51.666, 5.305 }, { 51.58, 5.365 }, { 51.507, 5.405 }, { 51.4431, 5.481 },
};

static JsonObject *
find_station (JsonArray  *all,
              const char *id)
{
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *s = json_array_get_object_element (all, i);
      if (g_str_equal (json_object_get_string_member (s, "id"), id))
        return s;
    }
  g_error ("no station %s in the unfiltered list", id);
}

static void
test_route (void)
{
  Want w = { .standards = { "IEC_62196_T2_COMBO" }, .motorway = TRUE };
  g_autofree char *dir = g_dir_make_tmp ("cw-test-cli-filters-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a2.gpx", NULL);
  g_autoptr (GString) gpx = g_string_new ("<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"t\" "
                                          "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>\n");
  g_autoptr (JsonParser) pa = json_parser_new ();
  g_autoptr (JsonParser) pu = json_parser_new ();
  g_autoptr (JsonParser) pf = json_parser_new ();
  g_auto (Run) unfiltered = { 0 };
  g_auto (Run) filtered = { 0 };
  JsonArray *all, *route_all, *route_kept;
  guint k = 0;

  for (guint i = 0; i < G_N_ELEMENTS (a2); i++)
    {
      char la[G_ASCII_DTOSTR_BUF_SIZE], lo[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (gpx, "<trkpt lat=\"%s\" lon=\"%s\"/>\n",
                              g_ascii_dtostr (la, sizeof la, a2[i][0]), g_ascii_dtostr (lo, sizeof lo, a2[i][1]));
    }
  g_string_append (gpx, "</trkseg></trk></gpx>\n");
  g_assert_true (g_file_set_contents (path, gpx->str, -1, NULL));

  run_cli (&unfiltered, "route", "--gpx", path, "--corridor", "3", "--format", "json");
  run_cli (&filtered, "route", "--gpx", path, "--corridor", "3", "--connector", "CCS2", "--motorway",
           "--format", "json");
  g_unlink (path);
  g_rmdir (dir);
  g_assert_cmpint (unfiltered.status, ==, 0);
  g_assert_cmpint (filtered.status, ==, 0);
  g_assert_cmpstr (filtered.err, ==, "");

  /* The filtered route is the unfiltered one minus the stations that
   * fail, in the same route order. */
  all = parse_array (demo_stations (), pa);
  route_all = parse_array (unfiltered.out, pu);
  route_kept = parse_array (filtered.out, pf);
  for (guint i = 0; i < json_array_get_length (route_all); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (route_all, i), "id");

      if (!station_ok (&w, find_station (all, id)))
        continue;
      g_assert_cmpuint (k, <, json_array_get_length (route_kept));
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (route_kept, k), "id"), ==, id);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (route_kept, k), "parking_type"),
                       ==, "ALONG_MOTORWAY");
      k++;
    }
  g_assert_cmpuint (k, ==, json_array_get_length (route_kept));
  g_assert_cmpuint (k, >, 0);
  g_assert_cmpuint (k, <, json_array_get_length (route_all));
  g_test_message ("route: %u of %u stations along the A2 are CCS2 motorway stops", k,
                  json_array_get_length (route_all));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/filters/combined", test_combined);
  g_test_add_func ("/cli/filters/each", test_each);
  g_test_add_func ("/cli/filters/public-and-price", test_public_and_price);
  g_test_add_func ("/cli/filters/errors", test_errors);
  g_test_add_func ("/cli/filters/open-charge-map", test_open_charge_map);
  g_test_add_func ("/cli/filters/route", test_route);

  ret = g_test_run ();
  g_free (all_demo);
  return ret;
}
