/* test-enums.c: OCPI wire names, availability, geodesy and tariff lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cw-geo.h"
#include "cw-tariff.h"
#include "cw-types.h"

typedef const char *(*ToString)   (guint value);
typedef gboolean    (*FromString) (const char *str, guint *out);

#define TO_STRING(fn)   ((ToString) (fn))
#define FROM_STRING(fn) ((FromString) (fn))

/* Every value in [first, n) has a name that parses back to itself, also
 * in lower case; the names are distinct; n itself has no name. */
static void
check_round_trip (const char *what,
                  ToString    to_string,
                  FromString  from_string,
                  guint       first,
                  guint       n,
                  guint       expected_names)
{
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint v = first; v < n; v++)
    {
      const char *name = to_string (v);
      g_autofree char *lower = NULL;
      guint back = G_MAXUINT;

      g_test_message ("%s %u = %s", what, v, name);
      g_assert_nonnull (name);
      g_assert_true (from_string (name, &back));
      g_assert_cmpuint (back, ==, v);

      lower = g_ascii_strdown (name, -1);
      back = G_MAXUINT;
      g_assert_true (from_string (lower, &back));
      g_assert_cmpuint (back, ==, v);

      g_assert_false (g_hash_table_contains (names, name));
      g_hash_table_add (names, (gpointer) name);
    }

  g_assert_cmpuint (g_hash_table_size (names), ==, expected_names);
  g_assert_null (to_string (n));
  g_assert_null (to_string (n + 100));
}

static void
check_rejects (FromString  from_string,
               const char *str)
{
  guint out = 4242;

  g_assert_false (from_string (str, &out));
  g_assert_cmpuint (out, ==, 4242);     /* untouched */
}

static void
test_evse_status (void)
{
  CwEvseStatus s = CW_EVSE_STATUS_UNKNOWN;

  check_round_trip ("status", TO_STRING (cw_evse_status_to_string),
                    FROM_STRING (cw_evse_status_from_string),
                    0, CW_N_EVSE_STATUS, 9);
  g_assert_cmpint (CW_N_EVSE_STATUS, ==, 9);

  g_assert_true (cw_evse_status_from_string ("available", &s));
  g_assert_cmpint (s, ==, CW_EVSE_STATUS_AVAILABLE);
  g_assert_true (cw_evse_status_from_string ("OutOfOrder", &s));
  g_assert_cmpint (s, ==, CW_EVSE_STATUS_OUTOFORDER);
  g_assert_cmpstr (cw_evse_status_to_string (CW_EVSE_STATUS_REMOVED), ==, "REMOVED");

  check_rejects (FROM_STRING (cw_evse_status_from_string), "WORKING");
  check_rejects (FROM_STRING (cw_evse_status_from_string), "preparing");
  check_rejects (FROM_STRING (cw_evse_status_from_string), "");
  check_rejects (FROM_STRING (cw_evse_status_from_string), "AVAILABLE ");
  check_rejects (FROM_STRING (cw_evse_status_from_string), NULL);
}

static void
test_facility (void)
{
  CwFacility f = CW_FACILITY_HOTEL;

  check_round_trip ("facility", TO_STRING (cw_facility_to_string),
                    FROM_STRING (cw_facility_from_string),
                    0, CW_N_FACILITIES, 20);
  /* Bits of a guint32 mask. */
  g_assert_cmpint (CW_N_FACILITIES, <=, 32);

  g_assert_true (cw_facility_from_string ("recreation_area", &f));
  g_assert_cmpint (f, ==, CW_FACILITY_RECREATION_AREA);
  g_assert_cmpstr (cw_facility_to_string (CW_FACILITY_WIFI), ==, "WIFI");
  g_assert_cmpstr (cw_facility_to_string (CW_FACILITY_HOTEL), ==, "HOTEL");

  check_rejects (FROM_STRING (cw_facility_from_string), "SAUNA");
  check_rejects (FROM_STRING (cw_facility_from_string), "RECREATION AREA");
}

