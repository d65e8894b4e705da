/* fuzz-common.h: what every libFuzzer target in tests/fuzz shares
 *
 * Warnings and criticals abort, so a g_return_if_fail () tripped by
 * input (or GLib's "GError set over the top of a previous GError") is a
 * crash libFuzzer keeps. Everything a target allocates is
 * freed before it returns: LeakSanitizer runs after each input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>
#include <sanitizer/allocator_interface.h>
#include <sanitizer/lsan_interface.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* CW_FUZZ_VERBOSE=1: print why each input was refused (to check seeds). */
static gboolean fuzz_verbose;

/* A warning or critical aborts once written: abort () is what libFuzzer
 * catches and saves the input for (GLib's own fatal path raises
 * SIGTRAP, which libFuzzer does not handle). */
static gboolean fuzz_tolerate_overwritten_error;
static guint    fuzz_overwritten_errors;

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput out;

  /* Only while a target checks whether GLib itself has a known bug
   * (see fuzz-gpx.c): count GLib's "GError set over the top" warning. */
  if (fuzz_tolerate_overwritten_error && (level & G_LOG_LEVEL_WARNING))
    for (gsize i = 0; i < n_fields; i++)
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
          strstr (fields[i].value, "GError set over the top") != NULL)
        {
          fuzz_overwritten_errors++;
          return G_LOG_WRITER_HANDLED;
        }

  out = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return out;
}

static inline void
fuzz_init_glib (void)
{
  fuzz_verbose = g_getenv ("CW_FUZZ_VERBOSE") != NULL;
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  /* Debug messages would be formatted and dropped: keep them off. */
  g_unsetenv ("G_MESSAGES_DEBUG");
}

/* Reads little-endian values off the front of the input. */
typedef struct {
  const uint8_t *data;
  size_t         size;
} FuzzReader;

static inline guint64
fuzz_take (FuzzReader *r,
           guint       n_bytes)
{
  guint64 v = 0;

  for (guint i = 0; i < n_bytes; i++)
    {
      v |= (guint64) (r->size > 0 ? r->data[0] : 0) << (8 * i);
      if (r->size > 0)
        {
          r->data++;
          r->size--;
        }
    }
  return v;
}

/* A value in [lo, hi] from @n_bytes of input. */
static inline double
fuzz_take_range (FuzzReader *r,
                 guint       n_bytes,
                 double      lo,
                 double      hi)
{
  guint64 max = n_bytes >= 8 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << (8 * n_bytes)) - 1;
  return lo + (hi - lo) * ((double) fuzz_take (r, n_bytes) / (double) max);
}

static inline void
fuzz_note (const char   *what,
           const GError *error)
{
  if (fuzz_verbose)
    g_printerr ("%s: %s\n", what, error ? error->message : "accepted");
}

/* json-glib 1.6 leaks on some inputs of its own accord:
 * - a document holding a second top-level value after the first
 *   ('"a"[1]'; or '[', a C comment holding '[', then '1][2]': json-glib's
 *   scanner skips comments, which hid the first's end from a bracket
 *   counter): json_parser_load_from_data () returns TRUE with the first
 *   as root and leaks the second's nodes;
 * - a \u escape that goes wrong ("\ud800\u0041", "\ud8*\ud8;", a high
 *   surrogate cut short …): the parse fails and the token's GString stays.
 * Guessing each form from the outside missed some, so this asks json-glib
 * itself: it parses the input on its own, with LeakSanitizer looking
 * away, and compares the bytes ASan counts as allocated before and after
 * (G_SLICE=always-malloc makes every node a malloc ()). More bytes
 * afterwards means json-glib kept something: the JSON targets skip such
 * inputs, so what LeakSanitizer reports is Chargeway's. Only valid UTF-8
 * reaches json-glib in Chargeway (cw_json_load () refuses the rest
 * first), so other input is fuzzed as usual. The first inputs may be
 * skipped while GLib sets up types and quarks once; that costs nothing. */
static inline gboolean
fuzz_json_glib_would_leak (const uint8_t *data,
                           size_t         size)
{
  JsonParser *parser;
  GError *error = NULL;
  size_t before, after;

  if (!g_utf8_validate_len ((const char *) data, size, NULL))
    return FALSE;

  __lsan_disable ();
  before = __sanitizer_get_current_allocated_bytes ();
  parser = json_parser_new_immutable ();
  json_parser_load_from_data (parser, (const char *) data, (gssize) size, &error);
  g_clear_error (&error);
  g_object_unref (parser);
  after = __sanitizer_get_current_allocated_bytes ();
  __lsan_enable ();
  return after > before;
}
