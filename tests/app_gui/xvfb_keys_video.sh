#!/usr/bin/env bash
# Real keys on a real video: generates a small H.264 clip (ffmpeg CLI) into DATA_DIR, then
# runs xvfb_keys.sh on it. Exit 77 (skipped) when xvfb-run, xdotool or ffmpeg is missing.
#   xvfb_keys_video.sh BONDLINE_EXE DATA_DIR -- KEYS... -- EXPECTED...
set -u
exe=$1; data=$2; shift 2
command -v ffmpeg >/dev/null || { echo "SKIPPED: no ffmpeg CLI"; exit 77; }
mkdir -p "$data"
clip="$data/xvfb_keys_clip.mp4"
if [ ! -s "$clip" ]; then
  tmp="$data/tmp-$$-xvfb_keys_clip.mp4"
  ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=320x240:rate=25:duration=10" \
    -c:v libx264 -preset ultrafast -g 50 -bf 2 -pix_fmt yuv420p "$tmp" || exit 1
  mv "$tmp" "$clip"
fi
exec "$(dirname "$0")/xvfb_keys.sh" "$exe" "$clip" "$@"
