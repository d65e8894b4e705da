/* cw-bench-gui.c: `chargeway-cli bench render|startup`
 *
 * render: a 1280×800 window holding a ShumateSimpleMap over blank tiles
 * (made here: no network) and the station layer over a store of
 * synthetic stations. Each frame moves the viewport along a fixed path
 * of pans and zooms, lays the map out, snapshots it into a render node
 * and renders that with the window's own GskRenderer into a texture;
 * all of it is timed. The baseline runs the same path with a
 * ShumateMarkerLayer holding one ShumateMarker widget a station, in the
 * same process, and the layer runs again on the baseline's stations so
 * that one ratio compares like with like.
 *
 * startup: writes the disk cache of an OCPI source with the stations
 * (cw_station_cache_encode, as CwLiveSource keeps it), then starts this
 * same executable again, as a child with a fresh HOME and
 * XDG_CACHE_HOME, which runs the application as main.c does and prints
 * when the first frame that shows stations has been painted. The clock
 * is CLOCK_MONOTONIC in both processes: from just before the spawn to
 * that frame. The server of the source refuses connections, so what is
 * drawn can only come from the cache.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-bench"

#include <malloc.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <shumate/shumate.h>

#include "cw-application.h"
#include "cw-bench-gui.h"
#include "cw-cluster.h"
#include "cw-json.h"
#include "cw-live-source.h"
#include "cw-ocpi-parser.h"
#include "cw-ocpi-writer.h"
#include "cw-station-cache.h"
#include "cw-station-layer.h"
#include "cw-station-sprites.h"
#include "cw-station-store.h"
#include "cw-synth.h"
#include "cw-tile-renderer.h"
#include "cw-window-private.h"
#include "cw-window.h"

#define VIEW_WIDTH        1280
#define VIEW_HEIGHT       800
#define TARGET_FRAME_MS   16.0
#define TARGET_STARTUP_MS 1000.0
#define TARGET_BYTES      200.0
#define WARMUP_FRAMES     10
#define CHILD_TIMEOUT_S   120
/* The layer's clustering, for the memory count. */
#define LAYER_RADIUS      CW_STATION_LAYER_CLUSTER_RADIUS
#define LAYER_MAX_ZOOM    CW_STATION_LAYER_CLUSTER_MAX_ZOOM
/* Refuses connections: the child's stations come from its cache only. */
#define STARTUP_SPEC      "ocpi:http://127.0.0.1:9/ocpi/versions"

static gboolean print_frames;

/* ---- measuring ---- */

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The value at @fraction (0…1) of the sorted values, nearest rank. */
static double
quantile (const double *values,
          guint         n,
          double        fraction)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof (double));
  guint rank;

  if (n == 0)
    return 0;
  qsort (sorted, n, sizeof (double), cmp_double);
  if (fraction == 0.5)
    return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  rank = (guint) ceil (fraction * n);
  return sorted[CLAMP (rank, 1, n) - 1];
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* CPU time of the calling thread, ms: what a frame costs, whatever else
 * the machine runs meanwhile. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* A line of /proc/self/status, in MiB; 0 when unknown. */
static double
proc_status_mib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  if (line == NULL)
    return 0;
  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

/* Bytes of the heap in use. The main arena only (glibc), so callers
 * measure what the main thread allocates. */
static gsize
heap_in_use (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  return mi.uordblks + mi.hblkhd;
}

static void
row (const char *label,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
row (const char *label,
     const char *format,
     ...)
{
  va_list args;
  g_autofree char *value = NULL;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  g_print ("  %-56s %s\n", label, value);
}

/* The 1-, 5- and 15-minute load averages: other work on the machine
 * shows in wall-clock times, not in CPU times. */
static char *
load_average (void)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) parts = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("unknown");
  parts = g_strsplit (text, " ", 4);
  if (g_strv_length (parts) < 3)
    return g_strdup ("unknown");
  return g_strdup_printf ("%s %s %s on %u CPUs", parts[0], parts[1], parts[2], g_get_num_processors ());
}

static const char *
verdict (gboolean met)
{
  return met ? "met" : "NOT MET";
}

/* ---- the main loop ---- */

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data,
          guint     seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, flag_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

/* What is due now (tiles read, the window painted), not waiting. */
static void
pump (void)
{
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* ---- blank tiles ---- */

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A 256-px tile of plain land with a faint edge: a map to draw, with
 * nothing to fetch. */
static GBytes *
blank_tile_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.94, 0.93, 0.90);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.86, 0.85, 0.81);
  cairo_rectangle (cr, 0, 0, 256, 1);
  cairo_rectangle (cr, 0, 0, 1, 256);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

#define CW_TYPE_BENCH_TILES (cw_bench_tiles_get_type ())
G_DECLARE_FINAL_TYPE (CwBenchTiles, cw_bench_tiles, CW, BENCH_TILES, ShumateDataSource)

/* Every tile of every zoom is the same blank one. */
struct _CwBenchTiles
{
  ShumateDataSource parent_instance;
  GBytes           *png;
};

G_DEFINE_FINAL_TYPE (CwBenchTiles, cw_bench_tiles, SHUMATE_TYPE_DATA_SOURCE)

static void
cw_bench_tiles_get_tile_data_async (ShumateDataSource   *source,
                                    int                  x,
                                    int                  y,
                                    int                  zoom_level,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CwBenchTiles *self = CW_BENCH_TILES (source);
  g_autoptr (GTask) task = g_task_new (source, cancellable, callback, user_data);

  /* libshumate 1.0 draws what "received-data" brings, not the result. */
  g_signal_emit_by_name (source, "received-data", x, y, zoom_level, self->png);
  g_task_return_pointer (task, g_bytes_ref (self->png), (GDestroyNotify) g_bytes_unref);
}

