/* test-filter.c: CwFilter criteria alone and together, on hand-made
 * stations, the demo network and the London Open Charge Map file;
 * strictness of changes; the saved text form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-filter.h"
#include "cw-source.h"
#include "cw-tariff-estimate.h"

#define AMS "Europe/Amsterdam"

static gint64
local_time (const char *tz_name,
            int y, int mo, int d, int h, int mi)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (tz_name);
  g_autoptr (GDateTime) dt = g_date_time_new (tz, y, mo, d, h, mi, 0);
  return g_date_time_to_unix (dt);
}

/* Tuesday 2026-11-24 14:00 in Amsterdam */
static gint64
tuesday_afternoon (void)
{
  return local_time (AMS, 2026, 11, 24, 14, 0);
}

/* ---- hand-made stations ---- */

static CwTariff *
energy_tariff (const char *id,
               const char *currency,
               double      price,
               double      vat)
{
  CwTariff *t = cw_tariff_new ();
  CwTariffElement *e = cw_tariff_element_new ();
  CwPriceComponent pc = { CW_TARIFF_DIMENSION_ENERGY, price, vat, 1 };

  t->id = g_strdup (id);
  t->currency = g_strdup (currency);
  g_array_append_val (e->components, pc);
  g_ptr_array_add (t->elements, e);
  return t;
}

static void
add_evse (CwStation           *s,
          CwEvseStatus         status,
          CwConnectorStandard  standard,
          double               kw,
          CwTariff            *tariff)
{
  CwEvseDraft *e = cw_evse_new ();
  CwConnectorDraft *c = cw_connector_new ();

  e->uid = g_strdup_printf ("%s-E%u", cw_station_get_id (s), s->n_evses + 1);
  e->status = status;
  c->id = g_strdup ("1");
  c->standard = standard;
  c->max_power_kw = kw;
  c->tariff = tariff ? cw_tariff_ref (tariff) : NULL;
  cw_evse_take_connector (e, c);
  cw_station_take_evse (s, e);
}

typedef struct {
  GPtrArray *stations;          /* CwStation */
  CwTariff  *cheap;             /* EUR 0.45 + 21 % = 0.5445/kWh */
  CwTariff  *dear;              /* EUR 0.65 + 21 % = 0.7865/kWh */
  CwTariff  *pounds;            /* GBP 0.40 + 20 % = 0.48/kWh */
} Fixture;

static CwStation *
station (Fixture    *fx,
         const char *id,
         const char *operator_name)
{
  CwStation *s = cw_station_new ("test", id);

  cw_station_set_string (s, CW_STATION_OPERATOR_NAME, operator_name);
  cw_station_set_string (s, CW_STATION_TIME_ZONE, AMS);
  s->twentyfourseven = TRUE;
  g_ptr_array_add (fx->stations, s);
  return s;
}

static CwStation *
find (Fixture    *fx,
      const char *id)
{
  for (guint i = 0; i < fx->stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (fx->stations, i);
      if (g_str_equal (cw_station_get_id (s), id))
        return s;
    }
  g_assert_not_reached ();
}

/*
 *  id         operator     what                                      place
 *  motorway   Snelstroom   CCS2 150 free, CCS2 300 busy (dear)       motorway, restaurant
 *  mall       Voltaplein   Type 2 22 free, CCS2 50 busy (cheap)      mall, not 24/7: Mon–Sat 09–21
 *  hotel      Voltaplein   CHAdeMO 50 busy, Type 2 11 free (none)    hotel, café, not public
 *  street     Ladewerk     Schuko 3.7 free (cheap)                   street, hours unknown
 *  london     Pod Point    CCS2 150 free (GBP)                       supermarket
 *  tesla      Supercharge  NACS 250 free (dear)                      motorway, closed (exceptional)
 */
