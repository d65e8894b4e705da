/* test-window-scale.c: the window with 100,000 stations, under Xvfb
 *
 * The map is moved by the input controllers of the ShumateMap (GTK 4.8
 * cannot synthesise events, so their signals are emitted as a drag or
 * a wheel would), and each frame is checked against a cluster index
 * built here from the same stations with the layer's options: every
 * cluster and station the index puts in view is drawn where it says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>

#include "cw-application.h"
#include "cw-cache-prefetch.h"
#include "cw-cluster.h"
#include "cw-live-source.h"
#include "cw-station-cache.h"
#include "cw-synth.h"
#include "cw-test-gui.h"
#include "cw-test-tiles.h"
#include "cw-window-private.h"

#define N_STATIONS  100000
/* As cw-station-layer.c builds its index. */
#define LAYER_RADIUS   CW_STATION_LAYER_CLUSTER_RADIUS
#define LAYER_MAX_ZOOM CW_STATION_LAYER_CLUSTER_MAX_ZOOM
/* Hit-test stations, alone in the Atlantic: A and B 40 px apart at
 * zoom 17, C and D 20 px apart (their 9-px glyphs 2 px apart). */
#define HIT_LAT    40.0
#define HIT_LON   -40.0
#define HIT_ZOOM   17
#define GLYPH_R    9.0

static char *tmp_dir;
static char *tiles_path;
static char *source_spec;
static CwStationStore *store;
static CwClusterIndex *index_here;

typedef struct {
  CwWindow        *window;
  CwStationLayer  *layer;
  ShumateSimpleMap *map;
  ShumateViewport *viewport;
  guint            frames;
} Fixture;

/* ---- the main loop ---- */

static void
on_after_paint (GdkFrameClock *clock,
                Fixture       *f)
{
  f->frames++;
}

typedef struct {
  Fixture *f;
  guint    until;
} FrameWait;

static gboolean
frames_done (gpointer data)
{
  FrameWait *w = data;
  return w->f->frames >= w->until;
}

/* Until the window has painted twice: what changed before is drawn. */
static void
wait_frames (Fixture *f)
{
  FrameWait w = { f, f->frames + 2 };

  gtk_widget_queue_draw (GTK_WIDGET (f->layer));
  g_assert_true (cw_test_wait_for (frames_done, &w, 10));
}

static gboolean
layer_ready (gpointer data)
{
  return cw_station_layer_is_ready (data);
}

/* ---- the fixture: a window on the 100,000 stations ---- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  gint64 t0 = g_get_monotonic_time ();

  g_assert_nonnull (settings);
  f->window = cw_window_new (NULL, store, settings, source_spec, tiles_path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (cw_test_wait_for (cw_test_mapped, f->window, 10));
  f->layer = _cw_window_get_layer (f->window);
  f->map = _cw_window_get_map (f->window);
  f->viewport = shumate_simple_map_get_viewport (f->map);
  /* The test tiles stop at zoom 8; the map goes on, blank. */
  shumate_viewport_set_max_zoom_level (f->viewport, 18);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), "after-paint",
                    G_CALLBACK (on_after_paint), f);
  g_assert_true (cw_test_wait_for (layer_ready, f->layer, 30));
  g_test_message ("window open and the index of %u stations ready in %.0f ms",
                  cw_station_store_get_n_stations (store), (g_get_monotonic_time () - t0) / 1000.0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)),
                                        on_after_paint, f);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
go_to (Fixture *f,
       double   lat,
       double   lon,
       double   zoom)
{
  shumate_viewport_set_zoom_level (f->viewport, zoom);
  shumate_map_center_on (shumate_simple_map_get_map (f->map), lat, lon);
  wait_frames (f);
}

static void
to_widget (Fixture *f,
           double   lat,
           double   lon,
           double  *x,
           double  *y)
{
  shumate_viewport_location_to_widget_coords (f->viewport, GTK_WIDGET (f->layer), lat, lon, x, y);
}

