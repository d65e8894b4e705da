/* cw-station.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-station"

#include <malloc.h>
#include <string.h>

#include "cw-station.h"


enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GQuark key_quark;

G_DEFINE_FINAL_TYPE (CwStation, cw_station, G_TYPE_OBJECT)

/* a station costs no more than this; GSlice rounds to 16 */
G_STATIC_ASSERT (sizeof (CwStation) <= 80);

CwConnector *
cw_connector_new (void)
{
  return g_new0 (CwConnector, 1);
}

/* Frees what @connector owns, not @connector. */
static void
connector_clear (CwConnector *connector)
{
  g_free (connector->id);
  g_free (connector->standard_label);
  g_strfreev (connector->tariff_ids);
  g_clear_pointer (&connector->tariff, cw_tariff_unref);
}

static void
connector_copy_into (CwConnector       *copy,
                     const CwConnector *c)
{
  *copy = *c;
  copy->id = g_strdup (c->id);
  copy->standard_label = g_strdup (c->standard_label);
  copy->tariff_ids = g_strdupv (c->tariff_ids);
  copy->tariff = c->tariff ? cw_tariff_ref (c->tariff) : NULL;
}

void
cw_connector_free (CwConnector *connector)
{
  if (connector == NULL)
    return;
  connector_clear (connector);
  g_free (connector);
}

CwConnector *
cw_connector_copy (const CwConnector *c)
{
  CwConnector *copy = g_new (CwConnector, 1);

  connector_copy_into (copy, c);
  return copy;
}

CwEvse *
cw_evse_new (void)
{
  CwEvse *evse = g_new0 (CwEvse, 1);

  evse->quantity = 1;
  return evse;
}

/* Frees the strings of @evse and its connectors, not the connectors'
 * storage: a station's block holds it. */
static void
evse_clear_strings (CwEvse *evse)
{
  g_free (evse->uid);
  g_free (evse->evse_id);
  for (guint i = 0; i < evse->n_connectors; i++)
    connector_clear (&evse->connectors[i]);
}

CwEvse *
cw_evse_copy (const CwEvse *e)
{
  CwEvse *copy = cw_evse_new ();

  *copy = *e;
  copy->uid = g_strdup (e->uid);
  copy->evse_id = g_strdup (e->evse_id);
  copy->connectors = e->n_connectors ? g_new (CwConnector, e->n_connectors) : NULL;
  for (guint i = 0; i < e->n_connectors; i++)
    connector_copy_into (&copy->connectors[i], &e->connectors[i]);
  return copy;
}

/* Only for an EVSE of cw_evse_new () or cw_evse_copy (). */
void
cw_evse_free (CwEvse *evse)
{
  if (evse == NULL)
    return;
  evse_clear_strings (evse);
  g_free (evse->connectors);
  g_free (evse);
}

gboolean
cw_evse_take_connector (CwEvse      *evse,
                        CwConnector *connector)
{
  g_return_val_if_fail (evse != NULL, FALSE);
  g_return_val_if_fail (connector != NULL, FALSE);

  if (evse->n_connectors >= CW_EVSE_MAX_CONNECTORS)
    {
      cw_connector_free (connector);
      return FALSE;
    }
  /* Doubling (at 1, 2, 4, …): amortised O(1) however many a hostile
   * feed sends; the station's block keeps them at their exact size. */
  if ((evse->n_connectors & (evse->n_connectors - 1)) == 0)
    evse->connectors = g_renew (CwConnector, evse->connectors, MAX (1, evse->n_connectors * 2));
  evse->connectors[evse->n_connectors++] = *connector;
  g_free (connector);
  return TRUE;
}

/* ---- the block of EVSEs and connectors ---- */

static guint
count_connectors (const CwEvse *evses,
                  guint         n)
{
  guint total = 0;

  for (guint i = 0; i < n; i++)
    total += evses[i].n_connectors;
  return total;
}

/* ---- the station's text: a 16-bit mask of the strings present, then
 * each present one with its NUL, in CwStationString order ---- */

#define MASK_SIZE sizeof (guint16)

static inline guint16
text_mask (const char *text)
{
  guint16 mask;

  if (text == NULL)
    return 0;
  memcpy (&mask, text, MASK_SIZE);
  return mask;
}

