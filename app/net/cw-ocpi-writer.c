/* cw-ocpi-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-ocpi-writer"

#include "cw-ocpi-writer.h"

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          gint64       t)
{
  g_autoptr (GDateTime) dt = NULL;
  g_autofree char *s = NULL;

  if (t <= 0)
    return;
  dt = g_date_time_new_from_unix_utc (t);
  s = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
  add_string (b, member, s);
}

static void
add_coord (JsonBuilder *b,
           const char  *member,
           double       v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  add_string (b, member, g_ascii_formatd (buf, sizeof buf, "%.7f", v));
}

static void
write_connector (JsonBuilder       *b,
                 const CwConnector *c)
{
  json_builder_begin_object (b);
  add_string (b, "id", cw_connector_get_id (c));
  add_string (b, "standard", cw_connector_standard_to_string (c->standard));
  add_string (b, "format", cw_connector_format_to_string (c->format));
  add_string (b, "power_type", cw_power_type_to_string (c->power_type));
  json_builder_set_member_name (b, "max_voltage");
  json_builder_add_int_value (b, c->max_voltage);
  json_builder_set_member_name (b, "max_amperage");
  json_builder_add_int_value (b, c->max_amperage);
  if (c->max_power_kw > 0)
    {
      json_builder_set_member_name (b, "max_electric_power");
      json_builder_add_int_value (b, (gint64) (c->max_power_kw * 1000.0 + 0.5));
    }
  if (cw_connector_has_tariff_ids (c))
    {
      json_builder_set_member_name (b, "tariff_ids");
      json_builder_begin_array (b);
      for (guint i = 0; cw_connector_get_tariff_id (c, i); i++)
        json_builder_add_string_value (b, cw_connector_get_tariff_id (c, i));
      json_builder_end_array (b);
    }
  /* Not OCPI: a source's own name for a connector OCPI cannot name. */
  add_string (b, "x_cw_label", cw_connector_get_standard_label (c));
  json_builder_end_object (b);
}

