/* test-host-queue.c: one request at a time per host, and giving up a wait
 *
 * A waiter whose GCancellable is cancelled leaves the queue at once and
 * hears G_IO_ERROR_CANCELLED without waiting for the host's turn; the
 * queue and the cancellable may outlive one another. "At once" is
 * checked without a clock: after the cancel, only the events already
 * pending are run (none blocks), and the answer must be among them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "cw-host-queue.h"

#define HOST "example.org"

typedef struct {
  gboolean done;
  gboolean granted;
  GError  *error;
} Wait;

static void
acquired (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *w = user_data;

  g_assert_false (w->done);
  w->done = TRUE;
  w->granted = cw_host_queue_acquire_finish (CW_HOST_QUEUE (object), result, &w->error);
}

/* Runs what is ready now, never blocking. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_clear (Wait *w)
{
  g_clear_error (&w->error);
}

/* Behind a busy host: cancelled, the waiter is answered now, not when
 * the host is handed back. */
static void
test_cancel_while_busy (void)
{
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Wait first = { 0 }, second = { 0 }, third = { 0 };

  cw_host_queue_acquire_async (queue, HOST, 0, NULL, acquired, &first);
  drain ();
  g_assert_true (first.granted);

  cw_host_queue_acquire_async (queue, HOST, 0, cancellable, acquired, &second);
  cw_host_queue_acquire_async (queue, HOST, 0, NULL, acquired, &third);
  drain ();
  g_assert_false (second.done);

  g_cancellable_cancel (cancellable);
  drain ();
  g_assert_true (second.done);
  g_assert_false (second.granted);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (third.done);

  /* The next in line gets the turn, and only it. */
  cw_host_queue_release (queue, HOST);
  drain ();
  g_assert_true (third.granted);
  cw_host_queue_release (queue, HOST);
  wait_clear (&second);
}

/* The first in line waits out a ten-minute pause; cancelled, the one
 * behind it (no pause of its own) goes now. */
