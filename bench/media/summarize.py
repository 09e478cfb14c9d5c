#!/usr/bin/env python3
"""Turns bench_media --json-file outputs into the Markdown tables of docs/performance.md:
peers and limits, Bondline's decoder (when measured) and playback.

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
    bondline(files)
    print()
    print("| file | speed | shown | dropped | late | wall s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in files:
        for p in r["bondline"].get("playback", []):
            print(f"| `{os.path.basename(r['file'])}` | {p['speed']:.0f}x | {p['shown']} "
                  f"| {p['dropped']} | {p['late']} | {fmt(p['wall_s'])} |")


def check(r, metric, peer_is=None):
    for c in r["checks"]:
        if c["metric"] == metric and (peer_is is None or c["peer_is"] == peer_is):
            return c
    return None


def ratio_verdict(c, prec=2):
    if not c or c["ratio"] is None:
        return "–"
    # A step served from the cache can time as 0.00 ms: the ratio is then meaningless.
    v = "> 1000x" if c["ratio"] > 1000 else f"{c['ratio']:.{prec}f}x"
    return v + (f" {c['verdict']}" if c["verdict"] else "")


def bondline(files):
    """Bondline's decoder (engine_decoder.cpp): one row per file, ratios with verdicts."""
    rows = [r for r in files if r["bondline"].get("available")]
    if not rows:
        return
    print()
    print("| file | decode fps (x ffmpeg CLI) | seek median / p95 ms | median x bound | "
          "median x mpv | exact | preview median / p95 ms | back step first / p95 / max ms "
          "(exact) | mpv step / our p95 | peak RSS MiB (cache MiB) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        e = r["bondline"]
        dec = check(r, "decode fps (sequential)")
        steps = (e["back_step_ms"] or {}).get("n", 0) + 1
        exact = check(r, "exact frames (of targets)")
        p95 = check(r, "back step p95 ms (steps 2..)")
        print(f"| `{os.path.basename(r['file'])}` | {fmt(e['decode_fps'], 0)} "
              f"({ratio_verdict(dec)}) "
              f"| {fmt(summ(e['seek_ms']))} / {fmt(summ(e['seek_ms'], 'p95'))} "
              f"| {ratio_verdict(check(r, 'exact seek median ms', 'bound'))} "
              f"| {ratio_verdict(check(r, 'exact seek median ms', 'mpv'))} "
              f"| {e['seek_exact']}/{len_targets(r)} {exact['verdict'] or ''} "
              f"| {fmt(summ(e['preview_ms']))} / {fmt(summ(e['preview_ms'], 'p95'))} "
              f"| {fmt(e['first_back_step_ms'])} / {fmt(summ(e['back_step_ms'], 'p95'), 2)} / "
              f"{fmt(summ(e['back_step_ms'], 'max'))} "
              f"{p95['verdict'] or ''} ({e['back_step_exact']}/{steps}) "
              f"| {ratio_verdict(check(r, 'back step: mpv median / our p95', 'mpv'), 0)} "
              f"| {fmt(e['peak_rss_mib'], 0)} ({fmt(e['cache_mib'], 0)}) |")


def len_targets(r):
    for c in r["checks"]:
        if c["metric"].startswith("exact frames"):
            return c["target"].split()[-1]
    return "?"


if __name__ == "__main__":
    main(sys.argv[1:])
