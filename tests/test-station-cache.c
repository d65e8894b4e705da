/* test-station-cache.c: the binary station cache gives back what it was
 * given, and nothing at all from a file that is cut, changed, of another
 * version or of another source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cw-source.h"
#include "cw-station-cache.h"

#define SOURCE "ocpi:https://cache.test/ocpi/versions"

/* ---- deep equality ---- */

static void
assert_hours_equal (const CwOpeningHours *a,
                    const CwOpeningHours *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    return;
  g_assert_true (cw_opening_hours_equal (a, b));
  g_assert_cmpuint (a->regular_hours->len, ==, b->regular_hours->len);
  g_assert_cmpuint (a->exceptional_openings->len, ==, b->exceptional_openings->len);
  g_assert_cmpuint (a->exceptional_closings->len, ==, b->exceptional_closings->len);
}

static void
assert_tariffs_equal (const CwTariff *a,
                      const CwTariff *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    return;
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->country_code, ==, b->country_code);
  g_assert_cmpstr (a->party_id, ==, b->party_id);
  g_assert_cmpstr (a->currency, ==, b->currency);
  g_assert_cmpstr (a->alt_text, ==, b->alt_text);
  g_assert_cmpstr (a->alt_url, ==, b->alt_url);
  g_assert_cmpint (a->type, ==, b->type);
  g_assert_cmpfloat (a->min_price_excl, ==, b->min_price_excl);
  g_assert_cmpfloat (a->min_price_incl, ==, b->min_price_incl);
  g_assert_cmpfloat (a->max_price_excl, ==, b->max_price_excl);
  g_assert_cmpfloat (a->max_price_incl, ==, b->max_price_incl);
  g_assert_cmpint (a->last_updated, ==, b->last_updated);
  g_assert_cmpuint (a->elements->len, ==, b->elements->len);
  for (guint i = 0; i < a->elements->len; i++)
    {
      const CwTariffElement *ea = g_ptr_array_index (a->elements, i);
      const CwTariffElement *eb = g_ptr_array_index (b->elements, i);
      const CwTariffRestrictions *ra = &ea->restrictions, *rb = &eb->restrictions;

      g_assert_cmpuint (ea->components->len, ==, eb->components->len);
      for (guint j = 0; j < ea->components->len; j++)
        {
          const CwPriceComponent *ca = &g_array_index (ea->components, CwPriceComponent, j);
          const CwPriceComponent *cb = &g_array_index (eb->components, CwPriceComponent, j);

          g_assert_cmpint (ca->type, ==, cb->type);
          g_assert_cmpfloat (ca->price, ==, cb->price);
          g_assert_cmpfloat (ca->vat, ==, cb->vat);
          g_assert_cmpuint (ca->step_size, ==, cb->step_size);
        }
      g_assert_cmpint (ea->has_restrictions, ==, eb->has_restrictions);
      if (!ea->has_restrictions)
        continue;
      g_assert_cmpstr (ra->start_time, ==, rb->start_time);
      g_assert_cmpstr (ra->end_time, ==, rb->end_time);
      g_assert_cmpstr (ra->start_date, ==, rb->start_date);
      g_assert_cmpstr (ra->end_date, ==, rb->end_date);
      g_assert_cmpfloat (ra->min_kwh, ==, rb->min_kwh);
      g_assert_cmpfloat (ra->max_kwh, ==, rb->max_kwh);
      g_assert_cmpfloat (ra->min_current, ==, rb->min_current);
      g_assert_cmpfloat (ra->max_current, ==, rb->max_current);
      g_assert_cmpfloat (ra->min_power, ==, rb->min_power);
      g_assert_cmpfloat (ra->max_power, ==, rb->max_power);
      g_assert_cmpint (ra->min_duration, ==, rb->min_duration);
      g_assert_cmpint (ra->max_duration, ==, rb->max_duration);
      g_assert_cmpuint (ra->day_mask, ==, rb->day_mask);
      g_assert_cmpint (ra->reservation, ==, rb->reservation);
    }
}

static void
assert_tariff_ids_equal (const CwConnector *a,
                         const CwConnector *b)
{
  g_assert_true (cw_connector_has_tariff_ids (a) == cw_connector_has_tariff_ids (b));
  g_assert_cmpuint (cw_connector_get_n_tariff_ids (a), ==, cw_connector_get_n_tariff_ids (b));
  for (guint k = 0; k < cw_connector_get_n_tariff_ids (a); k++)
    g_assert_cmpstr (cw_connector_get_tariff_id (a, k), ==, cw_connector_get_tariff_id (b, k));
}

