/* fuzz-geocoder.c: a geocoder's answer through its parser.
 *
 * Built twice: fuzz-nominatim (Nominatim's format=jsonv2) and
 * fuzz-photon (FUZZ_PHOTON: Photon's GeoJSON).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "fuzz-common.h"

#include "cw-geocoder.h"
#include "cw-parse-error.h"

#ifdef FUZZ_PHOTON
#define PARSE cw_geocoder_parse_photon
#else
#define PARSE cw_geocoder_parse_nominatim
#endif

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
  g_autoptr (GPtrArray) places = PARSE (bytes, &error);

  fuzz_note ("places", error);
  g_assert ((places == NULL) != (error == NULL));
  for (guint i = 0; places && i < places->len; i++)
    {
      CwPlace *p = g_ptr_array_index (places, i);

      /* What the place entry shows and where the map goes. */
      g_assert (p->name != NULL);
      g_assert (g_utf8_validate (p->name, -1, NULL));
      g_assert (p->description == NULL || g_utf8_validate (p->description, -1, NULL));
      g_assert (isfinite (p->latitude) && fabs (p->latitude) <= 90);
      g_assert (isfinite (p->longitude) && fabs (p->longitude) <= 180);
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
