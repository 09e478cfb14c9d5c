#!/usr/bin/env python3
"""Turns bench_media --json-file outputs into the Markdown tables of docs/performance.md.

    bench/media/summarize.py build/bench-out/*.json
"""
import json
import os
import sys


def fmt(v, prec=1):
    return "–" if v is None else f"{v:.{prec}f}"


def summ(s, key="median"):
    return None if not s else s[key]


def main(paths):
    files = []
    for p in paths:
        with open(p) as f:
            files += json.load(f)["files"]
    print("| file | frames (keyframes) | libav ref. fps | ffmpeg CLI fps | t_key ms | "
          "bound median / p95 ms | mpv seek median / p95 / max ms | mpv exact | "
          "mpv back-step median ms (exact steps) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in files:
        ff = r["ffmpeg"]
        ff_fps = r["frames"] / ff["seconds"] if ff["ok"] and ff["seconds"] else None
        m = r["mpv"]
        b = r["bound"]
        print(f"| `{os.path.basename(r['file'])}` | {r['frames']} ({r['keyframes']}) "
              f"| {fmt(r['reference_decode_fps'], 0)} | {fmt(ff_fps, 0)} | {fmt(b['t_key_ms'])} "
              f"| {fmt(summ(b['ms']))} / {fmt(summ(b['ms'], 'p95'))} "
              f"| {fmt(summ(m['seek_ms']))} / {fmt(summ(m['seek_ms'], 'p95'))} / "
              f"{fmt(summ(m['seek_ms'], 'max'))} "
              f"| {m['seek_exact']}/{len_targets(r)} "
              f"| {fmt(summ(m.get('back_step_exact_ms')))} ({m['back_step_exact']}/"
              f"{(m['back_step_ms'] or {}).get('n', 0)}) |")
    print()
    print("| file | speed | shown | dropped | late | wall s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in files:
        for p in r["bondline"].get("playback", []):
            print(f"| `{os.path.basename(r['file'])}` | {p['speed']:.0f}x | {p['shown']} "
                  f"| {p['dropped']} | {p['late']} | {fmt(p['wall_s'])} |")


def len_targets(r):
    for c in r["checks"]:
        if c["metric"].startswith("exact frames"):
            return c["target"].split()[-1]
    return "?"


if __name__ == "__main__":
    main(sys.argv[1:])
