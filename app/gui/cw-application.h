/* cw-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CW_TYPE_APPLICATION (cw_application_get_type ())
G_DECLARE_FINAL_TYPE (CwApplication, cw_application, CW, APPLICATION, AdwApplication)

CwApplication *cw_application_new (void);
/* The app's GSettings, or NULL when its schema is not installed. */
GSettings     *cw_settings_new_if_installed (void);
/* libshumate's and GTK's resources, CSS, user agent: once per process. */
void           cw_gui_init_resources        (void);

G_END_DECLS