static GBytes *
cw_bench_tiles_get_tile_data_finish (ShumateDataSource  *source,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cw_bench_tiles_finalize (GObject *object)
{
  g_bytes_unref (CW_BENCH_TILES (object)->png);
  G_OBJECT_CLASS (cw_bench_tiles_parent_class)->finalize (object);
}

static void
cw_bench_tiles_class_init (CwBenchTilesClass *klass)
{
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cw_bench_tiles_finalize;
  source_class->get_tile_data_async = cw_bench_tiles_get_tile_data_async;
  source_class->get_tile_data_finish = cw_bench_tiles_get_tile_data_finish;
}

static void
cw_bench_tiles_init (CwBenchTiles *self)
{
  self->png = blank_tile_png ();
}

/* An MBTiles file of blank tiles, zoom 0–@max_zoom over the box, for a
 * child that runs the application with --tiles. */
static gboolean
write_blank_mbtiles (const char  *path,
                     int          max_zoom,
                     double       min_lat,
                     double       min_lon,
                     double       max_lat,
                     double       max_lon,
                     GError     **error)
{
  g_autoptr (GBytes) png = blank_tile_png ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *message = NULL;
  int rc;

  g_unlink (path);
  rc = sqlite3_open (path, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db,
                       "BEGIN;"
                       "CREATE TABLE metadata (name TEXT, value TEXT);"
                       "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                       "                    tile_row INTEGER, tile_data BLOB);"
                       "INSERT INTO metadata VALUES ('name', 'Blank'), ('format', 'png'),"
                       "                            ('minzoom', '0'), ('maxzoom', '19');",
                       NULL, NULL, &message);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
  for (int z = 0; rc == SQLITE_OK && z <= max_zoom; z++)
    {
      int n = 1 << z;
      int x1 = (int) floor ((min_lon + 180) / 360 * n), x2 = (int) floor ((max_lon + 180) / 360 * n);
      int y1 = (int) floor ((1 - asinh (tan (max_lat * G_PI / 180)) / G_PI) / 2 * n);
      int y2 = (int) floor ((1 - asinh (tan (min_lat * G_PI / 180)) / G_PI) / 2 * n);

      for (int x = MAX (0, x1); rc == SQLITE_OK && x <= MIN (n - 1, x2); x++)
        for (int y = MAX (0, y1); rc == SQLITE_OK && y <= MIN (n - 1, y2); y++)
          {
            sqlite3_bind_int (stmt, 1, z);
            sqlite3_bind_int (stmt, 2, x);
            sqlite3_bind_int (stmt, 3, n - 1 - y);   /* TMS rows */
            sqlite3_bind_blob (stmt, 4, g_bytes_get_data (png, NULL), g_bytes_get_size (png), SQLITE_STATIC);
            rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
            sqlite3_reset (stmt);
          }
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT;", NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path,
                 message ? message : (db ? sqlite3_errmsg (db) : "cannot open"));
  sqlite3_free (message);
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

/* ---- memory ---- */

typedef struct {
  guint n;
  gsize strings;        /* the stations' string text, NULs included */
  gsize structs;        /* everything else of theirs, from their sizes */
  gsize objects;        /* heap taken making the stations, measured */
  gsize own_list;       /* of which the bench's own list of them */
  double slice_extra;   /* GSlice's cost of an instance beyond its size */
  gsize store;          /* the store's own arrays (cw_station_store_get_memory) */
  gsize layer;          /* the layer's own per-station arrays */
  gsize index;          /* the cluster index, by its own count */
  CwStationMemory parts;
  gsize index_stations, index_clusters, index_zooms;
  gsize zoom[LAYER_MAX_ZOOM + 2];
} Memory;

static void
memory_count_stations (GPtrArray *stations,
                       Memory    *m)
{
  CwStationMemory *p = &m->parts;

  memset (p, 0, sizeof *p);
  m->n = stations->len;
  for (guint i = 0; i < stations->len; i++)
    cw_station_add_memory (g_ptr_array_index (stations, i), p);
  m->strings = p->text;
  m->structs = p->instance + p->string_heap + p->evses + p->connectors + p->block_heap + p->opening_hours;
}

/* What GSlice takes for a station instance beyond its size, measured
 * at the start of the process: its slabs are pages with a header, from
 * posix_memalign (GObject instances come from GSlice in GLib 2.74).
 * Measured later it would read low: chunks freed by then are handed out
 * first without growing the heap. The chunks are kept until the bench
 * ends, so that no station is made in them. */
static double slice_extra;
static gpointer *slice_chunks;

#define SLICE_CHUNKS 21000

static void
slice_measure (void)
{
  gsize before;

  slice_chunks = g_new (gpointer, SLICE_CHUNKS);
  /* the first thousand set GSlice up: not counted */
  for (guint i = 0; i < 1000; i++)
    slice_chunks[i] = g_slice_alloc (sizeof (CwStation));
  before = heap_in_use ();
  for (guint i = 1000; i < SLICE_CHUNKS; i++)
    slice_chunks[i] = g_slice_alloc (sizeof (CwStation));
  slice_extra = (double) (heap_in_use () - before) / (SLICE_CHUNKS - 1000) - (sizeof (CwStation) + 15) / 16 * 16;
  slice_extra = MAX (slice_extra, 0);
}

static void
slice_release (void)
{
  for (guint i = 0; slice_chunks != NULL && i < SLICE_CHUNKS; i++)
    g_slice_free1 (sizeof (CwStation), slice_chunks[i]);
  g_clear_pointer (&slice_chunks, g_free);
}

/* The index the layer builds for @stations, built here the same way, to
 * count it. */
static gsize
memory_of_index (GPtrArray *stations,
                 Memory    *m)
{
  guint n = stations->len;
  g_autofree double *lat = g_new (double, MAX (n, 1));
  g_autofree double *lon = g_new (double, MAX (n, 1));
  g_autofree guint8 *is_free = g_new (guint8, MAX (n, 1));
  CwClusterOptions opts = CW_CLUSTER_OPTIONS_INIT;
  CwClusterIndex *ci;
  gsize bytes;

  for (guint i = 0; i < n; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);

      lat[i] = s->latitude;
      lon[i] = s->longitude;
      is_free[i] = cw_station_get_availability (s) == CW_AVAILABILITY_AVAILABLE;
    }
  opts.radius = LAYER_RADIUS;
  opts.own_order = TRUE;              /* as the layer builds it */
  opts.max_zoom = LAYER_MAX_ZOOM;
  ci = cw_cluster_index_new (lat, lon, is_free, n, &opts);
  bytes = cw_cluster_index_get_memory (ci);
  cw_cluster_index_get_memory_parts (ci, &m->index_stations, &m->index_clusters, &m->index_zooms);
  for (int z = opts.min_zoom; z <= LAYER_MAX_ZOOM + 1; z++)
    m->zoom[z] = cw_cluster_index_get_zoom_memory (ci, z);
  cw_cluster_index_free (ci);
  return bytes;
}

/* Where the bytes of a station go: its parts, then the lookups. */
static void
print_memory_parts (Memory *m)
{
  const CwStationMemory *p = &m->parts;
  double n = MAX (m->n, 1);
  GString *zooms = g_string_new (NULL);

  g_print ("  Where they go, bytes a station:\n");
  row ("  the station instance (GSlice-rounded)", "%10.1f", p->instance / n);
  row ("    GSlice's slabs beyond it, measured", "%10.1f", m->slice_extra);
  row ("    of which the GObject header", "%10.1f", p->gobject / n);
  row ("    of which pointers and offsets to strings", "%10.1f", p->string_slots / n);
  row ("    the rest: coordinates, times, counts, flags, padding", "%10.1f",
       (p->instance - p->gobject - p->string_slots) / n);
  row ("  heap headers and rounding of strings outside the block", "%10.1f", p->string_heap / n);
  row ("  EVSE structs", "%10.1f  %.2f EVSEs a station", p->evses / n,
       p->evses / n / MAX (sizeof (CwEvse), 1));
  row ("  connector structs", "%10.1f  %.2f connectors a station", p->connectors / n,
       p->connectors / n / MAX (sizeof (CwConnector), 1));
  row ("  block: heap header, rounding, string mask, counts", "%10.1f", p->block_heap / n);
  row ("  opening hours", "%10.1f", p->opening_hours / n);
  row ("  store: item list and (source, id) slot table", "%10.1f", m->store / n);
  row ("  layer: station array", "%10.1f", m->layer / n);
  row ("  cluster index: station nodes", "%10.1f", m->index_stations / n);
  row ("  cluster index: cluster nodes", "%10.1f", m->index_clusters / n);
  row ("  cluster index: node lists by zoom", "%10.1f", m->index_zooms / n);
  for (int z = 0; z <= LAYER_MAX_ZOOM; z++)
    g_string_append_printf (zooms, "%s%d: %.1f", z ? ", " : "", z, m->zoom[z] / n);
  row ("    by zoom", "%s", zooms->str);
  g_string_free (zooms, TRUE);
}

/* @measured: whether m->objects is a clean measure. It is not after
 * the JSON of a cache was freed: GSlice hands the freed memory of its
 * nodes to the new objects, out of sight of malloc's counters. */
