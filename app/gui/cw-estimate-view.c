/* cw-estimate-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-estimate-view"

#include <glib/gi18n.h>
#include <math.h>

#include "cw-estimate-view.h"
#include "cw-format.h"
#include "cw-tariff-estimate.h"

#define DEFAULT_ENERGY_KWH 40.0
#define DEFAULT_POWER_KW 150.0
#define UNKNOWN_POWER_KW 50.0
#define DEFAULT_IDLE_MIN 10

/* The rows of the estimate, in the order of the parts of the core. */
typedef enum {
  ROW_FLAT,
  ROW_ENERGY,
  ROW_TIME,
  ROW_IDLE,
  ROW_ADJUSTMENT,
  N_ROWS
} RowKind;

typedef struct {
  GtkWidget *name;
  GtkWidget *icon;
  GtkWidget *detail;
  GtkWidget *amount;
} Row;

/* One distinct tariff of the station and the connectors that use it. */
typedef struct {
  CwTariff *tariff;
  double    max_power_kw;
  guint64   standards;
  guint     order;              /* first seen */
} Choice;

struct _CwEstimateView
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *estimate_box;     /* everything that needs a tariff */
  GtkWidget  *tariff_text;
  GtkWidget  *choice_row;
  GtkWidget  *choice;
  GtkWidget  *energy;
  GtkWidget  *power;
  GtkWidget  *idle;
  GtkWidget  *start;
  GtkWidget  *problem;
  GtkWidget  *grid;
  Row         rows[N_ROWS];
  GtkWidget  *total;
  GtkWidget  *vat;
  GtkWidget  *notes;
  GtkWidget  *source_note;
  GtkWidget  *usage_cost;
  GtkWidget  *no_tariff;

  CwStation  *station;
  gulong      changed_id;
  GArray     *choices;          /* Choice */
  gint64      now;
  gboolean    updating;
};

G_DEFINE_FINAL_TYPE (CwEstimateView, cw_estimate_view, GTK_TYPE_WIDGET)

static void recompute (CwEstimateView *self);

/* ---- words and numbers ---- */

static char *
format_unit_price (const char *currency,
                   double      price)
{
  return cw_format_unit_price (currency, price);
}

static char *
format_kwh (double kwh)
{
  g_autofree char *number = cw_format_number (kwh, fabs (kwh - round (kwh)) < 1e-9 ? 0 : 2);

  /* Translators: energy; %s is a number written the locale's way */
  return g_strdup_printf (_("%s kWh"), number);
}

static double
with_vat (double price,
          double vat)
{
  return vat >= 0 ? price * (1 + vat / 100) : price;
}

/* Whole cents that add up to the total as shown: the largest
 * remainders get the spare cents, as the core's text does. */
static void
amounts_in_cents (const double *values,
                  guint         n,
                  double        total,
                  double       *out)
{
  g_autofree double *rest = g_new0 (double, n);
  gint64 target = (gint64) llround (total * 100), sum = 0;

  for (guint i = 0; i < n; i++)
    {
      double v = values[i] * 100;
      double f = floor (v + 1e-6);

      out[i] = f;
      rest[i] = v - f;
      sum += (gint64) f;
    }
  while (sum < target)
    {
      guint best = 0;

      for (guint i = 1; i < n; i++)
        if (rest[i] > rest[best])
          best = i;
      out[best] += 1;
      rest[best] = -1;
      sum++;
    }
  for (guint i = 0; i < n; i++)
    out[i] /= 100;
}

/* ---- the station's tariffs ---- */

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  const Choice *x = a, *y = b;

  if (x->max_power_kw != y->max_power_kw)
    return x->max_power_kw > y->max_power_kw ? -1 : 1;
  return (int) x->order - (int) y->order;
}

static void
clear_choice (gpointer data)
{
  Choice *c = data;

  g_clear_pointer (&c->tariff, cw_tariff_unref);
}

