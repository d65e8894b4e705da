/* fuzz-ocm-reference.c: Open Charge Map /v3/referencedata through
 * cw_ocm_reference_parse (), then looked up as the POI parser does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "cw-ocm-parser.h"

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
  static const char * const tables[] = {
    "ConnectionTypes", "Operators", "StatusTypes", "UsageTypes",
    "CurrentTypes", "DataProviders", "Countries", "NoSuchTable",
  };
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (CwOcmReference) ref = cw_ocm_reference_parse (bytes, &error);
  volatile size_t sink = 0;

  fuzz_note ("reference", error);
  g_assert ((ref == NULL) != (error == NULL));
  if (ref == NULL)
    return 0;
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (gint64 id = -1; id < 64; id++)
      {
        const char *s = cw_ocm_reference_lookup (ref, tables[t], id);
        if (s != NULL)
          sink += strlen (s);
      }
  (void) sink;
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
