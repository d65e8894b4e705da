/* cw-window-route.c: the window's route — places, OSRM, GPX, corridor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-window"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cw-corridor.h"
#include "cw-format.h"
#include "cw-gpx.h"
#include "cw-heap-trim.h"
#include "cw-http.h"
#include "cw-osrm.h"
#include "cw-route-panel.h"
#include "cw-window-internal.h"

#define DEFAULT_OSRM_URL "https://router.project-osrm.org"

static CwRoutePanel *
panel (CwWindow *self)
{
  return CW_ROUTE_PANEL (self->route_panel);
}

gboolean
_cw_window_route_get_hit (CwWindow  *self,
                          CwStation *station,
                          double    *along_km,
                          double    *offset_km)
{
  const CwCorridorHit *hit;

  if (self->route_hits == NULL || !(hit = g_hash_table_lookup (self->route_hits, station)))
    return FALSE;
  if (along_km)
    *along_km = hit->along_km;
  if (offset_km)
    *offset_km = hit->offset_km;
  return TRUE;
}

void
_cw_window_route_update_hits (CwWindow *self)
{
  /* The stations the filters keep: a route combines with every filter. */
  GListModel *model = self->filtered ? G_LIST_MODEL (self->filtered) : G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);
  g_autofree double *lat = NULL;
  g_autofree double *lon = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GArray) hits = NULL;
  double km;
  g_autofree char *status = NULL;
  g_autofree char *length = NULL;
  g_autofree char *width = NULL;

  g_clear_pointer (&self->route_hits, g_hash_table_unref);
  if (self->route == NULL)
    {
      _cw_window_refilter (self);
      _cw_window_plan_update (self);
      return;
    }

  /* Compact coordinate arrays: the corridor query works on those, not on objects. */
  lat = g_new (double, MAX (1, n));
  lon = g_new (double, MAX (1, n));
  stations = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      CwStation *s = g_list_model_get_item (model, i);
      lat[i] = s->latitude;
      lon[i] = s->longitude;
      g_ptr_array_add (stations, s);
    }

  km = cw_route_panel_get_corridor_km (panel (self));
  hits = cw_corridor_query_points (lat, lon, n, self->route, km);
  /* The keys hold a reference: stations a merge removes while the list
   * is held back at start-up stay valid until the hits are rebuilt. */
  self->route_hits = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  for (guint i = 0; i < hits->len; i++)
    {
      const CwCorridorHit *h = &g_array_index (hits, CwCorridorHit, i);
      g_hash_table_insert (self->route_hits, g_object_ref (g_ptr_array_index (stations, h->id)),
                           g_memdup2 (h, sizeof *h));
    }

  length = cw_format_distance (cw_route_get_length_km (self->route));
  width = cw_format_distance_fine (km);
  /* Translators: "Route of 512 km: 14 stations within 1.5 km" */
  status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Route of %s: %u station within %s",
                                         "Route of %s: %u stations within %s", hits->len),
                            length, hits->len, width);
  cw_route_panel_set_status (panel (self), status);
  _cw_window_refilter (self);
  _cw_window_plan_update (self);
}

/* Zoom and centre so the whole box shows: the largest zoom at which
 * the box's Web-Mercator extent fits the map widget. */
typedef struct {
  CwWindow *self;
  CwBBox    box;
  int       tries;
} PendingFit;

static void fit_now (CwWindow *self, const CwBBox *box);
static void fit_box (CwWindow *self, const CwBBox *box);