static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  CwStation *s;

  fx->stations = g_ptr_array_new_with_free_func (g_object_unref);
  fx->cheap = energy_tariff ("cheap", "EUR", 0.45, 21);
  fx->dear = energy_tariff ("dear", "EUR", 0.65, 21);
  fx->pounds = energy_tariff ("gbp", "GBP", 0.40, 20);

  s = station (fx, "motorway", "Snelstroom");
  s->parking_type = CW_PARKING_TYPE_ALONG_MOTORWAY;
  s->facilities = CW_FACILITY_BIT (CW_FACILITY_RESTAURANT) | CW_FACILITY_BIT (CW_FACILITY_FUEL_STATION);
  add_evse (s, CW_EVSE_STATUS_AVAILABLE, CW_CONNECTOR_IEC_62196_T2_COMBO, 150, fx->dear);
  add_evse (s, CW_EVSE_STATUS_CHARGING, CW_CONNECTOR_IEC_62196_T2_COMBO, 300, fx->dear);

  s = station (fx, "mall", "Voltaplein");
  s->parking_type = CW_PARKING_TYPE_PARKING_GARAGE;
  s->facilities = CW_FACILITY_BIT (CW_FACILITY_MALL);
  s->twentyfourseven = FALSE;
  cw_station_take_opening_hours (s, cw_opening_hours_new ());
  for (guint d = 1; d <= 6; d++)
    cw_opening_hours_add_regular (cw_station_get_opening_hours (s), d, "09:00", "21:00");
  add_evse (s, CW_EVSE_STATUS_AVAILABLE, CW_CONNECTOR_IEC_62196_T2, 22, fx->cheap);
  add_evse (s, CW_EVSE_STATUS_CHARGING, CW_CONNECTOR_IEC_62196_T2_COMBO, 50, fx->cheap);

  s = station (fx, "hotel", "Voltaplein");
  s->parking_type = CW_PARKING_TYPE_PARKING_LOT;
  s->facilities = CW_FACILITY_BIT (CW_FACILITY_HOTEL) | CW_FACILITY_BIT (CW_FACILITY_CAFE);
  s->is_public = FALSE;
  add_evse (s, CW_EVSE_STATUS_CHARGING, CW_CONNECTOR_CHADEMO, 50, NULL);
  add_evse (s, CW_EVSE_STATUS_AVAILABLE, CW_CONNECTOR_IEC_62196_T2, 11, NULL);

  s = station (fx, "street", "Ladewerk");
  s->parking_type = CW_PARKING_TYPE_ON_STREET;
  s->twentyfourseven = FALSE;
  add_evse (s, CW_EVSE_STATUS_AVAILABLE, CW_CONNECTOR_DOMESTIC_F, 3.7, fx->cheap);

  s = station (fx, "london", "Pod Point");
  cw_station_set_string (s, CW_STATION_TIME_ZONE, "Europe/London");
  s->facilities = CW_FACILITY_BIT (CW_FACILITY_SUPERMARKET);
  add_evse (s, CW_EVSE_STATUS_AVAILABLE, CW_CONNECTOR_IEC_62196_T2_COMBO, 150, fx->pounds);

  s = station (fx, "tesla", "Supercharge");
  s->parking_type = CW_PARKING_TYPE_ALONG_MOTORWAY;
  cw_station_take_opening_hours (s, cw_opening_hours_new ());
  cw_station_get_opening_hours (s)->twentyfourseven = TRUE;
  cw_opening_hours_add_exceptional (cw_station_get_opening_hours (s), FALSE, tuesday_afternoon () - 3600,
                                    tuesday_afternoon () + 3600);
  add_evse (s, CW_EVSE_STATUS_AVAILABLE, CW_CONNECTOR_TESLA_S, 250, fx->dear);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_ptr_array_unref (fx->stations);
  cw_tariff_unref (fx->cheap);
  cw_tariff_unref (fx->dear);
  cw_tariff_unref (fx->pounds);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The ids of the stations @str keeps at @now, sorted, joined by spaces. */
static char *
kept_sorted (Fixture    *fx,
             const char *str,
             gint64      now)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwFilter) f = cw_filter_from_string (str, &error);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < fx->stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (fx->stations, i);
      if (cw_filter_matches (f, s, now))
        g_ptr_array_add (ids, (gpointer) cw_station_get_id (s));
    }
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", (const char *) g_ptr_array_index (ids, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_kept(fx, str, now, expected)                  \
  G_STMT_START {                                             \
    g_autofree char *got_ = kept_sorted (fx, str, now);      \
    g_test_message ("\"%s\" keeps: %s", str, got_);          \
    g_assert_cmpstr (got_, ==, expected);                    \
  } G_STMT_END

