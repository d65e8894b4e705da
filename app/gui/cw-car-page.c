/* cw-car-page.c
 *
 * Generic profiles are shown and can be copied, never changed: they are
 * estimates of a kind of car, and say so. The user's own are edited in
 * place and saved as a whole ("Save"), so a half-typed curve never
 * reaches a plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-car-page"

#include <glib/gi18n.h>

#include "cw-car-page.h"
#include "cw-car-settings.h"

#define N_CURVE_ROWS 6

static const struct {
  CwConnectorStandard standard;
  const char         *label;
} connector_choices[] = {
  { CW_CONNECTOR_IEC_62196_T2_COMBO, N_("CCS") },
  { CW_CONNECTOR_IEC_62196_T2,       N_("Type 2") },
  { CW_CONNECTOR_CHADEMO,            N_("CHAdeMO") },
  { CW_CONNECTOR_TESLA_S,            N_("Tesla") },
};

struct _CwCarPage
{
  AdwPreferencesPage parent_instance;

  GSettings    *settings;
  GPtrArray    *profiles;       /* CwCarProfile*: built-in, then own */
  char        **ids;
  gboolean      filling;

  AdwComboRow  *car_row;
  AdwPreferencesGroup *editor;
  AdwPreferencesGroup *curve_group;
  GtkWidget    *name_row;
  GtkWidget    *battery;
  GtkWidget    *consumption;
  GtkWidget    *dc;
  GtkWidget    *ac;
  GtkWidget    *connectors[G_N_ELEMENTS (connector_choices)];
  GtkWidget    *soc[N_CURVE_ROWS];
  GtkWidget    *kw[N_CURVE_ROWS];
  GtkWidget    *copy_button;
  GtkWidget    *save_button;
  GtkWidget    *delete_button;
};

G_DEFINE_FINAL_TYPE (CwCarPage, cw_car_page, ADW_TYPE_PREFERENCES_PAGE)

static CwCarProfile *
current (CwCarPage *self)
{
  guint i = adw_combo_row_get_selected (self->car_row);

  return i < self->profiles->len ? g_ptr_array_index (self->profiles, i) : NULL;
}

static void
toast (CwCarPage  *self,
       const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static void
fill_editor (CwCarPage *self)
{
  CwCarProfile *p = current (self);
  gboolean own = p != NULL && !p->generic;

  if (p == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), cw_car_profile_get_display_name (p));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->battery), p->battery_kwh);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->consumption), p->consumption_wh_km);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->dc), p->max_dc_kw);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->ac), p->max_ac_kw);
  for (guint i = 0; i < G_N_ELEMENTS (connector_choices); i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->connectors[i]),
                                 (p->standards >> connector_choices[i].standard) & 1);
  for (guint i = 0; i < N_CURVE_ROWS; i++)
    {
      const CwChargePoint *pt = i < p->curve->len ? &g_array_index (p->curve, CwChargePoint, i) : NULL;

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->soc[i]), pt ? pt->soc : 0);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->kw[i]), pt ? pt->kw : 0);
    }

  /* Generic profiles are read only: copy one to change it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor), own);
  gtk_widget_set_sensitive (GTK_WIDGET (self->curve_group), own);
  gtk_widget_set_visible (self->save_button, own);
  gtk_widget_set_visible (self->delete_button, own);
  adw_preferences_group_set_description (self->editor, own ? NULL :
    _("A generic profile is a rough estimate for a kind of car, not a real model. "
      "Make a copy to enter your own car's figures."));
}

/* Built-in, then the user's own; the combo row shows them in that order. */
static void
reload (CwCarPage  *self,
        const char *select_id)
{
  const char * const *builtin = cw_car_profile_builtin_ids ();
  g_autoptr (GPtrArray) own = cw_car_settings_load_own (self->settings);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *chosen = select_id ? g_strdup (select_id) : g_settings_get_string (self->settings, "car-profile");
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();
  guint selected = 0;

  self->filling = TRUE;
  g_ptr_array_set_size (self->profiles, 0);
  for (guint i = 0; builtin[i] != NULL; i++)
    g_ptr_array_add (self->profiles, cw_car_profile_new_builtin (builtin[i]));
  for (guint i = 0; i < own->len; i++)
    g_ptr_array_add (self->profiles, cw_car_profile_ref (g_ptr_array_index (own, i)));

  for (guint i = 0; i < self->profiles->len; i++)
    {
      CwCarProfile *p = g_ptr_array_index (self->profiles, i);

      gtk_string_list_append (names, cw_car_profile_get_display_name (p));
      g_strv_builder_add (ids, p->id);
      if (g_strcmp0 (p->id, chosen) == 0)
        selected = i;
    }
  g_strfreev (self->ids);
  self->ids = g_strv_builder_end (ids);
  adw_combo_row_set_model (self->car_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->car_row, selected);
  self->filling = FALSE;
  fill_editor (self);
}