/* Where the text starts: after the EVSEs and their connectors; NULL
 * when the station has no block. */
static inline const char *
text_of (const CwStation *self)
{
  const CwEvse *last;

  if (self->evses == NULL)
    return NULL;
  if (self->n_evses == 0)
    return (const char *) self->evses;
  last = &self->evses[self->n_evses - 1];
  return (const char *) (last->connectors + last->n_connectors);
}

static const char *
text_get (const char      *text,
          CwStationString  which)
{
  guint16 mask = text_mask (text);
  const char *p;

  if (!(mask & (1u << which)))
    return NULL;
  p = text + MASK_SIZE;
  for (guint k = 0; k < which; k++)
    if (mask & (1u << k))
      p += strlen (p) + 1;
  return p;
}

/* Bytes of @text, its mask included; 0 for none. */
static gsize
text_size (const char *text)
{
  guint16 mask = text_mask (text);
  const char *p;

  if (text == NULL)
    return 0;
  p = text + MASK_SIZE;
  for (guint k = 0; k < CW_N_STATION_STRINGS; k++)
    if (mask & (1u << k))
      p += strlen (p) + 1;
  return p - text;
}

/* A new text of @values (CW_N_STATION_STRINGS, NULL for none). */
static char *
text_new (const char **values,
          gsize       *size)
{
  gsize lens[CW_N_STATION_STRINGS];
  gsize total = MASK_SIZE;
  guint16 mask = 0;
  char *text, *p;

  for (guint k = 0; k < CW_N_STATION_STRINGS; k++)
    {
      lens[k] = values[k] != NULL ? strlen (values[k]) + 1 : 0;
      if (values[k] != NULL)
        mask |= 1u << k;
      total += lens[k];
    }
  text = g_malloc (total);
  memcpy (text, &mask, MASK_SIZE);
  p = text + MASK_SIZE;
  for (guint k = 0; k < CW_N_STATION_STRINGS; k++)
    if (values[k] != NULL)
      {
        memcpy (p, values[k], lens[k]);
        p += lens[k];
      }
  *size = total;
  return text;
}

/* One allocation: the EVSEs, then all their connectors, then @text
 * (@text_len bytes; an empty mask when 0). @evses are moved (shallow)
 * or, with @deep, copied. Every EVSE's connectors point into the block,
 * past the end of the last one's when it has none. */
static CwEvse *
block_new (const CwEvse *evses,
           guint         n,
           const CwEvse *extra,
           gboolean      deep,
           const char   *text,
           gsize         text_len)
{
  static const char no_text[MASK_SIZE] = { 0 };
  guint n_all = n + (extra != NULL);
  guint n_conn = count_connectors (evses, n) + (extra ? extra->n_connectors : 0);
  CwEvse *block;
  CwConnector *next;

  if (text == NULL || text_len == 0)
    {
      text = no_text;
      text_len = MASK_SIZE;
    }
  block = g_malloc (n_all * sizeof (CwEvse) + n_conn * sizeof (CwConnector) + text_len);
  next = (CwConnector *) (block + n_all);
  for (guint i = 0; i < n_all; i++)
    {
      const CwEvse *from = i < n ? &evses[i] : extra;

      block[i] = *from;
      block[i].connectors = next;
      if (deep)
        {
          block[i].uid = g_strdup (from->uid);
          block[i].evse_id = g_strdup (from->evse_id);
          for (guint j = 0; j < from->n_connectors; j++)
            connector_copy_into (&next[j], &from->connectors[j]);
        }
      else if (from->n_connectors > 0)
        memcpy (next, from->connectors, from->n_connectors * sizeof (CwConnector));
      next += from->n_connectors;
    }
  memcpy (next, text, text_len);
  return block;
}

/* Replaces the block with one of the station's EVSEs (moved) and @text. */
static void
replace_text (CwStation  *self,
              const char *text,
              gsize       text_len)
{
  CwEvse *block = block_new (self->evses, self->n_evses, NULL, FALSE, text, text_len);

  g_free (self->evses);
  self->evses = block;
}

const char *
cw_station_get_string (CwStation       *self,
                       CwStationString  which)
{
  g_return_val_if_fail (CW_IS_STATION (self), NULL);
  g_return_val_if_fail (which < CW_N_STATION_STRINGS, NULL);

  return text_get (text_of (self), which);
}

