/* cw-window-kiosk.c: the window as a showroom kiosk
 *
 * Full screen, no window controls, nothing that leaves the app (no
 * quit, close, preferences, file choosers, links), no screen blanking;
 * large touch targets; the trip handed to the visitor's phone by QR
 * code; after some time without input, back to the home state with an
 * attract view showing the live network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-window"

#include <glib/gi18n.h>

#include "cw-attract-view.h"
#include "cw-destinations.h"
#include "cw-filter-panel.h"
#include "cw-handoff.h"
#include "cw-heap-trim.h"
#include "cw-idle-monitor.h"
#include "cw-place-entry.h"
#include "cw-qr-code.h"
#include "cw-route-panel.h"
#include "cw-window-internal.h"

/* Nothing on a kiosk opens a file or another program: no file
 * choosers, and no credits dialog (its licence links open a browser;
 * the attribution stays on the map). */
static const char * const blocked_window_actions[] = {
  "route.open-gpx", "route.export", "win.credits",
};

static gboolean
kiosk_key_pressed (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CwWindow              *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if (!self->kiosk)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_F11:
    case GDK_KEY_F10:
    case GDK_KEY_Escape:
      return TRUE;
    case GDK_KEY_F4:
      return (mods & GDK_ALT_MASK) != 0;
    case GDK_KEY_q:
    case GDK_KEY_w:
    case GDK_KEY_comma:
    case GDK_KEY_question:
      return (mods & GDK_CONTROL_MASK) != 0;
    default:
      return FALSE;
    }
}

gboolean
_cw_window_kiosk_close_request (CwWindow *self)
{
  /* Alt+F4 or a compositor's close: refused while a kiosk. */
  return self->kiosk && !self->kiosk_closing;
}

static double
setting_double (CwWindow   *self,
                const char *key,
                double      fallback)
{
  g_autoptr (GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return fallback;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, key) ? g_settings_get_double (self->settings, key) : fallback;
}

static void
home_place (CwWindow *self,
            double   *lat,
            double   *lon)
{
  *lat = setting_double (self, "kiosk-home-latitude", 51.5);
  *lon = setting_double (self, "kiosk-home-longitude", 5.5);
}

static void
hide_attract (CwWindow *self)
{
  if (self->attract != NULL)
    gtk_widget_set_visible (self->attract, FALSE);
}

void
_cw_window_kiosk_reset (CwWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr (GPtrArray) dialogs = g_ptr_array_new_with_free_func (g_object_unref);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double lat, lon;

  /* Any dialog the visitor left open (QR code, …) closes. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *w = g_list_model_get_item (toplevels, i);
      if (gtk_window_get_transient_for (w) == GTK_WINDOW (self))
        g_ptr_array_add (dialogs, w);
      else
        g_object_unref (w);
    }
  for (guint i = 0; i < dialogs->len; i++)
    gtk_window_destroy (g_ptr_array_index (dialogs, i));

  gtk_widget_activate_action (GTK_WIDGET (self), "route.clear", NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.unselect", NULL);
  if (self->filter_panel != NULL)
    cw_filter_panel_reset (CW_FILTER_PANEL (self->filter_panel));
  home_place (self, &lat, &lon);
  shumate_viewport_set_zoom_level (viewport, setting_double (self, "kiosk-home-zoom", 12));
  shumate_map_center_on (shumate_simple_map_get_map (self->map), lat, lon);
  if (self->attract != NULL)
    {
      cw_attract_view_set_centre (CW_ATTRACT_VIEW (self->attract), lat, lon);
      gtk_widget_set_visible (self->attract, TRUE);
    }
  self->n_resets++;
  /* What the visitor's session built (route, hits, lists) is let go:
   * its heap goes back to the system once the reset has settled. */
  cw_heap_trim_soon ();
}

static void
on_idle (CwWindow *self)
{
  if (self->kiosk)
    _cw_window_kiosk_reset (self);
}

