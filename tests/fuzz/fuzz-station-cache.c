/* fuzz-station-cache.c: the binary station cache through
 * cw_station_cache_decode (), then written again and read back
 *
 * Most changed inputs would stop at the checksum, so the first byte of
 * the input chooses: odd, the input is the file as it is; even, the
 * rest is the file with its checksum (and length) made right, so that
 * the records themselves are what gets tried.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "cw-station-cache.h"

#define SOURCE "fuzz"

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
  g_autofree guint8 *file = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  gboolean fix = size > 0 && (data[0] & 1) == 0;
  gint64 saved_at = 0, sync_start = 0;

  if (size == 0)
    return 0;
  file = g_memdup2 (data + 1, size - 1);
  size--;
  if (fix && size >= 48)
    {
      guint64 len = GUINT64_TO_LE ((guint64) size - 48);
      guint64 sum;

      memcpy (file + 24, &len, 8);
      sum = GUINT64_TO_LE (cw_station_cache_checksum (file + 24, size - 24));
      memcpy (file + 16, &sum, 8);
    }
  bytes = g_bytes_new (file, size);
  stations = cw_station_cache_decode (bytes, SOURCE, &saved_at, &sync_start, &error);
  fuzz_note ("station cache", error);
  g_assert ((stations == NULL) != (error == NULL));
  if (stations == NULL)
    return 0;

  /* What was read whole writes again to what reads the same. */
  {
    g_autoptr (GBytes) again = cw_station_cache_encode (stations, SOURCE, saved_at, sync_start);
    g_autoptr (GPtrArray) back = cw_station_cache_decode (again, SOURCE, NULL, NULL, &error);
    g_autoptr (GBytes) third = NULL;

    g_assert_no_error (error);
    g_assert (back != NULL && back->len == stations->len);
    third = cw_station_cache_encode (back, SOURCE, saved_at, sync_start);
    g_assert (g_bytes_equal (again, third));
  }
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);

      cw_station_get_availability (s);
      cw_station_count_evses (s);
      cw_station_get_max_power_kw (s);
      cw_station_get_standards (s);
    }
  return 0;
}
