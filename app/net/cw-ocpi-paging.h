/* cw-ocpi-paging.h: the paging steps the OCPI and open-feed clients share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to app/net: each client keeps its own policy (which pages,
 * how many, what a failure means); these are the steps written once.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* @t (Unix seconds) as an OCPI DateTime in UTC: 2026-12-01T08:30:00Z. */
char     *cw_ocpi_paging_iso_time     (gint64              t);
/* @url with every query parameter that starts with one of @drop (NULL
 * ended, may be NULL) and every empty one removed, and @add (may be
 * NULL or empty) appended. NULL when @url is no URI. */
char     *cw_ocpi_paging_edit_query   (const char         *url,
                                       const char * const *drop,
                                       const char         *add);
/* The X-Total-Count of @msg's answer in *@total; FALSE without one. */
gboolean  cw_ocpi_paging_total_count  (SoupMessage        *msg,
                                       guint64            *total);
/* The page after @msg's: its answer's Link rel="next", else, when
 * @have_total and @offset is below @total, @msg's URL with
 * offset=@offset. NULL when there is none. */
char     *cw_ocpi_paging_next_url     (SoupMessage        *msg,
                                       gboolean            have_total,
                                       guint64             total,
                                       guint               offset);
/* Moves every tariff of @from into @into (both id → CwTariff). */
void      cw_ocpi_paging_take_tariffs (GHashTable         *into,
                                       GHashTable         *from);
/* Returns @error (taken) from @task, prefixed with the host @msg went to. */
void      cw_ocpi_paging_return_error (GTask              *task,
                                       SoupMessage        *msg,
                                       GError             *error);

G_END_DECLS
