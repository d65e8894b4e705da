/* cw-credits-dialog.h: "Data Sources and Credits"
 *
 * Lists the data sources whose stations are shown, each with the exact
 * attribution statement its licence asks for and a link to the licence,
 * then the map's own credit (OpenStreetMap unless told otherwise), and
 * says that no publisher endorses Chargeway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cw-feed-catalogue.h"

G_BEGIN_DECLS

typedef struct {
  char *name;           /* the publisher or source: "char.gy" */
  char *attribution;    /* the statement, as the licence or publisher words it */
  char *licence_name;   /* "Open Government Licence v3.0"; NULL: none shown */
  char *licence_url;    /* NULL: the licence is named without a link */
} CwCreditsEntry;

CwCreditsEntry *cw_credits_entry_new  (const char           *name,
                                       const char           *attribution,
                                       const char           *licence_name,
                                       const char           *licence_url);
/* The feed's name, its attribution statement and its licence. */
CwCreditsEntry *cw_credits_entry_new_for_feed (const CwFeed     *feed);
CwCreditsEntry *cw_credits_entry_copy (const CwCreditsEntry *entry);
void            cw_credits_entry_free (CwCreditsEntry       *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwCreditsEntry, cw_credits_entry_free)

#define CW_TYPE_CREDITS_DIALOG (cw_credits_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CwCreditsDialog, cw_credits_dialog, CW, CREDITS_DIALOG, AdwWindow)

/* A modal window over @parent (may be NULL) listing @entries
 * (CwCreditsEntry*, copied; NULL or empty: "no data source") and the
 * map's credit. Present it with gtk_window_present (). */
GtkWidget *cw_credits_dialog_new            (GtkWindow            *parent,
                                             GPtrArray            *entries);
/* Replaces the map's credit (default: OpenStreetMap contributors, ODbL),
 * e.g. for tiles from an MBTiles file; NULL hides the map group. */
void       cw_credits_dialog_set_map_credit (CwCreditsDialog      *self,
                                             const CwCreditsEntry *credit);
/* How many source rows it shows (the map's not counted): for tests. */
guint      cw_credits_dialog_get_n_sources  (CwCreditsDialog      *self);

G_END_DECLS