static char *
describe_choice (const Choice *c)
{
  /* Fast DC first, as the station details list them. */
  static const CwConnectorStandard first[] = {
    CW_CONNECTOR_IEC_62196_T2_COMBO, CW_CONNECTOR_IEC_62196_T1_COMBO,
    CW_CONNECTOR_CHADEMO, CW_CONNECTOR_TESLA_S, CW_CONNECTOR_GBT_DC,
    CW_CONNECTOR_IEC_62196_T2, CW_CONNECTOR_IEC_62196_T1,
  };
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autofree char *power = cw_format_power (c->max_power_kw);
  g_autofree char *joined = NULL;
  guint64 rest = c->standards;

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    if (rest & (G_GUINT64_CONSTANT (1) << first[i]))
      {
        g_ptr_array_add (names, (gpointer) cw_connector_standard_short_name (first[i]));
        rest &= ~(G_GUINT64_CONSTANT (1) << first[i]);
      }
  for (guint s = 0; s < CW_N_CONNECTOR_STANDARDS; s++)
    if (rest & (G_GUINT64_CONSTANT (1) << s))
      {
        const char *n = cw_connector_standard_short_name (s);
        if (!g_ptr_array_find_with_equal_func (names, n, g_str_equal, NULL))
          g_ptr_array_add (names, (gpointer) n);
      }
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (", ", (char **) names->pdata);
  if (*power == '\0')
    return g_steal_pointer (&joined);
  /* Translators: a tariff choice: the connectors using it and their power */
  return g_strdup_printf (_("%s · up to %s"), joined, power);
}

static void
collect_choices (CwEstimateView *self)
{
  CwStation *s = self->station;

  g_array_set_size (self->choices, 0);
  if (s == NULL)
    return;
  for (guint i = 0; i < s->n_evses; i++)
    {
      const CwEvse *evse = &s->evses[i];

      for (guint j = 0; j < evse->n_connectors; j++)
        {
          const CwConnector *c = &cw_evse_get_connectors (evse)[j];
          CwTariff *tariff = cw_connector_get_tariff (c);
          Choice *found = NULL;

          if (tariff == NULL)
            continue;
          for (guint k = 0; k < self->choices->len && found == NULL; k++)
            if (g_array_index (self->choices, Choice, k).tariff == tariff)
              found = &g_array_index (self->choices, Choice, k);
          if (found == NULL)
            {
              Choice n = { cw_tariff_ref (tariff), 0, 0, self->choices->len };
              g_array_append_val (self->choices, n);
              found = &g_array_index (self->choices, Choice, self->choices->len - 1);
            }
          found->max_power_kw = MAX (found->max_power_kw, c->max_power_kw);
          found->standards |= G_GUINT64_CONSTANT (1) << c->standard;
        }
    }
  g_array_sort (self->choices, compare_choices);
}

static const Choice *
current_choice (CwEstimateView *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->choice));

  if (i == GTK_INVALID_LIST_POSITION || i >= self->choices->len)
    return self->choices->len > 0 ? &g_array_index (self->choices, Choice, 0) : NULL;
  return &g_array_index (self->choices, Choice, i);
}

static double
default_power (const Choice *c)
{
  if (c == NULL || c->max_power_kw <= 0)
    return UNKNOWN_POWER_KW;
  return MIN (c->max_power_kw, DEFAULT_POWER_KW);
}

/* ---- the estimate ---- */

static void
show_row (CwEstimateView *self,
          RowKind         kind,
          gboolean        visible,
          const char     *detail,
          const char     *amount)
{
  Row *row = &self->rows[kind];

  gtk_widget_set_visible (row->name, visible);
  gtk_widget_set_visible (row->detail, visible && detail != NULL && *detail != '\0');
  gtk_widget_set_visible (row->amount, visible);
  gtk_label_set_text (GTK_LABEL (row->detail), detail ? detail : "");
  gtk_label_set_text (GTK_LABEL (row->amount), amount ? amount : "");
}

