/* cw-route-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-route-panel"

#include <glib/gi18n.h>
#include <math.h>

#include "cw-format.h"
#include "cw-route-panel.h"

struct _CwRoutePanel
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  CwPlaceEntry *origin;
  CwPlaceEntry *destination;
  GtkWidget    *route_button;
  GtkWidget    *spinner;
  GtkWidget    *corridor_scale;
  GtkWidget    *corridor_label;
  GtkWidget    *status;
  GtkWidget    *clear_button;
  GtkWidget    *export_button;
  GtkWidget    *alternatives;
  gboolean      filling;

  /* planning charging stops */
  GtkWidget    *plan_switch;
  GtkWidget    *plan_revealer;
  GtkWidget    *car_label;
  GtkWidget    *start_soc;
  GtkWidget    *min_soc;
};

enum {
  CORRIDOR_CHANGED,
  ALTERNATIVE_CHOSEN,
  PLAN_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CwRoutePanel, cw_route_panel, GTK_TYPE_WIDGET)

static void
update_sensitivity (CwRoutePanel *self)
{
  gtk_widget_set_sensitive (self->route_button,
                            cw_place_entry_get_place (self->origin) != NULL &&
                            cw_place_entry_get_place (self->destination) != NULL);
}

static void
on_corridor_changed (CwRoutePanel *self)
{
  double km = cw_route_panel_get_corridor_km (self);
  g_autofree char *width = cw_format_distance_fine (km);
  g_autofree char *text = NULL;

  /* Translators: the corridor width: stations at most this far from the
   * route; %s is "1.5 km" or "0.9 mi" */
  text = g_strdup_printf (_("Within %s of the route"), width);
  gtk_label_set_text (GTK_LABEL (self->corridor_label), text);
  /* The slider says "1.5 km" (or "0.9 mi"), not a bare number. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->corridor_scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, width, -1);
  g_signal_emit (self, signals[CORRIDOR_CHANGED], 0, km);
}

static void
on_alternative (CwRoutePanel *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->alternatives));

  if (!self->filling && i != GTK_INVALID_LIST_POSITION)
    g_signal_emit (self, signals[ALTERNATIVE_CHOSEN], 0, i);
}

static void
on_plan_changed (CwRoutePanel *self)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->plan_revealer),
                                 gtk_switch_get_active (GTK_SWITCH (self->plan_switch)));
  if (!self->filling)
    g_signal_emit (self, signals[PLAN_CHANGED], 0);
}

static void
cw_route_panel_dispose (GObject *object)
{
  CwRoutePanel *self = CW_ROUTE_PANEL (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (cw_route_panel_parent_class)->dispose (object);
}

static void
cw_route_panel_class_init (CwRoutePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_route_panel_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-route-panel");

  /**
   * CwRoutePanel::corridor-changed:
   * @km: the corridor's half-width
   */
  signals[CORRIDOR_CHANGED] = g_signal_new ("corridor-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  /**
   * CwRoutePanel::alternative-chosen:
   * @index: the route chosen among the alternatives
   */
  signals[ALTERNATIVE_CHOSEN] = g_signal_new ("alternative-chosen", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * CwRoutePanel::plan-changed:
   *
   * Planning charging stops was turned on or off, or the start or
   * minimum charge changed.
   */
  signals[PLAN_CHANGED] = g_signal_new ("plan-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (b, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  return b;
}

static GtkWidget *
soc_spin (CwRoutePanel *self,
          GtkWidget    *grid,
          int           row,
          const char   *mnemonic,
          double        min,
          double        max,
          double        value)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 5);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), spin, 1, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), gtk_label_new ("%"), 2, row, 1, 1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_plan_changed), self);
  return spin;
}

/* "Plan charging stops", the car, and the charge at the start and at
 * each arrival. */
