/* test-format.c: numbers, money and distances as locales write them —
 * the table with explicit locales, the same table against glibc's own
 * locales compiled for the test (localedef into a temporary LOCPATH),
 * kilometres or miles by locale and by setting, tariffs in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "cw-format.h"
#include "cw-locale-format.h"
#include "cw-ocpi-parser.h"

#define NBSP        "\u00a0"
#define NARROW_NBSP "\u202f"
#define MINUS       "\u2212"

static char *locpath;   /* compiled locales, NULL when localedef failed */

static void
assert_money (const char *locale,
              const char *currency,
              double      amount,
              int         decimals,
              const char *expected)
{
  g_autofree char *text = cw_locale_format_money (locale, currency, amount, decimals);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_money_table (void)
{
  assert_money ("nl_NL.UTF-8", "EUR", 0.79, 2, "€" NBSP "0,79");
  assert_money ("nl_BE", "EUR", 1234.5, 2, "€" NBSP "1.234,50");
  assert_money ("de_DE.UTF-8", "EUR", 0.79, 2, "0,79" NBSP "€");
  assert_money ("de_AT.UTF-8", "EUR", 0.79, 2, "€" NBSP "0,79");
  assert_money ("de_CH.UTF-8", "CHF", 1234.5, 2, "CHF" NBSP "1’234.50");
  assert_money ("fr_FR.UTF-8", "EUR", 1234.5, 2, "1" NARROW_NBSP "234,50" NARROW_NBSP "€");
  assert_money ("en_GB.UTF-8", "GBP", 1234.5, 2, "£1,234.50");
  assert_money ("en_US.UTF-8", "EUR", 0.79, 2, "€0.79");
  assert_money ("en_IE.UTF-8", "EUR", 0.275, 3, "€0.275");

  /* Currency codes where the locale's readers know no symbol. */
  assert_money ("nl_NL.UTF-8", "SEK", 4.5, 2, "SEK" NBSP "4,50");
  assert_money ("de_DE.UTF-8", "CHF", 0.6, 2, "0,60" NBSP "CHF");
  assert_money ("fr_FR.UTF-8", "PLN", 2, 2, "2,00" NARROW_NBSP "PLN");
  assert_money ("en_GB.UTF-8", "NOK", 3.1, 2, "NOK" NBSP "3.10");
  assert_money ("en_GB", "DKK", 3.1, 2, "DKK" NBSP "3.10");

  /* The dollar by who reads it. */
  assert_money ("en_US.UTF-8", "USD", 0.79, 2, "$0.79");
  assert_money ("en_GB.UTF-8", "USD", 0.79, 2, "US$0.79");
  assert_money ("nl_NL.UTF-8", "USD", 0.79, 2, "US$" NBSP "0,79");
  assert_money ("de_DE.UTF-8", "USD", 0.79, 2, "0,79" NBSP "$");
  assert_money ("fr_FR.UTF-8", "USD", 0.79, 2, "0,79" NARROW_NBSP "$US");

  /* Signs, and no −0.00. */
  assert_money ("nl_NL.UTF-8", "EUR", -0.79, 2, "€" NBSP MINUS "0,79");
  assert_money ("de_DE.UTF-8", "EUR", -0.79, 2, MINUS "0,79" NBSP "€");
  assert_money ("en_GB.UTF-8", "GBP", -0.79, 2, MINUS "£0.79");
  assert_money ("en_GB.UTF-8", "GBP", -0.001, 2, "£0.00");

  /* C says nothing: a symbol before, a code before and apart. */
  assert_money ("C", "EUR", 0.79, 2, "€0.79");
  assert_money ("C.UTF-8", "CHF", 1234.5, 2, "CHF" NBSP "1234.50");
  /* A currency code the table does not know stays a code. */
  assert_money ("de_DE.UTF-8", "JPY", 300, 0, "300" NBSP "JPY");
  assert_money ("nl_NL.UTF-8", NULL, 1.5, 2, "1,50");
}

static void
test_numbers (void)
{
  static const struct { const char *locale; double v; int d; const char *expected; } cases[] = {
    { "en_US.UTF-8", 1234.56, 1, "1,234.6" },
    { "nl_NL.UTF-8", 1234.56, 1, "1.234,6" },
    { "de_DE.UTF-8", 1234567.0, 0, "1.234.567" },
    { "fr_FR.UTF-8", 1234.5, 1, "1" NARROW_NBSP "234,5" },
    { "fr_FR.UTF-8", 999.5, 1, "999,5" },
    { "C", 1234.5, 1, "1234.5" },
    { "nl_NL.UTF-8", 0.25, 2, "0,25" },
    { "nl_NL.UTF-8", -3.7, 1, MINUS "3,7" },
    { "en_GB.UTF-8", 0.04, 0, "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cw_locale_format_number (cases[i].locale, cases[i].v, cases[i].d);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_miles_by_locale (void)
{
  const char *miles[] = { "en_US.UTF-8", "en_GB.UTF-8", "en_GB", "en_LR.UTF-8", "my_MM.UTF-8" };
  const char *km[] = { "en_IE.UTF-8", "nl_NL.UTF-8", "de_DE", "fr_FR.UTF-8@euro", "en", "C", "C.UTF-8" };

  for (guint i = 0; i < G_N_ELEMENTS (miles); i++)
    g_assert_true (cw_locale_uses_miles (miles[i]));
  for (guint i = 0; i < G_N_ELEMENTS (km); i++)
    g_assert_false (cw_locale_uses_miles (km[i]));
}

static void
clear_locale_env (void)
{
  const char *vars[] = { "LC_ALL", "LC_NUMERIC", "LC_MONETARY", "LC_MEASUREMENT", "LC_MESSAGES",
                         "LANG", "LANGUAGE" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    g_unsetenv (vars[i]);
  setlocale (LC_ALL, "C");
}

static void
test_locale_from_environment (void)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  /* The C library has only C here: the wish in the environment counts. */
  clear_locale_env ();
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  a = cw_locale_for_category (LC_MONETARY);
  g_assert_cmpstr (a, ==, "de_DE.UTF-8");

  g_setenv ("LC_MEASUREMENT", "en_GB.UTF-8", TRUE);
  b = cw_locale_for_category (LC_MEASUREMENT);
  g_assert_cmpstr (b, ==, "en_GB.UTF-8");

  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  c = cw_locale_for_category (LC_MEASUREMENT);
  g_assert_cmpstr (c, ==, "fr_FR.UTF-8");

  /* C.UTF-8 with Dutch messages: numbers as the messages speak. */
  clear_locale_env ();
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "nl", TRUE);
  d = cw_locale_for_category (LC_NUMERIC);
  g_assert_cmpstr (d, ==, "nl");
  clear_locale_env ();
}

static void
test_distances (void)
{
  static const struct { CwDistanceUnits units; double km; const char *expected; } cases[] = {
    { CW_DISTANCE_UNITS_KILOMETRES, 0.85, "850 m" },
    { CW_DISTANCE_UNITS_KILOMETRES, 0.9996, "1.0 km" },
    { CW_DISTANCE_UNITS_KILOMETRES, 1.234, "1.2 km" },
    { CW_DISTANCE_UNITS_KILOMETRES, 143.4, "143 km" },
    { CW_DISTANCE_UNITS_KILOMETRES, 1234.4, "1,234 km" },
    { CW_DISTANCE_UNITS_MILES, 1.609344, "1.0 mi" },
    { CW_DISTANCE_UNITS_MILES, 0.08, "0.05 mi" },
    { CW_DISTANCE_UNITS_MILES, 160.9344, "100 mi" },
  };

  clear_locale_env ();
  g_setenv ("LANG", "en_IE.UTF-8", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      cw_format_set_distance_units (cases[i].units);
      text = cw_format_distance (cases[i].km);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autofree char *km = NULL, *mi = NULL, *fine = NULL;

    cw_format_set_distance_units (CW_DISTANCE_UNITS_KILOMETRES);
    km = cw_format_route_position (143.2, 0.8);
    g_assert_cmpstr (km, ==, "km 143 · 800 m off route");
    cw_format_set_distance_units (CW_DISTANCE_UNITS_MILES);
    mi = cw_format_route_position (143.2, 0.8);
    g_assert_cmpstr (mi, ==, "mile 89 · 0.5 mi off route");
    fine = cw_format_distance_fine (2.0);
    g_assert_cmpstr (fine, ==, "1.2 mi");
  }

  /* Automatic: by LC_MEASUREMENT. */
  cw_format_set_distance_units (CW_DISTANCE_UNITS_AUTO);
  g_assert_cmpint (cw_format_get_distance_units (), ==, CW_DISTANCE_UNITS_KILOMETRES);
  g_setenv ("LC_MEASUREMENT", "en_US.UTF-8", TRUE);
  g_assert_cmpint (cw_format_get_distance_units (), ==, CW_DISTANCE_UNITS_MILES);
  g_setenv ("LC_MEASUREMENT", "my_MM.UTF-8", TRUE);
  g_assert_cmpint (cw_format_get_distance_units (), ==, CW_DISTANCE_UNITS_MILES);
  g_setenv ("LC_MEASUREMENT", "nl_NL.UTF-8", TRUE);
  g_assert_cmpint (cw_format_get_distance_units (), ==, CW_DISTANCE_UNITS_KILOMETRES);
  /* The setting wins over the locale. */
  cw_format_set_distance_units (cw_distance_units_from_string ("miles"));
  g_assert_cmpint (cw_format_get_distance_units (), ==, CW_DISTANCE_UNITS_MILES);
  g_assert_cmpint (cw_distance_units_from_string ("kilometres"), ==, CW_DISTANCE_UNITS_KILOMETRES);
  g_assert_cmpint (cw_distance_units_from_string ("auto"), ==, CW_DISTANCE_UNITS_AUTO);
  g_assert_cmpint (cw_distance_units_from_string ("bogus"), ==, CW_DISTANCE_UNITS_AUTO);
  cw_format_set_distance_units (CW_DISTANCE_UNITS_AUTO);
  clear_locale_env ();
}

#define TARIFF_HEAD(cur) "{\"id\":\"T\",\"currency\":\"" cur "\",\"last_updated\":\"2026-01-01T00:00:00Z\",\"elements\":["

static CwTariff *
tariff_from_json (const char *json)
{
  g_autoptr (GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr (GHashTable) table = NULL;
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer value;

  table = cw_ocpi_parse_tariffs (bytes, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, table);
  g_assert_true (g_hash_table_iter_next (&iter, NULL, &value));
  return cw_tariff_ref (value);
}

static void
test_tariff_words (void)
{
  /* 0.50/kWh + 21 % VAT = 0.605 → 0.61; idle 6.00/h = 0.10/min after 45 min. */
  g_autoptr (CwTariff) t = tariff_from_json (
    TARIFF_HEAD ("EUR")
    "{\"price_components\":[{\"type\":\"ENERGY\",\"price\":0.50,\"vat\":21,\"step_size\":1}]},"
    "{\"price_components\":[{\"type\":\"PARKING_TIME\",\"price\":6.00,\"vat\":0,\"step_size\":60}],"
    "\"restrictions\":{\"min_duration\":2700}}]}");
  g_autoptr (CwTariff) chf = tariff_from_json (
    TARIFF_HEAD ("CHF")
    "{\"price_components\":[{\"type\":\"FLAT\",\"price\":1.00,\"step_size\":1},"
    "{\"type\":\"TIME\",\"price\":2.40,\"step_size\":60}]}]}");
  g_autofree char *c_text = NULL, *nl_text = NULL, *de_text = NULL;

  clear_locale_env ();
  c_text = cw_format_tariff (t);
  g_assert_cmpstr (c_text, ==, "€0.61/kWh · idle fee €0.10/min from 45 min into the session");
  g_setenv ("LC_ALL", "nl_NL.UTF-8", TRUE);
  nl_text = cw_format_tariff (t);
  g_assert_cmpstr (nl_text, ==, "€" NBSP "0,61/kWh · idle fee €" NBSP "0,10/min from 45 min into the session");
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  de_text = cw_format_tariff (chf);
  g_assert_cmpstr (de_text, ==, "2,40" NBSP "CHF/h charging · 1,00" NBSP "CHF per session");
  clear_locale_env ();
}

/* ---- the table against glibc's own locale data ---- */

static gboolean
compile_locale (const char *name,
                const char *charmap)
{
  g_autofree char *out = g_strdup_printf ("%s/%s.%s", locpath, name, charmap);
  const char *argv[] = { "localedef", "-i", name, "-f", charmap, out, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  /* localedef may exit 1 for warnings and still write the locale. */
  return g_file_test (out, G_FILE_TEST_IS_DIR);
}

static void
test_against_glibc (void)
{
  static const struct { const char *name, *currency; } locales[] = {
    { "nl_NL", "EUR" }, { "de_DE", "EUR" }, { "fr_FR", "EUR" }, { "en_US", "USD" }, { "en_GB", "GBP" },
  };

  if (locpath == NULL)
    {
      g_test_skip ("localedef could not compile the locales (no locales package?)");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.UTF-8", locales[i].name);
      g_autofree char *ours = NULL;
      g_autofree char *number = NULL;
      const struct lconv *lc;
      gboolean before;

      g_assert_nonnull (setlocale (LC_ALL, name));
      lc = localeconv ();
      /* The table's decimal separator is glibc's, for money and numbers. */
      number = cw_locale_format_number (name, 0.5, 1);
      g_assert_nonnull (strstr (number, lc->decimal_point));
      ours = cw_locale_format_money (name, locales[i].currency, 0.5, 2);
      g_assert_nonnull (strstr (ours, lc->mon_decimal_point));
      /* Its own currency on the same side as glibc puts it. */
      g_assert_nonnull (strstr (ours, lc->currency_symbol));
      before = g_str_has_prefix (ours, lc->currency_symbol);
      g_assert_cmpint (before, ==, lc->p_cs_precedes != 0);
      /* A NULL locale is the one loaded. */
      {
        g_autofree char *current = cw_locale_format_money (NULL, locales[i].currency, 0.5, 2);
        g_assert_cmpstr (current, ==, ours);
      }
    }
  setlocale (LC_ALL, "C");
}

static void
test_localeconv_fallback (void)
{
  g_autofree char *sek = NULL, *eur = NULL, *number = NULL;

  if (locpath == NULL || !g_file_test (locpath, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("localedef could not compile the locales");
      return;
    }
  /* Swedish is not in the table: glibc's sv_SE tells how to write kronor. */
  g_assert_nonnull (setlocale (LC_ALL, "sv_SE.UTF-8"));
  sek = cw_locale_format_money (NULL, "SEK", 4.5, 2);
  g_assert_cmpstr (sek, ==, "4,50" NBSP "kr");
  eur = cw_locale_format_money (NULL, "EUR", 4.5, 2);
  g_assert_cmpstr (eur, ==, "4,50" NBSP "€");
  number = cw_locale_format_number (NULL, 0.5, 1);
  g_assert_cmpstr (number, ==, "0,5");
  setlocale (LC_ALL, "C");
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("chargeway-locales-XXXXXX", NULL);
  if (dir != NULL)
    {
      locpath = dir;
      g_setenv ("LOCPATH", dir, TRUE);
      if (!compile_locale ("nl_NL", "UTF-8") || !compile_locale ("de_DE", "UTF-8") ||
          !compile_locale ("fr_FR", "UTF-8") || !compile_locale ("en_US", "UTF-8") ||
          !compile_locale ("en_GB", "UTF-8") || !compile_locale ("sv_SE", "UTF-8"))
        locpath = NULL;
    }

  g_test_add_func ("/format/money-table", test_money_table);
  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/miles-by-locale", test_miles_by_locale);
  g_test_add_func ("/format/locale-from-environment", test_locale_from_environment);
  g_test_add_func ("/format/distances", test_distances);
  g_test_add_func ("/format/tariff-words", test_tariff_words);
  g_test_add_func ("/format/against-glibc", test_against_glibc);
  g_test_add_func ("/format/localeconv-fallback", test_localeconv_fallback);
  status = g_test_run ();

  if (dir != NULL)
    {
      g_autofree char *quoted = g_shell_quote (dir);
      g_autofree char *cmd = g_strdup_printf ("rm -rf %s", quoted);
      g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
    }
  return status;
}
