/* test-feed-catalogue.c: the open feed catalogue (data/open-feeds.json)
 *
 * The embedded catalogue loads and is the file in the tree; every feed
 * has what the app needs and the licence asks for; the UK statements are
 * word for word; the addresses of the captured feeds are the ones the
 * captures were made from; broken catalogues fail naming the fault; a
 * feed:ID source spec resolves through it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-feed-catalogue.h"
#include "cw-source.h"

#define UK_STATEMENT "Contains data from %s published under the Public Charge Point " \
                     "Regulations 2023, used in line with the Open Government Licence v3.0."

static CwFeedCatalogue *
catalogue (void)
{
  CwFeedCatalogue *c = cw_feed_catalogue_get_default ();

  g_assert_nonnull (c);
  return c;
}

static void
test_default_loads (void)
{
  CwFeedCatalogue *c = catalogue ();

  /* The issue asks for at least eight real open feeds. */
  g_assert_cmpuint (cw_feed_catalogue_get_n_feeds (c), >=, 8);
  g_assert_true (cw_feed_catalogue_get_default () == c);
  g_assert_nonnull (strstr (cw_feed_catalogue_get_about (c), "endorses"));
}

/* The build embeds the file in the tree, not an old copy. */
static void
test_embedded_is_the_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "open-feeds.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) embedded = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    {
      g_test_skip ("data/open-feeds.json not found beside the tests");
      return;
    }
  embedded = g_resources_lookup_data (CW_FEED_CATALOGUE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (embedded);
  g_assert_cmpmem (g_bytes_get_data (embedded, NULL), g_bytes_get_size (embedded), contents, len);
}

static gboolean
is_https (const char *url)
{
  g_autoptr (GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL) : NULL;

  return uri != NULL && g_str_equal (g_uri_get_scheme (uri), "https") && g_uri_get_host (uri) != NULL;
}

static void
test_every_feed_complete (void)
{
  CwFeedCatalogue *c = catalogue ();
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint uk = 0, open = 0;

  for (guint i = 0; i < cw_feed_catalogue_get_n_feeds (c); i++)
    {
      const CwFeed *f = cw_feed_catalogue_get_feed (c, i);
      g_autofree char *lower = g_ascii_strdown (f->attribution, -1);

      g_test_message ("%s: %s (%s, %s)", f->id, f->name, f->country, cw_feed_form_to_string (f->form));
      g_assert_true (g_hash_table_add (ids, f->id));
      g_assert_true (cw_feed_catalogue_lookup (c, f->id) == f);
      g_assert_nonnull (f->name);
      g_assert_cmpuint (strlen (f->country), ==, 2);
      g_assert_true (f->has_country_bbox);
      g_assert_true (is_https (f->locations_url));
      g_assert_true (f->tariffs_url == NULL || is_https (f->tariffs_url));
      g_assert_true (f->tariff_url_pattern == NULL || strstr (f->tariff_url_pattern, "{id}"));
      /* Prices are part of the data: every feed says where its tariffs are. */
      g_assert_true (f->tariffs_url != NULL || f->tariff_url_pattern != NULL);
      g_assert_nonnull (f->licence_id);
      g_assert_nonnull (f->licence_name);
      g_assert_true (is_https (f->licence_url));
      g_assert_true (strlen (f->attribution) > 20);
      /* Where the address was found, always. */
      g_assert_true (strlen (f->source) > 20);
      /* Polite: never hammered. */
      g_assert_cmpuint (f->request_gap, >=, 1);
      g_assert_cmpuint (f->refresh_interval, >=, 300);
      /* No suggestion of endorsement in what is shown with the data. */
      g_assert_null (strstr (lower, "endorse"));
      g_assert_null (strstr (lower, "official"));
      g_assert_null (strstr (lower, "partner"));
      g_assert_null (strstr (lower, "approved"));
      if (f->access == CW_FEED_ACCESS_OPEN)
        open++;
      else
        g_assert_nonnull (f->key_parameter);

      if (g_str_equal (f->country, "GB"))
        {
          g_autofree char *want = g_strdup_printf (UK_STATEMENT, f->name);

          g_assert_cmpstr (f->attribution, ==, want);
          g_assert_cmpstr (f->licence_id, ==, "OGL-UK-3.0");
          g_assert_cmpstr (f->licence_url, ==,
                           "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/");
          g_assert_true (f->licence_verified);
          uk++;
        }
    }
  g_assert_cmpuint (uk, >=, 8);
  g_assert_cmpuint (open, >=, 8);
}

