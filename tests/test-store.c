/* test-store.c: CwStationStore as a GListModel, and CwStation's summaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <float.h>
#include <string.h>

#include "cw-station-store.h"

/* ---- helpers ---- */

static CwConnectorDraft *
make_connector (CwConnectorStandard standard,
                double              power_kw)
{
  CwConnectorDraft *c = cw_connector_new ();

  c->id = g_strdup ("1");
  c->standard = standard;
  c->format = CW_CONNECTOR_FORMAT_CABLE;
  c->power_type = cw_connector_standard_is_dc (standard) ? CW_POWER_TYPE_DC
                                                         : CW_POWER_TYPE_AC_3_PHASE;
  c->max_power_kw = power_kw;
  return c;
}

static CwEvseDraft *
make_evse (const char         *uid,
           CwEvseStatus        status,
           guint               quantity,
           CwConnectorStandard standard,
           double              power_kw)
{
  CwEvseDraft *e = cw_evse_new ();

  e->uid = g_strdup (uid);
  e->status = status;
  e->quantity = quantity;
  e->last_updated = 1793520000;
  cw_evse_take_connector (e, make_connector (standard, power_kw));
  return e;
}

/* A station as a parser would deliver it: the same arguments give equal
 * data, so merging it again changes nothing. */
static CwStation *
make_station (const char   *source,
              const char   *id,
              CwEvseStatus  status)
{
  CwStation *s = cw_station_new (source, id);

  cw_station_take_string (s, CW_STATION_NAME, g_strdup_printf ("Station %s", id));
  cw_station_set_string (s, CW_STATION_ADDRESS, "Stationsplein 1");
  cw_station_set_string (s, CW_STATION_CITY, "Utrecht");
  cw_station_set_string (s, CW_STATION_COUNTRY, "NLD");
  cw_station_set_string (s, CW_STATION_OPERATOR_NAME, "Voltaplein (demo)");
  s->latitude = 52.09;
  s->longitude = 5.11;
  s->last_updated = 1793520000;
  cw_station_take_evse (s, make_evse ("E1", status, 1, CW_CONNECTOR_IEC_62196_T2_COMBO, 150));
  cw_station_take_evse (s, make_evse ("E2", CW_EVSE_STATUS_AVAILABLE, 2, CW_CONNECTOR_IEC_62196_T2, 22));
  return s;
}

/* Stations "s<first>" … "s<first + n - 1>" of @source; the one with index
 * @odd (if any) has its first EVSE in @odd_status, the others AVAILABLE. */
static GPtrArray *
make_batch (const char   *source,
            guint         first,
            guint         n,
            int           odd,
            CwEvseStatus  odd_status)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_ptr_array_add (a, make_station (source, id,
                                        (int) i == odd ? odd_status : CW_EVSE_STATUS_AVAILABLE));
    }
  return a;
}

static GPtrArray *
batch_of (const char *source,
          const char *ids)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) v = g_strsplit (ids, ",", -1);

  for (guint i = 0; v[i] != NULL; i++)
    if (*v[i] != '\0')
      g_ptr_array_add (a, make_station (source, v[i], CW_EVSE_STATUS_AVAILABLE));
  return a;
}

/* Follows a GListModel through its items-changed signals, the way a view
 * would, so the emissions can be checked against the model's content. */
typedef struct {
  GListModel *model;
  GPtrArray  *mirror;           /* CwStation*, owned */
  guint       n_emissions;
  guint       last_position, last_removed, last_added;
  guint       total_removed, total_added;
} Watch;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *w)
{
  g_assert_true (model == w->model);
  g_assert_cmpuint (position + removed, <=, w->mirror->len);

  w->n_emissions++;
  w->last_position = position;
  w->last_removed = removed;
  w->last_added = added;
  w->total_removed += removed;
  w->total_added += added;

  g_ptr_array_remove_range (w->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (w->mirror, position + i, g_list_model_get_item (model, position + i));
  g_assert_cmpuint (w->mirror->len, ==, g_list_model_get_n_items (model));
}

static void
watch_init (Watch      *w,
            GListModel *model)
{
  memset (w, 0, sizeof *w);
  w->model = model;
  w->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (w->mirror, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), w);
}

static void
watch_reset (Watch *w)
{
  w->n_emissions = 0;
  w->last_position = w->last_removed = w->last_added = 0;
  w->total_removed = w->total_added = 0;
}

/* The mirror built from the signals equals the model, item by item. */
static void
watch_check (Watch *w)
{
  g_assert_cmpuint (w->mirror->len, ==, g_list_model_get_n_items (w->model));
  for (guint i = 0; i < w->mirror->len; i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (w->model, i);
      g_assert_true (s == g_ptr_array_index (w->mirror, i));
    }
}

static void
watch_clear (Watch *w)
{
  g_signal_handlers_disconnect_by_data (w->model, w);
  g_clear_pointer (&w->mirror, g_ptr_array_unref);
}

static void
count_changed (CwStation *station,
               guint     *counter)
{
  (*counter)++;
}

static void
assert_ids (CwStationStore *store,
            const char     *expected)
{
  g_autoptr (GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr (CwStation) s = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_string_append_printf (ids, "%s%s:%s", i ? "," : "", cw_station_get_source (s), cw_station_get_id (s));
    }
  g_assert_cmpstr (ids->str, ==, expected);
}

/* ---- the store ---- */

static void
test_store_list_model (void)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  GListModel *model = G_LIST_MODEL (store);

  g_assert_true (G_IS_LIST_MODEL (store));
  g_assert_true (g_list_model_get_item_type (model) == CW_TYPE_STATION);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 0);
  g_assert_null (g_list_model_get_item (model, 0));
  g_assert_null (cw_station_store_lookup (store, "A", "s0"));
}

static void
test_store_merge_adds (void)
{
  CwStationStore *store = cw_station_store_new ();
  g_autoptr (GPtrArray) batch = make_batch ("A", 0, 5, -1, 0);
  Watch w;

  watch_init (&w, G_LIST_MODEL (store));
  cw_station_store_merge (store, "A", batch, TRUE);

  g_assert_cmpuint (w.n_emissions, ==, 1);
  g_assert_cmpuint (w.last_position, ==, 0);
  g_assert_cmpuint (w.last_removed, ==, 0);
  g_assert_cmpuint (w.last_added, ==, 5);
  watch_check (&w);

  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 5);
  assert_ids (store, "A:s0,A:s1,A:s2,A:s3,A:s4");
  /* the store keeps the very objects it was given */
  for (guint i = 0; i < batch->len; i++)
    {
      g_autoptr (CwStation) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_assert_true (item == g_ptr_array_index (batch, i));
      g_assert_true (cw_station_store_lookup (store, "A", cw_station_get_id (item)) == item);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), 5));

  watch_clear (&w);
  g_assert_finalize_object (store);
  /* the store gave its references back */
  for (guint i = 0; i < batch->len; i++)
    g_assert_cmpuint (G_OBJECT (g_ptr_array_index (batch, i))->ref_count, ==, 1);
}

