/* cw-window-filters.c: the filter panel and the price estimate
 *
 * The criteria filter sits between the store and everything shown:
 * the map's layer draws the filtered stations, the list adds the view
 * (or route) on top. A change re-filters with the strictness the
 * filter reports, without fetching anything again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-window"

#include <glib/gi18n.h>

#include "cw-estimate-view.h"
#include "cw-filter-panel.h"
#include "cw-map-legend.h"
#include "cw-window-internal.h"
#include "cw-window-private.h"

static gboolean
criteria_match (gpointer item,
                gpointer user_data)
{
  CwWindow *self = user_data;
  const CwFilter *filter = cw_filter_panel_get_filter (CW_FILTER_PANEL (self->filter_panel));

  return cw_filter_matches (filter, item, g_get_real_time () / G_USEC_PER_SEC);
}

static void
update_notice (CwWindow *self)
{
  const CwFilter *filter = cw_filter_panel_get_filter (CW_FILTER_PANEL (self->filter_panel));
  g_autofree char *notice = self->spec ? cw_filter_explain_unanswerable (filter, self->spec->id) : NULL;

  cw_filter_panel_set_notice (CW_FILTER_PANEL (self->filter_panel), notice);
}

/* With no criterion on, the filter goes without a function: GTK's
 * filter model then passes every item through untouched, where it
 * would otherwise keep a bitset of 100,000 matches and find each item
 * through it (the layer reads them all after each change). Returns
 * whether it switched, which re-filters already. */
static gboolean
update_criteria_func (CwWindow *self)
{
  const CwFilter *filter = cw_filter_panel_get_filter (CW_FILTER_PANEL (self->filter_panel));
  gboolean all = cw_filter_get_active (filter) == 0;

  if (all == self->criteria_all)
    return FALSE;
  self->criteria_all = all;
  if (all)
    gtk_custom_filter_set_filter_func (self->criteria_filter, NULL, NULL, NULL);
  else
    gtk_custom_filter_set_filter_func (self->criteria_filter, criteria_match, self, NULL);
  return TRUE;
}

static void
on_filter_changed (CwWindow *self,
                   guint     change)
{
  GtkFilterChange how = change == CW_FILTER_CHANGE_MORE_STRICT ? GTK_FILTER_CHANGE_MORE_STRICT :
                        change == CW_FILTER_CHANGE_LESS_STRICT ? GTK_FILTER_CHANGE_LESS_STRICT :
                                                                 GTK_FILTER_CHANGE_DIFFERENT;

  if (!update_criteria_func (self))
    gtk_filter_changed (GTK_FILTER (self->criteria_filter), how);
  update_notice (self);
  if (self->route != NULL)
    _cw_window_route_update_hits (self);
  else
    _cw_window_refilter (self);
}

/* The operators in the data, for the panel's list: a few hundred
 * stations have a handful of operators, so this is cheap. */
static void
update_operators (CwWindow *self)
{
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GPtrArray) names = NULL;
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);

  /* Not before the map's first frame with stations: the list's release
   * asks again (cw-window.c). */
  if (self->list_held)
    return;
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  names = g_ptr_array_new ();
  for (guint i = 0; i < n && g_hash_table_size (seen) < 200; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (model, i);
      if (cw_station_get_operator_name (s) != NULL && !g_hash_table_contains (seen, cw_station_get_operator_name (s)))
        {
          /* The store keeps the station, and so the string, alive. */
          g_hash_table_add (seen, (gpointer) cw_station_get_operator_name (s));
          g_ptr_array_add (names, (gpointer) cw_station_get_operator_name (s));
        }
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  cw_filter_panel_set_operators (CW_FILTER_PANEL (self->filter_panel), (const char * const *) names->pdata);
  update_notice (self);
}

void
_cw_window_filters_update_operators (CwWindow *self)
{
  update_operators (self);
}

guint
_cw_window_get_n_operators (CwWindow *self)
{
  return cw_filter_panel_get_n_operators (CW_FILTER_PANEL (self->filter_panel));
}

/* ---- saved filters (GSettings "saved-filters": name → filter text) ---- */

static void
fill_saved (CwWindow *self)
{
  g_autoptr (GVariant) saved = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GVariantIter iter;
  const char *name, *text;
  GtkStringList *list;

  if (self->settings == NULL)
    return;
  saved = g_settings_get_value (self->settings, "saved-filters");
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s&s}", &name, &text))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_insert (names, 0, g_strdup (_("Saved filters…")));
  g_ptr_array_add (names, NULL);
  list = gtk_string_list_new ((const char * const *) names->pdata);
  self->filling_saved = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->saved_drop), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->saved_drop), 0);
  self->filling_saved = FALSE;
  g_object_unref (list);
}

