/* cw-filter-panel.c
 *
 * The panel owns one CwFilter; every control edits only its own
 * criterion of it, so criteria the controls cannot show (a facility or
 * standard given in a saved filter string) survive other changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-filter-panel"

#include <glib/gi18n.h>
#include <math.h>

#include "cw-filter-panel.h"

typedef enum {
  CHIP_STANDARD,                /* value: CwConnectorGroup */
  CHIP_MIN_POWER,               /* value: kW */
  CHIP_FREE,
  CHIP_NEAR,                    /* value: CwFacility */
  CHIP_MOTORWAY,
  CHIP_OPEN,
  CHIP_PUBLIC,
} ChipKind;

typedef struct {
  const char *name;
  const char *label;            /* N_ () */
  const char *description;      /* N_ (): tooltip and accessible label */
  ChipKind    kind;
  guint       value;
  gboolean    more;             /* under "More filters" */
} ChipInfo;

static const ChipInfo chip_info[] = {
  { "chip-ccs2", N_("CCS2"), N_("A CCS2 connector"), CHIP_STANDARD, CW_CONNECTOR_GROUP_CCS2, FALSE },
  { "chip-type2", N_("Type 2"), N_("A Type 2 connector"), CHIP_STANDARD, CW_CONNECTOR_GROUP_TYPE2, FALSE },
  { "chip-chademo", N_("CHAdeMO"), N_("A CHAdeMO connector"), CHIP_STANDARD, CW_CONNECTOR_GROUP_CHADEMO, FALSE },
  { "chip-nacs", N_("NACS"), N_("A NACS (SAE J3400) connector"), CHIP_STANDARD, CW_CONNECTOR_GROUP_NACS, FALSE },
  { "chip-free", N_("Free now"), N_("A charger free now"), CHIP_FREE, 0, FALSE },
  { "chip-50kw", N_("≥ 50 kW"), N_("At least 50 kW"), CHIP_MIN_POWER, 50, FALSE },
  { "chip-150kw", N_("≥ 150 kW"), N_("At least 150 kW"), CHIP_MIN_POWER, 150, FALSE },
  { "chip-restaurant", N_("Restaurant"), N_("Near a restaurant or café"), CHIP_NEAR, CW_FACILITY_RESTAURANT, FALSE },
  { "chip-hotel", N_("Hotel"), N_("Near a hotel"), CHIP_NEAR, CW_FACILITY_HOTEL, FALSE },
  { "chip-mall", N_("Mall"), N_("Near a shopping mall"), CHIP_NEAR, CW_FACILITY_MALL, FALSE },
  { "chip-supermarket", N_("Supermarket"), N_("Near a supermarket"), CHIP_NEAR, CW_FACILITY_SUPERMARKET, FALSE },
  { "chip-motorway", N_("Motorway"), N_("Along a motorway"), CHIP_MOTORWAY, 0, FALSE },
  { "chip-open", N_("Open now"), N_("Open now, by the station's opening hours"), CHIP_OPEN, 0, FALSE },
  { "chip-public", N_("Public"), N_("Open to the public"), CHIP_PUBLIC, 0, FALSE },
  { "chip-ccs1", N_("CCS1"), N_("A CCS1 connector"), CHIP_STANDARD, CW_CONNECTOR_GROUP_CCS1, TRUE },
  { "chip-domestic", N_("Domestic"), N_("A domestic socket"), CHIP_STANDARD, CW_CONNECTOR_GROUP_DOMESTIC, TRUE },
};

#define N_CHIPS G_N_ELEMENTS (chip_info)

#define MAX_POWER_KW 350
#define MAX_PRICE 5.0

struct _CwFilterPanel
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *chips[N_CHIPS];
  GtkWidget  *notice;
  GtkWidget  *expander;
  GtkWidget  *min_power;
  GtkWidget  *max_price;
  GtkWidget  *max_price_label;
  GtkWidget  *operator_list;
  GtkWidget  *operator_placeholder;
  GtkWidget  *reset;

  CwFilter   *filter;
  GPtrArray  *operators;        /* char *: what the list shows, sorted */
  gboolean    syncing;          /* controls follow the filter: not a user change */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CwFilterPanel, cw_filter_panel, GTK_TYPE_WIDGET)

