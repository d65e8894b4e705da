/* cw-tariff.h: an OCPI 2.2.1 Tariff, as prices a driver pays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "cw-types.h"

G_BEGIN_DECLS

#define CW_TYPE_TARIFF (cw_tariff_get_type ())

typedef struct {
  CwTariffDimension type;
  double            price;      /* excl. VAT: per kWh, per hour or per session */
  double            vat;        /* percent; negative when the source gives none */
  guint             step_size;  /* seconds or Wh billed at once */
} CwPriceComponent;

/* Absent limits are negative (or NULL/0 for strings and masks). */
typedef struct {
  char   *start_time;           /* "HH:MM" local time */
  char   *end_time;
  char   *start_date;           /* "YYYY-MM-DD" */
  char   *end_date;
  double  min_kwh, max_kwh;
  double  min_current, max_current;
  double  min_power, max_power;
  int     min_duration, max_duration;   /* seconds */
  guint8  day_mask;             /* bit CwDayOfWeek; 0 = every day */
  CwReservationRestriction reservation;
} CwTariffRestrictions;

typedef struct {
  GArray               *components;     /* CwPriceComponent */
  gboolean              has_restrictions;
  CwTariffRestrictions  restrictions;
} CwTariffElement;

typedef struct {
  char   *id;
  char   *country_code;
  char   *party_id;
  char   *currency;             /* ISO 4217 */
  CwTariffType type;
  char   *alt_text;             /* the tariff_alt_text in English, else the first */
  char   *alt_url;
  double  min_price_excl, min_price_incl;   /* negative when absent */
  double  max_price_excl, max_price_incl;
  GPtrArray *elements;          /* CwTariffElement* */
  gint64  last_updated;         /* unix seconds, 0 when unknown */
} CwTariff;

GType     cw_tariff_get_type        (void) G_GNUC_CONST;
CwTariff *cw_tariff_new             (void);
CwTariff *cw_tariff_ref             (CwTariff *tariff);
void      cw_tariff_unref           (CwTariff *tariff);

CwTariffElement *cw_tariff_element_new  (void);
void             cw_tariff_element_free (CwTariffElement *element);

/* The price of the first component of this dimension that applies
 * without restrictions, else of any; FALSE when the tariff has none. */
gboolean  cw_tariff_find_price      (const CwTariff    *tariff,
                                     CwTariffDimension  dimension,
                                     double            *price_out,
                                     gboolean          *restricted_out);

/* The same search, giving the component and its element (restrictions). */
const CwPriceComponent *cw_tariff_find_component (const CwTariff         *tariff,
                                                  CwTariffDimension       dimension,
                                                  const CwTariffElement **element_out);

/* One line a driver reads: "EUR 0.59/kWh · idle fee EUR 0.25/min from 45 min into the session".
 * Prices include VAT where the tariff states it. */
char     *cw_tariff_describe        (const CwTariff *tariff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwTariff, cw_tariff_unref)

G_END_DECLS