static void
test_each_criterion (Fixture       *fx,
                     gconstpointer  data)
{
  gint64 now = tuesday_afternoon ();
  const char *all = "hotel london mall motorway street tesla";

  assert_kept (fx, "", now, all);
  /* standards: CCS2 on motorway, mall (50 kW, busy) and london */
  assert_kept (fx, "standard=CCS2", now, "london mall motorway");
  assert_kept (fx, "standard=CHADEMO", now, "hotel");
  assert_kept (fx, "standard=TYPE2", now, "hotel mall");
  assert_kept (fx, "standard=NACS", now, "tesla");
  assert_kept (fx, "standard=DOMESTIC", now, "street");
  assert_kept (fx, "standard=CCS1", now, "");
  /* power on any connector */
  assert_kept (fx, "min_kw=150", now, "london motorway tesla");
  assert_kept (fx, "min_kw=22", now, "hotel london mall motorway tesla");
  /* power on the chosen standard only: the mall's 22 kW is Type 2, its CCS2 is 50 */
  assert_kept (fx, "standard=TYPE2;min_kw=50", now, "");
  assert_kept (fx, "standard=CHADEMO;min_kw=50", now, "hotel");
  /* free now: at least one EVSE AVAILABLE */
  assert_kept (fx, "free", now, all);
  /* … of the chosen kind: the mall's CCS2 is busy, its Type 2 free */
  assert_kept (fx, "standard=CCS2;free", now, "london motorway");
  assert_kept (fx, "standard=CHADEMO;free", now, "");
  /* operators */
  assert_kept (fx, "operator=Voltaplein", now, "hotel mall");
  assert_kept (fx, "operator=Voltaplein,Ladewerk", now, "hotel mall street");
  assert_kept (fx, "operator=Nobody", now, "");
  /* near: a café counts as a restaurant; CAFE alone is stricter */
  assert_kept (fx, "near=RESTAURANT", now, "hotel motorway");
  assert_kept (fx, "near=CAFE", now, "hotel");
  assert_kept (fx, "near=HOTEL", now, "hotel");
  assert_kept (fx, "near=MALL", now, "mall");
  assert_kept (fx, "near=SUPERMARKET", now, "london");
  assert_kept (fx, "near=HOTEL,MALL", now, "hotel mall");
  /* motorway */
  assert_kept (fx, "motorway", now, "motorway tesla");
  /* open now: tesla closed by an exception, the mall open on a Tuesday
   * afternoon, the street's hours unknown (kept) */
  assert_kept (fx, "open", now, "hotel london mall motorway street");
  /* public */
  assert_kept (fx, "public", now, "london mall motorway street tesla");
  /* maximum price incl. VAT: cheap 0.5445, dear 0.7865, GBP 0.48; no tariff out */
  assert_kept (fx, "max_price=0.55", now, "london mall street");
  assert_kept (fx, "max_price=0.55EUR", now, "mall street");
  assert_kept (fx, "max_price=0.5", now, "london");
  assert_kept (fx, "max_price=0.80", now, "london mall motorway street tesla");
  assert_kept (fx, "max_price=0.80GBP", now, "london");
}

static void
test_combined (Fixture       *fx,
               gconstpointer  data)
{
  gint64 now = tuesday_afternoon ();
  /* Sunday 2026-11-29 14:00: the mall is closed */
  gint64 sunday = local_time (AMS, 2026, 11, 29, 14, 0);

  assert_kept (fx, "standard=CCS2;min_kw=150;free;near=RESTAURANT;motorway", now, "motorway");
  assert_kept (fx, "standard=CCS2,NACS;min_kw=150;free;motorway", now, "motorway tesla");
  assert_kept (fx, "standard=CCS2,NACS;min_kw=150;free;motorway;open", now, "motorway");
  /* …an hour later the exceptional closing is over */
  assert_kept (fx, "standard=CCS2,NACS;min_kw=150;free;motorway;open", now + 3600, "motorway tesla");
  assert_kept (fx, "operator=Voltaplein;public;open", now, "mall");
  assert_kept (fx, "operator=Voltaplein;public;open", sunday, "");
  assert_kept (fx, "standard=TYPE2;free;max_price=0.60", now, "mall");
  /* the hotel's free Type 2 has no tariff: out once a price is asked */
  assert_kept (fx, "standard=TYPE2;free", now, "hotel mall");
  assert_kept (fx, "near=RESTAURANT;max_price=0.60", now, "");
  assert_kept (fx, "free;max_price=0.55;open", now, "london mall street");
}

static void
test_undecided (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr (CwFilter) f = cw_filter_from_string ("open", NULL);
  CwFilterCriteria undecided = 0;
  gint64 now = tuesday_afternoon ();

  g_assert_true (cw_filter_matches_full (f, find (fx, "street"), now, &undecided));
  g_assert_cmpint (undecided, ==, CW_FILTER_OPEN_NOW);
  g_assert_cmpint (cw_filter_station_open_state (find (fx, "street"), now), ==, CW_OPEN_STATE_UNKNOWN);
  g_assert_true (cw_filter_matches_full (f, find (fx, "mall"), now, &undecided));
  g_assert_cmpint (undecided, ==, 0);
  /* a bare twentyfourseven flag counts as open */
  g_assert_cmpint (cw_filter_station_open_state (find (fx, "motorway"), now), ==, CW_OPEN_STATE_OPEN);
  g_assert_false (cw_filter_matches_full (f, find (fx, "tesla"), now, &undecided));
  g_assert_cmpint (undecided, ==, 0);
}