static void
assert_stations_equal (CwStation *a,
                       CwStation *b)
{
  g_assert_cmpstr (cw_station_get_source (a), ==, cw_station_get_source (b));
  g_assert_cmpstr (cw_station_get_id (a), ==, cw_station_get_id (b));
  g_assert_cmpstr (cw_station_get_name (a), ==, cw_station_get_name (b));
  g_assert_cmpstr (cw_station_get_address (a), ==, cw_station_get_address (b));
  g_assert_cmpstr (cw_station_get_city (a), ==, cw_station_get_city (b));
  g_assert_cmpstr (cw_station_get_postal_code (a), ==, cw_station_get_postal_code (b));
  g_assert_cmpstr (cw_station_get_country (a), ==, cw_station_get_country (b));
  g_assert_cmpstr (cw_station_get_operator_name (a), ==, cw_station_get_operator_name (b));
  g_assert_cmpstr (cw_station_get_time_zone (a), ==, cw_station_get_time_zone (b));
  g_assert_cmpstr (cw_station_get_usage_cost (a), ==, cw_station_get_usage_cost (b));
  g_assert_cmpstr (cw_station_get_attribution (a), ==, cw_station_get_attribution (b));
  g_assert_cmpfloat (a->latitude, ==, b->latitude);
  g_assert_cmpfloat (a->longitude, ==, b->longitude);
  g_assert_cmpint (a->parking_type, ==, b->parking_type);
  g_assert_cmphex (a->facilities, ==, b->facilities);
  g_assert_cmpint (a->twentyfourseven, ==, b->twentyfourseven);
  g_assert_cmpint (a->is_public, ==, b->is_public);
  g_assert_cmpint (a->last_updated, ==, b->last_updated);
  assert_hours_equal (cw_station_get_opening_hours (a), cw_station_get_opening_hours (b));
  g_assert_cmpuint (a->n_evses, ==, b->n_evses);
  for (guint i = 0; i < a->n_evses; i++)
    {
      const CwEvse *ea = &a->evses[i], *eb = &b->evses[i];

      g_assert_cmpstr (cw_evse_get_uid (ea), ==, cw_evse_get_uid (eb));
      g_assert_cmpstr (cw_evse_get_evse_id (ea), ==, cw_evse_get_evse_id (eb));
      g_assert_cmpint (ea->status, ==, eb->status);
      g_assert_cmpuint (ea->quantity, ==, eb->quantity);
      g_assert_cmpint (ea->last_updated, ==, eb->last_updated);
      g_assert_cmpuint (ea->n_connectors, ==, eb->n_connectors);
      for (guint j = 0; j < ea->n_connectors; j++)
        {
          const CwConnector *ca = &cw_evse_get_connectors (ea)[j], *cb = &cw_evse_get_connectors (eb)[j];

          g_assert_cmpstr (cw_connector_get_id (ca), ==, cw_connector_get_id (cb));
          g_assert_cmpint (ca->standard, ==, cb->standard);
          g_assert_cmpstr (cw_connector_get_standard_label (ca), ==, cw_connector_get_standard_label (cb));
          g_assert_cmpint (ca->format, ==, cb->format);
          g_assert_cmpint (ca->power_type, ==, cb->power_type);
          g_assert_cmpint (ca->max_voltage, ==, cb->max_voltage);
          g_assert_cmpint (ca->max_amperage, ==, cb->max_amperage);
          g_assert_cmpfloat (ca->max_power_kw, ==, cb->max_power_kw);
          assert_tariff_ids_equal (ca, cb);
          assert_tariffs_equal (cw_connector_get_tariff (ca), cw_connector_get_tariff (cb));
        }
    }
  /* What the model derives agrees too. */
  g_assert_cmpint (cw_station_get_availability (a), ==, cw_station_get_availability (b));
  g_assert_cmpuint (cw_station_count_available (a), ==, cw_station_count_available (b));
}

/* ---- stations to write ---- */