void
cw_station_set_strings (CwStation   *self,
                        const char **values)
{
  g_autofree char *text = NULL;
  gsize size;

  g_return_if_fail (CW_IS_STATION (self));

  text = text_new (values, &size);
  replace_text (self, text, size);
}

void
cw_station_set_string (CwStation       *self,
                       CwStationString  which,
                       const char      *value)
{
  const char *values[CW_N_STATION_STRINGS];
  const char *text;

  g_return_if_fail (CW_IS_STATION (self));
  g_return_if_fail (which < CW_N_STATION_STRINGS);

  /* @value may be one of ours: the new text is made before the old goes. */
  text = text_of (self);
  for (guint k = 0; k < CW_N_STATION_STRINGS; k++)
    values[k] = k == which ? value : text_get (text, k);
  cw_station_set_strings (self, values);
}

void
cw_station_take_string (CwStation       *self,
                        CwStationString  which,
                        char            *value)
{
  cw_station_set_string (self, which, value);
  g_free (value);
}

gboolean
cw_station_take_evse (CwStation *self,
                      CwEvse    *evse)
{
  CwEvse *block;

  g_return_val_if_fail (CW_IS_STATION (self), FALSE);
  g_return_val_if_fail (evse != NULL, FALSE);

  if (self->n_evses >= CW_STATION_MAX_EVSES)
    {
      cw_evse_free (evse);
      return FALSE;
    }
  block = block_new (self->evses, self->n_evses, evse, FALSE, text_of (self), text_size (text_of (self)));
  g_free (self->evses);
  self->evses = block;
  self->n_evses++;
  g_free (evse->connectors);
  g_free (evse);
  return TRUE;
}

void
cw_station_set_evses (CwStation *self,
                      CwEvse    *evses,
                      guint      n_evses)
{
  CwEvse *block;

  g_return_if_fail (CW_IS_STATION (self));
  g_return_if_fail (n_evses <= CW_STATION_MAX_EVSES);

  block = block_new (evses, n_evses, NULL, FALSE, text_of (self), text_size (text_of (self)));
  for (guint i = 0; i < n_evses; i++)
    g_free (evses[i].connectors);
  g_free (evses);
  for (guint i = 0; i < self->n_evses; i++)
    evse_clear_strings (&self->evses[i]);
  g_free (self->evses);
  self->evses = block;
  self->n_evses = n_evses;
}

static void
evse_clear (CwEvse *evse)
{
  evse_clear_strings (evse);
  g_free (evse->connectors);
}

GArray *
cw_evse_list_new (void)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (CwEvse));

  g_array_set_clear_func (list, (GDestroyNotify) evse_clear);
  return list;
}

gboolean
cw_evse_list_take (GArray *list,
                   CwEvse *evse)
{
  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (evse != NULL, FALSE);

  if (list->len >= CW_STATION_MAX_EVSES)
    {
      cw_evse_free (evse);
      return FALSE;
    }
  g_array_append_vals (list, evse, 1);
  g_free (evse);
  return TRUE;
}

void
cw_station_take_evses (CwStation *self,
                       GArray    *list)
{
  gsize n = 0;
  CwEvse *evses;

  g_return_if_fail (CW_IS_STATION (self));
  g_return_if_fail (list != NULL);

  evses = g_array_steal (list, &n);
  cw_station_set_evses (self, evses, (guint) n);
}

void
cw_station_clear_evses (CwStation *self)
{
  CwEvse *block;

  g_return_if_fail (CW_IS_STATION (self));

  for (guint i = 0; i < self->n_evses; i++)
    evse_clear_strings (&self->evses[i]);
  /* the strings stay */
  block = self->evses != NULL ? block_new (NULL, 0, NULL, FALSE, text_of (self), text_size (text_of (self))) : NULL;
  g_free (self->evses);
  self->evses = block;
  self->n_evses = 0;
}

static void
cw_station_finalize (GObject *object)
{
  CwStation *self = CW_STATION (object);

  g_clear_pointer (&self->opening_hours, cw_opening_hours_free);
  for (guint i = 0; i < self->n_evses; i++)
    evse_clear_strings (&self->evses[i]);
  g_clear_pointer (&self->evses, g_free);
  self->n_evses = 0;

  G_OBJECT_CLASS (cw_station_parent_class)->finalize (object);
}

