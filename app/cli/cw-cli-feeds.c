/* cw-cli-feeds.c: `chargeway-cli feeds` and `chargeway-cli quality`
 *
 * feeds: the catalogue of open feeds (data/open-feeds.json), as a table,
 * TSV or JSON. quality: one read of a source, then its data-quality
 * report (records read, shown, hidden, left out by reason, statuses
 * mapped, each problem with the record's id), as text or JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-cli"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "cw-cli.h"
#include "cw-cli-common.h"
#include "cw-feed-catalogue.h"
#include "cw-feed-client.h"
#include "cw-ocpi-parser.h"

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

int
cw_cli_feeds (int    argc,
              char **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default), tsv or json", "FORMAT" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- list the open feeds Chargeway knows");
  g_autoptr (GError) error = NULL;
  CwFeedCatalogue *catalogue;
  guint n;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("chargeway-cli feeds: %s\n", error->message);
      return 2;
    }
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "tsv") &&
      !g_str_equal (format, "json"))
    {
      g_printerr ("chargeway-cli feeds: --format %s: use text, tsv or json\n", format);
      return 2;
    }
  catalogue = cw_feed_catalogue_get_default ();
  if (catalogue == NULL)
    {
      g_printerr ("chargeway-cli feeds: the embedded catalogue is broken\n");
      return 1;
    }
  n = cw_feed_catalogue_get_n_feeds (catalogue);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autofree char *out = NULL;

      json_builder_begin_object (b);
      add_string (b, "about", cw_feed_catalogue_get_about (catalogue));
      json_builder_set_member_name (b, "feeds");
      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          const CwFeed *f = cw_feed_catalogue_get_feed (catalogue, i);
          g_autofree char *spec = g_strconcat ("feed:", f->id, NULL);

          json_builder_begin_object (b);
          add_string (b, "id", f->id);
          add_string (b, "spec", spec);
          add_string (b, "name", f->name);
          add_string (b, "country", f->country);
          add_string (b, "locations_url", f->locations_url);
          add_string (b, "tariffs_url", f->tariffs_url);
          add_string (b, "tariff_url_pattern", f->tariff_url_pattern);
          add_string (b, "form", cw_feed_form_to_string (f->form));
          json_builder_set_member_name (b, "gzip_file");
          json_builder_add_boolean_value (b, f->gzip_file);
          json_builder_set_member_name (b, "date_from");
          json_builder_add_boolean_value (b, f->date_from);
          add_string (b, "access", f->access == CW_FEED_ACCESS_OPEN ? "open" : "shared-key");
          add_string (b, "licence", f->licence_id);
          add_string (b, "licence_name", f->licence_name);
          add_string (b, "licence_url", f->licence_url);
          json_builder_set_member_name (b, "licence_verified");
          json_builder_add_boolean_value (b, f->licence_verified);
          add_string (b, "attribution", f->attribution);
          add_int (b, "request_gap_seconds", f->request_gap);
          add_int (b, "refresh_interval_seconds", f->refresh_interval);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      out = cw_cli_json_to_text (b);
      printf ("%s\n", out);
      return 0;
    }

  if (format != NULL && g_str_equal (format, "tsv"))
    {
      printf ("id\tname\tcountry\tform\taccess\tlicence\tlocations_url\tattribution\n");
      for (guint i = 0; i < n; i++)
        {
          const CwFeed *f = cw_feed_catalogue_get_feed (catalogue, i);

          printf ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f->id, f->name, f->country,
                  cw_feed_form_to_string (f->form), f->access == CW_FEED_ACCESS_OPEN ? "open" : "shared-key",
                  f->licence_id, f->locations_url, f->attribution);
        }
      return 0;
    }

  for (guint i = 0; i < n; i++)
    {
      const CwFeed *f = cw_feed_catalogue_get_feed (catalogue, i);

      printf ("feed:%-22s %s (%s)\n", f->id, f->name, f->country_name ? f->country_name : f->country);
      printf ("  %s%s%s\n", f->locations_url, f->gzip_file ? " (gzip file)" : "",
              f->access == CW_FEED_ACCESS_OPEN ? "" : " (needs the key its publisher prints)");
      printf ("  Licence: %s%s <%s>\n", f->licence_name, f->licence_verified ? "" : " (not checked at the source)",
              f->licence_url);
      printf ("  %s\n", f->attribution);
    }
  printf ("\n%u feeds. %s\n", n, cw_feed_catalogue_get_about (catalogue));
  return 0;
}

static void
report_json (JsonBuilder        *b,
             const CwFeedReport *r)
{
  const CwOcpiParseStats *st = &r->stats;
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (b);
  add_string (b, "source", r->source_id);
  add_string (b, "name", r->feed_name);
  add_int (b, "time", r->time);
  json_builder_set_member_name (b, "unchanged");
  json_builder_add_boolean_value (b, r->unchanged);
  add_int (b, "requests", r->requests);
  add_int (b, "gzip_files", r->gunzipped);
  add_int (b, "read", r->read);
  add_int (b, "shown", st->locations - r->hidden);
  add_int (b, "not_published", r->hidden);
  add_int (b, "left_out", st->skipped);
  json_builder_set_member_name (b, "left_out_by_reason");
  json_builder_begin_object (b);
  for (guint k = 0; k < CW_N_OCPI_PROBLEMS; k++)
    if (st->by_kind[k] > 0)
      add_int (b, cw_ocpi_problem_kind_to_string (k), st->by_kind[k]);
  json_builder_end_object (b);
  add_int (b, "ids_derived", st->ids_derived);
  add_int (b, "statuses_mapped", st->statuses_mapped);
  add_int (b, "statuses_unknown", st->statuses_unknown);
  json_builder_set_member_name (b, "statuses_outside_ocpi");
  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, st->nonspec_statuses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    add_int (b, key, GPOINTER_TO_UINT (value));
  json_builder_end_object (b);
  add_int (b, "standards_mapped", st->standards_mapped);
  add_int (b, "times_without_zone", st->times_without_zone);
  add_int (b, "tariffs", st->tariffs);
  add_int (b, "tariffs_left_out", st->tariffs_skipped);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < st->problems->len; i++)
    {
      const CwOcpiProblem *p = g_ptr_array_index (st->problems, i);

      json_builder_begin_object (b);
      add_string (b, "kind", cw_ocpi_problem_kind_to_string (p->kind));
      add_string (b, "path", p->path);
      add_string (b, "id", p->id);
      add_string (b, "name", p->name);
      add_string (b, "message", p->message);
      json_builder_set_member_name (b, "corrected");
      json_builder_add_boolean_value (b, p->corrected);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* An OCPI file read as a feed would be: no country to check against. */