static void
test_parking_type (void)
{
  CwParkingType t = CW_PARKING_TYPE_UNKNOWN;

  check_round_trip ("parking", TO_STRING (cw_parking_type_to_string),
                    FROM_STRING (cw_parking_type_from_string),
                    1, CW_N_PARKING_TYPES, 6);
  /* UNKNOWN is Chargeway's, not OCPI's: no wire name either way. */
  g_assert_null (cw_parking_type_to_string (CW_PARKING_TYPE_UNKNOWN));
  check_rejects (FROM_STRING (cw_parking_type_from_string), "UNKNOWN");

  g_assert_true (cw_parking_type_from_string ("along_motorway", &t));
  g_assert_cmpint (t, ==, CW_PARKING_TYPE_ALONG_MOTORWAY);
  check_rejects (FROM_STRING (cw_parking_type_from_string), "MOTORWAY");
}

static void
test_connector_standard (void)
{
  CwConnectorStandard s = CW_CONNECTOR_UNKNOWN;

  check_round_trip ("standard", TO_STRING (cw_connector_standard_to_string),
                    FROM_STRING (cw_connector_standard_from_string),
                    1, CW_N_CONNECTOR_STANDARDS, 40);
  g_assert_null (cw_connector_standard_to_string (CW_CONNECTOR_UNKNOWN));
  check_rejects (FROM_STRING (cw_connector_standard_from_string), "UNKNOWN");
  /* bits of the guint64 cw_station_get_standards () returns */
  g_assert_cmpint (CW_N_CONNECTOR_STANDARDS, <=, 64);

  /* OCPI spells the IEC 60309 values in mixed case. */
  g_assert_cmpstr (cw_connector_standard_to_string (CW_CONNECTOR_IEC_60309_2_SINGLE_16),
                   ==, "IEC_60309_2_single_16");
  g_assert_cmpstr (cw_connector_standard_to_string (CW_CONNECTOR_IEC_60309_2_THREE_64),
                   ==, "IEC_60309_2_three_64");
  g_assert_true (cw_connector_standard_from_string ("IEC_60309_2_SINGLE_16", &s));
  g_assert_cmpint (s, ==, CW_CONNECTOR_IEC_60309_2_SINGLE_16);

  g_assert_cmpstr (cw_connector_standard_to_string (CW_CONNECTOR_IEC_62196_T2_COMBO),
                   ==, "IEC_62196_T2_COMBO");
  g_assert_cmpstr (cw_connector_standard_to_string (CW_CONNECTOR_CHADEMO), ==, "CHADEMO");
  g_assert_cmpstr (cw_connector_standard_to_string (CW_CONNECTOR_TESLA_S), ==, "TESLA_S");
  g_assert_true (cw_connector_standard_from_string ("iec_62196_t2", &s));
  g_assert_cmpint (s, ==, CW_CONNECTOR_IEC_62196_T2);

  check_rejects (FROM_STRING (cw_connector_standard_from_string), "CCS2");
  check_rejects (FROM_STRING (cw_connector_standard_from_string), "IEC_62196_T2_COMBO_X");
  check_rejects (FROM_STRING (cw_connector_standard_from_string), "DOMESTIC_P");
}

