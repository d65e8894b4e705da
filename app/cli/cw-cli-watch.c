/* cw-cli-watch.c: `chargeway-cli watch`, status changes as they arrive
 *
 * One JSON object a line: {"time", "source", "station", "name", "evse",
 * "status", "previous"}. Runs until interrupted, or --duration seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-cli"

#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "cw-cli.h"
#include "cw-cli-common.h"
#include "cw-live-source.h"

typedef struct {
  CwStationStore *store;
  GHashTable     *last;       /* "station\x1fevse" → GINT_TO_POINTER (status + 1) */
  gboolean        primed;
  guint           printed;
} Watch;

static void
print_change (CwStation    *s,
              const CwEvse *e,
              CwEvseStatus  previous)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *line = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "time");
  json_builder_add_string_value (b, time);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, cw_station_get_source (s));
  json_builder_set_member_name (b, "station");
  json_builder_add_string_value (b, cw_station_get_id (s));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, cw_station_get_name (s));
  json_builder_set_member_name (b, "evse");
  json_builder_add_string_value (b, cw_evse_get_uid (e));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, cw_evse_status_to_string (e->status));
  json_builder_set_member_name (b, "previous");
  json_builder_add_string_value (b, cw_evse_status_to_string (previous));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  line = json_generator_to_data (gen, NULL);
  printf ("%s\n", line);
  fflush (stdout);
}

static void
scan (Watch *w)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (w->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (w->store), i);

      for (guint j = 0; j < s->n_evses; j++)
        {
          const CwEvse *e = &s->evses[j];
          g_autofree char *key = g_strconcat (cw_station_get_id (s), "\x1f", cw_evse_get_uid (e) ? cw_evse_get_uid (e) : "", NULL);
          gpointer old = g_hash_table_lookup (w->last, key);

          if (w->primed && old != NULL && GPOINTER_TO_INT (old) - 1 != (int) e->status)
            {
              print_change (s, e, GPOINTER_TO_INT (old) - 1);
              w->printed++;
            }
          g_hash_table_replace (w->last, g_steal_pointer (&key), GINT_TO_POINTER (e->status + 1));
        }
    }
  w->primed = TRUE;
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
on_live_changed (CwLiveSource *live,
                 gpointer      user_data)
{
  const char *error = cw_live_source_get_error (live);

  /* Failures go to stderr; stdout stays one change a line. */
  if (error != NULL)
    g_printerr ("chargeway-cli watch: %s\n", error);
}

int
cw_cli_watch (int    argc,
              char **argv)
{
  g_autofree char *source = NULL;
  g_autofree char *token_file = NULL;
  int interval = 60;
  int duration = 0;
  double speed = 1.0;
  GOptionEntry entries[] = {
    { "source", 's', 0, G_OPTION_ARG_STRING, &source, "demo (default), ocpi:URL", "SPEC" },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file, "File holding the OCPI token (else $CHARGEWAY_OCPI_TOKEN)", "FILE" },
    { "interval", 'i', 0, G_OPTION_ARG_INT, &interval, "Seconds between updates (default 60)", "S" },
    { "duration", 'd', 0, G_OPTION_ARG_INT, &duration, "Stop after this many seconds (default: never)", "S" },
    { "demo-speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed, "Demo only: simulated seconds per second", "X" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- print status changes as they arrive");
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = NULL;
  g_autofree char *token = NULL;
  g_autoptr (CwLiveSource) live = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  Watch w = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;
  if (interval < 1 || duration < 0 || speed <= 0)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--interval and --demo-speed must be above 0, --duration not negative");
      goto fail;
    }
  if (!(spec = cw_source_spec_parse (source, &error)))
    goto fail;
  if (!cw_source_spec_is_live (spec))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s is a file: nothing to watch; use demo or ocpi:URL", spec->label);
      goto fail;
    }
  if (token_file != NULL && !(token = cw_cli_read_token (token_file, &error)))
    goto fail;
  if (token == NULL)
    token = cw_cli_read_token (NULL, NULL);

  w.store = cw_station_store_new ();
  w.last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  live = cw_live_source_new (spec, w.store, NULL, token);
  cw_live_source_set_interval (live, (guint) interval);
  /* In this process: a watch needs no window to tie a subprocess to. */
  cw_live_source_set_demo_mode (live, CW_DEMO_HUB_IN_PROCESS, speed);
  g_signal_connect_swapped (w.store, "stations-updated", G_CALLBACK (scan), &w);
  g_signal_connect_swapped (w.store, "items-changed", G_CALLBACK (scan), &w);
  g_signal_connect (live, "changed", G_CALLBACK (on_live_changed), NULL);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  if (duration > 0)
    g_timeout_add_seconds ((guint) duration, quit_cb, loop);
  cw_live_source_start (live);
  g_main_loop_run (loop);

  cw_live_source_stop (live);
  g_hash_table_unref (w.last);
  g_object_unref (w.store);
  return 0;

fail:
  g_printerr ("chargeway-cli watch: %s\n", error->message);
  return 1;
}
