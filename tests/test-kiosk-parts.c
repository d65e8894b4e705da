/* test-kiosk-parts.c: the QR code, the idle monitor and the attract view,
 * under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "cw-attract-view.h"
#include "cw-handoff.h"
#include "cw-idle-monitor.h"
#include "cw-qr-code.h"
#include "cw-test-gui.h"

static char *tmp_dir;

static GtkWindow *
window_with (GtkWidget *child,
             int        width,
             int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  if (child)
    gtk_window_set_child (window, child);
  gtk_window_present (window);
  g_assert_true (cw_test_wait_for_ms (cw_test_mapped, window, 10000));
  return window;
}

/* ---- QR code ---- */

/* The smallest QR version holding @bytes in byte mode at level M. */
static guint
modules_for_bytes (gsize bytes)
{
  static const guint capacity_m[] = { 14, 26, 42, 62, 84, 106, 122, 152, 180, 213 };

  for (guint v = 0; v < G_N_ELEMENTS (capacity_m); v++)
    if (bytes <= capacity_m[v])
      return 17 + 4 * (v + 1);
  g_assert_not_reached ();
}

static void
test_qr_module_count (void)
{
  const CwLatLon trip[] = { { 52.0907, 5.1214 }, { 48.85661, 2.35222 } };
  g_autofree char *url = cw_handoff_osm_directions_url (trip, 2);
  g_autofree char *geo = cw_handoff_geo_uri (50.9413, 6.9583, "Fastned Köln Dom");
  CwQrCode *qr = CW_QR_CODE (g_object_ref_sink (cw_qr_code_new (NULL)));
  int min = -1, nat = -1;

  g_assert_cmpuint (cw_qr_code_get_module_count (qr), ==, 0);
  gtk_widget_measure (GTK_WIDGET (qr), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 0);

  cw_qr_code_set_text (qr, "hi");
  g_assert_cmpuint (cw_qr_code_get_module_count (qr), ==, 21);

  /* libqrencode may pick a smaller version by mixing modes, never a
   * larger one than byte mode needs. */
  cw_qr_code_set_text (qr, geo);
  g_test_message ("%s: %u modules", geo, cw_qr_code_get_module_count (qr));
  g_assert_cmpuint (cw_qr_code_get_module_count (qr), <=, modules_for_bytes (strlen (geo)));
  g_assert_cmpuint (cw_qr_code_get_module_count (qr), >=, 25);

  cw_qr_code_set_text (qr, url);
  g_test_message ("%s (%zu bytes): %u modules", url, strlen (url), cw_qr_code_get_module_count (qr));
  g_assert_cmpuint (cw_qr_code_get_module_count (qr), <=, modules_for_bytes (strlen (url)));
  g_assert_cmpuint (cw_qr_code_get_module_count (qr), >=, 33);
  g_assert_cmpstr (cw_qr_code_get_text (qr), ==, url);

  /* A 33-module code (version 4): 62 bytes fill it at level M. */
  {
    g_autofree char *text = g_strnfill (62, 'a');
    cw_qr_code_set_text (qr, text);
    g_assert_cmpuint (cw_qr_code_get_module_count (qr), ==, 33);
    gtk_widget_measure (GTK_WIDGET (qr), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_assert_cmpint (min, >=, 240);
    g_assert_cmpint (min % (33 + 2 * CW_QR_CODE_QUIET_ZONE), ==, 0);
    g_assert_cmpint (nat, >=, min);
    gtk_widget_measure (GTK_WIDGET (qr), GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, >=, 240);
  }

  /* Version 1: 29 modules with the zone, still at least 240 px */
  cw_qr_code_set_text (qr, "hi");
  gtk_widget_measure (GTK_WIDGET (qr), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, >=, 240);
  g_assert_cmpint (min % 29, ==, 0);

  /* Too long for any QR code: nothing drawn, a warning */
  {
    g_autofree char *huge = g_strnfill (5000, 'x');

    g_test_expect_message ("cw-qr-code", G_LOG_LEVEL_WARNING, "No QR code for 5000 bytes*");
    cw_qr_code_set_text (qr, huge);
    g_test_assert_expected_messages ();
    g_assert_cmpuint (cw_qr_code_get_module_count (qr), ==, 0);
    gtk_widget_measure (GTK_WIDGET (qr), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, ==, 0);
  }

  g_assert_false (cw_qr_code_get_module (qr, 0, 0));
  g_assert_finalize_object (qr);
}

typedef struct {
  guchar *data;
  gsize   stride;
  int     width, height;
} Pixels;

static void
pixels_clear (Pixels *p)
{
  g_clear_pointer (&p->data, g_free);
}

static void
render (GtkWidget  *widget,
        const char *png_name,
        Pixels     *out)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (png_name)
    {
      g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                                png_name, NULL);
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("screenshot: %s (%d×%d)", path, w, h);
    }
  out->width = gdk_texture_get_width (texture);
  out->height = gdk_texture_get_height (texture);
  out->stride = (gsize) out->width * 4;
  out->data = g_malloc (out->stride * out->height);
  /* GDK_MEMORY_DEFAULT: B8G8R8A8 premultiplied */
  gdk_texture_download (texture, out->data, out->stride);
}

