/* test-filter-panel.c: the filter panel and the price estimate, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cw-application.h"
#include "cw-estimate-view.h"
#include "cw-filter-panel.h"
#include "cw-source.h"
#include "cw-tariff-estimate.h"
#include "cw-test-gui.h"

/* A fixed start: Monday 2 November 2026, 10:00 in Amsterdam. */
#define FIXED_NOW G_GINT64_CONSTANT (1793610000)

static char *tmp_dir;

/* ---- helpers ---- */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
get_named (GtkWidget  *root,
           const char *name)
{
  GtkWidget *w = find_named (root, name);

  if (w == NULL)
    g_error ("no widget named \"%s\"", name);
  return w;
}

/* A visible label whose text holds @needle. */
static GtkWidget *
find_label_with (GtkWidget  *root,
                 const char *needle)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_with (c, needle);
      if (found)
        return found;
    }
  return NULL;
}

typedef struct {
  guint          count;
  CwFilterChange last;
} Changes;

static void
on_changed (CwFilterPanel *panel,
            guint          change,
            Changes       *changes)
{
  g_assert_cmpuint (change, !=, CW_FILTER_CHANGE_NONE);
  changes->count++;
  changes->last = change;
}

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 420, 600);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return window;
}

/* Toggles @chip as a user would and checks the one "changed" it gives. */
static void
toggle_expect (CwFilterPanel  *panel,
               Changes        *changes,
               const char     *chip,
               gboolean        on,
               CwFilterChange  expected)
{
  GtkWidget *button = get_named (GTK_WIDGET (panel), chip);
  guint before = changes->count;

  g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)), !=, on);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), on);
  g_assert_cmpuint (changes->count, ==, before + 1);
  if (changes->last != expected)
    g_error ("%s %s: change %u, expected %u", chip, on ? "on" : "off", changes->last, expected);
}

static gboolean
chip_on (CwFilterPanel *panel,
         const char    *chip)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (get_named (GTK_WIDGET (panel), chip)));
}

static void
expand_more (CwFilterPanel *panel)
{
  gtk_expander_set_expanded (GTK_EXPANDER (get_named (GTK_WIDGET (panel), "more-filters")), TRUE);
}

/* ---- the panel ---- */

