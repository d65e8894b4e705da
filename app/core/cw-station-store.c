/* cw-station-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-station-store"

#include <string.h>

#include "cw-station-store.h"

struct _CwStationStore
{
  GObject     parent_instance;

  /* CwStation*, owned: an array grown by merges to what they need and
   * trimmed after them (a GPtrArray keeps a power of two). */
  CwStation **items;
  guint       n_items;
  guint       n_alloc;
  /* An open-addressing index by (source, id), linear probing: each slot
   * holds a position in items plus one in its low pos_bits bits (0 when
   * empty) and, in the bits above, a tag: the key hash's low bits. A
   * probe reads a station's strings only when the tags match, so a
   * fuller table costs little. Rebuilt whole when positions shift
   * (removals), which merges do at most once. */
  guint32    *slots;
  guint       capacity; /* slots: at most four fifths of them used */
  guint       pos_bits; /* bits of a slot for the position: those of capacity */
  gboolean    stale;    /* positions shifted and not yet reindexed */
};

/* Room for @n items at least; grows by half again, at least. */
static void
items_reserve (CwStationStore *self,
               guint           n)
{
  if (n <= self->n_alloc)
    return;
  self->n_alloc = MAX (n, self->n_alloc + self->n_alloc / 2);
  self->items = g_renew (CwStation *, self->items, self->n_alloc);
}

/* The exact room the items take. */
static void
items_trim (CwStationStore *self)
{
  if (self->n_alloc == self->n_items)
    return;
  self->n_alloc = self->n_items;
  self->items = g_renew (CwStation *, self->items, MAX (self->n_alloc, 1));
}

static void
items_remove (CwStationStore *self,
              guint           start,
              guint           n)
{
  if (n == 0)
    return;
  for (guint i = start; i < start + n; i++)
    g_object_unref (self->items[i]);
  memmove (self->items + start, self->items + start + n, (self->n_items - start - n) * sizeof (CwStation *));
  self->n_items -= n;
}

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CwStationStore, cw_station_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
cw_station_store_get_item_type (GListModel *model)
{
  return CW_TYPE_STATION;
}

static guint
cw_station_store_get_n_items (GListModel *model)
{
  return CW_STATION_STORE (model)->n_items;
}