static const char chip_css[] =
  "cw-filter-panel button.cw-chip {"
  "  padding: 4px 14px;"
  "  min-height: 32px;"
  "  border-radius: 9999px;"
  "}"
  "cw-filter-panel button.cw-chip:checked {"
  "  background-color: @accent_bg_color;"
  "  color: @accent_fg_color;"
  "}"
  "cw-filter-panel flowboxchild {"
  "  padding: 0;"
  "}";

/* Once per display: the panel brings its own look for its chips. */
static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr (GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "cw-filter-panel-css"))
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, chip_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "cw-filter-panel-css",
                          g_object_ref (provider), g_object_unref);
}

/* ---- the filter and the controls ---- */

static gboolean
chip_is_on (const ChipInfo *chip,
            const CwFilter *f)
{
  guint64 mask;

  switch (chip->kind)
    {
    case CHIP_STANDARD:
      mask = cw_connector_group_mask (chip->value);
      return (f->standards & mask) == mask;
    case CHIP_MIN_POWER:
      return f->min_power_kw == chip->value;
    case CHIP_FREE:
      return f->free_now;
    case CHIP_NEAR:
      return (f->near & CW_FACILITY_BIT (chip->value)) != 0;
    case CHIP_MOTORWAY:
      return f->along_motorway;
    case CHIP_OPEN:
      return f->open_now;
    case CHIP_PUBLIC:
      return f->public_only;
    default:
      g_assert_not_reached ();
    }
}

static void
chip_apply (const ChipInfo *chip,
            CwFilter       *f,
            gboolean        on)
{
  guint64 mask;

  switch (chip->kind)
    {
    case CHIP_STANDARD:
      mask = cw_connector_group_mask (chip->value);
      f->standards = on ? (f->standards | mask) : (f->standards & ~mask);
      break;
    case CHIP_MIN_POWER:
      /* The power chips are one choice: turning one off leaves "any". */
      if (on)
        f->min_power_kw = chip->value;
      else if (f->min_power_kw == chip->value)
        f->min_power_kw = 0;
      break;
    case CHIP_FREE:
      f->free_now = on;
      break;
    case CHIP_NEAR:
      f->near = on ? (f->near | CW_FACILITY_BIT (chip->value))
                   : (f->near & ~CW_FACILITY_BIT (chip->value));
      break;
    case CHIP_MOTORWAY:
      f->along_motorway = on;
      break;
    case CHIP_OPEN:
      f->open_now = on;
      break;
    case CHIP_PUBLIC:
      f->public_only = on;
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_chip_power (double kw)
{
  for (guint i = 0; i < N_CHIPS; i++)
    if (chip_info[i].kind == CHIP_MIN_POWER && chip_info[i].value == kw)
      return TRUE;
  return FALSE;
}

/* What "More filters" holds that is switched on, for its title. */
static guint
count_more (const CwFilter *f)
{
  guint n = 0;

  for (guint i = 0; i < N_CHIPS; i++)
    if (chip_info[i].more && chip_is_on (&chip_info[i], f))
      n++;
  if (f->min_power_kw > 0 && !is_chip_power (f->min_power_kw))
    n++;
  if (f->max_price_kwh >= 0)
    n++;
  if (f->operators != NULL && f->operators[0] != NULL)
    n++;
  return n;
}

static gboolean on_spin_output (GtkSpinButton *spin,
                                CwFilterPanel *self);

static GtkWidget *
operator_check (GtkWidget *row)
{
  return gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
}

static void
sync_controls (CwFilterPanel *self)
{
  const CwFilter *f = self->filter;
  g_autofree char *more = NULL;
  guint n_more = count_more (f);

  self->syncing = TRUE;

  for (guint i = 0; i < N_CHIPS; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->chips[i]), chip_is_on (&chip_info[i], f));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->min_power), MAX (f->min_power_kw, 0));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->max_price), MAX (f->max_price_kwh, 0));
  /* The text depends on the filter too ("Any" or a real 0.00), not only
   * on the value, which may not have moved. */
  on_spin_output (GTK_SPIN_BUTTON (self->min_power), self);
  on_spin_output (GTK_SPIN_BUTTON (self->max_price), self);

  for (GtkWidget *row = gtk_widget_get_first_child (self->operator_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check;
      const char *name;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      check = operator_check (row);
      name = g_object_get_data (G_OBJECT (check), "cw-operator");
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   f->operators != NULL &&
                                   g_strv_contains ((const char * const *) f->operators, name));
    }

  if (f->price_currency != NULL)
    {
      /* Translators: %s is an ISO 4217 currency code such as EUR */
      g_autofree char *text = g_strdup_printf (_("Maximum price per kWh in %s, incl. VAT"), f->price_currency);
      gtk_label_set_text (GTK_LABEL (self->max_price_label), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->max_price_label), _("Maximum price per kWh, incl. VAT"));

  gtk_widget_set_sensitive (self->reset, cw_filter_get_active (f) != 0);
  if (n_more > 0)
    /* Translators: the expander's title with how many of its filters are on */
    more = g_strdup_printf (_("More filters (%u on)"), n_more);
  else
    more = g_strdup (_("More filters"));
  gtk_expander_set_label (GTK_EXPANDER (self->expander), more);

  self->syncing = FALSE;
}

