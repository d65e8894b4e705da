/* cw-locale-format.c
 *
 * A small table for the languages Chargeway is translated into (and the
 * currencies its sources price in) rather than the C library alone: a
 * machine may lack the locale a user asks for (Debian installs none by
 * default), and glibc knows how to write its own currency, not the
 * tariff's. Other languages fall back to localeconv () when the C
 * library has the locale. Shapes follow CLDR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-locale-format"

#include <math.h>
#include <string.h>

#include "cw-locale-format.h"

#define NBSP        "\u00a0"
#define NARROW_NBSP "\u202f"
#define MINUS       "\u2212"

typedef enum {
  PLACE_BEFORE,         /* "€0.79" */
  PLACE_BEFORE_SPACED,  /* "€ 0,79", "CHF 0.79" */
  PLACE_AFTER_SPACED,   /* "0,79 €" */
} Place;

typedef struct {
  const char *language;
  const char *territory;   /* NULL: every territory not listed apart */
  const char *decimal;
  const char *group;
  const char *space;       /* between amount and currency */
  Place       symbol_place;
  Place       code_place;
  gboolean    sign_after_symbol;   /* nl: "€ −0,79" */
} Style;

static const Style styles[] = {
  { "de", "CH", ".", "’", NBSP, PLACE_BEFORE_SPACED, PLACE_BEFORE_SPACED, TRUE },
  { "de", "LI", ".", "’", NBSP, PLACE_BEFORE_SPACED, PLACE_BEFORE_SPACED, TRUE },
  { "de", "AT", ",", NBSP, NBSP, PLACE_BEFORE_SPACED, PLACE_BEFORE_SPACED, TRUE },
  { "de", NULL, ",", ".", NBSP, PLACE_AFTER_SPACED, PLACE_AFTER_SPACED, FALSE },
  { "en", NULL, ".", ",", NBSP, PLACE_BEFORE, PLACE_BEFORE_SPACED, FALSE },
  { "fr", NULL, ",", NARROW_NBSP, NARROW_NBSP, PLACE_AFTER_SPACED, PLACE_AFTER_SPACED, FALSE },
  { "nl", NULL, ",", ".", NBSP, PLACE_BEFORE_SPACED, PLACE_BEFORE_SPACED, TRUE },
};

/* What C says: the fallback when neither the table nor the C library
 * knows the locale. */
static const Style c_style = { "C", NULL, ".", "", NBSP, PLACE_BEFORE, PLACE_BEFORE_SPACED, FALSE };

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || *name == '\0' || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
         g_str_has_prefix (name, "C.");
}

/* "de_CH.UTF-8@euro" → "de", "CH" */
static void
split_locale (const char *locale,
              char       *language,
              gsize       language_size,
              char       *territory,
              gsize       territory_size)
{
  gsize n = strcspn (locale, "_.@");
  const char *t;

  g_strlcpy (language, locale, MIN (n + 1, language_size));
  territory[0] = '\0';
  if (locale[n] == '_')
    {
      t = locale + n + 1;
      g_strlcpy (territory, t, MIN (strcspn (t, ".@") + 1, territory_size));
    }
}

static const Style *
find_style (const char *locale)
{
  char language[16], territory[8];
  const Style *fallback = NULL;

  if (is_c_locale (locale))
    return NULL;
  split_locale (locale, language, sizeof language, territory, sizeof territory);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      if (g_ascii_strcasecmp (styles[i].language, language) != 0)
        continue;
      if (styles[i].territory == NULL)
        fallback = &styles[i];
      else if (g_ascii_strcasecmp (styles[i].territory, territory) == 0)
        return &styles[i];
    }
  return fallback;
}

static const char *
category_variable (int category)
{
  switch (category)
    {
    case LC_NUMERIC: return "LC_NUMERIC";
    case LC_MONETARY: return "LC_MONETARY";
    case LC_MEASUREMENT: return "LC_MEASUREMENT";
    default: return "LC_MESSAGES";
    }
}

char *
cw_locale_for_category (int category)
{
  const char *variables[] = { "LC_ALL", category_variable (category), "LANG" };
  const char *current = setlocale (category, NULL);
  const char * const *languages;

  if (!is_c_locale (current))
    return g_strdup (current);
  /* The first one set decides, as for setlocale (). */
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_getenv (variables[i]);

      if (value == NULL || *value == '\0')
        continue;
      if (!is_c_locale (value))
        return g_strdup (value);
      break;
    }
  languages = g_get_language_names ();
  for (guint i = 0; languages[i] != NULL; i++)
    if (!is_c_locale (languages[i]))
      return g_strdup (languages[i]);
  return g_strdup ("C");
}

