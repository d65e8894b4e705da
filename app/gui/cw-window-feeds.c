/* cw-window-feeds.c: open feeds shown beside the window's source
 *
 * Every feed switched on in Preferences → Networks (the enabled-feeds
 * key) runs as a CwLiveSource of its own into the window's one store
 * (keyed by source and id): its own polite timer and backoff, its own
 * cache, its own data-quality report. The banner names the source that
 * failed. On the first start on the demo network, a bar offers the live
 * open data that covers the area on screen; the answer is remembered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-window"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-credits-dialog.h"
#include "cw-feed-catalogue.h"
#include "cw-secrets.h"
#include "cw-window-internal.h"
#include "cw-window-private.h"

#define KEY_WAIT "cw-window-key-wait"

/* A key still looked up for @live is no longer wanted. */
static void
cancel_key_wait (CwLiveSource *live)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (live), KEY_WAIT);

  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  g_object_set_data (G_OBJECT (live), KEY_WAIT, NULL);
}

static void
stop_feed (CwWindow     *self,
           CwLiveSource *live)
{
  g_autoptr (GPtrArray) none = g_ptr_array_new ();

  if (live == NULL)
    return;
  cancel_key_wait (live);
  cw_live_source_stop (live);
  g_signal_handlers_disconnect_by_data (live, self);
  /* Stopped because it became the window's source: its stations are
   * that source's now (the same source id), not to be wiped. */
  if (self->spec == NULL || g_strcmp0 (self->spec->id, cw_live_source_get_spec (live)->id) != 0)
    cw_station_store_merge (self->store, cw_live_source_get_spec (live)->id, none, TRUE);
}

/* A feed's live source, its binary disk cache already being read (in a
 * worker thread): the stations show while a key is still looked up. */
static CwLiveSource *
create_feed (CwWindow     *self,
             CwSourceSpec *spec)
{
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "chargeway", NULL);
  CwLiveSource *live = cw_live_source_new (spec, self->store, cache_dir, NULL);

  g_signal_connect_object (live, "changed", G_CALLBACK (_cw_window_live_changed), self, G_CONNECT_SWAPPED);
  cw_live_source_load_cache (live);
  return live;
}

/* Neither the window nor the source is held while the keyring answers
 * (an unlock prompt may wait for long): switching the feed off or closing
 * the window cancels the lookup, and only an answer not cancelled is
 * acted on, when both are still there. */
typedef struct {
  CwWindow     *window;
  CwLiveSource *live;
  GCancellable *cancellable;
} KeyWait;

static void
key_found (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KeyWait *w = user_data;
  g_autofree char *key = cw_secrets_lookup_finish (result, NULL);

  if (!g_cancellable_is_cancelled (w->cancellable))
    {
      CwWindow *self = w->window;

      g_object_set_data (G_OBJECT (w->live), KEY_WAIT, NULL);
      if (key == NULL)
        g_message ("%s needs the key its publisher prints: none is stored (Preferences → Networks)",
                   cw_live_source_get_spec (w->live)->label);
      cw_live_source_set_token (w->live, key);
      cw_live_source_start (w->live);
      _cw_window_update_live_state (self);
    }
  if (key != NULL)
    memset (key, 0, strlen (key));
  g_object_unref (w->cancellable);
  g_free (w);
}

/* Starts the feeds switched on, stops those switched off; the window's
 * own source is never run twice. */
void
_cw_window_feeds_sync (CwWindow *self)
{
  CwFeedCatalogue *catalogue = cw_feed_catalogue_get_default ();
  g_auto (GStrv) enabled = self->settings ? g_settings_get_strv (self->settings, "enabled-feeds") : NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (catalogue == NULL || self->feed_sources == NULL)
    return;

  g_hash_table_iter_init (&iter, self->feed_sources);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (enabled == NULL || !g_strv_contains ((const char * const *) enabled, key) ||
        (self->spec != NULL && g_strcmp0 (self->spec->feed_id, key) == 0))
      {
        stop_feed (self, value);
        g_hash_table_iter_remove (&iter);
      }

  for (guint i = 0; enabled && enabled[i]; i++)
    {
      g_autofree char *spec_text = NULL;
      g_autoptr (CwSourceSpec) spec = NULL;
      g_autoptr (GError) error = NULL;
      CwLiveSource *live;

      if (g_hash_table_contains (self->feed_sources, enabled[i]) ||
          (self->spec != NULL && g_strcmp0 (self->spec->feed_id, enabled[i]) == 0))
        continue;
      spec_text = g_strconcat ("feed:", enabled[i], NULL);
      if (!(spec = cw_source_spec_parse (spec_text, &error)))
        {
          /* A feed the catalogue no longer has: nothing to show. */
          g_message ("Skipping %s: %s", spec_text, error->message);
          continue;
        }
      live = create_feed (self, spec);
      g_hash_table_insert (self->feed_sources, g_strdup (enabled[i]), live);
      {
        const CwFeed *feed = cw_feed_catalogue_lookup (catalogue, enabled[i]);

        if (feed != NULL && feed->access == CW_FEED_ACCESS_SHARED_KEY)
          {
            /* Its publisher's printed key first, from the keyring; the
             * cache is read meanwhile. */
            KeyWait *w = g_new0 (KeyWait, 1);

            w->window = self;
            w->live = live;
            w->cancellable = g_cancellable_new ();
            g_object_set_data_full (G_OBJECT (live), KEY_WAIT, g_object_ref (w->cancellable), g_object_unref);
            cw_secrets_lookup_async ("feed-key", enabled[i], w->cancellable, key_found, w);
            continue;
          }
      }
      cw_live_source_start (live);
    }
  _cw_window_feeds_update_map_credit (self);
  _cw_window_update_live_state (self);
}

