/* cw-host-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-host-queue"

#include "cw-host-queue.h"

/* A place in a host's line. Counted: the line holds it while it waits,
 * and so does its GCancellable's handler (which may run in another
 * thread) and the idle that handler sends to the queue's context. */
typedef struct _Host Host;

typedef struct {
  GList         link;       /* in host->waiters; data: the Waiter */
  GTask        *task;       /* NULL once it has left the line */
  Host         *host;       /* NULL once it has left the line */
  GMainContext *context;    /* the queue's; set once, read from any thread */
  GCancellable *cancellable;
  gulong        cancel_id;
  guint         gap_ms;
} Waiter;

struct _Host {
  CwHostQueue *queue;       /* unowned */
  char        *name;
  gboolean     busy;
  gint64       last_end;    /* monotonic µs; 0: never */
  guint        factor;
  GQueue       waiters;     /* Waiter*, first come first served */
  guint        timer_id;
};

struct _CwHostQueue
{
  GObject     parent_instance;
  GHashTable *hosts;        /* name → Host* */
};

G_DEFINE_FINAL_TYPE (CwHostQueue, cw_host_queue, G_TYPE_OBJECT)

static void pump (Host *host);

static void
waiter_clear (Waiter *w)
{
  g_clear_object (&w->task);
  g_clear_object (&w->cancellable);
  g_main_context_unref (w->context);
}

static Waiter *
waiter_ref (Waiter *w)
{
  return g_atomic_rc_box_acquire (w);
}

static void
waiter_unref (gpointer w)
{
  g_atomic_rc_box_release_full (w, (GDestroyNotify) waiter_clear);
}

/* Takes @w out of its host's line (where it is), on the queue's thread;
 * returns its task, which the caller answers. Its cancellable's handler
 * is disconnected plainly: g_cancellable_disconnect () would deadlock
 * when this runs inside a "cancelled" emission of the same cancellable
 * (a caller's cancel handler that hands a turn back, say); the handler
 * holds its own reference on @w, so one running elsewhere is harmless. */
static GTask *
waiter_leave (Waiter *w)
{
  g_queue_unlink (&w->host->waiters, &w->link);
  w->host = NULL;
  if (w->cancel_id != 0)
    g_signal_handler_disconnect (w->cancellable, w->cancel_id);
  w->cancel_id = 0;
  return g_steal_pointer (&w->task);
}

static void
waiter_fail (Waiter *w)
{
  g_autoptr (GTask) task = waiter_leave (w);

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  waiter_unref (w);
}

static void
host_free (Host *host)
{
  Waiter *w;

  g_clear_handle_id (&host->timer_id, g_source_remove);
  while ((w = g_queue_peek_head (&host->waiters)))
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
  /* An answer may run its callback now, which may ask again or drop
   * the last reference on the queue: hold it, and look again each time. */
  g_autoptr (CwHostQueue) queue G_GNUC_UNUSED = g_object_ref (host->queue);
  g_autoptr (GTask) task = NULL;
  Waiter *w;

  for (;;)
    {
      if (host->busy || (w = g_queue_peek_head (&host->waiters)) == NULL)
        return;
      /* Those who gave up leave the queue without waiting for a turn
       * (their handler's idle may not have run yet). */
      if (!g_cancellable_is_cancelled (w->cancellable))
        break;
      waiter_fail (w);
    }

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
  task = waiter_leave (w);
  waiter_unref (w);
  host->busy = TRUE;
  g_task_return_boolean (task, TRUE);
}

/* On the queue's thread, soon after the cancel: the waiter leaves the
 * line (unless its turn came or it left meanwhile) and is told; the one
 * behind may be due sooner than the pause it waited out. */
static gboolean
cancelled_idle (gpointer user_data)
{
  Waiter *w = user_data;
  Host *host = w->host;
  g_autoptr (CwHostQueue) queue = NULL;

  if (host == NULL)
    return G_SOURCE_REMOVE;
  /* Its task holds the queue; answered, it may let go of the last one. */
  queue = g_object_ref (host->queue);
  waiter_fail (w);
  g_clear_handle_id (&host->timer_id, g_source_remove);
  pump (host);
  return G_SOURCE_REMOVE;
}

/* The "cancelled" handler: in whatever thread cancelled, so it only
 * sends word to the queue's context. */
static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  Waiter *w = user_data;
  GSource *idle = g_idle_source_new ();

  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, cancelled_idle, waiter_ref (w), waiter_unref);
  g_source_set_static_name (idle, "[cw-host-queue] cancelled");
  g_source_attach (idle, w->context);
  g_source_unref (idle);
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

  w = g_atomic_rc_box_new0 (Waiter);
  w->link.data = w;
  w->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (w->task, cw_host_queue_acquire_async);
  /* A turn given is a turn owned, even if the caller was cancelled since:
   * the caller hands it back. */
  g_task_set_check_cancellable (w->task, FALSE);
  w->context = g_main_context_ref (g_task_get_context (w->task));
  w->gap_ms = gap_ms;
  h = get_host (self, host);
  w->host = h;
  g_queue_push_tail_link (&h->waiters, &w->link);
  if (cancellable != NULL)
    {
      w->cancellable = g_object_ref (cancellable);
      /* Already cancelled: the handler runs now and 0 comes back. */
      w->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), waiter_ref (w), waiter_unref);
    }
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