/* "40 kWh at €0.54/kWh", or without the price when parts differ. */
static char *
part_detail (const CwTariffEstimate *est,
             CwTariffDimension       dim)
{
  const CwEstimatePart *one = NULL;
  double billed = 0;
  guint n = 0;
  g_autofree char *quantity = NULL;
  g_autofree char *unit = NULL;
  gboolean same_price = TRUE;

  for (guint i = 0; i < est->parts->len; i++)
    {
      const CwEstimatePart *p = &g_array_index (est->parts, CwEstimatePart, i);

      if (p->dimension != dim)
        continue;
      if (one != NULL && with_vat (p->price, p->vat) != with_vat (one->price, one->vat))
        same_price = FALSE;
      if (one == NULL)
        one = p;
      billed += p->billed;
      n++;
    }
  if (one == NULL)
    return NULL;

  switch (dim)
    {
    case CW_TARIFF_DIMENSION_FLAT:
      if (one->price == 0)
        return g_strdup (_("No fee per session"));
      return g_strdup (_("Once per session"));
    case CW_TARIFF_DIMENSION_ENERGY:
      quantity = format_kwh (billed);
      break;
    case CW_TARIFF_DIMENSION_TIME:
    case CW_TARIFF_DIMENSION_PARKING_TIME:
      quantity = cw_format_duration (billed * 3600);
      break;
    case CW_N_TARIFF_DIMENSIONS:
    default:
      g_assert_not_reached ();
    }
  if (!same_price)
    /* Translators: a billed quantity whose price changes during the session */
    return g_strdup_printf (_("%s at %u different prices"), quantity, n);
  if (one->price == 0)
    /* Translators: a billed quantity that costs nothing */
    return g_strdup_printf (_("%s, free"), quantity);
  if (dim == CW_TARIFF_DIMENSION_PARKING_TIME)
    {
      /* Idle fees are read per minute, as operators post them. */
      unit = format_unit_price (est->currency, with_vat (one->price, one->vat) / 60);
      /* Translators: "31 min at €0.36/min" */
      return g_strdup_printf (_("%s at %s/min"), quantity, unit);
    }
  unit = format_unit_price (est->currency, with_vat (one->price, one->vat));
  if (dim == CW_TARIFF_DIMENSION_ENERGY)
    /* Translators: "40 kWh at €0.54/kWh" */
    return g_strdup_printf (_("%s at %s/kWh"), quantity, unit);
  /* Translators: "16 min at €2.86/h" */
  return g_strdup_printf (_("%s at %s/h"), quantity, unit);
}

static gboolean
has_part (const CwTariffEstimate *est,
          CwTariffDimension       dim)
{
  for (guint i = 0; i < est->parts->len; i++)
    if (g_array_index (est->parts, CwEstimatePart, i).dimension == dim)
      return TRUE;
  return FALSE;
}

static void
set_idle_warning (CwEstimateView *self,
                  gboolean        warn)
{
  Row *row = &self->rows[ROW_IDLE];

  gtk_widget_set_visible (row->icon, warn && gtk_widget_get_visible (row->name));
  if (warn)
    {
      gtk_widget_add_css_class (row->name, "warning");
      gtk_widget_add_css_class (row->amount, "warning");
    }
  else
    {
      gtk_widget_remove_css_class (row->name, "warning");
      gtk_widget_remove_css_class (row->amount, "warning");
    }
}

static void
clear_estimate (CwEstimateView *self,
                const char     *problem)
{
  for (guint i = 0; i < N_ROWS; i++)
    show_row (self, i, FALSE, NULL, NULL);
  set_idle_warning (self, FALSE);
  gtk_label_set_text (GTK_LABEL (self->total), "");
  gtk_label_set_text (GTK_LABEL (self->vat), "");
  gtk_label_set_text (GTK_LABEL (self->notes), "");
  gtk_widget_set_visible (self->notes, FALSE);
  gtk_label_set_text (GTK_LABEL (self->problem), problem ? problem : "");
  gtk_widget_set_visible (self->problem, problem != NULL);
}

static void
show_start (CwEstimateView *self,
            gint64          start)
{
  const char *zone = self->station ? cw_station_get_time_zone (self->station) : NULL;
  g_autoptr (GTimeZone) tz = zone ? g_time_zone_new_identifier (zone) : NULL;
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (start);
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (tz == NULL)
    {
      when = g_date_time_format (utc, "%a %H:%M");
      /* Translators: the session's start when the station's time zone is unknown */
      text = g_strdup_printf (_("Starting %s UTC (the station's time zone is not known)"), when);
    }
  else
    {
      local = g_date_time_to_timezone (utc, tz);
      when = g_date_time_format (local, "%a %H:%M");
      /* Translators: the session's start: "Starting now, Mon 14:05 local time (Europe/Amsterdam)" */
      text = g_strdup_printf (self->now == 0 ? _("Starting now, %s local time (%s)")
                                             : _("Starting %s local time (%s)"), when, zone);
    }
  gtk_label_set_text (GTK_LABEL (self->start), text);
}

