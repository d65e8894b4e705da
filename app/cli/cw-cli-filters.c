/* cw-cli-filters.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-cli"

#include <math.h>
#include <string.h>

#include "cw-cli-filters.h"

struct _CwCliFilters {
  char     **connectors;
  char      *min_kw;
  gboolean   free_now;
  char     **near;
  gboolean   motorway;
  gboolean   open_now;
  gboolean   public_only;
  char     **operators;
  char      *max_price;
  char      *filter;
};

/* The places a driver asks for by name; any OCPI facility works too. */
#define FACILITY_NAMES "restaurant, hotel, mall, supermarket (or an OCPI facility such as cafe)"

CwCliFilters *
cw_cli_filters_new (void)
{
  return g_new0 (CwCliFilters, 1);
}

void
cw_cli_filters_free (CwCliFilters *flags)
{
  if (flags == NULL)
    return;
  g_strfreev (flags->connectors);
  g_free (flags->min_kw);
  g_strfreev (flags->near);
  g_strfreev (flags->operators);
  g_free (flags->max_price);
  g_free (flags->filter);
  g_free (flags);
}

void
cw_cli_filters_add_entries (CwCliFilters   *flags,
                            GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "connector", 0, 0, G_OPTION_ARG_STRING_ARRAY, &flags->connectors,
      "Only stations with one of these connectors: CCS2, CCS1, CHADEMO, TYPE2, NACS, DOMESTIC "
      "(comma list or repeated)", "NAME,…" },
    { "min-kw", 0, 0, G_OPTION_ARG_STRING, &flags->min_kw,
      "Only connectors of at least this power", "KW" },
    { "free-now", 0, 0, G_OPTION_ARG_NONE, &flags->free_now,
      "Only stations where such a connector is free now (its EVSE AVAILABLE)", NULL },
    { "near-facility", 0, 0, G_OPTION_ARG_STRING_ARRAY, &flags->near,
      "Only stations near one of these: " FACILITY_NAMES, "PLACE,…" },
    { "motorway", 0, 0, G_OPTION_ARG_NONE, &flags->motorway,
      "Only stations along a motorway", NULL },
    { "open-now", 0, 0, G_OPTION_ARG_NONE, &flags->open_now,
      "Leave out stations closed now (unknown opening hours do not exclude)", NULL },
    { "public", 0, 0, G_OPTION_ARG_NONE, &flags->public_only,
      "Only stations open to the public", NULL },
    { "operator", 0, 0, G_OPTION_ARG_STRING_ARRAY, &flags->operators,
      "Only stations of these operators (comma list or repeated; exact names)", "NAME" },
    { "max-price", 0, 0, G_OPTION_ARG_STRING, &flags->max_price,
      "Only connectors whose tariff costs at most this per kWh incl. VAT; add a currency "
      "(0.59EUR) to leave out other currencies", "PRICE" },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &flags->filter,
      "A saved filter, e.g. \"standard=CCS2;min_kw=150;free;near=RESTAURANT;motorway\"", "FILTER" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

/* Every item of repeated, comma-separated values, stripped; empty ones
 * are an error. */
