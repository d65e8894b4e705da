/* cw-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-window"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cw-credits-dialog.h"
#include "cw-quality-dialog.h"
#include "cw-feed-catalogue.h"
#include "cw-format.h"
#include "cw-geo.h"
#include "cw-mbtiles-source.h"
#include "cw-secrets.h"
#include "cw-live-source.h"
#include "cw-source.h"
#include "cw-station-row.h"
#include "cw-ui-resources.h"
#include "cw-window-internal.h"
#include "cw-window-private.h"

#define VIEWPORT_SETTLE_MS 200
#define STALE_FACTOR       3


enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_SOURCE_SPEC,
  PROP_TILES,
  PROP_DEMO_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CwWindow, cw_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_live_state (CwWindow *self);

/* ---- the stations in view ---- */

static gboolean
in_view_func (gpointer item,
              gpointer user_data)
{
  CwWindow *self = user_data;
  CwStation *s = item;

  /* With a route, the list is the stations along it, wherever the map is. */
  if (self->route != NULL)
    return self->route_hits != NULL && g_hash_table_contains (self->route_hits, s);
  if (!self->have_view)
    return TRUE;
  return cw_bbox_contains (&self->view_box, s->latitude, s->longitude);
}

/* The sort key of a station: distance from the map centre, or along
 * the route. Computed once per refilter, so every comparison of a sort
 * sees the same numbers (a key that moved mid-sort would break it). */
static double
sort_key (CwWindow  *self,
          CwStation *s)
{
  double along = 0;

  if (self->route != NULL)
    {
      if (!_cw_window_route_get_hit (self, s, &along, NULL) || isnan (along))
        return G_MAXDOUBLE;
      return along;
    }
  {
    double d = cw_geo_haversine_km (self->centre_lat, self->centre_lon, s->latitude, s->longitude);
    return isnan (d) ? G_MAXDOUBLE : d;
  }
}

static void
update_sort_keys (CwWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);

  if (self->sort_keys == NULL)
    self->sort_keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_hash_table_remove_all (self->sort_keys);
  for (guint i = 0; i < n; i++)
    {
      CwStation *s = g_list_model_get_item (model, i);
      double *key = g_new (double, 1);

      *key = sort_key (self, s);
      g_hash_table_insert (self->sort_keys, s, key);
      g_object_unref (s);   /* the store keeps it */
    }
}

static int
distance_compare (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  CwWindow *self = user_data;
  const CwStation *sa = a, *sb = b;
  const double *ka = self->sort_keys ? g_hash_table_lookup (self->sort_keys, sa) : NULL;
  const double *kb = self->sort_keys ? g_hash_table_lookup (self->sort_keys, sb) : NULL;
  double da = ka ? *ka : G_MAXDOUBLE, db = kb ? *kb : G_MAXDOUBLE;
  int c;

  if (da < db)
    return GTK_ORDERING_SMALLER;
  if (da > db)
    return GTK_ORDERING_LARGER;
  c = g_strcmp0 (cw_station_get_id ((CwStation *) sa), cw_station_get_id ((CwStation *) sb));
  if (c == 0)
    c = g_strcmp0 (cw_station_get_source ((CwStation *) sa), cw_station_get_source ((CwStation *) sb));
  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static char *
format_clock (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (t);
  return g_date_time_format (dt, "%H:%M");
}

static void
update_status (CwWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint total = cw_station_store_get_n_stations (self->store);
  g_autofree char *count = NULL;
  g_autofree char *status = NULL;
  gint64 last = self->live ? cw_live_source_get_last_success (self->live) : 0;
  gint64 cached = self->live ? cw_live_source_get_cache_time (self->live) : 0;
  /* The demo's label is ours to translate; other sources name themselves. */
  const char *label = self->spec ? (self->spec->is_demo ? _("Demo data") : self->spec->label) : "";

  if (self->route != NULL)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u station along the route",
                                          "%u stations along the route", shown), shown);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u station in view",
                                          "%u stations in view", shown), shown);
  gtk_label_set_text (self->count_label, count);

  if (last > 0)
    {
      g_autofree char *when = format_clock (last);
      /* Translators: "312 stations · Demo data · checked 14:03" */
      status = g_strdup_printf (_("%u stations · %s · checked %s"), total, label, when);
    }
  else if (cached > 0)
    {
      g_autofree char *when = format_clock (cached);
      /* Translators: stations shown from the disk cache, saved at 14:03 */
      status = g_strdup_printf (_("%u stations · %s · saved data from %s"), total, label, when);
    }
  else if (self->live && cw_live_source_get_state (self->live) == CW_LIVE_STATE_LOADING)
    status = g_strdup (_("Loading stations…"));
  else
    status = g_strdup_printf (_("%u stations · %s"), total, label);
  gtk_label_set_text (self->status_label, status);
}

