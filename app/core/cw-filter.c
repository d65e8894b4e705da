/* cw-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-filter"

#include <math.h>
#include <string.h>

#include "cw-filter.h"
#include "cw-tariff-estimate.h"

G_DEFINE_QUARK (cw-filter-error-quark, cw_filter_error)
G_DEFINE_BOXED_TYPE (CwFilter, cw_filter, cw_filter_copy, cw_filter_free)

/* ---- connector groups ---- */

static const struct {
  const char *name;
  const char *label;
} groups[CW_N_CONNECTOR_GROUPS] = {
  [CW_CONNECTOR_GROUP_CCS2] = { "CCS2", "CCS2" },
  [CW_CONNECTOR_GROUP_CCS1] = { "CCS1", "CCS1" },
  [CW_CONNECTOR_GROUP_CHADEMO] = { "CHADEMO", "CHAdeMO" },
  [CW_CONNECTOR_GROUP_TYPE2] = { "TYPE2", "Type 2" },
  [CW_CONNECTOR_GROUP_NACS] = { "NACS", "NACS/J3400" },
  [CW_CONNECTOR_GROUP_DOMESTIC] = { "DOMESTIC", "Domestic" },
};

guint64
cw_connector_group_mask (CwConnectorGroup group)
{
  guint64 mask = 0;

  switch (group)
    {
    case CW_CONNECTOR_GROUP_CCS2:
      return CW_STANDARD_BIT (CW_CONNECTOR_IEC_62196_T2_COMBO);
    case CW_CONNECTOR_GROUP_CCS1:
      return CW_STANDARD_BIT (CW_CONNECTOR_IEC_62196_T1_COMBO);
    case CW_CONNECTOR_GROUP_CHADEMO:
      return CW_STANDARD_BIT (CW_CONNECTOR_CHADEMO);
    case CW_CONNECTOR_GROUP_TYPE2:
      return CW_STANDARD_BIT (CW_CONNECTOR_IEC_62196_T2);
    case CW_CONNECTOR_GROUP_NACS:
      return CW_STANDARD_BIT (CW_CONNECTOR_TESLA_S);
    case CW_CONNECTOR_GROUP_DOMESTIC:
      for (guint s = CW_CONNECTOR_DOMESTIC_A; s <= CW_CONNECTOR_DOMESTIC_O; s++)
        mask |= CW_STANDARD_BIT (s);
      return mask;
    case CW_N_CONNECTOR_GROUPS:
    default:
      g_return_val_if_reached (0);
    }
}

const char *
cw_connector_group_to_string (CwConnectorGroup group)
{
  g_return_val_if_fail (group < CW_N_CONNECTOR_GROUPS, NULL);
  return groups[group].name;
}

const char *
cw_connector_group_label (CwConnectorGroup group)
{
  g_return_val_if_fail (group < CW_N_CONNECTOR_GROUPS, NULL);
  return groups[group].label;
}

/* ---- the boxed type ---- */

CwFilter *
cw_filter_new (void)
{
  CwFilter *filter = g_new0 (CwFilter, 1);

  filter->max_price_kwh = -1;
  return filter;
}

CwFilter *
cw_filter_copy (const CwFilter *filter)
{
  CwFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->operators = g_strdupv (filter->operators);
  copy->price_currency = g_strdup (filter->price_currency);
  return copy;
}

void
cw_filter_free (CwFilter *filter)
{
  if (filter == NULL)
    return;
  g_strfreev (filter->operators);
  g_free (filter->price_currency);
  g_free (filter);
}

gboolean
cw_filter_equal (const CwFilter *a,
                 const CwFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return cw_filter_compare (a, b) == CW_FILTER_CHANGE_NONE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

void
cw_filter_set_operators (CwFilter           *filter,
                         const char * const *operators)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->operators, g_strfreev);
  for (guint i = 0; operators && operators[i]; i++)
    if (*operators[i] != '\0')
      g_ptr_array_add (names, g_strdup (operators[i]));
  if (names->len == 0)
    return;
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 1; i < names->len; )
    {
      if (g_str_equal (g_ptr_array_index (names, i - 1), g_ptr_array_index (names, i)))
        g_free (g_ptr_array_steal_index (names, i));
      else
        i++;
    }
  g_ptr_array_add (names, NULL);
  filter->operators = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static gboolean