static void
cw_station_class_init (CwStationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_station_finalize;

  /**
   * CwStation::changed:
   *
   * Emitted when a refresh changed the station's data in place.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  key_quark = g_quark_from_static_string ("cw-station-key");
}

static void
cw_station_init (CwStation *self)
{
  self->is_public = TRUE;
}

CwStation *
cw_station_new (const char *source,
                const char *id)
{
  CwStation *self = g_object_new (CW_TYPE_STATION, NULL);

  self->source = g_intern_string (source ? source : "");
  cw_station_set_string (self, CW_STATION_ID, id ? id : "");
  return self;
}

const char *
cw_station_get_key (CwStation *self)
{
  char *key;

  g_return_val_if_fail (CW_IS_STATION (self), NULL);

  key = g_object_get_qdata (G_OBJECT (self), key_quark);
  if (key == NULL)
    {
      key = g_strconcat (self->source, "\x1f", cw_station_get_id (self), NULL);
      g_object_set_qdata_full (G_OBJECT (self), key_quark, key, g_free);
    }
  return key;
}

gboolean
cw_station_has_facility (CwStation  *self,
                         CwFacility  facility)
{
  g_return_val_if_fail (CW_IS_STATION (self), FALSE);
  return (self->facilities & CW_FACILITY_BIT (facility)) != 0;
}

CwAvailability
cw_station_get_availability (CwStation *self)
{
  gboolean any_busy = FALSE, any_broken = FALSE;

  g_return_val_if_fail (CW_IS_STATION (self), CW_AVAILABILITY_UNKNOWN);

  for (guint i = 0; i < self->n_evses; i++)
    {
      const CwEvse *evse = &self->evses[i];

      switch (cw_evse_status_availability (evse->status))
        {
        case CW_AVAILABILITY_AVAILABLE:
          return CW_AVAILABILITY_AVAILABLE;
        case CW_AVAILABILITY_BUSY:
          any_busy = TRUE;
          break;
        case CW_AVAILABILITY_OUT_OF_ORDER:
          any_broken = TRUE;
          break;
        case CW_AVAILABILITY_UNKNOWN:
        case CW_N_AVAILABILITIES:
        default:
          break;
        }
    }

  if (any_busy)
    return CW_AVAILABILITY_BUSY;
  /* Only call a station out of order when every EVSE says so. */
  for (guint i = 0; any_broken && i < self->n_evses; i++)
    {
      const CwEvse *evse = &self->evses[i];
      if (evse->status == CW_EVSE_STATUS_UNKNOWN)
        return CW_AVAILABILITY_UNKNOWN;
    }
  return any_broken ? CW_AVAILABILITY_OUT_OF_ORDER : CW_AVAILABILITY_UNKNOWN;
}

guint
cw_station_count_evses (CwStation *self)
{
  guint n = 0;

  g_return_val_if_fail (CW_IS_STATION (self), 0);

  for (guint i = 0; i < self->n_evses; i++)
    n += ((const CwEvse *) &self->evses[i])->quantity;
  return n;
}

guint
cw_station_count_available (CwStation *self)
{
  guint n = 0;

  g_return_val_if_fail (CW_IS_STATION (self), 0);

  for (guint i = 0; i < self->n_evses; i++)
    {
      const CwEvse *evse = &self->evses[i];
      if (evse->status == CW_EVSE_STATUS_AVAILABLE)
        n += evse->quantity;
    }
  return n;
}

double
cw_station_get_max_power_kw (CwStation *self)
{
  double max = 0;

  g_return_val_if_fail (CW_IS_STATION (self), 0);

  for (guint i = 0; i < self->n_evses; i++)
    {
      const CwEvse *evse = &self->evses[i];
      for (guint j = 0; j < evse->n_connectors; j++)
        {
          const CwConnector *c = &evse->connectors[j];
          max = MAX (max, c->max_power_kw);
        }
    }
  return max;
}

