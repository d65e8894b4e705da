/* cw-station-cache.c: the binary station cache (format in the header)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-station-cache"

#include <math.h>
#include <string.h>

#include "cw-station-cache.h"

#define MAGIC       "CWSTCACH"
#define HEADER_SIZE 48
#define CHECKSUM_AT  16
#define CHECKSUM_END 24
/* The fewest bytes each record can take, to check counts against. */
#define MIN_STATION   (10 * 4 + 2 * 8 + 8 + 4 + 4 + 4)
#define MIN_EVSE      (2 * 4 + 8 + 4 + 1 + 4)
#define MIN_CONNECTOR (2 * 4 + 3 + 2 * 4 + 8 + 4 + 4)
#define MIN_TARIFF    (6 * 4 + 1 + 4 * 8 + 8 + 4)
#define MIN_ELEMENT   (4 + 1)
#define MIN_COMPONENT (1 + 8 + 8 + 4)
#define MIN_REGULAR   (1 + 2 + 2)
#define MIN_PERIOD    (8 + 8)

G_DEFINE_QUARK (cw-station-cache-error-quark, cw_station_cache_error)

/* Each word goes through an invertible mix: a change to any one word
 * always changes the sum; more changes cancel out only by chance. */
guint64
cw_station_cache_checksum (const guint8 *p,
                           gsize         n)
{
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ n;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;

      memcpy (&w, p + i, 8);
      h ^= GUINT64_FROM_LE (w);
      h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
    }
  for (; i < n; i++)
    {
      h ^= p[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

/* ---- writing ---- */

typedef struct {
  guint8 *data;
  gsize   len, alloc;
} Out;

static inline void
put (Out        *o,
     const void *p,
     gsize       n)
{
  if (o->len + n > o->alloc)
    {
      o->alloc = MAX (o->alloc * 2, o->len + n);
      o->data = g_realloc (o->data, o->alloc);
    }
  memcpy (o->data + o->len, p, n);
  o->len += n;
}

static inline void
put_u8 (Out   *o,
        guint  v)
{
  guint8 b = v;

  put (o, &b, 1);
}

static inline void
put_u16 (Out   *o,
         guint  v)
{
  guint16 w = GUINT16_TO_LE ((guint16) v);

  put (o, &w, 2);
}

static inline void
put_u32 (Out     *o,
         guint32  v)
{
  v = GUINT32_TO_LE (v);
  put (o, &v, 4);
}

static inline void
put_u64 (Out     *o,
         guint64  v)
{
  v = GUINT64_TO_LE (v);
  put (o, &v, 8);
}

static inline void
put_f64 (Out    *o,
         double  d)
{
  guint64 v;

  memcpy (&v, &d, 8);
  put_u64 (o, v);
}

static inline void
put_str (Out        *o,
         const char *s)
{
  gsize n;

  if (s == NULL)
    {
      put_u32 (o, 0);
      return;
    }
  n = strlen (s);
  put_u32 (o, (guint32) n + 1);
  put (o, s, n);
}

static void
put_hours (Out                  *o,
           const CwOpeningHours *h)
{
  put_u8 (o, h->twentyfourseven != 0);
  put_u32 (o, h->regular_hours->len);
  for (guint i = 0; i < h->regular_hours->len; i++)
    {
      const CwRegularHours *r = &g_array_index (h->regular_hours, CwRegularHours, i);

      put_u8 (o, r->weekday);
      put_u16 (o, r->begin);
      put_u16 (o, r->end);
    }
  for (guint k = 0; k < 2; k++)
    {
      GArray *periods = k == 0 ? h->exceptional_openings : h->exceptional_closings;

      put_u32 (o, periods->len);
      for (guint i = 0; i < periods->len; i++)
        {
          const CwExceptionalPeriod *p = &g_array_index (periods, CwExceptionalPeriod, i);

          put_u64 (o, (guint64) p->begin);
          put_u64 (o, (guint64) p->end);
        }
    }
}

static void
put_tariff (Out            *o,
            const CwTariff *t)
{
  put_str (o, t->id);
  put_str (o, t->country_code);
  put_str (o, t->party_id);
  put_str (o, t->currency);
  put_str (o, t->alt_text);
  put_str (o, t->alt_url);
  put_u8 (o, t->type);
  put_f64 (o, t->min_price_excl);
  put_f64 (o, t->min_price_incl);
  put_f64 (o, t->max_price_excl);
  put_f64 (o, t->max_price_incl);
  put_u64 (o, (guint64) t->last_updated);
  put_u32 (o, t->elements->len);
  for (guint i = 0; i < t->elements->len; i++)
    {
      const CwTariffElement *e = g_ptr_array_index (t->elements, i);
      const CwTariffRestrictions *r = &e->restrictions;

      put_u32 (o, e->components->len);
      for (guint j = 0; j < e->components->len; j++)
        {
          const CwPriceComponent *c = &g_array_index (e->components, CwPriceComponent, j);

          put_u8 (o, c->type);
          put_f64 (o, c->price);
          put_f64 (o, c->vat);
          put_u32 (o, c->step_size);
        }
      put_u8 (o, e->has_restrictions != 0);
      if (!e->has_restrictions)
        continue;
      put_str (o, r->start_time);
      put_str (o, r->end_time);
      put_str (o, r->start_date);
      put_str (o, r->end_date);
      put_f64 (o, r->min_kwh);
      put_f64 (o, r->max_kwh);
      put_f64 (o, r->min_current);
      put_f64 (o, r->max_current);
      put_f64 (o, r->min_power);
      put_f64 (o, r->max_power);
      put_u32 (o, (guint32) r->min_duration);
      put_u32 (o, (guint32) r->max_duration);
      put_u8 (o, r->day_mask);
      put_u8 (o, r->reservation);
    }
}

static void
put_station (Out        *o,
             CwStation  *s,
             GHashTable *tariff_index)
{
  put_str (o, cw_station_get_id (s));
  put_str (o, cw_station_get_name (s));
  put_str (o, cw_station_get_address (s));
  put_str (o, cw_station_get_city (s));
  put_str (o, cw_station_get_postal_code (s));
  put_str (o, cw_station_get_country (s));
  put_str (o, cw_station_get_operator_name (s));
  put_str (o, cw_station_get_time_zone (s));
  put_str (o, cw_station_get_usage_cost (s));
  put_str (o, cw_station_get_attribution (s));
  put_f64 (o, s->latitude);
  put_f64 (o, s->longitude);
  put_u64 (o, (guint64) s->last_updated);
  put_u32 (o, s->facilities);
  put_u8 (o, s->parking_type);
  put_u8 (o, s->twentyfourseven != 0);
  put_u8 (o, s->is_public != 0);
  put_u8 (o, cw_station_get_opening_hours (s) != NULL);
  if (cw_station_get_opening_hours (s) != NULL)
    put_hours (o, cw_station_get_opening_hours (s));
  put_u32 (o, s->n_evses);
  for (guint i = 0; i < s->n_evses; i++)
    {
      const CwEvse *e = &s->evses[i];

      put_str (o, cw_evse_get_uid (e));
      put_str (o, cw_evse_get_evse_id (e));
      put_u64 (o, (guint64) e->last_updated);
      put_u32 (o, e->quantity);
      put_u8 (o, e->status);
      put_u32 (o, e->n_connectors);
      for (guint j = 0; j < e->n_connectors; j++)
        {
          const CwConnector *c = &cw_evse_get_connectors (e)[j];
          guint n_ids = cw_connector_get_n_tariff_ids (c);

          put_str (o, cw_connector_get_id (c));
          put_str (o, cw_connector_get_standard_label (c));
          put_u8 (o, c->standard);
          put_u8 (o, c->format);
          put_u8 (o, c->power_type);
          put_u32 (o, (guint32) c->max_voltage);
          put_u32 (o, (guint32) c->max_amperage);
          put_f64 (o, c->max_power_kw);
          /* The tariff's place in the table plus one; 0 for none. */
          put_u32 (o, GPOINTER_TO_UINT (g_hash_table_lookup (tariff_index, cw_connector_get_tariff (c))));
          /* A NULL list and an empty one differ: count + 1, 0 for NULL. */
          put_u32 (o, cw_connector_has_tariff_ids (c) ? n_ids + 1 : 0);
          for (guint k = 0; k < n_ids; k++)
            put_str (o, cw_connector_get_tariff_id (c, k));
        }
    }
}

GBytes *
cw_station_cache_encode (GPtrArray  *stations,
                         const char *source,
                         gint64      saved_at,
                         gint64      sync_start)
{
  g_autoptr (GHashTable) tariff_index = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) tariffs = g_ptr_array_new ();
  Out o = { 0 };
  guint64 body_len, sum;

  g_return_val_if_fail (stations != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  /* Each tariff once, in the order first met. */
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);

      for (guint e = 0; e < s->n_evses; e++)
        for (guint c = 0; c < s->evses[e].n_connectors; c++)
          {
            CwTariff *t = cw_connector_get_tariff (&cw_evse_get_connectors (&s->evses[e])[c]);

            if (t != NULL && !g_hash_table_contains (tariff_index, t))
              {
                g_ptr_array_add (tariffs, t);
                g_hash_table_insert (tariff_index, t, GUINT_TO_POINTER (tariffs->len));
              }
          }
    }

  o.alloc = HEADER_SIZE + 256 * (gsize) stations->len + 1024;
  o.data = g_malloc (o.alloc);
  o.len = HEADER_SIZE;          /* filled in at the end */
  put_str (&o, source);
  put_u32 (&o, tariffs->len);
  for (guint i = 0; i < tariffs->len; i++)
    put_tariff (&o, g_ptr_array_index (tariffs, i));
  put_u32 (&o, stations->len);
  for (guint i = 0; i < stations->len; i++)
    put_station (&o, g_ptr_array_index (stations, i), tariff_index);

  body_len = o.len - HEADER_SIZE;
  {
    Out h = { o.data, 0, o.alloc };

    put (&h, MAGIC, 8);
    put_u32 (&h, CW_STATION_CACHE_VERSION);
    put_u32 (&h, 0);
    put_u64 (&h, 0);            /* the checksum, of all that follows it */
    put_u64 (&h, body_len);
    put_u64 (&h, (guint64) saved_at);
    put_u64 (&h, (guint64) sync_start);
    g_assert (h.len == HEADER_SIZE);
    sum = cw_station_cache_checksum (o.data + CHECKSUM_END, o.len - CHECKSUM_END);
    h.len = CHECKSUM_AT;
    put_u64 (&h, sum);
  }
  return g_bytes_new_take (g_realloc (o.data, o.len), o.len);
}