/* 1 black, 0 white, -1 anything else (grey from blurring, a style's colour). */
static int
pixel_at (const Pixels *p,
          int           x,
          int           y)
{
  const guchar *px;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, p->width);
  g_assert_cmpint (y, <, p->height);
  px = p->data + y * p->stride + x * 4;
  if (px[3] == 255 && px[0] == 0 && px[1] == 0 && px[2] == 0)
    return 1;
  if (px[3] == 255 && px[0] == 255 && px[1] == 255 && px[2] == 255)
    return 0;
  return -1;
}

/* Both corners of module (mx, my) — modules may start at -4 in the
 * quiet zone — have the same pure colour, which it returns. */
static int
module_at (const Pixels *p,
           int           x0,
           int           y0,
           int           px,
           int           mx,
           int           my)
{
  int a = pixel_at (p, x0 + mx * px, y0 + my * px);
  int b = pixel_at (p, x0 + mx * px + px - 1, y0 + my * px + px - 1);

  g_assert_cmpint (a, ==, b);
  return a;
}

/* A finder pattern: a 7×7 dark ring, a light ring, a 3×3 dark centre,
 * then a light separator. */
static gboolean
finder_dark (int dx,
             int dy)
{
  int ring = MAX (ABS (dx - 3), ABS (dy - 3));
  return ring != 2;
}

/* With Debian's zbar-tools installed, the screenshot must decode to the
 * text; without, the pixel checks below stand alone. */
static void
check_decodes (const char *png_name,
               const char *expected)
{
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { NULL, "--raw", "-q", NULL, NULL };
  int status = -1;

  if (zbarimg == NULL)
    {
      g_test_message ("zbarimg not found (zbar-tools): %s not decoded", png_name);
      return;
    }
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                           png_name, NULL);
  argv[0] = zbarimg;
  argv[3] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (g_strchomp (out), ==, expected);
  g_test_message ("%s decodes to %s", png_name, out);
}

static gboolean
code_laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && cw_qr_code_get_layout (data, NULL, NULL, NULL);
}

