/* cw-quality-dialog.h: "Data Quality" of the open feeds in use
 *
 * For each open feed whose stations are shown, what its last read
 * found: records read, shown, not published, left out by reason (with
 * the impossible coordinates and other faults listed by id), statuses
 * outside OCPI and what they became. Nothing is corrected by guessing:
 * the dialog says what was left off the map and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cw-live-source.h"

G_BEGIN_DECLS

#define CW_TYPE_QUALITY_DIALOG (cw_quality_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CwQualityDialog, cw_quality_dialog, CW, QUALITY_DIALOG, AdwWindow)

/* @sources: CwLiveSource* of feed: sources (others are skipped). */
GtkWidget *cw_quality_dialog_new           (GtkWindow *parent,
                                            GPtrArray *sources);
/* For tests: feeds listed, and problem rows listed. */
guint      cw_quality_dialog_get_n_feeds   (CwQualityDialog *self);
guint      cw_quality_dialog_get_n_problems (CwQualityDialog *self);

/* The reason, for people: "Latitude and longitude swapped". */
const char *cw_quality_problem_label       (CwOcpiProblemKind kind);

G_END_DECLS
