/* cw-ocpi-paging.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-ocpi-paging"

#include "cw-http.h"
#include "cw-ocpi-paging.h"

char *
cw_ocpi_paging_iso_time (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *
cw_ocpi_paging_edit_query (const char         *url,
                           const char * const *drop,
                           const char         *add)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr (GString) query = g_string_new (NULL);
  g_auto (GStrv) params = NULL;
  g_autoptr (GUri) out = NULL;

  if (uri == NULL)
    return NULL;
  params = g_strsplit (g_uri_get_query (uri) ? g_uri_get_query (uri) : "", "&", -1);
  for (guint i = 0; params[i]; i++)
    {
      gboolean skip = *params[i] == '\0';

      for (guint j = 0; drop && drop[j] && !skip; j++)
        skip = g_str_has_prefix (params[i], drop[j]);
      if (!skip)
        g_string_append_printf (query, "%s%s", query->len ? "&" : "", params[i]);
    }
  if (add != NULL && *add != '\0')
    g_string_append_printf (query, "%s%s", query->len ? "&" : "", add);
  out = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                     g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                     query->len ? query->str : NULL, NULL);
  return g_uri_to_string (out);
}

gboolean
cw_ocpi_paging_total_count (SoupMessage *msg,
                            guint64     *total)
{
  const char *tc = soup_message_headers_get_one (soup_message_get_response_headers (msg), "X-Total-Count");

  if (tc == NULL)
    return FALSE;
  *total = g_ascii_strtoull (tc, NULL, 10);
  return TRUE;
}

char *
cw_ocpi_paging_next_url (SoupMessage *msg,
                         gboolean     have_total,
                         guint64      total,
                         guint        offset)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  char *next = cw_http_link_next (soup_message_headers_get_one (headers, "Link"), soup_message_get_uri (msg));

  if (next == NULL && have_total && offset < total)
    {
      static const char * const drop[] = { "offset=", NULL };
      g_autofree char *current = g_uri_to_string (soup_message_get_uri (msg));
      g_autofree char *add = g_strdup_printf ("offset=%u", offset);

      next = cw_ocpi_paging_edit_query (current, drop, add);
    }
  return next;
}

void
cw_ocpi_paging_take_tariffs (GHashTable *into,
                             GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (into, key, value);
    }
}

void
cw_ocpi_paging_return_error (GTask       *task,
                             SoupMessage *msg,
                             GError      *error)
{
  g_autofree char *host = cw_http_describe_host (soup_message_get_uri (msg));

  g_prefix_error (&error, "%s: ", host);
  g_task_return_error (task, error);
}
