#!/usr/bin/env bash
# Project store benchmark: Store::addCoding latency vs raw SQLite, open / sessions() /
# codings() on a 1 000 000-coding project, CSV export vs the sqlite3 CLI. One run, about
# 1-2 minutes on 2 cores; the files (about 0.4 GB) go to the build tree and are removed.
#   bench/projects/run.sh                 (from anywhere; builds bench_projects, Release)
#   bench/projects/run.sh --codings 100000 --inserts 500   (smaller)
# Environment: BUILD (default build/release). Results go to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/release}
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD" --target bench_projects -j2 >/dev/null
command -v sqlite3 >/dev/null || echo "sqlite3 CLI not found (apt-get install sqlite3): the export comparison is skipped" >&2
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), sqlite3 CLI $(sqlite3 --version 2>/dev/null | cut -d' ' -f1)"
exec "$BUILD/bench/projects/bench_projects" --dir "$BUILD/bench/projects/data" "$@"