/* ---- strictness ---- */

static CwFilterChange
compare (const char *a,
         const char *b)
{
  g_autoptr (CwFilter) fa = cw_filter_from_string (a, NULL);
  g_autoptr (CwFilter) fb = cw_filter_from_string (b, NULL);

  g_assert_nonnull (fa);
  g_assert_nonnull (fb);
  return cw_filter_compare (fa, fb);
}

static void
test_compare (void)
{
  const struct {
    const char *old_f, *new_f;
    CwFilterChange change;
  } cases[] = {
    { "", "", CW_FILTER_CHANGE_NONE },
    { "standard=CCS2;free", "free;standard=CCS2", CW_FILTER_CHANGE_NONE },
    { "near=RESTAURANT", "near=RESTAURANT,CAFE", CW_FILTER_CHANGE_NONE },
    { "", "free", CW_FILTER_CHANGE_MORE_STRICT },
    { "free", "", CW_FILTER_CHANGE_LESS_STRICT },
    { "", "standard=CCS2", CW_FILTER_CHANGE_MORE_STRICT },
    { "standard=CCS2,CHADEMO", "standard=CCS2", CW_FILTER_CHANGE_MORE_STRICT },
    { "standard=CCS2", "standard=CCS2,CHADEMO", CW_FILTER_CHANGE_LESS_STRICT },
    { "standard=CCS2", "standard=CHADEMO", CW_FILTER_CHANGE_DIFFERENT },
    { "standard=CCS2", "", CW_FILTER_CHANGE_LESS_STRICT },
    { "min_kw=50", "min_kw=150", CW_FILTER_CHANGE_MORE_STRICT },
    { "min_kw=150", "min_kw=50", CW_FILTER_CHANGE_LESS_STRICT },
    { "operator=A,B", "operator=A", CW_FILTER_CHANGE_MORE_STRICT },
    { "operator=A", "", CW_FILTER_CHANGE_LESS_STRICT },
    { "operator=A", "operator=B", CW_FILTER_CHANGE_DIFFERENT },
    { "near=RESTAURANT", "near=CAFE", CW_FILTER_CHANGE_MORE_STRICT },
    { "near=HOTEL", "near=HOTEL,MALL", CW_FILTER_CHANGE_LESS_STRICT },
    { "", "motorway", CW_FILTER_CHANGE_MORE_STRICT },
    { "open", "", CW_FILTER_CHANGE_LESS_STRICT },
    { "", "public", CW_FILTER_CHANGE_MORE_STRICT },
    { "", "max_price=0.60", CW_FILTER_CHANGE_MORE_STRICT },
    { "max_price=0.60", "max_price=0.50", CW_FILTER_CHANGE_MORE_STRICT },
    { "max_price=0.50", "max_price=0.60", CW_FILTER_CHANGE_LESS_STRICT },
    { "max_price=0.50", "max_price=0.50EUR", CW_FILTER_CHANGE_MORE_STRICT },
    { "max_price=0.50EUR", "max_price=0.50GBP", CW_FILTER_CHANGE_DIFFERENT },
    { "max_price=0.50EUR", "max_price=0.60", CW_FILTER_CHANGE_LESS_STRICT },
    /* both ways at once */
    { "min_kw=50", "min_kw=150;free", CW_FILTER_CHANGE_MORE_STRICT },
    { "min_kw=150", "min_kw=50;free", CW_FILTER_CHANGE_DIFFERENT },
    { "standard=CCS2;free;motorway", "standard=CCS2,CHADEMO;motorway", CW_FILTER_CHANGE_LESS_STRICT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("\"%s\" -> \"%s\"", cases[i].old_f, cases[i].new_f);
      g_assert_cmpint (compare (cases[i].old_f, cases[i].new_f), ==, cases[i].change);
    }
}

/* MORE_STRICT must keep a subset, LESS_STRICT a superset: check every
 * pair of a set of filters against the hand-made stations. */
static void
test_compare_is_honest (Fixture       *fx,
                        gconstpointer  data)
{
  const char *filters[] = {
    "", "free", "standard=CCS2", "standard=CCS2,NACS", "standard=CCS2;free", "min_kw=150",
    "min_kw=22;standard=TYPE2", "near=RESTAURANT", "near=CAFE", "near=HOTEL,MALL", "motorway",
    "open", "public", "max_price=0.55", "max_price=0.80", "max_price=0.80EUR",
    "operator=Voltaplein", "operator=Voltaplein,Snelstroom", "free;motorway;open",
  };
  gint64 now = tuesday_afternoon ();
  guint checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    for (guint j = 0; j < G_N_ELEMENTS (filters); j++)
      {
        g_autoptr (CwFilter) a = cw_filter_from_string (filters[i], NULL);
        g_autoptr (CwFilter) b = cw_filter_from_string (filters[j], NULL);
        CwFilterChange change = cw_filter_compare (a, b);

        for (guint k = 0; k < fx->stations->len; k++)
          {
            CwStation *s = g_ptr_array_index (fx->stations, k);
            gboolean in_a = cw_filter_matches (a, s, now), in_b = cw_filter_matches (b, s, now);

            if (change == CW_FILTER_CHANGE_MORE_STRICT || change == CW_FILTER_CHANGE_NONE)
              g_assert_true (!in_b || in_a);
            if (change == CW_FILTER_CHANGE_LESS_STRICT || change == CW_FILTER_CHANGE_NONE)
              g_assert_true (!in_a || in_b);
            checked++;
          }
      }
  g_assert_cmpuint (checked, >, 1000);
}

/* ---- text form ---- */

static void
test_round_trip (void)
{
  const char *canonical[] = {
    "",
    "standard=CCS2,CHADEMO;min_kw=150;free;near=RESTAURANT;motorway",
    "standard=CCS2,CCS1,CHADEMO,TYPE2,NACS,DOMESTIC",
    "standard=CCS2,DOMESTIC_F,GBT_DC",
    "min_kw=7.4",
    "operator=Fastned,Ionity",
    "near=HOTEL,RESTAURANT,CAFE,MALL,SUPERMARKET",
    "free;open;public",
    "max_price=0.59",
    "max_price=0.59EUR",
    "max_price=0",
    "standard=TYPE2;min_kw=11;free;operator=Voltaplein (demo);near=MALL;motorway;open;public;max_price=0.45GBP",
  };

  for (guint i = 0; i < G_N_ELEMENTS (canonical); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CwFilter) f = cw_filter_from_string (canonical[i], &error);
      g_autoptr (CwFilter) copy = NULL;
      g_autofree char *str = NULL;

      g_assert_no_error (error);
      str = cw_filter_to_string (f);
      g_assert_cmpstr (str, ==, canonical[i]);
      copy = cw_filter_copy (f);
      g_assert_true (cw_filter_equal (f, copy));
    }

  /* Built in code, with every awkward character in a name. */
  {
    g_autoptr (CwFilter) f = cw_filter_new ();
    g_autoptr (CwFilter) back = NULL;
    g_autoptr (GError) error = NULL;
    g_autofree char *str = NULL;
    const char *names[] = { "Zap;Map", "A=B, C", "100% Green", "Ionity", "Ionity", "Élan\tvital", NULL };

    f->standards = cw_connector_group_mask (CW_CONNECTOR_GROUP_NACS) | CW_STANDARD_BIT (CW_CONNECTOR_IEC_62196_T2_COMBO);
    f->min_power_kw = 50;
    cw_filter_set_operators (f, names);
    g_assert_cmpuint (g_strv_length (f->operators), ==, 5);
    f->near = CW_FACILITY_BIT (CW_FACILITY_SUPERMARKET);
    f->max_price_kwh = 0.5;
    f->price_currency = g_strdup ("EUR");
    str = cw_filter_to_string (f);
    g_assert_cmpstr (str, ==,
                     "standard=CCS2,NACS;min_kw=50;operator=100%25 Green,A%3DB%2C C,Ionity,Zap%3BMap,"
                     "Élan%09vital;near=SUPERMARKET;max_price=0.5EUR");
    back = cw_filter_from_string (str, &error);
    g_assert_no_error (error);
    g_assert_true (g_strv_equal ((const char * const *) back->operators, (const char * const *) f->operators));
    g_assert_cmpint (cw_filter_compare (f, back), ==, CW_FILTER_CHANGE_NONE);
  }

  /* Lenient on case and spaces; the result is canonical. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (CwFilter) f = cw_filter_from_string (" Standard = ccs2 , iec_62196_t2 ; FREE ; near=cafe;max_price=0.5eur ", &error);
    g_autofree char *str = NULL;

    g_assert_no_error (error);
    str = cw_filter_to_string (f);
    g_assert_cmpstr (str, ==, "standard=CCS2,TYPE2;free;near=CAFE;max_price=0.5EUR");
  }
}

static void
test_parse_errors (void)
{
  const char *bad[] = {
    "colour=red", "standard=CCS3", "min_kw=fast", "min_kw=-5", "free=yes", "motorway=1",
    "near=BEACH", "near", "standard", "max_price=cheap", "max_price=0.5EURO", "free;free", "standard=",
    "operator=", "operator=A,,B", "operator=%zz",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CwFilter) f = cw_filter_from_string (bad[i], &error);

      g_test_message ("%s: %s", bad[i], error ? error->message : "(accepted)");
      g_assert_null (f);
      g_assert_error (error, CW_FILTER_ERROR, CW_FILTER_ERROR_PARSE);
    }
}

static void
test_groups (void)
{
  guint64 all = 0;

  for (guint g = 0; g < CW_N_CONNECTOR_GROUPS; g++)
    {
      guint64 m = cw_connector_group_mask (g);

      g_assert_cmpuint (m, !=, 0);
      g_assert_cmpuint (all & m, ==, 0);        /* groups do not overlap */
      all |= m;
      g_assert_nonnull (cw_connector_group_label (g));
    }
  g_assert_cmpuint (cw_connector_group_mask (CW_CONNECTOR_GROUP_NACS), ==, CW_STANDARD_BIT (CW_CONNECTOR_TESLA_S));
  g_assert_cmpstr (cw_connector_group_label (CW_CONNECTOR_GROUP_NACS), ==, "NACS/J3400");
  g_assert_cmpuint (__builtin_popcountll (cw_connector_group_mask (CW_CONNECTOR_GROUP_DOMESTIC)), ==, 15);
}

