/* cw-preferences-networks.h: the "Networks" page of Preferences
 *
 * One switch per open feed of the catalogue, grouped by country: on,
 * its stations are shown beside the data source (the enabled-feeds
 * key), each network read on its own and politely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The page; it keeps @settings and follows its enabled-feeds key. */
AdwPreferencesPage *cw_preferences_networks_page_new (GSettings *settings);
/* For tests: the switch of feed @id, or NULL. */
GtkSwitch          *cw_preferences_networks_get_switch (AdwPreferencesPage *page,
                                                        const char         *id);

/* For tests: the key row of shared-key feed @id, or NULL. */
AdwEntryRow        *cw_preferences_networks_get_key_row (AdwPreferencesPage *page,
                                                         const char         *id);

G_END_DECLS