static void
test_store_merge_updates_in_place (void)
{
  CwStationStore *store = cw_station_store_new ();
  g_autoptr (GPtrArray) first = make_batch ("A", 0, 5, -1, 0);
  g_autoptr (GPtrArray) second = make_batch ("A", 0, 5, 2, CW_EVSE_STATUS_CHARGING);
  CwStation *before[5];
  guint changed[5] = { 0 };
  Watch w;

  cw_station_store_merge (store, "A", first, TRUE);
  for (guint i = 0; i < 5; i++)
    {
      before[i] = g_ptr_array_index (first, i);
      g_signal_connect (before[i], "changed", G_CALLBACK (count_changed), &changed[i]);
    }
  g_assert_cmpint (cw_station_get_availability (before[2]), ==, CW_AVAILABILITY_AVAILABLE);
  g_assert_cmpuint (cw_station_count_available (before[2]), ==, 3);

  watch_init (&w, G_LIST_MODEL (store));
  cw_station_store_merge (store, "A", second, TRUE);

  /* no items-changed: the same five objects, updated in place */
  g_assert_cmpuint (w.n_emissions, ==, 0);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autoptr (CwStation) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_true (item == before[i]);
      g_assert_true (cw_station_store_lookup (store, "A", id) == before[i]);
      g_assert_true (item != g_ptr_array_index (second, i));
    }

  /* "changed" on station 2 only, and it carries the new status */
  g_assert_cmpuint (changed[0], ==, 0);
  g_assert_cmpuint (changed[1], ==, 0);
  g_assert_cmpuint (changed[2], ==, 1);
  g_assert_cmpuint (changed[3], ==, 0);
  g_assert_cmpuint (changed[4], ==, 0);
  g_assert_cmpint (((CwEvse *) &before[2]->evses[0])->status,
                   ==, CW_EVSE_STATUS_CHARGING);
  g_assert_cmpuint (cw_station_count_available (before[2]), ==, 2);
  g_assert_cmpstr (cw_station_get_name (before[2]), ==, "Station s2");

  /* The same data once more: nothing at all happens. */
  g_clear_pointer (&second, g_ptr_array_unref);
  second = make_batch ("A", 0, 5, 2, CW_EVSE_STATUS_CHARGING);
  cw_station_store_merge (store, "A", second, TRUE);
  g_assert_cmpuint (w.n_emissions, ==, 0);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (changed[i], ==, i == 2 ? 1 : 0);

  /* A descriptive change counts too. */
  g_clear_pointer (&second, g_ptr_array_unref);
  second = make_batch ("A", 0, 5, 2, CW_EVSE_STATUS_CHARGING);
  cw_station_set_string (((CwStation *) g_ptr_array_index (second, 4)), CW_STATION_NAME, "Renamed");
  cw_station_store_merge (store, "A", second, FALSE);
  g_assert_cmpuint (changed[4], ==, 1);
  g_assert_cmpstr (cw_station_get_name (before[4]), ==, "Renamed");
  g_assert_cmpuint (w.n_emissions, ==, 0);
  watch_check (&w);

  watch_clear (&w);
  g_assert_finalize_object (store);
}

static void
test_store_complete_removes_missing (void)
{
  CwStationStore *store = cw_station_store_new ();
  g_autoptr (GPtrArray) first = make_batch ("A", 0, 5, -1, 0);
  g_autoptr (GPtrArray) second = batch_of ("A", "s0,s1,s3,s4");
  g_autoptr (GPtrArray) third = batch_of ("A", "s1,s4");
  CwStation *gone = NULL;
  CwStation *kept[5];
  Watch w;

  cw_station_store_merge (store, "A", first, TRUE);
  for (guint i = 0; i < 5; i++)
    kept[i] = g_ptr_array_index (first, i);
  gone = kept[2];
  g_object_add_weak_pointer (G_OBJECT (gone), (gpointer *) &gone);

  watch_init (&w, G_LIST_MODEL (store));
  cw_station_store_merge (store, "A", second, TRUE);

  g_assert_cmpuint (w.n_emissions, ==, 1);
  g_assert_cmpuint (w.last_position, ==, 2);
  g_assert_cmpuint (w.last_removed, ==, 1);
  g_assert_cmpuint (w.last_added, ==, 0);
  watch_check (&w);
  assert_ids (store, "A:s0,A:s1,A:s3,A:s4");
  g_assert_null (cw_station_store_lookup (store, "A", "s2"));
  g_assert_true (cw_station_store_lookup (store, "A", "s0") == kept[0]);
  g_assert_true (cw_station_store_lookup (store, "A", "s1") == kept[1]);
  g_assert_true (cw_station_store_lookup (store, "A", "s3") == kept[3]);
  g_assert_true (cw_station_store_lookup (store, "A", "s4") == kept[4]);

  /* the store no longer holds the removed station */
  g_assert_nonnull (gone);
  g_ptr_array_remove_index (first, 2);
  g_assert_null (gone);

  /* Two gaps: one emission per run, and the mirror still matches. */
  watch_reset (&w);
  cw_station_store_merge (store, "A", third, TRUE);
  g_assert_cmpuint (w.n_emissions, ==, 2);
  g_assert_cmpuint (w.total_removed, ==, 2);
  g_assert_cmpuint (w.total_added, ==, 0);
  watch_check (&w);
  assert_ids (store, "A:s1,A:s4");

  /* A complete merge of nothing empties the source. */
  g_clear_pointer (&third, g_ptr_array_unref);
  third = g_ptr_array_new_with_free_func (g_object_unref);
  watch_reset (&w);
  cw_station_store_merge (store, "A", third, TRUE);
  g_assert_cmpuint (w.n_emissions, ==, 1);
  g_assert_cmpuint (w.last_position, ==, 0);
  g_assert_cmpuint (w.last_removed, ==, 2);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 0);
  watch_check (&w);

  watch_clear (&w);
  g_assert_finalize_object (store);
}

