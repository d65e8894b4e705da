/* cw-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-application"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <shumate/shumate.h>

#include "cw-application.h"
#include "cw-cache-prefetch.h"
#include "cw-geo.h"
#include "cw-live-source.h"
#include "cw-preferences-window.h"
#include "cw-station-layer.h"
#include "cw-station-store.h"
#include "cw-window.h"

struct _CwApplication
{
  AdwApplication  parent_instance;

  CwStationStore *store;
  GSettings      *settings;
  char           *source_spec;
  char           *tiles;
  char           *route_file;
  gboolean        kiosk;
};

G_DEFINE_FINAL_TYPE (CwApplication, cw_application, ADW_TYPE_APPLICATION)

GSettings *
cw_settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("GSettings schema %s is not installed; window state will not be kept", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

void
cw_gui_init_resources (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
      g_autofree char *agent = g_strdup_printf ("Chargeway/%s (+https://github.com/chargeway/chargeway)",
                                                PACKAGE_VERSION);

      /* OSM's tile usage policy asks for an identifying user agent. */
      shumate_set_user_agent (agent);
      gtk_css_provider_load_from_resource (css, "/io/github/chargeway/Chargeway/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&once, 1);
    }
}

/* A boolean key, FALSE when the installed schema predates it. */
static gboolean
settings_flag (GSettings  *settings,
               const char *key)
{
  g_autoptr (GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, key) && g_settings_get_boolean (settings, key);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CwApplication *self = user_data;
  static const char *developers[] = { "Chargeway developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", "Chargeway",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", "Chargeway developers",
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Find EV charging stations with live availability, "
                                       "along your route, at the places you stop."),
                         "website", "https://github.com/chargeway/chargeway",
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Close windows properly so they keep their state. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->settings == NULL)
    {
      g_message ("Preferences need the GSettings schema, which is not installed");
      return;
    }
  gtk_window_present (GTK_WINDOW (cw_preferences_window_new (parent, self->settings)));
}

static const GActionEntry app_actions[] = {
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

/* The kiosk launcher stops the app with SIGTERM: leave cleanly. */
static gboolean
on_terminate (gpointer user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l; l = l->next)
    if (CW_IS_WINDOW (l->data))
      cw_window_set_kiosk (l->data, FALSE);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

/* The source the window will show: the command line's, else the one
 * chosen in Preferences. */
static char *
window_source (CwApplication *self)
{
  if (self->source_spec != NULL)
    return g_strdup (self->source_spec);
  if (self->settings != NULL)
    return g_settings_get_string (self->settings, "source");
  return NULL;
}

/* The disk caches of the sources the window will start (its own and the
 * open feeds switched on), read and decoded from now on while GTK starts
 * and the window is built; their live sources take them (see
 * cw-cache-prefetch.h). */
static void
prefetch_caches (CwApplication *self)
{
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "chargeway", NULL);
  g_autofree char *source = window_source (self);
  g_auto (GStrv) feeds = self->settings ? g_settings_get_strv (self->settings, "enabled-feeds") : NULL;
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse (source, NULL);

  if (spec != NULL)
    cw_live_source_prefetch_cache (spec, cache_dir);
  for (guint i = 0; feeds != NULL && feeds[i] != NULL; i++)
    {
      g_autofree char *text = g_strconcat ("feed:", feeds[i], NULL);
      g_autoptr (CwSourceSpec) feed = cw_source_spec_parse (text, NULL);

      if (feed != NULL)
        cw_live_source_prefetch_cache (feed, cache_dir);
    }
}

/* In the prefetch's thread: the map's clusters of the cached stations,
 * built before the window is there to ask. */
static void
offer_cluster_index (GPtrArray *stations,
                     gpointer   user_data)
{
  cw_station_layer_offer_index (stations);
}

