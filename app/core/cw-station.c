/* cw-station.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-station"

#include <float.h>
#include <malloc.h>
#include <string.h>

#include "cw-station.h"
#include "cw-tariff-table.h"


enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GQuark key_quark;

G_DEFINE_FINAL_TYPE (CwStation, cw_station, G_TYPE_OBJECT)

/* a station costs no more than this; GSlice rounds to 16 */
G_STATIC_ASSERT (sizeof (CwStation) <= 64);

/* ---- drafts: what parsers fill in ---- */

CwConnectorDraft *
cw_connector_new (void)
{
  return g_new0 (CwConnectorDraft, 1);
}

/* Frees what @connector owns, not @connector. */
static void
connector_clear (CwConnectorDraft *connector)
{
  g_free (connector->id);
  g_free (connector->standard_label);
  g_strfreev (connector->tariff_ids);
  g_clear_pointer (&connector->tariff, cw_tariff_unref);
}

void
cw_connector_free (CwConnectorDraft *connector)
{
  if (connector == NULL)
    return;
  connector_clear (connector);
  g_free (connector);
}

CwEvseDraft *
cw_evse_new (void)
{
  CwEvseDraft *evse = g_new0 (CwEvseDraft, 1);

  evse->quantity = 1;
  return evse;
}

/* Frees what @evse owns, not @evse. */
static void
evse_clear (CwEvseDraft *evse)
{
  g_free (evse->uid);
  g_free (evse->evse_id);
  for (guint i = 0; i < evse->n_connectors; i++)
    connector_clear (&evse->connectors[i]);
  g_free (evse->connectors);
}

void
cw_evse_free (CwEvseDraft *evse)
{
  if (evse == NULL)
    return;
  evse_clear (evse);
  g_free (evse);
}

gboolean
cw_evse_take_connector (CwEvseDraft      *evse,
                        CwConnectorDraft *connector)
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
    evse->connectors = g_renew (CwConnectorDraft, evse->connectors, MAX (1, evse->n_connectors * 2));
  evse->connectors[evse->n_connectors++] = *connector;
  g_free (connector);
  return TRUE;
}

/* ---- packed EVSEs and connectors: their strings in the block ---- */

G_STATIC_ASSERT (sizeof (CwEvse) == 16);
G_STATIC_ASSERT (CW_N_EVSE_STATUS <= 16);
G_STATIC_ASSERT (sizeof (CwConnector) == 20);

enum {
  HAS_UID = 1 << 0,             /* an EVSE's */
  HAS_EVSE_ID = 1 << 1,
  HAS_ID = 1 << 0,              /* a connector's */
  HAS_LABEL = 1 << 1,
  HAS_TARIFF_IDS = 1 << 2,      /* then a 16-bit count and that many */
};

static inline const char *
skip (const char *p)
{
  return p + strlen (p) + 1;
}

const char *
cw_evse_get_uid (const CwEvse *evse)
{
  g_return_val_if_fail (evse != NULL, NULL);

  return evse->has & HAS_UID ? (const char *) evse + evse->text_at : NULL;
}

const char *
cw_evse_get_evse_id (const CwEvse *evse)
{
  const char *p;

  g_return_val_if_fail (evse != NULL, NULL);

  if (!(evse->has & HAS_EVSE_ID))
    return NULL;
  p = (const char *) evse + evse->text_at;
  return evse->has & HAS_UID ? skip (p) : p;
}

const char *
cw_connector_get_id (const CwConnector *connector)
{
  g_return_val_if_fail (connector != NULL, NULL);

  return connector->has & HAS_ID ? (const char *) connector + connector->text_at : NULL;
}

const char *
cw_connector_get_standard_label (const CwConnector *connector)
{
  const char *p;

  g_return_val_if_fail (connector != NULL, NULL);

  if (!(connector->has & HAS_LABEL))
    return NULL;
  p = (const char *) connector + connector->text_at;
  return connector->has & HAS_ID ? skip (p) : p;
}

