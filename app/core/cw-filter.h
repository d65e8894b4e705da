/* cw-filter.h: the criteria a driver filters stations by
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cw-opening-hours.h"
#include "cw-station.h"

G_BEGIN_DECLS

#define CW_FILTER_ERROR (cw_filter_error_quark ())

typedef enum {
  CW_FILTER_ERROR_PARSE,        /* a saved or typed filter string is not understood */
} CwFilterError;

/* One bit per criterion: what is set, what the data could not decide. */
typedef enum {
  CW_FILTER_STANDARDS = 1 << 0,
  CW_FILTER_MIN_POWER = 1 << 1,
  CW_FILTER_FREE_NOW  = 1 << 2,
  CW_FILTER_OPERATORS = 1 << 3,
  CW_FILTER_NEAR      = 1 << 4,
  CW_FILTER_MOTORWAY  = 1 << 5,
  CW_FILTER_OPEN_NOW  = 1 << 6,
  CW_FILTER_PUBLIC    = 1 << 7,
  CW_FILTER_MAX_PRICE = 1 << 8,
} CwFilterCriteria;

/* How a new filter relates to the old one, for gtk_filter_changed ():
 * MORE_STRICT keeps a subset, LESS_STRICT a superset. */
typedef enum {
  CW_FILTER_CHANGE_NONE = 0,
  CW_FILTER_CHANGE_MORE_STRICT,
  CW_FILTER_CHANGE_LESS_STRICT,
  CW_FILTER_CHANGE_DIFFERENT,
} CwFilterChange;

/* The connector choices a driver knows, as groups of OCPI standards. */
typedef enum {
  CW_CONNECTOR_GROUP_CCS2 = 0,  /* IEC_62196_T2_COMBO */
  CW_CONNECTOR_GROUP_CCS1,      /* IEC_62196_T1_COMBO */
  CW_CONNECTOR_GROUP_CHADEMO,   /* CHADEMO */
  CW_CONNECTOR_GROUP_TYPE2,     /* IEC_62196_T2 */
  CW_CONNECTOR_GROUP_NACS,      /* TESLA_S: NACS, SAE J3400 */
  CW_CONNECTOR_GROUP_DOMESTIC,  /* DOMESTIC_A … DOMESTIC_O */
  CW_N_CONNECTOR_GROUPS
} CwConnectorGroup;

#define CW_STANDARD_BIT(s) (G_GUINT64_CONSTANT (1) << (s))

guint64     cw_connector_group_mask      (CwConnectorGroup group);
/* "CCS2", "CCS1", "CHADEMO", "TYPE2", "NACS", "DOMESTIC": the filter string's names */
const char *cw_connector_group_to_string (CwConnectorGroup group);
/* "CCS2", "CCS1", "CHAdeMO", "Type 2", "NACS/J3400", "Domestic" */
const char *cw_connector_group_label     (CwConnectorGroup group);

#define CW_TYPE_FILTER (cw_filter_get_type ())

/* Every criterion is off at its zero/NULL value (max_price_kwh: negative).
 * Connector criteria (standards, min_power_kw, free_now, max_price_kwh)
 * hold together on one connector: "a free CCS2 connector of at least
 * 150 kW", not a free Type 2 beside a busy CCS2. */
typedef struct {
  guint64   standards;          /* CW_STANDARD_BIT () mask; 0 = any */
  double    min_power_kw;       /* 0 = any */
  gboolean  free_now;           /* its EVSE is AVAILABLE */
  char    **operators;          /* sorted, NULL-terminated; NULL = any */
  guint32   near;               /* CW_FACILITY_BIT () mask, any of them; RESTAURANT takes CAFE along */
  gboolean  along_motorway;     /* parking_type ALONG_MOTORWAY */
  gboolean  open_now;           /* unknown hours do not exclude (see matches_full) */
  gboolean  public_only;
  double    max_price_kwh;      /* incl. VAT, ENERGY price; negative = any */
  char     *price_currency;     /* ISO 4217 for max_price_kwh; NULL = any currency */
} CwFilter;

GQuark            cw_filter_error_quark      (void);
GType             cw_filter_get_type         (void) G_GNUC_CONST;
CwFilter         *cw_filter_new              (void);
CwFilter         *cw_filter_copy             (const CwFilter *filter);
void              cw_filter_free             (CwFilter       *filter);
/* Same stations for every input: compare () says NONE. */
gboolean          cw_filter_equal            (const CwFilter *a,
                                              const CwFilter *b);

/* Replaces the operator set (sorted, duplicates dropped); NULL or empty = any. */
void              cw_filter_set_operators    (CwFilter           *filter,
                                              const char * const *operators);
CwFilterCriteria  cw_filter_get_active       (const CwFilter *filter);

/* Whether @station passes at @now (unix seconds). @undecided_out gets
 * the criteria the station's data could not decide and that therefore
 * did not exclude it: today only OPEN_NOW, when its hours are unknown. */
gboolean          cw_filter_matches_full     (const CwFilter   *filter,
                                              CwStation        *station,
                                              gint64            now,
                                              CwFilterCriteria *undecided_out);
gboolean          cw_filter_matches          (const CwFilter *filter,
                                              CwStation      *station,
                                              gint64          now);

/* Open, closed or unknown: the station's OCPI opening times in its own
 * time zone; a bare twentyfourseven flag counts as open. */
CwOpenState       cw_filter_station_open_state (CwStation *station,
                                                gint64     now);

CwFilterChange    cw_filter_compare          (const CwFilter *old_filter,
                                              const CwFilter *new_filter);

/* A compact, stable text form, keys in a fixed order:
 *   standard=CCS2,CHADEMO;min_kw=150;free;operator=A,B;near=RESTAURANT;
 *   motorway;open;public;max_price=0.59EUR
 * standard takes group names and OCPI standards; near takes OCPI
 * facilities; operator names are %-escaped (% , ; =). The empty filter
 * is "". from_string accepts what to_string writes, any case for names,
 * spaces around items; it fails on unknown keys or values. */
char             *cw_filter_to_string        (const CwFilter  *filter);
CwFilter         *cw_filter_from_string      (const char      *str,
                                              GError         **error);

/* The criteria a source's data cannot answer. Open Charge Map (source
 * "ocm…") has no facilities, parking type, opening hours or per-kWh
 * tariffs: near and motorway exclude all its stations, open-now decides
 * none, a maximum price excludes all. */
CwFilterCriteria  cw_filter_unanswerable     (const char *source);
/* One sentence naming the active criteria @source cannot answer, or
 * NULL when there are none. */
char             *cw_filter_explain_unanswerable (const CwFilter *filter,
                                                  const char     *source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwFilter, cw_filter_free)

G_END_DECLS
