/* test-fault-matrix.c: every provider against every fault, on 127.0.0.1
 *
 * For the OCPI client, Open Charge Map and an open feed that needs its
 * publisher's key (Jolt; all three through CwLiveSource into a station
 * store), OSRM and the geocoder (Nominatim), one case per
 * fault: HTTP 401, 403, 404, 429 with Retry-After, 500, 503, no answer,
 * connection refused, a TLS handshake failure (a redirect to https:// on
 * a loopback socket that does not speak TLS), a truncated body, a 100 MB
 * body streamed without end in sight (reading must stop at the
 * provider's cap), invalid UTF-8, wrong JSON types, NaN and
 * out-of-range coordinates, duplicate ids, an empty list and an OCPI
 * status_code error.
 *
 * Each case first gets good data (5 OCPI locations, directly or in the
 * feed's {"locations": [...]}, 4 Open Charge Map POIs, a route, two
 * places), then meets the fault, and checks: nothing
 * crashed; every station shown before is still there (counted by id),
 * with valid coordinates and valid UTF-8 text (for the geocoder: the
 * earlier answer still comes from its cache); the error said to the
 * user names the server and what went wrong (its text is checked) and
 * never holds the token or a key; and for the live sources a retry is
 * scheduled (no earlier than Retry-After for a 429). Where a fault is
 * not an error (an empty delta, duplicate ids) the case checks that
 * nothing was lost and no error is shown.
 *
 * Every log line of the run, debug included (G_MESSAGES_DEBUG=all), is
 * kept and searched at the end for the OCPI token, the OCM key and the
 * feed's key (which every feed request carried, as checked).
 *
 * Prints its own "N passed, N failed" line at the end (to stderr).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cw-geocoder.h"
#include "cw-http.h"
#include "cw-live-source.h"
#include "cw-osrm.h"
#include "cw-test-server.h"

#define TOKEN   "fm-0cpi-t0ken-never-logged-5e1f"
#define OCM_KEY "fm-0cm-k3y-never-logged-77ab"
#define FEED_KEY "fm-f33d-k3y-never-logged-9c2d"
#define SHORT_TIMEOUT 2     /* seconds: the session timeout in the fault phase */
#define HUGE_BYTES ((guint64) 100 * 1024 * 1024)
#define RETRY_AFTER 120

typedef enum {
  P_OCPI,
  P_OCM,
  P_OSRM,
  P_GEOCODER,
  P_FEED,
  N_PROVIDERS
} Provider;

static const char *provider_names[] = { "ocpi", "ocm", "osrm", "geocoder", "feed" };

typedef enum {
  F_NONE,
  F_401,
  F_403,
  F_404,
  F_429,
  F_500,
  F_503,
  F_TIMEOUT,
  F_REFUSED,
  F_TLS,
  F_TRUNCATED,
  F_HUGE,
  F_BAD_UTF8,
  F_WRONG_TYPES,
  F_NAN,
  F_OUT_OF_RANGE,
  F_DUP_IDS,
  F_EMPTY,
  F_OCPI_STATUS,
  N_FAULTS
} Fault;

static const char *fault_names[] = {
  "none", "401", "403", "404", "429-retry-after", "500", "503", "timeout", "refused",
  "tls-handshake", "truncated", "100mb-body", "invalid-utf8", "wrong-types", "nan-coordinates",
  "out-of-range-coordinates", "duplicate-ids", "empty-list", "ocpi-status-code",
};

/* ---- the server: one per case ---- */

typedef struct {
  Provider         provider;
  Fault            fault;
  SoupServer      *server;
  char            *base;          /* http://127.0.0.1:PORT */
  GSocketService  *garbage;       /* plain text where TLS is expected */
  guint16          garbage_port;
  GPtrArray       *paused;
  guint            n_requests;
  guint            n_fault_requests;
  guint64          huge_written;
  gboolean         huge_finished;
  GPtrArray       *queries;       /* decoded query of each request (GHashTable*) */
} Server;

static char huge_chunk[65536];

/* OCPI location @id with free-form coordinates (JSON strings, raw) and name. */
static char *
ocpi_location (const char *id,
               const char *lat,
               const char *lon,
               const char *name,
               const char *status)
{
  return g_strdup_printf (
      "{\"country_code\":\"NL\",\"party_id\":\"CWT\",\"id\":\"%s\",\"publish\":true,"
      "\"name\":\"%s\",\"address\":\"Teststraat 1\",\"city\":\"Utrecht\",\"country\":\"NLD\","
      "\"coordinates\":{\"latitude\":%s,\"longitude\":%s},\"time_zone\":\"Europe/Amsterdam\","
      "\"evses\":[{\"uid\":\"%s-1\",\"status\":\"%s\",\"connectors\":[{\"id\":\"1\","
      "\"standard\":\"IEC_62196_T2\",\"format\":\"SOCKET\",\"power_type\":\"AC_3_PHASE\","
      "\"max_voltage\":230,\"max_amperage\":32,\"last_updated\":\"2026-11-01T08:00:00Z\"}],"
      "\"last_updated\":\"2026-11-01T08:00:00Z\"}],\"last_updated\":\"2026-11-01T08:00:00Z\"}",
      id, name, lat, lon, id, status);
}

