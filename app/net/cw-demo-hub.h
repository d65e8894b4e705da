/* cw-demo-hub.h: the demo network as a real OCPI 2.2.1 server
 *
 * Serves Versions, version details, Locations (paginated, with
 * date_from) and Tariffs on 127.0.0.1, and moves EVSE statuses with a
 * seeded simulation of charging sessions. The window talks to it with
 * the same OCPI client it uses for real networks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CW_TYPE_DEMO_HUB (cw_demo_hub_get_type ())
G_DECLARE_FINAL_TYPE (CwDemoHub, cw_demo_hub, CW, DEMO_HUB, GObject)

/* @speed: simulated seconds per real second (1 = real time). */
CwDemoHub  *cw_demo_hub_new              (guint32      seed,
                                          double       speed,
                                          GError     **error);
/* Listens on 127.0.0.1:@port (0 picks a free one) and starts the clock. */
gboolean    cw_demo_hub_listen           (CwDemoHub   *self,
                                          guint        port,
                                          GError     **error);
const char *cw_demo_hub_get_versions_url (CwDemoHub   *self);
/* With a token set, requests without "Token <base64 token>" get 401. */
void        cw_demo_hub_set_token        (CwDemoHub   *self,
                                          const char  *token);
void        cw_demo_hub_set_page_size    (CwDemoHub   *self,
                                          guint        size);
/* Advances the simulation to real time @now; returns how many EVSEs
 * changed. Called every second once listening. */
guint       cw_demo_hub_tick             (CwDemoHub   *self,
                                          gint64       now);
guint       cw_demo_hub_get_n_locations  (CwDemoHub   *self);
guint       cw_demo_hub_get_n_requests   (CwDemoHub   *self);

G_END_DECLS
