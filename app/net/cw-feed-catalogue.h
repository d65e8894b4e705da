/* cw-feed-catalogue.h: the open charging feeds Chargeway knows
 *
 * data/open-feeds.json, embedded as a resource: one entry per feed
 * that publishes charging stations for everyone (the UK's Public Charge
 * Point Regulations 2023, the EU's AFIR), with where to fetch it, the
 * form of its answers, its licence and the exact attribution statement
 * to show with its data, and how politely to ask.
 *
 * A catalogue is immutable once loaded; the default one is loaded once
 * and shared (safe from any thread).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-geo.h"
#include "cw-ocpi-parser.h"

G_BEGIN_DECLS

#define CW_FEED_CATALOGUE_RESOURCE "/io/github/chargeway/Chargeway/open-feeds.json"

typedef enum {
  CW_FEED_FORM_OCPI_ENVELOPE,     /* {data, status_code, …}, every record in one answer */
  CW_FEED_FORM_OCPI_PAGED_LINK,   /* the envelope, paged with Link / X-Total-Count */
  CW_FEED_FORM_DATA_WRAPPER,      /* {name, message, data, error} around OCPI records (Clenergy) */
  CW_FEED_FORM_OCPI_BY_MODULE,    /* {data: {locations: envelope, tariffs: envelope}} (Mer) */
  CW_FEED_FORM_BARE_ARRAY,        /* a JSON array of records, no envelope */
  CW_FEED_FORM_JOLT_LOCATIONS,    /* {"locations": [...]}, tariffs one per URL */
  CW_N_FEED_FORMS
} CwFeedForm;

typedef enum {
  CW_FEED_ACCESS_OPEN,            /* no key, no account */
  CW_FEED_ACCESS_SHARED_KEY,      /* a key the publisher prints for everyone; the user gives it */
} CwFeedAccess;

typedef struct {
  char         *id;               /* "chargy": a source spec names it as feed:chargy */
  char         *name;             /* the publisher's name, for people */
  char         *country;          /* ISO 3166-1 alpha-2 */
  char         *country_name;
  CwBBox        country_bbox;     /* a plausibility box, see the JSON */
  gboolean      has_country_bbox;
  char         *locations_url;
  char         *tariffs_url;      /* a Tariffs list, or NULL */
  char         *tariff_url_pattern; /* one tariff per URL, "{id}" replaced; or NULL */
  CwFeedForm    form;
  gboolean      gzip_file;        /* the URL is a .json.gz file (not Content-Encoding) */
  gboolean      date_from;        /* the feed honours OCPI's date_from */
  CwFeedAccess  access;
  char         *key_parameter;    /* SHARED_KEY: the query parameter, e.g. "apiKey" */
  char         *licence_id;       /* "OGL-UK-3.0" */
  char         *licence_name;
  char         *licence_url;
  gboolean      licence_verified; /* FALSE: as third parties state it, not checked at the source */
  char         *attribution;      /* the exact statement to show with the data */
  guint         request_gap;      /* seconds between two requests to the feed's host */
  guint         refresh_interval; /* the shortest time between two syncs, seconds */
  char         *source;           /* where the addresses were found */
  char         *notes;            /* known quirks, or NULL */
} CwFeed;

#define CW_TYPE_FEED_CATALOGUE (cw_feed_catalogue_get_type ())
G_DECLARE_FINAL_TYPE (CwFeedCatalogue, cw_feed_catalogue, CW, FEED_CATALOGUE, GObject)

/* Parses a catalogue; fails (CW_PARSE_ERROR) naming the entry and the
 * member at fault: a missing URL, an unknown form or licence, a
 * duplicate id, an http: address. */
CwFeedCatalogue *cw_feed_catalogue_new_from_bytes (GBytes           *bytes,
                                                   GError          **error);
/* The embedded catalogue, loaded on first use; NULL (and a critical
 * message) only if the build embedded a broken one. Borrowed. */
CwFeedCatalogue *cw_feed_catalogue_get_default    (void);

guint            cw_feed_catalogue_get_n_feeds    (CwFeedCatalogue  *self);
/* In the catalogue's order; borrowed. */
const CwFeed    *cw_feed_catalogue_get_feed       (CwFeedCatalogue  *self,
                                                   guint             index);
/* NULL when there is no such feed. */
const CwFeed    *cw_feed_catalogue_lookup         (CwFeedCatalogue  *self,
                                                   const char       *id);
/* The catalogue's own statement about the feeds (no endorsement …). */
const char      *cw_feed_catalogue_get_about      (CwFeedCatalogue  *self);

const char      *cw_feed_form_to_string           (CwFeedForm        form);
gboolean         cw_feed_form_from_string         (const char       *str,
                                                   CwFeedForm       *out);

/* The URL of tariff @tariff_id: the pattern with "{id}" replaced (the
 * id escaped for a path segment); NULL when the feed has no pattern. */
char            *cw_feed_get_tariff_url           (const CwFeed     *feed,
                                                   const char       *tariff_id);
/* Options for the lenient OCPI parser: the feed's country box.
 * Coordinates are never corrected by default (see cw-ocpi-parser.h);
 * @out keeps a pointer into @feed. */
void             cw_feed_get_lenient_options      (const CwFeed     *feed,
                                                   CwOcpiLenientOptions *out);

G_END_DECLS
