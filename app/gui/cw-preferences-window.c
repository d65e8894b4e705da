/* cw-preferences-window.c
 *
 * The source is chosen here and applied as a whole ("Use This
 * Source"), so a half-typed URL never starts a sync. Tokens and keys
 * go to the keyring (cw-secrets), never into GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-preferences"

#include <glib/gi18n.h>

#include "cw-car-page.h"
#include "cw-format.h"
#include "cw-preferences-networks.h"
#include "cw-preferences-window-private.h"
#include "cw-secrets.h"
#include "cw-source.h"

enum {
  SOURCE_DEMO,
  SOURCE_OCPI,
  SOURCE_OCM,
  SOURCE_FEEDS,
};

struct _CwPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings    *settings;
  AdwComboRow  *source_row;
  AdwEntryRow  *ocpi_url_row;
  AdwEntryRow  *ocpi_token_row;
  AdwEntryRow  *ocm_key_row;
  GtkWidget    *apply_button;
  GtkLabel     *source_status;
  AdwEntryRow  *tiles_row;
  AdwEntryRow  *dark_tiles_row;
  AdwComboRow  *units_row;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (CwPreferencesWindow, cw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_visibility (CwPreferencesWindow *self)
{
  guint which = adw_combo_row_get_selected (self->source_row);

  gtk_widget_set_visible (GTK_WIDGET (self->ocpi_url_row), which == SOURCE_OCPI);
  gtk_widget_set_visible (GTK_WIDGET (self->ocpi_token_row), which == SOURCE_OCPI);
  gtk_widget_set_visible (GTK_WIDGET (self->ocm_key_row), which == SOURCE_OCM);
}

static void
secret_stored (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!cw_secrets_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (user_data), adw_toast_new (error->message));
    }
}

static void
apply_source (CwPreferencesWindow *self)
{
  guint which = adw_combo_row_get_selected (self->source_row);
  g_autofree char *spec = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) parsed = NULL;
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->ocpi_url_row));
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->ocpi_token_row));
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->ocm_key_row));

  switch (which)
    {
    case SOURCE_OCPI:
      spec = g_strconcat ("ocpi:", url, NULL);
      break;
    case SOURCE_OCM:
      spec = g_strdup ("ocm");
      break;
    case SOURCE_FEEDS:
      {
        g_auto (GStrv) enabled = g_settings_get_strv (self->settings, "enabled-feeds");
        g_autofree char *current = g_settings_get_string (self->settings, "source");

        /* A feed already the source stays so. */
        if (g_str_has_prefix (current, "feed:"))
          {
            spec = g_steal_pointer (&current);
            break;
          }
        if (enabled[0] == NULL)
          {
            gtk_label_set_text (self->source_status, _("Switch a network on in Networks first."));
            return;
          }
        spec = g_strconcat ("feed:", enabled[0], NULL);
      }
      break;
    case SOURCE_DEMO:
    default:
      spec = g_strdup ("demo");
      break;
    }

  if (which != SOURCE_OCM && !(parsed = cw_source_spec_parse (spec, &error)))
    {
      gtk_label_set_text (self->source_status, error->message);
      return;
    }

  if (which == SOURCE_OCPI && *token != '\0')
    cw_secrets_store_async ("ocpi-token", url, token, self->cancellable, secret_stored, self);
  if (which == SOURCE_OCM && *key != '\0')
    cw_secrets_store_async ("ocm-key", "https://api.openchargemap.io/v3", key,
                            self->cancellable, secret_stored, self);

  g_settings_set_string (self->settings, "source", spec);
  gtk_label_set_text (self->source_status, _("In use"));
}

