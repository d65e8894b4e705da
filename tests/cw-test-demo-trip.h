/* cw-test-demo-trip.h: a 615 km drive across the demo network, for
 * the planner's tests
 *
 * Amsterdam → Utrecht → 's-Hertogenbosch → Eindhoven → Maastricht →
 * Aachen → Köln → Frankfurt → Heidelberg → Karlsruhe → Stuttgart
 * (Wendlingen), by the A2, A76, A4, A3, A5 and A8: the demo network's
 * motorway stations lie on it, its city ones near it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

static const double cw_test_demo_trip[][2] = {
  { 52.3789, 4.9005 }, { 52.2959, 4.9479 }, { 52.1428, 5.0275 }, { 52.0063, 5.0933 },
  { 51.9292, 5.1438 }, { 51.8491, 5.2252 }, { 51.6658, 5.3010 }, { 51.5815, 5.3617 },
  { 51.5070, 5.4008 }, { 51.3912, 5.5107 }, { 51.2634, 5.7006 }, { 51.1389, 5.9204 },
  { 51.0074, 5.7992 }, { 50.9156, 5.7585 }, { 50.8000, 6.0800 }, { 50.8301, 6.2164 },
  { 50.8320, 6.4394 }, { 50.8488, 6.5524 }, { 50.9009, 6.8068 }, { 50.8844, 7.1146 },
  { 50.7889, 7.2431 }, { 50.6500, 7.3585 }, { 50.6018, 7.4673 }, { 50.5132, 7.7176 },
  { 50.4437, 7.8143 }, { 50.4051, 7.9704 }, { 50.3408, 8.1588 }, { 50.2035, 8.2918 },
  { 50.1314, 8.3506 }, { 50.0554, 8.4666 }, { 50.0276, 8.6141 }, { 49.8954, 8.6085 },
  { 49.7533, 8.6062 }, { 49.6187, 8.6041 }, { 49.4825, 8.6353 }, { 49.3764, 8.6355 },
  { 49.3069, 8.6434 }, { 49.1270, 8.5587 }, { 49.0482, 8.5016 }, { 48.9000, 8.7000 },
  { 48.8000, 9.0100 }, { 48.6833, 9.2932 },
};

/* Writes the trip as a GPX 1.1 track to a new file in @dir; returns
 * its path. */
static inline char *
cw_test_write_demo_trip (const char *dir)
{
  GString *gpx = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<gpx version=\"1.1\" creator=\"chargeway tests\" "
                               "xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
                               "<trk><name>Amsterdam – Stuttgart (demo network)</name><trkseg>\n");
  char *path = g_build_filename (dir, "demo-trip.gpx", NULL);
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
  GError *error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cw_test_demo_trip); i++)
    g_string_append_printf (gpx, "<trkpt lat=\"%s\" lon=\"%s\"/>\n",
                            g_ascii_formatd (lat, sizeof lat, "%.4f", cw_test_demo_trip[i][0]),
                            g_ascii_formatd (lon, sizeof lon, "%.4f", cw_test_demo_trip[i][1]));
  g_string_append (gpx, "</trkseg></trk>\n</gpx>\n");
  g_file_set_contents (path, gpx->str, gpx->len, &error);
  g_assert_no_error (error);
  g_string_free (gpx, TRUE);
  return path;
}