/* Takes @new_filter; tells once how it relates to the old one. */
static void
commit (CwFilterPanel *self,
        CwFilter      *new_filter)
{
  CwFilterChange change = cw_filter_compare (self->filter, new_filter);

  cw_filter_free (self->filter);
  self->filter = new_filter;
  /* Power chips and the spin button show one value: line them up. */
  sync_controls (self);
  if (change != CW_FILTER_CHANGE_NONE)
    g_signal_emit (self, signals[CHANGED], 0, (guint) change);
}

static void
on_chip_toggled (GtkToggleButton *button,
                 CwFilterPanel   *self)
{
  const ChipInfo *chip = g_object_get_data (G_OBJECT (button), "cw-chip");
  CwFilter *f;

  if (self->syncing)
    return;
  f = cw_filter_copy (self->filter);
  chip_apply (chip, f, gtk_toggle_button_get_active (button));
  commit (self, f);
}

static void
on_min_power_changed (GtkSpinButton *spin,
                      CwFilterPanel *self)
{
  CwFilter *f;

  if (self->syncing)
    return;
  f = cw_filter_copy (self->filter);
  f->min_power_kw = gtk_spin_button_get_value (spin);
  commit (self, f);
}

static void
on_max_price_changed (GtkSpinButton *spin,
                      CwFilterPanel *self)
{
  double v = gtk_spin_button_get_value (spin);
  CwFilter *f;

  if (self->syncing)
    return;
  f = cw_filter_copy (self->filter);
  /* 0 on the spin button is "any": nobody asks for free-only this way. */
  f->max_price_kwh = v > 0 ? v : -1;
  commit (self, f);
}

static gboolean
on_spin_output (GtkSpinButton *spin,
                CwFilterPanel *self)
{
  double v = gtk_spin_button_get_value (spin);
  guint digits = gtk_spin_button_get_digits (spin);
  g_autofree char *text = NULL;

  /* A filter that really asks for 0.00 shows it; otherwise 0 is "Any". */
  if (v <= 0 && !(spin == GTK_SPIN_BUTTON (self->max_price) && self->filter != NULL &&
                  self->filter->max_price_kwh == 0))
    text = g_strdup (C_("filter value", "Any"));
  else
    text = g_strdup_printf ("%.*f", (int) digits, v);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               CwFilterPanel *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char *end = NULL;
  double v;

  if (*text == '\0' || g_utf8_collate (text, C_("filter value", "Any")) == 0 ||
      g_ascii_strcasecmp (text, "any") == 0)
    {
      *new_value = 0;
      return TRUE;
    }
  /* Either decimal point, whatever the locale. */
  g_strdelimit (text, ",", '.');
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    return GTK_INPUT_ERROR;
  *new_value = v;
  return TRUE;
}