static void
test_small_enums (void)
{
  CwConnectorFormat fmt = CW_CONNECTOR_FORMAT_UNKNOWN;
  CwPowerType pt = CW_POWER_TYPE_UNKNOWN;
  CwTariffDimension dim = CW_TARIFF_DIMENSION_FLAT;
  CwTariffType tt = CW_TARIFF_TYPE_UNSPECIFIED;
  CwDayOfWeek day = CW_DAY_MONDAY;
  CwReservationRestriction res = CW_RESERVATION_NONE;

  check_round_trip ("format", TO_STRING (cw_connector_format_to_string),
                    FROM_STRING (cw_connector_format_from_string),
                    1, CW_N_CONNECTOR_FORMATS, 2);
  check_round_trip ("power type", TO_STRING (cw_power_type_to_string),
                    FROM_STRING (cw_power_type_from_string),
                    1, CW_N_POWER_TYPES, 5);
  check_round_trip ("dimension", TO_STRING (cw_tariff_dimension_to_string),
                    FROM_STRING (cw_tariff_dimension_from_string),
                    0, CW_N_TARIFF_DIMENSIONS, 4);
  check_round_trip ("tariff type", TO_STRING (cw_tariff_type_to_string),
                    FROM_STRING (cw_tariff_type_from_string),
                    1, CW_N_TARIFF_TYPES, 5);
  check_round_trip ("day", TO_STRING (cw_day_of_week_to_string),
                    FROM_STRING (cw_day_of_week_from_string),
                    0, CW_N_DAYS, 7);
  check_round_trip ("reservation", TO_STRING (cw_reservation_restriction_to_string),
                    FROM_STRING (cw_reservation_restriction_from_string),
                    1, CW_N_RESERVATION_RESTRICTIONS, 2);

  g_assert_true (cw_connector_format_from_string ("cable", &fmt));
  g_assert_cmpint (fmt, ==, CW_CONNECTOR_FORMAT_CABLE);
  g_assert_true (cw_power_type_from_string ("ac_2_phase_split", &pt));
  g_assert_cmpint (pt, ==, CW_POWER_TYPE_AC_2_PHASE_SPLIT);
  g_assert_true (cw_tariff_dimension_from_string ("parking_time", &dim));
  g_assert_cmpint (dim, ==, CW_TARIFF_DIMENSION_PARKING_TIME);
  g_assert_true (cw_tariff_type_from_string ("Ad_Hoc_Payment", &tt));
  g_assert_cmpint (tt, ==, CW_TARIFF_TYPE_AD_HOC_PAYMENT);
  g_assert_true (cw_day_of_week_from_string ("sunday", &day));
  g_assert_cmpint (day, ==, CW_DAY_SUNDAY);
  g_assert_true (cw_reservation_restriction_from_string ("reservation_expires", &res));
  g_assert_cmpint (res, ==, CW_RESERVATION_RESERVATION_EXPIRES);

  g_assert_null (cw_connector_format_to_string (CW_CONNECTOR_FORMAT_UNKNOWN));
  g_assert_null (cw_power_type_to_string (CW_POWER_TYPE_UNKNOWN));
  g_assert_null (cw_tariff_type_to_string (CW_TARIFF_TYPE_UNSPECIFIED));
  g_assert_null (cw_reservation_restriction_to_string (CW_RESERVATION_NONE));

  check_rejects (FROM_STRING (cw_connector_format_from_string), "PLUG");
  check_rejects (FROM_STRING (cw_power_type_from_string), "AC");
  check_rejects (FROM_STRING (cw_tariff_dimension_from_string), "MINUTE");
  check_rejects (FROM_STRING (cw_tariff_type_from_string), "UNSPECIFIED");
  check_rejects (FROM_STRING (cw_day_of_week_from_string), "MON");
  check_rejects (FROM_STRING (cw_reservation_restriction_from_string), "NONE");
}

static void
test_availability (void)
{
  static const struct { CwEvseStatus status; CwAvailability availability; } map[] = {
    { CW_EVSE_STATUS_UNKNOWN, CW_AVAILABILITY_UNKNOWN },
    { CW_EVSE_STATUS_AVAILABLE, CW_AVAILABILITY_AVAILABLE },
    { CW_EVSE_STATUS_CHARGING, CW_AVAILABILITY_BUSY },
    { CW_EVSE_STATUS_RESERVED, CW_AVAILABILITY_BUSY },
    { CW_EVSE_STATUS_BLOCKED, CW_AVAILABILITY_BUSY },
    { CW_EVSE_STATUS_INOPERATIVE, CW_AVAILABILITY_OUT_OF_ORDER },
    { CW_EVSE_STATUS_OUTOFORDER, CW_AVAILABILITY_OUT_OF_ORDER },
    { CW_EVSE_STATUS_PLANNED, CW_AVAILABILITY_OUT_OF_ORDER },
    { CW_EVSE_STATUS_REMOVED, CW_AVAILABILITY_OUT_OF_ORDER },
  };

  g_assert_cmpuint (G_N_ELEMENTS (map), ==, CW_N_EVSE_STATUS);
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      g_assert_cmpint (map[i].status, ==, i);
      g_assert_cmpint (cw_evse_status_availability (map[i].status), ==, map[i].availability);
    }
  g_assert_cmpint (cw_evse_status_availability (CW_N_EVSE_STATUS), ==, CW_AVAILABILITY_UNKNOWN);
}