/* In Utrecht; for a feed of Great Britain (@gb), in London: a feed
 * leaves out what lies outside its country. */
static char *
ocpi_good_list (const char *status,
                gboolean    gb)
{
  GString *s = g_string_new ("[");

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("LOC-%u", i);
      g_autofree char *lat = g_strdup_printf (gb ? "\"51.5%u\"" : "\"52.%u\"", i);
      g_autofree char *loc = ocpi_location (id, lat, gb ? "\"-0.1\"" : "\"5.1\"", "Laadplein", status);

      g_string_append_printf (s, "%s%s", i > 1 ? "," : "", loc);
    }
  g_string_append (s, "]");
  return g_string_free (s, FALSE);
}

/* The OCPI locations a server sends for fault @f (a JSON array), in
 * Great Britain for @gb. */
static char *
ocpi_fault_list (Fault    f,
                 gboolean gb)
{
  const char *lat1 = gb ? "\"51.51\"" : "\"52.1\"";
  const char *lat2 = gb ? "\"51.52\"" : "\"52.2\"";
  const char *lon = gb ? "\"-0.1\"" : "\"5.1\"";

  switch (f)
    {
    case F_BAD_UTF8:
      return ocpi_location ("LOC-1", lat1, lon, "Laad\xff\xfeplein", "CHARGING");
    case F_WRONG_TYPES:
      return g_strdup ("[{\"id\":\"LOC-1\",\"name\":true,\"coordinates\":\"52,5\","
                       "\"evses\":{\"uid\":1},\"last_updated\":7}]");
    case F_NAN:
      return ocpi_location ("LOC-1", "\"NaN\"", "\"nan\"", "Laadplein", "CHARGING");
    case F_OUT_OF_RANGE:
      return ocpi_location ("LOC-1", "\"95.5\"", "\"200.0\"", "Laadplein", "CHARGING");
    case F_DUP_IDS:
      {
        g_autofree char *a = ocpi_location ("LOC-1", lat1, lon, "Laadplein", "CHARGING");
        g_autofree char *b = ocpi_location ("LOC-1", lat1, lon, "Laadplein", "OUTOFORDER");
        g_autofree char *c = ocpi_location ("LOC-2", lat2, lon, "Laadplein", "CHARGING");
        return g_strdup_printf ("[%s,%s,%s,%s]", a, b, c, c);
      }
    case F_EMPTY:
      return g_strdup ("[]");
    default:
      return ocpi_good_list ("AVAILABLE", gb);
    }
}

#define OCM_REFERENCE \
  "{\"ConnectionTypes\":[{\"ID\":33,\"Title\":\"CCS (Type 2)\"}]," \
  " \"Operators\":[{\"ID\":3,\"Title\":\"POD Point (UK)\"}]," \
  " \"StatusTypes\":[{\"ID\":50,\"Title\":\"Operational\"}]," \
  " \"UsageTypes\":[{\"ID\":1,\"Title\":\"Public\"}]," \
  " \"CurrentTypes\":[{\"ID\":30,\"Title\":\"DC\"}]," \
  " \"DataProviders\":[{\"ID\":1,\"Title\":\"Open Charge Map Contributors\"}]," \
  " \"Countries\":[{\"ID\":1,\"ISOCode\":\"GB\",\"Title\":\"United Kingdom\"}]}"

static char *
ocm_poi (const char *id,
         const char *lat,
         const char *lon,
         const char *title)
{
  return g_strdup_printf (
      "{\"ID\":%s,\"DataProviderID\":1,\"OperatorID\":3,\"UsageTypeID\":1,\"StatusTypeID\":50,"
      "\"AddressInfo\":{\"Title\":\"%s\",\"Town\":\"London\",\"CountryID\":1,"
      "\"Latitude\":%s,\"Longitude\":%s},"
      "\"Connections\":[{\"ID\":1,\"ConnectionTypeID\":33,\"PowerKW\":50,\"CurrentTypeID\":30}]}",
      id, title, lat, lon);
}

/* Area A (London, where the good POIs are) and B (Manchester, asked in
 * the fault phase). */
static const CwBBox area_a = { 51.505, -0.040, 51.545, -0.002 };
static const CwBBox area_b = { 53.470, -2.260, 53.490, -2.230 };

static char *
ocm_good_list (void)
{
  GString *s = g_string_new ("[");

  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 1000 + i);
      g_autofree char *lat = g_strdup_printf ("%.3f", 51.51 + 0.005 * i);
      g_autofree char *poi = ocm_poi (id, lat, "-0.02", "Site");

      g_string_append_printf (s, "%s%s", i > 1 ? "," : "", poi);
    }
  g_string_append (s, "]");
  return g_string_free (s, FALSE);
}

#define OSRM_GOOD \
  "{\"code\":\"Ok\",\"routes\":[{\"geometry\":{\"type\":\"LineString\",\"coordinates\":" \
  "[[5.11,52.09],[5.2,52.15],[5.3,52.2]]},\"legs\":[],\"distance\":12000,\"duration\":900," \
  "\"weight\":900}],\"waypoints\":[]}"

#define NOMINATIM_GOOD \
  "[{\"place_id\":1,\"lat\":\"52.0894\",\"lon\":\"5.1100\",\"name\":\"Utrecht Centraal\"," \
  "\"display_name\":\"Utrecht Centraal, Utrecht, Netherlands\"}," \
  "{\"place_id\":2,\"lat\":\"52.0907\",\"lon\":\"5.1214\",\"name\":\"Utrecht\"," \
  "\"display_name\":\"Utrecht, Netherlands\"}]"

