/* cw-station-cache.h: the stations of one source in a compact binary file
 *
 * The disk cache CwLiveSource shows at start-up before the network
 * answers. Little-endian throughout:
 *
 *   header, 48 bytes:
 *     "CWSTCACH"  magic
 *     u32         format version (CW_STATION_CACHE_VERSION)
 *     u32         0 (reserved)
 *     u64         checksum of everything after it (64-bit, word at a time)
 *     u64         length of the body that follows the header
 *     i64         saved_at, unix seconds
 *     i64         sync_start, unix seconds (the next OCPI date_from)
 *   body:
 *     str source; u32 n_tariffs, tariffs; u32 n_stations, stations
 *
 * A string is a u32 of its length plus one, then its bytes; 0 is NULL.
 * A station is a fixed part (its strings, coordinates, flags), its
 * opening hours, then its EVSEs, each with its connectors; a connector
 * names its tariff by its index in the file's tariff table. Every
 * field the model holds is kept; see cw-station-cache.c for the order.
 *
 * Reading checks the magic, the version, the length and the checksum
 * first, then every count against the bytes left and every enum, string
 * (UTF-8) and time against its range: a file that fails anything gives
 * an error and no stations at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-station.h"

G_BEGIN_DECLS

#define CW_STATION_CACHE_VERSION 1
#define CW_STATION_CACHE_ERROR (cw_station_cache_error_quark ())

typedef enum {
  CW_STATION_CACHE_ERROR_NOT_A_CACHE,   /* wrong magic, or shorter than a header */
  CW_STATION_CACHE_ERROR_VERSION,       /* another format version */
  CW_STATION_CACHE_ERROR_TRUNCATED,     /* fewer (or more) bytes than the header says */
  CW_STATION_CACHE_ERROR_CHECKSUM,      /* the body was changed */
  CW_STATION_CACHE_ERROR_CORRUPT,       /* a count, enum, string or source out of place */
} CwStationCacheError;

GQuark     cw_station_cache_error_quark (void);

/* The file's bytes for @stations (CwStation*), all of one source. Reads
 * the stations: call it where nothing changes them meanwhile. */
GBytes    *cw_station_cache_encode      (GPtrArray   *stations,
                                         const char  *source,
                                         gint64       saved_at,
                                         gint64       sync_start);

/* New stations (CwStation*, owned) from @bytes, which must be the cache
 * of @source; NULL and @error on anything wrong. Safe in any thread. */
GPtrArray *cw_station_cache_decode      (GBytes      *bytes,
                                         const char  *source,
                                         gint64      *saved_at,
                                         gint64      *sync_start,
                                         GError     **error);

/* The checksum the header holds, of @n bytes (for tests and fuzzing). */
guint64    cw_station_cache_checksum    (const guint8 *p,
                                         gsize         n);

G_END_DECLS
