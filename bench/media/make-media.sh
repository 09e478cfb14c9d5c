#!/usr/bin/env bash
# Generates the media that bench_media measures, shaped like therapy-session recordings:
# a static camera (testsrc2's fixed pattern) with sensor noise on every frame, plus a
# moving region (a slowly wandering Game-of-Life inset standing in for people who move;
# mandelbrot was tried and dropped: its per-frame cost grows as it zooms in),
# so the encoders produce realistic I/P/B frame sizes rather than near-empty P-frames.
#
#   bench/media/make-media.sh [OUTDIR]        (default: build/bench-media)
#
# Files (smallest first; the 60-minute one last):
#   b_720p_vfr.mp4        5 min 1280x720 H.264 High, GOP 30, frame durations 26-74 ms (VFR)
#   d_576i_mpeg2.mpg      5 min 720x576 MPEG-2, interlaced (TFF), GOP 15, program stream
#   c_1080p30_hevc.mp4    2 min 1920x1080 30 fps HEVC, GOP 60
#   a_1080p25_h264.mp4   10 min 1920x1080 25 fps H.264 High, GOP 250, 3 B-frames
#   f_720p25_60min.mp4   60 min 1280x720 25 fps H.264 High, GOP 50
#   g_576i_60min_mpeg2.mpg  60 min DVD program stream: d stream-copied 12 times (index and
#                        one-shot measurements only; BENCH_MEDIA_SKIP_G=1 skips it)
#
# Existing files are skipped; each file is written under a temporary name and renamed
# when complete, so an interrupted run never leaves a truncated file behind.
# Runs at nice 19 with 2 encoder threads: the machine is shared.
set -euo pipefail

OUT=${1:-build/bench-media}
mkdir -p "$OUT"
FF=(nice -n 19 ffmpeg -hide_banner -nostdin -loglevel error -y)

