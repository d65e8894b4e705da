/* cw-cli-route.c: `chargeway-cli route`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-cli"

#include <json-glib/json-glib.h>

#include "cw-cli-common.h"
#include "cw-cli-filters.h"
#include "cw-cli-route.h"
#include "cw-corridor.h"
#include "cw-gpx.h"
#include "cw-http.h"
#include "cw-osrm.h"

#define DEFAULT_OSRM "https://router.project-osrm.org"
#define DEFAULT_CORRIDOR_KM 2.0
#define MAX_CORRIDOR_KM 200.0

typedef struct {
  CwStation           *station;
  const CwCorridorHit *hit;
} Row;

/* ---- the route ---- */

static CwRoute *
route_from_gpx (const char  *path,
                GError     **error)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (CwGpx) gpx = cw_gpx_load (file, NULL, error);

  return gpx ? cw_gpx_to_route (gpx) : NULL;
}

static CwRoute *
route_from_osrm_json (const char  *path,
                      GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) routes = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  if (!(routes = cw_osrm_parse_response (bytes, &local_error)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }
  return cw_route_ref (((CwOsrmRoute *) g_ptr_array_index (routes, 0))->route);
}

typedef struct {
  GMainLoop *loop;
  GPtrArray *routes;
  GError    *error;
} OsrmWait;

static void
osrm_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  OsrmWait *w = user_data;

  w->routes = cw_osrm_route_finish (result, &w->error);
  g_main_loop_quit (w->loop);
}

static CwRoute *
route_from_osrm (const char  *base_url,
                 double       from_lat,
                 double       from_lon,
                 double       to_lat,
                 double       to_lon,
                 GError     **error)
{
  g_autoptr (SoupSession) session = cw_http_session_new (60);
  OsrmWait w = { g_main_loop_new (NULL, FALSE) };
  CwRoute *route = NULL;

  cw_osrm_route_async (session, base_url, from_lat, from_lon, to_lat, to_lon, NULL, osrm_done, &w);
  g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);

  if (w.routes == NULL)
    g_propagate_error (error, w.error);
  else
    route = cw_route_ref (((CwOsrmRoute *) g_ptr_array_index (w.routes, 0))->route);
  g_clear_pointer (&w.routes, g_ptr_array_unref);
  return route;
}

/* The route's box grown by the corridor: the area live sources are
 * asked for. */
static void
corridor_area (CwRoute *route,
               double   corridor_km,
               CwBBox  *area)
{
  CwBBox a, b;

  cw_route_get_bbox (route, area);
  cw_bbox_around (area->min_lat, area->min_lon, corridor_km, &a);
  cw_bbox_around (area->max_lat, area->max_lon, corridor_km, &b);
  area->min_lat = a.min_lat;
  area->min_lon = MIN (a.min_lon, b.min_lon);
  area->max_lat = b.max_lat;
  area->max_lon = MAX (a.max_lon, b.max_lon);
}

