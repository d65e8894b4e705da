/* fuzz-polyline.c: cw_polyline_decode () on any bytes, at the
 * precision given by FUZZ_PRECISION (5: fuzz-polyline5, 6:
 * fuzz-polyline6). What decodes must encode back to a string that
 * decodes to the very same points, and must simplify.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "fuzz-common.h"

#include "cw-polyline.h"

#ifndef FUZZ_PRECISION
#error FUZZ_PRECISION must be 5 or 6
#endif

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) points = NULL;
  g_autoptr (GArray) again = NULL;
  g_autoptr (GArray) simple = NULL;
  g_autoptr (GError) again_error = NULL;
  g_autofree char *encoded = NULL;
  /* No NUL terminator: the decoder must stop at @size by itself. */
  g_autofree char *copy = g_memdup2 (data, size);

  points = cw_polyline_decode (copy, (gssize) size, FUZZ_PRECISION, &error);
  fuzz_note ("polyline", error);
  g_assert ((points == NULL) != (error == NULL));
  if (points == NULL)
    {
      g_assert (error->domain == CW_POLYLINE_ERROR);
      return 0;
    }

  for (guint i = 0; i < points->len; i++)
    {
      CwLatLon *p = &g_array_index (points, CwLatLon, i);
      g_assert (isfinite (p->lat) && fabs (p->lat) <= 90);
      g_assert (isfinite (p->lon) && fabs (p->lon) <= 180);
    }

  encoded = cw_polyline_encode ((const CwLatLon *) (gpointer) points->data, points->len, FUZZ_PRECISION);
  again = cw_polyline_decode (encoded, -1, FUZZ_PRECISION, &again_error);
  if (again == NULL)
    g_error ("re-encoded polyline does not decode: %s", again_error->message);
  g_assert_cmpuint (again->len, ==, points->len);
  for (guint i = 0; i < points->len; i++)
    {
      CwLatLon *a = &g_array_index (points, CwLatLon, i);
      CwLatLon *b = &g_array_index (again, CwLatLon, i);
      double eps = 0.5 * pow (10, -FUZZ_PRECISION);

      if (fabs (a->lat - b->lat) > eps || fabs (a->lon - b->lon) > eps)
        g_error ("point %u: %.7f,%.7f decoded, %.7f,%.7f after a round trip",
                 i, a->lat, a->lon, b->lat, b->lon);
    }

  if (points->len > 0)
    {
      simple = cw_polyline_simplify ((const CwLatLon *) (gpointer) points->data, points->len, 25.0);
      g_assert_cmpuint (simple->len, >=, MIN (points->len, 2));
      g_assert_cmpuint (simple->len, <=, points->len);
    }
  return 0;
}
