/* cw-station-sprites.h: the station layer's markers, clusters and stop
 * badges, drawn once as images and painted many times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-station.h"

G_BEGIN_DECLS

#define CW_MARKER_RADIUS    9.0
#define CW_SELECTED_RADIUS  13.0
/* A planned stop: a ring round its marker and a badge with its number. */
#define CW_PLAN_RING_RADIUS (CW_MARKER_RADIUS + 5.0)

typedef struct _CwSprites CwSprites;
typedef struct _CwSprite  CwSprite;

CwSprites      *cw_sprites_new            (void);
void            cw_sprites_free           (CwSprites      *sprites);

/* Each frame: begin (@stale greys every colour; @scale is the widget's
 * scale factor), ask for sprites, end (drops what the frame did not
 * paint once more than a few hundred are kept). */
void            cw_sprites_begin_frame    (CwSprites      *sprites,
                                           gboolean        stale,
                                           int             scale);
void            cw_sprites_end_frame      (CwSprites      *sprites);

const CwSprite *cw_sprites_marker         (CwSprites      *sprites,
                                           CwStation      *station,
                                           gboolean        selected);
const CwSprite *cw_sprites_cluster        (CwSprites      *sprites,
                                           guint32         count,
                                           guint32         n_free);
const CwSprite *cw_sprites_planned        (CwSprites      *sprites,
                                           guint           number);

/* The letter a marker shows for what is around the station ("H" a
 * hotel …), or NULL (a dot). */
const char     *cw_sprites_category_glyph (CwCategory      category);
/* The radius of a cluster of @count stations, px. */
double          cw_sprites_cluster_radius (guint32         count);
/* Paints @sprite centred on (@x, @y), on whole pixels. */
void            cw_sprite_paint           (const CwSprite *sprite,
                                           GtkSnapshot    *snapshot,
                                           double          x,
                                           double          y);
/* Its image, @half px from corner to centre (for tests). */
cairo_surface_t *cw_sprite_get_surface    (const CwSprite *sprite,
                                           double         *half);
/* Sprites drawn since cw_sprites_new (for tests and the bench). */
guint           cw_sprites_get_n_drawn    (CwSprites      *sprites);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSprites, cw_sprites_free)

G_END_DECLS
