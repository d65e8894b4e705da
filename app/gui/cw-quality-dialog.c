/* cw-quality-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-quality"

#include <glib/gi18n.h>

#include "cw-quality-dialog.h"

struct _CwQualityDialog
{
  AdwWindow           parent_instance;

  AdwPreferencesPage *page;
  guint               n_feeds;
  guint               n_problems;
};

G_DEFINE_FINAL_TYPE (CwQualityDialog, cw_quality_dialog, ADW_TYPE_WINDOW)

const char *
cw_quality_problem_label (CwOcpiProblemKind kind)
{
  switch (kind)
    {
    case CW_OCPI_PROBLEM_NOT_AN_OBJECT:
      return _("Not a location record");
    case CW_OCPI_PROBLEM_INVALID:
      return _("A value that cannot be read");
    case CW_OCPI_PROBLEM_NO_ID:
      return _("No id");
    case CW_OCPI_PROBLEM_NO_COORDINATES:
      return _("No coordinates");
    case CW_OCPI_PROBLEM_NOT_ON_EARTH:
      return _("Coordinates not on Earth");
    case CW_OCPI_PROBLEM_OUTSIDE_COUNTRY:
      return _("Coordinates outside the feed's country");
    case CW_OCPI_PROBLEM_SWAPPED:
      return _("Latitude and longitude swapped");
    case CW_OCPI_PROBLEM_MISSING_MINUS:
      return _("A coordinate missing its minus sign");
    case CW_OCPI_PROBLEM_DUPLICATE:
      return _("The same id twice (the newest kept)");
    case CW_OCPI_PROBLEM_TARIFF_INVALID:
      return _("A tariff that cannot be read");
    case CW_OCPI_PROBLEM_TARIFF_NO_PRICE:
      return _("A tariff with no price (price unknown, not free)");
    case CW_N_OCPI_PROBLEMS:
    default:
      return _("Other");
    }
}

static GtkWidget *
count_row (const char *title,
           guint       count,
           const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *text = g_strdup_printf ("%u", count);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (row, subtitle);
      adw_action_row_set_subtitle_lines (row, 0);
    }
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (row, label);
  return GTK_WIDGET (row);
}

static void
add_report (CwQualityDialog *self,
            CwLiveSource    *live)
{
  CwSourceSpec *spec = cw_live_source_get_spec (live);
  CwFeedReport *r = cw_live_source_get_report (live);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const CwOcpiParseStats *st;
  g_autofree char *when = NULL;
  g_autofree char *description = NULL;

  adw_preferences_group_set_title (group, spec->label);
  adw_preferences_page_add (self->page, group);
  self->n_feeds++;
  if (r == NULL)
    {
      const char *error = cw_live_source_get_error (live);

      adw_preferences_group_set_description (group, error ? error : _("Not read yet."));
      return;
    }
  st = &r->stats;
  {
    g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (r->time);
    when = g_date_time_format (dt, "%x %X");
  }
  if (r->unchanged)
    description = g_strdup_printf (_("Read %s: unchanged since the read before (the feed said “not modified”)."),
                                   when);
  else if (r->delta)
    description = g_strdup_printf (_("Read %s: the changes since the read before."), when);
  else
    description = g_strdup_printf (_("Read %s. Nothing is corrected by guessing: what cannot be placed is "
                                     "left off the map and listed here."), when);
  adw_preferences_group_set_description (group, description);
  if (r->unchanged)
    return;

  adw_preferences_group_add (group, count_row (_("Locations read"), r->read, NULL));
  adw_preferences_group_add (group, count_row (_("Shown on the map"), st->locations - r->hidden, NULL));
  adw_preferences_group_add (group, count_row (_("Not published (publish: false), never shown"), r->hidden, NULL));

  {
    AdwExpanderRow *left = ADW_EXPANDER_ROW (adw_expander_row_new ());
    g_autofree char *count = g_strdup_printf ("%u", st->skipped);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (left), _("Left out"));
    adw_expander_row_set_subtitle (left, _("By reason, then each record"));
    adw_expander_row_add_action (left, gtk_label_new (count));
    for (guint k = 0; k < CW_N_OCPI_PROBLEMS; k++)
      if (st->by_kind[k] > 0)
        adw_expander_row_add_row (left, count_row (cw_quality_problem_label (k), st->by_kind[k], NULL));
    for (guint i = 0; i < st->problems->len; i++)
      {
        const CwOcpiProblem *p = g_ptr_array_index (st->problems, i);
        AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
        g_autofree char *title = NULL;
        g_autofree char *subtitle = NULL;

        if (p->name != NULL && p->id != NULL)
          title = g_strdup_printf (_("%s (id %s)"), p->name, p->id);
        else
          title = g_strdup (p->name ? p->name : p->id ? p->id : p->path);
        subtitle = g_strdup_printf ("%s%s: %s", cw_quality_problem_label (p->kind),
                                    p->corrected ? _(", corrected") : "", p->message);
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        adw_action_row_set_subtitle (row, subtitle);
        adw_action_row_set_subtitle_lines (row, 0);
        gtk_widget_add_css_class (GTK_WIDGET (row), "property");
        adw_expander_row_add_row (left, GTK_WIDGET (row));
        self->n_problems++;
      }
    adw_preferences_group_add (group, GTK_WIDGET (left));
  }

  {
    g_autoptr (GString) values = g_string_new (NULL);
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, st->nonspec_statuses);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_string_append_printf (values, "%s“%s” × %u", values->len ? ", " : "", (const char *) key,
                              GPOINTER_TO_UINT (value));
    adw_preferences_group_add (group, count_row (_("Statuses outside OCPI, mapped to the nearest"),
                                                 st->statuses_mapped, values->len ? values->str : NULL));
    adw_preferences_group_add (group, count_row (_("Statuses outside OCPI, shown as unknown"),
                                                 st->statuses_unknown, NULL));
  }
  adw_preferences_group_add (group, count_row (_("Locations with no id (one made from the name)"),
                                               st->ids_derived, NULL));
  adw_preferences_group_add (group, count_row (_("Times without a time zone (read as UTC)"),
                                               st->times_without_zone, NULL));
  adw_preferences_group_add (group, count_row (_("Tariffs read"), st->tariffs, NULL));
  adw_preferences_group_add (group, count_row (_("Tariffs left out"), st->tariffs_skipped, NULL));
}

static void
cw_quality_dialog_class_init (CwQualityDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_quality_dialog_init (CwQualityDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Data Quality"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->page));
  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWidget *
cw_quality_dialog_new (GtkWindow *parent,
                       GPtrArray *sources)
{
  CwQualityDialog *self = g_object_new (CW_TYPE_QUALITY_DIALOG, "transient-for", parent, NULL);

  for (guint i = 0; sources && i < sources->len; i++)
    {
      CwLiveSource *live = g_ptr_array_index (sources, i);

      if (cw_live_source_get_spec (live)->feed_id != NULL)
        add_report (self, live);
    }
  if (self->n_feeds == 0)
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      adw_preferences_group_set_title (group, _("No Open Feed in Use"));
      adw_preferences_group_set_description (group, _("Data-quality reports are made for the open feeds "
                                                      "of charging networks, which are read as they are "
                                                      "published. Switch networks on in Preferences → Networks."));
      adw_preferences_page_add (self->page, group);
    }
  return GTK_WIDGET (self);
}

guint
cw_quality_dialog_get_n_feeds (CwQualityDialog *self)
{
  g_return_val_if_fail (CW_IS_QUALITY_DIALOG (self), 0);
  return self->n_feeds;
}

guint
cw_quality_dialog_get_n_problems (CwQualityDialog *self)
{
  g_return_val_if_fail (CW_IS_QUALITY_DIALOG (self), 0);
  return self->n_problems;
}
