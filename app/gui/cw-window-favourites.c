/* cw-window-favourites.c: favourites, recently viewed, "notify me"
 *
 * Favourites and recent stations are kept in GSettings by station key
 * ("source|id"), so they follow the user across sessions; a station
 * being watched sends one desktop notification when a charger frees up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-window"

#include <glib/gi18n.h>

#include "cw-window-internal.h"

#define MAX_RECENT 20

static char *
station_key (CwStation *s)
{
  return g_strconcat (cw_station_get_source (s), "|", cw_station_get_id (s), NULL);
}

static gboolean
strv_has (char      **strv,
          const char *s)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, s);
}

gboolean
_cw_window_is_favourite (CwWindow  *self,
                         CwStation *station)
{
  g_auto (GStrv) favs = NULL;
  g_autofree char *key = station_key (station);

  if (self->settings == NULL)
    return FALSE;
  favs = g_settings_get_strv (self->settings, "favourites");
  return strv_has (favs, key);
}

static void
on_favourite_toggled (CwWindow  *self,
                      CwStation *station,
                      gboolean   favourite)
{
  g_auto (GStrv) favs = NULL;
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_auto (GStrv) out = NULL;
  g_autofree char *key = station_key (station);

  if (self->settings == NULL)
    return;
  favs = g_settings_get_strv (self->settings, "favourites");
  for (guint i = 0; favs[i]; i++)
    if (!g_str_equal (favs[i], key))
      g_strv_builder_add (b, favs[i]);
  if (favourite)
    g_strv_builder_add (b, key);
  out = g_strv_builder_end (b);
  g_settings_set_strv (self->settings, "favourites", (const char * const *) out);
}

void
_cw_window_note_viewed (CwWindow  *self,
                        CwStation *station)
{
  g_auto (GStrv) recent = NULL;
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_auto (GStrv) out = NULL;
  g_autofree char *key = station_key (station);
  guint n = 1;

  cw_station_details_set_favourite (self->details, _cw_window_is_favourite (self, station));
  cw_station_details_set_notify_state (self->details,
                                       self->watched != NULL && g_hash_table_contains (self->watched, station));
  if (self->settings == NULL)
    return;
  recent = g_settings_get_strv (self->settings, "recent-stations");
  /* Most recent first, each once. */
  g_strv_builder_add (b, key);
  for (guint i = 0; recent[i] && n < MAX_RECENT; i++)
    if (!g_str_equal (recent[i], key))
      {
        g_strv_builder_add (b, recent[i]);
        n++;
      }
  out = g_strv_builder_end (b);
  g_settings_set_strv (self->settings, "recent-stations", (const char * const *) out);
}

static void
on_watched_changed (CwStation *station,
                    CwWindow  *self)
{
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  g_autoptr (GNotification) n = NULL;
  GApplication *app;
  guint free_now = cw_station_count_available (station);

  if (free_now == 0)
    return;

  /* Once: the watch ends with the news. */
  g_signal_handlers_disconnect_by_func (station, on_watched_changed, self);
  g_hash_table_remove (self->watched, station);
  self->n_notifications++;

  id = g_strconcat ("free-", cw_station_get_source (station), "-", cw_station_get_id (station), NULL);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u charger is free now at %s",
                                       "%u chargers are free now at %s", free_now),
                          free_now, cw_station_get_name (station) ? cw_station_get_name (station) : cw_station_get_id (station));
  n = g_notification_new (_("A charger is free"));
  g_notification_set_body (n, body);
  app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (app != NULL)
    g_application_send_notification (app, id, n);
  _cw_window_show_toast (self, body);
  if (cw_station_details_get_station (self->details) == station)
    cw_station_details_set_notify_state (self->details, FALSE);
}

static void
on_notify_requested (CwWindow  *self,
                     CwStation *station)
{
  if (g_hash_table_contains (self->watched, station))
    return;
  g_hash_table_add (self->watched, g_object_ref (station));
  g_signal_connect_object (station, "changed", G_CALLBACK (on_watched_changed), self, 0);
  cw_station_details_set_notify_state (self->details, TRUE);
}

void
_cw_window_favourites_init (CwWindow *self)
{
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_signal_connect_object (self->details, "favourite-toggled", G_CALLBACK (on_favourite_toggled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->details, "notify-requested", G_CALLBACK (on_notify_requested),
                           self, G_CONNECT_SWAPPED);
}

void
_cw_window_favourites_dispose (CwWindow *self)
{
  if (self->watched != NULL)
    {
      GHashTableIter iter;
      gpointer station;

      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &station, NULL))
        g_signal_handlers_disconnect_by_func (station, on_watched_changed, self);
    }
  g_clear_pointer (&self->watched, g_hash_table_unref);
}
