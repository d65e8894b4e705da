/* cw-cli-plan.c: `chargeway-cli plan`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-cli"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "cw-cli-common.h"
#include "cw-cli-plan.h"
#include "cw-cli-route.h"
#include "cw-planner.h"

#define DEFAULT_CORRIDOR_KM 5.0
#define MAX_CORRIDOR_KM 50.0
#define EXIT_IMPOSSIBLE 2

/* A built-in id, or a file holding a profile in GVariant text format
 * (what cw_car_profile_to_string () writes). */
static CwCarProfile *
load_car (const char  *arg,
          GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local_error = NULL;
  CwCarProfile *car;

  if ((car = cw_car_profile_new_builtin (arg)) != NULL)
    return car;
  if (!g_file_test (arg, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *ids = g_strjoinv (", ", (char **) cw_car_profile_builtin_ids ());

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--car %s: neither a built-in profile (%s) nor a profile file", arg, ids);
      return NULL;
    }
  if (!g_file_get_contents (arg, &text, NULL, error))
    return NULL;
  if (!(car = cw_car_profile_new_from_string (text, &local_error)))
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", arg);
  return car;
}

static gboolean
parse_preferences (const char         *str,
                   CwPlanPreferences  *out,
                   GError            **error)
{
  g_auto (GStrv) parts = g_strsplit (str, ",", -1);

  *out = CW_PLAN_PREFER_NONE;
  for (guint i = 0; parts[i]; i++)
    {
      const char *p = g_strstrip (parts[i]);

      if (g_str_equal (p, "cheaper"))
        *out |= CW_PLAN_PREFER_CHEAPER;
      else if (g_str_equal (p, "restaurant"))
        *out |= CW_PLAN_PREFER_RESTAURANT;
      else if (!g_str_equal (p, "none") && *p != '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--prefer %s: use cheaper, restaurant, both (comma-separated) or none", str);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_departure (const char  *str,
                 gint64      *out,
                 GError     **error)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (str, local);

  if (dt == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--departure %s: expected an ISO 8601 time such as 2026-12-01T08:30:00+01:00", str);
      return FALSE;
    }
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* ---- output ---- */

static char *
iso_time (gint64 unix_seconds)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format_iso8601 (dt);
}

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       value,
            double       unit)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, cw_cli_round_to (value, unit));
}

static void
add_stop_json (JsonBuilder      *b,
               const CwPlan     *plan,
               const CwPlanStop *stop)
{
  CwStation *s = stop->station;
  g_autofree char *arrival = iso_time (plan->options.now + (gint64) llround (stop->arrival_minutes * 60));
  g_autofree char *departure = iso_time (plan->options.now + (gint64) llround (stop->departure_minutes * 60));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, cw_station_get_source (s));
  cw_cli_json_add_place (b, s);
  add_double (b, "distance_along_km", stop->along_km, 0.001);
  add_double (b, "offset_km", stop->offset_km, 0.001);
  add_double (b, "detour_km", stop->detour_km, 0.001);
  add_double (b, "arrival_soc", stop->arrival_soc, 0.01);
  add_double (b, "departure_soc", stop->departure_soc, 0.01);
  add_double (b, "energy_kwh", stop->energy_kwh, 0.01);
  add_double (b, "power_kw", stop->power_kw, 0.1);
  add_double (b, "charge_minutes", stop->charge_minutes, 0.1);
  add_double (b, "arrival_minutes", stop->arrival_minutes, 0.1);
  add_double (b, "departure_minutes", stop->departure_minutes, 0.1);
  json_builder_set_member_name (b, "arrival_time");
  json_builder_add_string_value (b, arrival);
  json_builder_set_member_name (b, "departure_time");
  json_builder_add_string_value (b, departure);
  json_builder_set_member_name (b, "evses_usable");
  json_builder_add_int_value (b, stop->n_usable);
  json_builder_set_member_name (b, "evses_available");
  json_builder_add_int_value (b, stop->n_available);
  json_builder_set_member_name (b, "restaurant");
  json_builder_add_boolean_value (b, stop->has_restaurant);
  json_builder_set_member_name (b, "cost");
  if (stop->estimate != NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "currency");
      json_builder_add_string_value (b, stop->estimate->currency);
      add_double (b, "total_incl", stop->estimate->total_incl, 0.01);
      add_double (b, "total_excl", stop->estimate->total_excl, 0.01);
      json_builder_set_member_name (b, "notes");
      json_builder_begin_array (b);
      for (guint i = 0; i < stop->estimate->notes->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (stop->estimate->notes, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "idle_fee");
  json_builder_add_boolean_value (b, stop->idle_fee);
  json_builder_set_member_name (b, "operator");
  json_builder_add_string_value (b, cw_station_get_operator_name (s));
  json_builder_set_member_name (b, "attribution");
  json_builder_add_string_value (b, cw_station_get_attribution (s));
  json_builder_end_object (b);
}