void
cw_cli_route_add_source_entries (GOptionContext  *context,
                                 char           **source,
                                 char           **token_file,
                                 char           **format)
{
  /* The group keeps a copy of the entries: these may go out of scope. */
  const GOptionEntry entries[] = {
    { "source", 's', 0, G_OPTION_ARG_STRING, source,
      "Where stations come from: demo (default), ocpi:URL, ocm, ocpi-file:PATH, ocm-file:PATH[,REFERENCE]", "SPEC" },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, token_file,
      "File holding the OCPI token for ocpi:URL (else $CHARGEWAY_OCPI_TOKEN)", "FILE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, format, "json (default) or tsv", "FORMAT" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

CwRoute *
cw_cli_route_load (const char  *gpx,
                   const char  *osrm_json,
                   GError     **error)
{
  g_return_val_if_fail ((gpx != NULL) != (osrm_json != NULL), NULL);

  return gpx != NULL ? route_from_gpx (gpx, error) : route_from_osrm_json (osrm_json, error);
}

GPtrArray *
cw_cli_route_stations (CwSourceSpec  *spec,
                       const char    *token,
                       CwRoute       *route,
                       double         corridor_km,
                       CwFilter      *filter,
                       GArray       **hits,
                       GError       **error)
{
  g_autoptr (GPtrArray) stations = NULL;
  g_autofree double *lat = NULL;
  g_autofree double *lon = NULL;
  CwBBox area;

  corridor_area (route, corridor_km, &area);
  if (!(stations = cw_cli_load_stations (spec, token, &area, error)))
    return NULL;
  /* Before the corridor: it keeps route order, and fewer points to place. */
  if (filter != NULL && cw_filter_get_active (filter) != 0)
    {
      GPtrArray *kept = cw_cli_filters_apply (filter, stations, g_get_real_time () / G_USEC_PER_SEC);

      g_ptr_array_unref (stations);
      stations = kept;
    }

  lat = g_new (double, MAX (stations->len, 1));
  lon = g_new (double, MAX (stations->len, 1));
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      lat[i] = s->latitude;
      lon[i] = s->longitude;
    }
  *hits = cw_corridor_query_points (lat, lon, stations->len, route, corridor_km);
  return g_steal_pointer (&stations);
}

/* ---- output ---- */

static const char *
side_name (int side)
{
  return side < 0 ? "left" : side > 0 ? "right" : "on";
}

static char *
format_json (GArray *rows)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      CwStation *s = row->station;

      json_builder_begin_object (b);
      cw_cli_json_add_place (b, s);
      json_builder_set_member_name (b, "distance_along_km");
      json_builder_add_double_value (b, cw_cli_round_to (row->hit->along_km, 0.001));
      json_builder_set_member_name (b, "offset_km");
      json_builder_add_double_value (b, cw_cli_round_to (row->hit->offset_km, 0.001));
      json_builder_set_member_name (b, "side");
      json_builder_add_string_value (b, side_name (row->hit->side));
      json_builder_set_member_name (b, "address");
      json_builder_add_string_value (b, cw_station_get_address (s));
      json_builder_set_member_name (b, "city");
      json_builder_add_string_value (b, cw_station_get_city (s));
      json_builder_set_member_name (b, "operator");
      json_builder_add_string_value (b, cw_station_get_operator_name (s));
      json_builder_set_member_name (b, "parking_type");
      json_builder_add_string_value (b, cw_parking_type_to_string (s->parking_type));
      json_builder_set_member_name (b, "facilities");
      json_builder_begin_array (b);
      for (guint f = 0; f < CW_N_FACILITIES; f++)
        if (s->facilities & CW_FACILITY_BIT (f))
          json_builder_add_string_value (b, cw_facility_to_string (f));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "evses");
      json_builder_add_int_value (b, cw_station_count_evses (s));
      json_builder_set_member_name (b, "available");
      json_builder_add_int_value (b, cw_station_count_available (s));
      json_builder_set_member_name (b, "max_power_kw");
      json_builder_add_double_value (b, cw_station_get_max_power_kw (s));
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, cw_station_get_source (s));
      json_builder_set_member_name (b, "attribution");
      json_builder_add_string_value (b, cw_station_get_attribution (s));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  return cw_cli_json_to_text (b);
}

