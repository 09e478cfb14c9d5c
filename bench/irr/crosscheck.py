#!/usr/bin/env python3
"""Cross-checks `bondline-cli irr ratings --json` against R on random data sets.

R psych ICC(lmer = FALSE) gives the ICCs with F, df, p and limits; psych cohen.kappa
the kappa values; bench/irr/reference.R also transcribes the formulas of
docs/reliability.md independently (kappa SEs, Fleiss, Krippendorff). Exits 77 (ctest
"skipped") with a message when Rscript or psych is absent.

usage: crosscheck.py BONDLINE_CLI [N_DATASETS]
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def r_available():
    if shutil.which("Rscript") is None:
        return "Rscript not found"
    ok = subprocess.run(["Rscript", "-e", "suppressMessages(library(psych))"], capture_output=True)
    return None if ok.returncode == 0 else "R package psych not installed (scripts/install-deps --bench)"


def make_dataset(rng, path):
    raters = rng.choice([2, 2, 3, 4, 5])
    units = rng.randint(15, 60)
    lo, hi = rng.choice([(1, 5), (-3, 3), (1, 7)])
    missing = rng.choice([0.0, 0.0, 0.08])
    with open(path, "w") as f:
        f.write("unit," + ",".join(f"r{j + 1}" for j in range(raters)) + "\n")
        for u in range(units):
            truth = rng.randint(lo, hi)
            row = []
            for _ in range(raters):
                if rng.random() < missing:
                    row.append("")
                else:
                    row.append(str(min(hi, max(lo, truth + rng.choice([-2, -1, 0, 0, 0, 1, 1])))))
            f.write(f"u{u}," + ",".join(row) + "\n")
    return raters


def ours(cli, path):
    p = subprocess.run([cli, "irr", "ratings", path, "--wide", "--json"], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(p.stderr)
    vals = {}
    for r in json.loads(p.stdout)["results"]:
        m, params = r["measure"], r["params"]
        if m == "cohen_kappa":
            for k in ("value", "se", "se0"):
                vals[f"cohen.{params['weights']}.{k}"] = r[k]
        elif m == "percent_agreement":
            vals["percent.value"] = r["value"]
        elif m == "fleiss_kappa" and params.get("missing") == "gwet":
            vals["fleiss.gwet.value"] = r["value"]
        elif m == "fleiss_kappa":
            vals["fleiss.value"] = r["value"]
            vals["fleiss.se0"] = r["se0"]
        elif m == "krippendorff_alpha":
            vals[f"alpha.{params['level']}.value"] = r["value"]
        elif m == "icc":
            f = params["form"]
            for k in ("value", "F", "df2", "p"):
                vals[f"icc.{f}.{k}"] = r[k]
            vals[f"icc.{f}.lo"], vals[f"icc.{f}.hi"] = (r["ci95"] or [None, None])
    vals["psych.cohen.none.value"] = vals.get("cohen.none.value")
    vals["psych.cohen.quadratic.value"] = vals.get("cohen.quadratic.value")
    return vals


def reference(path):
    p = subprocess.run(["Rscript", os.path.join(HERE, "reference.R"), path], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(p.stderr)
    ref = {}
    for line in p.stdout.splitlines():
        key, value = line.split()
        ref[key] = None if value in ("NA", "NaN") else float(value)
    return ref


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    cli = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    why = r_available()
    if why:
        print(f"crosscheck skipped: {why}")
        return 77
    rng = random.Random(20261122)
    failures = compared = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            path = os.path.join(tmp, f"set{i}.csv")
            raters = make_dataset(rng, path)
            mine, ref = ours(cli, path), reference(path)
            for key, want in ref.items():
                got = mine.get(key)
                compared += 1
                if want is None or got is None:
                    if not (want is None and got is None):
                        failures += 1
                        print(f"set {i} ({raters} raters) {key}: ours {got}, R {want}")
                    continue
                tol = 1e-6 * max(1.0, abs(want))
                if key.endswith(".p"):
                    tol = 1e-9 + 1e-6 * abs(want)
                if abs(got - want) > tol:
                    failures += 1
                    print(f"set {i} ({raters} raters) {key}: ours {got!r}, R {want!r}")
    print(f"crosscheck: {count} random data sets, {compared} values compared with R, {failures} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
