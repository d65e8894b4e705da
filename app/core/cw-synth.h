/* cw-synth.h: many realistic stations, made up, for tests and benches
 *
 * Stations gather where real ones do: around the centres of about a
 * hundred European and North American cities (more around bigger ones,
 * thinning out with distance), at service areas along the motorways
 * between neighbouring cities, and sparsely over the countryside. The
 * same seed always gives the same stations, on any machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CW_SYNTH_CITY = 0,
  CW_SYNTH_MOTORWAY,
  CW_SYNTH_RURAL,
} CwSynthKind;

/* Compact arrays, n of each: what the spatial index and the clustering
 * take. */
typedef struct {
  guint    n;
  double  *lat;
  double  *lon;
  guint8  *is_free;             /* a charger free now: 0 or 1 */
  guint8  *kind;                /* CwSynthKind */
  guint16 *city;                /* the city it belongs to or lies nearest on
                                 * its motorway; see cw_synth_get_city () */
} CwSynthStations;

CwSynthStations *cw_synth_stations_new      (guint                  n,
                                             guint32                seed);
void             cw_synth_stations_free     (CwSynthStations       *stations);

guint            cw_synth_get_n_cities      (void);
/* The name and centre of city @i; returns FALSE past the last. */
gboolean         cw_synth_get_city          (guint                  i,
                                             const char           **name,
                                             double                *lat,
                                             double                *lon);

/* CwStation objects for stations [first, first + count) of @stations,
 * as a parser would deliver them: ids "synth-<index>", one or two EVSEs
 * whose status follows is_free, connectors and parking type by kind. */
GPtrArray       *cw_synth_stations_to_objects (const CwSynthStations *stations,
                                               const char            *source,
                                               guint                  first,
                                               guint                  count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSynthStations, cw_synth_stations_free)

G_END_DECLS