static CwTariff *
make_tariff (void)
{
  CwTariff *t = cw_tariff_new ();
  CwTariffElement *e = cw_tariff_element_new ();
  CwTariffElement *plain = cw_tariff_element_new ();
  CwPriceComponent energy = { CW_TARIFF_DIMENSION_ENERGY, 0.49, 21, 1 };
  CwPriceComponent parking = { CW_TARIFF_DIMENSION_PARKING_TIME, 2.5, -1, 300 };

  t->id = g_strdup ("T-1");
  t->country_code = g_strdup ("NL");
  t->party_id = g_strdup ("CWY");
  t->currency = g_strdup ("EUR");
  t->type = CW_TARIFF_TYPE_AD_HOC_PAYMENT;
  t->alt_text = g_strdup ("€0.59/kWh, parking €2.50/h after 22:00");
  t->alt_url = NULL;
  t->min_price_excl = 0.49;
  t->min_price_incl = 0.5929;
  t->max_price_excl = -1;
  t->max_price_incl = -1;
  t->last_updated = 1795000123;
  g_array_append_val (e->components, parking);
  e->has_restrictions = TRUE;
  e->restrictions.start_time = g_strdup ("22:00");
  e->restrictions.end_time = g_strdup ("06:00");
  e->restrictions.start_date = g_strdup ("2026-01-01");
  e->restrictions.end_date = NULL;
  e->restrictions.min_kwh = -1;
  e->restrictions.max_kwh = 80.5;
  e->restrictions.min_current = -1;
  e->restrictions.max_current = 32;
  e->restrictions.min_power = 3.7;
  e->restrictions.max_power = -1;
  e->restrictions.min_duration = 2700;
  e->restrictions.max_duration = -1;
  e->restrictions.day_mask = 0x1f;
  e->restrictions.reservation = CW_RESERVATION_RESERVATION_EXPIRES;
  g_array_append_val (plain->components, energy);
  g_ptr_array_add (t->elements, e);
  g_ptr_array_add (t->elements, plain);
  return t;
}

/* Every field the model holds set to something not its default, and
 * the NULL/empty cases beside each other. */
static CwStation *
make_full_station (CwTariff *tariff)
{
  CwStation *s = cw_station_new (SOURCE, "LOC-ü-1");
  CwEvseDraft *evses = g_new0 (CwEvseDraft, 3);
  char *ids[] = { (char *) "T-1", (char *) "T-unknown", NULL };

  cw_station_set_string (s, CW_STATION_NAME, "Utrecht Jaarbeurs — P+R");
  cw_station_set_string (s, CW_STATION_ADDRESS, "Jaarbeursplein 6");
  cw_station_set_string (s, CW_STATION_CITY, "Utrecht");
  cw_station_set_string (s, CW_STATION_POSTAL_CODE, "3521 AL");
  cw_station_set_string (s, CW_STATION_COUNTRY, "NLD");
  cw_station_set_string (s, CW_STATION_OPERATOR_NAME, "Chargeway Test Operator");
  cw_station_set_string (s, CW_STATION_TIME_ZONE, "Europe/Amsterdam");
  cw_station_set_string (s, CW_STATION_USAGE_COST, "€0.35/kWh");
  cw_station_set_string (s, CW_STATION_ATTRIBUTION, "Test data");
  s->latitude = 52.0889123456789;
  s->longitude = -5.1012345678901;
  s->parking_type = CW_PARKING_TYPE_PARKING_GARAGE;
  s->facilities = CW_FACILITY_BIT (CW_FACILITY_HOTEL) | CW_FACILITY_BIT (CW_FACILITY_CAFE);
  s->twentyfourseven = FALSE;
  s->is_public = FALSE;
  s->last_updated = 1795000456;
  cw_station_take_opening_hours (s, cw_opening_hours_new ());
  g_assert_true (cw_opening_hours_add_regular (cw_station_get_opening_hours (s), 1, "07:00", "22:00"));
  g_assert_true (cw_opening_hours_add_regular (cw_station_get_opening_hours (s), 5, "22:00", "06:00"));
  g_assert_true (cw_opening_hours_add_regular (cw_station_get_opening_hours (s), 7, "00:00", "24:00"));
  g_assert_true (cw_opening_hours_add_exceptional (cw_station_get_opening_hours (s), TRUE, 1795100000, 1795110000));
  g_assert_true (cw_opening_hours_add_exceptional (cw_station_get_opening_hours (s), FALSE, 1795200000, 1795286400));

  evses[0].uid = g_strdup ("E1");
  evses[0].evse_id = g_strdup ("NL*CWY*E1");
  evses[0].status = CW_EVSE_STATUS_AVAILABLE;
  evses[0].quantity = 1;
  evses[0].last_updated = 1795000789;
  evses[0].n_connectors = 2;
  evses[0].connectors = g_new0 (CwConnectorDraft, 2);
  evses[0].connectors[0].id = g_strdup ("1");
  evses[0].connectors[0].standard = CW_CONNECTOR_IEC_62196_T2_COMBO;
  evses[0].connectors[0].format = CW_CONNECTOR_FORMAT_CABLE;
  evses[0].connectors[0].power_type = CW_POWER_TYPE_DC;
  evses[0].connectors[0].max_voltage = 920;
  evses[0].connectors[0].max_amperage = 500;
  evses[0].connectors[0].max_power_kw = 350.5;
  evses[0].connectors[0].tariff_ids = g_strdupv (ids);
  evses[0].connectors[0].tariff = cw_tariff_ref (tariff);
  evses[0].connectors[1].id = g_strdup ("2");
  evses[0].connectors[1].standard = CW_CONNECTOR_DOMESTIC_F;
  evses[0].connectors[1].standard_label = g_strdup ("Schuko (CEE 7/4)");
  evses[0].connectors[1].format = CW_CONNECTOR_FORMAT_SOCKET;
  evses[0].connectors[1].power_type = CW_POWER_TYPE_AC_1_PHASE;
  evses[0].connectors[1].tariff_ids = g_new0 (char *, 1);      /* empty, not NULL */
  evses[1].uid = g_strdup ("E2");
  evses[1].status = CW_EVSE_STATUS_OUTOFORDER;
  evses[1].quantity = 4;
  evses[1].n_connectors = 1;
  evses[1].connectors = g_new0 (CwConnectorDraft, 1);
  evses[1].connectors[0].standard = CW_CONNECTOR_CHADEMO;
  evses[1].connectors[0].tariff = cw_tariff_ref (tariff);     /* the same tariff again */
  evses[2].uid = NULL;                                         /* nothing at all */
  evses[2].status = CW_EVSE_STATUS_CHARGING;
  cw_station_set_evses (s, evses, 3);
  return s;
}