static void
load_from_settings (CwPreferencesWindow *self)
{
  g_autofree char *spec = g_settings_get_string (self->settings, "source");
  g_autofree char *tiles = g_settings_get_string (self->settings, "tile-source");

  if (g_str_has_prefix (spec, "ocpi:"))
    {
      adw_combo_row_set_selected (self->source_row, SOURCE_OCPI);
      gtk_editable_set_text (GTK_EDITABLE (self->ocpi_url_row), spec + 5);
    }
  else if (g_str_equal (spec, "ocm"))
    adw_combo_row_set_selected (self->source_row, SOURCE_OCM);
  else if (g_str_has_prefix (spec, "feed:"))
    adw_combo_row_set_selected (self->source_row, SOURCE_FEEDS);
  else
    adw_combo_row_set_selected (self->source_row, SOURCE_DEMO);
  g_autofree char *dark_tiles = g_settings_get_string (self->settings, "dark-tile-source");
  g_autofree char *units = g_settings_get_string (self->settings, "distance-units");

  gtk_editable_set_text (GTK_EDITABLE (self->tiles_row), tiles);
  gtk_editable_set_text (GTK_EDITABLE (self->dark_tiles_row), dark_tiles);
  adw_combo_row_set_selected (self->units_row, cw_distance_units_from_string (units));
  update_visibility (self);
}

static void
on_tiles_apply (CwPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "tile-source",
                         gtk_editable_get_text (GTK_EDITABLE (self->tiles_row)));
}

static void
on_dark_tiles_apply (CwPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "dark-tile-source",
                         gtk_editable_get_text (GTK_EDITABLE (self->dark_tiles_row)));
}

/* A dark raster style on one host (libshumate fills in {z}/{x}/{y} only). */
#define CARTO_DARK_MATTER "https://a.basemaps.cartocdn.com/dark_all/{z}/{x}/{y}.png"

static void
on_use_carto_dark (CwPreferencesWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->dark_tiles_row), CARTO_DARK_MATTER);
  on_dark_tiles_apply (self);
}

static void
on_units_selected (CwPreferencesWindow *self)
{
  static const char *names[] = {
    [CW_DISTANCE_UNITS_AUTO] = "auto",
    [CW_DISTANCE_UNITS_KILOMETRES] = "kilometres",
    [CW_DISTANCE_UNITS_MILES] = "miles",
  };
  guint which = adw_combo_row_get_selected (self->units_row);

  if (which < G_N_ELEMENTS (names))
    g_settings_set_string (self->settings, "distance-units", names[which]);
}

