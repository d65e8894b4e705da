/* cw-ocpi-parser.h: OCPI 2.2.1 Locations and Tariffs JSON → model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-geo.h"
#include "cw-station.h"
#include "cw-parse-error.h"

G_BEGIN_DECLS

/* Accepts a single Location object, an array of them, or the response
 * envelope {data, status_code, status_message, timestamp} around either.
 * Returns CwStation* (source set to @source), or NULL with @error
 * naming what is wrong and where; never a partial result. */
GPtrArray  *cw_ocpi_parse_locations       (GBytes      *bytes,
                                           const char  *source,
                                           GError     **error);
GPtrArray  *cw_ocpi_parse_locations_node  (JsonNode    *node,
                                           const char  *source,
                                           GError     **error);
CwStation  *cw_ocpi_parse_location        (JsonObject  *object,
                                           const char  *source,
                                           const char  *path,
                                           GError     **error);

/* Tariffs: a Tariff, an array, or an envelope around either.
 * Returns a table id → CwTariff*. */
GHashTable *cw_ocpi_parse_tariffs         (GBytes      *bytes,
                                           GError     **error);
CwTariff   *cw_ocpi_parse_tariff          (JsonObject  *object,
                                           const char  *path,
                                           GError     **error);

/* Unwraps an envelope: returns the "data" node (borrowed) or @node
 * itself when it is no envelope; fails on a non-success status_code. */
JsonNode   *cw_ocpi_unwrap_envelope       (JsonNode    *node,
                                           GError     **error);

/* ---- Lenient mode, for the open feeds regulation created ----
 *
 * Real open feeds are OCPI-shaped but not OCPI: the strict functions
 * above fail a whole response on one bad record. The lenient ones take
 * the response as it is and never fail for one location:
 *
 *  - any wrapper: the OCPI envelope, {name, message, data, error}
 *    (Clenergy), {"locations": [...]} (Jolt), {"data": {"locations":
 *    envelope, "tariffs": envelope}} (Mer), a bare array, one object;
 *  - a location that cannot be read is left out and counted, with why;
 *  - a location with no id gets a stable one from its name (else its
 *    first EVSE's evse_id);
 *  - the same id twice: the newest last_updated is kept;
 *  - statuses outside OCPI 2.2.1 are mapped to the nearest OCPI status
 *    or left UNKNOWN, each counted (see the table in the .c);
 *  - coordinates outside the feed's country (@country_bbox) are kept
 *    off the map and counted; when exactly one of "latitude and
 *    longitude swapped" or "a minus sign missing" puts them inside, that
 *    is reported as such, and with @correct_coordinates the location is
 *    kept with the fix applied (counted as corrected) instead;
 *  - numbers where strings belong and back, null powers, times with no
 *    zone (taken as UTC) are read as the strict mode already does, and
 *    counted where they are worth reporting.
 *
 * The strict mode stays the default everywhere else. */

typedef enum {
  CW_OCPI_PROBLEM_NOT_AN_OBJECT,    /* an element that is no JSON object */
  CW_OCPI_PROBLEM_INVALID,          /* a member of the wrong type, a value out of range … */
  CW_OCPI_PROBLEM_NO_ID,            /* no id, and nothing to derive one from */
  CW_OCPI_PROBLEM_NO_COORDINATES,
  CW_OCPI_PROBLEM_NOT_ON_EARTH,     /* latitude beyond ±90 or longitude beyond ±180 */
  CW_OCPI_PROBLEM_OUTSIDE_COUNTRY,  /* outside the feed's country, no single fix puts it inside */
  CW_OCPI_PROBLEM_SWAPPED,          /* latitude and longitude the wrong way round */
  CW_OCPI_PROBLEM_MISSING_MINUS,    /* a coordinate missing its minus sign */
  CW_OCPI_PROBLEM_DUPLICATE,        /* an id seen before; the older record left out */
  CW_OCPI_PROBLEM_TARIFF_INVALID,   /* a tariff that cannot be read */
  CW_OCPI_PROBLEM_TARIFF_NO_PRICE,  /* a price given as null: the tariff is unknown, not free */
  CW_N_OCPI_PROBLEMS
} CwOcpiProblemKind;