static GPtrArray *
round_trip (GPtrArray *stations,
            gint64     saved_at,
            gint64     sync_start)
{
  g_autoptr (GBytes) bytes = cw_station_cache_encode (stations, SOURCE, saved_at, sync_start);
  g_autoptr (GError) error = NULL;
  gint64 saved = 0, start = 0;
  GPtrArray *back = cw_station_cache_decode (bytes, SOURCE, &saved, &start, &error);

  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpint (saved, ==, saved_at);
  g_assert_cmpint (start, ==, sync_start);
  g_assert_cmpuint (back->len, ==, stations->len);
  for (guint i = 0; i < stations->len; i++)
    assert_stations_equal (g_ptr_array_index (stations, i), g_ptr_array_index (back, i));
  return back;
}

static void
test_round_trip_every_field (void)
{
  g_autoptr (CwTariff) tariff = make_tariff ();
  g_autoptr (GPtrArray) stations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) back = NULL;
  CwStation *b;

  g_ptr_array_add (stations, make_full_station (tariff));
  g_ptr_array_add (stations, cw_station_new (SOURCE, ""));     /* all defaults */
  back = round_trip (stations, 1795000999, -3);

  /* One tariff in the file, shared again by the connectors that shared it. */
  b = g_ptr_array_index (back, 0);
  g_assert_nonnull (cw_connector_get_tariff (&cw_evse_get_connectors (&b->evses[0])[0]));
  g_assert_true (cw_connector_get_tariff (&cw_evse_get_connectors (&b->evses[0])[0]) == cw_connector_get_tariff (&cw_evse_get_connectors (&b->evses[1])[0]));
  g_assert_true (cw_connector_get_tariff (&cw_evse_get_connectors (&b->evses[0])[0]) != tariff);
  g_assert_true (cw_connector_has_tariff_ids (&cw_evse_get_connectors (&b->evses[0])[1]));
  g_assert_null (cw_connector_get_tariff_id (&cw_evse_get_connectors (&b->evses[0])[1], 0));
  g_assert_false (cw_connector_has_tariff_ids (&cw_evse_get_connectors (&b->evses[1])[0]));
  g_assert_cmpint (cw_opening_hours_is_open (cw_station_get_opening_hours (b), cw_station_get_time_zone (b), 1795100001), ==, CW_OPEN_STATE_OPEN);

  /* An empty list is a cache too. */
  g_ptr_array_set_size (stations, 0);
  g_clear_pointer (&back, g_ptr_array_unref);
  back = round_trip (stations, 0, 0);
}