static void
check_code (CwQrCode   *qr,
            const char *png_name)
{
  Pixels pixels = { 0 };
  int x0, y0, px, n = cw_qr_code_get_module_count (qr);
  const int corners[3][2] = { { 0, 0 }, { n - 7, 0 }, { 0, n - 7 } };

  /* Slow machines (valgrind) need more than a frame for a new size. */
  g_assert_true (cw_test_wait_for_ms (code_laid_out, qr, 10000));
  render (GTK_WIDGET (qr), png_name, &pixels);
  if (png_name)
    check_decodes (png_name, cw_qr_code_get_text (qr));
  g_assert_true (cw_qr_code_get_layout (qr, &x0, &y0, &px));
  g_test_message ("%d modules of %d px at (%d, %d)", n, px, x0, y0);
  g_assert_cmpint (px, >=, 6);
  g_assert_cmpint ((n + 8) * px, >=, 240);

  /* The finder patterns at three corners, and their separators */
  for (guint c = 0; c < 3; c++)
    for (int dy = -1; dy <= 7; dy++)
      for (int dx = -1; dx <= 7; dx++)
        {
          int mx = corners[c][0] + dx, my = corners[c][1] + dy;
          gboolean separator = dx == -1 || dy == -1 || dx == 7 || dy == 7;

          if (mx < -1 || my < -1 || mx > n || my > n)
            continue;
          if (separator)
            g_assert_cmpint (module_at (&pixels, x0, y0, px, mx, my), ==, 0);
          else
            g_assert_cmpint (module_at (&pixels, x0, y0, px, mx, my), ==, finder_dark (dx, dy));
        }

  /* Every module as the encoder made it, with sharp edges */
  for (int my = 0; my < n; my++)
    for (int mx = 0; mx < n; mx++)
      g_assert_cmpint (module_at (&pixels, x0, y0, px, mx, my), ==,
                       cw_qr_code_get_module (qr, mx, my));

  /* The quiet zone: four light modules all round */
  for (int i = -4; i < n + 4; i++)
    for (int k = 1; k <= 4; k++)
      {
        g_assert_cmpint (module_at (&pixels, x0, y0, px, i, -k), ==, 0);
        g_assert_cmpint (module_at (&pixels, x0, y0, px, i, n - 1 + k), ==, 0);
        g_assert_cmpint (module_at (&pixels, x0, y0, px, -k, i), ==, 0);
        g_assert_cmpint (module_at (&pixels, x0, y0, px, n - 1 + k, i), ==, 0);
      }
  pixels_clear (&pixels);
}