static void
recompute (CwEstimateView *self)
{
  const Choice *choice = current_choice (self);
  CwSessionPlan plan = { 0 };
  g_autoptr (CwTariffEstimate) est = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) notes = NULL;
  double values[N_ROWS], shown[N_ROWS];
  g_autofree char *total = NULL;
  g_autofree char *detail = NULL;

  if (self->updating)
    return;
  if (choice == NULL)
    {
      clear_estimate (self, NULL);
      return;
    }

  plan.start = self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
  plan.time_zone = cw_station_get_time_zone (self->station);
  plan.energy_kwh = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->energy));
  plan.power_kw = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->power));
  plan.idle_seconds = (gint64) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->idle)) * 60;
  show_start (self, plan.start);

  {
    g_autofree char *text = cw_format_tariff (choice->tariff);
    gtk_label_set_text (GTK_LABEL (self->tariff_text), text);
  }

  if (!(est = cw_tariff_estimate (choice->tariff, &plan, &error)))
    {
      clear_estimate (self, error->message);
      return;
    }
  clear_estimate (self, NULL);

  values[ROW_FLAT] = est->flat_incl;
  values[ROW_ENERGY] = est->energy_incl;
  values[ROW_TIME] = est->time_incl;
  values[ROW_IDLE] = est->parking_incl;
  values[ROW_ADJUSTMENT] = est->adjustment_incl;
  amounts_in_cents (values, N_ROWS, est->total_incl, shown);

  for (RowKind k = ROW_FLAT; k <= ROW_TIME; k++)
    {
      static const CwTariffDimension dims[] = {
        [ROW_FLAT] = CW_TARIFF_DIMENSION_FLAT,
        [ROW_ENERGY] = CW_TARIFF_DIMENSION_ENERGY,
        [ROW_TIME] = CW_TARIFF_DIMENSION_TIME,
      };
      g_autofree char *amount = cw_format_money (est->currency, shown[k]);
      g_autofree char *d = part_detail (est, dims[k]);

      show_row (self, k, has_part (est, dims[k]), d, amount);
    }

  {
    g_autofree char *amount = cw_format_money (est->currency, shown[ROW_IDLE]);

    if (has_part (est, CW_TARIFF_DIMENSION_PARKING_TIME))
      detail = part_detail (est, CW_TARIFF_DIMENSION_PARKING_TIME);
    else if (est->idle_seconds > 0)
      {
        g_autofree char *idle = cw_format_duration (est->idle_seconds);
        /* Translators: %s is how long the car stays plugged in after charging */
        detail = g_strdup_printf (_("None for %s plugged in after charging"), idle);
      }
    show_row (self, ROW_IDLE, has_part (est, CW_TARIFF_DIMENSION_PARKING_TIME) || est->idle_seconds > 0,
              detail, amount);
    set_idle_warning (self, shown[ROW_IDLE] > 0);
  }

  if (est->adjustment_incl != 0)
    {
      g_autofree char *amount = cw_format_money (est->currency, shown[ROW_ADJUSTMENT]);

      gtk_label_set_text (GTK_LABEL (self->rows[ROW_ADJUSTMENT].name),
                          est->adjustment_incl > 0 ? _("Raised to the minimum price")
                                                   : _("Capped at the maximum price"));
      show_row (self, ROW_ADJUSTMENT, TRUE, NULL, amount);
    }

  total = cw_format_money (est->currency, est->total_incl);
  gtk_label_set_text (GTK_LABEL (self->total), total);
  if (est->vat_unknown && fabs (est->total_incl - est->total_excl) < 0.005)
    gtk_label_set_text (GTK_LABEL (self->vat), _("VAT not stated by the operator"));
  else
    {
      g_autofree char *excl = cw_format_money (est->currency, est->total_excl);
      /* Translators: under the total; %s is the total without VAT */
      g_autofree char *text = g_strdup_printf (est->vat_unknown ? _("With the VAT stated; %s without VAT")
                                                                : _("Incl. VAT; %s without VAT"), excl);
      gtk_label_set_text (GTK_LABEL (self->vat), text);
    }

  notes = g_string_new (NULL);
  {
    g_autofree char *kwh = format_kwh (est->energy_kwh);
    g_autofree char *charging = cw_format_duration (est->charging_seconds);
    g_autofree char *power = cw_format_power (plan.power_kw);

    /* Translators: "40 kWh in 16 min at 150 kW" */
    g_string_append_printf (notes, _("%s in %s at %s"), kwh, charging, power);
  }
  /* The core's own words: what it had to assume. */
  for (guint i = 0; i < est->notes->len; i++)
    g_string_append_printf (notes, "\n%s", (const char *) g_ptr_array_index (est->notes, i));
  if (est->alt_text != NULL)
    g_string_append_printf (notes, "\n%s", est->alt_text);
  gtk_label_set_text (GTK_LABEL (self->notes), notes->str);
  gtk_widget_set_visible (self->notes, TRUE);
}