/* The demo network: 396 real-looking stations with tariffs. */
static GPtrArray *
demo_stations (void)
{
  g_autoptr (CwSourceSpec) spec = cw_source_spec_parse ("demo", NULL);
  g_autoptr (GError) error = NULL;
  GPtrArray *loaded = cw_source_load (spec, NULL, &error);
  GPtrArray *stations = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  /* Under the source the cache is written for, as the live source keeps them. */
  for (guint i = 0; i < loaded->len; i++)
    {
      CwStation *s = g_ptr_array_index (loaded, i);
      CwStation *copy = cw_station_new (SOURCE, cw_station_get_id (s));

      cw_station_update_from (copy, s);
      g_ptr_array_add (stations, copy);
    }
  g_ptr_array_unref (loaded);
  return stations;
}

static void
test_round_trip_demo (void)
{
  g_autoptr (GPtrArray) stations = demo_stations ();
  g_autoptr (GPtrArray) back = NULL;
  guint tariffs = 0, statuses[CW_N_EVSE_STATUS] = { 0 };

  back = round_trip (stations, 1795000000, 1794999000);
  for (guint i = 0; i < back->len; i++)
    {
      CwStation *s = g_ptr_array_index (back, i);

      for (guint e = 0; e < s->n_evses; e++)
        {
          statuses[s->evses[e].status]++;
          for (guint c = 0; c < s->evses[e].n_connectors; c++)
            tariffs += cw_connector_get_tariff (&cw_evse_get_connectors (&s->evses[e])[c]) != NULL;
        }
    }
  /* The data is worth the round trip: prices and more than one status. */
  g_assert_cmpuint (back->len, ==, 396);
  g_assert_cmpuint (tariffs, >, 0);
  g_assert_cmpuint (statuses[CW_EVSE_STATUS_AVAILABLE], >, 0);
  g_assert_cmpuint (statuses[CW_EVSE_STATUS_CHARGING], >, 0);
}

/* ---- what must give nothing ---- */

static GBytes *
small_cache (void)
{
  g_autoptr (CwTariff) tariff = make_tariff ();
  g_autoptr (GPtrArray) stations = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (stations, make_full_station (tariff));
  g_ptr_array_add (stations, cw_station_new (SOURCE, "LOC-2"));
  return cw_station_cache_encode (stations, SOURCE, 1795000000, 1795000000);
}

static void
assert_refused (const guint8 *data,
                gsize         len,
                const char   *source,
                int           code)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, len);
  g_autoptr (GError) error = NULL;
  gint64 saved = 42;
  g_autoptr (GPtrArray) stations = cw_station_cache_decode (bytes, source, &saved, NULL, &error);

  g_assert_null (stations);
  if (code >= 0)
    g_assert_error (error, CW_STATION_CACHE_ERROR, code);
  else
    g_assert_nonnull (error);
  g_assert_cmpint (saved, ==, 42);      /* untouched */
}

static void
test_truncated (void)
{
  g_autoptr (GBytes) bytes = small_cache ();
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *longer = g_malloc (len + 1);

  /* Every length short of the whole, and one byte more. */
  for (gsize n = 0; n < len; n++)
    assert_refused (data, n, SOURCE, n < 48 ? CW_STATION_CACHE_ERROR_NOT_A_CACHE : CW_STATION_CACHE_ERROR_TRUNCATED);
  memcpy (longer, data, len);
  longer[len] = 0;
  assert_refused (longer, len + 1, SOURCE, CW_STATION_CACHE_ERROR_TRUNCATED);
}

static void
test_corrupt (void)
{
  g_autoptr (GBytes) bytes = small_cache ();
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);

  /* One bit changed anywhere, in turn: every one is caught. */
  for (gsize i = 0; i < len; i++)
    for (guint bit = 0; bit < 8; bit += 3)
      {
        copy[i] ^= 1 << bit;
        assert_refused (copy, len, SOURCE, -1);
        copy[i] = data[i];
      }
  /* Past the checksum, it is the checksum that says so. */
  copy[len - 5] ^= 0x10;
  assert_refused (copy, len, SOURCE, CW_STATION_CACHE_ERROR_CHECKSUM);
  copy[len - 5] = data[len - 5];
  /* Not a cache at all. */
  assert_refused ((const guint8 *) "{\"locations\": []}", 17, SOURCE, CW_STATION_CACHE_ERROR_NOT_A_CACHE);
}

