/* cw-window-desktop.c: the window following the desktop
 *
 * Distances in kilometres or miles (the locale, or the distance-units
 * setting); the map's tiles by the style the desktop prefers: in dark
 * style the dark-tile-source when one is set, else the light tiles
 * (OpenStreetMap's, which have no dark variant).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-window"

#include <glib/gi18n.h>

#include "cw-credits-dialog.h"
#include "cw-format.h"
#include "cw-mbtiles-source.h"
#include "cw-route-panel.h"
#include "cw-tile-renderer.h"
#include "cw-window-internal.h"

char *
_cw_window_tiles_for_style (CwWindow *self)
{
  g_autofree char *light = NULL;

  if (self->settings != NULL && adw_style_manager_get_dark (adw_style_manager_get_default ()))
    {
      g_autofree char *dark = g_settings_get_string (self->settings, "dark-tile-source");

      if (*dark != '\0')
        return g_steal_pointer (&dark);
    }
  /* --tiles wins over the setting. */
  if (self->tiles != NULL && *self->tiles != '\0')
    return g_strdup (self->tiles);
  if (self->settings != NULL)
    light = g_settings_get_string (self->settings, "tile-source");
  return g_steal_pointer (&light);
}

/* Tiles paint from Cairo surfaces when the window renders with Cairo,
 * as textures otherwise (cw-tile-renderer.c). */
static void
sync_tile_painting (CwWindow *self)
{
  ShumateMapSource *source = shumate_simple_map_get_map_source (self->map);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  if (CW_IS_TILE_RENDERER (source) && renderer != NULL)
    cw_tile_renderer_set_paint_with_cairo (CW_TILE_RENDERER (source), GSK_IS_CAIRO_RENDERER (renderer));
}

static void
apply_tiles (CwWindow *self)
{
  g_autofree char *spec = _cw_window_tiles_for_style (self);
  const char *applied = g_object_get_data (G_OBJECT (self), "cw-applied-tiles");
  g_autoptr (GError) error = NULL;
  g_autoptr (ShumateMapSource) source = NULL;

  if (spec == NULL)
    spec = g_strdup ("");
  if (shumate_simple_map_get_map_source (self->map) != NULL && g_strcmp0 (applied, spec) == 0)
    return;
  source = cw_map_source_new_for_spec (spec, &error);
  if (source == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Map tiles: %s"), error->message);

      g_warning ("%s", msg);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
      source = cw_map_source_new_for_spec (NULL, NULL);
    }
  g_object_set_data_full (G_OBJECT (self), "cw-applied-tiles", g_steal_pointer (&spec), g_free);
  shumate_simple_map_set_map_source (self->map, source);
  sync_tile_painting (self);
}

void
_cw_window_credit_map (CwWindow        *self,
                       CwCreditsDialog *dialog)
{
  ShumateMapSource *source = shumate_simple_map_get_map_source (self->map);
  g_autoptr (CwCreditsEntry) entry = NULL;

  if (source == NULL || g_strcmp0 (shumate_map_source_get_id (source), SHUMATE_MAP_SOURCE_OSM_MAPNIK) == 0)
    return;
  entry = cw_credits_entry_new (shumate_map_source_get_name (source), shumate_map_source_get_license (source),
                                NULL, shumate_map_source_get_license_uri (source));
  cw_credits_dialog_set_map_credit (dialog, entry);
}

void
_cw_window_apply_distance_units (CwWindow *self)
{
  g_autofree char *units = NULL;
  GtkListItemFactory *factory;

  if (self->settings != NULL)
    {
      units = g_settings_get_string (self->settings, "distance-units");
      cw_format_set_distance_units (cw_distance_units_from_string (units));
    }
  /* The map's scale bar in the same units (it shows both by default). */
  shumate_scale_set_unit (shumate_simple_map_get_scale (self->map),
                          cw_format_get_distance_units () == CW_DISTANCE_UNITS_MILES
                          ? SHUMATE_UNIT_IMPERIAL : SHUMATE_UNIT_METRIC);

  /* Rows print their distances when bound: bind them all again. */
  factory = gtk_list_view_get_factory (self->station_list);
  if (factory != NULL)
    {
      g_object_ref (factory);
      gtk_list_view_set_factory (self->station_list, NULL);
      gtk_list_view_set_factory (self->station_list, factory);
      g_object_unref (factory);
    }
  /* The corridor's width, and the route's summary with it. */
  if (self->route_panel != NULL)
    cw_route_panel_update_units (CW_ROUTE_PANEL (self->route_panel));
}

void
_cw_window_desktop_init (CwWindow *self)
{
  apply_tiles (self);
  g_signal_connect (self, "realize", G_CALLBACK (sync_tile_painting), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (apply_tiles), self, G_CONNECT_SWAPPED);
  _cw_window_apply_distance_units (self);
  if (self->settings == NULL)
    return;
  g_signal_connect_object (self->settings, "changed::dark-tile-source",
                           G_CALLBACK (apply_tiles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::tile-source",
                           G_CALLBACK (apply_tiles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::distance-units",
                           G_CALLBACK (_cw_window_apply_distance_units), self, G_CONNECT_SWAPPED);
}
