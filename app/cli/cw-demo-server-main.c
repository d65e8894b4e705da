/* cw-demo-server-main.c: chargeway-demo-server, the demo OCPI hub
 *
 * Prints its versions URL on the first line of stdout, then serves
 * until SIGINT/SIGTERM, or until stdin closes when --exit-with-stdin
 * is given (how the window ties the hub's life to its own).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "cw-demo-hub.h"

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
stdin_read (GObject      *stream,
            GAsyncResult *result,
            gpointer      loop)
{
  g_autoptr (GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (stream), result, NULL);

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      g_main_loop_quit (loop);
      return;
    }
  g_input_stream_read_bytes_async (G_INPUT_STREAM (stream), 256, G_PRIORITY_DEFAULT, NULL, stdin_read, loop);
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  int seed = 20261125;
  double speed = 1.0;
  int page_size = 50;
  g_autofree char *token = NULL;
  gboolean exit_with_stdin = FALSE;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: a free one)", "PORT" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the simulation", "N" },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed, "Simulated seconds per second (default 1)", "X" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "Locations per page (default 50)", "N" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, "Require this OCPI token", "TOKEN" },
    { "exit-with-stdin", 0, 0, G_OPTION_ARG_NONE, &exit_with_stdin, "Stop when stdin closes", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- the Chargeway demo OCPI 2.2.1 hub");
  g_autoptr (GError) error = NULL;
  g_autoptr (CwDemoHub) hub = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GInputStream) in = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    "Serves the fictional Chargeway Demo Network on 127.0.0.1 with\n"
                                    "statuses that change over time. Demo data: not real stations.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("chargeway-demo-server: %s\n", error->message);
      return 1;
    }
  if (port < 0 || port > 65535 || speed <= 0 || speed > 100000 || page_size < 1)
    {
      g_printerr ("chargeway-demo-server: --port 0…65535, --speed above 0, --page-size 1 or more\n");
      return 1;
    }

  if (!(hub = cw_demo_hub_new ((guint32) seed, speed, &error)))
    {
      g_printerr ("chargeway-demo-server: %s\n", error->message);
      return 1;
    }
  cw_demo_hub_set_token (hub, token);
  cw_demo_hub_set_page_size (hub, (guint) page_size);
  if (!cw_demo_hub_listen (hub, (guint) port, &error))
    {
      g_printerr ("chargeway-demo-server: cannot listen on 127.0.0.1:%d: %s\n", port, error->message);
      return 1;
    }

  printf ("%s\n", cw_demo_hub_get_versions_url (hub));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  if (exit_with_stdin)
    {
      in = g_unix_input_stream_new (0, FALSE);
      g_input_stream_read_bytes_async (in, 256, G_PRIORITY_DEFAULT, NULL, stdin_read, loop);
    }
  g_main_loop_run (loop);
  return 0;
}
