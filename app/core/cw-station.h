/* cw-station.h: a charging location with its EVSEs and connectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "cw-types.h"
#include "cw-tariff.h"
#include "cw-opening-hours.h"

G_BEGIN_DECLS

/* Small enums are kept in bytes: a continent of stations holds
 * millions of these. */

/* What a parser fills in for a connector, before a station packs it
 * (cw_evse_take_connector (), cw_station_take_evse ()). */
typedef struct {
  char                *id;
  char                *standard_label;  /* the source's own name when OCPI has none */
  char               **tariff_ids;      /* NULL-terminated, may be NULL */
  CwTariff            *tariff;          /* the first tariff resolved, or NULL */
  double               max_power_kw;    /* 0 when unknown */
  gint32               max_voltage;     /* V, 0 when unknown */
  gint32               max_amperage;    /* A, 0 when unknown */
  guint8               standard;        /* CwConnectorStandard */
  guint8               format;          /* CwConnectorFormat */
  guint8               power_type;      /* CwPowerType */
} CwConnectorDraft;

/* What a parser fills in for an EVSE, before a station packs it. */
typedef struct {
  char             *uid;
  char             *evse_id;
  gint64            last_updated;       /* unix seconds, 0 when unknown */
  CwConnectorDraft *connectors;         /* n_connectors of them */
  guint32           quantity;           /* identical points it stands for (OCM) */
  guint16           n_connectors;
  guint8            status;             /* CwEvseStatus */
} CwEvseDraft;

/* A connector as a station holds it, in the station's block: 20 bytes.
 * Its strings are in the block too, read with cw_connector_get_id () …
 * Power is kept as a float (7 significant digits), voltage and amperage
 * in 16 bits (a draft's larger values are clamped to 65535), the tariff
 * as a handle in the process's tariff table (cw-tariff-table.h), read
 * with cw_connector_get_tariff (). */
typedef struct {
  guint32              tariff_handle;   /* private: the first tariff resolved, 0 for none */
  float                max_power_kw;    /* 0 when unknown */
  guint32              text_at;         /* private: bytes from here to its strings */
  guint16              max_voltage;     /* V, 0 when unknown */
  guint16              max_amperage;    /* A, 0 when unknown */
  guint8               standard;        /* CwConnectorStandard */
  guint8               format;          /* CwConnectorFormat */
  guint8               power_type;      /* CwPowerType */
  guint8               has;             /* private: which strings it has */
} CwConnector;

/* An EVSE as a station holds it, in the station's one block of EVSEs,
 * connectors and strings: 16 bytes. Pointers to it hold until the
 * station's block changes (cw_station_take_evse (), a string set,
 * cw_station_update_from ()). The time is kept in 32 bits (to 2106; a
 * draft's negative or later times are clamped), the quantity in 16
 * (clamped to 65535). */
typedef struct {
  guint32       last_updated;           /* unix seconds, 0 when unknown */
  guint16       quantity;               /* identical points it stands for (OCM) */
  guint16       n_connectors;
  guint32       text_at : 28;           /* private: bytes from here to its strings */
  guint32       status : 4;             /* CwEvseStatus */
  guint32       connectors_at : 30;     /* private: bytes from here to its connectors */
  guint32       has : 2;                /* private: which strings it has */
} CwEvse;

#define CW_EVSE_MAX_CONNECTORS G_MAXUINT16
#define CW_STATION_MAX_EVSES   G_MAXUINT16

/* The n_connectors connectors of @evse (in the block). */
static inline CwConnector *
cw_evse_get_connectors (const CwEvse *evse)
{
  return (CwConnector *) (gpointer) ((char *) evse + evse->connectors_at);
}

const char  *cw_evse_get_uid                  (const CwEvse      *evse) G_GNUC_PURE;
const char  *cw_evse_get_evse_id              (const CwEvse      *evse) G_GNUC_PURE;
const char  *cw_connector_get_id              (const CwConnector *connector) G_GNUC_PURE;
const char  *cw_connector_get_standard_label  (const CwConnector *connector) G_GNUC_PURE;
/* FALSE when the source gave no list (an empty list is TRUE). */
gboolean     cw_connector_has_tariff_ids      (const CwConnector *connector) G_GNUC_PURE;
guint        cw_connector_get_n_tariff_ids    (const CwConnector *connector) G_GNUC_PURE;
/* The @k-th tariff id; NULL past the last. */
const char  *cw_connector_get_tariff_id       (const CwConnector *connector,
                                               guint              k) G_GNUC_PURE;
/* The first tariff resolved (borrowed: it lives as long as the
 * connector holds it), NULL for none. Connectors sharing a tariff give
 * the same pointer. */
CwTariff    *cw_connector_get_tariff          (const CwConnector *connector);
/* Holds @tariff (NULL for none) and lets the old one go. */
void         cw_connector_set_tariff          (CwConnector       *connector,
                                               CwTariff          *tariff);

