#!/usr/bin/env bash
# Real keyboard input through X11 -> SDL -> key bindings -> controller: start bondline in a
# virtual X server, type keys with xdotool, quit with Shift+Q and check the printed state.
# Exit 77 (CTest: skipped) when xvfb-run or xdotool is missing.
#   xvfb_keys.sh BONDLINE_EXE [MEDIA] -- KEYS... -- EXPECTED-SUBSTRING...
set -u
exe=$1; shift
media=()
if [ "$1" != "--" ]; then media=("$1"); shift; fi
shift # --
keys=()
while [ "$1" != "--" ]; do keys+=("$1"); shift; done
shift
if ! command -v xvfb-run >/dev/null || ! command -v xdotool >/dev/null; then
  echo "SKIPPED: xvfb-run or xdotool not installed (scripts/install-deps installs xvfb xdotool)"
  exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
SDL_AUDIODRIVER=dummy timeout 60 xvfb-run -a -s "-screen 0 1024x768x24" bash -c '
  exe=$1; out=$2; shift 2
  media=(); if [ "$1" != "--" ]; then media=("$1"); shift; fi; shift
  "$exe" --print-state --size 800x450 "${media[@]}" >"$out" 2>&1 &
  pid=$!
  win=$(xdotool search --sync --onlyvisible --name "^Bondline$" | head -1)
  sleep 0.5
  xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win"
  for k in "$@"; do xdotool key --window "$win" --clearmodifiers "$k"; sleep 0.15; done
  sleep 0.5
  xdotool key --window "$win" shift+q
  for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  kill $pid 2>/dev/null
  wait $pid
' _ "$exe" "$out" "${media[@]}" -- "${keys[@]}"
rc=$?
echo "bondline printed: $(cat "$out")"
[ $rc -eq 0 ] || { echo "FAILED: bondline exited with $rc"; exit 1; }
for e in "$@"; do
  grep -q -- "$e" "$out" || { echo "FAILED: expected '$e'"; exit 1; }
done
echo "ok"
