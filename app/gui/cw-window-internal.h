/* cw-window-internal.h: what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "cw-credits-dialog.h"
#include "cw-geo.h"
#include "cw-geocoder.h"
#include "cw-live-source.h"
#include "cw-planner.h"
#include "cw-route.h"
#include "cw-station-details.h"
#include "cw-station-layer.h"
#include "cw-window.h"

G_BEGIN_DECLS

struct _CwWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkWidget          *demo_badge;
  GtkWidget          *offline_icon;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  AdwFlap            *flap;
  GtkStack           *sidebar_stack;
  GtkLabel           *count_label;
  GtkBox             *route_box;
  GtkListView        *station_list;
  CwStationDetails   *details;
  GtkLabel           *status_label;
  ShumateSimpleMap   *map;

  /* services */
  CwStationStore     *store;
  GSettings          *settings;
  CwSourceSpec       *spec;
  char               *source_spec;
  char               *tiles;

  /* views */
  CwStationLayer     *layer;
  GtkFilterListModel *in_view;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter    *view_filter;
  GtkCustomSorter    *distance_sorter;
  GHashTable         *sort_keys;      /* CwStation* → double*, see distance_compare */
  CwBBox              view_box;
  double              centre_lat, centre_lon;
  gboolean            have_view;
  /* Start-up: the list waits for the map's first frame with stations
   * (filtering and sorting a large cache would delay that frame). */
  GListModel         *list_source;    /* the view filter's model once let go */
  gboolean            list_held;
  guint               list_release_id;
  gulong              list_paint_id;

  /* route (cw-window-route.c) */
  GtkWidget          *route_panel;
  CwRoute            *route;
  GPtrArray          *alternatives;   /* CwOsrmRoute*, OSRM's answer */
  GHashTable         *route_hits;     /* CwStation* → CwCorridorHit* */
  ShumatePathLayer   *path_layer;
  SoupSession        *session;
  CwGeocoder         *geocoder;
  GCancellable       *route_cancellable;
  GtkNativeDialog    *file_dialog;      /* the open or export dialog shown, or NULL */
  GtkWidget          *map_menu;
  double              menu_lat, menu_lon;

  /* filters (cw-window-filters.c) */
  GtkWidget          *filter_panel;
  GtkCustomFilter    *criteria_filter;
  gboolean            criteria_all;     /* no criterion on: the filter has no function */
  GtkFilterListModel *filtered;       /* the store through the criteria */
  GtkWidget          *estimate;
  GtkWidget          *saved_drop;
  gboolean            filling_saved;

  /* kiosk (cw-window-kiosk.c) */
  AdwHeaderBar       *header_bar;
  GtkWidget          *menu_button;
  gboolean            kiosk;
  gboolean            kiosk_closing;
  GtkEventController *kiosk_keys;
  guint               inhibit_cookie;
  GtkOverlay         *kiosk_overlay;
  GtkWidget          *attract;
  GObject            *idle_monitor;
  GtkWidget          *destinations_box;
  GtkWidget          *handoff_button;
  guint               n_resets;

  /* trip plan (cw-window-plan.c) */
  GtkStack           *list_stack;
  GtkWidget          *list_switcher;
  GtkScrolledWindow  *trip_scroller;
  GtkWidget          *timeline;
  GtkWidget          *stop_label;     /* in the details: "Stop 2 of your trip…" */
  CwCarProfile       *car;
  CwPlan             *plan;
  GCancellable       *plan_cancellable;
  char               *replan_reason;  /* said in a toast once the new plan is in */
  char               *plan_notice;    /* the last such toast */
  guint               n_plans;        /* plans (or impossible answers) shown */

  /* favourites (cw-window-favourites.c) */
  GHashTable         *watched;        /* CwStation* being watched for a free charger */
  guint               n_notifications;

  /* open feeds beside the source (cw-window-feeds.c) */
  GHashTable         *feed_sources;   /* feed id → CwLiveSource* */
  GtkRevealer        *offer_revealer;
  GtkLabel           *offer_label;
  GtkWidget          *offer_accept;

  CwLiveSource       *live;
  CwDemoHubMode       demo_mode;
  guint               settle_id;
  guint               tick_id;
  char               *error;
};

/* cw-window-route.c */
void _cw_window_route_init          (CwWindow      *self);
void _cw_window_route_dispose       (CwWindow      *self);
void _cw_window_route_class_init    (GtkWidgetClass *widget_class);
/* Recomputes which stations lie along the route (after data or width changed). */
void _cw_window_route_update_hits   (CwWindow      *self);
gboolean _cw_window_route_get_hit   (CwWindow      *self,
                                     CwStation     *station,
                                     double        *along_km,
                                     double        *offset_km);
