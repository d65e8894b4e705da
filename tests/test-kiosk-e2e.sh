#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The real chargeway --kiosk under the test's X server: it fills the
# screen, and the quit and un-fullscreen shortcuts, sent with xdotool
# as a visitor would press them, leave it open. SIGTERM (the kiosk
# launcher's way) ends it cleanly.
#
#   test-kiosk-e2e.sh CHARGEWAY
set -u

app=$1
if [ -z "${DISPLAY:-}" ] || ! command -v xdotool >/dev/null || ! command -v xwininfo >/dev/null; then
  echo "1..0 # SKIP needs an X display, xdotool and xwininfo"
  exit 0
fi

tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_CACHE_HOME="$tmp/cache" GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1

"$app" --kiosk --tiles 'http://127.0.0.1:9/{z}/{x}/{y}.png' >"$tmp/log" 2>&1 &
pid=$!

echo "1..4"
wid=""
for _ in $(seq 1 60); do
  wid=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | tail -n 1)
  [ -n "$wid" ] && break
  sleep 0.5
done
if [ -z "$wid" ]; then
  echo "not ok 1 - the kiosk window appears"; cat "$tmp/log"; exit 1
fi
echo "ok 1 - the kiosk window appears"
sleep 2

# Full screen: the window covers the whole root window.
screen=$(xwininfo -root | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w "x" h}')
geom=$(xwininfo -id "$wid" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w "x" h}')
if [ "$geom" = "$screen" ]; then
  echo "ok 2 - full screen ($geom)"
else
  echo "not ok 2 - full screen: window $geom, screen $screen"
fi

xdotool windowfocus --sync "$wid" 2>/dev/null || true
for keys in ctrl+q ctrl+w alt+F4 F11 Escape; do
  xdotool key --clearmodifiers "$keys"
  sleep 0.4
done
sleep 1
if kill -0 "$pid" 2>/dev/null; then
  echo "ok 3 - Ctrl+Q, Ctrl+W, Alt+F4, F11 and Escape leave it open"
else
  echo "not ok 3 - the kiosk closed on a shortcut"; cat "$tmp/log"; exit 1
fi
geom=$(xwininfo -id "$wid" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w "x" h}')
[ "$geom" = "$screen" ] || echo "# after the keys the window is $geom"

kill -TERM "$pid"
for _ in $(seq 1 20); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.25
done
if kill -0 "$pid" 2>/dev/null; then
  echo "not ok 4 - SIGTERM ends it"; exit 1
fi
wait "$pid"; status=$?
if [ "$status" -eq 0 ]; then
  echo "ok 4 - SIGTERM ends it cleanly"
else
  echo "not ok 4 - SIGTERM ended it with status $status"; cat "$tmp/log"; exit 1
fi
