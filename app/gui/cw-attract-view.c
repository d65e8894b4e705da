/* cw-attract-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-attract-view"

#include <glib/gi18n.h>
#include <math.h>

#include "cw-attract-view.h"
#include "cw-geo.h"

struct _CwAttractView
{
  GtkWidget       parent_instance;

  GtkWidget      *title;
  GtkWidget      *counts;

  CwStationStore *store;
  GSignalGroup   *store_signals;
  double          latitude, longitude;
  double          radius_km;

  guint           recount_id;
  guint           n_stations;
  guint           n_available;
};

G_DEFINE_FINAL_TYPE (CwAttractView, cw_attract_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RADIUS_KM,
  N_PROPS
};

enum {
  SIGNAL_ACTIVATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
has_centre (CwAttractView *self)
{
  return cw_geo_coords_valid (self->latitude, self->longitude);
}

static void
recount (CwAttractView *self)
{
  guint n_stations = 0, n_available = 0, n_items = 0;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->recount_id, g_source_remove);

  if (self->store != NULL && has_centre (self))
    {
      CwBBox box;

      cw_bbox_around (self->latitude, self->longitude, self->radius_km, &box);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr (CwStation) st = g_list_model_get_item (G_LIST_MODEL (self->store), i);

          if (!st->is_public || !cw_bbox_contains (&box, st->latitude, st->longitude))
            continue;
          if (cw_geo_haversine_km (self->latitude, self->longitude,
                                   st->latitude, st->longitude) > self->radius_km)
            continue;
          n_stations++;
          n_available += cw_station_count_available (st);
        }
    }
  self->n_stations = n_stations;
  self->n_available = n_available;

  if (n_items > 0)
    {
      g_autofree char *stations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u station nearby",
                                                                "%u stations nearby", n_stations),
                                                   n_stations);
      g_autofree char *free_now = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u charger free right now",
                                                                "%u chargers free right now", n_available),
                                                   n_available);
      text = g_strconcat (stations, " · ", free_now, NULL);
    }
  gtk_label_set_text (GTK_LABEL (self->counts), text ? text : "");
  gtk_widget_set_visible (self->counts, text != NULL);
}

static gboolean
recount_cb (gpointer user_data)
{
  CwAttractView *self = user_data;

  self->recount_id = 0;
  recount (self);
  return G_SOURCE_REMOVE;
}

/* A merge may emit several signals; count once after them. */
static void
queue_recount (CwAttractView *self)
{
  if (self->recount_id == 0)
    self->recount_id = g_idle_add (recount_cb, self);
}

static void
flush (CwAttractView *self)
{
  if (self->recount_id != 0)
    recount (self);
}

static void
store_changed_cb (CwAttractView *self)
{
  queue_recount (self);
}