# Scene: static pattern + temporal luma/chroma noise + a moving, changing inset (the "people").
# $1 = WxH, $2 = fps, $3 = inset WxH, $4 = duration in seconds.
scene() {
  local size=$1 rate=$2 inset=$3 dur=$4
  local w=${size%x*} h=${size#*x} iw=${inset%x*} ih=${inset#*x}
  local cx=$(( (w - iw) / 2 )) cy=$(( (h - ih) / 2 ))
  echo "testsrc2=s=${size}:r=${rate}:d=${dur},noise=c0s=6:c1s=3:c2s=3:allf=t[bg];" \
       "life=s=$((iw / 2))x$((ih / 2)):r=${rate}:mold=10:ratio=0.1:death_color=#203040:life_color=#c0a080,scale=${inset}[fg];" \
       "[bg][fg]overlay=x='${cx}+${cx}/2*sin(t/9)':y='${cy}+${cy}/3*sin(t/5)':shortest=1"
}

have() {
  if [[ -s "$OUT/$1" ]]; then
    echo "skip   $OUT/$1 (exists)"
    return 0
  fi
  echo "make   $OUT/$1 ..."
  return 1
}

finish() {  # $1 = final name; the encoder wrote $OUT/.tmp.$1
  mv -f "$OUT/.tmp.$1" "$OUT/$1"
  echo "done   $OUT/$1 ($(du -h "$OUT/$1" | cut -f1))"
}

X264_HIGH=(-c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p -bf 3 -sc_threshold 0
           -threads 2)

# (b) 5-min 720p VFR phone clip. setpts gives every frame a random duration in
# [26, 74] ms (uniform, fixed seed) on a 1/1000 time base; fps_mode passthrough keeps them
# and enc_time_base 1:1000 stops the encoder from rounding them to the source's 1/30 s grid.
f=b_720p_vfr.mp4
if ! have $f; then
  "${FF[@]}" -filter_complex "$(scene 1280x720 30 360x240 400),settb=1/1000,setpts='if(eq(N\,0)\,0\,PREV_OUTPTS+26+floor(49*random(0)))',format=yuv420p" \
    "${X264_HIGH[@]}" -g 30 -keyint_min 30 -fps_mode passthrough -enc_time_base 1:1000 \
    -video_track_timescale 1000 \
    -t 300 -movflags +faststart -f mp4 "$OUT/.tmp.$f"
  finish $f
fi

# (d) 5-min 576i25 MPEG-2 program stream, interlace-flagged (progressive_sequence=0,
# field-coded TFF), GOP 15 with 2 B-frames, DVD-like bitrate.
f=d_576i_mpeg2.mpg
if ! have $f; then
  "${FF[@]}" -filter_complex "$(scene 720x576 25 200x160 300),setfield=tff,format=yuv420p" \
    -c:v mpeg2video -b:v 6000k -maxrate 8000k -bufsize 1835k -g 15 -bf 2 \
    -flags +ilme+ildct -top 1 -aspect 4:3 -threads 2 -f vob "$OUT/.tmp.$f"
  finish $f
fi

# (c) 2-min 1080p30 HEVC, GOP 60.
f=c_1080p30_hevc.mp4
if ! have $f; then
  "${FF[@]}" -filter_complex "$(scene 1920x1080 30 480x360 120),format=yuv420p" \
    -c:v libx265 -preset ultrafast -threads 2 \
    -x265-params "log-level=error:pools=2:keyint=60:min-keyint=60:scenecut=0:open-gop=0:bframes=3" \
    -tag:v hvc1 -movflags +faststart -f mp4 "$OUT/.tmp.$f"
  finish $f
fi

# (a) 10-min 1080p25 H.264 High, GOP 250, 3 B-frames.
f=a_1080p25_h264.mp4
if ! have $f; then
  "${FF[@]}" -filter_complex "$(scene 1920x1080 25 480x360 600)" \
    "${X264_HIGH[@]}" -g 250 -keyint_min 250 -movflags +faststart -f mp4 "$OUT/.tmp.$f"
  finish $f
fi

# (f) 60-min 720p25 H.264 High, GOP 50. Encoded as one 5-minute piece (whole GOPs:
# 7500 frames = 150 GOPs, all closed) and stream-copied 12 times into one file: the
# GOP structure, frame sizes and decode cost are those of a continuous encode, and the
# shared machine is spared 55 minutes of encoding.
f=f_720p25_60min.mp4
if ! have $f; then
  piece="$OUT/.tmp.piece.$f"
  "${FF[@]}" -filter_complex "$(scene 1280x720 25 360x240 300)" \
    "${X264_HIGH[@]}" -g 50 -keyint_min 50 -f mp4 "$piece"
  list="$OUT/.tmp.list.txt"
  : >"$list"
  for _ in $(seq 12); do echo "file '$(realpath "$piece")'" >>"$list"; done
  "${FF[@]}" -f concat -safe 0 -i "$list" -c copy -movflags +faststart -f mp4 "$OUT/.tmp.$f"
  rm -f "$piece" "$list"
  finish $f
fi

# (g) 60-min 576i MPEG-2 program stream: the 5-minute DVD file (d) stream-copied 12 times
# into one program stream (the concat demuxer rewrites the timestamps, so they run on
# continuously). Only for the index and one-shot measurements (bench/media/oneshot.sh):
# the DVD header index of an hour-long session.
f=g_576i_60min_mpeg2.mpg
if [[ ${BENCH_MEDIA_SKIP_G:-0} != 1 ]] && ! have $f; then
  list="$OUT/.tmp.list.txt"
  : >"$list"
  for _ in $(seq 12); do echo "file '$(realpath "$OUT/d_576i_mpeg2.mpg")'" >>"$list"; done
  "${FF[@]}" -f concat -safe 0 -i "$list" -c copy -f vob "$OUT/.tmp.$f"
  rm -f "$list"
  finish $f
fi
