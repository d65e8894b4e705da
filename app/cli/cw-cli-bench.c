/* cw-cli-bench.c: `chargeway-cli bench cluster|index|corridor` (plan: cw-cli-bench-plan.c)
 *
 * Every figure is measured in the same run as its naive baseline, on
 * the same synthetic stations (cw-synth.h), with g_get_monotonic_time ().
 * Its resolution is a microsecond, so queries are timed in batches long
 * enough to measure, and a figure is the median over batches or runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-cli"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cw-cli-bench.h"
#include "cw-cli-bench-private.h"
#include "cw-cluster.h"
#include "cw-corridor.h"
#include "cw-route.h"
#include "cw-spatial-index.h"
#include "cw-synth.h"

#define TILE_PX       256       /* libshumate's tiles */
#define VIEW_WIDTH    1280
#define VIEW_HEIGHT   800
#define N_BATCHES     31
#define BATCH_US      2000
#define N_QUERIES     256
#define MAX_LAT       85.0511287798066

/* ---- measuring ---- */

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), cmp_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

typedef void (*CallFunc) (gpointer data,
                          guint    i);

/* The median time of one call of @func, in µs, over N_BATCHES batches
 * of calls; call i gets i, counting on across batches. */
static double
time_call_us (CallFunc func,
              gpointer data)
{
  double per_call[N_BATCHES];
  guint batch = 1, call = 0;

  for (;;)
    {
      gint64 t0 = g_get_monotonic_time ();

      for (guint k = 0; k < batch; k++)
        func (data, call++);
      if (g_get_monotonic_time () - t0 >= BATCH_US || batch >= (1u << 20))
        break;
      batch *= 2;
    }

  for (guint b = 0; b < N_BATCHES; b++)
    {
      gint64 t0 = g_get_monotonic_time ();

      for (guint k = 0; k < batch; k++)
        func (data, call++);
      per_call[b] = (double) (g_get_monotonic_time () - t0) / batch;
    }
  return median (per_call, N_BATCHES);
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* Peak resident memory of this process, in MiB; 0 when unknown. */
static double
peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return 0;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* CPU time this thread has used, in ms; NAN when unknown. Unlike the
 * wall clock it leaves out the time other processes hold the CPUs. */
static double
thread_cpu_ms (void)
{
#ifdef CLOCK_THREAD_CPUTIME_ID
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
#endif
  return NAN;
}

/* The one-minute load average from /proc/loadavg; -1 when unknown. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
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
  g_print ("  %-52s %s\n", label, value);
}

static char *
duration (double ms)
{
  if (ms >= 10000)
    return g_strdup_printf ("%10.1f s", ms / 1000);
  return g_strdup_printf ("%10.1f ms", ms);
}

static const char *
verdict (gboolean met)
{
  return met ? "met" : "NOT MET";
}

/* ---- Web Mercator, for viewports and the naive baseline ---- */

static double
lat_y (double lat)
{
  double s = sin (CLAMP (lat, -MAX_LAT, MAX_LAT) * G_PI / 180);

  return 0.5 - 0.25 * log ((1 + s) / (1 - s)) / G_PI;
}

static double
y_lat (double y)
{
  return atan (sinh (G_PI * (1 - 2 * y))) * 180 / G_PI;
}

/* What a VIEW_WIDTH × VIEW_HEIGHT window shows at @zoom around (lat, lon). */
static void
viewport (int     zoom,
          double  lat,
          double  lon,
          CwBBox *box)
{
  double world = ldexp (TILE_PX, zoom);
  double cx = (lon / 360 + 0.5) * world, cy = lat_y (lat) * world;
  double top = MAX (0, cy - VIEW_HEIGHT / 2.0), bottom = MIN (world, cy + VIEW_HEIGHT / 2.0);

  box->max_lat = y_lat (top / world);
  box->min_lat = y_lat (bottom / world);
  if (VIEW_WIDTH >= world)
    {
      box->min_lon = -180;
      box->max_lon = 180;
    }
  else
    {
      box->min_lon = ((cx - VIEW_WIDTH / 2.0) / world - 0.5) * 360;
      box->max_lon = ((cx + VIEW_WIDTH / 2.0) / world - 0.5) * 360;
    }
}

/* ---- bench cluster ---- */

/* Supercluster's greedy clustering with no index: at each zoom, every
 * point not yet taken takes every other within the radius, found by
 * looking at all of them. O(n²) a level. Returns the clusters made. */
static guint
naive_cluster (const double           *lat,
               const double           *lon,
               guint                   n,
               const CwClusterOptions *opts)
{
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new (double, MAX (n, 1));
  g_autofree double *w = g_new (double, MAX (n, 1));
  g_autofree double *nx = g_new (double, MAX (n, 1));
  g_autofree double *ny = g_new (double, MAX (n, 1));
  g_autofree double *nw = g_new (double, MAX (n, 1));
  g_autofree guint8 *done = g_new (guint8, MAX (n, 1));
  guint m = n, n_clusters = 0;

  for (guint i = 0; i < n; i++)
    {
      x[i] = lon[i] / 360 + 0.5;
      y[i] = CLAMP (lat_y (lat[i]), 0, 1);
      w[i] = 1;
    }

  for (int zoom = opts->max_zoom; zoom >= opts->min_zoom; zoom--)
    {
      double r = opts->radius / ldexp (opts->extent, zoom), r2 = r * r;
      guint out = 0;
      double *t;

      memset (done, 0, m);
      for (guint i = 0; i < m; i++)
        {
          double wx, wy, ww;
          gboolean merged = FALSE;

          if (done[i])
            continue;
          done[i] = 1;
          wx = x[i] * w[i];
          wy = y[i] * w[i];
          ww = w[i];
          for (guint j = 0; j < m; j++)
            {
              double dx = x[j] - x[i], dy = y[j] - y[i];

              if (done[j] || dx * dx + dy * dy > r2)
                continue;
              done[j] = 1;
              wx += x[j] * w[j];
              wy += y[j] * w[j];
              ww += w[j];
              merged = TRUE;
            }
          nx[out] = wx / ww;
          ny[out] = wy / ww;
          nw[out] = ww;
          out++;
          n_clusters += merged;
        }
      t = x; x = nx; nx = t;
      t = y; y = ny; ny = t;
      t = w; w = nw; nw = t;
      m = out;
    }
  return n_clusters;
}

static double
median_build_ms (const CwSynthStations *s,
                 guint                  n,
                 guint                  runs,
                 CwClusterIndex       **keep)
{
  g_autofree double *ms = g_new (double, runs);

  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      CwClusterIndex *ci = cw_cluster_index_new (s->lat, s->lon, s->is_free, n, NULL);

      ms[r] = elapsed_ms (t0);
      if (keep != NULL && r == runs - 1)
        *keep = ci;
      else
        cw_cluster_index_free (ci);
    }
  return median (ms, runs);
}

