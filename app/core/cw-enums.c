/* cw-enums.c: OCPI wire names of the model's enumerations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-enums"

#include "cw-types.h"

static gboolean
lookup (const char * const *names,
        guint               n_names,
        const char         *str,
        guint               first,
        guint              *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = first; i < n_names; i++)
    {
      if (names[i] != NULL && g_ascii_strcasecmp (names[i], str) == 0)
        {
          *out = i;
          return TRUE;
        }
    }
  return FALSE;
}

#define DEFINE_ENUM_NAMES(TypeName, type_name, N, first)                   \
  const char *                                                             \
  cw_##type_name##_to_string (TypeName value)                              \
  {                                                                        \
    if ((guint) value >= (N))                                              \
      return NULL;                                                         \
    return type_name##_names[value];                                       \
  }                                                                        \
  gboolean                                                                 \
  cw_##type_name##_from_string (const char *str,                           \
                                TypeName   *out)                           \
  {                                                                        \
    guint v;                                                               \
    if (!lookup (type_name##_names, (N), str, (first), &v))                \
      return FALSE;                                                        \
    *out = (TypeName) v;                                                   \
    return TRUE;                                                           \
  }

static const char * const evse_status_names[CW_N_EVSE_STATUS] = {
  "UNKNOWN", "AVAILABLE", "CHARGING", "RESERVED", "BLOCKED",
  "INOPERATIVE", "OUTOFORDER", "PLANNED", "REMOVED",
};
DEFINE_ENUM_NAMES (CwEvseStatus, evse_status, CW_N_EVSE_STATUS, 0)

static const char * const facility_names[CW_N_FACILITIES] = {
  "HOTEL", "RESTAURANT", "CAFE", "MALL", "SUPERMARKET", "SPORT",
  "RECREATION_AREA", "NATURE", "MUSEUM", "BIKE_SHARING", "BUS_STOP",
  "TAXI_STAND", "TRAM_STOP", "METRO_STATION", "TRAIN_STATION", "AIRPORT",
  "PARKING_LOT", "CARPOOL_PARKING", "FUEL_STATION", "WIFI",
};
DEFINE_ENUM_NAMES (CwFacility, facility, CW_N_FACILITIES, 0)

static const char * const parking_type_names[CW_N_PARKING_TYPES] = {
  NULL, "ALONG_MOTORWAY", "PARKING_GARAGE", "PARKING_LOT", "ON_DRIVEWAY",
  "ON_STREET", "UNDERGROUND_GARAGE",
};
DEFINE_ENUM_NAMES (CwParkingType, parking_type, CW_N_PARKING_TYPES, 1)

static const char * const connector_standard_names[CW_N_CONNECTOR_STANDARDS] = {
  NULL, "CHADEMO", "CHAOJI",
  "DOMESTIC_A", "DOMESTIC_B", "DOMESTIC_C", "DOMESTIC_D", "DOMESTIC_E",
  "DOMESTIC_F", "DOMESTIC_G", "DOMESTIC_H", "DOMESTIC_I", "DOMESTIC_J",
  "DOMESTIC_K", "DOMESTIC_L", "DOMESTIC_M", "DOMESTIC_N", "DOMESTIC_O",
  "GBT_AC", "GBT_DC",
  "IEC_60309_2_single_16", "IEC_60309_2_three_16", "IEC_60309_2_three_32",
  "IEC_60309_2_three_64",
  "IEC_62196_T1", "IEC_62196_T1_COMBO", "IEC_62196_T2", "IEC_62196_T2_COMBO",
  "IEC_62196_T3A", "IEC_62196_T3C",
  "NEMA_5_20", "NEMA_6_30", "NEMA_6_50", "NEMA_10_30", "NEMA_10_50",
  "NEMA_14_30", "NEMA_14_50",
  "PANTOGRAPH_BOTTOM_UP", "PANTOGRAPH_TOP_DOWN", "TESLA_R", "TESLA_S",
};
DEFINE_ENUM_NAMES (CwConnectorStandard, connector_standard, CW_N_CONNECTOR_STANDARDS, 1)

static const char * const connector_format_names[CW_N_CONNECTOR_FORMATS] = {
  NULL, "SOCKET", "CABLE",
};
DEFINE_ENUM_NAMES (CwConnectorFormat, connector_format, CW_N_CONNECTOR_FORMATS, 1)

static const char * const power_type_names[CW_N_POWER_TYPES] = {
  NULL, "AC_1_PHASE", "AC_2_PHASE", "AC_2_PHASE_SPLIT", "AC_3_PHASE", "DC",
};
DEFINE_ENUM_NAMES (CwPowerType, power_type, CW_N_POWER_TYPES, 1)

static const char * const tariff_dimension_names[CW_N_TARIFF_DIMENSIONS] = {
  "ENERGY", "FLAT", "PARKING_TIME", "TIME",
};
DEFINE_ENUM_NAMES (CwTariffDimension, tariff_dimension, CW_N_TARIFF_DIMENSIONS, 0)

static const char * const tariff_type_names[CW_N_TARIFF_TYPES] = {
  NULL, "AD_HOC_PAYMENT", "PROFILE_CHEAP", "PROFILE_FAST",
  "PROFILE_GREEN", "REGULAR",
};
DEFINE_ENUM_NAMES (CwTariffType, tariff_type, CW_N_TARIFF_TYPES, 1)

static const char * const day_of_week_names[CW_N_DAYS] = {
  "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
};
DEFINE_ENUM_NAMES (CwDayOfWeek, day_of_week, CW_N_DAYS, 0)

static const char * const reservation_restriction_names[CW_N_RESERVATION_RESTRICTIONS] = {
  NULL, "RESERVATION", "RESERVATION_EXPIRES",
};
DEFINE_ENUM_NAMES (CwReservationRestriction, reservation_restriction,
                   CW_N_RESERVATION_RESTRICTIONS, 1)

const char *
cw_connector_standard_short_name (CwConnectorStandard standard)
{
  switch (standard)
    {
    case CW_CONNECTOR_CHADEMO: return "CHAdeMO";
    case CW_CONNECTOR_CHAOJI: return "ChaoJi";
    case CW_CONNECTOR_IEC_62196_T1: return "Type 1";
    case CW_CONNECTOR_IEC_62196_T1_COMBO: return "CCS1";
    case CW_CONNECTOR_IEC_62196_T2: return "Type 2";
    case CW_CONNECTOR_IEC_62196_T2_COMBO: return "CCS2";
    case CW_CONNECTOR_IEC_62196_T3A: return "Type 3A";
    case CW_CONNECTOR_IEC_62196_T3C: return "Type 3C";
    case CW_CONNECTOR_DOMESTIC_F: return "Schuko";
    case CW_CONNECTOR_DOMESTIC_G: return "UK 3-pin";
    case CW_CONNECTOR_GBT_AC: return "GB/T AC";
    case CW_CONNECTOR_GBT_DC: return "GB/T DC";
    case CW_CONNECTOR_TESLA_S: return "NACS/Tesla";
    case CW_CONNECTOR_TESLA_R: return "Tesla Roadster";
    case CW_CONNECTOR_IEC_60309_2_SINGLE_16:
    case CW_CONNECTOR_IEC_60309_2_THREE_16:
    case CW_CONNECTOR_IEC_60309_2_THREE_32:
    case CW_CONNECTOR_IEC_60309_2_THREE_64:
      return "CEE (IEC 60309)";
    case CW_CONNECTOR_PANTOGRAPH_BOTTOM_UP:
    case CW_CONNECTOR_PANTOGRAPH_TOP_DOWN:
      return "Pantograph";
    case CW_CONNECTOR_UNKNOWN:
      return "Unknown";
    default:
      if (standard >= CW_CONNECTOR_DOMESTIC_A && standard <= CW_CONNECTOR_DOMESTIC_O)
        return "Domestic";
      if (standard >= CW_CONNECTOR_NEMA_5_20 && standard <= CW_CONNECTOR_NEMA_14_50)
        return "NEMA";
      return "Unknown";
    }
}

gboolean
cw_connector_standard_is_dc (CwConnectorStandard standard)
{
  switch (standard)
    {
    case CW_CONNECTOR_CHADEMO:
    case CW_CONNECTOR_CHAOJI:
    case CW_CONNECTOR_GBT_DC:
    case CW_CONNECTOR_IEC_62196_T1_COMBO:
    case CW_CONNECTOR_IEC_62196_T2_COMBO:
    case CW_CONNECTOR_PANTOGRAPH_BOTTOM_UP:
    case CW_CONNECTOR_PANTOGRAPH_TOP_DOWN:
      return TRUE;
    default:
      return FALSE;
    }
}

CwAvailability
cw_evse_status_availability (CwEvseStatus status)
{
  switch (status)
    {
    case CW_EVSE_STATUS_AVAILABLE:
      return CW_AVAILABILITY_AVAILABLE;
    case CW_EVSE_STATUS_CHARGING:
    case CW_EVSE_STATUS_RESERVED:
    case CW_EVSE_STATUS_BLOCKED:
      return CW_AVAILABILITY_BUSY;
    case CW_EVSE_STATUS_INOPERATIVE:
    case CW_EVSE_STATUS_OUTOFORDER:
    case CW_EVSE_STATUS_PLANNED:
    case CW_EVSE_STATUS_REMOVED:
      return CW_AVAILABILITY_OUT_OF_ORDER;
    case CW_EVSE_STATUS_UNKNOWN:
    case CW_N_EVSE_STATUS:
    default:
      return CW_AVAILABILITY_UNKNOWN;
    }
}
