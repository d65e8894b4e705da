/* test-a11y.c: what a screen reader is told about the window's key
 * widgets — roles, labels, descriptions and relations, read back through
 * GTK's test accessibility context (GTK_A11Y=test, set here for this test
 * only), under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "cw-application.h"
#include "cw-filter-panel.h"
#include "cw-format.h"
#include "cw-place-entry.h"
#include "cw-preferences-window.h"
#include "cw-route-panel.h"
#include "cw-station-row.h"
#include "cw-test-gui.h"
#include "cw-test-tiles.h"
#include "cw-window-internal.h"
#include "cw-window-private.h"

static char *tmp_dir;
static char *tiles_path;

/* Every widget under @root (depth first) of @type. */
static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect (c, type, out);
}

static GtkWidget *
find_first (GtkWidget *root,
            GType      type)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();

  collect (root, type, all);
  return all->len > 0 ? g_ptr_array_index (all, 0) : NULL;
}

static gboolean
has_rows (gpointer data)
{
  return find_first (GTK_WIDGET (data), CW_TYPE_STATION_ROW) != NULL;
}

static CwWindow *
open_window (GSettings *settings)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  CwWindow *window = cw_window_new (NULL, store, settings, "demo", tiles_path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cw_test_wait_for (cw_test_window_loaded, window, 30));
  g_assert_true (cw_test_wait_for (has_rows, window, 10));
  return window;
}

/* What a sighted user reads in a row, and what the status dot's colour
 * says, is what the row's description tells a screen reader. */
static void
check_row (CwStationRow *row)
{
  GtkWidget *dot = gtk_widget_get_first_child (GTK_WIDGET (row));
  GtkWidget *texts = gtk_widget_get_next_sibling (dot);
  GtkLabel *title = GTK_LABEL (gtk_widget_get_first_child (texts));
  GtkLabel *subtitle = GTK_LABEL (gtk_widget_get_next_sibling (GTK_WIDGET (title)));
  GtkLabel *distance = GTK_LABEL (gtk_widget_get_last_child (GTK_WIDGET (row)));
  const char *status = gtk_widget_get_tooltip_text (dot);
  g_autofree char *description = NULL;

  g_auto (GStrv) lines = NULL;
  g_autofree char *said = NULL;

  g_assert_nonnull (status);
  g_assert_cmpstr (gtk_label_get_text (subtitle), !=, "");
  /* Lines become sentences; the distance, when shown, ends it. */
  lines = g_strsplit (gtk_label_get_text (subtitle), "\n", -1);
  said = g_strjoinv (". ", lines);
  if (gtk_widget_get_visible (GTK_WIDGET (distance)))
    description = g_strdup_printf ("%s. %s. %s", status, said, gtk_label_get_text (distance));
  else
    description = g_strdup_printf ("%s. %s", status, said);
  gtk_test_accessible_assert_role (row, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (title));
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  /* Free chargers are in it: "2 of 4 free". */
  g_assert_nonnull (strstr (description, " free"));
}