typedef struct {
  CwOcpiProblemKind kind;
  char     *path;        /* "$[3]", in the response as given */
  char     *id;          /* the record's id (derived or not), or NULL */
  char     *name;        /* the location's name, or NULL */
  char     *message;     /* for people: what is wrong, with the published values */
  gboolean  corrected;   /* TRUE: kept with the fix applied; FALSE: left out */
} CwOcpiProblem;

typedef struct {
  guint       locations;          /* kept (corrected ones included) */
  guint       skipped;            /* locations left out */
  guint       corrected;          /* kept with their coordinates fixed */
  guint       by_kind[CW_N_OCPI_PROBLEMS];
  guint       ids_derived;        /* locations that had no id */
  guint       publish_missing;    /* no publish flag: shown (the feed is open data) */
  guint       not_published;      /* publish false: kept as not public, never shown */
  guint       statuses_mapped;    /* EVSE statuses outside OCPI mapped to an OCPI one */
  guint       statuses_unknown;   /* EVSE statuses outside OCPI left UNKNOWN */
  guint       standards_mapped;   /* connector standards outside OCPI ("CCS2") mapped */
  guint       times_without_zone; /* last_updated with no zone, taken as UTC */
  guint       tariffs;            /* tariffs kept */
  guint       tariffs_skipped;
  GHashTable *nonspec_statuses;   /* the value as published → GUINT count */
  GPtrArray  *problems;           /* CwOcpiProblem*, in the order met */
} CwOcpiParseStats;

typedef struct {
  /* The feed's country: NULL checks only that a place is on Earth. */
  const CwBBox *country_bbox;
  /* Apply a swap or a missing minus sign when exactly one puts the
   * place inside @country_bbox (counted as corrected); FALSE leaves such
   * locations out, reported, uncorrected. */
  gboolean      correct_coordinates;
} CwOcpiLenientOptions;

void        cw_ocpi_parse_stats_init      (CwOcpiParseStats *stats);
void        cw_ocpi_parse_stats_clear     (CwOcpiParseStats *stats);
/* How many times @value was published as a status (0 if never). */
guint       cw_ocpi_parse_stats_count_status (const CwOcpiParseStats *stats,
                                              const char             *value);
/* Records a problem found outside the parser (a duplicate across pages,
 * a tariff URL that failed); counted in by_kind. */
void        cw_ocpi_parse_stats_add_problem (CwOcpiParseStats  *stats,
                                             CwOcpiProblemKind  kind,
                                             const char        *path,
                                             const char        *id,
                                             const char        *name,
                                             const char        *message);
/* "swapped-coordinates", … : stable names for reports and logs. */
const char *cw_ocpi_problem_kind_to_string (CwOcpiProblemKind kind);

/* @stats (may be NULL) is added to, so one can count several pages.
 * Fails only when the response as a whole is unusable: not JSON, an
 * envelope with an error status, a wrapper that says error, or no list
 * of locations at all. */
GPtrArray  *cw_ocpi_parse_locations_lenient      (GBytes                     *bytes,
                                                  const char                 *source,
                                                  const CwOcpiLenientOptions *options,
                                                  CwOcpiParseStats           *stats,
                                                  GError                    **error);
GPtrArray  *cw_ocpi_parse_locations_node_lenient (JsonNode                   *node,
                                                  const char                 *source,
                                                  const CwOcpiLenientOptions *options,
                                                  CwOcpiParseStats           *stats,
                                                  GError                    **error);
/* Tariffs the same way: any wrapper; a bad tariff left out and counted;
 * min_price/max_price as plain numbers (0: none; others, whose VAT is
 * unknown, left out); tariff_alt_text as plain strings; a null price
 * leaves the whole tariff out (price unknown, never "free"). */
GHashTable *cw_ocpi_parse_tariffs_lenient        (GBytes                     *bytes,
                                                  CwOcpiParseStats           *stats,
                                                  GError                    **error);
GHashTable *cw_ocpi_parse_tariffs_node_lenient   (JsonNode                   *node,
                                                  CwOcpiParseStats           *stats,
                                                  GError                    **error);

G_END_DECLS