static void
test_cancel_first_in_line (void)
{
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Wait first = { 0 }, slow = { 0 }, quick = { 0 };

  cw_host_queue_acquire_async (queue, HOST, 0, NULL, acquired, &first);
  drain ();
  g_assert_true (first.granted);
  cw_host_queue_release (queue, HOST);

  cw_host_queue_acquire_async (queue, HOST, CW_HOST_QUEUE_MAX_GAP_MS, cancellable, acquired, &slow);
  cw_host_queue_acquire_async (queue, HOST, 0, NULL, acquired, &quick);
  drain ();
  g_assert_false (slow.done);
  g_assert_false (quick.done);

  g_cancellable_cancel (cancellable);
  drain ();
  g_assert_error (slow.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (quick.granted);
  cw_host_queue_release (queue, HOST);
  wait_clear (&slow);
}

/* Cancelled before asking: answered without a turn. */
static void
test_cancelled_before (void)
{
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Wait first = { 0 }, late = { 0 };

  cw_host_queue_acquire_async (queue, HOST, 0, NULL, acquired, &first);
  drain ();
  g_cancellable_cancel (cancellable);
  cw_host_queue_acquire_async (queue, HOST, 0, cancellable, acquired, &late);
  drain ();
  g_assert_error (late.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  cw_host_queue_release (queue, HOST);
  wait_clear (&late);
}

/* The cancellable outlives the queue: cancelled after the queue is
 * gone, it reaches nothing of it. */
static void
test_cancellable_outlives_queue (void)
{
  CwHostQueue *queue = cw_host_queue_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Wait first = { 0 }, second = { 0 };

  g_object_add_weak_pointer (G_OBJECT (queue), (gpointer *) &queue);
  cw_host_queue_acquire_async (queue, HOST, 0, cancellable, acquired, &first);
  drain ();
  g_assert_true (first.granted);
  cw_host_queue_release (queue, HOST);
  cw_host_queue_acquire_async (queue, HOST, 0, cancellable, acquired, &second);
  drain ();
  g_assert_true (second.granted);
  cw_host_queue_release (queue, HOST);
  g_object_unref (queue);
  drain ();
  g_assert_null (queue);

  /* Under ASan a handler left behind would be a use after free. */
  g_cancellable_cancel (cancellable);
  drain ();
}

/* The queue's owner lets go while a wait is pending: the wait keeps the
 * queue alive until it is answered, then the queue goes. */
static void
test_queue_released_while_waiting (void)
{
  CwHostQueue *queue = cw_host_queue_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Wait first = { 0 }, second = { 0 };

  g_object_add_weak_pointer (G_OBJECT (queue), (gpointer *) &queue);
  cw_host_queue_acquire_async (queue, HOST, 0, NULL, acquired, &first);
  drain ();
  cw_host_queue_acquire_async (queue, HOST, 0, cancellable, acquired, &second);
  cw_host_queue_release (queue, HOST);
  /* Granted to the second now; the first holder is done. */
  drain ();
  g_assert_true (second.granted);
  cw_host_queue_release (queue, HOST);

  {
    g_autoptr (GCancellable) other = g_cancellable_new ();
    Wait a = { 0 }, b = { 0 };

    cw_host_queue_acquire_async (queue, HOST, 0, NULL, acquired, &a);
    drain ();
    g_assert_true (a.granted);
    cw_host_queue_acquire_async (queue, HOST, 0, other, acquired, &b);
    g_object_unref (queue);       /* the owner's reference */
    drain ();
    g_assert_nonnull (queue);     /* held by the waiting b */
    g_cancellable_cancel (other);
    drain ();
    g_assert_error (b.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    /* Answered, b let go of the queue, its last holder. */
    g_assert_null (queue);
    wait_clear (&b);
  }
}

/* Two waits on one cancellable, one of them first in line: one cancel
 * answers both, and nothing deadlocks in the cancel. */
static void
test_one_cancellable_two_waits (void)
{
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Wait first = { 0 }, a = { 0 }, b = { 0 };

  cw_host_queue_acquire_async (queue, HOST, 0, NULL, acquired, &first);
  drain ();
  cw_host_queue_acquire_async (queue, HOST, 0, cancellable, acquired, &a);
  cw_host_queue_acquire_async (queue, "other.example.org", CW_HOST_QUEUE_MAX_GAP_MS, cancellable, acquired, &b);
  drain ();
  g_assert_true (b.granted);     /* a host never used: no pause */
  cw_host_queue_release (queue, "other.example.org");
  {
    Wait c = { 0 };

    cw_host_queue_acquire_async (queue, "other.example.org", CW_HOST_QUEUE_MAX_GAP_MS, cancellable,
                                 acquired, &c);
    drain ();
    g_assert_false (c.done);
    g_cancellable_cancel (cancellable);
    drain ();
    g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_error (c.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    wait_clear (&c);
  }
  cw_host_queue_release (queue, HOST);
  wait_clear (&a);
}

static gpointer
cancel_in_thread (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return NULL;
}

/* Cancelled from another thread: the line is changed on the queue's
 * thread only, and the answer comes there. */
static void
test_cancel_from_thread (void)
{
  g_autoptr (CwHostQueue) queue = cw_host_queue_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Wait first = { 0 }, second = { 0 };

  cw_host_queue_acquire_async (queue, HOST, 0, NULL, acquired, &first);
  drain ();
  cw_host_queue_acquire_async (queue, HOST, 0, cancellable, acquired, &second);
  drain ();
  g_thread_join (g_thread_new ("cancel", cancel_in_thread, cancellable));
  g_assert_false (second.done);
  drain ();
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  cw_host_queue_release (queue, HOST);
  wait_clear (&second);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/host-queue/cancel-while-busy", test_cancel_while_busy);
  g_test_add_func ("/host-queue/cancel-first-in-line", test_cancel_first_in_line);
  g_test_add_func ("/host-queue/cancelled-before", test_cancelled_before);
  g_test_add_func ("/host-queue/cancellable-outlives-queue", test_cancellable_outlives_queue);
  g_test_add_func ("/host-queue/queue-released-while-waiting", test_queue_released_while_waiting);
  g_test_add_func ("/host-queue/one-cancellable-two-waits", test_one_cancellable_two_waits);
  g_test_add_func ("/host-queue/cancel-from-thread", test_cancel_from_thread);
  return g_test_run ();
}
