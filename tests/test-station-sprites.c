/* test-station-sprites.c: cluster images put together from kept parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "cw-station-sprites.h"

typedef struct {
  guint green, grey, white;
  guint green_left, green_right;
  double white_x0, white_x1, white_y0, white_y1;
} Census;

/* Counts the sprite's pixels by colour (premultiplied ARGB32). */
static void
census (const CwSprite *sp,
        Census         *c)
{
  double half;
  cairo_surface_t *surface = cw_sprite_get_surface (sp, &half);
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);

  *c = (Census) { .white_x0 = w, .white_y0 = h, .white_x1 = -1, .white_y1 = -1 };
  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = *(const guint32 *) (const void *) (data + y * stride + x * 4);
        int a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
        double dx = x + 0.5 - half, dy = y + 0.5 - half;

        if (a < 250)
          continue;
        if (g > r + 60 && g > b + 60)
          {
            c->green++;
            if (dx < -3)
              c->green_left++;
            else if (dx > 3)
              c->green_right++;
          }
        else if (r > 230 && g > 230 && b > 230 && hypot (dx, dy) < half - 6)
          {
            /* white inside the ring: the number */
            c->white++;
            c->white_x0 = MIN (c->white_x0, x);
            c->white_x1 = MAX (c->white_x1, x + 1);
            c->white_y0 = MIN (c->white_y0, y);
            c->white_y1 = MAX (c->white_y1, y + 1);
          }
        else if (ABS (r - g) < 12 && ABS (g - b) < 12 && r < 160)
          c->grey++;
      }
}

static void
test_free_share (void)
{
  g_autoptr (CwSprites) sprites = cw_sprites_new ();
  Census c;

  cw_sprites_begin_frame (sprites, FALSE, 1);

  /* none free: grey all round */
  census (cw_sprites_cluster (sprites, 100, 0), &c);
  g_assert_cmpuint (c.green, ==, 0);
  g_assert_cmpuint (c.grey, >, 300);

  /* half free: the right half (clockwise from twelve) green */
  census (cw_sprites_cluster (sprites, 100, 50), &c);
  g_assert_cmpuint (c.green_right, >, 150);
  g_assert_cmpuint (c.green_left, ==, 0);

  /* one free of 2,264 still shows a sliver */
  census (cw_sprites_cluster (sprites, 2264, 1), &c);
  g_assert_cmpuint (c.green, >, 0);
  g_assert_cmpuint (c.green, <, c.grey / 8);

  /* all free: green on both sides, no grey left but the number's edge */
  census (cw_sprites_cluster (sprites, 10, 10), &c);
  g_assert_cmpuint (c.green_left, >, 100);
  g_assert_cmpuint (c.green_right, >, 100);
  cw_sprites_end_frame (sprites);
}

/* The number sits in the middle of its disc. */
static void
test_label_centred (void)
{
  g_autoptr (CwSprites) sprites = cw_sprites_new ();
  const guint32 counts[] = { 7, 42, 1234, 56789 };

  cw_sprites_begin_frame (sprites, FALSE, 1);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      const CwSprite *sp = cw_sprites_cluster (sprites, counts[i], 0);
      double half;
      Census c;

      cw_sprite_get_surface (sp, &half);
      census (sp, &c);
      g_test_message ("%u: %u white px in x %.0f–%.0f, y %.0f–%.0f, centre %.1f", counts[i], c.white,
                      c.white_x0, c.white_x1, c.white_y0, c.white_y1, half);
      g_assert_cmpuint (c.white, >, 10);
      g_assert_cmpfloat (fabs ((c.white_x0 + c.white_x1) / 2 - half), <=, 1.5);
      g_assert_cmpfloat (fabs ((c.white_y0 + c.white_y1) / 2 - half), <=, 1.5);
    }
  /* more digits, a wider number */
  {
    Census a, b;

    census (cw_sprites_cluster (sprites, 42, 0), &a);
    census (cw_sprites_cluster (sprites, 1234, 0), &b);
    g_assert_cmpfloat (b.white_x1 - b.white_x0, >, a.white_x1 - a.white_x0 + 8);
  }
  cw_sprites_end_frame (sprites);
}

/* A cluster's image is drawn once; its disc serves every count of the
 * same size and share; counts that read alike share an image. */
