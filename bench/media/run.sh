#!/usr/bin/env bash
# Builds bench_media (Release), generates the benchmark media if missing and runs the
# benchmark on every file, smallest first. Extra arguments go to bench_media
# (e.g. --json, --seeks 50, --no-mpv).
#
#   bench/media/run.sh [bench_media options]
# Environment: MEDIA_DIR (default build/bench-media), BUILD_DIR (default build/release),
#              FILES (space-separated names inside MEDIA_DIR, default: all five).
set -euo pipefail
cd "$(dirname "$0")/../.."

BUILD_DIR=${BUILD_DIR:-build/release}
MEDIA_DIR=${MEDIA_DIR:-build/bench-media}
FILES=${FILES:-"b_720p_vfr.mp4 d_576i_mpeg2.mpg c_1080p30_hevc.mp4 a_1080p25_h264.mp4 f_720p25_60min.mp4"}

if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$BUILD_DIR" --target bench_media -j2
bench/media/make-media.sh "$MEDIA_DIR"

paths=()
for f in $FILES; do paths+=("$MEDIA_DIR/$f"); done
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec "$BUILD_DIR/bench/media/bench_media" "$@" "${paths[@]}"