/* The body of a 200 answer, good or bad, for the provider and fault. */
static char *
body_for (Server     *srv,
          const char *path,
          gboolean   *raw)
{
  Fault f = srv->fault;

  *raw = FALSE;
  switch (srv->provider)
    {
    case P_OCPI:
      {
        g_autofree char *list = NULL;

        if (g_str_has_suffix (path, "/tariffs"))
          return cw_test_envelope ("[]", 1000, "Success");
        if (f == F_OCPI_STATUS)
          return cw_test_envelope (NULL, 2001, "Invalid or missing parameters");
        list = ocpi_fault_list (f, FALSE);
        return cw_test_envelope (list, 1000, "Success");
      }

    case P_FEED:
      {
        /* Jolt's form: no envelope; no tariff ids, so no tariff requests. */
        g_autofree char *list = ocpi_fault_list (f, TRUE);

        return g_strdup_printf ("{\"locations\":%s}", list);
      }

    case P_OCM:
      if (g_str_has_suffix (path, "/referencedata"))
        return g_strdup (OCM_REFERENCE);
      switch (f)
        {
        case F_BAD_UTF8:
          return ocm_poi ("2001", "53.48", "-2.24", "Caf\xff\xfe\xc3");
        case F_WRONG_TYPES:
          return g_strdup ("[{\"ID\":\"x\",\"AddressInfo\":\"Manchester\",\"Connections\":7}]");
        case F_NAN:
          {
            g_autofree char *a = ocm_poi ("2001", "\"NaN\"", "-2.24", "Site");
            g_autofree char *b = ocm_poi ("2002", "1e999", "-1e999", "Site");
            return g_strdup_printf ("[%s,%s]", a, b);
          }
        case F_OUT_OF_RANGE:
          {
            g_autofree char *a = ocm_poi ("2001", "95.5", "-2.24", "Site");
            g_autofree char *b = ocm_poi ("2002", "53.48", "-200", "Site");
            return g_strdup_printf ("[%s,%s]", a, b);
          }
        case F_DUP_IDS:
          {
            /* 1001 was in London; here it comes again in Manchester,
             * and 2001 twice. */
            g_autofree char *a = ocm_poi ("1001", "53.48", "-2.24", "Moved");
            g_autofree char *b = ocm_poi ("2001", "53.481", "-2.241", "Site");
            return g_strdup_printf ("[%s,%s,%s]", a, b, b);
          }
        case F_EMPTY:
          return g_strdup ("[]");
        case F_OCPI_STATUS:
        default:
          if (f == F_NONE)
            return ocm_good_list ();
          return g_strdup ("[]");
        }

    case P_OSRM:
      switch (f)
        {
        case F_BAD_UTF8:
          return g_strdup ("{\"code\":\"Ok\xff\xfe\",\"message\":\"\xc3(\",\"routes\":[]}");
        case F_WRONG_TYPES:
          return g_strdup ("{\"code\":\"Ok\",\"routes\":\"none\"}");
        case F_NAN:
          return g_strdup ("{\"code\":\"Ok\",\"routes\":[{\"geometry\":{\"type\":\"LineString\","
                           "\"coordinates\":[[\"NaN\",52.09],[1e999,52.1]]},\"distance\":1,\"duration\":1}]}");
        case F_OUT_OF_RANGE:
          return g_strdup ("{\"code\":\"Ok\",\"routes\":[{\"geometry\":{\"type\":\"LineString\","
                           "\"coordinates\":[[5.1,95.5],[200,52.1]]},\"distance\":1,\"duration\":1}]}");
        case F_DUP_IDS:
          return g_strdup ("{\"code\":\"Ok\",\"routes\":[{\"geometry\":{\"type\":\"LineString\","
                           "\"coordinates\":[[5.1,52.09],[5.1,52.09]]},\"distance\":0,\"duration\":0}]}");
        case F_EMPTY:
          return g_strdup ("{\"code\":\"Ok\",\"routes\":[]}");
        default:
          return g_strdup (OSRM_GOOD);
        }

    case P_GEOCODER:
    default:
      switch (f)
        {
        case F_BAD_UTF8:
          return g_strdup ("[{\"place_id\":3,\"lat\":\"52.1\",\"lon\":\"5.3\",\"name\":\"Amersf\xff\xfe"
                           "oort\",\"display_name\":\"\xc3(\"}]");
        case F_WRONG_TYPES:
          return g_strdup ("{\"place_id\":[1],\"lat\":{},\"lon\":true}");
        case F_NAN:
          return g_strdup ("[{\"place_id\":3,\"lat\":\"NaN\",\"lon\":\"5.3\",\"name\":\"A\"}]");
        case F_OUT_OF_RANGE:
          return g_strdup ("[{\"place_id\":3,\"lat\":\"95.5\",\"lon\":\"200\",\"name\":\"A\"}]");
        case F_DUP_IDS:
          return g_strdup ("[{\"place_id\":3,\"lat\":\"52.15\",\"lon\":\"5.38\",\"name\":\"Amersfoort\"},"
                           "{\"place_id\":3,\"lat\":\"52.15\",\"lon\":\"5.38\",\"name\":\"Amersfoort\"}]");
        case F_EMPTY:
          return g_strdup ("[]");
        default:
          return g_strdup (NOMINATIM_GOOD);
        }
    }
}

