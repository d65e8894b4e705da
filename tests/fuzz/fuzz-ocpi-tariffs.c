/* fuzz-ocpi-tariffs.c: OCPI 2.2.1 Tariffs through
 * cw_ocpi_parse_tariffs (), then described as the app shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "cw-ocpi-parser.h"
#include "cw-tariff-estimate.h"

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
  g_autoptr (GHashTable) tariffs = cw_ocpi_parse_tariffs (bytes, &error);
  GHashTableIter iter;
  gpointer value;

  fuzz_note ("tariffs", error);
  g_assert ((tariffs == NULL) != (error == NULL));
  if (tariffs == NULL)
    return 0;

  g_hash_table_iter_init (&iter, tariffs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CwTariff *tariff = value;
      g_autofree char *text = cw_tariff_describe (tariff);
      double price, ceiling;
      gboolean restricted;

      g_assert (text != NULL);
      for (CwTariffDimension d = 0; d < CW_N_TARIFF_DIMENSIONS; d++)
        cw_tariff_find_price (tariff, d, &price, &restricted);
      cw_tariff_get_energy_price_ceiling (tariff, "Europe/Amsterdam", 1700000000, 50, &ceiling);
      cw_tariff_get_energy_price_ceiling (tariff, NULL, 0, 0, &ceiling);
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
