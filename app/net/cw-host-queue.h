/* cw-host-queue.h: one request at a time per host, with a pause between
 *
 * Open feeds are read from servers that owe us nothing: Chargeway never
 * has two requests in flight to the same host, and keeps a pause (the
 * feed's request gap) between the end of one and the start of the next.
 * Several feeds on one host (smartcharging.uk serves three) share the
 * host's turn. A host that answered 429 gets its pause doubled (up to
 * ten minutes) until it answers normally again.
 *
 * Everything happens on the thread of the main context the queue was
 * first used on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CW_TYPE_HOST_QUEUE (cw_host_queue_get_type ())
G_DECLARE_FINAL_TYPE (CwHostQueue, cw_host_queue, CW, HOST_QUEUE, GObject)

#define CW_HOST_QUEUE_MAX_GAP_MS (10 * 60 * 1000)

CwHostQueue *cw_host_queue_new               (void);
/* The process's queue, shared by every feed client. Borrowed. */
CwHostQueue *cw_host_queue_get_default       (void);

/* Completes when @host is free and @gap_ms (times the host's slow-down)
 * has passed since its last request ended; the caller then owns the
 * host's turn and must hand it back with cw_host_queue_release (). A
 * cancelled wait gives up its place at once (from any thread) and is
 * answered G_IO_ERROR_CANCELLED on the queue's thread, owning nothing;
 * a turn already given stays owned. The wait holds the queue. */
void         cw_host_queue_acquire_async     (CwHostQueue         *self,
                                              const char          *host,
                                              guint                gap_ms,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     cw_host_queue_acquire_finish    (CwHostQueue         *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void         cw_host_queue_release           (CwHostQueue         *self,
                                              const char          *host);

/* 429: double the host's pause; a normal answer: back to the feed's own. */
void         cw_host_queue_slow_down         (CwHostQueue         *self,
                                              const char          *host);
void         cw_host_queue_recover           (CwHostQueue         *self,
                                              const char          *host);
/* The factor the host's pause is multiplied by (1: none). */
guint        cw_host_queue_get_slow_down     (CwHostQueue         *self,
                                              const char          *host);

G_END_DECLS