static void
on_car_selected (CwCarPage *self)
{
  CwCarProfile *p = current (self);

  if (self->filling || p == NULL)
    return;
  g_settings_set_string (self->settings, "car-profile", p->id);
  fill_editor (self);
}

static GPtrArray *
own_profiles (CwCarPage *self)
{
  GPtrArray *own = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_car_profile_unref);

  for (guint i = 0; i < self->profiles->len; i++)
    {
      CwCarProfile *p = g_ptr_array_index (self->profiles, i);

      if (!p->generic)
        g_ptr_array_add (own, cw_car_profile_ref (p));
    }
  return own;
}

static int
point_compare (gconstpointer a,
               gconstpointer b)
{
  const CwChargePoint *pa = a, *pb = b;

  return (pa->soc > pb->soc) - (pa->soc < pb->soc);
}

/* The editor's figures on a copy of @base. */
static CwCarProfile *
profile_from_editor (CwCarPage          *self,
                     const CwCarProfile *base)
{
  CwCarProfile *p = cw_car_profile_copy (base);

  g_free (p->name);
  p->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  p->battery_kwh = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->battery));
  p->consumption_wh_km = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->consumption));
  p->max_dc_kw = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->dc));
  p->max_ac_kw = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->ac));
  for (guint i = 0; i < G_N_ELEMENTS (connector_choices); i++)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << connector_choices[i].standard;

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->connectors[i])))
        p->standards |= bit;
      else
        p->standards &= ~bit;
    }
  /* Rows at 0 kW are unused; the rest in order of charge. */
  g_array_set_size (p->curve, 0);
  for (guint i = 0; i < N_CURVE_ROWS; i++)
    {
      CwChargePoint pt = { gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->soc[i])),
                           gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->kw[i])) };

      if (pt.kw > 0)
        g_array_append_val (p->curve, pt);
    }
  g_array_sort (p->curve, point_compare);
  return p;
}

static void
store_and_select (CwCarPage  *self,
                  GPtrArray  *own,
                  const char *id)
{
  cw_car_settings_save_own (self->settings, own);
  g_settings_set_string (self->settings, "car-profile", id);
  reload (self, id);
}

static void
on_copy (CwCarPage *self)
{
  CwCarProfile *base = current (self);
  g_autoptr (CwCarProfile) copy = NULL;
  g_autoptr (GPtrArray) own = NULL;
  g_autofree char *id = NULL;

  if (base == NULL)
    return;
  copy = cw_car_profile_copy (base);
  /* Unique among the user's own: the time it was made. */
  id = g_strdup_printf ("own-%" G_GINT64_FORMAT, g_get_real_time ());
  g_free (copy->id);
  copy->id = g_strdup (id);
  g_free (copy->name);
  /* Translators: the name of a copy of a car profile: "My Generic mid-size car" */
  copy->name = g_strdup_printf (_("My %s"), cw_car_profile_get_display_name (base));
  copy->generic = FALSE;
  own = own_profiles (self);
  g_ptr_array_add (own, g_steal_pointer (&copy));
  store_and_select (self, own, id);
}

