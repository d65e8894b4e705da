/* cw-car-page.h: the "Car" page of the preferences — which car trips
 * are planned for, and the user's own profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CW_TYPE_CAR_PAGE (cw_car_page_get_type ())
G_DECLARE_FINAL_TYPE (CwCarPage, cw_car_page, CW, CAR_PAGE, AdwPreferencesPage)

/* Reads and writes "car-profile" and "car-profiles" of @settings. */
GtkWidget  *cw_car_page_new            (GSettings *settings);

/* For tests: the ids offered, in order (NULL-terminated, owned by the
 * page); choosing one as a person would; the editor's fields by name
 * ("name", "battery", "consumption", "dc", "ac", "soc-N", "kw-N" for
 * curve row N from 0); its buttons ("copy", "save", "delete"). */
const char * const *_cw_car_page_get_ids     (CwCarPage  *self);
void        _cw_car_page_choose        (CwCarPage  *self,
                                        const char *id);
GtkWidget  *_cw_car_page_get_field     (CwCarPage  *self,
                                        const char *name);

G_END_DECLS