has_operators (const CwFilter *filter)
{
  return filter->operators != NULL && filter->operators[0] != NULL;
}

/* A café counts as a restaurant for a hungry driver. */
static guint32
expand_near (guint32 near)
{
  if (near & CW_FACILITY_BIT (CW_FACILITY_RESTAURANT))
    near |= CW_FACILITY_BIT (CW_FACILITY_CAFE);
  return near;
}

CwFilterCriteria
cw_filter_get_active (const CwFilter *filter)
{
  CwFilterCriteria active = 0;

  g_return_val_if_fail (filter != NULL, 0);

  if (filter->standards != 0)
    active |= CW_FILTER_STANDARDS;
  if (filter->min_power_kw > 0)
    active |= CW_FILTER_MIN_POWER;
  if (filter->free_now)
    active |= CW_FILTER_FREE_NOW;
  if (has_operators (filter))
    active |= CW_FILTER_OPERATORS;
  if (filter->near != 0)
    active |= CW_FILTER_NEAR;
  if (filter->along_motorway)
    active |= CW_FILTER_MOTORWAY;
  if (filter->open_now)
    active |= CW_FILTER_OPEN_NOW;
  if (filter->public_only)
    active |= CW_FILTER_PUBLIC;
  if (filter->max_price_kwh >= 0)
    active |= CW_FILTER_MAX_PRICE;
  return active;
}

/* ---- matching ---- */

CwOpenState
cw_filter_station_open_state (CwStation *station,
                              gint64     now)
{
  g_return_val_if_fail (CW_IS_STATION (station), CW_OPEN_STATE_UNKNOWN);

  if (cw_station_get_opening_hours (station) != NULL)
    return cw_opening_hours_is_open (cw_station_get_opening_hours (station), cw_station_get_time_zone (station), now);
  return station->twentyfourseven ? CW_OPEN_STATE_OPEN : CW_OPEN_STATE_UNKNOWN;
}

static gboolean
connector_qualifies (const CwFilter    *filter,
                     CwStation         *station,
                     const CwEvse      *evse,
                     const CwConnector *c,
                     gint64             now)
{
  double price;

  if (filter->standards != 0 && !(filter->standards & CW_STANDARD_BIT (c->standard)))
    return FALSE;
  if (filter->min_power_kw > 0 && c->max_power_kw < filter->min_power_kw)
    return FALSE;
  if (filter->free_now && evse->status != CW_EVSE_STATUS_AVAILABLE)
    return FALSE;
  if (filter->max_price_kwh >= 0)
    {
      const CwTariff *tariff = cw_connector_get_tariff (c);

      /* No tariff, no promise about the price. */
      if (tariff == NULL)
        return FALSE;
      if (filter->price_currency != NULL &&
          g_ascii_strcasecmp (filter->price_currency, tariff->currency ? tariff->currency : "") != 0)
        return FALSE;
      if (!cw_tariff_get_energy_price_ceiling (tariff, cw_station_get_time_zone (station), now,
                                               c->max_power_kw, &price))
        return FALSE;
      if (price > filter->max_price_kwh + 1e-9)
        return FALSE;
    }
  return TRUE;
}

static gboolean
any_connector_qualifies (const CwFilter *filter,
                         CwStation      *station,
                         gint64          now)
{
  for (guint i = 0; i < station->n_evses; i++)
    {
      const CwEvse *evse = &station->evses[i];

      for (guint j = 0; j < evse->n_connectors; j++)
        if (connector_qualifies (filter, station, evse, &cw_evse_get_connectors (evse)[j], now))
          return TRUE;
    }
  return FALSE;
}

static gboolean
in_operators (const CwFilter *filter,
              const char     *name)
{
  return name != NULL && g_strv_contains ((const char * const *) filter->operators, name);
}