void
cw_attract_view_set_store (CwAttractView  *self,
                           CwStationStore *store)
{
  g_return_if_fail (CW_IS_ATTRACT_VIEW (self));
  g_return_if_fail (store == NULL || CW_IS_STATION_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_group_set_target (self->store_signals, store);
  recount (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
cw_attract_view_set_centre (CwAttractView *self,
                            double         latitude,
                            double         longitude)
{
  g_return_if_fail (CW_IS_ATTRACT_VIEW (self));

  if (!cw_geo_coords_valid (latitude, longitude))
    latitude = longitude = NAN;
  self->latitude = latitude;
  self->longitude = longitude;
  recount (self);
}

void
cw_attract_view_set_radius_km (CwAttractView *self,
                               double         radius_km)
{
  g_return_if_fail (CW_IS_ATTRACT_VIEW (self));
  g_return_if_fail (radius_km > 0);

  if (self->radius_km == radius_km)
    return;
  self->radius_km = radius_km;
  recount (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RADIUS_KM]);
}

double
cw_attract_view_get_radius_km (CwAttractView *self)
{
  g_return_val_if_fail (CW_IS_ATTRACT_VIEW (self), 0);
  return self->radius_km;
}

guint
cw_attract_view_get_n_stations (CwAttractView *self)
{
  g_return_val_if_fail (CW_IS_ATTRACT_VIEW (self), 0);
  flush (self);
  return self->n_stations;
}

guint
cw_attract_view_get_n_available (CwAttractView *self)
{
  g_return_val_if_fail (CW_IS_ATTRACT_VIEW (self), 0);
  flush (self);
  return self->n_available;
}

const char *
cw_attract_view_get_counts_text (CwAttractView *self)
{
  g_return_val_if_fail (CW_IS_ATTRACT_VIEW (self), NULL);
  flush (self);
  return gtk_label_get_text (GTK_LABEL (self->counts));
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CwAttractView   *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0);
}

static void
activate_cb (CwAttractView *self)
{
  /* The class handler of "activate": nothing to do, the owner listens. */
}

static GtkWidget *
big_label (const char *css_class,
           double      scale,
           PangoWeight weight)
{
  GtkWidget *label = gtk_label_new (NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Relative to the user's font, so a larger-text setting still counts. */
  pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
cw_attract_view_dispose (GObject *object)
{
  CwAttractView *self = CW_ATTRACT_VIEW (object);

  g_clear_handle_id (&self->recount_id, g_source_remove);
  if (self->store_signals)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);
  g_clear_pointer (&self->title, gtk_widget_unparent);
  g_clear_pointer (&self->counts, gtk_widget_unparent);

  G_OBJECT_CLASS (cw_attract_view_parent_class)->dispose (object);
}

static void
cw_attract_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CwAttractView *self = CW_ATTRACT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RADIUS_KM:
      g_value_set_double (value, self->radius_km);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_attract_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CwAttractView *self = CW_ATTRACT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      cw_attract_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_RADIUS_KM:
      cw_attract_view_set_radius_km (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_attract_view_class_init (CwAttractViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_attract_view_dispose;
  object_class->get_property = cw_attract_view_get_property;
  object_class->set_property = cw_attract_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CW_TYPE_STATION_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RADIUS_KM] =
    g_param_spec_double ("radius-km", NULL, NULL, 0.001, 20000, CW_ATTRACT_VIEW_DEFAULT_RADIUS_KM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwAttractView::activate:
   *
   * Someone touched the view (or pressed Enter on it).
   */
  signals[SIGNAL_ACTIVATE] =
    g_signal_new_class_handler ("activate", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (activate_cb), NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[SIGNAL_ACTIVATE]);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attractview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
cw_attract_view_init (CwAttractView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkGesture *click = gtk_gesture_click_new ();

  self->latitude = self->longitude = NAN;
  self->radius_km = CW_ATTRACT_VIEW_DEFAULT_RADIUS_KM;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 24);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  self->title = big_label ("cw-attract-title", 3.0, PANGO_WEIGHT_BOLD);
  gtk_label_set_text (GTK_LABEL (self->title), _("Touch to plan your trip"));
  gtk_widget_set_valign (self->title, GTK_ALIGN_END);
  gtk_widget_set_vexpand (self->title, TRUE);
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));

  self->counts = big_label ("cw-attract-counts", 1.8, PANGO_WEIGHT_NORMAL);
  gtk_widget_set_valign (self->counts, GTK_ALIGN_START);
  gtk_widget_set_vexpand (self->counts, TRUE);
  gtk_widget_set_visible (self->counts, FALSE);
  gtk_widget_set_parent (self->counts, GTK_WIDGET (self));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (click), FALSE);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  self->store_signals = g_signal_group_new (CW_TYPE_STATION_STORE);
  g_signal_group_connect_swapped (self->store_signals, "items-changed",
                                  G_CALLBACK (store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "stations-updated",
                                  G_CALLBACK (store_changed_cb), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Touch to plan your trip"),
                                  -1);
}

GtkWidget *
cw_attract_view_new (void)
{
  return g_object_new (CW_TYPE_ATTRACT_VIEW, NULL);
}
