#!/usr/bin/env bash
# Coding a session with real keys, as an observer does: a generated clip whose picture
# carries its frame number, a project made with bondline-cli (rupture scheme: point flags,
# state items and a directed item), bondline opened on the assignment at --seek-frame under
# a virtual X server, keys typed with xdotool, and then the file read back through
# `bondline-cli export`: every coding must sit on the frame that was on screen.
# Exit 77 (CTest: skipped) when xvfb-run, xdotool or ffmpeg is missing.
#   xvfb_coding.sh BONDLINE_EXE BONDLINE_CLI SCHEMES_DIR DATA_DIR
set -u
exe=$1; cli=$2; schemes=$3; data=$4
for t in xvfb-run xdotool ffmpeg; do
  command -v $t >/dev/null || { echo "SKIPPED: $t not installed (scripts/install-deps)"; exit 77; }
done
mkdir -p "$data"
clip="$data/coding_clip.mp4"
if [ ! -s "$clip" ]; then
  # 25 fps; the frame number is drawn into the picture (drawtext) when ffmpeg has it.
  vf="drawtext=text='%{frame_num}':fontsize=64:fontcolor=white:x=20:y=20:box=1:boxcolor=black"
  ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=320x240:rate=25:duration=8" \
    -vf "$vf" -c:v libx264 -preset ultrafast -g 50 -bf 2 -pix_fmt yuv420p "$clip.tmp.mp4" 2>/dev/null \
  || ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=320x240:rate=25:duration=8" \
    -c:v libx264 -preset ultrafast -g 50 -bf 2 -pix_fmt yuv420p "$clip.tmp.mp4" || exit 1
  mv "$clip.tmp.mp4" "$clip"
fi
project="$data/coding.bondline"
rm -f "$project" "$project-wal" "$project-shm"
{
  "$cli" project create "$project" &&
  "$cli" project add-scheme "$project" "$schemes/rupture-3rs.toml" &&
  "$cli" project add-coder "$project" anna &&
  "$cli" project add-session "$project" --case F017 --number 1 --people M:mother,Y:youth,T:therapist --media "$clip" &&
  "$cli" project assign "$project" --coder anna --scheme rupture-3rs
} >/dev/null || { echo "FAILED: could not make the project"; exit 1; }

out=$(mktemp)
trap 'rm -f "$out"' EXIT
# One sitting: bondline on anna's assignment at frame $1 under a virtual X server, the
# bash in $2 run against it ($win is the window; `k KEY...` types keys 0.3 s apart), then
# Shift+Q. What --print-state printed is in $out; returns bondline's exit status.
sitting() {
  SDL_AUDIODRIVER=dummy timeout 90 xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    exe=$1; project=$2; out=$3; frame=$4; script=$5
    "$exe" --print-state --size 1200x720 "$project" --coder anna --session F017/1 --seek-frame "$frame" >"$out" 2>&1 &
    pid=$!
    win=$(xdotool search --sync --onlyvisible --name "^Bondline$" | head -1)
    sleep 1.5
    xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win"
    k() { for x in "$@"; do xdotool key --window "$win" --clearmodifiers "$x"; sleep 0.3; done; }
    eval "$script"
    sleep 0.5
    xdotool key --window "$win" shift+q
    for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
    kill $pid 2>/dev/null
    wait $pid
  ' _ "$exe" "$project" "$out" "$1" "$2"
  local rc=$?
  echo "bondline printed: $(cat "$out")"
  return $rc
}
# onset_us,participant,target,item,offset_us of every stored coding, in onset order.
csv="$data/coding-export.csv"
stored() {
  "$cli" export "$project" --format long-csv -o "$csv" >/dev/null || { echo "FAILED: export" >&2; return 1; }
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == "coding" { print $col["onset_us"] "," $col["participant"] "," $col["target"] "," $col["item"] "," $col["offset_us"] }' "$csv" | sort -t, -k1,1n -k4,4
}
# Exits with "FAILED: $1" and both lists when the stored codings ($got) are not $want.
same_codings() {
  [ "$got" = "$want" ] && return 0
  echo "FAILED: $1"; echo "--- want"; echo "$want"; echo "--- got"; echo "$got"
  exit 1
}

