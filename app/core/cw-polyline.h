/* cw-polyline.h: Google's encoded polyline format, and simplification
 *
 * The format stores each coordinate as a zigzag-encoded delta from the
 * previous point, rounded to 10^-precision degrees: precision 5 for
 * Google and Open Charge Map, precision 6 for OSRM's "polyline6".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double lat;
  double lon;
} CwLatLon;

#define CW_POLYLINE_ERROR (cw_polyline_error_quark ())

typedef enum {
  CW_POLYLINE_ERROR_INVALID_CHARACTER, /* a byte outside '?'…'~' */
  CW_POLYLINE_ERROR_TRUNCATED,         /* ends inside a value, or a latitude without longitude */
  CW_POLYLINE_ERROR_OVERFLOW,          /* a value longer than any coordinate can be */
  CW_POLYLINE_ERROR_OUT_OF_RANGE,      /* a point beyond ±90° latitude or ±180° longitude */
} CwPolylineError;

GQuark  cw_polyline_error_quark (void);

/* @precision is 5 or 6. Returns a newly allocated string, "" for no
 * points. Coordinates must be valid WGS84 degrees. */
char   *cw_polyline_encode      (const CwLatLon *points,
                                 guint           n_points,
                                 guint           precision);

/* Decodes @len bytes of @encoded (or up to its NUL when @len is -1).
 * Returns a GArray of CwLatLon (empty for ""), or NULL with an error in
 * CW_POLYLINE_ERROR whose message gives the byte offset. Reads nothing
 * past @len and never overflows, whatever the input. */
GArray *cw_polyline_decode      (const char     *encoded,
                                 gssize          len,
                                 guint           precision,
                                 GError        **error);

/* Douglas–Peucker: the subset of @points (first and last always kept,
 * order preserved) such that no dropped point lies further than
 * @tolerance_m metres from the simplified line. Returns a GArray of
 * CwLatLon. Iterative, so very long tracks cannot exhaust the stack. */
GArray *cw_polyline_simplify    (const CwLatLon *points,
                                 guint           n_points,
                                 double          tolerance_m);

G_END_DECLS