static void
on_huge_chunk (SoupServerMessage *msg,
               Server            *srv)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  srv->huge_written += sizeof huge_chunk;
  if (srv->huge_written >= HUGE_BYTES)
    soup_message_body_complete (body);
  else
    soup_message_body_append (body, SOUP_MEMORY_STATIC, huge_chunk, sizeof huge_chunk);
}

static void
on_huge_finished (SoupServerMessage *msg,
                  Server            *srv)
{
  srv->huge_finished = TRUE;
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Server *srv = user_data;
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  g_autofree char *body = NULL;
  gboolean raw;
  guint status = 0;

  srv->n_requests++;
  if (srv->fault != F_NONE)
    srv->n_fault_requests++;
  g_ptr_array_add (srv->queries, query ? g_hash_table_ref (query)
                                       : g_hash_table_new (g_str_hash, g_str_equal));

  switch (srv->fault)
    {
    case F_401: status = 401; break;
    case F_403: status = 403; break;
    case F_404: status = 404; break;
    case F_500: status = 500; break;
    case F_503: status = 503; break;
    case F_429:
      status = 429;
      soup_message_headers_replace (resp, "Retry-After", G_STRINGIFY (RETRY_AFTER));
      break;
    case F_TIMEOUT:
      soup_server_message_pause (msg);
      g_ptr_array_add (srv->paused, g_object_ref (msg));
      return;
    case F_TLS:
      {
        g_autofree char *to = g_strdup_printf ("https://127.0.0.1:%u%s", srv->garbage_port, path);
        soup_server_message_set_redirect (msg, 302, to);
      }
      return;
    case F_HUGE:
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_type (resp, "application/json", NULL);
      soup_message_headers_set_encoding (resp, SOUP_ENCODING_CHUNKED);
      soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_huge_chunk), srv);
      g_signal_connect (msg, "finished", G_CALLBACK (on_huge_finished), srv);
      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                                huge_chunk, sizeof huge_chunk);
      return;
    default:
      break;
    }

  if (status != 0)
    {
      /* Error pages as servers send them: HTML, or the provider's JSON. */
      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY,
                                        "<html><body>Go away</body></html>", 33);
      return;
    }

  body = body_for (srv, path, &raw);
  if (srv->fault == F_TRUNCATED)
    {
      /* Content-Length twice the body, half the body, then the connection closes. */
      cw_test_respond_truncated (msg, body, strlen (body) * 2);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* A loopback socket that answers anything with plain text and hangs up. */
static gboolean
on_garbage_incoming (GSocketService     *service,
                     GSocketConnection  *connection,
                     GObject            *source,
                     gpointer            user_data)
{
  static const char junk[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, junk, sizeof junk - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static Server *
server_new (Provider provider)
{
  Server *srv = g_new0 (Server, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSList) uris = NULL;
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) want = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) got = NULL;

  srv->provider = provider;
  srv->paused = g_ptr_array_new_with_free_func (g_object_unref);
  srv->queries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  srv->server = soup_server_new ("server-header", "fault-matrix", NULL);
  soup_server_add_handler (srv->server, NULL, handle, srv, NULL);
  soup_server_listen_local (srv->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (srv->server);
  srv->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  srv->garbage = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (srv->garbage), want, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &got, &error);
  g_assert_no_error (error);
  srv->garbage_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (got));
  g_signal_connect (srv->garbage, "incoming", G_CALLBACK (on_garbage_incoming), NULL);
  g_socket_service_start (srv->garbage);
  return srv;
}

static void
server_free (Server *srv)
{
  for (guint i = 0; i < srv->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (srv->paused, i);
      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_unpause (msg);
    }
  cw_test_pump (50);
  soup_server_disconnect (srv->server);
  g_object_unref (srv->server);
  g_socket_service_stop (srv->garbage);
  g_socket_listener_close (G_SOCKET_LISTENER (srv->garbage));
  g_object_unref (srv->garbage);
  g_ptr_array_unref (srv->paused);
  g_ptr_array_unref (srv->queries);
  g_free (srv->base);
  g_free (srv);
}

/* ---- checks ---- */

static void
assert_clean_text (const char *text)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) TOKEN, strlen (TOKEN));

  g_assert_nonnull (text);
  if (text == NULL)     /* assertions do not stop the case */
    return;
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strstr (text, TOKEN));
  g_assert_null (strstr (text, b64));
  g_assert_null (strstr (text, OCM_KEY));
  g_assert_null (strstr (text, FEED_KEY));
}

