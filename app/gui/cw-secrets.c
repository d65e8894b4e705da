/* cw-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-secrets"

#include <libsecret/secret.h>
#include <string.h>

#include "cw-secrets.h"

static GHashTable *session_secrets;   /* "kind\x1ftarget" → secret */

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.chargeway.Chargeway.Secret", SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "target", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };
  return &schema;
}

static char *
session_key (const char *kind,
             const char *target)
{
  return g_strconcat (kind, "\x1f", target ? target : "", NULL);
}

static void
remember (const char *kind,
          const char *target,
          const char *secret)
{
  if (session_secrets == NULL)
    session_secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (session_secrets, session_key (kind, target), g_strdup (secret));
}

void
cw_secrets_clear_session (void)
{
  if (session_secrets != NULL)
    g_hash_table_remove_all (session_secrets);
}

static void
store_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_autoptr (GError) owned = error;
      /* Only the reason, which names no secret. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "No keyring available (%s); the key is kept until Chargeway closes",
                               owned->message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
cw_secrets_store_async (const char          *kind,
                        const char          *target,
                        const char          *secret,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = g_strdup_printf ("Chargeway %s for %s", kind, target ? target : "");

  g_task_set_source_tag (task, cw_secrets_store_async);
  remember (kind, target, secret);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, store_done, task,
                         "kind", kind, "target", target ? target : "", NULL);
}

gboolean
cw_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  char *kind;
  char *target;
} Lookup;

static void
lookup_free (Lookup *l)
{
  g_free (l->kind);
  g_free (l->target);
  g_free (l);
}

static void
lookup_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Lookup *l = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (secret == NULL && session_secrets != NULL)
    {
      g_autofree char *key = session_key (l->kind, l->target);
      secret = g_strdup (g_hash_table_lookup (session_secrets, key));
    }
  if (secret == NULL && error != NULL)
    g_debug ("Keyring lookup failed: %s", error->message);
  g_task_return_pointer (task, secret, g_free);
}

void
cw_secrets_lookup_async (const char          *kind,
                         const char          *target,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Lookup *l = g_new0 (Lookup, 1);

  l->kind = g_strdup (kind);
  l->target = g_strdup (target ? target : "");
  g_task_set_source_tag (task, cw_secrets_lookup_async);
  g_task_set_task_data (task, l, (GDestroyNotify) lookup_free);
  secret_password_lookup (get_schema (), cancellable, lookup_done, task,
                          "kind", kind, "target", l->target, NULL);
}

char *
cw_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