static void
test_window_roles_and_labels (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  CwWindow *window = open_window (settings);
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();
  g_autoptr (GPtrArray) toggles = g_ptr_array_new ();
  GtkWidget *list, *map, *route, *scale, *chips_panel;
  guint n_chips = 0;

  /* The list: the map's alternative for keyboards and screen readers. */
  list = NULL;
  {
    g_autoptr (GPtrArray) lists = g_ptr_array_new ();

    collect (root, GTK_TYPE_LIST_VIEW, lists);
    for (guint i = 0; i < lists->len && list == NULL; i++)
      if (find_first (g_ptr_array_index (lists, i), CW_TYPE_STATION_ROW) != NULL)
        list = g_ptr_array_index (lists, i);
  }
  g_assert_nonnull (list);
  gtk_test_accessible_assert_role (list, GTK_ACCESSIBLE_ROLE_LIST);
  gtk_test_accessible_assert_property (list, GTK_ACCESSIBLE_PROPERTY_LABEL, "Stations in view");
  collect (list, CW_TYPE_STATION_ROW, rows);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    check_row (g_ptr_array_index (rows, i));

  /* The map: a labelled group that says where its content also is. */
  map = GTK_WIDGET (_cw_window_get_map (window));
  gtk_test_accessible_assert_role (map, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (map, GTK_ACCESSIBLE_PROPERTY_LABEL, "Map");
  gtk_test_accessible_assert_property (map, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Stations on the map. The station list holds the same "
                                       "stations, for the keyboard and screen readers.");

  /* Place searches: search boxes named after what they ask for. */
  route = find_first (root, CW_TYPE_ROUTE_PANEL);
  g_assert_nonnull (route);
  g_ptr_array_add (entries, find_first (GTK_WIDGET (cw_route_panel_get_origin (CW_ROUTE_PANEL (route))),
                                        GTK_TYPE_SEARCH_ENTRY));
  g_ptr_array_add (entries, find_first (GTK_WIDGET (cw_route_panel_get_destination (CW_ROUTE_PANEL (route))),
                                        GTK_TYPE_SEARCH_ENTRY));
  gtk_test_accessible_assert_role (g_ptr_array_index (entries, 0), GTK_ACCESSIBLE_ROLE_SEARCH_BOX);
  gtk_test_accessible_assert_property (g_ptr_array_index (entries, 0), GTK_ACCESSIBLE_PROPERTY_LABEL, "From");
  gtk_test_accessible_assert_role (g_ptr_array_index (entries, 1), GTK_ACCESSIBLE_ROLE_SEARCH_BOX);
  gtk_test_accessible_assert_property (g_ptr_array_index (entries, 1), GTK_ACCESSIBLE_PROPERTY_LABEL, "To");

  /* The corridor slider: named, its value in words, described by the
   * line above it. */
  scale = find_first (route, GTK_TYPE_SCALE);
  g_assert_nonnull (scale);
  gtk_test_accessible_assert_role (scale, GTK_ACCESSIBLE_ROLE_SLIDER);
  gtk_test_accessible_assert_property (scale, GTK_ACCESSIBLE_PROPERTY_LABEL, "Distance from the route");
  cw_route_panel_set_corridor_km (CW_ROUTE_PANEL (route), 1.5);
  gtk_test_accessible_assert_property (scale, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "1.5 km");
  {
    GtkWidget *label = gtk_widget_get_prev_sibling (scale);

    g_assert_true (GTK_IS_LABEL (label));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Within 1.5 km of the route");
    gtk_test_accessible_assert_relation (scale, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL);
  }
  /* Icon-only route buttons have names. */
  {
    g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

    collect (route, GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      {
        GtkWidget *b = g_ptr_array_index (buttons, i);
        const char *tip = gtk_widget_get_tooltip_text (b);

        if (gtk_button_get_label (GTK_BUTTON (b)) != NULL || tip == NULL)
          continue;
        gtk_test_accessible_assert_role (b, GTK_ACCESSIBLE_ROLE_BUTTON);
        gtk_test_accessible_assert_property (b, GTK_ACCESSIBLE_PROPERTY_LABEL, tip);
      }
  }

  /* Filter chips: buttons (pressed or not) saying what they filter for. */
  {
    g_autoptr (GPtrArray) expanders = g_ptr_array_new ();

    /* A collapsed expander keeps its child out of the tree. */
    collect (root, GTK_TYPE_EXPANDER, expanders);
    for (guint i = 0; i < expanders->len; i++)
      gtk_expander_set_expanded (g_ptr_array_index (expanders, i), TRUE);
  }
  chips_panel = find_first (root, CW_TYPE_FILTER_PANEL);
  g_assert_nonnull (chips_panel);
  collect (chips_panel, GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (toggles, i);
      const char *tip;

      if (!gtk_widget_has_css_class (chip, "cw-chip"))
        continue;
      tip = gtk_widget_get_tooltip_text (chip);
      gtk_test_accessible_assert_role (chip, GTK_ACCESSIBLE_ROLE_BUTTON);
      gtk_test_accessible_assert_property (chip, GTK_ACCESSIBLE_PROPERTY_LABEL, tip);
      gtk_test_accessible_assert_state (chip, GTK_ACCESSIBLE_STATE_PRESSED, GTK_ACCESSIBLE_TRISTATE_FALSE);
      n_chips++;
    }
  g_assert_cmpuint (n_chips, >=, 8);
  {
    GtkWidget *chip = NULL;

    for (guint i = 0; i < toggles->len && chip == NULL; i++)
      if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (toggles, i)), "chip-ccs2") == 0)
        chip = g_ptr_array_index (toggles, i);
    g_assert_nonnull (chip);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), TRUE);
    gtk_test_accessible_assert_state (chip, GTK_ACCESSIBLE_STATE_PRESSED, GTK_ACCESSIBLE_TRISTATE_TRUE);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), FALSE);
  }

  /* Details: the favourite star is a named toggle. */
  {
    GtkSingleSelection *selection = _cw_window_get_selection (window);
    GtkWidget *details = GTK_WIDGET (_cw_window_get_details (window));
    GtkWidget *star;

    gtk_single_selection_set_selected (selection, 0);
    star = find_first (details, GTK_TYPE_TOGGLE_BUTTON);
    g_assert_nonnull (star);
    gtk_test_accessible_assert_role (star, GTK_ACCESSIBLE_ROLE_BUTTON);
    gtk_test_accessible_assert_property (star, GTK_ACCESSIBLE_PROPERTY_LABEL, "Favourite");
    gtk_test_accessible_assert_state (star, GTK_ACCESSIBLE_STATE_PRESSED,
                                      gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star))
                                      ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The distance-units setting reaches what a screen reader hears. */
