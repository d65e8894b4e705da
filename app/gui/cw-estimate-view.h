/* cw-estimate-view.h: what a stop at a station costs, part by part
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-station.h"

G_BEGIN_DECLS

#define CW_TYPE_ESTIMATE_VIEW (cw_estimate_view_get_type ())
G_DECLARE_FINAL_TYPE (CwEstimateView, cw_estimate_view, CW, ESTIMATE_VIEW, GtkWidget)

/* A small form (energy, charging power, idle minutes after charging;
 * the session starts now in the station's time zone) and the estimate
 * of cw_tariff_estimate () for the chosen connector tariff: session
 * fee, energy, charging time, idle fee (shown as a warning when above
 * zero), total. Open Charge Map's free-text cost is shown as given,
 * marked as not verified.
 *
 * Widget names for tests and CSS: "tariff-choice", "energy", "power",
 * "idle", "amount-flat", "amount-energy", "amount-time", "amount-idle",
 * "amount-adjustment", "amount-total", "source-note". */

GtkWidget      *cw_estimate_view_new            (void);

/* Offers the station's distinct connector tariffs, the fastest
 * connector's first; the power follows the chosen connector (its
 * maximum, at most 150 kW). Follows the station's "changed". */
void            cw_estimate_view_set_station    (CwEstimateView *self,
                                                 CwStation      *station);
CwStation      *cw_estimate_view_get_station    (CwEstimateView *self);

/* Fills the form: @power_kw 0 keeps the default of the connector. */
void            cw_estimate_view_set_session    (CwEstimateView *self,
                                                 double          energy_kwh,
                                                 double          power_kw,
                                                 guint           idle_minutes);
/* The session's start in unix seconds; 0 (the default) is the clock. */
void            cw_estimate_view_set_now        (CwEstimateView *self,
                                                 gint64          now);

/* The tariff being estimated, or NULL. */
CwTariff       *cw_estimate_view_get_tariff     (CwEstimateView *self);
/* The total as shown ("€23.60"), or "" without an estimate. */
const char     *cw_estimate_view_get_total_text (CwEstimateView *self);
/* The amount shown for one dimension, or NULL when that row is hidden. */
const char     *cw_estimate_view_get_part_text  (CwEstimateView   *self,
                                                 CwTariffDimension dimension);

G_END_DECLS
