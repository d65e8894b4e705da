/* cw-host-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-host-queue"

#include "cw-host-queue.h"

typedef struct {
  GTask *task;
  guint  gap_ms;
} Waiter;

typedef struct {
  CwHostQueue *queue;       /* unowned */
  char        *name;
  gboolean     busy;
  gint64       last_end;    /* monotonic µs; 0: never */
  guint        factor;
  GQueue       waiters;     /* Waiter*, first come first served */
  guint        timer_id;
} Host;

struct _CwHostQueue
{
  GObject     parent_instance;
  GHashTable *hosts;        /* name → Host* */
};

G_DEFINE_FINAL_TYPE (CwHostQueue, cw_host_queue, G_TYPE_OBJECT)

static void pump (Host *host);

static void
waiter_fail (Waiter *w)
{
  g_task_return_new_error (w->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  g_object_unref (w->task);
  g_free (w);
}

static void
host_free (Host *host)
{
  Waiter *w;

  g_clear_handle_id (&host->timer_id, g_source_remove);
  while ((w = g_queue_pop_head (&host->waiters)))
    waiter_fail (w);
  g_free (host->name);
  g_free (host);
}

static void
cw_host_queue_finalize (GObject *object)
{
  CwHostQueue *self = CW_HOST_QUEUE (object);

  g_hash_table_unref (self->hosts);
  G_OBJECT_CLASS (cw_host_queue_parent_class)->finalize (object);
}

static void
cw_host_queue_class_init (CwHostQueueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_host_queue_finalize;
}

static void
cw_host_queue_init (CwHostQueue *self)
{
  self->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) host_free);
}

CwHostQueue *
cw_host_queue_new (void)
{
  return g_object_new (CW_TYPE_HOST_QUEUE, NULL);
}

CwHostQueue *
cw_host_queue_get_default (void)
{
  static CwHostQueue *queue;

  if (g_once_init_enter (&queue))
    g_once_init_leave (&queue, cw_host_queue_new ());
  return queue;
}

static Host *
get_host (CwHostQueue *self,
          const char  *name)
{
  Host *host = g_hash_table_lookup (self->hosts, name);

  if (host == NULL)
    {
      host = g_new0 (Host, 1);
      host->queue = self;
      host->name = g_strdup (name);
      host->factor = 1;
      g_queue_init (&host->waiters);
      g_hash_table_insert (self->hosts, host->name, host);
    }
  return host;
}

static gboolean
timer_cb (gpointer user_data)
{
  Host *host = user_data;

  host->timer_id = 0;
  pump (host);
  return G_SOURCE_REMOVE;
}

static void
pump (Host *host)
{
  Waiter *w;

  if (host->busy)
    return;
  /* Those who gave up leave the queue without waiting for a turn. */
  while ((w = g_queue_peek_head (&host->waiters)) &&
         g_cancellable_is_cancelled (g_task_get_cancellable (w->task)))
    waiter_fail (g_queue_pop_head (&host->waiters));
  if (w == NULL)
    return;

  if (host->last_end > 0)
    {
      guint64 gap = MIN ((guint64) w->gap_ms * host->factor, CW_HOST_QUEUE_MAX_GAP_MS);
      gint64 ready = host->last_end + (gint64) gap * 1000;
      gint64 now = g_get_monotonic_time ();

      if (now < ready)
        {
          if (host->timer_id == 0)
            host->timer_id = g_timeout_add ((guint) ((ready - now + 999) / 1000), timer_cb, host);
          return;
        }
    }
  g_queue_pop_head (&host->waiters);
  host->busy = TRUE;
  g_task_return_boolean (w->task, TRUE);
  g_object_unref (w->task);
  g_free (w);
}

void
cw_host_queue_acquire_async (CwHostQueue         *self,
                             const char          *host,
                             guint                gap_ms,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Waiter *w;
  Host *h;

  g_return_if_fail (CW_IS_HOST_QUEUE (self));
  g_return_if_fail (host != NULL);

  w = g_new0 (Waiter, 1);
  w->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (w->task, cw_host_queue_acquire_async);
  /* A turn given is a turn owned, even if the caller was cancelled since:
   * the caller hands it back. */
  g_task_set_check_cancellable (w->task, FALSE);
  w->gap_ms = gap_ms;
  h = get_host (self, host);
  g_queue_push_tail (&h->waiters, w);
  pump (h);
}

gboolean
cw_host_queue_acquire_finish (CwHostQueue   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cw_host_queue_release (CwHostQueue *self,
                       const char  *host)
{
  Host *h;

  g_return_if_fail (CW_IS_HOST_QUEUE (self));
  h = g_hash_table_lookup (self->hosts, host);
  g_return_if_fail (h != NULL && h->busy);
  h->busy = FALSE;
  h->last_end = g_get_monotonic_time ();
  pump (h);
}

void
cw_host_queue_slow_down (CwHostQueue *self,
                         const char  *host)
{
  Host *h;

  g_return_if_fail (CW_IS_HOST_QUEUE (self));
  h = get_host (self, host);
  if (h->factor < 1024)
    h->factor *= 2;
  g_message ("%s asked us to slow down: %u times the usual pause between requests", host, h->factor);
}

void
cw_host_queue_recover (CwHostQueue *self,
                       const char  *host)
{
  g_return_if_fail (CW_IS_HOST_QUEUE (self));
  get_host (self, host)->factor = 1;
}

guint
cw_host_queue_get_slow_down (CwHostQueue *self,
                             const char  *host)
{
  Host *h;

  g_return_val_if_fail (CW_IS_HOST_QUEUE (self), 1);
  h = g_hash_table_lookup (self->hosts, host);
  return h ? h->factor : 1;
}
