/* cw-idle-monitor.h: "nobody has touched the kiosk for N seconds"
 *
 * Watches a window, and the windows transient for it (dialogs) as they
 * open, for input: key presses and releases, clicks, touches, scrolls,
 * touchpad and tablet-pad gestures, and pointer motion that really
 * moves (a motion event at the position of the previous one, which
 * GDK may send when content changes under a still pointer, does not
 * count). Focus changes, crossings and drag-and-drop do not count.
 *
 * After @seconds without input it emits "idle" once and "idle" turns
 * TRUE; the next input emits "active" and the countdown starts again,
 * so "idle" comes again only after new input and a new quiet period.
 * The monitor sees events in the capture phase and never stops them.
 *
 * It holds no reference on the window: make the window (or whoever
 * owns both) own the monitor, and drop it in dispose. Its event
 * controllers go with it.
 *
 * Typical kiosk use:
 *
 *   self->idle = cw_idle_monitor_new (GTK_WINDOW (self),
 *                                     g_settings_get_uint (settings, "kiosk-idle-seconds"));
 *   g_signal_connect_object (self->idle, "idle", G_CALLBACK (reset_to_home), self, 0);
 *   g_signal_connect_object (self->idle, "active", G_CALLBACK (hide_attract_view), self, 0);
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CW_TYPE_IDLE_MONITOR (cw_idle_monitor_get_type ())
G_DECLARE_FINAL_TYPE (CwIdleMonitor, cw_idle_monitor, CW, IDLE_MONITOR, GObject)

/* Starts counting now. @seconds 0 never goes idle. */
CwIdleMonitor *cw_idle_monitor_new         (GtkWindow     *window,
                                            guint          seconds);
/* Counts as input: leaves idle (emitting "active") and restarts the
 * countdown. For tests, and for input the monitor cannot see. */
void           cw_idle_monitor_poke        (CwIdleMonitor *self);
/* Property "timeout". The countdown restarts from now with the new
 * value; when already idle, it stays idle until input. */
void           cw_idle_monitor_set_timeout (CwIdleMonitor *self,
                                            guint          seconds);
guint          cw_idle_monitor_get_timeout (CwIdleMonitor *self);
/* Property "idle", read-only, notified on change. */
gboolean       cw_idle_monitor_get_idle    (CwIdleMonitor *self);

G_END_DECLS
