/* cw-cli-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-cli"

#include <math.h>
#include <stdio.h>

#include "cw-cli-common.h"
#include "cw-feed-catalogue.h"
#include "cw-http.h"
#include "cw-ocm-client.h"
#include "cw-ocpi-client.h"

char *
cw_cli_read_token (const char  *token_file,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  const char *env;

  if (token_file != NULL)
    {
      if (!g_file_get_contents (token_file, &contents, NULL, error))
        return NULL;
      g_strstrip (contents);
      if (*contents == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: the token file is empty", token_file);
          return NULL;
        }
      return g_steal_pointer (&contents);
    }
  env = g_getenv ("CHARGEWAY_OCPI_TOKEN");
  return env != NULL && *env != '\0' ? g_strdup (env) : NULL;
}

typedef struct {
  GMainLoop  *loop;
  CwOcpiSync *sync;
  GError     *error;
} SyncWait;

static void
sync_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyncWait *w = user_data;

  w->sync = cw_ocpi_client_sync_finish (CW_OCPI_CLIENT (object), result, NULL, &w->error);
  g_main_loop_quit (w->loop);
}

typedef struct {
  GMainLoop *loop;
  GPtrArray *stations;
  GError    *error;
} AreaWait;

static void
area_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AreaWait *w = user_data;

  w->stations = cw_ocm_client_fetch_area_finish (CW_OCM_CLIENT (object), result, NULL, &w->error);
  g_main_loop_quit (w->loop);
}

static GPtrArray *
load_ocm (const char    *token,
          const CwBBox  *area,
          GError       **error)
{
  g_autoptr (SoupSession) session = cw_http_session_new (60);
  g_autoptr (CwOcmClient) client = NULL;
  AreaWait w = { 0 };
  const char *base = g_getenv ("CHARGEWAY_OCM_URL");

  if (area == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "Open Charge Map is asked by area: give --near LAT,LON --radius KM");
      return NULL;
    }
  client = cw_ocm_client_new (session, token ? token : g_getenv ("OCM_API_KEY"));
  if (base != NULL)
    cw_ocm_client_set_base_url (client, base);
  w.loop = g_main_loop_new (NULL, FALSE);
  cw_ocm_client_fetch_area_async (client, area, 500, NULL, area_done, &w);
  g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);
  if (w.stations == NULL)
    {
      g_propagate_prefixed_error (error, w.error, "Open Charge Map: ");
      return NULL;
    }
  return w.stations;
}

typedef struct {
  GMainLoop  *loop;
  CwFeedSync *sync;
  GError     *error;
} FeedWait;

static void
feed_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  FeedWait *w = user_data;

  w->sync = cw_feed_client_sync_finish (CW_FEED_CLIENT (object), result, NULL, &w->error);
  g_main_loop_quit (w->loop);
}

GPtrArray *
cw_cli_load_feed (CwSourceSpec  *spec,
                  CwFeedReport **report_out,
                  GError       **error)
{
  const CwFeed *feed = cw_feed_catalogue_lookup (cw_feed_catalogue_get_default (), spec->feed_id);
  g_autoptr (SoupSession) session = cw_http_session_new (60);
  g_autoptr (CwFeedClient) client = NULL;
  FeedWait w = { 0 };
  GPtrArray *stations;

  g_return_val_if_fail (feed != NULL, NULL);
  client = cw_feed_client_new (session, feed, spec->id);
  cw_feed_client_apply_environment (client);
  /* A key its publisher prints for everyone, for feeds that need one. */
  if (feed->access == CW_FEED_ACCESS_SHARED_KEY)
    cw_feed_client_set_key (client, g_getenv ("CHARGEWAY_FEED_KEY"));
  w.loop = g_main_loop_new (NULL, FALSE);
  cw_feed_client_sync_async (client, 0, NULL, feed_done, &w);
  g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);
  if (w.sync == NULL)
    {
      g_propagate_prefixed_error (error, w.error, "%s: ", spec->label);
      return NULL;
    }
  for (guint i = 0; i < w.sync->stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (w.sync->stations, i);

      if (cw_station_get_attribution (s) == NULL)
        cw_station_set_attribution (s, spec->attribution);
    }
  if (report_out != NULL)
    *report_out = cw_feed_report_ref (w.sync->report);
  stations = g_steal_pointer (&w.sync->stations);
  cw_feed_sync_free (w.sync);
  return stations;
}