static char *
format_json (const CwPlan *plan,
             guint         n_candidates)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *departure = iso_time (plan->options.now);
  g_autofree char *arrival = iso_time (plan->options.now + (gint64) llround (plan->total_minutes * 60));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "car");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, plan->car->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, cw_car_profile_get_display_name (plan->car));
  json_builder_set_member_name (b, "generic");
  json_builder_add_boolean_value (b, plan->car->generic);
  json_builder_end_object (b);
  add_double (b, "length_km", plan->length_km, 0.001);
  json_builder_set_member_name (b, "candidates");
  json_builder_add_int_value (b, n_candidates);
  add_double (b, "start_soc", plan->options.start_soc, 0.01);
  add_double (b, "min_soc", plan->options.min_stop_soc, 0.01);
  json_builder_set_member_name (b, "departure_time");
  json_builder_add_string_value (b, departure);
  json_builder_set_member_name (b, "stops");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->stops->len; i++)
    add_stop_json (b, plan, g_ptr_array_index (plan->stops, i));
  json_builder_end_array (b);
  add_double (b, "arrival_soc", plan->arrival_soc, 0.01);
  json_builder_set_member_name (b, "arrival_time");
  json_builder_add_string_value (b, arrival);
  add_double (b, "drive_minutes", plan->drive_minutes, 0.1);
  add_double (b, "detour_minutes", plan->detour_minutes, 0.1);
  add_double (b, "charge_minutes", plan->charge_minutes, 0.1);
  add_double (b, "stop_minutes", plan->stop_minutes, 0.1);
  add_double (b, "total_minutes", plan->total_minutes, 0.1);
  json_builder_set_member_name (b, "cost_total");
  if (plan->cost_currency != NULL)
    json_builder_add_double_value (b, cw_cli_round_to (plan->cost_total, 0.01));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "cost_currency");
  json_builder_add_string_value (b, plan->cost_currency);
  json_builder_set_member_name (b, "cost_complete");
  json_builder_add_boolean_value (b, plan->cost_complete);
  json_builder_end_object (b);

  return cw_cli_json_to_text (b);
}

static void
tsv_number (GString    *out,
            const char *format,
            double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, '\t');
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, format, value));
}