static void
on_operator_toggled (GtkCheckButton *check,
                     CwFilterPanel  *self)
{
  g_autoptr (GPtrArray) names = NULL;
  CwFilter *f;

  if (self->syncing)
    return;
  names = g_ptr_array_new ();
  for (GtkWidget *row = gtk_widget_get_first_child (self->operator_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *c;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      c = operator_check (row);
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
        g_ptr_array_add (names, g_object_get_data (G_OBJECT (c), "cw-operator"));
    }
  g_ptr_array_add (names, NULL);
  f = cw_filter_copy (self->filter);
  cw_filter_set_operators (f, (const char * const *) names->pdata);
  commit (self, f);
}

/* ---- building ---- */

static GtkWidget *
make_chip (CwFilterPanel  *self,
           guint           i)
{
  const ChipInfo *chip = &chip_info[i];
  GtkWidget *button = gtk_toggle_button_new_with_label (_(chip->label));

  gtk_widget_set_name (button, chip->name);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "cw-chip");
  gtk_widget_set_tooltip_text (button, _(chip->description));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(chip->description), -1);
  /* GTK 4.8 states "pressed" only once toggled: say "not pressed" from the start. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED, FALSE, -1);
  g_object_set_data (G_OBJECT (button), "cw-chip", (gpointer) chip);
  g_signal_connect (button, "toggled", G_CALLBACK (on_chip_toggled), self);
  self->chips[i] = button;
  return button;
}

static GtkWidget *
make_flow_box (void)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), FALSE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 16);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  return flow;
}

static void
flow_append (GtkWidget *flow,
             GtkWidget *child)
{
  GtkWidget *wrapper;

  gtk_flow_box_append (GTK_FLOW_BOX (flow), child);
  /* The chip takes the focus, not the flow box cell around it. */
  wrapper = gtk_widget_get_parent (child);
  gtk_widget_set_focusable (wrapper, FALSE);
}

static GtkWidget *
caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 6);
  return label;
}

static GtkWidget *
spin_row (CwFilterPanel *self,
          const char    *name,
          const char    *text,
          double         max,
          double         step,
          double         page,
          guint          digits,
          GtkWidget    **spin_out,
          GtkWidget    **label_out,
          GCallback      changed)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, step);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_widget_set_name (spin, name);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (spin), step, page);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output), self);
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input), self);
  g_signal_connect (spin, "value-changed", changed, self);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), spin);
  *spin_out = spin;
  if (label_out)
    *label_out = label;
  return row;
}

static void
build_more (CwFilterPanel *self,
            GtkWidget     *more)
{
  GtkWidget *flow, *scrolled;

  gtk_box_append (GTK_BOX (more), spin_row (self, "min-power", _("Minimum power in kW"),
                                            MAX_POWER_KW, 5, 50, 0, &self->min_power, NULL,
                                            G_CALLBACK (on_min_power_changed)));
  gtk_box_append (GTK_BOX (more), spin_row (self, "max-price", _("Maximum price per kWh, incl. VAT"),
                                            MAX_PRICE, 0.01, 0.10, 2, &self->max_price,
                                            &self->max_price_label,
                                            G_CALLBACK (on_max_price_changed)));

  gtk_box_append (GTK_BOX (more), caption (_("Other connectors")));
  flow = make_flow_box ();
  for (guint i = 0; i < N_CHIPS; i++)
    if (chip_info[i].more)
      flow_append (flow, make_chip (self, i));
  gtk_box_append (GTK_BOX (more), flow);

  gtk_box_append (GTK_BOX (more), caption (_("Operators")));
  self->operator_list = gtk_list_box_new ();
  gtk_widget_set_name (self->operator_list, "operators");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->operator_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->operator_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->operator_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Operators"), -1);
  self->operator_placeholder = gtk_label_new (_("No operators known yet"));
  gtk_widget_add_css_class (self->operator_placeholder, "dim-label");
  gtk_widget_set_margin_top (self->operator_placeholder, 12);
  gtk_widget_set_margin_bottom (self->operator_placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->operator_list), self->operator_placeholder);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->operator_list);
  gtk_box_append (GTK_BOX (more), scrolled);
}

