/* cw-tile-renderer.c
 *
 * A map source of raster tiles, like libshumate 1.0's
 * ShumateRasterRenderer, that decodes the tile images in worker
 * threads. ShumateRasterRenderer decodes each PNG on the main thread,
 * inside the data source's "received-data" handler: a zoom step that
 * brings 24 new tiles held the main loop for their decoding (zlib and
 * libpng were an eighth of `chargeway-cli bench render`'s CPU time),
 * and a pan or zoom stuttered whenever tiles came in.
 *
 * A fill asks the data source for the tile's bytes. Each "received-data"
 * (a data source may send stale bytes first, then fresh ones) starts a
 * decode in GLib's thread pool; its texture is set on the tile back on
 * the main thread, as ShumateRasterRenderer does, and the fill finishes
 * once the data source has finished and no decode is left. A data
 * source that only returns its bytes (no signal) is decoded the same
 * way. An image that does not decode finishes the fill with an error
 * (the map layer then does not keep it in its memory cache) and a blank
 * tile. How a tile paints, texture or Cairo surface, is CwTileImage's
 * business (below): the window tells which renderer it has.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-tile-renderer"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gtk/gtk.h>

#include "cw-tile-renderer.h"

struct _CwTileRenderer
{
  ShumateMapSource   parent_instance;

  ShumateDataSource *data_source;
  GPtrArray         *fills;          /* Fill*, until each finishes */
  gboolean           paint_with_cairo;
};

#define CW_TYPE_TILE_IMAGE (cw_tile_image_get_type ())
G_DECLARE_FINAL_TYPE (CwTileImage, cw_tile_image, CW, TILE_IMAGE, GObject)

G_DEFINE_FINAL_TYPE (CwTileRenderer, cw_tile_renderer, SHUMATE_TYPE_MAP_SOURCE)

enum {
  PROP_0,
  PROP_DATA_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  GTask       *task;                 /* the fill's, returned when done */
  ShumateTile *tile;
  int          x, y, z;
  guint        decoding;             /* decodes in flight for it */
  gboolean     received;             /* "received-data" came for it */
  gboolean     data_done;            /* the data source has finished */
  GError      *error;
} Fill;

typedef struct {
  GBytes          *bytes;
  GPtrArray       *fills;            /* Fill* counted in their decoding */
  gboolean         with_cairo;       /* make the image a Cairo surface */
  /* set by the decoding thread: */
  int              width, height;
  gboolean         opaque;
  GdkTexture      *texture;
  cairo_surface_t *surface;
} Decode;

static void
decode_free (gpointer data)
{
  Decode *d = data;

  g_bytes_unref (d->bytes);
  g_ptr_array_unref (d->fills);
  g_clear_object (&d->texture);
  g_clear_pointer (&d->surface, cairo_surface_destroy);
  g_free (d);
}