void
_cw_window_refilter (CwWindow *self)
{
  /* Held at start-up: the release filters and sorts once. */
  if (self->list_held)
    {
      update_status (self);
      return;
    }
  update_sort_keys (self);
  gtk_filter_changed (GTK_FILTER (self->view_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->distance_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  /* Rows show the distance from the centre or along the route, which
   * just changed: rows whose item kept its place would keep a stale
   * figure, so rebind all. */
  gtk_list_view_set_model (self->station_list, NULL);
  gtk_list_view_set_model (self->station_list, GTK_SELECTION_MODEL (self->selection));
  update_status (self);
}

void
_cw_window_show_toast (CwWindow   *self,
                       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
apply_viewport (CwWindow *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int w = gtk_widget_get_width (GTK_WIDGET (map));
  int h = gtk_widget_get_height (GTK_WIDGET (map));
  double lat1, lon1, lat2, lon2;

  if (w <= 0 || h <= 0)
    return;

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (map), 0, 0, &lat1, &lon1);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (map), w, h, &lat2, &lon2);
  self->view_box.min_lat = MIN (lat1, lat2);
  self->view_box.max_lat = MAX (lat1, lat2);
  self->view_box.min_lon = MIN (lon1, lon2);
  self->view_box.max_lon = MAX (lon1, lon2);
  self->centre_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  self->centre_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  self->have_view = TRUE;

  /* Open Charge Map is asked for what is in view, once the map settles;
   * a continent at once would be cut at the result limit, so not below
   * zoom 7. */
  if (self->live != NULL && self->spec->kind == CW_SOURCE_KIND_OCM &&
      shumate_viewport_get_zoom_level (viewport) >= 7)
    cw_live_source_set_area (self->live, &self->view_box);
  /* Along a route the list does not follow the map. */
  if (self->route == NULL)
    _cw_window_refilter (self);
  /* The first-start offer names the open data of the area on screen. */
  if (gtk_revealer_get_reveal_child (self->offer_revealer))
    _cw_window_feeds_update_offer (self);
}

static gboolean
settle_cb (gpointer user_data)
{
  CwWindow *self = user_data;

  self->settle_id = 0;
  apply_viewport (self);
  return G_SOURCE_REMOVE;
}

static void
on_viewport_changed (CwWindow *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (VIEWPORT_SETTLE_MS, settle_cb, self);
}

/* ---- selection ---- */

static void
show_station (CwWindow  *self,
              CwStation *station)
{
  cw_station_layer_set_selected (self->layer, station);
  cw_station_details_set_station (self->details, station);
  if (station != NULL)
    {
      _cw_window_note_viewed (self, station);
      _cw_window_filters_show_station (self, station);
      _cw_window_plan_show_station (self, station);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "details");
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
}

static void
on_selection_changed (CwWindow *self)
{
  CwStation *station = gtk_single_selection_get_selected_item (self->selection);

  if (station != NULL)
    show_station (self, station);
}

static void
on_station_activated (CwWindow  *self,
                      CwStation *station)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (self->selection), i);
      if (s == station)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->station_list), "list.scroll-to-item", "u", i);
          break;
        }
    }
  show_station (self, station);
}

