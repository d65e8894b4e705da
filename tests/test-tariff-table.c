/* test-tariff-table.c: 32-bit tariff handles, shared, freed and reused,
 * from several threads at once; connectors holding them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cw-station.h"
#include "cw-tariff-table.h"

/* Tariffs made here count themselves when freed: their one element's
 * free function runs when the tariff is. */
static gint tariffs_freed;

static void
element_gone (gpointer element)
{
  cw_tariff_element_free (element);
  g_atomic_int_inc (&tariffs_freed);
}

static CwTariff *
counted_tariff (const char *id)
{
  CwTariff *t = cw_tariff_new ();

  t->id = g_strdup (id);
  g_ptr_array_unref (t->elements);
  t->elements = g_ptr_array_new_with_free_func (element_gone);
  g_ptr_array_add (t->elements, cw_tariff_element_new ());
  return t;
}

static void
test_same_tariff_same_handle (void)
{
  CwTariff *a = counted_tariff ("A"), *b = counted_tariff ("B");
  guint live = cw_tariff_handles_get_n_live ();
  guint32 ha, ha2, hb;

  g_assert_cmpuint (cw_tariff_handle_acquire (NULL), ==, CW_TARIFF_HANDLE_NONE);
  g_assert_null (cw_tariff_handle_lookup (CW_TARIFF_HANDLE_NONE));
  cw_tariff_handle_release (CW_TARIFF_HANDLE_NONE);     /* ignored */

  ha = cw_tariff_handle_acquire (a);
  ha2 = cw_tariff_handle_acquire (a);
  hb = cw_tariff_handle_acquire (b);
  g_assert_cmpuint (ha, !=, 0);
  g_assert_cmpuint (hb, !=, 0);
  g_assert_cmpuint (ha, ==, ha2);
  g_assert_cmpuint (ha, !=, hb);
  g_assert_true (cw_tariff_handle_lookup (ha) == a);
  g_assert_true (cw_tariff_handle_lookup (hb) == b);
  g_assert_cmpuint (cw_tariff_handle_get_n_users (ha), ==, 2);
  g_assert_cmpuint (cw_tariff_handle_get_n_users (hb), ==, 1);
  g_assert_cmpuint (cw_tariff_handle_hold (hb), ==, hb);
  g_assert_cmpuint (cw_tariff_handle_get_n_users (hb), ==, 2);
  g_assert_cmpuint (cw_tariff_handles_get_n_live (), ==, live + 2);

  cw_tariff_handle_release (ha);
  cw_tariff_handle_release (ha2);
  cw_tariff_handle_release (hb);
  cw_tariff_handle_release (hb);
  g_assert_cmpuint (cw_tariff_handle_get_n_users (ha), ==, 0);
  g_assert_cmpuint (cw_tariff_handles_get_n_live (), ==, live);
  cw_tariff_unref (a);
  cw_tariff_unref (b);
}

static void
test_freed_with_last_user (void)
{
  CwTariff *t = counted_tariff ("T");
  gint freed = g_atomic_int_get (&tariffs_freed);
  guint32 h1, h2;

  h1 = cw_tariff_handle_acquire (t);
  h2 = cw_tariff_handle_acquire (t);
  /* the table holds the tariff alone now */
  cw_tariff_unref (t);
  g_assert_cmpint (g_atomic_int_get (&tariffs_freed), ==, freed);

  cw_tariff_handle_release (h1);
  g_assert_cmpint (g_atomic_int_get (&tariffs_freed), ==, freed);
  g_assert_cmpstr (cw_tariff_handle_lookup (h2)->id, ==, "T");

  cw_tariff_handle_release (h2);
  g_assert_cmpint (g_atomic_int_get (&tariffs_freed), ==, freed + 1);
  g_assert_cmpuint (cw_tariff_handle_get_n_users (h2), ==, 0);
}