/* ---- the demo network ---- */

static GPtrArray *
load_source (const char *spec_str)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse (spec_str, &error);
  GPtrArray *stations;

  g_assert_no_error (error);
  stations = cw_source_load (spec, NULL, &error);
  g_assert_no_error (error);
  return stations;
}

/* The driver's question asked the long way round, without cw-filter:
 * a free CCS2 connector of 150 kW or more, a restaurant or café, on a
 * motorway. */
static gboolean
brute_ccs_stop (CwStation *s)
{
  gboolean food = FALSE, plug = FALSE;

  if (s->parking_type != CW_PARKING_TYPE_ALONG_MOTORWAY)
    return FALSE;
  for (CwFacility f = 0; f < CW_N_FACILITIES; f++)
    if (((s->facilities >> f) & 1) && (f == CW_FACILITY_RESTAURANT || f == CW_FACILITY_CAFE))
      food = TRUE;
  for (guint i = 0; i < s->n_evses && !plug; i++)
    {
      CwEvse *e = &s->evses[i];

      if (cw_evse_status_availability (e->status) != CW_AVAILABILITY_AVAILABLE)
        continue;
      for (guint j = 0; j < e->n_connectors; j++)
        {
          CwConnector *c = &cw_evse_get_connectors (e)[j];
          if (g_strcmp0 (cw_connector_standard_to_string (c->standard), "IEC_62196_T2_COMBO") == 0 &&
              c->max_power_kw >= 150)
            plug = TRUE;
        }
    }
  return food && plug;
}