void
_cw_window_save_filter (CwWindow   *self,
                        const char *name)
{
  g_autoptr (GVariant) saved = NULL;
  g_autofree char *text = cw_filter_to_string (cw_filter_panel_get_filter (CW_FILTER_PANEL (self->filter_panel)));
  GVariantBuilder b;
  GVariantIter iter;
  const char *n, *t;

  if (self->settings == NULL || name == NULL || *name == '\0')
    return;
  saved = g_settings_get_value (self->settings, "saved-filters");
  g_variant_builder_init (&b, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s&s}", &n, &t))
    if (!g_str_equal (n, name))
      g_variant_builder_add (&b, "{ss}", n, t);
  g_variant_builder_add (&b, "{ss}", name, text);
  g_settings_set_value (self->settings, "saved-filters", g_variant_builder_end (&b));
  fill_saved (self);
}

gboolean
_cw_window_load_filter (CwWindow   *self,
                        const char *name)
{
  g_autofree char *text = NULL;
  g_autoptr (CwFilter) filter = NULL;
  g_autoptr (GVariant) saved = NULL;

  if (self->settings == NULL)
    return FALSE;
  saved = g_settings_get_value (self->settings, "saved-filters");
  if (!g_variant_lookup (saved, name, "s", &text) || !(filter = cw_filter_from_string (text, NULL)))
    return FALSE;
  cw_filter_panel_set_filter (CW_FILTER_PANEL (self->filter_panel), filter);
  return TRUE;
}

static void
on_saved_selected (CwWindow *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->saved_drop));
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (self->saved_drop));

  if (self->filling_saved || i == 0 || i == GTK_INVALID_LIST_POSITION)
    return;
  _cw_window_load_filter (self, gtk_string_list_get_string (GTK_STRING_LIST (model), i));
}

static void
on_save_response (AdwMessageDialog *dialog,
                  const char       *response,
                  CwWindow         *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  if (g_str_equal (response, "save"))
    _cw_window_save_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_save_clicked (CwWindow *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save These Filters"),
                                              _("Give them a name to choose them again later."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cw_window_filters_show_station (CwWindow  *self,
                                 CwStation *station)
{
  cw_estimate_view_set_station (CW_ESTIMATE_VIEW (self->estimate), station);
}

GListModel *
_cw_window_filters_init (CwWindow *self)
{
  GtkWidget *expander;

  self->filter_panel = cw_filter_panel_new ();
  expander = gtk_expander_new_with_mnemonic (_("_Filters"));
  gtk_widget_set_margin_start (expander, 12);
  gtk_widget_set_margin_end (expander, 12);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save…"));

    self->saved_drop = gtk_drop_down_new (NULL, NULL);
    gtk_widget_set_hexpand (self->saved_drop, TRUE);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->saved_drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Saved filters"), -1);
    g_signal_connect_object (self->saved_drop, "notify::selected", G_CALLBACK (on_saved_selected),
                             self, G_CONNECT_SWAPPED);
    gtk_widget_set_tooltip_text (save, _("Save These Filters by Name"));
    g_signal_connect_object (save, "clicked", G_CALLBACK (on_save_clicked), self, G_CONNECT_SWAPPED);
    gtk_box_append (GTK_BOX (row), self->saved_drop);
    gtk_box_append (GTK_BOX (row), save);
    gtk_box_append (GTK_BOX (box), self->filter_panel);
    gtk_box_append (GTK_BOX (box), row);
    gtk_expander_set_child (GTK_EXPANDER (expander), box);
  }
  gtk_box_append (self->route_box, expander);
  fill_saved (self);
  adw_header_bar_pack_start (self->header_bar, cw_map_legend_button_new ());
  g_signal_connect_object (self->filter_panel, "changed", G_CALLBACK (on_filter_changed),
                           self, G_CONNECT_SWAPPED);

  self->criteria_filter = gtk_custom_filter_new (criteria_match, self, NULL);
  update_criteria_func (self);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->criteria_filter)));
  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (update_operators),
                           self, G_CONNECT_SWAPPED);

  self->estimate = cw_estimate_view_new ();
  gtk_box_append (cw_station_details_get_extra_box (self->details), self->estimate);
  return G_LIST_MODEL (self->filtered);
}

void
_cw_window_filters_dispose (CwWindow *self)
{
  g_clear_object (&self->filtered);
  g_clear_object (&self->criteria_filter);
}