static void
cw_filter_panel_dispose (GObject *object)
{
  CwFilterPanel *self = CW_FILTER_PANEL (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (cw_filter_panel_parent_class)->dispose (object);
}

static void
cw_filter_panel_finalize (GObject *object)
{
  CwFilterPanel *self = CW_FILTER_PANEL (object);

  g_clear_pointer (&self->filter, cw_filter_free);
  g_clear_pointer (&self->operators, g_ptr_array_unref);
  G_OBJECT_CLASS (cw_filter_panel_parent_class)->finalize (object);
}

static void
cw_filter_panel_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cw_filter_panel_parent_class)->root (widget);
  ensure_css (widget);
}

static void
cw_filter_panel_class_init (CwFilterPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_filter_panel_dispose;
  object_class->finalize = cw_filter_panel_finalize;
  widget_class->root = cw_filter_panel_root;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-filter-panel");

  /**
   * CwFilterPanel::changed:
   * @change: the CwFilterChange from the old filter to the new one
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
cw_filter_panel_init (CwFilterPanel *self)
{
  GtkWidget *header, *title, *flow, *more;

  self->filter = cw_filter_new ();
  self->operators = g_ptr_array_new_with_free_func (g_free);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (_("Filters"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), title);
  self->reset = gtk_button_new_with_mnemonic (_("_Reset"));
  gtk_widget_set_name (self->reset, "reset");
  gtk_widget_add_css_class (self->reset, "flat");
  gtk_widget_set_tooltip_text (self->reset, _("Clear all filters"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reset), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Clear all filters"), -1);
  g_signal_connect_swapped (self->reset, "clicked", G_CALLBACK (cw_filter_panel_reset), self);
  gtk_box_append (GTK_BOX (header), self->reset);
  gtk_box_append (GTK_BOX (self->box), header);

  flow = make_flow_box ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Quick filters"), -1);
  for (guint i = 0; i < N_CHIPS; i++)
    if (!chip_info[i].more)
      flow_append (flow, make_chip (self, i));
  gtk_box_append (GTK_BOX (self->box), flow);

  self->notice = gtk_label_new (NULL);
  gtk_widget_set_name (self->notice, "notice");
  gtk_label_set_xalign (GTK_LABEL (self->notice), 0);
  gtk_label_set_wrap (GTK_LABEL (self->notice), TRUE);
  gtk_widget_add_css_class (self->notice, "caption");
  gtk_widget_add_css_class (self->notice, "warning");
  gtk_widget_set_visible (self->notice, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->notice);

  self->expander = gtk_expander_new (_("More filters"));
  gtk_widget_set_name (self->expander, "more-filters");
  more = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (more, 6);
  gtk_expander_set_child (GTK_EXPANDER (self->expander), more);
  build_more (self, more);
  gtk_box_append (GTK_BOX (self->box), self->expander);

  sync_controls (self);
}

/* ---- operators ---- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(char * const *) a, *(char * const *) b);
}

static void
rebuild_operator_list (CwFilterPanel *self)
{
  GtkWidget *row = gtk_widget_get_first_child (self->operator_list);

  /* The placeholder is a child too: remove the rows only. */
  while (row != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (row);

      if (GTK_IS_LIST_BOX_ROW (row))
        gtk_list_box_remove (GTK_LIST_BOX (self->operator_list), row);
      row = next;
    }

  g_ptr_array_sort (self->operators, compare_names);
  for (guint i = 0; i < self->operators->len; i++)
    {
      const char *name = g_ptr_array_index (self->operators, i);
      GtkWidget *check = gtk_check_button_new_with_label (name);

      g_object_set_data_full (G_OBJECT (check), "cw-operator", g_strdup (name), g_free);
      gtk_widget_set_margin_start (check, 6);
      gtk_widget_set_margin_end (check, 6);
      gtk_widget_set_margin_top (check, 6);
      gtk_widget_set_margin_bottom (check, 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect (check, "toggled", G_CALLBACK (on_operator_toggled), self);
      gtk_list_box_append (GTK_LIST_BOX (self->operator_list), check);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (check)), FALSE);
    }
}

