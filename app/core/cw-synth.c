/* cw-synth.c: made-up stations with the density of real ones
 *
 * Mix: 55 % around cities, 30 % at motorway service areas, 15 % rural.
 * City stations fall off as a Gaussian from the centre, a tight core
 * inside a wider suburb, both scaled by the square root of the metro
 * population. Motorways join each city to its three nearest neighbours
 * within 700 km, gently bowed; their stations come in groups at service
 * areas about 40 km apart. Rural ones are uniform over boxes that are
 * mostly land.
 *
 * Only GRand draws numbers, in a fixed order, so a seed gives the same
 * stations everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-synth"

#include <math.h>

#include "cw-station.h"
#include "cw-synth.h"

#define DEG2RAD     (G_PI / 180.0)
#define KM_PER_DEG  111.195

typedef struct {
  const char *name;
  const char *country;          /* ISO 3166 alpha-3 */
  double      lat, lon;
  double      population;       /* metro area, millions, roughly */
} City;

static const City cities[] = {
  { "London", "GBR", 51.5074, -0.1278, 14.0 },
  { "Paris", "FRA", 48.8566, 2.3522, 12.0 },
  { "Madrid", "ESP", 40.4168, -3.7038, 6.7 },
  { "Barcelona", "ESP", 41.3874, 2.1686, 5.6 },
  { "Berlin", "DEU", 52.5200, 13.4050, 6.0 },
  { "Hamburg", "DEU", 53.5511, 9.9937, 3.3 },
  { "Munich", "DEU", 48.1351, 11.5820, 2.9 },
  { "Cologne", "DEU", 50.9375, 6.9603, 3.5 },
  { "Essen", "DEU", 51.4556, 7.0116, 5.0 },
  { "Düsseldorf", "DEU", 51.2277, 6.7735, 1.5 },
  { "Frankfurt", "DEU", 50.1109, 8.6821, 2.7 },
  { "Stuttgart", "DEU", 48.7758, 9.1829, 2.7 },
  { "Hanover", "DEU", 52.3759, 9.7320, 1.3 },
  { "Leipzig", "DEU", 51.3397, 12.3731, 1.1 },
  { "Dresden", "DEU", 51.0504, 13.7373, 1.3 },
  { "Nuremberg", "DEU", 49.4521, 11.0767, 1.3 },
  { "Bremen", "DEU", 53.0793, 8.8017, 1.2 },
  { "Rome", "ITA", 41.9028, 12.4964, 4.3 },
  { "Milan", "ITA", 45.4642, 9.1900, 5.0 },
  { "Naples", "ITA", 40.8518, 14.2681, 3.0 },
  { "Turin", "ITA", 45.0703, 7.6869, 2.2 },
  { "Bologna", "ITA", 44.4949, 11.3426, 1.0 },
  { "Florence", "ITA", 43.7696, 11.2558, 1.0 },
  { "Venice", "ITA", 45.4408, 12.3155, 0.8 },
  { "Genoa", "ITA", 44.4056, 8.9463, 0.8 },
  { "Amsterdam", "NLD", 52.3676, 4.9041, 2.5 },
  { "Rotterdam", "NLD", 51.9244, 4.4777, 1.8 },
  { "Utrecht", "NLD", 52.0907, 5.1214, 0.9 },
  { "The Hague", "NLD", 52.0705, 4.3007, 1.0 },
  { "Eindhoven", "NLD", 51.4416, 5.4697, 0.8 },
  { "Brussels", "BEL", 50.8503, 4.3517, 2.5 },
  { "Antwerp", "BEL", 51.2194, 4.4025, 1.2 },
  { "Luxembourg", "LUX", 49.6116, 6.1319, 0.6 },
  { "Vienna", "AUT", 48.2082, 16.3738, 2.9 },
  { "Zurich", "CHE", 47.3769, 8.5417, 1.4 },
  { "Geneva", "CHE", 46.2044, 6.1432, 0.6 },
  { "Basel", "CHE", 47.5596, 7.5886, 0.8 },
  { "Lyon", "FRA", 45.7640, 4.8357, 2.3 },
  { "Marseille", "FRA", 43.2965, 5.3698, 1.9 },
  { "Lille", "FRA", 50.6292, 3.0573, 1.2 },
  { "Toulouse", "FRA", 43.6047, 1.4442, 1.4 },
  { "Bordeaux", "FRA", 44.8378, -0.5792, 1.3 },
  { "Nantes", "FRA", 47.2184, -1.5536, 1.0 },
  { "Nice", "FRA", 43.7102, 7.2620, 1.0 },
  { "Strasbourg", "FRA", 48.5734, 7.7521, 0.8 },
  { "Copenhagen", "DNK", 55.6761, 12.5683, 2.0 },
  { "Aarhus", "DNK", 56.1629, 10.2039, 0.35 },
  { "Stockholm", "SWE", 59.3293, 18.0686, 2.4 },
  { "Gothenburg", "SWE", 57.7089, 11.9746, 1.0 },
  { "Oslo", "NOR", 59.9139, 10.7522, 1.5 },
  { "Bergen", "NOR", 60.3913, 5.3221, 0.4 },
  { "Helsinki", "FIN", 60.1699, 24.9384, 1.5 },
  { "Tallinn", "EST", 59.4370, 24.7536, 0.6 },
  { "Riga", "LVA", 56.9496, 24.1052, 0.9 },
  { "Vilnius", "LTU", 54.6872, 25.2797, 0.8 },
  { "Dublin", "IRL", 53.3498, -6.2603, 2.0 },
  { "Manchester", "GBR", 53.4808, -2.2426, 2.8 },
  { "Birmingham", "GBR", 52.4862, -1.8904, 2.9 },
  { "Leeds", "GBR", 53.8008, -1.5491, 1.9 },
  { "Glasgow", "GBR", 55.8642, -4.2518, 1.8 },
  { "Edinburgh", "GBR", 55.9533, -3.1883, 0.9 },
  { "Bristol", "GBR", 51.4545, -2.5879, 1.0 },
  { "Lisbon", "PRT", 38.7223, -9.1393, 2.9 },
  { "Porto", "PRT", 41.1579, -8.6291, 1.7 },
  { "Valencia", "ESP", 39.4699, -0.3763, 1.6 },
  { "Seville", "ESP", 37.3891, -5.9845, 1.5 },
  { "Warsaw", "POL", 52.2297, 21.0122, 3.1 },
  { "Kraków", "POL", 50.0647, 19.9450, 1.5 },
  { "Prague", "CZE", 50.0755, 14.4378, 2.7 },
  { "Budapest", "HUN", 47.4979, 19.0402, 3.0 },
  { "Bratislava", "SVK", 48.1486, 17.1077, 0.7 },
  { "Ljubljana", "SVN", 46.0569, 14.5058, 0.5 },
  { "Zagreb", "HRV", 45.8150, 15.9819, 1.1 },
  { "Athens", "GRC", 37.9838, 23.7275, 3.7 },
  { "Bucharest", "ROU", 44.4268, 26.1025, 2.3 },
  { "Sofia", "BGR", 42.6977, 23.3219, 1.5 },
  { "Belgrade", "SRB", 44.7866, 20.4489, 1.7 },
  { "New York", "USA", 40.7128, -74.0060, 19.0 },
  { "Los Angeles", "USA", 34.0522, -118.2437, 13.0 },
  { "Chicago", "USA", 41.8781, -87.6298, 9.5 },
  { "Houston", "USA", 29.7604, -95.3698, 7.0 },
  { "Dallas", "USA", 32.7767, -96.7970, 7.5 },
  { "Washington", "USA", 38.9072, -77.0369, 6.3 },
  { "Philadelphia", "USA", 39.9526, -75.1652, 6.2 },
  { "Miami", "USA", 25.7617, -80.1918, 6.1 },
  { "Atlanta", "USA", 33.7490, -84.3880, 6.0 },
  { "Boston", "USA", 42.3601, -71.0589, 4.9 },
  { "Phoenix", "USA", 33.4484, -112.0740, 4.9 },
  { "San Francisco", "USA", 37.7749, -122.4194, 4.7 },
  { "San Jose", "USA", 37.3382, -121.8863, 2.0 },
  { "Seattle", "USA", 47.6062, -122.3321, 4.0 },
  { "Detroit", "USA", 42.3314, -83.0458, 4.3 },
  { "Minneapolis", "USA", 44.9778, -93.2650, 3.7 },
  { "San Diego", "USA", 32.7157, -117.1611, 3.3 },
  { "Denver", "USA", 39.7392, -104.9903, 3.0 },
  { "Portland", "USA", 45.5152, -122.6784, 2.5 },
  { "Las Vegas", "USA", 36.1699, -115.1398, 2.3 },
  { "Austin", "USA", 30.2672, -97.7431, 2.3 },
  { "Sacramento", "USA", 38.5816, -121.4944, 2.4 },
  { "Salt Lake City", "USA", 40.7608, -111.8910, 1.2 },
  { "Nashville", "USA", 36.1627, -86.7816, 2.0 },
  { "Charlotte", "USA", 35.2271, -80.8431, 2.7 },
  { "Orlando", "USA", 28.5383, -81.3792, 2.7 },
  { "Tampa", "USA", 27.9506, -82.4572, 3.2 },
  { "St. Louis", "USA", 38.6270, -90.1994, 2.8 },
  { "Kansas City", "USA", 39.0997, -94.5786, 2.2 },
  { "Columbus", "USA", 39.9612, -82.9988, 2.1 },
  { "Pittsburgh", "USA", 40.4406, -79.9959, 2.4 },
  { "Raleigh", "USA", 35.7796, -78.6382, 1.4 },
  { "Toronto", "CAN", 43.6532, -79.3832, 6.2 },
  { "Montreal", "CAN", 45.5017, -73.5673, 4.3 },
  { "Vancouver", "CAN", 49.2827, -123.1207, 2.6 },
  { "Calgary", "CAN", 51.0447, -114.0719, 1.5 },
  { "Ottawa", "CAN", 45.4215, -75.6972, 1.4 },
};