/* ---- reading ---- */

typedef struct {
  const guint8 *p, *end;
  gboolean      ok;
  const char   *what;           /* the first thing found wrong */
} In;

static inline gboolean
fail (In         *in,
      const char *what)
{
  if (in->ok)
    in->what = what;
  in->ok = FALSE;
  return FALSE;
}

static inline gboolean
need (In    *in,
      gsize  n)
{
  if (!in->ok)
    return FALSE;
  if ((gsize) (in->end - in->p) < n)
    return fail (in, "a record runs past the end");
  return TRUE;
}

static inline guint
get_u8 (In *in)
{
  if (!need (in, 1))
    return 0;
  return *in->p++;
}

static inline guint
get_u16 (In *in)
{
  guint16 v;

  if (!need (in, 2))
    return 0;
  memcpy (&v, in->p, 2);
  in->p += 2;
  return GUINT16_FROM_LE (v);
}

static inline guint32
get_u32 (In *in)
{
  guint32 v;

  if (!need (in, 4))
    return 0;
  memcpy (&v, in->p, 4);
  in->p += 4;
  return GUINT32_FROM_LE (v);
}

static inline guint64
get_u64 (In *in)
{
  guint64 v;

  if (!need (in, 8))
    return 0;
  memcpy (&v, in->p, 8);
  in->p += 8;
  return GUINT64_FROM_LE (v);
}

