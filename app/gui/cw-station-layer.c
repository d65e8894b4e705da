/* cw-station-layer.c
 *
 * One widget for all stations: a marker per station would be a widget
 * per station, which does not scale (see DESIGN.md). The layer keeps
 * compact arrays of the model's coordinates and a cluster index built
 * from them in a worker thread when the data changes; each frame asks
 * the index for what is in view at this zoom and paints each item from
 * an image drawn once (cw-station-sprites.c). Clicks are answered from what
 * the last frame drew.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-station-layer"

#include <math.h>
#include <string.h>

#include "cw-cluster.h"
#include "cw-station-layer.h"
#include "cw-station-sprites.h"

#define PICK_RADIUS     14.0

/* The stations indexed: an array of exactly their number (a GPtrArray
 * would round it up to a power of two), a reference each. */
typedef struct _Stations {
  guint      len;
  CwStation *v[];
} Stations;

static Stations *
stations_new (guint n)
{
  Stations *a = g_malloc (sizeof (Stations) + n * sizeof (CwStation *));

  a->len = 0;
  return a;
}

static void
stations_free (Stations *a)
{
  for (guint i = 0; i < a->len; i++)
    g_object_unref (a->v[i]);
  g_free (a);
}

struct _CwStationLayer
{
  ShumateLayer    parent_instance;

  GListModel     *model;
  CwStation      *selected;
  gulong          items_changed_id;
  gboolean        stale;

  /* The index and the stations it was built from, in the same order. */
  CwClusterIndex *index;
  struct _Stations *indexed;        /* in the index's order, owned */
  GCancellable   *build_cancellable;
  struct _BuildInput *building;
  gboolean        rebuild_pending;

  /* The stops of a trip plan, in order (CwStation*, owned). */
  GPtrArray      *planned;

  /* What the last frame drew, for clicks. */
  GArray         *drawn;            /* Drawn */
  guint           n_planned_drawn;

  /* Markers and clusters drawn once, painted many times. */
  CwSprites      *sprites;
};

typedef struct {
  double   x, y, r;
  guint32  count;
  guint32  id;                      /* station index when count == 1 */
  CwBBox   extent;
  CwStation *planned;               /* a planned stop drawn on top, or NULL */
} Drawn;

enum {
  STATION_ACTIVATED,
  CLUSTER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CwStationLayer, cw_station_layer, SHUMATE_TYPE_LAYER)

static gboolean
project (CwStationLayer *self,
         double          lat,
         double          lon,
         double         *x,
         double         *y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat, lon, x, y);
  return isfinite (*x) && isfinite (*y);
}

static void
visible_box (CwStationLayer *self,
             int             width,
             int             height,
             CwBBox         *box)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double lat1, lon1, lat2, lon2;
  double m = 40;   /* markers half off the edge still show */

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self), -m, -m, &lat1, &lon1);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self), width + m, height + m, &lat2, &lon2);
  box->min_lat = CLAMP (MIN (lat1, lat2), -90, 90);
  box->max_lat = CLAMP (MAX (lat1, lat2), -90, 90);
  box->min_lon = CLAMP (MIN (lon1, lon2), -180, 180);
  box->max_lon = CLAMP (MAX (lon1, lon2), -180, 180);
}