# First sitting, from frame 50:
# frame 50: 1 d            -> W-denial, M, frame 50
# frame 52: 2 w            -> W-episode, Y, starts at 52
# frame 55: w              -> ... ends at 55
# frame 55: 1 f 3          -> F-confronts, M -> T, frame 55
# frame 56: m, Ctrl+Z, Ctrl+Shift+Z   -> W-minimal, M, 56 (undone, redone)
# frame 57: d d (fast)     -> W-denial, M, 57 once (the second press is a double press)
# frame 57: Ctrl+Z, Ctrl+Y -> undone and redone
# frame 58: r, Ctrl+Z      -> C-rejects undone: not stored
sitting 50 '
  k 1 d
  k Right Right 2 w
  k Right Right Right w
  k 1 f 3
  k Right m ctrl+z ctrl+shift+z
  k Right
  xdotool key --window "$win" --delay 40 d d; sleep 0.3
  k ctrl+z ctrl+y
  k Right r ctrl+z
' || { echo "FAILED: bondline exited with $?"; exit 1; }
grep -q "session_open=1" "$out" || { echo "FAILED: the assignment did not open"; exit 1; }
got=$(stored) || exit 1
# Frame n of a 25 fps clip is on screen from n * 40 ms.
want="2000000,M,,W-denial,
2080000,Y,,W-episode,2200000
2200000,M,T,F-confronts,
2240000,M,,W-minimal,
2280000,M,,W-denial,"
same_codings "the stored codings differ from the keys typed"
# Each point coding stores the pts of its frame (stream time base of this clip: 1/12800).
pts=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $1 == "coding" && $col["item"] == "F-confronts" { print $col["frame_pts"] }' "$csv")
[ -n "$pts" ] || { echo "FAILED: no frame_pts stored"; exit 1; }
echo "ok: 5 codings on frames 50, 52-55, 55, 56, 57 (frame_pts of frame 55: $pts)"

# Second sitting, at frame 150: Ctrl+A Ctrl+C Ctrl+V pastes the five with the earliest on
# frame 150 (6.00 s, 4 s later); Ctrl+A Delete removes all ten in one step, Ctrl+Z brings
# them back; Ctrl+X on everything and Ctrl+Z again leaves the ten. Then the mouse: a click
# on the event list's first row (2.000 s), a Ctrl+click on its third (2.200 s), Delete:
# those two go.
sitting 150 '
  k ctrl+a ctrl+c ctrl+v
  k ctrl+a Delete ctrl+z
  k ctrl+a ctrl+x ctrl+z
  # Event-list rows at this window size: the first at y 74, one every 17 px.
  xdotool mousemove --window "$win" 800 74; sleep 0.3; xdotool mousedown 1; sleep 0.2; xdotool mouseup 1; sleep 0.5
  xdotool mousemove --window "$win" 800 108; sleep 0.3
  xdotool keydown --window "$win" Control_L; sleep 0.2
  xdotool mousedown 1; sleep 0.2; xdotool mouseup 1; sleep 0.2
  xdotool keyup --window "$win" Control_L; sleep 0.3
  k Delete
' || { echo "FAILED: bondline exited with $? (second sitting)"; exit 1; }
got=$(stored) || exit 1
want="$(echo "$want" | grep -v -e "^2000000,M,,W-denial," -e "^2200000,M,T,F-confronts,")
6000000,M,,W-denial,
6080000,Y,,W-episode,6200000
6200000,M,T,F-confronts,
6240000,M,,W-minimal,
6280000,M,,W-denial,"
same_codings "copy, paste, delete and undo of a selection, then a click, a Ctrl+click and Delete, did not leave the eight codings expected"
echo "ok: Ctrl+A Ctrl+C Ctrl+V pasted the five 4 s later; Delete and Ctrl+X of all ten were each one undo step; click + Ctrl+click + Delete removed the two rows clicked"
