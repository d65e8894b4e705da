/* cw-tariff-estimate.h: what one charging session costs under an OCPI
 * 2.2.1 tariff, part by part, idle fees included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-tariff.h"

G_BEGIN_DECLS

#define CW_TARIFF_ESTIMATE_ERROR (cw_tariff_estimate_error_quark ())

typedef enum {
  CW_TARIFF_ESTIMATE_ERROR_INVALID_PLAN,   /* negative amounts, no way to know the charging time */
  CW_TARIFF_ESTIMATE_ERROR_TOO_LONG,       /* a session over CW_TARIFF_ESTIMATE_MAX_SECONDS */
} CwTariffEstimateError;

#define CW_TARIFF_ESTIMATE_MAX_SECONDS (14 * 24 * 3600)

/* One session: plugged in at @start, charging at a steady @power_kw
 * until @energy_kwh are in (or for @charging_seconds when given), then
 * left plugged in without charging for @idle_seconds. No reservation. */
typedef struct {
  gint64      start;              /* unix seconds */
  const char *time_zone;          /* the location's IANA zone; NULL reads local times as UTC */
  double      energy_kwh;
  double      power_kw;           /* also what min_power/max_power see */
  gint64      charging_seconds;   /* 0: energy_kwh / power_kw */
  gint64      idle_seconds;
  double      current_a;          /* summed over phases, for min/max_current; 0 = unknown */
} CwSessionPlan;

/* One price component as billed over the session. Quantities are in
 * the tariff's units: kWh (ENERGY), hours (TIME, PARKING_TIME), or 1
 * (FLAT). @billed is @used rounded up by step_size where OCPI says so. */
typedef struct {
  CwTariffDimension dimension;
  guint             element;      /* index into the tariff's elements */
  double            price;        /* per unit, excl. VAT */
  double            vat;          /* percent; negative when the tariff states none */
  guint             step_size;    /* Wh or seconds */
  double            used;
  double            billed;
  double            amount_excl;
  double            amount_incl;
} CwEstimatePart;

typedef struct {
  char      *currency;
  char      *alt_text;            /* the tariff's own words, if any */
  char      *alt_url;
  double     energy_kwh;
  double     charging_seconds;
  double     idle_seconds;
  /* Sums per dimension; incl. VAT equals excl. where no VAT is stated. */
  double     flat_excl, flat_incl;
  double     energy_excl, energy_incl;
  double     time_excl, time_incl;
  double     parking_excl, parking_incl;
  /* min_price raises the total (> 0), max_price caps it (< 0) */
  double     adjustment_excl, adjustment_incl;
  double     total_excl, total_incl;
  gboolean   vat_unknown;         /* a billed part has no VAT stated */
  GArray    *parts;               /* CwEstimatePart: FLAT, ENERGY, TIME, PARKING_TIME */
  GPtrArray *notes;               /* char *: what the estimate had to assume */
} CwTariffEstimate;

GQuark            cw_tariff_estimate_error_quark (void);

/* Simulates @plan under @tariff (OCPI 2.2.1): for every stretch of the
 * session the first element whose restrictions match and that has a
 * component of a dimension prices that dimension; TIME counts charging,
 * PARKING_TIME plugged in without charging; step_size rounds up the
 * last stretch of each dimension; min/max_duration count from @start;
 * FLAT is billed once; min_price/max_price clamp the total. */
CwTariffEstimate *cw_tariff_estimate          (const CwTariff       *tariff,
                                               const CwSessionPlan  *plan,
                                               GError              **error);
void              cw_tariff_estimate_free     (CwTariffEstimate     *estimate);

/* Several lines a driver reads: each part, the total incl. (and excl.)
 * VAT, then the notes; amounts with 2 decimals and the currency code. */
char             *cw_tariff_estimate_describe (const CwTariffEstimate *estimate);

/* The most one kWh can cost, incl. VAT, in a session starting at @when
 * on a connector of @max_power_kw (0 = unknown): elements whose time of
 * day, day or date rule them out at @when are skipped; those that
 * depend on how the session goes (energy, duration, power) may apply.
 * 0 for a tariff without energy or time prices (free, or per session
 * only). FALSE when a per-kWh price cannot be stated: the tariff
 * prices time but not energy. */
gboolean          cw_tariff_get_energy_price_ceiling (const CwTariff *tariff,
                                                      const char     *time_zone,
                                                      gint64          when,
                                                      double          max_power_kw,
                                                      double         *price_incl_out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwTariffEstimate, cw_tariff_estimate_free)

G_END_DECLS
