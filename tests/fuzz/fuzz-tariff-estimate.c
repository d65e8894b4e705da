/* fuzz-tariff-estimate.c: cw_tariff_estimate () and its description,
 * with the tariff and the session both taken from the input.
 *
 * The first bytes give the session (start, time zone, energy, power,
 * charging and idle time, current) and a mode:
 *  - mode 0: the rest of the input is tariff JSON as an OCPI server
 *    would send it;
 *  - mode 1: the rest drives a generator that writes a well-formed
 *    OCPI Tariff (elements, price components, every restriction kind),
 *    so the estimator itself is explored and not only the parser.
 * Either way the JSON goes through cw_ocpi_parse_tariffs () and each
 * tariff it yields is estimated, described, and its kWh ceiling asked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "fuzz-common.h"

#include "cw-ocpi-parser.h"
#include "cw-tariff-estimate.h"

static const char * const zones[] = {
  NULL, "UTC", "Europe/Amsterdam", "Europe/London", "America/New_York",
  "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu", "No/Such_Zone", "",
};

static const char * const dimensions[] = { "ENERGY", "FLAT", "TIME", "PARKING_TIME" };
static const char * const not_dimensions[] = { "PARKING", "" };
static const char * const days[] = {
  "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
};
static const char * const reservations[] = { "RESERVATION", "RESERVATION_EXPIRES", "NONE?" };
static const char * const tariff_types[] = {
  "AD_HOC_PAYMENT", "PROFILE_CHEAP", "PROFILE_FAST", "PROFILE_GREEN", "REGULAR", "X",
};

/* A duration in seconds: mostly minutes to hours, sometimes up to and
 * past the two weeks the estimator accepts. */
static gint64
take_seconds (FuzzReader *r)
{
  guint scale = fuzz_take (r, 1) % 4;
  double v = fuzz_take_range (r, 2, 0, 1);

  switch (scale)
    {
    case 0: return (gint64) (v * 600);          /* ≤ 10 min */
    case 1: return (gint64) (v * 4 * 3600);     /* ≤ 4 h */
    case 2: return (gint64) (v * 26 * 3600);    /* ≤ 26 h */
    default: return (gint64) (v * 15 * 86400); /* ≤ 15 days */
    }
}

/* Mostly ordinary numbers, sometimes the edges: 0, negative, NaN, ∞. */
static double
take_amount (FuzzReader *r,
             double      max)
{
  guint kind = fuzz_take (r, 1);
  double v = fuzz_take_range (r, 2, 0, max);

  switch (kind % 16)
    {
    case 0: return 0;
    case 1: return -v - 1;
    case 2: return NAN;
    case 3: return INFINITY;
    case 4: return 1e-9;
    default: return v;
    }
}

static void
append_number (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_dtostr (buf, sizeof buf, v));
}

