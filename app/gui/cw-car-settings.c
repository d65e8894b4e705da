/* cw-car-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-car-settings"

#include "cw-car-settings.h"

GPtrArray *
cw_car_settings_load_own (GSettings *settings)
{
  GPtrArray *own = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_car_profile_unref);
  g_autoptr (GVariant) list = NULL;
  GVariantIter iter;
  GVariant *dict;

  if (settings == NULL)
    return own;
  list = g_settings_get_value (settings, "car-profiles");
  g_variant_iter_init (&iter, list);
  while ((dict = g_variant_iter_next_value (&iter)))
    {
      g_autoptr (GError) error = NULL;
      CwCarProfile *profile = cw_car_profile_new_from_variant (dict, &error);

      if (profile != NULL && !profile->generic)
        g_ptr_array_add (own, profile);
      else if (profile != NULL)
        cw_car_profile_unref (profile);   /* built-ins are never stored */
      else
        g_warning ("A stored car profile is skipped: %s", error->message);
      g_variant_unref (dict);
    }
  return own;
}

void
cw_car_settings_save_own (GSettings *settings,
                          GPtrArray *profiles)
{
  GVariantBuilder builder;

  g_return_if_fail (G_IS_SETTINGS (settings));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; profiles != NULL && i < profiles->len; i++)
    g_variant_builder_add_value (&builder, cw_car_profile_to_variant (g_ptr_array_index (profiles, i)));
  g_settings_set_value (settings, "car-profiles", g_variant_builder_end (&builder));
}

CwCarProfile *
cw_car_settings_lookup (GSettings  *settings,
                        const char *id)
{
  g_autoptr (GPtrArray) own = NULL;
  CwCarProfile *builtin;

  if (id == NULL)
    return NULL;
  if ((builtin = cw_car_profile_new_builtin (id)) != NULL)
    return builtin;
  own = cw_car_settings_load_own (settings);
  for (guint i = 0; i < own->len; i++)
    {
      CwCarProfile *p = g_ptr_array_index (own, i);

      if (g_strcmp0 (p->id, id) == 0)
        return cw_car_profile_ref (p);
    }
  return NULL;
}

CwCarProfile *
cw_car_settings_get_chosen (GSettings *settings)
{
  g_autofree char *id = settings ? g_settings_get_string (settings, "car-profile") : NULL;
  CwCarProfile *profile = cw_car_settings_lookup (settings, id);

  if (profile == NULL)
    profile = cw_car_profile_new_builtin (CW_CAR_SETTINGS_DEFAULT_ID);
  g_assert (profile != NULL);
  return profile;
}
