/* cw-preferences-networks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-preferences"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-feed-catalogue.h"
#include "cw-preferences-networks.h"
#include "cw-secrets.h"

typedef struct {
  GSettings  *settings;
  GHashTable *switches;     /* feed id → GtkSwitch* (owned: the page's rows may go first) */
  gboolean    updating;
} Networks;

static void
networks_free (Networks *n)
{
  GHashTableIter iter;
  gpointer sw;

  g_signal_handlers_disconnect_by_data (n->settings, n);
  g_object_unref (n->settings);
  /* A switch still held elsewhere (a key lookup) must not call back into @n. */
  g_hash_table_iter_init (&iter, n->switches);
  while (g_hash_table_iter_next (&iter, NULL, &sw))
    g_signal_handlers_disconnect_by_data (sw, n);
  g_hash_table_unref (n->switches);
  g_free (n);
}

static void
load (Networks *n)
{
  g_auto (GStrv) enabled = g_settings_get_strv (n->settings, "enabled-feeds");
  g_autofree char *source = g_settings_get_string (n->settings, "source");
  GHashTableIter iter;
  gpointer key, value;

  n->updating = TRUE;
  g_hash_table_iter_init (&iter, n->switches);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_switch_set_active (value, g_strv_contains ((const char * const *) enabled, key) ||
                                  (g_str_has_prefix (source, "feed:") && g_str_equal (source + 5, key)));
  n->updating = FALSE;
}

static void
on_switched (GtkSwitch  *sw,
             GParamSpec *pspec,
             Networks   *n)
{
  const char *id = g_object_get_data (G_OBJECT (sw), "feed-id");
  g_auto (GStrv) enabled = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) out = NULL;
  g_autofree char *source = NULL;
  gboolean on = gtk_switch_get_active (sw);

  if (n->updating)
    return;
  enabled = g_settings_get_strv (n->settings, "enabled-feeds");
  source = g_settings_get_string (n->settings, "source");
  if (!on && g_str_has_prefix (source, "feed:") && g_str_equal (source + 5, id))
    {
      /* The feed that is the source: another switched-on feed takes its
       * place, else the demo network. */
      g_autofree char *next = NULL;

      for (guint i = 0; enabled[i] && next == NULL; i++)
        if (!g_str_equal (enabled[i], id))
          next = g_strconcat ("feed:", enabled[i], NULL);
      g_settings_set_string (n->settings, "source", next ? next : "demo");
    }
  if (on == g_strv_contains ((const char * const *) enabled, id))
    return;
  builder = g_strv_builder_new ();
  for (guint i = 0; enabled[i]; i++)
    if (!g_str_equal (enabled[i], id))
      g_strv_builder_add (builder, enabled[i]);
  if (on)
    g_strv_builder_add (builder, id);
  out = g_strv_builder_end (builder);
  g_settings_set_strv (n->settings, "enabled-feeds", (const char * const *) out);
}

/* A key is stored for the feed: its switch can be used. */
static void
key_looked_up (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GtkWidget) sw = user_data;
  g_autofree char *key = cw_secrets_lookup_finish (result, NULL);

  if (key != NULL)
    {
      gtk_widget_set_sensitive (sw, TRUE);
      memset (key, 0, strlen (key));
    }
}

static void
key_stored (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GtkWidget) sw = user_data;
  g_autoptr (GError) error = NULL;

  /* Kept in memory for the session when no keyring runs: usable now. */
  if (!cw_secrets_store_finish (result, &error))
    g_message ("The key is kept for this session only: %s", error->message);
  gtk_widget_set_sensitive (sw, TRUE);
}

