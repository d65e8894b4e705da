/* test-car-profile.c: car profiles, their storage and the charge-curve
 * integral, checked against sums done by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cw-car-profile.h"

#define BIT(s) (G_GUINT64_CONSTANT (1) << (s))

static CwCarProfile *
make_profile (const CwChargePoint *points,
              guint                n_points)
{
  CwCarProfile *p = cw_car_profile_new ();

  p->id = g_strdup ("test-car");
  p->name = g_strdup ("Test car");
  p->battery_kwh = 50.0;
  p->consumption_wh_km = 180.0;
  p->max_dc_kw = 100.0;
  p->max_ac_kw = 11.0;
  p->standards = BIT (CW_CONNECTOR_IEC_62196_T2_COMBO);
  g_array_append_vals (p->curve, points, n_points);
  return p;
}

static void
test_builtins (void)
{
  const char * const *ids = cw_car_profile_builtin_ids ();
  static const char *expected[] = { "generic-city", "generic-mid-size", "generic-suv",
                                    "generic-long-range" };

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (CwCarProfile) p = cw_car_profile_new_builtin (ids[i]);
      g_autoptr (GError) error = NULL;

      g_assert_cmpstr (ids[i], ==, expected[i]);
      g_assert_nonnull (p);
      g_assert_true (p->generic);
      g_assert_true (cw_car_profile_validate (p, &error));
      g_assert_no_error (error);
      /* labelled as generic in its own name, too */
      g_assert_nonnull (strstr (cw_car_profile_get_display_name (p), "eneric"));
      g_assert_cmpuint (p->curve->len, >=, 3);
      g_assert_true (p->standards & BIT (CW_CONNECTOR_IEC_62196_T2_COMBO));
      g_assert_true (p->standards & BIT (CW_CONNECTOR_IEC_62196_T2));
    }
  g_assert_null (cw_car_profile_new_builtin ("tesla-model-q"));
}

static void
assert_same (const CwCarProfile *a,
             const CwCarProfile *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpint (a->generic, ==, b->generic);
  g_assert_cmpfloat (a->battery_kwh, ==, b->battery_kwh);
  g_assert_cmpfloat (a->consumption_wh_km, ==, b->consumption_wh_km);
  g_assert_cmpfloat (a->speed_factor, ==, b->speed_factor);
  g_assert_cmpfloat (a->cold_factor, ==, b->cold_factor);
  g_assert_cmpfloat (a->max_dc_kw, ==, b->max_dc_kw);
  g_assert_cmpfloat (a->max_ac_kw, ==, b->max_ac_kw);
  g_assert_cmphex (a->standards, ==, b->standards);
  g_assert_cmpuint (a->curve->len, ==, b->curve->len);
  g_assert_cmpmem (a->curve->data, a->curve->len * sizeof (CwChargePoint),
                   b->curve->data, b->curve->len * sizeof (CwChargePoint));
}

static void
test_round_trip (void)
{
  for (const char * const *id = cw_car_profile_builtin_ids (); *id; id++)
    {
      g_autoptr (CwCarProfile) p = cw_car_profile_new_builtin (*id);
      g_autoptr (CwCarProfile) copy = cw_car_profile_copy (p);
      g_autoptr (GVariant) v = g_variant_ref_sink (cw_car_profile_to_variant (p));
      g_autoptr (CwCarProfile) from_v = NULL;
      g_autoptr (CwCarProfile) from_s = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *text = cw_car_profile_to_string (p);

      assert_same (p, copy);
      g_assert_true (g_variant_is_of_type (v, G_VARIANT_TYPE_VARDICT));
      from_v = cw_car_profile_new_from_variant (v, &error);
      g_assert_no_error (error);
      assert_same (p, from_v);
      from_s = cw_car_profile_new_from_string (text, &error);
      g_assert_no_error (error);
      assert_same (p, from_s);
    }

  /* The user's own: not generic, standards in OCPI names, a GSettings
   * list of them is an aa{sv}. */
  {
    static const CwChargePoint pts[] = { { 0, 40 }, { 60, 90 }, { 100, 20 } };
    g_autoptr (CwCarProfile) p = make_profile (pts, G_N_ELEMENTS (pts));
    g_autofree char *text = NULL;
    g_autoptr (CwCarProfile) back = NULL;
    g_autoptr (GError) error = NULL;

    p->standards |= BIT (CW_CONNECTOR_CHADEMO);
    p->speed_factor = 0.007;
    text = cw_car_profile_to_string (p);
    g_assert_nonnull (strstr (text, "'CHADEMO'"));
    g_assert_nonnull (strstr (text, "'IEC_62196_T2_COMBO'"));
    back = cw_car_profile_new_from_string (text, &error);
    g_assert_no_error (error);
    assert_same (p, back);
    g_assert_cmpstr (cw_car_profile_get_display_name (back), ==, "Test car");
  }
}