static void
test_chips (void)
{
  CwFilterPanel *panel = CW_FILTER_PANEL (cw_filter_panel_new ());
  GtkWidget *window = show_in_window (GTK_WIDGET (panel));
  Changes changes = { 0 };
  const CwFilter *f;
  static const char *flags[] = { "chip-free", "chip-motorway", "chip-open", "chip-public" };

  g_signal_connect (panel, "changed", G_CALLBACK (on_changed), &changes);
  f = cw_filter_panel_get_filter (panel);
  g_assert_cmpuint (cw_filter_get_active (f), ==, 0);

  /* A yes/no criterion: on keeps fewer stations, off more. */
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      toggle_expect (panel, &changes, flags[i], TRUE, CW_FILTER_CHANGE_MORE_STRICT);
      g_assert_cmpuint (cw_filter_get_active (cw_filter_panel_get_filter (panel)), !=, 0);
      toggle_expect (panel, &changes, flags[i], FALSE, CW_FILTER_CHANGE_LESS_STRICT);
      g_assert_cmpuint (cw_filter_get_active (cw_filter_panel_get_filter (panel)), ==, 0);
    }
  toggle_expect (panel, &changes, "chip-free", TRUE, CW_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (cw_filter_panel_get_filter (panel)->free_now);
  toggle_expect (panel, &changes, "chip-public", TRUE, CW_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (cw_filter_panel_get_filter (panel)->public_only);
  toggle_expect (panel, &changes, "chip-free", FALSE, CW_FILTER_CHANGE_LESS_STRICT);
  g_assert_false (cw_filter_panel_get_filter (panel)->free_now);
  g_assert_true (cw_filter_panel_get_filter (panel)->public_only);
  toggle_expect (panel, &changes, "chip-public", FALSE, CW_FILTER_CHANGE_LESS_STRICT);

  /* Connectors are "any of": the first narrows, a second one widens
   * again (a Type 2 station now counts too), as cw_filter_compare says. */
  toggle_expect (panel, &changes, "chip-ccs2", TRUE, CW_FILTER_CHANGE_MORE_STRICT);
  f = cw_filter_panel_get_filter (panel);
  g_assert_cmphex (f->standards, ==, cw_connector_group_mask (CW_CONNECTOR_GROUP_CCS2));
  toggle_expect (panel, &changes, "chip-type2", TRUE, CW_FILTER_CHANGE_LESS_STRICT);
  f = cw_filter_panel_get_filter (panel);
  g_assert_cmphex (f->standards, ==, cw_connector_group_mask (CW_CONNECTOR_GROUP_CCS2) |
                                     cw_connector_group_mask (CW_CONNECTOR_GROUP_TYPE2));
  toggle_expect (panel, &changes, "chip-ccs2", FALSE, CW_FILTER_CHANGE_MORE_STRICT);
  toggle_expect (panel, &changes, "chip-type2", FALSE, CW_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmphex (cw_filter_panel_get_filter (panel)->standards, ==, 0);
  toggle_expect (panel, &changes, "chip-nacs", TRUE, CW_FILTER_CHANGE_MORE_STRICT);
  toggle_expect (panel, &changes, "chip-nacs", FALSE, CW_FILTER_CHANGE_LESS_STRICT);
  toggle_expect (panel, &changes, "chip-chademo", TRUE, CW_FILTER_CHANGE_MORE_STRICT);
  toggle_expect (panel, &changes, "chip-chademo", FALSE, CW_FILTER_CHANGE_LESS_STRICT);

  /* Places work alike; the restaurant takes cafés along. */
  toggle_expect (panel, &changes, "chip-restaurant", TRUE, CW_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmphex (cw_filter_panel_get_filter (panel)->near, ==, CW_FACILITY_BIT (CW_FACILITY_RESTAURANT));
  toggle_expect (panel, &changes, "chip-hotel", TRUE, CW_FILTER_CHANGE_LESS_STRICT);
  toggle_expect (panel, &changes, "chip-restaurant", FALSE, CW_FILTER_CHANGE_MORE_STRICT);
  toggle_expect (panel, &changes, "chip-hotel", FALSE, CW_FILTER_CHANGE_LESS_STRICT);
  toggle_expect (panel, &changes, "chip-mall", TRUE, CW_FILTER_CHANGE_MORE_STRICT);
  toggle_expect (panel, &changes, "chip-mall", FALSE, CW_FILTER_CHANGE_LESS_STRICT);
  toggle_expect (panel, &changes, "chip-supermarket", TRUE, CW_FILTER_CHANGE_MORE_STRICT);
  toggle_expect (panel, &changes, "chip-supermarket", FALSE, CW_FILTER_CHANGE_LESS_STRICT);

  /* The power chips are one choice, kept in line with the spin button. */
  expand_more (panel);
  toggle_expect (panel, &changes, "chip-50kw", TRUE, CW_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpfloat (cw_filter_panel_get_filter (panel)->min_power_kw, ==, 50);
  toggle_expect (panel, &changes, "chip-150kw", TRUE, CW_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpfloat (cw_filter_panel_get_filter (panel)->min_power_kw, ==, 150);
  g_assert_false (chip_on (panel, "chip-50kw"));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (get_named (GTK_WIDGET (panel), "min-power"))),
                     ==, 150);
  toggle_expect (panel, &changes, "chip-50kw", TRUE, CW_FILTER_CHANGE_LESS_STRICT);
  g_assert_false (chip_on (panel, "chip-150kw"));
  toggle_expect (panel, &changes, "chip-50kw", FALSE, CW_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpfloat (cw_filter_panel_get_filter (panel)->min_power_kw, ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_named (GTK_WIDGET (panel), "min-power"))), ==, "Any");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
set_spin_expect (CwFilterPanel  *panel,
                 Changes        *changes,
                 const char     *name,
                 double          value,
                 CwFilterChange  expected)
{
  guint before = changes->count;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (get_named (GTK_WIDGET (panel), name)), value);
  g_assert_cmpuint (changes->count, ==, before + 1);
  g_assert_cmpuint (changes->last, ==, expected);
}

static GtkWidget *
operator_check (CwFilterPanel *panel,
                const char    *name)
{
  GtkWidget *list = get_named (GTK_WIDGET (panel), "operators");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      {
        GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
        if (g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), name) == 0)
          return check;
      }
  return NULL;
}

