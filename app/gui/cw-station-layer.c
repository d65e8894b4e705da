/* cw-station-layer.c
 *
 * One widget for all stations: a marker per station would be a widget
 * per station, which does not scale (see DESIGN.md). The layer walks
 * the model, projects what is on screen and draws it in one Cairo node.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-station-layer"

#include <math.h>

#include "cw-station-layer.h"

#define MARKER_RADIUS   9.0
#define SELECTED_RADIUS 13.0
#define PICK_RADIUS     14.0

struct _CwStationLayer
{
  ShumateLayer  parent_instance;

  GListModel   *model;
  CwStation    *selected;
  gulong        items_changed_id;
  gboolean      stale;
};

enum {
  STATION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CwStationLayer, cw_station_layer, SHUMATE_TYPE_LAYER)

typedef struct { double r, g, b; } Rgb;

static Rgb
availability_colour (CwAvailability a)
{
  switch (a)
    {
    case CW_AVAILABILITY_AVAILABLE:    return (Rgb) { 0.18, 0.61, 0.26 }; /* green */
    case CW_AVAILABILITY_BUSY:         return (Rgb) { 0.90, 0.51, 0.07 }; /* orange */
    case CW_AVAILABILITY_OUT_OF_ORDER: return (Rgb) { 0.75, 0.11, 0.16 }; /* red */
    case CW_AVAILABILITY_UNKNOWN:
    case CW_N_AVAILABILITIES:
    default:                           return (Rgb) { 0.47, 0.47, 0.50 }; /* grey */
    }
}

static const char *
category_glyph (CwCategory category)
{
  switch (category)
    {
    case CW_CATEGORY_MOTORWAY:    return "A";
    case CW_CATEGORY_HOTEL:       return "H";
    case CW_CATEGORY_MALL:        return "M";
    case CW_CATEGORY_RESTAURANT:  return "R";
    case CW_CATEGORY_CAFE:        return "C";
    case CW_CATEGORY_SUPERMARKET: return "S";
    case CW_CATEGORY_NONE:
    case CW_N_CATEGORIES:
    default:                      return NULL;
    }
}

static void
draw_marker (cairo_t   *cr,
             CwStation *station,
             double     x,
             double     y,
             gboolean   selected,
             gboolean   stale)
{
  Rgb c = availability_colour (cw_station_get_availability (station));

  if (stale)
    {
      /* Towards grey: the colour may no longer be true. */
      c.r = 0.45 * c.r + 0.55 * 0.6;
      c.g = 0.45 * c.g + 0.55 * 0.6;
      c.b = 0.45 * c.b + 0.55 * 0.6;
    }
  double r = selected ? SELECTED_RADIUS : MARKER_RADIUS;
  const char *glyph = category_glyph (cw_station_get_category (station));

  /* A fresh path: cairo_show_text leaves a current point, and an arc
   * would otherwise start with a line from it. */
  cairo_new_path (cr);
  if (selected)
    {
      cairo_arc (cr, x, y, r + 4, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.45);
      cairo_fill (cr);
    }

  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, selected ? 3.0 : 2.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_stroke (cr);

  if (glyph != NULL)
    {
      cairo_text_extents_t ext;

      cairo_set_font_size (cr, selected ? 14 : 11);
      cairo_text_extents (cr, glyph, &ext);
      cairo_move_to (cr, x - ext.width / 2 - ext.x_bearing, y - ext.height / 2 - ext.y_bearing);
      cairo_show_text (cr, glyph);
    }
  else
    {
      /* A dot: a plain charge point with nothing notable around it. */
      cairo_new_path (cr);
      cairo_arc (cr, x, y, selected ? 3.5 : 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static gboolean
project (CwStationLayer *self,
         CwStation      *station,
         double         *x,
         double         *y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                              station->latitude, station->longitude,
                                              x, y);
  return isfinite (*x) && isfinite (*y);
}

static void
cw_station_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CwStationLayer *self = CW_STATION_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  guint n;
  double x, y;

  if (self->model == NULL || width <= 0 || height <= 0)
    return;
  n = g_list_model_get_n_items (self->model);
  if (n == 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CwStation) station = g_list_model_get_item (self->model, i);

      if (station == self->selected)
        continue;
      if (!project (self, station, &x, &y))
        continue;
      if (x < -MARKER_RADIUS || y < -MARKER_RADIUS ||
          x > width + MARKER_RADIUS || y > height + MARKER_RADIUS)
        continue;
      draw_marker (cr, station, x, y, FALSE, self->stale);
    }

  /* The selection is drawn last, on top of its neighbours. */
  if (self->selected != NULL && project (self, self->selected, &x, &y))
    draw_marker (cr, self->selected, x, y, TRUE, self->stale);

  cairo_destroy (cr);
}

