/* cw-station-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-station-store"

#include "cw-station-store.h"

struct _CwStationStore
{
  GObject     parent_instance;

  GPtrArray  *items;    /* CwStation*, owned */
  GHashTable *by_key;   /* key → CwStation*, borrowed */
};

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
  return CW_STATION_STORE (model)->items->len;
}

static gpointer
cw_station_store_get_item (GListModel *model,
                           guint       position)
{
  CwStationStore *self = CW_STATION_STORE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
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

  g_hash_table_unref (self->by_key);
  g_ptr_array_unref (self->items);

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
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
}

CwStationStore *
cw_station_store_new (void)
{
  return g_object_new (CW_TYPE_STATION_STORE, NULL);
}

static char *
make_key (const char *source,
          const char *id)
{
  return g_strconcat (source, "\x1f", id, NULL);
}

/* Removes the items whose flag is set, emitting one items-changed per
 * contiguous run, from the end so positions stay right. */
static void
remove_flagged (CwStationStore *self,
                const guint8   *flags)
{
  guint i = self->items->len;

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
      for (guint j = start; j < end; j++)
        g_hash_table_remove (self->by_key,
                             cw_station_get_key (g_ptr_array_index (self->items, j)));
      g_ptr_array_remove_range (self->items, start, end - start);
      g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, 0);
    }
}

void
cw_station_store_merge (CwStationStore *self,
                        const char     *source,
                        GPtrArray      *stations,
                        gboolean        complete)
{
  g_autoptr (GHashTable) seen = NULL;
  guint old_len, added = 0, updated = 0;

  g_return_if_fail (CW_IS_STATION_STORE (self));
  g_return_if_fail (source != NULL);
  g_return_if_fail (stations != NULL);

  old_len = self->items->len;
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *incoming = g_ptr_array_index (stations, i);
      const char *key = cw_station_get_key (incoming);
      CwStation *existing;

      if (g_strcmp0 (incoming->source, source) != 0)
        {
          g_warning ("Station %s is from source %s, not %s; skipped",
                     incoming->id, incoming->source, source);
          continue;
        }

      existing = g_hash_table_lookup (self->by_key, key);
      if (existing != NULL)
        {
          if (cw_station_update_from (existing, incoming))
            updated++;
          g_hash_table_add (seen, (gpointer) cw_station_get_key (existing));
        }
      else
        {
          g_ptr_array_add (self->items, g_object_ref (incoming));
          g_hash_table_insert (self->by_key, (gpointer) key, incoming);
          g_hash_table_add (seen, (gpointer) key);
          added++;
        }
    }

  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, added);
  if (updated > 0)
    g_signal_emit (self, signals[STATIONS_UPDATED], 0, updated);

  if (complete)
    {
      g_autofree guint8 *flags = g_new0 (guint8, self->items->len + 1);
      gboolean any = FALSE;

      for (guint i = 0; i < self->items->len; i++)
        {
          CwStation *s = g_ptr_array_index (self->items, i);
          if (g_strcmp0 (s->source, source) == 0 &&
              !g_hash_table_contains (seen, cw_station_get_key (s)))
            flags[i] = any = TRUE;
        }
      if (any)
        remove_flagged (self, flags);
    }
}

gboolean
cw_station_store_remove (CwStationStore *self,
                         const char     *source,
                         const char     *id)
{
  g_autofree char *key = NULL;
  CwStation *station;
  guint pos;

  g_return_val_if_fail (CW_IS_STATION_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL && id != NULL, FALSE);

  key = make_key (source, id);
  station = g_hash_table_lookup (self->by_key, key);
  if (station == NULL || !g_ptr_array_find (self->items, station, &pos))
    return FALSE;

  g_hash_table_remove (self->by_key, key);
  g_ptr_array_remove_index (self->items, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
  return TRUE;
}

CwStation *
cw_station_store_lookup (CwStationStore *self,
                         const char     *source,
                         const char     *id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CW_IS_STATION_STORE (self), NULL);
  g_return_val_if_fail (source != NULL && id != NULL, NULL);

  key = make_key (source, id);
  return g_hash_table_lookup (self->by_key, key);
}

guint
cw_station_store_get_n_stations (CwStationStore *self)
{
  g_return_val_if_fail (CW_IS_STATION_STORE (self), 0);
  return self->items->len;
}

void
cw_station_store_clear (CwStationStore *self)
{
  guint n;

  g_return_if_fail (CW_IS_STATION_STORE (self));

  n = self->items->len;
  if (n == 0)
    return;
  g_hash_table_remove_all (self->by_key);
  g_ptr_array_set_size (self->items, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}
