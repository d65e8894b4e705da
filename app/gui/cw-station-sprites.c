/* cw-station-sprites.c
 *
 * A frame paints each marker and cluster from an image drawn once, as
 * a Cairo node as big as the image, made once and placed on whole
 * pixels by a transform (cw_sprite_paint ()). Drawing the shapes again
 * every frame, in one node over the whole layer, cost the renderer
 * about 75 µs an item (GSK_RENDERER=cairo, on the 2-CPU test machine):
 * 30 ms for the 400 items of Europe at zoom 5, measured by
 * `chargeway-cli bench render`; painting an image costs a few µs.
 *
 * Clusters change their counts at every zoom step and with every pan,
 * so their images are made often: a zoom out of one level brought 300
 * to 750 new ones in a frame, each a disc, a pie and its number set in
 * type (30–36 ms a frame). So a cluster's image is put together from
 * parts drawn once: its disc (by radius in whole pixels and the free
 * share in 48ths: a single free station still shows a sliver, and only
 * all free fills the disc) and the glyphs of its number, copied side by
 * side on whole pixels.
 *
 * Images are kept while painted, and up to MAX_SPRITES besides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-station-sprites"

#include <math.h>
#include <string.h>

#include "cw-station-sprites.h"

#define MAX_SPRITES       512
#define MAX_DISCS         256
#define SHARE_STEPS       48
#define PLAN_BADGE_RADIUS 8.5
#define PLAN_BADGE_OFFSET 11.0
#define GLYPHS            "0123456789k"
#define N_GLYPHS          11

struct _CwSprite
{
  gint64           key;
  cairo_surface_t *surface;
  GskRenderNode   *node;            /* made at its first paint */
  double           half;            /* from its corner to its centre, px */
  guint            frame;           /* the last frame that used it */
};

typedef struct {
  cairo_surface_t *surface;         /* the glyph, 1 px from its ink box */
  double           x_bearing, y_bearing, width, height, x_advance;
} Glyph;

struct _CwSprites
{
  GHashTable *sprites;              /* &CwSprite.key → CwSprite */
  GHashTable *discs;                /* cluster discs without numbers */
  Glyph       glyphs[2][N_GLYPHS];  /* 11 px and 13 px */
  int         glyph_scale;
  gboolean    stale;
  int         scale;
  guint       frame;
  guint       n_drawn;
};

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

const char *
cw_sprites_category_glyph (CwCategory category)
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
  double r = selected ? CW_SELECTED_RADIUS : CW_MARKER_RADIUS;
  const char *glyph = cw_sprites_category_glyph (cw_station_get_category (station));

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

/* A disc whose green share is @share 48ths of it, ringed in white. */
static void
draw_disc (cairo_t  *cr,
           double    x,
           double    y,
           double    r,
           guint     share,
           gboolean  stale)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  if (stale)
    cairo_set_source_rgb (cr, 0.55, 0.55, 0.58);
  else
    cairo_set_source_rgb (cr, 0.47, 0.47, 0.50);
  cairo_fill (cr);
  if (share > 0)
    {
      cairo_move_to (cr, x, y);
      cairo_arc (cr, x, y, r, -G_PI / 2, -G_PI / 2 + 2 * G_PI * share / SHARE_STEPS);
      cairo_close_path (cr);
      if (stale)
        cairo_set_source_rgb (cr, 0.45, 0.62, 0.50);
      else
        cairo_set_source_rgb (cr, 0.18, 0.61, 0.26);
      cairo_fill (cr);
    }
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_line_width (cr, 2.5);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_stroke (cr);
}

static void
draw_planned (cairo_t *cr,
              double   x,
              double   y,
              guint    number)
{
  char text[8];
  cairo_text_extents_t ext;
  double bx = x + PLAN_BADGE_OFFSET, by = y - PLAN_BADGE_OFFSET;

  /* A ring in the route's blue, dark-edged so it reads on any tile. */
  cairo_new_path (cr);
  cairo_arc (cr, x, y, CW_PLAN_RING_RADIUS, 0, 2 * G_PI);
  cairo_set_line_width (cr, 5.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 3.0);
  cairo_set_source_rgb (cr, 0.10, 0.37, 0.71);
  cairo_stroke (cr);

  /* The stop's number in a badge at the top right. */
  cairo_arc (cr, bx, by, PLAN_BADGE_RADIUS, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.10, 0.37, 0.71);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_stroke (cr);
  g_snprintf (text, sizeof text, "%u", number);
  cairo_set_font_size (cr, number >= 10 ? 9 : 11);
  cairo_text_extents (cr, text, &ext);
  cairo_move_to (cr, bx - ext.width / 2 - ext.x_bearing, by - ext.height / 2 - ext.y_bearing);
  cairo_show_text (cr, text);
}

double
cw_sprites_cluster_radius (guint32 count)
{
  return MIN (30.0, 12.0 + 4.0 * log10 ((double) MAX (count, 1)));
}

/* ---- the cache ---- */

/* The face of every letter and number on the map, at @size px. */
static void
bold_sans (cairo_t *cr,
           double   size)
{
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, size);
}

