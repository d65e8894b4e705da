/* cw-types.h: the OCPI 2.2.1 enumerations Chargeway's model is built on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* OCPI 2.2.1 Locations module, 8.4.22 Status. Ordered so that a "worse"
 * live state sorts after a better one; UNKNOWN is 0 so zeroed memory is
 * honest. */
typedef enum {
  CW_EVSE_STATUS_UNKNOWN = 0,
  CW_EVSE_STATUS_AVAILABLE,
  CW_EVSE_STATUS_CHARGING,
  CW_EVSE_STATUS_RESERVED,
  CW_EVSE_STATUS_BLOCKED,
  CW_EVSE_STATUS_INOPERATIVE,
  CW_EVSE_STATUS_OUTOFORDER,
  CW_EVSE_STATUS_PLANNED,
  CW_EVSE_STATUS_REMOVED,
  CW_N_EVSE_STATUS
} CwEvseStatus;

/* 8.4.12 Facility; used as bit positions in a guint32 mask. */
typedef enum {
  CW_FACILITY_HOTEL = 0,
  CW_FACILITY_RESTAURANT,
  CW_FACILITY_CAFE,
  CW_FACILITY_MALL,
  CW_FACILITY_SUPERMARKET,
  CW_FACILITY_SPORT,
  CW_FACILITY_RECREATION_AREA,
  CW_FACILITY_NATURE,
  CW_FACILITY_MUSEUM,
  CW_FACILITY_BIKE_SHARING,
  CW_FACILITY_BUS_STOP,
  CW_FACILITY_TAXI_STAND,
  CW_FACILITY_TRAM_STOP,
  CW_FACILITY_METRO_STATION,
  CW_FACILITY_TRAIN_STATION,
  CW_FACILITY_AIRPORT,
  CW_FACILITY_PARKING_LOT,
  CW_FACILITY_CARPOOL_PARKING,
  CW_FACILITY_FUEL_STATION,
  CW_FACILITY_WIFI,
  CW_N_FACILITIES
} CwFacility;

#define CW_FACILITY_BIT(f) (1u << (f))

/* 8.4.17 ParkingType */
typedef enum {
  CW_PARKING_TYPE_UNKNOWN = 0,
  CW_PARKING_TYPE_ALONG_MOTORWAY,
  CW_PARKING_TYPE_PARKING_GARAGE,
  CW_PARKING_TYPE_PARKING_LOT,
  CW_PARKING_TYPE_ON_DRIVEWAY,
  CW_PARKING_TYPE_ON_STREET,
  CW_PARKING_TYPE_UNDERGROUND_GARAGE,
  CW_N_PARKING_TYPES
} CwParkingType;

/* 8.4.7 ConnectorType: all 40 values of OCPI 2.2.1, plus UNKNOWN for
 * sources that do not say (or say something OCPI has no name for). */
typedef enum {
  CW_CONNECTOR_UNKNOWN = 0,
  CW_CONNECTOR_CHADEMO,
  CW_CONNECTOR_CHAOJI,
  CW_CONNECTOR_DOMESTIC_A,
  CW_CONNECTOR_DOMESTIC_B,
  CW_CONNECTOR_DOMESTIC_C,
  CW_CONNECTOR_DOMESTIC_D,
  CW_CONNECTOR_DOMESTIC_E,
  CW_CONNECTOR_DOMESTIC_F,
  CW_CONNECTOR_DOMESTIC_G,
  CW_CONNECTOR_DOMESTIC_H,
  CW_CONNECTOR_DOMESTIC_I,
  CW_CONNECTOR_DOMESTIC_J,
  CW_CONNECTOR_DOMESTIC_K,
  CW_CONNECTOR_DOMESTIC_L,
  CW_CONNECTOR_DOMESTIC_M,
  CW_CONNECTOR_DOMESTIC_N,
  CW_CONNECTOR_DOMESTIC_O,
  CW_CONNECTOR_GBT_AC,
  CW_CONNECTOR_GBT_DC,
  CW_CONNECTOR_IEC_60309_2_SINGLE_16,
  CW_CONNECTOR_IEC_60309_2_THREE_16,
  CW_CONNECTOR_IEC_60309_2_THREE_32,
  CW_CONNECTOR_IEC_60309_2_THREE_64,
  CW_CONNECTOR_IEC_62196_T1,
  CW_CONNECTOR_IEC_62196_T1_COMBO,
  CW_CONNECTOR_IEC_62196_T2,
  CW_CONNECTOR_IEC_62196_T2_COMBO,
  CW_CONNECTOR_IEC_62196_T3A,
  CW_CONNECTOR_IEC_62196_T3C,
  CW_CONNECTOR_NEMA_5_20,
  CW_CONNECTOR_NEMA_6_30,
  CW_CONNECTOR_NEMA_6_50,
  CW_CONNECTOR_NEMA_10_30,
  CW_CONNECTOR_NEMA_10_50,
  CW_CONNECTOR_NEMA_14_30,
  CW_CONNECTOR_NEMA_14_50,
  CW_CONNECTOR_PANTOGRAPH_BOTTOM_UP,
  CW_CONNECTOR_PANTOGRAPH_TOP_DOWN,
  CW_CONNECTOR_TESLA_R,
  CW_CONNECTOR_TESLA_S,
  CW_N_CONNECTOR_STANDARDS
} CwConnectorStandard;