/* The form's power follows the connector whose tariff is chosen. */
static void
on_choice_changed (CwEstimateView *self)
{
  if (self->updating)
    return;
  self->updating = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->power), default_power (current_choice (self)));
  self->updating = FALSE;
  recompute (self);
}

static gboolean
has_text (const char *s)
{
  for (; s != NULL && *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return TRUE;
  return FALSE;
}

static void
update (CwEstimateView *self)
{
  CwStation *s = self->station;
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);
  CwTariff *previous = NULL;
  guint select = 0;
  gboolean has_cost_text;

  /* Keep the choice across a station update, by tariff id. */
  if (self->choices->len > 0)
    previous = cw_tariff_ref (current_choice (self)->tariff);
  collect_choices (self);
  for (guint i = 0; i < self->choices->len; i++)
    {
      const Choice *c = &g_array_index (self->choices, Choice, i);
      g_autofree char *label = describe_choice (c);

      gtk_string_list_append (model, label);
      if (previous != NULL && g_strcmp0 (previous->id, c->tariff->id) == 0)
        select = i;
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->choice), G_LIST_MODEL (model));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->choice), select);
  if (previous == NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->power), default_power (current_choice (self)));
  self->updating = FALSE;
  g_clear_pointer (&previous, cw_tariff_unref);

  gtk_widget_set_visible (self->choice_row, self->choices->len > 1);
  gtk_widget_set_visible (self->estimate_box, self->choices->len > 0);
  gtk_widget_set_visible (self->source_note, self->choices->len > 0);

  has_cost_text = s != NULL && has_text (cw_station_get_usage_cost (s));
  if (has_cost_text)
    {
      /* Translators: Open Charge Map's free-text price, shown as given */
      g_autofree char *given = g_strstrip (g_strdup (cw_station_get_usage_cost (s)));
      g_autofree char *text = g_strdup_printf (_("“%s” (not verified)"), given);
      gtk_label_set_text (GTK_LABEL (self->usage_cost), text);
    }
  gtk_widget_set_visible (self->usage_cost, has_cost_text);
  gtk_widget_set_visible (self->no_tariff, s != NULL && self->choices->len == 0 && !has_cost_text);

  recompute (self);
}

/* ---- building ---- */

static GtkWidget *
dim_caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
form_spin (CwEstimateView *self,
           GtkWidget      *grid,
           int             line,
           const char     *name,
           const char     *text,
           double          min,
           double          max,
           double          step,
           double          value)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_widget_set_name (spin, name);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (recompute), self);
  gtk_grid_attach (GTK_GRID (grid), label, 0, line, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), spin, 1, line, 1, 1);
  return spin;
}

static void
make_row (CwEstimateView *self,
          RowKind         kind,
          const char     *name,
          const char     *amount_name)
{
  Row *row = &self->rows[kind];
  GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  row->icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (row->icon, "warning");
  gtk_widget_set_visible (row->icon, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  row->name = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (row->name), 0);
  gtk_label_set_wrap (GTK_LABEL (row->name), TRUE);
  gtk_box_append (GTK_BOX (title), row->icon);
  gtk_box_append (GTK_BOX (title), row->name);
  gtk_widget_set_hexpand (title, TRUE);
  row->detail = dim_caption (NULL);
  row->amount = gtk_label_new (NULL);
  gtk_widget_set_name (row->amount, amount_name);
  gtk_label_set_xalign (GTK_LABEL (row->amount), 1);
  gtk_widget_set_valign (row->amount, GTK_ALIGN_START);
  gtk_widget_add_css_class (row->amount, "numeric");
  gtk_label_set_selectable (GTK_LABEL (row->amount), TRUE);

  gtk_grid_attach (GTK_GRID (self->grid), title, 0, kind * 2, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), row->amount, 1, kind * 2, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), row->detail, 0, kind * 2 + 1, 2, 1);
  /* The title box shows and hides with its label. */
  g_object_bind_property (row->name, "visible", title, "visible", G_BINDING_SYNC_CREATE);
}