static void
on_key_apply (AdwEntryRow *row,
              GtkWidget   *sw)
{
  const char *id = g_object_get_data (G_OBJECT (sw), "feed-id");
  const char *key = gtk_editable_get_text (GTK_EDITABLE (row));

  if (*key == '\0')
    return;
  cw_secrets_store_async ("feed-key", id, key, NULL, key_stored, g_object_ref (sw));
  /* Not kept in the widget once handed to the keyring. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

AdwPreferencesPage *
cw_preferences_networks_page_new (GSettings *settings)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *about = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  CwFeedCatalogue *catalogue = cw_feed_catalogue_get_default ();
  g_autoptr (GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  Networks *n;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  n = g_new0 (Networks, 1);
  n->settings = g_object_ref (settings);
  n->switches = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_object_set_data_full (G_OBJECT (page), "cw-networks", n, (GDestroyNotify) networks_free);

  adw_preferences_page_set_title (page, _("Networks"));
  adw_preferences_page_set_icon_name (page, "network-wireless-symbolic");
  adw_preferences_group_set_title (about, _("Open Data of Charging Networks"));
  adw_preferences_group_set_description (about, _("Operators publish their stations, prices and live "
                                                  "availability for everyone, as the law asks of them: no key, "
                                                  "no sign-up. Networks switched on here are shown beside the "
                                                  "data source, each read on its own and politely (one request "
                                                  "at a time). Their data is shown as published; no operator "
                                                  "endorses Chargeway."));
  adw_preferences_page_add (page, about);

  for (guint i = 0; catalogue && i < cw_feed_catalogue_get_n_feeds (catalogue); i++)
    {
      const CwFeed *feed = cw_feed_catalogue_get_feed (catalogue, i);
      AdwPreferencesGroup *group = g_hash_table_lookup (groups, feed->country);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *sw = gtk_switch_new ();
      g_autofree char *subtitle = NULL;

      if (group == NULL)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, feed->country_name ? feed->country_name : feed->country);
          adw_preferences_page_add (page, group);
          g_hash_table_insert (groups, feed->country, group);
        }
      if (feed->access == CW_FEED_ACCESS_OPEN)
        subtitle = g_strdup_printf (_("Licence: %s"), feed->licence_name);
      else
        {
          /* The key its publisher prints for everyone: given here, kept
           * in the keyring; the switch works once there is one. */
          subtitle = g_strdup_printf (_("Licence: %s. Needs the key its publisher prints for everyone: "
                                        "paste it below. It is kept in the keyring."), feed->licence_name);
          gtk_widget_set_sensitive (sw, FALSE);
          cw_secrets_lookup_async ("feed-key", feed->id, NULL, key_looked_up, g_object_ref (sw));
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), feed->name);
      adw_action_row_set_subtitle (row, subtitle);
      adw_action_row_set_subtitle_lines (row, 0);
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (sw), "feed-id", g_strdup (feed->id), g_free);
      adw_action_row_add_suffix (row, sw);
      adw_action_row_set_activatable_widget (row, sw);
      adw_preferences_group_add (group, GTK_WIDGET (row));
      g_hash_table_insert (n->switches, feed->id, g_object_ref (sw));
      if (feed->access != CW_FEED_ACCESS_OPEN)
        {
          GtkWidget *key_row = adw_password_entry_row_new ();
          g_autofree char *title = g_strdup_printf (_("Key printed by %s"), feed->name);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (key_row), title);
          adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (key_row), TRUE);
          g_signal_connect_object (key_row, "apply", G_CALLBACK (on_key_apply), sw, G_CONNECT_DEFAULT);
          g_object_set_data_full (G_OBJECT (sw), "cw-key-row", g_object_ref (key_row), g_object_unref);
          adw_preferences_group_add (group, key_row);
        }
    }
  load (n);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, n->switches);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_signal_connect (value, "notify::active", G_CALLBACK (on_switched), n);
  }
  g_signal_connect_swapped (settings, "changed::enabled-feeds", G_CALLBACK (load), n);
  g_signal_connect_swapped (settings, "changed::source", G_CALLBACK (load), n);
  return page;
}

GtkSwitch *
cw_preferences_networks_get_switch (AdwPreferencesPage *page,
                                    const char         *id)
{
  Networks *n = g_object_get_data (G_OBJECT (page), "cw-networks");

  return n ? g_hash_table_lookup (n->switches, id) : NULL;
}

AdwEntryRow *
cw_preferences_networks_get_key_row (AdwPreferencesPage *page,
                                     const char         *id)
{
  GtkSwitch *sw = cw_preferences_networks_get_switch (page, id);

  return sw ? g_object_get_data (G_OBJECT (sw), "cw-key-row") : NULL;
}