static void
test_lookup (void)
{
  CwFeedCatalogue *c = catalogue ();
  const CwFeed *chargy = cw_feed_catalogue_lookup (c, "chargy");
  const CwFeed *jolt = cw_feed_catalogue_lookup (c, "jolt");
  const CwFeed *clenergy = cw_feed_catalogue_lookup (c, "clenergy-ev");
  const CwFeed *ndw = cw_feed_catalogue_lookup (c, "ndw-nl");
  const CwFeed *mer = cw_feed_catalogue_lookup (c, "mer-uk");
  CwOcpiLenientOptions options;

  g_assert_nonnull (chargy);
  g_assert_cmpstr (chargy->locations_url, ==, "https://char.gy/open-ocpi/locations");
  g_assert_cmpstr (chargy->tariffs_url, ==, "https://char.gy/open-ocpi/tariffs");
  g_assert_cmpint (chargy->form, ==, CW_FEED_FORM_OCPI_PAGED_LINK);
  g_assert_true (chargy->date_from);
  g_assert_cmpuint (chargy->request_gap, ==, 6);

  g_assert_nonnull (jolt);
  g_assert_cmpint (jolt->form, ==, CW_FEED_FORM_JOLT_LOCATIONS);
  g_assert_null (jolt->tariffs_url);
  g_assert_cmpint (jolt->access, ==, CW_FEED_ACCESS_SHARED_KEY);
  g_assert_cmpstr (jolt->key_parameter, ==, "apiKey");

  g_assert_nonnull (clenergy);
  g_assert_cmpint (clenergy->form, ==, CW_FEED_FORM_DATA_WRAPPER);
  g_assert_nonnull (mer);
  g_assert_cmpint (mer->form, ==, CW_FEED_FORM_OCPI_BY_MODULE);
  g_assert_cmpstr (mer->locations_url, ==, mer->tariffs_url);

  g_assert_nonnull (ndw);
  g_assert_cmpstr (ndw->country, ==, "NL");
  g_assert_true (ndw->gzip_file);
  g_assert_cmpint (ndw->form, ==, CW_FEED_FORM_BARE_ARRAY);
  /* Said plainly: not checked at the source. */
  g_assert_false (ndw->licence_verified);

  g_assert_null (cw_feed_catalogue_lookup (c, "no-such-feed"));
  g_assert_null (cw_feed_catalogue_lookup (c, NULL));

  /* The country's box feeds the lenient parser; nothing corrected by default. */
  cw_feed_get_lenient_options (chargy, &options);
  g_assert_true (options.country_bbox == &chargy->country_bbox);
  g_assert_false (options.correct_coordinates);
  g_assert_true (cw_bbox_contains (options.country_bbox, 51.5074, -0.1278));    /* London */
  g_assert_true (cw_bbox_contains (options.country_bbox, 60.15, -1.15));        /* Lerwick */
  g_assert_true (cw_bbox_contains (options.country_bbox, 54.597, -5.930));      /* Belfast */
  g_assert_false (cw_bbox_contains (options.country_bbox, 55.86, 4.26));        /* the North Sea */
  g_assert_false (cw_bbox_contains (options.country_bbox, 48.857, 2.352));      /* Paris */
}

static void
test_forms (void)
{
  for (guint i = 0; i < CW_N_FEED_FORMS; i++)
    {
      CwFeedForm f;

      g_assert_true (cw_feed_form_from_string (cw_feed_form_to_string (i), &f));
      g_assert_cmpint (f, ==, i);
    }
  g_assert_null (cw_feed_form_to_string (CW_N_FEED_FORMS));
  {
    CwFeedForm f;
    g_assert_false (cw_feed_form_from_string ("OCPI-ENVELOPE", &f));
    g_assert_false (cw_feed_form_from_string (NULL, &f));
  }
}

