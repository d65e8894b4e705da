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

#include "cw-window-internal.h"

static const char * const blocked_window_actions[] = {
  "route.open-gpx", "route.export",
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
  adw_header_bar_set_show_end_title_buttons (self->header_bar, !kiosk);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, !kiosk);

  if (kiosk)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk");
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
