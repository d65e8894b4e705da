/* cw-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-json"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "cw-json.h"

G_DEFINE_QUARK (cw-parse-error-quark, cw_parse_error)

JsonNode *
cw_json_load (GBytes  *bytes,
              GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *data;
  gsize len;

  data = bytes ? g_bytes_get_data (bytes, &len) : NULL;
  if (data == NULL || len == 0)
    {
      g_set_error_literal (error, CW_PARSE_ERROR, CW_PARSE_ERROR_EMPTY,
                           "The response is empty (0 bytes)");
      return NULL;
    }

  if (!g_utf8_validate_len (data, len, NULL))
    {
      const char *end;

      g_utf8_validate_len (data, len, &end);
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_INVALID_JSON,
                   "Invalid UTF-8 at byte %" G_GSIZE_FORMAT, (gsize) (end - data));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_INVALID_JSON,
                   "Malformed JSON: %s", local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, CW_PARSE_ERROR, CW_PARSE_ERROR_EMPTY,
                           "The response holds no JSON value");
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

const char *
cw_json_node_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return "a string";
    case G_TYPE_BOOLEAN: return "a boolean";
    case G_TYPE_INT64: return "an integer";
    case G_TYPE_DOUBLE: return "a number";
    default: return "a value";
    }
}

static gboolean
wrong_type (GError     **error,
            const char  *path,
            const char  *member,
            const char  *expected,
            JsonNode    *node)
{
  g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
               "%s.%s: expected %s, found %s",
               path, member, expected, cw_json_node_type_name (node));
  return FALSE;
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

char *
cw_json_dup_valid (const char *str,
                   gssize      max_chars)
{
  g_autofree char *valid = NULL;

  if (str == NULL)
    return NULL;
  /* json-glib 1.6 turns a broken \u escape ("\ud8}") into bytes that are
   * not UTF-8 and passes them on: replace them (U+FFFD) here, once, so
   * nothing invalid reaches a label, a cache file or a message. */
  valid = g_utf8_validate (str, -1, NULL) ? g_strdup (str) : g_utf8_make_valid (str, -1);
  if (max_chars >= 0 && g_utf8_strlen (valid, -1) > max_chars)
    return g_utf8_substring (valid, 0, max_chars);
  return g_steal_pointer (&valid);
}

gboolean
cw_json_dup_string (JsonObject  *object,
                    const char  *member,
                    const char  *path,
                    char       **out,
                    GError     **error)
{
  JsonNode *node = get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          *out = cw_json_dup_valid (json_node_get_string (node), -1);
          return TRUE;
        case G_TYPE_INT64:
          *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          return TRUE;
        default:
          break;
        }
    }
  return wrong_type (error, path, member, "a string", node);
}

gboolean
cw_json_get_number (JsonObject  *object,
                    const char  *member,
                    const char  *path,
                    double      *out,
                    gboolean    *present,
                    GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (present)
    *present = FALSE;
  if (node == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);

      if (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE)
        {
          *out = json_node_get_double (node);
          if (present)
            *present = TRUE;
          return TRUE;
        }
      if (t == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);
          char *end = NULL;
          double v;

          errno = 0;
          v = g_ascii_strtod (s, &end);
          while (end && g_ascii_isspace (*end))
            end++;
          if (end != s && end && *end == '\0' && errno == 0 && isfinite (v))
            {
              *out = v;
              if (present)
                *present = TRUE;
              return TRUE;
            }
          g_set_error (error, CW_PARSE_ERROR, CW_PARSE_ERROR_WRONG_TYPE,
                       "%s.%s: \"%.40s\" is not a number", path, member, s);
          return FALSE;
        }
    }
  return wrong_type (error, path, member, "a number", node);
}

gboolean
cw_json_get_array (JsonObject  *object,
                   const char  *member,
                   const char  *path,
                   JsonArray  **out,
                   GError     **error)
{
  JsonNode *node = get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (error, path, member, "an array", node);
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
cw_json_get_object (JsonObject  *object,
                    const char  *member,
                    const char  *path,
                    JsonObject **out,
                    GError     **error)
{
  JsonNode *node = get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, member, "an object", node);
  *out = json_node_get_object (node);
  return TRUE;
}

gint64
cw_json_parse_time (const char *str)
{
  g_autoptr (GDateTime) dt = NULL;
  g_autoptr (GTimeZone) utc = NULL;

  if (str == NULL || *str == '\0')
    return 0;
  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (str, utc);
  if (dt == NULL)
    return 0;
  return g_date_time_to_unix (dt);
}