static void
test_more_filters (void)
{
  CwFilterPanel *panel = CW_FILTER_PANEL (cw_filter_panel_new ());
  GtkWidget *window = show_in_window (GTK_WIDGET (panel));
  Changes changes = { 0 };
  const char *names[] = { "Voltaplein", "Allego", "Fastned", "Allego", NULL };
  GtkWidget *list, *first_row, *price;
  const CwFilter *f;

  g_signal_connect (panel, "changed", G_CALLBACK (on_changed), &changes);
  expand_more (panel);

  set_spin_expect (panel, &changes, "min-power", 100, CW_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpfloat (cw_filter_panel_get_filter (panel)->min_power_kw, ==, 100);
  g_assert_false (chip_on (panel, "chip-50kw"));
  g_assert_false (chip_on (panel, "chip-150kw"));
  set_spin_expect (panel, &changes, "min-power", 150, CW_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (chip_on (panel, "chip-150kw"));
  set_spin_expect (panel, &changes, "min-power", 0, CW_FILTER_CHANGE_LESS_STRICT);

  /* 0 on the price is "any"; lower prices keep fewer. */
  price = get_named (GTK_WIDGET (panel), "max-price");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (price)), ==, "Any");
  set_spin_expect (panel, &changes, "max-price", 0.5, CW_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpfloat_with_epsilon (cw_filter_panel_get_filter (panel)->max_price_kwh, 0.5, 1e-9);
  set_spin_expect (panel, &changes, "max-price", 0.4, CW_FILTER_CHANGE_MORE_STRICT);
  set_spin_expect (panel, &changes, "max-price", 0.45, CW_FILTER_CHANGE_LESS_STRICT);
  set_spin_expect (panel, &changes, "max-price", 0, CW_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpfloat (cw_filter_panel_get_filter (panel)->max_price_kwh, <, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (price)), ==, "Any");

  /* Operators: sorted, once each; the first picked narrows, a second widens. */
  cw_filter_panel_set_operators (panel, names);
  g_assert_cmpuint (changes.count, ==, 7);
  list = get_named (GTK_WIDGET (panel), "operators");
  first_row = gtk_widget_get_first_child (list);
  while (!GTK_IS_LIST_BOX_ROW (first_row))
    first_row = gtk_widget_get_next_sibling (first_row);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (first_row)))),
                   ==, "Allego");
  g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (gtk_widget_get_parent (operator_check (panel, "Voltaplein")))),
                   ==, 2);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (operator_check (panel, "Fastned")), TRUE);
  g_assert_cmpuint (changes.last, ==, CW_FILTER_CHANGE_MORE_STRICT);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (operator_check (panel, "Allego")), TRUE);
  g_assert_cmpuint (changes.last, ==, CW_FILTER_CHANGE_LESS_STRICT);
  f = cw_filter_panel_get_filter (panel);
  g_assert_cmpuint (g_strv_length (f->operators), ==, 2);
  g_assert_cmpstr (f->operators[0], ==, "Allego");
  g_assert_cmpstr (f->operators[1], ==, "Fastned");
  /* New data without Fastned: the chosen operator stays, to be unchosen. */
  cw_filter_panel_set_operators (panel, (const char *[]) { "Allego", NULL });
  g_assert_nonnull (operator_check (panel, "Fastned"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (operator_check (panel, "Fastned"))));
  g_assert_null (operator_check (panel, "Voltaplein"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (operator_check (panel, "Fastned")), FALSE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (operator_check (panel, "Allego")), FALSE);
  g_assert_cmpuint (changes.last, ==, CW_FILTER_CHANGE_LESS_STRICT);
  g_assert_null (cw_filter_panel_get_filter (panel)->operators);
  g_assert_cmpuint (changes.count, ==, 11);

  /* The notice: shown with text, hidden without. */
  cw_filter_panel_set_notice (panel, "Open Charge Map data cannot answer near a place.");
  g_assert_true (gtk_widget_get_visible (get_named (GTK_WIDGET (panel), "notice")));
  g_assert_cmpstr (cw_filter_panel_get_notice (panel), ==, "Open Charge Map data cannot answer near a place.");
  cw_filter_panel_set_notice (panel, NULL);
  g_assert_false (gtk_widget_get_visible (get_named (GTK_WIDGET (panel), "notice")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_round_trip_and_reset (void)
{
  static const char *text =
    "standard=CCS2,CCS1;min_kw=75;free;operator=Ionity%2C GmbH,Allego;near=HOTEL,CAFE;"
    "motorway;open;public;max_price=0.45EUR";
  CwFilterPanel *panel = CW_FILTER_PANEL (cw_filter_panel_new ());
  GtkWidget *window = show_in_window (GTK_WIDGET (panel));
  g_autoptr (GError) error = NULL;
  g_autoptr (CwFilter) in = cw_filter_from_string (text, &error);
  g_autofree char *in_text = NULL;
  g_autofree char *out_text = NULL;
  g_autofree char *after_text = NULL;
  GtkWidget *reset;
  Changes changes = { 0 };

  g_assert_no_error (error);
  g_signal_connect (panel, "changed", G_CALLBACK (on_changed), &changes);

  /* Set while "More filters" is closed: its controls follow all the same. */
  cw_filter_panel_set_filter (panel, in);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.last, ==, CW_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (cw_filter_equal (cw_filter_panel_get_filter (panel), in));
  in_text = cw_filter_to_string (in);
  out_text = cw_filter_to_string (cw_filter_panel_get_filter (panel));
  g_assert_cmpstr (out_text, ==, in_text);
  g_assert_true (cw_filter_panel_get_filter (panel) != in);

  /* The same again changes nothing. */
  cw_filter_panel_set_filter (panel, in);
  g_assert_cmpuint (changes.count, ==, 1);

  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (get_named (GTK_WIDGET (panel), "more-filters"))));
  g_assert_true (chip_on (panel, "chip-ccs2"));
  g_assert_true (chip_on (panel, "chip-ccs1"));
  g_assert_false (chip_on (panel, "chip-type2"));
  g_assert_true (chip_on (panel, "chip-free"));
  g_assert_true (chip_on (panel, "chip-hotel"));
  g_assert_false (chip_on (panel, "chip-restaurant"));   /* CAFE alone is not the restaurant chip */
  g_assert_true (chip_on (panel, "chip-motorway"));
  g_assert_true (chip_on (panel, "chip-open"));
  g_assert_true (chip_on (panel, "chip-public"));
  g_assert_false (chip_on (panel, "chip-50kw"));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (get_named (GTK_WIDGET (panel), "min-power"))), ==, 75);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (get_named (GTK_WIDGET (panel), "max-price"))),
                                  0.45, 1e-9);
  g_assert_nonnull (operator_check (panel, "Ionity, GmbH"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (operator_check (panel, "Ionity, GmbH"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (operator_check (panel, "Allego"))));

  /* A chip changes its own criterion only: CAFE and the currency stay. */
  toggle_expect (panel, &changes, "chip-motorway", FALSE, CW_FILTER_CHANGE_LESS_STRICT);
  after_text = cw_filter_to_string (cw_filter_panel_get_filter (panel));
  g_assert_cmpstr (after_text, ==,
                   "standard=CCS2,CCS1;min_kw=75;free;operator=Allego,Ionity%2C GmbH;near=HOTEL,CAFE;"
                   "open;public;max_price=0.45EUR");

  /* Reset: everything off, once, and nothing left to reset. */
  reset = get_named (GTK_WIDGET (panel), "reset");
  g_assert_true (gtk_widget_get_sensitive (reset));
  g_signal_emit_by_name (reset, "clicked");
  g_assert_cmpuint (changes.count, ==, 3);
  g_assert_cmpuint (changes.last, ==, CW_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpuint (cw_filter_get_active (cw_filter_panel_get_filter (panel)), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (reset));
  g_assert_false (chip_on (panel, "chip-ccs2"));
  g_assert_false (chip_on (panel, "chip-hotel"));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (operator_check (panel, "Allego"))));
  cw_filter_panel_reset (panel);
  g_assert_cmpuint (changes.count, ==, 3);

  /* NULL is the empty filter; a new, different filter is DIFFERENT. */
  {
    g_autoptr (CwFilter) a = cw_filter_from_string ("min_kw=150", NULL);
    g_autoptr (CwFilter) b = cw_filter_from_string ("motorway", NULL);

    cw_filter_panel_set_filter (panel, a);
    g_assert_cmpuint (changes.last, ==, CW_FILTER_CHANGE_MORE_STRICT);
    g_assert_true (chip_on (panel, "chip-150kw"));
    cw_filter_panel_set_filter (panel, b);
    g_assert_cmpuint (changes.last, ==, CW_FILTER_CHANGE_DIFFERENT);
    cw_filter_panel_set_filter (panel, NULL);
    g_assert_cmpuint (changes.last, ==, CW_FILTER_CHANGE_LESS_STRICT);
    g_assert_cmpuint (changes.count, ==, 6);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the estimate ---- */

static GPtrArray *
load (const char *spec_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse (spec_text, &error);
  GPtrArray *stations;

  g_assert_no_error (error);
  stations = cw_source_load (spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stations);
  return stations;
}

static const CwConnector *
fastest_priced (CwStation *s)
{
  const CwConnector *best = NULL;

  for (guint i = 0; i < s->n_evses; i++)
    {
      const CwEvse *e = &s->evses[i];
      for (guint j = 0; j < e->n_connectors; j++)
        {
          const CwConnector *c = &cw_evse_get_connectors (e)[j];
          if (cw_connector_get_tariff (c) != NULL && (best == NULL || c->max_power_kw > best->max_power_kw))
            best = c;
        }
    }
  return best;
}

static guint
count_tariffs (CwStation *s)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; i < s->n_evses; i++)
    {
      const CwEvse *e = &s->evses[i];
      for (guint j = 0; j < e->n_connectors; j++)
        {
          const CwConnector *c = &cw_evse_get_connectors (e)[j];
          if (cw_connector_get_tariff (c) != NULL && !g_ptr_array_find (seen, cw_connector_get_tariff (c), NULL))
            g_ptr_array_add (seen, cw_connector_get_tariff (c));
        }
    }
  return seen->len;
}

