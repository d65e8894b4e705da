/* cw-cli-stations.c: `chargeway-cli stations`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-cli"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "cw-cli.h"
#include "cw-cli-common.h"
#include "cw-cli-filters.h"
#include "cw-geo.h"
#include "cw-source.h"

typedef struct {
  CwStation *station;
  double     distance_km;
} Hit;

static char *
iso_time (gint64 t)
{
  g_autoptr (GDateTime) dt = NULL;

  if (t <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_station_json (JsonBuilder *b,
                  const Hit   *hit)
{
  CwStation *s = hit->station;
  g_autofree char *updated = iso_time (s->last_updated);

  json_builder_begin_object (b);
  cw_cli_json_add_place (b, s);
  json_builder_set_member_name (b, "address");
  json_builder_add_string_value (b, cw_station_get_address (s));
  json_builder_set_member_name (b, "city");
  json_builder_add_string_value (b, cw_station_get_city (s));
  json_builder_set_member_name (b, "country");
  json_builder_add_string_value (b, cw_station_get_country (s));
  json_builder_set_member_name (b, "operator");
  json_builder_add_string_value (b, cw_station_get_operator_name (s));
  json_builder_set_member_name (b, "facilities");
  json_builder_begin_array (b);
  for (guint f = 0; f < CW_N_FACILITIES; f++)
    if (s->facilities & CW_FACILITY_BIT (f))
      json_builder_add_string_value (b, cw_facility_to_string (f));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "parking_type");
  json_builder_add_string_value (b, cw_parking_type_to_string (s->parking_type));
  json_builder_set_member_name (b, "public");
  json_builder_add_boolean_value (b, s->is_public);
  json_builder_set_member_name (b, "evses");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->n_evses; i++)
    {
      const CwEvse *evse = &s->evses[i];
      g_autofree char *evse_updated = iso_time (evse->last_updated);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "uid");
      json_builder_add_string_value (b, cw_evse_get_uid (evse));
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, cw_evse_status_to_string (evse->status));
      json_builder_set_member_name (b, "quantity");
      json_builder_add_int_value (b, evse->quantity);
      json_builder_set_member_name (b, "last_updated");
      json_builder_add_string_value (b, evse_updated);
      json_builder_set_member_name (b, "connectors");
      json_builder_begin_array (b);
      for (guint j = 0; j < evse->n_connectors; j++)
        {
          const CwConnector *c = &cw_evse_get_connectors (evse)[j];
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "standard");
          json_builder_add_string_value (b, c->standard != CW_CONNECTOR_UNKNOWN ?
                                         cw_connector_standard_to_string (c->standard) : NULL);
          if (cw_connector_get_standard_label (c) != NULL)
            {
              json_builder_set_member_name (b, "label");
              json_builder_add_string_value (b, cw_connector_get_standard_label (c));
            }
          json_builder_set_member_name (b, "power_type");
          json_builder_add_string_value (b, cw_power_type_to_string (c->power_type));
          json_builder_set_member_name (b, "max_power_kw");
          json_builder_add_double_value (b, c->max_power_kw);
          if (cw_connector_get_tariff (c) != NULL)
            {
              g_autofree char *text = cw_tariff_describe (cw_connector_get_tariff (c));
              json_builder_set_member_name (b, "tariff");
              json_builder_add_string_value (b, text);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (cw_station_get_usage_cost (s) != NULL)
    {
      json_builder_set_member_name (b, "usage_cost_unverified");
      json_builder_add_string_value (b, cw_station_get_usage_cost (s));
    }
  if (hit->distance_km >= 0)
    {
      json_builder_set_member_name (b, "distance_km");
      json_builder_add_double_value (b, hit->distance_km);
    }
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, cw_station_get_source (s));
  json_builder_set_member_name (b, "attribution");
  json_builder_add_string_value (b, cw_station_get_attribution (s));
  json_builder_set_member_name (b, "last_updated");
  json_builder_add_string_value (b, updated);
  json_builder_end_object (b);
}

static char *
format_tsv (GArray *hits)
{
  GString *out = g_string_new ("id\tname\tlat\tlon\toperator\tparking_type\tfacilities\t"
                               "evses\tavailable\tmax_power_kw\tdistance_km\tsource\tlast_updated\n");

  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);
      CwStation *s = hit->station;
      g_autofree char *updated = iso_time (s->last_updated);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      cw_cli_tsv_field (out, cw_station_get_id (s));
      g_string_append_c (out, '\t');
      cw_cli_tsv_field (out, cw_station_get_name (s));
      g_string_append_printf (out, "\t%s", g_ascii_formatd (buf, sizeof buf, "%.6f", s->latitude));
      g_string_append_printf (out, "\t%s\t", g_ascii_formatd (buf, sizeof buf, "%.6f", s->longitude));
      cw_cli_tsv_field (out, cw_station_get_operator_name (s));
      g_string_append_c (out, '\t');
      cw_cli_tsv_field (out, cw_parking_type_to_string (s->parking_type));
      g_string_append_c (out, '\t');
      for (guint f = 0, first = 1; f < CW_N_FACILITIES; f++)
        if (s->facilities & CW_FACILITY_BIT (f))
          {
            g_string_append_printf (out, "%s%s", first ? "" : ",", cw_facility_to_string (f));
            first = 0;
          }
      g_string_append_printf (out, "\t%u\t%u\t%s", cw_station_count_evses (s),
                              cw_station_count_available (s),
                              g_ascii_formatd (buf, sizeof buf, "%.1f", cw_station_get_max_power_kw (s)));
      g_string_append_printf (out, "\t%s\t",
                              hit->distance_km >= 0 ?
                              g_ascii_formatd (buf, sizeof buf, "%.3f", hit->distance_km) : "");
      cw_cli_tsv_field (out, cw_station_get_source (s));
      g_string_append_c (out, '\t');
      cw_cli_tsv_field (out, updated);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *ha = a, *hb = b;
  return (ha->distance_km > hb->distance_km) - (ha->distance_km < hb->distance_km);
}

int
cw_cli_stations (int    argc,
                 char **argv)
{
  g_autofree char *source = NULL;
  g_autofree char *near = NULL;
  g_autofree char *format = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *token = NULL;
  double radius = 10.0;
  GOptionEntry entries[] = {
    { "source", 's', 0, G_OPTION_ARG_STRING, &source,
      "Where stations come from: demo (default), ocpi:URL, ocm (key in $OCM_API_KEY), ocpi-file:PATH, ocm-file:PATH[,REFERENCE]", "SPEC" },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      "File holding the OCPI token for ocpi:URL (else $CHARGEWAY_OCPI_TOKEN)", "FILE" },
    { "near", 'n', 0, G_OPTION_ARG_STRING, &near, "Only stations near this point", "LAT,LON" },
    { "radius", 'r', 0, G_OPTION_ARG_DOUBLE, &radius, "Radius around --near in km (default 10)", "KM" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "json (default) or tsv", "FORMAT" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- list charging stations");
  g_autoptr (CwCliFilters) filter_flags = cw_cli_filters_new ();
  g_autoptr (CwFilter) filter = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autofree char *output = NULL;
  double lat = 0, lon = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  cw_cli_filters_add_entries (filter_flags, context);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;
  if (!(filter = cw_cli_filters_build (filter_flags, &error)))
    goto fail;
  if (!cw_cli_check_format (&format, &error))
    goto fail;
  if (near != NULL && !cw_cli_parse_lat_lon ("--near", near, &lat, &lon, &error))
    goto fail;
  if (!(radius > 0 && radius <= 20000))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--radius %g: expected a distance in km above 0", radius);
      goto fail;
    }
  if (!cw_cli_open_source (source, token_file, &spec, &token, &error))
    goto fail;
  {
    CwBBox area;

    if (near != NULL)
      cw_bbox_around (lat, lon, radius, &area);
    if (!(stations = cw_cli_load_stations (spec, token, near ? &area : NULL, &error)))
      goto fail;
  }
  cw_cli_filters_warn (filter, spec->id, "stations");
  if (cw_filter_get_active (filter) != 0)
    {
      GPtrArray *kept = cw_cli_filters_apply (filter, stations, g_get_real_time () / G_USEC_PER_SEC);

      g_ptr_array_unref (stations);
      stations = kept;
    }

  for (guint i = 0; i < stations->len; i++)
    {
      Hit hit = { g_ptr_array_index (stations, i), -1 };

      if (near != NULL)
        {
          hit.distance_km = cw_geo_haversine_km (lat, lon, hit.station->latitude, hit.station->longitude);
          if (hit.distance_km > radius)
            continue;
        }
      g_array_append_val (hits, hit);
    }
  if (near != NULL)
    g_array_sort (hits, compare_hits);

  if (g_str_equal (format, "tsv"))
    output = format_tsv (hits);
  else
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < hits->len; i++)
        add_station_json (b, &g_array_index (hits, Hit, i));
      json_builder_end_array (b);
      output = cw_cli_json_to_text (b);
    }

  return cw_cli_print_output (output);

fail:
  g_printerr ("chargeway-cli stations: %s\n", error->message);
  return 1;
}
