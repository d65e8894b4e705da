/* cw-station-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-station-details"

#include <glib/gi18n.h>

#include "cw-format.h"
#include "cw-station-details.h"

struct _CwStationDetails
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkLabel   *name;
  GtkLabel   *availability;
  GtkLabel   *address;
  GtkLabel   *operator_name;
  GtkLabel   *facilities;
  GtkLabel   *parking;
  GtkLabel   *tariff;
  GtkLabel   *usage_cost;
  GtkLabel   *updated;
  GtkLabel   *source;
  GtkWidget  *evse_list;
  char       *evse_text;

  GtkWidget  *favourite;
  GtkWidget  *notify;
  GtkWidget  *extra;       /* the window's own additions (price estimate) */
  gboolean    updating;

  CwStation  *station;
  gulong      changed_id;
};

enum {
  FAVOURITE_TOGGLED,
  NOTIFY_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CwStationDetails, cw_station_details, GTK_TYPE_WIDGET)

static void
on_favourite_toggled (CwStationDetails *self)
{
  gboolean on = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->favourite));

  gtk_button_set_icon_name (GTK_BUTTON (self->favourite), on ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (self->favourite, on ? _("Remove from Favourites") : _("Add to Favourites"));
  if (!self->updating && self->station != NULL)
    g_signal_emit (self, signals[FAVOURITE_TOGGLED], 0, self->station, on);
}

static void
on_notify_clicked (CwStationDetails *self)
{
  if (self->station != NULL)
    g_signal_emit (self, signals[NOTIFY_REQUESTED], 0, self->station);
}

static GtkLabel *
add_field (CwStationDetails *self,
           const char       *heading)
{
  GtkWidget *label;

  if (heading != NULL)
    {
      GtkWidget *h = gtk_label_new (heading);
      gtk_label_set_xalign (GTK_LABEL (h), 0);
      gtk_widget_add_css_class (h, "caption-heading");
      gtk_widget_add_css_class (h, "dim-label");
      gtk_widget_set_margin_top (h, 8);
      gtk_box_append (GTK_BOX (self->box), h);
    }
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (self->box), label);
  return GTK_LABEL (label);
}

static char *
describe_connector (const CwConnector *c)
{
  g_autofree char *power = cw_format_power (c->max_power_kw);
  const char *name = c->standard != CW_CONNECTOR_UNKNOWN || cw_connector_get_standard_label (c) == NULL ?
                     cw_connector_standard_short_name (c->standard) : cw_connector_get_standard_label (c);
  g_autofree char *kind = NULL;

  /* Word order is the language's: "Type 2 socket", "prise Type 2". */
  if (c->format == CW_CONNECTOR_FORMAT_CABLE)
    /* Translators: a connector on a cable: %s is its standard ("CCS2") */
    kind = g_strdup_printf (_("%s cable"), name);
  else if (c->format == CW_CONNECTOR_FORMAT_SOCKET)
    /* Translators: a socket to plug a cable in: %s is its standard ("Type 2") */
    kind = g_strdup_printf (_("%s socket"), name);
  else
    kind = g_strdup (name);
  return g_strdup_printf ("%s%s%s", kind, *power ? " · " : "", power);
}

static void
fill_evses (CwStationDetails *self)
{
  GtkWidget *child;
  GString *all = g_string_new (NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  while ((child = gtk_widget_get_first_child (self->evse_list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->evse_list), child);

  for (guint i = 0; i < self->station->n_evses; i++)
    {
      const CwEvse *evse = &self->station->evses[i];
      g_autoptr (GPtrArray) connectors = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *conn_text = NULL;
      g_autofree char *age = cw_format_age (evse->last_updated, g_date_time_to_unix (now));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *box, *t, *st;

      for (guint j = 0; j < evse->n_connectors; j++)
        g_ptr_array_add (connectors, describe_connector (&cw_evse_get_connectors (evse)[j]));
      g_ptr_array_add (connectors, NULL);
      conn_text = g_strjoinv (", ", (char **) connectors->pdata);

      if (evse->quantity > 1)
        title = g_strdup_printf ("%u × %s", evse->quantity, cw_format_status (evse->status));
      else
        title = g_strdup_printf ("%s — %s", cw_evse_get_evse_id (evse) ? cw_evse_get_evse_id (evse) : (cw_evse_get_uid (evse) ? cw_evse_get_uid (evse) : "?"),
                                 cw_format_status (evse->status));
      subtitle = g_strdup_printf ("%s\n%s", conn_text, age);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 8);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      t = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (t), 0);
      gtk_label_set_wrap (GTK_LABEL (t), TRUE);
      st = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (st), 0);
      gtk_label_set_wrap (GTK_LABEL (st), TRUE);
      gtk_widget_add_css_class (st, "dim-label");
      gtk_widget_add_css_class (st, "caption");
      gtk_box_append (GTK_BOX (box), t);
      gtk_box_append (GTK_BOX (box), st);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (self->evse_list), row);

      g_string_append_printf (all, "%s: %s\n", title, conn_text);
    }

  g_free (self->evse_text);
  self->evse_text = g_string_free (all, FALSE);
}

