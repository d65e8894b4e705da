/* cw-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-format"

#include <glib/gi18n.h>
#include <math.h>

#include "cw-format.h"

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
  if (kw < 10)
    return g_strdup_printf (_("%.1f kW"), kw);
  return g_strdup_printf (_("%.0f kW"), kw);
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

char *
cw_format_distance (double km)
{
  if (km < 1.0)
    return g_strdup_printf (_("%.0f m"), km * 1000.0);
  if (km < 10.0)
    return g_strdup_printf (_("%.1f km"), km);
  return g_strdup_printf (_("%.0f km"), km);
}

const char *
cw_format_currency_symbol (const char *code)
{
  static const struct { const char *code, *symbol; } symbols[] = {
    { "EUR", "€" }, { "GBP", "£" }, { "USD", "$" }, { "JPY", "¥" }, { "INR", "₹" },
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (symbols); i++)
    if (g_ascii_strcasecmp (code, symbols[i].code) == 0)
      return symbols[i].symbol;
  return NULL;
}

char *
cw_format_money (const char *currency,
                 double      amount)
{
  const char *symbol = cw_format_currency_symbol (currency);
  double cents = round (amount * 100) / 100;
  g_autofree char *number = g_strdup_printf ("%.2f", fabs (cents));
  g_autofree char *text = NULL;

  if (symbol != NULL)
    /* Translators: money with a currency symbol: %1$s is "€", %2$s the amount
     * ("12.34"); order and spacing as your language writes money */
    text = g_strdup_printf (_("%1$s%2$s"), symbol, number);
  else
    /* Translators: money with a currency code: %1$s is "CHF", %2$s the amount */
    text = g_strdup_printf (_("%1$s %2$s"), currency ? currency : "", number);
  return cents < 0 ? g_strconcat ("−", text, NULL) : g_steal_pointer (&text);
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
