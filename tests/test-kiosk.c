/* test-kiosk.c: the window as a showroom kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "cw-application.h"
#include "cw-test-tiles.h"
#include "cw-window-internal.h"
#include "cw-window-private.h"

static char *tiles_path;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
key (CwWindow        *window,
     guint            keyval,
     GdkModifierType  mods)
{
  gboolean handled = FALSE;

  /* What the capture-phase controller answers for this key. */
  g_signal_emit_by_name (window->kiosk_keys, "key-pressed", keyval, 0, mods, &handled);
  return handled;
}

static void
test_locked_down (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  CwWindow *window = cw_window_new (NULL, store, settings, "demo", tiles_path);
  gboolean blocked;

  gtk_window_present (GTK_WINDOW (window));
  cw_window_set_kiosk (window, TRUE);
  spin (300);

  g_assert_true (cw_window_get_kiosk (window));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "kiosk"));
  g_assert_false (gtk_widget_get_visible (window->menu_button));
  g_assert_false (adw_header_bar_get_show_end_title_buttons (window->header_bar));

  /* F11, Escape, Alt+F4, Ctrl+Q, Ctrl+W are swallowed; other keys pass. */
  g_assert_true (key (window, GDK_KEY_F11, 0));
  g_assert_true (key (window, GDK_KEY_Escape, 0));
  g_assert_true (key (window, GDK_KEY_F4, GDK_ALT_MASK));
  g_assert_true (key (window, GDK_KEY_q, GDK_CONTROL_MASK));
  g_assert_true (key (window, GDK_KEY_w, GDK_CONTROL_MASK));
  g_assert_false (key (window, GDK_KEY_a, 0));

  /* No file choosers: asking for one opens no window. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint before = g_list_model_get_n_items (toplevels);

    gtk_widget_activate_action (GTK_WIDGET (window), "route.open-gpx", NULL);
    spin (300);
    blocked = g_list_model_get_n_items (toplevels) == before;
    g_assert_true (blocked);
  }

  /* Closing is refused while a kiosk. */
  gtk_window_close (GTK_WINDOW (window));
  spin (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  cw_window_set_kiosk (window, FALSE);
  g_assert_false (key (window, GDK_KEY_F11, 0));
  g_assert_true (gtk_widget_get_visible (window->menu_button));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = g_dir_make_tmp ("cw-kiosk-test-XXXXXX", NULL);
  g_autofree char *home = g_build_filename (tmp, "home", NULL);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);

  g_mkdir_with_parents (home, 0700);
  g_mkdir_with_parents (cache, 0700);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cw_gui_init_resources ();
  tiles_path = g_build_filename (tmp, "test.mbtiles", NULL);
  cw_test_write_mbtiles (tiles_path, 4, 6, 50.0, 3.0, 53.0, 7.0);

  g_test_add_func ("/kiosk/locked-down", test_locked_down);
  return g_test_run ();
}
