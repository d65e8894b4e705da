/* cw-qr-code.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cw-qr-code"

#include <errno.h>
#include <glib/gi18n.h>
#include <qrencode.h>
#include <string.h>

#include "cw-qr-code.h"

#define MIN_MODULE_PX   6
#define MIN_SIDE_PX     240
#define NATURAL_MODULE_PX 8

struct _CwQrCode
{
  GtkWidget  parent_instance;

  char      *text;
  QRcode    *code;
};

G_DEFINE_FINAL_TYPE (CwQrCode, cw_qr_code, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
side_modules (CwQrCode *self)
{
  return self->code ? (guint) self->code->width + 2 * CW_QR_CODE_QUIET_ZONE : 0;
}

static int
min_module_px (CwQrCode *self)
{
  guint side = side_modules (self);

  return MAX (MIN_MODULE_PX, (int) ((MIN_SIDE_PX + side - 1) / side));
}

static void
cw_qr_code_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  CwQrCode *self = CW_QR_CODE (widget);
  guint side = side_modules (self);

  if (side == 0)
    {
      *minimum = *natural = 0;
      return;
    }
  *minimum = (int) side * min_module_px (self);
  *natural = (int) side * MAX (min_module_px (self), NATURAL_MODULE_PX);
}

gboolean
cw_qr_code_get_layout (CwQrCode *self,
                       int      *origin_x,
                       int      *origin_y,
                       int      *module_px)
{
  int w, h, side, px, total;

  g_return_val_if_fail (CW_IS_QR_CODE (self), FALSE);

  side = (int) side_modules (self);
  w = gtk_widget_get_width (GTK_WIDGET (self));
  h = gtk_widget_get_height (GTK_WIDGET (self));
  if (side == 0)
    return FALSE;
  px = MIN (w, h) / side;
  if (px < 1)
    return FALSE;
  total = px * side;
  if (origin_x)
    *origin_x = (w - total) / 2 + CW_QR_CODE_QUIET_ZONE * px;
  if (origin_y)
    *origin_y = (h - total) / 2 + CW_QR_CODE_QUIET_ZONE * px;
  if (module_px)
    *module_px = px;
  return TRUE;
}

static void
cw_qr_code_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  CwQrCode *self = CW_QR_CODE (widget);
  static const GdkRGBA white = { 1, 1, 1, 1 };
  static const GdkRGBA black = { 0, 0, 0, 1 };
  int x0, y0, px, n, quiet;

  if (!cw_qr_code_get_layout (self, &x0, &y0, &px))
    return;
  n = self->code->width;
  quiet = CW_QR_CODE_QUIET_ZONE * px;

  gtk_snapshot_append_color (snapshot, &white,
                             &GRAPHENE_RECT_INIT (x0 - quiet, y0 - quiet,
                                                  n * px + 2 * quiet, n * px + 2 * quiet));
  /* One rectangle per run of dark modules in a row: a few hundred nodes
   * rather than a thousand, all on whole pixels. */
  for (int y = 0; y < n; y++)
    {
      const unsigned char *row = self->code->data + y * n;

      for (int x = 0; x < n; )
        {
          int start;

          if (!(row[x] & 1))
            {
              x++;
              continue;
            }
          start = x;
          while (x < n && (row[x] & 1))
            x++;
          gtk_snapshot_append_color (snapshot, &black,
                                     &GRAPHENE_RECT_INIT (x0 + start * px, y0 + y * px,
                                                          (x - start) * px, px));
        }
    }
}

static void
update_accessible_label (CwQrCode *self)
{
  g_autofree char *label = NULL;

  if (self->text != NULL && *self->text != '\0')
    {
      label = g_strdup_printf (_("QR code for: %s"), self->text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

void
cw_qr_code_set_text (CwQrCode   *self,
                     const char *text)
{
  g_return_if_fail (CW_IS_QR_CODE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->code, QRcode_free);
  if (text != NULL && *text != '\0')
    {
      self->code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
      if (self->code == NULL)
        g_warning ("No QR code for %zu bytes of text: %s", strlen (text),
                   errno == ERANGE ? "too long" : g_strerror (errno));
    }

  update_accessible_label (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
cw_qr_code_get_text (CwQrCode *self)
{
  g_return_val_if_fail (CW_IS_QR_CODE (self), NULL);
  return self->text;
}

guint
cw_qr_code_get_module_count (CwQrCode *self)
{
  g_return_val_if_fail (CW_IS_QR_CODE (self), 0);
  return self->code ? (guint) self->code->width : 0;
}

gboolean
cw_qr_code_get_module (CwQrCode *self,
                       guint     x,
                       guint     y)
{
  guint n;

  g_return_val_if_fail (CW_IS_QR_CODE (self), FALSE);

  n = cw_qr_code_get_module_count (self);
  if (x >= n || y >= n)
    return FALSE;
  return (self->code->data[y * n + x] & 1) != 0;
}

static void
cw_qr_code_finalize (GObject *object)
{
  CwQrCode *self = CW_QR_CODE (object);

  g_clear_pointer (&self->code, QRcode_free);
  g_free (self->text);
  G_OBJECT_CLASS (cw_qr_code_parent_class)->finalize (object);
}

static void
cw_qr_code_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CwQrCode *self = CW_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_qr_code_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CwQrCode *self = CW_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      cw_qr_code_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_qr_code_class_init (CwQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cw_qr_code_finalize;
  object_class->get_property = cw_qr_code_get_property;
  object_class->set_property = cw_qr_code_set_property;
  widget_class->measure = cw_qr_code_measure;
  widget_class->snapshot = cw_qr_code_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "qrcode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cw_qr_code_init (CwQrCode *self)
{
}

GtkWidget *
cw_qr_code_new (const char *text)
{
  return g_object_new (CW_TYPE_QR_CODE, "text", text, NULL);
}