/* The map's corner names every source shown; their statements are in
 * the station details and in Data Sources and Credits. */
void
_cw_window_feeds_update_map_credit (CwWindow *self)
{
  g_autoptr (GPtrArray) sources = _cw_window_feeds_get_sources (self);
  g_autoptr (GString) names = NULL;
  g_autofree char *credit = NULL;

  if (self->spec == NULL)
    return;
  if (sources->len == 0)
    {
      if (self->spec->attribution != NULL)
        credit = g_strdup_printf (_("Stations: %s"), self->spec->attribution);
    }
  else
    {
      names = g_string_new (self->spec->label);
      for (guint i = 0; i < sources->len; i++)
        g_string_append_printf (names, ", %s", cw_live_source_get_spec (g_ptr_array_index (sources, i))->label);
      credit = g_strdup_printf (_("Stations: %s (see Data Sources and Credits)"), names->str);
    }
  shumate_license_set_extra_text (shumate_simple_map_get_license (self->map), credit);
}

GPtrArray *
_cw_window_feeds_get_sources (CwWindow *self)
{
  CwFeedCatalogue *catalogue = cw_feed_catalogue_get_default ();
  GPtrArray *out = g_ptr_array_new ();

  /* In the catalogue's order, so lists stay put. */
  for (guint i = 0; catalogue && self->feed_sources && i < cw_feed_catalogue_get_n_feeds (catalogue); i++)
    {
      CwLiveSource *live = g_hash_table_lookup (self->feed_sources,
                                                cw_feed_catalogue_get_feed (catalogue, i)->id);
      if (live != NULL)
        g_ptr_array_add (out, live);
    }
  return out;
}

char *
_cw_window_feeds_describe_failures (CwWindow *self)
{
  g_autoptr (GPtrArray) sources = _cw_window_feeds_get_sources (self);
  GString *s = NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      CwLiveSource *live = g_ptr_array_index (sources, i);
      const char *error = cw_live_source_get_error (live);
      g_autofree char *part = NULL;

      if (error == NULL)
        continue;
      part = g_strdup_printf (_("Could not update %s: %s."), cw_live_source_get_spec (live)->label, error);
      if (cw_live_source_get_next_attempt (live) > 0)
        {
          gint64 in = MAX (0, cw_live_source_get_next_attempt (live) - g_get_real_time () / G_USEC_PER_SEC);
          g_autofree char *retry = in >= 120 ? g_strdup_printf (_("Retrying in %d min."), (int) ((in + 59) / 60))
                                             : g_strdup_printf (_("Retrying in %d s."), (int) in);
          char *both = g_strconcat (part, " ", retry, NULL);

          g_free (part);
          part = both;
        }
      if (s == NULL)
        s = g_string_new (part);
      else
        g_string_append_printf (s, " %s", part);
    }
  return s ? g_string_free (s, FALSE) : NULL;
}

void
_cw_window_feeds_add_credits (CwWindow  *self,
                              GPtrArray *entries)
{
  g_autoptr (GPtrArray) sources = _cw_window_feeds_get_sources (self);

  for (guint i = 0; i < sources->len; i++)
    {
      const char *id = cw_live_source_get_spec (g_ptr_array_index (sources, i))->feed_id;
      const CwFeed *feed = cw_feed_catalogue_lookup (cw_feed_catalogue_get_default (), id);

      if (feed != NULL)
        g_ptr_array_add (entries, cw_credits_entry_new_for_feed (feed));
    }
}

/* ---- the first start: live open data for the area on screen ---- */