/* What the message must say, by fault; NULL: no error expected. */
static const char *
expected_message (Provider p,
                  Fault    f)
{
  switch (f)
    {
    case F_401: return "HTTP 401";
    case F_403: return "HTTP 403";
    case F_404: return "HTTP 404";
    case F_429: return "HTTP 429";
    case F_500: return "HTTP 500";
    case F_503: return "HTTP 503";
    case F_TIMEOUT: return "did not answer in time";
    case F_REFUSED: return "refused the connection";
    case F_TLS: return "failed the secure connection check";
    case F_TRUNCATED: return "before the answer was complete";
    case F_HUGE: return "reading stopped";
    case F_BAD_UTF8: return "Invalid UTF-8";
    case F_WRONG_TYPES:
    case F_NAN:
    case F_OUT_OF_RANGE:
      /* A feed leaves bad records out one by one and tells in its
       * data-quality report. */
      if (p == P_FEED)
        return "sent no usable station (1 left out, see Data Quality); the 5 shown are kept";
      if (f == F_WRONG_TYPES)
        return p == P_OCM ? "is not a number" : "expected";
      if (f == F_NAN)
        return p == P_OSRM ? "expected [longitude, latitude]" : "\"NaN\" is not a number";
      return p == P_OSRM ? "latitude 95.5, longitude 5.1 is outside the world" : "is not a place on Earth";
    case F_DUP_IDS: return NULL;
    case F_EMPTY:
      return p == P_OCPI || p == P_FEED ? "empty list of stations; the 5 shown are kept" :
             p == P_OSRM ? "route" : NULL;
    case F_OCPI_STATUS: return "status 2001: Invalid or missing parameters";
    case F_NONE:
    default:
      return NULL;
    }
}

static void
check_message (Provider    p,
               Fault       f,
               const char *message,
               Server     *srv)
{
  const char *want = expected_message (p, f);
  /* The server that failed; after the redirect, the one that is not TLS
   * (OSRM names the router it was given). */
  g_autofree char *host = f == F_TLS && p != P_OSRM ? g_strdup_printf ("127.0.0.1:%u", srv->garbage_port)
                                                    : g_strdup (srv->base + strlen ("http://"));

  if (want == NULL)
    {
      if (message != NULL)
        g_test_message ("  (not an error here, yet said: %s)", message);
      return;
    }
  g_test_message ("  error for the user: %s", message ? message : "(none)");
  assert_clean_text (message);
  if (message == NULL)
    return;
  if (strstr (message, want) == NULL)
    {
      g_test_message ("  \"%s\" lacks \"%s\"", message, want);
      g_test_fail ();
    }
  /* Which server failed or sent the bad data, for every fault; a whole
   * list that came back empty (or, from a feed, with nothing usable)
   * names the source as the user knows it (its label, "Jolt" for the
   * feed), not its host. */
  if (p == P_FEED && strstr (message, "shown are kept") != NULL && strstr (message, "Jolt") == NULL)
    {
      g_test_message ("  \"%s\" does not name the feed", message);
      g_test_fail ();
    }
  else if (!(p == P_OCPI && f == F_EMPTY) && strstr (message, "shown are kept") == NULL &&
           strstr (message, host) == NULL)
    {
      g_test_message ("  \"%s\" does not name %s", message, host);
      g_test_fail ();
    }
}

/* Every station of @source: the ids in @ids all there, none other
 * lost; coordinates finite and in range; text valid UTF-8. */
static void
check_stations (CwStationStore     *store,
                const char         *source,
                const char * const *ids,
                guint               n_before)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint mine = 0;

  for (guint i = 0; ids[i]; i++)
    {
      CwStation *s = cw_station_store_lookup (store, source, ids[i]);
      if (s == NULL)
        {
          g_test_message ("  station %s is gone", ids[i]);
          g_test_fail ();
        }
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (cw_station_get_source (s), source) != 0)
        continue;
      mine++;
      g_assert_true (isfinite (s->latitude) && isfinite (s->longitude));
      g_assert_cmpfloat (fabs (s->latitude), <=, 90);
      g_assert_cmpfloat (fabs (s->longitude), <=, 180);
      g_assert_true (cw_station_get_name (s) == NULL || g_utf8_validate (cw_station_get_name (s), -1, NULL));
      g_assert_true (cw_station_get_address (s) == NULL || g_utf8_validate (cw_station_get_address (s), -1, NULL));
    }
  g_test_message ("  stations: %u before, %u after", n_before, mine);
  g_assert_cmpuint (mine, >=, n_before);
}

/* ---- live sources (OCPI, Open Charge Map) ---- */

typedef struct {
  gboolean settled;
} Watch;

static void
on_changed (CwLiveSource *source,
            Watch        *w)
{
  CwLiveState state = cw_live_source_get_state (source);

  if (state == CW_LIVE_STATE_OK || state == CW_LIVE_STATE_FAILED)
    w->settled = TRUE;
}

static void
wait_settled (Watch *w)
{
  if (!cw_test_wait_flag (&w->settled, 30000))
    g_error ("the live source did not settle within 30 s");
}

/* The disk cache is read and written in worker threads: wait until
 * @live has finished with it. */
static void
wait_cache_idle (CwLiveSource *live)
{
  for (guint waited = 0; cw_live_source_get_cache_busy (live); waited += 20)
    {
      if (waited > 30000)
        g_error ("the live source's cache was still busy after 30 s");
      cw_test_pump (20);
    }
}