static void
test_store_delta_keeps_missing (void)
{
  CwStationStore *store = cw_station_store_new ();
  g_autoptr (GPtrArray) first = make_batch ("A", 0, 5, -1, 0);
  g_autoptr (GPtrArray) delta = make_batch ("A", 2, 4, 2, CW_EVSE_STATUS_OUTOFORDER);
  CwStation *s2;
  guint changed = 0;
  Watch w;

  cw_station_store_merge (store, "A", first, TRUE);
  s2 = cw_station_store_lookup (store, "A", "s2");
  g_signal_connect (s2, "changed", G_CALLBACK (count_changed), &changed);

  watch_init (&w, G_LIST_MODEL (store));
  /* s2 … s5: s2 changes, s3 and s4 stay, s5 is new, s0 and s1 are absent */
  cw_station_store_merge (store, "A", delta, FALSE);

  g_assert_cmpuint (w.n_emissions, ==, 1);
  g_assert_cmpuint (w.last_position, ==, 5);
  g_assert_cmpuint (w.last_removed, ==, 0);
  g_assert_cmpuint (w.last_added, ==, 1);
  watch_check (&w);
  assert_ids (store, "A:s0,A:s1,A:s2,A:s3,A:s4,A:s5");
  g_assert_true (cw_station_store_lookup (store, "A", "s2") == s2);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (((CwEvse *) &s2->evses[0])->status,
                   ==, CW_EVSE_STATUS_OUTOFORDER);

  watch_clear (&w);
  g_assert_finalize_object (store);
}

static void
test_store_sources_apart (void)
{
  CwStationStore *store = cw_station_store_new ();
  g_autoptr (GPtrArray) a = make_batch ("A", 0, 3, -1, 0);
  g_autoptr (GPtrArray) b = make_batch ("B", 0, 2, -1, 0);
  g_autoptr (GPtrArray) a_again = batch_of ("A", "s1");
  g_autoptr (GPtrArray) stray = batch_of ("B", "s9");
  CwStation *b0, *b1;
  Watch w;

  cw_station_store_merge (store, "A", a, TRUE);
  cw_station_store_merge (store, "B", b, TRUE);
  assert_ids (store, "A:s0,A:s1,A:s2,B:s0,B:s1");

  /* the same id from two sources is two stations */
  b0 = cw_station_store_lookup (store, "B", "s0");
  b1 = cw_station_store_lookup (store, "B", "s1");
  g_assert_nonnull (b0);
  g_assert_true (b0 != cw_station_store_lookup (store, "A", "s0"));
  g_assert_cmpstr (cw_station_get_source (b0), ==, "B");

  watch_init (&w, G_LIST_MODEL (store));
  cw_station_store_merge (store, "A", a_again, TRUE);
  watch_check (&w);
  assert_ids (store, "A:s1,B:s0,B:s1");
  g_assert_true (cw_station_store_lookup (store, "B", "s0") == b0);
  g_assert_true (cw_station_store_lookup (store, "B", "s1") == b1);
  g_assert_cmpuint (w.total_removed, ==, 2);

  /* A station of another source in the batch is refused, loudly. */
  watch_reset (&w);
  g_test_expect_message ("cw-station-store", G_LOG_LEVEL_WARNING, "*from source B, not A*");
  cw_station_store_merge (store, "A", stray, FALSE);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (w.n_emissions, ==, 0);
  g_assert_null (cw_station_store_lookup (store, "B", "s9"));
  g_assert_null (cw_station_store_lookup (store, "A", "s9"));

  watch_clear (&w);
  g_assert_finalize_object (store);
}

static void
test_store_remove_clear (void)
{
  CwStationStore *store = cw_station_store_new ();
  g_autoptr (GPtrArray) a = make_batch ("A", 0, 4, -1, 0);
  g_autoptr (GPtrArray) b = make_batch ("B", 0, 2, -1, 0);
  Watch w;

  cw_station_store_merge (store, "A", a, TRUE);
  cw_station_store_merge (store, "B", b, TRUE);
  watch_init (&w, G_LIST_MODEL (store));

  g_assert_true (cw_station_store_lookup (store, "A", "s1") == g_ptr_array_index (a, 1));
  g_assert_null (cw_station_store_lookup (store, "A", "nope"));
  g_assert_null (cw_station_store_lookup (store, "C", "s1"));

  g_assert_true (cw_station_store_remove (store, "A", "s1"));
  g_assert_cmpuint (w.n_emissions, ==, 1);
  g_assert_cmpuint (w.last_position, ==, 1);
  g_assert_cmpuint (w.last_removed, ==, 1);
  g_assert_cmpuint (w.last_added, ==, 0);
  watch_check (&w);
  g_assert_null (cw_station_store_lookup (store, "A", "s1"));
  g_assert_cmpuint (G_OBJECT (g_ptr_array_index (a, 1))->ref_count, ==, 1);
  assert_ids (store, "A:s0,A:s2,A:s3,B:s0,B:s1");

  watch_reset (&w);
  g_assert_false (cw_station_store_remove (store, "A", "s1"));
  g_assert_false (cw_station_store_remove (store, "A", "nope"));
  g_assert_false (cw_station_store_remove (store, "C", "s0"));
  g_assert_cmpuint (w.n_emissions, ==, 0);

  /* The last one, then the first one. */
  g_assert_true (cw_station_store_remove (store, "B", "s1"));
  g_assert_cmpuint (w.last_position, ==, 4);
  g_assert_true (cw_station_store_remove (store, "A", "s0"));
  g_assert_cmpuint (w.last_position, ==, 0);
  watch_check (&w);
  assert_ids (store, "A:s2,A:s3,B:s0");

  /* A removed station comes back as new on the next merge. */
  watch_reset (&w);
  cw_station_store_merge (store, "A", a, FALSE);
  g_assert_cmpuint (w.n_emissions, ==, 1);
  g_assert_cmpuint (w.last_added, ==, 2);
  watch_check (&w);
  assert_ids (store, "A:s2,A:s3,B:s0,A:s0,A:s1");

  watch_reset (&w);
  cw_station_store_clear (store);
  g_assert_cmpuint (w.n_emissions, ==, 1);
  g_assert_cmpuint (w.last_position, ==, 0);
  g_assert_cmpuint (w.last_removed, ==, 5);
  g_assert_cmpuint (w.last_added, ==, 0);
  watch_check (&w);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 0);
  g_assert_null (cw_station_store_lookup (store, "B", "s0"));
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpuint (G_OBJECT (g_ptr_array_index (a, i))->ref_count, ==, 1);

  /* clearing an empty store says nothing */
  cw_station_store_clear (store);
  g_assert_cmpuint (w.n_emissions, ==, 1);

  /* and it fills again */
  cw_station_store_merge (store, "B", b, TRUE);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 2);
  watch_check (&w);

  watch_clear (&w);
  g_assert_finalize_object (store);
}