static char *
describe_tariffs (CwStation *station)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < station->n_evses; i++)
    {
      const CwEvse *evse = &station->evses[i];
      for (guint j = 0; j < evse->n_connectors; j++)
        {
          const CwConnector *c = &cw_evse_get_connectors (evse)[j];
          CwTariff *tariff = cw_connector_get_tariff (c);
          g_autofree char *text = NULL;

          if (tariff == NULL || g_ptr_array_find (seen, tariff, NULL))
            continue;
          g_ptr_array_add (seen, tariff);
          text = cw_format_tariff (tariff);
          if (out->len > 0)
            g_string_append_c (out, '\n');
          /* Translators: a connector's tariff: "Type 2: €0.54/kWh" */
          g_string_append_printf (out, _("%s: %s"), cw_connector_standard_short_name (c->standard), text);
        }
    }
  if (out->len == 0)
    g_string_append (out, _("No tariff published"));
  return g_string_free (out, FALSE);
}

static void
update (CwStationDetails *self)
{
  CwStation *s = self->station;
  g_autofree char *address = NULL;
  g_autofree char *facilities = NULL;
  g_autofree char *tariff = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *availability = NULL;
  g_autofree char *free_text = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  gint64 t;

  if (s == NULL)
    return;

  gtk_label_set_text (self->name, cw_station_get_name (s) ? cw_station_get_name (s) : cw_station_get_id (s));
  free_text = cw_format_free (s);
  availability = g_strdup_printf ("%s · %s",
                                  cw_format_availability (cw_station_get_availability (s)),
                                  free_text);
  gtk_label_set_text (self->availability, availability);
  gtk_widget_set_visible (self->notify, cw_station_count_available (s) == 0 &&
                                        cw_station_count_evses (s) > 0);
  address = g_strjoin (", ", cw_station_get_address (s) ? cw_station_get_address (s) : "",
                       cw_station_get_postal_code (s) ? cw_station_get_postal_code (s) : "",
                       cw_station_get_city (s) ? cw_station_get_city (s) : "", NULL);
  gtk_label_set_text (self->address, address);
  gtk_label_set_text (self->operator_name, cw_station_get_operator_name (s) ? cw_station_get_operator_name (s) : _("Not stated"));
  facilities = cw_format_facilities (s->facilities);
  gtk_label_set_text (self->facilities, facilities);
  gtk_label_set_text (self->parking, cw_format_parking_type (s->parking_type));
  tariff = describe_tariffs (s);
  gtk_label_set_text (self->tariff, tariff);
  gtk_label_set_text (self->usage_cost, cw_station_get_usage_cost (s) ? cw_station_get_usage_cost (s) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->usage_cost), cw_station_get_usage_cost (s) != NULL);

  t = cw_station_get_status_time (s);
  if (t > 0)
    {
      g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (t);
      g_autofree char *when = g_date_time_format (dt, "%x %X");
      g_autofree char *age = cw_format_age (t, g_date_time_to_unix (now));
      updated = g_strdup_printf ("%s (%s)", when, age);
    }
  else
    updated = g_strdup (_("Unknown"));
  gtk_label_set_text (self->updated, updated);
  gtk_label_set_text (self->source, cw_station_get_attribution (s) ? cw_station_get_attribution (s) : cw_station_get_source (s));

  fill_evses (self);
}

static void
cw_station_details_dispose (GObject *object)
{
  CwStationDetails *self = CW_STATION_DETAILS (object);

  if (self->station != NULL)
    g_clear_signal_handler (&self->changed_id, self->station);
  g_clear_object (&self->station);
  g_clear_pointer (&self->evse_text, g_free);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (cw_station_details_parent_class)->dispose (object);
}