static gboolean
pending_fit_cb (gpointer data)
{
  PendingFit *p = data;

  if (gtk_widget_get_width (GTK_WIDGET (shumate_simple_map_get_map (p->self->map))) > 0 || ++p->tries > 50)
    {
      fit_now (p->self, &p->box);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
pending_fit_free (gpointer data)
{
  PendingFit *p = data;

  g_object_unref (p->self);
  g_free (p);
}

void
_cw_window_fit_box (CwWindow     *self,
                    const CwBBox *box)
{
  fit_box (self, box);
}

static void
fit_now (CwWindow     *self,
         const CwBBox *box)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int w = MAX (200, gtk_widget_get_width (GTK_WIDGET (map)));
  int h = MAX (200, gtk_widget_get_height (GTK_WIDGET (map)));
  double x1 = (box->min_lon + 180.0) / 360.0, x2 = (box->max_lon + 180.0) / 360.0;
  double y1 = (1.0 - asinh (tan (box->max_lat * G_PI / 180.0)) / G_PI) / 2.0;
  double y2 = (1.0 - asinh (tan (box->min_lat * G_PI / 180.0)) / G_PI) / 2.0;
  double dx = MAX (1e-9, x2 - x1), dy = MAX (1e-9, y2 - y1);
  double zoom = floor (log2 (MIN ((w * 0.85) / (256.0 * dx), (h * 0.85) / (256.0 * dy))));

  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, 2, 16));
  shumate_map_center_on (map, (box->min_lat + box->max_lat) / 2, (box->min_lon + box->max_lon) / 2);
}

static void
fit_box (CwWindow     *self,
         const CwBBox *box)
{
  PendingFit *p;

  if (gtk_widget_get_width (GTK_WIDGET (shumate_simple_map_get_map (self->map))) > 0)
    {
      fit_now (self, box);
      return;
    }
  /* Before the window is shown the map has no size to fit into: later. */
  p = g_new0 (PendingFit, 1);
  p->self = g_object_ref (self);
  p->box = *box;
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, pending_fit_cb, p, pending_fit_free);
}

void
_cw_window_set_route (CwWindow   *self,
                      CwRoute    *route,
                      const char *name)
{
  gboolean replaced = self->route != NULL;

  g_clear_pointer (&self->route, cw_route_unref);
  shumate_path_layer_remove_all (self->path_layer);

  if (route != NULL)
    {
      const CwLatLon *pts = cw_route_get_points (route);
      guint n = cw_route_get_n_points (route);
      CwBBox box;

      self->route = cw_route_ref (route);
      for (guint i = 0; i < n; i++)
        shumate_path_layer_add_node (self->path_layer,
                                     SHUMATE_LOCATION (shumate_coordinate_new_full (pts[i].lat, pts[i].lon)));
      cw_route_get_bbox (route, &box);
      fit_box (self, &box);
      /* Open Charge Map is asked along the route itself; others are filtered here. */
      if (self->live != NULL)
        cw_live_source_set_route (self->live, route, cw_route_panel_get_corridor_km (panel (self)));
    }
  else
    cw_route_panel_set_status (panel (self), NULL);

  cw_route_panel_set_has_route (panel (self), route != NULL);
  _cw_window_route_update_hits (self);
  /* The route before, its path and hits are gone: see cw-heap-trim.h. */
  if (replaced)
    cw_heap_trim_soon ();
}

/* ---- OSRM ---- */

static void
route_found (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (CwWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) routes = cw_osrm_route_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  cw_route_panel_set_busy (panel (self), FALSE);
  if (routes == NULL || routes->len == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("No route: %s"), error ? error->message : _("none found"));
      cw_route_panel_set_status (panel (self), msg);
      return;
    }
  /* OSRM's best first; the alternatives it offers can be chosen. */
  g_clear_pointer (&self->alternatives, g_ptr_array_unref);
  self->alternatives = g_ptr_array_ref (routes);
  {
    g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < routes->len; i++)
      {
        const CwOsrmRoute *r = g_ptr_array_index (routes, i);
        int minutes = (int) (r->duration_s / 60 + 0.5);
        g_autofree char *length = cw_format_distance (r->distance_m / 1000.0);

        /* Translators: a route choice: "Route 2: 512 km, 5 h 10 min" */
        g_ptr_array_add (labels, g_strdup_printf (_("Route %u: %s, %d h %02d min"), i + 1,
                                                  length, minutes / 60, minutes % 60));
      }
    g_ptr_array_add (labels, NULL);
    cw_route_panel_set_alternatives (panel (self), (const char * const *) labels->pdata);
  }
  _cw_window_set_route (self, ((CwOsrmRoute *) g_ptr_array_index (routes, 0))->route, NULL);
}