static void
cw_estimate_view_dispose (GObject *object)
{
  CwEstimateView *self = CW_ESTIMATE_VIEW (object);

  if (self->station != NULL)
    g_clear_signal_handler (&self->changed_id, self->station);
  g_clear_object (&self->station);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (cw_estimate_view_parent_class)->dispose (object);
}

static void
cw_estimate_view_finalize (GObject *object)
{
  CwEstimateView *self = CW_ESTIMATE_VIEW (object);

  g_clear_pointer (&self->choices, g_array_unref);
  G_OBJECT_CLASS (cw_estimate_view_parent_class)->finalize (object);
}

static void
cw_estimate_view_class_init (CwEstimateViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_estimate_view_dispose;
  object_class->finalize = cw_estimate_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-estimate-view");
}

static void
cw_estimate_view_init (CwEstimateView *self)
{
  GtkWidget *form, *label, *total_row;

  self->choices = g_array_new (FALSE, TRUE, sizeof (Choice));
  g_array_set_clear_func (self->choices, clear_choice);
  /* Controls tell of changes while they are set up: not yet. */
  self->updating = TRUE;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->estimate_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->estimate_box);

  self->choice_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new_with_mnemonic (_("_Tariff"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  self->choice = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_name (self->choice, "tariff-choice");
  gtk_widget_set_hexpand (self->choice, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->choice);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tariff of the connector"), -1);
  g_signal_connect_swapped (self->choice, "notify::selected", G_CALLBACK (on_choice_changed), self);
  gtk_box_append (GTK_BOX (self->choice_row), label);
  gtk_box_append (GTK_BOX (self->choice_row), self->choice);
  gtk_box_append (GTK_BOX (self->estimate_box), self->choice_row);

  self->tariff_text = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->tariff_text), 0);
  gtk_label_set_wrap (GTK_LABEL (self->tariff_text), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->tariff_text), TRUE);
  gtk_box_append (GTK_BOX (self->estimate_box), self->tariff_text);

  form = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (form), 6);
  gtk_grid_set_column_spacing (GTK_GRID (form), 12);
  self->energy = form_spin (self, form, 0, "energy", _("_Energy to charge (kWh)"),
                            1, 200, 1, DEFAULT_ENERGY_KWH);
  self->power = form_spin (self, form, 1, "power", _("Charging _power (kW)"),
                           1, 400, 1, DEFAULT_POWER_KW);
  /* Connectors of 22.08 or 7.4 kW. */
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->power), 1);
  self->idle = form_spin (self, form, 2, "idle", _("_Idle after charging (min)"),
                          0, 24 * 60, 5, DEFAULT_IDLE_MIN);
  gtk_box_append (GTK_BOX (self->estimate_box), form);

  self->start = dim_caption (NULL);
  gtk_box_append (GTK_BOX (self->estimate_box), self->start);

  self->problem = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->problem), 0);
  gtk_label_set_wrap (GTK_LABEL (self->problem), TRUE);
  gtk_widget_add_css_class (self->problem, "error");
  gtk_widget_set_visible (self->problem, FALSE);
  gtk_box_append (GTK_BOX (self->estimate_box), self->problem);

  gtk_box_append (GTK_BOX (self->estimate_box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 2);
  make_row (self, ROW_FLAT, _("Session fee"), "amount-flat");
  make_row (self, ROW_ENERGY, _("Energy"), "amount-energy");
  make_row (self, ROW_TIME, _("Charging time"), "amount-time");
  make_row (self, ROW_IDLE, _("Idle fee (plugged in, not charging)"), "amount-idle");
  make_row (self, ROW_ADJUSTMENT, NULL, "amount-adjustment");
  gtk_box_append (GTK_BOX (self->estimate_box), self->grid);
  gtk_box_append (GTK_BOX (self->estimate_box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  total_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (_("Estimated total"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  self->total = gtk_label_new (NULL);
  gtk_widget_set_name (self->total, "amount-total");
  gtk_label_set_xalign (GTK_LABEL (self->total), 1);
  gtk_label_set_selectable (GTK_LABEL (self->total), TRUE);
  gtk_widget_add_css_class (self->total, "title-3");
  gtk_widget_add_css_class (self->total, "numeric");
  gtk_box_append (GTK_BOX (total_row), label);
  gtk_box_append (GTK_BOX (total_row), self->total);
  gtk_box_append (GTK_BOX (self->estimate_box), total_row);
  self->vat = dim_caption (NULL);
  gtk_box_append (GTK_BOX (self->estimate_box), self->vat);
  self->notes = dim_caption (NULL);
  gtk_box_append (GTK_BOX (self->estimate_box), self->notes);

  self->source_note = dim_caption (_("Prices from the operator's published tariff."));
  gtk_widget_set_name (self->source_note, "source-note");
  gtk_box_append (GTK_BOX (self->box), self->source_note);

  self->usage_cost = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->usage_cost), 0);
  gtk_label_set_wrap (GTK_LABEL (self->usage_cost), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->usage_cost), TRUE);
  gtk_box_append (GTK_BOX (self->box), self->usage_cost);

  self->no_tariff = dim_caption (_("No tariff published: the price of a stop cannot be estimated."));
  gtk_box_append (GTK_BOX (self->box), self->no_tariff);

  self->updating = FALSE;
  update (self);
}

/* ---- API ---- */

GtkWidget *
cw_estimate_view_new (void)
{
  return g_object_new (CW_TYPE_ESTIMATE_VIEW, NULL);
}

void
cw_estimate_view_set_station (CwEstimateView *self,
                              CwStation      *station)
{
  g_return_if_fail (CW_IS_ESTIMATE_VIEW (self));
  g_return_if_fail (station == NULL || CW_IS_STATION (station));

  if (self->station == station)
    return;
  if (self->station != NULL)
    g_clear_signal_handler (&self->changed_id, self->station);
  g_set_object (&self->station, station);
  /* Another station: its own fastest connector, not the last choice. */
  g_array_set_size (self->choices, 0);
  if (station != NULL)
    self->changed_id = g_signal_connect_swapped (station, "changed", G_CALLBACK (update), self);
  update (self);
}

CwStation *
cw_estimate_view_get_station (CwEstimateView *self)
{
  g_return_val_if_fail (CW_IS_ESTIMATE_VIEW (self), NULL);
  return self->station;
}

void
cw_estimate_view_set_session (CwEstimateView *self,
                              double          energy_kwh,
                              double          power_kw,
                              guint           idle_minutes)
{
  g_return_if_fail (CW_IS_ESTIMATE_VIEW (self));

  self->updating = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->energy), energy_kwh);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->power),
                             power_kw > 0 ? power_kw : default_power (current_choice (self)));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->idle), idle_minutes);
  self->updating = FALSE;
  recompute (self);
}