static void
fill_finish (CwTileRenderer *self,
             Fill           *fill)
{
  g_autoptr (GTask) task = NULL;

  if (!fill->data_done || fill->decoding > 0)
    return;
  task = fill->task;
  g_ptr_array_remove_fast (self->fills, fill);
  if (fill->error == NULL || !g_error_matches (fill->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    shumate_tile_set_state (fill->tile, SHUMATE_STATE_DONE);
  if (fill->error != NULL)
    g_task_return_error (task, g_steal_pointer (&fill->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (fill->tile);
  g_free (fill);
}

/* A tile's image. Under GTK's GL renderer it paints as its texture,
 * uploaded once. Under the Cairo renderer a texture is converted into
 * a new Cairo surface every frame it is painted (GTK 4.8: a 256-px RGB
 * tile, about 65 µs, for each of the 24–30 tiles of a 1280×800 map),
 * so there it paints from a Cairo surface made once, in a Cairo node:
 * 30 tiles rendered in 0.91 ms instead of 2.39 ms, measured on the
 * 2-CPU test machine. */
struct _CwTileImage
{
  GObject          parent_instance;

  int              width, height;
  gboolean         opaque;
  GdkTexture      *texture;         /* for GL (made when first needed) */
  cairo_surface_t *surface;         /* for Cairo (the same) */
  CwTileRenderer  *renderer;        /* weak */
};

static void cw_tile_image_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CwTileImage, cw_tile_image, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, cw_tile_image_paintable_init))

static cairo_surface_t *
surface_for_texture (GdkTexture *texture,
                     gboolean    opaque)
{
  cairo_surface_t *surface = cairo_image_surface_create (opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32,
                                                         gdk_texture_get_width (texture),
                                                         gdk_texture_get_height (texture));

  gdk_texture_download (texture, cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

static GdkTexture *
texture_for_surface (cairo_surface_t *surface,
                     gboolean         opaque)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guchar *data = g_memdup2 (cairo_image_surface_get_data (surface), (gsize) stride * h);

  /* RGB24 leaves its fourth byte undefined: opaque */
  for (int y = 0; opaque && y < h; y++)
    for (int x = 0; x < w; x++)
      ((guint32 *) (void *) (data + (gsize) y * stride))[x] |= 0xff000000u;   /* rows are 4-aligned */
  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, g_bytes_new_take (data, (gsize) stride * h), stride);
}

static void
cw_tile_image_snapshot (GdkPaintable *paintable,
                        GdkSnapshot  *snapshot,
                        double        width,
                        double        height)
{
  CwTileImage *self = CW_TILE_IMAGE (paintable);
  cairo_t *cr;

  if (self->renderer == NULL || !self->renderer->paint_with_cairo)
    {
      if (self->texture == NULL)
        self->texture = texture_for_surface (self->surface, self->opaque);
      gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
      return;
    }
  if (self->surface == NULL)
    self->surface = surface_for_texture (self->texture, self->opaque);
  /* A Cairo node each frame: GtkSnapshot places it where the map layer
   * put the tile, fractions of a pixel included. A node made once and
   * placed by a transform node made the map alone 2.5 times slower at
   * whole zoom levels in `bench render` (16–18 ms a frame, not 6.4).
   * Scaled between zoom levels it is padded: no seam of half-blended
   * edge pixels. */
  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, width / self->width, height / self->height);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  if (width != self->width || height != self->height)
    cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static int
cw_tile_image_get_intrinsic_width (GdkPaintable *paintable)
{
  return CW_TILE_IMAGE (paintable)->width;
}

static int
cw_tile_image_get_intrinsic_height (GdkPaintable *paintable)
{
  return CW_TILE_IMAGE (paintable)->height;
}

static GdkPaintableFlags
cw_tile_image_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
cw_tile_image_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = cw_tile_image_snapshot;
  iface->get_intrinsic_width = cw_tile_image_get_intrinsic_width;
  iface->get_intrinsic_height = cw_tile_image_get_intrinsic_height;
  iface->get_flags = cw_tile_image_get_flags;
}

static void
cw_tile_image_finalize (GObject *object)
{
  CwTileImage *self = CW_TILE_IMAGE (object);

  g_clear_weak_pointer (&self->renderer);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  G_OBJECT_CLASS (cw_tile_image_parent_class)->finalize (object);
}

static void
cw_tile_image_class_init (CwTileImageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_tile_image_finalize;
}

static void
cw_tile_image_init (CwTileImage *self)
{
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Decode *d = task_data;
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (d->bytes);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;

  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  d->opaque = !gdk_pixbuf_get_has_alpha (pixbuf);
  d->width = gdk_pixbuf_get_width (pixbuf);
  d->height = gdk_pixbuf_get_height (pixbuf);
  d->texture = gdk_texture_new_for_pixbuf (pixbuf);
  /* Cairo's pixels made here too, off the main thread; one form kept */
  if (d->with_cairo)
    {
      d->surface = surface_for_texture (d->texture, d->opaque);
      g_clear_object (&d->texture);
    }
  g_task_return_boolean (task, TRUE);
}

static void
decode_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CwTileRenderer *self = CW_TILE_RENDERER (object);
  Decode *d = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (CwTileImage) image = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      image = g_object_new (CW_TYPE_TILE_IMAGE, NULL);
      image->width = d->width;
      image->height = d->height;
      image->opaque = d->opaque;
      image->texture = g_steal_pointer (&d->texture);
      image->surface = g_steal_pointer (&d->surface);
      g_set_weak_pointer (&image->renderer, self);
    }
  for (guint i = 0; i < d->fills->len; i++)
    {
      Fill *fill = g_ptr_array_index (d->fills, i);

      if (image != NULL)
        shumate_tile_set_paintable (fill->tile, GDK_PAINTABLE (image));
      else if (fill->error == NULL)
        fill->error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   "Map tile %d/%d/%d is not an image: %s",
                                   fill->z, fill->x, fill->y, error->message);
      fill->decoding--;
      fill_finish (self, fill);
    }
}

