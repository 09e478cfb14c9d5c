#!/usr/bin/env bash
# Coding a session with real keys, as an observer does: a generated clip whose picture
# carries its frame number, a project made with bondline-cli (rupture scheme: point flags,
# state items and a directed item), bondline opened on the assignment at --seek-frame under
# a virtual X server, keys typed with xdotool, and then the file read back through
# `bondline-cli export`: every coding must sit on the frame that was on screen. Later
# sittings: selection, copy, paste and delete by keys and mouse; the import form.
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
# One sitting: bondline on the project with the arguments $1 (word-split) under a virtual X
# server, the bash in $2 run against it ($win is the window; `k KEY...` types keys 0.3 s
# apart, `c X Y` clicks there), then Shift+Q. What --print-state printed is in $out;
# returns bondline's exit status.
sitting() {
  SDL_AUDIODRIVER=dummy timeout 90 xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    exe=$1; project=$2; out=$3; args=$4; script=$5
    "$exe" --print-state --size 1200x720 "$project" $args >"$out" 2>&1 &
    pid=$!
    win=$(xdotool search --sync --onlyvisible --name "^Bondline$" | head -1)
    sleep 1.5
    xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win"
    k() { for x in "$@"; do xdotool key --window "$win" --clearmodifiers "$x"; sleep 0.3; done; }
    c() { xdotool mousemove --window "$win" "$1" "$2"; sleep 0.3; xdotool mousedown 1; sleep 0.2; xdotool mouseup 1; sleep 0.4; }
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
# onset_us,participant,target,item,offset_us of every stored coding (of case $1 if given),
# in onset order.
csv="$data/coding-export.csv"
stored() {
  "$cli" export "$project" --format long-csv -o "$csv" >/dev/null || { echo "FAILED: export" >&2; return 1; }
  awk -F, -v kase="${1:-}" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == "coding" && (kase == "" || $col["case"] == kase) { print $col["onset_us"] "," $col["participant"] "," $col["target"] "," $col["item"] "," $col["offset_us"] }' "$csv" | sort -t, -k1,1n -k4,4
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
sitting '--coder anna --session F017/1 --seek-frame 50' '
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
sitting '--coder anna --session F017/1 --seek-frame 150' '
  k ctrl+a ctrl+c ctrl+v
  k ctrl+a Delete ctrl+z
  k ctrl+a ctrl+x ctrl+z
  # Event-list rows at this window size: the first at y 74, one every 17 px.
  c 800 74
  xdotool keydown --window "$win" Control_L; sleep 0.2
  c 800 108
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

# Third sitting, the project browser's import form: an ELAN file whose tier "withdrawal"
# names nobody; typed into the form, the tier mapped to Y and item W-episode, imported.
eaf="$data/coding-family.eaf"
cat >"$eaf" <<'EAF'
<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2021-01-01T10:00:00+01:00" FORMAT="3.0" VERSION="3.0">
  <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
  <TIME_ORDER>
    <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2000"/>
    <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="3000"/><TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="4000"/>
  </TIME_ORDER>
  <TIER LINGUISTIC_TYPE_REF="words" TIER_ID="M speech">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
      <ANNOTATION_VALUE>hello</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="gloss" PARENT_REF="M speech" TIER_ID="M speech-en">
    <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a4" ANNOTATION_REF="a1">
      <ANNOTATION_VALUE>greets the therapist</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="words" PARTICIPANT="Zoë Jansen" TIER_ID="gaze">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
      <ANNOTATION_VALUE>at mother</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="words" TIER_ID="withdrawal">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3">
      <ANNOTATION_VALUE>looks away</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="words" TIME_ALIGNABLE="true"/>
  <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" LINGUISTIC_TYPE_ID="gloss" TIME_ALIGNABLE="false"/>
</ANNOTATION_DOCUMENT>
EAF
# Window positions at 1200x720 with one session in the browser: the import form's header
# at y 179, its file field at 202, the tier "withdrawal" (the fourth) at 330, Preview and
# Import at 365.
sitting '--browse' "
  c 300 179
  c 400 202
  xdotool type --window \"\$win\" --delay 20 '$eaf'; sleep 0.3
  k Return
  c 390 330; xdotool type --window \"\$win\" Y
  c 530 330; xdotool type --window \"\$win\" --delay 20 W-episode
  k Return
  c 70 365
  c 167 365
" || { echo "FAILED: bondline exited with $? (import sitting)"; exit 1; }
got=$(stored coding-family) || exit 1
want="1000000,M,,speech,2000000
2000000,Y,,W-episode,3000000
3000000,Zoë Jansen,,gaze,4000000"
same_codings "the import form did not store the ELAN file's three codings (the tier \"withdrawal\" as Y's W-episode)"
echo "ok: the import form read the ELAN file, mapped the tier without a participant, and stored its three codings"
