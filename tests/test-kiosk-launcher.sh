#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-aux/chargeway-kiosk with a fake app: it restarts what exits, backs
# off, logs each exit, and stops — the app with it — on SIGTERM.
#
# Usage: test-kiosk-launcher.sh PATH/TO/chargeway-kiosk

# shellcheck disable=SC2016
set -u

launcher=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chargeway-kiosk-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0

fail () {
  echo "FAIL: $*"
  echo "--- launcher log:"
  cat "$tmp/log" 2>/dev/null
  status=1
}

# Waits up to $2 seconds (in tenths) for the shell condition $1, which
# is evaluated each time: hence the single quotes at the calls (SC2016).
wait_until () {
  i=0
  while ! eval "$1"; do
    i=$((i + 1))
    [ "$i" -gt $(($2 * 10)) ] && return 1
    sleep 0.1
  done
}

alive () { kill -0 "$1" 2>/dev/null; }

# The fake app: run 1 exits with 3, run 2 is killed by SIGKILL, run 3
# stays up like the real one until it is terminated.
cat > "$tmp/fake-chargeway" <<FAKE
#!/bin/sh
n=\$(cat "$tmp/runs" 2>/dev/null || echo 0)
n=\$((n + 1))
echo "\$n" > "$tmp/runs"
echo "\$*" > "$tmp/args"
case \$n in
  1) exit 3 ;;
  2) kill -KILL \$\$ ;;
esac
echo \$\$ > "$tmp/app.pid"
exec sleep 60
FAKE
chmod +x "$tmp/fake-chargeway"

# 1. Restarts, with back-off, and stops on SIGTERM with the app.
CHARGEWAY_KIOSK_COMMAND="$tmp/fake-chargeway" CHARGEWAY_KIOSK_PAUSE=1 \
  sh "$launcher" --source demo 2> "$tmp/log" &
launcher_pid=$!

if wait_until '[ -s "$tmp/app.pid" ]' 15; then
  app_pid=$(cat "$tmp/app.pid")
  alive "$app_pid" || fail "the third run is not running"
  kill -TERM "$launcher_pid"
  if wait_until '! alive "$launcher_pid"' 5; then
    wait "$launcher_pid"
    rc=$?
    [ "$rc" -eq 0 ] || fail "launcher exited with $rc after SIGTERM, not 0"
  else
    fail "launcher still running 5 s after SIGTERM"
    kill -KILL "$launcher_pid" 2>/dev/null
  fi
  wait_until '! alive "$app_pid"' 5 || fail "the app outlived the launcher"
  kill -KILL "$app_pid" 2>/dev/null
else
  fail "no third run within 15 s"
  kill -KILL "$launcher_pid" 2>/dev/null
fi

[ "$(cat "$tmp/runs" 2>/dev/null)" = 3 ] || fail "expected 3 runs, got $(cat "$tmp/runs" 2>/dev/null)"
[ "$(cat "$tmp/args" 2>/dev/null)" = "--kiosk --source demo" ] ||
  fail "app arguments: '$(cat "$tmp/args" 2>/dev/null)'"
grep -q 'exited with status 3 after [0-9]*s; restarting in 1s' "$tmp/log" ||
  fail "first exit not logged with its status and a 1 s pause"
grep -q 'killed by signal 9 after [0-9]*s; restarting in 2s' "$tmp/log" ||
  fail "second exit not logged as signal 9 with a doubled pause"
[ "$(grep -c 'started ' "$tmp/log")" -eq 3 ] || fail "expected 3 starts logged"
grep -q 'stopped$' "$tmp/log" || fail "stop not logged"

# 2. SIGTERM during a long pause stops at once.
rm -f "$tmp/runs" "$tmp/log"
printf '#!/bin/sh\nexit 1\n' > "$tmp/crash"
chmod +x "$tmp/crash"
CHARGEWAY_KIOSK_COMMAND="$tmp/crash" CHARGEWAY_KIOSK_PAUSE=30 sh "$launcher" 2> "$tmp/log" &
launcher_pid=$!
if wait_until 'grep -q "restarting in 30s" "$tmp/log"' 10; then
  kill -TERM "$launcher_pid"
  wait_until '! alive "$launcher_pid"' 3 || {
    fail "launcher still pausing 3 s after SIGTERM"
    kill -KILL "$launcher_pid" 2>/dev/null
  }
else
  fail "the crash was not logged"
  kill -KILL "$launcher_pid" 2>/dev/null
fi

# 3. Bad settings are refused.
if CHARGEWAY_KIOSK_COMMAND=true CHARGEWAY_KIOSK_PAUSE=soon sh "$launcher" 2>/dev/null; then
  fail "a pause of 'soon' was accepted"
fi

[ "$status" -eq 0 ] && echo "chargeway-kiosk restarts, backs off and stops as it should"
exit "$status"