gboolean
cw_filter_matches_full (const CwFilter   *filter,
                        CwStation        *station,
                        gint64            now,
                        CwFilterCriteria *undecided_out)
{
  CwFilterCriteria undecided = 0;

  if (undecided_out)
    *undecided_out = 0;
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (CW_IS_STATION (station), FALSE);

  if (filter->public_only && !station->is_public)
    return FALSE;
  if (filter->along_motorway && station->parking_type != CW_PARKING_TYPE_ALONG_MOTORWAY)
    return FALSE;
  if (filter->near != 0 && !(station->facilities & expand_near (filter->near)))
    return FALSE;
  if (has_operators (filter) && !in_operators (filter, cw_station_get_operator_name (station)))
    return FALSE;
  if (filter->open_now)
    {
      switch (cw_filter_station_open_state (station, now))
        {
        case CW_OPEN_STATE_CLOSED:
          return FALSE;
        case CW_OPEN_STATE_UNKNOWN:
          undecided |= CW_FILTER_OPEN_NOW;
          break;
        case CW_OPEN_STATE_OPEN:
        default:
          break;
        }
    }
  if ((filter->standards != 0 || filter->min_power_kw > 0 || filter->free_now ||
       filter->max_price_kwh >= 0) &&
      !any_connector_qualifies (filter, station, now))
    return FALSE;

  if (undecided_out)
    *undecided_out = undecided;
  return TRUE;
}

gboolean
cw_filter_matches (const CwFilter *filter,
                   CwStation      *station,
                   gint64          now)
{
  return cw_filter_matches_full (filter, station, now, NULL);
}

/* ---- strictness ---- */

enum {
  SAME = 0,
  STRICTER = 1 << 0,
  LOOSER = 1 << 1,
};

/* "Any of these", 0 meaning anything: fewer members keep fewer stations. */
static guint
compare_any_of (guint64 old_mask,
                guint64 new_mask)
{
  if (old_mask == new_mask)
    return SAME;
  if (old_mask == 0)
    return STRICTER;
  if (new_mask == 0)
    return LOOSER;
  if ((new_mask & ~old_mask) == 0)
    return STRICTER;
  if ((old_mask & ~new_mask) == 0)
    return LOOSER;
  return STRICTER | LOOSER;
}

static guint
compare_flag (gboolean old_on,
              gboolean new_on)
{
  if (!old_on == !new_on)
    return SAME;
  return new_on ? STRICTER : LOOSER;
}

/* A lower bound: raising it keeps fewer. */
static guint
compare_minimum (double old_v,
                 double new_v)
{
  old_v = MAX (old_v, 0);
  new_v = MAX (new_v, 0);
  if (old_v == new_v)
    return SAME;
  return new_v > old_v ? STRICTER : LOOSER;
}

static gboolean
strv_subset (char **a,
             char **b)
{
  for (guint i = 0; a[i]; i++)
    if (!g_strv_contains ((const char * const *) b, a[i]))
      return FALSE;
  return TRUE;
}

static guint
compare_operators (const CwFilter *old_f,
                   const CwFilter *new_f)
{
  gboolean old_any = !has_operators (old_f), new_any = !has_operators (new_f);
  gboolean new_in_old, old_in_new;

  if (old_any && new_any)
    return SAME;
  if (old_any)
    return STRICTER;
  if (new_any)
    return LOOSER;
  new_in_old = strv_subset (new_f->operators, old_f->operators);
  old_in_new = strv_subset (old_f->operators, new_f->operators);
  if (new_in_old && old_in_new)
    return SAME;
  if (new_in_old)
    return STRICTER;
  if (old_in_new)
    return LOOSER;
  return STRICTER | LOOSER;
}

static guint
compare_price (const CwFilter *old_f,
               const CwFilter *new_f)
{
  gboolean old_on = old_f->max_price_kwh >= 0, new_on = new_f->max_price_kwh >= 0;
  guint result = SAME;

  if (!old_on && !new_on)
    return SAME;
  if (!old_on)
    return STRICTER;
  if (!new_on)
    return LOOSER;
  if (new_f->max_price_kwh < old_f->max_price_kwh)
    result |= STRICTER;
  else if (new_f->max_price_kwh > old_f->max_price_kwh)
    result |= LOOSER;

  /* A currency narrows "any currency". */
  if (old_f->price_currency == NULL && new_f->price_currency != NULL)
    result |= STRICTER;
  else if (old_f->price_currency != NULL && new_f->price_currency == NULL)
    result |= LOOSER;
  else if (old_f->price_currency != NULL &&
           g_ascii_strcasecmp (old_f->price_currency, new_f->price_currency) != 0)
    result |= STRICTER | LOOSER;
  return result;
}