static void
build_plan_controls (CwRoutePanel *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Plan charging stops"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *car_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *car_button = gtk_button_new_with_mnemonic (_("_Car…"));
  GtkWidget *grid = gtk_grid_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  self->plan_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->plan_switch, GTK_ALIGN_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->plan_switch);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), self->plan_switch);
  gtk_box_append (GTK_BOX (self->box), row);
  g_signal_connect_swapped (self->plan_switch, "notify::active", G_CALLBACK (on_plan_changed), self);

  self->car_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->car_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->car_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->car_label, TRUE);
  gtk_widget_add_css_class (self->car_label, "dim-label");
  gtk_widget_set_tooltip_text (car_button, _("Choose or Edit the Car"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (car_button), "plan.choose-car");
  gtk_box_append (GTK_BOX (car_row), self->car_label);
  gtk_box_append (GTK_BOX (car_row), car_button);
  gtk_box_append (GTK_BOX (box), car_row);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  self->start_soc = soc_spin (self, grid, 0, _("Charge at the _start"), 1, 100, 80);
  self->min_soc = soc_spin (self, grid, 1, _("_Arrive with at least"), 0, 50, 10);
  gtk_box_append (GTK_BOX (box), grid);

  self->plan_revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->plan_revealer), box);
  gtk_box_append (GTK_BOX (self->box), self->plan_revealer);
}

static void
cw_route_panel_init (CwRoutePanel *self)
{
  GtkWidget *row, *buttons;
  GtkAdjustment *adj;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->origin = CW_PLACE_ENTRY (cw_place_entry_new (_("From")));
  gtk_widget_set_hexpand (GTK_WIDGET (self->origin), TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->origin));
  gtk_box_append (GTK_BOX (row), icon_button ("find-location-symbolic", _("From the Map Centre"),
                                              "route.from-here"));
  gtk_box_append (GTK_BOX (self->box), row);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->destination = CW_PLACE_ENTRY (cw_place_entry_new (_("To")));
  gtk_widget_set_hexpand (GTK_WIDGET (self->destination), TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->destination));
  gtk_box_append (GTK_BOX (row), icon_button ("object-flip-vertical-symbolic", _("Swap Start and Destination"),
                                              "route.swap"));
  gtk_box_append (GTK_BOX (self->box), row);
  g_signal_connect_swapped (self->origin, "place-changed", G_CALLBACK (update_sensitivity), self);
  g_signal_connect_swapped (self->destination, "place-changed", G_CALLBACK (update_sensitivity), self);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->route_button = gtk_button_new_with_mnemonic (_("_Route"));
  gtk_widget_add_css_class (self->route_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->route_button), "route.plan");
  gtk_widget_set_sensitive (self->route_button, FALSE);
  gtk_box_append (GTK_BOX (buttons), self->route_button);
  gtk_box_append (GTK_BOX (buttons), icon_button ("document-open-symbolic", _("Open a GPX Route…"),
                                                  "route.open-gpx"));
  self->export_button = icon_button ("document-save-symbolic", _("Export the Route as GPX…"), "route.export");
  gtk_box_append (GTK_BOX (buttons), self->export_button);
  self->clear_button = icon_button ("edit-clear-symbolic", _("Clear the Route"), "route.clear");
  gtk_box_append (GTK_BOX (buttons), self->clear_button);
  self->spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (buttons), self->spinner);
  gtk_box_append (GTK_BOX (self->box), buttons);

  self->alternatives = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_visible (self->alternatives, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alternatives), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Route choices"), -1);
  g_signal_connect_swapped (self->alternatives, "notify::selected", G_CALLBACK (on_alternative), self);
  gtk_box_append (GTK_BOX (self->box), self->alternatives);

  self->corridor_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->corridor_label), 0);
  gtk_widget_add_css_class (self->corridor_label, "caption");
  gtk_box_append (GTK_BOX (self->box), self->corridor_label);
  /* 0.5–20 km, finer where it matters */
  adj = gtk_adjustment_new (2.0, 0.5, 20.0, 0.5, 1.0, 0.0);
  self->corridor_scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, adj);
  gtk_scale_set_digits (GTK_SCALE (self->corridor_scale), 1);
  gtk_scale_set_draw_value (GTK_SCALE (self->corridor_scale), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->corridor_scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Distance from the route"), -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->corridor_scale),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->corridor_label, NULL, -1);
  g_signal_connect_swapped (adj, "value-changed", G_CALLBACK (on_corridor_changed), self);
  gtk_box_append (GTK_BOX (self->box), self->corridor_scale);

  build_plan_controls (self);

  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_widget_add_css_class (self->status, "caption");
  gtk_box_append (GTK_BOX (self->box), self->status);

  on_corridor_changed (self);
  cw_route_panel_set_has_route (self, FALSE);
}