static void
cw_station_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CwStationLayer *self = CW_STATION_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  g_autoptr (GArray) items = NULL;
  CwBBox box;
  double x, y;
  int zoom;

  g_array_set_size (self->drawn, 0);
  self->n_planned_drawn = 0;
  cw_sprites_begin_frame (self->sprites, self->stale, scale);
  if (self->index == NULL || width <= 0 || height <= 0)
    return;

  visible_box (self, width, height, &box);
  zoom = (int) floor (shumate_viewport_get_zoom_level (viewport));
  items = g_array_new (FALSE, FALSE, sizeof (CwClusterItem));
  cw_cluster_index_get_clusters (self->index, &box, zoom, items);
  if (items->len == 0 && self->selected == NULL && self->planned->len == 0)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      const CwClusterItem *it = &g_array_index (items, CwClusterItem, i);
      double lat = it->lat, lon = it->lon;
      Drawn d = { 0 };

      /* a station where it is: the index keeps it to 1 cm */
      if (it->count == 1)
        {
          CwStation *alone = self->indexed->v[it->id];

          lat = alone->latitude;
          lon = alone->longitude;
        }
      if (!project (self, lat, lon, &x, &y))
        continue;
      d.x = x;
      d.y = y;
      d.count = it->count;
      d.id = it->id;
      d.extent = it->extent;
      if (it->count == 1)
        {
          CwStation *station = self->indexed->v[it->id];

          d.r = CW_MARKER_RADIUS;
          if (station != self->selected)
            cw_sprite_paint (cw_sprites_marker (self->sprites, station, FALSE), snapshot, x, y);
        }
      else
        {
          d.r = cw_sprites_cluster_radius (it->count);
          cw_sprite_paint (cw_sprites_cluster (self->sprites, it->count, it->n_free), snapshot, x, y);
        }
      g_array_append_val (self->drawn, d);
    }

  /* The stops of a plan stand out of any cluster, each with its number. */
  for (guint i = 0; i < self->planned->len; i++)
    {
      CwStation *station = g_ptr_array_index (self->planned, i);
      Drawn d = { 0 };

      if (!project (self, station->latitude, station->longitude, &x, &y) ||
          x < -40 || y < -40 || x > width + 40 || y > height + 40)
        continue;
      if (station != self->selected)
        cw_sprite_paint (cw_sprites_marker (self->sprites, station, FALSE), snapshot, x, y);
      cw_sprite_paint (cw_sprites_planned (self->sprites, i + 1), snapshot, x, y);
      d.x = x;
      d.y = y;
      d.r = CW_PLAN_RING_RADIUS;
      d.count = 1;
      d.planned = station;
      g_array_append_val (self->drawn, d);
      self->n_planned_drawn++;
    }

  /* The selection is drawn last, on top of its neighbours and clusters. */
  if (self->selected != NULL && project (self, self->selected->latitude, self->selected->longitude, &x, &y))
    {
      guint number = cw_station_layer_get_planned_number (self, self->selected);

      cw_sprite_paint (cw_sprites_marker (self->sprites, self->selected, TRUE), snapshot, x, y);
      if (number > 0)
        cw_sprite_paint (cw_sprites_planned (self->sprites, number), snapshot, x, y);
    }

  /* Keep what this frame painted, and no more than needed besides. */
  cw_sprites_end_frame (self->sprites);
}

/* The topmost thing drawn under (px, py): a station or a cluster. */
static const Drawn *
pick_drawn (CwStationLayer *self,
            double          px,
            double          py)
{
  const Drawn *best = NULL;
  double best_d2 = G_MAXDOUBLE;

  /* Planned stops are drawn on top: they answer first. */
  for (int pass = 0; pass < 2 && best == NULL; pass++)
    for (guint i = 0; i < self->drawn->len; i++)
      {
        const Drawn *d = &g_array_index (self->drawn, Drawn, i);
        double r = MAX (d->r, PICK_RADIUS);
        double d2 = (d->x - px) * (d->x - px) + (d->y - py) * (d->y - py);

        if ((d->planned != NULL) != (pass == 0))
          continue;
        if (d2 <= r * r && d2 < best_d2)
          {
            best_d2 = d2;
            best = d;
          }
      }
  return best;
}

static CwStation *
drawn_station (CwStationLayer *self,
               const Drawn    *d)
{
  return d->planned != NULL ? d->planned : self->indexed->v[d->id];
}