static void
widget_box (Fixture *f,
            double   margin,
            CwBBox  *box)
{
  int w = gtk_widget_get_width (GTK_WIDGET (f->layer));
  int h = gtk_widget_get_height (GTK_WIDGET (f->layer));
  double lat1, lon1, lat2, lon2;

  shumate_viewport_widget_coords_to_location (f->viewport, GTK_WIDGET (f->layer), -margin, -margin, &lat1, &lon1);
  shumate_viewport_widget_coords_to_location (f->viewport, GTK_WIDGET (f->layer), w + margin, h + margin,
                                              &lat2, &lon2);
  box->min_lat = MIN (lat1, lat2);
  box->max_lat = MAX (lat1, lat2);
  box->min_lon = MIN (lon1, lon2);
  box->max_lon = MAX (lon1, lon2);
}

/* The last frame drew what the index says for this view: as many items
 * as it holds in view (give or take the layer's margin), each cluster
 * where its centre is with its count and extent, each station in its
 * place. Returns the clusters in view. */
static guint
check_frame_matches_index (Fixture *f)
{
  int w = gtk_widget_get_width (GTK_WIDGET (f->layer));
  int h = gtk_widget_get_height (GTK_WIDGET (f->layer));
  int zoom = (int) floor (shumate_viewport_get_zoom_level (f->viewport));
  g_autoptr (GArray) inner = g_array_new (FALSE, FALSE, sizeof (CwClusterItem));
  g_autoptr (GArray) outer = g_array_new (FALSE, FALSE, sizeof (CwClusterItem));
  guint n_drawn, n_clusters, checked = 0, clusters = 0;
  CwBBox box;

  widget_box (f, 0, &box);
  cw_cluster_index_get_clusters (index_here, &box, zoom, inner);
  widget_box (f, 100, &box);
  cw_cluster_index_get_clusters (index_here, &box, zoom, outer);
  n_drawn = cw_station_layer_get_n_drawn (f->layer, &n_clusters);
  g_test_message ("zoom %.2f: %u drawn (%u clusters); the index has %u in view, %u with 100 px around",
                  shumate_viewport_get_zoom_level (f->viewport), n_drawn, n_clusters, inner->len, outer->len);
  g_assert_cmpuint (n_drawn, >=, inner->len);
  g_assert_cmpuint (n_drawn, <=, outer->len);

  for (guint i = 0; i < inner->len; i++)
    {
      const CwClusterItem *it = &g_array_index (inner, CwClusterItem, i);
      double x, y;

      to_widget (f, it->lat, it->lon, &x, &y);
      if (x < 1 || y < 1 || x > w - 1 || y > h - 1)
        continue;
      if (it->count > 1)
        {
          guint count = 0;
          CwBBox extent;

          g_assert_true (cw_station_layer_get_cluster_at (f->layer, x, y, &count, &extent));
          g_assert_cmpuint (count, ==, it->count);
          g_assert_cmpfloat (extent.min_lat, ==, it->extent.min_lat);
          g_assert_cmpfloat (extent.max_lon, ==, it->extent.max_lon);
          clusters++;
        }
      else
        {
          CwStation *s = cw_station_layer_pick (f->layer, x, y);

          g_assert_nonnull (s);
          /* the index keeps stations to 1e-7 degrees (1 cm) */
          g_assert_cmpfloat_with_epsilon (s->latitude, it->lat, 0.51e-7);
          g_assert_cmpfloat_with_epsilon (s->longitude, it->lon, 0.51e-7);
        }
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
  return clusters;
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) c = g_list_model_get_item (controllers, i);

      /* Exactly: a GtkGestureSwipe is no drag, a zoom gesture no click. */
      if (G_OBJECT_TYPE (c) == type)
        return c;   /* the widget keeps it */
    }
  return NULL;
}

/* ---- the tests ---- */