static void
on_alternative_chosen (CwWindow *self,
                       guint     index)
{
  if (self->alternatives == NULL || index >= self->alternatives->len)
    return;
  _cw_window_set_route (self, ((CwOsrmRoute *) g_ptr_array_index (self->alternatives, index))->route, NULL);
}

static void
plan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);
  const CwPlace *from = cw_place_entry_get_place (cw_route_panel_get_origin (panel (self)));
  const CwPlace *to = cw_place_entry_get_place (cw_route_panel_get_destination (panel (self)));
  g_autofree char *base = self->settings ? g_settings_get_string (self->settings, "osrm-url") : NULL;

  if (from == NULL || to == NULL)
    return;
  g_cancellable_cancel (self->route_cancellable);
  g_clear_object (&self->route_cancellable);
  self->route_cancellable = g_cancellable_new ();
  cw_route_panel_set_busy (panel (self), TRUE);
  cw_route_panel_set_status (panel (self), _("Finding a route…"));
  if (g_getenv ("CHARGEWAY_OSRM_URL") != NULL)
    {
      g_free (base);
      base = g_strdup (g_getenv ("CHARGEWAY_OSRM_URL"));
    }
  cw_osrm_route_async (self->session, base && *base ? base : DEFAULT_OSRM_URL,
                       from->latitude, from->longitude, to->latitude, to->longitude,
                       self->route_cancellable, route_found, g_object_ref (self));
}

/* ---- GPX ---- */

static void
gpx_loaded (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (CwWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CwGpx) gpx = cw_gpx_load_finish (result, &error);
  g_autoptr (CwRoute) route = NULL;

  if (gpx == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *msg = g_strdup_printf (_("Could not open the route: %s"), error->message);
          cw_route_panel_set_status (panel (self), msg);
          _cw_window_show_toast (self, msg);
        }
      return;
    }
  route = cw_gpx_to_route (gpx);
  if (route == NULL)
    {
      cw_route_panel_set_status (panel (self), _("The GPX file holds no track or route"));
      return;
    }
  _cw_window_set_route (self, route, gpx->name);
}

void
cw_window_open_route_file (CwWindow *self,
                           GFile    *file)
{
  g_return_if_fail (CW_IS_WINDOW (self));

  g_cancellable_cancel (self->route_cancellable);
  g_clear_object (&self->route_cancellable);
  self->route_cancellable = g_cancellable_new ();
  cw_gpx_load_async (file, self->route_cancellable, gpx_loaded, g_object_ref (self));
}

static void
open_response (GtkNativeDialog *dialog,
               int              response,
               CwWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      cw_window_open_route_file (self, file);
    }
  if (self->file_dialog == dialog)
    self->file_dialog = NULL;
  g_object_unref (dialog);
}

static GtkFileFilter *
gpx_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("GPX Routes and Tracks"));
  gtk_file_filter_add_mime_type (filter, "application/gpx+xml");
  gtk_file_filter_add_suffix (filter, "gpx");
  return filter;
}