CwStation *
cw_station_layer_pick (CwStationLayer *self,
                       double          px,
                       double          py)
{
  const Drawn *d;

  g_return_val_if_fail (CW_IS_STATION_LAYER (self), NULL);

  d = pick_drawn (self, px, py);
  if (d == NULL || d->count != 1)
    return NULL;
  return drawn_station (self, d);
}

gboolean
cw_station_layer_get_station_point (CwStationLayer *self,
                                    CwStation      *station,
                                    double         *x,
                                    double         *y)
{
  g_return_val_if_fail (CW_IS_STATION_LAYER (self), FALSE);
  g_return_val_if_fail (CW_IS_STATION (station), FALSE);

  return project (self, station->latitude, station->longitude, x, y);
}

gboolean
cw_station_layer_get_cluster_at (CwStationLayer *self,
                                 double          x,
                                 double          y,
                                 guint          *count,
                                 CwBBox         *extent)
{
  const Drawn *d = pick_drawn (self, x, y);

  if (d == NULL || d->count < 2)
    return FALSE;
  if (count)
    *count = d->count;
  if (extent)
    *extent = d->extent;
  return TRUE;
}

guint
cw_station_layer_get_n_drawn (CwStationLayer *self,
                              guint          *n_clusters)
{
  guint clusters = 0;

  for (guint i = 0; i < self->drawn->len; i++)
    if (g_array_index (self->drawn, Drawn, i).count > 1)
      clusters++;
  if (n_clusters)
    *n_clusters = clusters;
  return self->drawn->len;
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             CwStationLayer  *self)
{
  const Drawn *d = pick_drawn (self, x, y);

  if (d == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (d->count == 1)
    g_signal_emit (self, signals[STATION_ACTIVATED], 0, drawn_station (self, d));
  else
    {
      CwBBox extent = d->extent;
      g_signal_emit (self, signals[CLUSTER_ACTIVATED], 0, &extent);
    }
}

static void
on_viewport_changed (CwStationLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- the index ---- */

typedef struct _BuildInput {
  CwStationLayer *layer;    /* cleared when the layer goes first */
  Stations  *stations;
  double    *lat;
  double    *lon;
  guint8    *is_free;
} BuildInput;

static void
build_input_free (BuildInput *in)
{
  g_clear_pointer (&in->stations, stations_free);
  g_free (in->lat);
  g_free (in->lon);
  g_free (in);
}

static void schedule_rebuild (CwStationLayer *self);

static void
layer_options (CwClusterOptions *opts)
{
  CwClusterOptions init = CW_CLUSTER_OPTIONS_INIT;

  *opts = init;
  /* The layer's array goes in the index's order: ids index it. */
  opts->own_order = TRUE;
  /* Each station stands alone from zoom 15: a street is readable there. */
  opts->max_zoom = CW_STATION_LAYER_CLUSTER_MAX_ZOOM;
  opts->radius = CW_STATION_LAYER_CLUSTER_RADIUS;
}

/* ---- an index built ahead (cw_station_layer_offer_index) ---- */

typedef struct {
  GPtrArray      *stations;         /* CwStation*, owned */
  CwClusterIndex *index;
} Offer;

static GMutex offer_lock;
static GPtrArray *offers;           /* Offer*, until a rebuild with stations */

static void
offer_free (Offer *o)
{
  g_ptr_array_unref (o->stations);
  cw_cluster_index_free (o->index);
  g_free (o);
}

void
cw_station_layer_offer_index (GPtrArray *stations)
{
  Offer *o = g_new0 (Offer, 1);
  guint n = stations->len;
  g_autofree double *lat = g_new (double, MAX (1, n));
  g_autofree double *lon = g_new (double, MAX (1, n));
  g_autofree guint8 *is_free = g_new0 (guint8, MAX (1, n));
  CwClusterOptions opts;

  o->stations = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);

      lat[i] = s->latitude;
      lon[i] = s->longitude;
      is_free[i] = cw_station_get_availability (s) == CW_AVAILABILITY_AVAILABLE;
      g_ptr_array_add (o->stations, g_object_ref (s));
    }
  layer_options (&opts);
  o->index = cw_cluster_index_new (lat, lon, is_free, n, &opts);   /* keeps its own flags */
  g_mutex_lock (&offer_lock);
  if (offers == NULL)
    offers = g_ptr_array_new ();
  g_ptr_array_add (offers, o);
  g_mutex_unlock (&offer_lock);
}

