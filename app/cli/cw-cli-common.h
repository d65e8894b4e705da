/* cw-cli-common.h: what the subcommands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

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

/* ---- option checks and output the subcommands share ---- */

/* "LAT,LON" into *@lat, *@lon; else a G_OPTION_ERROR naming @option. */
gboolean   cw_cli_parse_lat_lon  (const char    *option,
                                  const char    *str,
                                  double        *lat,
                                  double        *lon,
                                  GError       **error);
/* --format: NULL becomes "json"; anything but json or tsv is an error. */
gboolean   cw_cli_check_format   (char         **format,
                                  GError       **error);
/* --corridor: above 0 and at most @max_km. */
gboolean   cw_cli_check_corridor (double         corridor_km,
                                  double         max_km,
                                  GError       **error);
/* --source and --token-file: *@spec parsed from @source, *@token read
 * as cw_cli_read_token () says (NULL when there is none). */
gboolean   cw_cli_open_source    (const char    *source,
                                  const char    *token_file,
                                  CwSourceSpec **spec,
                                  char         **token,
                                  GError       **error);

/* @v to the nearest multiple of @unit. */
double     cw_cli_round_to       (double         v,
                                  double         unit);
/* @value (NULL: empty) with tabs and newlines turned into spaces, so
 * a field cannot break the columns. */
void       cw_cli_tsv_field      (GString       *out,
                                  const char    *value);
/* "id", "name", "lat" and "lon" of @s, into the object @b is building. */
void       cw_cli_json_add_place (JsonBuilder   *b,
                                  CwStation     *s);
/* What @b built, as pretty-printed JSON. */
char      *cw_cli_json_to_text   (JsonBuilder   *b);
/* @output on stdout, ending in a newline; the exit status. */
int        cw_cli_print_output   (const char    *output);

G_END_DECLS