/* Where the count of the tariff ids is; NULL without a list. */
static const char *
tariff_ids_of (const CwConnector *connector)
{
  const char *p;

  if (!(connector->has & HAS_TARIFF_IDS))
    return NULL;
  p = (const char *) connector + connector->text_at;
  if (connector->has & HAS_ID)
    p = skip (p);
  if (connector->has & HAS_LABEL)
    p = skip (p);
  return p;
}

gboolean
cw_connector_has_tariff_ids (const CwConnector *connector)
{
  g_return_val_if_fail (connector != NULL, FALSE);

  return (connector->has & HAS_TARIFF_IDS) != 0;
}

guint
cw_connector_get_n_tariff_ids (const CwConnector *connector)
{
  const char *p;
  guint16 n;

  g_return_val_if_fail (connector != NULL, 0);

  if ((p = tariff_ids_of (connector)) == NULL)
    return 0;
  memcpy (&n, p, sizeof n);
  return n;
}

const char *
cw_connector_get_tariff_id (const CwConnector *connector,
                            guint              k)
{
  const char *p;
  guint16 n;

  g_return_val_if_fail (connector != NULL, NULL);

  if ((p = tariff_ids_of (connector)) == NULL)
    return NULL;
  memcpy (&n, p, sizeof n);
  if (k >= n)
    return NULL;
  p += sizeof n;
  for (guint i = 0; i < k; i++)
    p = skip (p);
  return p;
}

CwTariff *
cw_connector_get_tariff (const CwConnector *connector)
{
  g_return_val_if_fail (connector != NULL, NULL);

  return cw_tariff_handle_lookup (connector->tariff_handle);
}

void
cw_connector_set_tariff (CwConnector *connector,
                         CwTariff    *tariff)
{
  guint32 old;

  g_return_if_fail (connector != NULL);

  /* the new one first: it may be the old one */
  old = connector->tariff_handle;
  connector->tariff_handle = cw_tariff_handle_acquire (tariff);
  cw_tariff_handle_release (old);
}

CwEvseDraft *
cw_evse_copy (const CwEvse *e)
{
  CwEvseDraft *copy = cw_evse_new ();
  const CwConnector *from = cw_evse_get_connectors (e);

  copy->uid = g_strdup (cw_evse_get_uid (e));
  copy->evse_id = g_strdup (cw_evse_get_evse_id (e));
  copy->last_updated = e->last_updated;
  copy->quantity = e->quantity;
  copy->status = e->status;
  copy->n_connectors = e->n_connectors;
  copy->connectors = g_new0 (CwConnectorDraft, MAX (e->n_connectors, 1));
  for (guint i = 0; i < e->n_connectors; i++)
    {
      CwConnectorDraft *c = &copy->connectors[i];
      guint n = cw_connector_get_n_tariff_ids (&from[i]);

      c->id = g_strdup (cw_connector_get_id (&from[i]));
      c->standard_label = g_strdup (cw_connector_get_standard_label (&from[i]));
      if (cw_connector_has_tariff_ids (&from[i]))
        {
          c->tariff_ids = g_new0 (char *, n + 1);
          for (guint k = 0; k < n; k++)
            c->tariff_ids[k] = g_strdup (cw_connector_get_tariff_id (&from[i], k));
        }
      c->tariff = cw_connector_get_tariff (&from[i]);
      if (c->tariff != NULL)
        cw_tariff_ref (c->tariff);
      c->max_power_kw = from[i].max_power_kw;
      c->max_voltage = from[i].max_voltage;
      c->max_amperage = from[i].max_amperage;
      c->standard = from[i].standard;
      c->format = from[i].format;
      c->power_type = from[i].power_type;
    }
  return copy;
}

/* ---- the station's text: a 16-bit mask of the strings present (and of
 * the opening hours), the pointer to the opening hours when there are
 * some, then each string present with its NUL, in CwStationString
 * order ---- */

