/* cw-destinations.h: the preset destinations a kiosk offers
 *
 * A showroom kiosk has no keyboard: visitors pick where they are going
 * from a list its owner wrote, a JSON file such as
 * data/kiosk-destinations.example.json:
 *
 *   [ { "name": "Lyon", "lat": 45.764, "lon": 4.8357 }, … ]
 *
 * "name" is a non-empty string; "lat" and "lon" are WGS84 degrees (a
 * number, or a string holding one). Other members are ignored, so a
 * file may carry notes. Order is kept: it is the order shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-parse-error.h"

G_BEGIN_DECLS

#define CW_TYPE_DESTINATION (cw_destination_get_type ())
G_DECLARE_FINAL_TYPE (CwDestination, cw_destination, CW, DESTINATION, GObject)

/* Properties "name", "latitude", "longitude": read-only after
 * construction. Returns NULL when @name is empty or the coordinates
 * are not valid WGS84. */
CwDestination *cw_destination_new           (const char    *name,
                                             double         latitude,
                                             double         longitude);
const char    *cw_destination_get_name      (CwDestination *self);
double         cw_destination_get_latitude  (CwDestination *self);
double         cw_destination_get_longitude (CwDestination *self);

/* Parses @len bytes of @data (up to its NUL when @len is -1). Returns a
 * GListModel of CwDestination (empty for "[]"), or NULL with an error
 * in CW_PARSE_ERROR whose message starts with @origin (a path, for
 * people reading logs) and names the entry: "…/kiosk.json: [2].lat:
 * 95 is out of range (-90…90)". Codes: EMPTY, INVALID_JSON, WRONG_TYPE
 * (the root is not an array, an entry not an object, a member of the
 * wrong type), MISSING (no name, lat or lon), OUT_OF_RANGE. */
GListModel    *cw_destinations_parse        (const char    *data,
                                             gssize         len,
                                             const char    *origin,
                                             GError       **error);

/* Reads and parses the file at @path. A file that cannot be read fails
 * with its G_FILE_ERROR, whose message names the path. */
GListModel    *cw_destinations_load         (const char    *path,
                                             GError       **error);

G_END_DECLS