char *
_cw_window_kiosk_handoff_text (CwWindow *self)
{
  CwRoutePanel *rp = CW_ROUTE_PANEL (self->route_panel);
  const CwPlace *from = cw_place_entry_get_place (cw_route_panel_get_origin (rp));
  const CwPlace *to = cw_place_entry_get_place (cw_route_panel_get_destination (rp));
  CwStation *station = cw_station_details_get_station (self->details);

  /* A trip: directions from the kiosk to the destination. */
  if (self->route != NULL && from != NULL && to != NULL)
    {
      CwLatLon pts[2] = { { from->latitude, from->longitude }, { to->latitude, to->longitude } };
      return cw_handoff_osm_directions_url (pts, 2);
    }
  /* A station: its place, for the phone's map app. */
  if (station != NULL)
    return cw_handoff_geo_uri (station->latitude, station->longitude, cw_station_get_name (station));
  return NULL;
}

static void
handoff_clicked (CwWindow *self)
{
  g_autofree char *text = _cw_window_kiosk_handoff_text (self);
  GtkWidget *dialog, *box, *label, *qr, *close;

  if (text == NULL)
    {
      _cw_window_show_toast (self, _("Choose a destination or a station first"));
      return;
    }
  dialog = gtk_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_decorated (GTK_WINDOW (dialog), FALSE);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Take It With You"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (box, 36);
  gtk_widget_set_margin_end (box, 36);
  gtk_widget_set_margin_top (box, 36);
  gtk_widget_set_margin_bottom (box, 36);
  label = gtk_label_new (_("Scan with your phone's camera"));
  gtk_widget_add_css_class (label, "title-2");
  qr = cw_qr_code_new (text);
  gtk_widget_set_size_request (qr, 360, 360);
  close = gtk_button_new_with_mnemonic (_("_Done"));
  gtk_widget_add_css_class (close, "pill");
  gtk_widget_add_css_class (close, "suggested-action");
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), qr);
  gtk_box_append (GTK_BOX (box), close);
  gtk_window_set_child (GTK_WINDOW (dialog), box);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
destination_clicked (GtkButton *button,
                     CwWindow  *self)
{
  CwDestination *d = g_object_get_data (G_OBJECT (button), "destination");
  CwRoutePanel *rp = CW_ROUTE_PANEL (self->route_panel);
  double lat, lon;

  /* From the kiosk itself: no typing needed. */
  home_place (self, &lat, &lon);
  cw_place_entry_set_place (cw_route_panel_get_origin (rp), _("You are here"), lat, lon);
  cw_place_entry_set_place (cw_route_panel_get_destination (rp), cw_destination_get_name (d),
                            cw_destination_get_latitude (d), cw_destination_get_longitude (d));
  gtk_widget_activate_action (GTK_WIDGET (self), "route.plan", NULL);
}

static void
build_kiosk_widgets (CwWindow *self)
{
  g_autofree char *path = NULL;
  g_autoptr (GListModel) destinations = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  GtkWidget *flow;
  double lat, lon;

  home_place (self, &lat, &lon);
  self->attract = cw_attract_view_new ();
  gtk_widget_add_css_class (self->attract, "background");
  cw_attract_view_set_store (CW_ATTRACT_VIEW (self->attract), self->store);
  cw_attract_view_set_centre (CW_ATTRACT_VIEW (self->attract), lat, lon);
  gtk_widget_set_visible (self->attract, FALSE);
  g_signal_connect_swapped (self->attract, "activate", G_CALLBACK (hide_attract), self);
  gtk_overlay_add_overlay (self->kiosk_overlay, self->attract);

  self->handoff_button = gtk_button_new_with_mnemonic (_("_Take It With You"));
  gtk_widget_add_css_class (self->handoff_button, "pill");
  gtk_widget_set_margin_start (self->handoff_button, 12);
  gtk_widget_set_margin_end (self->handoff_button, 12);
  g_signal_connect_swapped (self->handoff_button, "clicked", G_CALLBACK (handoff_clicked), self);
  gtk_box_append (self->route_box, self->handoff_button);

  if (self->settings != NULL)
    {
      g_object_get (self->settings, "settings-schema", &schema, NULL);
      if (g_settings_schema_has_key (schema, "kiosk-destinations"))
        path = g_settings_get_string (self->settings, "kiosk-destinations");
    }
  if (path == NULL || *path == '\0')
    {
      g_free (path);
      path = g_strdup (g_getenv ("CHARGEWAY_KIOSK_DESTINATIONS"));
    }
  if (path == NULL || *path == '\0')
    return;
  destinations = cw_destinations_load (path, &error);
  if (destinations == NULL)
    {
      g_warning ("Kiosk destinations: %s", error->message);
      return;
    }

  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_widget_set_margin_start (flow, 12);
  gtk_widget_set_margin_end (flow, 12);
  for (guint i = 0; i < g_list_model_get_n_items (destinations); i++)
    {
      g_autoptr (CwDestination) d = g_list_model_get_item (destinations, i);
      GtkWidget *b = gtk_button_new_with_label (cw_destination_get_name (d));

      g_object_set_data_full (G_OBJECT (b), "destination", g_object_ref (d), g_object_unref);
      g_signal_connect (b, "clicked", G_CALLBACK (destination_clicked), self);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), b);
    }
  self->destinations_box = flow;
  gtk_box_prepend (self->route_box, flow);
}