/* ---- a station's summaries ---- */

static CwStation *
station_with_statuses (const CwEvseStatus *statuses,
                       guint               n)
{
  CwStation *s = cw_station_new ("T", "x");

  for (guint i = 0; i < n; i++)
    cw_station_take_evse (s, make_evse ("E", statuses[i], 1, CW_CONNECTOR_IEC_62196_T2, 11));
  return s;
}

static CwAvailability
availability_of (const CwEvseStatus *statuses,
                 guint               n)
{
  CwStation *s = station_with_statuses (statuses, n);
  CwAvailability a = cw_station_get_availability (s);

  g_assert_finalize_object (s);
  return a;
}

#define AVAILABILITY(...) \
  availability_of ((const CwEvseStatus[]) { __VA_ARGS__ }, \
                   sizeof ((const CwEvseStatus[]) { __VA_ARGS__ }) / sizeof (CwEvseStatus))

static void
test_station_availability (void)
{
  g_autoptr (CwStation) empty = cw_station_new ("T", "empty");

  g_assert_cmpint (cw_station_get_availability (empty), ==, CW_AVAILABILITY_UNKNOWN);

  g_assert_cmpint (AVAILABILITY (CW_EVSE_STATUS_AVAILABLE), ==, CW_AVAILABILITY_AVAILABLE);
  g_assert_cmpint (AVAILABILITY (CW_EVSE_STATUS_OUTOFORDER, CW_EVSE_STATUS_CHARGING,
                                 CW_EVSE_STATUS_AVAILABLE), ==, CW_AVAILABILITY_AVAILABLE);
  g_assert_cmpint (AVAILABILITY (CW_EVSE_STATUS_UNKNOWN, CW_EVSE_STATUS_AVAILABLE),
                   ==, CW_AVAILABILITY_AVAILABLE);
  g_assert_cmpint (AVAILABILITY (CW_EVSE_STATUS_CHARGING, CW_EVSE_STATUS_OUTOFORDER),
                   ==, CW_AVAILABILITY_BUSY);
  g_assert_cmpint (AVAILABILITY (CW_EVSE_STATUS_RESERVED), ==, CW_AVAILABILITY_BUSY);
  g_assert_cmpint (AVAILABILITY (CW_EVSE_STATUS_BLOCKED, CW_EVSE_STATUS_UNKNOWN),
                   ==, CW_AVAILABILITY_BUSY);
  g_assert_cmpint (AVAILABILITY (CW_EVSE_STATUS_OUTOFORDER, CW_EVSE_STATUS_OUTOFORDER),
                   ==, CW_AVAILABILITY_OUT_OF_ORDER);
  g_assert_cmpint (AVAILABILITY (CW_EVSE_STATUS_OUTOFORDER, CW_EVSE_STATUS_INOPERATIVE,
                                 CW_EVSE_STATUS_PLANNED), ==, CW_AVAILABILITY_OUT_OF_ORDER);
  /* out of order only when every EVSE says so */
  g_assert_cmpint (AVAILABILITY (CW_EVSE_STATUS_OUTOFORDER, CW_EVSE_STATUS_UNKNOWN),
                   ==, CW_AVAILABILITY_UNKNOWN);
  g_assert_cmpint (AVAILABILITY (CW_EVSE_STATUS_UNKNOWN, CW_EVSE_STATUS_UNKNOWN),
                   ==, CW_AVAILABILITY_UNKNOWN);
}

static void
test_station_counts (void)
{
  CwStation *s = cw_station_new ("T", "counts");
  g_autoptr (CwStation) empty = cw_station_new ("T", "empty");
  CwEvseDraft *draft;
  CwEvse *multi;

  cw_station_take_evse (s, make_evse ("A3", CW_EVSE_STATUS_AVAILABLE, 3,
                                        CW_CONNECTOR_IEC_62196_T2, 22));
  cw_station_take_evse (s, make_evse ("C2", CW_EVSE_STATUS_CHARGING, 2,
                                        CW_CONNECTOR_IEC_62196_T2_COMBO, 150));
  cw_station_take_evse (s, make_evse ("A1", CW_EVSE_STATUS_AVAILABLE, 1,
                                        CW_CONNECTOR_CHADEMO, 50));
  /* a second connector on one EVSE counts for power and standards */
  draft = make_evse ("U1", CW_EVSE_STATUS_UNKNOWN, 1, CW_CONNECTOR_IEC_62196_T2, 11);
  cw_evse_take_connector (draft, make_connector (CW_CONNECTOR_DOMESTIC_F, 3.7));
  cw_station_take_evse (s, draft);
  multi = &s->evses[3];
  g_assert_cmpuint (multi->n_connectors, ==, 2);

  g_assert_cmpuint (cw_station_count_evses (s), ==, 7);
  g_assert_cmpuint (cw_station_count_available (s), ==, 4);
  g_assert_cmpfloat (cw_station_get_max_power_kw (s), ==, 150.0);
  g_assert_cmphex (cw_station_get_standards (s), ==,
                   (G_GUINT64_CONSTANT (1) << CW_CONNECTOR_IEC_62196_T2) |
                   (G_GUINT64_CONSTANT (1) << CW_CONNECTOR_IEC_62196_T2_COMBO) |
                   (G_GUINT64_CONSTANT (1) << CW_CONNECTOR_CHADEMO) |
                   (G_GUINT64_CONSTANT (1) << CW_CONNECTOR_DOMESTIC_F));
  g_assert_false (cw_station_get_standards (s) & (G_GUINT64_CONSTANT (1) << CW_CONNECTOR_TESLA_S));
  /* the highest standard still fits the mask */
  cw_evse_get_connectors (multi)[1].standard = CW_CONNECTOR_TESLA_S;
  cw_evse_get_connectors (multi)[1].max_power_kw = 250;
  g_assert_true (cw_station_get_standards (s) & (G_GUINT64_CONSTANT (1) << CW_CONNECTOR_TESLA_S));
  g_assert_cmpfloat (cw_station_get_max_power_kw (s), ==, 250.0);

  g_assert_cmpuint (cw_station_count_evses (empty), ==, 0);
  g_assert_cmpuint (cw_station_count_available (empty), ==, 0);
  g_assert_cmpfloat (cw_station_get_max_power_kw (empty), ==, 0.0);
  g_assert_cmphex (cw_station_get_standards (empty), ==, 0);

  /* status time: the latest of the station's and its EVSEs' */
  s->last_updated = 1000;
  ((CwEvse *) &s->evses[1])->last_updated = 1793600000;
  g_assert_cmpint (cw_station_get_status_time (s), ==, 1793600000);
  empty->last_updated = 42;
  g_assert_cmpint (cw_station_get_status_time (empty), ==, 42);

  g_assert_finalize_object (s);
}