static void
print_memory (Memory     *m,
              const char *how,
              gboolean    measured)
{
  double n = MAX (m->n, 1);
  double structs, objects, total, lookup;

  m->slice_extra = slice_extra;
  structs = m->structs + m->slice_extra * m->n;
  if (measured)
    objects = m->objects > m->strings + m->own_list ? (double) (m->objects - m->strings - m->own_list) : 0;
  else
    objects = structs;
  /* The layer keeps a reference to each station, in an array of
   * exactly their number. */
  m->layer = sizeof (guint) + m->n * sizeof (gpointer) + 16;
  total = objects + m->store + m->layer + m->index;
  lookup = m->store + m->layer + m->index;

  g_print ("Memory of the store and index, bytes a station (%u stations %s)\n", m->n, how);
  row ("parsed strings: their text with NULs (not counted)", "%10.1f", m->strings / n);
  if (measured)
    {
      row ("station objects without their strings, heap measured", "%10.1f  glibc mallinfo2", objects / n);
      row ("  not counted in it: the bench's own list of them", "%10.1f  the store's is counted below",
           m->own_list / n);
      row ("  the same from the sizes of their parts", "%10.1f  estimate", structs / n);
    }
  else
    row ("station objects without their strings, from their parts", "%10.1f  sizes, not measured", objects / n);
  row ("store: item list and (source, id) slot table", "%10.1f  from its arrays", m->store / n);
  row ("layer: station array", "%10.1f  from its array", m->layer / n);
  row ("cluster index (cw_cluster_index_get_memory)", "%10.1f", m->index / n);
  row ("store and index beyond the parsed strings", "%10.1f  target ≤ %.0f: %s", total / n, TARGET_BYTES,
       verdict (total / n <= TARGET_BYTES));
  row ("  of which station objects", "%10.1f", objects / n);
  row ("  of which lookup structures (store, layer, clusters)", "%10.1f", lookup / n);
  row ("not counted", "%s", "the string text (first line), tariffs and their handle table (shared by their connectors)");
  print_memory_parts (m);
}

/* bench memory: what bench startup counts, without a window. */
static int
bench_memory (guint   n,
              guint32 seed)
{
  g_autoptr (CwSynthStations) synth = cw_synth_stations_new (n, seed);
  g_autoptr (GPtrArray) objects = cw_synth_stations_to_objects (synth, STARTUP_SPEC, 0, n);
  g_autoptr (GPtrArray) decoded = NULL;
  g_autoptr (GBytes) snapshot = NULL;
  g_autoptr (CwStationStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *load = load_average ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  Memory mem = { 0 };

  g_print ("chargeway-cli bench memory: %u synthetic stations (seed %u) through the disk cache; "
           "load average %s\n", n, seed, load);
  snapshot = cw_station_cache_encode (objects, STARTUP_SPEC, now, now);
  g_clear_pointer (&objects, g_ptr_array_unref);
  decoded = cw_station_cache_decode (snapshot, STARTUP_SPEC, NULL, NULL, &error);
  if (decoded == NULL)
    {
      g_printerr ("chargeway-cli bench memory: %s\n", error->message);
      return 1;
    }
  memory_count_stations (decoded, &mem);
  store = cw_station_store_new ();
  cw_station_store_merge (store, STARTUP_SPEC, decoded, TRUE);
  mem.store = cw_station_store_get_memory (store);
  mem.index = memory_of_index (decoded, &mem);
  print_memory (&mem, "decoded from the cache", FALSE);
  row ("peak RSS of the process (VmHWM)", "%10.1f MiB", proc_status_mib ("VmHWM:"));
  return 0;
}

/* ---- bench render ---- */

typedef struct {
  double lat, lon, zoom;
} View;

/* Pans at one zoom, then zooms at one place: a continent, a region, the
 * last clusters over the Ruhr, its streets where each station stands
 * alone, and out again. */
static const View path[] = {
  { 48.8566,  2.3522,  5.0 },   /* Paris, Europe in view */
  { 52.5200, 13.4050,  5.0 },   /* pan to Berlin */
  { 52.5200, 13.4050,  9.0 },   /* zoom in */
  { 51.4556,  7.0116,  9.0 },   /* pan to Essen */
  { 51.4556,  7.0116, 13.0 },   /* zoom in */
  { 51.2277,  6.7735, 13.0 },   /* pan to Düsseldorf */
  { 51.2277,  6.7735, 16.0 },   /* zoom in to the streets */
  { 51.2400,  6.8000, 16.0 },   /* pan along them */
  { 50.0000,  8.0000,  4.0 },   /* out to the continent */
};

static void
view_at (guint  i,
         guint  n,
         View  *out)
{
  guint last = G_N_ELEMENTS (path) - 1;
  double t = n > 1 ? (double) i / (n - 1) * last : 0;
  guint k = MIN ((guint) t, last - 1);
  double f = t - k;

  out->lat = path[k].lat + f * (path[k + 1].lat - path[k].lat);
  out->lon = path[k].lon + f * (path[k + 1].lon - path[k].lon);
  out->zoom = path[k].zoom + f * (path[k + 1].zoom - path[k].zoom);
}

typedef struct {
  GtkWindow        *window;
  ShumateSimpleMap *map;
  CwTileRenderer   *tiles;
  ShumateViewport  *viewport;
  GskRenderer      *renderer;
  int               width, height;
} Scene;

static gboolean
scene_allocated (gpointer data)
{
  Scene *s = data;

  return gtk_widget_get_mapped (GTK_WIDGET (s->map)) && gtk_widget_get_width (GTK_WIDGET (s->map)) > 0;
}

static gboolean
scene_open (Scene   *s,
            GError **error)
{
  g_autoptr (ShumateDataSource) tiles = g_object_new (CW_TYPE_BENCH_TILES, NULL);
  g_autoptr (CwTileRenderer) source = NULL;

  source = cw_tile_renderer_new_full ("cw-bench-blank", "Blank", "", NULL, 0, 19, 256,
                                      SHUMATE_MAP_PROJECTION_MERCATOR, tiles);
  s->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (s->window, FALSE);
  gtk_window_set_default_size (s->window, VIEW_WIDTH, VIEW_HEIGHT);
  s->map = shumate_simple_map_new ();
  shumate_simple_map_set_map_source (s->map, SHUMATE_MAP_SOURCE (source));
  s->tiles = source;
  gtk_window_set_child (s->window, GTK_WIDGET (s->map));
  gtk_window_present (s->window);
  if (!wait_for (scene_allocated, s, 20))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the window was not shown within 20 s");
      return FALSE;
    }
  s->viewport = shumate_simple_map_get_viewport (s->map);
  shumate_viewport_set_max_zoom_level (s->viewport, 18);
  s->renderer = gtk_native_get_renderer (GTK_NATIVE (s->window));
  cw_tile_renderer_set_paint_with_cairo (s->tiles, GSK_IS_CAIRO_RENDERER (s->renderer));
  s->width = gtk_widget_get_width (GTK_WIDGET (s->map));
  s->height = gtk_widget_get_height (GTK_WIDGET (s->map));
  return TRUE;
}

/* Between frames, untimed: the tiles the last move asked for are
 * decoded (in worker threads) and set, so every frame paints a whole
 * map. */
