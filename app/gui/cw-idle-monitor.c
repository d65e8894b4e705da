/* cw-idle-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-idle-monitor"

#include "cw-idle-monitor.h"

/* How far up a chain of transient windows a dialog may sit. */
#define MAX_TRANSIENT_DEPTH 8

struct _CwIdleMonitor
{
  GObject     parent_instance;

  GtkWindow  *window;        /* weak */
  GPtrArray  *controllers;   /* GWeakRef* to our GtkEventControllerLegacy, one a window */
  guint       timeout;       /* seconds, 0 = never */
  gint64      last_input;    /* monotonic µs */
  guint       timer_id;
  gboolean    idle;

  /* The last pointer position seen, to drop motion that does not move. */
  GdkSurface *motion_surface; /* compared, never dereferenced */
  double      motion_x, motion_y;
};

G_DEFINE_FINAL_TYPE (CwIdleMonitor, cw_idle_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_IDLE,
  N_PROPS
};

enum {
  SIGNAL_IDLE,
  SIGNAL_ACTIVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void arm_timer (CwIdleMonitor *self,
                       gint64         delay_us);

static void
set_idle (CwIdleMonitor *self,
          gboolean       idle)
{
  if (self->idle == idle)
    return;
  self->idle = idle;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE]);
  g_signal_emit (self, signals[idle ? SIGNAL_IDLE : SIGNAL_ACTIVE], 0);
}

static gboolean
timer_cb (gpointer user_data)
{
  CwIdleMonitor *self = user_data;
  gint64 quiet = g_get_monotonic_time () - self->last_input;
  gint64 needed = (gint64) self->timeout * G_USEC_PER_SEC;

  self->timer_id = 0;
  if (quiet < needed)
    {
      /* Input came meanwhile: wait out the rest. */
      arm_timer (self, needed - quiet);
      return G_SOURCE_REMOVE;
    }
  set_idle (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
arm_timer (CwIdleMonitor *self,
           gint64         delay_us)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->timeout == 0)
    return;
  /* Milliseconds, rounded up: never early. */
  self->timer_id = g_timeout_add ((guint) ((MAX (delay_us, 0) + 999) / 1000), timer_cb, self);
}

static void
input_seen (CwIdleMonitor *self)
{
  self->last_input = g_get_monotonic_time ();
  /* While counting down, the running timer re-arms itself on expiry:
   * nothing to do per event, which matters for motion. */
  if (self->timer_id == 0)
    arm_timer (self, (gint64) self->timeout * G_USEC_PER_SEC);
  set_idle (self, FALSE);
}

static gboolean
is_input (CwIdleMonitor *self,
          GdkEvent      *event)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
      {
        GdkSurface *surface = gdk_event_get_surface (event);
        double x = 0, y = 0;

        gdk_event_get_position (event, &x, &y);
        if (surface == self->motion_surface && x == self->motion_x && y == self->motion_y)
          return FALSE;
        self->motion_surface = surface;
        self->motion_x = x;
        self->motion_y = y;
        return TRUE;
      }
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
    case GDK_TOUCHPAD_HOLD:
    case GDK_PAD_BUTTON_PRESS:
    case GDK_PAD_BUTTON_RELEASE:
    case GDK_PAD_RING:
    case GDK_PAD_STRIP:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
event_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          CwIdleMonitor            *self)
{
  if (is_input (self, event))
    input_seen (self);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
is_watched (CwIdleMonitor *self,
            GtkWindow     *window)
{
  for (guint i = 0; i < self->controllers->len; i++)
    {
      g_autoptr (GtkEventController) c = g_weak_ref_get (g_ptr_array_index (self->controllers, i));

      if (c != NULL && gtk_event_controller_get_widget (c) == GTK_WIDGET (window))
        return TRUE;
    }
  return FALSE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
watch (CwIdleMonitor *self,
       GtkWindow     *window)
{
  GtkEventController *controller;
  GWeakRef *ref;

  if (is_watched (self, window))
    return;

  /* Drop the refs of windows gone since. */
  for (guint i = self->controllers->len; i > 0; i--)
    {
      g_autoptr (GObject) c = g_weak_ref_get (g_ptr_array_index (self->controllers, i - 1));
      if (c == NULL)
        g_ptr_array_remove_index_fast (self->controllers, i - 1);
    }

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_name (controller, "cw-idle-monitor");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, controller);
  g_ptr_array_add (self->controllers, ref);
}

static gboolean
leads_to_window (CwIdleMonitor *self,
                 GtkWindow     *window)
{
  for (guint depth = 0; window != NULL && depth < MAX_TRANSIENT_DEPTH; depth++)
    {
      window = gtk_window_get_transient_for (window);
      if (window != NULL && window == self->window)
        return TRUE;
    }
  return FALSE;
}

static void
transient_for_cb (GtkWindow     *window,
                  GParamSpec    *pspec,
                  CwIdleMonitor *self)
{
  if (self->window != NULL && leads_to_window (self, window))
    watch (self, window);
}

static void
consider_toplevel (CwIdleMonitor *self,
                   GtkWindow     *window)
{
  if (window == self->window)
    return;
  /* transient-for is often set after the window joins the toplevels. */
  g_signal_connect_object (window, "notify::transient-for",
                           G_CALLBACK (transient_for_cb), self, 0);
  transient_for_cb (window, NULL, self);
}

static void
toplevels_changed_cb (GListModel    *toplevels,
                      guint          position,
                      guint          removed,
                      guint          added,
                      CwIdleMonitor *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      consider_toplevel (self, window);
    }
}

