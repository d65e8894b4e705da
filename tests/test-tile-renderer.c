/* test-tile-renderer.c: map tiles decoded off the main thread, painted
 * alike as textures and from Cairo surfaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>
#include <string.h>

#include "cw-mbtiles-source.h"
#include "cw-test-tiles.h"
#include "cw-tile-renderer.h"

typedef enum {
  SERVE_SIGNAL,         /* "received-data", then the bytes as the result */
  SERVE_RESULT_ONLY,    /* the bytes as the result only */
  SERVE_GARBAGE,        /* bytes that are no image */
  SERVE_ERROR,          /* an error */
} Serve;

#define TEST_TYPE_TILES (test_tiles_get_type ())
G_DECLARE_FINAL_TYPE (TestTiles, test_tiles, TEST, TILES, ShumateDataSource)

struct _TestTiles
{
  ShumateDataSource parent_instance;
  Serve             serve;
  guint             asked;
};

G_DEFINE_FINAL_TYPE (TestTiles, test_tiles, SHUMATE_TYPE_DATA_SOURCE)

static void
test_tiles_get_tile_data_async (ShumateDataSource   *source,
                                int                  x,
                                int                  y,
                                int                  z,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  TestTiles *self = TEST_TILES (source);
  g_autoptr (GTask) task = g_task_new (source, cancellable, callback, user_data);
  g_autoptr (GBytes) bytes = NULL;

  self->asked++;
  switch (self->serve)
    {
    case SERVE_ERROR:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no tile %d/%d/%d here", z, x, y);
      return;
    case SERVE_GARBAGE:
      bytes = g_bytes_new_static ("<html>rate limited</html>", 25);
      break;
    case SERVE_SIGNAL:
    case SERVE_RESULT_ONLY:
    default:
      bytes = cw_test_tile_png (z, x, y);
      break;
    }
  if (self->serve != SERVE_RESULT_ONLY)
    g_signal_emit_by_name (source, "received-data", x, y, z, bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static GBytes *
test_tiles_get_tile_data_finish (ShumateDataSource  *source,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_tiles_class_init (TestTilesClass *klass)
{
  SHUMATE_DATA_SOURCE_CLASS (klass)->get_tile_data_async = test_tiles_get_tile_data_async;
  SHUMATE_DATA_SOURCE_CLASS (klass)->get_tile_data_finish = test_tiles_get_tile_data_finish;
}

static void
test_tiles_init (TestTiles *self)
{
}

static CwTileRenderer *
renderer_new (Serve serve)
{
  g_autoptr (TestTiles) tiles = g_object_new (TEST_TYPE_TILES, NULL);

  tiles->serve = serve;
  return cw_tile_renderer_new_full ("test", "Test", "", NULL, 0, 19, 256,
                                    SHUMATE_MAP_PROJECTION_MERCATOR, SHUMATE_DATA_SOURCE (tiles));
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Filled;

static void
filled (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Filled *f = user_data;

  f->ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &f->error);
  f->done = TRUE;
}

static void
fill (CwTileRenderer *renderer,
      ShumateTile    *tile,
      Filled         *f)
{
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (renderer), tile, NULL, filled, f);
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_decoded_later (void)
{
  g_autoptr (CwTileRenderer) renderer = renderer_new (SERVE_SIGNAL);
  g_autoptr (ShumateTile) tile = shumate_tile_new_full (3, 5, 256, 4);
  Filled f = { 0 };
  GdkPaintable *paintable;

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (renderer), tile, NULL, filled, &f);
  /* The data source answered at once; the image is decoded elsewhere. */
  g_assert_null (shumate_tile_get_paintable (tile));
  g_assert_false (f.done);
  g_assert_cmpuint (cw_tile_renderer_get_n_pending (renderer), ==, 1);
  while (!f.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (f.error);
  g_assert_true (f.ok);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  paintable = shumate_tile_get_paintable (tile);
  g_assert_nonnull (paintable);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 256);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, 256);
  g_assert_cmpuint (cw_tile_renderer_get_n_pending (renderer), ==, 0);
}

static void
test_result_only (void)
{
  g_autoptr (CwTileRenderer) renderer = renderer_new (SERVE_RESULT_ONLY);
  g_autoptr (ShumateTile) tile = shumate_tile_new_full (1, 1, 256, 2);
  Filled f = { 0 };

  fill (renderer, tile, &f);
  g_assert_no_error (f.error);
  g_assert_nonnull (shumate_tile_get_paintable (tile));
}

static void
test_not_an_image (void)
{
  g_autoptr (CwTileRenderer) renderer = renderer_new (SERVE_GARBAGE);
  g_autoptr (ShumateTile) tile = shumate_tile_new_full (7, 9, 256, 5);
  Filled f = { 0 };

  fill (renderer, tile, &f);
  g_assert_false (f.ok);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (f.error->message, "Map tile 5/7/9"));
  g_assert_null (shumate_tile_get_paintable (tile));
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  g_assert_cmpuint (cw_tile_renderer_get_n_pending (renderer), ==, 0);
  g_clear_error (&f.error);
}