#define MASK_SIZE sizeof (guint16)
#define HOURS_BIT (1u << 15)
G_STATIC_ASSERT (CW_N_STATION_STRINGS < 15);

static inline gsize
head_size (guint16 mask)
{
  return MASK_SIZE + (mask & HOURS_BIT ? sizeof (CwOpeningHours *) : 0);
}

static inline CwOpeningHours *
hours_of (const char *text)
{
  CwOpeningHours *hours = NULL;
  guint16 mask;

  if (text == NULL)
    return NULL;
  memcpy (&mask, text, MASK_SIZE);
  if (mask & HOURS_BIT)
    memcpy (&hours, text + MASK_SIZE, sizeof hours);
  return hours;
}

static inline guint16
text_mask (const char *text)
{
  guint16 mask;

  if (text == NULL)
    return 0;
  memcpy (&mask, text, MASK_SIZE);
  return mask;
}

/* The station's block: the EVSEs, their connectors, the station's text,
 * then the EVSEs' and connectors' strings. Where the text starts: after
 * the last EVSE's connectors; NULL when the station has no block. */
static inline const char *
text_of (const CwStation *self)
{
  const CwEvse *last;

  if (self->evses == NULL)
    return NULL;
  if (self->n_evses == 0)
    return (const char *) self->evses;
  last = &self->evses[self->n_evses - 1];
  return (const char *) (cw_evse_get_connectors (last) + last->n_connectors);
}

static const char *
text_get (const char      *text,
          CwStationString  which)
{
  guint16 mask = text_mask (text);
  const char *p;

  if (!(mask & (1u << which)))
    return NULL;
  p = text + head_size (mask);
  for (guint k = 0; k < which; k++)
    if (mask & (1u << k))
      p = skip (p);
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
  p = text + head_size (mask);
  for (guint k = 0; k < CW_N_STATION_STRINGS; k++)
    if (mask & (1u << k))
      p = skip (p);
  return p - text;
}

static inline gsize
str_size (const char *s)
{
  return s != NULL ? strlen (s) + 1 : 0;
}

static inline char *
put_str (char       *p,
         const char *s)
{
  gsize n = strlen (s) + 1;

  memcpy (p, s, n);
  return p + n;
}

/* An EVSE's offsets have 28 bits: a block stays below this. */
#define BLOCK_MAX ((gsize) 1 << 28)

/* The bytes of @e's strings and its connectors' in a block. */
static gsize
evse_strings_size (const CwEvseDraft *e)
{
  gsize strings = str_size (e->uid) + str_size (e->evse_id);

  for (guint j = 0; j < e->n_connectors; j++)
    {
      const CwConnectorDraft *c = &e->connectors[j];

      strings += str_size (c->id) + str_size (c->standard_label);
      if (c->tariff_ids != NULL)
        {
          strings += sizeof (guint16);
          for (guint k = 0; c->tariff_ids[k] != NULL && k < G_MAXUINT16; k++)
            strings += str_size (c->tariff_ids[k]);
        }
    }
  return strings;
}

/* A new block of @evses (their contents copied, tariffs held),
 * the station strings @values (CW_N_STATION_STRINGS, NULL for none)
 * and @hours (taken). *@n_inout EVSEs are packed, fewer (the first
 * that fit, with a warning) when they would make a block of 256 MiB or
 * more, which no real station comes near. */