typedef struct {
  CwClusterIndex *ci;
  GArray         *all;          /* every item at the zoom */
  CwBBox          parts[2];
  guint           n_parts;
  CwBBox          box;
  int             zoom;
  GArray         *out;
} ViewQuery;

static void
view_by_index (gpointer data,
               guint    i)
{
  ViewQuery *q = data;

  g_array_set_size (q->out, 0);
  cw_cluster_index_get_clusters (q->ci, &q->box, q->zoom, q->out);
}

static void
view_by_scan (gpointer data,
              guint    i)
{
  ViewQuery *q = data;

  g_array_set_size (q->out, 0);
  for (guint k = 0; k < q->all->len; k++)
    {
      const CwClusterItem *it = &g_array_index (q->all, CwClusterItem, k);

      for (guint p = 0; p < q->n_parts; p++)
        if (cw_bbox_contains (&q->parts[p], it->lat, it->lon))
          {
            g_array_append_vals (q->out, it, 1);
            break;
          }
    }
}

static int
bench_cluster (guint   n,
               guint   runs,
               guint32 seed,
               guint   sample)
{
  static const struct {
    const char *name;
    int         zoom;
    double      lat, lon;
  } views[] = {
    { "world view, zoom 0", 0, 20.0, 0.0 },
    { "Europe, zoom 5", 5, 50.0, 10.0 },
    { "Paris, zoom 12", 12, 48.8566, 2.3522 },
  };
  const CwClusterOptions opts = CW_CLUSTER_OPTIONS_INIT;
  const CwBBox world = { -90, -180, 90, 180 };
  g_autoptr (CwSynthStations) s = NULL;
  CwClusterIndex *ci = NULL;
  g_autofree char *text = NULL;
  double build_ms, naive_ms, sample_ms, target_ms = 0;
  guint n_naive_clusters, k = MIN (sample, n);
  gint64 t0;

  g_print ("chargeway-cli bench cluster: %u synthetic stations (seed %u), radius %g px of %g, "
           "zooms %d–%d, %u runs\n",
           n, seed, opts.radius, opts.extent, opts.min_zoom, opts.max_zoom, runs);
  if (n == 0)
    return 0;

  t0 = g_get_monotonic_time ();
  s = cw_synth_stations_new (n, seed);
  row ("generating the stations", "%s", (text = duration (elapsed_ms (t0))));
  g_clear_pointer (&text, g_free);

  g_print ("Build, all zoom levels\n");
  build_ms = median_build_ms (s, n, runs, &ci);
  row ("index, median of runs", "%s", (text = duration (build_ms)));
  g_clear_pointer (&text, g_free);
  row ("clusters made", "%10u", cw_cluster_index_get_n_clusters (ci));
  if (n == 100000)
    target_ms = 150;
  else if (n == 1000000)
    target_ms = 1500;
  if (target_ms > 0)
    row ("target", "%10.0f ms or less: %s", target_ms, verdict (build_ms <= target_ms));

  t0 = g_get_monotonic_time ();
  n_naive_clusters = naive_cluster (s->lat, s->lon, k, &opts);
  naive_ms = elapsed_ms (t0);
  sample_ms = median_build_ms (s, k, runs, NULL);
  text = g_strdup_printf ("naive greedy O(n²) a level, first %u stations", k);
  row (text, "%10.1f ms  measured (%u clusters)", naive_ms, n_naive_clusters);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("index, the same %u stations", k);
  row (text, "%10.2f ms  measured", sample_ms);
  g_clear_pointer (&text, g_free);
  row ("ratio, both measured", "%10.1f ×", naive_ms / MAX (sample_ms, 1e-3));
  if (k < n)
    {
      double extrapolated = naive_ms * ((double) n / k) * ((double) n / k);

      text = g_strdup_printf ("naive greedy at %u stations", n);
      row (text, "%10.1f s   EXTRAPOLATED as O(n²) from %u, not run", extrapolated / 1000, k);
      g_clear_pointer (&text, g_free);
      row ("ratio, extrapolated naive / measured index", "%10.0f ×", extrapolated / build_ms);
    }

  g_print ("Viewport query, %d×%d px on %d-px tiles, median of %u batches\n",
           VIEW_WIDTH, VIEW_HEIGHT, TILE_PX, N_BATCHES);
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      ViewQuery q = { ci, NULL, };
      double index_us, scan_us;
      guint hits;

      q.zoom = views[v].zoom;
      viewport (q.zoom, views[v].lat, views[v].lon, &q.box);
      q.n_parts = cw_spatial_index_split_bbox (&q.box, q.parts);
      q.all = g_array_new (FALSE, FALSE, sizeof (CwClusterItem));
      q.out = g_array_new (FALSE, FALSE, sizeof (CwClusterItem));
      cw_cluster_index_get_clusters (ci, &world, q.zoom, q.all);

      index_us = time_call_us (view_by_index, &q);
      hits = q.out->len;
      scan_us = time_call_us (view_by_scan, &q);

      text = g_strdup_printf ("%s: %u items of %u", views[v].name, hits, q.all->len);
      row (text, "%10.2f µs index   %10.2f µs linear scan   %8.1f ×   target < 1000 µs: %s",
           index_us, scan_us, scan_us / MAX (index_us, 1e-3), verdict (index_us < 1000));
      g_clear_pointer (&text, g_free);
      g_array_unref (q.all);
      g_array_unref (q.out);
    }

  g_print ("Memory\n");
  row ("cluster index", "%10.1f bytes a station (%.1f MiB)",
       (double) cw_cluster_index_get_memory (ci) / n, cw_cluster_index_get_memory (ci) / 1048576.0);
  row ("input arrays: lat, lon, is_free", "%10.1f bytes a station",
       (double) (2 * sizeof (double) + sizeof (guint8)));
  row ("peak RSS of the process (VmHWM)", "%10.1f MiB", peak_rss_mib ());

  cw_cluster_index_free (ci);
  return 0;
}

