/* cw-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-source"

#include <string.h>

#include "cw-demo-resources.h"
#include "cw-feed-catalogue.h"
#include "cw-ocm-parser.h"
#include "cw-ocpi-parser.h"
#include "cw-source.h"

#define DEMO_RESOURCE "/io/github/chargeway/Chargeway/demo/"
#define DEMO_ATTRIBUTION "Chargeway Demo Network: fictional stations, generated for demonstration"

G_DEFINE_QUARK (cw-source-error-quark, cw_source_error)

void
cw_source_spec_free (CwSourceSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->path);
  g_free (spec->url);
  g_free (spec->reference);
  g_free (spec->id);
  g_free (spec->label);
  g_free (spec->attribution);
  g_free (spec->feed_id);
  g_free (spec);
}

CwSourceSpec *
cw_source_spec_parse (const char  *spec,
                      GError     **error)
{
  g_autoptr (CwSourceSpec) s = g_new0 (CwSourceSpec, 1);

  if (spec == NULL || g_str_equal (spec, "") || g_str_equal (spec, "demo"))
    {
      s->kind = CW_SOURCE_KIND_DEMO;
      s->id = g_strdup ("demo");
      s->label = g_strdup ("Demo data");
      s->attribution = g_strdup (DEMO_ATTRIBUTION);
      s->is_demo = TRUE;
      return g_steal_pointer (&s);
    }

  if (g_str_equal (spec, "ocm"))
    {
      s->kind = CW_SOURCE_KIND_OCM;
      s->id = g_strdup ("ocm");
      s->label = g_strdup ("Open Charge Map");
      s->attribution = g_strdup ("Open Charge Map contributors, CC BY-SA 4.0");
      return g_steal_pointer (&s);
    }

  if (g_str_has_prefix (spec, "feed:"))
    {
      const CwFeed *feed = cw_feed_catalogue_lookup (cw_feed_catalogue_get_default (), spec + 5);

      if (feed == NULL)
        {
          g_set_error (error, CW_SOURCE_ERROR, CW_SOURCE_ERROR_BAD_SPEC,
                       "\"%s\": no open feed of that name (chargeway-cli feeds lists them)", spec);
          return NULL;
        }
      /* The OCPI client's path, with no token: the feed is open. */
      s->kind = CW_SOURCE_KIND_OCPI;
      s->url = g_strdup (feed->locations_url);
      s->id = g_strdup (spec);
      s->label = g_strdup (feed->name);
      s->attribution = g_strdup (feed->attribution);
      s->feed_id = g_strdup (feed->id);
      s->min_interval = feed->refresh_interval;
      return g_steal_pointer (&s);
    }

  if (g_str_has_prefix (spec, "ocpi:") && spec[5] != '\0')
    {
      g_autoptr (GUri) uri = g_uri_parse (spec + 5, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                          g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
          g_uri_get_host (uri) == NULL)
        {
          g_set_error (error, CW_SOURCE_ERROR, CW_SOURCE_ERROR_BAD_SPEC,
                       "\"%s\": ocpi: takes an http or https URL", spec);
          return NULL;
        }
      if (g_uri_get_userinfo (uri) != NULL)
        {
          /* Never echo the spec: it may hold a password. */
          g_set_error_literal (error, CW_SOURCE_ERROR, CW_SOURCE_ERROR_BAD_SPEC,
                               "ocpi: URLs must not carry credentials; give the token apart");
          return NULL;
        }
      s->kind = CW_SOURCE_KIND_OCPI;
      s->url = g_strdup (spec + 5);
      s->id = g_strdup (spec);
      s->label = g_strdup (g_uri_get_host (uri));
      return g_steal_pointer (&s);
    }

  if (g_str_has_prefix (spec, "ocpi-file:") && spec[10] != '\0')
    {
      s->kind = CW_SOURCE_KIND_OCPI_FILE;
      s->path = g_strdup (spec + 10);
    }
  else if (g_str_has_prefix (spec, "ocm-file:") && spec[9] != '\0')
    {
      const char *comma = strchr (spec + 9, ',');

      s->kind = CW_SOURCE_KIND_OCM_FILE;
      if (comma != NULL && (comma == spec + 9 || comma[1] == '\0'))
        {
          g_set_error (error, CW_SOURCE_ERROR, CW_SOURCE_ERROR_BAD_SPEC,
                       "\"%s\": ocm-file: takes PATH or PATH,REFERENCE", spec);
          return NULL;
        }
      if (comma != NULL)
        {
          s->path = g_strndup (spec + 9, comma - (spec + 9));
          s->reference = g_strdup (comma + 1);
        }
      else
        {
          g_autofree char *dir = NULL;
          g_autofree char *beside = NULL;

          s->path = g_strdup (spec + 9);
          dir = g_path_get_dirname (s->path);
          beside = g_build_filename (dir, "reference.json", NULL);
          if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
            s->reference = g_steal_pointer (&beside);
        }
      s->attribution = g_strdup ("Open Charge Map contributors, CC BY-SA 4.0");
    }
  else
    {
      g_set_error (error, CW_SOURCE_ERROR, CW_SOURCE_ERROR_BAD_SPEC,
                   "Unknown data source \"%s\"; use demo, ocpi:URL, feed:ID, ocm, ocpi-file:PATH or ocm-file:PATH",
                   spec);
      return NULL;
    }

  s->id = g_strdup (spec);
  s->label = g_path_get_basename (s->path);
  return g_steal_pointer (&s);
}