void
cw_estimate_view_set_now (CwEstimateView *self,
                          gint64          now)
{
  g_return_if_fail (CW_IS_ESTIMATE_VIEW (self));

  self->now = now;
  recompute (self);
}

CwTariff *
cw_estimate_view_get_tariff (CwEstimateView *self)
{
  const Choice *c;

  g_return_val_if_fail (CW_IS_ESTIMATE_VIEW (self), NULL);
  c = current_choice (self);
  return c ? c->tariff : NULL;
}

const char *
cw_estimate_view_get_total_text (CwEstimateView *self)
{
  g_return_val_if_fail (CW_IS_ESTIMATE_VIEW (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->total));
}

const char *
cw_estimate_view_get_part_text (CwEstimateView    *self,
                                CwTariffDimension  dimension)
{
  static const RowKind rows[CW_N_TARIFF_DIMENSIONS] = {
    [CW_TARIFF_DIMENSION_ENERGY] = ROW_ENERGY,
    [CW_TARIFF_DIMENSION_FLAT] = ROW_FLAT,
    [CW_TARIFF_DIMENSION_PARKING_TIME] = ROW_IDLE,
    [CW_TARIFF_DIMENSION_TIME] = ROW_TIME,
  };
  GtkWidget *amount;

  g_return_val_if_fail (CW_IS_ESTIMATE_VIEW (self), NULL);
  g_return_val_if_fail (dimension < CW_N_TARIFF_DIMENSIONS, NULL);

  amount = self->rows[rows[dimension]].amount;
  return gtk_widget_get_visible (amount) ? gtk_label_get_text (GTK_LABEL (amount)) : NULL;
}