/* Decodes @bytes for the unfinished fills of tile (@x, @y, @z). */
static void
start_decode (CwTileRenderer *self,
              int             x,
              int             y,
              int             z,
              GBytes         *bytes)
{
  g_autoptr (GTask) task = NULL;
  Decode *d = NULL;

  for (guint i = 0; i < self->fills->len; i++)
    {
      Fill *fill = g_ptr_array_index (self->fills, i);

      if (fill->x != x || fill->y != y || fill->z != z || fill->data_done)
        continue;
      if (d == NULL)
        {
          d = g_new0 (Decode, 1);
          d->bytes = g_bytes_ref (bytes);
          d->fills = g_ptr_array_new ();
          d->with_cairo = self->paint_with_cairo;
        }
      fill->decoding++;
      fill->received = TRUE;
      g_ptr_array_add (d->fills, fill);
    }
  if (d == NULL)
    return;
  task = g_task_new (self, NULL, decode_done, NULL);
  g_task_set_source_tag (task, start_decode);
  g_task_set_task_data (task, d, decode_free);
  g_task_run_in_thread (task, decode_thread);
}

static void
on_received_data (CwTileRenderer    *self,
                  int                x,
                  int                y,
                  int                zoom_level,
                  GBytes            *bytes,
                  ShumateDataSource *source)
{
  if (bytes != NULL)
    start_decode (self, x, y, zoom_level, bytes);
}

static void
data_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fill *fill = user_data;
  CwTileRenderer *self = g_task_get_source_object (fill->task);
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &error);
  if (error != NULL && fill->error == NULL)
    fill->error = error;
  else
    g_clear_error (&error);
  /* A data source that only returns its bytes is decoded from them. */
  if (bytes != NULL && !fill->received)
    start_decode (self, fill->x, fill->y, fill->z, bytes);
  fill->data_done = TRUE;
  fill_finish (self, fill);
}

static void
cw_tile_renderer_fill_tile_async (ShumateMapSource    *source,
                                  ShumateTile         *tile,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CwTileRenderer *self = CW_TILE_RENDERER (source);
  Fill *fill = g_new0 (Fill, 1);

  fill->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (fill->task, cw_tile_renderer_fill_tile_async);
  fill->tile = g_object_ref (tile);
  fill->x = shumate_tile_get_x (tile);
  fill->y = shumate_tile_get_y (tile);
  fill->z = shumate_tile_get_zoom_level (tile);
  g_ptr_array_add (self->fills, fill);
  shumate_data_source_get_tile_data_async (self->data_source, fill->x, fill->y, fill->z,
                                           cancellable, data_done, fill);
}