void
_cw_window_select_station (CwWindow  *self,
                           CwStation *station)
{
  on_station_activated (self, station);
}

static void
on_list_activate (CwWindow *self,
                  guint     position)
{
  g_autoptr (CwStation) station = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (station != NULL)
    show_station (self, station);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, cw_station_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CwWindow                 *self)
{
  CwStation *station = gtk_list_item_get_item (item);
  double d = self->have_view ?
             cw_geo_haversine_km (self->centre_lat, self->centre_lon,
                                  station->latitude, station->longitude) : -1;
  double along = -1, offset = -1;

  _cw_window_route_get_hit (self, station, &along, &offset);
  cw_station_row_set_station (CW_STATION_ROW (gtk_list_item_get_child (item)), station, d);
  cw_station_row_set_route_info (CW_STATION_ROW (gtk_list_item_get_child (item)), along, offset);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  cw_station_row_set_station (CW_STATION_ROW (gtk_list_item_get_child (item)), NULL, -1);
}

/* ---- live data ---- */

static gboolean
is_stale (CwWindow *self)
{
  gint64 last;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint interval = self->settings ? g_settings_get_uint (self->settings, "refresh-interval") : 60;

  /* No source yet (a token being looked up): nothing to call stale. */
  if (self->live == NULL || self->spec == NULL || !cw_source_spec_is_live (self->spec))
    return FALSE;
  last = cw_live_source_get_last_success (self->live);
  if (last == 0)
    return cw_live_source_get_cache_time (self->live) > 0;
  return now - last > (gint64) STALE_FACTOR * MAX (interval, 20);
}

static void
update_live_state (CwWindow *self)
{
  const char *error = self->live ? cw_live_source_get_error (self->live) : NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *feeds_failed = _cw_window_feeds_describe_failures (self);
  gboolean failed = error != NULL || feeds_failed != NULL;

  /* No source running (a bad spec, or a token being looked up): what
   * start_source () said stays on screen. */
  if (self->live == NULL)
    {
      update_status (self);
      return;
    }

  g_free (self->error);
  self->error = g_strdup (error ? error : feeds_failed);

  if (error == NULL && feeds_failed != NULL)
    gtk_label_set_text (self->error_label, feeds_failed);
  else if (failed)
    {
      gint64 last = self->live ? cw_live_source_get_last_success (self->live) : 0;
      gint64 shown = last > 0 ? last : (self->live ? cw_live_source_get_cache_time (self->live) : 0);
      gint64 next = self->live ? cw_live_source_get_next_attempt (self->live) : 0;
      g_autofree char *since = shown > 0 ? format_clock (shown) : NULL;
      g_autofree char *text = NULL;
      GString *s = g_string_new (NULL);

      /* Say which source failed, what is on screen, and when it tries again. */
      g_string_append_printf (s, _("Could not update %s: %s."), self->spec->label, error);
      if (since != NULL)
        {
          g_autofree char *part = g_strdup_printf (_("Showing data from %s."), since);
          g_string_append_printf (s, " %s", part);
        }
      if (next > 0)
        {
          gint64 in = MAX (0, next - now);
          g_autofree char *part = in >= 120 ?
            g_strdup_printf (_("Retrying in %d min."), (int) ((in + 59) / 60)) :
            g_strdup_printf (_("Retrying in %d s."), (int) in);
          g_string_append_printf (s, " %s", part);
        }
      if (feeds_failed != NULL)
        g_string_append_printf (s, " %s", feeds_failed);
      text = g_string_free (s, FALSE);
      gtk_label_set_text (self->error_label, text);
    }
  gtk_revealer_set_reveal_child (self->error_revealer, failed);
  gtk_widget_set_visible (self->offline_icon, failed);
  cw_station_layer_set_stale (self->layer, is_stale (self));
  update_status (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  CwWindow *self = user_data;

  /* The countdown in the banner and the staleness move with the clock. */
  update_live_state (self);
  return G_SOURCE_CONTINUE;
}

void
_cw_window_update_live_state (CwWindow *self)
{
  update_live_state (self);
}

static void
on_live_changed (CwWindow *self)
{
  if (!self->have_view && cw_station_store_get_n_stations (self->store) > 0)
    apply_viewport (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->layer));
  update_live_state (self);
}