guint64
cw_station_get_standards (CwStation *self)
{
  guint64 mask = 0;

  g_return_val_if_fail (CW_IS_STATION (self), 0);

  for (guint i = 0; i < self->n_evses; i++)
    {
      const CwEvse *evse = &self->evses[i];
      for (guint j = 0; j < evse->n_connectors; j++)
        {
          const CwConnector *c = &evse->connectors[j];
          mask |= G_GUINT64_CONSTANT (1) << c->standard;
        }
    }
  return mask;
}

CwCategory
cw_station_get_category (CwStation *self)
{
  static const struct { CwFacility facility; CwCategory category; } order[] = {
    { CW_FACILITY_HOTEL, CW_CATEGORY_HOTEL },
    { CW_FACILITY_MALL, CW_CATEGORY_MALL },
    { CW_FACILITY_RESTAURANT, CW_CATEGORY_RESTAURANT },
    { CW_FACILITY_CAFE, CW_CATEGORY_CAFE },
    { CW_FACILITY_SUPERMARKET, CW_CATEGORY_SUPERMARKET },
  };

  g_return_val_if_fail (CW_IS_STATION (self), CW_CATEGORY_NONE);

  /* A motorway stop is what a driver recognises first. */
  if (self->parking_type == CW_PARKING_TYPE_ALONG_MOTORWAY)
    return CW_CATEGORY_MOTORWAY;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (cw_station_has_facility (self, order[i].facility))
      return order[i].category;
  return CW_CATEGORY_NONE;
}

gint64
cw_station_get_status_time (CwStation *self)
{
  gint64 t;

  g_return_val_if_fail (CW_IS_STATION (self), 0);

  t = self->last_updated;
  for (guint i = 0; i < self->n_evses; i++)
    t = MAX (t, ((const CwEvse *) &self->evses[i])->last_updated);
  return t;
}

static gboolean
evses_equal (const CwEvse *a,
             guint         na,
             const CwEvse *b,
             guint         nb)
{
  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      const CwEvse *ea = &a[i];
      const CwEvse *eb = &b[i];

      if (ea->status != eb->status || ea->last_updated != eb->last_updated ||
          ea->quantity != eb->quantity ||
          g_strcmp0 (ea->uid, eb->uid) != 0 || g_strcmp0 (ea->evse_id, eb->evse_id) != 0 ||
          ea->n_connectors != eb->n_connectors)
        return FALSE;
      for (guint j = 0; j < ea->n_connectors; j++)
        {
          const CwConnector *ca = &ea->connectors[j];
          const CwConnector *cb = &eb->connectors[j];

          if (ca->standard != cb->standard || ca->power_type != cb->power_type ||
              ca->max_power_kw != cb->max_power_kw || ca->tariff != cb->tariff ||
              !g_strv_equal ((const char * const *) (ca->tariff_ids ? ca->tariff_ids : (char *[]) { NULL }),
                             (const char * const *) (cb->tariff_ids ? cb->tariff_ids : (char *[]) { NULL })))
            return FALSE;
        }
    }
  return TRUE;
}

#define TAKE_VAL(field)                                    \
  G_STMT_START {                                           \
    if (self->field != other->field)                       \
      {                                                    \
        self->field = other->field;                        \
        changed = TRUE;                                    \
      }                                                    \
  } G_STMT_END

gboolean
cw_station_update_from (CwStation *self,
                        CwStation *other)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (CW_IS_STATION (self), FALSE);
  g_return_val_if_fail (CW_IS_STATION (other), FALSE);

  /* the same key: the id is the same, and the text compares whole */
  if (text_size (text_of (self)) != text_size (text_of (other)) ||
      memcmp (text_of (self), text_of (other), text_size (text_of (self))) != 0)
    {
      replace_text (self, text_of (other), text_size (text_of (other)));
      changed = TRUE;
    }
  TAKE_VAL (latitude);
  TAKE_VAL (longitude);
  TAKE_VAL (parking_type);
  TAKE_VAL (facilities);
  TAKE_VAL (twentyfourseven);
  if (!cw_opening_hours_equal (self->opening_hours, other->opening_hours))
    {
      g_clear_pointer (&self->opening_hours, cw_opening_hours_free);
      if (other->opening_hours != NULL)
        self->opening_hours = cw_opening_hours_copy (other->opening_hours);
      changed = TRUE;
    }
  TAKE_VAL (is_public);
  TAKE_VAL (last_updated);

  /* @other is left as it was: it may be shared (a provider's cache). */
  if (!evses_equal (self->evses, self->n_evses, other->evses, other->n_evses))
    {
      CwEvse *block = block_new (other->evses, other->n_evses, NULL, TRUE,
                                 text_of (self), text_size (text_of (self)));

      for (guint i = 0; i < self->n_evses; i++)
        evse_clear_strings (&self->evses[i]);
      g_free (self->evses);
      self->evses = block;
      self->n_evses = other->n_evses;
      changed = TRUE;
    }

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
  return changed;
}