static void
cw_station_details_class_init (CwStationDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_station_details_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-station-details");

  /**
   * CwStationDetails::favourite-toggled:
   * @station: the station shown
   * @favourite: whether it is now a favourite
   */
  signals[FAVOURITE_TOGGLED] = g_signal_new ("favourite-toggled", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 2, CW_TYPE_STATION, G_TYPE_BOOLEAN);
  /**
   * CwStationDetails::notify-requested:
   * @station: the station to watch until a charger is free
   */
  signals[NOTIFY_REQUESTED] = g_signal_new ("notify-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, CW_TYPE_STATION);
}

static void
cw_station_details_init (CwStationDetails *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    self->name = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_xalign (self->name, 0);
    gtk_label_set_wrap (self->name, TRUE);
    gtk_label_set_selectable (self->name, TRUE);
    gtk_widget_set_hexpand (GTK_WIDGET (self->name), TRUE);
    gtk_widget_add_css_class (GTK_WIDGET (self->name), "title-3");
    gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->name));
    self->favourite = gtk_toggle_button_new ();
    gtk_button_set_icon_name (GTK_BUTTON (self->favourite), "non-starred-symbolic");
    gtk_widget_set_valign (self->favourite, GTK_ALIGN_START);
    gtk_widget_add_css_class (self->favourite, "flat");
    gtk_widget_set_tooltip_text (self->favourite, _("Add to Favourites"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->favourite), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Favourite"), -1);
    gtk_accessible_update_state (GTK_ACCESSIBLE (self->favourite), GTK_ACCESSIBLE_STATE_PRESSED, FALSE, -1);
    g_signal_connect_swapped (self->favourite, "toggled", G_CALLBACK (on_favourite_toggled), self);
    gtk_box_append (GTK_BOX (row), self->favourite);
    gtk_box_append (GTK_BOX (self->box), row);
  }
  self->availability = add_field (self, NULL);
  self->notify = gtk_button_new_with_mnemonic (_("_Notify Me When a Charger Is Free"));
  gtk_widget_set_halign (self->notify, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->notify, "pill");
  g_signal_connect_swapped (self->notify, "clicked", G_CALLBACK (on_notify_clicked), self);
  gtk_box_append (GTK_BOX (self->box), self->notify);
  self->extra = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->address = add_field (self, _("Address"));
  self->operator_name = add_field (self, _("Operator"));
  self->facilities = add_field (self, _("Nearby"));
  self->parking = add_field (self, _("Parking"));
  self->tariff = add_field (self, _("Price"));
  self->usage_cost = add_field (self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->usage_cost), "dim-label");

  {
    GtkWidget *h = gtk_label_new (_("Charge points"));
    gtk_label_set_xalign (GTK_LABEL (h), 0);
    gtk_widget_add_css_class (h, "caption-heading");
    gtk_widget_add_css_class (h, "dim-label");
    gtk_widget_set_margin_top (h, 8);
    gtk_box_append (GTK_BOX (self->box), h);
  }
  self->evse_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->evse_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->evse_list, "boxed-list");
  gtk_widget_set_margin_top (self->evse_list, 4);
  gtk_box_append (GTK_BOX (self->box), self->evse_list);

  gtk_box_append (GTK_BOX (self->box), self->extra);
  self->updated = add_field (self, _("Last updated"));
  self->source = add_field (self, _("Source"));
}

GtkWidget *
cw_station_details_new (void)
{
  return g_object_new (CW_TYPE_STATION_DETAILS, NULL);
}

void
cw_station_details_set_station (CwStationDetails *self,
                                CwStation        *station)
{
  g_return_if_fail (CW_IS_STATION_DETAILS (self));

  if (self->station == station)
    return;
  if (self->station != NULL)
    g_clear_signal_handler (&self->changed_id, self->station);
  g_set_object (&self->station, station);
  if (station != NULL)
    self->changed_id = g_signal_connect_swapped (station, "changed", G_CALLBACK (update), self);
  update (self);
}

CwStation *
cw_station_details_get_station (CwStationDetails *self)
{
  g_return_val_if_fail (CW_IS_STATION_DETAILS (self), NULL);
  return self->station;
}

const char *
cw_station_details_get_text (CwStationDetails *self,
                             const char       *field)
{
  g_return_val_if_fail (CW_IS_STATION_DETAILS (self), NULL);

  if (g_str_equal (field, "name")) return gtk_label_get_text (self->name);
  if (g_str_equal (field, "address")) return gtk_label_get_text (self->address);
  if (g_str_equal (field, "operator")) return gtk_label_get_text (self->operator_name);
  if (g_str_equal (field, "facilities")) return gtk_label_get_text (self->facilities);
  if (g_str_equal (field, "parking")) return gtk_label_get_text (self->parking);
  if (g_str_equal (field, "tariff")) return gtk_label_get_text (self->tariff);
  if (g_str_equal (field, "updated")) return gtk_label_get_text (self->updated);
  if (g_str_equal (field, "source")) return gtk_label_get_text (self->source);
  if (g_str_equal (field, "evses")) return self->evse_text;
  return NULL;
}

void
cw_station_details_set_favourite (CwStationDetails *self,
                                  gboolean          favourite)
{
  g_return_if_fail (CW_IS_STATION_DETAILS (self));

  self->updating = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->favourite), favourite);
  self->updating = FALSE;
}

void
cw_station_details_set_notify_state (CwStationDetails *self,
                                     gboolean          watching)
{
  g_return_if_fail (CW_IS_STATION_DETAILS (self));

  gtk_widget_set_sensitive (self->notify, !watching);
  gtk_button_set_label (GTK_BUTTON (self->notify),
                        watching ? _("You will be notified when a charger is free")
                                 : _("_Notify Me When a Charger Is Free"));
  gtk_button_set_use_underline (GTK_BUTTON (self->notify), !watching);
}

GtkBox *
cw_station_details_get_extra_box (CwStationDetails *self)
{
  g_return_val_if_fail (CW_IS_STATION_DETAILS (self), NULL);
  return GTK_BOX (self->extra);
}