static CwEvse *
block_pack (const CwEvseDraft  *evses,
            guint              *n_inout,
            const char * const *values,
            CwOpeningHours     *hours)
{
  gsize n_conn = 0, text = head_size (hours ? HOURS_BIT : 0), strings = 0, fixed;
  guint16 mask = 0;
  guint n = *n_inout;
  CwEvse *block;
  CwConnector *conn;
  char *p;

  for (guint k = 0; k < CW_N_STATION_STRINGS; k++)
    text += str_size (values[k]);
  for (guint i = 0; i < n; i++)
    {
      const CwEvseDraft *e = &evses[i];
      gsize more = evse_strings_size (e);

      if ((i + 1) * sizeof (CwEvse) + (n_conn + e->n_connectors) * sizeof (CwConnector) +
          text + strings + more >= BLOCK_MAX)
        {
          g_warning ("A station's EVSEs after the first %u left out: they would take 256 MiB or more", i);
          n = *n_inout = i;
          break;
        }
      n_conn += e->n_connectors;
      strings += more;
    }

  fixed = n * sizeof (CwEvse) + n_conn * sizeof (CwConnector);
  block = g_malloc (fixed + text + strings);
  conn = (CwConnector *) (gpointer) (block + n);

  /* the station's text */
  p = (char *) block + fixed + MASK_SIZE;
  if (hours != NULL)
    {
      mask |= HOURS_BIT;
      memcpy (p, &hours, sizeof hours);
      p += sizeof hours;
    }
  for (guint k = 0; k < CW_N_STATION_STRINGS; k++)
    if (values[k] != NULL)
      {
        mask |= 1u << k;
        p = put_str (p, values[k]);
      }
  memcpy ((char *) block + fixed, &mask, MASK_SIZE);

  for (guint i = 0; i < n; i++)
    {
      const CwEvseDraft *from = &evses[i];
      CwEvse *e = &block[i];

      e->last_updated = (guint32) CLAMP (from->last_updated, 0, (gint64) G_MAXUINT32);
      e->quantity = (guint16) MIN (from->quantity, G_MAXUINT16);
      e->n_connectors = from->n_connectors;
      e->status = from->status;
      e->connectors_at = (guint32) ((char *) conn - (char *) e);
      e->text_at = (guint32) (p - (char *) e);
      e->has = (from->uid ? HAS_UID : 0) | (from->evse_id ? HAS_EVSE_ID : 0);
      if (from->uid != NULL)
        p = put_str (p, from->uid);
      if (from->evse_id != NULL)
        p = put_str (p, from->evse_id);
      for (guint j = 0; j < from->n_connectors; j++, conn++)
        {
          const CwConnectorDraft *c = &from->connectors[j];

          conn->tariff_handle = cw_tariff_handle_acquire (c->tariff);
          /* finite stays finite: past a float's range, its largest */
          conn->max_power_kw = (float) CLAMP (c->max_power_kw, -FLT_MAX, FLT_MAX);
          conn->max_voltage = (guint16) CLAMP (c->max_voltage, 0, G_MAXUINT16);
          conn->max_amperage = (guint16) CLAMP (c->max_amperage, 0, G_MAXUINT16);
          conn->standard = c->standard;
          conn->format = c->format;
          conn->power_type = c->power_type;
          conn->text_at = (guint32) (p - (char *) conn);
          conn->has = (c->id ? HAS_ID : 0) | (c->standard_label ? HAS_LABEL : 0) |
                      (c->tariff_ids ? HAS_TARIFF_IDS : 0);
          if (c->id != NULL)
            p = put_str (p, c->id);
          if (c->standard_label != NULL)
            p = put_str (p, c->standard_label);
          if (c->tariff_ids != NULL)
            {
              guint16 count = 0;
              char *at = p;

              p += sizeof count;
              for (; c->tariff_ids[count] != NULL && count < G_MAXUINT16; count++)
                p = put_str (p, c->tariff_ids[count]);
              memcpy (at, &count, sizeof count);
            }
        }
    }
  g_assert ((gsize) (p - (char *) block) == fixed + text + strings);
  return block;
}

static void
block_free (CwEvse *block,
            guint   n)
{
  for (guint i = 0; i < n; i++)
    {
      CwConnector *c = cw_evse_get_connectors (&block[i]);

      for (guint j = 0; j < block[i].n_connectors; j++)
        cw_tariff_handle_release (c[j].tariff_handle);
    }
  g_free (block);
}

/* Drafts of the station's EVSEs whose strings and tariffs point into
 * its block (borrowed): for block_pack () only; free with
 * borrowed_free (). @extra more slots at the end, zeroed. */
