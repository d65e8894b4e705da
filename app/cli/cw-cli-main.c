/* cw-cli-main.c: chargeway-cli, the same core and net without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "cw-cli.h"
#include "cw-cli-bench.h"
#include "cw-cli-plan.h"
#include "cw-cli-route.h"
#include "cw-bench-gui.h"

static void
usage (FILE *out)
{
  fprintf (out,
           "Usage: chargeway-cli COMMAND [OPTIONS]\n"
           "\n"
           "Commands:\n"
           "  stations   list charging stations of a source (--help for options)\n"
           "  feeds      list the open feeds (feed:ID sources) with their licences\n"
           "  quality    read a source once and print its data-quality report (--source feed:ID)\n"
           "  route      stations along a route (GPX, OSRM answer, or from/to), in route order\n"
           "  plan       the fastest charging stops for a trip, with times and costs\n"
           "  watch      print live status changes as they arrive, one JSON object a line\n"
           "  bench      measure against a naive baseline: bench cluster|index|corridor|plan|render|startup|memory\n"
           "\n"
           "Options:\n"
           "  --help     show this help\n"
           "  --version  print the version\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 1 : 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("chargeway-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_str_equal (argv[1], "stations"))
    return cw_cli_stations (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "feeds"))
    return cw_cli_feeds (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "quality"))
    return cw_cli_quality (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "route"))
    return cw_cli_route (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "plan"))
    return cw_cli_plan (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "watch"))
    return cw_cli_watch (argc - 1, argv + 1);
  /* The map's benchmarks need GTK and a display; the others do not. */
  if (g_str_equal (argv[1], "bench") && argc > 2 &&
      (g_str_equal (argv[2], "render") || g_str_equal (argv[2], "startup") ||
       g_str_equal (argv[2], "memory")))
    return cw_gui_bench (argc - 2, argv + 2);
  if (g_str_equal (argv[1], "bench"))
    return cw_cli_bench (argc - 1, argv + 1);

  g_printerr ("chargeway-cli: unknown command \"%s\"\n", argv[1]);
  usage (stderr);
  return 1;
}
