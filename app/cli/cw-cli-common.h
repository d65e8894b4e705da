/* cw-cli-common.h: what the subcommands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-feed-client.h"
#include "cw-geo.h"
#include "cw-source.h"

G_BEGIN_DECLS

/* The OCPI token from --token-file, else $CHARGEWAY_OCPI_TOKEN, else
 * NULL. Never printed. */
char      *cw_cli_read_token     (const char    *token_file,
                                  GError       **error);
/* Every station of @spec now: files are read, live sources synced once
 * (the demo from its embedded start state). Open Charge Map needs
 * @area (its key comes in @token, else $OCM_API_KEY). */
GPtrArray *cw_cli_load_stations  (CwSourceSpec  *spec,
                                  const char    *token,
                                  const CwBBox  *area,
                                  GError       **error);

/* One sync of an open feed (feed:ID), read as cw-feed-client.h says;
 * $CHARGEWAY_FEED_ORIGIN moves its URLs (replays). The stations shown,
 * and the data-quality report in @report_out (may be NULL). */
GPtrArray *cw_cli_load_feed      (CwSourceSpec  *spec,
                                  CwFeedReport **report_out,
                                  GError       **error);

G_END_DECLS
