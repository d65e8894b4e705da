/* cw-car-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-car-profile"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cw-car-profile.h"

G_DEFINE_BOXED_TYPE (CwCarProfile, cw_car_profile, cw_car_profile_ref, cw_car_profile_unref)
G_DEFINE_QUARK (cw-car-profile-error-quark, cw_car_profile_error)

/* Below this slope (kW per % SoC) a piece of the curve is integrated as
 * flat: the logarithm would lose more to rounding than the slope adds. */
#define FLAT_SLOPE 1e-9

CwCarProfile *
cw_car_profile_new (void)
{
  CwCarProfile *self = g_new0 (CwCarProfile, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->curve = g_array_new (FALSE, FALSE, sizeof (CwChargePoint));
  return self;
}

CwCarProfile *
cw_car_profile_ref (CwCarProfile *profile)
{
  g_return_val_if_fail (profile != NULL, NULL);
  g_atomic_ref_count_inc (&profile->ref_count);
  return profile;
}

void
cw_car_profile_unref (CwCarProfile *profile)
{
  g_return_if_fail (profile != NULL);
  if (!g_atomic_ref_count_dec (&profile->ref_count))
    return;
  g_free (profile->id);
  g_free (profile->name);
  g_array_unref (profile->curve);
  g_free (profile);
}

CwCarProfile *
cw_car_profile_copy (const CwCarProfile *profile)
{
  CwCarProfile *copy;

  g_return_val_if_fail (profile != NULL, NULL);

  copy = cw_car_profile_new ();
  copy->id = g_strdup (profile->id);
  copy->name = g_strdup (profile->name);
  copy->generic = profile->generic;
  copy->battery_kwh = profile->battery_kwh;
  copy->consumption_wh_km = profile->consumption_wh_km;
  copy->speed_factor = profile->speed_factor;
  copy->cold_factor = profile->cold_factor;
  copy->max_dc_kw = profile->max_dc_kw;
  copy->max_ac_kw = profile->max_ac_kw;
  copy->standards = profile->standards;
  if (profile->curve->len > 0)
    g_array_append_vals (copy->curve, profile->curve->data, profile->curve->len);
  return copy;
}

static gboolean
finite_in (double v,
           double lo,
           double hi)
{
  return isfinite (v) && v >= lo && v <= hi;
}

gboolean
cw_car_profile_validate (const CwCarProfile  *profile,
                         GError             **error)
{
  g_return_val_if_fail (profile != NULL, FALSE);

#define INVALID(...) G_STMT_START { \
    g_set_error (error, CW_CAR_PROFILE_ERROR, CW_CAR_PROFILE_ERROR_INVALID, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

  if (profile->id == NULL || *profile->id == '\0')
    INVALID ("Car profile without an id");
  if (profile->name == NULL || *profile->name == '\0')
    INVALID ("Car profile “%s” has no name", profile->id);
  if (!finite_in (profile->battery_kwh, 1.0, 1000.0))
    INVALID ("Car profile “%s”: usable battery of %g kWh is not between 1 and 1000",
             profile->id, profile->battery_kwh);
  if (!finite_in (profile->consumption_wh_km, 20.0, 2000.0))
    INVALID ("Car profile “%s”: consumption of %g Wh/km is not between 20 and 2000",
             profile->id, profile->consumption_wh_km);
  if (!finite_in (profile->speed_factor, 0.0, 0.1))
    INVALID ("Car profile “%s”: speed factor %g is not between 0 and 0.1", profile->id,
             profile->speed_factor);
  if (!finite_in (profile->cold_factor, 0.0, 0.1))
    INVALID ("Car profile “%s”: cold factor %g is not between 0 and 0.1", profile->id,
             profile->cold_factor);
  if (!finite_in (profile->max_dc_kw, 0.0, 2000.0) || !finite_in (profile->max_ac_kw, 0.0, 100.0))
    INVALID ("Car profile “%s”: charging power out of range (DC 0–2000 kW, AC 0–100 kW)",
             profile->id);
  if (profile->max_dc_kw <= 0 && profile->max_ac_kw <= 0)
    INVALID ("Car profile “%s” cannot charge: no DC or AC power", profile->id);
  if ((profile->standards & ((G_GUINT64_CONSTANT (1) << CW_N_CONNECTOR_STANDARDS) - 2)) == 0)
    INVALID ("Car profile “%s” has no connector standard", profile->id);
  for (guint i = 0; i < profile->curve->len; i++)
    {
      const CwChargePoint *p = &g_array_index (profile->curve, CwChargePoint, i);

      if (!finite_in (p->soc, 0.0, 100.0) || !finite_in (p->kw, 0.1, 2000.0))
        INVALID ("Car profile “%s”: charge curve point %u (%g %%, %g kW) out of range "
                 "(0–100 %%, 0.1–2000 kW)", profile->id, i + 1, p->soc, p->kw);
      if (i > 0 && p->soc <= g_array_index (profile->curve, CwChargePoint, i - 1).soc)
        INVALID ("Car profile “%s”: charge curve points must have increasing state of charge",
                 profile->id);
    }
#undef INVALID
  return TRUE;
}

const char *
cw_car_profile_get_display_name (const CwCarProfile *profile)
{
  g_return_val_if_fail (profile != NULL, NULL);

  if (profile->generic && profile->name != NULL)
    return g_dgettext (GETTEXT_PACKAGE, profile->name);
  return profile->name;
}

/* ---- built-in profiles ---- */

typedef struct {
  const char   *id;
  const char   *name;
  double        battery_kwh, consumption_wh_km, speed_factor, cold_factor;
  double        max_dc_kw, max_ac_kw;
  CwChargePoint curve[8];
} Builtin;

/* Round figures in the range of cars sold in Europe around 2024, not
 * any one model: the names say "generic" so nobody takes them for more. */
static const Builtin builtins[] = {
  { "generic-city", N_("Generic small city car"), 38.0, 150.0, 0.009, 0.008, 50.0, 11.0,
    { { 0, 35 }, { 20, 46 }, { 55, 46 }, { 80, 28 }, { 100, 6 } } },
  { "generic-mid-size", N_("Generic mid-size car"), 60.0, 170.0, 0.008, 0.008, 130.0, 11.0,
    { { 0, 70 }, { 10, 120 }, { 45, 125 }, { 80, 55 }, { 100, 10 } } },
  { "generic-suv", N_("Generic large SUV"), 90.0, 230.0, 0.009, 0.007, 150.0, 11.0,
    { { 0, 90 }, { 10, 150 }, { 55, 140 }, { 80, 70 }, { 100, 12 } } },
  { "generic-long-range", N_("Generic long-range car"), 82.0, 165.0, 0.008, 0.007, 250.0, 11.0,
    { { 0, 140 }, { 10, 240 }, { 40, 215 }, { 60, 150 }, { 80, 80 }, { 100, 15 } } },
};

const char * const *
cw_car_profile_builtin_ids (void)
{
  static const char *ids[G_N_ELEMENTS (builtins) + 1];

  if (ids[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
      ids[i] = builtins[i].id;
  return ids;
}

CwCarProfile *
cw_car_profile_new_builtin (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      const Builtin *b = &builtins[i];
      CwCarProfile *p;

      if (strcmp (b->id, id) != 0)
        continue;
      p = cw_car_profile_new ();
      p->id = g_strdup (b->id);
      p->name = g_strdup (b->name);
      p->generic = TRUE;
      p->battery_kwh = b->battery_kwh;
      p->consumption_wh_km = b->consumption_wh_km;
      p->speed_factor = b->speed_factor;
      p->cold_factor = b->cold_factor;
      p->max_dc_kw = b->max_dc_kw;
      p->max_ac_kw = b->max_ac_kw;
      p->standards = (G_GUINT64_CONSTANT (1) << CW_CONNECTOR_IEC_62196_T2_COMBO) |
                     (G_GUINT64_CONSTANT (1) << CW_CONNECTOR_IEC_62196_T2);
      for (guint k = 0; k < G_N_ELEMENTS (b->curve) && b->curve[k].kw > 0; k++)
        g_array_append_val (p->curve, b->curve[k]);
      return p;
    }
  return NULL;
}

/* ---- the model ---- */

double
cw_car_profile_consumption_wh_km (const CwCarProfile *profile,
                                  double              speed_kmh,
                                  double              temperature_c)
{
  double f;

  g_return_val_if_fail (profile != NULL, 0.0);

  f = (1.0 + profile->speed_factor * (speed_kmh - CW_CAR_PROFILE_REF_SPEED_KMH)) *
      (1.0 + profile->cold_factor * MAX (0.0, CW_CAR_PROFILE_REF_TEMP_C - temperature_c));
  return profile->consumption_wh_km * MAX (0.5, f);
}

/* The curve's power at @soc, without a cap. */
static double
curve_at (const CwCarProfile *profile,
          double              soc)
{
  const CwChargePoint *pts = (const CwChargePoint *) (void *) profile->curve->data;
  guint n = profile->curve->len;

  if (n == 0)
    return G_MAXDOUBLE;
  if (soc <= pts[0].soc)
    return pts[0].kw;
  for (guint i = 1; i < n; i++)
    if (soc <= pts[i].soc)
      {
        double t = (soc - pts[i - 1].soc) / (pts[i].soc - pts[i - 1].soc);
        return pts[i - 1].kw + t * (pts[i].kw - pts[i - 1].kw);
      }
  return pts[n - 1].kw;
}

double
cw_car_profile_power_at (const CwCarProfile *profile,
                         double              soc,
                         double              cap_kw)
{
  g_return_val_if_fail (profile != NULL, 0.0);
  return MIN (curve_at (profile, soc), cap_kw);
}

/* Hours per kWh-fraction over [s0, s1] where power runs linearly from
 * p0 to p1 (both > 0): ∫ ds / p(s) = (s1 − s0) ln (p1 / p0) / (p1 − p0). */
static double
piece_integral (double s0,
                double s1,
                double p0,
                double p1)
{
  if (fabs (p1 - p0) <= FLAT_SLOPE * (s1 - s0))
    return (s1 - s0) / (0.5 * (p0 + p1));
  return (s1 - s0) * log (p1 / p0) / (p1 - p0);
}

/* Over [s0, s1] the curve is linear from c0 to c1; the cap may cut it. */
static double
capped_piece (double s0,
              double s1,
              double c0,
              double c1,
              double cap)
{
  double x;

  if (s1 <= s0)
    return 0.0;
  if (c0 <= cap && c1 <= cap)
    return piece_integral (s0, s1, c0, c1);
  if (c0 >= cap && c1 >= cap)
    return (s1 - s0) / cap;
  /* the curve crosses the cap at x */
  x = s0 + (cap - c0) * (s1 - s0) / (c1 - c0);
  x = CLAMP (x, s0, s1);
  if (c0 < cap)
    return piece_integral (s0, x, c0, cap) + (s1 - x) / cap;
  return (x - s0) / cap + piece_integral (x, s1, cap, c1);
}

double
cw_car_profile_charge_seconds (const CwCarProfile *profile,
                               double              soc_from,
                               double              soc_to,
                               double              cap_kw)
{
  const CwChargePoint *pts;
  double sum = 0.0, s;
  guint n;

  g_return_val_if_fail (profile != NULL, 0.0);
  g_return_val_if_fail (cap_kw > 0, 0.0);

  if (!(soc_to > soc_from))
    return 0.0;

  pts = (const CwChargePoint *) (void *) profile->curve->data;
  n = profile->curve->len;
  s = soc_from;
  /* Knots: the curve's points inside (from, to), then @soc_to; the curve
   * is linear between consecutive knots. */
  for (guint i = 0; i <= n && s < soc_to; i++)
    {
      double next = i < n ? MIN (pts[i].soc, soc_to) : soc_to;

      if (next <= s)
        continue;
      sum += capped_piece (s, next, curve_at (profile, s), curve_at (profile, next), cap_kw);
      s = next;
    }
  /* percent → kWh (battery / 100), hours → seconds */
  return sum * profile->battery_kwh / 100.0 * 3600.0;
}

/* ---- storage ---- */

GVariant *
cw_car_profile_to_variant (const CwCarProfile *profile)
{
  GVariantBuilder b, s, c;

  g_return_val_if_fail (profile != NULL, NULL);

  g_variant_builder_init (&s, G_VARIANT_TYPE ("as"));
  for (guint i = 1; i < CW_N_CONNECTOR_STANDARDS; i++)
    if (profile->standards & (G_GUINT64_CONSTANT (1) << i))
      g_variant_builder_add (&s, "s", cw_connector_standard_to_string (i));
  g_variant_builder_init (&c, G_VARIANT_TYPE ("a(dd)"));
  for (guint i = 0; i < profile->curve->len; i++)
    {
      const CwChargePoint *p = &g_array_index (profile->curve, CwChargePoint, i);
      g_variant_builder_add (&c, "(dd)", p->soc, p->kw);
    }

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "id", g_variant_new_string (profile->id ? profile->id : ""));
  g_variant_builder_add (&b, "{sv}", "name", g_variant_new_string (profile->name ? profile->name : ""));
  g_variant_builder_add (&b, "{sv}", "generic", g_variant_new_boolean (profile->generic));
  g_variant_builder_add (&b, "{sv}", "battery-kwh", g_variant_new_double (profile->battery_kwh));
  g_variant_builder_add (&b, "{sv}", "consumption-wh-km",
                         g_variant_new_double (profile->consumption_wh_km));
  g_variant_builder_add (&b, "{sv}", "speed-factor", g_variant_new_double (profile->speed_factor));
  g_variant_builder_add (&b, "{sv}", "cold-factor", g_variant_new_double (profile->cold_factor));
  g_variant_builder_add (&b, "{sv}", "max-dc-kw", g_variant_new_double (profile->max_dc_kw));
  g_variant_builder_add (&b, "{sv}", "max-ac-kw", g_variant_new_double (profile->max_ac_kw));
  g_variant_builder_add (&b, "{sv}", "standards", g_variant_builder_end (&s));
  g_variant_builder_add (&b, "{sv}", "curve", g_variant_builder_end (&c));
  return g_variant_builder_end (&b);
}

static gboolean
lookup_double (GVariantDict  *dict,
               const char    *key,
               double        *out,
               GError       **error)
{
  if (g_variant_dict_lookup (dict, key, "d", out))
    return TRUE;
  g_set_error (error, CW_CAR_PROFILE_ERROR, CW_CAR_PROFILE_ERROR_INVALID,
               "Car profile: “%s” missing or not a number", key);
  return FALSE;
}

CwCarProfile *
cw_car_profile_new_from_variant (GVariant  *variant,
                                 GError   **error)
{
  g_autoptr (CwCarProfile) p = NULL;
  g_autoptr (GVariant) standards = NULL;
  g_autoptr (GVariant) curve = NULL;
  GVariantDict dict;
  gboolean ok;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error (error, CW_CAR_PROFILE_ERROR, CW_CAR_PROFILE_ERROR_INVALID,
                   "Car profile: expected a dictionary a{sv}, got %s",
                   g_variant_get_type_string (variant));
      return NULL;
    }

  p = cw_car_profile_new ();
  g_variant_dict_init (&dict, variant);
  g_variant_dict_lookup (&dict, "id", "s", &p->id);
  g_variant_dict_lookup (&dict, "name", "s", &p->name);
  g_variant_dict_lookup (&dict, "generic", "b", &p->generic);
  ok = lookup_double (&dict, "battery-kwh", &p->battery_kwh, error) &&
       lookup_double (&dict, "consumption-wh-km", &p->consumption_wh_km, error) &&
       lookup_double (&dict, "max-dc-kw", &p->max_dc_kw, error) &&
       lookup_double (&dict, "max-ac-kw", &p->max_ac_kw, error);
  /* the factors may be left out: no change with speed or cold */
  g_variant_dict_lookup (&dict, "speed-factor", "d", &p->speed_factor);
  g_variant_dict_lookup (&dict, "cold-factor", "d", &p->cold_factor);
  standards = g_variant_dict_lookup_value (&dict, "standards", G_VARIANT_TYPE ("as"));
  curve = g_variant_dict_lookup_value (&dict, "curve", G_VARIANT_TYPE ("a(dd)"));
  g_variant_dict_clear (&dict);
  if (!ok)
    return NULL;

  if (standards != NULL)
    {
      GVariantIter iter;
      const char *name;

      g_variant_iter_init (&iter, standards);
      while (g_variant_iter_next (&iter, "&s", &name))
        {
          CwConnectorStandard st;
          if (cw_connector_standard_from_string (name, &st) && st != CW_CONNECTOR_UNKNOWN)
            p->standards |= G_GUINT64_CONSTANT (1) << st;
        }
    }
  if (curve != NULL)
    {
      GVariantIter iter;
      CwChargePoint pt;

      g_variant_iter_init (&iter, curve);
      while (g_variant_iter_next (&iter, "(dd)", &pt.soc, &pt.kw))
        g_array_append_val (p->curve, pt);
    }

  if (!cw_car_profile_validate (p, error))
    return NULL;
  return g_steal_pointer (&p);
}

char *
cw_car_profile_to_string (const CwCarProfile *profile)
{
  g_autoptr (GVariant) v = NULL;

  g_return_val_if_fail (profile != NULL, NULL);

  v = g_variant_ref_sink (cw_car_profile_to_variant (profile));
  return g_variant_print (v, TRUE);
}

CwCarProfile *
cw_car_profile_new_from_string (const char  *text,
                                GError     **error)
{
  g_autoptr (GVariant) v = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  v = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &local_error);
  if (v == NULL)
    {
      g_set_error (error, CW_CAR_PROFILE_ERROR, CW_CAR_PROFILE_ERROR_INVALID,
                   "Car profile: not a GVariant dictionary: %s", local_error->message);
      return NULL;
    }
  return cw_car_profile_new_from_variant (v, error);
}