static void
open_gpx_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = NULL;

  if (CW_WINDOW (widget)->kiosk)
    return;   /* no file choosers on a kiosk */
  /* One file dialog at a time, modal: Ctrl+O again opens no second one. */
  if (CW_WINDOW (widget)->file_dialog != NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Open a Route"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  CW_WINDOW (widget)->file_dialog = GTK_NATIVE_DIALOG (dialog);
  filter = gpx_filter ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static GPtrArray *
route_stops (CwWindow *self)
{
  GPtrArray *stops = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  /* The stations along the route, in route order, as the list shows them. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (stops, g_list_model_get_item (G_LIST_MODEL (self->selection), i));
  return stops;
}

char *
_cw_window_route_to_gpx (CwWindow *self)
{
  g_autoptr (GPtrArray) stops = NULL;

  if (self->route == NULL)
    return NULL;
  stops = route_stops (self);
  return cw_gpx_write (self->route, stops, "Chargeway route");
}

static void
save_response (GtkNativeDialog *dialog,
               int              response,
               CwWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *text = _cw_window_route_to_gpx (self);
      g_autoptr (GError) error = NULL;

      if (text != NULL &&
          !g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        {
          g_autofree char *msg = g_strdup_printf (_("Could not save the route: %s"), error->message);
          _cw_window_show_toast (self, msg);
        }
    }
  if (self->file_dialog == dialog)
    self->file_dialog = NULL;
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *dialog;

  if (CW_WINDOW (widget)->route == NULL || CW_WINDOW (widget)->kiosk ||
      CW_WINDOW (widget)->file_dialog != NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export the Route"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  CW_WINDOW (widget)->file_dialog = GTK_NATIVE_DIALOG (dialog);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "chargeway-route.gpx");
  g_signal_connect (dialog, "response", G_CALLBACK (save_response), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);

  g_cancellable_cancel (self->route_cancellable);
  g_clear_pointer (&self->alternatives, g_ptr_array_unref);
  cw_route_panel_set_alternatives (panel (self), NULL);
  cw_place_entry_clear (cw_route_panel_get_origin (panel (self)));
  cw_place_entry_clear (cw_route_panel_get_destination (panel (self)));
  _cw_window_set_route (self, NULL, NULL);
}

/* ---- places from the map ---- */

static void
from_here_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  cw_place_entry_set_place (cw_route_panel_get_origin (panel (self)), _("Map centre"),
                            shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                            shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
}

static void
swap_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);
  CwPlaceEntry *o = cw_route_panel_get_origin (panel (self));
  CwPlaceEntry *d = cw_route_panel_get_destination (panel (self));
  const CwPlace *po = cw_place_entry_get_place (o), *pd = cw_place_entry_get_place (d);
  CwPlace a = { 0 }, b = { 0 };
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;

  if (po)
    a = *po, na = g_strdup (po->name);
  if (pd)
    b = *pd, nb = g_strdup (pd->name);
  if (pd)
    cw_place_entry_set_place (o, nb, b.latitude, b.longitude);
  else
    cw_place_entry_clear (o);
  if (po)
    cw_place_entry_set_place (d, na, a.latitude, a.longitude);
  else
    cw_place_entry_clear (d);
}

static void
map_point_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);
  gboolean start = g_str_equal (action_name, "route.start-here");
  CwPlaceEntry *entry = start ? cw_route_panel_get_origin (panel (self))
                              : cw_route_panel_get_destination (panel (self));
  g_autofree char *name = g_strdup_printf ("%.5f, %.5f", self->menu_lat, self->menu_lon);

  cw_place_entry_set_place (entry, name, self->menu_lat, self->menu_lon);
  if (cw_place_entry_get_place (cw_route_panel_get_origin (panel (self))) &&
      cw_place_entry_get_place (cw_route_panel_get_destination (panel (self))))
    gtk_widget_activate_action (widget, "route.plan", NULL);
}

static void
on_map_secondary (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  CwWindow        *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  GtkWidget *map = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  shumate_viewport_widget_coords_to_location (viewport, map, x, y, &self->menu_lat, &self->menu_lon);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->map_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->map_menu));
}

static void
on_map_long_press (GtkGestureLongPress *gesture,
                   double               x,
                   double               y,
                   CwWindow            *self)
{
  on_map_secondary (NULL, 1, x, y, self);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CwWindow      *self)
{
  GFile *file = g_value_get_object (value);

  /* A kiosk opens no files, dropped ones included. */
  if (file == NULL || self->kiosk)
    return FALSE;
  cw_window_open_route_file (self, file);
  return TRUE;
}

static void
on_corridor_changed (CwWindow *self)
{
  if (self->route != NULL)
    _cw_window_route_update_hits (self);
}

