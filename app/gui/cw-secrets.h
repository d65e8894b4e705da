/* cw-secrets.h: tokens and API keys, in the keyring only
 *
 * Kept with libsecret (the Secret Service: GNOME Keyring, KWallet …),
 * never in GSettings, never in a log or an error message. Where no
 * keyring runs (a bare kiosk session), a secret lives in memory for
 * the session and the caller is told so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @kind: "ocpi-token" or "ocm-key"; @target: the server URL it is for. */
void     cw_secrets_store_async   (const char          *kind,
                                   const char          *target,
                                   const char          *secret,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* FALSE with an error when the keyring could not take it; the secret
 * is then kept in memory for this session. */
gboolean cw_secrets_store_finish  (GAsyncResult        *result,
                                   GError             **error);
void     cw_secrets_lookup_async  (const char          *kind,
                                   const char          *target,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* The secret, or NULL (no error) when none is stored. */
char    *cw_secrets_lookup_finish (GAsyncResult        *result,
                                   GError             **error);
/* Forget what is kept in memory (tests, kiosk resets). */
void     cw_secrets_clear_session (void);

G_END_DECLS