static inline double
get_f64 (In *in)
{
  guint64 v = get_u64 (in);
  double d;

  memcpy (&d, &v, 8);
  return d;
}

/* A price, power or limit: finite, as the parsers leave them. */
static inline double
get_finite (In *in)
{
  double d = get_f64 (in);

  if (!isfinite (d))
    fail (in, "a number that is not finite");
  return isfinite (d) ? d : 0;
}

/* Unix seconds: from 1970 up to the end of year 9999, as a model's
 * times are (a larger or negative one is a lying record). */
static inline gint64
get_time (In *in)
{
  guint64 t = get_u64 (in);

  if (t > G_GUINT64_CONSTANT (253402300799))
    {
      fail (in, "a time out of range");
      return 0;
    }
  return (gint64) t;
}

/* A voltage or a current: what a gint32 holds. */
static inline gint32
get_limit (In *in)
{
  guint32 v = get_u32 (in);

  if (v > G_MAXINT32)
    {
      fail (in, "a voltage or current out of range");
      return 0;
    }
  return (gint32) v;
}

static inline guint
get_enum (In         *in,
          guint       n,
          const char *what)
{
  guint v = get_u8 (in);

  if (v >= n)
    {
      fail (in, what);
      return 0;
    }
  return v;
}

static inline gboolean
get_bool (In *in)
{
  guint v = get_u8 (in);

  if (v > 1)
    fail (in, "a flag that is neither 0 nor 1");
  return v == 1;
}