void
_cw_window_live_changed (CwWindow *self)
{
  on_live_changed (self);
}

static void release_list_soon (CwWindow *self);

static void
on_store_items_changed (CwWindow *self)
{
  /* A window never shown has no frames: its list need not wait. */
  if (self->list_held && !gtk_widget_get_realized (GTK_WIDGET (self)))
    release_list_soon (self);
  /* New stations may lie along the route. */
  if (self->route != NULL && !self->list_held)
    _cw_window_route_update_hits (self);
}

static void
on_stations_updated (CwWindow *self)
{
  /* Statuses changed in place: cluster counts and markers; rows and
   * details follow their station's "changed" themselves. */
  cw_station_layer_update_statuses (self->layer);
  gtk_widget_queue_draw (GTK_WIDGET (self->layer));
}

static void
on_cluster_activated (CwWindow *self,
                      CwBBox   *extent)
{
  CwBBox box = *extent;
  double pad_lat = MAX (0.002, (box.max_lat - box.min_lat) * 0.1);
  double pad_lon = MAX (0.002, (box.max_lon - box.min_lon) * 0.1);

  /* Zoom to the cluster's stations, with a margin. */
  box.min_lat -= pad_lat;
  box.max_lat += pad_lat;
  box.min_lon -= pad_lon;
  box.max_lon += pad_lon;
  _cw_window_fit_box (self, &box);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);

  if (self->live != NULL)
    cw_live_source_refresh (self->live);
}

static void
unselect_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  cw_station_layer_set_selected (self->layer, NULL);
  cw_station_details_set_station (self->details, NULL);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShumateMap *map = shumate_simple_map_get_map (CW_WINDOW (widget)->map);

  if (g_str_equal (action_name, "map.zoom-in"))
    shumate_map_zoom_in (map);
  else
    shumate_map_zoom_out (map);
}

/* Every source in use, with its credit and licence. */
static void
credits_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_credits_entry_free);
  const CwFeed *feed = NULL;

  if (self->spec != NULL && self->spec->feed_id != NULL)
    feed = cw_feed_catalogue_lookup (cw_feed_catalogue_get_default (), self->spec->feed_id);
  if (feed != NULL)
    g_ptr_array_add (entries, cw_credits_entry_new_for_feed (feed));
  else if (self->spec != NULL && self->spec->kind == CW_SOURCE_KIND_OCM)
    g_ptr_array_add (entries, cw_credits_entry_new ("Open Charge Map", self->spec->attribution,
                                                    "CC BY-SA 4.0",
                                                    "https://creativecommons.org/licenses/by-sa/4.0/"));
  else if (self->spec != NULL)
    g_ptr_array_add (entries, cw_credits_entry_new (self->spec->label,
                                                    self->spec->attribution ? self->spec->attribution
                                                                            : _("Stations as published by the server"),
                                                    NULL, NULL));
  _cw_window_feeds_add_credits (self, entries);
  {
    GtkWidget *dialog = cw_credits_dialog_new (GTK_WINDOW (self), entries);

    _cw_window_credit_map (self, CW_CREDITS_DIALOG (dialog));
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

/* The data-quality report of every open feed in use. */
static void
quality_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);
  g_autoptr (GPtrArray) sources = _cw_window_feeds_get_sources (self);

  if (self->live != NULL && self->spec != NULL && self->spec->feed_id != NULL)
    g_ptr_array_insert (sources, 0, self->live);
  gtk_window_present (GTK_WINDOW (cw_quality_dialog_new (GTK_WINDOW (self), sources)));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
}

/* ---- persistence ---- */