/* One row a stop, then one for the arrival at the destination. */
static char *
format_tsv (const CwPlan *plan)
{
  GString *out = g_string_new ("stop\tsource\tid\tname\tdistance_along_km\toffset_km\tarrival_soc\t"
                               "departure_soc\tenergy_kwh\tpower_kw\tcharge_minutes\tarrival_minutes\t"
                               "departure_minutes\tcost\tcurrency\tidle_fee\n");

  for (guint i = 0; i < plan->stops->len; i++)
    {
      const CwPlanStop *stop = g_ptr_array_index (plan->stops, i);

      g_string_append_printf (out, "%u\t", i + 1);
      cw_cli_tsv_field (out, cw_station_get_source (stop->station));
      g_string_append_c (out, '\t');
      cw_cli_tsv_field (out, cw_station_get_id (stop->station));
      g_string_append_c (out, '\t');
      cw_cli_tsv_field (out, cw_station_get_name (stop->station));
      tsv_number (out, "%.3f", stop->along_km);
      tsv_number (out, "%.3f", stop->offset_km);
      tsv_number (out, "%.1f", stop->arrival_soc);
      tsv_number (out, "%.1f", stop->departure_soc);
      tsv_number (out, "%.2f", stop->energy_kwh);
      tsv_number (out, "%.1f", stop->power_kw);
      tsv_number (out, "%.1f", stop->charge_minutes);
      tsv_number (out, "%.1f", stop->arrival_minutes);
      tsv_number (out, "%.1f", stop->departure_minutes);
      if (stop->estimate != NULL)
        {
          tsv_number (out, "%.2f", stop->estimate->total_incl);
          g_string_append_c (out, '\t');
          cw_cli_tsv_field (out, stop->estimate->currency);
        }
      else
        g_string_append (out, "\t\t");
      g_string_append (out, stop->idle_fee ? "\tyes\n" : "\tno\n");
    }
  /* the same columns: totals where a stop has its own figures */
  g_string_append (out, "arrival\t\t\t");
  tsv_number (out, "%.3f", plan->length_km);
  g_string_append_c (out, '\t');
  tsv_number (out, "%.1f", plan->arrival_soc);
  g_string_append (out, "\t\t\t");
  tsv_number (out, "%.1f", plan->charge_minutes);
  tsv_number (out, "%.1f", plan->total_minutes);
  g_string_append_c (out, '\t');
  if (plan->cost_currency != NULL)
    {
      tsv_number (out, "%.2f", plan->cost_total);
      g_string_append_c (out, '\t');
      cw_cli_tsv_field (out, plan->cost_currency);
    }
  else
    g_string_append (out, "\t\t");
  g_string_append (out, "\t\n");
  return g_string_free (out, FALSE);
}

/* ---- the command ---- */