static void
settle (Scene *s)
{
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  pump ();
  while (cw_tile_renderer_get_n_pending (s->tiles) > 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  pump ();
}

/* One frame, timed: the viewport moves, the map is laid out (a marker
 * layer places its markers here), snapshot into a render node, and the
 * node rendered by the window's renderer into a texture. Returns the
 * wall-clock time; @cpu_ms gets this thread's CPU time. */
static double
time_frame (Scene      *s,
            const View *v,
            double     *cpu_ms)
{
  GtkWidget *content = GTK_WIDGET (s->map);
  GskRenderNode *node;
  GdkTexture *texture = NULL;
  GtkSnapshot *snapshot;
  double cpu0 = thread_cpu_ms ();
  gint64 t0 = g_get_monotonic_time ();
  double ms;

  shumate_viewport_set_zoom_level (s->viewport, v->zoom);
  shumate_location_set_location (SHUMATE_LOCATION (s->viewport), v->lat, v->lon);
  gtk_widget_allocate (content, s->width, s->height, -1, NULL);
  snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (GTK_WIDGET (s->window), content, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    texture = gsk_renderer_render_texture (s->renderer, node,
                                           &GRAPHENE_RECT_INIT (0, 0, s->width, s->height));
  ms = elapsed_ms (t0);
  *cpu_ms = thread_cpu_ms () - cpu0;

  g_clear_object (&texture);
  g_clear_pointer (&node, gsk_render_node_unref);
  return ms;
}

typedef struct {
  guint   n_stations;
  double  setup_ms;
  double *ms;           /* wall clock, a frame */
  double *cpu_ms;       /* the main thread's CPU time, a frame */
  guint   n_frames;
  double  items;        /* drawn a frame, on average */
  double  clusters;     /* of which clusters */
} Run;

typedef guint (*CountFunc) (gpointer layer,
                            guint   *n_clusters);

static void
run_path (Scene     *s,
          guint      frames,
          gpointer   layer,
          CountFunc  count,
          Run       *run)
{
  View v;
  double items = 0, clusters = 0;

  for (guint i = 0; i < WARMUP_FRAMES; i++)
    {
      double cpu;

      view_at (i, frames, &v);
      time_frame (s, &v, &cpu);
      settle (s);
    }
  run->ms = g_new (double, MAX (frames, 1));
  run->cpu_ms = g_new (double, MAX (frames, 1));
  run->n_frames = frames;
  for (guint i = 0; i < frames; i++)
    {
      guint n_clusters = 0, n_items;

      view_at (i, frames, &v);
      run->ms[i] = time_frame (s, &v, &run->cpu_ms[i]);
      n_items = count ? count (layer, &n_clusters) : 0;
      items += n_items;
      if (print_frames)
        g_printerr ("frame %3u  zoom %5.2f  %5u items  %8.2f ms  %8.2f ms CPU\n",
                    i, v.zoom, n_items, run->ms[i], run->cpu_ms[i]);
      clusters += n_clusters;
      settle (s);
    }
  run->items = frames ? items / frames : 0;
  run->clusters = frames ? clusters / frames : 0;
}

static gboolean
layer_ready (gpointer data)
{
  return cw_station_layer_is_ready (data);
}

static guint
count_layer (gpointer  layer,
             guint    *n_clusters)
{
  return cw_station_layer_get_n_drawn (layer, n_clusters);
}

static gboolean
run_layer (Scene      *s,
           GListModel *model,
           guint       frames,
           Run        *run)
{
  CwStationLayer *layer = cw_station_layer_new (s->viewport);
  gint64 t0;
  gboolean ready;

  shumate_simple_map_add_overlay_layer (s->map, SHUMATE_LAYER (layer));
  t0 = g_get_monotonic_time ();
  cw_station_layer_set_model (layer, model);
  ready = wait_for (layer_ready, layer, 60);
  run->setup_ms = elapsed_ms (t0);
  run->n_stations = g_list_model_get_n_items (model);
  if (ready)
    run_path (s, frames, layer, count_layer, run);
  shumate_simple_map_remove_overlay_layer (s->map, SHUMATE_LAYER (layer));
  pump ();
  return ready;
}

static const char *
marker_glyph (CwStation *station)
{
  const char *glyph = cw_sprites_category_glyph (cw_station_get_category (station));

  return glyph != NULL ? glyph : "•";
}

static const char *
marker_class (CwStation *station)
{
  switch (cw_station_get_availability (station))
    {
    case CW_AVAILABILITY_AVAILABLE:    return "available";
    case CW_AVAILABILITY_BUSY:         return "busy";
    case CW_AVAILABILITY_OUT_OF_ORDER: return "out-of-order";
    case CW_AVAILABILITY_UNKNOWN:
    case CW_N_AVAILABILITIES:
    default:                           return "unknown";
    }
}

static guint
count_markers (gpointer  layer,
               guint    *n_clusters)
{
  guint shown = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (layer); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    shown += gtk_widget_get_child_visible (child);
  *n_clusters = 0;
  return shown;
}

/* The naive map: a ShumateMarker widget a station, as GNOME Maps places
 * its markers, each a round label styled like the layer's glyph. */
static void
run_markers (Scene     *s,
             GPtrArray *stations,
             guint      frames,
             Run       *run)
{
  static gsize css_once = 0;
  ShumateMarkerLayer *layer = shumate_marker_layer_new (s->viewport);
  gint64 t0;

  if (g_once_init_enter (&css_once))
    {
      g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (css,
        ".cw-bench-marker { min-width: 14px; min-height: 14px; padding: 0; border-radius: 50%;"
        "  border: 2px solid white; color: white; font-weight: bold; font-size: 11px; }"
        ".cw-bench-marker.available { background-color: #2e9c42; }"
        ".cw-bench-marker.busy { background-color: #e68212; }"
        ".cw-bench-marker.out-of-order { background-color: #bf1c29; }"
        ".cw-bench-marker.unknown { background-color: #787880; }", -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&css_once, 1);
    }

  shumate_simple_map_add_overlay_layer (s->map, SHUMATE_LAYER (layer));
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *station = g_ptr_array_index (stations, i);
      ShumateMarker *marker = shumate_marker_new ();
      GtkWidget *label = gtk_label_new (marker_glyph (station));

      gtk_widget_add_css_class (label, "cw-bench-marker");
      gtk_widget_add_css_class (label, marker_class (station));
      shumate_marker_set_child (marker, label);
      shumate_location_set_location (SHUMATE_LOCATION (marker), station->latitude, station->longitude);
      shumate_marker_layer_add_marker (layer, marker);
    }
  run->setup_ms = elapsed_ms (t0);
  run->n_stations = stations->len;
  run_path (s, frames, layer, count_markers, run);
  shumate_simple_map_remove_overlay_layer (s->map, SHUMATE_LAYER (layer));
  pump ();
}

static double
median_ms (const Run *run)
{
  return quantile (run->ms, run->n_frames, 0.5);
}

static double
median_cpu_ms (const Run *run)
{
  return quantile (run->cpu_ms, run->n_frames, 0.5);
}

static void
print_run (const char *title,
           const Run  *run,
           const char *setup_label,
           const char *items_label)
{
  g_print ("%s\n", title);
  if (setup_label != NULL)
    row (setup_label, "%10.1f ms", run->setup_ms);
  row ("frame: move, lay out, snapshot, render; median", "%10.2f ms", median_ms (run));
  row ("frame, 95th percentile", "%10.2f ms", quantile (run->ms, run->n_frames, 0.95));
  row ("frame, slowest", "%10.2f ms", quantile (run->ms, run->n_frames, 1.0));
  row ("frame, CPU time of the main thread: median, 95th pct.", "%10.2f ms  %.2f ms",
       median_cpu_ms (run), quantile (run->cpu_ms, run->n_frames, 0.95));
  if (items_label == NULL)
    return;
  if (run->clusters > 0)
    row (items_label, "%10.0f  (%.0f of them clusters)", run->items, run->clusters);
  else
    row (items_label, "%10.0f", run->items);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->ms, g_free);
  g_clear_pointer (&run->cpu_ms, g_free);
}