static void
test_opens_and_clusters (Fixture       *f,
                         gconstpointer  data)
{
  guint n_clusters;

  /* Europe: clusters everywhere, each where the index has it. */
  go_to (f, 50.5, 6.0, 5);
  g_assert_cmpuint (cw_station_layer_get_n_drawn (f->layer, &n_clusters), >, 0);
  g_assert_cmpuint (n_clusters, >, 0);
  g_assert_cmpuint (check_frame_matches_index (f), >, 0);
  _cw_window_flush_viewport (f->window);
  wait_frames (f);
  cw_test_save_screenshot (adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window)),
                           "screenshot-scale-europe.png");

  /* The list follows the map too. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_cw_window_get_selection (f->window))), >, 1000);
}

static double target;

static gboolean
zoom_reached (gpointer data)
{
  Fixture *f = data;

  return fabs (shumate_viewport_get_zoom_level (f->viewport) - target) < 1e-6;
}

static void
test_pan_and_zoom_by_input (Fixture       *f,
                            gconstpointer  data)
{
  ShumateMap *map = shumate_simple_map_get_map (f->map);
  GtkEventController *drag = find_controller (GTK_WIDGET (map), GTK_TYPE_GESTURE_DRAG);
  GtkEventController *scroll = find_controller (GTK_WIDGET (map), GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  GtkEventController *motion = find_controller (GTK_WIDGET (map), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  double grab_lat, grab_lon, x, y;
  gboolean handled = FALSE;
  guint n_clusters;

  g_assert_nonnull (drag);
  g_assert_nonnull (scroll);
  g_assert_nonnull (motion);

  /* Around the Ruhr at zoom 8, dense with stations. */
  go_to (f, 51.4, 7.0, 8);
  check_frame_matches_index (f);

  /* A drag of (300, 120) px: the place grabbed follows the pointer. */
  shumate_viewport_widget_coords_to_location (f->viewport, GTK_WIDGET (map), 400, 300, &grab_lat, &grab_lon);
  g_signal_emit_by_name (drag, "drag-begin", 400.0, 300.0);
  for (int step = 1; step <= 10; step++)
    g_signal_emit_by_name (drag, "drag-update", 30.0 * step, 12.0 * step);
  g_signal_emit_by_name (drag, "drag-end", 300.0, 120.0);
  shumate_viewport_location_to_widget_coords (f->viewport, GTK_WIDGET (map), grab_lat, grab_lon, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 700, 1.0);
  g_assert_cmpfloat_with_epsilon (y, 420, 1.0);
  wait_frames (f);
  check_frame_matches_index (f);

  /* Five wheel steps up, the pointer at (500, 350): a zoom level more.
   * libshumate 1.0.3 animates it over the next frames. */
  target = shumate_viewport_get_zoom_level (f->viewport) + 1;
  g_signal_emit_by_name (motion, "motion", 500.0, 350.0);
  for (int step = 0; step < 5; step++)
    g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
  g_assert_true (handled);
  g_assert_true (cw_test_wait_for (zoom_reached, f, 10));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (f->viewport), target, 1e-6);
  wait_frames (f);
  check_frame_matches_index (f);

  /* The streets of Cologne: past the clusters' last zoom every station
   * stands alone. */
  go_to (f, 50.9375, 6.9603, LAYER_MAX_ZOOM + 1.5);
  g_assert_cmpuint (cw_station_layer_get_n_drawn (f->layer, &n_clusters), >, 0);
  g_assert_cmpuint (n_clusters, ==, 0);
  g_assert_cmpuint (check_frame_matches_index (f), ==, 0);

  /* A city, zoomed in, for the record. */
  go_to (f, 50.9375, 6.9603, 12);
  check_frame_matches_index (f);
  _cw_window_flush_viewport (f->window);
  wait_frames (f);
  cw_test_save_screenshot (adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window)),
                           "screenshot-scale-city.png");
}

static void
on_cluster_activated (CwStationLayer *layer,
                      CwBBox         *extent,
                      CwBBox         *out)
{
  *out = *extent;
}

