/* cw-place-entry.h: a search entry that finds a place by name
 *
 * Suggestions come from a CwGeocoder as you type (debounced), in a
 * popover under the entry; choosing one sets the entry's place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-geocoder.h"

G_BEGIN_DECLS

#define CW_TYPE_PLACE_ENTRY (cw_place_entry_get_type ())
G_DECLARE_FINAL_TYPE (CwPlaceEntry, cw_place_entry, CW, PLACE_ENTRY, GtkWidget)

GtkWidget     *cw_place_entry_new        (const char   *placeholder);
void           cw_place_entry_set_geocoder (CwPlaceEntry *self,
                                          CwGeocoder   *geocoder);
/* The chosen place, or NULL while none is. */
const CwPlace *cw_place_entry_get_place  (CwPlaceEntry *self);
/* Sets a place directly (from the map, "here"). */
void           cw_place_entry_set_place  (CwPlaceEntry *self,
                                          const char   *name,
                                          double        latitude,
                                          double        longitude);
void           cw_place_entry_clear      (CwPlaceEntry *self);
GtkEditable   *cw_place_entry_get_editable (CwPlaceEntry *self);

G_END_DECLS
