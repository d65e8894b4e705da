/* cw-format.h: station facts as a driver reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-station.h"
#include "cw-tariff.h"

G_BEGIN_DECLS

typedef enum {
  CW_DISTANCE_UNITS_AUTO,         /* by the locale (LC_MEASUREMENT) */
  CW_DISTANCE_UNITS_KILOMETRES,
  CW_DISTANCE_UNITS_MILES,
} CwDistanceUnits;

/* The distance-units setting: "auto", "kilometres" or "miles". */
CwDistanceUnits cw_distance_units_from_string (const char *name);
/* For every distance formatted from now on (the window sets it from its
 * settings and redraws). */
void            cw_format_set_distance_units  (CwDistanceUnits units);
/* KILOMETRES or MILES: AUTO resolved by the locale */
CwDistanceUnits cw_format_get_distance_units  (void);

/* "CCS2, Type 2" — distinct connector standards, best first */
char       *cw_format_connectors      (CwStation     *station);
/* "150 kW" or "" when unknown */
char       *cw_format_power           (double         kw);
/* "2 of 4 free" */
char       *cw_format_free            (CwStation     *station);
/* "Hotel, Restaurant" */
char       *cw_format_facilities      (guint32        facilities);
const char *cw_format_parking_type    (CwParkingType  type);
const char *cw_format_status          (CwEvseStatus   status);
const char *cw_format_availability    (CwAvailability a);
/* "updated 5 min ago", relative to @now (unix seconds) */
char       *cw_format_age             (gint64         then,
                                       gint64         now);
/* "850 m", "1.2 km", "143 km"; in miles "0.5 mi", "89 mi" */
char       *cw_format_distance        (double         km);
/* Always one decimal: "1.5 km", "0.9 mi" (the corridor's width) */
char       *cw_format_distance_fine   (double         km);
/* "km 143 · 0.8 km off route" or "mile 89 · 0.5 mi off route" */
char       *cw_format_route_position  (double         along_km,
                                       double         offset_km);
/* A number in the locale's way: "3,7" (nl) */
char       *cw_format_number          (double         value,
                                       int            decimals);
/* "€ 12,34" (nl), "12,34 €" (de), "£12.34" (en): the tariff's currency */
char       *cw_format_money           (const char    *currency,
                                       double         amount);
/* A unit price with the decimals it has, two to four: "€0.275" */
char       *cw_format_unit_price      (const char    *currency,
                                       double         price);
/* The tariff in words, prices incl. VAT where stated:
 * "€0.59/kWh · idle fee €0.25/min from 45 min into the session" */
char       *cw_format_tariff          (const CwTariff *tariff);

/* "45 min", "2 h", "1 h 5 min", rounded up to the minute */
char       *cw_format_duration        (double         seconds);

G_END_DECLS