CwConnectorDraft *cw_connector_new  (void);
void              cw_connector_free (CwConnectorDraft *connector);
CwEvseDraft      *cw_evse_new       (void);
/* A standalone copy of a packed @evse. */
CwEvseDraft      *cw_evse_copy      (const CwEvse *evse);
void              cw_evse_free      (CwEvseDraft  *evse);
/* Moves @connector (from cw_connector_new ()) into a standalone @evse
 * and frees its shell; FALSE (and @connector freed) when @evse is full. */
gboolean          cw_evse_take_connector (CwEvseDraft      *evse,
                                          CwConnectorDraft *connector);

#define CW_TYPE_STATION (cw_station_get_type ())
G_DECLARE_FINAL_TYPE (CwStation, cw_station, CW, STATION, GObject)

/* The strings of a station, read with cw_station_get_string () or the
 * cw_station_get_name () … macros below. */
typedef enum {
  CW_STATION_ID,
  CW_STATION_NAME,
  CW_STATION_ADDRESS,
  CW_STATION_CITY,
  CW_STATION_POSTAL_CODE,
  CW_STATION_COUNTRY,                   /* ISO 3166 alpha-3 (OCPI) or alpha-2 */
  CW_STATION_OPERATOR_NAME,
  CW_STATION_TIME_ZONE,
  CW_STATION_USAGE_COST,                /* free text (Open Charge Map), unverified */
  CW_STATION_ATTRIBUTION,               /* credit line of the data's source */
  CW_N_STATION_STRINGS
} CwStationString;

/* Fields are public for speed; treat them as read-only outside parsers
 * and the store, which calls cw_station_update_from () to change them.
 * 64 bytes: a continent of stations holds hundreds of thousands. */
struct _CwStation
{
  GObject        parent_instance;

  /* The station's one block: n_evses EVSEs, their connectors, the
   * station's strings and opening hours, then the EVSEs' and connectors'
   * strings. Only the first n_evses are EVSEs; non-NULL with none when
   * the station has strings. */
  CwEvse        *evses;
  double         latitude;
  double         longitude;
  gint64         last_updated;          /* unix seconds, 0 when unknown */
  guint32        facilities : 24;       /* CW_FACILITY_BIT () mask */
  guint32        parking_type : 6;      /* CwParkingType */
  guint32        twentyfourseven : 1;
  guint32        is_public : 1;
  guint16        n_evses;
  guint16        source_id;             /* private: cw_station_get_source () */
};

/* "demo", "ocpi:…", "ocm" …: one shared copy a source. */
const char    *cw_station_get_source          (CwStation      *self) G_GNUC_PURE;
/* OCPI opening_times; NULL when the source gives none. */
CwOpeningHours *cw_station_get_opening_hours  (CwStation      *self) G_GNUC_PURE;
/* Takes @hours (NULL to remove them). */
void           cw_station_take_opening_hours  (CwStation      *self,
                                               CwOpeningHours *hours);

/* NULL when the station has none. */
const char    *cw_station_get_string          (CwStation      *self,
                                               CwStationString which) G_GNUC_PURE;
/* Copies @value (NULL to remove it). */
void           cw_station_set_string          (CwStation      *self,
                                               CwStationString which,
                                               const char     *value);
/* The same, taking @value (g_free ()d). */
void           cw_station_take_string         (CwStation      *self,
                                               CwStationString which,
                                               char           *value);
/* Sets all of them at once: @values holds CW_N_STATION_STRINGS, each
 * copied, NULL for none; the quickest way for a decoder. */
void           cw_station_set_strings         (CwStation      *self,
                                               const char    **values);

#define cw_station_get_id(s)            cw_station_get_string ((s), CW_STATION_ID)
#define cw_station_get_name(s)          cw_station_get_string ((s), CW_STATION_NAME)
#define cw_station_get_address(s)       cw_station_get_string ((s), CW_STATION_ADDRESS)
#define cw_station_get_city(s)          cw_station_get_string ((s), CW_STATION_CITY)
#define cw_station_get_postal_code(s)   cw_station_get_string ((s), CW_STATION_POSTAL_CODE)
#define cw_station_get_country(s)       cw_station_get_string ((s), CW_STATION_COUNTRY)
#define cw_station_get_operator_name(s) cw_station_get_string ((s), CW_STATION_OPERATOR_NAME)
#define cw_station_get_time_zone(s)     cw_station_get_string ((s), CW_STATION_TIME_ZONE)
#define cw_station_get_usage_cost(s)    cw_station_get_string ((s), CW_STATION_USAGE_COST)
#define cw_station_get_attribution(s)   cw_station_get_string ((s), CW_STATION_ATTRIBUTION)