void
_cw_window_route_init (CwWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  GtkWidget *map_widget = GTK_WIDGET (shumate_simple_map_get_map (self->map));
  g_autoptr (GMenu) menu = g_menu_new ();
  GtkGesture *click, *press;
  GtkDropTarget *drop;
  GdkRGBA colour = { 0.21, 0.52, 0.89, 0.85 };

  self->session = cw_http_session_new (30);
  {
    g_autofree char *url = self->settings ? g_settings_get_string (self->settings, "geocoder-url") : NULL;
    const char *env = g_getenv ("CHARGEWAY_GEOCODER_URL");

    /* Photon answers GeoJSON at /api; anything else is taken as Nominatim. */
    if (env != NULL)
      {
        g_free (url);
        url = g_strdup (env);
      }
    self->geocoder = cw_geocoder_new (self->session,
                                      url && strstr (url, "photon") ? CW_GEOCODER_PHOTON : CW_GEOCODER_NOMINATIM,
                                      url && *url ? url : NULL);
  }
  self->route_panel = cw_route_panel_new ();
  cw_place_entry_set_geocoder (cw_route_panel_get_origin (panel (self)), self->geocoder);
  cw_place_entry_set_geocoder (cw_route_panel_get_destination (panel (self)), self->geocoder);
  g_signal_connect_object (self->route_panel, "corridor-changed", G_CALLBACK (on_corridor_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->route_panel, "alternative-chosen", G_CALLBACK (on_alternative_chosen),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (self->route_box, self->route_panel);

  /* The route under the stations. */
  self->path_layer = shumate_path_layer_new (viewport);
  shumate_path_layer_set_stroke_color (self->path_layer, &colour);
  shumate_path_layer_set_stroke_width (self->path_layer, 5.0);
  /* Under the stations. (shumate_simple_map_insert_overlay_layer is declared
   * but not exported by libshumate 1.0.3.) */
  shumate_map_insert_layer_behind (shumate_simple_map_get_map (self->map), SHUMATE_LAYER (self->path_layer),
                                   SHUMATE_LAYER (self->layer));

  g_menu_append (menu, _("Start Here"), "route.start-here");
  g_menu_append (menu, _("Go Here"), "route.go-here");
  self->map_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->map_menu), FALSE);
  gtk_widget_set_parent (self->map_menu, map_widget);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_map_secondary), self);
  gtk_widget_add_controller (map_widget, GTK_EVENT_CONTROLLER (click));
  press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_map_long_press), self);
  gtk_widget_add_controller (map_widget, GTK_EVENT_CONTROLLER (press));

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

void
_cw_window_route_dispose (CwWindow *self)
{
  g_cancellable_cancel (self->route_cancellable);
  g_clear_object (&self->route_cancellable);
  g_clear_pointer (&self->route, cw_route_unref);
  g_clear_pointer (&self->route_hits, g_hash_table_unref);
  g_clear_pointer (&self->alternatives, g_ptr_array_unref);
  g_clear_pointer (&self->map_menu, gtk_widget_unparent);
  g_clear_object (&self->geocoder);
  g_clear_object (&self->session);
}

/* Ctrl+L: the start of a route; Ctrl+F: find a place (the destination). */
static void
focus_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CwWindow *self = CW_WINDOW (widget);
  CwPlaceEntry *entry = g_str_equal (action_name, "route.focus") ?
                        cw_route_panel_get_origin (panel (self)) :
                        cw_route_panel_get_destination (panel (self));

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (cw_place_entry_get_editable (entry)));
}

void
_cw_window_route_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "route.plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "route.open-gpx", NULL, open_gpx_action);
  gtk_widget_class_install_action (widget_class, "route.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "route.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "route.from-here", NULL, from_here_action);
  gtk_widget_class_install_action (widget_class, "route.swap", NULL, swap_action);
  gtk_widget_class_install_action (widget_class, "route.start-here", NULL, map_point_action);
  gtk_widget_class_install_action (widget_class, "route.go-here", NULL, map_point_action);
  gtk_widget_class_install_action (widget_class, "route.focus", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, focus_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "route.focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "route.open-gpx", NULL);
}