static void
test_short_names (void)
{
  g_assert_cmpstr (cw_connector_standard_short_name (CW_CONNECTOR_IEC_62196_T2_COMBO), ==, "CCS2");
  g_assert_cmpstr (cw_connector_standard_short_name (CW_CONNECTOR_IEC_62196_T1_COMBO), ==, "CCS1");
  g_assert_cmpstr (cw_connector_standard_short_name (CW_CONNECTOR_IEC_62196_T2), ==, "Type 2");
  g_assert_cmpstr (cw_connector_standard_short_name (CW_CONNECTOR_CHADEMO), ==, "CHAdeMO");
  g_assert_cmpstr (cw_connector_standard_short_name (CW_CONNECTOR_DOMESTIC_F), ==, "Schuko");
  g_assert_cmpstr (cw_connector_standard_short_name (CW_CONNECTOR_DOMESTIC_A), ==, "Domestic");
  g_assert_cmpstr (cw_connector_standard_short_name (CW_CONNECTOR_NEMA_14_50), ==, "NEMA");
  g_assert_cmpstr (cw_connector_standard_short_name (CW_CONNECTOR_UNKNOWN), ==, "Unknown");

  /* Every standard has some short name. */
  for (guint s = 0; s < CW_N_CONNECTOR_STANDARDS; s++)
    {
      const char *name = cw_connector_standard_short_name (s);
      g_assert_nonnull (name);
      g_assert_cmpuint (strlen (name), >, 0);
    }

  g_assert_true (cw_connector_standard_is_dc (CW_CONNECTOR_IEC_62196_T2_COMBO));
  g_assert_true (cw_connector_standard_is_dc (CW_CONNECTOR_CHADEMO));
  g_assert_false (cw_connector_standard_is_dc (CW_CONNECTOR_IEC_62196_T2));
  g_assert_false (cw_connector_standard_is_dc (CW_CONNECTOR_DOMESTIC_F));
}

static void
test_haversine (void)
{
  double d;

  /* Amsterdam Centraal area → Utrecht: about 35 km as the crow flies. */
  d = cw_geo_haversine_km (52.3676, 4.9041, 52.0907, 5.1214);
  g_assert_cmpfloat (d, >, 34.0);
  g_assert_cmpfloat (d, <, 36.0);
  /* symmetric */
  g_assert_cmpfloat_with_epsilon (cw_geo_haversine_km (52.0907, 5.1214, 52.3676, 4.9041),
                                  d, 1e-9);

  g_assert_cmpfloat_with_epsilon (cw_geo_haversine_km (52.3676, 4.9041, 52.3676, 4.9041),
                                  0.0, 1e-12);

  /* Antipodes: half the circumference, π R. */
  d = cw_geo_haversine_km (52.3676, 4.9041, -52.3676, 4.9041 - 180.0);
  g_assert_cmpfloat_with_epsilon (d, G_PI * CW_EARTH_RADIUS_KM, 0.01);
  g_assert_cmpfloat (d, >, 20014.0);
  g_assert_cmpfloat (d, <, 20016.0);
  d = cw_geo_haversine_km (90, 0, -90, 0);
  g_assert_cmpfloat_with_epsilon (d, G_PI * CW_EARTH_RADIUS_KM, 0.01);

  /* One degree of longitude on the equator, about 111.2 km. */
  d = cw_geo_haversine_km (0, 0, 0, 1);
  g_assert_cmpfloat_with_epsilon (d, 111.195, 0.01);
}

static void
test_coords_valid (void)
{
  g_assert_true (cw_geo_coords_valid (52.3676, 4.9041));
  g_assert_true (cw_geo_coords_valid (0, 0));
  g_assert_true (cw_geo_coords_valid (90, 180));
  g_assert_true (cw_geo_coords_valid (-90, -180));

  g_assert_false (cw_geo_coords_valid (NAN, 4.9));
  g_assert_false (cw_geo_coords_valid (52.3, NAN));
  g_assert_false (cw_geo_coords_valid (INFINITY, 0));
  g_assert_false (cw_geo_coords_valid (91, 0));
  g_assert_false (cw_geo_coords_valid (-90.0001, 0));
  g_assert_false (cw_geo_coords_valid (0, -181));
  g_assert_false (cw_geo_coords_valid (0, 180.5));
}