/* ---- bench index ---- */

typedef struct {
  CwSpatialIndex        *index;
  const CwSynthStations *s;
  CwBBox                 boxes[N_QUERIES];
  double                 lat[N_QUERIES], lon[N_QUERIES];
  double                 radius_km;
  GArray                *out;
  guint64                hits;
  guint                  calls;
} IndexQuery;

static void
bbox_by_index (gpointer data,
               guint    i)
{
  IndexQuery *q = data;

  g_array_set_size (q->out, 0);
  cw_spatial_index_query_bbox (q->index, &q->boxes[i % N_QUERIES], q->out);
  q->hits += q->out->len;
  q->calls++;
}

static void
bbox_by_scan (gpointer data,
              guint    i)
{
  IndexQuery *q = data;
  const CwBBox *box = &q->boxes[i % N_QUERIES];

  g_array_set_size (q->out, 0);
  for (guint32 k = 0; k < q->s->n; k++)
    if (cw_bbox_contains (box, q->s->lat[k], q->s->lon[k]))
      g_array_append_val (q->out, k);
  q->hits += q->out->len;
  q->calls++;
}

static void
radius_by_index (gpointer data,
                 guint    i)
{
  IndexQuery *q = data;

  g_array_set_size (q->out, 0);
  cw_spatial_index_query_radius (q->index, q->lat[i % N_QUERIES], q->lon[i % N_QUERIES],
                                 q->radius_km, q->out);
  q->hits += q->out->len;
  q->calls++;
}