/* min lat, min lon, max lat, max lon; mostly land */
static const double rural_boxes[][4] = {
  { 43.0, -2.0, 54.0, 16.0 },   /* France, Benelux, Germany, Alps */
  { 37.0, -8.0, 43.0, 2.0 },    /* Iberia */
  { 38.0, 9.0, 46.0, 16.0 },    /* Italy */
  { 50.5, -4.0, 56.0, 1.0 },    /* Great Britain */
  { 56.0, 8.0, 63.0, 18.0 },    /* southern Scandinavia */
  { 45.0, 14.0, 54.0, 26.0 },   /* central and eastern Europe */
  { 33.0, -90.0, 43.0, -75.0 }, /* eastern United States */
  { 30.0, -100.0, 45.0, -90.0 },/* the Midwest and Texas */
  { 33.0, -123.0, 47.0, -117.0 },/* the West Coast */
  { 43.0, -80.0, 47.0, -70.0 }, /* Ontario, Quebec, New England */
};

#define CITY_SHARE      0.55
#define MOTORWAY_SHARE  0.30
#define MAX_LINK_KM     700.0
#define LINKS_PER_CITY  3
#define SERVICE_AREA_KM 40.0

typedef struct {
  guint  a, b;
  double km;
  double bow;                   /* sideways offset at the middle, km */
} Link;

