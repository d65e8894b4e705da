/* cw-test-server.h: a fake OCPI 2.2.1 server on 127.0.0.1 for tests,
 * Location fixtures, main-loop waiting with a deadline, log capture
 *
 * Everything listens on 127.0.0.1 only, on a port the kernel picks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* ---- waiting on the main loop, never forever ---- */

typedef struct {
  GAsyncResult *result;
} CwTestAsync;

/* A GAsyncReadyCallback; @user_data is a CwTestAsync. */
void          cw_test_async_ready     (GObject      *source,
                                       GAsyncResult *result,
                                       gpointer      user_data);
/* Pumps the default main context until the result arrived; fails the
 * test after @timeout_seconds. Returns the result (owned by @async). */
GAsyncResult *cw_test_async_wait      (CwTestAsync  *async,
                                       guint         timeout_seconds);
void          cw_test_async_clear     (CwTestAsync  *async);
/* Pumps until *@flag is TRUE; FALSE when @timeout_ms passed first. */
gboolean      cw_test_wait_flag       (gboolean     *flag,
                                       guint         timeout_ms);
/* Pumps the default main context for @ms. */
void          cw_test_pump            (guint         ms);

/* ---- log capture (call before g_test_init) ---- */

/* Turns on every debug message (G_MESSAGES_DEBUG=all) and records the
 * text of every log message of every domain; warnings and worse also go
 * to the default writer (so they stay fatal). */
void          cw_test_log_capture_install (void);
/* Everything recorded so far, one message a line ("domain: message"). */
char         *cw_test_log_dup         (void);
guint         cw_test_log_count       (void);
void          cw_test_log_reset       (void);

/* ---- OCPI fixtures ---- */

char         *cw_test_iso_time        (gint64        t);
/* A small valid OCPI 2.2.1 Location: one EVSE per status (uid
 * "<id>-<n>", n from 1), a Type 2 connector each. */
char         *cw_test_location_json   (const char         *id,
                                       gint64              last_updated,
                                       const char * const *evse_statuses);
/* The same, whose connectors refer to @tariff_id (may be NULL). */
char         *cw_test_location_json_with_tariff (const char         *id,
                                                 gint64              last_updated,
                                                 const char * const *evse_statuses,
                                                 const char         *tariff_id);
/* A small valid OCPI 2.2.1 Tariff: an energy price. */
char         *cw_test_tariff_json     (const char   *id,
                                       double        price_per_kwh);
/* The response envelope around @data_json (which may be NULL). */
char         *cw_test_envelope        (const char   *data_json,
                                       int           status_code,
                                       const char   *status_message);

/* Answers 200 with a Content-Length of @promised bytes, writes the
 * first half of @body and closes the connection. */
void          cw_test_respond_truncated (SoupServerMessage *msg,
                                         const char        *body,
                                         gsize              promised);

/* ---- the fake OCPI server ---- */

typedef enum {
  CW_FAKE_OK,
  CW_FAKE_HTTP_500,
  CW_FAKE_HTTP_503,
  CW_FAKE_HTTP_429,           /* with Retry-After: fake->retry_after */
  CW_FAKE_HTTP_401,
  CW_FAKE_HANG,               /* pauses the message: never answers */
  CW_FAKE_TRUNCATED,          /* Content-Length larger than the body, then close */
  CW_FAKE_TRUNCATED_JSON,     /* an honest Content-Length, half a JSON document */
  CW_FAKE_WRONG_TYPES,        /* a Location whose members have the wrong JSON types */
  CW_FAKE_STATUS_2001,        /* HTTP 200, envelope status_code 2001 */
  CW_FAKE_CUSTOM,             /* custom_status and custom_body, as given */
} CwFakeMode;

typedef struct {
  char    *path;
  char    *query;             /* raw, as sent; NULL when none */
  char    *authorization;     /* the header, or NULL */
  char    *date_from;         /* the decoded parameter, or NULL */
  char    *offset;
  char    *limit;
} CwTestRequest;

typedef struct {
  SoupServer *server;
  char       *base_url;       /* "http://127.0.0.1:PORT", no trailing slash */

  /* Served by /ocpi/2.2.1/locations: */
  GPtrArray  *locations;      /* FakeLocation*, see the .c */
  guint       page_size;      /* default limit: 2 */
  gboolean    send_link;      /* Link rel="next" (default TRUE) */
  gboolean    send_total;     /* X-Total-Count and X-Limit (default TRUE) */
  /* Served by /ocpi/2.2.1/tariffs, paginated like the locations, when
   * not empty; location n refers to tariff n % len. */
  GPtrArray  *tariffs;        /* char* ids */

  CwFakeMode  mode;           /* applies to every path */
  int         fail_page;      /* with CW_FAKE_OK: this page (0…) answers 500; -1 none */
  char       *retry_after;    /* for 429/503, or NULL */
  guint       custom_status;
  char       *custom_body;
  char       *status_message; /* for CW_FAKE_STATUS_2001, or NULL */
  char       *expected_auth;  /* "Token <base64>": other requests get 401 */

  GPtrArray  *requests;       /* CwTestRequest* */
  GPtrArray  *paused;         /* SoupServerMessage*, while hanging */
} CwFakeOcpi;

CwFakeOcpi *cw_fake_ocpi_new          (guint         n_locations,
                                       gint64        last_updated);
void        cw_fake_ocpi_free         (CwFakeOcpi   *fake);
/* base_url + @path */
char       *cw_fake_ocpi_url          (CwFakeOcpi   *fake,
                                       const char   *path);
/* Sets location @index (0…): its EVSE statuses and last_updated. */
void        cw_fake_ocpi_set_location (CwFakeOcpi         *fake,
                                       guint               index,
                                       const char * const *evse_statuses,
                                       gint64              last_updated);
void        cw_fake_ocpi_add_location (CwFakeOcpi         *fake,
                                       const char         *id,
                                       const char * const *evse_statuses,
                                       gint64              last_updated);
const char *cw_fake_ocpi_location_id  (CwFakeOcpi   *fake,
                                       guint         index);
/* NULL: open; else requests must carry "Token <base64 @token>". */
void        cw_fake_ocpi_set_token    (CwFakeOcpi   *fake,
                                       const char   *token);
void        cw_fake_ocpi_set_mode     (CwFakeOcpi   *fake,
                                       CwFakeMode    mode);
/* Answers the messages held by CW_FAKE_HANG with 503 and lets them go. */
void        cw_fake_ocpi_release      (CwFakeOcpi   *fake);
guint       cw_fake_ocpi_n_requests   (CwFakeOcpi   *fake);
CwTestRequest *cw_fake_ocpi_request   (CwFakeOcpi   *fake,
                                       guint         i);
/* Requests to the locations endpoint only. */
guint       cw_fake_ocpi_n_location_requests (CwFakeOcpi *fake);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwFakeOcpi, cw_fake_ocpi_free)

G_END_DECLS
