/* cw-plan.c: a trip plan, what a station gives a car, and whether a
 * plan still holds (the search is in cw-planner.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-planner"

#include <string.h>

#include "cw-corridor.h"
#include "cw-planner-private.h"

G_DEFINE_BOXED_TYPE (CwPlan, cw_plan, cw_plan_ref, cw_plan_unref)

/* what a connector stating no power counts as */
#define DEFAULT_DC_KW 50.0
#define DEFAULT_AC_KW 11.0

void
cw_plan_options_init (CwPlanOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->start_soc = 80.0;
  options->min_stop_soc = 10.0;
  options->min_arrival_soc = 10.0;
  options->max_soc = 100.0;
  options->soc_step = 0.5;
  options->speed_kmh = 100.0;
  options->detour_speed_kmh = 40.0;
  options->temperature_c = CW_CAR_PROFILE_REF_TEMP_C;
  options->stop_minutes = 4.0;
  options->busy_penalty_minutes = 15.0;
  options->busy_decay_minutes = 60.0;
  options->preferences = CW_PLAN_PREFER_CHEAPER | CW_PLAN_PREFER_RESTAURANT;
}

/* ---- the plan ---- */

void
_cw_plan_stop_free (CwPlanStop *stop)
{
  g_clear_object (&stop->station);
  g_free (stop->station_key);
  g_clear_pointer (&stop->estimate, cw_tariff_estimate_free);
  g_free (stop);
}

CwPlan *
cw_plan_ref (CwPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_atomic_ref_count_inc (&plan->ref_count);
  return plan;
}

void
cw_plan_unref (CwPlan *plan)
{
  g_return_if_fail (plan != NULL);
  if (!g_atomic_ref_count_dec (&plan->ref_count))
    return;
  g_clear_pointer (&plan->car, cw_car_profile_unref);
  g_ptr_array_unref (plan->stops);
  g_free (plan->cost_currency);
  g_free (plan);
}

/* ---- stations ---- */

static gboolean
status_usable (CwEvseStatus status)
{
  switch (status)
    {
    case CW_EVSE_STATUS_INOPERATIVE:
    case CW_EVSE_STATUS_OUTOFORDER:
    case CW_EVSE_STATUS_PLANNED:
    case CW_EVSE_STATUS_REMOVED:
      return FALSE;
    case CW_EVSE_STATUS_UNKNOWN:
    case CW_EVSE_STATUS_AVAILABLE:
    case CW_EVSE_STATUS_CHARGING:
    case CW_EVSE_STATUS_RESERVED:
    case CW_EVSE_STATUS_BLOCKED:
    case CW_N_EVSE_STATUS:
    default:
      return TRUE;
    }
}

static gboolean
status_busy (CwEvseStatus status)
{
  return status == CW_EVSE_STATUS_CHARGING || status == CW_EVSE_STATUS_BLOCKED ||
         status == CW_EVSE_STATUS_RESERVED;
}

void
_cw_station_power (CwStation          *station,
                   const CwCarProfile *car,
                   CwStationPower     *out)
{
  memset (out, 0, sizeof *out);

  for (guint i = 0; i < station->n_evses; i++)
    {
      const CwEvse *evse = &station->evses[i];
      gboolean compatible = FALSE;
      guint quantity = MAX (evse->quantity, 1);

      if (!status_usable (evse->status))
        continue;
      for (guint k = 0; k < evse->n_connectors; k++)
        {
          const CwConnector *c = &cw_evse_get_connectors (evse)[k];
          gboolean dc;
          double kw, car_kw;

          if (c->standard == CW_CONNECTOR_UNKNOWN ||
              !(car->standards & (G_GUINT64_CONSTANT (1) << c->standard)))
            continue;
          dc = c->power_type == CW_POWER_TYPE_DC ||
               (c->power_type == CW_POWER_TYPE_UNKNOWN && cw_connector_standard_is_dc (c->standard));
          car_kw = dc ? car->max_dc_kw : car->max_ac_kw;
          if (car_kw <= 0)
            continue;
          compatible = TRUE;
          kw = c->max_power_kw > 0 ? c->max_power_kw : dc ? DEFAULT_DC_KW : DEFAULT_AC_KW;
          kw = MIN (kw, car_kw);
          if (kw > out->kw)
            {
              out->kw = kw;
              out->connector = c;
            }
        }
      if (!compatible)
        continue;
      out->n_usable += quantity;
      if (evse->status == CW_EVSE_STATUS_AVAILABLE)
        out->n_available += quantity;
      else if (status_busy (evse->status))
        out->n_busy += quantity;
    }
}

double
cw_planner_station_power_kw (CwStation          *station,
                             const CwCarProfile *car,
                             guint              *n_usable,
                             guint              *n_available)
{
  CwStationPower sp;

  g_return_val_if_fail (CW_IS_STATION (station), 0.0);
  g_return_val_if_fail (car != NULL, 0.0);

  _cw_station_power (station, car, &sp);
  if (n_usable)
    *n_usable = sp.n_usable;
  if (n_available)
    *n_available = sp.n_available;
  return sp.kw;
}

GArray *
cw_plan_candidates_from_hits (GArray    *hits,
                              GPtrArray *stations)
{
  GArray *out;

  g_return_val_if_fail (hits != NULL, NULL);
  g_return_val_if_fail (stations != NULL, NULL);

  out = g_array_sized_new (FALSE, FALSE, sizeof (CwPlanCandidate), hits->len);
  for (guint i = 0; i < hits->len; i++)
    {
      const CwCorridorHit *hit = &g_array_index (hits, CwCorridorHit, i);
      CwPlanCandidate c;

      g_return_val_if_fail (hit->id < stations->len, out);
      c.station = g_ptr_array_index (stations, hit->id);
      c.along_km = hit->along_km;
      c.offset_km = hit->offset_km;
      g_array_append_val (out, c);
    }
  return out;
}

/* ---- live status ---- */

gboolean
cw_plan_is_still_valid (CwPlan         *plan,
                        CwStationStore *store,
                        guint          *first_bad)
{
  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (CW_IS_STATION_STORE (store), FALSE);

  for (guint i = 0; i < plan->stops->len; i++)
    {
      const CwPlanStop *stop = g_ptr_array_index (plan->stops, i);
      CwStation *now = cw_station_store_lookup (store, cw_station_get_source (stop->station), cw_station_get_id (stop->station));
      CwStationPower sp;

      if (now != NULL)
        _cw_station_power (now, plan->car, &sp);
      if (now == NULL || sp.kw <= 0)
        {
          if (first_bad)
            *first_bad = i;
          return FALSE;
        }
    }
  return TRUE;
}