static void
test_qr_pixels (void)
{
  const CwLatLon trip[] = { { 52.0907, 5.1214 }, { 45.764043, 4.835659 } };
  g_autofree char *url = cw_handoff_osm_directions_url (trip, 2);
  GtkWidget *qr = cw_qr_code_new (url);
  GtkWindow *window;
  AdwStyleManager *style = adw_style_manager_get_default ();

  /* Centred in more room than it needs, odd sizes included */
  gtk_widget_set_hexpand (qr, TRUE);
  gtk_widget_set_vexpand (qr, TRUE);
  window = window_with (qr, 481, 397);
  cw_test_spin (200);
  check_code (CW_QR_CODE (qr), "screenshot-qr.png");

  /* Dark style: still black on white */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  cw_test_spin (200);
  g_assert_true (adw_style_manager_get_dark (style));
  check_code (CW_QR_CODE (qr), "screenshot-qr-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* A new text redraws at its own size */
  cw_qr_code_set_text (CW_QR_CODE (qr), "geo:45.76404,4.83566?q=45.76404,4.83566(Lyon)");
  cw_test_spin (200);
  check_code (CW_QR_CODE (qr), "screenshot-qr-geo.png");

  gtk_window_destroy (window);
}

/* ---- idle monitor ---- */

typedef struct {
  guint  n_idle;
  guint  n_active;
  gint64 idle_at;
} IdleCount;

static void
idle_cb (CwIdleMonitor *monitor,
         IdleCount     *count)
{
  count->n_idle++;
  count->idle_at = g_get_monotonic_time ();
}

static void
active_cb (CwIdleMonitor *monitor,
           IdleCount     *count)
{
  count->n_active++;
}

static gboolean
went_idle (gpointer data)
{
  return ((IdleCount *) data)->n_idle > 0;
}

static gboolean
went_active (gpointer data)
{
  return ((IdleCount *) data)->n_active > 0;
}

static void
test_idle_timeout (void)
{
  GtkWindow *window = window_with (gtk_label_new ("idle"), 300, 200);
  IdleCount count = { 0 };
  gint64 start = g_get_monotonic_time ();
  CwIdleMonitor *monitor = cw_idle_monitor_new (window, 1);

  g_signal_connect (monitor, "idle", G_CALLBACK (idle_cb), &count);
  g_signal_connect (monitor, "active", G_CALLBACK (active_cb), &count);
  g_assert_cmpuint (cw_idle_monitor_get_timeout (monitor), ==, 1);
  g_assert_false (cw_idle_monitor_get_idle (monitor));

  /* Not before the timeout */
  cw_test_spin (700);
  g_assert_cmpuint (count.n_idle, ==, 0);
  g_assert_true (cw_test_wait_for_ms (went_idle, &count, 3000));
  g_assert_cmpint (count.idle_at - start, >=, 1000 * 1000);
  g_assert_true (cw_idle_monitor_get_idle (monitor));

  /* Once per quiet period */
  cw_test_spin (2200);
  g_assert_cmpuint (count.n_idle, ==, 1);
  g_assert_cmpuint (count.n_active, ==, 0);

  /* Input: active, and a new countdown */
  count.n_idle = 0;
  start = g_get_monotonic_time ();
  cw_idle_monitor_poke (monitor);
  g_assert_cmpuint (count.n_active, ==, 1);
  g_assert_false (cw_idle_monitor_get_idle (monitor));
  cw_test_spin (700);
  g_assert_cmpuint (count.n_idle, ==, 0);
  g_assert_true (cw_test_wait_for_ms (went_idle, &count, 3000));
  g_assert_cmpuint (count.n_idle, ==, 1);
  g_assert_cmpint (count.idle_at - start, >=, 1000 * 1000);

  /* Input keeps it awake: pokes every 0.5 s for 2 s */
  count.n_idle = 0;
  cw_idle_monitor_poke (monitor);
  for (guint i = 0; i < 4; i++)
    {
      cw_test_spin (500);
      g_assert_cmpuint (count.n_idle, ==, 0);
      cw_idle_monitor_poke (monitor);
    }
  g_assert_true (cw_test_wait_for_ms (went_idle, &count, 3000));

  g_assert_finalize_object (monitor);
  gtk_window_destroy (window);
}

static void
test_idle_set_timeout (void)
{
  GtkWindow *window = window_with (NULL, 200, 200);
  IdleCount count = { 0 };
  CwIdleMonitor *monitor = cw_idle_monitor_new (window, 0);

  g_signal_connect (monitor, "idle", G_CALLBACK (idle_cb), &count);
  /* 0: never */
  cw_test_spin (1500);
  g_assert_cmpuint (count.n_idle, ==, 0);

  cw_idle_monitor_set_timeout (monitor, 1);
  g_assert_true (cw_test_wait_for_ms (went_idle, &count, 3000));

  /* Changing the timeout while idle does not go idle again */
  cw_idle_monitor_set_timeout (monitor, 2);
  g_object_set (monitor, "timeout", 1, NULL);
  cw_test_spin (1500);
  g_assert_cmpuint (count.n_idle, ==, 1);

  g_assert_finalize_object (monitor);
  gtk_window_destroy (window);
}

static gboolean
has_idle_controller (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) c = g_list_model_get_item (controllers, i);
      if (g_strcmp0 (gtk_event_controller_get_name (c), "cw-idle-monitor") == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_idle_dialogs (void)
{
  GtkWindow *window = window_with (NULL, 300, 200);
  GtkWindow *stranger = GTK_WINDOW (gtk_window_new ());
  GtkWindow *dialog, *nested;
  CwIdleMonitor *monitor = cw_idle_monitor_new (window, 60);

  g_assert_true (has_idle_controller (GTK_WIDGET (window)));
  g_assert_false (has_idle_controller (GTK_WIDGET (stranger)));

  /* transient-for set after creation, as builders do */
  dialog = GTK_WINDOW (gtk_window_new ());
  g_assert_false (has_idle_controller (GTK_WIDGET (dialog)));
  gtk_window_set_transient_for (dialog, window);
  g_assert_true (has_idle_controller (GTK_WIDGET (dialog)));

  /* and one level further */
  nested = g_object_new (GTK_TYPE_WINDOW, "transient-for", dialog, NULL);
  g_assert_true (has_idle_controller (GTK_WIDGET (nested)));
  g_assert_false (has_idle_controller (GTK_WIDGET (stranger)));

  gtk_window_destroy (nested);
  gtk_window_destroy (dialog);

  /* Gone with the monitor: nothing left behind on the window */
  g_assert_finalize_object (monitor);
  g_assert_false (has_idle_controller (GTK_WIDGET (window)));

  gtk_window_destroy (stranger);
  gtk_window_destroy (window);
}

static gboolean
xdotool (const char *args)
{
  g_autofree char *cmd = g_strconcat ("xdotool ", args, NULL);
  int status = -1;

  return g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

static void
test_idle_real_input (void)
{
  GtkWindow *window;
  IdleCount count = { 0 };
  CwIdleMonitor *monitor;
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
#endif
    {
      g_test_skip ("needs an X11 display");
      return;
    }
  if (xdotool_path == NULL)
    {
      g_test_skip ("needs xdotool");
      return;
    }

  window = window_with (gtk_button_new_with_label ("Touch me"), 400, 300);
  cw_test_spin (300);
  monitor = cw_idle_monitor_new (window, 1);
  g_signal_connect (monitor, "idle", G_CALLBACK (idle_cb), &count);
  g_signal_connect (monitor, "active", G_CALLBACK (active_cb), &count);
  g_assert_true (cw_test_wait_for_ms (went_idle, &count, 3000));

  /* The pointer moving over the window is input. Without a window
   * manager the window sits at the screen's origin. */
  g_assert_true (xdotool ("mousemove --sync 100 90"));
  g_assert_true (xdotool ("mousemove --sync 140 120"));
  g_assert_true (cw_test_wait_for_ms (went_active, &count, 3000));
  g_assert_false (cw_idle_monitor_get_idle (monitor));

  /* ... and goes idle again after it stops */
  count.n_idle = 0;
  g_assert_true (cw_test_wait_for_ms (went_idle, &count, 3000));

  /* A click too */
  count.n_active = 0;
  g_assert_true (xdotool ("click 1"));
  g_assert_true (cw_test_wait_for_ms (went_active, &count, 3000));

  g_assert_finalize_object (monitor);
  gtk_window_destroy (window);
}

/* ---- attract view ---- */

static CwStation *
make_station (const char *id,
              double      lat,
              double      lon,
              guint       n_free,
              guint       n_busy)
{
  CwStation *st = cw_station_new ("test", id);

  cw_station_set_string (st, CW_STATION_NAME, id);
  st->latitude = lat;
  st->longitude = lon;
  for (guint i = 0; i < n_free + n_busy; i++)
    {
      CwEvseDraft *evse = cw_evse_new ();

      evse->uid = g_strdup_printf ("%s-%u", id, i);
      evse->status = i < n_free ? CW_EVSE_STATUS_AVAILABLE : CW_EVSE_STATUS_CHARGING;
      cw_station_take_evse (st, evse);
    }
  return st;
}

static void
activate_cb (GtkWidget *view,
             guint     *activated)
{
  (*activated)++;
}

static void
test_attract_counts (void)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *view = cw_attract_view_new ();
  GtkWindow *window = window_with (view, 900, 600);
  guint activated = 0;

  /* Utrecht; Amersfoort is 20 km away, Amsterdam 35 km. */
  cw_attract_view_set_centre (CW_ATTRACT_VIEW (view), 52.0907, 5.1214);
  g_assert_cmpstr (cw_attract_view_get_counts_text (CW_ATTRACT_VIEW (view)), ==, "");

  cw_attract_view_set_store (CW_ATTRACT_VIEW (view), store);
  /* An empty store is still loading: no "0 stations" */
  g_assert_cmpstr (cw_attract_view_get_counts_text (CW_ATTRACT_VIEW (view)), ==, "");

  g_ptr_array_add (batch, make_station ("centre", 52.0907, 5.1214, 2, 2));
  g_ptr_array_add (batch, make_station ("amersfoort", 52.1561, 5.3878, 1, 0));
  g_ptr_array_add (batch, make_station ("amsterdam", 52.3731, 4.8926, 6, 0));
  g_ptr_array_add (batch, make_station ("private", 52.0910, 5.1220, 3, 0));
  ((CwStation *) g_ptr_array_index (batch, 3))->is_public = FALSE;
  cw_station_store_merge (store, "test", batch, TRUE);
  cw_test_spin (50);

  g_assert_cmpuint (cw_attract_view_get_n_stations (CW_ATTRACT_VIEW (view)), ==, 2);
  g_assert_cmpuint (cw_attract_view_get_n_available (CW_ATTRACT_VIEW (view)), ==, 3);
  g_assert_cmpstr (cw_attract_view_get_counts_text (CW_ATTRACT_VIEW (view)), ==,
                   "2 stations nearby · 3 chargers free right now");

  /* Live statuses, in place: "stations-updated" */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_station ("centre", 52.0907, 5.1214, 0, 4));
  cw_station_store_merge (store, "test", batch, FALSE);
  cw_test_spin (50);
  g_assert_cmpstr (cw_attract_view_get_counts_text (CW_ATTRACT_VIEW (view)), ==,
                   "2 stations nearby · 1 charger free right now");

  /* A wider radius takes Amsterdam in */
  cw_attract_view_set_radius_km (CW_ATTRACT_VIEW (view), 40);
  g_assert_cmpstr (cw_attract_view_get_counts_text (CW_ATTRACT_VIEW (view)), ==,
                   "3 stations nearby · 7 chargers free right now");
  cw_attract_view_set_radius_km (CW_ATTRACT_VIEW (view), 25);

  /* Removed: "items-changed" */
  g_assert_true (cw_station_store_remove (store, "test", "amersfoort"));
  cw_test_spin (50);
  g_assert_cmpstr (cw_attract_view_get_counts_text (CW_ATTRACT_VIEW (view)), ==,
                   "1 station nearby · 0 chargers free right now");
  g_assert_cmpuint (cw_attract_view_get_n_stations (CW_ATTRACT_VIEW (view)), ==, 1);

  /* Added */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_station ("new", 52.10, 5.13, 5, 1));
  cw_station_store_merge (store, "test", batch, FALSE);
  cw_test_spin (50);
  g_assert_cmpuint (cw_attract_view_get_n_stations (CW_ATTRACT_VIEW (view)), ==, 2);
  g_assert_cmpuint (cw_attract_view_get_n_available (CW_ATTRACT_VIEW (view)), ==, 5);

  /* Elsewhere: the kiosk moved to Amsterdam */
  cw_attract_view_set_centre (CW_ATTRACT_VIEW (view), 52.3731, 4.8926);
  g_assert_cmpuint (cw_attract_view_get_n_stations (CW_ATTRACT_VIEW (view)), ==, 1);
  g_assert_cmpuint (cw_attract_view_get_n_available (CW_ATTRACT_VIEW (view)), ==, 6);
  cw_test_spin (200);
  {
    Pixels pixels = { 0 };
    render (view, "screenshot-attract.png", &pixels);
    pixels_clear (&pixels);
  }

  /* A touch anywhere: "activate" */
  g_signal_connect (view, "activate", G_CALLBACK (activate_cb), &activated);
  gtk_widget_activate (view);
  g_assert_cmpuint (activated, ==, 1);

  /* A store cleared, then dropped */
  cw_station_store_clear (store);
  cw_test_spin (50);
  g_assert_cmpstr (cw_attract_view_get_counts_text (CW_ATTRACT_VIEW (view)), ==, "");
  cw_attract_view_set_store (CW_ATTRACT_VIEW (view), NULL);
  g_assert_cmpuint (cw_attract_view_get_n_stations (CW_ATTRACT_VIEW (view)), ==, 0);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  tmp_dir = cw_test_gui_init (&argc, &argv, "cw-kiosk-parts-XXXXXX");

  g_test_add_func ("/kiosk/qr/module-count", test_qr_module_count);
  g_test_add_func ("/kiosk/qr/pixels", test_qr_pixels);
  g_test_add_func ("/kiosk/idle/timeout", test_idle_timeout);
  g_test_add_func ("/kiosk/idle/set-timeout", test_idle_set_timeout);
  g_test_add_func ("/kiosk/idle/dialogs", test_idle_dialogs);
  g_test_add_func ("/kiosk/idle/real-input", test_idle_real_input);
  g_test_add_func ("/kiosk/attract/counts", test_attract_counts);

  return g_test_run ();
}
