/* cw-gpx.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-gpx"

#include <math.h>
#include <string.h>

#include "cw-geo.h"
#include "cw-gpx.h"

/* Larger files are refused rather than read: a day of 1 Hz logging is
 * 10 MB of GPX. */
#define MAX_FILE_BYTES (256 * 1024 * 1024)

typedef enum {
  TEXT_NONE,
  TEXT_GPX_NAME,
  TEXT_ROUTE_NAME,      /* a trk or rte name: the fallback for gpx->name */
  TEXT_WPT_NAME,
  TEXT_WPT_DESC,
  TEXT_WPT_CMT,
} TextTarget;

typedef struct {
  CwGpx         *gpx;
  GPtrArray     *stack;          /* element names, known_name ()'s static strings */
  guint          skip_depth;     /* > 0 inside <extensions> or an unknown element */
  CwGpxWaypoint *waypoint;       /* the <wpt> being read */
  guint          wpt_depth;      /* the stack's length inside it */
  gboolean       seen_root;      /* the <gpx> element was opened */
  char          *wpt_cmt;
  char          *route_name;
  TextTarget     text_target;
  GString       *text;
} ParseState;

static void
waypoint_free (CwGpxWaypoint *wpt)
{
  g_free (wpt->name);
  g_free (wpt->description);
  g_free (wpt);
}

void
cw_gpx_free (CwGpx *gpx)
{
  if (gpx == NULL)
    return;
  g_free (gpx->version);
  g_free (gpx->creator);
  g_free (gpx->name);
  g_clear_pointer (&gpx->track, g_array_unref);
  g_clear_pointer (&gpx->route, g_array_unref);
  g_clear_pointer (&gpx->waypoints, g_ptr_array_unref);
  g_free (gpx);
}

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon ? colon + 1 : name;
}

/* The element names the parser acts on, as static strings; any other
 * name is OTHER. (Interning every name a file holds, as before, grew
 * GLib's never-freed string table with each new name: fuzz-gpx saw it.) */
static const char OTHER[] = "";

static const char *
known_name (const char *name)
{
  static const char * const known[] = {
    "gpx", "metadata", "extensions", "name", "desc", "cmt", "wpt", "trk", "trkseg",
    "trkpt", "rte", "rtept",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (name, known[i]) == 0)
      return known[i];
  return OTHER;
}

static void
set_position_error (GMarkupParseContext  *context,
                    GError              **error,
                    CwParseError          code,
                    const char           *format,
                    ...) G_GNUC_PRINTF (4, 5);

static void
set_position_error (GMarkupParseContext  *context,
                    GError              **error,
                    CwParseError          code,
                    const char           *format,
                    ...)
{
  g_autofree char *msg = NULL;
  int line, column;
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_markup_parse_context_get_position (context, &line, &column);
  g_set_error (error, CW_PARSE_ERROR, code, "line %d, column %d: %s", line, column, msg);
}

