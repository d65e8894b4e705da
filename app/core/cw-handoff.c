/* cw-handoff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-handoff"

#include <math.h>
#include <string.h>

#include "cw-geo.h"
#include "cw-handoff.h"

#define LABEL_MAX_CHARS 60

/* "52.37", "-0.1", "4" — at most five decimals, no trailing zeros. */
static void
append_degrees (GString *out,
                double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  value = round (value * 1e5) / 1e5;
  if (value == 0.0)
    value = 0.0; /* no "-0" */
  g_ascii_formatd (buf, sizeof buf, "%.5f", value);
  end = buf + strlen (buf) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  g_string_append (out, buf);
}

static void
append_point (GString    *out,
              double      lat,
              double      lon,
              const char *separator)
{
  append_degrees (out, lat);
  g_string_append (out, separator);
  append_degrees (out, lon);
}

static gboolean
points_valid (const CwLatLon *points,
              guint           n)
{
  if (points == NULL || n < 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!cw_geo_coords_valid (points[i].lat, points[i].lon))
      return FALSE;
  return TRUE;
}

char *
cw_handoff_osm_directions_url (const CwLatLon *points,
                               guint           n)
{
  GString *url;

  if (!points_valid (points, n))
    return NULL;

  url = g_string_new ("https://www.openstreetmap.org/directions?engine=fossgis_osrm_car&route=");
  append_point (url, points[0].lat, points[0].lon, "%2C");
  g_string_append (url, "%3B");
  append_point (url, points[n - 1].lat, points[n - 1].lon, "%2C");
  return g_string_free (url, FALSE);
}

char *
cw_handoff_osrm_map_url (const CwLatLon *points,
                         guint           n)
{
  GString *url;

  if (!points_valid (points, n))
    return NULL;

  url = g_string_new ("https://map.project-osrm.org/?");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (url, i == 0 ? "loc=" : "&loc=");
      append_point (url, points[i].lat, points[i].lon, "%2C");
    }
  return g_string_free (url, FALSE);
}

char *
cw_handoff_geo_uri (double      lat,
                    double      lon,
                    const char *label)
{
  GString *uri;

  if (!cw_geo_coords_valid (lat, lon))
    return NULL;

  uri = g_string_new ("geo:");
  append_point (uri, lat, lon, ",");

  if (label != NULL && g_utf8_validate (label, -1, NULL))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (label));
      g_autofree char *cut = NULL;
      g_autofree char *escaped = NULL;

      if (*trimmed != '\0')
        {
          cut = g_utf8_substring (trimmed, 0, MIN (g_utf8_strlen (trimmed, -1), LABEL_MAX_CHARS));
          /* Everything but unreserved characters encoded: RFC 5870's
           * parameter values allow little else, and '(' ')' delimit the
           * label in the q= form. */
          escaped = g_uri_escape_string (cut, NULL, FALSE);
          g_string_append (uri, "?q=");
          append_point (uri, lat, lon, ",");
          g_string_append_printf (uri, "(%s)", escaped);
        }
    }
  return g_string_free (uri, FALSE);
}