static CwCategory
category_of (CwParkingType parking,
             guint32       facilities)
{
  g_autoptr (CwStation) s = cw_station_new ("T", "cat");

  s->parking_type = parking;
  s->facilities = facilities;
  return cw_station_get_category (s);
}

static void
test_station_category (void)
{
  const guint32 hotel = CW_FACILITY_BIT (CW_FACILITY_HOTEL);
  const guint32 mall = CW_FACILITY_BIT (CW_FACILITY_MALL);
  const guint32 restaurant = CW_FACILITY_BIT (CW_FACILITY_RESTAURANT);
  const guint32 cafe = CW_FACILITY_BIT (CW_FACILITY_CAFE);
  const guint32 supermarket = CW_FACILITY_BIT (CW_FACILITY_SUPERMARKET);
  const guint32 wifi = CW_FACILITY_BIT (CW_FACILITY_WIFI);

  g_assert_cmpint (category_of (CW_PARKING_TYPE_ALONG_MOTORWAY, hotel | restaurant | mall),
                   ==, CW_CATEGORY_MOTORWAY);
  g_assert_cmpint (category_of (CW_PARKING_TYPE_ALONG_MOTORWAY, 0), ==, CW_CATEGORY_MOTORWAY);
  g_assert_cmpint (category_of (CW_PARKING_TYPE_PARKING_LOT,
                                supermarket | cafe | restaurant | mall | hotel),
                   ==, CW_CATEGORY_HOTEL);
  g_assert_cmpint (category_of (CW_PARKING_TYPE_UNKNOWN, supermarket | cafe | restaurant | mall),
                   ==, CW_CATEGORY_MALL);
  g_assert_cmpint (category_of (CW_PARKING_TYPE_ON_STREET, cafe | restaurant),
                   ==, CW_CATEGORY_RESTAURANT);
  g_assert_cmpint (category_of (CW_PARKING_TYPE_ON_STREET, supermarket | cafe),
                   ==, CW_CATEGORY_CAFE);
  g_assert_cmpint (category_of (CW_PARKING_TYPE_ON_STREET, supermarket | wifi),
                   ==, CW_CATEGORY_SUPERMARKET);
  g_assert_cmpint (category_of (CW_PARKING_TYPE_PARKING_GARAGE, wifi), ==, CW_CATEGORY_NONE);
  g_assert_cmpint (category_of (CW_PARKING_TYPE_UNKNOWN, 0), ==, CW_CATEGORY_NONE);
}

static void
test_station_key_and_update (void)
{
  g_autoptr (CwStation) a = make_station ("ocm", "157899", CW_EVSE_STATUS_AVAILABLE);
  g_autoptr (CwStation) same = make_station ("ocm", "157899", CW_EVSE_STATUS_AVAILABLE);
  g_autoptr (CwStation) other = make_station ("ocm", "157899", CW_EVSE_STATUS_AVAILABLE);
  guint changed = 0;

  g_assert_cmpstr (cw_station_get_key (a), ==, "ocm\x1f" "157899");
  g_assert_true (cw_station_get_key (a) == cw_station_get_key (a));     /* cached */
  g_assert_true (a->is_public);

  g_signal_connect (a, "changed", G_CALLBACK (count_changed), &changed);
  g_assert_false (cw_station_update_from (a, same));
  g_assert_cmpuint (changed, ==, 0);

  cw_station_set_string (other, CW_STATION_CITY, "Amersfoort");
  other->latitude = 52.15;
  other->facilities = CW_FACILITY_BIT (CW_FACILITY_CAFE);
  g_assert_true (cw_station_update_from (a, other));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (cw_station_get_city (a), ==, "Amersfoort");
  g_assert_cmpfloat (a->latitude, ==, 52.15);
  g_assert_true (cw_station_has_facility (a, CW_FACILITY_CAFE));
  g_assert_false (cw_station_has_facility (a, CW_FACILITY_HOTEL));
  /* identity stays */
  g_assert_cmpstr (cw_station_get_source (a), ==, "ocm");
  g_assert_cmpstr (cw_station_get_id (a), ==, "157899");

  /* one EVSE fewer is a change */
  g_clear_object (&other);
  other = make_station ("ocm", "157899", CW_EVSE_STATUS_AVAILABLE);
  cw_station_set_string (other, CW_STATION_CITY, "Amersfoort");
  other->latitude = 52.15;
  other->facilities = CW_FACILITY_BIT (CW_FACILITY_CAFE);
  {
    CwEvseDraft *keep = cw_evse_copy (&other->evses[0]);

    cw_station_clear_evses (other);
    g_assert_true (cw_station_take_evse (other, keep));
  }
  g_assert_true (cw_station_update_from (a, other));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (a->n_evses, ==, 1);
}

/* Open Charge Map folds identical points into one EVSE with a quantity;
 * when only that quantity changes, so do the counts a marker shows. */
static void
test_station_update_quantity (void)
{
  g_autoptr (CwStation) a = make_station ("ocm", "1", CW_EVSE_STATUS_AVAILABLE);
  g_autoptr (CwStation) more = make_station ("ocm", "1", CW_EVSE_STATUS_AVAILABLE);
  guint changed = 0;
  gboolean result;

  g_signal_connect (a, "changed", G_CALLBACK (count_changed), &changed);
  g_assert_cmpuint (cw_station_count_available (a), ==, 3);
  ((CwEvse *) &more->evses[1])->quantity = 6;

  result = cw_station_update_from (a, more);
  /* the data is taken either way */
  g_assert_cmpuint (cw_station_count_available (a), ==, 7);
  g_assert_true (result);
  g_assert_cmpuint (changed, ==, 1);
}

/* Every field of a connector counts: a new connector id, format,
 * voltage, amperage or label is a change the station takes and tells. */