static void
test_cluster_click_zooms (Fixture       *f,
                          gconstpointer  data)
{
  GtkEventController *click = find_controller (GTK_WIDGET (f->layer), GTK_TYPE_GESTURE_CLICK);
  int w = gtk_widget_get_width (GTK_WIDGET (f->layer));
  int h = gtk_widget_get_height (GTK_WIDGET (f->layer));
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (CwClusterItem));
  CwBBox box, extent, activated = { 0 };
  double best = G_MAXDOUBLE, cx = 0, cy = 0, zoom, x1, y1, x2, y2;
  guint count = 0;

  g_assert_nonnull (click);
  go_to (f, 51.9, 5.0, 7);
  zoom = shumate_viewport_get_zoom_level (f->viewport);

  /* The cluster nearest the middle, as the last frame drew it. */
  widget_box (f, 0, &box);
  cw_cluster_index_get_clusters (index_here, &box, (int) zoom, items);
  for (guint i = 0; i < items->len; i++)
    {
      const CwClusterItem *it = &g_array_index (items, CwClusterItem, i);
      double x, y, d;

      to_widget (f, it->lat, it->lon, &x, &y);
      d = hypot (x - w / 2.0, y - h / 2.0);
      if (it->count > 1 && d < best)
        {
          best = d;
          cx = x;
          cy = y;
        }
    }
  g_assert_cmpfloat (best, <, G_MAXDOUBLE);
  g_assert_true (cw_station_layer_get_cluster_at (f->layer, cx, cy, &count, &extent));
  g_assert_cmpuint (count, >, 1);

  /* A click on it, through the layer's own gesture. */
  g_signal_connect (f->layer, "cluster-activated", G_CALLBACK (on_cluster_activated), &activated);
  g_signal_emit_by_name (click, "released", 1, cx, cy);
  g_assert_cmpfloat (activated.min_lat, ==, extent.min_lat);
  g_assert_cmpfloat (activated.max_lon, ==, extent.max_lon);

  /* Zoomed in, the cluster's stations all in view. */
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (f->viewport), >, zoom);
  to_widget (f, extent.max_lat, extent.min_lon, &x1, &y1);
  to_widget (f, extent.min_lat, extent.max_lon, &x2, &y2);
  g_test_message ("cluster of %u at (%.0f, %.0f): zoom %.1f → %.1f, its box now (%.0f, %.0f)–(%.0f, %.0f) "
                  "of %d×%d", count, cx, cy, zoom, shumate_viewport_get_zoom_level (f->viewport),
                  x1, y1, x2, y2, w, h);
  g_assert_cmpfloat (x1, >=, 0);
  g_assert_cmpfloat (y1, >=, 0);
  g_assert_cmpfloat (x2, <=, w);
  g_assert_cmpfloat (y2, <=, h);
  wait_frames (f);
  check_frame_matches_index (f);
}

static void
test_hit_testing (Fixture       *f,
                  gconstpointer  data)
{
  CwStation *a = cw_station_store_lookup (store, "test", "hit-a");
  CwStation *b = cw_station_store_lookup (store, "test", "hit-b");
  CwStation *c = cw_station_store_lookup (store, "test", "hit-c");
  CwStation *d = cw_station_store_lookup (store, "test", "hit-d");
  double ax, ay, bx, by, cx, cy, dx, dy;

  go_to (f, HIT_LAT, HIT_LON, HIT_ZOOM);
  g_assert_true (cw_station_layer_get_station_point (f->layer, a, &ax, &ay));
  g_assert_true (cw_station_layer_get_station_point (f->layer, b, &bx, &by));
  g_assert_true (cw_station_layer_get_station_point (f->layer, c, &cx, &cy));
  g_assert_true (cw_station_layer_get_station_point (f->layer, d, &dx, &dy));
  g_assert_cmpfloat_with_epsilon (bx - ax, 40, 1);
  g_assert_cmpfloat_with_epsilon (dx - cx, 20, 1);

  /* On the glyph, to its very edge, all round: that station. */
  g_assert_true (cw_station_layer_pick (f->layer, ax, ay) == a);
  for (int k = 0; k < 8; k++)
    {
      double angle = k * G_PI / 4, r = GLYPH_R - 0.05;

      g_assert_true (cw_station_layer_pick (f->layer, ax + r * cos (angle), ay + r * sin (angle)) == a);
      g_assert_true (cw_station_layer_pick (f->layer, bx + r * cos (angle), by + r * sin (angle)) == b);
    }
  /* Between A and B, 20 px from each and 11 px from either glyph: nothing. */
  g_assert_null (cw_station_layer_pick (f->layer, (ax + bx) / 2, (ay + by) / 2));
  g_assert_null (cw_station_layer_pick (f->layer, (ax + bx) / 2, (ay + by) / 2 - 6));
  /* Nor beyond them. */
  g_assert_null (cw_station_layer_pick (f->layer, ax - 20, ay));
  g_assert_null (cw_station_layer_pick (f->layer, ax, ay + 20));

  /* C and D nearly touch: at the edge of one, facing the other, that one. */
  g_assert_true (cw_station_layer_pick (f->layer, cx + GLYPH_R - 0.05, cy) == c);
  g_assert_true (cw_station_layer_pick (f->layer, dx - GLYPH_R + 0.05, dy) == d);
  g_assert_true (cw_station_layer_pick (f->layer, cx - GLYPH_R + 0.05, cy) == c);
  g_assert_true (cw_station_layer_pick (f->layer, dx + GLYPH_R - 0.05, dy) == d);

  /* Stations are no clusters. */
  g_assert_false (cw_station_layer_get_cluster_at (f->layer, ax, ay, NULL, NULL));
}

