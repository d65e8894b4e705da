/* cw-test-gui.c: what the widget tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-test-gui"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cw-test-gui.h"
#include "cw-window-internal.h"
#include "cw-window-private.h"

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
cw_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @cond holds or @amount seconds (or, with
 * @in_seconds false, milliseconds) pass. */
static gboolean
wait_until (gboolean (*cond) (gpointer),
            gpointer   data,
            guint      amount,
            gboolean   in_seconds)
{
  gboolean timed_out = FALSE;
  guint id = in_seconds ? g_timeout_add_seconds (amount, timeout_cb, &timed_out)
                        : g_timeout_add (amount, timeout_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return cond (data);
}

gboolean
cw_test_wait_for (gboolean (*cond) (gpointer),
                  gpointer   data,
                  guint      seconds)
{
  return wait_until (cond, data, seconds, TRUE);
}

gboolean
cw_test_wait_for_ms (gboolean (*cond) (gpointer),
                     gpointer   data,
                     guint      ms)
{
  return wait_until (cond, data, ms, FALSE);
}

gboolean
cw_test_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

gboolean
cw_test_window_loaded (gpointer data)
{
  CwWindow *window = data;

  return !_cw_window_is_loading (window) &&
         g_list_model_get_n_items (G_LIST_MODEL (_cw_window_get_selection (window))) > 0;
}

gboolean
cw_test_window_has_route (gpointer data)
{
  CwWindow *window = data;

  return window->route != NULL && window->route_hits != NULL;
}

void
cw_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            name, NULL);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* A busy machine may not have drawn the frame yet: give it frames. */
  for (int tries = 0; tries < 25 && node == NULL; tries++)
    {
      if (tries > 0)
        {
          cw_test_spin (200);
          snapshot = gtk_snapshot_new ();
        }
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d×%d)", path, w, h);
}

char *
cw_test_gui_init (int         *argc,
                  char      ***argv,
                  const char  *tmpl)
{
  char *tmp_dir = g_dir_make_tmp (tmpl, NULL);
  g_autofree char *home = NULL;
  g_autofree char *cache = NULL;

  g_assert_nonnull (tmp_dir);
  home = g_build_filename (tmp_dir, "home", NULL);
  cache = g_build_filename (tmp_dir, "cache", NULL);
  g_mkdir_with_parents (home, 0700);
  g_mkdir_with_parents (cache, 0700);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return tmp_dir;
}
