/* cw-cli-filters.h: the filter flags `stations` and `route` share
 *
 *   --connector CCS2,TYPE2,…   --min-kw N        --free-now
 *   --near-facility restaurant,hotel,mall,supermarket
 *   --motorway   --open-now   --public   --operator NAME[,NAME…]
 *   --max-price 0.59[EUR]      --filter "<cw_filter_to_string () form>"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-filter.h"

G_BEGIN_DECLS

typedef struct _CwCliFilters CwCliFilters;

CwCliFilters *cw_cli_filters_new          (void);
void          cw_cli_filters_free         (CwCliFilters    *flags);

/* Adds the flags to @context's main group; @flags must outlive the parse. */
void          cw_cli_filters_add_entries  (CwCliFilters    *flags,
                                           GOptionContext  *context);

/* After parsing: the filter the flags ask for (the empty filter when
 * none is given), or NULL with a G_OPTION_ERROR_BAD_VALUE that names
 * the flag and the values it takes. */
CwFilter     *cw_cli_filters_build        (CwCliFilters    *flags,
                                           GError         **error);

/* The stations of @stations (CwStation*) that @filter passes at @now
 * (unix seconds), in their order, as a new array holding references. */
GPtrArray    *cw_cli_filters_apply        (const CwFilter  *filter,
                                           GPtrArray       *stations,
                                           gint64           now);

/* On stderr, prefixed by @command: which of @filter's criteria the data
 * of @source_id (a CwSourceSpec id) cannot answer; nothing when all. */
void          cw_cli_filters_warn         (const CwFilter  *filter,
                                           const char      *source_id,
                                           const char      *command);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwCliFilters, cw_cli_filters_free)

G_END_DECLS