/* ---- the data ---- */

static CwStation *
hit_station (const char *id,
             double      px)
{
  CwStation *s = cw_station_new ("test", id);
  /* px at zoom HIT_ZOOM, eastwards of HIT_LON */
  double deg_per_px = 360.0 / (256.0 * (1 << HIT_ZOOM));

  cw_station_set_string (s, CW_STATION_NAME, id);
  s->latitude = HIT_LAT;
  s->longitude = HIT_LON + px * deg_per_px;
  return s;
}

/* ---- start-up: the cache read before the window ---- */

#define CACHED_STATIONS 20000
/* Refused at once: what the window shows comes from the cache only. */
#define CACHED_SPEC     "ocpi:http://127.0.0.1:9/ocpi/versions"

typedef struct {
  CwWindow *window;
  gboolean  seen;
  gboolean  ready_then;         /* the layer's index, as the stations came */
} CacheWatch;

static void
on_cached_items (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 CacheWatch *w)
{
  if (w->seen || g_list_model_get_n_items (model) == 0)
    return;
  w->seen = TRUE;
  w->ready_then = cw_station_layer_is_ready (_cw_window_get_layer (w->window));
}

static gboolean
cache_seen (gpointer data)
{
  return ((CacheWatch *) data)->seen;
}

static void
offer_index (GPtrArray *stations,
             gpointer   user_data)
{
  cw_station_layer_offer_index (stations);
}

/* As the application starts: the cache is read and decoded, and its
 * clusters built, before the window exists; the window's source takes
 * the stations and its layer the index, with no build of its own. */