static gboolean
cw_tile_renderer_fill_tile_finish (ShumateMapSource  *source,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
cw_tile_renderer_constructed (GObject *object)
{
  CwTileRenderer *self = CW_TILE_RENDERER (object);

  G_OBJECT_CLASS (cw_tile_renderer_parent_class)->constructed (object);
  g_signal_connect_object (self->data_source, "received-data", G_CALLBACK (on_received_data),
                           self, G_CONNECT_SWAPPED);
}

static void
cw_tile_renderer_finalize (GObject *object)
{
  CwTileRenderer *self = CW_TILE_RENDERER (object);

  /* Each fill's task holds this object: none is left here. */
  g_ptr_array_unref (self->fills);
  g_clear_object (&self->data_source);
  G_OBJECT_CLASS (cw_tile_renderer_parent_class)->finalize (object);
}

static void
cw_tile_renderer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CwTileRenderer *self = CW_TILE_RENDERER (object);

  switch (prop_id)
    {
    case PROP_DATA_SOURCE:
      g_value_set_object (value, self->data_source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_tile_renderer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CwTileRenderer *self = CW_TILE_RENDERER (object);

  switch (prop_id)
    {
    case PROP_DATA_SOURCE:
      g_set_object (&self->data_source, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_tile_renderer_class_init (CwTileRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->constructed = cw_tile_renderer_constructed;
  object_class->finalize = cw_tile_renderer_finalize;
  object_class->get_property = cw_tile_renderer_get_property;
  object_class->set_property = cw_tile_renderer_set_property;
  source_class->fill_tile_async = cw_tile_renderer_fill_tile_async;
  source_class->fill_tile_finish = cw_tile_renderer_fill_tile_finish;

  properties[PROP_DATA_SOURCE] =
    g_param_spec_object ("data-source", NULL, NULL, SHUMATE_TYPE_DATA_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_tile_renderer_init (CwTileRenderer *self)
{
  self->fills = g_ptr_array_new ();
}

CwTileRenderer *
cw_tile_renderer_new_full (const char           *id,
                           const char           *name,
                           const char           *license,
                           const char           *license_uri,
                           guint                 min_zoom,
                           guint                 max_zoom,
                           guint                 tile_size,
                           ShumateMapProjection  projection,
                           ShumateDataSource    *data_source)
{
  g_return_val_if_fail (SHUMATE_IS_DATA_SOURCE (data_source), NULL);

  return g_object_new (CW_TYPE_TILE_RENDERER,
                       "id", id,
                       "name", name,
                       "license", license,
                       "license-uri", license_uri,
                       "min-zoom-level", min_zoom,
                       "max-zoom-level", max_zoom,
                       "tile-size", tile_size,
                       "projection", projection,
                       "data-source", data_source,
                       NULL);
}

CwTileRenderer *
cw_tile_renderer_new_like (ShumateMapSource *raster)
{
  g_autoptr (ShumateDataSource) data_source = NULL;

  g_return_val_if_fail (SHUMATE_IS_MAP_SOURCE (raster), NULL);

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (raster), "data-source") == NULL)
    return NULL;
  g_object_get (raster, "data-source", &data_source, NULL);
  if (data_source == NULL)
    return NULL;
  return cw_tile_renderer_new_full (shumate_map_source_get_id (raster),
                                    shumate_map_source_get_name (raster),
                                    shumate_map_source_get_license (raster),
                                    shumate_map_source_get_license_uri (raster),
                                    shumate_map_source_get_min_zoom_level (raster),
                                    shumate_map_source_get_max_zoom_level (raster),
                                    shumate_map_source_get_tile_size (raster),
                                    shumate_map_source_get_projection (raster),
                                    data_source);
}

void
cw_tile_renderer_set_paint_with_cairo (CwTileRenderer *self,
                                       gboolean        with_cairo)
{
  g_return_if_fail (CW_IS_TILE_RENDERER (self));

  self->paint_with_cairo = !!with_cairo;
}

guint
cw_tile_renderer_get_n_pending (CwTileRenderer *self)
{
  g_return_val_if_fail (CW_IS_TILE_RENDERER (self), 0);

  return self->fills->len;
}