/* UTF-8 without a NUL: ASCII a word at a time, the rest by GLib. */
static inline gboolean
text_valid (const guint8 *p,
            gsize         n)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;

      memcpy (&w, p + i, 8);
      /* A byte >= 0x80, or a zero byte: leave it to the full check. */
      if ((w & highs) != 0 || ((w - ones) & ~w & highs) != 0)
        break;
    }
  for (; i < n; i++)
    if (p[i] == 0 || p[i] >= 0x80)
      /* g_utf8_validate_len () refuses NUL bytes too. */
      return g_utf8_validate_len ((const char *) p + i, n - i, NULL);
  return TRUE;
}

static char *
get_str (In *in)
{
  guint32 n = get_u32 (in);
  char *s;

  if (n == 0 || !in->ok)
    return NULL;
  n--;
  if (!need (in, n))
    return NULL;
  if (!text_valid (in->p, n))
    {
      fail (in, "a string that is not UTF-8 text");
      return NULL;
    }
  s = g_malloc (n + 1);
  memcpy (s, in->p, n);
  s[n] = '\0';
  in->p += n;
  return s;
}

/* A count whose records, @min_each bytes or more, fit what is left. */
static guint32
get_count (In     *in,
           gsize   min_each,
           guint32 max)
{
  guint32 n = get_u32 (in);

  if (!in->ok)
    return 0;
  if (n > max || (guint64) n * min_each > (guint64) (in->end - in->p))
    {
      fail (in, "a count larger than the file");
      return 0;
    }
  return n;
}

static CwOpeningHours *
get_hours (In *in)
{
  CwOpeningHours *h = cw_opening_hours_new ();
  guint n;

  h->twentyfourseven = get_bool (in);
  n = get_count (in, MIN_REGULAR, G_MAXUINT32);
  for (guint i = 0; i < n && in->ok; i++)
    {
      CwRegularHours r = { 0 };

      r.weekday = get_u8 (in);
      r.begin = get_u16 (in);
      r.end = get_u16 (in);
      if (r.weekday < 1 || r.weekday > 7 || r.begin > 1439 || r.end > 1440)
        fail (in, "regular hours out of range");
      g_array_append_val (h->regular_hours, r);
    }
  for (guint k = 0; k < 2 && in->ok; k++)
    {
      GArray *periods = k == 0 ? h->exceptional_openings : h->exceptional_closings;

      n = get_count (in, MIN_PERIOD, G_MAXUINT32);
      for (guint i = 0; i < n && in->ok; i++)
        {
          CwExceptionalPeriod p;

          p.begin = (gint64) get_u64 (in);
          p.end = (gint64) get_u64 (in);
          if (p.begin >= p.end)
            fail (in, "an exceptional period that ends before it begins");
          g_array_append_val (periods, p);
        }
    }
  return h;
}

static CwTariff *
get_tariff (In *in)
{
  CwTariff *t = cw_tariff_new ();
  guint n;

  t->id = get_str (in);
  t->country_code = get_str (in);
  t->party_id = get_str (in);
  t->currency = get_str (in);
  t->alt_text = get_str (in);
  t->alt_url = get_str (in);
  t->type = get_enum (in, CW_N_TARIFF_TYPES, "a tariff type out of range");
  t->min_price_excl = get_finite (in);
  t->min_price_incl = get_finite (in);
  t->max_price_excl = get_finite (in);
  t->max_price_incl = get_finite (in);
  t->last_updated = get_time (in);
  n = get_count (in, MIN_ELEMENT, G_MAXUINT32);
  for (guint i = 0; i < n && in->ok; i++)
    {
      CwTariffElement *e = cw_tariff_element_new ();
      CwTariffRestrictions *r = &e->restrictions;
      guint nc = get_count (in, MIN_COMPONENT, G_MAXUINT32);

      g_ptr_array_add (t->elements, e);
      for (guint j = 0; j < nc && in->ok; j++)
        {
          CwPriceComponent c;

          c.type = get_enum (in, CW_N_TARIFF_DIMENSIONS, "a price dimension out of range");
          c.price = get_finite (in);
          c.vat = get_finite (in);
          c.step_size = get_u32 (in);
          g_array_append_val (e->components, c);
        }
      e->has_restrictions = get_bool (in);
      if (!e->has_restrictions)
        continue;
      r->start_time = get_str (in);
      r->end_time = get_str (in);
      r->start_date = get_str (in);
      r->end_date = get_str (in);
      r->min_kwh = get_finite (in);
      r->max_kwh = get_finite (in);
      r->min_current = get_finite (in);
      r->max_current = get_finite (in);
      r->min_power = get_finite (in);
      r->max_power = get_finite (in);
      r->min_duration = (gint32) get_u32 (in);
      r->max_duration = (gint32) get_u32 (in);
      r->day_mask = get_u8 (in);
      r->reservation = get_enum (in, CW_N_RESERVATION_RESTRICTIONS, "a reservation restriction out of range");
    }
  return t;
}