int
cw_cli_plan (int    argc,
             char **argv)
{
  g_autofree char *gpx = NULL;
  g_autofree char *osrm_json = NULL;
  g_autofree char *car_arg = NULL;
  g_autofree char *source = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *format = NULL;
  g_autofree char *prefer = NULL;
  g_autofree char *departure = NULL;
  gboolean list_cars = FALSE;
  double corridor = DEFAULT_CORRIDOR_KM;
  CwPlanOptions o;
  GOptionEntry entries[] = {
    { "gpx", 0, 0, G_OPTION_ARG_FILENAME, &gpx, "Follow the track (or route) of a GPX file", "FILE" },
    { "osrm-json", 0, 0, G_OPTION_ARG_FILENAME, &osrm_json,
      "Follow the first route of a saved OSRM /route response", "FILE" },
    { "car", 0, 0, G_OPTION_ARG_FILENAME, &car_arg,
      "A built-in car profile (see --list-cars) or a profile file", "PROFILE" },
    { "list-cars", 0, 0, G_OPTION_ARG_NONE, &list_cars, "Print the built-in car profiles and stop", NULL },
    { "soc", 0, 0, G_OPTION_ARG_DOUBLE, &o.start_soc, "Charge at departure, percent (default 80)", "PERCENT" },
    { "min-soc", 0, 0, G_OPTION_ARG_DOUBLE, &o.min_stop_soc,
      "Arrive at every stop and at the destination with at least this, percent (default 10)", "PERCENT" },
    { "max-soc", 0, 0, G_OPTION_ARG_DOUBLE, &o.max_soc, "Charge to at most this, percent (default 100)", "PERCENT" },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &o.speed_kmh, "Average speed on the route, km/h (default 100)", "KMH" },
    { "temperature", 0, 0, G_OPTION_ARG_DOUBLE, &o.temperature_c, "Outside temperature, °C (default 20)", "C" },
    { "prefer", 0, 0, G_OPTION_ARG_STRING, &prefer,
      "Among equally fast plans: cheaper, restaurant, both (default), or none", "LIST" },
    { "departure", 0, 0, G_OPTION_ARG_STRING, &departure,
      "When the trip starts, ISO 8601 (default now): for tariffs by time of day", "TIME" },
    { "corridor", 'c', 0, G_OPTION_ARG_DOUBLE, &corridor,
      "Consider stations this close to the route, in km (default 5)", "KM" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- charging stops for a trip");
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = NULL;
  g_autoptr (CwCarProfile) car = NULL;
  g_autoptr (CwRoute) route = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GArray) hits = NULL;
  g_autoptr (GArray) candidates = NULL;
  g_autoptr (CwPlan) plan = NULL;
  g_autofree char *token = NULL;
  g_autofree char *output = NULL;
  guint inputs;

  cw_plan_options_init (&o);
  g_option_context_add_main_entries (context, entries, NULL);
  cw_cli_route_add_source_entries (context, &source, &token_file, &format);
  g_option_context_set_summary (context,
      "Plans the fastest charging stops along a route from a GPX file or a saved OSRM answer:\n"
      "driving, detours and charging on the car's charge curve, skipping chargers out of order.\n"
      "Exit status 2 when the car cannot make the trip (the reason names the gap).");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;
  if (argc > 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "unexpected argument \"%s\"", argv[1]);
      goto fail;
    }
  if (list_cars)
    {
      for (const char * const *id = cw_car_profile_builtin_ids (); *id; id++)
        {
          g_autoptr (CwCarProfile) p = cw_car_profile_new_builtin (*id);
          g_print ("%s\t%s\t%.0f kWh\t%.0f Wh/km\tDC %.0f kW\tAC %.0f kW\n", p->id, p->name,
                   p->battery_kwh, p->consumption_wh_km, p->max_dc_kw, p->max_ac_kw);
        }
      return 0;
    }

  inputs = (gpx != NULL) + (osrm_json != NULL);
  if (inputs != 1)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           inputs == 0 ? "no route: give --gpx FILE or --osrm-json FILE"
                                       : "give one route: --gpx or --osrm-json, not both");
      goto fail;
    }
  if (car_arg == NULL)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "no car: give --car PROFILE (--list-cars shows the built-in ones)");
      goto fail;
    }
  if (!cw_cli_check_corridor (corridor, MAX_CORRIDOR_KM, &error))
    goto fail;
  if (!cw_cli_check_format (&format, &error))
    goto fail;
  if (prefer != NULL && !parse_preferences (prefer, &o.preferences, &error))
    goto fail;
  if (departure != NULL && !parse_departure (departure, &o.now, &error))
    goto fail;
  o.min_arrival_soc = o.min_stop_soc;
  if (!(car = load_car (car_arg, &error)))
    goto fail;
  if (!cw_cli_open_source (source, token_file, &spec, &token, &error))
    goto fail;

  if (!(route = cw_cli_route_load (gpx, osrm_json, &error)))
    goto fail;
  if (!(stations = cw_cli_route_stations (spec, token, route, corridor, NULL, &hits, &error)))
    goto fail;
  candidates = cw_plan_candidates_from_hits (hits, stations);
  plan = cw_planner_plan (route, car, &o, (const CwPlanCandidate *) (void *) candidates->data,
                          candidates->len, NULL, &error);
  if (plan == NULL)
    {
      g_printerr ("chargeway-cli plan: %s\n", error->message);
      return g_error_matches (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE) ? EXIT_IMPOSSIBLE : 1;
    }

  output = g_str_equal (format, "tsv") ? format_tsv (plan) : format_json (plan, candidates->len);
  return cw_cli_print_output (output);

fail:
  g_printerr ("chargeway-cli plan: %s\n", error->message);
  return 1;
}
