/* cw-locale-format.h: numbers, money and units as a locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <locale.h>

G_BEGIN_DECLS

/* The locale a category follows, as a name ("nl_NL.UTF-8"): the C
 * library's when it has one, else what LC_ALL / LC_<category> / LANG ask
 * for (so a locale the system lacks still shapes the text), else the
 * first language of the messages (LANGUAGE=nl with LANG=C.UTF-8).
 * "C" when nothing says more. @category is LC_NUMERIC, LC_MONETARY or
 * LC_MEASUREMENT. */
char     *cw_locale_for_category          (int         category);

/* Countries that sign roads in miles: US, GB, LR, MM. */
gboolean  cw_locale_uses_miles            (const char *locale);

/* 1234.5 with @decimals digits, grouped: "1,234.5" (en), "1.234,5" (nl,
 * de), "1 234,5" (fr, narrow no-break space). @locale NULL is the
 * current LC_NUMERIC. */
char     *cw_locale_format_number         (const char *locale,
                                           double      value,
                                           int         decimals);

/* An amount in its own currency (ISO 4217 code, never converted), in the
 * locale's way: "€0.79" (en), "€ 0,79" (nl), "0,79 €" (de, fr),
 * "CHF 0.79", "0,79 CHF". @locale NULL is the current LC_MONETARY. */
char     *cw_locale_format_money          (const char *locale,
                                           const char *currency,
                                           double      amount,
                                           int         decimals);

G_END_DECLS