GPtrArray *
cw_cli_load_stations (CwSourceSpec  *spec,
                      const char    *token,
                      const CwBBox  *area,
                      GError       **error)
{
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (CwOcpiClient) client = NULL;
  SyncWait w = { 0 };
  GPtrArray *stations;

  if (spec->kind == CW_SOURCE_KIND_OCM)
    return load_ocm (token, area, error);
  if (spec->kind != CW_SOURCE_KIND_OCPI)
    return cw_source_load (spec, NULL, error);
  if (spec->feed_id != NULL)
    return cw_cli_load_feed (spec, NULL, error);

  session = cw_http_session_new (60);
  client = cw_ocpi_client_new (session, spec->url, token, spec->id);
  w.loop = g_main_loop_new (NULL, FALSE);
  cw_ocpi_client_sync_async (client, 0, NULL, NULL, NULL, sync_done, &w);
  g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);

  if (w.sync == NULL)
    {
      g_propagate_prefixed_error (error, w.error, "%s: ", spec->label);
      return NULL;
    }
  stations = g_steal_pointer (&w.sync->stations);
  cw_ocpi_sync_free (w.sync);
  return stations;
}

/* ---- option checks and output ---- */

gboolean
cw_cli_parse_lat_lon (const char  *option,
                      const char  *str,
                      double      *lat,
                      double      *lon,
                      GError     **error)
{
  g_auto (GStrv) parts = g_strsplit (str, ",", -1);
  char *end1 = NULL, *end2 = NULL;

  if (g_strv_length (parts) == 2)
    {
      *lat = g_ascii_strtod (parts[0], &end1);
      *lon = g_ascii_strtod (parts[1], &end2);
      if (end1 != parts[0] && *end1 == '\0' && end2 != parts[1] && *end2 == '\0' &&
          cw_geo_coords_valid (*lat, *lon))
        return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "%s %s: expected LAT,LON with latitude in −90…90 and longitude in −180…180",
               option, str);
  return FALSE;
}

gboolean
cw_cli_check_format (char   **format,
                     GError **error)
{
  if (*format == NULL)
    *format = g_strdup ("json");
  if (!g_str_equal (*format, "json") && !g_str_equal (*format, "tsv"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--format %s: use json or tsv", *format);
      return FALSE;
    }
  return TRUE;
}

gboolean
cw_cli_check_corridor (double   corridor_km,
                       double   max_km,
                       GError **error)
{
  if (!(corridor_km > 0 && corridor_km <= max_km))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--corridor %g: expected a distance in km above 0 and at most %g", corridor_km, max_km);
      return FALSE;
    }
  return TRUE;
}

gboolean
cw_cli_open_source (const char    *source,
                    const char    *token_file,
                    CwSourceSpec **spec,
                    char         **token,
                    GError       **error)
{
  g_autoptr (CwSourceSpec) s = NULL;
  g_autofree char *t = NULL;

  if (!(s = cw_source_spec_parse (source, error)))
    return FALSE;
  if (token_file != NULL && !(t = cw_cli_read_token (token_file, error)))
    return FALSE;
  if (t == NULL)
    t = cw_cli_read_token (NULL, NULL);
  *spec = g_steal_pointer (&s);
  *token = g_steal_pointer (&t);
  return TRUE;
}

double
cw_cli_round_to (double v,
                 double unit)
{
  return round (v / unit) * unit;
}

void
cw_cli_tsv_field (GString    *out,
                  const char *value)
{
  for (const char *p = value ? value : ""; *p; p++)
    g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

void
cw_cli_json_add_place (JsonBuilder *b,
                       CwStation   *s)
{
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, cw_station_get_id (s));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, cw_station_get_name (s));
  json_builder_set_member_name (b, "lat");
  json_builder_add_double_value (b, s->latitude);
  json_builder_set_member_name (b, "lon");
  json_builder_add_double_value (b, s->longitude);
}

char *
cw_cli_json_to_text (JsonBuilder *b)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

int
cw_cli_print_output (const char *output)
{
  fputs (output, stdout);
  if (!g_str_has_suffix (output, "\n"))
    fputc ('\n', stdout);
  return fflush (stdout) == 0 ? 0 : 1;
}
