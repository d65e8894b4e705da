/* fuzz-osrm.c: an OSRM /route/v1/driving response through
 * cw_osrm_parse_response ()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "cw-osrm.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

static int
fuzz_one (const uint8_t *data,
          size_t         size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) routes = cw_osrm_parse_response (bytes, &error);

  fuzz_note ("osrm", error);
  g_assert ((routes == NULL) != (error == NULL));
  for (guint i = 0; routes && i < routes->len; i++)
    {
      CwOsrmRoute *r = g_ptr_array_index (routes, i);
      CwBBox box;

      g_assert (r->route != NULL);
      g_assert (cw_route_get_n_points (r->route) > 0);
      cw_route_get_bbox (r->route, &box);
      cw_route_locate (r->route, 52.09, 5.11, NULL, NULL, NULL);
      (void) cw_route_get_length_km (r->route);
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (fuzz_json_glib_would_leak (data, size))
    return 0;   /* json-glib's leaks, see fuzz-common.h */
  return fuzz_one (data, size);
}