static void
test_bbox_around (void)
{
  const double lat = 52.0907, lon = 5.1214, radius = 10.0;
  double dlat = radius / CW_EARTH_RADIUS_KM * 180.0 / G_PI;
  double dlon = dlat / cos (lat * G_PI / 180.0);
  CwBBox box;

  cw_bbox_around (lat, lon, radius, &box);

  g_assert_cmpfloat (box.min_lat, <, lat);
  g_assert_cmpfloat (box.max_lat, >, lat);
  g_assert_cmpfloat (box.min_lon, <, lon);
  g_assert_cmpfloat (box.max_lon, >, lon);
  g_assert_true (cw_bbox_contains (&box, lat, lon));

  /* Points just inside the radius, due north/south/east/west, are in. */
  g_assert_true (cw_bbox_contains (&box, lat + 0.99 * dlat, lon));
  g_assert_true (cw_bbox_contains (&box, lat - 0.99 * dlat, lon));
  g_assert_true (cw_bbox_contains (&box, lat, lon + 0.99 * dlon));
  g_assert_true (cw_bbox_contains (&box, lat, lon - 0.99 * dlon));
  g_assert_cmpfloat (cw_geo_haversine_km (lat, lon, lat, lon + 0.99 * dlon), <, radius);

  /* Twice the radius away is out, in every direction. */
  g_assert_false (cw_bbox_contains (&box, lat + 2 * dlat, lon));
  g_assert_false (cw_bbox_contains (&box, lat - 2 * dlat, lon));
  g_assert_false (cw_bbox_contains (&box, lat, lon + 2 * dlon));
  g_assert_false (cw_bbox_contains (&box, lat, lon - 2 * dlon));
  g_assert_cmpfloat (cw_geo_haversine_km (lat, lon, lat + 2 * dlat, lon), >, 1.9 * radius);

  /* Near a pole the box spans every longitude and stays on Earth. */
  cw_bbox_around (89.99, 0, 50, &box);
  g_assert_cmpfloat (box.max_lat, <=, 90.0);
  g_assert_cmpfloat (box.min_lon, ==, -180.0);
  g_assert_cmpfloat (box.max_lon, ==, 180.0);
  g_assert_true (cw_bbox_contains (&box, 89.995, 123.0));
}

static CwTariff *
make_tariff (void)
{
  CwTariff *t = cw_tariff_new ();
  CwTariffElement *energy = cw_tariff_element_new ();
  CwTariffElement *idle = cw_tariff_element_new ();
  CwPriceComponent pc_energy = { CW_TARIFF_DIMENSION_ENERGY, 0.50, 21.0, 1 };
  CwPriceComponent pc_idle = { CW_TARIFF_DIMENSION_PARKING_TIME, 6.00, 0.0, 60 };

  t->id = g_strdup ("T-TEST");
  t->currency = g_strdup ("EUR");
  g_array_append_val (energy->components, pc_energy);
  g_ptr_array_add (t->elements, energy);

  g_array_append_val (idle->components, pc_idle);
  idle->has_restrictions = TRUE;
  idle->restrictions.min_duration = 2700;
  g_ptr_array_add (t->elements, idle);
  return t;
}

static void
test_tariff_describe (void)
{
  g_autoptr (CwTariff) t = make_tariff ();
  g_autofree char *desc = cw_tariff_describe (t);
  g_autofree char *free_desc = NULL;
  g_autoptr (CwTariff) empty = cw_tariff_new ();
  double price = 0;
  gboolean restricted = TRUE;

  g_test_message ("described as: %s", desc);
  g_assert_true (g_str_has_prefix (desc, "EUR 0.6"));
  g_assert_nonnull (strstr (desc, "/kWh"));
  /* PARKING_TIME 6.00/h → 0.10/min, after 2700 s */
  g_assert_nonnull (strstr (desc, "EUR 0.10/min"));
  g_assert_nonnull (strstr (desc, "from 45 min into the session"));
  g_assert_null (strstr (desc, "per session"));
  g_assert_null (strstr (desc, "charging"));

  g_assert_true (cw_tariff_find_price (t, CW_TARIFF_DIMENSION_ENERGY, &price, &restricted));
  g_assert_cmpfloat_with_epsilon (price, 0.605, 1e-9);
  g_assert_false (restricted);
  g_assert_true (cw_tariff_find_price (t, CW_TARIFF_DIMENSION_PARKING_TIME, &price, &restricted));
  g_assert_cmpfloat_with_epsilon (price, 6.0, 1e-9);
  g_assert_true (restricted);
  g_assert_false (cw_tariff_find_price (t, CW_TARIFF_DIMENSION_FLAT, NULL, NULL));

  /* Nothing priced: free, unless the tariff says something itself. */
  free_desc = cw_tariff_describe (empty);
  g_assert_cmpstr (free_desc, ==, "Free of charge");
  empty->alt_text = g_strdup ("Ask at the desk");
  g_clear_pointer (&free_desc, g_free);
  free_desc = cw_tariff_describe (empty);
  g_assert_cmpstr (free_desc, ==, "Ask at the desk");
}