/* Feeds whose country holds the middle of the map. */
static GPtrArray *
feeds_for_area (CwWindow *self)
{
  CwFeedCatalogue *catalogue = cw_feed_catalogue_get_default ();
  GPtrArray *out = g_ptr_array_new ();
  double lat = self->centre_lat;
  double lon = self->centre_lon;

  /* Before the map has a size, the place it will open on. */
  if (!self->have_view && self->settings != NULL)
    {
      lat = g_settings_get_double (self->settings, "map-latitude");
      lon = g_settings_get_double (self->settings, "map-longitude");
    }

  for (guint i = 0; catalogue && i < cw_feed_catalogue_get_n_feeds (catalogue); i++)
    {
      const CwFeed *feed = cw_feed_catalogue_get_feed (catalogue, i);

      if (feed->access == CW_FEED_ACCESS_OPEN && feed->has_country_bbox &&
          cw_bbox_contains (&feed->country_bbox, lat, lon))
        g_ptr_array_add (out, (gpointer) feed);
    }
  return out;
}

static void
update_offer_text (CwWindow *self)
{
  g_autoptr (GPtrArray) feeds = feeds_for_area (self);
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < feeds->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", ((const CwFeed *) g_ptr_array_index (feeds, i))->name);
  if (feeds->len > 0)
    text = g_strdup_printf (_("You are looking at the demo network. Live open data is published for this area "
                              "by %s: no key, no sign-up."), names->str);
  else
    text = g_strdup (_("You are looking at the demo network. Live open data from charging networks is "
                       "available without a key or sign-up: move the map to the United Kingdom, the "
                       "Netherlands or Lithuania, or switch networks on in Preferences."));
  gtk_label_set_text (self->offer_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->offer_accept), feeds->len > 0);
}

static void
answer_offer (CwWindow *self,
              gboolean  accept)
{
  g_autoptr (GPtrArray) feeds = feeds_for_area (self);

  gtk_revealer_set_reveal_child (self->offer_revealer, FALSE);
  if (self->settings == NULL)
    return;
  g_settings_set_boolean (self->settings, "open-data-offered", TRUE);
  if (!accept || feeds->len == 0)
    return;

  /* The first feed becomes the source; the others are shown beside it. */
  {
    g_auto (GStrv) old = g_settings_get_strv (self->settings, "enabled-feeds");
    g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
    g_auto (GStrv) enabled = NULL;
    g_autofree char *spec = g_strconcat ("feed:", ((const CwFeed *) g_ptr_array_index (feeds, 0))->id, NULL);

    g_strv_builder_addv (builder, (const char **) old);
    for (guint i = 0; i < feeds->len; i++)
      {
        const char *id = ((const CwFeed *) g_ptr_array_index (feeds, i))->id;

        if (!g_strv_contains ((const char * const *) old, id))
          g_strv_builder_add (builder, id);
      }
    enabled = g_strv_builder_end (builder);
    g_settings_set_strv (self->settings, "enabled-feeds", (const char * const *) enabled);
    g_settings_set_string (self->settings, "source", spec);
  }
}

static void
offer_accept_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  answer_offer (CW_WINDOW (widget), TRUE);
}

static void
offer_decline_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  answer_offer (CW_WINDOW (widget), FALSE);
}

void
_cw_window_feeds_update_offer (CwWindow *self)
{
  gboolean show = self->settings != NULL && !self->kiosk && self->spec != NULL && self->spec->is_demo &&
                  !g_settings_get_boolean (self->settings, "open-data-offered");

  if (show)
    update_offer_text (self);
  gtk_revealer_set_reveal_child (self->offer_revealer, show);
}

void
_cw_window_feeds_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, CwWindow, offer_revealer);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, offer_label);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, offer_accept);
  gtk_widget_class_install_action (widget_class, "win.accept-open-data", NULL, offer_accept_action);
  gtk_widget_class_install_action (widget_class, "win.decline-open-data", NULL, offer_decline_action);
}

static void
unref_live (gpointer live)
{
  if (live != NULL)
    g_object_unref (live);
}

void
_cw_window_feeds_init (CwWindow *self)
{
  self->feed_sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_live);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::enabled-feeds", G_CALLBACK (_cw_window_feeds_sync),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::open-data-offered",
                               G_CALLBACK (_cw_window_feeds_update_offer), self, G_CONNECT_SWAPPED);
    }
  _cw_window_feeds_sync (self);
  _cw_window_feeds_update_offer (self);
}

void
_cw_window_feeds_dispose (CwWindow *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->feed_sources == NULL)
    return;
  g_hash_table_iter_init (&iter, self->feed_sources);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value != NULL)
      {
        cancel_key_wait (value);
        cw_live_source_stop (value);
        g_signal_handlers_disconnect_by_data (value, self);
      }
  g_clear_pointer (&self->feed_sources, g_hash_table_unref);
}

gboolean
_cw_window_offer_shown (CwWindow *self)
{
  return gtk_revealer_get_reveal_child (self->offer_revealer);
}
