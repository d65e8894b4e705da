/* fuzz-stations.h: what the fuzz targets do with stations a parser
 * returned, as the app would: read every derived value, then merge
 * them into a store twice (new, then updated in place) and clear it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-opening-hours.h"
#include "cw-station.h"
#include "cw-station-store.h"

static inline void
fuzz_use_stations (GPtrArray  *stations,
                   const char *source,
                   GHashTable *tariffs)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  volatile guint64 sink = 0;

  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *st = g_ptr_array_index (stations, i);

      sink += cw_station_get_availability (st);
      sink += cw_station_count_evses (st);
      sink += cw_station_count_available (st);
      sink += (guint64) cw_station_get_max_power_kw (st);
      sink += cw_station_get_standards (st);
      sink += cw_station_get_category (st);
      sink += (guint64) cw_station_get_status_time (st);
      sink += strlen (cw_station_get_key (st));
      sink += cw_opening_hours_is_open (cw_station_get_opening_hours (st), cw_station_get_time_zone (st), 1700000000);
      /* What is shown or saved is text: valid UTF-8 whatever came in. */
      {
        const char *texts[] = { cw_station_get_id (st), cw_station_get_name (st), cw_station_get_address (st),
                                cw_station_get_city (st), cw_station_get_postal_code (st), cw_station_get_country (st),
                                cw_station_get_operator_name (st), cw_station_get_time_zone (st),
                                cw_station_get_usage_cost (st) };
        for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
          g_assert (texts[t] == NULL || g_utf8_validate (texts[t], -1, NULL));
      }
      if (tariffs != NULL)
        cw_station_resolve_tariffs (st, tariffs);
    }

  /* Duplicate ids in one answer are legal input: the store must cope. */
  cw_station_store_merge (store, source, stations, TRUE);
  sink += cw_station_store_get_n_stations (store);
  cw_station_store_merge (store, source, stations, FALSE);
  if (stations->len > 0)
    {
      CwStation *first = g_ptr_array_index (stations, 0);
      if (cw_station_get_id (first) != NULL)
        cw_station_store_remove (store, source, cw_station_get_id (first));
    }
  cw_station_store_clear (store);
  (void) sink;
}
