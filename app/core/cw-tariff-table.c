/* cw-tariff-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-tariff-table"

#include "cw-tariff-table.h"

/* Entries in chunks of CHUNK_SIZE that never move, found from a fixed
 * array of chunk pointers: a lookup reads that array then the chunk,
 * while other threads add chunks under the lock. Handle 0 (the first
 * entry of the first chunk) is never given. */
#define CHUNK_BITS 10
#define CHUNK_SIZE (1u << CHUNK_BITS)
#define MAX_CHUNKS ((CW_TARIFF_HANDLE_MAX >> CHUNK_BITS) + 1)

typedef struct {
  CwTariff *tariff;             /* NULL when the entry is free */
  guint32   users;              /* connectors (or others) holding it */
  guint32   next_free;          /* when free: the next free handle, 0 ends */
} Entry;

static Entry      *chunks[MAX_CHUNKS];  /* 128 KiB of pointers, zero until used */
static guint       n_chunks;
static guint32     next_unused = 1;     /* handles from here on were never given */
static guint32     free_head;           /* released handles, last first */
static guint       n_live;
static GHashTable *handles;             /* CwTariff * → handle */
static GMutex      lock;

static inline Entry *
entry_of (guint32 handle)
{
  Entry *chunk = g_atomic_pointer_get (&chunks[handle >> CHUNK_BITS]);

  return &chunk[handle & (CHUNK_SIZE - 1)];
}

/* A free handle, its chunk made when new; 0 when all are used. Locked. */
static guint32
take_free_handle (void)
{
  guint32 handle;

  if (free_head != 0)
    {
      handle = free_head;
      free_head = entry_of (handle)->next_free;
      return handle;
    }
  if (next_unused > CW_TARIFF_HANDLE_MAX)
    return 0;
  handle = next_unused++;
  if ((handle >> CHUNK_BITS) >= n_chunks)
    {
      /* published whole: a reader sees no chunk or all of it */
      g_atomic_pointer_set (&chunks[n_chunks], g_new0 (Entry, CHUNK_SIZE));
      n_chunks++;
    }
  return handle;
}

guint32
cw_tariff_handle_acquire (CwTariff *tariff)
{
  static gboolean warned;
  guint32 handle;
  Entry *e;

  if (tariff == NULL)
    return 0;

  g_mutex_lock (&lock);
  if (handles == NULL)
    handles = g_hash_table_new (NULL, NULL);
  handle = GPOINTER_TO_UINT (g_hash_table_lookup (handles, tariff));
  if (handle != 0)
    {
      e = entry_of (handle);
      if (e->users == G_MAXUINT32)
        g_error ("a tariff held by more than %u connectors", G_MAXUINT32);
      e->users++;
    }
  else if ((handle = take_free_handle ()) != 0)
    {
      e = entry_of (handle);
      e->tariff = cw_tariff_ref (tariff);
      e->users = 1;
      e->next_free = 0;
      g_hash_table_insert (handles, tariff, GUINT_TO_POINTER (handle));
      n_live++;
    }
  else if (!warned)
    {
      warned = TRUE;
      g_warning ("More than %u different tariffs at once: the rest are left out", CW_TARIFF_HANDLE_MAX);
    }
  g_mutex_unlock (&lock);
  return handle;
}

guint32
cw_tariff_handle_hold (guint32 handle)
{
  Entry *e;

  if (handle == 0)
    return 0;

  g_mutex_lock (&lock);
  if (handle >= next_unused || (e = entry_of (handle))->users == 0)
    {
      g_mutex_unlock (&lock);
      g_critical ("%s: handle %u is not held", G_STRFUNC, handle);
      return 0;
    }
  if (e->users == G_MAXUINT32)
    g_error ("a tariff held by more than %u connectors", G_MAXUINT32);
  e->users++;
  g_mutex_unlock (&lock);
  return handle;
}

void
cw_tariff_handle_release (guint32 handle)
{
  CwTariff *gone = NULL;
  Entry *e;

  if (handle == 0)
    return;

  g_mutex_lock (&lock);
  if (handle >= next_unused || (e = entry_of (handle))->users == 0)
    {
      g_mutex_unlock (&lock);
      g_critical ("%s: handle %u is not held", G_STRFUNC, handle);
      return;
    }
  if (--e->users == 0)
    {
      gone = e->tariff;
      g_hash_table_remove (handles, gone);
      e->tariff = NULL;
      e->next_free = free_head;
      free_head = handle;
      n_live--;
    }
  g_mutex_unlock (&lock);
  /* the tariff's own free, outside the lock */
  if (gone != NULL)
    cw_tariff_unref (gone);
}

CwTariff *
cw_tariff_handle_lookup (guint32 handle)
{
  if (handle == 0)
    return NULL;
  g_return_val_if_fail (handle <= CW_TARIFF_HANDLE_MAX, NULL);

  return entry_of (handle)->tariff;
}

guint
cw_tariff_handle_get_n_users (guint32 handle)
{
  guint users;

  if (handle == 0)
    return 0;
  g_mutex_lock (&lock);
  users = handle < next_unused ? entry_of (handle)->users : 0;
  g_mutex_unlock (&lock);
  return users;
}

guint
cw_tariff_handles_get_n_live (void)
{
  guint n;

  g_mutex_lock (&lock);
  n = n_live;
  g_mutex_unlock (&lock);
  return n;
}