void _cw_window_set_route           (CwWindow      *self,
                                     CwRoute       *route,
                                     const char    *name);
char *_cw_window_route_to_gpx      (CwWindow      *self);
/* Zooms and centres the map on @box (at once, or once the map has a size). */
void _cw_window_fit_box             (CwWindow      *self,
                                     const CwBBox  *box);
/* cw-window-desktop.c */
void  _cw_window_desktop_init          (CwWindow  *self);
void  _cw_window_apply_distance_units  (CwWindow  *self);
/* The map's credit in @dialog: the tiles in use when they are not OpenStreetMap's. */
void  _cw_window_credit_map            (CwWindow        *self,
                                        CwCreditsDialog *dialog);
/* The tile spec for the desktop's style now (NULL or "" for OpenStreetMap). */
char *_cw_window_tiles_for_style       (CwWindow  *self);
/* cw-window-plan.c */
void _cw_window_plan_init           (CwWindow      *self);
void _cw_window_plan_dispose        (CwWindow      *self);
void _cw_window_plan_class_init     (GtkWidgetClass *widget_class);
/* Plans again (in a worker) when planning is on and there is a route;
 * clears the plan otherwise. */
void _cw_window_plan_update         (CwWindow      *self);
/* The details of @station say whether it is a stop of the plan. */
void _cw_window_plan_show_station   (CwWindow      *self,
                                     CwStation     *station);
/* cw-window-feeds.c */
void       _cw_window_feeds_class_init    (GtkWidgetClass *widget_class);
void       _cw_window_feeds_init          (CwWindow  *self);
void       _cw_window_feeds_dispose       (CwWindow  *self);
void       _cw_window_feeds_sync          (CwWindow  *self);
void       _cw_window_feeds_update_offer  (CwWindow  *self);
void       _cw_window_feeds_update_map_credit (CwWindow *self);
/* The feeds running beside the source (CwLiveSource*, borrowed), in
 * the catalogue's order. */
GPtrArray *_cw_window_feeds_get_sources   (CwWindow  *self);
/* "Could not update Jolt: …." for each feed that failed; NULL if none. */
char      *_cw_window_feeds_describe_failures (CwWindow *self);
void       _cw_window_feeds_add_credits   (CwWindow  *self,
                                           GPtrArray *entries);
void       _cw_window_update_live_state   (CwWindow  *self);
void       _cw_window_live_changed        (CwWindow  *self);
/* cw-window-favourites.c */
void     _cw_window_favourites_init    (CwWindow  *self);
void     _cw_window_favourites_dispose (CwWindow  *self);
gboolean _cw_window_is_favourite       (CwWindow  *self,
                                        CwStation *station);
/* Records the station in "recent-stations" and updates the details' buttons. */
void     _cw_window_note_viewed        (CwWindow  *self,
                                        CwStation *station);
/* cw-window-filters.c: returns the filtered model everything shows */
GListModel *_cw_window_filters_init         (CwWindow  *self);
void        _cw_window_filters_dispose      (CwWindow  *self);
void        _cw_window_filters_update_operators (CwWindow *self);
void        _cw_window_filters_show_station (CwWindow  *self,
                                             CwStation *station);
/* Saved filter sets in GSettings, by name. */
void        _cw_window_save_filter          (CwWindow   *self,
                                             const char *name);
gboolean    _cw_window_load_filter          (CwWindow   *self,
                                             const char *name);
/* cw-window-kiosk.c */
void     _cw_window_set_kiosk           (CwWindow  *self,
                                         gboolean   kiosk);
gboolean _cw_window_kiosk_close_request (CwWindow  *self);
void     _cw_window_kiosk_dispose       (CwWindow  *self);
/* Back to the home state: no route, selection, search or dialog; the
 * map on the kiosk's place; the attract view shown. */
void     _cw_window_kiosk_reset         (CwWindow  *self);
/* The trip (or station) as a link for the visitor's phone, or NULL. */
char    *_cw_window_kiosk_handoff_text  (CwWindow  *self);
/* cw-window.c */
void _cw_window_refilter            (CwWindow      *self);
/* Selects @station in the list (when there) and shows its details. */
void _cw_window_select_station      (CwWindow      *self,
                                     CwStation     *station);
void _cw_window_show_toast          (CwWindow      *self,
                                     const char    *message);

G_END_DECLS
