/* test-planner.c: the trip planner against an exhaustive search, cases
 * worked out by hand, impossible trips, live status, real routes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cw-corridor.h"
#include "cw-gpx.h"
#include "cw-planner.h"
#include "cw-source.h"
#include "cw-test-demo-trip.h"

#define BIT(s) (G_GUINT64_CONSTANT (1) << (s))
#define NOW 1790000000       /* a fixed departure: 2026-09-21 */

/* ---- building blocks ---- */

/* A route due east along the equator, @km long. */
static CwRoute *
straight_route (double km)
{
  CwLatLon pts[2] = { { 0.0, 0.0 }, { 0.0, km / (CW_EARTH_RADIUS_KM * G_PI / 180.0) } };

  return cw_route_new (pts, 2);
}

static CwTariff *
make_tariff (double per_kwh,
             double parking_per_hour)
{
  CwTariff *t = cw_tariff_new ();
  CwTariffElement *e = cw_tariff_element_new ();
  CwPriceComponent energy = { CW_TARIFF_DIMENSION_ENERGY, per_kwh, 0.0, 1 };

  t->id = g_strdup ("T");
  t->currency = g_strdup ("EUR");
  g_array_append_val (e->components, energy);
  if (parking_per_hour > 0)
    {
      CwPriceComponent park = { CW_TARIFF_DIMENSION_PARKING_TIME, parking_per_hour, 0.0, 60 };
      g_array_append_val (e->components, park);
    }
  g_ptr_array_add (t->elements, e);
  return t;
}

/* One EVSE with one connector: CCS2 on DC, or Type 2 on AC when @ac.
 * @price < 0: no tariff. */
static CwStation *
make_station (const char   *id,
              double        kw,
              gboolean      ac,
              CwEvseStatus  status,
              double        price,
              gboolean      restaurant)
{
  CwStation *s = cw_station_new ("test", id);
  CwEvseDraft *evse = cw_evse_new ();
  CwConnectorDraft *c = cw_connector_new ();

  cw_station_set_string (s, CW_STATION_NAME, id);
  cw_station_set_string (s, CW_STATION_TIME_ZONE, "Europe/Amsterdam");
  if (restaurant)
    s->facilities |= CW_FACILITY_BIT (CW_FACILITY_RESTAURANT);
  evse->uid = g_strdup_printf ("%s-1", id);
  evse->status = status;
  c->id = g_strdup ("1");
  c->standard = ac ? CW_CONNECTOR_IEC_62196_T2 : CW_CONNECTOR_IEC_62196_T2_COMBO;
  c->power_type = ac ? CW_POWER_TYPE_AC_3_PHASE : CW_POWER_TYPE_DC;
  c->max_power_kw = kw;
  if (price >= 0)
    c->tariff = make_tariff (price, 0);
  cw_evse_take_connector (evse, c);
  cw_station_take_evse (s, evse);
  return s;
}

/* 50 kWh, 200 Wh/km whatever the speed, no curve: easy sums. */
static CwCarProfile *
flat_car (void)
{
  CwCarProfile *p = cw_car_profile_new ();

  p->id = g_strdup ("flat");
  p->name = g_strdup ("Flat");
  p->battery_kwh = 50.0;
  p->consumption_wh_km = 200.0;
  p->max_dc_kw = 100.0;
  p->max_ac_kw = 11.0;
  p->standards = BIT (CW_CONNECTOR_IEC_62196_T2_COMBO) | BIT (CW_CONNECTOR_IEC_62196_T2);
  return p;
}

static void
simple_options (CwPlanOptions *o)
{
  cw_plan_options_init (o);
  o->soc_step = 1.0;
  o->stop_minutes = 0;
  o->preferences = CW_PLAN_PREFER_NONE;
  o->now = NOW;
}

/* ---- worked out by hand ---- */

