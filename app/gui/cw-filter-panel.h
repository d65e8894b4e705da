/* cw-filter-panel.h: quick chips and "More filters" for a CwFilter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-filter.h"

G_BEGIN_DECLS

#define CW_TYPE_FILTER_PANEL (cw_filter_panel_get_type ())
G_DECLARE_FINAL_TYPE (CwFilterPanel, cw_filter_panel, CW, FILTER_PANEL, GtkWidget)

/* Signals:
 *   "changed" (CwFilterPanel *panel, guint change, gpointer user_data)
 *     once per change of the filter, whether a control was used, Reset
 *     pressed or cw_filter_panel_set_filter () given a different filter;
 *     @change is the CwFilterChange of cw_filter_compare (old, new),
 *     never CW_FILTER_CHANGE_NONE. Map it to GtkFilterChange for
 *     gtk_filter_changed (): MORE_STRICT → GTK_FILTER_CHANGE_MORE_STRICT,
 *     LESS_STRICT → GTK_FILTER_CHANGE_LESS_STRICT, else DIFFERENT.
 *
 * Controls carry widget names for tests and CSS: "chip-ccs2",
 * "chip-type2", "chip-chademo", "chip-nacs", "chip-ccs1", "chip-domestic",
 * "chip-free", "chip-50kw", "chip-150kw", "chip-restaurant", "chip-hotel",
 * "chip-mall", "chip-supermarket", "chip-motorway", "chip-open",
 * "chip-public", "min-power", "max-price", "operators", "notice", "reset",
 * "more-filters". */

GtkWidget      *cw_filter_panel_new           (void);

/* The panel's filter, owned by the panel: copy it to keep it. */
const CwFilter *cw_filter_panel_get_filter    (CwFilterPanel      *self);
/* Takes a copy; NULL is the empty filter. */
void            cw_filter_panel_set_filter    (CwFilterPanel      *self,
                                               const CwFilter     *filter);
/* Back to the empty filter ("Reset"). */
void            cw_filter_panel_reset         (CwFilterPanel      *self);

/* The operators to offer (from the data), NULL-terminated; shown
 * sorted, with any the filter selects but @names lacks kept in the list. */
void            cw_filter_panel_set_operators (CwFilterPanel      *self,
                                               const char * const *names);
/* How many operators the list shows. */
guint           cw_filter_panel_get_n_operators (CwFilterPanel    *self);
/* A sentence shown under the chips (what the source cannot answer);
 * NULL or "" hides it. */
void            cw_filter_panel_set_notice    (CwFilterPanel      *self,
                                               const char         *text);
const char     *cw_filter_panel_get_notice    (CwFilterPanel      *self);

G_END_DECLS
