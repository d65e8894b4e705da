/* cw-format.h: station facts as a driver reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-station.h"

G_BEGIN_DECLS

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
/* "1.2 km" */
char       *cw_format_distance        (double         km);

/* "€" for "EUR", or NULL when the code has no symbol here */
const char *cw_format_currency_symbol (const char    *code);
/* "€12.34", "CHF 12.34": two decimals, the symbol where there is one */
char       *cw_format_money           (const char    *currency,
                                       double         amount);
/* "45 min", "2 h", "1 h 5 min", rounded up to the minute */
char       *cw_format_duration        (double         seconds);

G_END_DECLS
