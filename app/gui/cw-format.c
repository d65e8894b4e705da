/* cw-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-format"

#include <glib/gi18n.h>
#include <math.h>

#include "cw-format.h"
#include "cw-locale-format.h"

#define KM_PER_MILE 1.609344

static CwDistanceUnits distance_units = CW_DISTANCE_UNITS_AUTO;

char *
cw_format_connectors (CwStation *station)
{
  /* Fast DC first: that is what a driver on a trip looks for. */
  static const CwConnectorStandard order[] = {
    CW_CONNECTOR_IEC_62196_T2_COMBO, CW_CONNECTOR_IEC_62196_T1_COMBO,
    CW_CONNECTOR_CHADEMO, CW_CONNECTOR_TESLA_S, CW_CONNECTOR_GBT_DC,
    CW_CONNECTOR_IEC_62196_T2, CW_CONNECTOR_IEC_62196_T1,
  };
  guint64 mask = cw_station_get_standards (station);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (mask & (G_GUINT64_CONSTANT (1) << order[i]))
      {
        g_ptr_array_add (names, (gpointer) cw_connector_standard_short_name (order[i]));
        mask &= ~(G_GUINT64_CONSTANT (1) << order[i]);
      }
  for (guint s = 0; s < CW_N_CONNECTOR_STANDARDS; s++)
    if (mask & (G_GUINT64_CONSTANT (1) << s))
      {
        const char *n = cw_connector_standard_short_name (s);
        if (!g_ptr_array_find_with_equal_func (names, n, g_str_equal, NULL))
          g_ptr_array_add (names, (gpointer) n);
      }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

char *
cw_format_power (double kw)
{
  if (kw <= 0)
    return g_strdup ("");
  g_autofree char *number = cw_format_number (kw, kw < 10 ? 1 : 0);

  /* Translators: power; %s is a number written the locale's way */
  return g_strdup_printf (_("%s kW"), number);
}

char *
cw_format_free (CwStation *station)
{
  guint total = cw_station_count_evses (station);
  guint free_now = cw_station_count_available (station);

  if (total == 0)
    return g_strdup (_("No charge points listed"));
  /* Translators: "2 of 4 free": charge points free now of all */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u free", "%u of %u free", total),
                          free_now, total);
}

static const char *
facility_label (CwFacility f)
{
  switch (f)
    {
    case CW_FACILITY_HOTEL: return _("Hotel");
    case CW_FACILITY_RESTAURANT: return _("Restaurant");
    case CW_FACILITY_CAFE: return _("Café");
    case CW_FACILITY_MALL: return _("Shopping mall");
    case CW_FACILITY_SUPERMARKET: return _("Supermarket");
    case CW_FACILITY_SPORT: return _("Sports");
    case CW_FACILITY_RECREATION_AREA: return _("Recreation area");
    case CW_FACILITY_NATURE: return _("Nature");
    case CW_FACILITY_MUSEUM: return _("Museum");
    case CW_FACILITY_BIKE_SHARING: return _("Bike sharing");
    case CW_FACILITY_BUS_STOP: return _("Bus stop");
    case CW_FACILITY_TAXI_STAND: return _("Taxi stand");
    case CW_FACILITY_TRAM_STOP: return _("Tram stop");
    case CW_FACILITY_METRO_STATION: return _("Metro station");
    case CW_FACILITY_TRAIN_STATION: return _("Train station");
    case CW_FACILITY_AIRPORT: return _("Airport");
    case CW_FACILITY_PARKING_LOT: return _("Parking lot");
    case CW_FACILITY_CARPOOL_PARKING: return _("Carpool parking");
    case CW_FACILITY_FUEL_STATION: return _("Fuel station");
    case CW_FACILITY_WIFI: return _("Wi-Fi");
    case CW_N_FACILITIES:
    default: return "";
    }
}

char *
cw_format_facilities (guint32 facilities)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint f = 0; f < CW_N_FACILITIES; f++)
    if (facilities & CW_FACILITY_BIT (f))
      g_ptr_array_add (names, (gpointer) facility_label (f));
  if (names->len == 0)
    return g_strdup (_("None listed"));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