static char *
tmp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("cw-fault-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        rm_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
apply_fault (Server *srv,
             Fault   f)
{
  srv->fault = f;
  if (f == F_REFUSED)
    soup_server_disconnect (srv->server);   /* listener and connections gone */
}

static void
check_huge (Server *srv)
{
  if (srv->fault != F_HUGE)
    return;
  /* Let the server notice the hang-up. */
  for (guint i = 0; i < 40 && !srv->huge_finished; i++)
    cw_test_pump (50);
  g_test_message ("  100 MB body: the server wrote %" G_GUINT64_FORMAT " MB before the client hung up",
                  srv->huge_written / (1024 * 1024));
  g_assert_cmpuint (srv->huge_written, <, HUGE_BYTES);
}

static void
check_retry (CwLiveSource *live,
             Fault         f)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 next = cw_live_source_get_next_attempt (live);

  g_test_message ("  next attempt in %" G_GINT64_FORMAT " s, %u failures", next - now,
                  cw_live_source_get_n_failures (live));
  g_assert_cmpint (next, >, now);
  if (f == F_429)
    g_assert_cmpint (next - now, >=, RETRY_AFTER - 1);
}

/* The key went to the feed's server with every request: the log and
 * the messages had it to leak. */
static void
check_feed_key_sent (Server *srv)
{
  g_assert_cmpuint (srv->queries->len, >, 0);
  for (guint i = 0; i < srv->queries->len; i++)
    g_assert_cmpstr (g_hash_table_lookup (g_ptr_array_index (srv->queries, i), "apiKey"), ==, FEED_KEY);
}

static CwLiveSource *
live_new (Provider        p,
          CwSourceSpec   *spec,
          CwStationStore *store,
          const char     *dir,
          Server         *srv)
{
  CwLiveSource *live = cw_live_source_new (spec, store, dir, p == P_FEED ? FEED_KEY : TOKEN);

  if (p == P_FEED)
    cw_live_source_set_feed_options (live, srv->base, 0, 0);
  return live;
}

/* OCPI, or a feed of OCPI locations that needs its publisher's key. */
static void
run_ocpi (Provider p,
          Fault    f)
{
  Server *srv = server_new (p);
  g_autofree char *dir = tmp_dir ();
  g_autofree char *spec_text = p == P_FEED ? g_strdup ("feed:jolt")
                                           : g_strdup_printf ("ocpi:%s/ocpi/2.2.1/locations", srv->base);
  g_autoptr (GError) error = NULL;
  CwSourceSpec *spec = cw_source_spec_parse (spec_text, &error);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  g_autoptr (SoupSession) short_session = cw_http_session_new (SHORT_TIMEOUT);
  g_autoptr (CwLiveSource) live = NULL;
  static const char *ids[] = { "LOC-1", "LOC-2", "LOC-3", "LOC-4", "LOC-5", NULL };
  Watch w = { FALSE };
  const char *want;

  g_assert_no_error (error);
  live = live_new (p, spec, store, dir, srv);
  cw_live_source_set_session (live, session);
  cw_live_source_set_interval (live, 3600);
  g_signal_connect (live, "changed", G_CALLBACK (on_changed), &w);
  cw_live_source_start (live);
  wait_settled (&w);
  g_assert_cmpint (cw_live_source_get_state (live), ==, CW_LIVE_STATE_OK);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 5);

  if (f == F_EMPTY)
    {
      /* A delta with nothing is normal; an empty whole list after a
       * restart (the cache shown) is the case that could blank a kiosk. */
      g_autoptr (CwStationStore) store2 = cw_station_store_new ();
      g_autoptr (CwLiveSource) live2 = live_new (p, spec, store2, dir, srv);
      Watch w2 = { FALSE };

      wait_cache_idle (live);   /* the good sync's cache written */
      cw_live_source_stop (live);
      apply_fault (srv, f);
      cw_live_source_set_session (live2, short_session);
      g_signal_connect (live2, "changed", G_CALLBACK (on_changed), &w2);
      cw_live_source_start (live2);
      wait_cache_idle (live2);
      g_assert_cmpuint (cw_station_store_get_n_stations (store2), ==, 5);   /* from the cache */
      wait_settled (&w2);
      check_stations (store2, spec->id, ids, 5);
      g_assert_cmpint (cw_live_source_get_state (live2), ==, CW_LIVE_STATE_FAILED);
      check_message (p, f, cw_live_source_get_error (live2), srv);
      check_retry (live2, f);
      cw_live_source_stop (live2);
      goto out;
    }

  apply_fault (srv, f);
  /* A new session: no connection kept from the good phase. */
  cw_live_source_set_session (live, short_session);
  w.settled = FALSE;
  cw_live_source_refresh (live);
  wait_settled (&w);

  check_stations (store, spec->id, ids, 5);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 5);
  want = expected_message (p, f);
  if (want != NULL)
    {
      g_assert_cmpint (cw_live_source_get_state (live), ==, CW_LIVE_STATE_FAILED);
      check_message (p, f, cw_live_source_get_error (live), srv);
      check_retry (live, f);
    }
  else
    {
      /* Accepted (duplicates: the last wins): no error, the next sync due. */
      g_assert_cmpint (cw_live_source_get_state (live), ==, CW_LIVE_STATE_OK);
      g_assert_null (cw_live_source_get_error (live));
      g_assert_cmpint (cw_live_source_get_next_attempt (live), >, 0);
    }
  if (f == F_DUP_IDS)
    {
      CwStation *s = cw_station_store_lookup (store, spec->id, "LOC-1");
      g_assert_cmpuint (cw_station_count_evses (s), ==, 1);
    }
  check_huge (srv);
  cw_live_source_stop (live);