static void
test_opens_from_prefetched_cache (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autoptr (CwSynthStations) synth = cw_synth_stations_new (CACHED_STATIONS, 11);
  g_autoptr (GPtrArray) objects = cw_synth_stations_to_objects (synth, CACHED_SPEC, 0, CACHED_STATIONS);
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse (CACHED_SPEC, NULL);
  g_autoptr (CwStationStore) own = cw_station_store_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (CwCachePrefetch) left = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "chargeway", NULL);
  g_autofree char *name = cw_live_source_cache_name (CACHED_SPEC, FALSE);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  CacheWatch w = { NULL, FALSE, FALSE };
  CwStationLayer *layer;
  guint n_clusters = 0;

  bytes = cw_station_cache_encode (objects, CACHED_SPEC, now, now);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));

  cw_cache_prefetch_set_hook (offer_index, NULL);
  cw_live_source_prefetch_cache (spec, dir);
  w.window = cw_window_new (NULL, own, settings, CACHED_SPEC, tiles_path);
  g_signal_connect (own, "items-changed", G_CALLBACK (on_cached_items), &w);
  gtk_window_set_default_size (GTK_WINDOW (w.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (w.window));
  g_assert_true (cw_test_wait_for (cache_seen, &w, 30));

  /* Every cached station, in the order of the file; the index came with them. */
  g_assert_cmpuint (cw_station_store_get_n_stations (own), ==, CACHED_STATIONS);
  for (guint i = 0; i < CACHED_STATIONS; i += 997)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (own), i);

      g_assert_cmpstr (cw_station_get_id (s), ==, cw_station_get_id (g_ptr_array_index (objects, i)));
    }
  g_assert_true (w.ready_then);
  /* The window's source took the prefetch: nothing left to claim. */
  left = cw_cache_prefetch_claim (path, CACHED_SPEC);
  g_assert_null (left);

  /* And the map draws them. */
  layer = _cw_window_get_layer (w.window);
  g_assert_true (cw_test_wait_for (cw_test_mapped, w.window, 10));
  for (int tries = 0; tries < 50 && cw_station_layer_get_n_drawn (layer, &n_clusters) == 0; tries++)
    {
      gtk_widget_queue_draw (GTK_WIDGET (layer));
      cw_test_spin (100);
    }
  g_assert_cmpuint (cw_station_layer_get_n_drawn (layer, &n_clusters), >, 0);

  cw_cache_prefetch_set_hook (NULL, NULL);
  g_signal_handlers_disconnect_by_func (own, on_cached_items, &w);
  gtk_window_destroy (GTK_WINDOW (w.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_unlink (path);
}

static void
make_stations (void)
{
  g_autoptr (CwSynthStations) synth = cw_synth_stations_new (N_STATIONS, 5);
  g_autoptr (GPtrArray) objects = cw_synth_stations_to_objects (synth, "synth", 0, N_STATIONS);
  g_autoptr (GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  CwClusterOptions opts = CW_CLUSTER_OPTIONS_INIT;
  guint n;
  g_autofree double *lat = NULL;
  g_autofree double *lon = NULL;
  g_autofree guint8 *is_free = NULL;

  store = cw_station_store_new ();
  cw_station_store_merge (store, "synth", objects, TRUE);
  g_ptr_array_add (hits, hit_station ("hit-a", -20));
  g_ptr_array_add (hits, hit_station ("hit-b", 20));
  g_ptr_array_add (hits, hit_station ("hit-c", -10 + 200));
  g_ptr_array_add (hits, hit_station ("hit-d", 10 + 200));
  cw_station_store_merge (store, "test", hits, TRUE);

  /* The index the layer builds, from the store in its order. */
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  lat = g_new (double, n);
  lon = g_new (double, n);
  is_free = g_new (guint8, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (store), i);

      lat[i] = s->latitude;
      lon[i] = s->longitude;
      is_free[i] = cw_station_get_availability (s) == CW_AVAILABILITY_AVAILABLE;
    }
  opts.radius = LAYER_RADIUS;
  opts.max_zoom = LAYER_MAX_ZOOM;
  index_here = cw_cluster_index_new (lat, lon, is_free, n, &opts);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *empty = NULL;
  int ret;

  /* libshumate caches tiles under XDG_CACHE_HOME: keep it in a temp dir. */
  tmp_dir = cw_test_gui_init (&argc, &argv, "cw-window-scale-XXXXXX");
  cw_gui_init_resources ();

  tiles_path = g_build_filename (tmp_dir, "test.mbtiles", NULL);
  cw_test_write_mbtiles (tiles_path, 4, 8, 49.0, 2.0, 54.5, 10.0);
  /* A source that adds nothing: the window shows the store's stations. */
  empty = g_build_filename (tmp_dir, "none.json", NULL);
  g_assert_true (g_file_set_contents (empty, "{\"data\":[],\"status_code\":1000}", -1, NULL));
  source_spec = g_strconcat ("ocpi-file:", empty, NULL);
  make_stations ();

  g_test_add ("/window-scale/opens-and-clusters", Fixture, NULL,
              fixture_set_up, test_opens_and_clusters, fixture_tear_down);
  g_test_add ("/window-scale/pan-and-zoom-by-input", Fixture, NULL,
              fixture_set_up, test_pan_and_zoom_by_input, fixture_tear_down);
  g_test_add ("/window-scale/cluster-click-zooms", Fixture, NULL,
              fixture_set_up, test_cluster_click_zooms, fixture_tear_down);
  g_test_add ("/window-scale/hit-testing", Fixture, NULL,
              fixture_set_up, test_hit_testing, fixture_tear_down);
  g_test_add_func ("/window-scale/opens-from-prefetched-cache", test_opens_from_prefetched_cache);

  ret = g_test_run ();

  cw_cluster_index_free (index_here);
  g_clear_object (&store);
  g_unlink (tiles_path);
  g_unlink (empty);
  g_free (tiles_path);
  g_free (source_spec);
  g_free (tmp_dir);
  return ret;
}
