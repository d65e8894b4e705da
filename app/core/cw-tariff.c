/* cw-tariff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-tariff"

#include <math.h>

#include "cw-tariff.h"

G_DEFINE_BOXED_TYPE (CwTariff, cw_tariff, cw_tariff_ref, cw_tariff_unref)

static void
cw_tariff_clear (CwTariff *tariff)
{
  g_free (tariff->id);
  g_free (tariff->country_code);
  g_free (tariff->party_id);
  g_free (tariff->currency);
  g_free (tariff->alt_text);
  g_free (tariff->alt_url);
  g_clear_pointer (&tariff->elements, g_ptr_array_unref);
}

CwTariff *
cw_tariff_new (void)
{
  CwTariff *tariff = g_atomic_rc_box_new0 (CwTariff);

  tariff->min_price_excl = tariff->min_price_incl = -1;
  tariff->max_price_excl = tariff->max_price_incl = -1;
  tariff->elements = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_tariff_element_free);
  return tariff;
}

CwTariff *
cw_tariff_ref (CwTariff *tariff)
{
  return g_atomic_rc_box_acquire (tariff);
}

void
cw_tariff_unref (CwTariff *tariff)
{
  g_atomic_rc_box_release_full (tariff, (GDestroyNotify) cw_tariff_clear);
}

CwTariffElement *
cw_tariff_element_new (void)
{
  CwTariffElement *element = g_new0 (CwTariffElement, 1);
  CwTariffRestrictions *r = &element->restrictions;

  element->components = g_array_new (FALSE, TRUE, sizeof (CwPriceComponent));
  r->min_kwh = r->max_kwh = -1;
  r->min_current = r->max_current = -1;
  r->min_power = r->max_power = -1;
  r->min_duration = r->max_duration = -1;
  return element;
}

void
cw_tariff_element_free (CwTariffElement *element)
{
  if (element == NULL)
    return;
  g_array_unref (element->components);
  g_free (element->restrictions.start_time);
  g_free (element->restrictions.end_time);
  g_free (element->restrictions.start_date);
  g_free (element->restrictions.end_date);
  g_free (element);
}

static const CwPriceComponent *
find_component (const CwTariff        *tariff,
                CwTariffDimension      dimension,
                const CwTariffElement **element_out)
{
  const CwPriceComponent *fallback = NULL;
  const CwTariffElement *fallback_element = NULL;

  for (guint i = 0; i < tariff->elements->len; i++)
    {
      const CwTariffElement *element = g_ptr_array_index (tariff->elements, i);

      for (guint j = 0; j < element->components->len; j++)
        {
          const CwPriceComponent *pc = &g_array_index (element->components, CwPriceComponent, j);

          if (pc->type != dimension)
            continue;
          if (!element->has_restrictions)
            {
              *element_out = element;
              return pc;
            }
          if (fallback == NULL)
            {
              fallback = pc;
              fallback_element = element;
            }
        }
    }

  *element_out = fallback_element;
  return fallback;
}

const CwPriceComponent *
cw_tariff_find_component (const CwTariff         *tariff,
                          CwTariffDimension       dimension,
                          const CwTariffElement **element_out)
{
  const CwTariffElement *element = NULL;
  const CwPriceComponent *pc;

  g_return_val_if_fail (tariff != NULL, NULL);

  pc = find_component (tariff, dimension, &element);
  if (element_out)
    *element_out = element;
  return pc;
}

static double
with_vat (const CwPriceComponent *pc)
{
  return pc->vat > 0 ? pc->price * (1.0 + pc->vat / 100.0) : pc->price;
}

/* Rounded to cents before printing: 0.50 + 21 % is 0.60499… in binary
 * floating point, and a driver expects 0.61. */
static double
cents (double v)
{
  return round (v * 100.0) / 100.0;
}

gboolean
cw_tariff_find_price (const CwTariff    *tariff,
                      CwTariffDimension  dimension,
                      double            *price_out,
                      gboolean          *restricted_out)
{
  const CwTariffElement *element = NULL;
  const CwPriceComponent *pc;

  g_return_val_if_fail (tariff != NULL, FALSE);

  pc = find_component (tariff, dimension, &element);
  if (pc == NULL)
    return FALSE;
  if (price_out)
    *price_out = with_vat (pc);
  if (restricted_out)
    *restricted_out = element->has_restrictions;
  return TRUE;
}

char *
cw_tariff_describe (const CwTariff *tariff)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *cur;
  const CwTariffElement *element = NULL;
  const CwPriceComponent *pc;

  g_return_val_if_fail (tariff != NULL, NULL);

  cur = tariff->currency ? tariff->currency : "";

  if ((pc = find_component (tariff, CW_TARIFF_DIMENSION_ENERGY, &element)))
    g_ptr_array_add (parts, g_strdup_printf ("%s %.2f/kWh", cur, cents (with_vat (pc))));
  if ((pc = find_component (tariff, CW_TARIFF_DIMENSION_TIME, &element)))
    g_ptr_array_add (parts, g_strdup_printf ("%s %.2f/h charging", cur, cents (with_vat (pc))));
  if ((pc = find_component (tariff, CW_TARIFF_DIMENSION_FLAT, &element)))
    g_ptr_array_add (parts, g_strdup_printf ("%s %.2f per session", cur, cents (with_vat (pc))));
  if ((pc = find_component (tariff, CW_TARIFF_DIMENSION_PARKING_TIME, &element)))
    {
      double per_min = cents (with_vat (pc) / 60.0);

      if (element->has_restrictions && element->restrictions.min_duration > 0)
        g_ptr_array_add (parts, g_strdup_printf ("idle fee %s %.2f/min from %d min into the session",
                                                 cur, per_min,
                                                 element->restrictions.min_duration / 60));
      else
        g_ptr_array_add (parts, g_strdup_printf ("idle fee %s %.2f/min", cur, per_min));
    }

  if (parts->len == 0)
    {
      if (tariff->alt_text != NULL)
        return g_strdup (tariff->alt_text);
      return g_strdup ("Free of charge");
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}