out:
  if (f != F_REFUSED)
    g_assert_cmpuint (srv->n_fault_requests, >, 0);
  if (p == P_FEED)
    check_feed_key_sent (srv);
  /* its cache may still be being written: not into a removed directory */
  wait_cache_idle (live);
  g_clear_object (&live);
  cw_test_pump (50);
  server_free (srv);
  rm_tree (dir);
  cw_source_spec_free (spec);
}

static void
run_ocm (Fault f)
{
  Server *srv = server_new (P_OCM);
  g_autoptr (GError) error = NULL;
  CwSourceSpec *spec = cw_source_spec_parse ("ocm", &error);
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  g_autoptr (CwLiveSource) live = NULL;
  static const char *ids[] = { "1001", "1002", "1003", "1004", NULL };
  Watch w = { FALSE };
  const char *want;

  g_assert_no_error (error);
  g_setenv ("CHARGEWAY_OCM_URL", srv->base, TRUE);
  live = cw_live_source_new (spec, store, NULL, OCM_KEY);
  cw_live_source_set_session (live, session);
  g_signal_connect (live, "changed", G_CALLBACK (on_changed), &w);
  cw_live_source_set_area (live, &area_a);
  cw_live_source_start (live);
  wait_settled (&w);
  g_assert_cmpint (cw_live_source_get_state (live), ==, CW_LIVE_STATE_OK);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 4);

  /* The map moves to an area not cached: that request meets the fault
   * (the client keeps its session: its timeout is made short). */
  g_object_set (session, "timeout", SHORT_TIMEOUT, NULL);
  apply_fault (srv, f);
  w.settled = FALSE;
  cw_live_source_set_area (live, &area_b);
  wait_settled (&w);

  check_stations (store, spec->id, ids, 4);
  want = expected_message (P_OCM, f);
  if (want != NULL)
    {
      g_assert_cmpint (cw_live_source_get_state (live), ==, CW_LIVE_STATE_FAILED);
      check_message (P_OCM, f, cw_live_source_get_error (live), srv);
      check_retry (live, f);
    }
  else
    {
      g_test_message ("  state %d, error %s, %u stations", cw_live_source_get_state (live),
                      cw_live_source_get_error (live) ? cw_live_source_get_error (live) : "(none)",
                      cw_station_store_get_n_stations (store));
      /* An empty area or duplicates are answers, not errors: the last
       * of a duplicate wins (1001 moved to Manchester, 2001 once). */
      g_assert_cmpint (cw_live_source_get_state (live), ==, CW_LIVE_STATE_OK);
      g_assert_null (cw_live_source_get_error (live));
      g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, f == F_DUP_IDS ? 5 : 4);
      if (f == F_DUP_IDS)
        {
          CwStation *s = cw_station_store_lookup (store, spec->id, "1001");
          g_assert_cmpfloat (s->latitude, ==, 53.48);
        }
    }
  check_huge (srv);
  if (f != F_REFUSED)
    g_assert_cmpuint (srv->n_fault_requests, >, 0);
  cw_live_source_stop (live);
  g_clear_object (&live);
  cw_test_pump (50);
  server_free (srv);
  cw_source_spec_free (spec);
}

/* ---- OSRM and the geocoder (no store, no retry policy) ---- */

static GPtrArray *
osrm_route (SoupSession  *session,
            const char   *base,
            GError      **error)
{
  CwTestAsync a = { NULL };
  GPtrArray *routes;

  cw_osrm_route_async (session, base, 52.09, 5.11, 52.2, 5.3, NULL, cw_test_async_ready, &a);
  routes = cw_osrm_route_finish (cw_test_async_wait (&a, 60), error);
  cw_test_async_clear (&a);
  return routes;
}

static void
run_osrm (Fault f)
{
  Server *srv = server_new (P_OSRM);
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) good = osrm_route (session, srv->base, &error);
  g_autoptr (GPtrArray) routes = NULL;
  g_autoptr (SoupSession) short_session = cw_http_session_new (SHORT_TIMEOUT);

  g_assert_no_error (error);
  g_assert_cmpuint (good->len, ==, 1);

  apply_fault (srv, f);
  routes = osrm_route (short_session, srv->base, &error);
  if (expected_message (P_OSRM, f) != NULL)
    {
      g_assert_null (routes);
      g_assert_nonnull (error);
      check_message (P_OSRM, f, error->message, srv);
    }
  else if (routes != NULL)
    {
      for (guint i = 0; i < routes->len; i++)
        {
          CwOsrmRoute *r = g_ptr_array_index (routes, i);
          g_assert_true (isfinite (r->distance_m));
        }
    }
  else
    assert_clean_text (error->message);
  /* The route had before is untouched. */
  g_assert_cmpuint (good->len, ==, 1);
  check_huge (srv);
  if (f != F_REFUSED)
    g_assert_cmpuint (srv->n_fault_requests, >, 0);
  server_free (srv);
}

static GPtrArray *
geocode (CwGeocoder  *g,
         const char  *query,
         GError     **error)
{
  CwTestAsync a = { NULL };
  GPtrArray *places;

  cw_geocoder_search_async (g, query, 5, NULL, cw_test_async_ready, &a);
  places = cw_geocoder_search_finish (g, cw_test_async_wait (&a, 60), error);
  cw_test_async_clear (&a);
  return places;
}

