/* cw-qr-code.h: a QR code a phone can scan off the screen
 *
 * Draws @text as a QR code (libqrencode, error correction level M, the
 * smallest version that holds it) black on white whatever the style,
 * dark included: scanners want dark modules on a light ground. Modules
 * are whole pixels and the code keeps its quiet zone of four modules,
 * so edges are sharp at any size the widget gets. Its minimum size is
 * six pixels a module and at least 240 pixels in all (a 33-module code,
 * 41 with the quiet zone, asks for 246 × 246), which a phone reads from
 * arm's length on a 96 dpi screen; extra space grows the modules in
 * whole pixels, the code centred.
 *
 * For assistive technologies it is an image labelled "QR code for:
 * TEXT".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CW_QR_CODE_QUIET_ZONE 4   /* modules of white around the code */

#define CW_TYPE_QR_CODE (cw_qr_code_get_type ())
G_DECLARE_FINAL_TYPE (CwQrCode, cw_qr_code, CW, QR_CODE, GtkWidget)

/* @text may be NULL: the widget then draws nothing and asks no space. */
GtkWidget  *cw_qr_code_new              (const char *text);
/* Property "text". Text too long for any QR code (about 2,300 bytes at
 * level M) draws nothing, with a warning. */
void        cw_qr_code_set_text         (CwQrCode   *self,
                                         const char *text);
const char *cw_qr_code_get_text         (CwQrCode   *self);

/* Modules a side of the current code (21 for version 1, 4 more each
 * version up), 0 when there is none. The quiet zone is not counted. */
guint       cw_qr_code_get_module_count (CwQrCode   *self);
/* Whether module (@x, @y) is dark; (0, 0) is the top-left module of
 * the code proper, inside the quiet zone. FALSE out of range. */
gboolean    cw_qr_code_get_module       (CwQrCode   *self,
                                         guint       x,
                                         guint       y);
/* Where the current allocation draws module (0, 0) — its top-left
 * corner, widget coordinates — and how many pixels a module is. FALSE
 * when nothing is drawn (no text, no room). For tests, and to crop a
 * screenshot for a decoder. */
gboolean    cw_qr_code_get_layout       (CwQrCode   *self,
                                         int        *origin_x,
                                         int        *origin_y,
                                         int        *module_px);

G_END_DECLS
