#!/usr/bin/env bash
# Coding window benchmark: timeline draw lists for 100 000 codings at five zooms (target
# <= 2 ms per frame), key press -> committed -> drawn over 1 000 presses (target p99
# <= 16.7 ms, one 60 Hz frame), and the CPU of the real window paused on the demo session
# under Xvfb (target < 1 % of one core; BORIS 8 is reported at 15 %).
#   bench/timeline/run.sh [bench_timeline options]
# Environment: BUILD (default build/release), IDLE_SECONDS (default 20).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/release}
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD" --target bench_timeline bondline bondline-cli -j2 >/dev/null
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME")"
"$BUILD/bench/timeline/bench_timeline" --dir "$BUILD/bench/timeline" "$@"

# Idle: the window paused on the demo session's coding view; CPU time over wall time.
secs=${IDLE_SECONDS:-20}
if ! command -v xvfb-run >/dev/null; then echo "idle: skipped (no xvfb-run)"; exit 0; fi
media=$(scripts/make-demo)
project="$(dirname "$media")/demo.bondline"
SDL_AUDIODRIVER=dummy xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  exe=$1; project=$2; secs=$3
  "$exe" "$project" --coder anna --session F017/1 --seek-frame 1175 >/dev/null 2>&1 &
  pid=$!
  sleep 4 # open, index, waveform, first frames
  ticks=$(getconf CLK_TCK)
  cpu() { awk "{print \$14 + \$15}" /proc/$pid/stat; }
  c0=$(cpu); t0=$(date +%s.%N)
  sleep "$secs"
  c1=$(cpu); t1=$(date +%s.%N)
  kill $pid; wait $pid 2>/dev/null || true
  awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$ticks" "BEGIN {
    pct = (c1 - c0) / hz / (t1 - t0) * 100
    printf \"idle window (paused, coding view, %.0f s): %.2f %% of one core = %.2fx the 1 %% target (%s)\\n\", t1 - t0, pct, pct / 1, pct < 1 ? \"met\" : \"MISSED\"
  }"
' _ "$BUILD/app/gui/bondline" "$project" "$secs"
