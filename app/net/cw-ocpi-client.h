/* cw-ocpi-client.h: OCPI 2.2.1 Locations over HTTP
 *
 * Starts from a versions URL (Versions → version details → the
 * "locations" endpoint) or a Locations URL, sends
 * "Authorization: Token <base64>", follows pagination to the end
 * (Link rel="next", else offset/limit with X-Total-Count), and syncs
 * deltas with date_from. A sync succeeds whole or fails whole: the
 * caller merges only complete results, so a failing page loses nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "cw-ocpi-parser.h"
#include "cw-station.h"

G_BEGIN_DECLS

#define CW_TYPE_OCPI_CLIENT (cw_ocpi_client_get_type ())
G_DECLARE_FINAL_TYPE (CwOcpiClient, cw_ocpi_client, CW, OCPI_CLIENT, GObject)

typedef struct {
  GPtrArray *stations;      /* CwStation*, tariffs resolved */
  gboolean   delta;         /* only locations changed since date_from */
  gint64     started_at;    /* unix seconds: the next date_from */
  guint      pages;
  guint      total;         /* X-Total-Count of the first page, or stations->len */
} CwOcpiSync;

void cw_ocpi_sync_free (CwOcpiSync *sync);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwOcpiSync, cw_ocpi_sync_free)

typedef void (*CwOcpiProgress) (guint    fetched,
                                guint    total,
                                gpointer user_data);

/* @token may be NULL (open feeds, the demo hub). @source_id is what
 * stations carry as their source. */
CwOcpiClient *cw_ocpi_client_new          (SoupSession    *session,
                                           const char     *url,
                                           const char     *token,
                                           const char     *source_id);
void          cw_ocpi_client_set_page_limit (CwOcpiClient *self,
                                             guint         limit);
/* Open feeds: read with the lenient parser (bad records left out and
 * counted, quirks of real feeds accepted). @options is copied; its
 * country box must outlive the client. NULL: strict (the default). */
void          cw_ocpi_client_set_lenient    (CwOcpiClient               *self,
                                             const CwOcpiLenientOptions *options);
/* The Locations URL once discovered, else NULL. */
const char   *cw_ocpi_client_get_locations_url (CwOcpiClient *self);

/* @date_from: 0 for everything, else only what changed since then. */
void          cw_ocpi_client_sync_async   (CwOcpiClient        *self,
                                           gint64               date_from,
                                           CwOcpiProgress       progress,
                                           gpointer             progress_data,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* @retry_after_out: seconds a 429/503 asked to wait, or -1. */
CwOcpiSync   *cw_ocpi_client_sync_finish  (CwOcpiClient        *self,
                                           GAsyncResult        *result,
                                           int                 *retry_after_out,
                                           GError             **error);

G_END_DECLS