static void
test_bad_input (void)
{
  static const char *bad[] = {
    "",
    "not a variant",
    "[1, 2, 3]",
    /* no battery */
    "{'id': <'x'>, 'name': <'X'>, 'consumption-wh-km': <170.0>, 'max-dc-kw': <100.0>,"
    " 'max-ac-kw': <11.0>, 'standards': <['IEC_62196_T2']>}",
    /* battery of the wrong type */
    "{'id': <'x'>, 'name': <'X'>, 'battery-kwh': <'sixty'>, 'consumption-wh-km': <170.0>,"
    " 'max-dc-kw': <100.0>, 'max-ac-kw': <11.0>, 'standards': <['IEC_62196_T2']>}",
    /* negative consumption */
    "{'id': <'x'>, 'name': <'X'>, 'battery-kwh': <60.0>, 'consumption-wh-km': <-5.0>,"
    " 'max-dc-kw': <100.0>, 'max-ac-kw': <11.0>, 'standards': <['IEC_62196_T2']>}",
    /* no standard the planner knows */
    "{'id': <'x'>, 'name': <'X'>, 'battery-kwh': <60.0>, 'consumption-wh-km': <170.0>,"
    " 'max-dc-kw': <100.0>, 'max-ac-kw': <11.0>, 'standards': <['WARP_DRIVE']>}",
    /* curve out of order */
    "{'id': <'x'>, 'name': <'X'>, 'battery-kwh': <60.0>, 'consumption-wh-km': <170.0>,"
    " 'max-dc-kw': <100.0>, 'max-ac-kw': <11.0>, 'standards': <['IEC_62196_T2']>,"
    " 'curve': <[(50.0, 100.0), (20.0, 80.0)]>}",
    /* no id */
    "{'name': <'X'>, 'battery-kwh': <60.0>, 'consumption-wh-km': <170.0>,"
    " 'max-dc-kw': <100.0>, 'max-ac-kw': <11.0>, 'standards': <['IEC_62196_T2']>}",
    /* cannot charge at all */
    "{'id': <'x'>, 'name': <'X'>, 'battery-kwh': <60.0>, 'consumption-wh-km': <170.0>,"
    " 'max-dc-kw': <0.0>, 'max-ac-kw': <0.0>, 'standards': <['IEC_62196_T2']>}",
    "{'id': <'x'>, 'name': <'X'>, 'battery-kwh': <nan>, 'consumption-wh-km': <170.0>,"
    " 'max-dc-kw': <100.0>, 'max-ac-kw': <11.0>, 'standards': <['IEC_62196_T2']>}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CwCarProfile) p = cw_car_profile_new_from_string (bad[i], &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(accepted)");
      g_assert_null (p);
      g_assert_error (error, CW_CAR_PROFILE_ERROR, CW_CAR_PROFILE_ERROR_INVALID);
    }

  /* the smallest acceptable one: factors and curve may be left out */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (CwCarProfile) p = cw_car_profile_new_from_string (
        "{'id': <'x'>, 'name': <'X'>, 'battery-kwh': <60.0>, 'consumption-wh-km': <170.0>,"
        " 'max-dc-kw': <100.0>, 'max-ac-kw': <11.0>, 'standards': <['IEC_62196_T2', 'WARP_DRIVE']>,"
        " 'colour': <'red'>}", &error);

    g_assert_no_error (error);
    g_assert_cmphex (p->standards, ==, BIT (CW_CONNECTOR_IEC_62196_T2));
    g_assert_cmpuint (p->curve->len, ==, 0);
    g_assert_false (p->generic);
  }
}

static void
test_consumption (void)
{
  g_autoptr (CwCarProfile) p = cw_car_profile_new_builtin ("generic-mid-size");

  /* 170 Wh/km at 100 km/h and 20 °C, +0.8 % per km/h, +0.8 % per °C
   * below 20: at 130 km/h and 0 °C, 170 × (1 + 0.008 × 30) × (1 + 0.008
   * × 20) = 170 × 1.24 × 1.16 = 244.528 Wh/km. */
  g_assert_cmpfloat (p->consumption_wh_km, ==, 170.0);
  g_assert_cmpfloat (p->speed_factor, ==, 0.008);
  g_assert_cmpfloat (p->cold_factor, ==, 0.008);
  g_assert_cmpfloat_with_epsilon (cw_car_profile_consumption_wh_km (p, 100, 20), 170.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cw_car_profile_consumption_wh_km (p, 130, 0), 244.528, 1e-9);
  /* warm weather changes nothing; slower is thriftier: 170 × (1 − 0.008 × 20) = 142.8 */
  g_assert_cmpfloat_with_epsilon (cw_car_profile_consumption_wh_km (p, 80, 30), 142.8, 1e-9);
  /* never below half */
  g_assert_cmpfloat_with_epsilon (cw_car_profile_consumption_wh_km (p, 5, 20), 85.0, 1e-9);
}

static void
test_power_at (void)
{
  static const CwChargePoint pts[] = { { 0, 50 }, { 50, 100 }, { 100, 20 } };
  g_autoptr (CwCarProfile) p = make_profile (pts, G_N_ELEMENTS (pts));

  g_assert_cmpfloat_with_epsilon (cw_car_profile_power_at (p, 25, 1000), 75.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cw_car_profile_power_at (p, 25, 60), 60.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cw_car_profile_power_at (p, 75, 1000), 60.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cw_car_profile_power_at (p, 100, 1000), 20.0, 1e-12);
}

