/* cw-map-legend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-map-legend"

#include <glib/gi18n.h>

#include "cw-map-legend.h"

static void
add_row (GtkGrid    *grid,
         int         row,
         const char *mark,
         const char *css_class,
         const char *text)
{
  GtkWidget *m = gtk_label_new (mark);
  GtkWidget *t = gtk_label_new (text);

  gtk_widget_add_css_class (m, "heading");
  if (css_class != NULL)
    gtk_widget_add_css_class (m, css_class);
  gtk_label_set_xalign (GTK_LABEL (t), 0);
  gtk_grid_attach (grid, m, 0, row, 1, 1);
  gtk_grid_attach (grid, t, 1, row, 1, 1);
}

GtkWidget *
cw_map_legend_button_new (void)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  int row = 0;

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "dialog-information-symbolic");
  gtk_widget_set_tooltip_text (button, _("Map Legend"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map Legend"), -1);

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);

  add_row (grid, row++, "●", "status-available", _("A charger is free now"));
  add_row (grid, row++, "●", "status-busy", _("All chargers in use or reserved"));
  add_row (grid, row++, "●", "status-broken", _("Out of order"));
  add_row (grid, row++, "●", "status-unknown", _("No live status"));
  add_row (grid, row++, "A", NULL, _("Along a motorway"));
  add_row (grid, row++, "H", NULL, _("At a hotel"));
  add_row (grid, row++, "M", NULL, _("At a shopping mall"));
  add_row (grid, row++, "R", NULL, _("At a restaurant"));
  add_row (grid, row++, "C", NULL, _("At a café"));
  add_row (grid, row++, "S", NULL, _("At a supermarket"));
  /* Translators: a numbered disc on the map groups stations; its green share is free now */
  add_row (grid, row++, "12", NULL, _("Stations grouped; the green part is free now. Click to zoom in."));
  add_row (grid, row++, "◌", NULL, _("Faded: the data is older than it should be"));

  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (grid));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}