static char **
split_list (char       **values,
            const char  *option,
            GError     **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; values[i]; i++)
    {
      g_auto (GStrv) parts = g_strsplit (values[i], ",", -1);

      for (guint j = 0; parts[j]; j++)
        {
          const char *item = g_strstrip (parts[j]);

          if (*item == '\0')
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "%s \"%s\": an empty name", option, values[i]);
              return NULL;
            }
          g_strv_builder_add (builder, item);
        }
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_connectors (char     **values,
                  guint64   *out,
                  GError   **error)
{
  g_auto (GStrv) names = split_list (values, "--connector", error);

  if (names == NULL)
    return FALSE;
  for (guint i = 0; names[i]; i++)
    {
      CwConnectorStandard s;
      gboolean found = FALSE;

      for (guint g = 0; g < CW_N_CONNECTOR_GROUPS && !found; g++)
        if (g_ascii_strcasecmp (names[i], cw_connector_group_to_string (g)) == 0)
          {
            *out |= cw_connector_group_mask (g);
            found = TRUE;
          }
      /* The OCPI names (IEC_62196_T2_COMBO …) work too, as in --filter. */
      if (!found && cw_connector_standard_from_string (names[i], &s) && s != CW_CONNECTOR_UNKNOWN)
        {
          *out |= CW_STANDARD_BIT (s);
          found = TRUE;
        }
      if (!found)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--connector %s: unknown connector; use CCS2, CCS1, CHADEMO, TYPE2, NACS or DOMESTIC",
                       names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_facilities (char     **values,
                  guint32   *out,
                  GError   **error)
{
  g_auto (GStrv) names = split_list (values, "--near-facility", error);

  if (names == NULL)
    return FALSE;
  for (guint i = 0; names[i]; i++)
    {
      CwFacility f;

      if (!cw_facility_from_string (names[i], &f))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--near-facility %s: unknown place; use " FACILITY_NAMES, names[i]);
          return FALSE;
        }
      *out |= CW_FACILITY_BIT (f);
    }
  return TRUE;
}

static gboolean
parse_min_kw (const char  *value,
              double      *out,
              GError     **error)
{
  char *end = NULL;
  double v = g_ascii_strtod (value, &end);

  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == value || *end != '\0' || !isfinite (v) || v < 0 || v > 10000)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--min-kw %s: expected a power in kW such as 150", value);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static gboolean
parse_max_price (const char  *value,
                 CwFilter    *filter,
                 GError     **error)
{
  char *end = NULL;
  double v = g_ascii_strtod (value, &end);

  if (end != value && isfinite (v) && v >= 0)
    {
      while (g_ascii_isspace (*end))
        end++;
      if (*end == '\0')
        {
          filter->max_price_kwh = v;
          return TRUE;
        }
      if (strlen (end) == 3 && g_ascii_isalpha (end[0]) && g_ascii_isalpha (end[1]) &&
          g_ascii_isalpha (end[2]))
        {
          filter->max_price_kwh = v;
          g_free (filter->price_currency);
          filter->price_currency = g_ascii_strup (end, -1);
          return TRUE;
        }
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "--max-price %s: expected a price per kWh such as 0.59, or 0.59EUR for one currency",
               value);
  return FALSE;
}

/* A flag may not say again what --filter already says about the same
 * criterion: which of the two would win is anybody's guess. */
static gboolean
check_overlap (CwFilterCriteria  from_string,
               CwFilterCriteria  criterion,
               const char       *flag,
               GError          **error)
{
  if (!(from_string & criterion))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "%s: --filter already sets this criterion; give it once", flag);
  return FALSE;
}

CwFilter *
cw_cli_filters_build (CwCliFilters  *flags,
                      GError       **error)
{
  g_autoptr (CwFilter) filter = NULL;
  g_autoptr (GError) local_error = NULL;
  CwFilterCriteria given = 0;

  g_return_val_if_fail (flags != NULL, NULL);

  if (flags->filter != NULL)
    {
      if (!(filter = cw_filter_from_string (flags->filter, &local_error)))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--filter \"%s\": %s", flags->filter, local_error->message);
          return NULL;
        }
      given = cw_filter_get_active (filter);
    }
  else
    filter = cw_filter_new ();

  if (flags->connectors != NULL)
    {
      guint64 standards = 0;

      if (!check_overlap (given, CW_FILTER_STANDARDS, "--connector", error) ||
          !parse_connectors (flags->connectors, &standards, error))
        return NULL;
      filter->standards = standards;
    }
  if (flags->min_kw != NULL)
    {
      if (!check_overlap (given, CW_FILTER_MIN_POWER, "--min-kw", error) ||
          !parse_min_kw (flags->min_kw, &filter->min_power_kw, error))
        return NULL;
    }
  if (flags->near != NULL)
    {
      guint32 near = 0;

      if (!check_overlap (given, CW_FILTER_NEAR, "--near-facility", error) ||
          !parse_facilities (flags->near, &near, error))
        return NULL;
      filter->near = near;
    }
  if (flags->operators != NULL)
    {
      g_auto (GStrv) names = NULL;

      if (!check_overlap (given, CW_FILTER_OPERATORS, "--operator", error) ||
          !(names = split_list (flags->operators, "--operator", error)))
        return NULL;
      cw_filter_set_operators (filter, (const char * const *) names);
    }
  if (flags->max_price != NULL)
    {
      if (!check_overlap (given, CW_FILTER_MAX_PRICE, "--max-price", error) ||
          !parse_max_price (flags->max_price, filter, error))
        return NULL;
    }
  /* Saying "free" twice is harmless. */
  filter->free_now |= flags->free_now;
  filter->along_motorway |= flags->motorway;
  filter->open_now |= flags->open_now;
  filter->public_only |= flags->public_only;

  return g_steal_pointer (&filter);
}

GPtrArray *
cw_cli_filters_apply (const CwFilter *filter,
                      GPtrArray      *stations,
                      gint64          now)
{
  GPtrArray *kept;

  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (stations != NULL, NULL);

  kept = g_ptr_array_new_full (stations->len, g_object_unref);
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);

      if (cw_filter_matches (filter, s, now))
        g_ptr_array_add (kept, g_object_ref (s));
    }
  return kept;
}

void
cw_cli_filters_warn (const CwFilter *filter,
                     const char     *source_id,
                     const char     *command)
{
  g_autofree char *text = NULL;

  g_return_if_fail (filter != NULL);

  if ((text = cw_filter_explain_unanswerable (filter, source_id)) != NULL)
    g_printerr ("chargeway-cli %s: note: %s\n", command, text);
}