static CwEvseDraft *
borrow_evses (CwStation *self,
              guint      extra)
{
  CwEvseDraft *drafts;

  if (self->n_evses + extra == 0)
    return NULL;
  drafts = g_new0 (CwEvseDraft, self->n_evses + extra);

  for (guint i = 0; i < self->n_evses; i++)
    {
      const CwEvse *e = &self->evses[i];
      const CwConnector *c = cw_evse_get_connectors (e);
      CwEvseDraft *d = &drafts[i];

      d->uid = (char *) cw_evse_get_uid (e);
      d->evse_id = (char *) cw_evse_get_evse_id (e);
      d->last_updated = e->last_updated;
      d->quantity = e->quantity;
      d->status = e->status;
      d->n_connectors = e->n_connectors;
      d->connectors = g_new0 (CwConnectorDraft, MAX (e->n_connectors, 1));
      for (guint j = 0; j < e->n_connectors; j++)
        {
          CwConnectorDraft *dc = &d->connectors[j];

          dc->id = (char *) cw_connector_get_id (&c[j]);
          dc->standard_label = (char *) cw_connector_get_standard_label (&c[j]);
          if (cw_connector_has_tariff_ids (&c[j]))
            {
              guint n = cw_connector_get_n_tariff_ids (&c[j]);

              dc->tariff_ids = g_new0 (char *, n + 1);
              for (guint k = 0; k < n; k++)
                dc->tariff_ids[k] = (char *) cw_connector_get_tariff_id (&c[j], k);
            }
          dc->tariff = cw_connector_get_tariff (&c[j]);
          dc->max_power_kw = c[j].max_power_kw;
          dc->max_voltage = c[j].max_voltage;
          dc->max_amperage = c[j].max_amperage;
          dc->standard = c[j].standard;
          dc->format = c[j].format;
          dc->power_type = c[j].power_type;
        }
    }
  return drafts;
}

static void
borrowed_free (CwEvseDraft *drafts,
               guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      for (guint j = 0; j < drafts[i].n_connectors; j++)
        g_free (drafts[i].connectors[j].tariff_ids);
      g_free (drafts[i].connectors);
    }
  g_free (drafts);
}

static void
borrow_strings (CwStation   *self,
                const char **values)
{
  const char *text = text_of (self);

  for (guint k = 0; k < CW_N_STATION_STRINGS; k++)
    values[k] = text_get (text, k);
}

/* Replaces the block with one of @evses and @values, which may point
 * into the old one, and the opening hours of the old one. */
static void
repack (CwStation          *self,
        const CwEvseDraft  *evses,
        guint               n,
        const char * const *values)
{
  CwEvse *block = block_pack (evses, &n, values, hours_of (text_of (self)));

  block_free (self->evses, self->n_evses);
  self->evses = block;
  self->n_evses = n;
}

/* ---- sources: one shared copy each, a station keeps its number ---- */

static const char *sources[G_MAXUINT16 + 1];
static GHashTable *source_ids;          /* interned string → number + 1 */
static GMutex sources_lock;

static guint16
source_id_of (const char *source)
{
  /* a thread's last source: a decoder makes many stations of one */
  static __thread char *last_source;
  static __thread guint16 last_id;
  const char *interned;
  guint id;

  if (last_source != NULL && strcmp (last_source, source) == 0)
    return last_id;
  interned = g_intern_string (source);

  g_mutex_lock (&sources_lock);
  if (source_ids == NULL)
    source_ids = g_hash_table_new (NULL, NULL);
  id = GPOINTER_TO_UINT (g_hash_table_lookup (source_ids, interned));
  if (id == 0)
    {
      id = g_hash_table_size (source_ids) + 1;
      if (id > G_MAXUINT16 + 1)
        g_error ("more than %u station sources", G_MAXUINT16 + 1);
      sources[id - 1] = interned;
      g_hash_table_insert (source_ids, (gpointer) interned, GUINT_TO_POINTER (id));
    }
  g_mutex_unlock (&sources_lock);
  last_source = (char *) interned;
  last_id = (guint16) (id - 1);
  return last_id;
}