static void
test_station_update_connector_fields (void)
{
  for (guint field = 0; field < 5; field++)
    {
      g_autoptr (CwStation) a = make_station ("ocpi:x", "1", CW_EVSE_STATUS_AVAILABLE);
      g_autoptr (CwStation) b = make_station ("ocpi:x", "1", CW_EVSE_STATUS_AVAILABLE);
      CwEvseDraft *e2 = make_evse ("E2", CW_EVSE_STATUS_AVAILABLE, 2, CW_CONNECTOR_IEC_62196_T2, 22);
      CwConnectorDraft *d = &e2->connectors[0];
      const CwConnector *c;
      guint changed = 0;

      g_signal_connect (a, "changed", G_CALLBACK (count_changed), &changed);
      switch (field)
        {
        case 0:
          g_free (d->id);
          d->id = g_strdup ("2");
          break;
        case 1:
          d->format = CW_CONNECTOR_FORMAT_SOCKET;
          break;
        case 2:
          d->max_voltage = 400;
          break;
        case 3:
          d->max_amperage = 32;
          break;
        default:
          d->standard_label = g_strdup ("Type 2 socket");
          break;
        }
      /* b as make_station () makes it, but for that one field */
      cw_station_clear_evses (b);
      cw_station_take_evse (b, make_evse ("E1", CW_EVSE_STATUS_AVAILABLE, 1, CW_CONNECTOR_IEC_62196_T2_COMBO, 150));
      cw_station_take_evse (b, e2);
      g_assert_true (cw_station_update_from (a, b));
      g_assert_cmpuint (changed, ==, 1);
      c = &cw_evse_get_connectors (&a->evses[1])[0];
      g_assert_cmpstr (cw_connector_get_id (c), ==, field == 0 ? "2" : "1");
      g_assert_cmpint (c->format, ==, field == 1 ? CW_CONNECTOR_FORMAT_SOCKET : CW_CONNECTOR_FORMAT_CABLE);
      g_assert_cmpint (c->max_voltage, ==, field == 2 ? 400 : 0);
      g_assert_cmpint (c->max_amperage, ==, field == 3 ? 32 : 0);
      g_assert_cmpstr (cw_connector_get_standard_label (c), ==, field == 4 ? "Type 2 socket" : NULL);
      /* Taken: the same again changes nothing. */
      g_assert_false (cw_station_update_from (a, b));
      g_assert_cmpuint (changed, ==, 1);
    }
}

static void
test_station_resolve_tariffs (void)
{
  g_autoptr (CwStation) s = cw_station_new ("T", "x");
  g_autoptr (GHashTable) tariffs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) cw_tariff_unref);
  CwTariff *t1 = cw_tariff_new ();
  CwTariff *t2 = cw_tariff_new ();
  CwEvseDraft *e0 = make_evse ("E0", CW_EVSE_STATUS_AVAILABLE, 1, CW_CONNECTOR_IEC_62196_T2, 22);
  CwConnector *c0, *c1;

  e0->connectors[0].tariff_ids = g_strsplit ("UNKNOWN,T2,T1", ",", -1);
  cw_station_take_evse (s, e0);
  cw_station_take_evse (s, make_evse ("E1", CW_EVSE_STATUS_AVAILABLE, 1, CW_CONNECTOR_IEC_62196_T2, 22));
  c0 = &cw_evse_get_connectors (&s->evses[0])[0];
  c1 = &cw_evse_get_connectors (&s->evses[1])[0];
  g_assert_cmpuint (cw_connector_get_n_tariff_ids (c0), ==, 3);
  g_assert_false (cw_connector_has_tariff_ids (c1));

  t1->id = g_strdup ("T1");
  t2->id = g_strdup ("T2");
  g_hash_table_insert (tariffs, g_strdup ("T1"), t1);
  g_hash_table_insert (tariffs, g_strdup ("T2"), t2);

  cw_station_resolve_tariffs (s, NULL);
  g_assert_null (cw_connector_get_tariff (c0));

  cw_station_resolve_tariffs (s, tariffs);
  g_assert_true (cw_connector_get_tariff (c0) == t2);     /* the first id that resolves */
  g_assert_null (cw_connector_get_tariff (c1));

  /* resolving again does not leak or double-ref */
  cw_station_resolve_tariffs (s, tariffs);
  g_assert_true (cw_connector_get_tariff (c0) == t2);

  /* the station's reference outlives the table */
  g_clear_pointer (&tariffs, g_hash_table_unref);
  g_assert_cmpstr (cw_connector_get_tariff (c0)->id, ==, "T2");
}

/* EVSEs read into a list and handed over at once keep their order,
 * fields and connectors (five: the doubling at 1, 2, 4 and past it);
 * the list is left empty, and what a list still holds is freed with it. */
static void
test_station_evse_list (void)
{
  g_autoptr (CwStation) s = cw_station_new ("t", "list");
  g_autoptr (GArray) list = cw_evse_list_new ();
  g_autoptr (GArray) dropped = cw_evse_list_new ();
  CwEvseDraft *many = make_evse ("M", CW_EVSE_STATUS_CHARGING, 1, CW_CONNECTOR_IEC_62196_T2, 11);

  for (guint k = 0; k < 4; k++)
    g_assert_true (cw_evse_take_connector (many, make_connector (CW_CONNECTOR_CHADEMO, 50 + k)));
  g_assert_true (cw_evse_list_take (list, make_evse ("A", CW_EVSE_STATUS_AVAILABLE, 1,
                                                     CW_CONNECTOR_IEC_62196_T2_COMBO, 150)));
  g_assert_true (cw_evse_list_take (list, many));
  g_assert_true (cw_evse_list_take (list, make_evse ("B", CW_EVSE_STATUS_OUTOFORDER, 2,
                                                     CW_CONNECTOR_IEC_62196_T2, 22)));
  cw_station_take_evses (s, list);
  g_assert_cmpuint (list->len, ==, 0);

  g_assert_cmpuint (s->n_evses, ==, 3);
  g_assert_cmpstr (cw_evse_get_uid (&s->evses[0]), ==, "A");
  g_assert_cmpstr (cw_evse_get_uid (&s->evses[1]), ==, "M");
  g_assert_cmpstr (cw_evse_get_uid (&s->evses[2]), ==, "B");
  g_assert_cmpint (s->evses[1].status, ==, CW_EVSE_STATUS_CHARGING);
  g_assert_cmpint (s->evses[2].quantity, ==, 2);
  g_assert_cmpuint (s->evses[1].n_connectors, ==, 5);
  g_assert_cmpint (cw_evse_get_connectors (&s->evses[1])[0].standard, ==, CW_CONNECTOR_IEC_62196_T2);
  for (guint k = 1; k < 5; k++)
    {
      g_assert_cmpint (cw_evse_get_connectors (&s->evses[1])[k].standard, ==, CW_CONNECTOR_CHADEMO);
      g_assert_cmpfloat (cw_evse_get_connectors (&s->evses[1])[k].max_power_kw, ==, 50 + k - 1);
    }
  g_assert_cmpuint (cw_station_count_evses (s), ==, 4);

  /* A list dropped before it is handed over frees its EVSEs (valgrind
   * and ASan watch this). */
  g_assert_true (cw_evse_list_take (dropped, make_evse ("X", CW_EVSE_STATUS_AVAILABLE, 1,
                                                        CW_CONNECTOR_IEC_62196_T2, 22)));
}