static void
test_data_error (void)
{
  g_autoptr (CwTileRenderer) renderer = renderer_new (SERVE_ERROR);
  g_autoptr (ShumateTile) tile = shumate_tile_new_full (0, 0, 256, 1);
  Filled f = { 0 };

  fill (renderer, tile, &f);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (shumate_tile_get_paintable (tile));
  g_clear_error (&f.error);
}

/* Tiles asked for twice at once both get the image. */
static void
test_same_tile_twice (void)
{
  g_autoptr (CwTileRenderer) renderer = renderer_new (SERVE_SIGNAL);
  g_autoptr (ShumateTile) a = shumate_tile_new_full (2, 3, 256, 3);
  g_autoptr (ShumateTile) b = shumate_tile_new_full (2, 3, 256, 3);
  Filled fa = { 0 }, fb = { 0 };

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (renderer), a, NULL, filled, &fa);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (renderer), b, NULL, filled, &fb);
  while (!fa.done || !fb.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (fa.error);
  g_assert_no_error (fb.error);
  g_assert_nonnull (shumate_tile_get_paintable (a));
  g_assert_nonnull (shumate_tile_get_paintable (b));
}

static guchar *
render (GskRenderer  *gsk,
        GdkPaintable *paintable,
        double        size)
{
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  guchar *pixels = g_malloc (300 * 300 * 4);

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 1, 1 }, &GRAPHENE_RECT_INIT (0, 0, 300, 300));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (7, 11));
  gdk_paintable_snapshot (paintable, snapshot, size, size);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gsk, node, &GRAPHENE_RECT_INIT (0, 0, 300, 300));
  gdk_texture_download (texture, pixels, 300 * 4);
  return pixels;
}

static GskRenderNodeType
node_type (GdkPaintable *paintable)
{
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, 256, 256);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return gsk_render_node_get_node_type (node);
}

/* The same pixels whether a tile paints as a texture or from its Cairo
 * surface: exactly at its own size, within rounding when scaled. */