static void
write_periods (JsonBuilder *b,
               const char  *member,
               GArray      *periods)
{
  if (periods->len == 0)
    return;
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < periods->len; i++)
    {
      const CwExceptionalPeriod *p = &g_array_index (periods, CwExceptionalPeriod, i);

      json_builder_begin_object (b);
      add_time (b, "period_begin", p->begin);
      add_time (b, "period_end", p->end);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* Without hours, a station that is not 24/7 says nothing: reading it
 * back gives the same "unknown". */
static void
write_opening_times (JsonBuilder *b,
                     CwStation   *s)
{
  const CwOpeningHours *h = cw_station_get_opening_hours (s);

  if (h == NULL && !s->twentyfourseven)
    return;
  json_builder_set_member_name (b, "opening_times");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "twentyfourseven");
  json_builder_add_boolean_value (b, h ? h->twentyfourseven : s->twentyfourseven);
  if (h != NULL && h->regular_hours->len > 0)
    {
      json_builder_set_member_name (b, "regular_hours");
      json_builder_begin_array (b);
      for (guint i = 0; i < h->regular_hours->len; i++)
        {
          const CwRegularHours *r = &g_array_index (h->regular_hours, CwRegularHours, i);
          char buf[6];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "weekday");
          json_builder_add_int_value (b, r->weekday);
          add_string (b, "period_begin", cw_opening_hours_format_time (r->begin, buf));
          add_string (b, "period_end", cw_opening_hours_format_time (r->end, buf));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  if (h != NULL)
    {
      write_periods (b, "exceptional_openings", h->exceptional_openings);
      write_periods (b, "exceptional_closings", h->exceptional_closings);
    }
  json_builder_end_object (b);
}

void
cw_ocpi_write_location (JsonBuilder *b,
                        CwStation   *s)
{
  json_builder_begin_object (b);
  add_string (b, "id", cw_station_get_id (s));
  add_string (b, "name", cw_station_get_name (s));
  add_string (b, "address", cw_station_get_address (s));
  add_string (b, "city", cw_station_get_city (s));
  add_string (b, "postal_code", cw_station_get_postal_code (s));
  add_string (b, "country", cw_station_get_country (s));
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_object (b);
  add_coord (b, "latitude", s->latitude);
  add_coord (b, "longitude", s->longitude);
  json_builder_end_object (b);
  add_string (b, "parking_type", cw_parking_type_to_string (s->parking_type));
  json_builder_set_member_name (b, "facilities");
  json_builder_begin_array (b);
  for (guint f = 0; f < CW_N_FACILITIES; f++)
    if (s->facilities & CW_FACILITY_BIT (f))
      json_builder_add_string_value (b, cw_facility_to_string (f));
  json_builder_end_array (b);
  if (cw_station_get_operator_name (s) != NULL)
    {
      json_builder_set_member_name (b, "operator");
      json_builder_begin_object (b);
      add_string (b, "name", cw_station_get_operator_name (s));
      json_builder_end_object (b);
    }
  add_string (b, "time_zone", cw_station_get_time_zone (s));
  write_opening_times (b, s);
  add_string (b, "x_cw_usage_cost", cw_station_get_usage_cost (s));
  add_string (b, "x_cw_attribution", cw_station_get_attribution (s));

  json_builder_set_member_name (b, "evses");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->n_evses; i++)
    {
      const CwEvse *e = &s->evses[i];

      json_builder_begin_object (b);
      add_string (b, "uid", cw_evse_get_uid (e));
      add_string (b, "evse_id", cw_evse_get_evse_id (e));
      add_string (b, "status", cw_evse_status_to_string (e->status));
      if (e->quantity > 1)
        {
          json_builder_set_member_name (b, "x_cw_quantity");
          json_builder_add_int_value (b, e->quantity);
        }
      json_builder_set_member_name (b, "connectors");
      json_builder_begin_array (b);
      for (guint j = 0; j < e->n_connectors; j++)
        write_connector (b, &cw_evse_get_connectors (e)[j]);
      json_builder_end_array (b);
      add_time (b, "last_updated", e->last_updated);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_time (b, "last_updated", s->last_updated);
  json_builder_end_object (b);
}

static void
add_price (JsonBuilder *b,
           const char  *member,
           double       excl,
           double       incl)
{
  if (excl < 0 && incl < 0)
    return;
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  if (excl >= 0)
    {
      json_builder_set_member_name (b, "excl_vat");
      json_builder_add_double_value (b, excl);
    }
  if (incl >= 0)
    {
      json_builder_set_member_name (b, "incl_vat");
      json_builder_add_double_value (b, incl);
    }
  json_builder_end_object (b);
}

static void
add_number_if (JsonBuilder *b,
               const char  *member,
               double       v)
{
  if (v < 0)
    return;
  json_builder_set_member_name (b, member);
  json_builder_add_double_value (b, v);
}

static void
write_restrictions (JsonBuilder                *b,
                    const CwTariffRestrictions *r)
{
  json_builder_begin_object (b);
  add_string (b, "start_time", r->start_time);
  add_string (b, "end_time", r->end_time);
  add_string (b, "start_date", r->start_date);
  add_string (b, "end_date", r->end_date);
  add_number_if (b, "min_kwh", r->min_kwh);
  add_number_if (b, "max_kwh", r->max_kwh);
  add_number_if (b, "min_current", r->min_current);
  add_number_if (b, "max_current", r->max_current);
  add_number_if (b, "min_power", r->min_power);
  add_number_if (b, "max_power", r->max_power);
  add_number_if (b, "min_duration", r->min_duration);
  add_number_if (b, "max_duration", r->max_duration);
  if (r->day_mask != 0)
    {
      json_builder_set_member_name (b, "day_of_week");
      json_builder_begin_array (b);
      for (guint d = 0; d < CW_N_DAYS; d++)
        if (r->day_mask & (1u << d))
          json_builder_add_string_value (b, cw_day_of_week_to_string (d));
      json_builder_end_array (b);
    }
  add_string (b, "reservation", cw_reservation_restriction_to_string (r->reservation));
  json_builder_end_object (b);
}

void
cw_ocpi_write_tariff (JsonBuilder    *b,
                      const CwTariff *t)
{
  json_builder_begin_object (b);
  add_string (b, "id", t->id);
  add_string (b, "country_code", t->country_code);
  add_string (b, "party_id", t->party_id);
  add_string (b, "currency", t->currency);
  add_string (b, "type", cw_tariff_type_to_string (t->type));
  add_string (b, "tariff_alt_url", t->alt_url);
  if (t->alt_text != NULL)
    {
      json_builder_set_member_name (b, "tariff_alt_text");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_string (b, "language", "en");
      add_string (b, "text", t->alt_text);
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  add_price (b, "min_price", t->min_price_excl, t->min_price_incl);
  add_price (b, "max_price", t->max_price_excl, t->max_price_incl);
  json_builder_set_member_name (b, "elements");
  json_builder_begin_array (b);
  for (guint i = 0; i < t->elements->len; i++)
    {
      const CwTariffElement *e = g_ptr_array_index (t->elements, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "price_components");
      json_builder_begin_array (b);
      for (guint j = 0; j < e->components->len; j++)
        {
          const CwPriceComponent *pc = &g_array_index (e->components, CwPriceComponent, j);

          json_builder_begin_object (b);
          add_string (b, "type", cw_tariff_dimension_to_string (pc->type));
          json_builder_set_member_name (b, "price");
          json_builder_add_double_value (b, pc->price);
          if (pc->vat >= 0)
            {
              json_builder_set_member_name (b, "vat");
              json_builder_add_double_value (b, pc->vat);
            }
          json_builder_set_member_name (b, "step_size");
          json_builder_add_int_value (b, pc->step_size);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      if (e->has_restrictions)
        {
          json_builder_set_member_name (b, "restrictions");
          write_restrictions (b, &e->restrictions);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_time (b, "last_updated", t->last_updated);
  json_builder_end_object (b);
}

GBytes *
cw_ocpi_write_snapshot (GPtrArray *stations,
                        gint64     saved_at,
                        gint64     last_sync)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GHashTable) tariffs = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;
  char *data;
  gsize len;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "saved_at");
  json_builder_add_int_value (b, saved_at);
  json_builder_set_member_name (b, "last_sync");
  json_builder_add_int_value (b, last_sync);
  json_builder_set_member_name (b, "locations");
  json_builder_begin_array (b);
  for (guint i = 0; i < stations->len; i++)
    {
      CwStation *s = g_ptr_array_index (stations, i);

      cw_ocpi_write_location (b, s);
      for (guint j = 0; j < s->n_evses; j++)
        {
          const CwEvse *e = &s->evses[j];
          for (guint k = 0; k < e->n_connectors; k++)
            {
              CwTariff *t = cw_connector_get_tariff (&cw_evse_get_connectors (e)[k]);
              if (t != NULL && t->id != NULL)
                g_hash_table_insert (tariffs, t->id, t);
            }
        }
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "tariffs");
  json_builder_begin_array (b);
  g_hash_table_iter_init (&iter, tariffs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    cw_ocpi_write_tariff (b, value);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  data = json_generator_to_data (gen, &len);
  return g_bytes_new_take (data, len);
}