static GBytes *
read_file (const char    *path,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GError) local_error = NULL;
  GBytes *bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);

  /* GIO's message already names the file. */
  if (bytes == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return bytes;
}

static GPtrArray *
load_demo (CwSourceSpec  *spec,
           GError       **error)
{
  g_autoptr (GBytes) locations = NULL;
  g_autoptr (GBytes) tariffs_json = NULL;
  g_autoptr (GHashTable) tariffs = NULL;
  GPtrArray *stations;

  locations = g_resource_lookup_data (cw_demo_get_resource (), DEMO_RESOURCE "demo-locations.json", 0, error);
  if (locations == NULL)
    return NULL;
  tariffs_json = g_resource_lookup_data (cw_demo_get_resource (), DEMO_RESOURCE "demo-tariffs.json", 0, error);
  if (tariffs_json == NULL)
    return NULL;

  if (!(tariffs = cw_ocpi_parse_tariffs (tariffs_json, error)))
    {
      g_prefix_error (error, "demo tariffs: ");
      return NULL;
    }
  if (!(stations = cw_ocpi_parse_locations (locations, spec->id, error)))
    {
      g_prefix_error (error, "demo network: ");
      return NULL;
    }
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      cw_station_resolve_tariffs (s, tariffs);
      cw_station_set_attribution (s, spec->attribution);
    }
  return stations;
}

GPtrArray *
cw_source_load (CwSourceSpec  *spec,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (CwOcmReference) ref = NULL;
  GPtrArray *stations = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  switch (spec->kind)
    {
    case CW_SOURCE_KIND_DEMO:
      return load_demo (spec, error);

    case CW_SOURCE_KIND_OCPI:
    case CW_SOURCE_KIND_OCM:
      g_set_error (error, CW_SOURCE_ERROR, CW_SOURCE_ERROR_BAD_SPEC,
                   "%s is a live server: it is read with the OCPI client", spec->label);
      return NULL;

    case CW_SOURCE_KIND_OCPI_FILE:
      if (!(bytes = read_file (spec->path, cancellable, error)))
        return NULL;
      stations = cw_ocpi_parse_locations (bytes, spec->id, &local_error);
      break;

    case CW_SOURCE_KIND_OCM_FILE:
      if (spec->reference != NULL)
        {
          g_autoptr (GBytes) ref_bytes = read_file (spec->reference, cancellable, error);
          if (ref_bytes == NULL)
            return NULL;
          if (!(ref = cw_ocm_reference_parse (ref_bytes, &local_error)))
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                          "%s: ", spec->reference);
              return NULL;
            }
        }
      if (!(bytes = read_file (spec->path, cancellable, error)))
        return NULL;
      stations = cw_ocm_parse_poi (bytes, ref, spec->id, &local_error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (stations == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", spec->path);
      return NULL;
    }
  return stations;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *stations = cw_source_load (task_data, cancellable, &error);

  if (stations == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stations, (GDestroyNotify) g_ptr_array_unref);
}

gboolean
cw_source_spec_is_live (CwSourceSpec *spec)
{
  return spec->kind == CW_SOURCE_KIND_DEMO || spec->kind == CW_SOURCE_KIND_OCPI ||
         spec->kind == CW_SOURCE_KIND_OCM;
}

CwSourceSpec *
cw_source_spec_copy (const CwSourceSpec *spec)
{
  CwSourceSpec *copy = g_new0 (CwSourceSpec, 1);

  copy->kind = spec->kind;
  copy->path = g_strdup (spec->path);
  copy->url = g_strdup (spec->url);
  copy->reference = g_strdup (spec->reference);
  copy->id = g_strdup (spec->id);
  copy->label = g_strdup (spec->label);
  copy->attribution = g_strdup (spec->attribution);
  copy->is_demo = spec->is_demo;
  copy->feed_id = g_strdup (spec->feed_id);
  copy->min_interval = spec->min_interval;
  return copy;
}

void
cw_source_load_async (CwSourceSpec        *spec,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (spec != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_source_load_async);
  g_task_set_task_data (task, cw_source_spec_copy (spec), (GDestroyNotify) cw_source_spec_free);
  g_task_run_in_thread (task, load_thread);
}

GPtrArray *
cw_source_load_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
