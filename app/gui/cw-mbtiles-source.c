/* cw-mbtiles-source.c
 *
 * MBTiles stores rows in TMS order (y counted from the south), so a
 * slippy-map y becomes (1 << z) - 1 - y. ShumateRasterRenderer in
 * libshumate 1.0 listens for "received-data": the async result alone
 * leaves the tile blank, so it is emitted as well (CwTileRenderer,
 * which draws the app's tiles, takes either).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-mbtiles-source"

#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "cw-mbtiles-source.h"
#include "cw-tile-renderer.h"

struct _CwMbtilesSource
{
  ShumateDataSource parent_instance;

  sqlite3 *db;
  GMutex   lock;
  char    *name;
  char    *attribution;
  int      min_zoom;
  int      max_zoom;
};

G_DEFINE_FINAL_TYPE (CwMbtilesSource, cw_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct {
  int x, y, z;
} TileRequest;

static GBytes *
read_tile (CwMbtilesSource  *self,
           int               x,
           int               y,
           int               z,
           GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;
  int rc;

  g_mutex_lock (&self->lock);
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT tile_data FROM tiles WHERE zoom_level = ?1 "
                           "AND tile_column = ?2 AND tile_row = ?3", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, z);
      sqlite3_bind_int (stmt, 2, x);
      sqlite3_bind_int (stmt, 3, (1 << z) - 1 - y);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      else if (rc == SQLITE_DONE)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     "No tile %d/%d/%d in the MBTiles file", z, x, y);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "MBTiles read failed: %s", sqlite3_errmsg (self->db));
    }
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "MBTiles file has no tiles table: %s", sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->lock);
  return bytes;
}

static void
tile_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TileRequest *req = task_data;
  GError *error = NULL;
  GBytes *bytes = read_tile (source_object, req->x, req->y, req->z, &error);

  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

static void
tile_read_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) outer = user_data;
  TileRequest *req = g_task_get_task_data (outer);
  GError *error = NULL;
  GBytes *bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (bytes == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  g_signal_emit_by_name (object, "received-data", req->x, req->y, req->z, bytes);
  g_task_return_pointer (outer, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
cw_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom_level,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *outer = g_task_new (source, cancellable, callback, user_data);
  g_autoptr (GTask) inner = g_task_new (source, cancellable, tile_read_done, outer);
  TileRequest *req = g_new (TileRequest, 1);

  req->x = x;
  req->y = y;
  req->z = zoom_level;
  g_task_set_source_tag (outer, cw_mbtiles_source_get_tile_data_async);
  g_task_set_task_data (outer, req, g_free);
  g_task_set_task_data (inner, g_memdup2 (req, sizeof *req), g_free);
  g_task_run_in_thread (inner, tile_thread);
}

static GBytes *
cw_mbtiles_source_get_tile_data_finish (ShumateDataSource  *source,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cw_mbtiles_source_finalize (GObject *object)
{
  CwMbtilesSource *self = CW_MBTILES_SOURCE (object);

  if (self->db != NULL)
    sqlite3_close (self->db);
  g_mutex_clear (&self->lock);
  g_free (self->name);
  g_free (self->attribution);

  G_OBJECT_CLASS (cw_mbtiles_source_parent_class)->finalize (object);
}

static void
cw_mbtiles_source_class_init (CwMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = cw_mbtiles_source_finalize;
  source_class->get_tile_data_async = cw_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = cw_mbtiles_source_get_tile_data_finish;
}

static void
cw_mbtiles_source_init (CwMbtilesSource *self)
{
  g_mutex_init (&self->lock);
  self->min_zoom = self->max_zoom = -1;
}

static void
read_metadata (CwMbtilesSource *self)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (key == NULL || value == NULL)
        continue;
      if (g_str_equal (key, "name"))
        { g_free (self->name); self->name = g_strdup (value); }
      else if (g_str_equal (key, "attribution"))
        { g_free (self->attribution); self->attribution = g_strdup (value); }
      else if (g_str_equal (key, "minzoom"))
        self->min_zoom = CLAMP (atoi (value), 0, 30);
      else if (g_str_equal (key, "maxzoom"))
        self->max_zoom = CLAMP (atoi (value), 0, 30);
    }
  sqlite3_finalize (stmt);
}

CwMbtilesSource *
cw_mbtiles_source_new (const char  *path,
                       GError     **error)
{
  g_autoptr (CwMbtilesSource) self = g_object_new (CW_TYPE_MBTILES_SOURCE, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: no such file", path);
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : "cannot open");
      return NULL;
    }
  rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM tiles", -1, &stmt, NULL);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: not an MBTiles file (%s)", path, sqlite3_errmsg (self->db));
      return NULL;
    }
  read_metadata (self);
  return g_steal_pointer (&self);
}

const char *
cw_mbtiles_source_get_name (CwMbtilesSource *self)
{
  return self->name;
}

const char *
cw_mbtiles_source_get_attribution (CwMbtilesSource *self)
{
  return self->attribution;
}

int
cw_mbtiles_source_get_min_zoom (CwMbtilesSource *self)
{
  return self->min_zoom;
}

int
cw_mbtiles_source_get_max_zoom (CwMbtilesSource *self)
{
  return self->max_zoom;
}

ShumateMapSource *
cw_map_source_new_for_spec (const char  *tiles,
                            GError     **error)
{
  if (tiles == NULL || *tiles == '\0')
    {
      g_autoptr (ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();
      ShumateMapSource *osm = shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK);
      CwTileRenderer *renderer = osm ? cw_tile_renderer_new_like (osm) : NULL;

      /* libshumate's own details (URL, licence, zooms), our decoding */
      if (renderer != NULL)
        return SHUMATE_MAP_SOURCE (renderer);
      return osm ? g_object_ref (osm) : NULL;
    }

  if (strstr (tiles, "{z}") && strstr (tiles, "{x}") && strstr (tiles, "{y}"))
    {
      const char *name = "Custom tiles";
      const char *licence = "Map tiles from a custom server";
      const char *licence_uri = NULL;

      /* CARTO's basemaps (dark_all, light_all, …) are OpenStreetMap data
       * in CARTO's styles: both are credited. */
      if (strstr (tiles, "basemaps.cartocdn.com/") != NULL)
        {
          name = "CARTO";
          licence = "© OpenStreetMap contributors © CARTO";
          licence_uri = "https://carto.com/attributions";
        }
      g_autoptr (ShumateTileDownloader) downloader = shumate_tile_downloader_new (tiles);

      return SHUMATE_MAP_SOURCE (cw_tile_renderer_new_full (
          "custom", name, licence, licence_uri,
          0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR, SHUMATE_DATA_SOURCE (downloader)));
    }

  {
    g_autoptr (CwMbtilesSource) mbtiles = cw_mbtiles_source_new (tiles, error);
    const char *attribution;

    if (mbtiles == NULL)
      return NULL;
    attribution = cw_mbtiles_source_get_attribution (mbtiles);
    return SHUMATE_MAP_SOURCE (cw_tile_renderer_new_full (
        "mbtiles", cw_mbtiles_source_get_name (mbtiles) ? cw_mbtiles_source_get_name (mbtiles) : "MBTiles",
        attribution ? attribution : "", NULL,
        MAX (0, cw_mbtiles_source_get_min_zoom (mbtiles)),
        cw_mbtiles_source_get_max_zoom (mbtiles) >= 0 ? cw_mbtiles_source_get_max_zoom (mbtiles) : 19,
        256, SHUMATE_MAP_PROJECTION_MERCATOR, SHUMATE_DATA_SOURCE (mbtiles)));
  }
}