/* Damage the checksum cannot see: records that lie about themselves
 * under a correct checksum. */
static void
test_checked_records (void)
{
  g_autoptr (GBytes) bytes = small_cache ();
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  guint refused = 0, accepted = 0;

  for (gsize i = 48; i < len; i++)
    {
      g_autoptr (GBytes) b = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) stations = NULL;
      guint64 sum;

      copy[i] = 0xff;
      sum = GUINT64_TO_LE (cw_station_cache_checksum (copy + 24, len - 24));
      memcpy (copy + 16, &sum, 8);
      b = g_bytes_new (copy, len);
      stations = cw_station_cache_decode (b, SOURCE, NULL, NULL, &error);
      /* Either whole (a byte of a string or a number) or refused, never half. */
      g_assert_true ((stations == NULL) != (error == NULL));
      if (stations != NULL)
        {
          g_assert_cmpuint (stations->len, ==, 2);
          accepted++;
        }
      else
        {
          g_assert_error (error, CW_STATION_CACHE_ERROR, CW_STATION_CACHE_ERROR_CORRUPT);
          refused++;
        }
      memcpy (copy, data, len);
    }
  g_test_message ("0xff at each body byte: %u refused, %u read whole", refused, accepted);
  g_assert_cmpuint (refused, >, 0);
}

/* @old (of @size bytes, little-endian) replaced by @new wherever it
 * stands in the body, the checksum made right again: the record then
 * lies with nothing else to tell. */
static void
assert_refused_with (guint64 old,
                     guint64 new,
                     guint   size)
{
  g_autoptr (GBytes) bytes = small_cache ();
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  guint64 le_old = GUINT64_TO_LE (old), le_new = GUINT64_TO_LE (new), sum;
  guint found = 0;

  for (gsize i = 48; i + size <= len; i++)
    if (memcmp (copy + i, &le_old, size) == 0)
      {
        memcpy (copy + i, &le_new, size);
        found++;
      }
  g_assert_cmpuint (found, ==, 1);
  sum = GUINT64_TO_LE (cw_station_cache_checksum (copy + 24, len - 24));
  memcpy (copy + 16, &sum, 8);
  assert_refused (copy, len, SOURCE, CW_STATION_CACHE_ERROR_CORRUPT);
}

/* Values no parser makes, under a good checksum: refused, not shown. */
static void
test_values_out_of_range (void)
{
  assert_refused_with (1795000456, G_GUINT64_CONSTANT (0xfffffffffffffff0), 8);  /* station time < 0 */
  assert_refused_with (1795000789, G_GUINT64_CONSTANT (253402300800), 8);        /* EVSE time past 9999 */
  assert_refused_with (920, 0xfffffff0, 4);                                      /* voltage < 0 */
  assert_refused_with (500, 0x80000000, 4);                                      /* current < 0 */
  assert_refused_with (CW_FACILITY_BIT (CW_FACILITY_HOTEL) | CW_FACILITY_BIT (CW_FACILITY_CAFE),
                       0xffffffff, 4);                                           /* facilities */
}

static void
test_version_and_source (void)
{
  g_autoptr (GBytes) bytes = small_cache ();
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  guint32 version;

  /* An older or newer format is not read, whatever follows. */
  for (guint v = 0; v < 4; v++)
    {
      if (v == CW_STATION_CACHE_VERSION)
        continue;
      version = GUINT32_TO_LE (v);
      memcpy (copy + 8, &version, 4);
      assert_refused (copy, len, SOURCE, CW_STATION_CACHE_ERROR_VERSION);
    }
  /* Another source's cache (say, two names with one hash) is not this one. */
  assert_refused (data, len, "ocpi:https://other.test/versions", CW_STATION_CACHE_ERROR_CORRUPT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/station-cache/round-trip/every-field", test_round_trip_every_field);
  g_test_add_func ("/station-cache/round-trip/demo", test_round_trip_demo);
  g_test_add_func ("/station-cache/truncated", test_truncated);
  g_test_add_func ("/station-cache/corrupt", test_corrupt);
  g_test_add_func ("/station-cache/values-out-of-range", test_values_out_of_range);
  g_test_add_func ("/station-cache/checked-records", test_checked_records);
  g_test_add_func ("/station-cache/version-and-source", test_version_and_source);
  return g_test_run ();
}
