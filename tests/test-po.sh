#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a user-visible string is not translated in a language of
# po/LINGUAS (nl, de and fr must be there), or when a file with
# translatable strings is missing from po/POTFILES.in.
#
# Usage: test-po.sh SOURCE_ROOT

set -u

if [ $# -ne 1 ] || [ ! -f "$1/po/POTFILES.in" ]; then
  echo "usage: $0 SOURCE_ROOT" >&2
  exit 2
fi
src=$1

for tool in xgettext msgcmp msgfmt msgmerge msgattrib; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool not found (gettext-tools)"
    exit 77
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/chargeway-po.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

cd "$src" || exit 1
status=0

# 1. POTFILES.in: sorted, and complete.
grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES.in > "$tmp/listed"
if ! LC_ALL=C sort -c "$tmp/listed" 2>/dev/null; then
  echo "FAIL: po/POTFILES.in is not sorted (LC_ALL=C sort)"
  status=1
fi

{
  find app -type f \( -name '*.c' -o -name '*.h' \) -exec \
    grep -l -E '(^|[^A-Za-z0-9_])(N|C|NC|Q)?_ ?\(|ngettext|g_dngettext' {} +
  find ui -type f -name '*.ui' -exec grep -l 'translatable="yes"' {} +
  for f in data/io.github.chargeway.Chargeway.desktop.in \
           data/io.github.chargeway.Chargeway.metainfo.xml.in \
           data/io.github.chargeway.Chargeway.gschema.xml; do
    [ -f "$f" ] && echo "$f"
  done
} 2>/dev/null | LC_ALL=C sort -u > "$tmp/wanted"

LC_ALL=C sort -u "$tmp/listed" > "$tmp/listed.sorted"
missing_files=$(LC_ALL=C comm -23 "$tmp/wanted" "$tmp/listed.sorted")
if [ -n "$missing_files" ]; then
  echo "FAIL: files with translatable strings missing from po/POTFILES.in:"
  echo "$missing_files" | sed 's/^/  /'
  status=1
fi
while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    echo "FAIL: po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done < "$tmp/listed"

# 2. Regenerate the template from the sources, as the translators would.
if ! xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
       --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
       --add-comments=Translators --files-from="$tmp/listed" \
       -o "$tmp/chargeway.pot"; then
  echo "FAIL: xgettext could not extract the strings"
  exit 1
fi

# 3. Every language in po/LINGUAS must be complete: well-formed (format
#    specifiers, plural forms, header) and every msgid of the template
#    translated (untranslated and fuzzy entries count as missing).
languages=$(grep -v -e '^#' -e '^[[:space:]]*$' po/LINGUAS)
for lang in nl de fr; do
  if ! echo "$languages" | grep -qx "$lang"; then
    echo "FAIL: $lang is not in po/LINGUAS"
    status=1
  fi
done
n=$(grep -c '^msgid ' "$tmp/chargeway.pot")
for lang in $languages; do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    echo "FAIL: po/LINGUAS lists $lang, but $po does not exist"
    status=1
    continue
  fi
  if ! msgfmt --check --check-accelerators=_ -o /dev/null "$po" 2>&1; then
    echo "FAIL: msgfmt --check $po"
    status=1
  fi
  if ! msgcmp "$po" "$tmp/chargeway.pot" 2>"$tmp/msgcmp.log"; then
    echo "FAIL: $po lacks translations for these strings:"
    if msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/chargeway.pot" &&
       msgattrib --no-obsolete --untranslated "$tmp/merged.po" > "$tmp/untranslated.po" &&
       msgattrib --no-obsolete --only-fuzzy "$tmp/merged.po" > "$tmp/fuzzy.po"; then
      sed -n '/^#:/,$p' "$tmp/untranslated.po"
      sed -n '/^#:/,$p' "$tmp/fuzzy.po"
    else
      cat "$tmp/msgcmp.log"
    fi
    status=1
  else
    echo "$po covers all $((n - 1)) messages of the template"
  fi
done

exit "$status"
