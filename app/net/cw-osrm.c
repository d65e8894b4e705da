/* cw-osrm.c
 *
 * The client reads the body of every answer, errors included: OSRM says
 * why it found no route in a JSON body sent with HTTP 400, which is
 * what a driver needs to read ("no road connects these points"), not
 * "HTTP 400". That is why it does not go through cw_http_send_async (),
 * which drops the bodies of failures; its error codes are the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-osrm"

#include <math.h>
#include <string.h>

#include "cw-geo.h"
#include "cw-http.h"
#include "cw-json.h"
#include "cw-osrm.h"
#include "cw-polyline.h"

#define READ_CHUNK 65536

G_DEFINE_QUARK (cw-osrm-error-quark, cw_osrm_error)

void
cw_osrm_route_free (CwOsrmRoute *route)
{
  if (route == NULL)
    return;
  g_clear_pointer (&route->route, cw_route_unref);
  g_free (route);
}

/* ---- parsing ---- */

static GArray *
parse_geojson_line (JsonObject  *geometry,
                    const char  *path,
                    GError     **error)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  JsonArray *coords = NULL;

  if (!cw_json_get_array (geometry, "coordinates", path, &coords, error))
    return NULL;
  if (coords == NULL)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "%s.coordinates: missing", path);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (coords); i++)
    {
      JsonNode *node = json_array_get_element (coords, i);
      JsonArray *pair;
      CwLatLon p;

      if (!JSON_NODE_HOLDS_ARRAY (node) ||
          json_array_get_length (pair = json_node_get_array (node)) < 2 ||
          !JSON_NODE_HOLDS_VALUE (json_array_get_element (pair, 0)) ||
          !JSON_NODE_HOLDS_VALUE (json_array_get_element (pair, 1)) ||
          json_node_get_value_type (json_array_get_element (pair, 0)) == G_TYPE_STRING ||
          json_node_get_value_type (json_array_get_element (pair, 1)) == G_TYPE_STRING)
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s.coordinates[%u]: expected [longitude, latitude]", path, i);
          return NULL;
        }
      p.lon = json_array_get_double_element (pair, 0);
      p.lat = json_array_get_double_element (pair, 1);
      if (!cw_geo_coords_valid (p.lat, p.lon))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
                       "%s.coordinates[%u]: latitude %g, longitude %g is outside the world",
                       path, i, p.lat, p.lon);
          return NULL;
        }
      g_array_append_val (points, p);
    }
  return g_steal_pointer (&points);
}

static GArray *
parse_geometry (JsonObject  *object,
                const char  *path,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, "geometry");
  g_autoptr (GError) local_error = NULL;
  GArray *points;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                   "%s.geometry: missing (the request needs overview=full)", path);
      return NULL;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *gpath = g_strconcat (path, ".geometry", NULL);
      return parse_geojson_line (json_node_get_object (node), gpath, error);
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "%s.geometry: expected a polyline6 string, found %s",
                   path, cw_json_node_type_name (node));
      return NULL;
    }
  points = cw_polyline_decode (json_node_get_string (node), -1, 6, &local_error);
  if (points == NULL)
    g_set_error (error, CW_PARSE_ERROR,
                 g_error_matches (local_error, CW_POLYLINE_ERROR, CW_POLYLINE_ERROR_OUT_OF_RANGE)
                 ? CW_PARSE_ERROR_OUT_OF_RANGE : CW_PARSE_ERROR_WRONG_TYPE,
                 "%s.geometry: not a valid polyline6: %s", path, local_error->message);
  return points;
}

static CwOsrmRoute *
parse_route (JsonObject  *object,
             const char  *path,
             GError     **error)
{
  g_autoptr (GArray) points = NULL;
  double distance = 0, duration = 0;
  gboolean has_distance = FALSE, has_duration = FALSE;
  CwOsrmRoute *route;

  if (!cw_json_get_number (object, "distance", path, &distance, &has_distance, error) ||
      !cw_json_get_number (object, "duration", path, &duration, &has_duration, error))
    return NULL;
  if (!has_distance || !has_duration)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "%s.%s: missing",
                   path, has_distance ? "duration" : "distance");
      return NULL;
    }
  if (!(distance >= 0 && distance < 1e8) || !(duration >= 0 && duration < 1e8))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
                   "%s: distance %g m or duration %g s is out of range", path, distance, duration);
      return NULL;
    }
  if (!(points = parse_geometry (object, path, error)))
    return NULL;
  if (points->len == 0)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING, "%s.geometry: no points", path);
      return NULL;
    }

  route = g_new0 (CwOsrmRoute, 1);
  route->route = cw_route_new ((const CwLatLon *) (void *) points->data, points->len);
  route->distance_m = distance;
  route->duration_s = duration;
  return route;
}