CwStation *
cw_station_layer_pick (CwStationLayer *self,
                       double          px,
                       double          py)
{
  CwStation *best = NULL;
  double best_d2 = PICK_RADIUS * PICK_RADIUS;
  guint n;

  g_return_val_if_fail (CW_IS_STATION_LAYER (self), NULL);

  if (self->model == NULL)
    return NULL;

  n = g_list_model_get_n_items (self->model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CwStation) station = g_list_model_get_item (self->model, i);
      double x, y, d2;

      if (!project (self, station, &x, &y))
        continue;
      d2 = (x - px) * (x - px) + (y - py) * (y - py);
      if (d2 <= best_d2)
        {
          best_d2 = d2;
          best = station;
        }
    }
  return best;
}

gboolean
cw_station_layer_get_station_point (CwStationLayer *self,
                                    CwStation      *station,
                                    double         *x,
                                    double         *y)
{
  g_return_val_if_fail (CW_IS_STATION_LAYER (self), FALSE);
  g_return_val_if_fail (CW_IS_STATION (station), FALSE);

  return project (self, station, x, y);
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             CwStationLayer  *self)
{
  CwStation *station = cw_station_layer_pick (self, x, y);

  if (station == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[STATION_ACTIVATED], 0, station);
}

static void
on_viewport_changed (CwStationLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cw_station_layer_constructed (GObject *object)
{
  CwStationLayer *self = CW_STATION_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (cw_station_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_viewport_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
cw_station_layer_dispose (GObject *object)
{
  CwStationLayer *self = CW_STATION_LAYER (object);

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  g_clear_object (&self->selected);

  G_OBJECT_CLASS (cw_station_layer_parent_class)->dispose (object);
}

static void
cw_station_layer_class_init (CwStationLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cw_station_layer_constructed;
  object_class->dispose = cw_station_layer_dispose;
  widget_class->snapshot = cw_station_layer_snapshot;

  /**
   * CwStationLayer::station-activated:
   * @station: the station clicked or tapped
   */
  signals[STATION_ACTIVATED] = g_signal_new ("station-activated",
                                             G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, CW_TYPE_STATION);

  gtk_widget_class_set_css_name (widget_class, "cw-station-layer");
}

static void
cw_station_layer_init (CwStationLayer *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

CwStationLayer *
cw_station_layer_new (ShumateViewport *viewport)
{
  return g_object_new (CW_TYPE_STATION_LAYER, "viewport", viewport, NULL);
}

static void
on_items_changed (CwStationLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cw_station_layer_set_model (CwStationLayer *self,
                            GListModel     *model)
{
  g_return_if_fail (CW_IS_STATION_LAYER (self));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->items_changed_id = g_signal_connect_swapped (model, "items-changed",
                                                       G_CALLBACK (on_items_changed), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cw_station_layer_set_selected (CwStationLayer *self,
                               CwStation      *station)
{
  g_return_if_fail (CW_IS_STATION_LAYER (self));

  if (g_set_object (&self->selected, station))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

CwStation *
cw_station_layer_get_selected (CwStationLayer *self)
{
  g_return_val_if_fail (CW_IS_STATION_LAYER (self), NULL);
  return self->selected;
}

void
cw_station_layer_set_stale (CwStationLayer *self,
                            gboolean        stale)
{
  g_return_if_fail (CW_IS_STATION_LAYER (self));

  if (self->stale == !!stale)
    return;
  self->stale = !!stale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
