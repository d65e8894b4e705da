/* cw-car-settings.h: the car profiles kept in GSettings
 *
 * "car-profile" names the car planned for (a built-in generic profile
 * or one of the user's own); "car-profiles" holds the user's own, as
 * cw_car_profile_to_variant () writes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-car-profile.h"

G_BEGIN_DECLS

#define CW_CAR_SETTINGS_DEFAULT_ID "generic-mid-size"

/* The user's own profiles (CwCarProfile*); ones that no longer read or
 * validate are left out with a warning. @settings may be NULL. */
GPtrArray    *cw_car_settings_load_own   (GSettings    *settings);
/* Replaces the user's own profiles with @profiles (CwCarProfile*). */
void          cw_car_settings_save_own   (GSettings    *settings,
                                          GPtrArray    *profiles);
/* The profile of @id among the built-in and the user's own, or NULL. */
CwCarProfile *cw_car_settings_lookup     (GSettings    *settings,
                                          const char   *id);
/* The car chosen in @settings; the default generic one when none is
 * set, or the one set is gone. Never NULL. */
CwCarProfile *cw_car_settings_get_chosen (GSettings    *settings);

G_END_DECLS