static int
bench_render (guint   n,
              guint   k,
              guint   frames,
              guint32 seed)
{
  g_autoptr (CwSynthStations) synth = NULL;
  g_autoptr (GPtrArray) objects = NULL;
  g_autoptr (GPtrArray) sample = NULL;
  g_autoptr (CwStationStore) store = NULL;
  g_autoptr (CwStationStore) sample_store = NULL;
  g_autoptr (GError) error = NULL;
  Memory mem = { 0 };
  Run bare = { 0 }, full = { 0 }, small = { 0 }, markers = { 0 };
  const Run *same = &full;
  Scene scene = { 0 };
  g_autofree char *label = NULL;
  gsize heap;
  gint64 t0;

  k = MIN (k, n);
  if (!scene_open (&scene, &error))
    {
      g_printerr ("chargeway-cli bench render: %s\n", error->message);
      return 1;
    }
  g_print ("chargeway-cli bench render: %u synthetic stations (seed %u), %d×%d px, %s, "
           "%u frames panning and zooming (zoom 4–16) after %u warm-up frames; load average %s\n",
           n, seed, scene.width, scene.height, G_OBJECT_TYPE_NAME (scene.renderer), frames,
           WARMUP_FRAMES, (label = load_average ()));
  g_clear_pointer (&label, g_free);

  t0 = g_get_monotonic_time ();
  synth = cw_synth_stations_new (n, seed);
  heap = heap_in_use ();
  objects = cw_synth_stations_to_objects (synth, "synth", 0, n);
  mem.objects = heap_in_use () - heap;
  /* its array of n pointers, made exactly that size */
  mem.own_list = n * sizeof (gpointer);
  memory_count_stations (objects, &mem);
  store = cw_station_store_new ();
  cw_station_store_merge (store, "synth", objects, TRUE);
  mem.store = cw_station_store_get_memory (store);
  row ("generating the stations and the store", "%10.1f ms", elapsed_ms (t0));

  /* The baseline's stations: every (n / k)-th, the same spread. */
  sample = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < k; i++)
    g_ptr_array_add (sample, g_object_ref (g_ptr_array_index (objects, (guint64) i * n / k)));
  sample_store = cw_station_store_new ();
  cw_station_store_merge (sample_store, "synth", sample, TRUE);

  /* What any frame costs: the tiles, the scale, the licence. */
  run_path (&scene, frames, NULL, NULL, &bare);
  print_run ("The map alone (blank tiles, no stations): the floor of every frame", &bare, NULL, NULL);

  if (!run_layer (&scene, G_LIST_MODEL (store), frames, &full))
    {
      g_printerr ("chargeway-cli bench render: the index was not ready within 60 s\n");
      return 1;
    }
  label = g_strdup_printf ("Station layer (CwStationLayer: one snapshot for all), %u stations", n);
  print_run (label, &full, "index ready after set_model", "items drawn a frame, on average");
  g_clear_pointer (&label, g_free);
  row ("what the layer adds to a frame, CPU median", "%10.2f ms", median_cpu_ms (&full) - median_cpu_ms (&bare));
  row ("target: at most 16 ms a frame", "median %s, 95th percentile %s",
       verdict (median_ms (&full) <= TARGET_FRAME_MS),
       verdict (quantile (full.ms, full.n_frames, 0.95) <= TARGET_FRAME_MS));

  if (k < n)
    {
      label = g_strdup_printf ("Station layer on the baseline's %u stations", k);
      run_layer (&scene, G_LIST_MODEL (sample_store), frames, &small);
      print_run (label, &small, "index ready after set_model", "items drawn a frame, on average");
      g_clear_pointer (&label, g_free);
      same = &small;
    }

  if (k < n)
    label = g_strdup_printf ("Baseline: ShumateMarkerLayer, a ShumateMarker widget a station, "
                             "%u stations (every %u-th)", k, n / k);
  else
    label = g_strdup_printf ("Baseline: ShumateMarkerLayer, a ShumateMarker widget a station, %u stations", k);
  run_markers (&scene, sample, frames, &markers);
  print_run (label, &markers, "adding the markers", "markers in view a frame, on average");
  g_clear_pointer (&label, g_free);

  label = g_strdup_printf ("ratio, markers / layer, both measured at %u", k);
  row (label, "%10.1f ×  wall median, %.1f × CPU median", median_ms (&markers) / MAX (median_ms (same), 1e-3),
       median_cpu_ms (&markers) / MAX (median_cpu_ms (same), 1e-3));
  g_clear_pointer (&label, g_free);
  if (k < n)
    {
      double scaled = median_ms (&markers) * n / k;
      double scaled_cpu = median_cpu_ms (&markers) * n / k;

      label = g_strdup_printf ("markers at %u stations, median", n);
      row (label, "%10.1f ms  SCALED linearly from %u (CPU %.1f ms), not run", scaled, k, scaled_cpu);
      g_clear_pointer (&label, g_free);
      row ("ratio, scaled markers / measured layer, at full size", "%10.1f ×  wall, %.1f × CPU",
           scaled / MAX (median_ms (&full), 1e-3), scaled_cpu / MAX (median_cpu_ms (&full), 1e-3));
    }

  mem.index = memory_of_index (objects, &mem);
  print_memory (&mem, "made by cw_synth_stations_to_objects", TRUE);
  row ("peak RSS of the process (VmHWM)", "%10.1f MiB, with the marker widgets", proc_status_mib ("VmHWM:"));

  gtk_window_destroy (scene.window);
  pump ();
  run_clear (&bare);
  run_clear (&full);
  run_clear (&small);
  run_clear (&markers);
  return 0;
}

/* ---- bench startup: the child ---- */

typedef struct {
  GApplication *app;
  CwWindow     *window;
  gboolean      any_frame;
  gboolean      done;
  gint64        t_main, t_window, t_store, t_first;
  guint         n_store;
} Child;

/* Milliseconds since this process started (/proc/self/stat: 10-ms steps). */
static double
ms_since_process_start (void)
{
  g_autofree char *stat = NULL;
  const char *p;
  struct timespec now;
  guint64 ticks;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) || (p = strrchr (stat, ')')) == NULL)
    return -1;
  /* After the command's closing parenthesis, field 3; starttime is 22. */
  p++;
  for (int field = 3; field < 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL)
    return -1;
  ticks = g_ascii_strtoull (p, NULL, 10);
  clock_gettime (CLOCK_BOOTTIME, &now);
  return (now.tv_sec + now.tv_nsec / 1e9 - (double) ticks / sysconf (_SC_CLK_TCK)) * 1000;
}

