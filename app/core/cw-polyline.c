/* cw-polyline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-polyline"

#include <math.h>
#include <string.h>

#include "cw-geo.h"
#include "cw-polyline.h"

G_DEFINE_QUARK (cw-polyline-error-quark, cw_polyline_error)

#define DEG2RAD (G_PI / 180.0)

/* 180° at precision 6 is 1.8e8; doubled by the zigzag step that needs
 * 29 bits, six 5-bit chunks at most. Seven leave room for a delta
 * across the whole range (3.6e8 → 7.2e8 < 2^30) and no more. */
#define MAX_CHUNKS 7

static double
precision_factor (guint precision)
{
  return precision == 6 ? 1e6 : 1e5;
}

static void
encode_value (GString *out,
              gint64   delta)
{
  guint64 v = delta < 0 ? ~((guint64) delta << 1) : (guint64) delta << 1;

  while (v >= 0x20)
    {
      g_string_append_c (out, (char) ((0x20 | (v & 0x1f)) + 63));
      v >>= 5;
    }
  g_string_append_c (out, (char) (v + 63));
}

char *
cw_polyline_encode (const CwLatLon *points,
                    guint           n_points,
                    guint           precision)
{
  double factor = precision_factor (precision);
  GString *out;
  gint64 prev_lat = 0, prev_lon = 0;

  g_return_val_if_fail (precision == 5 || precision == 6, NULL);
  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  for (guint i = 0; i < n_points; i++)
    g_return_val_if_fail (cw_geo_coords_valid (points[i].lat, points[i].lon), NULL);

  out = g_string_sized_new (n_points * 8 + 1);
  for (guint i = 0; i < n_points; i++)
    {
      gint64 lat = llround (points[i].lat * factor);
      gint64 lon = llround (points[i].lon * factor);

      encode_value (out, lat - prev_lat);
      encode_value (out, lon - prev_lon);
      prev_lat = lat;
      prev_lon = lon;
    }
  return g_string_free (out, FALSE);
}

/* Reads one value starting at *pos; advances *pos past it. */
static gboolean
decode_value (const char  *s,
              gsize        len,
              gsize       *pos,
              gint64      *out,
              GError     **error)
{
  gsize start = *pos;
  guint64 v = 0;

  for (guint chunk = 0; ; chunk++)
    {
      guchar c;
      guint64 bits;

      if (*pos >= len)
        {
          g_set_error (error, CW_POLYLINE_ERROR, CW_POLYLINE_ERROR_TRUNCATED,
                       "Polyline ends inside the value that starts at byte %" G_GSIZE_FORMAT,
                       start);
          return FALSE;
        }
      if (chunk >= MAX_CHUNKS)
        {
          g_set_error (error, CW_POLYLINE_ERROR, CW_POLYLINE_ERROR_OVERFLOW,
                       "Polyline value at byte %" G_GSIZE_FORMAT " is too long for a coordinate",
                       start);
          return FALSE;
        }
      c = (guchar) s[*pos];
      if (c < 63 || c > 126)
        {
          g_set_error (error, CW_POLYLINE_ERROR, CW_POLYLINE_ERROR_INVALID_CHARACTER,
                       "Polyline has an invalid byte 0x%02x at byte %" G_GSIZE_FORMAT,
                       c, *pos);
          return FALSE;
        }
      (*pos)++;
      bits = (guint64) (c - 63);
      v |= (bits & 0x1f) << (5 * chunk);
      if ((bits & 0x20) == 0)
        break;
    }

  *out = (v & 1) ? -(gint64) (v >> 1) - 1 : (gint64) (v >> 1);
  return TRUE;
}