static void
cw_application_startup (GApplication *app)
{
  CwApplication *self = CW_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  /* Before GTK starts: the caches load meanwhile. */
  self->settings = cw_settings_new_if_installed ();
  cw_cache_prefetch_set_hook (offer_cluster_index, NULL);
  prefetch_caches (self);

  G_APPLICATION_CLASS (cw_application_parent_class)->startup (app);

  cw_gui_init_resources ();
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);

  self->store = cw_station_store_new ();
  g_unix_signal_add (SIGTERM, on_terminate, app);
}

static void
cw_application_activate (GApplication *app)
{
  CwApplication *self = CW_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *source = NULL;

  if (window == NULL)
    {
      source = window_source (self);
      window = GTK_WINDOW (cw_window_new (GTK_APPLICATION (app), self->store, self->settings,
                                          source, self->tiles));
      /* Its sources have taken their caches: nothing else will. */
      cw_cache_prefetch_drop_all ();
      if (self->kiosk || settings_flag (self->settings, "kiosk-mode"))
        {
          static const char *none[] = { NULL };
          static const char * const locked[] = { "quit", "preferences", "about" };

          /* Nothing that leaves the app or opens another window. */
          for (guint i = 0; i < G_N_ELEMENTS (locked); i++)
            {
              GAction *a = g_action_map_lookup_action (G_ACTION_MAP (app), locked[i]);
              if (a != NULL)
                g_simple_action_set_enabled (G_SIMPLE_ACTION (a), FALSE);
            }
          gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", none);
          gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", none);
          cw_window_set_kiosk (CW_WINDOW (window), TRUE);
        }
      if (self->route_file != NULL)
        {
          g_autoptr (GFile) file = g_file_new_for_commandline_arg (self->route_file);
          cw_window_open_route_file (CW_WINDOW (window), file);
        }
    }
  gtk_window_present (window);
}

/* geo: URIs show the place; anything else is taken as a GPX route. */
static void
cw_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CwWindow *window;

  g_application_activate (app);
  window = CW_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      double lat, lon;

      if (g_str_has_prefix (uri, "geo:"))
        {
          if (cw_geo_parse_uri (uri, &lat, &lon))
            cw_window_show_place (window, lat, lon);
          else
            g_message ("Not a place this app can show: %.80s", uri);
        }
      else
        cw_window_open_route_file (window, files[i]);
    }
}

static int
cw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CwApplication *self = CW_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("chargeway %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "source", "s", &self->source_spec);
  g_variant_dict_lookup (options, "tiles", "s", &self->tiles);
  g_variant_dict_lookup (options, "route", "^ay", &self->route_file);
  self->kiosk = g_variant_dict_contains (options, "kiosk");
  return -1;
}

static void
cw_application_finalize (GObject *object)
{
  CwApplication *self = CW_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_free (self->source_spec);
  g_free (self->tiles);
  g_free (self->route_file);

  G_OBJECT_CLASS (cw_application_parent_class)->finalize (object);
}

static void
cw_application_class_init (CwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cw_application_finalize;
  app_class->startup = cw_application_startup;
  app_class->activate = cw_application_activate;
  app_class->handle_local_options = cw_application_handle_local_options;
  app_class->open = cw_application_open;
}

static void
cw_application_init (CwApplication *self)
{
  static const GOptionEntry entries[] = {
    { "source", 's', 0, G_OPTION_ARG_STRING, NULL,
      N_("Where stations come from: demo (default), ocpi-file:PATH, ocm-file:PATH"), N_("SPEC") },
    { "tiles", 't', 0, G_OPTION_ARG_STRING, NULL,
      N_("Map tiles: an MBTiles file or a URL template with {z}/{x}/{y}"), N_("FILE|URL") },
    { "route", 'r', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open a GPX track or route and show the stations along it"), N_("FILE.gpx") },
    { "kiosk", 'k', 0, G_OPTION_ARG_NONE, NULL,
      N_("Run as a showroom kiosk: full screen, locked down, resetting itself"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Find EV charging stations with live availability."));
}

CwApplication *
cw_application_new (void)
{
  /* Not unique: a kiosk or a test may run its own instance beside a
   * desktop one, and no session bus is needed to start. */
  return g_object_new (CW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/chargeway/Chargeway",
                       NULL);
}