CwFilterChange
cw_filter_compare (const CwFilter *old_f,
                   const CwFilter *new_f)
{
  guint acc = SAME;

  g_return_val_if_fail (old_f != NULL && new_f != NULL, CW_FILTER_CHANGE_DIFFERENT);

  acc |= compare_any_of (old_f->standards, new_f->standards);
  acc |= compare_minimum (old_f->min_power_kw, new_f->min_power_kw);
  acc |= compare_flag (old_f->free_now, new_f->free_now);
  acc |= compare_operators (old_f, new_f);
  acc |= compare_any_of (expand_near (old_f->near), expand_near (new_f->near));
  acc |= compare_flag (old_f->along_motorway, new_f->along_motorway);
  acc |= compare_flag (old_f->open_now, new_f->open_now);
  acc |= compare_flag (old_f->public_only, new_f->public_only);
  acc |= compare_price (old_f, new_f);

  switch (acc)
    {
    case SAME:
      return CW_FILTER_CHANGE_NONE;
    case STRICTER:
      return CW_FILTER_CHANGE_MORE_STRICT;
    case LOOSER:
      return CW_FILTER_CHANGE_LESS_STRICT;
    default:
      return CW_FILTER_CHANGE_DIFFERENT;
    }
}

/* ---- text form ---- */

static void
append_escaped (GString    *out,
                const char *s)
{
  for (; *s; s++)
    {
      if (*s == '%' || *s == ',' || *s == ';' || *s == '=' || (guchar) *s < 0x20)
        g_string_append_printf (out, "%%%02X", (guchar) *s);
      else
        g_string_append_c (out, *s);
    }
}

static void
append_number (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", v));
}

static void
begin_item (GString    *out,
            const char *key)
{
  if (out->len > 0)
    g_string_append_c (out, ';');
  g_string_append (out, key);
}