GArray *
cw_polyline_decode (const char  *encoded,
                    gssize       len,
                    guint        precision,
                    GError     **error)
{
  g_autoptr (GArray) points = NULL;
  double factor = precision_factor (precision);
  gint64 lat = 0, lon = 0;
  gsize n, pos = 0;

  g_return_val_if_fail (precision == 5 || precision == 6, NULL);
  g_return_val_if_fail (encoded != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = len < 0 ? strlen (encoded) : (gsize) len;
  points = g_array_sized_new (FALSE, FALSE, sizeof (CwLatLon), n / 4);

  while (pos < n)
    {
      gsize start = pos;
      gint64 dlat, dlon;
      CwLatLon p;

      if (!decode_value (encoded, n, &pos, &dlat, error))
        return NULL;
      if (pos >= n)
        {
          g_set_error (error, CW_POLYLINE_ERROR, CW_POLYLINE_ERROR_TRUNCATED,
                       "Polyline ends after a latitude without its longitude (byte %" G_GSIZE_FORMAT ")",
                       start);
          return NULL;
        }
      if (!decode_value (encoded, n, &pos, &dlon, error))
        return NULL;

      /* Each delta is below 2^35 and the sums are checked below at
       * every step, so they stay far from gint64 limits. */
      lat += dlat;
      lon += dlon;
      p.lat = (double) lat / factor;
      p.lon = (double) lon / factor;
      if (!cw_geo_coords_valid (p.lat, p.lon))
        {
          g_set_error (error, CW_POLYLINE_ERROR, CW_POLYLINE_ERROR_OUT_OF_RANGE,
                       "Polyline point %u at byte %" G_GSIZE_FORMAT " is outside the world (%.6f, %.6f)",
                       points->len, start, p.lat, p.lon);
          return NULL;
        }
      g_array_append_val (points, p);
    }
  return g_steal_pointer (&points);
}

/* ---- Douglas–Peucker ---- */

/* Distance in metres from @p to segment a–b, in a plane tangent at @a
 * (equirectangular): metre-level tolerances on road-length segments
 * need nothing finer. Longitudes are unwrapped across ±180°. */
static double
segment_distance_m (const CwLatLon *p,
                    const CwLatLon *a,
                    const CwLatLon *b)
{
  double k = CW_EARTH_RADIUS_KM * 1000.0 * DEG2RAD;
  double coslat = cos (a->lat * DEG2RAD);
  double dlon_b = remainder (b->lon - a->lon, 360.0);
  double dlon_p = remainder (p->lon - a->lon, 360.0);
  double bx = dlon_b * coslat * k, by = (b->lat - a->lat) * k;
  double px = dlon_p * coslat * k, py = (p->lat - a->lat) * k;
  double len2 = bx * bx + by * by;
  double t = len2 > 0 ? (px * bx + py * by) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - t * bx, py - t * by);
}

GArray *
cw_polyline_simplify (const CwLatLon *points,
                      guint           n_points,
                      double          tolerance_m)
{
  typedef struct { guint first, last; } Range;
  g_autofree guint8 *keep = NULL;
  g_autoptr (GArray) stack = NULL;
  Range whole = { 0, n_points - 1 };
  GArray *out;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  out = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  if (n_points <= 2 || !(tolerance_m > 0))
    {
      g_array_append_vals (out, points, n_points);
      return out;
    }

  keep = g_malloc0 (n_points);
  keep[0] = keep[n_points - 1] = 1;
  stack = g_array_new (FALSE, FALSE, sizeof (Range));
  g_array_append_val (stack, whole);

  while (stack->len > 0)
    {
      Range top = g_array_index (stack, Range, stack->len - 1);
      guint first = top.first, last = top.last;
      double worst = -1;
      guint worst_i = 0;

      g_array_set_size (stack, stack->len - 1);
      for (guint i = first + 1; i < last; i++)
        {
          double d = segment_distance_m (&points[i], &points[first], &points[last]);
          if (d > worst)
            {
              worst = d;
              worst_i = i;
            }
        }
      if (worst > tolerance_m)
        {
          Range left = { first, worst_i }, right = { worst_i, last };

          keep[worst_i] = 1;
          if (worst_i - first > 1)
            g_array_append_val (stack, left);
          if (last - worst_i > 1)
            g_array_append_val (stack, right);
        }
    }

  for (guint i = 0; i < n_points; i++)
    if (keep[i])
      g_array_append_val (out, points[i]);
  return out;
}