static gboolean
has_dimension (const CwTariff *t,
               CwTariffDimension dim)
{
  for (guint i = 0; i < t->elements->len; i++)
    {
      const CwTariffElement *el = g_ptr_array_index (t->elements, i);
      for (guint j = 0; j < el->components->len; j++)
        if (g_array_index (el->components, CwPriceComponent, j).type == dim)
          return TRUE;
    }
  return FALSE;
}

static CwTariffEstimate *
direct_estimate (CwStation      *station,
                 const CwTariff *tariff,
                 double          energy,
                 double          power,
                 guint           idle_min)
{
  CwSessionPlan plan = {
    .start = FIXED_NOW,
    .time_zone = cw_station_get_time_zone (station),
    .energy_kwh = energy,
    .power_kw = power,
    .idle_seconds = idle_min * 60,
  };
  g_autoptr (GError) error = NULL;
  CwTariffEstimate *est = cw_tariff_estimate (tariff, &plan, &error);

  g_assert_no_error (error);
  return est;
}

/* The amount a label shows, read back: "€23.60" → 23.60. */
static double
shown_amount (const char *text)
{
  const char *p = text;

  g_assert_nonnull (text);
  while (*p && !g_ascii_isdigit (*p))
    p++;
  g_assert_true (*p != '\0');
  return g_ascii_strtod (p, NULL) * (strstr (text, "−") != NULL ? -1 : 1);
}