const char *
cw_station_get_source (CwStation *self)
{
  g_return_val_if_fail (CW_IS_STATION (self), NULL);

  return sources[self->source_id];
}

CwOpeningHours *
cw_station_get_opening_hours (CwStation *self)
{
  g_return_val_if_fail (CW_IS_STATION (self), NULL);

  return hours_of (text_of (self));
}

void
cw_station_take_opening_hours (CwStation      *self,
                               CwOpeningHours *hours)
{
  const char *values[CW_N_STATION_STRINGS];
  CwOpeningHours *old;
  CwEvseDraft *drafts;
  CwEvse *block;
  guint n;

  g_return_if_fail (CW_IS_STATION (self));

  old = hours_of (text_of (self));
  if (old == hours)
    return;
  drafts = borrow_evses (self, 0);
  borrow_strings (self, values);
  n = self->n_evses;
  block = block_pack (drafts, &n, values, hours);
  borrowed_free (drafts, self->n_evses);
  block_free (self->evses, self->n_evses);
  self->evses = block;
  self->n_evses = n;
  cw_opening_hours_free (old);
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
  CwEvseDraft *drafts;

  g_return_if_fail (CW_IS_STATION (self));

  drafts = borrow_evses (self, 0);
  repack (self, drafts, self->n_evses, values);
  borrowed_free (drafts, self->n_evses);
}

void
cw_station_set_string (CwStation       *self,
                       CwStationString  which,
                       const char      *value)
{
  const char *values[CW_N_STATION_STRINGS];

  g_return_if_fail (CW_IS_STATION (self));
  g_return_if_fail (which < CW_N_STATION_STRINGS);

  /* @value may be one of ours: the new block is made before the old goes. */
  borrow_strings (self, values);
  values[which] = value;
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
cw_station_take_evse (CwStation   *self,
                      CwEvseDraft *evse)
{
  const char *values[CW_N_STATION_STRINGS];
  CwEvseDraft *drafts;
  guint n;

  g_return_val_if_fail (CW_IS_STATION (self), FALSE);
  g_return_val_if_fail (evse != NULL, FALSE);

  if (self->n_evses >= CW_STATION_MAX_EVSES)
    {
      cw_evse_free (evse);
      return FALSE;
    }
  n = self->n_evses;
  drafts = borrow_evses (self, 1);
  drafts[n] = *evse;
  borrow_strings (self, values);
  repack (self, drafts, n + 1, values);
  drafts[n].n_connectors = 0;
  drafts[n].connectors = NULL;
  borrowed_free (drafts, n + 1);
  cw_evse_free (evse);
  return TRUE;
}

void
cw_station_set_evses (CwStation   *self,
                      CwEvseDraft *evses,
                      guint        n_evses)
{
  const char *values[CW_N_STATION_STRINGS];

  g_return_if_fail (CW_IS_STATION (self));
  g_return_if_fail (n_evses <= CW_STATION_MAX_EVSES);

  borrow_strings (self, values);
  repack (self, evses, n_evses, values);
  for (guint i = 0; i < n_evses; i++)
    evse_clear (&evses[i]);
  g_free (evses);
}

GArray *
cw_evse_list_new (void)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (CwEvseDraft));

  g_array_set_clear_func (list, (GDestroyNotify) evse_clear);
  return list;
}

gboolean
cw_evse_list_take (GArray      *list,
                   CwEvseDraft *evse)
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
  CwEvseDraft *evses;

  g_return_if_fail (CW_IS_STATION (self));
  g_return_if_fail (list != NULL);

  evses = g_array_steal (list, &n);
  cw_station_set_evses (self, evses, (guint) n);
}

void
cw_station_clear_evses (CwStation *self)
{
  const char *values[CW_N_STATION_STRINGS];

  g_return_if_fail (CW_IS_STATION (self));

  /* the strings stay */
  borrow_strings (self, values);
  repack (self, NULL, 0, values);
}