char *
cw_filter_to_string (const CwFilter *filter)
{
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (filter != NULL, NULL);

  if (filter->standards != 0)
    {
      guint64 rest = filter->standards;
      gboolean first = TRUE;

      begin_item (out, "standard=");
      for (guint g = 0; g < CW_N_CONNECTOR_GROUPS; g++)
        {
          guint64 mask = cw_connector_group_mask (g);
          if ((rest & mask) == mask)
            {
              g_string_append_printf (out, "%s%s", first ? "" : ",", groups[g].name);
              rest &= ~mask;
              first = FALSE;
            }
        }
      for (guint s = 0; s < CW_N_CONNECTOR_STANDARDS; s++)
        if (rest & CW_STANDARD_BIT (s))
          {
            g_string_append_printf (out, "%s%s", first ? "" : ",",
                                    s == CW_CONNECTOR_UNKNOWN ? "UNKNOWN" : cw_connector_standard_to_string (s));
            first = FALSE;
          }
    }
  if (filter->min_power_kw > 0)
    {
      begin_item (out, "min_kw=");
      append_number (out, filter->min_power_kw);
    }
  if (filter->free_now)
    begin_item (out, "free");
  if (has_operators (filter))
    {
      begin_item (out, "operator=");
      for (guint i = 0; filter->operators[i]; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_escaped (out, filter->operators[i]);
        }
    }
  if (filter->near != 0)
    {
      gboolean first = TRUE;

      begin_item (out, "near=");
      for (guint f = 0; f < CW_N_FACILITIES; f++)
        if (filter->near & CW_FACILITY_BIT (f))
          {
            g_string_append_printf (out, "%s%s", first ? "" : ",", cw_facility_to_string (f));
            first = FALSE;
          }
    }
  if (filter->along_motorway)
    begin_item (out, "motorway");
  if (filter->open_now)
    begin_item (out, "open");
  if (filter->public_only)
    begin_item (out, "public");
  if (filter->max_price_kwh >= 0)
    {
      begin_item (out, "max_price=");
      append_number (out, filter->max_price_kwh);
      if (filter->price_currency != NULL)
        g_string_append (out, filter->price_currency);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean G_GNUC_PRINTF (3, 4)
parse_error (GError     **error,
             const char  *key,
             const char  *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CW_FILTER_ERROR, CW_FILTER_ERROR_PARSE,
               "Filter item \"%.80s\": %s", key, what);
  return FALSE;
}

static gboolean
parse_number (const char *value,
              double     *out,
              const char **rest)
{
  char *end = NULL;
  double v = g_ascii_strtod (value, &end);

  if (end == value || !isfinite (v) || v < 0)
    return FALSE;
  *out = v;
  if (rest)
    *rest = end;
  return rest != NULL || *end == '\0';
}

static gboolean
parse_standards (const char  *value,
                 guint64     *out,
                 GError     **error,
                 const char  *item)
{
  g_auto (GStrv) names = g_strsplit (value, ",", -1);

  for (guint i = 0; names[i]; i++)
    {
      const char *name = g_strstrip (names[i]);
      CwConnectorStandard s;
      gboolean found = FALSE;

      for (guint g = 0; g < CW_N_CONNECTOR_GROUPS && !found; g++)
        if (g_ascii_strcasecmp (name, groups[g].name) == 0)
          {
            *out |= cw_connector_group_mask (g);
            found = TRUE;
          }
      if (!found && g_ascii_strcasecmp (name, "UNKNOWN") == 0)
        {
          *out |= CW_STANDARD_BIT (CW_CONNECTOR_UNKNOWN);
          found = TRUE;
        }
      if (!found && cw_connector_standard_from_string (name, &s))
        {
          *out |= CW_STANDARD_BIT (s);
          found = TRUE;
        }
      if (!found)
        return parse_error (error, item, "\"%.80s\" is not a connector standard", name);
    }
  return TRUE;
}

static gboolean
parse_facilities (const char  *value,
                  guint32     *out,
                  GError     **error,
                  const char  *item)
{
  g_auto (GStrv) names = g_strsplit (value, ",", -1);

  for (guint i = 0; names[i]; i++)
    {
      const char *name = g_strstrip (names[i]);
      CwFacility f;

      if (!cw_facility_from_string (name, &f))
        return parse_error (error, item, "\"%.80s\" is not an OCPI facility", name);
      *out |= CW_FACILITY_BIT (f);
    }
  return TRUE;
}

static gboolean
parse_operators (const char  *value,
                 CwFilter    *filter,
                 GError     **error,
                 const char  *item)
{
  g_auto (GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i]; i++)
    {
      char *name = g_uri_unescape_string (g_strstrip (parts[i]), NULL);

      if (name == NULL || *name == '\0')
        {
          g_free (name);
          return parse_error (error, item, "an operator name is empty or badly escaped");
        }
      g_ptr_array_add (names, name);
    }
  g_ptr_array_add (names, NULL);
  cw_filter_set_operators (filter, (const char * const *) names->pdata);
  return TRUE;
}

static gboolean
parse_price (const char  *value,
             CwFilter    *filter,
             GError     **error,
             const char  *item)
{
  const char *rest = NULL;

  if (!parse_number (value, &filter->max_price_kwh, &rest))
    return parse_error (error, item, "expected a price such as 0.59 or 0.59EUR");
  while (g_ascii_isspace (*rest))
    rest++;
  if (*rest == '\0')
    return TRUE;
  if (strlen (rest) != 3 || !g_ascii_isalpha (rest[0]) || !g_ascii_isalpha (rest[1]) ||
      !g_ascii_isalpha (rest[2]))
    return parse_error (error, item, "the currency must be an ISO 4217 code such as EUR");
  filter->price_currency = g_ascii_strup (rest, -1);
  return TRUE;
}