static void
assert_total (CwEstimateView         *view,
              const CwTariffEstimate *est)
{
  const char *total = cw_estimate_view_get_total_text (view);
  char want[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (want, sizeof want, "%.2f", round (est->total_incl * 100) / 100);
  if (strstr (total, want) == NULL)
    g_error ("estimate view shows \"%s\", cw_tariff_estimate says %s", total, want);
  if (g_strcmp0 (est->currency, "EUR") == 0)
    g_assert_true (g_str_has_prefix (total, "€"));
}

static void
test_estimate_demo (void)
{
  g_autoptr (GPtrArray) stations = load ("demo");
  CwEstimateView *view = CW_ESTIMATE_VIEW (cw_estimate_view_new ());
  GtkWidget *window = show_in_window (GTK_WIDGET (view));
  CwStation *plain = NULL, *several = NULL;
  const CwConnector *fast;
  g_autoptr (CwTariffEstimate) est = NULL;
  GtkWidget *idle_amount;
  double power;

  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      const CwConnector *c = fastest_priced (s);

      if (c == NULL)
        continue;
      if (plain == NULL && count_tariffs (s) == 1 && c->max_power_kw >= 150 &&
          has_dimension (cw_connector_get_tariff (c), CW_TARIFF_DIMENSION_PARKING_TIME))
        plain = s;
      if (several == NULL && count_tariffs (s) > 1)
        several = s;
    }
  g_assert_nonnull (plain);
  g_assert_nonnull (several);

  /* The defaults: 40 kWh at min (connector, 150 kW), 10 min idle. */
  cw_estimate_view_set_now (view, FIXED_NOW);
  cw_estimate_view_set_station (view, plain);
  fast = fastest_priced (plain);
  g_assert_true (cw_estimate_view_get_tariff (view) == cw_connector_get_tariff (fast));
  power = gtk_spin_button_get_value (GTK_SPIN_BUTTON (get_named (GTK_WIDGET (view), "power")));
  g_assert_cmpfloat (power, ==, MIN (fast->max_power_kw, 150));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (get_named (GTK_WIDGET (view), "energy"))), ==, 40);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (get_named (GTK_WIDGET (view), "idle"))), ==, 10);
  est = direct_estimate (plain, cw_connector_get_tariff (fast), 40, power, 10);
  assert_total (view, est);
  {
    g_autofree char *words = cw_tariff_describe (cw_connector_get_tariff (fast));
    g_test_message ("%s: %s (%s)", cw_station_get_name (plain), cw_estimate_view_get_total_text (view), words);
  }
  g_assert_nonnull (cw_estimate_view_get_part_text (view, CW_TARIFF_DIMENSION_ENERGY));
  g_assert_cmpfloat_with_epsilon (shown_amount (cw_estimate_view_get_part_text (view, CW_TARIFF_DIMENSION_ENERGY)),
                                  est->energy_incl, 0.011);
  g_assert_nonnull (find_label_with (GTK_WIDGET (view), "Prices from the operator's published tariff"));

  /* 10 min idle after 16 min of charging is inside the demo's grace
   * time: an idle row of nothing, and no warning. */
  idle_amount = get_named (GTK_WIDGET (view), "amount-idle");
  g_assert_nonnull (cw_estimate_view_get_part_text (view, CW_TARIFF_DIMENSION_PARKING_TIME));
  if (est->parking_incl == 0)
    g_assert_false (gtk_widget_has_css_class (idle_amount, "warning"));

  /* Four hours plugged in: the idle fee bites, shown as a warning. */
  cw_estimate_view_set_session (view, 40, 0, 240);
  g_clear_pointer (&est, cw_tariff_estimate_free);
  est = direct_estimate (plain, cw_connector_get_tariff (fast), 40, power, 240);
  g_assert_cmpfloat (est->parking_incl, >, 0);
  assert_total (view, est);
  g_assert_cmpfloat_with_epsilon (shown_amount (cw_estimate_view_get_part_text (view, CW_TARIFF_DIMENSION_PARKING_TIME)),
                                  est->parking_incl, 0.011);
  g_assert_true (gtk_widget_has_css_class (idle_amount, "warning"));
  g_test_message ("4 h idle: %s, idle fee %s", cw_estimate_view_get_total_text (view),
                  cw_estimate_view_get_part_text (view, CW_TARIFF_DIMENSION_PARKING_TIME));

  /* Another power by hand, then the form follows the inputs. */
  cw_estimate_view_set_session (view, 25, 50, 0);
  g_clear_pointer (&est, cw_tariff_estimate_free);
  est = direct_estimate (plain, cw_connector_get_tariff (fast), 25, 50, 0);
  assert_total (view, est);
  g_assert_false (gtk_widget_has_css_class (idle_amount, "warning"));

  /* Several tariffs: a drop-down, the fastest first; picking another
   * moves the power to that connector. */
  cw_estimate_view_set_session (view, 40, 0, 10);
  cw_estimate_view_set_station (view, several);
  {
    GtkWidget *choice = get_named (GTK_WIDGET (view), "tariff-choice");
    GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (choice));
    CwTariff *first, *second;

    g_assert_true (gtk_widget_is_visible (choice));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_tariffs (several));
    first = cw_estimate_view_get_tariff (view);
    g_assert_true (first == cw_connector_get_tariff (fastest_priced (several)));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 1);
    second = cw_estimate_view_get_tariff (view);
    g_assert_true (second != first);
    power = gtk_spin_button_get_value (GTK_SPIN_BUTTON (get_named (GTK_WIDGET (view), "power")));
    g_clear_pointer (&est, cw_tariff_estimate_free);
    est = direct_estimate (several, second, 40, power, 10);
    assert_total (view, est);
    g_test_message ("%s, second tariff at %.1f kW: %s", cw_station_get_name (several), power,
                    cw_estimate_view_get_total_text (view));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_estimate_ocm (void)
{
  const char *shared = g_getenv ("CW_SHARED_DATA");
  g_autofree char *spec = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  CwEstimateView *view = CW_ESTIMATE_VIEW (cw_estimate_view_new ());
  GtkWidget *window = show_in_window (GTK_WIDGET (view));
  CwStation *with_text = NULL, *without = NULL;

  spec = g_strconcat ("ocm-file:", shared ? shared : "../shared/data", "/ocm/london-100-poi-compact.json", NULL);
  if (!g_file_test (spec + strlen ("ocm-file:"), G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the London Open Charge Map file is not there");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  stations = load (spec);
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      if (cw_station_get_usage_cost (s) != NULL && with_text == NULL)
        with_text = s;
      if (cw_station_get_usage_cost (s) == NULL && fastest_priced (s) == NULL && without == NULL)
        without = s;
    }

  if (with_text != NULL)
    {
      g_autofree char *given = g_strstrip (g_strdup (cw_station_get_usage_cost (with_text)));
      g_autofree char *quoted = g_strdup_printf ("“%s” (not verified)", given);

      cw_estimate_view_set_station (view, with_text);
      g_assert_cmpstr (cw_estimate_view_get_total_text (view), ==, "");
      g_assert_nonnull (find_label_with (GTK_WIDGET (view), quoted));
      g_assert_null (find_label_with (GTK_WIDGET (view), "Prices from the operator's published tariff"));
      g_test_message ("%s: %s", cw_station_get_name (with_text), quoted);
    }
  if (without != NULL)
    {
      cw_estimate_view_set_station (view, without);
      g_assert_cmpstr (cw_estimate_view_get_total_text (view), ==, "");
      g_assert_nonnull (find_label_with (GTK_WIDGET (view), "No tariff published"));
    }
  g_assert_true (with_text != NULL || without != NULL);
  cw_estimate_view_set_station (view, NULL);
  g_assert_null (cw_estimate_view_get_tariff (view));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autofree char *cache = NULL;
  int ret;

  tmp_dir = cw_test_gui_init (&argc, &argv, "cw-filter-panel-test-XXXXXX");
  cw_gui_init_resources ();

  g_test_add_func ("/filter-panel/chips", test_chips);
  g_test_add_func ("/filter-panel/more-filters", test_more_filters);
  g_test_add_func ("/filter-panel/round-trip-and-reset", test_round_trip_and_reset);
  g_test_add_func ("/estimate-view/demo", test_estimate_demo);
  g_test_add_func ("/estimate-view/open-charge-map", test_estimate_ocm);

  ret = g_test_run ();

  home = g_build_filename (tmp_dir, "home", NULL);
  cache = g_build_filename (tmp_dir, "cache", NULL);
  g_rmdir (cache);
  g_rmdir (home);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