static void
radius_by_scan (gpointer data,
                guint    i)
{
  IndexQuery *q = data;
  double lat = q->lat[i % N_QUERIES], lon = q->lon[i % N_QUERIES];

  g_array_set_size (q->out, 0);
  for (guint32 k = 0; k < q->s->n; k++)
    if (cw_geo_haversine_km (lat, lon, q->s->lat[k], q->s->lon[k]) <= q->radius_km)
      g_array_append_val (q->out, k);
  q->hits += q->out->len;
  q->calls++;
}

static void
nearest_by_index (gpointer data,
                  guint    i)
{
  IndexQuery *q = data;

  q->hits += cw_spatial_index_nearest (q->index, q->lat[i % N_QUERIES], q->lon[i % N_QUERIES],
                                       INFINITY) >= 0;
  q->calls++;
}

static void
nearest_by_scan (gpointer data,
                 guint    i)
{
  IndexQuery *q = data;
  double lat = q->lat[i % N_QUERIES], lon = q->lon[i % N_QUERIES], best = INFINITY;
  gint64 best_id = -1;

  for (guint32 k = 0; k < q->s->n; k++)
    {
      double d = cw_geo_haversine_km (lat, lon, q->s->lat[k], q->s->lon[k]);

      if (d < best)
        {
          best = d;
          best_id = k;
        }
    }
  q->hits += best_id >= 0;
  q->calls++;
}

static void
compare (IndexQuery *q,
         const char *name,
         CallFunc    by_index,
         CallFunc    by_scan)
{
  double index_us, scan_us, avg_hits;
  g_autofree char *label = NULL;

  q->hits = q->calls = 0;
  index_us = time_call_us (by_index, q);
  avg_hits = q->calls > 0 ? (double) q->hits / q->calls : 0;
  scan_us = time_call_us (by_scan, q);

  if (strstr (name, "nearest") != NULL)
    label = g_strdup_printf ("%s, found %.0f %%", name, 100 * avg_hits);
  else
    label = g_strdup_printf ("%s, %.1f hits on average", name, avg_hits);
  row (label, "%10.2f µs index   %10.2f µs linear scan   %8.1f ×",
       index_us, scan_us, scan_us / MAX (index_us, 1e-3));
}

