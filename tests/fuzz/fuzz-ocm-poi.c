/* fuzz-ocm-poi.c: an Open Charge Map /v3/poi response through
 * cw_ocm_parse_poi ().
 *
 * Built twice: fuzz-ocm-poi passes no reference data (compact records
 * show ids), fuzz-ocm-poi-ref (FUZZ_WITH_REFERENCE) passes reference
 * data parsed once at start: the file named by CW_FUZZ_OCM_REFERENCE
 * when set (build-aux/run-fuzzers points it at ../shared/data's
 * reference.json), else a few rows of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "fuzz-stations.h"

#include "cw-ocm-parser.h"

#ifdef FUZZ_WITH_REFERENCE
static const char builtin_reference[] =
  "{\"ConnectionTypes\":[{\"ID\":33,\"Title\":\"CCS (Type 2)\"},"
  "  {\"ID\":25,\"Title\":\"Type 2 (Socket Only)\"},{\"ID\":2,\"Title\":\"CHAdeMO\"}],"
  " \"Operators\":[{\"ID\":8,\"Title\":\"bp pulse (UK)\"},{\"ID\":3,\"Title\":\"POD Point\"}],"
  " \"StatusTypes\":[{\"ID\":50,\"Title\":\"Operational\"},{\"ID\":10,\"Title\":\"Available\"}],"
  " \"UsageTypes\":[{\"ID\":1,\"Title\":\"Public\"},{\"ID\":4,\"Title\":\"Public - Membership Required\"}],"
  " \"CurrentTypes\":[{\"ID\":10,\"Title\":\"AC (Single-Phase)\"},{\"ID\":30,\"Title\":\"DC\"}],"
  " \"DataProviders\":[{\"ID\":1,\"Title\":\"Open Charge Map Contributors\"}],"
  " \"Countries\":[{\"ID\":1,\"ISOCode\":\"GB\",\"Title\":\"United Kingdom\"}]}";

/* Kept for the life of the process: reachable, so no leak report. */
static CwOcmReference *reference;
#endif

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
#ifdef FUZZ_WITH_REFERENCE
  {
    const char *path = g_getenv ("CW_FUZZ_OCM_REFERENCE");
    g_autoptr (GBytes) bytes = NULL;
    g_autoptr (GError) error = NULL;

    if (path != NULL && *path != '\0')
      {
        g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
        if (file == NULL)
          g_error ("CW_FUZZ_OCM_REFERENCE: %s", error->message);
        bytes = g_mapped_file_get_bytes (file);
      }
    else
      bytes = g_bytes_new_static (builtin_reference, sizeof builtin_reference - 1);

    reference = cw_ocm_reference_parse (bytes, &error);
    if (reference == NULL)
      g_error ("reference data: %s", error->message);
  }
#endif
  return 0;
}

static int
fuzz_one (const uint8_t *data,
          size_t         size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  CwOcmReference *ref = NULL;

#ifdef FUZZ_WITH_REFERENCE
  ref = reference;
#endif
  stations = cw_ocm_parse_poi (bytes, ref, "ocm", &error);
  fuzz_note ("poi", error);
  g_assert ((stations == NULL) != (error == NULL));
  if (stations != NULL)
    fuzz_use_stations (stations, "ocm", NULL);
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