static AdwEntryRow *
entry_row (AdwPreferencesGroup *group,
           const char          *title,
           gboolean             password)
{
  GtkWidget *row = password ? adw_password_entry_row_new () : adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static void
build (CwPreferencesWindow *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *data = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *updates = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *map = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkStringList *choices = gtk_string_list_new ((const char *[]) {
    _("Demo network (fictional)"), _("OCPI 2.2.1 server"), _("Open Charge Map"),
    _("Open networks only (see Networks)"), NULL });
  AdwPreferencesGroup *units = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkStringList *unit_choices = gtk_string_list_new ((const char *[]) {
    /* Translators: distance units chosen by the region */
    C_("units", "Automatic"), _("Kilometres"), _("Miles"), NULL });
  GtkWidget *interval_row, *spin, *apply_row, *carto;

  adw_preferences_page_set_title (page, _("Data"));
  adw_preferences_page_set_icon_name (page, "network-server-symbolic");

  adw_preferences_group_set_title (data, _("Live Data"));
  adw_preferences_group_set_description (data, _("Where stations and their availability come from. "
                                                 "Tokens and keys are kept in the keyring only."));
  self->source_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), _("Source"));
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (choices));
  g_object_unref (choices);
  adw_preferences_group_add (data, GTK_WIDGET (self->source_row));
  g_signal_connect_swapped (self->source_row, "notify::selected", G_CALLBACK (update_visibility), self);

  self->ocpi_url_row = entry_row (data, _("Versions or Locations URL"), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->ocpi_url_row), "");
  self->ocpi_token_row = entry_row (data, _("Token"), TRUE);
  self->ocm_key_row = entry_row (data, _("Open Charge Map API Key"), TRUE);

  apply_row = adw_action_row_new ();
  self->source_status = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->source_status), "dim-label");
  gtk_label_set_wrap (self->source_status, TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (apply_row), GTK_WIDGET (self->source_status));
  self->apply_button = gtk_button_new_with_mnemonic (_("_Use This Source"));
  gtk_widget_set_valign (self->apply_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (apply_source), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (apply_row), self->apply_button);
  adw_preferences_group_add (data, apply_row);

  adw_preferences_group_set_title (updates, _("Updates"));
  interval_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (interval_row), _("Refresh Every"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (interval_row), _("Seconds between two availability updates"));
  spin = gtk_spin_button_new_with_range (10, 3600, 10);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_settings_bind (self->settings, "refresh-interval", spin, "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (interval_row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (interval_row), spin);
  adw_preferences_group_add (updates, interval_row);

  adw_preferences_group_set_title (map, _("Map"));
  adw_preferences_group_set_description (map, _("Empty for OpenStreetMap. An MBTiles file, or a tile "
                                                "server URL with {z}/{x}/{y}. In dark style the dark "
                                                "tile source is used when set; OpenStreetMap has no "
                                                "dark tiles of its own."));
  self->tiles_row = entry_row (map, _("Tile Source"), FALSE);
  adw_entry_row_set_show_apply_button (self->tiles_row, TRUE);
  g_signal_connect_swapped (self->tiles_row, "apply", G_CALLBACK (on_tiles_apply), self);

  self->dark_tiles_row = entry_row (map, _("Tile Source in Dark Style"), FALSE);
  adw_entry_row_set_show_apply_button (self->dark_tiles_row, TRUE);
  g_signal_connect_swapped (self->dark_tiles_row, "apply", G_CALLBACK (on_dark_tiles_apply), self);
  carto = gtk_button_new_with_mnemonic (_("_CARTO Dark"));
  gtk_widget_set_valign (carto, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (carto, _("Use CARTO's Dark Matter tiles (OpenStreetMap data, "
                                        "free for light, non-commercial use)"));
  g_signal_connect_swapped (carto, "clicked", G_CALLBACK (on_use_carto_dark), self);
  adw_entry_row_add_suffix (self->dark_tiles_row, carto);

  adw_preferences_group_set_title (units, _("Units"));
  self->units_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->units_row), _("Distances"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->units_row),
                               _("Automatic follows your region: miles in the United States, "
                                 "the United Kingdom, Liberia and Myanmar"));
  adw_combo_row_set_model (self->units_row, G_LIST_MODEL (unit_choices));
  g_object_unref (unit_choices);
  adw_preferences_group_add (units, GTK_WIDGET (self->units_row));

  adw_preferences_page_add (page, data);
  adw_preferences_page_add (page, updates);
  adw_preferences_page_add (page, map);
  adw_preferences_page_add (page, units);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), cw_preferences_networks_page_new (self->settings));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (cw_car_page_new (self->settings)));
}

static void
cw_preferences_window_dispose (GObject *object)
{
  CwPreferencesWindow *self = CW_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cw_preferences_window_parent_class)->dispose (object);
}

static void
cw_preferences_window_class_init (CwPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cw_preferences_window_dispose;
}

static void
cw_preferences_window_init (CwPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
cw_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  CwPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "search-enabled", FALSE,
                       NULL);
  self->settings = g_object_ref (settings);
  build (self);
  load_from_settings (self);
  g_signal_connect_swapped (self->units_row, "notify::selected", G_CALLBACK (on_units_selected), self);
  return GTK_WIDGET (self);
}

void
_cw_preferences_window_use_ocpi (CwPreferencesWindow *self,
                                 const char          *url,
                                 const char          *token)
{
  adw_combo_row_set_selected (self->source_row, SOURCE_OCPI);
  gtk_editable_set_text (GTK_EDITABLE (self->ocpi_url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->ocpi_token_row), token);
  g_signal_emit_by_name (self->apply_button, "clicked");
}

const char *
_cw_preferences_window_get_status (CwPreferencesWindow *self)
{
  return gtk_label_get_text (self->source_status);
}