static int
bench_index (guint   n,
             guint   runs,
             guint32 seed)
{
  g_autoptr (CwSynthStations) s = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed + 1);
  g_autofree double *ms = g_new (double, runs);
  g_autofree IndexQuery *q = g_new0 (IndexQuery, 1);
  g_autofree char *text = NULL;
  gint64 t0;

  g_print ("chargeway-cli bench index: %u synthetic stations (seed %u), %u runs\n", n, seed, runs);
  if (n == 0)
    return 0;

  t0 = g_get_monotonic_time ();
  s = cw_synth_stations_new (n, seed);
  row ("generating the stations", "%s", (text = duration (elapsed_ms (t0))));
  g_clear_pointer (&text, g_free);

  for (guint r = 0; r < runs; r++)
    {
      t0 = g_get_monotonic_time ();
      g_clear_pointer (&q->index, cw_spatial_index_free);
      q->index = cw_spatial_index_new (s->lat, s->lon, n);
      ms[r] = elapsed_ms (t0);
    }
  row ("building the KD-tree, median of runs", "%s", (text = duration (median (ms, runs))));
  g_clear_pointer (&text, g_free);

  /* around stations, where people look: a box of about 30 × 30 km,
   * a radius of 10 km, and the nearest to a point up to 50 km off */
  q->s = s;
  q->radius_km = 10;
  q->out = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < N_QUERIES; i++)
    {
      guint k = g_rand_int_range (rand, 0, n);
      double dlon = 0.135 / cos (s->lat[k] * G_PI / 180);

      q->boxes[i].min_lat = s->lat[k] - 0.135;
      q->boxes[i].max_lat = s->lat[k] + 0.135;
      q->boxes[i].min_lon = s->lon[k] - dlon;
      q->boxes[i].max_lon = s->lon[k] + dlon;
      q->lat[i] = s->lat[k] + g_rand_double_range (rand, -0.3, 0.3);
      q->lon[i] = s->lon[k] + g_rand_double_range (rand, -0.3, 0.3);
    }

  g_print ("Queries, median of %u batches\n", N_BATCHES);
  compare (q, "bbox 30 × 30 km", bbox_by_index, bbox_by_scan);
  compare (q, "radius 10 km", radius_by_index, radius_by_scan);
  compare (q, "nearest, no limit", nearest_by_index, nearest_by_scan);

  g_print ("Memory\n");
  row ("KD-tree", "%10.1f bytes a station (%.1f MiB)",
       (double) cw_spatial_index_get_memory (q->index) / n,
       cw_spatial_index_get_memory (q->index) / 1048576.0);
  row ("peak RSS of the process (VmHWM)", "%10.1f MiB", peak_rss_mib ());

  g_array_unref (q->out);
  cw_spatial_index_free (q->index);
  return 0;
}

/* ---- bench corridor ---- */

#define DEG2RAD    (G_PI / 180.0)
#define KM_PER_DEG (CW_EARTH_RADIUS_KM * DEG2RAD)

/* A drive of about 1,000 km through cities of cw-synth.c: Amsterdam to
 * Milan over the Rhine, Frankfurt, Stuttgart and Zurich. */
static const char *const drive[] = {
  "Amsterdam", "Utrecht", "Eindhoven", "Cologne", "Frankfurt", "Stuttgart", "Zurich", "Milan", NULL
};

static gboolean
find_city (const char *wanted,
           CwLatLon   *out)
{
  const char *name;

  for (guint i = 0; cw_synth_get_city (i, &name, &out->lat, &out->lon); i++)
    if (g_str_equal (name, wanted))
      return TRUE;
  return FALSE;
}

/* @n points (at least 2) evenly spread along the legs between the
 * cities of drive[], each leg gently bowed and wiggling like a road:
 * a bend of a few km every 40 km or so, smaller ones every 6 km. The
 * wiggles end where the legs do, so the route runs through each city. */
static CwLatLon *
make_drive (guint n)
{
  enum { N_WAYPOINTS = G_N_ELEMENTS (drive) - 1 };
  CwLatLon way[N_WAYPOINTS];
  double start_km[N_WAYPOINTS], leg_km[N_WAYPOINTS - 1];
  CwLatLon *points = g_new (CwLatLon, n);
  double total = 0;
  guint leg = 0;

  for (guint w = 0; w < N_WAYPOINTS; w++)
    if (!find_city (drive[w], &way[w]))
      g_error ("bench corridor: no city %s in cw-synth", drive[w]);
  for (guint w = 0; w + 1 < N_WAYPOINTS; w++)
    {
      start_km[w] = total;
      leg_km[w] = cw_geo_haversine_km (way[w].lat, way[w].lon, way[w + 1].lat, way[w + 1].lon);
      total += leg_km[w];
    }

  for (guint i = 0; i < n; i++)
    {
      double s = total * i / (n - 1), t, north, east, len, side;
      double big, small, lat, lon;
      const CwLatLon *a, *b;

      while (leg + 2 < N_WAYPOINTS && s > start_km[leg] + leg_km[leg])
        leg++;
      a = &way[leg];
      b = &way[leg + 1];
      t = CLAMP ((s - start_km[leg]) / leg_km[leg], 0, 1);
      big = MAX (1, round (leg_km[leg] / 40));
      small = MAX (1, round (leg_km[leg] / 6));
      /* sideways, km: a bow of 4 % of the leg, alternating sides, and
       * the bends */
      side = (leg % 2 ? -0.04 : 0.04) * leg_km[leg] * sin (G_PI * t) +
             3.0 * sin (2 * G_PI * big * t) + 0.4 * sin (2 * G_PI * small * t);

      north = (b->lat - a->lat) * KM_PER_DEG;
      east = (b->lon - a->lon) * KM_PER_DEG * cos ((a->lat + b->lat) / 2 * DEG2RAD);
      len = MAX (sqrt (north * north + east * east), 1e-9);
      lat = a->lat + t * (b->lat - a->lat) + east / len * side / KM_PER_DEG;
      lon = a->lon + t * (b->lon - a->lon) - north / len * side / (KM_PER_DEG * cos (lat * DEG2RAD));
      points[i].lat = lat;
      points[i].lon = lon;
    }
  return points;
}