static void
sprite_free (gpointer data)
{
  CwSprite *sp = data;

  cairo_surface_destroy (sp->surface);
  g_clear_pointer (&sp->node, gsk_render_node_unref);
  g_free (sp);
}

static void
glyphs_clear (CwSprites *self)
{
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < N_GLYPHS; i++)
      g_clear_pointer (&self->glyphs[s][i].surface, cairo_surface_destroy);
}

CwSprites *
cw_sprites_new (void)
{
  CwSprites *self = g_new0 (CwSprites, 1);

  self->sprites = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, sprite_free);
  self->discs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, sprite_free);
  self->scale = 1;
  return self;
}

void
cw_sprites_free (CwSprites *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->sprites);
  g_hash_table_unref (self->discs);
  glyphs_clear (self);
  g_free (self);
}

void
cw_sprites_begin_frame (CwSprites *self,
                        gboolean   stale,
                        int        scale)
{
  self->frame++;
  self->stale = !!stale;
  self->scale = CLAMP (scale, 1, 255);
  if (self->glyph_scale != self->scale)
    {
      glyphs_clear (self);
      self->glyph_scale = self->scale;
    }
}

static gboolean
sprite_unused (gpointer key,
               gpointer value,
               gpointer user_data)
{
  return ((CwSprite *) value)->frame != GPOINTER_TO_UINT (user_data);
}

void
cw_sprites_end_frame (CwSprites *self)
{
  if (g_hash_table_size (self->sprites) > MAX_SPRITES)
    g_hash_table_foreach_remove (self->sprites, sprite_unused, GUINT_TO_POINTER (self->frame));
  if (g_hash_table_size (self->discs) > MAX_DISCS)
    g_hash_table_foreach_remove (self->discs, sprite_unused, GUINT_TO_POINTER (self->frame));
}

cairo_surface_t *
cw_sprite_get_surface (const CwSprite *sp,
                       double         *half)
{
  if (half != NULL)
    *half = sp->half;
  return sp->surface;
}

guint
cw_sprites_get_n_drawn (CwSprites *self)
{
  return self->n_drawn;
}

static CwSprite *
lookup (GHashTable *table,
        gint64      key,
        guint       frame)
{
  CwSprite *sp = g_hash_table_lookup (table, &key);

  if (sp != NULL)
    sp->frame = frame;
  return sp;
}

/* A new image @half px from corner to centre, in @table; draw on *@cr
 * at (half, half), then cairo_destroy () it. */
static CwSprite *
sprite_new (CwSprites  *self,
            GHashTable *table,
            gint64      key,
            double      half,
            cairo_t   **cr)
{
  CwSprite *sp = g_new0 (CwSprite, 1);
  int size = (int) ceil (2 * half);

  sp->key = key;
  sp->half = size / 2.0;
  sp->frame = self->frame;
  sp->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size * self->scale, size * self->scale);
  cairo_surface_set_device_scale (sp->surface, self->scale, self->scale);
  *cr = cairo_create (sp->surface);
  bold_sans (*cr, 11);
  g_hash_table_insert (table, &sp->key, sp);
  self->n_drawn++;
  return sp;
}

const CwSprite *
cw_sprites_marker (CwSprites *self,
                   CwStation *station,
                   gboolean   selected)
{
  gint64 key = (gint64) cw_station_get_availability (station) |
               (gint64) cw_station_get_category (station) << 8 |
               (gint64) !!selected << 16 | (gint64) self->stale << 17 |
               (gint64) self->scale << 24;
  CwSprite *sp = lookup (self->sprites, key, self->frame);

  if (sp == NULL)
    {
      double r = selected ? CW_SELECTED_RADIUS + 4 : CW_MARKER_RADIUS;
      cairo_t *cr;

      sp = sprite_new (self, self->sprites, key, r + 2, &cr);
      draw_marker (cr, station, sp->half, sp->half, selected, self->stale);
      cairo_destroy (cr);
    }
  return sp;
}

const CwSprite *
cw_sprites_planned (CwSprites *self,
                    guint      number)
{
  /* Bit 60 marks stop badges. */
  gint64 key = (gint64) 1 << 60 | (gint64) self->scale << 24 | MIN (number, 999);
  CwSprite *sp = lookup (self->sprites, key, self->frame);

  if (sp == NULL)
    {
      cairo_t *cr;

      sp = sprite_new (self, self->sprites, key, PLAN_BADGE_OFFSET + PLAN_BADGE_RADIUS + 2, &cr);
      draw_planned (cr, sp->half, sp->half, number);
      cairo_destroy (cr);
    }
  return sp;
}

