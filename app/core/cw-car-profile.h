/* cw-car-profile.h: what a car needs to plan charging stops
 *
 * A profile is a reference-counted boxed struct with public fields.
 * Treat a shared profile as read-only; to edit one, take a
 * cw_car_profile_copy () and change that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cw-types.h"

G_BEGIN_DECLS

#define CW_TYPE_CAR_PROFILE (cw_car_profile_get_type ())

#define CW_CAR_PROFILE_ERROR (cw_car_profile_error_quark ())

typedef enum {
  CW_CAR_PROFILE_ERROR_INVALID,   /* a field missing, of the wrong type or out of range */
  CW_CAR_PROFILE_ERROR_UNKNOWN,   /* no built-in profile of that id */
} CwCarProfileError;

/* Consumption is stated at this speed and temperature; the factors
 * below scale it away from there. */
#define CW_CAR_PROFILE_REF_SPEED_KMH 100.0
#define CW_CAR_PROFILE_REF_TEMP_C    20.0

/* One point of the charge curve: at @soc percent the battery takes at
 * most @kw. Between points power is linear in SoC; before the first
 * and after the last it stays at the nearest point's power. */
typedef struct {
  double soc;                   /* percent, 0…100 */
  double kw;                    /* > 0 */
} CwChargePoint;

typedef struct {
  char     *id;                 /* "generic-mid-size", or the user's own, unique */
  char     *name;               /* for generic profiles an English msgid: show cw_car_profile_get_display_name () */
  gboolean  generic;            /* a built-in, generic estimate, not a real model */
  double    battery_kwh;        /* usable capacity */
  double    consumption_wh_km;  /* at CW_CAR_PROFILE_REF_SPEED_KMH and _REF_TEMP_C */
  double    speed_factor;       /* consumption change per km/h away from the reference speed, as a fraction (0.008 = +0.8 % per km/h) */
  double    cold_factor;        /* consumption increase per °C below the reference temperature, as a fraction */
  double    max_dc_kw;          /* 0: cannot charge on DC */
  double    max_ac_kw;          /* 0: cannot charge on AC */
  guint64   standards;          /* bit CwConnectorStandard, as cw_station_get_standards () */
  GArray   *curve;              /* CwChargePoint, strictly increasing soc; may be empty (flat at max kW) */
  /*< private >*/
  gatomicrefcount ref_count;
} CwCarProfile;

GType         cw_car_profile_get_type        (void) G_GNUC_CONST;
GQuark        cw_car_profile_error_quark     (void);

/* An empty profile (id and name NULL, zeros, no standards, empty
 * curve): fill it in, then check it with cw_car_profile_validate (). */
CwCarProfile *cw_car_profile_new             (void);
CwCarProfile *cw_car_profile_ref             (CwCarProfile       *profile);
void          cw_car_profile_unref           (CwCarProfile       *profile);
/* A deep copy with its own reference count of 1. */
CwCarProfile *cw_car_profile_copy            (const CwCarProfile *profile);

/* FALSE with CW_CAR_PROFILE_ERROR_INVALID when the profile cannot be
 * planned with: no id or name, battery or consumption not positive,
 * no charging power at all, no connector standard, a curve point out
 * of range or out of order. */
gboolean      cw_car_profile_validate        (const CwCarProfile *profile,
                                              GError            **error);

/* The translated name for generic profiles, the name itself for the
 * user's own. */
const char   *cw_car_profile_get_display_name (const CwCarProfile *profile);

/* ---- built-in generic profiles ---- */

/* Ids of the built-in profiles, NULL-terminated, in display order:
 * "generic-city", "generic-mid-size", "generic-suv", "generic-long-range". */
const char * const *cw_car_profile_builtin_ids (void);
/* A new reference to a fresh built-in profile, or NULL. */
CwCarProfile *cw_car_profile_new_builtin     (const char         *id);

/* ---- the model ---- */

/* Wh/km at a steady @speed_kmh and outside @temperature_c: the
 * reference consumption × (1 + speed_factor × (speed − ref speed)) ×
 * (1 + cold_factor × max (0, ref temp − temperature)), never below
 * half the reference. */
double        cw_car_profile_consumption_wh_km (const CwCarProfile *profile,
                                                double              speed_kmh,
                                                double              temperature_c);

/* The power the battery takes at @soc percent on a charger that gives
 * at most @cap_kw: min (curve (soc), cap_kw). */
double        cw_car_profile_power_at        (const CwCarProfile *profile,
                                              double              soc,
                                              double              cap_kw);

/* Seconds to charge from @soc_from to @soc_to percent (0 when @soc_to ≤
 * @soc_from) at min (curve, @cap_kw): the integral of battery_kwh / 100
 * / power over SoC, exact for the piecewise-linear curve (a logarithm
 * on each sloped piece, a division on each flat one). @cap_kw must be
 * positive. */
double        cw_car_profile_charge_seconds  (const CwCarProfile *profile,
                                              double              soc_from,
                                              double              soc_to,
                                              double              cap_kw);

/* ---- storage ---- */

/* An a{sv} dictionary: "id" s, "name" s, "generic" b, "battery-kwh" d,
 * "consumption-wh-km" d, "speed-factor" d, "cold-factor" d,
 * "max-dc-kw" d, "max-ac-kw" d, "standards" as (OCPI names), "curve"
 * a(dd). Floating, as g_variant_new () returns; an aa{sv} of these
 * keeps a user's profiles in GSettings. */
GVariant     *cw_car_profile_to_variant      (const CwCarProfile *profile);
/* Reads what cw_car_profile_to_variant () wrote (unknown keys and
 * unknown standard names are ignored) and validates it. */
CwCarProfile *cw_car_profile_new_from_variant (GVariant          *variant,
                                               GError           **error);
/* The variant in GVariant text format, and back: for files and the
 * command line. */
char         *cw_car_profile_to_string       (const CwCarProfile *profile);
CwCarProfile *cw_car_profile_new_from_string (const char         *text,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwCarProfile, cw_car_profile_unref)

G_END_DECLS
