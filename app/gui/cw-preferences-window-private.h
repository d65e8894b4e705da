/* cw-preferences-window-private.h: for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-preferences-window.h"

G_BEGIN_DECLS

/* Fills the OCPI rows and presses "Use This Source", as a person would. */
void        _cw_preferences_window_use_ocpi (CwPreferencesWindow *self,
                                             const char          *url,
                                             const char          *token);
const char *_cw_preferences_window_get_status (CwPreferencesWindow *self);

G_END_DECLS