/* A coordinate attribute as a number in [-limit, limit]. */
static gboolean
parse_coordinate (GMarkupParseContext  *context,
                  const char           *element,
                  const char           *attr,
                  const char           *value,
                  double                limit,
                  double               *out,
                  GError              **error)
{
  const char *what = g_str_equal (attr, "lat") ? "latitude" : "longitude";
  char *end = NULL;
  double v;

  if (value == NULL)
    {
      set_position_error (context, error, CW_PARSE_ERROR_MISSING,
                          "<%s> has no %s attribute", element, attr);
      return FALSE;
    }
  while (g_ascii_isspace (*value))
    value++;
  v = g_ascii_strtod (value, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == value || end == NULL || *end != '\0')
    {
      set_position_error (context, error, CW_PARSE_ERROR_WRONG_TYPE,
                          "<%s> %s \"%.40s\" is not a number", element, what, value);
      return FALSE;
    }
  if (!isfinite (v) || v < -limit || v > limit)
    {
      set_position_error (context, error, CW_PARSE_ERROR_OUT_OF_RANGE,
                          "<%s> %s %g is out of range (−%g…%g)", element, what, v, limit, limit);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static gboolean
parse_point (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             CwLatLon             *out,
             GError              **error)
{
  const char *lat = NULL, *lon = NULL;

  for (guint i = 0; names[i]; i++)
    {
      const char *attr = local_name (names[i]);

      if (g_str_equal (attr, "lat"))
        lat = values[i];
      else if (g_str_equal (attr, "lon"))
        lon = values[i];
    }
  return parse_coordinate (context, element, "lat", lat, 90.0, &out->lat, error) &&
         parse_coordinate (context, element, "lon", lon, 180.0, &out->lon, error);
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *wanted)
{
  for (guint i = 0; names[i]; i++)
    if (g_str_equal (local_name (names[i]), wanted))
      return values[i];
  return NULL;
}

static void
start_text (ParseState *state,
            TextTarget  target)
{
  state->text_target = target;
  g_string_truncate (state->text, 0);
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseState *state = user_data;
  const char *name = known_name (local_name (element_name));
  const char *parent = state->stack->len ? g_ptr_array_index (state->stack, state->stack->len - 1) : NULL;

  if (state->skip_depth > 0)
    {
      state->skip_depth++;
      return;
    }

  if (parent == NULL)
    {
      if (!g_str_equal (name, "gpx"))
        {
          set_position_error (context, error, CW_PARSE_ERROR_INVALID_JSON,
                              "not a GPX file: the document is <%s>, not <gpx>",
                              local_name (element_name));
          return;
        }
      /* GMarkup reads on after the root closes: a second <gpx> (two
       * files run together, found by fuzz-gpx) is refused, not read
       * over the first. */
      if (state->seen_root)
        {
          set_position_error (context, error, CW_PARSE_ERROR_INVALID_JSON,
                              "a second <gpx> after the first: one GPX document per file");
          return;
        }
      state->seen_root = TRUE;
      state->gpx->version = g_strdup (attribute (names, values, "version"));
      state->gpx->creator = g_strdup (attribute (names, values, "creator"));
    }
  else if (g_str_equal (name, "extensions"))
    {
      state->skip_depth = 1;
      return;
    }
  else if (g_str_equal (name, "trkpt") && g_str_equal (parent, "trkseg"))
    {
      CwLatLon p;
      if (!parse_point (context, name, names, values, &p, error))
        return;
      g_array_append_val (state->gpx->track, p);
    }
  else if (g_str_equal (name, "rtept") && g_str_equal (parent, "rte"))
    {
      CwLatLon p;
      if (!parse_point (context, name, names, values, &p, error))
        return;
      g_array_append_val (state->gpx->route, p);
    }
  else if (g_str_equal (name, "wpt") && g_str_equal (parent, "gpx") && state->waypoint == NULL)
    {
      /* Only a <wpt> outside any other: one nested in another through
       * a second <gpx> (found by fuzz-gpx) is left alone, not started
       * over the first, which would then be lost. */
      CwLatLon p;
      if (!parse_point (context, name, names, values, &p, error))
        return;
      state->waypoint = g_new0 (CwGpxWaypoint, 1);
      state->waypoint->lat = p.lat;
      state->waypoint->lon = p.lon;
      state->wpt_depth = state->stack->len + 1;
    }
  else if (g_str_equal (name, "name"))
    {
      if (g_str_equal (parent, "metadata") || g_str_equal (parent, "gpx"))
        start_text (state, TEXT_GPX_NAME);
      else if (g_str_equal (parent, "wpt") && state->waypoint)
        start_text (state, TEXT_WPT_NAME);
      else if ((g_str_equal (parent, "trk") || g_str_equal (parent, "rte")) && !state->route_name)
        start_text (state, TEXT_ROUTE_NAME);
    }
  else if (g_str_equal (name, "desc") && g_str_equal (parent, "wpt") && state->waypoint)
    start_text (state, TEXT_WPT_DESC);
  else if (g_str_equal (name, "cmt") && g_str_equal (parent, "wpt") && state->waypoint)
    start_text (state, TEXT_WPT_CMT);

  g_ptr_array_add (state->stack, (gpointer) name);
}

static char *
take_text (ParseState *state)
{
  g_autofree char *text = g_strdup (state->text->str);

  g_strstrip (text);
  state->text_target = TEXT_NONE;
  return *text ? g_steal_pointer (&text) : NULL;
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  ParseState *state = user_data;
  const char *name;

  if (state->skip_depth > 0)
    {
      state->skip_depth--;
      return;
    }
  g_assert (state->stack->len > 0);
  name = g_ptr_array_index (state->stack, state->stack->len - 1);
  g_ptr_array_set_size (state->stack, state->stack->len - 1);

  switch (state->text_target)
    {
    case TEXT_GPX_NAME:
      g_free (state->gpx->name);
      state->gpx->name = take_text (state);
      break;
    case TEXT_ROUTE_NAME:
      state->route_name = take_text (state);
      break;
    case TEXT_WPT_NAME:
      g_free (state->waypoint->name);
      state->waypoint->name = take_text (state);
      break;
    case TEXT_WPT_DESC:
      g_free (state->waypoint->description);
      state->waypoint->description = take_text (state);
      break;
    case TEXT_WPT_CMT:
      g_free (state->wpt_cmt);
      state->wpt_cmt = take_text (state);
      break;
    case TEXT_NONE:
    default:
      break;
    }

  if (g_str_equal (name, "wpt") && state->waypoint != NULL &&
      state->stack->len + 1 == state->wpt_depth)
    {
      if (state->waypoint->description == NULL)
        state->waypoint->description = g_steal_pointer (&state->wpt_cmt);
      g_clear_pointer (&state->wpt_cmt, g_free);
      g_ptr_array_add (state->gpx->waypoints, g_steal_pointer (&state->waypoint));
    }
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;

  if (state->skip_depth == 0 && state->text_target != TEXT_NONE && state->text->len < 4096)
    g_string_append_len (state->text, text, MIN (text_len, 4096));
}

static const GMarkupParser gpx_parser = {
  on_start_element,
  on_end_element,
  on_text,
  NULL,
  NULL,
};

/* GMarkup reads UTF-8 only; a declaration naming another encoding is
 * honoured by converting first. Returns NULL when no conversion is
 * needed; sets @error when one fails. */
static char *
convert_to_utf8 (const char  *data,
                 gsize        len,
                 gsize       *out_len,
                 GError     **error)
{
  g_autofree char *head = g_strndup (data, MIN (len, 200));
  g_autoptr (GError) local_error = NULL;
  const char *enc, *end;
  g_autofree char *charset = NULL;
  char *converted;

  if (!g_str_has_prefix (head, "<?xml") || (end = strstr (head, "?>")) == NULL)
    return NULL;
  enc = strstr (head, "encoding");
  if (enc == NULL || enc > end)
    return NULL;
  enc += strlen ("encoding");
  while (*enc == ' ' || *enc == '=' || *enc == '\t')
    enc++;
  if (*enc != '"' && *enc != '\'')
    return NULL;
  {
    const char *close = strchr (enc + 1, *enc);
    if (close == NULL || close > end)
      return NULL;
    charset = g_strndup (enc + 1, close - enc - 1);
  }
  if (g_ascii_strcasecmp (charset, "UTF-8") == 0 || g_ascii_strcasecmp (charset, "UTF8") == 0 ||
      g_ascii_strcasecmp (charset, "US-ASCII") == 0)
    return NULL;

  converted = g_convert (data, len, "UTF-8", charset, NULL, out_len, &local_error);
  if (converted == NULL)
    g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_INVALID_JSON,
                 "the file says it is in %.40s, but it cannot be read as such: %s",
                 charset, local_error->message);
  return converted;
}

/* GMarkup's own messages start "Error on line L char C: "; ours say
 * "line L, column C: " like every other error here. */
static void
set_markup_error (GMarkupParseContext  *context,
                  GError               *markup_error,
                  GError              **error)
{
  g_autofree char *prefix = NULL;
  const char *detail = markup_error->message;
  int line, column;

  g_markup_parse_context_get_position (context, &line, &column);
  prefix = g_strdup_printf (g_dgettext ("glib20", "Error on line %d char %d: "), line, column);
  if (g_str_has_prefix (detail, prefix))
    detail += strlen (prefix);
  g_set_error (error, CW_PARSE_ERROR,
               markup_error->code == G_MARKUP_ERROR_EMPTY ? CW_PARSE_ERROR_EMPTY
                                                          : CW_PARSE_ERROR_INVALID_JSON,
               "line %d, column %d: not well-formed XML: %s", line, column, detail);
}

CwGpx *
cw_gpx_parse (const char  *data,
              gssize       len,
              GError     **error)
{
  g_autoptr (CwGpx) gpx = NULL;
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *converted = NULL;
  ParseState state = { 0 };
  gsize n;
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = len < 0 ? strlen (data) : (gsize) len;
  if (n >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      n -= 3;
    }
  if (n == 0)
    {
      g_set_error_literal (error, CW_PARSE_ERROR, CW_PARSE_ERROR_EMPTY, "the file is empty (0 bytes)");
      return NULL;
    }
  {
    gsize converted_len = 0;

    converted = convert_to_utf8 (data, n, &converted_len, &local_error);
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
    if (converted != NULL)
      {
        data = converted;
        n = converted_len;
      }
  }

  gpx = g_new0 (CwGpx, 1);
  gpx->track = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  gpx->route = g_array_new (FALSE, FALSE, sizeof (CwLatLon));
  gpx->waypoints = g_ptr_array_new_with_free_func ((GDestroyNotify) waypoint_free);

  state.gpx = gpx;
  state.stack = g_ptr_array_new ();
  state.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&gpx_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &state, NULL);

  ok = g_markup_parse_context_parse (context, data, n, &local_error) &&
       g_markup_parse_context_end_parse (context, &local_error);

  g_ptr_array_unref (state.stack);
  g_string_free (state.text, TRUE);
  if (state.waypoint)
    waypoint_free (state.waypoint);
  g_free (state.wpt_cmt);

  if (!ok)
    {
      g_free (state.route_name);
      if (local_error->domain == G_MARKUP_ERROR)
        set_markup_error (context, local_error, error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (gpx->name == NULL)
    gpx->name = g_steal_pointer (&state.route_name);
  g_free (state.route_name);

  if (gpx->track->len == 0 && gpx->route->len == 0)
    {
      if (gpx->waypoints->len > 0)
        g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                     "the GPX file holds %u waypoints but no track or route points",
                     gpx->waypoints->len);
      else
        g_set_error_literal (error, CW_PARSE_ERROR, CW_PARSE_ERROR_MISSING,
                             "the GPX file holds no track or route points");
      return NULL;
    }
  return g_steal_pointer (&gpx);
}

CwGpx *
cw_gpx_load (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *where = NULL;
  gsize len = 0;
  CwGpx *gpx;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  where = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL && g_file_info_get_size (info) > MAX_FILE_BYTES)
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_OUT_OF_RANGE,
                   "%s: the file is %" G_GOFFSET_FORMAT " MB, over the %d MB a route may have",
                   where, g_file_info_get_size (info) / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024));
      return NULL;
    }
  g_clear_error (&local_error);

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
    {
      /* GIO's messages name the file already. */
      if (strstr (local_error->message, where) != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", where);
      return NULL;
    }
  gpx = cw_gpx_parse (contents, len, &local_error);
  if (gpx == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", where);
  return gpx;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CwGpx *gpx = cw_gpx_load (task_data, cancellable, &error);

  if (gpx == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, gpx, (GDestroyNotify) cw_gpx_free);
}

void
cw_gpx_load_async (GFile               *file,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_gpx_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

CwGpx *
cw_gpx_load_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CwRoute *
cw_gpx_to_route (CwGpx *gpx)
{
  GArray *line;

  g_return_val_if_fail (gpx != NULL, NULL);

  line = gpx->track->len > 0 ? gpx->track : gpx->route;
  return cw_route_new ((const CwLatLon *) (void *) line->data, line->len);
}

/* ---- writing ---- */

static void
append_coords (GString *out,
               double   lat,
               double   lon)
{
  char la[G_ASCII_DTOSTR_BUF_SIZE], lo[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, "lat=\"%s\" lon=\"%s\"",
                          g_ascii_formatd (la, sizeof la, "%.7f", lat),
                          g_ascii_formatd (lo, sizeof lo, "%.7f", lon));
}

static void
append_element (GString    *out,
                const char *indent,
                const char *element,
                const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL || *text == '\0')
    return;
  escaped = g_markup_escape_text (text, -1);
  g_string_append_printf (out, "%s<%s>%s</%s>\n", indent, element, escaped, element);
}

static char *
describe_stop (CwStation *s)
{
  GString *desc = g_string_new (NULL);
  double kw = cw_station_get_max_power_kw (s);

  if (cw_station_get_address (s))
    g_string_append (desc, cw_station_get_address (s));
  if (cw_station_get_city (s))
    g_string_append_printf (desc, "%s%s%s%s", desc->len ? ", " : "",
                            cw_station_get_postal_code (s) ? cw_station_get_postal_code (s) : "", cw_station_get_postal_code (s) ? " " : "", cw_station_get_city (s));
  if (cw_station_get_operator_name (s))
    g_string_append_printf (desc, "%s%s", desc->len ? " · " : "", cw_station_get_operator_name (s));
  if (kw > 0)
    g_string_append_printf (desc, "%s%.0f kW", desc->len ? " · " : "", kw);
  return g_string_free (desc, desc->len == 0);
}

char *
cw_gpx_write (CwRoute    *route,
              GPtrArray  *stops,
              const char *name)
{
  GString *out;
  const CwLatLon *points;
  guint n;

  g_return_val_if_fail (route != NULL, NULL);

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<gpx version=\"1.1\" creator=\"Chargeway " PACKAGE_VERSION "\""
                      " xmlns=\"http://www.topografix.com/GPX/1/1\""
                      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                      " xsi:schemaLocation=\"http://www.topografix.com/GPX/1/1"
                      " http://www.topografix.com/GPX/1/1/gpx.xsd\">\n");
  if (name != NULL && *name != '\0')
    {
      g_string_append (out, "  <metadata>\n");
      append_element (out, "    ", "name", name);
      g_string_append (out, "  </metadata>\n");
    }

  for (guint i = 0; stops != NULL && i < stops->len; i++)
    {
      CwStation *s = g_ptr_array_index (stops, i);
      g_autofree char *desc = describe_stop (s);

      g_string_append (out, "  <wpt ");
      append_coords (out, s->latitude, s->longitude);
      g_string_append (out, ">\n");
      append_element (out, "    ", "name", cw_station_get_name (s) ? cw_station_get_name (s) : cw_station_get_id (s));
      append_element (out, "    ", "desc", desc);
      append_element (out, "    ", "type", "Charging station");
      g_string_append (out, "  </wpt>\n");
    }

  points = cw_route_get_points (route);
  n = cw_route_get_n_points (route);
  g_string_append (out, "  <trk>\n");
  append_element (out, "    ", "name", name);
  g_string_append (out, "    <trkseg>\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, "      <trkpt ");
      append_coords (out, points[i].lat, points[i].lon);
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "    </trkseg>\n  </trk>\n</gpx>\n");
  return g_string_free (out, FALSE);
}