static void
run_geocoder (Fault f)
{
  Server *srv = server_new (P_GEOCODER);
  g_autoptr (SoupSession) session = cw_http_session_new (10);
  g_autoptr (CwGeocoder) g = cw_geocoder_new (session, CW_GEOCODER_NOMINATIM, srv->base);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) good = geocode (g, "Utrecht", &error);
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (GPtrArray) again = NULL;
  guint asked;

  g_assert_no_error (error);
  g_assert_cmpuint (good->len, ==, 2);

  g_object_set (session, "timeout", SHORT_TIMEOUT, NULL);
  apply_fault (srv, f);
  places = geocode (g, "Amersfoort", &error);
  if (expected_message (P_GEOCODER, f) != NULL)
    {
      g_assert_null (places);
      g_assert_nonnull (error);
      check_message (P_GEOCODER, f, error->message, srv);
    }
  else if (places != NULL)
    {
      g_test_message ("  %u places", places->len);
      for (guint i = 0; i < places->len; i++)
        {
          CwPlace *p = g_ptr_array_index (places, i);
          g_assert_true (isfinite (p->latitude) && fabs (p->latitude) <= 90);
          g_assert_true (isfinite (p->longitude) && fabs (p->longitude) <= 180);
          g_assert_true (p->name == NULL || g_utf8_validate (p->name, -1, NULL));
          g_assert_true (p->description == NULL || g_utf8_validate (p->description, -1, NULL));
        }
    }
  else
    {
      g_test_message ("  error: %s", error->message);
      assert_clean_text (error->message);
    }
  g_clear_error (&error);

  /* What was found before is still found, from the cache, not asked again. */
  asked = cw_geocoder_get_n_requests (g);
  again = geocode (g, "Utrecht", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpuint (cw_geocoder_get_n_requests (g), ==, asked);
  check_huge (srv);
  if (f != F_REFUSED)
    g_assert_cmpuint (srv->n_fault_requests, >, 0);
  server_free (srv);
}

/* ---- the matrix ---- */

typedef struct {
  Provider p;
  Fault    f;
} Case;

static guint n_passed, n_failed;

static void
run_case (gconstpointer data)
{
  const Case *c = data;

  switch (c->p)
    {
    case P_OCPI:
    case P_FEED: run_ocpi (c->p, c->f); break;
    case P_OCM: run_ocm (c->f); break;
    case P_OSRM: run_osrm (c->f); break;
    case P_GEOCODER:
    default: run_geocoder (c->f); break;
    }
  if (g_test_failed ())
    n_failed++;
  else
    n_passed++;
}

/* Last: the whole debug log of every case holds no secret. */
static void
test_log_clean (void)
{
  g_autofree char *log = cw_test_log_dup ();
  g_autofree char *b64 = g_base64_encode ((const guchar *) TOKEN, strlen (TOKEN));

  g_test_message ("%u log lines, %zu bytes, searched", cw_test_log_count (), strlen (log));
  g_assert_cmpuint (cw_test_log_count (), >, 100);
  g_assert_nonnull (strstr (log, "cw-live-source"));   /* debug lines are in */
  g_assert_null (strstr (log, TOKEN));
  g_assert_null (strstr (log, b64));
  g_assert_null (strstr (log, OCM_KEY));
  g_assert_null (strstr (log, FEED_KEY));
  g_assert_nonnull (strstr (log, "feed:jolt"));        /* the feed cases ran */
  if (g_test_failed ())
    n_failed++;
  else
    n_passed++;
}

static gboolean
applies (Provider p,
         Fault    f)
{
  if (f == F_OCPI_STATUS)
    return p == P_OCPI;
  /* The feed row is here for its key: every request carries it, and no
   * message or log line may. Its transport faults and invalid UTF-8 are
   * checked as for OCPI. Not the others: a feed may be a whole country
   * in one file (its cap, 8 × 64 MB, is above the 100 MB streamed here),
   * and it leaves out bad records one by one (its data-quality report),
   * so duplicates are a whole list of two. A whole list that comes back
   * empty, or left empty by wrong types, NaN or out-of-range
   * coordinates, keeps the stations shown, as for OCPI. */
  if (p == P_FEED)
    return f != F_HUGE && f != F_DUP_IDS;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  static Case cases[N_PROVIDERS * N_FAULTS];
  guint n = 0;
  int status;

  cw_test_log_capture_install ();
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  memset (huge_chunk, ' ', sizeof huge_chunk);
  huge_chunk[0] = '[';

  for (Provider p = 0; p < N_PROVIDERS; p++)
    for (Fault f = F_401; f < N_FAULTS; f++)
      {
        g_autofree char *path = NULL;

        if (!applies (p, f))
          continue;
        cases[n].p = p;
        cases[n].f = f;
        path = g_strdup_printf ("/fault/%s/%s", provider_names[p], fault_names[f]);
        g_test_add_data_func (path, &cases[n], run_case);
        n++;
      }
  /* A suite of its own: runs after every /fault case. */
  g_test_add_func ("/secrets/debug-log-clean", test_log_clean);

  status = g_test_run ();
  g_printerr ("fault matrix: %u passed, %u failed\n", n_passed, n_failed);
  return status;
}