static const Glyph *
glyph (CwSprites *self,
       guint      big,
       char       c)
{
  const char *at = strchr (GLYPHS, c);
  Glyph *g = &self->glyphs[big][at - GLYPHS];
  char text[2] = { c, '\0' };
  cairo_text_extents_t ext;
  cairo_surface_t *scratch;
  cairo_t *cr;
  int w, h;

  if (g->surface != NULL)
    return g;
  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (scratch);
  bold_sans (cr, big ? 13 : 11);
  cairo_text_extents (cr, text, &ext);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);

  g->x_bearing = ext.x_bearing;
  g->y_bearing = ext.y_bearing;
  g->width = ext.width;
  g->height = ext.height;
  g->x_advance = ext.x_advance;
  w = (int) ceil (ext.width) + 2;
  h = (int) ceil (ext.height) + 2;
  g->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w * self->scale, h * self->scale);
  cairo_surface_set_device_scale (g->surface, self->scale, self->scale);
  cr = cairo_create (g->surface);
  bold_sans (cr, big ? 13 : 11);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, 1 - ext.x_bearing, 1 - ext.y_bearing);
  cairo_show_text (cr, text);
  cairo_destroy (cr);
  return g;
}

/* @text centred on (@x, @y), set from the kept glyphs on whole pixels. */
static void
paint_label (CwSprites  *self,
             cairo_t    *cr,
             const char *text,
             guint       big,
             double      x,
             double      y)
{
  const Glyph *gs[16];
  double pen = 0, left = 0, right = 0, top = 0, bottom = 0, x0, y0;
  guint n = 0;

  for (const char *c = text; *c != '\0' && n < G_N_ELEMENTS (gs); c++, n++)
    {
      const Glyph *g = gs[n] = glyph (self, big, *c);

      if (n == 0)
        {
          left = g->x_bearing;
          top = g->y_bearing;
          bottom = g->y_bearing + g->height;
        }
      right = pen + g->x_bearing + g->width;
      top = MIN (top, g->y_bearing);
      bottom = MAX (bottom, g->y_bearing + g->height);
      pen += g->x_advance;
    }
  /* as cairo_show_text would centre the whole string by its ink */
  x0 = x - (right - left) / 2 - left;
  y0 = y - (bottom - top) / 2 - top;
  pen = 0;
  for (guint i = 0; i < n; i++)
    {
      double gx = round ((x0 + pen + gs[i]->x_bearing - 1) * self->scale) / self->scale;
      double gy = round ((y0 + gs[i]->y_bearing - 1) * self->scale) / self->scale;

      cairo_set_source_surface (cr, gs[i]->surface, gx, gy);
      cairo_paint (cr);
      pen += gs[i]->x_advance;
    }
}

static const CwSprite *
disc (CwSprites *self,
      int        r,
      guint      share)
{
  gint64 key = (gint64) self->stale << 40 | (gint64) self->scale << 24 | (gint64) share << 8 | r;
  CwSprite *sp = lookup (self->discs, key, self->frame);

  if (sp == NULL)
    {
      cairo_t *cr;

      sp = sprite_new (self, self->discs, key, r + 2, &cr);
      draw_disc (cr, sp->half, sp->half, r, share, self->stale);
      cairo_destroy (cr);
    }
  return sp;
}

const CwSprite *
cw_sprites_cluster (CwSprites *self,
                    guint32    count,
                    guint32    n_free)
{
  int r = (int) round (cw_sprites_cluster_radius (count));
  guint share = n_free == 0 ? 0 :
                n_free >= count ? SHARE_STEPS :
                CLAMP ((guint) round ((double) SHARE_STEPS * n_free / count), 1, SHARE_STEPS - 1);
  /* 10,000 and more read as thousands: "12k" */
  gboolean thousands = count >= 10000;
  guint32 label = thousands ? count / 1000 : count;
  /* Bit 62 marks clusters; then stale, scale, share, radius, label. */
  gint64 key = (gint64) 1 << 62 | (gint64) self->stale << 61 | (gint64) self->scale << 53 |
               (gint64) share << 47 | (gint64) r << 41 | (gint64) thousands << 32 | label;
  CwSprite *sp = lookup (self->sprites, key, self->frame);

  if (sp == NULL)
    {
      const CwSprite *background = disc (self, r, share);
      char text[16];
      cairo_t *cr;

      sp = sprite_new (self, self->sprites, key, r + 2, &cr);
      cairo_set_source_surface (cr, background->surface, 0, 0);
      cairo_paint (cr);
      g_snprintf (text, sizeof text, thousands ? "%uk" : "%u", label);
      paint_label (self, cr, text, r > 16, sp->half, sp->half);
      cairo_destroy (cr);
    }
  return sp;
}

void
cw_sprite_paint (const CwSprite *sp,
                 GtkSnapshot    *snapshot,
                 double          x,
                 double          y)
{
  CwSprite *self = (CwSprite *) sp;

  /* One Cairo node an image, made once and placed each frame on whole
   * pixels (copied, not resampled): a frame then makes a small
   * transform node an item instead of a Cairo context and a recording
   * of its own. */
  if (self->node == NULL)
    {
      GskRenderNode *node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, 2 * sp->half, 2 * sp->half));
      cairo_t *cr = gsk_cairo_node_get_draw_context (node);

      cairo_set_source_surface (cr, sp->surface, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      self->node = node;
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x - sp->half), round (y - sp->half)));
  gtk_snapshot_append_node (snapshot, self->node);
  gtk_snapshot_restore (snapshot);
}