static void
test_handles_reused (void)
{
  CwTariff *t[4];
  guint32 h[4], again;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("R%u", i);

      t[i] = counted_tariff (id);
      h[i] = cw_tariff_handle_acquire (t[i]);
    }
  /* the last handle let go is the next given */
  cw_tariff_handle_release (h[1]);
  again = cw_tariff_handle_acquire (t[3]);
  g_assert_cmpuint (again, ==, h[3]);           /* held: its own handle */
  cw_tariff_handle_release (again);
  cw_tariff_handle_release (h[3]);
  {
    CwTariff *fresh = counted_tariff ("fresh");
    guint32 hf = cw_tariff_handle_acquire (fresh);

    g_assert_cmpuint (hf, ==, h[3]);
    g_assert_true (cw_tariff_handle_lookup (hf) == fresh);
    cw_tariff_handle_release (hf);
    cw_tariff_unref (fresh);
  }
  /* the released tariff comes back under a handle it is given anew */
  again = cw_tariff_handle_acquire (t[1]);
  g_assert_cmpuint (again, ==, h[3]);
  g_assert_true (cw_tariff_handle_lookup (again) == t[1]);
  cw_tariff_handle_release (again);

  cw_tariff_handle_release (h[0]);
  cw_tariff_handle_release (h[2]);
  for (guint i = 0; i < 4; i++)
    cw_tariff_unref (t[i]);
}

/* ---- connectors ---- */

static CwConnectorDraft *
draft_with (CwTariff *tariff)
{
  CwConnectorDraft *c = cw_connector_new ();

  c->id = g_strdup ("1");
  c->tariff = tariff ? cw_tariff_ref (tariff) : NULL;
  return c;
}

static void
test_connectors (void)
{
  CwTariff *shared = counted_tariff ("S"), *other = counted_tariff ("O");
  gint freed = g_atomic_int_get (&tariffs_freed);
  guint live = cw_tariff_handles_get_n_live ();
  CwStation *s = cw_station_new ("test", "st");
  CwStation *copy = cw_station_new ("test", "st");
  CwEvseDraft *e = cw_evse_new ();
  CwEvseDraft *back;
  CwConnector *c;
  guint32 h;

  G_STATIC_ASSERT (sizeof (CwConnector) == 20);
  cw_evse_take_connector (e, draft_with (shared));
  cw_evse_take_connector (e, draft_with (shared));
  cw_evse_take_connector (e, draft_with (NULL));
  cw_station_take_evse (s, e);
  c = cw_evse_get_connectors (&s->evses[0]);
  h = c[0].tariff_handle;
  g_assert_true (cw_connector_get_tariff (&c[0]) == shared);
  g_assert_true (cw_connector_get_tariff (&c[1]) == shared);
  g_assert_null (cw_connector_get_tariff (&c[2]));
  g_assert_cmpuint (c[1].tariff_handle, ==, h);
  g_assert_cmpuint (cw_tariff_handle_get_n_users (h), ==, 2);

  /* a repacked block holds the same, no more */
  cw_station_set_name (s, "a name that moves the block");
  c = cw_evse_get_connectors (&s->evses[0]);
  g_assert_true (cw_connector_get_tariff (&c[0]) == shared);
  g_assert_cmpuint (cw_tariff_handle_get_n_users (h), ==, 2);

  /* a copy of the station's data, then a draft copy of an EVSE */
  cw_station_update_from (copy, s);
  g_assert_cmpuint (cw_tariff_handle_get_n_users (h), ==, 4);
  back = cw_evse_copy (&s->evses[0]);
  g_assert_true (back->connectors[0].tariff == shared);
  cw_evse_free (back);

  /* set and cleared by hand */
  cw_connector_set_tariff (&c[2], other);
  g_assert_true (cw_connector_get_tariff (&c[2]) == other);
  cw_connector_set_tariff (&c[0], shared);      /* the same again */
  g_assert_cmpuint (cw_tariff_handle_get_n_users (h), ==, 4);
  cw_connector_set_tariff (&c[1], NULL);
  g_assert_null (cw_connector_get_tariff (&c[1]));
  g_assert_cmpuint (cw_tariff_handle_get_n_users (h), ==, 3);

  /* the stations gone, the table lets the tariffs go */
  cw_tariff_unref (shared);
  cw_tariff_unref (other);
  g_assert_cmpint (g_atomic_int_get (&tariffs_freed), ==, freed);
  g_object_unref (s);
  g_assert_cmpint (g_atomic_int_get (&tariffs_freed), ==, freed + 1);   /* other */
  g_object_unref (copy);
  g_assert_cmpint (g_atomic_int_get (&tariffs_freed), ==, freed + 2);
  g_assert_cmpuint (cw_tariff_handles_get_n_live (), ==, live);
}

/* ---- threads ---- */