static gboolean
same_hit (const CwCorridorHit *a,
          const CwCorridorHit *b)
{
  return a->id == b->id && a->along_km == b->along_km && a->offset_km == b->offset_km &&
         a->side == b->side;
}

/* Times the indexed query on one set of stations against the naive
 * one on its first @sample stations; FALSE when they disagree. */
static gboolean
corridor_case (const char   *title,
               const double *lat,
               const double *lon,
               guint         n,
               CwRoute      *route,
               double        corridor_km,
               guint         runs,
               guint         sample,
               gboolean      with_target,
               gsize        *index_bytes)
{
  g_autofree double *ms = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  g_autofree char *text = NULL;
  g_autoptr (GArray) hits = NULL;
  g_autoptr (GArray) naive = NULL;
  g_autoptr (GArray) in_sample = g_array_new (FALSE, FALSE, sizeof (CwCorridorHit));
  CwSpatialIndex *index;
  CwCorridorStats stats;
  double query_ms, cpu_ms, fastest = G_MAXDOUBLE, slowest = 0, naive_ms, scaled_ms;
  guint k = MIN (sample, n);
  gboolean same;
  gint64 t0;

  g_print ("%s\n", title);
  t0 = g_get_monotonic_time ();
  index = cw_spatial_index_new (lat, lon, n);
  row ("KD-tree over the stations, built once", "%s", (text = duration (elapsed_ms (t0))));
  g_clear_pointer (&text, g_free);

  for (guint r = 0; r < runs; r++)
    {
      double cpu0;

      g_clear_pointer (&hits, g_array_unref);
      cpu0 = thread_cpu_ms ();
      t0 = g_get_monotonic_time ();
      hits = cw_corridor_query (index, lat, lon, n, route, corridor_km, &stats);
      ms[r] = elapsed_ms (t0);
      cpu[r] = thread_cpu_ms () - cpu0;
      fastest = MIN (fastest, ms[r]);
      slowest = MAX (slowest, ms[r]);
    }
  query_ms = median (ms, runs);
  cpu_ms = median (cpu, runs);
  text = g_strdup_printf ("indexed corridor query, median of %u runs", runs);
  row (text, "%10.2f ms  wall clock (fastest %.2f, slowest %.2f)", query_ms, fastest, slowest);
  g_clear_pointer (&text, g_free);
  row ("the same, CPU time of the thread", "%10.2f ms  median", cpu_ms);
  /* on a shared machine the wall clock also counts other processes */
  if (with_target)
    row ("target", "%10.0f ms or less: %s on the wall clock, %s in CPU time", 10.0,
         verdict (query_ms <= 10.0), verdict (cpu_ms <= 10.0));
  text = g_strdup_printf ("stations within %g km of the route", corridor_km);
  row (text, "%10u", hits->len);
  g_clear_pointer (&text, g_free);
  row ("index boxes, candidates, segment measurements", "%10u boxes   %u candidates   %u measurements",
       stats.boxes, stats.candidates, stats.segment_tests);

  t0 = g_get_monotonic_time ();
  naive = cw_corridor_query_naive (lat, lon, k, route, corridor_km);
  naive_ms = elapsed_ms (t0);
  for (guint i = 0; i < hits->len; i++)
    if (g_array_index (hits, CwCorridorHit, i).id < k)
      g_array_append_vals (in_sample, &g_array_index (hits, CwCorridorHit, i), 1);
  same = in_sample->len == naive->len;
  for (guint i = 0; same && i < naive->len; i++)
    same = same_hit (&g_array_index (in_sample, CwCorridorHit, i), &g_array_index (naive, CwCorridorHit, i));

  text = g_strdup_printf ("naive all-pairs, first %u stations × %u segments", k,
                          MAX (cw_route_get_n_points (route), 2) - 1);
  row (text, "%10.1f ms  measured (%u hit%s, %s)", naive_ms, naive->len, naive->len == 1 ? "" : "s",
       same ? "the same as the index's, to the bit" : "DIFFERENT from the index's");
  g_clear_pointer (&text, g_free);
  scaled_ms = naive_ms * n / k;
  text = g_strdup_printf ("naive all-pairs at %u stations", n);
  {
    g_autofree char *value = duration (scaled_ms);

    if (k < n)
      row (text, "%s   scaled from a sample of %u, not run", value, k);
    else
      row (text, "%s   measured", value);
  }
  g_clear_pointer (&text, g_free);
  row (k < n ? "ratio, scaled naive / measured index" : "ratio, both measured",
       "%10.0f ×", scaled_ms / MAX (query_ms, 1e-3));

  *index_bytes = cw_spatial_index_get_memory (index);
  cw_spatial_index_free (index);
  return same;
}