static void
append_restrictions (GString    *s,
                     FuzzReader *r)
{
  guint present = fuzz_take (r, 2);
  gboolean first = TRUE;

#define MEMBER(name) G_STMT_START { \
    g_string_append_printf (s, "%s\"%s\":", first ? "" : ",", name); first = FALSE; \
  } G_STMT_END

  g_string_append_c (s, '{');
  if (present & 1 << 0)
    {
      MEMBER ("start_time");
      g_string_append_printf (s, "\"%02u:%02u\"", (guint) fuzz_take (r, 1) % 25,
                              (guint) fuzz_take (r, 1) % 60);
    }
  if (present & 1 << 1)
    {
      MEMBER ("end_time");
      g_string_append_printf (s, "\"%02u:%02u\"", (guint) fuzz_take (r, 1) % 25,
                              (guint) fuzz_take (r, 1) % 60);
    }
  if (present & 1 << 2)
    {
      MEMBER ("start_date");
      g_string_append_printf (s, "\"%04u-%02u-%02u\"", 2015 + (guint) fuzz_take (r, 1) % 20,
                              1 + (guint) fuzz_take (r, 1) % 12, 1 + (guint) fuzz_take (r, 1) % 31);
    }
  if (present & 1 << 3)
    {
      MEMBER ("end_date");
      g_string_append_printf (s, "\"%04u-%02u-%02u\"", 2015 + (guint) fuzz_take (r, 1) % 20,
                              1 + (guint) fuzz_take (r, 1) % 12, 1 + (guint) fuzz_take (r, 1) % 31);
    }
  if (present & 1 << 4)
    {
      MEMBER ("min_kwh");
      append_number (s, fuzz_take_range (r, 2, 0, 200));
    }
  if (present & 1 << 5)
    {
      MEMBER ("max_kwh");
      append_number (s, fuzz_take_range (r, 2, 0, 200));
    }
  if (present & 1 << 6)
    {
      MEMBER ("min_current");
      append_number (s, fuzz_take_range (r, 1, 0, 500));
    }
  if (present & 1 << 7)
    {
      MEMBER ("max_current");
      append_number (s, fuzz_take_range (r, 1, 0, 500));
    }
  if (present & 1 << 8)
    {
      MEMBER ("min_power");
      append_number (s, fuzz_take_range (r, 1, 0, 400));
    }
  if (present & 1 << 9)
    {
      MEMBER ("max_power");
      append_number (s, fuzz_take_range (r, 1, 0, 400));
    }
  if (present & 1 << 10)
    {
      MEMBER ("min_duration");
      g_string_append_printf (s, "%" G_GINT64_FORMAT, take_seconds (r));
    }
  if (present & 1 << 11)
    {
      MEMBER ("max_duration");
      g_string_append_printf (s, "%" G_GINT64_FORMAT, take_seconds (r));
    }
  if (present & 1 << 12)
    {
      guint mask = fuzz_take (r, 1);
      gboolean first_day = TRUE;

      MEMBER ("day_of_week");
      g_string_append_c (s, '[');
      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        if (mask & 1u << d)
          {
            g_string_append_printf (s, "%s\"%s\"", first_day ? "" : ",", days[d]);
            first_day = FALSE;
          }
      g_string_append_c (s, ']');
    }
  if (present & 1 << 13)
    {
      MEMBER ("reservation");
      g_string_append_printf (s, "\"%s\"",
                              reservations[fuzz_take (r, 1) % G_N_ELEMENTS (reservations)]);
    }
  g_string_append_c (s, '}');
#undef MEMBER
}

static char *
generate_tariff (FuzzReader *r)
{
  GString *s = g_string_new (NULL);
  guint n_elements = fuzz_take (r, 1) % 9;
  guint flags = fuzz_take (r, 1);

  g_string_append_printf (s, "{\"id\":\"T%u\",\"country_code\":\"NL\",\"party_id\":\"FUZ\","
                             "\"currency\":\"%s\",\"type\":\"%s\"",
                          flags & 1, flags & 2 ? "EUR" : "GBP",
                          tariff_types[fuzz_take (r, 1) % G_N_ELEMENTS (tariff_types)]);
  if (flags & 4)
    g_string_append (s, ",\"tariff_alt_text\":[{\"language\":\"nl\",\"text\":\"prijs\"},"
                        "{\"language\":\"en\",\"text\":\"price\"}]");
  if (flags & 8)
    {
      g_string_append (s, ",\"min_price\":{\"excl_vat\":");
      append_number (s, fuzz_take_range (r, 1, 0, 20));
      if (flags & 16)
        {
          g_string_append (s, ",\"incl_vat\":");
          append_number (s, fuzz_take_range (r, 1, 0, 25));
        }
      g_string_append_c (s, '}');
    }
  if (flags & 32)
    {
      g_string_append (s, ",\"max_price\":{\"excl_vat\":");
      append_number (s, fuzz_take_range (r, 1, 0, 100));
      if (flags & 64)
        {
          g_string_append (s, ",\"incl_vat\":");
          append_number (s, fuzz_take_range (r, 1, 0, 120));
        }
      g_string_append_c (s, '}');
    }

  g_string_append (s, ",\"elements\":[");
  for (guint e = 0; e < n_elements; e++)
    {
      guint n_components = 1 + fuzz_take (r, 1) % 4;
      guint eflags = fuzz_take (r, 1);

      g_string_append (s, e > 0 ? ",{\"price_components\":[" : "{\"price_components\":[");
      for (guint c = 0; c < n_components; c++)
        {
          static const guint steps[] = { 1, 1, 60, 300, 900, 1000, 3600, 0, 7 };
          guint cflags = fuzz_take (r, 1);

          /* Now and then a dimension OCPI does not have: the tariff is refused. */
          g_string_append_printf (s, "%s{\"type\":\"%s\",\"price\":", c > 0 ? "," : "",
                                  (cflags & 0xef) == 0xef ? not_dimensions[c % 2]
                                                          : dimensions[cflags % 4]);
          append_number (s, fuzz_take_range (r, 2, 0, 5));
          if (cflags & 0x10)
            {
              g_string_append (s, ",\"vat\":");
              append_number (s, fuzz_take_range (r, 1, 0, 30));
            }
          g_string_append_printf (s, ",\"step_size\":%u}",
                                  steps[fuzz_take (r, 1) % G_N_ELEMENTS (steps)]);
        }
      g_string_append_c (s, ']');
      if (eflags & 1)
        {
          g_string_append (s, ",\"restrictions\":");
          append_restrictions (s, r);
        }
      g_string_append_c (s, '}');
    }
  g_string_append (s, "],\"last_updated\":\"2024-01-01T00:00:00Z\"}");
  return g_string_free (s, FALSE);
}