static gpointer
cw_station_store_get_item (GListModel *model,
                           guint       position)
{
  CwStationStore *self = CW_STATION_STORE (model);

  if (position >= self->n_items)
    return NULL;
  return g_object_ref (self->items[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cw_station_store_get_item_type;
  iface->get_n_items = cw_station_store_get_n_items;
  iface->get_item = cw_station_store_get_item;
}

static void
cw_station_store_finalize (GObject *object)
{
  CwStationStore *self = CW_STATION_STORE (object);

  g_free (self->slots);
  items_remove (self, 0, self->n_items);
  g_free (self->items);

  G_OBJECT_CLASS (cw_station_store_parent_class)->finalize (object);
}

enum {
  STATIONS_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cw_station_store_class_init (CwStationStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_station_store_finalize;

  /**
   * CwStationStore::stations-updated:
   * @n_updated: how many stations changed in place
   *
   * Emitted once per merge that changed stations in place (each also
   * emitted its own "changed"). Positions did not move, so there is no
   * items-changed for them: views redraw, lists keep their rows.
   */
  signals[STATIONS_UPDATED] = g_signal_new ("stations-updated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
cw_station_store_init (CwStationStore *self)
{

}

CwStationStore *
cw_station_store_new (void)
{
  return g_object_new (CW_TYPE_STATION_STORE, NULL);
}

static guint
key_hash (const char *source,
          const char *id)
{
  /* FNV-1a over source, a separator and id. */
  guint32 h = 2166136261u;

  for (const guchar *p = (const guchar *) source; *p; p++)
    h = (h ^ *p) * 16777619u;
  h = (h ^ 0x1f) * 16777619u;
  for (const guchar *p = (const guchar *) id; *p; p++)
    h = (h ^ *p) * 16777619u;
  /* Spread the bits. */
  h ^= h >> 15;
  h *= 0x2c1b3c6du;
  h ^= h >> 12;
  return h;
}

/* The mask of a slot's position bits. */
static inline guint32
slot_pos_mask (CwStationStore *self)
{
  return self->pos_bits >= 32 ? G_MAXUINT32 : ((guint32) 1 << self->pos_bits) - 1;
}

/* The tag of hash @h, in place above the position bits (0 when none fit). */
static inline guint32
slot_tag (CwStationStore *self,
          guint32         h)
{
  return self->pos_bits >= 32 ? 0 : h << self->pos_bits;
}

/* A slot's position in items; the slot is not empty. */
static inline guint
slot_pos (CwStationStore *self,
          guint32         slot)
{
  return (slot & slot_pos_mask (self)) - 1;
}

/* The slot of (source, id) whose key hashes to @h, or of the empty slot
 * it would take. */
static guint
find_slot (CwStationStore *self,
           guint32         h,
           const char     *source,
           const char     *id)
{
  /* the hash's place in [0, capacity): multiply, keep the high bits */
  guint i = (guint) (((guint64) h * self->capacity) >> 32);
  guint32 mask = slot_pos_mask (self), tag = slot_tag (self, h);

  while (self->slots[i] != 0)
    {
      if ((self->slots[i] & ~mask) == tag)
        {
          CwStation *s = self->items[(self->slots[i] & mask) - 1];

          if (strcmp (cw_station_get_id (s), id) == 0 && strcmp (cw_station_get_source (s), source) == 0)
            break;
        }
      if (++i == self->capacity)
        i = 0;
    }
  return i;
}

/* Sets the empty slot @i to the item at @pos whose key hashes to @h. */
static inline void
slot_set (CwStationStore *self,
          guint           i,
          guint32         h,
          guint           pos)
{
  self->slots[i] = slot_tag (self, h) | (pos + 1);
}

/* Position of (source, id) in items, or -1. */
static gint64
find_position (CwStationStore *self,
               const char     *source,
               const char     *id)
{
  guint i;

  if (self->stale)
    {
      /* Only while removals are being announced: a plain scan. */
      for (guint pos = 0; pos < self->n_items; pos++)
        {
          CwStation *s = self->items[pos];

          if (strcmp (cw_station_get_id (s), id) == 0 && strcmp (cw_station_get_source (s), source) == 0)
            return pos;
        }
      return -1;
    }
  if (self->capacity == 0)
    return -1;
  i = find_slot (self, key_hash (source, id), source, id);
  return self->slots[i] != 0 ? (gint64) slot_pos (self, self->slots[i]) : -1;
}

static void
index_rebuild (CwStationStore *self,
               guint           for_items)
{
  /* a quarter more than the items: at most four fifths used */
  guint capacity = (guint) MIN (G_MAXUINT32, MAX (16, (guint64) for_items + for_items / 4 + 1));
  if (capacity != self->capacity)
    {
      g_free (self->slots);
      self->slots = g_new0 (guint32, capacity);
      self->capacity = capacity;
      self->pos_bits = g_bit_storage (capacity);
    }
  else
    memset (self->slots, 0, capacity * sizeof (guint32));
  self->stale = FALSE;
  for (guint pos = 0; pos < self->n_items; pos++)
    {
      CwStation *s = self->items[pos];
      const char *source = cw_station_get_source (s), *id = cw_station_get_id (s);
      guint32 h = key_hash (source, id);

      slot_set (self, find_slot (self, h, source, id), h, pos);
    }
}

/* Into an empty store: every station appended, the index built as it
 * goes with each key hashed once (first, in a pass of its own, so that
 * the slots can be fetched ahead), and a probe compares the slots' hash tags
 * before it reads a station's strings. A key met twice updates the
 * station taken first, as a merge does. */
#define PREFETCH_AHEAD 16

static guint
merge_into_empty (CwStationStore *self,
                  const char     *source,
                  GPtrArray      *stations,
                  guint          *updated)
{
  guint n = stations->len;
  g_autofree guint32 *incoming_hash = g_new (guint32, n + 1);
  g_autofree guint8 *skip = g_new0 (guint8, n + 1);

  index_rebuild (self, n);
  items_reserve (self, n);
  for (guint i = 0; i < n; i++)
    {
      CwStation *incoming = g_ptr_array_index (stations, i);

#if defined(__GNUC__)
      /* The stations were made in another thread: not in this cache. */
      if (i + 2 * PREFETCH_AHEAD < n)
        __builtin_prefetch (g_ptr_array_index (stations, i + 2 * PREFETCH_AHEAD));
      if (i + PREFETCH_AHEAD < n)
        __builtin_prefetch (((CwStation *) g_ptr_array_index (stations, i + PREFETCH_AHEAD))->evses);
#endif
      if (g_strcmp0 (cw_station_get_source (incoming), source) != 0)
        {
          g_warning ("Station %s is from source %s, not %s; skipped",
                     cw_station_get_id (incoming), cw_station_get_source (incoming), source);
          skip[i] = TRUE;
          incoming_hash[i] = 0;
          continue;
        }
      incoming_hash[i] = key_hash (source, cw_station_get_id (incoming));
    }

  for (guint i = 0; i < n; i++)
    {
      CwStation *incoming = g_ptr_array_index (stations, i);
      guint32 h = incoming_hash[i];
      guint slot;

#if defined(__GNUC__)
      if (i + PREFETCH_AHEAD < n)
        __builtin_prefetch (&self->slots[((guint64) incoming_hash[i + PREFETCH_AHEAD] * self->capacity) >> 32]);
#endif
      if (skip[i])
        continue;
      /* as find_slot (); one source here */
      for (slot = (guint) (((guint64) h * self->capacity) >> 32); self->slots[slot] != 0;
           slot = slot + 1 == self->capacity ? 0 : slot + 1)
        {
          guint pos = slot_pos (self, self->slots[slot]);

          if ((self->slots[slot] & ~slot_pos_mask (self)) == slot_tag (self, h)
              && strcmp (cw_station_get_id (self->items[pos]), cw_station_get_id (incoming)) == 0)
            break;
        }
      if (self->slots[slot] != 0)
        {
          if (cw_station_update_from (self->items[slot_pos (self, self->slots[slot])], incoming))
            (*updated)++;
          continue;
        }
      slot_set (self, slot, h, self->n_items);
      self->items[self->n_items++] = g_object_ref (incoming);
    }
  items_trim (self);
  return self->n_items;
}

/* Indexes the item just appended at the end. */
static void
index_add_last (CwStationStore *self)
{
  CwStation *s;
  const char *source, *id;
  guint32 h;

  if (5 * (guint64) self->n_items > 4 * (guint64) self->capacity)
    {
      /* room for twice as many: adding one by one stays amortised O(1) */
      index_rebuild (self, 2 * self->n_items);
      return;
    }
  s = self->items[self->n_items - 1];
  source = cw_station_get_source (s);
  id = cw_station_get_id (s);
  h = key_hash (source, id);
  slot_set (self, find_slot (self, h, source, id), h, self->n_items - 1);
}

/* Removes the items whose flag is set, emitting one items-changed per
 * contiguous run, from the end so positions stay right. */
static void
remove_flagged (CwStationStore *self,
                const guint8   *flags)
{
  guint i = self->n_items;

  while (i > 0)
    {
      guint end, start;

      if (!flags[i - 1])
        {
          i--;
          continue;
        }
      end = i;
      while (i > 0 && flags[i - 1])
        i--;
      start = i;
      self->stale = TRUE;
      items_remove (self, start, end - start);
      g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, 0);
    }
}

void
cw_station_store_merge (CwStationStore *self,
                        const char     *source,
                        GPtrArray      *stations,
                        gboolean        complete)
{
  g_autofree guint8 *seen = NULL;   /* by position */
  guint old_len, added = 0, updated = 0;

  g_return_if_fail (CW_IS_STATION_STORE (self));
  g_return_if_fail (source != NULL);
  g_return_if_fail (stations != NULL);

  old_len = self->n_items;
  if (old_len == 0)
    {
      /* The first load (a cache, a first sync): nothing to remove. */
      added = merge_into_empty (self, source, stations, &updated);
      if (added > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, added);
      if (updated > 0)
        g_signal_emit (self, signals[STATIONS_UPDATED], 0, updated);
      return;
    }
  seen = g_new0 (guint8, old_len + stations->len + 1);
  items_reserve (self, old_len + stations->len);
  /* Room for all of them at once: one rebuild at most. */
  if (5 * (guint64) (old_len + stations->len) > 4 * (guint64) self->capacity)
    index_rebuild (self, old_len + stations->len);

  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *incoming = g_ptr_array_index (stations, i);
      gint64 pos;

      if (g_strcmp0 (cw_station_get_source (incoming), source) != 0)
        {
          g_warning ("Station %s is from source %s, not %s; skipped",
                     cw_station_get_id (incoming), cw_station_get_source (incoming), source);
          continue;
        }

      pos = find_position (self, cw_station_get_source (incoming), cw_station_get_id (incoming));
      if (pos >= 0)
        {
          if (cw_station_update_from (self->items[pos], incoming))
            updated++;
          seen[pos] = TRUE;
        }
      else
        {
          items_reserve (self, self->n_items + 1);
          self->items[self->n_items++] = g_object_ref (incoming);
          index_add_last (self);
          seen[self->n_items - 1] = TRUE;
          added++;
        }
    }

  items_trim (self);
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, added);
  if (updated > 0)
    g_signal_emit (self, signals[STATIONS_UPDATED], 0, updated);

  if (complete)
    {
      g_autofree guint8 *flags = g_new0 (guint8, self->n_items + 1);
      gboolean any = FALSE;

      /* Handlers of the signals above may not change the store. */
      for (guint i = 0; i < self->n_items; i++)
        {
          CwStation *s = self->items[i];
          if (g_strcmp0 (cw_station_get_source (s), source) == 0 && !seen[i])
            flags[i] = any = TRUE;
        }
      if (any)
        {
          remove_flagged (self, flags);
          index_rebuild (self, self->n_items);
          items_trim (self);
        }
    }
}

gboolean
cw_station_store_remove (CwStationStore *self,
                         const char     *source,
                         const char     *id)
{
  gint64 pos;

  g_return_val_if_fail (CW_IS_STATION_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL && id != NULL, FALSE);

  pos = find_position (self, source, id);
  if (pos < 0)
    return FALSE;

  items_remove (self, pos, 1);
  index_rebuild (self, self->n_items);

  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
  return TRUE;
}

guint
cw_station_store_remove_ids (CwStationStore *self,
                             const char     *source,
                             GPtrArray      *ids)
{
  g_autofree guint8 *flags = NULL;
  guint n = 0;

  g_return_val_if_fail (CW_IS_STATION_STORE (self), 0);
  g_return_val_if_fail (source != NULL && ids != NULL, 0);

  flags = g_new0 (guint8, self->n_items + 1);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 pos = find_position (self, source, g_ptr_array_index (ids, i));

      if (pos >= 0 && !flags[pos])
        {
          flags[pos] = TRUE;
          n++;
        }
    }
  if (n == 0)
    return 0;
  remove_flagged (self, flags);
  index_rebuild (self, self->n_items);
  items_trim (self);
  return n;
}

CwStation *
cw_station_store_lookup (CwStationStore *self,
                         const char     *source,
                         const char     *id)
{
  gint64 pos;

  g_return_val_if_fail (CW_IS_STATION_STORE (self), NULL);
  g_return_val_if_fail (source != NULL && id != NULL, NULL);

  pos = find_position (self, source, id);
  return pos >= 0 ? self->items[pos] : NULL;
}

guint
cw_station_store_get_n_stations (CwStationStore *self)
{
  g_return_val_if_fail (CW_IS_STATION_STORE (self), 0);
  return self->n_items;
}

void
cw_station_store_clear (CwStationStore *self)
{
  guint n;

  g_return_if_fail (CW_IS_STATION_STORE (self));

  n = self->n_items;
  if (n == 0)
    return;
  items_remove (self, 0, self->n_items);
  index_rebuild (self, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}

gsize
cw_station_store_get_memory (CwStationStore *self)
{
  g_return_val_if_fail (CW_IS_STATION_STORE (self), 0);

  return sizeof *self + self->n_alloc * sizeof (gpointer) + self->capacity * sizeof (guint32);
}