static int
bench_corridor (guint   n,
                guint   n_points,
                double  corridor_km,
                guint   runs,
                guint32 seed,
                guint   sample)
{
  g_autoptr (CwSynthStations) s = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed + 1);
  g_autoptr (CwRoute) route = NULL;
  g_autofree CwLatLon *points = NULL;
  g_autofree double *ulat = NULL;
  g_autofree double *ulon = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_strjoinv ("–", (char **) drive);
  gboolean with_target = n == 100000 && n_points == 80000 && corridor_km == 5;
  gboolean same = TRUE;
  gsize index_bytes = 0;
  CwBBox box;
  gint64 t0;

  g_print ("chargeway-cli bench corridor: %u synthetic stations (seed %u), route of %u points, "
           "corridor %g km, %u runs\n", n, seed, n_points, corridor_km, runs);
  row ("CPUs, and the load average as the bench starts", "%10u CPUs, load %.2f",
       g_get_num_processors (), load_average ());

  g_print ("Route %s, a wiggling road\n", path);
  t0 = g_get_monotonic_time ();
  points = make_drive (n_points);
  route = cw_route_new (points, n_points);
  row ("preparing the route (distances, tree)", "%s", (text = duration (elapsed_ms (t0))));
  g_clear_pointer (&text, g_free);
  row ("length", "%10.1f km, a point every %.1f m", cw_route_get_length_km (route),
       1000 * cw_route_get_length_km (route) / (n_points - 1));
  if (n == 0)
    return 0;

  t0 = g_get_monotonic_time ();
  s = cw_synth_stations_new (n, seed);
  row ("generating the stations", "%s", (text = duration (elapsed_ms (t0))));
  g_clear_pointer (&text, g_free);

  same &= corridor_case ("Realistic stations: cities, motorway service areas, countryside (cw-synth)",
                         s->lat, s->lon, n, route, corridor_km, runs, sample, with_target,
                         &index_bytes);

  /* the same number spread evenly over the route's box and a degree
   * around it; then a quarter of them moved within 15 km of the route,
   * as where a network clusters along the motorways */
  cw_route_get_bbox (route, &box);
  box.min_lat = MAX (-90, box.min_lat - 1);
  box.max_lat = MIN (90, box.max_lat + 1);
  box.min_lon = MAX (-180, box.min_lon - 1);
  box.max_lon = MIN (180, box.max_lon + 1);
  ulat = g_new (double, n);
  ulon = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      ulat[i] = g_rand_double_range (rand, box.min_lat, box.max_lat);
      ulon[i] = g_rand_double_range (rand, box.min_lon, box.max_lon);
    }
  text = g_strdup_printf ("For comparison: as many stations spread evenly over %.1f–%.1f°N, %.1f–%.1f°E",
                          box.min_lat, box.max_lat, box.min_lon, box.max_lon);
  same &= corridor_case (text, ulat, ulon, n, route, corridor_km, runs, sample, with_target,
                         &index_bytes);
  g_clear_pointer (&text, g_free);

  for (guint i = 0; i < n; i += 4)
    {
      const CwLatLon *p = &points[g_rand_int_range (rand, 0, n_points)];
      double bearing = g_rand_double_range (rand, 0, 2 * G_PI);
      double d = g_rand_double_range (rand, 0, 15) / CW_EARTH_RADIUS_KM;
      double phi = p->lat * DEG2RAD;
      double phi2 = asin (sin (phi) * cos (d) + cos (phi) * sin (d) * cos (bearing));

      ulat[i] = phi2 / DEG2RAD;
      ulon[i] = remainder (p->lon + atan2 (sin (bearing) * sin (d) * cos (phi),
                                           cos (d) - sin (phi) * sin (phi2)) / DEG2RAD, 360.0);
    }
  same &= corridor_case ("For comparison: the same, a quarter of them moved within 15 km of the route",
                         ulat, ulon, n, route, corridor_km, runs, sample, with_target, &index_bytes);

  g_print ("Memory\n");
  row ("input arrays: lat, lon", "%10.1f bytes a station", (double) (2 * sizeof (double)));
  row ("KD-tree", "%10.1f bytes a station (%.1f MiB)",
       (double) index_bytes / n, index_bytes / 1048576.0);
  row ("peak RSS of the process (VmHWM)", "%10.1f MiB", peak_rss_mib ());

  return same ? 0 : 1;
}