#define N_THREADS 4
#define N_PINNED 8
#define N_OWN 1500              /* each thread's own, held at once: new chunks */
#define N_ROUNDS 50000

typedef struct {
  guint      index;
  CwTariff **pinned;
  guint32   *pinned_handles;
  guint      errors;
} Worker;

static gpointer
work (gpointer data)
{
  Worker *w = data;
  g_autoptr (GRand) rand = g_rand_new_with_seed (w->index + 1);
  CwTariff **own = g_new0 (CwTariff *, N_OWN);
  guint32 *held = g_new0 (guint32, N_OWN);

  /* tariffs of its own, acquired while the others do the same: their
   * handles are new and their chunks made while others read */
  for (guint i = 0; i < N_OWN; i++)
    {
      g_autofree char *id = g_strdup_printf ("W%u-%u", w->index, i);
      guint k = g_rand_int_range (rand, 0, i + 1);

      own[i] = counted_tariff (id);
      held[i] = cw_tariff_handle_acquire (own[i]);
      if (held[i] == 0 || cw_tariff_handle_lookup (held[i]) != own[i])
        w->errors++;
      if (cw_tariff_handle_lookup (held[k]) != own[k])
        w->errors++;
    }
  /* the shared ones, taken and let go in turn: always their handle */
  for (guint r = 0; r < N_ROUNDS; r++)
    {
      guint k = g_rand_int_range (rand, 0, N_PINNED);
      guint32 h = cw_tariff_handle_acquire (w->pinned[k]);

      if (h != w->pinned_handles[k] || cw_tariff_handle_lookup (h) != w->pinned[k])
        w->errors++;
      cw_tariff_handle_release (h);
      /* and one of its own let go and taken again */
      k = g_rand_int_range (rand, 0, N_OWN);
      cw_tariff_handle_release (held[k]);
      held[k] = cw_tariff_handle_acquire (own[k]);
      if (cw_tariff_handle_lookup (held[k]) != own[k])
        w->errors++;
    }
  for (guint i = 0; i < N_OWN; i++)
    {
      if (cw_tariff_handle_get_n_users (held[i]) != 1)
        w->errors++;
      cw_tariff_handle_release (held[i]);
      cw_tariff_unref (own[i]);
    }
  g_free (held);
  g_free (own);
  return NULL;
}

static void
test_threads (void)
{
  CwTariff *pinned[N_PINNED];
  guint32 handles[N_PINNED];
  Worker workers[N_THREADS];
  GThread *threads[N_THREADS];
  guint live = cw_tariff_handles_get_n_live ();
  gint freed = g_atomic_int_get (&tariffs_freed);

  for (guint k = 0; k < N_PINNED; k++)
    {
      g_autofree char *id = g_strdup_printf ("P%u", k);

      pinned[k] = counted_tariff (id);
      handles[k] = cw_tariff_handle_acquire (pinned[k]);
    }
  for (guint i = 0; i < N_THREADS; i++)
    {
      workers[i] = (Worker) { i, pinned, handles, 0 };
      threads[i] = g_thread_new ("tariff-worker", work, &workers[i]);
    }
  for (guint i = 0; i < N_THREADS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].errors, ==, 0);
    }
  /* every thread's own tariffs freed with their last user */
  g_assert_cmpint (g_atomic_int_get (&tariffs_freed), ==, freed + N_THREADS * N_OWN);
  g_assert_cmpuint (cw_tariff_handles_get_n_live (), ==, live + N_PINNED);
  for (guint k = 0; k < N_PINNED; k++)
    {
      g_assert_cmpuint (cw_tariff_handle_get_n_users (handles[k]), ==, 1);
      cw_tariff_handle_release (handles[k]);
      cw_tariff_unref (pinned[k]);
    }
  g_assert_cmpint (g_atomic_int_get (&tariffs_freed), ==, freed + N_THREADS * N_OWN + N_PINNED);
  g_assert_cmpuint (cw_tariff_handles_get_n_live (), ==, live);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tariff-table/same-tariff-same-handle", test_same_tariff_same_handle);
  g_test_add_func ("/tariff-table/freed-with-last-user", test_freed_with_last_user);
  g_test_add_func ("/tariff-table/handles-reused", test_handles_reused);
  g_test_add_func ("/tariff-table/connectors", test_connectors);
  g_test_add_func ("/tariff-table/threads", test_threads);
  return g_test_run ();
}
