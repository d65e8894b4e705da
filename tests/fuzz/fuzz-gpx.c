/* fuzz-gpx.c: GPX 1.0/1.1 through cw_gpx_parse (), then what the app
 * does with an imported file: the route to follow, and GPX written
 * back out, which must parse again to the same points.
 *
 * GLib 2.74's GMarkup, with G_MARKUP_TREAT_CDATA_AS_TEXT, mishandles a
 * CDATA section holding invalid UTF-8: it sets the error but goes on
 * parsing and returns TRUE ("<![CDATA[\0]]><g/>"), so the next error is set over it
 * ("GError set over the top of a previous GError"; "<![CDATA[\0]]>\1"
 * does it inside GMarkup alone). That is GLib's bug, not the GPX
 * parser's; inputs on which bare GMarkup (no callbacks) shows it are
 * skipped, and every other warning still aborts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem */
#include "fuzz-common.h"

#include "cw-gpx.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

static void
no_text (GMarkupParseContext *context,
         const char          *text,
         gsize                text_len,
         gpointer             user_data,
         GError             **error)
{
}

static const GMarkupParser bare_parser = { NULL, NULL, no_text, NULL, NULL };

/* Whether GLib's GMarkup alone overwrites its own error on @data. */
static gboolean
hits_glib_markup_bug (const uint8_t *data,
                      size_t         size)
{
  GMarkupParseContext *context;
  GError *error = NULL;
  gboolean ok, buggy;

  if (memmem (data, size, "<![CDATA[", 9) == NULL)
    return FALSE;
  /* cw_gpx_parse () drops a byte order mark before GMarkup sees the text */
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  fuzz_overwritten_errors = 0;
  fuzz_tolerate_overwritten_error = TRUE;
  context = g_markup_parse_context_new (&bare_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, NULL, NULL);
  /* The bug shows as an error set while parsing goes on (TRUE returned
   * with @error set), or as one error set over another. */
  ok = g_markup_parse_context_parse (context, (const char *) data, size, &error);
  if (ok && error == NULL)
    ok = g_markup_parse_context_end_parse (context, &error);
  buggy = (ok && error != NULL) || fuzz_overwritten_errors > 0;
  g_clear_error (&error);
  g_markup_parse_context_free (context);
  fuzz_tolerate_overwritten_error = FALSE;
  return buggy;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwGpx) gpx = NULL;
  g_autoptr (CwRoute) route = NULL;
  g_autofree char *written = NULL;
  g_autoptr (CwGpx) again = NULL;
  g_autoptr (GError) again_error = NULL;

  if (hits_glib_markup_bug (data, size))
    return 0;
  gpx = cw_gpx_parse ((const char *) data, (gssize) size, &error);
  fuzz_note ("gpx", error);
  g_assert ((gpx == NULL) != (error == NULL));
  if (gpx == NULL)
    return 0;

  g_assert (gpx->track->len > 0 || gpx->route->len > 0);
  route = cw_gpx_to_route (gpx);
  if (route == NULL)
    return 0;

  written = cw_gpx_write (route, NULL, gpx->name);
  again = cw_gpx_parse (written, -1, &again_error);
  if (again == NULL)
    g_error ("written GPX does not parse: %s\n%s", again_error->message, written);
  if (again->track->len != cw_route_get_n_points (route))
    g_error ("written GPX has %u points, the route %u",
             again->track->len, cw_route_get_n_points (route));
  return 0;
}