static void
get_connector (In          *in,
               CwConnectorDraft *c,
               GPtrArray   *tariffs)
{
  guint32 tariff, n_ids;

  c->id = get_str (in);
  c->standard_label = get_str (in);
  c->standard = get_enum (in, CW_N_CONNECTOR_STANDARDS, "a connector standard out of range");
  c->format = get_enum (in, CW_N_CONNECTOR_FORMATS, "a connector format out of range");
  c->power_type = get_enum (in, CW_N_POWER_TYPES, "a power type out of range");
  c->max_voltage = get_limit (in);
  c->max_amperage = get_limit (in);
  c->max_power_kw = get_finite (in);
  if (c->max_power_kw < 0)
    fail (in, "a negative power");
  tariff = get_u32 (in);
  if (tariff > tariffs->len)
    fail (in, "a tariff the file does not hold");
  else if (tariff > 0)
    c->tariff = cw_tariff_ref (g_ptr_array_index (tariffs, tariff - 1));
  n_ids = get_u32 (in);
  if (n_ids == 0 || !in->ok)
    return;
  n_ids--;
  if ((guint64) n_ids * 4 > (guint64) (in->end - in->p))
    {
      fail (in, "a count larger than the file");
      return;
    }
  c->tariff_ids = g_new0 (char *, n_ids + 1);
  for (guint k = 0; k < n_ids && in->ok; k++)
    {
      c->tariff_ids[k] = get_str (in);
      /* A NULL inside would end the list early: not what was written. */
      if (c->tariff_ids[k] == NULL)
        fail (in, "a tariff id that is NULL");
    }
}

static CwStation *
get_station (In         *in,
             const char *source,
             GPtrArray  *tariffs)
{
  g_autofree char *id = get_str (in);
  CwStation *s;
  CwEvseDraft *evses;
  guint n_evses;
  guint32 facilities;

  if (!in->ok)
    return NULL;
  if (id == NULL)
    {
      fail (in, "a station without an id");
      return NULL;
    }
  {
    /* in CwStationString order, as the encoder wrote them */
    char *values[CW_N_STATION_STRINGS];

    values[CW_STATION_ID] = id;
    for (guint k = CW_STATION_ID + 1; k < CW_N_STATION_STRINGS; k++)
      values[k] = get_str (in);
    s = cw_station_new_with_strings (source, (const char **) values);
    for (guint k = CW_STATION_ID + 1; k < CW_N_STATION_STRINGS; k++)
      g_free (values[k]);
  }
  s->latitude = get_f64 (in);
  s->longitude = get_f64 (in);
  if (!(s->latitude >= -90 && s->latitude <= 90 && s->longitude >= -180 && s->longitude <= 180))
    fail (in, "coordinates out of range");
  s->last_updated = get_time (in);
  facilities = get_u32 (in);
  if (facilities >> CW_N_FACILITIES != 0)
    fail (in, "a facility out of range");
  s->facilities = facilities & ((1u << CW_N_FACILITIES) - 1);
  s->parking_type = get_enum (in, CW_N_PARKING_TYPES, "a parking type out of range");
  s->twentyfourseven = get_bool (in);
  s->is_public = get_bool (in);
  if (get_bool (in))
    cw_station_take_opening_hours (s, get_hours (in));

  n_evses = get_count (in, MIN_EVSE, CW_STATION_MAX_EVSES);
  if (n_evses == 0 || !in->ok)
    return s;
  /* Read into a plain array, then one block. */
  evses = g_new0 (CwEvseDraft, n_evses);
  for (guint i = 0; i < n_evses && in->ok; i++)
    {
      CwEvseDraft *e = &evses[i];
      guint n_conn;

      e->uid = get_str (in);
      e->evse_id = get_str (in);
      e->last_updated = get_time (in);
      e->quantity = get_u32 (in);
      e->status = get_enum (in, CW_N_EVSE_STATUS, "an EVSE status out of range");
      n_conn = get_count (in, MIN_CONNECTOR, CW_EVSE_MAX_CONNECTORS);
      if (n_conn == 0)
        continue;
      e->connectors = g_new0 (CwConnectorDraft, n_conn);
      e->n_connectors = n_conn;
      for (guint j = 0; j < n_conn && in->ok; j++)
        get_connector (in, &e->connectors[j], tariffs);
    }
  /* Even half read, the EVSEs are whole structs: the station frees them. */
  cw_station_set_evses (s, evses, n_evses);
  return s;
}

