#!/usr/bin/env bash
# Screenshots of the coding window for the user guide, rendered headless (SDL offscreen
# driver) into OUT_DIR: the coding view, the help with the scheme's keys, the project
# browser and a dense timeline (5,000 codings, clustered). Each must be written and exit 0;
# the pictures themselves are looked at by a person (docs/user-guide.md shows them).
#   screenshots.sh BONDLINE_EXE BONDLINE_CLI SCHEMES_DIR OUT_DIR
set -eu
exe=$1; cli=$2; schemes=$3; out=$4
command -v ffmpeg >/dev/null || { echo "SKIPPED: no ffmpeg CLI"; exit 77; }
mkdir -p "$out"
clip="$out/screens_clip.mp4"
[ -s "$clip" ] || ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=640x360:rate=25:duration=600" \
  -f lavfi -i "sine=frequency=300:beep_factor=3:duration=600" \
  -c:v libx264 -preset ultrafast -g 100 -pix_fmt yuv420p -c:a aac -shortest "$clip"
p="$out/screens.bondline"
rm -f "$p" "$p-wal" "$p-shm"
"$cli" project create "$p" >/dev/null
hash=$("$cli" project add-scheme "$p" "$schemes/softa-o-client.toml" | awk '{print $4}')
"$cli" project add-coder "$p" anna >/dev/null
"$cli" project add-coder "$p" lead --role reliability-lead >/dev/null
"$cli" project add-session "$p" --case F017 --number 1 --date 2026-03-02 --phase early \
  --people M:mother,F:father,Y:youth,T:therapist --media "$clip" >/dev/null
"$cli" project add-session "$p" --case F017 --number 2 --date 2026-03-09 --phase early \
  --people M:mother,Y:youth,T:therapist --media "$clip" >/dev/null
"$cli" project add-session "$p" --case F023 --number 1 --date 2026-03-04 --phase early \
  --people M:mother,Y:youth,S:sibling,T:therapist >/dev/null
"$cli" project assign "$p" --coder anna --scheme softa-o-client >/dev/null
# 5,000 codings over 10 minutes: bursts every 30 s, sparse in between.
awk -v hash="$hash" 'BEGIN {
  print "record,case,session,phase,date,coder,scheme,scheme_version,scheme_hash,participant,role,target,target_role,dimension,item,unit,value,onset_us,offset_us,time_s,frame_pts,comment,uuid"
  split("ENG+goals ENG+plan ENG+leans EC+joke EC+trust SAF+tone SAF-defensive ENG-indifferent EC-eyes SSP+compromise", items, " ")
  split("M F Y", who, " "); split("mother father youth", role, " "); srand(3)
  for (i = 0; i < 5000; i++) {
    burst = int(i / 250); t = burst * 30000000 + int(rand() * (i % 5 == 0 ? 28000000 : 3000000))
    w = 1 + int(rand() * 3); it = items[1 + int(rand() * 10)]
    printf "coding,F017,1,early,2026-03-02,anna,softa-o-client,,%s,%s,%s,,,,%s,,,%d,,,,%s,\n", hash, who[w], role[w], it, t, (i % 97 == 0 ? "check with supervisor" : "")
  }
}' >"$out/screens-codings.csv"
"$cli" import "$p" "$out/screens-codings.csv" >/dev/null
shot() { name=$1; shift; SDL_AUDIODRIVER=dummy "$exe" --size 1280x720 --screenshot "$out/$name.png" --frames 6 "$@" >/dev/null; }
shot coding-dense "$p" --coder anna --session F017/1 --seek-frame 2300
shot browser "$p" --browse
echo "ok: $out/coding-dense.png $out/browser.png"