static void
child_after_paint (GdkFrameClock *clock,
                   Child         *c)
{
  CwStationLayer *layer = _cw_window_get_layer (c->window);
  guint drawn, clusters = 0;
  struct timespec cpu;

  if (c->done)
    return;
  drawn = cw_station_layer_get_n_drawn (layer, &clusters);
  if (!c->any_frame && (!cw_station_layer_is_ready (layer) || drawn == 0))
    return;
  c->t_first = g_get_monotonic_time ();
  c->done = TRUE;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  g_print ("cw-bench-startup main=%" G_GINT64_FORMAT " window=%" G_GINT64_FORMAT " store=%" G_GINT64_FORMAT
           " first=%" G_GINT64_FORMAT " stations=%u drawn=%u clusters=%u since-start-ms=%.0f cpu-ms=%.0f"
           " hwm-mib=%.1f\n",
           c->t_main, c->t_window, c->t_store, c->t_first, c->n_store, drawn, clusters,
           ms_since_process_start (), cpu.tv_sec * 1000.0 + cpu.tv_nsec / 1e6, proc_status_mib ("VmHWM:"));
  fflush (stdout);
  g_application_quit (c->app);
}

static void
child_realized (GtkWidget *window,
                Child     *c)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (child_after_paint), c);
}

static void
child_store_changed (GListModel *store,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Child      *c)
{
  if (c->t_store == 0 && g_list_model_get_n_items (store) > 0)
    {
      c->t_store = g_get_monotonic_time ();
      c->n_store = g_list_model_get_n_items (store);
    }
}

static void
child_window_added (GtkApplication *app,
                    GtkWindow      *window,
                    Child          *c)
{
  g_autoptr (CwStationStore) store = NULL;

  if (!CW_IS_WINDOW (window) || c->window != NULL)
    return;
  c->window = CW_WINDOW (window);
  c->t_window = g_get_monotonic_time ();
  g_object_get (window, "store", &store, NULL);
  child_store_changed (G_LIST_MODEL (store), 0, 0, 0, c);
  g_signal_connect (store, "items-changed", G_CALLBACK (child_store_changed), c);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    child_realized (GTK_WIDGET (window), c);
  else
    g_signal_connect (window, "realize", G_CALLBACK (child_realized), c);
}

static gboolean
child_timeout (gpointer data)
{
  Child *c = data;

  g_printerr ("chargeway-cli bench startup: no frame with stations within %d s\n", CHILD_TIMEOUT_S);
  g_application_quit (c->app);
  return G_SOURCE_REMOVE;
}

/* The application as main.c starts it, watched. */
static int
startup_child (const char *spec,
               const char *tiles,
               gboolean    any_frame)
{
  Child c = { 0 };
  g_autoptr (CwApplication) app = NULL;
  char *args[] = { (char *) "chargeway", (char *) "--source", (char *) spec,
                   (char *) "--tiles", (char *) tiles, NULL };
  guint timeout_id;

  c.t_main = g_get_monotonic_time ();
  c.any_frame = any_frame;
  app = cw_application_new ();
  c.app = G_APPLICATION (app);
  g_signal_connect (app, "window-added", G_CALLBACK (child_window_added), &c);
  timeout_id = g_timeout_add_seconds (CHILD_TIMEOUT_S, child_timeout, &c);
  g_application_run (G_APPLICATION (app), G_N_ELEMENTS (args) - 1, args);
  if (!c.done)
    return 1;
  g_source_remove (timeout_id);
  return 0;
}

/* ---- bench startup: the parent ---- */

typedef struct {
  double main_ms, window_ms, store_ms, first_ms;
  double since_start_ms, cpu_ms, hwm_mib;
  guint  stations, drawn, clusters;
} ChildResult;

static gint64
field_int (char      **fields,
           const char *name)
{
  gsize len = strlen (name);

  for (guint i = 0; fields[i] != NULL; i++)
    if (strncmp (fields[i], name, len) == 0 && fields[i][len] == '=')
      return g_ascii_strtoll (fields[i] + len + 1, NULL, 10);
  return 0;
}

static double
field_double (char      **fields,
              const char *name)
{
  gsize len = strlen (name);

  for (guint i = 0; fields[i] != NULL; i++)
    if (strncmp (fields[i], name, len) == 0 && fields[i][len] == '=')
      return g_ascii_strtod (fields[i] + len + 1, NULL);
  return 0;
}

static gboolean
run_child (const char  *exe,
           char       **envp,
           const char  *tiles,
           gboolean     any_frame,
           ChildResult *out,
           GError     **error)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) child = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_auto (GStrv) fields = NULL;
  const char *argv[] = { exe, "bench", "startup", "--child", STARTUP_SPEC, "--child-tiles", tiles,
                         any_frame ? "--child-any-frame" : NULL, NULL };
  const char *line;
  gint64 t0, first;

  g_subprocess_launcher_set_environ (launcher, envp);
  t0 = g_get_monotonic_time ();
  child = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (child == NULL || !g_subprocess_communicate_utf8 (child, NULL, NULL, &output, &errors, error))
    return FALSE;
  line = output ? strstr (output, "cw-bench-startup ") : NULL;
  if (line == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the child (%s) reported no frame:\n%s",
                   exe, errors ? errors : "");
      return FALSE;
    }
  fields = g_strsplit_set (line, " \n", -1);
  first = field_int (fields, "first");
  out->main_ms = (field_int (fields, "main") - t0) / 1000.0;
  out->window_ms = (field_int (fields, "window") - t0) / 1000.0;
  out->store_ms = field_int (fields, "store") > 0 ? (field_int (fields, "store") - t0) / 1000.0 : 0;
  out->first_ms = (first - t0) / 1000.0;
  out->since_start_ms = field_double (fields, "since-start-ms");
  out->cpu_ms = field_double (fields, "cpu-ms");
  out->hwm_mib = field_double (fields, "hwm-mib");
  out->stations = field_int (fields, "stations");
  out->drawn = field_int (fields, "drawn");
  out->clusters = field_int (fields, "clusters");
  return TRUE;
}

/* rm -r: what the children left under the bench's own directory. */
static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

static char *
cache_path_for (const char *cache_home,
                const char *spec)
{
  /* CwLiveSource's name for a source's cache. */
  g_autofree char *name = cw_live_source_cache_name (spec, FALSE);

  return g_build_filename (cache_home, "chargeway", name, NULL);
}