static void
test_kept (void)
{
  g_autoptr (CwSprites) sprites = cw_sprites_new ();
  const CwSprite *first;

  cw_sprites_begin_frame (sprites, FALSE, 1);
  first = cw_sprites_cluster (sprites, 1234, 0);
  g_assert_cmpuint (cw_sprites_get_n_drawn (sprites), ==, 2);   /* disc and cluster */
  cw_sprites_end_frame (sprites);

  cw_sprites_begin_frame (sprites, FALSE, 1);
  g_assert_true (cw_sprites_cluster (sprites, 1234, 0) == first);
  g_assert_cmpuint (cw_sprites_get_n_drawn (sprites), ==, 2);
  cw_sprites_cluster (sprites, 1235, 0);                          /* same disc */
  g_assert_cmpuint (cw_sprites_get_n_drawn (sprites), ==, 3);
  cw_sprites_cluster (sprites, 12345, 0);                         /* "12k" */
  g_assert_cmpuint (cw_sprites_get_n_drawn (sprites), ==, 5);
  cw_sprites_cluster (sprites, 12999, 0);                         /* "12k" too */
  g_assert_cmpuint (cw_sprites_get_n_drawn (sprites), ==, 5);
  cw_sprites_end_frame (sprites);

  /* stale data greys everything: new images */
  cw_sprites_begin_frame (sprites, TRUE, 1);
  g_assert_true (cw_sprites_cluster (sprites, 1234, 0) != first);
  g_assert_cmpuint (cw_sprites_get_n_drawn (sprites), ==, 7);
  cw_sprites_end_frame (sprites);
}

/* At scale 2 the images have twice the pixels, the same layout. */
static void
test_scale (void)
{
  g_autoptr (CwSprites) sprites = cw_sprites_new ();
  double half1, half2;
  cairo_surface_t *s1, *s2;

  cw_sprites_begin_frame (sprites, FALSE, 1);
  s1 = cw_sprite_get_surface (cw_sprites_cluster (sprites, 300, 20), &half1);
  cw_sprites_end_frame (sprites);
  cw_sprites_begin_frame (sprites, FALSE, 2);
  s2 = cw_sprite_get_surface (cw_sprites_cluster (sprites, 300, 20), &half2);
  cw_sprites_end_frame (sprites);
  g_assert_cmpfloat (half1, ==, half2);
  g_assert_cmpint (cairo_image_surface_get_width (s2), ==, 2 * cairo_image_surface_get_width (s1));
}

/* Painting places one Cairo node made once, on whole pixels. */
static void
test_paint_reuses (void)
{
  g_autoptr (CwSprites) sprites = cw_sprites_new ();
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  const CwSprite *sp;
  GskRenderNode *a, *b;
  graphene_rect_t bounds;
  double half;

  cw_sprites_begin_frame (sprites, FALSE, 1);
  sp = cw_sprites_cluster (sprites, 77, 7);
  cw_sprite_get_surface (sp, &half);
  cw_sprite_paint (sp, snapshot, 100.4, 50.6);
  cw_sprite_paint (sp, snapshot, 300.0, 200.0);
  cw_sprites_end_frame (sprites);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_CONTAINER_NODE);
  g_assert_cmpuint (gsk_container_node_get_n_children (node), ==, 2);
  a = gsk_container_node_get_child (node, 0);
  b = gsk_container_node_get_child (node, 1);
  g_assert_cmpint (gsk_render_node_get_node_type (a), ==, GSK_TRANSFORM_NODE);
  g_assert_true (gsk_transform_node_get_child (a) == gsk_transform_node_get_child (b));
  g_assert_cmpint (gsk_render_node_get_node_type (gsk_transform_node_get_child (a)), ==, GSK_CAIRO_NODE);
  gsk_render_node_get_bounds (a, &bounds);
  g_assert_cmpfloat (bounds.origin.x, ==, round (100.4 - half));
  g_assert_cmpfloat (bounds.origin.y, ==, round (50.6 - half));
  g_assert_cmpfloat (bounds.size.width, ==, 2 * half);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/station-sprites/free-share", test_free_share);
  g_test_add_func ("/station-sprites/label-centred", test_label_centred);
  g_test_add_func ("/station-sprites/kept", test_kept);
  g_test_add_func ("/station-sprites/scale", test_scale);
  g_test_add_func ("/station-sprites/paint-reuses", test_paint_reuses);

  return g_test_run ();
}
