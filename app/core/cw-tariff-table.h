/* cw-tariff-table.h: process-wide 32-bit handles for tariffs
 *
 * A packed connector holds its tariff as a 32-bit handle instead of an
 * 8-byte pointer. The table maps each handle to its tariff (holding one
 * reference to it) and counts the users of each handle: when the last
 * lets go, the tariff is unreffed and the handle is reused. One tariff
 * (pointer) has one handle while it has users, so connectors sharing a
 * tariff share a handle and compare equal by it.
 *
 * Adding and releasing take a lock and may be called from any thread;
 * looking a handle up takes no lock (two array reads): the table's
 * entries are in chunks that never move.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "cw-tariff.h"

G_BEGIN_DECLS

/* No tariff. */
#define CW_TARIFF_HANDLE_NONE 0

/* The most handles live at once (16 Mi): past it a tariff gets none,
 * with a warning. */
#define CW_TARIFF_HANDLE_MAX ((1u << 24) - 1)

/* One more user of @tariff (NULL: none, 0 returned): its handle, made
 * (the table taking a reference to @tariff) when it has none. */
guint32   cw_tariff_handle_acquire    (CwTariff *tariff);
/* One more user of @handle, which the caller holds (0 is ignored). */
guint32   cw_tariff_handle_hold       (guint32   handle);
/* One user fewer: the last unrefs the tariff and frees the handle.
 * 0 is ignored. */
void      cw_tariff_handle_release    (guint32   handle);
/* The tariff of a handle the caller holds (borrowed); NULL for 0. No lock. */
CwTariff *cw_tariff_handle_lookup     (guint32   handle) G_GNUC_PURE;

/* For tests and statistics: the users of @handle (0 when it is free)
 * and the handles in use. */
guint     cw_tariff_handle_get_n_users (guint32  handle);
guint     cw_tariff_handles_get_n_live (void);

G_END_DECLS
