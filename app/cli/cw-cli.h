/* cw-cli.h: chargeway-cli subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each returns the process exit status. Errors go to stderr only, so
 * stdout holds either a complete answer or nothing. */
int cw_cli_feeds    (int    argc,
                     char **argv);
int cw_cli_quality  (int    argc,
                     char **argv);
int cw_cli_stations (int    argc,
                     char **argv);
int cw_cli_watch    (int    argc,
                     char **argv);

G_END_DECLS
