/* cw-credits-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-credits-dialog"

#include <glib/gi18n.h>

#include "cw-credits-dialog.h"

#define OSM_NAME        "OpenStreetMap"
#define OSM_LICENCE     "Open Database License (ODbL)"
#define OSM_URL         "https://www.openstreetmap.org/copyright"

struct _CwCreditsDialog
{
  AdwWindow             parent_instance;

  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *sources;
  AdwPreferencesGroup  *map;       /* NULL when hidden */
  guint                 n_sources;
};

G_DEFINE_FINAL_TYPE (CwCreditsDialog, cw_credits_dialog, ADW_TYPE_WINDOW)

CwCreditsEntry *
cw_credits_entry_new (const char *name,
                      const char *attribution,
                      const char *licence_name,
                      const char *licence_url)
{
  CwCreditsEntry *entry = g_new0 (CwCreditsEntry, 1);

  entry->name = g_strdup (name);
  entry->attribution = g_strdup (attribution);
  entry->licence_name = g_strdup (licence_name);
  entry->licence_url = g_strdup (licence_url);
  return entry;
}

CwCreditsEntry *
cw_credits_entry_new_for_feed (const CwFeed *feed)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return cw_credits_entry_new (feed->name, feed->attribution, feed->licence_name, feed->licence_url);
}

CwCreditsEntry *
cw_credits_entry_copy (const CwCreditsEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return cw_credits_entry_new (entry->name, entry->attribution,
                               entry->licence_name, entry->licence_url);
}

void
cw_credits_entry_free (CwCreditsEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->attribution);
  g_free (entry->licence_name);
  g_free (entry->licence_url);
  g_free (entry);
}

/* One source: its name, the statement in full (never ellipsized: it is
 * what the licence asks to be shown), the licence as a link. */
static GtkWidget *
make_row (const CwCreditsEntry *entry)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  const char *title = entry->name ? entry->name : entry->attribution;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (entry->attribution != NULL && entry->name != NULL)
    adw_action_row_set_subtitle (row, entry->attribution);
  adw_action_row_set_subtitle_lines (row, 0);
  adw_action_row_set_title_lines (row, 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  if (entry->licence_url != NULL)
    {
      GtkWidget *link = gtk_link_button_new_with_label (entry->licence_url,
                                                        entry->licence_name ? entry->licence_name
                                                                            : _("Licence"));
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (link));

      /* Long licence names wrap beside the statement rather than squeeze it. */
      if (GTK_IS_LABEL (label))
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
          gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
        }
      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (link, entry->licence_url);
      adw_action_row_add_suffix (row, link);
    }
  else if (entry->licence_name != NULL)
    {
      GtkWidget *label = gtk_label_new (entry->licence_name);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      adw_action_row_add_suffix (row, label);
    }
  return GTK_WIDGET (row);
}

static void
cw_credits_dialog_class_init (CwCreditsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_credits_dialog_init (CwCreditsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Data Sources and Credits"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 600);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  gtk_box_append (GTK_BOX (box), header);
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->page));
  adw_window_set_content (ADW_WINDOW (self), box);

  self->sources = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->sources, _("Charging Stations"));
  adw_preferences_group_set_description (self->sources,
      _("Each source's data is used under its own licence, with its own statement. "
        "Chargeway is not affiliated with or endorsed by any of these publishers, "
        "and none of them vouches for how Chargeway shows their data."));
  adw_preferences_page_add (self->page, self->sources);

  {
    g_autoptr (CwCreditsEntry) osm = cw_credits_entry_new (OSM_NAME, _("Map data © OpenStreetMap contributors"),
                                                           OSM_LICENCE, OSM_URL);
    cw_credits_dialog_set_map_credit (self, osm);
  }
}

GtkWidget *
cw_credits_dialog_new (GtkWindow *parent,
                       GPtrArray *entries)
{
  CwCreditsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (CW_TYPE_CREDITS_DIALOG, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const CwCreditsEntry *entry = g_ptr_array_index (entries, i);

      if (entry == NULL || (entry->name == NULL && entry->attribution == NULL))
        continue;
      adw_preferences_group_add (self->sources, make_row (entry));
      self->n_sources++;
    }
  if (self->n_sources == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No data source is on"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The stations shown are Chargeway's fictional demo network."));
      adw_preferences_group_add (self->sources, row);
    }
  return GTK_WIDGET (self);
}

void
cw_credits_dialog_set_map_credit (CwCreditsDialog      *self,
                                  const CwCreditsEntry *credit)
{
  g_return_if_fail (CW_IS_CREDITS_DIALOG (self));

  if (self->map != NULL)
    {
      adw_preferences_page_remove (self->page, self->map);
      self->map = NULL;
    }
  if (credit == NULL)
    return;
  self->map = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->map, _("Map"));
  adw_preferences_group_add (self->map, make_row (credit));
  adw_preferences_page_add (self->page, self->map);
}

guint
cw_credits_dialog_get_n_sources (CwCreditsDialog *self)
{
  g_return_val_if_fail (CW_IS_CREDITS_DIALOG (self), 0);
  return self->n_sources;
}
