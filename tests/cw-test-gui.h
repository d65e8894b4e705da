/* cw-test-gui.h: what the widget tests share — running the main loop
 * for a while or until something holds, and the set-up of a test
 * process in a temporary HOME
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop for @ms milliseconds. */
void     cw_test_spin            (guint ms);

/* Runs the main loop until @cond (@data) holds or @seconds pass;
 * returns whether it holds. */
gboolean cw_test_wait_for        (gboolean (*cond) (gpointer),
                                  gpointer   data,
                                  guint      seconds);

/* As cw_test_wait_for(), with the limit in milliseconds. */
gboolean cw_test_wait_for_ms     (gboolean (*cond) (gpointer),
                                  gpointer   data,
                                  guint      ms);

/* A condition: the widget @data is mapped and has a width. */
gboolean cw_test_mapped          (gpointer data);

/* A condition: the CwWindow @data has done loading and lists stations. */
gboolean cw_test_window_loaded   (gpointer data);

/* A condition: the CwWindow @data has a route and its hits. */
gboolean cw_test_window_has_route (gpointer data);

/* Saves what @widget shows as @name in G_TEST_BUILDDIR (or "."),
 * giving a window that has not drawn yet up to 25 tries 200 ms apart. */
void     cw_test_save_screenshot (GtkWidget  *widget,
                                  const char *name);

/* Makes a temporary directory from @tmpl with home/ and cache/ in it,
 * points HOME and XDG_CACHE_HOME there (libshumate caches tiles under
 * XDG_CACHE_HOME), keeps GSettings in memory, then initialises GTK for
 * testing and libadwaita. Returns the directory (free it). */
char    *cw_test_gui_init        (int        *argc,
                                  char     ***argv,
                                  const char *tmpl);

G_END_DECLS