static void
cw_station_finalize (GObject *object)
{
  CwStation *self = CW_STATION (object);

  cw_opening_hours_free (hours_of (text_of (self)));
  block_free (self->evses, self->n_evses);
  self->evses = NULL;
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
cw_station_new_with_strings (const char  *source,
                             const char **values)
{
  CwStation *self = g_object_new (CW_TYPE_STATION, NULL);
  const char *id = values[CW_STATION_ID];
  guint none = 0;

  self->source_id = source_id_of (source ? source : "");
  values[CW_STATION_ID] = id ? id : "";

  self->evses = block_pack (NULL, &none, values, NULL);
  values[CW_STATION_ID] = id;
  return self;
}

CwStation *
cw_station_new (const char *source,
                const char *id)
{
  CwStation *self = g_object_new (CW_TYPE_STATION, NULL);

  self->source_id = source_id_of (source ? source : "");
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
      key = g_strconcat (cw_station_get_source (self), "\x1f", cw_station_get_id (self), NULL);
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
          const CwConnector *c = &cw_evse_get_connectors (evse)[j];
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
          const CwConnector *c = &cw_evse_get_connectors (evse)[j];
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
tariff_ids_equal (const CwConnector *a,
                  const CwConnector *b)
{
  guint n = cw_connector_get_n_tariff_ids (a);

  /* as the lists were compared: none and an empty one alike */
  if (n != cw_connector_get_n_tariff_ids (b))
    return FALSE;
  for (guint k = 0; k < n; k++)
    if (g_strcmp0 (cw_connector_get_tariff_id (a, k), cw_connector_get_tariff_id (b, k)) != 0)
      return FALSE;
  return TRUE;
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
          g_strcmp0 (cw_evse_get_uid (ea), cw_evse_get_uid (eb)) != 0 ||
          g_strcmp0 (cw_evse_get_evse_id (ea), cw_evse_get_evse_id (eb)) != 0 ||
          ea->n_connectors != eb->n_connectors)
        return FALSE;
      for (guint j = 0; j < ea->n_connectors; j++)
        {
          const CwConnector *ca = &cw_evse_get_connectors (ea)[j];
          const CwConnector *cb = &cw_evse_get_connectors (eb)[j];

          if (ca->standard != cb->standard || ca->format != cb->format ||
              ca->power_type != cb->power_type || ca->max_power_kw != cb->max_power_kw ||
              ca->max_voltage != cb->max_voltage || ca->max_amperage != cb->max_amperage ||
              g_strcmp0 (cw_connector_get_id (ca), cw_connector_get_id (cb)) != 0 ||
              g_strcmp0 (cw_connector_get_standard_label (ca), cw_connector_get_standard_label (cb)) != 0 ||
              ca->tariff_handle != cb->tariff_handle || !tariff_ids_equal (ca, cb))
            return FALSE;
        }
    }
  return TRUE;
}