static void
test_tariff_url (void)
{
  const CwFeed *jolt = cw_feed_catalogue_lookup (catalogue (), "jolt");
  const CwFeed *chargy = cw_feed_catalogue_lookup (catalogue (), "chargy");
  g_autofree char *t13 = cw_feed_get_tariff_url (jolt, "13");
  g_autofree char *odd = cw_feed_get_tariff_url (jolt, "../a b?x");

  g_assert_cmpstr (t13, ==, "https://api.joltcharge.com/v1/uk/public/tariffs/13");
  /* A tariff id stays one path segment, whatever the feed puts in it. */
  g_assert_cmpstr (odd, ==, "https://api.joltcharge.com/v1/uk/public/tariffs/..%2Fa%20b%3Fx");
  g_assert_null (cw_feed_get_tariff_url (chargy, "13"));
}

/* ---- the captured feeds came from the catalogue's addresses ---- */

static char *
shared_dir (const char *relative)
{
  const char *root = g_getenv ("CW_SHARED_DATA");
  char *path;

  if (root == NULL)
    return NULL;
  path = g_build_filename (root, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    g_clear_pointer (&path, g_free);
  return path;
}

/* The capture's URL, without its query. */
static char *
capture_url (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *request;
  const char *url;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  request = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "request");
  url = json_object_get_string_member (request, "url");
  return g_strndup (url, strcspn (url, "?"));
}

static void
test_captures_match (void)
{
  static const struct {
    const char *dir, *feed;
  } map[] = {
    { "chargy", "chargy" },
    { "clenergy_ev", "clenergy-ev" },
    { "evolt", "evolt" },
    { "jolt", "jolt" },
  };
  g_autofree char *root = shared_dir ("ocpi-uk-open");
  guint checked = 0;

  if (root == NULL)
    {
      g_test_skip ("../shared/data is absent (CW_SHARED_DATA/ocpi-uk-open): addresses not compared");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      g_autofree char *dir = g_build_filename (root, map[i].dir, NULL);
      g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
      const CwFeed *feed = cw_feed_catalogue_lookup (catalogue (), map[i].feed);
      const char *name;

      g_assert_nonnull (feed);
      g_assert_nonnull (d);
      while ((name = g_dir_read_name (d)))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *url = NULL;

          if (!g_str_has_suffix (name, ".json"))
            continue;
          url = capture_url (path);
          if (g_str_has_prefix (name, "location"))
            g_assert_cmpstr (url, ==, feed->locations_url);
          else if (feed->tariff_url_pattern != NULL)
            {
              /* tariff_13.json was fetched from the pattern with 13. */
              g_autofree char *id = g_strndup (name + strlen ("tariff_"),
                                               strlen (name) - strlen ("tariff_") - strlen (".json"));
              g_autofree char *want = cw_feed_get_tariff_url (feed, id);
              g_assert_cmpstr (url, ==, want);
            }
          else
            g_assert_cmpstr (url, ==, feed->tariffs_url);
          checked++;
        }
    }
  g_test_message ("%u captured requests match the catalogue", checked);
  g_assert_cmpuint (checked, >=, 14);
}

/* ---- broken catalogues fail, naming the fault ---- */

#define GOOD_FEED \
  "{\"id\":\"x\",\"name\":\"X\",\"country\":\"GB\",\"locations_url\":\"https://x.test/l\"," \
  "\"tariffs_url\":\"https://x.test/t\",\"form\":\"ocpi-envelope\",\"access\":\"open\"," \
  "\"licence\":\"L\",\"attribution\":\"Contains data from X under L.\",\"source\":\"somewhere public, read by hand\"," \
  "\"request_gap_seconds\":2,\"refresh_interval_seconds\":600%s}"
#define WRAP(feeds) \
  "{\"countries\":{\"GB\":{\"name\":\"UK\",\"bbox\":[49.8,-8.7,60.9,1.8]}}," \
  "\"licences\":{\"L\":{\"name\":\"Licence\",\"url\":\"https://l.test/\"}},\"feeds\":[" feeds "]}"

static CwFeedCatalogue *
parse_str (const char *json,
           GError    **error)
{
  g_autoptr (GBytes) b = g_bytes_new (json, strlen (json));
  return cw_feed_catalogue_new_from_bytes (b, error);
}