static gboolean
rows_in_miles (gpointer data)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect (GTK_WIDGET (data), CW_TYPE_STATION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *distance = gtk_widget_get_last_child (g_ptr_array_index (rows, i));

      if (gtk_widget_get_visible (distance) && g_str_has_suffix (gtk_label_get_text (GTK_LABEL (distance)), " mi"))
        return TRUE;
    }
  return FALSE;
}

static gboolean
rows_along_route (gpointer data)
{
  GtkWidget *row = find_first (GTK_WIDGET (data), CW_TYPE_STATION_ROW);
  GtkWidget *texts, *sub;

  if (row == NULL)
    return FALSE;
  texts = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));
  sub = gtk_widget_get_next_sibling (gtk_widget_get_first_child (texts));
  return g_str_has_prefix (gtk_label_get_text (GTK_LABEL (sub)), "mile ");
}

static void
test_units_in_rows (void)
{
  g_autoptr (GSettings) settings = cw_settings_new_if_installed ();
  CwWindow *window = open_window (settings);
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *route, *scale;

  g_assert_false (rows_in_miles (window));

  /* Chosen in Preferences. */
  {
    GtkWidget *prefs = cw_preferences_window_new (GTK_WINDOW (window), settings);
    g_autoptr (GPtrArray) combos = g_ptr_array_new ();
    AdwComboRow *units = NULL;

    collect (prefs, ADW_TYPE_COMBO_ROW, combos);
    for (guint i = 0; i < combos->len; i++)
      if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (combos, i)), "Distances") == 0)
        units = g_ptr_array_index (combos, i);
    g_assert_nonnull (units);
    g_assert_cmpuint (adw_combo_row_get_selected (units), ==, CW_DISTANCE_UNITS_AUTO);
    adw_combo_row_set_selected (units, CW_DISTANCE_UNITS_MILES);
    gtk_window_destroy (GTK_WINDOW (prefs));
  }
  {
    g_autofree char *chosen = g_settings_get_string (settings, "distance-units");
    g_assert_cmpstr (chosen, ==, "miles");
  }
  g_assert_true (cw_test_wait_for (rows_in_miles, window, 10));
  collect (GTK_WIDGET (window), CW_TYPE_STATION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    check_row (g_ptr_array_index (rows, i));

  /* The map's scale bar follows. */
  g_assert_cmpint (shumate_scale_get_unit (shumate_simple_map_get_scale (_cw_window_get_map (window))), ==,
                   SHUMATE_UNIT_IMPERIAL);

  route = find_first (GTK_WIDGET (window), CW_TYPE_ROUTE_PANEL);
  scale = find_first (route, GTK_TYPE_SCALE);
  cw_route_panel_set_corridor_km (CW_ROUTE_PANEL (route), 3.0);
  gtk_test_accessible_assert_property (scale, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "1.9 mi");

  /* Along a route: "mile 12 · 0.5 mi off route" on the first line. */
  {
    CwLatLon pts[] = { { 52.37, 4.89 }, { 52.09, 5.12 }, { 51.44, 5.47 } };
    g_autoptr (CwRoute) r = cw_route_new (pts, G_N_ELEMENTS (pts));
    g_autoptr (GPtrArray) along = g_ptr_array_new ();

    _cw_window_set_route (window, r, NULL);
    g_assert_true (cw_test_wait_for (rows_along_route, window, 10));
    collect (GTK_WIDGET (window), CW_TYPE_STATION_ROW, along);
    g_assert_cmpuint (along->len, >, 0);
    for (guint i = 0; i < along->len; i++)
      {
        GtkWidget *texts = gtk_widget_get_next_sibling (gtk_widget_get_first_child (g_ptr_array_index (along, i)));
        GtkWidget *sub = gtk_widget_get_next_sibling (gtk_widget_get_first_child (texts));

        g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (sub)), "mile "));
        g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (sub)), " mi off route\n"));
        check_row (g_ptr_array_index (along, i));
      }
  }

  g_settings_reset (settings, "distance-units");
  g_assert_true (cw_format_get_distance_units () == CW_DISTANCE_UNITS_KILOMETRES);
  g_assert_cmpint (shumate_scale_get_unit (shumate_simple_map_get_scale (_cw_window_get_map (window))), ==,
                   SHUMATE_UNIT_METRIC);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* GTK's test accessibility backend, for this test only: tests/meson.build
   * sets GTK_A11Y=none for the others. English and kilometres. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  tmp_dir = cw_test_gui_init (&argc, &argv, "cw-a11y-test-XXXXXX");
  cw_gui_init_resources ();

  tiles_path = g_build_filename (tmp_dir, "test.mbtiles", NULL);
  cw_test_write_mbtiles (tiles_path, 4, 8, 49.0, 2.0, 54.5, 10.0);

  g_test_add_func ("/a11y/window-roles-and-labels", test_window_roles_and_labels);
  g_test_add_func ("/a11y/units-in-rows", test_units_in_rows);

  ret = g_test_run ();

  g_unlink (tiles_path);
  g_free (tiles_path);
  g_free (tmp_dir);
  return ret;
}