const char *
cw_format_parking_type (CwParkingType type)
{
  switch (type)
    {
    case CW_PARKING_TYPE_ALONG_MOTORWAY: return _("Along a motorway");
    case CW_PARKING_TYPE_PARKING_GARAGE: return _("Parking garage");
    case CW_PARKING_TYPE_PARKING_LOT: return _("Parking lot");
    case CW_PARKING_TYPE_ON_DRIVEWAY: return _("On a driveway");
    case CW_PARKING_TYPE_ON_STREET: return _("On the street");
    case CW_PARKING_TYPE_UNDERGROUND_GARAGE: return _("Underground garage");
    case CW_PARKING_TYPE_UNKNOWN:
    case CW_N_PARKING_TYPES:
    default: return _("Not stated");
    }
}

const char *
cw_format_status (CwEvseStatus status)
{
  switch (status)
    {
    case CW_EVSE_STATUS_AVAILABLE: return _("Available");
    case CW_EVSE_STATUS_CHARGING: return _("Charging");
    case CW_EVSE_STATUS_RESERVED: return _("Reserved");
    case CW_EVSE_STATUS_BLOCKED: return _("Blocked");
    case CW_EVSE_STATUS_INOPERATIVE: return _("Inoperative");
    case CW_EVSE_STATUS_OUTOFORDER: return _("Out of order");
    case CW_EVSE_STATUS_PLANNED: return _("Planned");
    case CW_EVSE_STATUS_REMOVED: return _("Removed");
    case CW_EVSE_STATUS_UNKNOWN:
    case CW_N_EVSE_STATUS:
    default: return _("Status unknown");
    }
}

const char *
cw_format_availability (CwAvailability a)
{
  switch (a)
    {
    case CW_AVAILABILITY_AVAILABLE: return _("Available");
    case CW_AVAILABILITY_BUSY: return _("Busy");
    case CW_AVAILABILITY_OUT_OF_ORDER: return _("Out of order");
    case CW_AVAILABILITY_UNKNOWN:
    case CW_N_AVAILABILITIES:
    default: return _("Status unknown");
    }
}

char *
cw_format_age (gint64 then,
               gint64 now)
{
  gint64 d;

  if (then <= 0)
    return g_strdup (_("update time unknown"));
  d = now - then;
  if (d < 60)
    return g_strdup (_("updated just now"));
  if (d < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "updated %d minute ago",
                                         "updated %d minutes ago", (gulong) (d / 60)),
                            (int) (d / 60));
  if (d < 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "updated %d hour ago",
                                         "updated %d hours ago", (gulong) (d / 3600)),
                            (int) (d / 3600));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "updated %d day ago",
                                       "updated %d days ago", (gulong) (d / 86400)),
                          (int) (d / 86400));
}

CwDistanceUnits
cw_distance_units_from_string (const char *name)
{
  if (g_strcmp0 (name, "kilometres") == 0)
    return CW_DISTANCE_UNITS_KILOMETRES;
  if (g_strcmp0 (name, "miles") == 0)
    return CW_DISTANCE_UNITS_MILES;
  return CW_DISTANCE_UNITS_AUTO;
}

void
cw_format_set_distance_units (CwDistanceUnits units)
{
  distance_units = units;
}

CwDistanceUnits
cw_format_get_distance_units (void)
{
  g_autofree char *locale = NULL;

  if (distance_units != CW_DISTANCE_UNITS_AUTO)
    return distance_units;
  locale = cw_locale_for_category (LC_MEASUREMENT);
  return cw_locale_uses_miles (locale) ? CW_DISTANCE_UNITS_MILES : CW_DISTANCE_UNITS_KILOMETRES;
}

char *
cw_format_number (double value,
                  int    decimals)
{
  return cw_locale_format_number (NULL, value, decimals);
}

char *
cw_format_distance (double km)
{
  g_autofree char *n = NULL;

  if (cw_format_get_distance_units () == CW_DISTANCE_UNITS_MILES)
    {
      double mi = km / KM_PER_MILE;

      n = cw_format_number (mi, mi < 0.095 ? 2 : mi < 9.95 ? 1 : 0);
      /* Translators: a distance in miles; %s is the number */
      return g_strdup_printf (_("%s mi"), n);
    }
  if (km < 0.9995)
    {
      n = cw_format_number (km * 1000.0, 0);
      /* Translators: a distance in metres; %s is the number */
      return g_strdup_printf (_("%s m"), n);
    }
  n = cw_format_number (km, km < 9.95 ? 1 : 0);
  /* Translators: a distance in kilometres; %s is the number */
  return g_strdup_printf (_("%s km"), n);
}