static double
gaussian (GRand *rand)
{
  /* Box–Muller; 1 − u keeps the logarithm finite */
  double u = 1.0 - g_rand_double (rand);
  double v = g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static double
flat_km (double lat1,
         double lon1,
         double lat2,
         double lon2)
{
  double dx = (lon2 - lon1) * KM_PER_DEG * cos ((lat1 + lat2) / 2 * DEG2RAD);
  double dy = (lat2 - lat1) * KM_PER_DEG;

  return sqrt (dx * dx + dy * dy);
}

static void
offset_km (double *lat,
           double *lon,
           double  east_km,
           double  north_km)
{
  *lat += north_km / KM_PER_DEG;
  *lon += east_km / (KM_PER_DEG * cos (*lat * DEG2RAD));
}

/* Each city to its nearest neighbours within reach, each pair once. */
static GArray *
make_links (GRand *rand)
{
  GArray *links = g_array_new (FALSE, FALSE, sizeof (Link));

  for (guint a = 0; a < G_N_ELEMENTS (cities); a++)
    {
      guint best[LINKS_PER_CITY];
      double best_km[LINKS_PER_CITY];

      for (guint k = 0; k < LINKS_PER_CITY; k++)
        {
          best[k] = G_MAXUINT;
          best_km[k] = MAX_LINK_KM;
        }
      for (guint b = 0; b < G_N_ELEMENTS (cities); b++)
        {
          double km = flat_km (cities[a].lat, cities[a].lon, cities[b].lat, cities[b].lon);

          if (b == a || km >= best_km[LINKS_PER_CITY - 1])
            continue;
          for (guint k = LINKS_PER_CITY - 1; ; k--)
            {
              if (k > 0 && km < best_km[k - 1])
                {
                  best[k] = best[k - 1];
                  best_km[k] = best_km[k - 1];
                  continue;
                }
              best[k] = b;
              best_km[k] = km;
              break;
            }
        }
      for (guint k = 0; k < LINKS_PER_CITY && best[k] != G_MAXUINT; k++)
        {
          gboolean seen = FALSE;
          Link link = { MIN (a, best[k]), MAX (a, best[k]), best_km[k], 0 };

          for (guint l = 0; l < links->len && !seen; l++)
            {
              const Link *o = &g_array_index (links, Link, l);

              seen = o->a == link.a && o->b == link.b;
            }
          if (!seen)
            {
              link.bow = link.km * g_rand_double_range (rand, -0.08, 0.08);
              g_array_append_val (links, link);
            }
        }
    }
  return links;
}

/* A cumulative table of @n weights, for weighted_pick (). */
static double *
cumulate (const double *weights,
          guint         n)
{
  double *cum = g_new (double, n);
  double sum = 0;

  for (guint i = 0; i < n; i++)
    cum[i] = (sum += weights[i]);
  return cum;
}

static guint
weighted_pick (GRand        *rand,
               const double *cum,
               guint         n)
{
  double r = g_rand_double (rand) * cum[n - 1];
  guint lo = 0, hi = n - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (cum[mid] <= r)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
city_station (GRand           *rand,
              const double    *city_cum,
              CwSynthStations *s,
              guint            i)
{
  guint c = weighted_pick (rand, city_cum, G_N_ELEMENTS (cities));
  /* a wider suburb than core; both grow with the city */
  double sigma_km = (g_rand_double (rand) < 0.4 ? 1.5 : 5.0) * (1.0 + sqrt (cities[c].population));
  double lat = cities[c].lat, lon = cities[c].lon;

  offset_km (&lat, &lon, gaussian (rand) * sigma_km, gaussian (rand) * sigma_km);
  s->lat[i] = lat;
  s->lon[i] = lon;
  s->kind[i] = CW_SYNTH_CITY;
  s->city[i] = c;
  s->is_free[i] = g_rand_double (rand) < 0.45;
}

/* Writes a service area's group of stations from @i on; returns how
 * many (at most @room). */
static guint
motorway_stations (GRand           *rand,
                   GArray          *links,
                   const double    *link_cum,
                   CwSynthStations *s,
                   guint            i,
                   guint            room)
{
  const Link *link = &g_array_index (links, Link, weighted_pick (rand, link_cum, links->len));
  const City *a = &cities[link->a], *b = &cities[link->b];
  guint n_areas = MAX (1, (guint) (link->km / SERVICE_AREA_KM));
  /* areas sit between the cities, not in them */
  double t = (g_rand_int_range (rand, 0, n_areas) + 0.5) / n_areas;
  double lat = a->lat + t * (b->lat - a->lat);
  double lon = a->lon + t * (b->lon - a->lon);
  double bow = link->bow * sin (G_PI * t);
  double north = (b->lat - a->lat) * KM_PER_DEG;
  double east = (b->lon - a->lon) * KM_PER_DEG * cos ((a->lat + b->lat) / 2 * DEG2RAD);
  double len = MAX (sqrt (north * north + east * east), 1e-9);
  guint group = MIN (room, (guint) g_rand_int_range (rand, 1, 9));

  /* the bow is perpendicular to the line between the cities */
  offset_km (&lat, &lon, -north / len * bow, east / len * bow);
  for (guint k = 0; k < group; k++)
    {
      double plat = lat, plon = lon;

      offset_km (&plat, &plon, gaussian (rand) * 0.08, gaussian (rand) * 0.08);
      s->lat[i + k] = plat;
      s->lon[i + k] = plon;
      s->kind[i + k] = CW_SYNTH_MOTORWAY;
      s->city[i + k] = t < 0.5 ? link->a : link->b;
      s->is_free[i + k] = g_rand_double (rand) < 0.6;
    }
  return group;
}

static void
rural_station (GRand           *rand,
               const double    *box_cum,
               CwSynthStations *s,
               guint            i)
{
  const double *box = rural_boxes[weighted_pick (rand, box_cum, G_N_ELEMENTS (rural_boxes))];
  double best_km = G_MAXDOUBLE;

  s->lat[i] = g_rand_double_range (rand, box[0], box[2]);
  s->lon[i] = g_rand_double_range (rand, box[1], box[3]);
  s->kind[i] = CW_SYNTH_RURAL;
  s->is_free[i] = g_rand_double (rand) < 0.6;
  s->city[i] = 0;
  for (guint c = 0; c < G_N_ELEMENTS (cities); c++)
    {
      double km = flat_km (s->lat[i], s->lon[i], cities[c].lat, cities[c].lon);

      if (km < best_km)
        {
          best_km = km;
          s->city[i] = c;
        }
    }
}

CwSynthStations *
cw_synth_stations_new (guint   n,
                       guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GArray) links = make_links (rand);
  g_autofree double *city_cum = NULL;
  g_autofree double *link_cum = NULL;
  g_autofree double *box_cum = NULL;
  double w[MAX (G_N_ELEMENTS (cities), G_N_ELEMENTS (rural_boxes))];
  CwSynthStations *s = g_new0 (CwSynthStations, 1);
  guint i = 0;

  s->n = n;
  s->lat = g_new (double, MAX (n, 1));
  s->lon = g_new (double, MAX (n, 1));
  s->is_free = g_new (guint8, MAX (n, 1));
  s->kind = g_new (guint8, MAX (n, 1));
  s->city = g_new (guint16, MAX (n, 1));

  for (guint c = 0; c < G_N_ELEMENTS (cities); c++)
    w[c] = cities[c].population;
  city_cum = cumulate (w, G_N_ELEMENTS (cities));
  for (guint b = 0; b < G_N_ELEMENTS (rural_boxes); b++)
    w[b] = (rural_boxes[b][2] - rural_boxes[b][0]) * (rural_boxes[b][3] - rural_boxes[b][1]) *
           cos ((rural_boxes[b][0] + rural_boxes[b][2]) / 2 * DEG2RAD);
  box_cum = cumulate (w, G_N_ELEMENTS (rural_boxes));
  {
    g_autofree double *lw = g_new (double, links->len);

    for (guint l = 0; l < links->len; l++)
      lw[l] = g_array_index (links, Link, l).km;
    link_cum = cumulate (lw, links->len);
  }

  while (i < n)
    {
      /* a draw makes one city or rural station or a group of 4.5 on
       * average at a service area: weigh the draws so that stations
       * come out in the shares above */
      const double city = CITY_SHARE, motorway = MOTORWAY_SHARE / 4.5;
      const double rural = 1.0 - CITY_SHARE - MOTORWAY_SHARE;
      double r = g_rand_double (rand) * (city + motorway + rural);

      if (r < city)
        city_station (rand, city_cum, s, i++);
      else if (r < city + motorway)
        i += motorway_stations (rand, links, link_cum, s, i, n - i);
      else
        rural_station (rand, box_cum, s, i++);
    }
  return s;
}

void
cw_synth_stations_free (CwSynthStations *stations)
{
  if (stations == NULL)
    return;
  g_free (stations->lat);
  g_free (stations->lon);
  g_free (stations->is_free);
  g_free (stations->kind);
  g_free (stations->city);
  g_free (stations);
}

guint
cw_synth_get_n_cities (void)
{
  return G_N_ELEMENTS (cities);
}

gboolean
cw_synth_get_city (guint        i,
                   const char **name,
                   double      *lat,
                   double      *lon)
{
  if (i >= G_N_ELEMENTS (cities))
    return FALSE;
  if (name != NULL)
    *name = cities[i].name;
  if (lat != NULL)
    *lat = cities[i].lat;
  if (lon != NULL)
    *lon = cities[i].lon;
  return TRUE;
}

static CwEvseDraft *
make_evse (guint        station,
           guint        k,
           CwEvseStatus status,
           gboolean     fast)
{
  CwEvseDraft *evse = cw_evse_new ();
  CwConnectorDraft *connector = cw_connector_new ();

  evse->uid = g_strdup_printf ("synth-%u-%u", station, k);
  evse->status = status;
  connector->id = g_strdup ("1");
  connector->standard = fast ? CW_CONNECTOR_IEC_62196_T2_COMBO : CW_CONNECTOR_IEC_62196_T2;
  connector->format = fast ? CW_CONNECTOR_FORMAT_CABLE : CW_CONNECTOR_FORMAT_SOCKET;
  connector->power_type = fast ? CW_POWER_TYPE_DC : CW_POWER_TYPE_AC_3_PHASE;
  connector->max_power_kw = fast ? 150 : 22;
  cw_evse_take_connector (evse, connector);
  return evse;
}

GPtrArray *
cw_synth_stations_to_objects (const CwSynthStations *stations,
                              const char            *source,
                              guint                  first,
                              guint                  count)
{
  static const CwFacility places[] = {
    CW_FACILITY_HOTEL, CW_FACILITY_RESTAURANT, CW_FACILITY_MALL,
    CW_FACILITY_SUPERMARKET, CW_FACILITY_CAFE, CW_FACILITY_PARKING_LOT,
  };
  GPtrArray *out;

  g_return_val_if_fail (stations != NULL, NULL);
  g_return_val_if_fail (first <= stations->n, NULL);

  count = MIN (count, stations->n - first);
  out = g_ptr_array_new_full (count, g_object_unref);
  for (guint i = first; i < first + count; i++)
    {
      g_autofree char *id = g_strdup_printf ("synth-%u", i);
      CwStation *st = cw_station_new (source, id);
      const City *city = &cities[stations->city[i]];
      gboolean motorway = stations->kind[i] == CW_SYNTH_MOTORWAY;
      /* the station's own number picks what varies: no GRand needed */
      guint h = i * 2654435761u;

      cw_station_take_string (st, CW_STATION_NAME, g_strdup_printf ("%s %s %u", city->name, motorway ? "Services" : "Charge", i));
      cw_station_set_string (st, CW_STATION_CITY, city->name);
      cw_station_set_country (st, city->country);
      cw_station_set_string (st, CW_STATION_OPERATOR_NAME, "Synthetic Charging (generated)");
      cw_station_set_string (st, CW_STATION_ATTRIBUTION, "Generated test data");
      st->latitude = stations->lat[i];
      st->longitude = stations->lon[i];
      st->is_public = TRUE;
      st->twentyfourseven = motorway;
      st->parking_type = motorway ? CW_PARKING_TYPE_ALONG_MOTORWAY : CW_PARKING_TYPE_ON_STREET;
      st->facilities = motorway ? CW_FACILITY_BIT (CW_FACILITY_RESTAURANT) | CW_FACILITY_BIT (CW_FACILITY_FUEL_STATION)
                                : CW_FACILITY_BIT (places[(h >> 8) % G_N_ELEMENTS (places)]);
      cw_station_take_evse (st, make_evse (i, 1, stations->is_free[i] ? CW_EVSE_STATUS_AVAILABLE
                                                                        : CW_EVSE_STATUS_CHARGING,
                                             motorway || (h >> 16) % 4 == 0));
      if (motorway || (h >> 20) % 2 == 0)
        cw_station_take_evse (st, make_evse (i, 2, CW_EVSE_STATUS_CHARGING, motorway));
      g_ptr_array_add (out, st);
    }
  return out;
}