static CwFeedReport *
file_report (CwSourceSpec  *spec,
             GError       **error)
{
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (CwFeedReport) report = cw_feed_report_new (spec->id, spec->label);
  CwOcpiLenientOptions options = { NULL, FALSE };

  if (!g_file_get_contents (spec->path, &contents, &len, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  stations = cw_ocpi_parse_locations_lenient (bytes, spec->id, &options, &report->stats, error);
  if (stations == NULL)
    {
      g_prefix_error (error, "%s: ", spec->path);
      return NULL;
    }
  for (guint i = 0; i < stations->len; i++)
    if (!((CwStation *) g_ptr_array_index (stations, i))->is_public)
      report->hidden++;
  report->read = report->stats.locations + report->stats.skipped;
  return g_steal_pointer (&report);
}

int
cw_cli_quality (int    argc,
                char **argv)
{
  g_autofree char *source = NULL;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "source", 's', 0, G_OPTION_ARG_STRING, &source,
      "feed:ID (chargeway-cli feeds lists them) or ocpi-file:PATH", "SPEC" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- read a source once and report what is wrong with its data");
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = NULL;
  g_autoptr (CwFeedReport) report = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("chargeway-cli quality: %s\n", error->message);
      return 2;
    }
  if (source == NULL)
    {
      g_printerr ("chargeway-cli quality: give --source feed:ID or ocpi-file:PATH\n");
      return 2;
    }
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_printerr ("chargeway-cli quality: --format %s: use text or json\n", format);
      return 2;
    }
  if (!(spec = cw_source_spec_parse (source, &error)))
    {
      g_printerr ("chargeway-cli quality: %s\n", error->message);
      return 2;
    }

  if (spec->feed_id != NULL)
    {
      g_autoptr (GPtrArray) stations = cw_cli_load_feed (spec, &report, &error);

      if (stations == NULL)
        {
          g_printerr ("chargeway-cli quality: %s\n", error->message);
          return 1;
        }
    }
  else if (spec->kind == CW_SOURCE_KIND_OCPI_FILE)
    {
      if (!(report = file_report (spec, &error)))
        {
          g_printerr ("chargeway-cli quality: %s\n", error->message);
          return 1;
        }
    }
  else
    {
      g_printerr ("chargeway-cli quality: %s is read strictly (any defect fails it whole), so it has no "
                  "data-quality report; give feed:ID or ocpi-file:PATH\n", source);
      return 2;
    }

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autofree char *out = NULL;

      report_json (b, report);
      out = cw_cli_json_to_text (b);
      printf ("%s\n", out);
    }
  else
    {
      g_autofree char *text = cw_feed_report_to_text (report);

      printf ("%s", text);
    }
  return 0;
}