/* Per-kWh price the long way: simulate 1 kWh at the connector's power
 * and read the energy part; a tariff that bills time has no such price. */
static gboolean
brute_price_at_most (CwStation *s,
                     double     max,
                     gint64     now)
{
  for (guint i = 0; i < s->n_evses; i++)
    {
      CwEvse *e = &s->evses[i];

      for (guint j = 0; j < e->n_connectors; j++)
        {
          CwConnector *c = &cw_evse_get_connectors (e)[j];
          CwSessionPlan plan = { now, cw_station_get_time_zone (s), 1.0, c->max_power_kw > 0 ? c->max_power_kw : 11, 0, 0, 0 };
          g_autoptr (CwTariffEstimate) est = NULL;

          if (cw_connector_get_tariff (c) == NULL)
            continue;
          est = cw_tariff_estimate (cw_connector_get_tariff (c), &plan, NULL);
          if (est->time_incl > 0)
            continue;
          if (est->energy_incl <= max + 1e-9)
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_demo (void)
{
  g_autoptr (GPtrArray) stations = load_source ("demo");
  g_autoptr (CwFilter) f = NULL;
  g_autoptr (GError) error = NULL;
  gint64 now = tuesday_afternoon ();
  gint64 sunday_night = local_time (AMS, 2026, 11, 29, 3, 0);
  guint n = 0;

  g_assert_cmpuint (stations->len, >, 300);

  /* "CCS, at least 150 kW, free now, near a restaurant, along the motorway" */
  f = cw_filter_from_string ("standard=CCS2;min_kw=150;free;near=RESTAURANT;motorway", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      gboolean m = cw_filter_matches (f, s, now);

      g_assert_cmpint (m, ==, brute_ccs_stop (s));
      n += m;
    }
  g_test_message ("demo: %u of %u stations are a free CCS2 150+ kW motorway stop with food", n, stations->len);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, stations->len);

  /* Each criterion alone keeps some and drops some, and agrees with a
   * plain reading of the data. */
  {
    const char *alone[] = {
      "standard=CCS2", "standard=CHADEMO", "standard=NACS", "standard=DOMESTIC", "min_kw=150", "free",
      "operator=Snelstroom (demo)", "near=HOTEL", "near=MALL", "near=RESTAURANT", "near=SUPERMARKET",
      "motorway", "open", "public", "max_price=0.55",
    };

    for (guint k = 0; k < G_N_ELEMENTS (alone); k++)
      {
        g_autoptr (CwFilter) one = cw_filter_from_string (alone[k], NULL);
        guint kept_n = 0;

        for (guint i = 0; i < stations->len; i++)
          {
            CwStation *s = g_ptr_array_index (stations, i);
            gboolean m = cw_filter_matches (one, s, sunday_night);
            gboolean expect;

            switch (k)
              {
              case 0: expect = (cw_station_get_standards (s) >> CW_CONNECTOR_IEC_62196_T2_COMBO) & 1; break;
              case 1: expect = (cw_station_get_standards (s) >> CW_CONNECTOR_CHADEMO) & 1; break;
              case 2: expect = (cw_station_get_standards (s) >> CW_CONNECTOR_TESLA_S) & 1; break;
              case 3: expect = (cw_station_get_standards (s) & cw_connector_group_mask (CW_CONNECTOR_GROUP_DOMESTIC)) != 0; break;
              case 4: expect = cw_station_get_max_power_kw (s) >= 150; break;
              case 5: expect = cw_station_count_available (s) > 0; break;
              case 6: expect = g_strcmp0 (cw_station_get_operator_name (s), "Snelstroom (demo)") == 0; break;
              case 7: expect = cw_station_has_facility (s, CW_FACILITY_HOTEL); break;
              case 8: expect = cw_station_has_facility (s, CW_FACILITY_MALL); break;
              case 9: expect = cw_station_has_facility (s, CW_FACILITY_RESTAURANT) ||
                               cw_station_has_facility (s, CW_FACILITY_CAFE); break;
              case 10: expect = cw_station_has_facility (s, CW_FACILITY_SUPERMARKET); break;
              case 11: expect = cw_station_get_category (s) == CW_CATEGORY_MOTORWAY; break;
              case 12: expect = cw_opening_hours_is_open (cw_station_get_opening_hours (s), cw_station_get_time_zone (s), sunday_night) != CW_OPEN_STATE_CLOSED; break;
              case 13: expect = s->is_public; break;
              case 14: default: expect = brute_price_at_most (s, 0.55, sunday_night); break;
              }
            g_assert_cmpint (m, ==, expect);
            kept_n += m;
          }
        g_test_message ("demo, Sunday 03:00: \"%s\" keeps %u", alone[k], kept_n);
        g_assert_cmpuint (kept_n, >, 0);
        /* every demo station is public and has hours */
        if (k != 13)
          g_assert_cmpuint (kept_n, <, stations->len);
      }
  }

  /* Opening hours parsed for every demo station; some close at night. */
  {
    guint with_hours = 0, closed = 0;

    for (guint i = 0; i < stations->len; i++)
      {
        CwStation *s = g_ptr_array_index (stations, i);
        with_hours += cw_station_get_opening_hours (s) != NULL;
        closed += cw_filter_station_open_state (s, sunday_night) == CW_OPEN_STATE_CLOSED;
      }
    g_assert_cmpuint (with_hours, ==, stations->len);
    g_assert_cmpuint (closed, >, 0);
  }
  g_assert_null (cw_filter_explain_unanswerable (f, "demo"));
}

/* ---- Open Charge Map, London ---- */

static void
test_ocm_london (void)
{
  const char *shared = g_getenv ("CW_SHARED_DATA");
  g_autofree char *poi = shared ? g_build_filename (shared, "ocm", "london-100-poi-compact.json", NULL) : NULL;
  g_autofree char *spec = NULL;
  g_autoptr (GPtrArray) stations = NULL;
  g_autoptr (CwFilter) near = cw_filter_from_string ("near=RESTAURANT;motorway", NULL);
  g_autoptr (CwFilter) open = cw_filter_from_string ("open", NULL);
  g_autoptr (CwFilter) price = cw_filter_from_string ("max_price=1", NULL);
  g_autoptr (CwFilter) ccs = cw_filter_from_string ("standard=CCS2;min_kw=50", NULL);
  g_autoptr (CwFilter) type2 = cw_filter_from_string ("standard=TYPE2", NULL);
  g_autoptr (CwFilter) fast = cw_filter_from_string ("min_kw=22", NULL);
  g_autofree char *why = NULL;
  guint n_ccs = 0, n_type2 = 0, n_fast = 0;
  const char *source;

  if (poi == NULL || !g_file_test (poi, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("CW_SHARED_DATA/ocm/london-100-poi-compact.json is absent: Open Charge Map filters not checked");
      return;
    }
  spec = g_strconcat ("ocm-file:", poi, NULL);
  stations = load_source (spec);
  g_assert_cmpuint (stations->len, ==, 100);
  source = cw_station_get_source (((CwStation *) g_ptr_array_index (stations, 0)));
  g_assert_true (g_str_has_prefix (source, "ocm"));

  /* What Open Charge Map cannot answer, said plainly. */
  g_assert_cmpint (cw_filter_unanswerable (source), ==,
                   CW_FILTER_NEAR | CW_FILTER_MOTORWAY | CW_FILTER_OPEN_NOW | CW_FILTER_MAX_PRICE);
  g_assert_cmpint (cw_filter_unanswerable ("demo"), ==, 0);
  why = cw_filter_explain_unanswerable (near, source);
  g_test_message ("%s", why);
  g_assert_nonnull (strstr (why, "near a place"));
  g_assert_nonnull (strstr (why, "motorway"));
  g_assert_null (strstr (why, "open now"));
  g_assert_null (cw_filter_explain_unanswerable (ccs, source));

  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);
      CwFilterCriteria undecided = 0;
      guint64 standards = cw_station_get_standards (s);
      gboolean ccs50 = FALSE;

      /* no facilities or parking type: such criteria keep nothing */
      g_assert_false (cw_filter_matches (near, s, tuesday_afternoon ()));
      /* no structured tariffs: a maximum price keeps nothing */
      g_assert_false (cw_filter_matches (price, s, tuesday_afternoon ()));
      /* no opening hours: open-now keeps all, undecided */
      g_assert_true (cw_filter_matches_full (open, s, tuesday_afternoon (), &undecided));
      g_assert_cmpint (undecided, ==, CW_FILTER_OPEN_NOW);

      for (guint j = 0; j < s->n_evses; j++)
        {
          CwEvse *e = &s->evses[j];
          for (guint k = 0; k < e->n_connectors; k++)
            {
              CwConnector *c = &cw_evse_get_connectors (e)[k];
              ccs50 |= c->standard == CW_CONNECTOR_IEC_62196_T2_COMBO && c->max_power_kw >= 50;
            }
        }
      g_assert_cmpint (cw_filter_matches (ccs, s, 0), ==, ccs50);
      g_assert_cmpint (cw_filter_matches (type2, s, 0), ==,
                       (standards & CW_STANDARD_BIT (CW_CONNECTOR_IEC_62196_T2)) != 0);
      g_assert_cmpint (cw_filter_matches (fast, s, 0), ==, cw_station_get_max_power_kw (s) >= 22);
      n_ccs += ccs50;
      n_type2 += cw_filter_matches (type2, s, 0);
      n_fast += cw_filter_matches (fast, s, 0);
    }
  g_test_message ("London OCM: CCS2 50+ kW %u, Type 2 %u, 22+ kW %u of %u", n_ccs, n_type2, n_fast, stations->len);
  g_assert_cmpuint (n_type2, >, 0);
  g_assert_cmpuint (n_fast, >, 0);
  g_assert_cmpuint (n_fast, <, stations->len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/filter/each-criterion", Fixture, NULL, fixture_setup, test_each_criterion, fixture_teardown);
  g_test_add ("/filter/combined", Fixture, NULL, fixture_setup, test_combined, fixture_teardown);
  g_test_add ("/filter/undecided", Fixture, NULL, fixture_setup, test_undecided, fixture_teardown);
  g_test_add ("/filter/compare-is-honest", Fixture, NULL, fixture_setup, test_compare_is_honest, fixture_teardown);
  g_test_add_func ("/filter/compare", test_compare);
  g_test_add_func ("/filter/round-trip", test_round_trip);
  g_test_add_func ("/filter/parse-errors", test_parse_errors);
  g_test_add_func ("/filter/groups", test_groups);
  g_test_add_func ("/filter/demo", test_demo);
  g_test_add_func ("/filter/ocm-london", test_ocm_london);

  return g_test_run ();
}