static char *
format_tsv (GArray *rows)
{
  GString *out = g_string_new ("id\tname\tlat\tlon\tdistance_along_km\toffset_km\tside\t"
                               "operator\tevses\tavailable\tmax_power_kw\tsource\n");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      CwStation *s = row->station;

      cw_cli_tsv_field (out, cw_station_get_id (s));
      g_string_append_c (out, '\t');
      cw_cli_tsv_field (out, cw_station_get_name (s));
      g_string_append_printf (out, "\t%s", g_ascii_formatd (buf, sizeof buf, "%.6f", s->latitude));
      g_string_append_printf (out, "\t%s", g_ascii_formatd (buf, sizeof buf, "%.6f", s->longitude));
      g_string_append_printf (out, "\t%s", g_ascii_formatd (buf, sizeof buf, "%.3f", row->hit->along_km));
      g_string_append_printf (out, "\t%s", g_ascii_formatd (buf, sizeof buf, "%.3f", row->hit->offset_km));
      g_string_append_printf (out, "\t%s\t", side_name (row->hit->side));
      cw_cli_tsv_field (out, cw_station_get_operator_name (s));
      g_string_append_printf (out, "\t%u\t%u\t%s\t", cw_station_count_evses (s),
                              cw_station_count_available (s),
                              g_ascii_formatd (buf, sizeof buf, "%.1f", cw_station_get_max_power_kw (s)));
      cw_cli_tsv_field (out, cw_station_get_source (s));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* ---- the command ---- */

int
cw_cli_route (int    argc,
              char **argv)
{
  g_autofree char *gpx = NULL;
  g_autofree char *osrm_json = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *osrm = NULL;
  g_autofree char *source = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *format = NULL;
  double corridor = DEFAULT_CORRIDOR_KM;
  GOptionEntry entries[] = {
    { "gpx", 0, 0, G_OPTION_ARG_FILENAME, &gpx, "Follow the track (or route) of a GPX file", "FILE" },
    { "osrm-json", 0, 0, G_OPTION_ARG_FILENAME, &osrm_json,
      "Follow the first route of a saved OSRM /route response", "FILE" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "Ask the router for a route from here…", "LAT,LON" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "…to here", "LAT,LON" },
    { "osrm", 0, 0, G_OPTION_ARG_STRING, &osrm, "The OSRM server for --from/--to (default " DEFAULT_OSRM ")", "URL" },
    { "corridor", 'c', 0, G_OPTION_ARG_DOUBLE, &corridor,
      "Keep stations this close to the route, in km (default 2)", "KM" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- the charging stations along a route");
  g_autoptr (CwCliFilters) filter_flags = cw_cli_filters_new ();
  g_autoptr (CwFilter) filter = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (CwRoute) route = NULL;
  g_autoptr (GArray) hits = NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autofree char *token = NULL;
  g_autofree char *output = NULL;
  double from_lat = 0, from_lon = 0, to_lat = 0, to_lon = 0;
  guint inputs;

  g_option_context_add_main_entries (context, entries, NULL);
  cw_cli_route_add_source_entries (context, &source, &token_file, &format);
  cw_cli_filters_add_entries (filter_flags, context);
  g_option_context_set_summary (context,
      "Route from a GPX file, a saved OSRM answer, or an OSRM server; prints the stations\n"
      "within --corridor km in route order, with distance_along_km, offset_km and side.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;
  if (argc > 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "unexpected argument \"%s\"", argv[1]);
      goto fail;
    }
  if (!(filter = cw_cli_filters_build (filter_flags, &error)))
    goto fail;

  inputs = (gpx != NULL) + (osrm_json != NULL) + (from != NULL || to != NULL);
  if (inputs != 1)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           inputs == 0 ? "no route: give --gpx FILE, --osrm-json FILE or --from and --to"
                                       : "give one route: --gpx, --osrm-json or --from/--to, not several");
      goto fail;
    }
  if ((from == NULL) != (to == NULL))
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           from ? "--from needs --to" : "--to needs --from");
      goto fail;
    }
  if (osrm != NULL && from == NULL)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--osrm is for --from/--to");
      goto fail;
    }
  if (from != NULL && (!cw_cli_parse_lat_lon ("--from", from, &from_lat, &from_lon, &error) ||
                       !cw_cli_parse_lat_lon ("--to", to, &to_lat, &to_lon, &error)))
    goto fail;
  if (!cw_cli_check_corridor (corridor, MAX_CORRIDOR_KM, &error))
    goto fail;
  if (!cw_cli_check_format (&format, &error))
    goto fail;
  if (!cw_cli_open_source (source, token_file, &spec, &token, &error))
    goto fail;

  if (gpx != NULL || osrm_json != NULL)
    route = cw_cli_route_load (gpx, osrm_json, &error);
  else
    route = route_from_osrm (osrm ? osrm : DEFAULT_OSRM, from_lat, from_lon, to_lat, to_lon, &error);
  if (route == NULL)
    goto fail;

  cw_cli_filters_warn (filter, spec->id, "route");
  if (!(stations = cw_cli_route_stations (spec, token, route, corridor, filter, &hits, &error)))
    goto fail;
  for (guint i = 0; i < hits->len; i++)
    {
      const CwCorridorHit *hit = &g_array_index (hits, CwCorridorHit, i);
      Row row = { g_ptr_array_index (stations, hit->id), hit };
      g_array_append_val (rows, row);
    }

  output = g_str_equal (format, "tsv") ? format_tsv (rows) : format_json (rows);
  return cw_cli_print_output (output);

fail:
  g_printerr ("chargeway-cli route: %s\n", error->message);
  return 1;
}