static void
on_save (CwCarPage *self)
{
  CwCarProfile *base = current (self);
  g_autoptr (CwCarProfile) edited = NULL;
  g_autoptr (GPtrArray) own = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  if (base == NULL || base->generic)
    return;
  edited = profile_from_editor (self, base);
  if (!cw_car_profile_validate (edited, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Not saved: %s"), error->message);
      toast (self, msg);
      return;
    }
  id = g_strdup (base->id);
  own = own_profiles (self);
  for (guint i = 0; i < own->len; i++)
    if (g_strcmp0 (((CwCarProfile *) g_ptr_array_index (own, i))->id, id) == 0)
      {
        cw_car_profile_unref (g_ptr_array_index (own, i));
        g_ptr_array_index (own, i) = g_steal_pointer (&edited);
        break;
      }
  store_and_select (self, own, id);
  toast (self, _("Car saved"));
}

static void
on_delete (CwCarPage *self)
{
  CwCarProfile *base = current (self);
  g_autoptr (GPtrArray) own = NULL;
  g_autofree char *id = NULL;

  if (base == NULL || base->generic)
    return;
  id = g_strdup (base->id);
  own = own_profiles (self);
  for (guint i = 0; i < own->len; i++)
    if (g_strcmp0 (((CwCarProfile *) g_ptr_array_index (own, i))->id, id) == 0)
      {
        g_ptr_array_remove_index (own, i);
        break;
      }
  store_and_select (self, own, CW_CAR_SETTINGS_DEFAULT_ID);
}

static GtkWidget *
spin_row (AdwPreferencesGroup *group,
          const char          *title,
          const char          *subtitle,
          const char          *name,
          double               min,
          double               max,
          double               step)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (spin, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return spin;
}

static void
build_curve (CwCarPage *self)
{
  self->curve_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->curve_group, _("Charge Curve"));
  adw_preferences_group_set_description (self->curve_group,
    _("The most power the battery takes at a charge level; in between, power changes in a "
      "straight line. Rows at 0 kW are not used."));
  for (guint i = 0; i < N_CURVE_ROWS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("Point %u"), i + 1);
      g_autofree char *soc_name = g_strdup_printf ("soc-%u", i);
      g_autofree char *kw_name = g_strdup_printf ("kw-%u", i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      self->soc[i] = gtk_spin_button_new_with_range (0, 100, 5);
      self->kw[i] = gtk_spin_button_new_with_range (0, 400, 5);
      gtk_widget_set_name (self->soc[i], soc_name);
      gtk_widget_set_name (self->kw[i], kw_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->soc[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Charge level in percent"), -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->kw[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Power in kW"), -1);
      gtk_widget_set_valign (self->soc[i], GTK_ALIGN_CENTER);
      gtk_widget_set_valign (self->kw[i], GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->soc[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("%"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->kw[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (_("kW")));
      adw_preferences_group_add (self->curve_group, row);
    }
}

static void
build (CwCarPage *self)
{
  AdwPreferencesGroup *choice = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *actions = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *connectors_row = adw_action_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Car"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "battery-level-70-charging-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "car");

  adw_preferences_group_set_title (choice, _("Car"));
  adw_preferences_group_set_description (choice, _("Trip plans choose charging stops for this car."));
  self->car_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->car_row), _("Plan For"));
  adw_preferences_group_add (choice, GTK_WIDGET (self->car_row));

  self->editor = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->editor, _("Figures"));
  self->name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  gtk_widget_set_name (self->name_row, "name");
  adw_preferences_group_add (self->editor, self->name_row);
  self->battery = spin_row (self->editor, _("Usable Battery"), _("kWh"), "battery", 5, 250, 1);
  self->consumption = spin_row (self->editor, _("Consumption"), _("Wh per km at 100 km/h"),
                                "consumption", 50, 500, 5);
  self->dc = spin_row (self->editor, _("Fastest DC Charging"), _("kW; 0 when the car has no DC inlet"),
                       "dc", 0, 500, 5);
  self->ac = spin_row (self->editor, _("Fastest AC Charging"), _("kW"), "ac", 0, 43, 1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (connectors_row), _("Connectors"));
  for (guint i = 0; i < G_N_ELEMENTS (connector_choices); i++)
    {
      self->connectors[i] = gtk_check_button_new_with_label (_(connector_choices[i].label));
      gtk_widget_set_valign (self->connectors[i], GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (connectors_row), self->connectors[i]);
    }
  adw_preferences_group_add (self->editor, connectors_row);

  build_curve (self);

  self->copy_button = gtk_button_new_with_mnemonic (_("Make a _Copy"));
  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  self->delete_button = gtk_button_new_with_mnemonic (_("_Delete"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_widget_add_css_class (self->delete_button, "destructive-action");
  gtk_widget_set_name (self->copy_button, "copy");
  gtk_widget_set_name (self->save_button, "save");
  gtk_widget_set_name (self->delete_button, "delete");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), self->delete_button);
  gtk_box_append (GTK_BOX (buttons), self->copy_button);
  gtk_box_append (GTK_BOX (buttons), self->save_button);
  adw_preferences_group_add (actions, buttons);
  g_signal_connect_swapped (self->copy_button, "clicked", G_CALLBACK (on_copy), self);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (on_delete), self);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), choice);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->editor);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->curve_group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), actions);
  g_signal_connect_swapped (self->car_row, "notify::selected", G_CALLBACK (on_car_selected), self);
}