static gboolean
has_operator (CwFilterPanel *self,
              const char    *name)
{
  for (guint i = 0; i < self->operators->len; i++)
    if (g_str_equal (g_ptr_array_index (self->operators, i), name))
      return TRUE;
  return FALSE;
}

/* ---- API ---- */

GtkWidget *
cw_filter_panel_new (void)
{
  return g_object_new (CW_TYPE_FILTER_PANEL, NULL);
}

const CwFilter *
cw_filter_panel_get_filter (CwFilterPanel *self)
{
  g_return_val_if_fail (CW_IS_FILTER_PANEL (self), NULL);
  return self->filter;
}

void
cw_filter_panel_set_filter (CwFilterPanel  *self,
                            const CwFilter *filter)
{
  CwFilter *copy;
  guint n_operators;

  g_return_if_fail (CW_IS_FILTER_PANEL (self));

  n_operators = self->operators->len;
  copy = filter ? cw_filter_copy (filter) : cw_filter_new ();
  /* Sorted, without duplicates, as the core keeps them. */
  cw_filter_set_operators (copy, (const char * const *) (filter ? filter->operators : NULL));
  if (!(copy->min_power_kw > 0))
    copy->min_power_kw = 0;
  if (isnan (copy->max_price_kwh))
    copy->max_price_kwh = -1;
  /* Selected operators stay in the list, so they can be unselected. */
  for (guint i = 0; copy->operators && copy->operators[i]; i++)
    if (!has_operator (self, copy->operators[i]))
      g_ptr_array_add (self->operators, g_strdup (copy->operators[i]));
  if (self->operators->len != n_operators)
    rebuild_operator_list (self);
  /* Criteria that live under "More filters" should not hide there. */
  if (count_more (copy) > 0)
    gtk_expander_set_expanded (GTK_EXPANDER (self->expander), TRUE);
  commit (self, copy);
}

void
cw_filter_panel_reset (CwFilterPanel *self)
{
  g_return_if_fail (CW_IS_FILTER_PANEL (self));
  commit (self, cw_filter_new ());
}

guint
cw_filter_panel_get_n_operators (CwFilterPanel *self)
{
  g_return_val_if_fail (CW_IS_FILTER_PANEL (self), 0);
  return self->operators->len;
}

void
cw_filter_panel_set_operators (CwFilterPanel      *self,
                               const char * const *names)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (CW_IS_FILTER_PANEL (self));

  g_ptr_array_set_size (self->operators, 0);
  for (guint i = 0; names && names[i]; i++)
    if (*names[i] != '\0' && g_hash_table_add (seen, (gpointer) names[i]))
      g_ptr_array_add (self->operators, g_strdup (names[i]));
  /* Selected operators stay in the list, so they can be unselected. */
  for (guint i = 0; self->filter->operators && self->filter->operators[i]; i++)
    if (g_hash_table_add (seen, self->filter->operators[i]))
      g_ptr_array_add (self->operators, g_strdup (self->filter->operators[i]));
  rebuild_operator_list (self);
  sync_controls (self);
}

/* ---- notice ---- */

void
cw_filter_panel_set_notice (CwFilterPanel *self,
                            const char    *text)
{
  g_return_if_fail (CW_IS_FILTER_PANEL (self));

  gtk_label_set_text (GTK_LABEL (self->notice), text ? text : "");
  gtk_widget_set_visible (self->notice, text != NULL && *text != '\0');
}

const char *
cw_filter_panel_get_notice (CwFilterPanel *self)
{
  g_return_val_if_fail (CW_IS_FILTER_PANEL (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->notice));
}