void
_cw_window_kiosk_dispose (CwWindow *self)
{
  g_clear_object (&self->idle_monitor);
}

void
_cw_window_set_kiosk (CwWindow *self,
                      gboolean  kiosk)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  kiosk = !!kiosk;
  if (self->kiosk == kiosk)
    return;
  self->kiosk = kiosk;

  if (self->kiosk_keys == NULL)
    {
      self->kiosk_keys = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (self->kiosk_keys, GTK_PHASE_CAPTURE);
      g_signal_connect (self->kiosk_keys, "key-pressed", G_CALLBACK (kiosk_key_pressed), self);
      gtk_widget_add_controller (GTK_WIDGET (self), self->kiosk_keys);
    }

  for (guint i = 0; i < G_N_ELEMENTS (blocked_window_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), blocked_window_actions[i], !kiosk);
  gtk_widget_set_visible (self->menu_button, !kiosk);
  _cw_window_feeds_update_offer (self);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, !kiosk);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, !kiosk);

  if (kiosk && self->attract == NULL)
    build_kiosk_widgets (self);
  if (self->handoff_button != NULL)
    gtk_widget_set_visible (self->handoff_button, kiosk);
  if (self->destinations_box != NULL)
    gtk_widget_set_visible (self->destinations_box, kiosk);
  if (kiosk && self->idle_monitor == NULL)
    {
      guint seconds = 90;
      g_autoptr (GSettingsSchema) schema = NULL;

      if (self->settings != NULL)
        {
          g_object_get (self->settings, "settings-schema", &schema, NULL);
          if (g_settings_schema_has_key (schema, "kiosk-idle-seconds"))
            seconds = g_settings_get_uint (self->settings, "kiosk-idle-seconds");
        }
      self->idle_monitor = G_OBJECT (cw_idle_monitor_new (GTK_WINDOW (self), seconds));
      g_signal_connect_object (self->idle_monitor, "idle", G_CALLBACK (on_idle), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->idle_monitor, "active", G_CALLBACK (hide_attract), self, G_CONNECT_SWAPPED);
    }
  if (!kiosk)
    {
      g_clear_object (&self->idle_monitor);
      hide_attract (self);
    }

  if (kiosk)
    {
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
      g_autoptr (GdkMonitor) monitor = g_list_model_get_n_items (monitors) > 0 ?
                                       g_list_model_get_item (monitors, 0) : NULL;

      gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk");
      /* A kiosk often runs on a bare X server with no window manager to
       * honour "full screen": be the monitor's size as well. */
      if (monitor != NULL)
        {
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
        }
      gtk_window_fullscreen (GTK_WINDOW (self));
      if (app != NULL && self->inhibit_cookie == 0)
        self->inhibit_cookie = gtk_application_inhibit (app, GTK_WINDOW (self),
                                                        GTK_APPLICATION_INHIBIT_IDLE |
                                                        GTK_APPLICATION_INHIBIT_SUSPEND,
                                                        _("A showroom kiosk is running"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "kiosk");
      gtk_window_unfullscreen (GTK_WINDOW (self));
      if (app != NULL && self->inhibit_cookie != 0)
        gtk_application_uninhibit (app, self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

void
cw_window_set_kiosk (CwWindow *self,
                     gboolean  kiosk)
{
  g_return_if_fail (CW_IS_WINDOW (self));
  _cw_window_set_kiosk (self, kiosk);
}

gboolean
cw_window_get_kiosk (CwWindow *self)
{
  g_return_val_if_fail (CW_IS_WINDOW (self), FALSE);
  return self->kiosk;
}