static void
cw_car_page_dispose (GObject *object)
{
  CwCarPage *self = CW_CAR_PAGE (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (cw_car_page_parent_class)->dispose (object);
}

static void
cw_car_page_finalize (GObject *object)
{
  CwCarPage *self = CW_CAR_PAGE (object);

  g_ptr_array_unref (self->profiles);
  g_strfreev (self->ids);
  G_OBJECT_CLASS (cw_car_page_parent_class)->finalize (object);
}

static void
cw_car_page_class_init (CwCarPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cw_car_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = cw_car_page_finalize;
}

static void
cw_car_page_init (CwCarPage *self)
{
  self->profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_car_profile_unref);
}

GtkWidget *
cw_car_page_new (GSettings *settings)
{
  CwCarPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CW_TYPE_CAR_PAGE, NULL);
  self->settings = g_object_ref (settings);
  build (self);
  reload (self, NULL);
  return GTK_WIDGET (self);
}

const char * const *
_cw_car_page_get_ids (CwCarPage *self)
{
  return (const char * const *) self->ids;
}

void
_cw_car_page_choose (CwCarPage  *self,
                     const char *id)
{
  for (guint i = 0; self->ids[i] != NULL; i++)
    if (g_strcmp0 (self->ids[i], id) == 0)
      adw_combo_row_set_selected (self->car_row, i);
}

GtkWidget *
_cw_car_page_get_field (CwCarPage  *self,
                        const char *name)
{
  if (g_str_equal (name, "name"))
    return self->name_row;
  if (g_str_equal (name, "battery"))
    return self->battery;
  if (g_str_equal (name, "consumption"))
    return self->consumption;
  if (g_str_equal (name, "dc"))
    return self->dc;
  if (g_str_equal (name, "ac"))
    return self->ac;
  if (g_str_equal (name, "copy"))
    return self->copy_button;
  if (g_str_equal (name, "save"))
    return self->save_button;
  if (g_str_equal (name, "delete"))
    return self->delete_button;
  for (guint i = 0; i < N_CURVE_ROWS; i++)
    {
      g_autofree char *soc_name = g_strdup_printf ("soc-%u", i);
      g_autofree char *kw_name = g_strdup_printf ("kw-%u", i);

      if (g_str_equal (name, soc_name))
        return self->soc[i];
      if (g_str_equal (name, kw_name))
        return self->kw[i];
    }
  return NULL;
}