static void
test_charge_curve_integral (void)
{
  /* A 50 kWh battery; the curve rises from 50 kW at 0 % to 100 kW at
   * 50 %, then falls to 20 kW at 100 %; the charger gives at most 80 kW.
   * From 20 % to 80 %:
   *
   *  - 20 → 30 %: p(s) = 50 + s, from 70 to 80 kW (the cap is met at
   *    30 %). Time = kWh per % × ∫ ds / p = 0.5 × ln (80 / 70)
   *    = 0.5 × 0.1335314 = 0.0667657 h;
   *  - 30 → 62.5 %: capped at 80 kW (the falling side meets the cap at
   *    50 + 20 / 1.6 = 62.5 %): 0.5 × 32.5 / 80 = 0.203125 h;
   *  - 62.5 → 80 %: p falls linearly from 80 to 100 − 1.6 × 30 = 52 kW:
   *    0.5 × 17.5 × ln (52 / 80) / (52 − 80) = 0.5 × 17.5 × 0.0153851
   *    = 0.1346197 h.
   *
   * Sum 0.4045104 h = 1456.237 s. */
  static const CwChargePoint pts[] = { { 0, 50 }, { 50, 100 }, { 100, 20 } };
  g_autoptr (CwCarProfile) p = make_profile (pts, G_N_ELEMENTS (pts));
  double a = 0.5 * log (80.0 / 70.0);
  double b = 0.5 * 32.5 / 80.0;
  double c = 0.5 * 17.5 * log (52.0 / 80.0) / (52.0 - 80.0);

  g_assert_cmpfloat_with_epsilon ((a + b + c) * 3600.0, 1456.237, 1e-3);
  g_assert_cmpfloat_with_epsilon (cw_car_profile_charge_seconds (p, 20, 80, 80), 1456.237, 1e-3);
  g_assert_cmpfloat_with_epsilon (cw_car_profile_charge_seconds (p, 20, 80, 80), (a + b + c) * 3600.0, 1e-9);

  /* Additive: 20 → 45 → 80 is 20 → 80. */
  g_assert_cmpfloat_with_epsilon (cw_car_profile_charge_seconds (p, 20, 45, 80) +
                                  cw_car_profile_charge_seconds (p, 45, 80, 80),
                                  cw_car_profile_charge_seconds (p, 20, 80, 80), 1e-9);

  /* A cap above the curve leaves it whole: 0 → 50 % on 50 → 100 kW is
   * 0.5 × 50 × ln 2 / 50 h = 0.5 ln 2 h = 1247.665 s. */
  g_assert_cmpfloat_with_epsilon (cw_car_profile_charge_seconds (p, 0, 50, 1000),
                                  0.5 * log (2.0) * 3600.0, 1e-9);

  /* A low cap flattens it all: 22 kW from 10 to 90 % is 40 kWh / 22 kW
   * = 1.818182 h = 6545.45 s. */
  g_assert_cmpfloat_with_epsilon (cw_car_profile_charge_seconds (p, 10, 90, 22), 40.0 / 22.0 * 3600.0,
                                  1e-9);

  /* Nothing to charge, or backwards: 0. */
  g_assert_cmpfloat (cw_car_profile_charge_seconds (p, 60, 60, 80), ==, 0.0);
  g_assert_cmpfloat (cw_car_profile_charge_seconds (p, 70, 60, 80), ==, 0.0);

  /* Against a fine numerical sum (midpoint rule, 600,000 slices). */
  {
    double sum = 0;
    guint n = 600000;

    for (guint i = 0; i < n; i++)
      {
        double s = 20.0 + 60.0 * (i + 0.5) / n;
        sum += (60.0 / n) * 0.5 / cw_car_profile_power_at (p, s, 80);
      }
    g_assert_cmpfloat_with_epsilon (sum * 3600.0, 1456.237, 1e-3);
  }
}

static void
test_flat_curve (void)
{
  /* No curve: the charger's power all the way. 50 kWh × 60 % at 40 kW =
   * 30 kWh / 40 kW = 0.75 h = 2700 s. */
  g_autoptr (CwCarProfile) p = make_profile (NULL, 0);

  g_assert_cmpfloat_with_epsilon (cw_car_profile_charge_seconds (p, 20, 80, 40), 2700.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cw_car_profile_power_at (p, 50, 40), 40.0, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/car-profile/builtins", test_builtins);
  g_test_add_func ("/car-profile/round-trip", test_round_trip);
  g_test_add_func ("/car-profile/bad-input", test_bad_input);
  g_test_add_func ("/car-profile/consumption", test_consumption);
  g_test_add_func ("/car-profile/power-at", test_power_at);
  g_test_add_func ("/car-profile/charge-curve-integral", test_charge_curve_integral);
  g_test_add_func ("/car-profile/flat-curve", test_flat_curve);

  return g_test_run ();
}