/* Longer inputs only bring more tariffs for the same estimator (the
 * largest seed, a page of a UK feed's tariffs, is under 5 kB): the
 * parser on large inputs is fuzz-ocpi-tariffs' work. */
#define TARIFF_MAX_INPUT 6144

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzReader r = { data, size };
  CwSessionPlan plan = { 0, };
  g_autofree char *json = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GHashTable) tariffs = NULL;
  g_autoptr (GError) error = NULL;
  gboolean generated;
  GHashTableIter iter;
  gpointer value;

  if (size > TARIFF_MAX_INPUT)
    return 0;
  generated = fuzz_take (&r, 1) & 1;
  /* 1970 … 2100: a session the app could be asked about. */
  plan.start = (gint64) fuzz_take_range (&r, 4, 0, 4102444800.0);
  plan.time_zone = zones[fuzz_take (&r, 1) % G_N_ELEMENTS (zones)];
  plan.energy_kwh = take_amount (&r, 150);
  plan.power_kw = take_amount (&r, 400);
  plan.charging_seconds = fuzz_take (&r, 1) & 1 ? take_seconds (&r) : 0;
  plan.idle_seconds = take_seconds (&r);
  plan.current_a = fuzz_take (&r, 1) & 1 ? take_amount (&r, 500) : 0;

  if (generated)
    {
      json = generate_tariff (&r);
      bytes = g_bytes_new_static (json, strlen (json));
    }
  else if (fuzz_json_glib_would_leak (r.data, r.size))
    return 0;   /* json-glib's leaks, see fuzz-common.h */
  else
    bytes = g_bytes_new (r.data, r.size);

  tariffs = cw_ocpi_parse_tariffs (bytes, &error);
  if (fuzz_verbose && generated)
    g_printerr ("generated: %s\n", json);
  fuzz_note ("tariffs", error);
  g_assert ((tariffs == NULL) != (error == NULL));
  if (tariffs == NULL)
    return 0;

  g_hash_table_iter_init (&iter, tariffs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const CwTariff *tariff = value;
      g_autoptr (GError) est_error = NULL;
      g_autoptr (CwTariffEstimate) est = cw_tariff_estimate (tariff, &plan, &est_error);
      g_autofree char *text = NULL;
      double ceiling = 0;

      g_assert ((est == NULL) != (est_error == NULL));
      cw_tariff_get_energy_price_ceiling (tariff, plan.time_zone, plan.start, plan.power_kw,
                                          &ceiling);
      fuzz_note ("estimate", est_error);
      if (est == NULL)
        {
          g_assert (est_error->domain == CW_TARIFF_ESTIMATE_ERROR);
          continue;
        }

      text = cw_tariff_estimate_describe (est);
      if (fuzz_verbose)
        g_printerr ("%s\n", text);
      g_assert (text != NULL && g_utf8_validate (text, -1, NULL));
      if (generated)
        {
          /* Prices are finite and not negative, so is what they add up to. */
          g_assert (isfinite (est->total_excl) && isfinite (est->total_incl));
          g_assert (est->total_excl >= -1e-9 && est->total_incl >= -1e-9);
        }
    }
  return 0;
}
