/* cw-place-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-place-entry"

#include <glib/gi18n.h>

#include "cw-place-entry.h"

#define DEBOUNCE_MS 400

struct _CwPlaceEntry
{
  GtkWidget     parent_instance;

  GtkWidget    *entry;
  GtkWidget    *popover;
  GtkWidget    *list;
  CwGeocoder   *geocoder;
  GCancellable *cancellable;
  GPtrArray    *suggestions;   /* CwPlace* */
  CwPlace      *place;
  guint         debounce_id;
  gboolean      setting;
};

enum {
  PLACE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CwPlaceEntry, cw_place_entry, GTK_TYPE_WIDGET)

static void
set_place_internal (CwPlaceEntry  *self,
                    CwPlace       *place)
{
  g_clear_pointer (&self->place, cw_place_free);
  self->place = place;
  g_signal_emit (self, signals[PLACE_CHANGED], 0);
}

static void
search_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CwPlaceEntry *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) places = cw_geocoder_search_finish (CW_GEOCODER (object), result, &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  while ((child = gtk_widget_get_first_child (self->list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);

  if (places == NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (self->list), label);
    }
  else if (places->len == 0)
    gtk_list_box_append (GTK_LIST_BOX (self->list), gtk_label_new (_("No places found")));
  else
    {
      self->suggestions = g_steal_pointer (&places);
      for (guint i = 0; i < self->suggestions->len; i++)
        {
          const CwPlace *p = g_ptr_array_index (self->suggestions, i);
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          GtkWidget *name = gtk_label_new (p->name);
          GtkWidget *desc = gtk_label_new (p->description);

          gtk_label_set_xalign (GTK_LABEL (name), 0);
          gtk_label_set_xalign (GTK_LABEL (desc), 0);
          gtk_label_set_ellipsize (GTK_LABEL (desc), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (desc), 40);
          gtk_widget_add_css_class (desc, "dim-label");
          gtk_widget_add_css_class (desc, "caption");
          gtk_box_append (GTK_BOX (box), name);
          gtk_box_append (GTK_BOX (box), desc);
          gtk_widget_set_margin_top (box, 4);
          gtk_widget_set_margin_bottom (box, 4);
          gtk_list_box_append (GTK_LIST_BOX (self->list), box);
        }
    }
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static gboolean
debounce_cb (gpointer user_data)
{
  CwPlaceEntry *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  self->debounce_id = 0;
  if (self->geocoder == NULL || g_utf8_strlen (text, -1) < 3)
    return G_SOURCE_REMOVE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  cw_geocoder_search_async (self->geocoder, text, 6, self->cancellable, search_done, self);
  return G_SOURCE_REMOVE;
}

static void
on_changed (CwPlaceEntry *self)
{
  /* "search-changed" comes a moment after the text changed: a place set
   * from code (its name now the text) is not the user typing. */
  if (self->setting ||
      (self->place != NULL &&
       g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), self->place->name) == 0))
    return;
  /* Typing means the place is no longer the one chosen. */
  if (self->place != NULL)
    set_place_internal (self, NULL);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (DEBOUNCE_MS, debounce_cb, self);
}

static void
on_row_activated (CwPlaceEntry  *self,
                  GtkListBoxRow *row)
{
  int i = gtk_list_box_row_get_index (row);
  const CwPlace *p;

  if (self->suggestions == NULL || i < 0 || (guint) i >= self->suggestions->len)
    return;
  p = g_ptr_array_index (self->suggestions, i);
  cw_place_entry_set_place (self, p->name, p->latitude, p->longitude);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
cw_place_entry_dispose (GObject *object)
{
  CwPlaceEntry *self = CW_PLACE_ENTRY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_object (&self->geocoder);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->place, cw_place_free);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->entry, gtk_widget_unparent);

  G_OBJECT_CLASS (cw_place_entry_parent_class)->dispose (object);
}

static void
cw_place_entry_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CwPlaceEntry *self = CW_PLACE_ENTRY (widget);

  gtk_widget_size_allocate (self->entry, &(GtkAllocation) { 0, 0, width, height }, baseline);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
cw_place_entry_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (CW_PLACE_ENTRY (widget)->entry, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
cw_place_entry_class_init (CwPlaceEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_place_entry_dispose;
  widget_class->size_allocate = cw_place_entry_size_allocate;
  widget_class->measure = cw_place_entry_measure;

  /**
   * CwPlaceEntry::place-changed:
   *
   * A place was chosen, or the choice was cleared.
   */
  signals[PLACE_CHANGED] = g_signal_new ("place-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "cw-place-entry");
}

static void
cw_place_entry_init (CwPlaceEntry *self)
{
  GtkWidget *scroll;

  self->entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (on_changed), self);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroll), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), self->list);

  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), TRUE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_popover_set_child (GTK_POPOVER (self->popover), scroll);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

GtkWidget *
cw_place_entry_new (const char *placeholder)
{
  CwPlaceEntry *self = g_object_new (CW_TYPE_PLACE_ENTRY, NULL);

  g_object_set (self->entry, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  return GTK_WIDGET (self);
}

void
cw_place_entry_set_geocoder (CwPlaceEntry *self,
                             CwGeocoder   *geocoder)
{
  g_return_if_fail (CW_IS_PLACE_ENTRY (self));
  g_set_object (&self->geocoder, geocoder);
}

const CwPlace *
cw_place_entry_get_place (CwPlaceEntry *self)
{
  g_return_val_if_fail (CW_IS_PLACE_ENTRY (self), NULL);
  return self->place;
}

void
cw_place_entry_set_place (CwPlaceEntry *self,
                          const char   *name,
                          double        latitude,
                          double        longitude)
{
  CwPlace *p;

  g_return_if_fail (CW_IS_PLACE_ENTRY (self));

  p = g_new0 (CwPlace, 1);
  p->name = g_strdup (name);
  p->description = g_strdup ("");
  p->latitude = latitude;
  p->longitude = longitude;
  self->setting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), name);
  self->setting = FALSE;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  set_place_internal (self, p);
}

void
cw_place_entry_clear (CwPlaceEntry *self)
{
  g_return_if_fail (CW_IS_PLACE_ENTRY (self));

  self->setting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  self->setting = FALSE;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->place != NULL)
    set_place_internal (self, NULL);
}

GtkEditable *
cw_place_entry_get_editable (CwPlaceEntry *self)
{
  return GTK_EDITABLE (self->entry);
}