static char **
child_environ (const char *root,
               const char *cache_home)
{
  char **envp = g_get_environ ();
  const char *dirs[][2] = {
    { "HOME", "home" }, { "XDG_CONFIG_HOME", "config" }, { "XDG_DATA_HOME", "data" },
    { "XDG_STATE_HOME", "state" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (root, dirs[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      envp = g_environ_setenv (envp, dirs[i][0], dir, TRUE);
    }
  g_mkdir_with_parents (cache_home, 0700);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", cache_home, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "GSK_RENDERER", "cairo", FALSE);
  return envp;
}

typedef struct {
  double ms, cpu;
} Phase;

static void
phase_start (gint64 *t0,
             double *cpu0)
{
  *t0 = g_get_monotonic_time ();
  *cpu0 = thread_cpu_ms ();
}

static void
phase_end (Phase  *phase,
           gint64  t0,
           double  cpu0)
{
  phase->ms = elapsed_ms (t0);
  phase->cpu = thread_cpu_ms () - cpu0;
}

/* Loads the cache as CwLiveSource does, phase by phase, in this process
 * (where CwLiveSource reads and decodes in a worker thread); then the
 * JSON cache of earlier versions, the same stations, for comparison. */
static void
startup_breakdown (const char *cache_path,
                   const char *json_path)
{
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (GPtrArray) from_json = NULL;
  g_autoptr (CwStationStore) store = NULL;
  g_autoptr (GError) error = NULL;
  Memory mem = { 0 };
  Phase read, decode, merge, cluster, json_read, json, parse;
  JsonNode *locations;
  gsize len;
  gint64 t0;
  double cpu0;

  g_print ("Where the time goes: the cache loaded in this process, as CwLiveSource loads it\n");
  phase_start (&t0, &cpu0);
  if (!g_file_get_contents (cache_path, &contents, &len, &error))
    goto fail;
  phase_end (&read, t0, cpu0);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  phase_start (&t0, &cpu0);
  stations = cw_station_cache_decode (bytes, STARTUP_SPEC, NULL, NULL, &error);
  phase_end (&decode, t0, cpu0);
  if (stations == NULL)
    goto fail;
  g_clear_pointer (&bytes, g_bytes_unref);
  memory_count_stations (stations, &mem);

  store = cw_station_store_new ();
  phase_start (&t0, &cpu0);
  cw_station_store_merge (store, STARTUP_SPEC, stations, TRUE);
  phase_end (&merge, t0, cpu0);
  mem.store = cw_station_store_get_memory (store);

  phase_start (&t0, &cpu0);
  mem.index = memory_of_index (stations, &mem);
  phase_end (&cluster, t0, cpu0);

  row ("reading the file", "%10.1f ms  CPU %.1f ms, %.1f MiB", read.ms, read.cpu, len / 1048576.0);
  row ("decoding (cw_station_cache_decode), a worker thread", "%10.1f ms  CPU %.1f ms, %u stations",
       decode.ms, decode.cpu, stations->len);
  row ("store merge (cw_station_store_merge), the main thread", "%10.1f ms  CPU %.1f ms", merge.ms, merge.cpu);
  row ("cluster index as the layer builds it (a worker thread)", "%10.1f ms  CPU %.1f ms",
       cluster.ms, cluster.cpu);
  row ("sum", "%10.1f ms  CPU %.1f ms", read.ms + decode.ms + merge.ms + cluster.ms,
       read.cpu + decode.cpu + merge.cpu + cluster.cpu);

  g_print ("Baseline: the JSON cache of earlier versions (OCPI, json-glib), the same stations\n");
  phase_start (&t0, &cpu0);
  if (!g_file_get_contents (json_path, &contents, &len, &error))
    goto fail;
  phase_end (&json_read, t0, cpu0);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  phase_start (&t0, &cpu0);
  root = cw_json_load (bytes, &error);
  phase_end (&json, t0, cpu0);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (locations = json_object_get_member (json_node_get_object (root), "locations")) == NULL)
    goto fail;
  phase_start (&t0, &cpu0);
  from_json = cw_ocpi_parse_locations_node (locations, STARTUP_SPEC, &error);
  phase_end (&parse, t0, cpu0);
  if (from_json == NULL)
    goto fail;
  row ("reading the file", "%10.1f ms  CPU %.1f ms, %.1f MiB", json_read.ms, json_read.cpu, len / 1048576.0);
  row ("JSON (cw_json_load)", "%10.1f ms  CPU %.1f ms", json.ms, json.cpu);
  row ("OCPI locations (cw_ocpi_parse_locations_node)", "%10.1f ms  CPU %.1f ms, %u stations",
       parse.ms, parse.cpu, from_json->len);
  row ("ratio, JSON / binary: reading and decoding", "%10.1f ×  wall, %.1f × CPU",
       (json_read.ms + json.ms + parse.ms) / MAX (read.ms + decode.ms, 1e-3),
       (json_read.cpu + json.cpu + parse.cpu) / MAX (read.cpu + decode.cpu, 1e-3));
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&from_json, g_ptr_array_unref);
  print_memory (&mem, "decoded from the cache", FALSE);
  return;

fail:
  g_printerr ("chargeway-cli bench startup: loading %s: %s\n", cache_path,
              error ? error->message : "not a cache");
}

static int
startup_report (const char  *label,
                ChildResult *results,
                guint        runs,
                gboolean     with_stations)
{
  g_autofree double *main_ms = g_new (double, runs);
  g_autofree double *window_ms = g_new (double, runs);
  g_autofree double *store_ms = g_new (double, runs);
  g_autofree double *first_ms = g_new (double, runs);
  g_autofree double *since_ms = g_new (double, runs);
  g_autofree double *cpu_ms = g_new (double, runs);
  g_autofree double *hwm = g_new (double, runs);
  g_autoptr (GString) each = g_string_new (NULL);

  for (guint r = 0; r < runs; r++)
    {
      main_ms[r] = results[r].main_ms;
      window_ms[r] = results[r].window_ms;
      store_ms[r] = results[r].store_ms;
      first_ms[r] = results[r].first_ms;
      since_ms[r] = results[r].since_start_ms;
      cpu_ms[r] = results[r].cpu_ms;
      hwm[r] = results[r].hwm_mib;
      g_string_append_printf (each, "%s%.0f", r ? ", " : "", results[r].first_ms);
    }
  g_print ("%s, median of %u runs\n", label, runs);
  row ("spawn → the child's code runs (exec, libraries)", "%10.1f ms", quantile (main_ms, runs, 0.5));
  row ("spawn → window constructed", "%10.1f ms", quantile (window_ms, runs, 0.5));
  if (with_stations)
    row ("spawn → the stations in the store (cache loaded)", "%10.1f ms  %u stations",
         quantile (store_ms, runs, 0.5), results[0].stations);
  row (with_stations ? "spawn → first frame with stations" : "spawn → first frame",
       "%10.1f ms", quantile (first_ms, runs, 0.5));
  row ("  each run", "%s ms", each->str);
  row ("  process start → that frame (the child's /proc/self/stat)", "%10.0f ms", quantile (since_ms, runs, 0.5));
  row ("  CPU time of the child until then, all its threads", "%10.0f ms", quantile (cpu_ms, runs, 0.5));
  if (with_stations)
    {
      row ("  drawn in that frame", "%10u items, %u of them clusters", results[0].drawn, results[0].clusters);
      row ("target: under 1 s from process start", "%s", verdict (quantile (first_ms, runs, 0.5) < TARGET_STARTUP_MS));
    }
  row ("peak RSS of the child (VmHWM)", "%10.1f MiB", quantile (hwm, runs, 0.5));
  return 0;
}

static int
bench_startup (guint   n,
               guint   runs,
               guint32 seed)
{
  g_autofree char *root = NULL;
  g_autofree char *cache_home = NULL;
  g_autofree char *empty_cache_home = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *tiles = NULL;
  g_autofree char *exe = NULL;
  g_autofree char *dir = NULL;
  g_auto (GStrv) envp = NULL;
  g_auto (GStrv) empty_envp = NULL;
  g_autoptr (GTestDBus) bus = NULL;
  g_autofree char *daemon = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree ChildResult *cached = g_new0 (ChildResult, runs);
  g_autofree ChildResult *empty = g_new0 (ChildResult, runs);
  double write_ms, write_cpu, json_ms, json_cpu;
  gsize json_size;
  g_autofree char *load = load_average ();
  int ret = 1;
  gsize size;
  gint64 t0;

  g_print ("chargeway-cli bench startup: %u synthetic stations (seed %u) in the disk cache of %s, "
           "%u runs a case; load average %s\n", n, seed, STARTUP_SPEC, runs, load);
  root = g_dir_make_tmp ("cw-bench-startup-XXXXXX", &error);
  exe = g_file_read_link ("/proc/self/exe", &error);
  if (root == NULL || exe == NULL)
    goto fail;
  cache_home = g_build_filename (root, "cache", NULL);
  empty_cache_home = g_build_filename (root, "cache-empty", NULL);
  cache_path = cache_path_for (cache_home, STARTUP_SPEC);
  tiles = g_build_filename (root, "blank.mbtiles", NULL);
  if (!write_blank_mbtiles (tiles, 8, 44, -6, 58, 16, &error))
    goto fail;

  {
    g_autoptr (CwSynthStations) synth = cw_synth_stations_new (n, seed);
    g_autoptr (GPtrArray) objects = cw_synth_stations_to_objects (synth, STARTUP_SPEC, 0, n);
    g_autoptr (GBytes) snapshot = NULL;
    g_autoptr (GBytes) json = NULL;
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    t0 = g_get_monotonic_time ();
    write_cpu = thread_cpu_ms ();
    snapshot = cw_station_cache_encode (objects, STARTUP_SPEC, now, now);
    write_ms = elapsed_ms (t0);
    write_cpu = thread_cpu_ms () - write_cpu;
    size = g_bytes_get_size (snapshot);
    dir = g_path_get_dirname (cache_path);
    g_mkdir_with_parents (dir, 0700);
    if (!g_file_set_contents (cache_path, g_bytes_get_data (snapshot, NULL), size, &error))
      goto fail;
    /* Outside the child's cache: only the breakdown compares with it. */
    t0 = g_get_monotonic_time ();
    json_cpu = thread_cpu_ms ();
    json = cw_ocpi_write_snapshot (objects, now, now);
    json_ms = elapsed_ms (t0);
    json_cpu = thread_cpu_ms () - json_cpu;
    json_size = g_bytes_get_size (json);
    json_path = g_build_filename (root, "cache-as-json.json", NULL);
    if (!g_file_set_contents (json_path, g_bytes_get_data (json, NULL), json_size, &error))
      goto fail;
  }
  row ("encoding the cache (cw_station_cache_encode), main thread", "%10.1f ms  CPU %.1f ms, %.1f MiB",
       write_ms, write_cpu, size / 1048576.0);
  row ("  the same as JSON (cw_ocpi_write_snapshot), earlier", "%10.1f ms  CPU %.1f ms, %.1f MiB",
       json_ms, json_cpu, json_size / 1048576.0);

  /* A desktop session has a session bus. Without one, GLib in the child
   * tries to autolaunch one (dbus-launch, a fork of the growing process
   * each time), which no user pays: give the children a private bus. */
  daemon = g_find_program_in_path ("dbus-daemon");
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL && daemon != NULL)
    {
      g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

      bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (bus);
      /* GTestDBus unsets DISPLAY (against X11 autolaunch); the children
       * need it. */
      if (display != NULL)
        g_setenv ("DISPLAY", display, TRUE);
      row ("session bus", "%s", "a private dbus-daemon (GTestDBus), as in a desktop session");
    }
  else
    row ("session bus", "%s", g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL ? "the one of this session" :
         "none (no dbus-daemon): GLib in the child autolaunches, slower than a desktop");
  envp = child_environ (root, cache_home);
  empty_envp = child_environ (root, empty_cache_home);
  row ("child", "%s bench startup --child, fresh HOME, XDG_*_HOME, "
       "GSETTINGS_BACKEND=memory, GSK_RENDERER=%s", exe, g_environ_getenv (envp, "GSK_RENDERER"));
  /* Alternating, so that neither case gets the warmer machine. */
  for (guint r = 0; r < runs; r++)
    {
      if (!run_child (exe, empty_envp, tiles, TRUE, &empty[r], &error) ||
          !run_child (exe, envp, tiles, FALSE, &cached[r], &error))
        goto fail;
      if (cached[r].stations != n)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "the child had %u stations in its store, not %u: the cache was not used",
                       cached[r].stations, n);
          goto fail;
        }
    }
  startup_report ("Baseline: the same start with an empty cache (no stations)", empty, runs, FALSE);
  startup_report ("From the disk cache", cached, runs, TRUE);
  {
    g_autofree double *with = g_new (double, runs);
    g_autofree double *without = g_new (double, runs);

    for (guint r = 0; r < runs; r++)
      {
        with[r] = cached[r].first_ms;
        without[r] = empty[r].first_ms;
      }
    row ("what the cache adds (difference of medians)", "%10.1f ms",
         quantile (with, runs, 0.5) - quantile (without, runs, 0.5));
  }
  startup_breakdown (cache_path, json_path);
  row ("peak RSS of this process (VmHWM)", "%10.1f MiB", proc_status_mib ("VmHWM:"));

  ret = 0;
  goto out;