/* Whether two texts hold the same strings (their hours aside). */
static gboolean
strings_equal (const char *a,
               const char *b)
{
  guint16 ma = text_mask (a), mb = text_mask (b);
  gsize la, lb;

  if ((ma & ~HOURS_BIT) != (mb & ~HOURS_BIT))
    return FALSE;
  if (a == NULL || b == NULL)
    return a == b || (ma & ~HOURS_BIT) == 0;
  la = text_size (a) - head_size (ma);
  lb = text_size (b) - head_size (mb);
  return la == lb && memcmp (a + head_size (ma), b + head_size (mb), la) == 0;
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
  gboolean changed = FALSE, text_differs, evses_differ;

  g_return_val_if_fail (CW_IS_STATION (self), FALSE);
  g_return_val_if_fail (CW_IS_STATION (other), FALSE);

  /* the same key: the id is the same, and the strings compare whole */
  text_differs = !strings_equal (text_of (self), text_of (other));
  TAKE_VAL (latitude);
  TAKE_VAL (longitude);
  TAKE_VAL (parking_type);
  TAKE_VAL (facilities);
  TAKE_VAL (twentyfourseven);
  if (!cw_opening_hours_equal (cw_station_get_opening_hours (self), cw_station_get_opening_hours (other)))
    {
      CwOpeningHours *hours = cw_station_get_opening_hours (other);

      cw_station_take_opening_hours (self, hours ? cw_opening_hours_copy (hours) : NULL);
      changed = TRUE;
    }
  TAKE_VAL (is_public);
  TAKE_VAL (last_updated);

  /* @other is left as it was: it may be shared (a provider's cache). */
  evses_differ = !evses_equal (self->evses, self->n_evses, other->evses, other->n_evses);
  if (text_differs || evses_differ)
    {
      CwStation *from = evses_differ ? other : self;
      const char *values[CW_N_STATION_STRINGS];
      CwEvseDraft *drafts = borrow_evses (from, 0);
      guint n = from->n_evses;

      borrow_strings (text_differs ? other : self, values);
      repack (self, drafts, n, values);
      borrowed_free (drafts, n);
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
          CwConnector *c = &cw_evse_get_connectors (evse)[j];
          const char *id;

          for (guint k = 0; (id = cw_connector_get_tariff_id (c, k)) != NULL; k++)
            {
              CwTariff *t = g_hash_table_lookup (tariffs, id);
              if (t != NULL)
                {
                  cw_connector_set_tariff (c, t);
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

static void
add_text (const char      *s,
          CwStationMemory *m)
{
  if (s != NULL)
    m->text += strlen (s) + 1;
}

void
cw_station_add_memory (CwStation       *self,
                       CwStationMemory *m)
{
  gsize text_before, block;

  g_return_if_fail (CW_IS_STATION (self));

  m->n++;
  /* GObject instances come from GSlice, in 16-byte steps. */
  m->instance += (sizeof (CwStation) + 15) / 16 * 16;
  m->gobject += sizeof (GObject);
  /* the shared source: its number is what a station pays */
  m->string_slots += sizeof (self->source_id);
  if (cw_station_get_opening_hours (self) != NULL)
    {
      CwOpeningHours *hours = cw_station_get_opening_hours (self);

      /* The struct, three GArrays (GSlice's 48 bytes each) and their data. */
      m->opening_hours += cw_heap_block_size (hours) + 3 * 48 +
                          cw_heap_block_size (hours->regular_hours->data) +
                          cw_heap_block_size (hours->exceptional_openings->data) +
                          cw_heap_block_size (hours->exceptional_closings->data);
    }
  /* The block: EVSEs, connectors and every string's text; the rest of
   * it (the text's mask, the counts of tariff ids, the heap's header
   * and rounding) is what holding them costs. */
  text_before = m->text;
  for (guint k = 0; k < CW_N_STATION_STRINGS; k++)
    add_text (cw_station_get_string (self, k), m);
  block = cw_heap_block_size (self->evses);
  m->evses += self->n_evses * sizeof (CwEvse);
  block -= self->n_evses * sizeof (CwEvse);
  for (guint e = 0; e < self->n_evses; e++)
    {
      const CwEvse *evse = &self->evses[e];
      const CwConnector *c = cw_evse_get_connectors (evse);

      add_text (cw_evse_get_uid (evse), m);
      add_text (cw_evse_get_evse_id (evse), m);
      m->connectors += evse->n_connectors * sizeof (CwConnector);
      block -= evse->n_connectors * sizeof (CwConnector);
      for (guint j = 0; j < evse->n_connectors; j++)
        {
          add_text (cw_connector_get_id (&c[j]), m);
          add_text (cw_connector_get_standard_label (&c[j]), m);
          for (guint k = 0; k < cw_connector_get_n_tariff_ids (&c[j]); k++)
            add_text (cw_connector_get_tariff_id (&c[j], k), m);
        }
    }
  m->block_heap += block - (m->text - text_before);
}