GPtrArray *
cw_station_cache_decode (GBytes      *bytes,
                         const char  *source,
                         gint64      *saved_at,
                         gint64      *sync_start,
                         GError     **error)
{
  g_autoptr (GPtrArray) tariffs = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autofree char *file_source = NULL;
  const guint8 *data;
  gsize size;
  In in = { 0 };
  guint32 version, reserved;
  guint64 body_len, sum;
  gint64 saved, start;
  guint n;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size < HEADER_SIZE || memcmp (data, MAGIC, 8) != 0)
    {
      g_set_error_literal (error, CW_STATION_CACHE_ERROR, CW_STATION_CACHE_ERROR_NOT_A_CACHE,
                           "not a Chargeway station cache");
      return NULL;
    }
  in.p = data + 8;
  in.end = data + HEADER_SIZE;
  in.ok = TRUE;
  version = get_u32 (&in);
  reserved = get_u32 (&in);
  sum = get_u64 (&in);
  body_len = get_u64 (&in);
  saved = (gint64) get_u64 (&in);
  start = (gint64) get_u64 (&in);
  if (version != CW_STATION_CACHE_VERSION || reserved != 0)
    {
      g_set_error (error, CW_STATION_CACHE_ERROR, CW_STATION_CACHE_ERROR_VERSION,
                   "a cache of format %u, not %u", version, CW_STATION_CACHE_VERSION);
      return NULL;
    }
  if (body_len != size - HEADER_SIZE)
    {
      g_set_error (error, CW_STATION_CACHE_ERROR, CW_STATION_CACHE_ERROR_TRUNCATED,
                   "the cache holds %" G_GSIZE_FORMAT " bytes, its header says %" G_GUINT64_FORMAT,
                   size, body_len + HEADER_SIZE);
      return NULL;
    }
  if (cw_station_cache_checksum (data + CHECKSUM_END, size - CHECKSUM_END) != sum)
    {
      g_set_error_literal (error, CW_STATION_CACHE_ERROR, CW_STATION_CACHE_ERROR_CHECKSUM,
                           "the cache's checksum does not match its contents");
      return NULL;
    }

  in.p = data + HEADER_SIZE;
  in.end = data + size;
  file_source = get_str (&in);
  if (in.ok && g_strcmp0 (file_source, source) != 0)
    fail (&in, "the cache of another source");

  tariffs = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_tariff_unref);
  n = get_count (&in, MIN_TARIFF, G_MAXUINT32);
  for (guint i = 0; i < n && in.ok; i++)
    g_ptr_array_add (tariffs, get_tariff (&in));

  n = get_count (&in, MIN_STATION, G_MAXUINT32);
  stations = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n && in.ok; i++)
    {
      CwStation *s = get_station (&in, source, tariffs);

      if (s != NULL)
        g_ptr_array_add (stations, s);
    }
  if (in.ok && in.p != in.end)
    fail (&in, "bytes after the last station");
  if (!in.ok)
    {
      g_set_error (error, CW_STATION_CACHE_ERROR, CW_STATION_CACHE_ERROR_CORRUPT,
                   "a damaged cache: %s", in.what);
      return NULL;
    }

  if (saved_at != NULL)
    *saved_at = saved;
  if (sync_start != NULL)
    *sync_start = start;
  return g_steal_pointer (&stations);
}