static void
cw_idle_monitor_dispose (GObject *object)
{
  CwIdleMonitor *self = CW_IDLE_MONITOR (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->controllers != NULL)
    {
      for (guint i = 0; i < self->controllers->len; i++)
        {
          g_autoptr (GtkEventController) c = g_weak_ref_get (g_ptr_array_index (self->controllers, i));
          GtkWidget *widget = c ? gtk_event_controller_get_widget (c) : NULL;

          if (widget != NULL)
            gtk_widget_remove_controller (widget, c);
        }
      g_clear_pointer (&self->controllers, g_ptr_array_unref);
    }
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (cw_idle_monitor_parent_class)->dispose (object);
}

static void
cw_idle_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CwIdleMonitor *self = CW_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_IDLE:
      g_value_set_boolean (value, self->idle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_idle_monitor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CwIdleMonitor *self = CW_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      cw_idle_monitor_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_idle_monitor_class_init (CwIdleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_idle_monitor_dispose;
  object_class->get_property = cw_idle_monitor_get_property;
  object_class->set_property = cw_idle_monitor_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT / 1000, 90,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDLE] =
    g_param_spec_boolean ("idle", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwIdleMonitor::idle:
   *
   * No input for the timeout: reset to the home state. Once per quiet
   * period.
   */
  signals[SIGNAL_IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CwIdleMonitor::active:
   *
   * The first input after "idle": a visitor is here.
   */
  signals[SIGNAL_ACTIVE] = g_signal_new ("active", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cw_idle_monitor_init (CwIdleMonitor *self)
{
  self->controllers = g_ptr_array_new_with_free_func (weak_ref_free);
  self->timeout = 90;
}

CwIdleMonitor *
cw_idle_monitor_new (GtkWindow *window,
                     guint      seconds)
{
  CwIdleMonitor *self;
  GListModel *toplevels;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  self = g_object_new (CW_TYPE_IDLE_MONITOR, NULL);
  g_set_weak_pointer (&self->window, window);
  watch (self, window);

  toplevels = gtk_window_get_toplevels ();
  g_signal_connect_object (toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb), self, 0);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) other = g_list_model_get_item (toplevels, i);
      consider_toplevel (self, other);
    }

  cw_idle_monitor_set_timeout (self, seconds);
  return self;
}

void
cw_idle_monitor_poke (CwIdleMonitor *self)
{
  g_return_if_fail (CW_IS_IDLE_MONITOR (self));
  input_seen (self);
}

void
cw_idle_monitor_set_timeout (CwIdleMonitor *self,
                             guint          seconds)
{
  gboolean changed;

  g_return_if_fail (CW_IS_IDLE_MONITOR (self));

  seconds = MIN (seconds, G_MAXUINT / 1000);
  changed = self->timeout != seconds;
  self->timeout = seconds;
  self->last_input = g_get_monotonic_time ();
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!self->idle)
    arm_timer (self, (gint64) seconds * G_USEC_PER_SEC);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
cw_idle_monitor_get_timeout (CwIdleMonitor *self)
{
  g_return_val_if_fail (CW_IS_IDLE_MONITOR (self), 0);
  return self->timeout;
}

gboolean
cw_idle_monitor_get_idle (CwIdleMonitor *self)
{
  g_return_val_if_fail (CW_IS_IDLE_MONITOR (self), FALSE);
  return self->idle;
}