/* At a rebuild with stations: the offer for exactly @stations (in this
 * order), or NULL; every other offer is dropped, as no later data can
 * be the same as one decoded at start-up. */
static Offer *
take_offer (const Stations *stations)
{
  g_autoptr (GPtrArray) all = NULL;
  Offer *found = NULL;

  g_mutex_lock (&offer_lock);
  all = g_steal_pointer (&offers);
  g_mutex_unlock (&offer_lock);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      Offer *o = g_ptr_array_index (all, i);

      if (found == NULL && o->stations->len == stations->len &&
          memcmp (o->stations->pdata, stations->v, stations->len * sizeof (gpointer)) == 0)
        found = o;
      else
        offer_free (o);
    }
  return found;
}

/* @index and @stations (in the model's order) become the layer's, the
 * stations put in the index's own order. */
static void
adopt (CwStationLayer *self,
       CwClusterIndex *index,
       Stations       *stations)
{
  g_autofree guint32 *order = cw_cluster_index_take_order (index);

  g_clear_pointer (&self->index, cw_cluster_index_free);
  g_clear_pointer (&self->indexed, stations_free);
  self->index = index;
  self->indexed = stations;
  if (order != NULL)
    {
      Stations *in_order = stations_new (stations->len);

      for (guint p = 0; p < stations->len; p++)
        in_order->v[p] = stations->v[order[p]];
      in_order->len = stations->len;
      stations->len = 0;                      /* the references moved */
      stations_free (stations);
      self->indexed = in_order;
    }
}

static void
build_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  BuildInput *in = user_data;
  g_autoptr (GError) error = NULL;
  CwClusterIndex *index = cw_cluster_index_new_finish (result, &error);
  CwStationLayer *self;

  if (index == NULL)
    {
      /* Cancelled: the layer is gone or newer data is coming. */
      g_free (in->is_free);
      build_input_free (in);
      return;
    }
  self = in->layer;
  if (self == NULL)
    {
      cw_cluster_index_free (index);
      g_free (in->is_free);
      build_input_free (in);
      return;
    }

  self->building = NULL;
  adopt (self, index, g_steal_pointer (&in->stations));
  g_clear_pointer (&in->is_free, g_free);    /* the index keeps its own */
  g_clear_object (&self->build_cancellable);
  build_input_free (in);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (self->rebuild_pending)
    {
      self->rebuild_pending = FALSE;
      schedule_rebuild (self);
    }
}

