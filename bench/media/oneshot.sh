#!/usr/bin/env bash
# One-shot commands, cold process each time (issue 11 item 5): `bondline-cli probe` with an
# empty frame-index cache (first open) and with the cache written (second open), against
# `ffprobe -count_packets`; `bondline-cli frame` at mid-file once indexed against
# `ffmpeg -ss`; peak RSS of both frame commands. hyperfine runs each command interleaved
# with its peer in one invocation (same machine load); the page cache is warm.
#
#   bench/media/oneshot.sh [FILE...]     (default: every file in build/bench-media)
# Environment: BUILD_DIR (default build/release), RUNS (default 10).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build/release}
RUNS=${RUNS:-10}
CLI=$BUILD_DIR/app/bondline-cli
files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then files=(build/bench-media/*.mp4 build/bench-media/*.mpg); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for f in "${files[@]}"; do
  [[ -f $f ]] || continue
  name=$(basename "$f")
  dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")
  mid=$(python3 -c "print(round($dur / 2, 3))")
  # Warm the page cache and write the index cache used by the "second open" runs.
  BONDLINE_CACHE_DIR=$work/warm "$CLI" probe "$f" >/dev/null
  hyperfine -N -w 1 -r "$RUNS" --export-json "$work/probe.json" \
    --prepare "rm -rf $work/cold" \
    -n first "env BONDLINE_CACHE_DIR=$work/cold $CLI probe $f" \
    -n second "env BONDLINE_CACHE_DIR=$work/warm $CLI probe $f" \
    -n ffprobe "ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets $f" \
    >/dev/null
  hyperfine -N -w 1 -r "$RUNS" --export-json "$work/frame.json" \
    -n frame "env BONDLINE_CACHE_DIR=$work/warm $CLI frame $f --time $mid -o $work/ours.png" \
    -n ffmpeg "ffmpeg -nostdin -v error -ss $mid -i $f -frames:v 1 -y $work/ffmpeg.png" \
    >/dev/null
  rss_ours=$( { /usr/bin/time -f %M env BONDLINE_CACHE_DIR=$work/warm "$CLI" frame "$f" --time "$mid" -o "$work/ours.png" >/dev/null; } 2>&1 | tail -1)
  rss_ff=$( { /usr/bin/time -f %M ffmpeg -nostdin -v error -ss "$mid" -i "$f" -frames:v 1 -y "$work/ffmpeg.png"; } 2>&1 | tail -1)
  python3 - "$work/probe.json" "$work/frame.json" "$name" "$mid" "$rss_ours" "$rss_ff" <<'PY'
import json, sys
p = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
f = {r["command"]: r for r in json.load(open(sys.argv[2]))["results"]}
name, mid, ro, rf = sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
med = lambda r: r["median"] * 1000
print(f"\n== {name} (frame at {mid} s)")
print(f"   probe, first open (index scan)   {med(p['first']):8.1f} ms")
print(f"   probe, second open (cached)      {med(p['second']):8.1f} ms   {med(p['second'])/med(p['first']):.2f}x first   (target <= 0.2x)")
print(f"   ffprobe -count_packets           {med(p['ffprobe']):8.1f} ms   first/ffprobe {med(p['first'])/med(p['ffprobe']):.2f}x")
print(f"   frame --time (index cached)      {med(f['frame']):8.1f} ms   {med(f['frame'])/med(f['ffmpeg']):.2f}x ffmpeg -ss   (target <= 1.2x)")
print(f"   ffmpeg -ss                       {med(f['ffmpeg']):8.1f} ms")
print(f"   peak RSS frame / ffmpeg -ss      {ro/1024:8.1f} / {rf/1024:.1f} MiB")
PY
done