static void
expect_failure (const char *json,
                const char *in_message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwFeedCatalogue) c = parse_str (json, &error);

  g_assert_null (c);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == CW_PARSE_ERROR);
  g_assert_nonnull (strstr (error->message, in_message));
}

static char *
with_extra (const char *extra)
{
  g_autofree char *feed = g_strdup_printf (GOOD_FEED, extra);
  g_autoptr (GString) s = g_string_new (WRAP ("@"));

  g_string_replace (s, "@", feed, 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_broken (void)
{
  g_autofree char *good = with_extra ("");
  g_autoptr (GError) error = NULL;
  g_autoptr (CwFeedCatalogue) c = parse_str (good, &error);
  g_autoptr (GString) dup = NULL;
  g_autoptr (GString) s = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (cw_feed_catalogue_get_n_feeds (c), ==, 1);
  g_assert_cmpstr (cw_feed_catalogue_get_feed (c, 0)->licence_name, ==, "Licence");
  g_assert_true (cw_feed_catalogue_get_feed (c, 0)->licence_verified);

  /* An unknown form, plain http, a pattern without {id}, both tariff kinds. */
  {
    g_autoptr (GString) f = g_string_new (good);
    g_string_replace (f, "ocpi-envelope", "xml-feed", 1);
    expect_failure (f->str, "$.feeds[0].form");
  }
  {
    g_autoptr (GString) f = g_string_new (good);
    g_string_replace (f, "https://x.test/l", "http://x.test/l", 1);
    expect_failure (f->str, "locations_url");
  }
  {
    g_autofree char *p = with_extra (",\"tariff_url_pattern\":\"https://x.test/t/ID\"");
    expect_failure (p, "tariff_url_pattern");
  }
  {
    g_autofree char *p = with_extra (",\"tariff_url_pattern\":\"https://x.test/t/{id}\"");
    expect_failure (p, "not both");
  }
  /* A shared key with no parameter named; an id unfit for a spec. */
  {
    g_autoptr (GString) f = g_string_new (good);
    g_string_replace (f, "\"access\":\"open\"", "\"access\":\"shared-key\"", 1);
    expect_failure (f->str, "$.feeds[0].access");
  }
  {
    g_autoptr (GString) f = g_string_new (good);
    g_string_replace (f, "\"id\":\"x\"", "\"id\":\"x:y\"", 1);
    expect_failure (f->str, "$.feeds[0].id");
  }
  /* A country or licence that is not declared; no attribution; no source. */
  {
    g_autoptr (GString) f = g_string_new (good);
    g_string_replace (f, "\"country\":\"GB\"", "\"country\":\"FR\"", 1);
    expect_failure (f->str, "\"FR\"");
  }
  {
    g_autoptr (GString) f = g_string_new (good);
    g_string_replace (f, "\"licence\":\"L\"", "\"licence\":\"M\"", 1);
    expect_failure (f->str, "\"M\"");
  }
  {
    g_autoptr (GString) f = g_string_new (good);
    g_string_replace (f, "\"attribution\":\"Contains data from X under L.\",", "", 1);
    expect_failure (f->str, "attribution");
  }
  {
    g_autoptr (GString) f = g_string_new (good);
    g_string_replace (f, "\"source\":\"somewhere public, read by hand\",", "", 1);
    expect_failure (f->str, "source");
  }
  /* Impolite: a zero interval. A bad box. */
  {
    g_autoptr (GString) f = g_string_new (good);
    g_string_replace (f, "\"request_gap_seconds\":2", "\"request_gap_seconds\":0", 1);
    expect_failure (f->str, "request_gap_seconds");
  }
  {
    g_autoptr (GString) f = g_string_new (good);
    g_string_replace (f, "[49.8,-8.7,60.9,1.8]", "[60.9,-8.7,49.8,1.8]", 1);
    expect_failure (f->str, "bbox");
  }
  /* Two feeds of one id. */
  {
    g_autofree char *feed = g_strdup_printf (GOOD_FEED, "");
    g_autofree char *two = g_strdup_printf ("%s,%s", feed, feed);
    dup = g_string_new (WRAP ("@"));
    g_string_replace (dup, "@", two, 1);
    expect_failure (dup->str, "already taken");
  }
  expect_failure ("[]", "catalogue object");
  expect_failure ("{\"feeds\":[]}", "countries");
  s = g_string_new ("not json");
  {
    g_autoptr (GError) e = NULL;
    g_autoptr (CwFeedCatalogue) none = parse_str (s->str, &e);
    g_assert_null (none);
    g_assert_error (e, CW_PARSE_ERROR, CW_PARSE_ERROR_INVALID_JSON);
  }
}

/* ---- feed:ID ---- */

static void
test_source_spec (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse ("feed:evolt", &error);
  g_autoptr (CwSourceSpec) copy = NULL;
  const CwFeed *evolt = cw_feed_catalogue_lookup (catalogue (), "evolt");

  g_assert_no_error (error);
  g_assert_nonnull (spec);
  /* The OCPI client's path, from the feed's Locations URL. */
  g_assert_cmpint (spec->kind, ==, CW_SOURCE_KIND_OCPI);
  g_assert_cmpstr (spec->url, ==, evolt->locations_url);
  g_assert_cmpstr (spec->id, ==, "feed:evolt");
  g_assert_cmpstr (spec->label, ==, "Evolt Network");
  g_assert_cmpstr (spec->attribution, ==, evolt->attribution);
  g_assert_cmpstr (spec->feed_id, ==, "evolt");
  g_assert_cmpuint (spec->min_interval, ==, evolt->refresh_interval);
  g_assert_false (spec->is_demo);
  g_assert_true (cw_source_spec_is_live (spec));

  copy = cw_source_spec_copy (spec);
  g_assert_cmpstr (copy->feed_id, ==, "evolt");
  g_assert_cmpuint (copy->min_interval, ==, spec->min_interval);
  g_assert_cmpstr (copy->attribution, ==, spec->attribution);

  g_clear_pointer (&spec, cw_source_spec_free);
  spec = cw_source_spec_parse ("feed:nope", &error);
  g_assert_null (spec);
  g_assert_error (error, CW_SOURCE_ERROR, CW_SOURCE_ERROR_BAD_SPEC);
  g_assert_nonnull (strstr (error->message, "feed:nope"));
  g_clear_error (&error);
  spec = cw_source_spec_parse ("feed:", &error);
  g_assert_null (spec);
  g_assert_error (error, CW_SOURCE_ERROR, CW_SOURCE_ERROR_BAD_SPEC);
  g_clear_error (&error);

  /* Other specs carry no feed. */
  spec = cw_source_spec_parse ("ocpi:https://example.test/ocpi/versions", &error);
  g_assert_no_error (error);
  g_assert_null (spec->feed_id);
  g_assert_cmpuint (spec->min_interval, ==, 0);
}

static void
test_every_feed_is_a_spec (void)
{
  CwFeedCatalogue *c = catalogue ();

  for (guint i = 0; i < cw_feed_catalogue_get_n_feeds (c); i++)
    {
      const CwFeed *f = cw_feed_catalogue_get_feed (c, i);
      g_autofree char *text = g_strconcat ("feed:", f->id, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (CwSourceSpec) spec = cw_source_spec_parse (text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (spec->url, ==, f->locations_url);
      g_assert_cmpstr (spec->attribution, ==, f->attribution);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed-catalogue/default", test_default_loads);
  g_test_add_func ("/feed-catalogue/embedded-is-the-file", test_embedded_is_the_file);
  g_test_add_func ("/feed-catalogue/every-feed-complete", test_every_feed_complete);
  g_test_add_func ("/feed-catalogue/lookup", test_lookup);
  g_test_add_func ("/feed-catalogue/forms", test_forms);
  g_test_add_func ("/feed-catalogue/tariff-url", test_tariff_url);
  g_test_add_func ("/feed-catalogue/captures-match", test_captures_match);
  g_test_add_func ("/feed-catalogue/broken", test_broken);
  g_test_add_func ("/feed-catalogue/source-spec", test_source_spec);
  g_test_add_func ("/feed-catalogue/every-feed-is-a-spec", test_every_feed_is_a_spec);

  return g_test_run ();
}