static void
schedule_rebuild (CwStationLayer *self)
{
  BuildInput *in;
  Offer *offer;
  guint n;
  CwClusterOptions opts;

  if (self->model == NULL)
    return;
  /* One build at a time; the newest data wins after it. */
  if (self->build_cancellable != NULL)
    {
      self->rebuild_pending = TRUE;
      return;
    }

  n = g_list_model_get_n_items (self->model);
  in = g_new0 (BuildInput, 1);
  in->stations = stations_new (n);
  for (guint i = 0; i < n; i++)
    in->stations->v[in->stations->len++] = g_list_model_get_item (self->model, i);
  if (n > 0 && (offer = take_offer (in->stations)) != NULL)
    {
      /* Built ahead for these very stations: no build. */
      adopt (self, g_steal_pointer (&offer->index), g_steal_pointer (&in->stations));
      offer_free (offer);
      build_input_free (in);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  in->lat = g_new (double, MAX (1, n));
  in->lon = g_new (double, MAX (1, n));
  in->is_free = g_new0 (guint8, MAX (1, n));
  for (guint i = 0; i < n; i++)
    {
      CwStation *s = in->stations->v[i];

      in->lat[i] = s->latitude;
      in->lon[i] = s->longitude;
      in->is_free[i] = cw_station_get_availability (s) == CW_AVAILABILITY_AVAILABLE;
    }
  in->layer = self;

  layer_options (&opts);
  self->build_cancellable = g_cancellable_new ();
  self->building = in;
  cw_cluster_index_new_async (in->lat, in->lon, in->is_free, n, &opts,
                              self->build_cancellable, build_done, in);
}

static gboolean
indexed_is_free (guint    station,
                 gpointer data)
{
  Stations *indexed = data;

  return cw_station_get_availability (indexed->v[station]) == CW_AVAILABILITY_AVAILABLE;
}

void
cw_station_layer_update_statuses (CwStationLayer *self)
{
  gboolean any = FALSE;

  g_return_if_fail (CW_IS_STATION_LAYER (self));

  if (self->index == NULL)
    return;
  /* Live changes move counts, not points: no rebuild. */
  any = cw_cluster_index_update_free (self->index, indexed_is_free, self->indexed);
  if (any)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cw_station_layer_is_ready (CwStationLayer *self)
{
  return self->index != NULL && self->build_cancellable == NULL && !self->rebuild_pending;
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
  g_ptr_array_set_size (self->planned, 0);
  /* A build still running finishes into nothing. */
  if (self->building != NULL)
    self->building->layer = NULL;
  self->building = NULL;
  if (self->build_cancellable != NULL)
    g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  g_clear_pointer (&self->index, cw_cluster_index_free);
  g_clear_pointer (&self->indexed, stations_free);

  G_OBJECT_CLASS (cw_station_layer_parent_class)->dispose (object);
}

static void
cw_station_layer_finalize (GObject *object)
{
  CwStationLayer *self = CW_STATION_LAYER (object);

  g_array_unref (self->drawn);
  g_ptr_array_unref (self->planned);
  cw_sprites_free (self->sprites);
  G_OBJECT_CLASS (cw_station_layer_parent_class)->finalize (object);
}

static void
cw_station_layer_class_init (CwStationLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cw_station_layer_constructed;
  object_class->dispose = cw_station_layer_dispose;
  object_class->finalize = cw_station_layer_finalize;
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
  /**
   * CwStationLayer::cluster-activated:
   * @extent: (type gpointer): the CwBBox of the cluster's stations
   */
  signals[CLUSTER_ACTIVATED] = g_signal_new ("cluster-activated",
                                             G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_css_name (widget_class, "cw-station-layer");
}

static void
cw_station_layer_init (CwStationLayer *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->drawn = g_array_new (FALSE, FALSE, sizeof (Drawn));
  self->planned = g_ptr_array_new_with_free_func (g_object_unref);
  self->sprites = cw_sprites_new ();
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
  schedule_rebuild (self);
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
  schedule_rebuild (self);
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

void
cw_station_layer_set_planned (CwStationLayer *self,
                              GPtrArray      *stations)
{
  g_return_if_fail (CW_IS_STATION_LAYER (self));

  g_ptr_array_set_size (self->planned, 0);
  for (guint i = 0; stations != NULL && i < stations->len; i++)
    g_ptr_array_add (self->planned, g_object_ref (g_ptr_array_index (stations, i)));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
cw_station_layer_get_planned_number (CwStationLayer *self,
                                     CwStation      *station)
{
  guint i;

  g_return_val_if_fail (CW_IS_STATION_LAYER (self), 0);

  if (station == NULL || !g_ptr_array_find (self->planned, station, &i))
    return 0;
  return i + 1;
}

guint
cw_station_layer_get_n_planned_drawn (CwStationLayer *self)
{
  g_return_val_if_fail (CW_IS_STATION_LAYER (self), 0);
  return self->n_planned_drawn;
}