#define cw_station_set_name(s, v)          cw_station_set_string ((s), CW_STATION_NAME, (v))
#define cw_station_set_address(s, v)       cw_station_set_string ((s), CW_STATION_ADDRESS, (v))
#define cw_station_set_city(s, v)          cw_station_set_string ((s), CW_STATION_CITY, (v))
#define cw_station_set_postal_code(s, v)   cw_station_set_string ((s), CW_STATION_POSTAL_CODE, (v))
#define cw_station_set_country(s, v)       cw_station_set_string ((s), CW_STATION_COUNTRY, (v))
#define cw_station_set_operator_name(s, v) cw_station_set_string ((s), CW_STATION_OPERATOR_NAME, (v))
#define cw_station_set_time_zone(s, v)     cw_station_set_string ((s), CW_STATION_TIME_ZONE, (v))
#define cw_station_set_usage_cost(s, v)    cw_station_set_string ((s), CW_STATION_USAGE_COST, (v))
#define cw_station_set_attribution(s, v)   cw_station_set_string ((s), CW_STATION_ATTRIBUTION, (v))

CwStation     *cw_station_new                 (const char *source,
                                               const char *id);
/* A station with all its strings at once (@values: CW_N_STATION_STRINGS,
 * the id first, NULL for none): the quickest way for a decoder. */
CwStation     *cw_station_new_with_strings    (const char  *source,
                                               const char **values);
const char    *cw_station_get_key             (CwStation  *self);
/* Moves a standalone @evse (cw_evse_new ()) into the station's block
 * and frees it; FALSE (and @evse freed) when the station is full. */
gboolean       cw_station_take_evse           (CwStation   *self,
                                               CwEvseDraft *evse);
/* Replaces the station's EVSEs with the @n_evses of @evses (g_new ()),
 * each with connectors from g_new () or none, moving their contents into
 * one block; frees @evses and the connector arrays. */
void           cw_station_set_evses           (CwStation   *self,
                                               CwEvseDraft *evses,
                                               guint        n_evses);
/* A list of standalone EVSEs being read (GArray of CwEvseDraft; unref frees
 * what is left in it): appending is amortised O(1), where
 * cw_station_take_evse () copies the block each time. */
GArray        *cw_evse_list_new               (void);
/* Moves @evse (cw_evse_new ()) into @list and frees its shell; FALSE
 * (and @evse freed) when the list holds CW_STATION_MAX_EVSES. */
gboolean       cw_evse_list_take              (GArray      *list,
                                               CwEvseDraft *evse);
/* Replaces the station's EVSEs with those of @list, which is left empty. */
void           cw_station_take_evses          (CwStation  *self,
                                               GArray     *list);
/* Removes every EVSE. */
void           cw_station_clear_evses         (CwStation  *self);
gboolean       cw_station_has_facility        (CwStation  *self,
                                               CwFacility  facility);
CwAvailability cw_station_get_availability    (CwStation  *self);
guint          cw_station_count_evses         (CwStation  *self);
guint          cw_station_count_available     (CwStation  *self);
double         cw_station_get_max_power_kw    (CwStation  *self);
/* bit n set when a connector of CwConnectorStandard n is present */
guint64        cw_station_get_standards       (CwStation  *self);
CwCategory     cw_station_get_category   (CwStation  *self);
/* the latest of the station's and its EVSEs' last_updated */
gint64         cw_station_get_status_time     (CwStation  *self);

/* Copies the live and descriptive data of @other (same key), leaving
 * @other untouched; emits "changed" when anything differed. Returns
 * whether it did. */
gboolean       cw_station_update_from         (CwStation  *self,
                                               CwStation  *other);

/* Bytes a station takes, by part, added to @m: text is the bytes of
 * its strings with their NULs (what a parser read); everything else is
 * what holding them costs (heap headers and rounding included). */
typedef struct {
  guint n;
  gsize text;                   /* string bytes with their NULs */
  gsize instance;               /* the GObject instance, as GSlice rounds it */
  gsize gobject;                /*   of which the GObject header */
  gsize string_slots;           /*   of which pointers and offsets to strings */
  gsize string_heap;            /* heap headers and rounding of string blocks */
  gsize evses;                  /* EVSE structs */
  gsize connectors;             /* connector structs */
  gsize block_heap;             /* heap header and rounding of the EVSE block */
  gsize opening_hours;          /* opening hours, all of their parts */
} CwStationMemory;

void           cw_station_add_memory          (CwStation       *self,
                                               CwStationMemory *m);
/* The heap a block of @p takes (malloc_usable_size + its header). */
gsize          cw_heap_block_size             (gconstpointer    p);

/* Resolve connector tariff ids against @tariffs (id → CwTariff). */
void           cw_station_resolve_tariffs     (CwStation  *self,
                                               GHashTable *tariffs);

G_END_DECLS