static void
restore_state (CwWindow *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double lat = 51.5, lon = 5.5, zoom = 7.0;

  if (self->settings != NULL)
    {
      int w = g_settings_get_int (self->settings, "window-width");
      int h = g_settings_get_int (self->settings, "window-height");

      gtk_window_set_default_size (GTK_WINDOW (self), w, h);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      lat = g_settings_get_double (self->settings, "map-latitude");
      lon = g_settings_get_double (self->settings, "map-longitude");
      zoom = g_settings_get_double (self->settings, "map-zoom");
      adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "sidebar-visible"));
    }
  if (!cw_geo_coords_valid (lat, lon))
    lat = 51.5, lon = 5.5;
  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, 2.0, 18.0));
  shumate_map_center_on (map, lat, lon);
}

static void
save_state (CwWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int w, h;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &w, &h);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", w);
      g_settings_set_int (self->settings, "window-height", h);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_double (self->settings, "map-latitude",
                         shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  g_settings_set_double (self->settings, "map-longitude",
                         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  g_settings_set_double (self->settings, "map-zoom", shumate_viewport_get_zoom_level (viewport));
  g_settings_set_boolean (self->settings, "sidebar-visible", adw_flap_get_reveal_flap (self->flap));
  g_settings_apply (self->settings);
}

static gboolean
cw_window_close_request (GtkWindow *window)
{
  if (_cw_window_kiosk_close_request (CW_WINDOW (window)))
    return TRUE;
  save_state (CW_WINDOW (window));
  return GTK_WINDOW_CLASS (cw_window_parent_class)->close_request (window);
}

/* ---- construction ---- */

static void
setup_map (CwWindow *self)
{
  ShumateViewport *viewport;

  /* Tiles by style, distance units (cw-window-desktop.c) */
  _cw_window_desktop_init (self);

  viewport = shumate_simple_map_get_viewport (self->map);
  self->layer = cw_station_layer_new (viewport);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->layer));
  g_signal_connect_object (self->layer, "station-activated",
                           G_CALLBACK (on_station_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "cluster-activated",
                           G_CALLBACK (on_cluster_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_viewport_changed),
                           self, G_CONNECT_SWAPPED);
}

/* ---- start-up: the list after the map ---- */

/* The list's first filter and sort (and the filter panel's operators),
 * once, after the map's first frame with stations. */
static gboolean
release_list_cb (gpointer user_data)
{
  CwWindow *self = user_data;

  self->list_release_id = 0;
  if (!self->list_held)
    return G_SOURCE_REMOVE;
  self->list_held = FALSE;
  if (self->list_paint_id != 0 && gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    g_clear_signal_handler (&self->list_paint_id, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->list_paint_id = 0;
  if (self->route != NULL)
    {
      /* The hits refilter (and sort) the list. */
      gtk_filter_list_model_set_model (self->in_view, self->list_source);
      _cw_window_route_update_hits (self);
    }
  else
    {
      update_sort_keys (self);
      gtk_filter_list_model_set_model (self->in_view, self->list_source);
    }
  g_clear_object (&self->list_source);
  _cw_window_filters_update_operators (self);
  update_status (self);
  return G_SOURCE_REMOVE;
}

static void
release_list_soon (CwWindow *self)
{
  if (self->list_held && self->list_release_id == 0)
    self->list_release_id = g_idle_add (release_list_cb, self);
}

/* A frame was painted: once the layer has placed the stations there
 * are (drawn or not: a view with none of them counts too), the list
 * may follow. */
static void
list_after_paint (CwWindow *self)
{
  if (self->list_held && g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0 &&
      cw_station_layer_is_ready (self->layer))
    release_list_soon (self);
}

static void
list_realized (CwWindow *self)
{
  if (self->list_held && self->list_paint_id == 0)
    self->list_paint_id = g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                                                   G_CALLBACK (list_after_paint), self, G_CONNECT_SWAPPED);
}

static void
list_unrealized (CwWindow *self)
{
  /* No frames to wait for any longer. */
  if (self->list_paint_id != 0)
    g_clear_signal_handler (&self->list_paint_id, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  release_list_soon (self);
}

static void
setup_list (CwWindow *self)
{
  GtkListItemFactory *factory;
  GListModel *filtered;

  /* store → criteria (filter panel) → map layer, and → view or route → sort → list;
   * the list joins after the map's first frame with stations. */
  self->list_held = TRUE;
  filtered = _cw_window_filters_init (self);
  cw_station_layer_set_model (self->layer, filtered);
  self->list_source = g_object_ref (filtered);
  g_signal_connect (self, "realize", G_CALLBACK (list_realized), NULL);
  g_signal_connect (self, "unrealize", G_CALLBACK (list_unrealized), NULL);

  self->view_filter = gtk_custom_filter_new (in_view_func, self, NULL);
  self->in_view = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->view_filter)));
  self->distance_sorter = gtk_custom_sorter_new (distance_compare, self, NULL);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->in_view)),
                                          g_object_ref (GTK_SORTER (self->distance_sorter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->station_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->station_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->station_list, "activate",
                           G_CALLBACK (on_list_activate), self, G_CONNECT_SWAPPED);
}