/* Many stations removed at once (a feed unpublishing them): each gone,
 * the rest found, ids repeated, missing or of another source ignored. */
static void
test_store_remove_ids (void)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GPtrArray) a = make_batch ("A", 0, 1000, -1, 0);
  g_autoptr (GPtrArray) b = make_batch ("B", 0, 10, -1, 0);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Watch w;

  cw_station_store_merge (store, "A", a, TRUE);
  cw_station_store_merge (store, "B", b, TRUE);
  watch_init (&w, G_LIST_MODEL (store));
  for (guint i = 0; i < 1000; i += 3)
    g_ptr_array_add (ids, g_strdup_printf ("s%u", i));
  g_ptr_array_add (ids, g_strdup ("s3"));        /* twice */
  g_ptr_array_add (ids, g_strdup ("nope"));

  g_assert_cmpuint (cw_station_store_remove_ids (store, "A", ids), ==, 334);
  watch_check (&w);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 1010 - 334);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      CwStation *s = cw_station_store_lookup (store, "A", id);

      if (i % 3 == 0)
        g_assert_null (s);
      else
        g_assert_true (s == g_ptr_array_index (a, i));
    }
  for (guint i = 0; i < 10; i++)        /* B's s0, s3 … stay */
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_assert_nonnull (cw_station_store_lookup (store, "B", id));
    }
  watch_reset (&w);
  g_assert_cmpuint (cw_station_store_remove_ids (store, "A", ids), ==, 0);
  g_assert_cmpuint (w.n_emissions, ==, 0);
  watch_clear (&w);
}

/* The first merge into an empty store takes a path of its own: a key
 * met twice, a station of another source and thousands of keys must come
 * out as from any merge, and later merges must find every station. */
static void
on_updated (CwStationStore *store,
            guint           n,
            guint          *total)
{
  *total += n;
}

static void
test_store_merge_into_empty (void)
{
  g_autoptr (CwStationStore) store = cw_station_store_new ();
  g_autoptr (GPtrArray) first = make_batch ("a", 0, 5000, -1, 0);
  g_autoptr (GPtrArray) again = make_batch ("a", 0, 5000, 17, CW_EVSE_STATUS_OUTOFORDER);
  guint updated = 0;
  Watch w;

  /* s3 twice, the second time out of order; one of source "b" in between. */
  g_ptr_array_add (first, make_station ("a", "s3", CW_EVSE_STATUS_OUTOFORDER));
  g_ptr_array_insert (first, 10, make_station ("b", "s10", CW_EVSE_STATUS_AVAILABLE));
  watch_init (&w, G_LIST_MODEL (store));
  g_signal_connect (store, "stations-updated", G_CALLBACK (on_updated), &updated);
  g_test_expect_message ("cw-station-store", G_LOG_LEVEL_WARNING, "*from source b, not a*");
  cw_station_store_merge (store, "a", first, TRUE);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 5000);
  g_assert_cmpuint (w.n_emissions, ==, 1);
  g_assert_cmpuint (w.total_added, ==, 5000);
  g_assert_cmpuint (updated, ==, 1);
  g_assert_null (cw_station_store_lookup (store, "b", "s10"));
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      CwStation *s = cw_station_store_lookup (store, "a", id);
      g_autoptr (CwStation) at = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_nonnull (s);
      g_assert_true (s == at);          /* in the order given */
      g_assert_cmpint (s->evses[0].status, ==, i == 3 ? CW_EVSE_STATUS_OUTOFORDER : CW_EVSE_STATUS_AVAILABLE);
    }

  /* The next merge finds them all in place: updates, no new items. */
  updated = 0;
  cw_station_store_merge (store, "a", again, TRUE);
  g_assert_cmpuint (cw_station_store_get_n_stations (store), ==, 5000);
  g_assert_cmpuint (w.total_added, ==, 5000);
  g_assert_cmpuint (w.total_removed, ==, 0);
  g_assert_cmpuint (updated, ==, 2);    /* s3 back to available, s17 out of order */
  g_assert_cmpint (cw_station_store_lookup (store, "a", "s17")->evses[0].status, ==, CW_EVSE_STATUS_OUTOFORDER);
  g_assert_cmpint (cw_station_store_lookup (store, "a", "s3")->evses[0].status, ==, CW_EVSE_STATUS_AVAILABLE);
  watch_clear (&w);
}

/* The packed layout: strings, EVSEs, connectors and opening hours share
 * one block, and changing one part keeps the others; the source is one
 * shared copy; what does not fit a connector's or an EVSE's narrower
 * fields is clamped, and the memory count sees every string's text. */
