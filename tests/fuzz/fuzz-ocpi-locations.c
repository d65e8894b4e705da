/* fuzz-ocpi-locations.c: OCPI 2.2.1 Locations (a Location, a list, or
 * an envelope around either) through cw_ocpi_parse_locations ()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "fuzz-stations.h"

#include "cw-ocpi-parser.h"

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
  g_autoptr (GPtrArray) stations = cw_ocpi_parse_locations (bytes, "ocpi:fuzz", &error);

  /* Exactly one of a result and an error. */
  fuzz_note ("locations", error);
  g_assert ((stations == NULL) != (error == NULL));
  if (stations != NULL)
    fuzz_use_stations (stations, "ocpi:fuzz", NULL);
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