/* The live source, its disk cache already being read: the stations
 * show while a token is still looked up. */
static void
create_live (CwWindow *self)
{
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "chargeway", NULL);
  const char *speed = g_getenv ("CHARGEWAY_DEMO_SPEED");

  self->live = cw_live_source_new (self->spec, self->store, cache_dir, NULL);
  cw_live_source_set_demo_mode (self->live, self->demo_mode, speed ? g_ascii_strtod (speed, NULL) : 1.0);
  if (self->settings != NULL)
    cw_live_source_set_interval (self->live, g_settings_get_uint (self->settings, "refresh-interval"));
  g_signal_connect_object (self->live, "changed", G_CALLBACK (on_live_changed),
                           self, G_CONNECT_SWAPPED);
  cw_live_source_load_cache (self->live);
}

static void
begin_live (CwWindow   *self,
            const char *token)
{
  if (self->live == NULL)
    create_live (self);
  cw_live_source_set_token (self->live, token);
  cw_live_source_start (self->live);
  if (self->spec->kind == CW_SOURCE_KIND_OCM && self->have_view)
    apply_viewport (self);
  _cw_window_feeds_update_map_credit (self);
  update_live_state (self);
}

static void
token_found (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (CwLiveSource) live = user_data;   /* the source it was asked for */
  g_autoptr (CwWindow) self = g_object_steal_data (G_OBJECT (live), "cw-window-token-wait");
  g_autofree char *token = cw_secrets_lookup_finish (result, NULL);

  /* Another source since, or gone: the token is not for it. */
  if (self == NULL || self->spec == NULL || self->live != live ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      if (token != NULL)
        memset (token, 0, strlen (token));
      return;
    }
  begin_live (self, token);
  if (token != NULL)
    memset (token, 0, strlen (token));
}

/* Switches to @spec_string: the previous source's stations leave the
 * store, the new source's cache and data come in. */