static void
test_paint_alike (void)
{
  g_autoptr (CwTileRenderer) renderer = renderer_new (SERVE_SIGNAL);
  g_autoptr (ShumateTile) tile = shumate_tile_new_full (4, 6, 256, 4);
  g_autoptr (GskRenderer) gsk = gsk_cairo_renderer_new ();
  g_autoptr (GError) error = NULL;
  Filled f = { 0 };
  const double sizes[] = { 256, 384 };

  g_assert_true (gsk_renderer_realize (gsk, NULL, &error));
  fill (renderer, tile, &f);
  g_assert_no_error (f.error);
  g_assert_cmpint (node_type (shumate_tile_get_paintable (tile)), ==, GSK_TEXTURE_NODE);
  cw_tile_renderer_set_paint_with_cairo (renderer, TRUE);
  g_assert_cmpint (node_type (shumate_tile_get_paintable (tile)), ==, GSK_CAIRO_NODE);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree guchar *as_texture = NULL, *from_cairo = NULL;
      guint differing = 0, worst = 0;

      cw_tile_renderer_set_paint_with_cairo (renderer, FALSE);
      as_texture = render (gsk, shumate_tile_get_paintable (tile), sizes[s]);
      cw_tile_renderer_set_paint_with_cairo (renderer, TRUE);
      from_cairo = render (gsk, shumate_tile_get_paintable (tile), sizes[s]);
      for (guint i = 0; i < 300 * 300 * 4; i++)
        {
          guint d = ABS ((int) as_texture[i] - (int) from_cairo[i]);

          differing += d > 0;
          worst = MAX (worst, d);
        }
      g_test_message ("tile at %.0f px: %u bytes differ, by %u at most", sizes[s], differing, worst);
      if (sizes[s] == 256)
        g_assert_cmpuint (differing, ==, 0);
      else
        g_assert_cmpuint (worst, <=, 8);
      /* and the tile is there: not the blue underneath at its middle */
      g_assert_cmpuint (from_cairo[(150 * 300 + 150) * 4 + 0], !=, 255);
    }

  /* Decoded for Cairo from the start (the surface made in the decoding
   * thread, no texture kept): the same pixels, and the same again as a
   * texture made back from the surface. */
  {
    g_autoptr (CwTileRenderer) for_cairo = renderer_new (SERVE_SIGNAL);
    g_autoptr (ShumateTile) twin = shumate_tile_new_full (4, 6, 256, 4);
    g_autofree guchar *reference = NULL, *cairo_first = NULL, *back_as_texture = NULL;
    Filled g = { 0 };

    cw_tile_renderer_set_paint_with_cairo (for_cairo, TRUE);
    fill (for_cairo, twin, &g);
    g_assert_no_error (g.error);
    cw_tile_renderer_set_paint_with_cairo (renderer, FALSE);
    reference = render (gsk, shumate_tile_get_paintable (tile), 256);
    cairo_first = render (gsk, shumate_tile_get_paintable (twin), 256);
    g_assert_cmpmem (reference, 300 * 300 * 4, cairo_first, 300 * 300 * 4);
    cw_tile_renderer_set_paint_with_cairo (for_cairo, FALSE);
    g_assert_cmpint (node_type (shumate_tile_get_paintable (twin)), ==, GSK_TEXTURE_NODE);
    back_as_texture = render (gsk, shumate_tile_get_paintable (twin), 256);
    g_assert_cmpmem (reference, 300 * 300 * 4, back_as_texture, 300 * 300 * 4);
  }
  gsk_renderer_unrealize (gsk);
}

/* The default map keeps libshumate's details for OpenStreetMap. */
static void
test_like_osm (void)
{
  g_autoptr (ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();
  ShumateMapSource *osm = shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK);
  g_autoptr (CwTileRenderer) like = cw_tile_renderer_new_like (osm);
  g_autoptr (ShumateMapSource) spec = cw_map_source_new_for_spec (NULL, NULL);

  g_assert_nonnull (like);
  g_assert_cmpstr (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (like)), ==, shumate_map_source_get_id (osm));
  g_assert_cmpstr (shumate_map_source_get_license (SHUMATE_MAP_SOURCE (like)), ==,
                   shumate_map_source_get_license (osm));
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (SHUMATE_MAP_SOURCE (like)), ==,
                    shumate_map_source_get_max_zoom_level (osm));
  g_assert_true (CW_IS_TILE_RENDERER (spec));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tile-renderer/decoded-later", test_decoded_later);
  g_test_add_func ("/tile-renderer/result-only", test_result_only);
  g_test_add_func ("/tile-renderer/not-an-image", test_not_an_image);
  g_test_add_func ("/tile-renderer/data-error", test_data_error);
  g_test_add_func ("/tile-renderer/same-tile-twice", test_same_tile_twice);
  g_test_add_func ("/tile-renderer/paint-alike", test_paint_alike);
  g_test_add_func ("/tile-renderer/like-osm", test_like_osm);

  return g_test_run ();
}