/* ---- for the benchmarks in other files (cw-cli-bench-private.h) ---- */

double
cw_cli_bench_median (double *values,
                     guint   n)
{
  return median (values, n);
}

double
cw_cli_bench_peak_rss_mib (void)
{
  return peak_rss_mib ();
}

double
cw_cli_bench_thread_cpu_ms (void)
{
  return thread_cpu_ms ();
}

double
cw_cli_bench_load_average (void)
{
  return load_average ();
}

void
cw_cli_bench_row (const char *label,
                  const char *format,
                  ...)
{
  va_list args;
  g_autofree char *value = NULL;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  row (label, "%s", value);
}

CwLatLon *
cw_cli_bench_make_drive (guint   n,
                         char  **path)
{
  if (path != NULL)
    *path = g_strjoinv ("–", (char **) drive);
  return make_drive (n);
}

int
cw_cli_bench (int    argc,
              char **argv)
{
  /* -1: the benchmark's own default */
  int stations = 100000, runs = -1, seed = 1, sample = -1, route_points = 80000;
  double corridor_km = 5;
  gboolean corridor, stations_set, runs_set, sample_set;
  GOptionEntry entries[] = {
    { "stations", 'n', 0, G_OPTION_ARG_INT, &stations,
      "Synthetic stations (default 100000; plan: candidates along the route, default 5000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs,
      "Builds or corridor queries to take the median of (default 5; corridor 7; plan 15)", "R" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the stations (default 1)", "SEED" },
    { "naive-sample", 0, 0, G_OPTION_ARG_INT, &sample,
      "Stations the naive baseline is run on (default 5000; corridor 500; plan 1000)", "K" },
    { "route-points", 0, 0, G_OPTION_ARG_INT, &route_points,
      "corridor: points of the route (default 80000)", "N" },
    { "corridor-km", 0, 0, G_OPTION_ARG_DOUBLE, &corridor_km,
      "corridor: its half-width, km (default 5)", "KM" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("cluster|index|corridor|plan - time the core at scale");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;
  corridor = argc == 2 && g_str_equal (argv[1], "corridor");
  /* plan has its own defaults */
  stations_set = stations != 100000;
  runs_set = runs != -1;
  sample_set = sample != -1;
  if (runs == -1)
    runs = corridor ? 7 : 5;
  if (sample == -1)
    sample = corridor ? 500 : 5000;
  if (stations < 0 || runs < 1 || sample < 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--stations, --runs and --naive-sample: expected positive numbers");
      goto fail;
    }
  if (argc == 2 && g_str_equal (argv[1], "cluster"))
    return bench_cluster (stations, runs, seed, sample);
  if (argc == 2 && g_str_equal (argv[1], "index"))
    return bench_index (stations, runs, seed);
  if (argc == 2 && g_str_equal (argv[1], "plan"))
    return cw_cli_bench_plan (stations_set ? (guint) stations : 5000, runs_set ? (guint) runs : 15, seed,
                              sample_set ? (guint) sample : 1000);
  if (corridor)
    {
      if (route_points < 2 || !(corridor_km >= 0 && corridor_km < 5000))
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--route-points: expected 2 or more; --corridor-km: 0 to 5000");
          goto fail;
        }
      return bench_corridor (stations, route_points, corridor_km, runs, seed, sample);
    }
  g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "expected one benchmark: cluster, index, corridor or plan");

fail:
  g_printerr ("chargeway-cli bench: %s\n", error->message);
  return 2;
}
