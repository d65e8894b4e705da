/* cw-station-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-station-row"

#include <glib/gi18n.h>

#include "cw-format.h"
#include "cw-station-row.h"

struct _CwStationRow
{
  GtkWidget  parent_instance;

  GtkWidget *status_dot;
  GtkLabel  *title;
  GtkLabel  *subtitle;
  GtkLabel  *distance;
  CwStation *station;
  gulong     changed_id;
  double     distance_km;
  double     along_km;
  double     offset_km;
};

G_DEFINE_FINAL_TYPE (CwStationRow, cw_station_row, GTK_TYPE_WIDGET)

static const char * const status_classes[] = {
  "status-unknown", "status-available", "status-busy", "status-broken",
};

static void
update (CwStationRow *self)
{
  CwStation *s = self->station;
  double distance_km = self->distance_km;
  CwAvailability a;
  g_autofree char *connectors = NULL;
  g_autofree char *power = NULL;
  g_autofree char *free_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  g_autofree char *distance = NULL;

  if (s == NULL)
    return;

  a = cw_station_get_availability (s);
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (self->status_dot, status_classes[i]);
  gtk_widget_add_css_class (self->status_dot, status_classes[a]);
  gtk_widget_set_tooltip_text (self->status_dot, cw_format_availability (a));

  connectors = cw_format_connectors (s);
  power = cw_format_power (cw_station_get_max_power_kw (s));
  free_text = cw_format_free (s);
  if (self->along_km >= 0)
    {
      g_autofree char *where = cw_format_route_position (self->along_km, self->offset_km);
      subtitle = g_strdup_printf ("%s\n%s%s%s · %s", where, connectors, *power ? " · " : "", power, free_text);
    }
  else
    subtitle = g_strdup_printf ("%s%s%s · %s", connectors, *power ? " · " : "", power, free_text);

  gtk_label_set_text (self->title, cw_station_get_name (s) ? cw_station_get_name (s) : cw_station_get_id (s));
  gtk_label_set_text (self->subtitle, subtitle);
  if (self->along_km < 0 && distance_km >= 0)
    {
      distance = cw_format_distance (distance_km);
      gtk_label_set_text (self->distance, distance);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->distance), distance_km >= 0 && self->along_km < 0);

  /* The list is the screen-reader's way through the stations: what the
   * row shows, its lines as sentences, and what the dot's colour says. */
  {
    g_auto (GStrv) lines = g_strsplit (subtitle, "\n", -1);
    g_autofree char *said = g_strjoinv (". ", lines);

    description = distance ? g_strdup_printf ("%s. %s. %s", cw_format_availability (a), said, distance)
                           : g_strdup_printf ("%s. %s", cw_format_availability (a), said);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cw_station_get_name (s) ? cw_station_get_name (s) : cw_station_get_id (s),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
on_station_changed (CwStationRow *self)
{
  update (self);
}

static void
cw_station_row_dispose (GObject *object)
{
  CwStationRow *self = CW_STATION_ROW (object);
  GtkWidget *child;

  if (self->station != NULL)
    g_clear_signal_handler (&self->changed_id, self->station);
  g_clear_object (&self->station);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cw_station_row_parent_class)->dispose (object);
}

static void
cw_station_row_class_init (CwStationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_station_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-station-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cw_station_row_init (CwStationRow *self)
{
  GtkWidget *texts;
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);

  self->status_dot = gtk_label_new ("●");
  gtk_widget_add_css_class (self->status_dot, "status-dot");
  gtk_widget_set_parent (self->status_dot, GTK_WIDGET (self));

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_parent (texts, GTK_WIDGET (self));

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->title));

  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_label_set_ellipsize (self->subtitle, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "caption");
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->subtitle));

  self->distance = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->distance), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->distance), "numeric");
  gtk_widget_set_parent (GTK_WIDGET (self->distance), GTK_WIDGET (self));
}

GtkWidget *
cw_station_row_new (void)
{
  return g_object_new (CW_TYPE_STATION_ROW, NULL);
}

void
cw_station_row_set_station (CwStationRow *self,
                            CwStation    *station,
                            double        distance_km)
{
  g_return_if_fail (CW_IS_STATION_ROW (self));

  if (self->station != station)
    {
      if (self->station != NULL)
        g_clear_signal_handler (&self->changed_id, self->station);
      g_set_object (&self->station, station);
      if (station != NULL)
        self->changed_id = g_signal_connect_swapped (station, "changed",
                                                     G_CALLBACK (on_station_changed), self);
    }
  self->distance_km = distance_km;
  self->along_km = -1;
  update (self);
}

void
cw_station_row_set_route_info (CwStationRow *self,
                               double        along_km,
                               double        offset_km)
{
  g_return_if_fail (CW_IS_STATION_ROW (self));

  self->along_km = along_km;
  self->offset_km = offset_km;
  update (self);
}
