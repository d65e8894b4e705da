/* cw-station-store.h: every station known, keyed by (source, id)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "cw-station.h"

G_BEGIN_DECLS

#define CW_TYPE_STATION_STORE (cw_station_store_get_type ())
G_DECLARE_FINAL_TYPE (CwStationStore, cw_station_store, CW, STATION_STORE, GObject)

CwStationStore *cw_station_store_new        (void);

/* Merges @stations (CwStation*) from @source into the store by key:
 * known stations are updated in place (they emit "changed"), new ones
 * are appended. With @complete, stations of @source absent from
 * @stations are removed (a full refresh); without, it is a delta. */
void            cw_station_store_merge      (CwStationStore *self,
                                             const char     *source,
                                             GPtrArray      *stations,
                                             gboolean        complete);
/* Removes one station; FALSE when it was not there. */
gboolean        cw_station_store_remove     (CwStationStore *self,
                                             const char     *source,
                                             const char     *id);
/* Removes the stations of @source whose ids are in @ids (char*), with
 * one rebuild of the index however many; returns how many were there. */
guint           cw_station_store_remove_ids (CwStationStore *self,
                                             const char     *source,
                                             GPtrArray      *ids);
CwStation      *cw_station_store_lookup     (CwStationStore *self,
                                             const char     *source,
                                             const char     *id);
guint           cw_station_store_get_n_stations (CwStationStore *self);
void            cw_station_store_clear      (CwStationStore *self);
/* Bytes of the store's own arrays (the item list and the slot table),
 * not of the stations. */
gsize           cw_station_store_get_memory (CwStationStore *self);

G_END_DECLS