/* Sets @error from a response whose code is not "Ok". */
static void
set_code_error (const char  *code,
                const char  *message,
                GError     **error)
{
  const char *sep = message ? ": " : "";

  if (message == NULL)
    message = "";
  if (g_str_equal (code, "NoRoute"))
    g_set_error (error, CW_OSRM_ERROR, CW_OSRM_ERROR_NO_ROUTE,
                 "No road route connects the two points (router: NoRoute%s%.200s)", sep, message);
  else if (g_str_equal (code, "NoSegment"))
    g_set_error (error, CW_OSRM_ERROR, CW_OSRM_ERROR_NO_SEGMENT,
                 "A point is too far from any road the router knows (router: NoSegment%s%.200s)",
                 sep, message);
  else
    g_set_error (error, CW_OSRM_ERROR, CW_OSRM_ERROR_REFUSED,
                 "The router refused the request: %.60s%s%.200s", code, sep, message);
}

GPtrArray *
cw_osrm_parse_response (GBytes  *bytes,
                        GError **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) routes = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  JsonObject *object;
  JsonArray *array = NULL;

  if (!(root = cw_json_load (bytes, error)))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                   "$: expected an OSRM response object, found %s", cw_json_node_type_name (root));
      return NULL;
    }
  object = json_node_get_object (root);
  if (!cw_json_dup_string (object, "code", "$", &code, error) ||
      !cw_json_dup_string (object, "message", "$", &message, error))
    return NULL;
  if (code == NULL)
    {
      g_set_error_literal (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                           "$.code: missing; not an OSRM response");
      return NULL;
    }
  if (!g_str_equal (code, "Ok"))
    {
      set_code_error (code, message, error);
      return NULL;
    }

  if (!cw_json_get_array (object, "routes", "$", &array, error))
    return NULL;
  if (array == NULL || json_array_get_length (array) == 0)
    {
      g_set_error_literal (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                           "$.routes: the router said Ok but sent no route");
      return NULL;
    }

  routes = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_osrm_route_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.routes[%u]", i);
      JsonNode *node = json_array_get_element (array, i);
      CwOsrmRoute *route;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s: expected an object, found %s", path, cw_json_node_type_name (node));
          return NULL;
        }
      if (!(route = parse_route (json_node_get_object (node), path, error)))
        return NULL;
      g_ptr_array_add (routes, route);
    }
  return g_steal_pointer (&routes);
}

/* ---- the request ---- */

char *
cw_osrm_build_url (const char  *base_url,
                   double       from_lat,
                   double       from_lon,
                   double       to_lat,
                   double       to_lon,
                   GError     **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autofree char *form = NULL;
  char *url;
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
  char c[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  if (base_url == NULL ||
      !(uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL)) ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CW_OSRM_ERROR, CW_OSRM_ERROR_INVALID_ARGUMENT,
                   "\"%.200s\" is not a router address: expected http(s)://host[:port][/path]",
                   base_url ? base_url : "");
      return NULL;
    }
  if (!cw_geo_coords_valid (from_lat, from_lon) || !cw_geo_coords_valid (to_lat, to_lon))
    {
      g_set_error (error, CW_OSRM_ERROR, CW_OSRM_ERROR_INVALID_ARGUMENT,
                   "(%g, %g) → (%g, %g): a point is outside the world", from_lat, from_lon, to_lat, to_lon);
      return NULL;
    }

  base = g_strdup (base_url);
  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  if (g_str_has_suffix (base, "/route/v1/driving"))
    base[len - strlen ("/route/v1/driving")] = '\0';

  /* OSRM wants longitude first. */
  path = g_strdup_printf ("/route/v1/driving/%s,%s;%s,%s",
                          g_ascii_formatd (a, sizeof a, "%.6f", from_lon),
                          g_ascii_formatd (b, sizeof b, "%.6f", from_lat),
                          g_ascii_formatd (c, sizeof c, "%.6f", to_lon),
                          g_ascii_formatd (d, sizeof d, "%.6f", to_lat));
  form = soup_form_encode ("overview", "full", "geometries", "polyline6", "alternatives", "true", NULL);
  url = cw_http_build_url (base, path, form, NULL);
  if (url == NULL)
    g_set_error (error, CW_OSRM_ERROR, CW_OSRM_ERROR_INVALID_ARGUMENT,
                 "\"%.200s\" is not a router address: expected http(s)://host[:port][/path]", base_url);
  return url;
}

typedef struct {
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *body;
  GBytes       *bytes;
  guint         status;
  char         *host;
} RequestData;

static void
request_data_free (RequestData *data)
{
  g_clear_object (&data->msg);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->host);
  g_free (data);
}