/* 8.4.6 ConnectorFormat */
typedef enum {
  CW_CONNECTOR_FORMAT_UNKNOWN = 0,
  CW_CONNECTOR_FORMAT_SOCKET,
  CW_CONNECTOR_FORMAT_CABLE,
  CW_N_CONNECTOR_FORMATS
} CwConnectorFormat;

/* 8.4.19 PowerType */
typedef enum {
  CW_POWER_TYPE_UNKNOWN = 0,
  CW_POWER_TYPE_AC_1_PHASE,
  CW_POWER_TYPE_AC_2_PHASE,
  CW_POWER_TYPE_AC_2_PHASE_SPLIT,
  CW_POWER_TYPE_AC_3_PHASE,
  CW_POWER_TYPE_DC,
  CW_N_POWER_TYPES
} CwPowerType;

/* Tariffs module 11.4.2 TariffDimensionType */
typedef enum {
  CW_TARIFF_DIMENSION_ENERGY = 0,
  CW_TARIFF_DIMENSION_FLAT,
  CW_TARIFF_DIMENSION_PARKING_TIME,
  CW_TARIFF_DIMENSION_TIME,
  CW_N_TARIFF_DIMENSIONS
} CwTariffDimension;

/* 11.4.7 TariffType */
typedef enum {
  CW_TARIFF_TYPE_UNSPECIFIED = 0,
  CW_TARIFF_TYPE_AD_HOC_PAYMENT,
  CW_TARIFF_TYPE_PROFILE_CHEAP,
  CW_TARIFF_TYPE_PROFILE_FAST,
  CW_TARIFF_TYPE_PROFILE_GREEN,
  CW_TARIFF_TYPE_REGULAR,
  CW_N_TARIFF_TYPES
} CwTariffType;

/* 11.4.1 DayOfWeek, as bits of a mask (MONDAY = bit 0) */
typedef enum {
  CW_DAY_MONDAY = 0,
  CW_DAY_TUESDAY,
  CW_DAY_WEDNESDAY,
  CW_DAY_THURSDAY,
  CW_DAY_FRIDAY,
  CW_DAY_SATURDAY,
  CW_DAY_SUNDAY,
  CW_N_DAYS
} CwDayOfWeek;

/* 11.4.5 ReservationRestrictionType */
typedef enum {
  CW_RESERVATION_NONE = 0,
  CW_RESERVATION_RESERVATION,
  CW_RESERVATION_RESERVATION_EXPIRES,
  CW_N_RESERVATION_RESTRICTIONS
} CwReservationRestriction;

/* What a marker shows: the best live state among a station's EVSEs. */
typedef enum {
  CW_AVAILABILITY_UNKNOWN = 0,
  CW_AVAILABILITY_AVAILABLE,
  CW_AVAILABILITY_BUSY,
  CW_AVAILABILITY_OUT_OF_ORDER,
  CW_N_AVAILABILITIES
} CwAvailability;

/* What a station's glyph shows: the place a driver recognises first. */
typedef enum {
  CW_CATEGORY_NONE = 0,
  CW_CATEGORY_MOTORWAY,
  CW_CATEGORY_HOTEL,
  CW_CATEGORY_MALL,
  CW_CATEGORY_RESTAURANT,
  CW_CATEGORY_CAFE,
  CW_CATEGORY_SUPERMARKET,
  CW_N_CATEGORIES
} CwCategory;

/* Each pair maps the OCPI wire name (case-insensitive on input) to the
 * enum. *_from_string returns FALSE for names OCPI does not define. */
const char *cw_evse_status_to_string        (CwEvseStatus status);
gboolean    cw_evse_status_from_string      (const char *str, CwEvseStatus *out);
const char *cw_facility_to_string           (CwFacility facility);
gboolean    cw_facility_from_string         (const char *str, CwFacility *out);
const char *cw_parking_type_to_string       (CwParkingType type);
gboolean    cw_parking_type_from_string     (const char *str, CwParkingType *out);
const char *cw_connector_standard_to_string (CwConnectorStandard standard);
gboolean    cw_connector_standard_from_string (const char *str, CwConnectorStandard *out);
const char *cw_connector_format_to_string   (CwConnectorFormat format);
gboolean    cw_connector_format_from_string (const char *str, CwConnectorFormat *out);
const char *cw_power_type_to_string         (CwPowerType type);
gboolean    cw_power_type_from_string       (const char *str, CwPowerType *out);
const char *cw_tariff_dimension_to_string   (CwTariffDimension dim);
gboolean    cw_tariff_dimension_from_string (const char *str, CwTariffDimension *out);
const char *cw_tariff_type_to_string        (CwTariffType type);
gboolean    cw_tariff_type_from_string      (const char *str, CwTariffType *out);
const char *cw_day_of_week_to_string        (CwDayOfWeek day);
gboolean    cw_day_of_week_from_string      (const char *str, CwDayOfWeek *out);
const char *cw_reservation_restriction_to_string   (CwReservationRestriction r);
gboolean    cw_reservation_restriction_from_string (const char *str, CwReservationRestriction *out);

/* A short name drivers know: "CCS2", "Type 2", "CHAdeMO", "Schuko" … */
const char *cw_connector_standard_short_name (CwConnectorStandard standard);
gboolean    cw_connector_standard_is_dc      (CwConnectorStandard standard);
CwAvailability cw_evse_status_availability   (CwEvseStatus status);

G_END_DECLS