static void
start_source (CwWindow   *self,
              const char *spec_string)
{
  g_autoptr (GError) error = NULL;
  const char *secret_kind = NULL;
  const char *secret_for = NULL;

  if (self->live != NULL)
    {
      g_autoptr (GPtrArray) none = g_ptr_array_new ();

      cw_live_source_stop (self->live);
      cw_station_store_merge (self->store, self->spec->id, none, TRUE);
      g_clear_object (&self->live);
    }
  g_clear_pointer (&self->spec, cw_source_spec_free);
  cw_station_layer_set_selected (self->layer, NULL);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "list");

  self->spec = cw_source_spec_parse (spec_string, &error);
  if (self->spec == NULL)
    {
      g_free (self->error);
      self->error = g_strdup (error->message);
      gtk_label_set_text (self->error_label, error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      gtk_widget_set_visible (self->demo_badge, FALSE);
      return;
    }
  adw_window_title_set_subtitle (self->window_title, self->spec->is_demo ? _("Demo data") : self->spec->label);
  gtk_widget_set_visible (self->demo_badge, self->spec->is_demo);

  if (self->spec->kind == CW_SOURCE_KIND_OCPI && self->spec->feed_id == NULL)
    {
      secret_kind = "ocpi-token";
      secret_for = self->spec->url;
    }
  else if (self->spec->feed_id != NULL && cw_feed_catalogue_lookup (cw_feed_catalogue_get_default (),
                                                                  self->spec->feed_id)->access ==
                                          CW_FEED_ACCESS_SHARED_KEY)
    {
      secret_kind = "feed-key";
      secret_for = self->spec->feed_id;
    }
  else if (self->spec->kind == CW_SOURCE_KIND_OCM && g_getenv ("OCM_API_KEY") == NULL)
    {
      secret_kind = "ocm-key";
      secret_for = "https://api.openchargemap.io/v3";
    }

  if (secret_kind != NULL)
    {
      create_live (self);
      g_object_set_data_full (G_OBJECT (self->live), "cw-window-token-wait", g_object_ref (self), g_object_unref);
      cw_secrets_lookup_async (secret_kind, secret_for, NULL, token_found, g_object_ref (self->live));
    }
  else if (self->spec->kind == CW_SOURCE_KIND_OCM)
    begin_live (self, g_getenv ("OCM_API_KEY"));
  else
    begin_live (self, NULL);
}

static void
on_source_setting_changed (CwWindow *self)
{
  g_autofree char *spec = g_settings_get_string (self->settings, "source");

  g_free (self->source_spec);
  self->source_spec = g_strdup (spec);
  start_source (self, spec);
  _cw_window_feeds_sync (self);
  _cw_window_feeds_update_offer (self);
}

static void
cw_window_constructed (GObject *object)
{
  CwWindow *self = CW_WINDOW (object);

  G_OBJECT_CLASS (cw_window_parent_class)->constructed (object);

  if (self->store == NULL)
    self->store = cw_station_store_new ();

  setup_map (self);
  _cw_window_route_init (self);
  setup_list (self);
  _cw_window_favourites_init (self);
  _cw_window_plan_init (self);
  restore_state (self);
  g_signal_connect_object (self->store, "stations-updated", G_CALLBACK (on_stations_updated),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (on_store_items_changed),
                           self, G_CONNECT_SWAPPED);
  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  start_source (self, self->source_spec);
  _cw_window_feeds_init (self);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::source", G_CALLBACK (on_source_setting_changed),
                             self, G_CONNECT_SWAPPED);
}

static void
cw_window_dispose (GObject *object)
{
  CwWindow *self = CW_WINDOW (object);

  if (self->live != NULL)
    cw_live_source_stop (self->live);
  g_clear_object (&self->live);
  _cw_window_feeds_dispose (self);
  _cw_window_route_dispose (self);
  _cw_window_favourites_dispose (self);
  _cw_window_plan_dispose (self);
  _cw_window_kiosk_dispose (self);
  _cw_window_filters_dispose (self);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->list_release_id, g_source_remove);
  g_clear_object (&self->list_source);
  if (self->station_list != NULL)
    gtk_list_view_set_model (self->station_list, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->in_view);
  g_clear_object (&self->view_filter);
  g_clear_object (&self->distance_sorter);
  g_clear_pointer (&self->sort_keys, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_WINDOW);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cw_window_parent_class)->dispose (object);
}

static void
cw_window_finalize (GObject *object)
{
  CwWindow *self = CW_WINDOW (object);

  g_clear_pointer (&self->spec, cw_source_spec_free);
  g_free (self->source_spec);
  g_free (self->tiles);
  g_free (self->error);

  G_OBJECT_CLASS (cw_window_parent_class)->finalize (object);
}