static void
return_io_error (GTask  *task,
                 GError *error)
{
  RequestData *data = g_task_get_task_data (task);
  CwNetError code = CW_NET_ERROR_UNREACHABLE;
  const char *what = "could not be reached";

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      code = CW_NET_ERROR_TIMEOUT;
      what = "did not answer in time";
    }
  else if (error->domain == G_TLS_ERROR ||
           soup_message_get_tls_peer_certificate_errors (data->msg) != 0)
    {
      code = CW_NET_ERROR_TLS;
      what = "failed the secure connection check";
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    what = "refused the connection";
  else if (data->stream != NULL ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    {
      code = CW_NET_ERROR_FAILED;
      what = "closed the connection before the answer was complete";
    }
  /* GIO's own message may quote the URL, coordinates and all. */
  g_task_return_new_error (task, CW_NET_ERROR, code, "The router at %s %s", data->host, what);
  g_error_free (error);
}

static void
return_too_large (GTask *task)
{
  RequestData *data = g_task_get_task_data (task);

  /* Closed unread: the connection is dropped, the server stops sending. */
  if (data->stream != NULL)
    g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_task_return_new_error (task, CW_NET_ERROR, CW_NET_ERROR_TOO_LARGE,
                           "The router at %s sent more than %d MB; reading stopped",
                           data->host, CW_OSRM_MAX_BYTES / (1024 * 1024));
}

/* Says which router an answer came from: its host (and port), never
 * the path or query of the request. A router's own refusal (NoRoute …)
 * keeps its words; anything else is an answer that made no sense. */
static GError *
name_router (GError     *error,
             const char *host)
{
  if (error->domain == CW_OSRM_ERROR)
    g_prefix_error (&error, "The router at %s: ", host);
  else
    g_prefix_error (&error, "The router at %s answered something unexpected: ", host);
  return error;
}

/* In a worker thread: an OSRM error body explains a failure best; the
 * HTTP status is the fallback. */
static void
interpret_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RequestData *data = task_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *routes = cw_osrm_parse_response (data->bytes, &error);

  if (SOUP_STATUS_IS_SUCCESSFUL (data->status))
    {
      if (routes != NULL)
        g_task_return_pointer (task, routes, (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_error (task, name_router (g_steal_pointer (&error), data->host));
      return;
    }

  g_clear_pointer (&routes, g_ptr_array_unref);
  if (error != NULL && error->domain == CW_OSRM_ERROR)
    {
      g_task_return_error (task, name_router (g_steal_pointer (&error), data->host));
      return;
    }

  {
    CwNetError code;
    const char *reason = soup_status_get_phrase (data->status);

    if (data->status == 401 || data->status == 403)
      code = CW_NET_ERROR_UNAUTHORIZED;
    else if (data->status == 404)
      code = CW_NET_ERROR_NOT_FOUND;
    else if (data->status == 429)
      code = CW_NET_ERROR_RATE_LIMITED;
    else if (data->status >= 500)
      code = CW_NET_ERROR_UNAVAILABLE;
    else
      code = CW_NET_ERROR_FAILED;
    g_task_return_new_error (task, CW_NET_ERROR, code, "The router at %s answered HTTP %u%s%s",
                             data->host, data->status, reason ? " " : "", reason ? reason : "");
  }
}

static void read_more (GTask *task);

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (chunk == NULL)
    {
      return_io_error (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) > 0)
    {
      if (data->body->len + g_bytes_get_size (chunk) > CW_OSRM_MAX_BYTES)
        {
          return_too_large (task);
          return;
        }
      g_byte_array_append (data->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      read_more (g_steal_pointer (&task));
      return;
    }

  {
    goffset expected = soup_message_headers_get_content_length (
        soup_message_get_response_headers (data->msg));

    if (expected > 0 && (goffset) data->body->len < expected)
      {
        g_task_return_new_error (task, CW_NET_ERROR, CW_NET_ERROR_FAILED,
                                 "The router at %s closed the connection before the answer was complete",
                                 data->host);
        return;
      }
  }
  data->bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));
  g_task_run_in_thread (task, interpret_thread);
}

static void
read_more (GTask *task)
{
  RequestData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_done, task);
}

static void
send_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GInputStream *stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  goffset announced;

  if (stream == NULL)
    {
      return_io_error (task, error);
      return;
    }
  data->stream = stream;
  data->status = soup_message_get_status (data->msg);

  announced = soup_message_headers_get_content_length (soup_message_get_response_headers (data->msg));
  if (announced > CW_OSRM_MAX_BYTES)
    {
      return_too_large (task);
      return;
    }
  read_more (g_steal_pointer (&task));
}

void
cw_osrm_route_async (SoupSession         *session,
                     const char          *base_url,
                     double               from_lat,
                     double               from_lon,
                     double               to_lat,
                     double               to_lon,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  RequestData *data;
  SoupMessageHeaders *headers;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_osrm_route_async);

  url = cw_osrm_build_url (base_url, from_lat, from_lon, to_lat, to_lon, &error);
  if (url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (RequestData, 1);
  data->msg = soup_message_new (SOUP_METHOD_GET, url);
  data->body = g_byte_array_new ();
  data->host = cw_http_describe_host (soup_message_get_uri (data->msg));
  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);

  headers = soup_message_get_request_headers (data->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (soup_session_get_user_agent (session) == NULL || *soup_session_get_user_agent (session) == '\0')
    soup_message_headers_replace (headers, "User-Agent", "Chargeway/" PACKAGE_VERSION);

  soup_session_send_async (session, data->msg, G_PRIORITY_DEFAULT, cancellable,
                           send_done, g_steal_pointer (&task));
}

GPtrArray *
cw_osrm_route_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_osrm_route_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