GtkWidget *
cw_route_panel_new (void)
{
  return g_object_new (CW_TYPE_ROUTE_PANEL, NULL);
}

CwPlaceEntry *
cw_route_panel_get_origin (CwRoutePanel *self)
{
  return self->origin;
}

CwPlaceEntry *
cw_route_panel_get_destination (CwRoutePanel *self)
{
  return self->destination;
}

double
cw_route_panel_get_corridor_km (CwRoutePanel *self)
{
  return gtk_range_get_value (GTK_RANGE (self->corridor_scale));
}

void
cw_route_panel_set_corridor_km (CwRoutePanel *self,
                                double        km)
{
  gtk_range_set_value (GTK_RANGE (self->corridor_scale), CLAMP (km, 0.5, 20.0));
}

void
cw_route_panel_update_units (CwRoutePanel *self)
{
  g_return_if_fail (CW_IS_ROUTE_PANEL (self));

  on_corridor_changed (self);
}

void
cw_route_panel_set_status (CwRoutePanel *self,
                           const char   *text)
{
  gtk_label_set_text (GTK_LABEL (self->status), text ? text : "");
  gtk_widget_set_visible (self->status, text != NULL && *text != '\0');
}

void
cw_route_panel_set_has_route (CwRoutePanel *self,
                              gboolean      has_route)
{
  gtk_widget_set_sensitive (self->clear_button, has_route);
  gtk_widget_set_sensitive (self->export_button, has_route);
}

void
cw_route_panel_set_busy (CwRoutePanel *self,
                         gboolean      busy)
{
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_visible (self->spinner, busy);
}

void
cw_route_panel_set_alternatives (CwRoutePanel       *self,
                                 const char * const *labels)
{
  g_autoptr (GtkStringList) list = NULL;

  g_return_if_fail (CW_IS_ROUTE_PANEL (self));

  self->filling = TRUE;
  if (labels != NULL)
    list = gtk_string_list_new (labels);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->alternatives), list ? G_LIST_MODEL (list) : NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->alternatives), 0);
  gtk_widget_set_visible (self->alternatives, labels != NULL && g_strv_length ((char **) labels) > 1);
  self->filling = FALSE;
}

gboolean
cw_route_panel_get_plan_stops (CwRoutePanel *self)
{
  g_return_val_if_fail (CW_IS_ROUTE_PANEL (self), FALSE);
  return gtk_switch_get_active (GTK_SWITCH (self->plan_switch));
}

double
cw_route_panel_get_start_soc (CwRoutePanel *self)
{
  g_return_val_if_fail (CW_IS_ROUTE_PANEL (self), 0);
  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->start_soc));
}

double
cw_route_panel_get_min_soc (CwRoutePanel *self)
{
  g_return_val_if_fail (CW_IS_ROUTE_PANEL (self), 0);
  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->min_soc));
}

void
cw_route_panel_set_plan (CwRoutePanel *self,
                         gboolean      plan_stops,
                         double        start_soc,
                         double        min_soc)
{
  g_return_if_fail (CW_IS_ROUTE_PANEL (self));

  /* One "plan-changed" for the lot. */
  self->filling = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->start_soc), start_soc);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->min_soc), min_soc);
  gtk_switch_set_active (GTK_SWITCH (self->plan_switch), plan_stops);
  self->filling = FALSE;
  g_signal_emit (self, signals[PLAN_CHANGED], 0);
}

void
cw_route_panel_set_car_label (CwRoutePanel *self,
                              const char   *text)
{
  g_return_if_fail (CW_IS_ROUTE_PANEL (self));
  gtk_label_set_text (GTK_LABEL (self->car_label), text ? text : "");
  gtk_widget_set_tooltip_text (self->car_label, text);
}