fail:
  g_printerr ("chargeway-cli bench startup: %s\n", error ? error->message : "failed");
out:
  if (bus != NULL)
    g_test_dbus_down (bus);
  if (root != NULL)
    {
      g_autoptr (GFile) top = g_file_new_for_path (root);

      remove_tree (top);
    }
  return ret;
}

/* ---- entry ---- */

int
cw_gui_bench (int    argc,
              char **argv)
{
  int stations = 100000, frames = 240, baseline = 10000, runs = 3, seed = 1;
  g_autofree char *child_spec = NULL;
  g_autofree char *child_tiles = NULL;
  gboolean child_any_frame = FALSE;
  GOptionEntry entries[] = {
    { "stations", 'n', 0, G_OPTION_ARG_INT, &stations, "Synthetic stations (default 100000)", "N" },
    { "frames", 'f', 0, G_OPTION_ARG_INT, &frames, "render: frames timed (default 240)", "F" },
    { "baseline-stations", 0, 0, G_OPTION_ARG_INT, &baseline,
      "render: stations of the ShumateMarker baseline (default 10000)", "K" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "startup: starts a case to take the median of (default 3)", "R" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the stations (default 1)", "SEED" },
    { "print-frames", 0, 0, G_OPTION_ARG_NONE, &print_frames, "render: each frame's times on stderr", NULL },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child_spec, NULL, NULL },
    { "child-tiles", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &child_tiles, NULL, NULL },
    { "child-any-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &child_any_frame, NULL, NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("render|startup|memory - time the map at scale, count its memory");
  g_autoptr (GError) error = NULL;
  const char *which = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;
  for (int i = 0; i < MIN (argc, 2) && which == NULL; i++)
    if (g_str_equal (argv[i], "render") || g_str_equal (argv[i], "startup") || g_str_equal (argv[i], "memory"))
      which = argv[i];
  if (which == NULL)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "expected one benchmark: render, startup or memory");
      goto fail;
    }
  if (stations < 1 || frames < 1 || baseline < 1 || runs < 1)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--stations, --frames, --baseline-stations and --runs: expected positive numbers");
      goto fail;
    }

  if (child_spec != NULL)
    {
      /* The child: the application itself, no GTK set up here first. */
      return startup_child (child_spec, child_tiles, child_any_frame);
    }
  slice_measure ();
  if (g_str_equal (which, "startup"))
    {
      int status = bench_startup (stations, runs, seed);

      slice_release ();
      return status;
    }
  if (g_str_equal (which, "memory"))
    {
      int status = bench_memory (stations, seed);

      slice_release ();
      return status;
    }

  /* The renderer the issue names, and no accessibility bus to wait for
   * under Xvfb; both before GTK starts. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  if (!gtk_init_check ())
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "render needs a display: run it under xvfb-run -a -s '-screen 0 1280x800x24'");
      goto fail;
    }
  adw_init ();
  cw_gui_init_resources ();
  {
    int status = bench_render (stations, baseline, frames, seed);

    slice_release ();
    return status;
  }

fail:
  slice_release ();
  g_printerr ("chargeway-cli bench: %s\n", error->message);
  return 2;
}
