#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the Chargeway Demo Network: fictional OCPI 2.2.1 Locations and Tariffs.

Usage: gen-demo-network.py [OUTPUT_DIR]

Writes demo-locations.json (an array of OCPI 2.2.1 Location objects) and
demo-tariffs.json (an array of OCPI 2.2.1 Tariff objects) to OUTPUT_DIR,
by default data/demo of the repository this script lives in.

Every station is fictional and named "Demo · …". The places are real: sites
are scattered around real city centres and interpolated along real motorway
corridors (a few real waypoints each), so route and radius searches behave as
they would on real data. A fixed seed makes the output byte-identical on
every run; the script checks its own output and fails loudly when a
promise below no longer holds.
"""

import datetime
import json
import math
import os
import random
import sys

SEED = 20261125
PARTY_ID = "CWD"
NETWORK_NAME = "Chargeway Demo Network"
LOCATION_UPDATED = "2026-11-01T08:00:00Z"
TARIFF_UPDATED = "2026-10-15T00:00:00Z"
EARTH_KM_PER_DEG = 111.32
MAX_MOTORWAY_OFFSET_KM = 0.55   # the brief promises < 0.6 km from the corridor
MIN_SEPARATION_KM = 0.12        # no two sites on top of each other

COUNTRIES = {
    # cc: (ISO 3166-1 alpha-3, time zone, VAT percent)
    "NL": ("NLD", "Europe/Amsterdam", 21.0),
    "BE": ("BEL", "Europe/Brussels", 21.0),
    "DE": ("DEU", "Europe/Berlin", 19.0),
}
COUNTRY_ORDER = ["NL", "BE", "DE"]

OPERATORS = {
    # key: (operator name, brand shown in the station name)
    "volta": ("Voltaplein (demo)", "Voltaplein"),
    "snel": ("Snelstroom (demo)", "Snelstroom"),
    "kring": ("Stroomkring (demo)", "Stroomkring"),
    "werk": ("Ladewerk (demo)", "Ladewerk"),
}

# OCPI 2.2.1 Facility values, in the order the spec lists them.
FACILITY_ORDER = [
    "HOTEL", "RESTAURANT", "CAFE", "MALL", "SUPERMARKET", "SPORT",
    "RECREATION_AREA", "NATURE", "MUSEUM", "BIKE_SHARING", "BUS_STOP",
    "TAXI_STAND", "TRAM_STOP", "METRO_STATION", "TRAIN_STATION", "AIRPORT",
    "PARKING_LOT", "CARPOOL_PARKING", "FUEL_STATION", "WIFI",
]

# ---------------------------------------------------------------------------
# Real places.  City centres: (city, cc, lat, lon, postal code, scatter radius
# in km, number of sites, language of street and site names).  Radii are kept
# small where a border or the coast is near (Aachen, Maastricht, Den Haag).
# ---------------------------------------------------------------------------
CITIES = [
    ("Amsterdam", "NL", 52.372800, 4.893600, "1012", 4.0, 10, "nl"),
    ("Rotterdam", "NL", 51.922500, 4.479170, "3011", 4.0, 9, "nl"),
    ("Utrecht", "NL", 52.090700, 5.121400, "3511", 3.5, 8, "nl"),
    ("Den Haag", "NL", 52.070500, 4.300700, "2511", 2.5, 7, "nl"),
    ("Eindhoven", "NL", 51.441600, 5.469700, "5611", 3.5, 7, "nl"),
    ("Groningen", "NL", 53.219400, 6.566500, "9711", 3.0, 5, "nl"),
    ("Maastricht", "NL", 50.851400, 5.690900, "6211", 1.6, 4, "nl"),
    ("Arnhem", "NL", 51.985100, 5.898700, "6811", 3.0, 4, "nl"),
    ("Nijmegen", "NL", 51.842600, 5.852800, "6511", 2.5, 4, "nl"),
    ("Breda", "NL", 51.571900, 4.768300, "4811", 3.0, 4, "nl"),
    ("Tilburg", "NL", 51.560600, 5.091300, "5038", 3.0, 3, "nl"),
    ("Zwolle", "NL", 52.516800, 6.083000, "8011", 3.0, 3, "nl"),
    ("Haarlem", "NL", 52.387400, 4.646200, "2011", 2.5, 3, "nl"),
    ("Amersfoort", "NL", 52.156100, 5.387900, "3811", 3.0, 3, "nl"),
    ("'s-Hertogenbosch", "NL", 51.697800, 5.303700, "5211", 2.5, 3, "nl"),
    ("Leiden", "NL", 52.160100, 4.497000, "2311", 2.0, 3, "nl"),
    ("Almere", "NL", 52.370000, 5.216000, "1315", 2.5, 3, "nl"),
    ("Enschede", "NL", 52.221500, 6.893700, "7511", 2.5, 3, "nl"),
    ("Antwerpen", "BE", 51.219400, 4.402500, "2000", 3.5, 9, "nl"),
    ("Brussel", "BE", 50.846700, 4.352500, "1000", 3.0, 9, "nl"),
    ("Gent", "BE", 51.054300, 3.717400, "9000", 3.0, 7, "nl"),
    ("Liège", "BE", 50.632600, 5.579700, "4000", 3.0, 6, "fr"),
    ("Leuven", "BE", 50.879800, 4.700500, "3000", 2.5, 4, "nl"),
    ("Brugge", "BE", 51.209300, 3.224700, "8000", 2.5, 4, "nl"),
    ("Mechelen", "BE", 51.025700, 4.477600, "2800", 2.5, 3, "nl"),
    ("Hasselt", "BE", 50.930700, 5.337800, "3500", 2.5, 3, "nl"),
    ("Namur", "BE", 50.467400, 4.871800, "5000", 2.5, 3, "fr"),
    ("Charleroi", "BE", 50.410800, 4.444600, "6000", 3.0, 3, "fr"),
    ("Köln", "DE", 50.937500, 6.960300, "50667", 4.5, 9, "de"),
    ("Düsseldorf", "DE", 51.227700, 6.773500, "40213", 4.0, 7, "de"),
    ("Aachen", "DE", 50.775300, 6.083900, "52062", 1.8, 4, "de"),
    ("Essen", "DE", 51.455600, 7.011600, "45127", 4.0, 5, "de"),
    ("Dortmund", "DE", 51.513600, 7.465300, "44137", 4.0, 5, "de"),
    ("Duisburg", "DE", 51.434400, 6.762300, "47051", 3.5, 3, "de"),
    ("Bonn", "DE", 50.737400, 7.098200, "53111", 3.0, 3, "de"),
    ("Münster", "DE", 51.960700, 7.626100, "48143", 3.0, 3, "de"),
    ("Frankfurt am Main", "DE", 50.110900, 8.682100, "60311", 4.0, 8, "de"),
    ("Hamburg", "DE", 53.551100, 9.993700, "20095", 5.0, 9, "de"),
    ("Hannover", "DE", 52.375900, 9.732000, "30159", 4.0, 6, "de"),
    ("Bremen", "DE", 53.079300, 8.801700, "28195", 3.5, 4, "de"),
    ("München", "DE", 48.135100, 11.582000, "80331", 5.0, 9, "de"),
    ("Stuttgart", "DE", 48.775800, 9.182900, "70173", 3.5, 6, "de"),
    ("Berlin", "DE", 52.520000, 13.405000, "10117", 6.0, 10, "de"),
    ("Karlsruhe", "DE", 49.006900, 8.403700, "76133", 3.0, 3, "de"),
    ("Leipzig", "DE", 51.339700, 12.373100, "04109", 3.5, 3, "de"),
    ("Nürnberg", "DE", 49.452100, 11.076700, "90402", 3.5, 4, "de"),
    ("Mannheim", "DE", 49.487500, 8.466000, "68159", 3.0, 3, "de"),
    ("Augsburg", "DE", 48.370500, 10.897800, "86150", 3.0, 3, "de"),
    ("Wiesbaden", "DE", 50.078200, 8.239800, "65183", 3.0, 3, "de"),
]

# Named sites at real stations and airports: (site label, city, cc, lat, lon,
# postal code, kind, language).
LANDMARKS = [
    ("Utrecht Centraal", "Utrecht", "NL", 52.089444, 5.110278, "3511", "station", "nl"),
    ("Amsterdam Centraal", "Amsterdam", "NL", 52.378900, 4.900500, "1012", "station", "nl"),
    ("Rotterdam Centraal", "Rotterdam", "NL", 51.924400, 4.469800, "3013", "station", "nl"),
    ("Den Haag Centraal", "Den Haag", "NL", 52.080900, 4.324700, "2595", "station", "nl"),
    ("Eindhoven Centraal", "Eindhoven", "NL", 51.443100, 5.481000, "5611", "station", "nl"),
    ("Schiphol Plaza", "Schiphol", "NL", 52.310500, 4.768300, "1118", "airport", "nl"),
    ("Eindhoven Airport", "Eindhoven", "NL", 51.450100, 5.374500, "5657", "airport", "nl"),
    ("Antwerpen-Centraal", "Antwerpen", "BE", 51.217200, 4.421100, "2018", "station", "nl"),
    ("Brussel-Zuid", "Brussel", "BE", 50.835500, 4.336000, "1060", "station", "nl"),
    ("Gent-Sint-Pieters", "Gent", "BE", 51.035600, 3.710600, "9000", "station", "nl"),
    ("Liège-Guillemins", "Liège", "BE", 50.624400, 5.566700, "4000", "station", "fr"),
    ("Brussels Airport", "Zaventem", "BE", 50.901000, 4.484400, "1930", "airport", "nl"),
    ("Köln Hbf", "Köln", "DE", 50.943000, 6.958600, "50667", "station", "de"),
    ("Frankfurt Hbf", "Frankfurt am Main", "DE", 50.107100, 8.663200, "60329", "station", "de"),
    ("Berlin Hbf", "Berlin", "DE", 52.525100, 13.369400, "10557", "station", "de"),
    ("München Hbf", "München", "DE", 48.140200, 11.558300, "80335", "station", "de"),
    ("Hamburg Hbf", "Hamburg", "DE", 53.552800, 10.006700, "20099", "station", "de"),
    ("Flughafen Düsseldorf", "Düsseldorf", "DE", 51.279000, 6.765000, "40474", "airport", "de"),
    ("Flughafen Frankfurt", "Frankfurt am Main", "DE", 50.037900, 8.562200, "60547", "airport", "de"),
    ("Flughafen Hamburg", "Hamburg", "DE", 53.630400, 9.988200, "22335", "airport", "de"),
    ("Flughafen München", "München-Flughafen", "DE", 48.353800, 11.786100, "85356", "airport", "de"),
]

# Motorway corridors: each waypoint is (town, cc, lat, lon, postal code,
# language, road of the leg that starts here).  A waypoint whose town is None
# marks a border crossing: the legs on either side of it get no sites, so a
# site's country is always the country of both ends of its leg.
B = None
CORRIDORS = [
    [   # A2 Amsterdam – Utrecht – Eindhoven – Maastricht
        ("Amsterdam", "NL", 52.330500, 4.924500, "1097", "nl", "A2"),
        ("Abcoude", "NL", 52.269000, 4.960000, "1391", "nl", "A2"),
        ("Breukelen", "NL", 52.176000, 5.013000, "3621", "nl", "A2"),
        ("Maarssen", "NL", 52.133000, 5.042000, "3601", "nl", "A2"),
        ("Utrecht", "NL", 52.070000, 5.062000, "3454", "nl", "A2"),
        ("Vianen", "NL", 51.995000, 5.095000, "4131", "nl", "A2"),
        ("Beesd", "NL", 51.888000, 5.188000, "4153", "nl", "A2"),
        ("Zaltbommel", "NL", 51.810000, 5.248000, "5301", "nl", "A2"),
        ("'s-Hertogenbosch", "NL", 51.700000, 5.285000, "5223", "nl", "A2"),
        ("Boxtel", "NL", 51.595000, 5.350000, "5281", "nl", "A2"),
        ("Best", "NL", 51.515000, 5.395000, "5683", "nl", "A2"),
        ("Eindhoven", "NL", 51.460000, 5.415000, "5652", "nl", "A2"),
        ("Leende", "NL", 51.352000, 5.550000, "5595", "nl", "A2"),
        ("Maarheeze", "NL", 51.310000, 5.615000, "6026", "nl", "A2"),
        ("Weert", "NL", 51.255000, 5.720000, "6006", "nl", "A2"),
        ("Roermond", "NL", 51.170000, 5.950000, "6041", "nl", "A2"),
        ("Echt", "NL", 51.100000, 5.890000, "6101", "nl", "A2"),
        ("Born", "NL", 51.030000, 5.815000, "6121", "nl", "A2"),
        ("Geleen", "NL", 50.980000, 5.790000, "6161", "nl", "A2"),
        ("Elsloo", "NL", 50.950000, 5.785000, "6181", "nl", "A2"),
        ("Bunde", "NL", 50.897000, 5.740000, "6241", "nl", "A2"),
        ("Maastricht", "NL", 50.865000, 5.715000, "6222", "nl", "A2"),
    ],
    [   # A4 Amsterdam – Leiden – Den Haag – Rotterdam
        ("Amsterdam", "NL", 52.335000, 4.825000, "1059", "nl", "A4"),
        ("Hoofddorp", "NL", 52.300000, 4.755000, "2132", "nl", "A4"),
        ("Burgerveen", "NL", 52.240000, 4.670000, "2151", "nl", "A4"),
        ("Leiden", "NL", 52.165000, 4.520000, "2321", "nl", "A4"),
        ("Leidschendam", "NL", 52.090000, 4.405000, "2262", "nl", "A4"),
        ("Rijswijk", "NL", 52.040000, 4.360000, "2289", "nl", "A4"),
        ("Delft", "NL", 51.995000, 4.385000, "2629", "nl", "A4"),
        ("Schiedam", "NL", 51.930000, 4.390000, "3112", "nl", "A4"),
    ],
    [   # A12/A3 Utrecht – Arnhem – Oberhausen – Köln – Frankfurt
        ("Utrecht", "NL", 52.065000, 5.140000, "3524", "nl", "A12"),
        ("Driebergen-Rijsenburg", "NL", 52.065000, 5.275000, "3972", "nl", "A12"),
        ("Maarn", "NL", 52.060000, 5.370000, "3951", "nl", "A12"),
        ("Maarsbergen", "NL", 52.050000, 5.415000, "3953", "nl", "A12"),
        ("Ede", "NL", 52.030000, 5.650000, "6713", "nl", "A12"),
        ("Oosterbeek", "NL", 52.000000, 5.820000, "6861", "nl", "A12"),
        ("Arnhem", "NL", 52.005000, 5.930000, "6826", "nl", "A12"),
        ("Duiven", "NL", 51.950000, 6.025000, "6921", "nl", "A12"),
        ("Zevenaar", "NL", 51.925000, 6.085000, "6901", "nl", "A12"),
        (B, "NL", 51.879000, 6.138000, B, B, "A3"),
        ("Emmerich am Rhein", "DE", 51.845000, 6.275000, "46446", "de", "A3"),
        ("Rees", "DE", 51.775000, 6.420000, "46459", "de", "A3"),
        ("Hamminkeln", "DE", 51.720000, 6.560000, "46499", "de", "A3"),
        ("Wesel", "DE", 51.670000, 6.680000, "46485", "de", "A3"),
        ("Hünxe", "DE", 51.625000, 6.760000, "46569", "de", "A3"),
        ("Dinslaken", "DE", 51.560000, 6.790000, "46535", "de", "A3"),
        ("Oberhausen", "DE", 51.515000, 6.850000, "46149", "de", "A3"),
        ("Duisburg", "DE", 51.430000, 6.815000, "47058", "de", "A3"),
        ("Ratingen", "DE", 51.310000, 6.870000, "40882", "de", "A3"),
        ("Hilden", "DE", 51.170000, 6.945000, "40724", "de", "A3"),
        ("Leverkusen", "DE", 51.050000, 7.005000, "51381", "de", "A3"),
        ("Köln", "DE", 50.920000, 7.070000, "51109", "de", "A3"),
        ("Siegburg", "DE", 50.810000, 7.230000, "53721", "de", "A3"),
        ("Königswinter", "DE", 50.685000, 7.295000, "53639", "de", "A3"),
        ("Neustadt (Wied)", "DE", 50.615000, 7.430000, "53577", "de", "A3"),
        ("Dierdorf", "DE", 50.550000, 7.660000, "56269", "de", "A3"),
        ("Montabaur", "DE", 50.435000, 7.830000, "56410", "de", "A3"),
        ("Limburg an der Lahn", "DE", 50.390000, 8.050000, "65549", "de", "A3"),
        ("Bad Camberg", "DE", 50.300000, 8.240000, "65520", "de", "A3"),
        ("Idstein", "DE", 50.215000, 8.290000, "65510", "de", "A3"),
        ("Niedernhausen", "DE", 50.160000, 8.320000, "65527", "de", "A3"),
        ("Hofheim am Taunus", "DE", 50.060000, 8.410000, "65719", "de", "A3"),
        ("Frankfurt am Main", "DE", 50.050000, 8.590000, "60549", "de", "A3"),
    ],
    [   # E19/A1 Antwerpen – Brussel
        ("Brecht", "BE", 51.340000, 4.600000, "2960", "nl", "E19"),
        ("Merksem", "BE", 51.245000, 4.445000, "2170", "nl", "E19"),
        ("Antwerpen", "BE", 51.190000, 4.405000, "2020", "nl", "E19"),
        ("Kontich", "BE", 51.135000, 4.450000, "2550", "nl", "E19"),
        ("Mechelen", "BE", 51.050000, 4.450000, "2800", "nl", "E19"),
        ("Vilvoorde", "BE", 50.935000, 4.435000, "1800", "nl", "E19"),
        ("Machelen", "BE", 50.905000, 4.435000, "1830", "nl", "E19"),
    ],
    [   # E40 Brussel – Gent
        ("Sint-Agatha-Berchem", "BE", 50.870000, 4.290000, "1082", "nl", "E40"),
        ("Groot-Bijgaarden", "BE", 50.870000, 4.255000, "1702", "nl", "E40"),
        ("Ternat", "BE", 50.868000, 4.165000, "1740", "nl", "E40"),
        ("Affligem", "BE", 50.895000, 4.100000, "1790", "nl", "E40"),
        ("Aalst", "BE", 50.915000, 4.030000, "9300", "nl", "E40"),
        ("Erpe-Mere", "BE", 50.950000, 3.960000, "9420", "nl", "E40"),
        ("Wetteren", "BE", 50.985000, 3.880000, "9230", "nl", "E40"),
        ("Merelbeke", "BE", 51.005000, 3.765000, "9820", "nl", "E40"),
        ("Gent", "BE", 51.010000, 3.710000, "9052", "nl", "E40"),
    ],
    [   # E40/A4 Brussel – Leuven – Liège – Aachen – Köln
        ("Kraainem", "BE", 50.860000, 4.470000, "1950", "nl", "E40"),
        ("Sterrebeek", "BE", 50.855000, 4.520000, "1933", "nl", "E40"),
        ("Bertem", "BE", 50.860000, 4.625000, "3060", "nl", "E40"),
        ("Heverlee", "BE", 50.855000, 4.710000, "3001", "nl", "E40"),
        ("Bierbeek", "BE", 50.830000, 4.775000, "3360", "nl", "E40"),
        ("Tienen", "BE", 50.790000, 4.930000, "3300", "nl", "E40"),
        ("Landen", "BE", 50.730000, 5.095000, "3400", "nl", "E40"),
        ("Waremme", "BE", 50.695000, 5.260000, "4300", "fr", "E40"),
        ("Awans", "BE", 50.665000, 5.470000, "4340", "fr", "E40"),
        ("Herstal", "BE", 50.675000, 5.600000, "4040", "fr", "E40"),
        ("Battice", "BE", 50.645000, 5.825000, "4651", "fr", "E40"),
        ("Welkenraedt", "BE", 50.660000, 5.960000, "4840", "fr", "E40"),
        (B, "BE", 50.715000, 6.100000, B, B, "A44"),
        ("Aachen", "DE", 50.748000, 6.172000, "52078", "de", "A44"),
        ("Würselen", "DE", 50.825000, 6.165000, "52146", "de", "A4"),
        ("Eschweiler", "DE", 50.830000, 6.260000, "52249", "de", "A4"),
        ("Merzenich", "DE", 50.835000, 6.490000, "52399", "de", "A4"),
        ("Kerpen", "DE", 50.875000, 6.695000, "50171", "de", "A4"),
        ("Frechen", "DE", 50.910000, 6.820000, "50226", "de", "A4"),
        ("Köln", "DE", 50.930000, 6.880000, "50859", "de", "A4"),
    ],
    [   # E411 Brussel – Namur
        ("Oudergem", "BE", 50.815000, 4.440000, "1160", "nl", "E411"),
        ("Overijse", "BE", 50.775000, 4.535000, "3090", "nl", "E411"),
        ("Wavre", "BE", 50.710000, 4.590000, "1300", "fr", "E411"),
        ("Walhain", "BE", 50.610000, 4.700000, "1457", "fr", "E411"),
        ("Gembloux", "BE", 50.560000, 4.730000, "5030", "fr", "E411"),
        ("Namur", "BE", 50.480000, 4.820000, "5020", "fr", "E411"),
    ],
    [   # A1 Hamburg – Bremen – Osnabrück – Münster – Dortmund
        ("Hamburg", "DE", 53.515000, 10.085000, "22113", "de", "A1"),
        ("Seevetal", "DE", 53.400000, 10.030000, "21218", "de", "A1"),
        ("Hollenstedt", "DE", 53.365000, 9.715000, "21279", "de", "A1"),
        ("Sittensen", "DE", 53.285000, 9.510000, "27419", "de", "A1"),
        ("Elsdorf", "DE", 53.230000, 9.360000, "27404", "de", "A1"),
        ("Ottersberg", "DE", 53.105000, 9.140000, "28870", "de", "A1"),
        ("Bremen", "DE", 53.050000, 8.930000, "28309", "de", "A1"),
        ("Stuhr", "DE", 53.015000, 8.780000, "28816", "de", "A1"),
        ("Wildeshausen", "DE", 52.910000, 8.420000, "27793", "de", "A1"),
        ("Emstek", "DE", 52.825000, 8.155000, "49685", "de", "A1"),
        ("Holdorf", "DE", 52.585000, 8.125000, "49451", "de", "A1"),
        ("Bramsche", "DE", 52.410000, 7.980000, "49565", "de", "A1"),
        ("Lotte", "DE", 52.290000, 7.930000, "49504", "de", "A1"),
        ("Lengerich", "DE", 52.175000, 7.860000, "49525", "de", "A1"),
        ("Münster", "DE", 51.930000, 7.695000, "48167", "de", "A1"),
        ("Ascheberg", "DE", 51.790000, 7.630000, "59387", "de", "A1"),
        ("Werne", "DE", 51.665000, 7.620000, "59368", "de", "A1"),
        ("Kamen", "DE", 51.600000, 7.655000, "59174", "de", "A1"),
        ("Dortmund", "DE", 51.535000, 7.605000, "44319", "de", "A1"),
    ],
    [   # A7/A2 Hamburg – Hannover
        ("Seevetal", "DE", 53.395000, 10.045000, "21220", "de", "A7"),
        ("Egestorf", "DE", 53.195000, 10.070000, "21272", "de", "A7"),
        ("Bispingen", "DE", 53.085000, 9.995000, "29646", "de", "A7"),
        ("Soltau", "DE", 52.995000, 9.870000, "29614", "de", "A7"),
        ("Bad Fallingbostel", "DE", 52.865000, 9.710000, "29683", "de", "A7"),
        ("Schwarmstedt", "DE", 52.685000, 9.645000, "29690", "de", "A7"),
        ("Wedemark", "DE", 52.545000, 9.735000, "30900", "de", "A7"),
        ("Langenhagen", "DE", 52.445000, 9.760000, "30855", "de", "A2"),
        ("Hannover", "DE", 52.415000, 9.845000, "30659", "de", "A2"),
    ],
    [   # A5 Frankfurt – Darmstadt – Heidelberg – Karlsruhe
        ("Frankfurt am Main", "DE", 50.055000, 8.595000, "60549", "de", "A5"),
        ("Langen", "DE", 49.995000, 8.625000, "63225", "de", "A5"),
        ("Weiterstadt", "DE", 49.890000, 8.600000, "64331", "de", "A5"),
        ("Darmstadt", "DE", 49.820000, 8.615000, "64297", "de", "A5"),
        ("Bensheim", "DE", 49.685000, 8.590000, "64625", "de", "A5"),
        ("Weinheim", "DE", 49.545000, 8.630000, "69469", "de", "A5"),
        ("Heidelberg", "DE", 49.405000, 8.635000, "69124", "de", "A5"),
        ("Walldorf", "DE", 49.305000, 8.645000, "69190", "de", "A5"),
        ("Kronau", "DE", 49.215000, 8.635000, "76709", "de", "A5"),
        ("Bruchsal", "DE", 49.120000, 8.560000, "76646", "de", "A5"),
        ("Karlsruhe", "DE", 48.995000, 8.455000, "76227", "de", "A5"),
    ],
    [   # A8 Stuttgart – Ulm – Augsburg – München
        ("Stuttgart", "DE", 48.700000, 9.195000, "70629", "de", "A8"),
        ("Wendlingen am Neckar", "DE", 48.665000, 9.375000, "73240", "de", "A8"),
        ("Kirchheim unter Teck", "DE", 48.640000, 9.460000, "73230", "de", "A8"),
        ("Aichelberg", "DE", 48.630000, 9.565000, "73101", "de", "A8"),
        ("Mühlhausen im Täle", "DE", 48.570000, 9.640000, "73347", "de", "A8"),
        ("Merklingen", "DE", 48.510000, 9.745000, "89188", "de", "A8"),
        ("Ulm", "DE", 48.465000, 9.910000, "89081", "de", "A8"),
        ("Elchingen", "DE", 48.450000, 10.075000, "89275", "de", "A8"),
        ("Günzburg", "DE", 48.435000, 10.275000, "89312", "de", "A8"),
        ("Burgau", "DE", 48.420000, 10.420000, "89331", "de", "A8"),
        ("Zusmarshausen", "DE", 48.405000, 10.605000, "86441", "de", "A8"),
        ("Augsburg", "DE", 48.405000, 10.930000, "86169", "de", "A8"),
        ("Dasing", "DE", 48.385000, 11.050000, "86453", "de", "A8"),
        ("Odelzhausen", "DE", 48.310000, 11.205000, "85235", "de", "A8"),
        ("Sulzemoos", "DE", 48.290000, 11.265000, "85254", "de", "A8"),
        ("München", "DE", 48.175000, 11.470000, "81247", "de", "A8"),
    ],
    [   # A9 München – Ingolstadt – Nürnberg
        ("München", "DE", 48.205000, 11.615000, "80939", "de", "A9"),
        ("Garching bei München", "DE", 48.250000, 11.650000, "85748", "de", "A9"),
        ("Allershausen", "DE", 48.430000, 11.590000, "85391", "de", "A9"),
        ("Pfaffenhofen an der Ilm", "DE", 48.530000, 11.515000, "85276", "de", "A9"),
        ("Ingolstadt", "DE", 48.760000, 11.430000, "85055", "de", "A9"),
        ("Denkendorf", "DE", 48.930000, 11.460000, "85095", "de", "A9"),
        ("Greding", "DE", 49.050000, 11.355000, "91171", "de", "A9"),
        ("Hilpoltstein", "DE", 49.190000, 11.230000, "91161", "de", "A9"),
        ("Feucht", "DE", 49.380000, 11.200000, "90537", "de", "A9"),
        ("Nürnberg", "DE", 49.430000, 11.150000, "90475", "de", "A9"),
    ],
]
MOTORWAY_SPACING_KM = 14.0

# Water near the centres and corridors (rivers, harbours, canals, lakes) as
# coarse circles (lat, lon, radius in km): no scattered site is put inside
# one.  They were found by checking this output against a map of land, so
# that no site sits in the IJ, the Maas, the Elbe or the Alster.  Changing
# the seed or the places above may need a few more.
WATER = [
    # Almere
    (52.369, 5.221, 0.5), (52.375, 5.224, 0.5), (52.375, 5.237, 0.5),
    # Amsterdam
    (52.379, 4.938, 0.5), (52.383, 4.947, 0.5), (52.397, 4.868, 0.5),
    # Antwerpen
    (51.201, 4.365, 0.5), (51.207, 4.391, 0.5), (51.208, 4.357, 0.5),
    (51.211, 4.361, 0.5), (51.229, 4.397, 0.5), (51.238, 4.382, 0.5),
    # Arnhem
    (51.975, 5.906, 0.5),
    # Berlin
    (52.511, 13.399, 0.5),
    # Bonn
    (50.743, 7.114, 0.5),
    # Bremen
    (53.066, 8.848, 0.5), (53.069, 8.828, 0.5),
    # Charleroi
    (50.401, 4.482, 0.5), (50.402, 4.436, 0.5),
    # Duisburg
    (51.452, 6.724, 0.5), (51.455, 6.768, 0.5),
    # Düsseldorf
    (51.218, 6.731, 0.5), (51.225, 6.753, 0.5), (51.226, 6.725, 0.5),
    (51.228, 6.740, 0.5),
    # Frankfurt am Main
    (50.106, 8.722, 0.5), (50.109, 8.683, 0.5),
    # Gent
    (51.037, 3.691, 0.5),
    # Groningen
    (53.223, 6.587, 0.5), (53.233, 6.547, 0.5), (53.233, 6.591, 0.5),
    # Haarlem
    (52.398, 4.661, 0.5), (52.402, 4.648, 0.5),
    # Hamburg
    (53.509, 9.975, 0.5), (53.519, 10.003, 0.5), (53.524, 10.025, 0.5),
    (53.527, 9.986, 0.5), (53.535, 9.970, 0.5), (53.537, 9.934, 0.5),
    (53.544, 10.041, 0.5), (53.582, 10.018, 0.5),
    # Köln
    (50.942, 6.966, 0.5), (50.951, 6.969, 0.5), (50.973, 6.973, 0.5),
    # Leiden
    (52.165, 4.514, 0.5),
    # Maastricht
    (50.847, 5.691, 0.5),
    # Münster
    (51.945, 7.647, 0.5),
    # Nijmegen
    (51.850, 5.855, 0.5), (51.854, 5.883, 0.5), (51.855, 5.875, 0.5),
    (51.862, 5.850, 0.5),
    # Rotterdam
    (51.901, 4.477, 0.5), (51.903, 4.483, 0.5), (51.910, 4.504, 0.5),
    (51.916, 4.491, 0.5), (51.919, 4.432, 0.5), (51.922, 4.441, 0.5),
    (51.925, 4.439, 0.5), (51.944, 4.526, 0.5),
    # Utrecht
    (52.079, 5.081, 0.5), (52.107, 5.143, 0.5),
    # Zwolle
    (52.495, 6.063, 0.5), (52.528, 6.086, 0.5), (52.533, 6.070, 0.5),
    (52.538, 6.061, 0.5),
    # along the A12
    (52.049, 5.448, 0.5),
    # along the A2
    (51.159, 5.935, 0.5), (51.174, 5.946, 0.5), (51.231, 5.800, 0.5),
    (51.484, 5.403, 0.5), (51.676, 5.305, 0.5), (51.702, 5.289, 0.5),
    (51.713, 5.275, 0.5), (51.725, 5.273, 0.5), (51.816, 5.247, 0.5),
    (52.001, 5.096, 0.5), (52.238, 4.972, 0.5),
    # along the A4
    (51.951, 4.396, 0.5), (51.998, 4.381, 0.5), (52.102, 4.433, 0.5),
    (52.140, 4.486, 0.5), (52.192, 4.561, 0.5),
    # along the A5
    (49.036, 8.484, 0.5), (50.012, 8.615, 0.5),
    # along the A8
    (48.197, 11.425, 0.5),
    # along the A9
    (48.401, 11.603, 0.5),
    # along the E19
    (51.237, 4.437, 0.5),
]

# Towns near the corridors that give a motorway site its city when they are
# nearer than any waypoint: (town, cc, lat, lon, postal code, language).
# They name sites only; the corridors' shapes come from the waypoints.
NEARBY_TOWNS = [
    ("Tostedt", "DE", 53.283300, 9.716700, "21255", "de"),
    ("Rotenburg (Wümme)", "DE", 53.111100, 9.410300, "27356", "de"),
    ("Oyten", "DE", 53.050000, 9.016700, "28876", "de"),
    ("Delmenhorst", "DE", 53.050600, 8.631700, "27749", "de"),
    ("Groß Ippener", "DE", 52.966700, 8.616700, "27243", "de"),
    ("Vechta", "DE", 52.730600, 8.288600, "49377", "de"),
    ("Lohne (Oldenburg)", "DE", 52.666700, 8.233300, "49393", "de"),
    ("Neuenkirchen-Vörden", "DE", 52.516700, 8.066700, "49434", "de"),
    ("Osnabrück", "DE", 52.279900, 8.047200, "49074", "de"),
    ("Ladbergen", "DE", 52.136700, 7.739200, "49549", "de"),
    ("Greven", "DE", 52.091700, 7.608300, "48268", "de"),
    ("Walsrode", "DE", 52.861700, 9.593300, "29664", "de"),
    ("Neufahrn bei Freising", "DE", 48.316700, 11.666700, "85375", "de"),
    ("Freising", "DE", 48.402900, 11.748800, "85354", "de"),
    ("Adelsried", "DE", 48.425300, 10.720600, "86477", "de"),
    ("Neusäß", "DE", 48.400000, 10.833300, "86356", "de"),
    ("Leipheim", "DE", 48.448600, 10.221100, "89340", "de"),
]

# ---------------------------------------------------------------------------
# Words for fictional names and streets.
# ---------------------------------------------------------------------------
STREETS = {
    "nl": ["Voltastraat", "Ampèrelaan", "Ohmweg", "Faradaysingel", "Wattplein",
           "Kirchhoffstraat", "Edisonkade", "Galvanistraat", "Joulelaan",
           "Maxwellhof", "Dynamoweg", "Stroomdal", "Lorentzlaan", "Coulombstraat"],
    "fr": ["Rue Volta", "Avenue Ampère", "Rue Ohm", "Boulevard Faraday",
           "Place Watt", "Rue Galvani", "Quai Edison", "Allée Joule",
           "Rue Maxwell", "Rue Coulomb", "Chemin de la Dynamo"],
    "de": ["Voltastraße", "Ampèreweg", "Ohmstraße", "Faradayallee", "Wattplatz",
           "Kirchhoffstraße", "Edisonring", "Galvanistraße", "Jouleweg",
           "Maxwellstraße", "Dynamoweg", "Siemensbogen", "Coulombstraße"],
}
QUARTERS = {
    "nl": ["Centrum", "Noord", "Noordoost", "Oost", "Zuidoost", "Zuid", "Zuidwest", "West", "Noordwest"],
    "fr": ["Centre", "Nord", "Nord-Est", "Est", "Sud-Est", "Sud", "Sud-Ouest", "Ouest", "Nord-Ouest"],
    "de": ["Zentrum", "Nord", "Nordost", "Ost", "Südost", "Süd", "Südwest", "West", "Nordwest"],
}
MOTORWAY_SIDES = {
    "nl": {"N": "Noord", "E": "Oost", "S": "Zuid", "W": "West"},
    "fr": {"N": "Nord", "E": "Est", "S": "Sud", "W": "Ouest"},
    "de": {"N": "Nord", "E": "Ost", "S": "Süd", "W": "West"},
}

# City site kinds: weight, the word in the name per language, parking types
# (weighted), facilities always there, facilities that may be there (with
# their chance), chance of 07:00–22:00 opening hours, chance of a DC hub.
SITE_KINDS = {
    "street": dict(weight=20, words={"nl": "", "fr": "", "de": ""},
                   parking=[("ON_STREET", 1)], always=[],
                   maybe=[("CAFE", 0.35), ("RESTAURANT", 0.3), ("TRAM_STOP", 0.2),
                          ("BUS_STOP", 0.25), ("BIKE_SHARING", 0.15)],
                   hours=0.0, fast=0.05),
    "hotel": dict(weight=13, words={"nl": "Hotel", "fr": "Hôtel", "de": "Hotel"},
                  parking=[("UNDERGROUND_GARAGE", 2), ("PARKING_LOT", 2), ("PARKING_GARAGE", 1)],
                  always=["HOTEL"],
                  maybe=[("RESTAURANT", 0.75), ("CAFE", 0.4), ("WIFI", 0.6)],
                  hours=0.0, fast=0.1),
    "mall": dict(weight=11, words={"nl": "Winkelcentrum", "fr": "Centre commercial", "de": "Einkaufszentrum"},
                 parking=[("PARKING_GARAGE", 3), ("PARKING_LOT", 2), ("UNDERGROUND_GARAGE", 1)],
                 always=["MALL"],
                 maybe=[("SUPERMARKET", 0.5), ("RESTAURANT", 0.6), ("CAFE", 0.7), ("WIFI", 0.4)],
                 hours=0.3, fast=0.3),
    "supermarket": dict(weight=12, words={"nl": "Supermarkt", "fr": "Supermarché", "de": "Supermarkt"},
                        parking=[("PARKING_LOT", 4), ("PARKING_GARAGE", 1)],
                        always=["SUPERMARKET"],
                        maybe=[("CAFE", 0.2), ("PARKING_LOT", 0.3)],
                        hours=0.3, fast=0.2),
    "restaurant": dict(weight=7, words={"nl": "Restaurant", "fr": "Restaurant", "de": "Restaurant"},
                       parking=[("PARKING_LOT", 2), ("ON_STREET", 1)],
                       always=["RESTAURANT"], maybe=[("CAFE", 0.4), ("WIFI", 0.3)],
                       hours=0.0, fast=0.1),
    "garage": dict(weight=10, words={"nl": "Parkeergarage", "fr": "Parking", "de": "Parkhaus"},
                   parking=[("PARKING_GARAGE", 2), ("UNDERGROUND_GARAGE", 1)],
                   always=[], maybe=[("MALL", 0.15), ("CAFE", 0.2), ("TAXI_STAND", 0.1),
                                     ("METRO_STATION", 0.1)],
                   hours=0.1, fast=0.1),
    "fuel": dict(weight=5, words={"nl": "Tankstation", "fr": "Station-service", "de": "Tankstelle"},
                 parking=[("PARKING_LOT", 1)], always=["FUEL_STATION"],
                 maybe=[("CAFE", 0.6), ("SUPERMARKET", 0.3), ("WIFI", 0.3)],
                 hours=0.0, fast=0.7),
    "sport": dict(weight=4, words={"nl": "Sportpark", "fr": "Complexe sportif", "de": "Sportpark"},
                  parking=[("PARKING_LOT", 1)], always=["SPORT"],
                  maybe=[("RECREATION_AREA", 0.5), ("NATURE", 0.3), ("CAFE", 0.3)],
                  hours=0.0, fast=0.05),
    "carpool": dict(weight=3, words={"nl": "Carpoolplaats", "fr": "Parking covoiturage", "de": "Pendlerparkplatz"},
                    parking=[("PARKING_LOT", 1)], always=["CARPOOL_PARKING"],
                    maybe=[("BUS_STOP", 0.5)], hours=0.0, fast=0.25),
    "museum": dict(weight=3, words={"nl": "Museum", "fr": "Musée", "de": "Museum"},
                   parking=[("PARKING_LOT", 1), ("ON_STREET", 1)], always=["MUSEUM"],
                   maybe=[("CAFE", 0.6), ("TRAM_STOP", 0.3)], hours=0.5, fast=0.0),
}
LANDMARK_KINDS = {
    "station": dict(parking=[("PARKING_GARAGE", 2), ("UNDERGROUND_GARAGE", 1)],
                    always=["TRAIN_STATION", "CAFE"],
                    maybe=[("BIKE_SHARING", 0.7), ("TAXI_STAND", 0.7), ("BUS_STOP", 0.6),
                           ("RESTAURANT", 0.4), ("SUPERMARKET", 0.3), ("WIFI", 0.3)]),
    "airport": dict(parking=[("PARKING_GARAGE", 2), ("PARKING_LOT", 1)],
                    always=["AIRPORT"],
                    maybe=[("HOTEL", 0.6), ("RESTAURANT", 0.8), ("CAFE", 0.8),
                           ("TAXI_STAND", 0.8), ("TRAIN_STATION", 0.5), ("WIFI", 0.6)]),
}
# Motorway sites: (weight, facilities always there, facilities that may be there)
MOTORWAY_KINDS = [
    (5, ["FUEL_STATION", "RESTAURANT", "CAFE"], [("WIFI", 0.6), ("SUPERMARKET", 0.3), ("HOTEL", 0.15)]),
    (3, ["CAFE"], [("WIFI", 0.7), ("RESTAURANT", 0.2)]),
    (2, ["RESTAURANT", "HOTEL"], [("FUEL_STATION", 0.6), ("CAFE", 0.5), ("WIFI", 0.5), ("SUPERMARKET", 0.3)]),
    (1, ["SUPERMARKET", "RESTAURANT"], [("CAFE", 0.5), ("WIFI", 0.3), ("MALL", 0.2)]),
]

# EVSE statuses, weighted for a network on a weekday morning.  PLANNED is
# given to whole sites still being built, not drawn per EVSE.
STATUS_WEIGHTS = [
    ("AVAILABLE", 64), ("CHARGING", 22), ("BLOCKED", 3), ("RESERVED", 2),
    ("INOPERATIVE", 3), ("OUTOFORDER", 3), ("UNKNOWN", 3),
]
PLANNED_SITE_CHANCE = 0.025

# Connectors: standard, format, power type, max voltage (line to neutral for
# AC 3-phase, as OCPI says), max amperage.  max_electric_power is derived.
CONNECTORS = {
    "AC11": ("IEC_62196_T2", "SOCKET", "AC_3_PHASE", 230, 16),
    "AC22": ("IEC_62196_T2", "SOCKET", "AC_3_PHASE", 230, 32),
    "AC22C": ("IEC_62196_T2", "CABLE", "AC_3_PHASE", 230, 32),
    "SCHUKO": ("DOMESTIC_F", "SOCKET", "AC_1_PHASE", 230, 16),
    "CCS50": ("IEC_62196_T2_COMBO", "CABLE", "DC", 500, 100),
    "CHA50": ("CHADEMO", "CABLE", "DC", 500, 100),
    "CCS75": ("IEC_62196_T2_COMBO", "CABLE", "DC", 500, 150),
    "CCS150": ("IEC_62196_T2_COMBO", "CABLE", "DC", 750, 200),
    "CCS300": ("IEC_62196_T2_COMBO", "CABLE", "DC", 1000, 300),
    "CCS350": ("IEC_62196_T2_COMBO", "CABLE", "DC", 1000, 350),
    "TESLA150": ("TESLA_S", "CABLE", "DC", 500, 300),
}


def connector_power(key):
    _, _, power_type, volts, amps = CONNECTORS[key]
    phases = 3 if power_type == "AC_3_PHASE" else 1
    return volts * amps * phases


# ---------------------------------------------------------------------------
# Tariffs.  Prices exclude VAT, per kWh (ENERGY), per hour (TIME and
# PARKING_TIME) or per session (FLAT).  An idle fee with a grace period is a
# PARKING_TIME element restricted by min_duration, as OCPI 2.2.1 allows: it is
# billed for time connected but not charging once the session has lasted
# that long (the spec's tariff examples 13 and 10 and its max_duration
# restriction example show the shape).
# ---------------------------------------------------------------------------
def pc(kind, price, vat, step):
    return {"type": kind, "price": price, "vat": vat, "step_size": step}


def money(value):
    return round(value + 1e-9, 2)


def eur(value, lang):
    text = f"{money(value):.2f}"
    return f"€ {text.replace('.', ',')}" if lang == "nl" else f"EUR {text}"


def tariff(cc, tid, ttype, elements, en, nl, min_price=None, max_price=None):
    vat = COUNTRIES[cc][2]
    t = {
        "country_code": cc,
        "party_id": PARTY_ID,
        "id": tid,
        "currency": "EUR",
        "type": ttype,
        "tariff_alt_text": [{"language": "en", "text": en},
                            {"language": "nl", "text": nl}],
        "elements": elements,
    }
    if min_price is not None:
        t["min_price"] = {"excl_vat": min_price, "incl_vat": money(min_price * (1 + vat / 100))}
    if max_price is not None:
        t["max_price"] = {"excl_vat": max_price, "incl_vat": money(max_price * (1 + vat / 100))}
    t["last_updated"] = TARIFF_UPDATED
    return t


def idle_texts(per_hour, vat, grace_s):
    per_min = per_hour / 60 * (1 + vat / 100)
    grace = f"{grace_s // 3600} h" if grace_s % 3600 == 0 else f"{grace_s // 60} min"
    grace_nl = f"{grace_s // 3600} uur" if grace_s % 3600 == 0 else f"{grace_s // 60} minuten"
    return (f"Idle fee {eur(per_min, 'en')}/min for time plugged in without charging, "
            f"once the session has lasted {grace}.",
            f"Blokkeertarief {eur(per_min, 'nl')}/min voor tijd aangesloten zonder te laden, "
            f"zodra de sessie {grace_nl} duurt.")


def tod_text(lang, vat, night, peak, day):
    night, peak, day = (eur(p * (1 + vat / 100), lang) for p in (night, peak, day))
    if lang == "nl":
        return (f"AC-laden naar tijdstip, incl. {vat:g}% btw: {night}/kWh 's nachts (23:00–07:00), "
                f"{peak}/kWh in de spits (16:00–21:00), anders {day}/kWh.")
    return (f"AC charging by time of day, incl. {vat:g}% VAT: {night}/kWh at night (23:00–07:00), "
            f"{peak}/kWh at peak (16:00–21:00), {day}/kWh otherwise.")


def energy_texts(per_kwh, vat, what_en, what_nl):
    inc = per_kwh * (1 + vat / 100)
    return (f"{what_en}: {eur(inc, 'en')}/kWh incl. {vat:g}% VAT.",
            f"{what_nl}: {eur(inc, 'nl')}/kWh incl. {vat:g}% btw.")


def idle_tariff(cc, tid, ttype, kwh, idle_per_hour, grace_s, what_en, what_nl,
                flat=None, min_price=None):
    vat = COUNTRIES[cc][2]
    components = []
    en, nl = [], []
    if flat is not None:
        components.append(pc("FLAT", flat, vat, 1))
        en.append(f"Session fee {eur(flat * (1 + vat / 100), 'en')}.")
        nl.append(f"Starttarief {eur(flat * (1 + vat / 100), 'nl')} per sessie.")
    components.append(pc("ENERGY", kwh, vat, 1))
    e_en, e_nl = energy_texts(kwh, vat, what_en, what_nl)
    i_en, i_nl = idle_texts(idle_per_hour, vat, grace_s)
    elements = [{"price_components": components},
                {"price_components": [pc("PARKING_TIME", idle_per_hour, vat, 60)],
                 "restrictions": {"min_duration": grace_s}}]
    if min_price is not None:
        i_en += f" Minimum {eur(min_price * (1 + vat / 100), 'en')} per session."
        i_nl += f" Minimaal {eur(min_price * (1 + vat / 100), 'nl')} per sessie."
    return tariff(cc, tid, ttype, elements, " ".join([e_en] + en + [i_en]),
                  " ".join([e_nl] + nl + [i_nl]), min_price=min_price)


def make_tariffs():
    nl_vat = COUNTRIES["NL"][2]
    de_vat = COUNTRIES["DE"][2]
    tariffs = [
        idle_tariff("NL", "CWD-NL-AC", "REGULAR", 0.45, 6.00, 10800,
                    "AC charging", "AC-laden"),
        tariff("NL", "CWD-NL-AC-TOD", "REGULAR", [
            {"price_components": [pc("ENERGY", 0.35, nl_vat, 1)],
             "restrictions": {"start_time": "23:00", "end_time": "07:00"}},
            {"price_components": [pc("ENERGY", 0.52, nl_vat, 1)],
             "restrictions": {"start_time": "16:00", "end_time": "21:00"}},
            {"price_components": [pc("ENERGY", 0.45, nl_vat, 1)]},
            {"price_components": [pc("PARKING_TIME", 6.00, nl_vat, 60)],
             "restrictions": {"min_duration": 14400}},
        ],
            tod_text("en", nl_vat, 0.35, 0.52, 0.45) + " " + idle_texts(6.00, nl_vat, 14400)[0],
            tod_text("nl", nl_vat, 0.35, 0.52, 0.45) + " " + idle_texts(6.00, nl_vat, 14400)[1]),
        idle_tariff("NL", "CWD-NL-DC", "REGULAR", 0.65, 18.00, 2700,
                    "DC fast charging", "DC-snelladen"),
        idle_tariff("BE", "CWD-BE-AC", "REGULAR", 0.39, 6.00, 10800,
                    "AC charging", "AC-laden", flat=0.50),
        idle_tariff("BE", "CWD-BE-DC", "REGULAR", 0.59, 15.00, 2700,
                    "DC fast charging", "DC-snelladen"),
        idle_tariff("DE", "CWD-DE-AC", "REGULAR", 0.45, 6.00, 14400,
                    "AC charging", "AC-laden"),
        tariff("DE", "CWD-DE-AC-TIME", "REGULAR", [
            {"price_components": [pc("TIME", 2.40, de_vat, 900),
                                  pc("PARKING_TIME", 2.40, de_vat, 900)]},
        ],
            "AC charging in a car park, by the hour: EUR 2.86/h incl. 19% VAT while plugged in, "
            "charging or not, billed per 15 min; at most EUR 28.56 per session.",
            "AC-laden in een parkeergarage, per uur: € 2,86/uur incl. 19% btw zolang de auto is "
            "aangesloten, ladend of niet, per 15 minuten; maximaal € 28,56 per sessie.",
            max_price=24.00),
        idle_tariff("DE", "CWD-DE-DC", "REGULAR", 0.59, 12.00, 2700,
                    "DC fast charging", "DC-snelladen"),
        idle_tariff("DE", "CWD-DE-DC-ADHOC", "AD_HOC_PAYMENT", 0.66, 12.00, 2700,
                    "DC fast charging, paid ad hoc by card", "DC-snelladen, los betaald met pas",
                    min_price=1.00),
    ]
    return tariffs


def tariff_ids_for(cc, power_type, parking_type):
    if power_type == "DC":
        return {"NL": ["CWD-NL-DC"], "BE": ["CWD-BE-DC"],
                "DE": ["CWD-DE-DC", "CWD-DE-DC-ADHOC"]}[cc]
    if cc == "NL":
        return ["CWD-NL-AC-TOD"] if parking_type == "ON_STREET" else ["CWD-NL-AC"]
    if cc == "BE":
        return ["CWD-BE-AC"]
    if parking_type in ("PARKING_GARAGE", "UNDERGROUND_GARAGE"):
        return ["CWD-DE-AC-TIME"]
    return ["CWD-DE-AC"]


# ---------------------------------------------------------------------------
# Geometry on a local flat projection: good to metres at these distances.
# ---------------------------------------------------------------------------
def to_km(lat0, lon0, lat, lon):
    return ((lon - lon0) * EARTH_KM_PER_DEG * math.cos(math.radians(lat0)),
            (lat - lat0) * EARTH_KM_PER_DEG)


def from_km(lat0, lon0, x, y):
    return (lat0 + y / EARTH_KM_PER_DEG,
            lon0 + x / (EARTH_KM_PER_DEG * math.cos(math.radians(lat0))))


def distance_km(a, b):
    x, y = to_km(a[0], a[1], b[0], b[1])
    return math.hypot(x, y)


def point_segment_km(p, a, b):
    bx, by = to_km(a[0], a[1], b[0], b[1])
    px, py = to_km(a[0], a[1], p[0], p[1])
    seg2 = bx * bx + by * by
    t = 0.0 if seg2 == 0 else max(0.0, min(1.0, (px * bx + py * by) / seg2))
    return math.hypot(px - t * bx, py - t * by)


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    r = rng.uniform(0, total)
    for value, w in pairs:
        r -= w
        if r <= 0:
            return value
    return pairs[-1][0]


def sorted_facilities(names):
    return [f for f in FACILITY_ORDER if f in set(names)]


# ---------------------------------------------------------------------------
# Building sites.
# ---------------------------------------------------------------------------
class Network:
    def __init__(self, rng):
        self.rng = rng
        self.sites = []
        self.names = set()
        self.points = []

    def free_spot(self, lat, lon):
        """Not in water and not on top of another site."""
        if any(distance_km((lat, lon), (wlat, wlon)) < r for wlat, wlon, r in WATER):
            return False
        return all(distance_km((lat, lon), p) >= MIN_SEPARATION_KM for p in self.points)

    def unique_name(self, base, lang):
        if base not in self.names:
            return base
        for street in self.rng.sample(STREETS[lang], len(STREETS[lang])):
            name = f"{base} {street}"
            if name not in self.names:
                return name
        n = 2
        while f"{base} {n}" in self.names:
            n += 1
        return f"{base} {n}"

    def add(self, site):
        site["name"] = self.unique_name(site["name"], site["lang"])
        self.names.add(site["name"])
        self.points.append((site["lat"], site["lon"]))
        self.sites.append(site)


def address(rng, lang):
    street = rng.choice(STREETS[lang])
    number = rng.randint(1, 180)
    return f"{street} {number}"


def postal(rng, cc, base):
    if cc == "NL":
        letters = rng.choice(["AB", "AK", "BC", "CD", "EG", "GH", "JK", "KL", "LM",
                              "MN", "NP", "PR", "RT", "TV", "VW", "XZ"])
        return f"{base} {letters}"
    return base


def quarter(lang, centre, lat, lon):
    x, y = to_km(centre[0], centre[1], lat, lon)
    if math.hypot(x, y) < 1.0:
        return QUARTERS[lang][0]
    octant = int(((math.degrees(math.atan2(x, y)) + 360 + 22.5) % 360) // 45)
    return QUARTERS[lang][1 + octant]


def pick_facilities(rng, always, maybe):
    chosen = list(always)
    for fac, chance in maybe:
        if rng.random() < chance:
            chosen.append(fac)
    return sorted_facilities(chosen)


def city_operator(rng, cc, fast):
    if fast and rng.random() < 0.5:
        return "snel"
    local = "werk" if cc == "DE" else "kring"
    return weighted(rng, [("volta", 55), (local, 45)])


def build_city_sites(net):
    rng = net.rng
    kinds = [(k, v["weight"]) for k, v in SITE_KINDS.items()]
    for city, cc, clat, clon, pcode, radius, count, lang in CITIES:
        made = 0
        while made < count:
            r = radius * math.sqrt(rng.random())
            angle = rng.uniform(0, 2 * math.pi)
            lat, lon = from_km(clat, clon, r * math.sin(angle), r * math.cos(angle))
            if not net.free_spot(lat, lon):
                continue
            kind = weighted(rng, kinds)
            spec = SITE_KINDS[kind]
            parking = weighted(rng, spec["parking"])
            fast = rng.random() < spec["fast"]
            op = city_operator(rng, cc, fast)
            where = quarter(lang, (clat, clon), lat, lon)
            addr = address(rng, lang)
            word = spec["words"][lang]
            label = f"{word} {where}" if word else addr.rsplit(" ", 1)[0]
            net.add(dict(
                cc=cc, lang=lang, lat=lat, lon=lon, city=city,
                postal_code=postal(rng, cc, pcode), address=addr,
                name=f"Demo · {OPERATORS[op][1]} {city} {label}",
                parking_type=parking, operator=op, kind=kind,
                facilities=pick_facilities(rng, spec["always"], spec["maybe"]),
                hours=rng.random() < spec["hours"], fast=fast, motorway=False))
            made += 1


def build_landmark_sites(net):
    rng = net.rng
    for label, city, cc, lat, lon, pcode, kind, lang in LANDMARKS:
        spec = LANDMARK_KINDS[kind]
        fast = kind == "airport" or rng.random() < 0.3
        net.add(dict(
            cc=cc, lang=lang, lat=lat, lon=lon, city=city,
            postal_code=postal(rng, cc, pcode), address=address(rng, lang),
            name=f"Demo · Voltaplein {label}", parking_type=weighted(rng, spec["parking"]),
            operator="volta", kind=kind,
            facilities=pick_facilities(rng, spec["always"], spec["maybe"]),
            hours=False, fast=fast, motorway=False))


def corridor_legs(corridor):
    """Legs with both ends in the same country and no border crossing."""
    legs = []
    for a, b in zip(corridor, corridor[1:]):
        if a[0] is None or b[0] is None or a[1] != b[1]:
            continue
        length = distance_km((a[2], a[3]), (b[2], b[3]))
        legs.append((a, b, length))
    return legs


def motorway_towns():
    """Every named place a motorway site may take its city from, per country."""
    towns = {cc: [] for cc in COUNTRY_ORDER}
    for corridor in CORRIDORS:
        for town, cc, lat, lon, pcode, lang, _road in corridor:
            if town is not None:
                towns[cc].append((town, lat, lon, pcode, lang))
    for city, cc, lat, lon, pcode, _radius, _count, lang in CITIES:
        towns[cc].append((city, lat, lon, pcode, lang))
    for town, cc, lat, lon, pcode, lang in NEARBY_TOWNS:
        towns[cc].append((town, lat, lon, pcode, lang))
    return towns


def motorway_address(lang, road, km):
    km_text = f"{km:.1f}".replace(".", ",")
    return {"nl": f"{road} hectometerpaal {km_text}",
            "fr": f"{road} borne kilométrique {km_text}",
            "de": f"{road} km {km_text}"}[lang]


def build_motorway_sites(net):
    rng = net.rng
    towns = motorway_towns()
    for corridor in CORRIDORS:
        legs = corridor_legs(corridor)
        total = sum(length for _, _, length in legs)
        count = max(2, round(total / MOTORWAY_SPACING_KM))
        step = total / count
        for i in range(count):
            for _attempt in range(20):
                along = (i + rng.uniform(0.15, 0.85)) * step
                km = along
                for a, b, length in legs:
                    if along <= length:
                        break
                    along -= length
                t = min(1.0, along / length)
                bx, by = to_km(a[2], a[3], b[2], b[3])
                px, py = t * bx, t * by
                norm = math.hypot(bx, by)
                nx, ny = -by / norm, bx / norm
                side = rng.choice((-1, 1))
                off = side * rng.uniform(0.08, MAX_MOTORWAY_OFFSET_KM)
                lat, lon = from_km(a[2], a[3], px + nx * off, py + ny * off)
                if net.free_spot(lat, lon):
                    break
            else:
                continue
            cc = a[1]
            town, _, _, pcode, lang = min(
                towns[cc], key=lambda w: distance_km((lat, lon), (w[1], w[2])))
            road = a[6]
            # Name the side of the road the site is on, by the offset's compass direction.
            ox, oy = nx * off, ny * off
            compass = ("E" if ox > 0 else "W") if abs(ox) >= abs(oy) else ("N" if oy > 0 else "S")
            op = weighted(rng, [("snel", 55), ("volta", 45)])
            facilities, maybe = weighted(rng, [((always, maybe), w) for w, always, maybe in MOTORWAY_KINDS])
            net.add(dict(
                cc=cc, lang=lang, lat=lat, lon=lon, city=town,
                postal_code=postal(rng, cc, pcode), address=motorway_address(lang, road, km),
                name=f"Demo · {OPERATORS[op][1]} {road} {town} {MOTORWAY_SIDES[lang][compass]}",
                parking_type="ALONG_MOTORWAY", operator=op, kind="motorway",
                facilities=pick_facilities(rng, facilities, maybe),
                hours=False, fast=True, motorway=True, road=road,
                leg=((a[2], a[3]), (b[2], b[3]))))


# ---------------------------------------------------------------------------
# EVSEs and connectors.
# ---------------------------------------------------------------------------
def evse_plan(rng, site):
    """A list of EVSEs, each a list of connector keys (the first one main)."""
    plan = []
    if site["motorway"]:
        n = weighted(rng, [(2, 4), (3, 5), (4, 25), (5, 8), (6, 25), (7, 5), (8, 18)])
        hpc = weighted(rng, [("CCS150", 4), ("CCS300", 3), ("CCS350", 3)])
        for _ in range(n):
            plan.append([hpc] if rng.random() < 0.8 else
                        [weighted(rng, [("CCS150", 2), ("CCS300", 1), ("CCS350", 1)])])
        if n >= 4 and rng.random() < 0.35:
            plan[-1] = ["CCS50", "CHA50"]
        elif rng.random() < 0.2:
            plan[-1] = ["CCS150", "CHA50"]
        if n >= 4 and rng.random() < 0.3:
            plan[-2] = ["AC22C"]
        if rng.random() < 0.05:
            plan[0] = ["TESLA150"]
        return plan
    if site["fast"]:
        n = weighted(rng, [(2, 35), (3, 15), (4, 30), (6, 20)])
        for i in range(n):
            plan.append(weighted(rng, [(["CCS150"], 4), (["CCS75"], 2), (["CCS50", "CHA50"], 2),
                                       (["CCS150", "CHA50"], 1), (["CCS300"], 1)]))
        if rng.random() < 0.4:
            plan.append(["AC22"])
        return plan
    n = weighted(rng, [(1, 15), (2, 40), (3, 12), (4, 20), (6, 10), (8, 3)])
    main = weighted(rng, [("AC11", 55), ("AC22", 35), ("AC22C", 10)])
    schuko = 0.15 if site["cc"] == "DE" else 0.03
    for _ in range(n):
        evse = [main]
        if main != "AC22C" and rng.random() < schuko:
            evse.append("SCHUKO")
        plan.append(evse)
    return plan


def timestamp(base, seconds):
    return (base + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


EVSE_BASE = datetime.datetime(2026, 11, 1, 5, 0, 0)
CONNECTOR_BASE = datetime.datetime(2026, 9, 1, 0, 0, 0)


def build_location(rng, site, loc_id, number):
    cc = site["cc"]
    alpha3, tz, _ = COUNTRIES[cc]
    planned = rng.random() < PLANNED_SITE_CHANCE
    evses = []
    for i, keys in enumerate(evse_plan(rng, site), start=1):
        connectors = []
        for j, key in enumerate(keys, start=1):
            standard, fmt, power_type, volts, amps = CONNECTORS[key]
            connectors.append({
                "id": str(j),
                "standard": standard,
                "format": fmt,
                "power_type": power_type,
                "max_voltage": volts,
                "max_amperage": amps,
                "max_electric_power": connector_power(key),
                "tariff_ids": tariff_ids_for(cc, power_type, site["parking_type"]),
                "last_updated": timestamp(CONNECTOR_BASE, rng.randrange(0, 60 * 86400, 60)),
            })
        dc = any(c["power_type"] == "DC" for c in connectors)
        capabilities = ["RFID_READER", "REMOTE_START_STOP_CAPABLE"]
        if dc or cc == "DE":
            capabilities += ["CONTACTLESS_CARD_SUPPORT", "CREDIT_CARD_PAYABLE"]
        if not dc and rng.random() < 0.2:
            capabilities.append("RESERVABLE")
        evse = {
            "uid": f"{loc_id}-E{i}",
            "evse_id": f"{cc}*{PARTY_ID}*E{number:04d}*{i}",
            "status": "PLANNED" if planned else weighted(rng, STATUS_WEIGHTS),
            "capabilities": sorted(capabilities),
            "connectors": connectors,
            "physical_reference": str(i),
        }
        if site["parking_type"] in ("PARKING_GARAGE", "UNDERGROUND_GARAGE"):
            evse["floor_level"] = "-1" if site["parking_type"] == "UNDERGROUND_GARAGE" else "0"
        evse["last_updated"] = timestamp(EVSE_BASE, rng.randrange(0, 3 * 3600 - 60, 60))
        evses.append(evse)

    if site["hours"]:
        opening = {"twentyfourseven": False,
                   "regular_hours": [{"weekday": d, "period_begin": "07:00", "period_end": "22:00"}
                                     for d in range(1, 8)]}
    else:
        opening = {"twentyfourseven": True}

    return {
        "country_code": cc,
        "party_id": PARTY_ID,
        "id": loc_id,
        "publish": True,
        "name": site["name"],
        "address": site["address"],
        "city": site["city"],
        "postal_code": site["postal_code"],
        "country": alpha3,
        "coordinates": {"latitude": f"{site['lat']:.6f}", "longitude": f"{site['lon']:.6f}"},
        "parking_type": site["parking_type"],
        "evses": evses,
        "operator": {"name": OPERATORS[site["operator"]][0]},
        "owner": {"name": NETWORK_NAME},
        "facilities": site["facilities"],
        "time_zone": tz,
        "opening_times": opening,
        "last_updated": LOCATION_UPDATED,
    }


# ---------------------------------------------------------------------------
# Checks: the promises the app and its tests rely on.
# ---------------------------------------------------------------------------
def check(locations, tariffs, sites):
    def require(cond, what):
        if not cond:
            sys.exit(f"gen-demo-network: check failed: {what}")

    tariff_ids = {t["id"] for t in tariffs}
    require(6 <= len(tariffs) <= 10, "6–10 tariffs")
    require(len(locations) >= 320, "at least 320 locations")
    require(len({l["id"] for l in locations}) == len(locations), "unique location ids")
    require(len({l["name"] for l in locations}) == len(locations), "unique names")
    fac_count = {}
    used_tariffs = set()
    uids = set()
    for loc in locations:
        require(loc["name"].startswith("Demo · "), f"{loc['id']} is named as demo")
        require(loc["operator"]["name"].endswith("(demo)"), f"{loc['id']} operator is demo")
        require(loc["country"] == COUNTRIES[loc["country_code"]][0], f"{loc['id']} country")
        require(1 <= len(loc["evses"]) <= 8, f"{loc['id']} has 1–8 EVSEs")
        for f in loc["facilities"]:
            require(f in FACILITY_ORDER, f"{loc['id']} facility {f}")
            fac_count[f] = fac_count.get(f, 0) + 1
        for evse in loc["evses"]:
            require(evse["uid"] not in uids, f"unique EVSE uid {evse['uid']}")
            uids.add(evse["uid"])
            require(1 <= len(evse["connectors"]) <= 2, f"{evse['uid']} has 1–2 connectors")
            require(evse["connectors"][0]["max_electric_power"] >= 11000,
                    f"{evse['uid']} main connector is at least 11 kW")
            for c in evse["connectors"]:
                phases = 3 if c["power_type"] == "AC_3_PHASE" else 1
                require(c["max_voltage"] * c["max_amperage"] * phases == c["max_electric_power"],
                        f"{evse['uid']} connector power is V × A")
                for tid in c["tariff_ids"]:
                    require(tid in tariff_ids, f"{evse['uid']} tariff {tid} exists")
                    used_tariffs.add(tid)
    require(used_tariffs == tariff_ids, "every tariff is used")
    for fac in ("HOTEL", "MALL", "RESTAURANT", "SUPERMARKET"):
        require(fac_count.get(fac, 0) >= 20, f"{fac} at 20 or more locations")
    motorway = [s for s in sites if s["motorway"]]
    require(len(motorway) >= 60, "60 or more motorway locations")
    for s in motorway:
        require(point_segment_km((s["lat"], s["lon"]), *s["leg"]) < 0.6,
                f"{s['name']} within 0.6 km of its corridor")
    return fac_count


def main(argv):
    if len(argv) > 2:
        sys.exit("usage: gen-demo-network.py [OUTPUT_DIR]")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out_dir = argv[1] if len(argv) == 2 else os.path.join(root, "data", "demo")

    rng = random.Random(SEED)
    net = Network(rng)
    build_landmark_sites(net)
    build_city_sites(net)
    build_motorway_sites(net)

    counters = {cc: 0 for cc in COUNTRY_ORDER}
    locations = []
    for site in sorted(net.sites, key=lambda s: COUNTRY_ORDER.index(s["cc"])):
        counters[site["cc"]] += 1
        number = counters[site["cc"]]
        loc_id = f"{PARTY_ID}-{site['cc']}-{number:04d}"
        locations.append(build_location(rng, site, loc_id, number))
    tariffs = make_tariffs()
    fac_count = check(locations, tariffs, net.sites)

    os.makedirs(out_dir, exist_ok=True)
    for name, data in (("demo-locations.json", locations), ("demo-tariffs.json", tariffs)):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
            f.write("\n")

    n_evses = sum(len(l["evses"]) for l in locations)
    n_conns = sum(len(e["connectors"]) for l in locations for e in l["evses"])
    per_country = " ".join(f"{cc} {counters[cc]}" for cc in COUNTRY_ORDER)
    motorway = sum(1 for l in locations if l["parking_type"] == "ALONG_MOTORWAY")
    facilities = " ".join(f"{f} {fac_count[f]}" for f in FACILITY_ORDER if f in fac_count)
    print(f"{len(locations)} locations, {n_evses} EVSEs, {n_conns} connectors; "
          f"per country: {per_country}; motorway: {motorway}; facilities: {facilities}; "
          f"{len(tariffs)} tariffs")


if __name__ == "__main__":
    main(sys.argv)