static void
test_no_stop (void)
{
  g_autoptr (CwRoute) route = straight_route (100.0);
  g_autoptr (CwCarProfile) car = cw_car_profile_new_builtin ("generic-mid-size");
  g_autoptr (CwStation) s = make_station ("a", 150, FALSE, CW_EVSE_STATUS_AVAILABLE, 0.5, TRUE);
  CwPlanCandidate c = { s, 50.0, 0.2 };
  g_autoptr (CwPlan) plan = NULL;
  g_autoptr (GError) error = NULL;
  CwPlanOptions o;

  cw_plan_options_init (&o);
  o.now = NOW;
  plan = cw_planner_plan (route, car, &o, &c, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->stops->len, ==, 0);
  /* 100 km at 100 km/h; 170 Wh/km × 100 km = 17 kWh = 28.33 % of 60
   * kWh, rounded up to whole 0.5 % steps: 28.5 %; 80 − 28.5 = 51.5 %. */
  g_assert_cmpfloat_with_epsilon (plan->length_km, 100.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (plan->total_minutes, 60.0, 1e-6);
  g_assert_cmpfloat (plan->charge_minutes, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (plan->arrival_soc, 51.5, 1e-9);
  g_assert_null (plan->cost_currency);

  /* no candidates at all, same answer */
  {
    g_autoptr (CwPlan) p2 = cw_planner_plan (route, car, &o, NULL, 0, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (p2->stops->len, ==, 0);
  }
}

static void
test_one_stop_by_hand (void)
{
  g_autoptr (CwRoute) route = straight_route (400.0);
  g_autoptr (CwCarProfile) car = flat_car ();
  g_autoptr (CwStation) s = make_station ("mid", 50, FALSE, CW_EVSE_STATUS_AVAILABLE, -1, FALSE);
  CwPlanCandidate c = { s, 200.0, 0.0 };
  g_autoptr (CwPlan) plan = NULL;
  g_autoptr (GError) error = NULL;
  const CwPlanStop *stop;
  CwPlanOptions o;

  /* 200 Wh/km on 50 kWh is 0.4 % a km. Leaving with 90 %, the car is at
   * km 200 with 90 − 80 = 10 %, the minimum. To reach km 400 with 10 %
   * it needs 80 + 10 = 90 %: 80 % of 50 kWh = 40 kWh at 50 kW = 48
   * minutes. Driving 400 km at 100 km/h: 240 minutes. */
  simple_options (&o);
  o.start_soc = 90;
  {
    g_autoptr (CwTariff) dearer = make_tariff (0.5, 6.0);

    cw_connector_set_tariff (&cw_evse_get_connectors (&s->evses[0])[0], dearer);
  }
  plan = cw_planner_plan (route, car, &o, &c, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->stops->len, ==, 1);
  stop = g_ptr_array_index (plan->stops, 0);
  g_assert_true (stop->station == s);
  g_assert_cmpstr (stop->station_key, ==, cw_station_get_key (s));
  g_assert_cmpfloat_with_epsilon (stop->arrival_soc, 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (stop->departure_soc, 90.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (stop->energy_kwh, 40.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (stop->power_kw, 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (stop->charge_minutes, 48.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (stop->arrival_minutes, 120.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (stop->departure_minutes, 168.0, 1e-6);
  g_assert_cmpfloat (stop->detour_km, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (plan->drive_minutes, 240.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (plan->charge_minutes, 48.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (plan->total_minutes, 288.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (plan->arrival_soc, 10.0, 1e-9);
  /* 40 kWh × EUR 0.50 = EUR 20.00; the tariff bills parking time */
  g_assert_nonnull (stop->estimate);
  g_assert_cmpfloat_with_epsilon (stop->estimate->total_incl, 20.0, 1e-9);
  g_assert_true (stop->idle_fee);
  g_assert_cmpstr (plan->cost_currency, ==, "EUR");
  g_assert_true (plan->cost_complete);
  g_assert_cmpfloat_with_epsilon (plan->cost_total, 20.0, 1e-9);

  /* A 2 km detour each way at 40 km/h: 3 + 3 minutes, and 4 km more to
   * drive (1.6 %): it arrives with 10 − 0.8 = 9.2 % < 10 — too little.
   * From 91 % it arrives with 10.2 %, i.e. level 10 (rounded down), and
   * must leave with 90.8 % → 91 % (rounded up): 81 % = 40.5 kWh, 48.6
   * minutes. */
  c.offset_km = 2.0;
  o.start_soc = 91;
  {
    g_autoptr (CwPlan) p2 = cw_planner_plan (route, car, &o, &c, 1, NULL, &error);

    g_assert_no_error (error);
    stop = g_ptr_array_index (p2->stops, 0);
    g_assert_cmpfloat_with_epsilon (stop->arrival_soc, 10.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (stop->departure_soc, 91.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (stop->detour_km, 4.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (stop->charge_minutes, 48.6, 1e-6);
    g_assert_cmpfloat_with_epsilon (stop->arrival_minutes, 123.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (p2->detour_minutes, 6.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (p2->total_minutes, 240.0 + 6.0 + 48.6, 1e-6);
  }
}

static void
test_curve_in_plan (void)
{
  /* The hand-computed curve of test-car-profile: 50 kWh, 50 → 100 kW
   * over 0–50 %, 100 → 20 kW over 50–100 %, on an 80 kW charger, from
   * 20 to 80 %: 1456.237 s. Consumption 250 Wh/km = 0.5 % a km: from
   * 80 % the car reaches km 120 with 20 %, and needs 60 + 20 = 80 % for
   * the 120 km left. */
  static const CwChargePoint pts[] = { { 0, 50 }, { 50, 100 }, { 100, 20 } };
  g_autoptr (CwRoute) route = straight_route (240.0);
  g_autoptr (CwCarProfile) car = flat_car ();
  g_autoptr (CwStation) s = make_station ("c", 80, FALSE, CW_EVSE_STATUS_AVAILABLE, -1, FALSE);
  CwPlanCandidate c = { s, 120.0, 0.0 };
  g_autoptr (CwPlan) plan = NULL;
  g_autoptr (GError) error = NULL;
  const CwPlanStop *stop;
  CwPlanOptions o;

  car->consumption_wh_km = 250.0;
  g_array_append_vals (car->curve, pts, G_N_ELEMENTS (pts));
  simple_options (&o);
  o.start_soc = 80;
  o.min_stop_soc = 20;
  o.min_arrival_soc = 20;
  plan = cw_planner_plan (route, car, &o, &c, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->stops->len, ==, 1);
  stop = g_ptr_array_index (plan->stops, 0);
  g_assert_cmpfloat_with_epsilon (stop->arrival_soc, 20.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (stop->departure_soc, 80.0, 1e-9);
  /* whole milliseconds: 1456.237 s → 1456237 ms */
  g_assert_cmpfloat_with_epsilon (stop->charge_minutes * 60.0, 1456.237, 1e-3);
}

static void
test_impossible (void)
{
  g_autoptr (CwCarProfile) car = cw_car_profile_new_builtin ("generic-mid-size");
  g_autoptr (CwStation) a = make_station ("a", 150, FALSE, CW_EVSE_STATUS_AVAILABLE, 0.5, FALSE);
  g_autoptr (CwStation) b = make_station ("b", 150, FALSE, CW_EVSE_STATUS_AVAILABLE, 0.5, FALSE);
  CwPlanCandidate c[] = { { b, 450.0, 0.0 }, { a, 100.0, 0.0 } };
  CwPlanOptions o;

  cw_plan_options_init (&o);
  o.now = NOW;

  /* 170 Wh/km on 60 kWh: 0.2833 % a km, 0.5667 half-percent steps. Full
   * at km 100, the car can drive (100 − 10) / 0.2833 = 317.6 km; the
   * next charger is 350 km further. */
  {
    g_autoptr (CwRoute) route = straight_route (600.0);
    g_autoptr (GError) error = NULL;
    CwPlanGap gap = { 0 };
    CwPlan *plan = cw_planner_plan (route, car, &o, c, G_N_ELEMENTS (c), &gap, &error);

    g_assert_null (plan);
    g_assert_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE);
    g_test_message ("%s", error->message);
    g_assert_cmpfloat_with_epsilon (gap.from_km, 100.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (gap.to_km, 450.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (gap.gap_km, 350.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (gap.range_km, 90.0 / (170.0 / 600.0), 1e-6);
    g_assert_nonnull (strstr (error->message, "from km 100 to km 450"));
    g_assert_nonnull (strstr (error->message, "350 km"));
    g_assert_nonnull (strstr (error->message, "318 km"));
  }

  /* From 20 % the car gets (20 − 10) / 0.2833 = 35.3 km: the first
   * charger, at km 100, is out of reach. */
  {
    g_autoptr (CwRoute) route = straight_route (300.0);
    g_autoptr (GError) error = NULL;
    CwPlanGap gap = { 0 };
    CwPlan *plan;

    o.start_soc = 20;
    plan = cw_planner_plan (route, car, &o, c, G_N_ELEMENTS (c), &gap, &error);
    g_assert_null (plan);
    g_assert_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE);
    g_test_message ("%s", error->message);
    g_assert_cmpfloat (gap.from_km, ==, 0.0);
    g_assert_cmpfloat_with_epsilon (gap.to_km, 100.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (gap.range_km, 10.0 / (170.0 / 600.0), 1e-6);
    o.start_soc = 80;
  }

  /* Below the minimum from the start: nowhere to go. */
  {
    g_autoptr (CwRoute) route = straight_route (300.0);
    g_autoptr (GError) error = NULL;
    CwPlanGap gap = { 0 };
    CwPlan *plan;

    o.start_soc = 5;
    plan = cw_planner_plan (route, car, &o, c, G_N_ELEMENTS (c), &gap, &error);
    g_assert_null (plan);
    g_assert_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "starts with 5 %"));
    g_assert_cmpfloat (gap.from_km, ==, 0.0);
    g_assert_cmpfloat (gap.range_km, ==, 0.0);
    o.start_soc = 80;
  }

  /* The last stretch: from b at km 450 to the end at km 800. */
  {
    g_autoptr (CwRoute) route = straight_route (800.0);
    g_autoptr (GError) error = NULL;
    CwPlanCandidate near[] = { { a, 100.0, 0.0 }, { b, 380.0, 0.0 } };
    CwPlanGap gap = { 0 };
    CwPlan *plan = cw_planner_plan (route, car, &o, near, G_N_ELEMENTS (near), &gap, &error);

    g_assert_null (plan);
    g_assert_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE);
    g_test_message ("%s", error->message);
    g_assert_cmpfloat_with_epsilon (gap.from_km, 380.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (gap.to_km, 800.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (gap.gap_km, 420.0, 1e-6);
  }

  /* An out-of-order charger is no charger: without b's only EVSE the
   * gap runs from a to the destination. */
  {
    g_autoptr (CwRoute) route = straight_route (500.0);
    g_autoptr (GError) error = NULL;
    CwPlanCandidate near[] = { { a, 100.0, 0.0 }, { b, 380.0, 0.0 } };
    CwPlanGap gap = { 0 };
    CwPlan *plan;

    b->evses[0].status = CW_EVSE_STATUS_OUTOFORDER;
    plan = cw_planner_plan (route, car, &o, near, G_N_ELEMENTS (near), &gap, &error);
    g_assert_null (plan);
    g_assert_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE);
    g_assert_cmpfloat_with_epsilon (gap.from_km, 100.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (gap.to_km, 500.0, 1e-6);

    /* back in order: a plan through b */
    b->evses[0].status = CW_EVSE_STATUS_AVAILABLE;
    g_clear_error (&error);
    plan = cw_planner_plan (route, car, &o, near, G_N_ELEMENTS (near), NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (plan);
    g_assert_cmpuint (plan->stops->len, >=, 1);
    cw_plan_unref (plan);
  }
}

static void
test_bad_options (void)
{
  g_autoptr (CwRoute) route = straight_route (100.0);
  g_autoptr (CwCarProfile) car = cw_car_profile_new_builtin ("generic-city");
  g_autoptr (CwCarProfile) broken = cw_car_profile_new ();
  struct { const char *what; double *field; double value; } cases[6];
  CwPlanOptions o;

  cw_plan_options_init (&o);
  cases[0] = (typeof (cases[0])) { "start 120 %", &o.start_soc, 120 };
  cases[1] = (typeof (cases[0])) { "step 0.3 % does not divide 100", &o.soc_step, 0.3 };
  cases[2] = (typeof (cases[0])) { "speed 0", &o.speed_kmh, 0 };
  cases[3] = (typeof (cases[0])) { "max below min", &o.max_soc, 5 };
  cases[4] = (typeof (cases[0])) { "NaN minimum", &o.min_stop_soc, NAN };
  cases[5] = (typeof (cases[0])) { "negative stop time", &o.stop_minutes, -1 };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      double keep = *cases[i].field;

      *cases[i].field = cases[i].value;
      g_assert_null (cw_planner_plan (route, car, &o, NULL, 0, NULL, &error));
      g_assert_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_INVALID);
      g_test_message ("%s: %s", cases[i].what, error->message);
      *cases[i].field = keep;
    }

  {
    g_autoptr (GError) error = NULL;
    g_assert_null (cw_planner_plan (route, broken, &o, NULL, 0, NULL, &error));
    g_assert_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_INVALID);
  }
}

/* Absurd input is refused or ignored, never allocated for: a station a
 * million km off the route is no candidate; a route longer than any
 * table of charge levels could span is an error. */
static void
test_absurd_input (void)
{
  g_autoptr (CwRoute) route = straight_route (300.0);
  g_autoptr (CwCarProfile) car = flat_car ();
  g_autoptr (CwStation) far = make_station ("far", 50, FALSE, CW_EVSE_STATUS_AVAILABLE, 0.39, FALSE);
  g_autoptr (CwStation) near = make_station ("near", 50, FALSE, CW_EVSE_STATUS_AVAILABLE, 0.39, FALSE);
  CwPlanCandidate cands[] = { { far, 150.0, 1e12 }, { near, 150.0, 0.5 } };
  CwPlanOptions o;
  g_autoptr (GError) error = NULL;
  g_autoptr (CwPlan) plan = NULL;

  simple_options (&o);
  o.start_soc = 80;
  plan = cw_planner_plan (route, car, &o, cands, G_N_ELEMENTS (cands), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->stops->len, ==, 1);
  g_assert_true (g_ptr_array_index (plan->stops, 0) != NULL);
  g_assert_true (((CwPlanStop *) g_ptr_array_index (plan->stops, 0))->station == near);

  {
    /* 240 million km back and forth across the Earth */
    g_autoptr (GArray) pts = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
    g_autoptr (CwRoute) absurd = NULL;
    g_autoptr (GError) long_error = NULL;

    for (guint i = 0; i < 12000; i++)
      {
        CwLatLon p = { 0.0, i % 2 ? 179.9 : 0.0 };
        g_array_append_val (pts, p);
      }
    absurd = cw_route_new ((CwLatLon *) (void *) pts->data, pts->len);
    g_assert_cmpfloat (cw_route_get_length_km (absurd), >, 2e8);
    g_assert_null (cw_planner_plan (absurd, car, &o, cands, G_N_ELEMENTS (cands), NULL, &long_error));
    g_assert_error (long_error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_INVALID);
    g_test_message ("%s", long_error->message);
  }
}

/* Two chargers side by side at km 200, equally fast: preferences decide. */
static void
test_tie_breaks (void)
{
  g_autoptr (CwRoute) route = straight_route (400.0);
  g_autoptr (CwCarProfile) car = flat_car ();
  g_autoptr (CwStation) dear = make_station ("dear", 50, FALSE, CW_EVSE_STATUS_AVAILABLE, 0.79, TRUE);
  g_autoptr (CwStation) cheap = make_station ("cheap", 50, FALSE, CW_EVSE_STATUS_AVAILABLE, 0.39, FALSE);
  g_autoptr (CwStation) cheap_food = make_station ("cheap-food", 50, FALSE, CW_EVSE_STATUS_AVAILABLE, 0.39, TRUE);
  CwPlanOptions o;

  simple_options (&o);
  o.start_soc = 90;

  {
    CwPlanCandidate c[] = { { dear, 200.0, 0.0 }, { cheap, 200.0, 0.0 } };
    g_autoptr (CwPlan) plan = NULL;
    g_autoptr (GError) error = NULL;

    o.preferences = CW_PLAN_PREFER_CHEAPER;
    plan = cw_planner_plan (route, car, &o, c, 2, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (((CwPlanStop *) g_ptr_array_index (plan->stops, 0))->station == cheap);
    /* 40 kWh × 0.39 */
    g_assert_cmpfloat_with_epsilon (plan->cost_total, 15.6, 1e-9);

    g_clear_pointer (&plan, cw_plan_unref);
    o.preferences = CW_PLAN_PREFER_RESTAURANT;
    plan = cw_planner_plan (route, car, &o, c, 2, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (((CwPlanStop *) g_ptr_array_index (plan->stops, 0))->station == dear);
    g_assert_true (((CwPlanStop *) g_ptr_array_index (plan->stops, 0))->has_restaurant);
  }
  {
    /* cost first, then the restaurant */
    CwPlanCandidate c[] = { { dear, 200.0, 0.0 }, { cheap, 200.0, 0.0 }, { cheap_food, 200.0, 0.0 } };
    g_autoptr (CwPlan) plan = NULL;
    g_autoptr (GError) error = NULL;

    o.preferences = CW_PLAN_PREFER_CHEAPER | CW_PLAN_PREFER_RESTAURANT;
    plan = cw_planner_plan (route, car, &o, c, 3, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (((CwPlanStop *) g_ptr_array_index (plan->stops, 0))->station == cheap_food);
  }
  {
    /* a preference never costs time: the dear one 1 km nearer the
     * route wins over the cheap one */
    CwPlanCandidate c[] = { { dear, 200.0, 0.0 }, { cheap_food, 200.0, 1.0 } };
    g_autoptr (CwPlan) plan = NULL;
    g_autoptr (GError) error = NULL;

    o.start_soc = 95;
    plan = cw_planner_plan (route, car, &o, c, 2, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (((CwPlanStop *) g_ptr_array_index (plan->stops, 0))->station == dear);
  }
}

/* A busy charger met soon is avoided if a free one costs little more
 * time; met hours later, it is not. */
static void
test_busy_penalty (void)
{
  g_autoptr (CwCarProfile) car = flat_car ();
  g_autoptr (CwStation) busy = make_station ("busy", 60, FALSE, CW_EVSE_STATUS_CHARGING, -1, FALSE);
  g_autoptr (CwStation) free_ = make_station ("free", 50, FALSE, CW_EVSE_STATUS_AVAILABLE, -1, FALSE);
  CwPlanOptions o;

  simple_options (&o);

  /* At km 50 (30 minutes away) both must charge 10 → 90 % = 40 kWh: 40
   * minutes at 60 kW, 48 at 50 kW. The penalty is 15 e^(−30/60) = 9.1
   * minutes > 8: the free one. */
  {
    g_autoptr (CwRoute) route = straight_route (250.0);
    CwPlanCandidate c[] = { { busy, 50.0, 0.0 }, { free_, 50.0, 0.0 } };
    g_autoptr (CwPlan) plan = NULL;
    g_autoptr (GError) error = NULL;
    const CwPlanStop *stop;

    o.start_soc = 30;
    plan = cw_planner_plan (route, car, &o, c, 2, NULL, &error);
    g_assert_no_error (error);
    stop = g_ptr_array_index (plan->stops, 0);
    g_assert_true (stop->station == free_);
    g_assert_cmpuint (stop->n_available, ==, 1);
    /* the penalty steers, it is not reported as time */
    g_assert_cmpfloat_with_epsilon (plan->total_minutes, 150.0 + 48.0, 1e-6);
  }
  /* At km 200 (two hours away): 15 e^(−2) = 2.0 minutes < 8: the busy
   * one, which charges faster. */
  {
    g_autoptr (CwRoute) route = straight_route (400.0);
    CwPlanCandidate c[] = { { busy, 200.0, 0.0 }, { free_, 200.0, 0.0 } };
    g_autoptr (CwPlan) plan = NULL;
    g_autoptr (GError) error = NULL;
    const CwPlanStop *stop;

    o.start_soc = 90;
    plan = cw_planner_plan (route, car, &o, c, 2, NULL, &error);
    g_assert_no_error (error);
    stop = g_ptr_array_index (plan->stops, 0);
    g_assert_true (stop->station == busy);
    g_assert_cmpuint (stop->n_available, ==, 0);
    g_assert_cmpuint (stop->n_usable, ==, 1);
    g_assert_cmpfloat_with_epsilon (plan->total_minutes, 240.0 + 40.0, 1e-6);
  }
}

static void
test_station_power (void)
{
  g_autoptr (CwCarProfile) car = cw_car_profile_new_builtin ("generic-mid-size");
  g_autoptr (CwStation) s = make_station ("p", 300, FALSE, CW_EVSE_STATUS_AVAILABLE, -1, FALSE);
  CwEvseDraft *ac = cw_evse_new ();
  CwConnectorDraft *t2 = cw_connector_new ();
  CwEvseDraft *chademo = cw_evse_new ();
  CwConnectorDraft *cha = cw_connector_new ();
  guint usable = 0, available = 0;

  t2->standard = CW_CONNECTOR_IEC_62196_T2;
  t2->power_type = CW_POWER_TYPE_AC_3_PHASE;
  t2->max_power_kw = 22;
  ac->status = CW_EVSE_STATUS_CHARGING;
  cw_evse_take_connector (ac, t2);
  cw_station_take_evse (s, ac);
  cha->standard = CW_CONNECTOR_CHADEMO;
  cha->power_type = CW_POWER_TYPE_DC;
  cha->max_power_kw = 400;
  chademo->status = CW_EVSE_STATUS_AVAILABLE;
  cw_evse_take_connector (chademo, cha);
  cw_station_take_evse (s, chademo);

  /* CCS 300 kW, capped by the car's 130 kW; CHAdeMO does not fit */
  g_assert_cmpfloat (cw_planner_station_power_kw (s, car, &usable, &available), ==, 130.0);
  g_assert_cmpuint (usable, ==, 2);
  g_assert_cmpuint (available, ==, 1);
  /* the CCS point breaks: the AC one at 11 kW (the car's AC limit) */
  s->evses[0].status = CW_EVSE_STATUS_OUTOFORDER;
  g_assert_cmpfloat (cw_planner_station_power_kw (s, car, &usable, &available), ==, 11.0);
  g_assert_cmpuint (usable, ==, 1);
  g_assert_cmpuint (available, ==, 0);
  /* and the AC one is removed: nothing for this car */
  s->evses[1].status = CW_EVSE_STATUS_REMOVED;
  g_assert_cmpfloat (cw_planner_station_power_kw (s, car, NULL, NULL), ==, 0.0);
  /* unknown power counts as 50 kW on DC */
  s->evses[0].status = CW_EVSE_STATUS_UNKNOWN;
  cw_evse_get_connectors (&s->evses[0])[0].max_power_kw = 0;
  g_assert_cmpfloat (cw_planner_station_power_kw (s, car, NULL, NULL), ==, 50.0);
}

static void
test_still_valid (void)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GPtrArray) stations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (CwRoute) route = straight_route (350.0);
  g_autoptr (CwCarProfile) car = flat_car ();
  g_autoptr (CwPlan) plan = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (CwCorridorHit));
  g_autoptr (GArray) cands = NULL;
  CwCorridorHit h1 = { 0, 150.0, 0.5, 1 }, h2 = { 1, 260.0, 0.3, -1 };
  CwPlanOptions o;
  guint bad = 99;

  g_ptr_array_add (stations, make_station ("x", 150, FALSE, CW_EVSE_STATUS_AVAILABLE, 0.5, FALSE));
  g_ptr_array_add (stations, make_station ("y", 150, FALSE, CW_EVSE_STATUS_AVAILABLE, 0.5, FALSE));
  cw_station_store_merge (store, "test", stations, TRUE);
  g_array_append_val (hits, h1);
  g_array_append_val (hits, h2);
  cands = cw_plan_candidates_from_hits (hits, stations);
  g_assert_cmpuint (cands->len, ==, 2);
  g_assert_true (g_array_index (cands, CwPlanCandidate, 1).station == g_ptr_array_index (stations, 1));
  g_assert_cmpfloat (g_array_index (cands, CwPlanCandidate, 1).along_km, ==, 260.0);

  /* 0.4 % a km: from 75 % only x (km 150) is in reach, and from x the
   * end is */
  simple_options (&o);
  o.start_soc = 75;
  plan = cw_planner_plan (route, car, &o, (CwPlanCandidate *) (void *) cands->data, cands->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->stops->len, ==, 1);
  g_assert_true (cw_plan_is_still_valid (plan, store, &bad));

  {
    CwStation *chosen = ((CwPlanStop *) g_ptr_array_index (plan->stops, 0))->station;
    g_autoptr (CwStation) update = make_station (cw_station_get_id (chosen), 150, FALSE, CW_EVSE_STATUS_CHARGING, 0.5, FALSE);
    g_autoptr (GPtrArray) delta = g_ptr_array_new ();

    /* busy: still fine */
    g_ptr_array_add (delta, update);
    cw_station_store_merge (store, "test", delta, FALSE);
    g_assert_true (cw_plan_is_still_valid (plan, store, &bad));
    /* out of order: re-plan */
    update->evses[0].status = CW_EVSE_STATUS_OUTOFORDER;
    cw_station_store_merge (store, "test", delta, FALSE);
    g_assert_false (cw_plan_is_still_valid (plan, store, &bad));
    g_assert_cmpuint (bad, ==, 0);
    /* back, then gone from the store */
    update->evses[0].status = CW_EVSE_STATUS_AVAILABLE;
    cw_station_store_merge (store, "test", delta, FALSE);
    g_assert_true (cw_plan_is_still_valid (plan, store, NULL));
    g_assert_true (cw_station_store_remove (store, "test", cw_station_get_id (chosen)));
    g_assert_false (cw_plan_is_still_valid (plan, store, NULL));
  }
}

/* ---- against an exhaustive search ---- */

typedef struct {
  CwStation *station;
  double     along, offset, kw, price;
  gboolean   usable, busy, restaurant;
} Cand;

typedef struct {
  gint64 time, cost;
  gint32 misses;
  gint64 real;        /* time without penalties */
} Value;

typedef struct {
  const CwCarProfile  *car;
  const CwPlanOptions *o;
  double   length;
  double   cp;
  gint     start, min_stop, min_arrival, max_level, levels;
  Cand    *c;             /* usable ones only, in route order */
  guint    n;
  gint64  *q, *p, *t, *pen, *step_cost;   /* t: n × (levels + 1) */
  gint32  *miss;
  gboolean found;
  Value    best;
  guint    visited;
} Exhaustive;

static gint64
ms_for (double km, double kmh)
{
  return llround (km / kmh * 3600000.0);
}

static gboolean
value_better (const Value *a, const Value *b)
{
  if (a->time != b->time)
    return a->time < b->time;
  if (a->cost != b->cost)
    return a->cost < b->cost;
  return a->misses < b->misses;
}

/* The model of cw-planner.h, written out again from its words. */
static void
exhaustive_init (Exhaustive          *x,
                 const CwCarProfile  *car,
                 const CwPlanOptions *o,
                 double               length,
                 Cand                *c,
                 guint                n)
{
  double kwh_per_level = car->battery_kwh * o->soc_step / 100.0;
  gint w;

  memset (x, 0, sizeof *x);
  x->car = car;
  x->o = o;
  x->length = length;
  x->cp = cw_car_profile_consumption_wh_km (car, o->speed_kmh, o->temperature_c) /
          (car->battery_kwh * 10.0 * o->soc_step);
  x->levels = (gint) llround (100.0 / o->soc_step);
  x->start = (gint) floor (o->start_soc / o->soc_step + 1e-9);
  x->min_stop = (gint) ceil (o->min_stop_soc / o->soc_step - 1e-9);
  x->min_arrival = (gint) ceil (o->min_arrival_soc / o->soc_step - 1e-9);
  x->max_level = (gint) floor (o->max_soc / o->soc_step + 1e-9);
  x->c = c;
  x->n = n;
  w = x->levels + 1;
  x->q = g_new (gint64, n);
  x->p = g_new (gint64, n);
  x->pen = g_new (gint64, n);
  x->step_cost = g_new (gint64, n);
  x->miss = g_new (gint32, n);
  x->t = g_new (gint64, (gsize) n * w);
  for (guint i = 0; i < n; i++)
    {
      x->q[i] = (gint64) floor ((c[i].along - c[i].offset) * x->cp + 1e-9);
      x->p[i] = (gint64) ceil ((c[i].along + c[i].offset) * x->cp - 1e-9);
      x->pen[i] = c[i].busy ? llround (o->busy_penalty_minutes * 60000.0 *
                                       exp (-(ms_for (c[i].along, o->speed_kmh) / 60000.0) /
                                            o->busy_decay_minutes))
                            : 0;
      x->step_cost[i] = (o->preferences & CW_PLAN_PREFER_CHEAPER)
                            ? llround ((c[i].price >= 0 ? c[i].price : 10.0) * kwh_per_level * 1e6)
                            : 0;
      x->miss[i] = (o->preferences & CW_PLAN_PREFER_RESTAURANT) && !c[i].restaurant;
      for (gint l = 0; l <= x->levels; l++)
        x->t[(gsize) i * w + l] =
            llround (cw_car_profile_charge_seconds (car, 0, l * o->soc_step, c[i].kw) * 1000.0);
    }
}

static void
exhaustive_clear (Exhaustive *x)
{
  g_free (x->q);
  g_free (x->p);
  g_free (x->pen);
  g_free (x->step_cost);
  g_free (x->miss);
  g_free (x->t);
}

/* The car has left @last (−1: the start) at potential @u, at time @v
 * (ms since the start, on the station's forecourt). */
static void
exhaustive_from (Exhaustive *x,
                 gint        last,
                 gint64      u,
                 Value       v)
{
  const CwPlanOptions *o = x->o;
  double last_along = last < 0 ? 0 : x->c[last].along;
  double last_offset = last < 0 ? 0 : x->c[last].offset;
  gint64 back = ms_for (last_offset, o->detour_speed_kmh) - ms_for (last_along, o->speed_kmh);
  gint w = x->levels + 1;

  x->visited++;
  /* straight on to the destination */
  if (u - (gint64) ceil (x->length * x->cp - 1e-9) >= x->min_arrival)
    {
      Value end = v;
      gint64 drive = back + ms_for (x->length, o->speed_kmh);

      end.time += drive;
      end.real += drive;
      if (!x->found || value_better (&end, &x->best))
        {
          x->best = end;
          x->found = TRUE;
        }
    }
  /* or via any later charger, leaving it at any level */
  for (guint j = last + 1; j < x->n; j++)
    {
      gint64 a = u - x->p[j];
      gint64 arrive = back + ms_for (x->c[j].along, o->speed_kmh) +
                      ms_for (x->c[j].offset, o->detour_speed_kmh);
      gint64 stop = llround (o->stop_minutes * 60000.0);

      if (a < x->min_stop || a > x->max_level)
        continue;
      for (gint64 d = a; d <= x->max_level; d++)
        {
          Value next = v;
          gint64 charge = x->t[(gsize) j * w + d] - x->t[(gsize) j * w + a];

          next.time += arrive + stop + x->pen[j] + charge;
          next.real += arrive + stop + charge;
          next.cost += (d - a) * x->step_cost[j];
          next.misses += x->miss[j];
          exhaustive_from (x, (gint) j, d + x->q[j], next);
        }
    }
}

/* What the model says @plan is worth, stop by stop. */
static Value
evaluate_plan (Exhaustive   *x,
               const CwPlan *plan)
{
  const CwPlanOptions *o = x->o;
  Value v = { 0 };
  double last_along = 0, last_offset = 0;
  gint64 u = x->start;
  gint w = x->levels + 1;

  for (guint k = 0; k < plan->stops->len; k++)
    {
      const CwPlanStop *stop = g_ptr_array_index (plan->stops, k);
      gint64 a, d = llround (stop->departure_soc / o->soc_step);
      gint64 step;
      guint j;

      for (j = 0; j < x->n && x->c[j].station != stop->station; j++)
        ;
      g_assert_cmpuint (j, <, x->n);
      a = u - x->p[j];
      g_assert_cmpint (a, >=, x->min_stop);
      g_assert_cmpint (a, ==, llround (stop->arrival_soc / o->soc_step));
      g_assert_cmpint (d, >=, a);
      g_assert_cmpint (d, <=, x->max_level);
      step = ms_for (x->c[j].along, o->speed_kmh) - ms_for (last_along, o->speed_kmh) +
             ms_for (last_offset, o->detour_speed_kmh) + ms_for (x->c[j].offset, o->detour_speed_kmh) +
             llround (o->stop_minutes * 60000.0) + x->t[(gsize) j * w + d] - x->t[(gsize) j * w + a];
      v.time += step + x->pen[j];
      v.real += step;
      v.cost += (d - a) * x->step_cost[j];
      v.misses += x->miss[j];
      u = d + x->q[j];
      last_along = x->c[j].along;
      last_offset = x->c[j].offset;
    }
  g_assert_cmpint (u - (gint64) ceil (x->length * x->cp - 1e-9), >=, x->min_arrival);
  {
    gint64 drive = ms_for (x->length, o->speed_kmh) - ms_for (last_along, o->speed_kmh) +
                   ms_for (last_offset, o->detour_speed_kmh);
    v.time += drive;
    v.real += drive;
  }
  return v;
}

static int
cand_compare (const void *a,
              const void *b)
{
  const Cand *x = a, *y = b;
  return x->along < y->along ? -1 : x->along > y->along;
}

static void
test_exhaustive (void)
{
  static const double powers[] = { 11, 22, 50, 75, 150, 300 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261201);
  guint n_cases = g_test_thorough () ? 2000 : 300, n_plans = 0, n_impossible = 0, n_stops = 0;
  guint n_multi = 0;

  for (guint k = 0; k < n_cases; k++)
    {
      g_autoptr (CwCarProfile) car = NULL;
      g_autoptr (CwRoute) route = NULL;
      g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GError) error = NULL;
      g_autoptr (CwPlan) plan = NULL;
      CwPlanCandidate cands[8];
      Cand usable[8];
      double step = (double[]) { 5.0, 10.0, 20.0 }[g_rand_int_range (rand, 0, 3)];
      /* as many chargers as the search can try every way of using */
      guint n = g_rand_int_range (rand, 0, step < 10 ? 5 : step < 20 ? 7 : 8), n_usable = 0;
      CwPlanOptions o;
      Exhaustive x;
      double length;

      car = g_rand_boolean (rand) ? cw_car_profile_new_builtin ("generic-city")
                                  : cw_car_profile_new_builtin ("generic-mid-size");
      route = straight_route (g_rand_double_range (rand, 60, 500));
      length = cw_route_get_length_km (route);

      cw_plan_options_init (&o);
      o.now = NOW;
      o.soc_step = step;
      o.start_soc = 10.0 * g_rand_int_range (rand, 4, 11);
      o.min_stop_soc = 10.0 * g_rand_int_range (rand, 0, 3);
      o.min_arrival_soc = 5.0 * g_rand_int_range (rand, 0, 5);
      o.max_soc = 10.0 * g_rand_int_range (rand, 7, 11);
      o.speed_kmh = g_rand_double_range (rand, 70, 130);
      o.detour_speed_kmh = g_rand_double_range (rand, 25, 60);
      o.temperature_c = g_rand_double_range (rand, -10, 25);
      o.stop_minutes = g_rand_int_range (rand, 0, 3) * 4.0;
      o.preferences = g_rand_int_range (rand, 0, 4);
      o.busy_penalty_minutes = g_rand_boolean (rand) ? 15.0 : 40.0;

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *id = g_strdup_printf ("s%u", i);
          double kw = powers[g_rand_int_range (rand, 0, G_N_ELEMENTS (powers))];
          gboolean ac = kw <= 22;
          guint r = g_rand_int_range (rand, 0, 10);
          CwEvseStatus status = r < 6 ? CW_EVSE_STATUS_AVAILABLE
                              : r < 8 ? CW_EVSE_STATUS_CHARGING
                              : r < 9 ? CW_EVSE_STATUS_OUTOFORDER : CW_EVSE_STATUS_UNKNOWN;
          double price = g_rand_int_range (rand, 0, 5) == 0 ? -1 : 0.01 * g_rand_int_range (rand, 25, 90);
          gboolean restaurant = g_rand_boolean (rand);
          CwStation *s;

          /* now and then a second charger where the last one is, as fast:
           * only the preferences can tell them apart */
          if (i > 0 && g_rand_int_range (rand, 0, 4) == 0)
            {
              cands[i] = cands[i - 1];
              kw = cw_evse_get_connectors (&cands[i - 1].station->evses[0])[0].max_power_kw;
              ac = kw <= 22;
            }
          else
            {
              cands[i].along_km = g_rand_double_range (rand, 0, length);
              cands[i].offset_km = g_rand_boolean (rand) ? 0.0 : g_rand_double_range (rand, 0, 6);
            }
          s = make_station (id, kw, ac, status, price, restaurant);
          g_ptr_array_add (keep, s);
          cands[i].station = s;
          if (status != CW_EVSE_STATUS_OUTOFORDER)
            {
              Cand *u = &usable[n_usable++];

              u->station = s;
              u->along = cands[i].along_km;
              u->offset = cands[i].offset_km;
              u->kw = MIN (kw, ac ? car->max_ac_kw : car->max_dc_kw);
              u->price = price;
              u->usable = TRUE;
              u->busy = status == CW_EVSE_STATUS_CHARGING;
              u->restaurant = restaurant;
            }
        }
      /* stable: equal positions keep their input order, as the planner's */
      for (guint i = 1; i < n_usable; i++)
        for (guint j = i; j > 0 && cand_compare (&usable[j - 1], &usable[j]) > 0; j--)
          {
            Cand t = usable[j];
            usable[j] = usable[j - 1];
            usable[j - 1] = t;
          }

      exhaustive_init (&x, car, &o, length, usable, n_usable);
      {
        Value v0 = { 0 };
        exhaustive_from (&x, -1, x.start, v0);
      }

      plan = cw_planner_plan (route, car, &o, cands, n, NULL, &error);
      if (!x.found)
        {
          g_assert_null (plan);
          g_assert_error (error, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE);
          n_impossible++;
        }
      else
        {
          Value got;

          g_assert_no_error (error);
          g_assert_nonnull (plan);
          got = evaluate_plan (&x, plan);
          if (got.time != x.best.time || got.cost != x.best.cost || got.misses != x.best.misses)
            g_error ("case %u: planner (%" G_GINT64_FORMAT " ms, %" G_GINT64_FORMAT ", %d) "
                     "exhaustive (%" G_GINT64_FORMAT " ms, %" G_GINT64_FORMAT ", %d)", k,
                     got.time, got.cost, got.misses, x.best.time, x.best.cost, x.best.misses);
          /* what it reports is what the model counts, penalties aside */
          g_assert_cmpfloat_with_epsilon (plan->total_minutes, got.real / 60000.0, 1e-6);
          n_plans++;
          n_stops += plan->stops->len;
          n_multi += plan->stops->len > 1;
        }
      exhaustive_clear (&x);
    }
  g_test_message ("%u plans (%u stops, %u with several), %u impossible", n_plans, n_stops, n_multi,
                  n_impossible);
  /* the cases must exercise both outcomes and plans with stops */
  g_assert_cmpuint (n_plans, >, n_cases / 4);
  g_assert_cmpuint (n_impossible, >, 0);
  g_assert_cmpuint (n_stops, >, n_cases / 4);
  g_assert_cmpuint (n_multi, >, 0);
}

/* Larger cases than the exhaustive search can take: the label-setting
 * pass against the plain pass over every pair, stop for stop. */
static void
test_naive (void)
{
  static const double powers[] = { 11, 22, 50, 150, 300 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (8);
  guint n_cases = g_test_thorough () ? 200 : 40, n_plans = 0, n_stops = 0;

  for (guint k = 0; k < n_cases; k++)
    {
      g_autoptr (CwCarProfile) car = cw_car_profile_new_builtin (
          cw_car_profile_builtin_ids ()[g_rand_int_range (rand, 0, 4)]);
      g_autoptr (CwRoute) route = straight_route (g_rand_double_range (rand, 100, 1500));
      g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GArray) cands = g_array_new (FALSE, FALSE, sizeof (CwPlanCandidate));
      g_autoptr (CwPlan) fast = NULL;
      g_autoptr (CwPlan) naive = NULL;
      g_autoptr (GError) e1 = NULL;
      g_autoptr (GError) e2 = NULL;
      guint n = g_rand_int_range (rand, 0, 200);
      CwPlanOptions o;

      cw_plan_options_init (&o);
      o.now = NOW;
      o.soc_step = g_rand_boolean (rand) ? 0.5 : 1.0;
      o.start_soc = g_rand_int_range (rand, 20, 101);
      o.preferences = g_rand_int_range (rand, 0, 4);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *id = g_strdup_printf ("n%u", i);
          double kw = powers[g_rand_int_range (rand, 0, G_N_ELEMENTS (powers))];
          guint r = g_rand_int_range (rand, 0, 10);
          CwPlanCandidate c;

          c.station = make_station (id, kw, kw <= 22,
                                    r < 6 ? CW_EVSE_STATUS_AVAILABLE
                                    : r < 9 ? CW_EVSE_STATUS_CHARGING : CW_EVSE_STATUS_OUTOFORDER,
                                    g_rand_int_range (rand, 0, 4) ? 0.01 * g_rand_int_range (rand, 30, 80) : -1,
                                    g_rand_boolean (rand));
          g_ptr_array_add (keep, c.station);
          c.along_km = g_rand_double_range (rand, 0, cw_route_get_length_km (route));
          c.offset_km = g_rand_double_range (rand, 0, 4);
          g_array_append_val (cands, c);
        }

      fast = cw_planner_plan (route, car, &o, (CwPlanCandidate *) (void *) cands->data, n, NULL, &e1);
      naive = cw_planner_plan_naive (route, car, &o, (CwPlanCandidate *) (void *) cands->data, n, NULL, &e2);
      g_assert_true ((fast == NULL) == (naive == NULL));
      if (fast == NULL)
        {
          g_assert_error (e1, CW_PLANNER_ERROR, CW_PLANNER_ERROR_IMPOSSIBLE);
          g_assert_cmpstr (e1->message, ==, e2->message);
          continue;
        }
      g_assert_cmpuint (fast->stops->len, ==, naive->stops->len);
      for (guint i = 0; i < fast->stops->len; i++)
        {
          const CwPlanStop *a = g_ptr_array_index (fast->stops, i);
          const CwPlanStop *b = g_ptr_array_index (naive->stops, i);

          g_assert_true (a->station == b->station);
          g_assert_cmpfloat (a->arrival_soc, ==, b->arrival_soc);
          g_assert_cmpfloat (a->departure_soc, ==, b->departure_soc);
          g_assert_cmpfloat (a->arrival_minutes, ==, b->arrival_minutes);
        }
      g_assert_cmpfloat (fast->total_minutes, ==, naive->total_minutes);
      g_assert_cmpfloat (fast->arrival_soc, ==, naive->arrival_soc);
      n_plans++;
      n_stops += fast->stops->len;
    }
  g_test_message ("%u plans with %u stops in all", n_plans, n_stops);
  g_assert_cmpuint (n_plans, >, n_cases / 3);
  g_assert_cmpuint (n_stops, >, n_plans);
}

/* ---- real routes and the demo network ---- */

static GPtrArray *
demo_stations (void)
{
  g_autoptr (CwSourceSpec) spec = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *stations;

  spec = cw_source_spec_parse ("demo", &error);
  g_assert_no_error (error);
  stations = cw_source_load (spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, >, 100);
  return stations;
}

static CwPlan *
plan_gpx (const char  *path,
          GPtrArray   *stations,
          GError     **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (CwGpx) gpx = NULL;
  g_autoptr (CwRoute) route = NULL;
  g_autoptr (GArray) hits = NULL;
  g_autoptr (GArray) cands = NULL;
  g_autoptr (CwCarProfile) car = cw_car_profile_new_builtin ("generic-mid-size");
  g_autofree double *lat = g_new (double, stations->len);
  g_autofree double *lon = g_new (double, stations->len);
  CwPlanOptions o;

  gpx = cw_gpx_load (file, NULL, error);
  g_assert_no_error (error ? *error : NULL);
  route = cw_gpx_to_route (gpx);
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      lat[i] = s->latitude;
      lon[i] = s->longitude;
    }
  hits = cw_corridor_query_points (lat, lon, stations->len, route, 5.0);
  cands = cw_plan_candidates_from_hits (hits, stations);
  cw_plan_options_init (&o);
  o.now = NOW;
  g_test_message ("%s: %.1f km, %u stations within 5 km", path, cw_route_get_length_km (route), cands->len);
  return cw_planner_plan (route, car, &o, (CwPlanCandidate *) (void *) cands->data, cands->len, NULL, error);
}

static void
test_shared_gpx (void)
{
  const char *shared = g_getenv ("CW_SHARED_DATA");
  static const char *names[] = { "route.gpx", "around-visnjan-with-car.gpx", "korita-zbevnica.gpx" };
  g_autoptr (GPtrArray) stations = NULL;
  guint planned = 0;

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no shared test data (CW_SHARED_DATA)");
      return;
    }
  stations = demo_stations ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (shared, "gpx", names[i], NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (CwPlan) plan = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      plan = plan_gpx (path, stations, &error);
      g_assert_no_error (error);
      g_assert_nonnull (plan);
      /* short rides in Istria, far from the demo network: no stop needed */
      g_assert_cmpuint (plan->stops->len, ==, 0);
      g_assert_cmpfloat (plan->arrival_soc, >=, plan->options.min_arrival_soc);
      planned++;
    }
  if (planned == 0)
    g_test_skip ("no GPX files in the shared test data");
}

static void
test_demo_trip (void)
{
  g_autoptr (GPtrArray) stations = demo_stations ();
  g_autofree char *dir = g_dir_make_tmp ("cw-planner-XXXXXX", NULL);
  g_autofree char *path = cw_test_write_demo_trip (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (CwPlan) plan = plan_gpx (path, stations, &error);
  double sum = 0, last = -1;

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpfloat (plan->length_km, >, 590);
  g_assert_cmpfloat (plan->length_km, <, 640);
  /* 615 km from 80 % in a 60 kWh car: at least one stop */
  g_assert_cmpuint (plan->stops->len, >=, 1);
  for (guint i = 0; i < plan->stops->len; i++)
    {
      const CwPlanStop *stop = g_ptr_array_index (plan->stops, i);

      g_test_message ("stop %u: %s at km %.1f, %.1f → %.1f %%, %.1f min at %.0f kW, arrives after %.1f min, "
                      "%s %.2f%s", i + 1, cw_station_get_name (stop->station), stop->along_km, stop->arrival_soc,
                      stop->departure_soc, stop->charge_minutes, stop->power_kw, stop->arrival_minutes,
                      stop->estimate ? stop->estimate->currency : "", stop->estimate ? stop->estimate->total_incl : 0,
                      stop->idle_fee ? " (idle fee)" : "");
      g_assert_cmpfloat (stop->along_km, >, last);
      g_assert_cmpfloat (stop->arrival_soc, >=, 10.0);
      g_assert_cmpfloat (stop->departure_soc, >, stop->arrival_soc);
      g_assert_cmpfloat (stop->charge_minutes, >, 0);
      g_assert_cmpfloat (stop->power_kw, >, 0);
      /* the demo network prices every charger */
      g_assert_nonnull (stop->estimate);
      g_assert_cmpfloat (stop->estimate->total_incl, >, 0);
      last = stop->along_km;
      sum += stop->charge_minutes;
    }
  g_test_message ("total %.1f min: drive %.1f, detours %.1f, charging %.1f, stops %.1f; %s %.2f",
                  plan->total_minutes, plan->drive_minutes, plan->detour_minutes, plan->charge_minutes,
                  plan->stop_minutes, plan->cost_currency ? plan->cost_currency : "?", plan->cost_total);
  g_assert_cmpfloat_with_epsilon (sum, plan->charge_minutes, 1e-6);
  g_assert_cmpfloat_with_epsilon (plan->total_minutes,
                                  plan->drive_minutes + plan->detour_minutes + plan->charge_minutes +
                                  plan->stop_minutes, 1e-6);
  g_assert_cmpstr (plan->cost_currency, ==, "EUR");
  g_assert_true (plan->cost_complete);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/planner/no-stop", test_no_stop);
  g_test_add_func ("/planner/one-stop-by-hand", test_one_stop_by_hand);
  g_test_add_func ("/planner/curve-in-plan", test_curve_in_plan);
  g_test_add_func ("/planner/impossible", test_impossible);
  g_test_add_func ("/planner/bad-options", test_bad_options);
  g_test_add_func ("/planner/absurd-input", test_absurd_input);
  g_test_add_func ("/planner/tie-breaks", test_tie_breaks);
  g_test_add_func ("/planner/busy-penalty", test_busy_penalty);
  g_test_add_func ("/planner/station-power", test_station_power);
  g_test_add_func ("/planner/still-valid", test_still_valid);
  g_test_add_func ("/planner/exhaustive", test_exhaustive);
  g_test_add_func ("/planner/naive", test_naive);
  g_test_add_func ("/planner/shared-gpx", test_shared_gpx);
  g_test_add_func ("/planner/demo-trip", test_demo_trip);

  return g_test_run ();
}