char *
cw_format_distance_fine (double km)
{
  g_autofree char *n = NULL;

  if (cw_format_get_distance_units () == CW_DISTANCE_UNITS_MILES)
    {
      n = cw_format_number (km / KM_PER_MILE, 1);
      return g_strdup_printf (_("%s mi"), n);
    }
  n = cw_format_number (km, 1);
  return g_strdup_printf (_("%s km"), n);
}

char *
cw_format_route_position (double along_km,
                          double offset_km)
{
  g_autofree char *off = cw_format_distance (offset_km);
  g_autofree char *along = NULL;

  if (cw_format_get_distance_units () == CW_DISTANCE_UNITS_MILES)
    {
      along = cw_format_number (along_km / KM_PER_MILE, 0);
      /* Translators: miles along the route from the start ("mile 89"), then
       * how far off the route the station is ("0.5 mi") */
      return g_strdup_printf (_("mile %s · %s off route"), along, off);
    }
  along = cw_format_number (along_km, 0);
  /* Translators: kilometres along the route from the start ("km 143"), then
   * how far off the route the station is ("0.8 km") */
  return g_strdup_printf (_("km %s · %s off route"), along, off);
}

char *
cw_format_money (const char *currency,
                 double      amount)
{
  return cw_locale_format_money (NULL, currency, round (amount * 100) / 100, 2);
}

char *
cw_format_unit_price (const char *currency,
                      double      price)
{
  int digits = 2;

  if (fabs (price * 100 - round (price * 100)) > 1e-6)
    digits = fabs (price * 1000 - round (price * 1000)) > 1e-6 ? 4 : 3;
  return cw_locale_format_money (NULL, currency, price, digits);
}

static double
price_with_vat (const CwPriceComponent *pc)
{
  return pc->vat > 0 ? pc->price * (1.0 + pc->vat / 100.0) : pc->price;
}

char *
cw_format_tariff (const CwTariff *tariff)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const CwTariffElement *element = NULL;
  const CwPriceComponent *pc;
  const char *cur;

  g_return_val_if_fail (tariff != NULL, NULL);

  cur = tariff->currency;
  if ((pc = cw_tariff_find_component (tariff, CW_TARIFF_DIMENSION_ENERGY, &element)))
    {
      g_autofree char *price = cw_format_money (cur, price_with_vat (pc));
      /* Translators: a price per kWh of energy; %s is "€0.59" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s/kWh"), price));
    }
  if ((pc = cw_tariff_find_component (tariff, CW_TARIFF_DIMENSION_TIME, &element)))
    {
      g_autofree char *price = cw_format_money (cur, price_with_vat (pc));
      /* Translators: a price per hour of charging; %s is "€2.40" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s/h charging"), price));
    }
  if ((pc = cw_tariff_find_component (tariff, CW_TARIFF_DIMENSION_FLAT, &element)))
    {
      g_autofree char *price = cw_format_money (cur, price_with_vat (pc));
      /* Translators: a fixed price for each charging session; %s is "€0.35" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s per session"), price));
    }
  if ((pc = cw_tariff_find_component (tariff, CW_TARIFF_DIMENSION_PARKING_TIME, &element)))
    {
      g_autofree char *price = cw_format_money (cur, price_with_vat (pc) / 60.0);

      if (element->has_restrictions && element->restrictions.min_duration > 0)
        {
          int minutes = element->restrictions.min_duration / 60;
          /* Translators: the fee for staying plugged in after charging: "idle
           * fee €0.25/min from 45 min into the session" */
          g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "idle fee %s/min from %d min into the session",
                                                                "idle fee %s/min from %d min into the session",
                                                                minutes),
                                                   price, minutes));
        }
      else
        /* Translators: the fee for staying plugged in: "idle fee €0.25/min" */
        g_ptr_array_add (parts, g_strdup_printf (_("idle fee %s/min"), price));
    }

  if (parts->len == 0)
    {
      if (tariff->alt_text != NULL)
        return g_strdup (tariff->alt_text);
      return g_strdup (_("Free of charge"));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

char *
cw_format_duration (double seconds)
{
  gint64 min = (gint64) ceil (seconds / 60.0 - 1e-9);

  if (min < 60)
    return g_strdup_printf (_("%d min"), (int) min);
  if (min % 60 == 0)
    return g_strdup_printf (_("%d h"), (int) (min / 60));
  return g_strdup_printf (_("%d h %d min"), (int) (min / 60), (int) (min % 60));
}
