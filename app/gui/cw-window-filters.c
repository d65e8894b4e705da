/* cw-window-filters.c: the filter panel and the price estimate
 *
 * The criteria filter sits between the store and everything shown:
 * the map's layer draws the filtered stations, the list adds the view
 * (or route) on top. A change re-filters with the strictness the
 * filter reports, without fetching anything again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-window"

#include <glib/gi18n.h>

#include "cw-estimate-view.h"
#include "cw-filter-panel.h"
#include "cw-window-internal.h"

static gboolean
criteria_match (gpointer item,
                gpointer user_data)
{
  CwWindow *self = user_data;
  const CwFilter *filter = cw_filter_panel_get_filter (CW_FILTER_PANEL (self->filter_panel));

  return cw_filter_matches (filter, item, g_get_real_time () / G_USEC_PER_SEC);
}

static void
update_notice (CwWindow *self)
{
  const CwFilter *filter = cw_filter_panel_get_filter (CW_FILTER_PANEL (self->filter_panel));
  g_autofree char *notice = self->spec ? cw_filter_explain_unanswerable (filter, self->spec->id) : NULL;

  cw_filter_panel_set_notice (CW_FILTER_PANEL (self->filter_panel), notice);
}

static void
on_filter_changed (CwWindow *self,
                   guint     change)
{
  GtkFilterChange how = change == CW_FILTER_CHANGE_MORE_STRICT ? GTK_FILTER_CHANGE_MORE_STRICT :
                        change == CW_FILTER_CHANGE_LESS_STRICT ? GTK_FILTER_CHANGE_LESS_STRICT :
                                                                 GTK_FILTER_CHANGE_DIFFERENT;

  gtk_filter_changed (GTK_FILTER (self->criteria_filter), how);
  update_notice (self);
  if (self->route != NULL)
    _cw_window_route_update_hits (self);
  else
    _cw_window_refilter (self);
}

/* The operators in the data, for the panel's list: a few hundred
 * stations have a handful of operators, so this is cheap. */
static void
update_operators (CwWindow *self)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n && g_hash_table_size (seen) < 200; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (model, i);
      if (s->operator_name != NULL && !g_hash_table_contains (seen, s->operator_name))
        {
          /* The store keeps the station, and so the string, alive. */
          g_hash_table_add (seen, s->operator_name);
          g_ptr_array_add (names, s->operator_name);
        }
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  cw_filter_panel_set_operators (CW_FILTER_PANEL (self->filter_panel), (const char * const *) names->pdata);
  update_notice (self);
}

void
_cw_window_filters_show_station (CwWindow  *self,
                                 CwStation *station)
{
  cw_estimate_view_set_station (CW_ESTIMATE_VIEW (self->estimate), station);
}

GListModel *
_cw_window_filters_init (CwWindow *self)
{
  GtkWidget *expander;

  self->filter_panel = cw_filter_panel_new ();
  expander = gtk_expander_new_with_mnemonic (_("_Filters"));
  gtk_widget_set_margin_start (expander, 12);
  gtk_widget_set_margin_end (expander, 12);
  gtk_expander_set_child (GTK_EXPANDER (expander), self->filter_panel);
  gtk_box_append (self->route_box, expander);
  g_signal_connect_object (self->filter_panel, "changed", G_CALLBACK (on_filter_changed),
                           self, G_CONNECT_SWAPPED);

  self->criteria_filter = gtk_custom_filter_new (criteria_match, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->criteria_filter)));
  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (update_operators),
                           self, G_CONNECT_SWAPPED);

  self->estimate = cw_estimate_view_new ();
  gtk_box_append (cw_station_details_get_extra_box (self->details), self->estimate);
  return G_LIST_MODEL (self->filtered);
}

void
_cw_window_filters_dispose (CwWindow *self)
{
  g_clear_object (&self->filtered);
  g_clear_object (&self->criteria_filter);
}