static void
cw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CwWindow *self = CW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_SOURCE_SPEC:
      self->source_spec = g_value_dup_string (value);
      break;
    case PROP_TILES:
      self->tiles = g_value_dup_string (value);
      break;
    case PROP_DEMO_MODE:
      self->demo_mode = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CwWindow *self = CW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_SOURCE_SPEC:
      g_value_set_string (value, self->source_spec);
      break;
    case PROP_TILES:
      g_value_set_string (value, self->tiles);
      break;
    case PROP_DEMO_MODE:
      g_value_set_int (value, self->demo_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_window_class_init (CwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cw_window_constructed;
  object_class->dispose = cw_window_dispose;
  object_class->finalize = cw_window_finalize;
  object_class->set_property = cw_window_set_property;
  object_class->get_property = cw_window_get_property;
  window_class->close_request = cw_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CW_TYPE_STATION_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_SPEC] =
    g_param_spec_string ("source-spec", NULL, NULL, "demo",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TILES] =
    g_param_spec_string ("tiles", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO_MODE] =
    g_param_spec_int ("demo-mode", NULL, NULL, CW_DEMO_HUB_SUBPROCESS, CW_DEMO_HUB_IN_PROCESS,
                      CW_DEMO_HUB_SUBPROCESS,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource links it in from the static library. */
  (void) cw_ui_get_resource ();
  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  g_type_ensure (CW_TYPE_STATION_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chargeway/Chargeway/ui/cw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, demo_badge);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, kiosk_overlay);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, offline_icon);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, route_box);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, list_switcher);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, trip_scroller);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, station_list);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, details);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, map);

  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  _cw_window_route_class_init (widget_class);
  _cw_window_plan_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_install_action (widget_class, "win.unselect", NULL, unselect_action);
  gtk_widget_class_install_action (widget_class, "win.credits", NULL, credits_action);
  gtk_widget_class_install_action (widget_class, "win.quality", NULL, quality_action);
  _cw_window_feeds_class_init (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.unselect", NULL);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL);
}

static void
cw_window_init (CwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CwWindow *
cw_window_new (GtkApplication *application,
               CwStationStore *store,
               GSettings      *settings,
               const char     *source_spec,
               const char     *tiles)
{
  return g_object_new (CW_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "settings", settings,
                       "source-spec", source_spec ? source_spec : "demo",
                       "tiles", tiles,
                       NULL);
}

void
cw_window_show_place (CwWindow *self,
                      double    latitude,
                      double    longitude)
{
  CwBBox box;

  g_return_if_fail (CW_IS_WINDOW (self));

  /* About 1.5 km around the point: streets and stations readable. */
  cw_bbox_around (latitude, longitude, 0.75, &box);
  _cw_window_fit_box (self, &box);
}

/* ---- for tests ---- */

GtkSingleSelection *
_cw_window_get_selection (CwWindow *self)
{
  return self->selection;
}

CwStationLayer *
_cw_window_get_layer (CwWindow *self)
{
  return self->layer;
}

CwStationDetails *
_cw_window_get_details (CwWindow *self)
{
  return self->details;
}

ShumateSimpleMap *
_cw_window_get_map (CwWindow *self)
{
  return self->map;
}

const char *
_cw_window_get_visible_page (CwWindow *self)
{
  return gtk_stack_get_visible_child_name (self->sidebar_stack);
}

gboolean
_cw_window_is_loading (CwWindow *self)
{
  return self->live == NULL || cw_live_source_get_state (self->live) == CW_LIVE_STATE_LOADING ||
         cw_live_source_get_state (self->live) == CW_LIVE_STATE_IDLE;
}

CwLiveSource *
_cw_window_get_live_source (CwWindow *self)
{
  return self->live;
}

gboolean
_cw_window_error_shown (CwWindow *self)
{
  return gtk_revealer_get_reveal_child (self->error_revealer);
}

const char *
_cw_window_get_banner_text (CwWindow *self)
{
  return gtk_label_get_text (self->error_label);
}

const char *
_cw_window_get_error (CwWindow *self)
{
  return self->error;
}

gboolean
_cw_window_demo_badge_shown (CwWindow *self)
{
  return gtk_widget_get_visible (self->demo_badge);
}

guint
_cw_window_get_n_notifications (CwWindow *self)
{
  return self->n_notifications;
}

void
_cw_window_flush_viewport (CwWindow *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  apply_viewport (self);
}
