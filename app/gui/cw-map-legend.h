/* cw-map-legend.h: what the marks on the map mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A menu button whose popover explains colours, glyphs and clusters. */
GtkWidget *cw_map_legend_button_new (void);

G_END_DECLS