#undef TAKE_VAL

void
cw_station_resolve_tariffs (CwStation  *self,
                            GHashTable *tariffs)
{
  g_return_if_fail (CW_IS_STATION (self));

  if (tariffs == NULL)
    return;

  for (guint i = 0; i < self->n_evses; i++)
    {
      CwEvse *evse = &self->evses[i];
      for (guint j = 0; j < evse->n_connectors; j++)
        {
          CwConnector *c = &evse->connectors[j];
          for (guint k = 0; c->tariff_ids && c->tariff_ids[k]; k++)
            {
              CwTariff *t = g_hash_table_lookup (tariffs, c->tariff_ids[k]);
              if (t != NULL)
                {
                  g_clear_pointer (&c->tariff, cw_tariff_unref);
                  c->tariff = cw_tariff_ref (t);
                  break;
                }
            }
        }
    }
}

/* ---- memory ---- */

gsize
cw_heap_block_size (gconstpointer p)
{
  return p != NULL ? malloc_usable_size ((gpointer) p) + sizeof (gsize) : 0;
}

/* A string in a block of its own: its text, and the rest of the block. */
static void
add_string (const char      *s,
            CwStationMemory *m)
{
  gsize len;

  if (s == NULL)
    return;
  len = strlen (s) + 1;
  m->text += len;
  m->string_heap += cw_heap_block_size (s) - len;
}

void
cw_station_add_memory (CwStation       *self,
                       CwStationMemory *m)
{
  const char *text;
  gsize block, size;

  g_return_if_fail (CW_IS_STATION (self));

  m->n++;
  /* GObject instances come from GSlice, in 16-byte steps. */
  m->instance += (sizeof (CwStation) + 15) / 16 * 16;
  m->gobject += sizeof (GObject);
  /* the interned source is shared: its pointer is what a station pays */
  m->string_slots += sizeof (self->source);
  if (self->opening_hours != NULL)
    {
      /* The struct, three GArrays (GSlice's 48 bytes each) and their data. */
      m->opening_hours += cw_heap_block_size (self->opening_hours) + 3 * 48 +
                          cw_heap_block_size (self->opening_hours->regular_hours->data) +
                          cw_heap_block_size (self->opening_hours->exceptional_openings->data) +
                          cw_heap_block_size (self->opening_hours->exceptional_closings->data);
    }
  /* The block: EVSEs, connectors, the text (its strings are text, its
   * mask and the heap's header and rounding are not). */
  block = cw_heap_block_size (self->evses);
  m->evses += self->n_evses * sizeof (CwEvse);
  block -= self->n_evses * sizeof (CwEvse);
  text = text_of (self);
  size = text_size (text);
  if (size > 0)
    {
      m->text += size - MASK_SIZE;
      block -= size - MASK_SIZE;
    }
  for (guint e = 0; e < self->n_evses; e++)
    {
      CwEvse *evse = &self->evses[e];

      add_string (evse->uid, m);
      add_string (evse->evse_id, m);
      m->connectors += evse->n_connectors * sizeof (CwConnector);
      block -= evse->n_connectors * sizeof (CwConnector);
      for (guint c = 0; c < evse->n_connectors; c++)
        {
          CwConnector *con = &evse->connectors[c];

          add_string (con->id, m);
          add_string (con->standard_label, m);
          if (con->tariff_ids != NULL)
            {
              m->string_heap += cw_heap_block_size (con->tariff_ids);
              for (guint k = 0; con->tariff_ids[k] != NULL; k++)
                add_string (con->tariff_ids[k], m);
            }
        }
    }
  m->block_heap += block;
}