/* 0.50 excl. + 21 % VAT is 0.605, which a driver expects as 0.61; in
 * binary floating point 0.5 * 1.21 is 0.60499999…, which "%.2f" prints
 * as 0.60. */
static void
test_tariff_describe_rounding (void)
{
  g_autoptr (CwTariff) t = make_tariff ();
  g_autofree char *desc = cw_tariff_describe (t);

  g_test_message ("described as: %s", desc);
  g_assert_nonnull (strstr (desc, "EUR 0.61/kWh"));
}

static void
test_tariff_describe_all_dimensions (void)
{
  g_autoptr (CwTariff) t = cw_tariff_new ();
  CwTariffElement *element = cw_tariff_element_new ();
  CwTariffElement *night = cw_tariff_element_new ();
  CwPriceComponent flat = { CW_TARIFF_DIMENSION_FLAT, 1.00, -1, 1 };
  CwPriceComponent charging = { CW_TARIFF_DIMENSION_TIME, 2.00, 0, 60 };
  CwPriceComponent idle = { CW_TARIFF_DIMENSION_PARKING_TIME, 12.00, -1, 60 };
  CwPriceComponent night_energy = { CW_TARIFF_DIMENSION_ENERGY, 0.20, -1, 1 };
  CwPriceComponent day_energy = { CW_TARIFF_DIMENSION_ENERGY, 0.40, -1, 1 };
  g_autofree char *desc = NULL;
  double price = 0;
  gboolean restricted = FALSE;

  t->currency = g_strdup ("GBP");
  /* A restricted (night) energy price first, the unrestricted one later:
   * the unrestricted one is what describe and find_price show. */
  g_array_append_val (night->components, night_energy);
  night->has_restrictions = TRUE;
  night->restrictions.start_time = g_strdup ("22:00");
  night->restrictions.end_time = g_strdup ("06:00");
  g_ptr_array_add (t->elements, night);

  g_array_append_val (element->components, flat);
  g_array_append_val (element->components, charging);
  g_array_append_val (element->components, idle);
  g_array_append_val (element->components, day_energy);
  g_ptr_array_add (t->elements, element);

  desc = cw_tariff_describe (t);
  g_test_message ("described as: %s", desc);
  g_assert_cmpstr (desc, ==,
                   "GBP 0.40/kWh · GBP 2.00/h charging · GBP 1.00 per session · "
                   "idle fee GBP 0.20/min");

  g_assert_true (cw_tariff_find_price (t, CW_TARIFF_DIMENSION_ENERGY, &price, &restricted));
  g_assert_cmpfloat_with_epsilon (price, 0.40, 1e-9);
  g_assert_false (restricted);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/enums/evse-status", test_evse_status);
  g_test_add_func ("/enums/facility", test_facility);
  g_test_add_func ("/enums/parking-type", test_parking_type);
  g_test_add_func ("/enums/connector-standard", test_connector_standard);
  g_test_add_func ("/enums/format-power-tariff-day-reservation", test_small_enums);
  g_test_add_func ("/enums/availability", test_availability);
  g_test_add_func ("/enums/short-names", test_short_names);
  g_test_add_func ("/geo/haversine", test_haversine);
  g_test_add_func ("/geo/coords-valid", test_coords_valid);
  g_test_add_func ("/geo/bbox-around", test_bbox_around);
  g_test_add_func ("/tariff/describe", test_tariff_describe);
  g_test_add_func ("/tariff/describe-rounds-vat-to-cents", test_tariff_describe_rounding);
  g_test_add_func ("/tariff/describe-all-dimensions", test_tariff_describe_all_dimensions);

  return g_test_run ();
}