gboolean
cw_locale_uses_miles (const char *locale)
{
  static const char *miles[] = { "US", "GB", "LR", "MM" };
  char language[16], territory[8];

  if (is_c_locale (locale))
    return FALSE;
  split_locale (locale, language, sizeof language, territory, sizeof territory);
  for (guint i = 0; i < G_N_ELEMENTS (miles); i++)
    if (g_ascii_strcasecmp (territory, miles[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The conventions for @locale: from the table, else from the C library
 * when @locale is the one it has loaded for @category, else C's. */
typedef struct {
  char     decimal[8];
  char     group[8];
  char     space[8];
  Place    symbol_place;
  Place    code_place;
  gboolean sign_after_symbol;
  char     own_code[4];      /* localeconv's currency, "" from the table */
  char     own_symbol[16];
} Conventions;

static void
conventions_from_style (const Style *style,
                        Conventions *out)
{
  g_strlcpy (out->decimal, style->decimal, sizeof out->decimal);
  g_strlcpy (out->group, style->group, sizeof out->group);
  g_strlcpy (out->space, style->space, sizeof out->space);
  out->symbol_place = style->symbol_place;
  out->code_place = style->code_place;
  out->sign_after_symbol = style->sign_after_symbol;
  out->own_code[0] = out->own_symbol[0] = '\0';
}

static void
get_conventions (const char  *locale,
                 int          category,
                 Conventions *out)
{
  const Style *style = find_style (locale);
  const char *loaded = setlocale (category, NULL);
  const struct lconv *lc;
  gboolean monetary = category == LC_MONETARY;

  if (style != NULL)
    {
      conventions_from_style (style, out);
      return;
    }
  conventions_from_style (&c_style, out);
  if (is_c_locale (locale) || loaded == NULL || g_strcmp0 (loaded, locale) != 0)
    return;

  lc = localeconv ();
  if (monetary ? *lc->mon_decimal_point : *lc->decimal_point)
    g_strlcpy (out->decimal, monetary ? lc->mon_decimal_point : lc->decimal_point, sizeof out->decimal);
  g_strlcpy (out->group, monetary ? lc->mon_thousands_sep : lc->thousands_sep, sizeof out->group);
  if (monetary && lc->p_cs_precedes != CHAR_MAX)
    {
      Place p = lc->p_cs_precedes ? (lc->p_sep_by_space ? PLACE_BEFORE_SPACED : PLACE_BEFORE)
                                  : PLACE_AFTER_SPACED;

      out->symbol_place = p;
      out->code_place = p == PLACE_BEFORE ? PLACE_BEFORE_SPACED : p;
      g_strlcpy (out->own_code, lc->int_curr_symbol, sizeof out->own_code);
      g_strlcpy (out->own_symbol, lc->currency_symbol, sizeof out->own_symbol);
    }
}

/* Digits of |value| rounded to @decimals, C-formatted: "1234.50". */
static char *
plain_digits (double value,
              int    decimals)
{
  char format[16];
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 9));
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, fabs (value)));
}

static char *
number_with (const Conventions *c,
             double             value,
             int                decimals,
             gboolean          *negative_out)
{
  g_autofree char *digits = plain_digits (value, decimals);
  const char *point = strchr (digits, '.');
  gsize whole = point ? (gsize) (point - digits) : strlen (digits);
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < whole; i++)
    {
      /* Groups of three, from 1,000 on (CLDR: all four languages here). */
      if (i > 0 && (whole - i) % 3 == 0 && whole >= 4 && *c->group)
        g_string_append (out, c->group);
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    {
      g_string_append (out, c->decimal);
      g_string_append (out, point + 1);
    }
  /* −0.00 is 0.00. */
  *negative_out = value < 0 && strspn (digits, "0.") != strlen (digits);
  return g_string_free (out, FALSE);
}

char *
cw_locale_format_number (const char *locale,
                         double      value,
                         int         decimals)
{
  g_autofree char *current = locale ? NULL : cw_locale_for_category (LC_NUMERIC);
  Conventions c;
  gboolean negative;
  g_autofree char *number = NULL;

  get_conventions (locale ? locale : current, LC_NUMERIC, &c);
  number = number_with (&c, value, decimals, &negative);
  return negative ? g_strconcat (MINUS, number, NULL) : g_steal_pointer (&number);
}

/* The symbol the locale's readers know this currency by, or NULL for
 * its ISO code. */
static const char *
currency_symbol (const char        *locale,
                 const Conventions *c,
                 const char        *code)
{
  char language[16] = "", territory[8] = "";

  if (!is_c_locale (locale))
    split_locale (locale, language, sizeof language, territory, sizeof territory);
  if (g_ascii_strcasecmp (code, "EUR") == 0)
    return "€";
  if (g_ascii_strcasecmp (code, "GBP") == 0)
    return "£";
  if (g_ascii_strcasecmp (code, "USD") == 0)
    {
      if (g_str_equal (language, "fr"))
        return "$US";
      if (g_str_equal (language, "de") || (g_str_equal (language, "en") && g_str_equal (territory, "US")))
        return "$";
      return "US$";
    }
  if (*c->own_code && g_ascii_strncasecmp (c->own_code, code, 3) == 0 && *c->own_symbol)
    return c->own_symbol;
  return NULL;
}

char *
cw_locale_format_money (const char *locale,
                        const char *currency,
                        double      amount,
                        int         decimals)
{
  g_autofree char *current = locale ? NULL : cw_locale_for_category (LC_MONETARY);
  g_autofree char *number = NULL;
  const char *symbol;
  const char *sign;
  const char *unit;
  Conventions c;
  gboolean negative;
  Place place;

  if (locale == NULL)
    locale = current;
  get_conventions (locale, LC_MONETARY, &c);
  number = number_with (&c, amount, decimals, &negative);
  sign = negative ? MINUS : "";
  if (currency == NULL || *currency == '\0')
    return g_strconcat (sign, number, NULL);

  symbol = currency_symbol (locale, &c, currency);
  unit = symbol ? symbol : currency;
  place = symbol ? c.symbol_place : c.code_place;
  switch (place)
    {
    case PLACE_BEFORE:
      return g_strconcat (sign, unit, number, NULL);
    case PLACE_BEFORE_SPACED:
      if (c.sign_after_symbol)
        return g_strconcat (unit, c.space, sign, number, NULL);
      return g_strconcat (sign, unit, c.space, number, NULL);
    case PLACE_AFTER_SPACED:
    default:
      return g_strconcat (sign, number, c.space, unit, NULL);
    }
}