static void
test_station_packed (void)
{
  g_autoptr (CwStation) s = cw_station_new ("src", "id-1");
  g_autoptr (CwStation) t = cw_station_new ("src", "id-2");
  g_autoptr (CwStation) other = NULL;
  CwEvseDraft *e = cw_evse_new ();
  CwConnectorDraft *c = cw_connector_new ();
  const CwConnector *pc;
  CwOpeningHours *hours = cw_opening_hours_new ();
  CwStationMemory m = { 0 };

  g_assert_true (cw_station_get_source (s) == cw_station_get_source (t));
  g_assert_cmpstr (cw_station_get_source (s), ==, "src");
  g_assert_cmpstr (cw_station_get_id (s), ==, "id-1");
  g_assert_null (cw_station_get_name (s));
  cw_station_set_name (s, "Name");
  cw_station_set_city (s, "");
  cw_station_take_opening_hours (s, hours);

  e->uid = g_strdup ("U");
  e->quantity = 3;
  c->id = g_strdup ("C1");
  c->tariff_ids = g_new0 (char *, 1);   /* a list, empty */
  c->max_voltage = 70000;
  c->max_amperage = -5;
  c->max_power_kw = 1e300;
  cw_evse_take_connector (e, c);
  g_assert_true (cw_station_take_evse (s, e));

  /* an EVSE taken after the strings keeps them, and the hours */
  g_assert_cmpstr (cw_station_get_name (s), ==, "Name");
  g_assert_cmpstr (cw_station_get_city (s), ==, "");
  g_assert_null (cw_station_get_address (s));
  g_assert_true (cw_station_get_opening_hours (s) == hours);
  g_assert_cmpuint (s->n_evses, ==, 1);
  g_assert_cmpstr (cw_evse_get_uid (&s->evses[0]), ==, "U");
  g_assert_null (cw_evse_get_evse_id (&s->evses[0]));
  g_assert_cmpuint (s->evses[0].quantity, ==, 3);
  g_assert_cmpuint (s->evses[0].n_connectors, ==, 1);
  pc = &cw_evse_get_connectors (&s->evses[0])[0];
  g_assert_cmpstr (cw_connector_get_id (pc), ==, "C1");
  g_assert_null (cw_connector_get_standard_label (pc));
  g_assert_true (cw_connector_has_tariff_ids (pc));
  g_assert_cmpuint (cw_connector_get_n_tariff_ids (pc), ==, 0);
  g_assert_null (cw_connector_get_tariff_id (pc, 0));
  g_assert_cmpuint (pc->max_voltage, ==, G_MAXUINT16);
  g_assert_cmpuint (pc->max_amperage, ==, 0);
  g_assert_cmpfloat (pc->max_power_kw, ==, FLT_MAX);

  /* a string set after keeps the EVSEs and the hours; one of its own
   * strings (in the block being replaced) can be set again */
  cw_station_set_name (s, "Other");
  cw_station_set_name (s, cw_station_get_name (s));
  cw_station_set_postal_code (s, cw_station_get_city (s));
  g_assert_cmpstr (cw_station_get_name (s), ==, "Other");
  g_assert_cmpstr (cw_station_get_postal_code (s), ==, "");
  g_assert_cmpstr (cw_evse_get_uid (&s->evses[0]), ==, "U");
  g_assert_true (cw_station_get_opening_hours (s) == hours);

  cw_station_add_memory (s, &m);
  g_assert_cmpuint (m.n, ==, 1);
  /* "id-1", "Other", "", "", "U", "C1" with their NULs */
  g_assert_cmpuint (m.text, ==, 5 + 6 + 1 + 1 + 2 + 3);
  g_assert_cmpuint (m.evses, ==, sizeof (CwEvse));
  g_assert_cmpuint (m.connectors, ==, sizeof (CwConnector));

  /* taking the data of another: strings, hours and EVSEs */
  other = cw_station_new ("src", "id-1");
  cw_station_set_name (other, "Third");
  g_assert_true (cw_station_update_from (s, other));
  g_assert_cmpstr (cw_station_get_name (s), ==, "Third");
  g_assert_null (cw_station_get_city (s));
  g_assert_null (cw_station_get_opening_hours (s));
  g_assert_cmpuint (s->n_evses, ==, 0);
  g_assert_false (cw_station_update_from (s, other));

  /* clearing the EVSEs keeps the strings */
  g_assert_true (cw_station_take_evse (s, cw_evse_new ()));
  cw_station_clear_evses (s);
  g_assert_cmpuint (s->n_evses, ==, 0);
  g_assert_cmpstr (cw_station_get_name (s), ==, "Third");
  g_assert_cmpstr (cw_station_get_id (s), ==, "id-1");

  /* an EVSE's time is kept in 32 bits and its quantity in 16: clamped */
  e = cw_evse_new ();
  e->last_updated = (gint64) G_MAXUINT32 + 10;
  e->quantity = 70000;
  e->status = CW_EVSE_STATUS_REMOVED;
  g_assert_true (cw_station_take_evse (s, e));
  e = cw_evse_new ();
  e->last_updated = -5;
  e->quantity = G_MAXUINT16;
  e->status = CW_EVSE_STATUS_PLANNED;
  e->evse_id = g_strdup ("NL*X*E2");
  g_assert_true (cw_station_take_evse (s, e));
  g_assert_cmpuint (s->n_evses, ==, 2);
  g_assert_cmpuint (s->evses[0].last_updated, ==, G_MAXUINT32);
  g_assert_cmpuint (s->evses[0].quantity, ==, G_MAXUINT16);
  g_assert_cmpuint (s->evses[0].status, ==, CW_EVSE_STATUS_REMOVED);
  g_assert_cmpuint (s->evses[1].last_updated, ==, 0);
  g_assert_cmpuint (s->evses[1].quantity, ==, G_MAXUINT16);
  g_assert_cmpuint (s->evses[1].status, ==, CW_EVSE_STATUS_PLANNED);
  g_assert_cmpstr (cw_evse_get_evse_id (&s->evses[1]), ==, "NL*X*E2");
  g_assert_cmpstr (cw_station_get_name (s), ==, "Third");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/list-model", test_store_list_model);
  g_test_add_func ("/store/merge-adds", test_store_merge_adds);
  g_test_add_func ("/store/merge-into-empty", test_store_merge_into_empty);
  g_test_add_func ("/store/remove-ids", test_store_remove_ids);
  g_test_add_func ("/store/merge-updates-in-place", test_store_merge_updates_in_place);
  g_test_add_func ("/store/complete-removes-missing", test_store_complete_removes_missing);
  g_test_add_func ("/store/delta-keeps-missing", test_store_delta_keeps_missing);
  g_test_add_func ("/store/sources-apart", test_store_sources_apart);
  g_test_add_func ("/store/remove-lookup-clear", test_store_remove_clear);
  g_test_add_func ("/station/availability", test_station_availability);
  g_test_add_func ("/station/counts-power-standards", test_station_counts);
  g_test_add_func ("/station/category", test_station_category);
  g_test_add_func ("/station/key-and-update", test_station_key_and_update);
  g_test_add_func ("/station/update-quantity-changes", test_station_update_quantity);
  g_test_add_func ("/station/update-connector-fields", test_station_update_connector_fields);
  g_test_add_func ("/station/resolve-tariffs", test_station_resolve_tariffs);
  g_test_add_func ("/station/evse-list", test_station_evse_list);
  g_test_add_func ("/station/packed", test_station_packed);

  return g_test_run ();
}