CwFilter *
cw_filter_from_string (const char  *str,
                       GError     **error)
{
  g_autoptr (CwFilter) filter = cw_filter_new ();
  g_auto (GStrv) items = NULL;
  guint seen = 0;

  g_return_val_if_fail (str != NULL, NULL);

  items = g_strsplit (str, ";", -1);
  for (guint i = 0; items[i]; i++)
    {
      static const char *const keys[] = {
        "standard", "min_kw", "free", "operator", "near", "motorway", "open", "public", "max_price",
      };
      char *item = g_strstrip (items[i]);
      char *eq = strchr (item, '=');
      const char *value = NULL;
      guint k;
      gboolean ok = TRUE, is_flag;

      if (*item == '\0')
        continue;
      if (eq != NULL)
        {
          *eq = '\0';
          g_strchomp (item);
          value = g_strchug (eq + 1);
        }
      for (k = 0; k < G_N_ELEMENTS (keys); k++)
        if (g_ascii_strcasecmp (item, keys[k]) == 0)
          break;
      if (k == G_N_ELEMENTS (keys))
        {
          parse_error (error, item, "%s", "unknown criterion");
          return NULL;
        }
      if (seen & (1u << k))
        {
          parse_error (error, item, "%s", "given twice");
          return NULL;
        }
      seen |= 1u << k;

      /* Flags take no value; the others need one. */
      is_flag = k == 2 || k == 5 || k == 6 || k == 7;
      if (is_flag != (value == NULL || *value == '\0'))
        {
          parse_error (error, item, "%s", is_flag ? "takes no value" : "needs a value");
          return NULL;
        }

      switch (k)
        {
        case 0:
          ok = parse_standards (value, &filter->standards, error, item);
          break;
        case 1:
          if (!parse_number (value, &filter->min_power_kw, NULL))
            ok = parse_error (error, item, "expected a power in kW");
          break;
        case 2:
          filter->free_now = TRUE;
          break;
        case 3:
          ok = parse_operators (value, filter, error, item);
          break;
        case 4:
          ok = parse_facilities (value, &filter->near, error, item);
          break;
        case 5:
          filter->along_motorway = TRUE;
          break;
        case 6:
          filter->open_now = TRUE;
          break;
        case 7:
          filter->public_only = TRUE;
          break;
        case 8:
        default:
          ok = parse_price (value, filter, error, item);
          break;
        }
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&filter);
}

/* ---- what a source cannot answer ---- */

CwFilterCriteria
cw_filter_unanswerable (const char *source)
{
  if (source != NULL && g_str_has_prefix (source, "ocm"))
    return CW_FILTER_NEAR | CW_FILTER_MOTORWAY | CW_FILTER_OPEN_NOW | CW_FILTER_MAX_PRICE;
  return 0;
}

char *
cw_filter_explain_unanswerable (const CwFilter *filter,
                                const char     *source)
{
  static const struct {
    CwFilterCriteria criterion;
    const char *what;
  } reasons[] = {
    { CW_FILTER_NEAR, "near a place (it lists no facilities)" },
    { CW_FILTER_MOTORWAY, "along a motorway (it has no parking type)" },
    { CW_FILTER_OPEN_NOW, "open now (it has no opening hours; its stations are kept)" },
    { CW_FILTER_MAX_PRICE, "maximum price (its prices are free text, not tariffs)" },
  };
  CwFilterCriteria missing;
  g_autoptr (GString) text = NULL;
  guint n = 0;

  g_return_val_if_fail (filter != NULL, NULL);

  missing = cw_filter_get_active (filter) & cw_filter_unanswerable (source);
  if (missing == 0)
    return NULL;

  text = g_string_new ("Open Charge Map data cannot answer ");
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (missing & reasons[i].criterion)
      {
        if (n > 0)
          g_string_append (text, "; ");
        g_string_append (text, reasons[i].what);
        n++;
      }
  g_string_append (text, ".");
  if (missing & (CW_FILTER_NEAR | CW_FILTER_MOTORWAY | CW_FILTER_MAX_PRICE))
    g_string_append (text, " Its stations are hidden while such a criterion is on.");
  return g_string_free (g_steal_pointer (&text), FALSE);
}
