#!/usr/bin/env python3
"""Build the same generated site with glasshouse and with Hugo, alternating, and
print the medians of wall time and peak memory, the ratio, and the pulldown-cmark
floor, for each size.

    benches/compare.py [--sizes 100,1000,5000] [--runs 5] [--baseline BIN] [--instructions]

With `--baseline`, another glasshouse binary (an earlier build, say) is timed too, in
the same runs, and its time over this one's is printed. `--baseline-drop-keys legal`
gives it a copy of the corpus whose glasshouse.yaml lacks those top-level one-line
keys, for a baseline from before they existed.

With `--instructions`, one more rebuild of each size runs on one thread under
valgrind's callgrind, and the instructions it executed are printed per explainer:
a measure of the program's own work that, unlike time, does not depend on what
the machine's memory and disk were doing (Debian's `valgrind`).

First the bundled example site is built cold, its share cards drawn, into new
folders. Then each size is built twice over: "rebuild" into the same output folder
each run (after untimed builds, which bring glasshouse to its steady state), and
"cold" into a new folder each run, beside a copy of the share-card cache
(`.<out>.cache`) that the rebuilds left, as CI restores it (the baseline's cold
folders get one too). Then one "first" build: a new folder and no cache, every
share card drawn.

Everything is built in a new folder under `$TMPDIR` (or /tmp): `TMPDIR=/dev/shm`
runs the comparison in memory, where creating a file costs no disk's work.

Needs Debian's `hugo` (0.111) on PATH; the corpus comes from the bench program
`gen-corpus`, the floor from `floor`, and the write floor (glasshouse's cold output
written again, from memory, into new folders) from `write-floor` (benches/*.rs). Run
from the repository root."""
import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def bench_programs():
    """Build the bench programs (benches/*.rs) and return their executables by name."""
    out = subprocess.run(["cargo", "bench", "--no-run", "--message-format=json"], capture_output=True, text=True, check=True).stdout
    programs = {}
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg.get("executable") and "bench" in msg["target"]["kind"]:
            programs[msg["target"]["name"]] = msg["executable"]
    return programs


def timed(cmd, cwd=None):
    """Wall seconds, peak resident memory (MB) and CPU seconds (user + system, on
    all cores) of one run of `cmd`. The disk's write-back of earlier runs is
    flushed first (untimed), so that no run pays for another's."""
    os.sync()
    start = time.perf_counter()
    # Each run is measured by its own `/usr/bin/time` (%M: peak resident KB).
    out = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), out.stderr[-2000:]))
    peak_kb, user, system = out.stderr.strip().splitlines()[-1].split()
    return wall, int(peak_kb) / 1024, float(user) + float(system)


def instructions(cmd):
    """Instructions executed by `cmd` on one thread, counted by callgrind."""
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit("failed under valgrind: %s\n%s" % (" ".join(cmd), out.stderr[-2000:]))
    refs = [l for l in out.stderr.splitlines() if "I   refs:" in l or "I refs:" in l]
    return int(refs[-1].split(":")[-1].strip().replace(",", ""))


def settle(seconds):
    """Let the file system forget recent deletions. On ext4 without a journal (this
    machine's disk), creating a file scans past every inode deleted in the last
    60 s (300 s more while its inode table is unwritten: `recently_deleted()` in
    fs/ext4/ialloc.c), so a build that follows a large delete (a test run, a
    cargo build, an earlier bench's clean-up) pays for it per file, several
    times over. A sync writes the tables; the wait ends the 60 s. Both builders
    get the same quiet disk; the timed builds delete nothing."""
    if seconds > 0:
        os.sync()
        time.sleep(seconds)


def in_turn(i, runs):
    """Run the builders of round `i`, each round in the next of their orders. A
    build pays for what its predecessor left: the builder that follows Hugo finds
    the gigabyte Hugo just freed ready to use, and pages the machine has not
    touched for a few seconds cost several times more. Rotating one order keeps
    each builder behind the same one (with a baseline, glasshouse would always
    follow the baseline); taking the orders in turn puts each behind each."""
    orders = list(itertools.permutations(range(len(runs))))
    for k in orders[i % len(orders)]:
        runs[k]()


def median_of(runs):
    """Medians of wall time and peak memory."""
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def median_cpu(runs):
    return statistics.median(r[2] for r in runs)


def example_cold(gh, work, runs):
    """The bundled example site built into a new folder with no cache beside it:
    every page, share card and resized image made (issue 26: under a second)."""
    site = os.path.join(work, "example")
    for part in ["content", "locales", "static"]:
        shutil.copytree(part, os.path.join(site, part))
    shutil.copy("glasshouse.yaml", site)
    times = [timed([gh, "build", "--root", site, "--out", os.path.join(work, "example-cold%d" % i)]) for i in range(runs)]
    print("example site, cold with share cards drawn: %.3f s, %.0f MB (median of %d)" % (*median_of(times), runs))


def main():
    sys.stdout.reconfigure(line_buffering=True)
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000,5000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--baseline", help="another glasshouse binary to time alongside")
    ap.add_argument("--baseline-drop-keys", default="", help="top-level config keys the baseline does not know")
    ap.add_argument("--instructions", action="store_true", help="count a rebuild's instructions (callgrind)")
    ap.add_argument("--settle", type=int, default=61, help="seconds to wait after a sync before the timed builds")
    args = ap.parse_args()
    if args.instructions and not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    if not shutil.which("hugo"):
        sys.exit("hugo is not installed (apt-get install hugo)")
    programs = bench_programs()
    subprocess.run(["cargo", "build", "--quiet", "--release"], check=True)
    gh = os.path.abspath("target/release/glasshouse")
    work = tempfile.mkdtemp(prefix="glasshouse-bench-")
    print("machine: %d cores; hugo: %s; %d runs each, medians" % (os.cpu_count(), subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1], args.runs))
    # The work folder is removed however the run ends: a failed build (a full
    # disk, say) must not leave gigabytes behind.
    try:
        example_cold(gh, work, args.runs)
        scaling = []
        for n in [int(s) for s in args.sizes.split(",")]:
            site, hsite = os.path.join(work, "g%d" % n), os.path.join(work, "h%d" % n)
            subprocess.run([programs["gen-corpus"], "--explainers", str(n), "--out", site, "--hugo", hsite], check=True, capture_output=True)
            bsite = site
            if args.baseline and args.baseline_drop_keys:
                bsite = os.path.join(work, "b%d" % n)
                shutil.copytree(site, bsite)
                drop = tuple(k + ":" for k in args.baseline_drop_keys.split(","))
                config = os.path.join(bsite, "glasshouse.yaml")
                lines = open(config).read().splitlines(keepends=True)
                open(config, "w").write("".join(l for l in lines if not l.startswith(drop)))
            g_out, h_out = os.path.join(work, "g%d-out" % n), os.path.join(work, "h%d-out" % n)
            # Rebuild: the same output folder again and again, as a writer or a CI cache
            # does (glasshouse recycles the build before last; Hugo overwrites).
            g, h, b = [], [], []
            b_out = os.path.join(work, "b%d-out" % n)
            # Untimed builds first, so that every timed one is a steady rebuild:
            # glasshouse's second build has no tree before last to recycle (it
            # creates one, as a cold build does); from the third on it recycles.
            for _ in range(4):
                timed([gh, "build", "--root", site, "--out", g_out])
                timed(["hugo", "--quiet", "-s", hsite, "-d", h_out])
                if args.baseline:
                    timed([args.baseline, "build", "--root", bsite, "--out", b_out])
            settle(args.settle)
            for i in range(args.runs):
                in_turn(i, [
                    lambda: g.append(timed([gh, "build", "--root", site, "--out", g_out])),
                    lambda: h.append(timed(["hugo", "--quiet", "-s", hsite, "-d", h_out])),
                ] + ([lambda: b.append(timed([args.baseline, "build", "--root", bsite, "--out", b_out]))] if args.baseline else []))
            # Cold: a new output folder each time, as a fresh CI checkout does,
            # beside the share cards of the cache that CI keeps (docs/theme.md),
            # restored before the timed builds as a CI cache step does.
            kept = os.path.join(work, ".g%d-out.cache" % n)
            for i in range(args.runs):
                for builder in ["g"] + (["b"] if args.baseline else []):
                    if os.path.isdir(kept):
                        shutil.copytree(kept, os.path.join(work, ".%s%d-cold%d.cache" % (builder, n, i)))
            settle(args.settle)
            gc, hc, bc = [], [], []
            for i in range(args.runs):
                in_turn(i, [
                    lambda: gc.append(timed([gh, "build", "--root", site, "--out", os.path.join(work, "g%d-cold%d" % (n, i))])),
                    lambda: hc.append(timed(["hugo", "--quiet", "-s", hsite, "-d", os.path.join(work, "h%d-cold%d" % (n, i))])),
                ] + ([lambda: bc.append(timed([args.baseline, "build", "--root", bsite, "--out", os.path.join(work, "b%d-cold%d" % (n, i))]))] if args.baseline else []))
            # The first build of all: a new folder and no cache, every card drawn.
            first = timed([gh, "build", "--root", site, "--out", os.path.join(work, "g%d-first" % n)])
            floor = subprocess.run([programs["floor"], "--root", site, "--out", os.path.join(work, "floor%d" % n)], capture_output=True, text=True, check=True).stdout.strip()
            write_floor = subprocess.run([programs["write-floor"], "--tree", os.path.join(work, "g%d-cold0" % n), "--out", os.path.join(work, "wfloor%d" % n), "--runs", str(min(3, args.runs))], capture_output=True, text=True, check=True).stdout.strip()
            print("%d explainers x 7 markets:" % n)
            for label, gs, hs in [("rebuild", g, h), ("cold   ", gc, hc)]:
                (gw, gm), (hw, hm) = median_of(gs), median_of(hs)
                print("  %s glasshouse %.3f s %4.0f MB (cpu %.2f s) | hugo %.3f s %4.0f MB (cpu %.2f s) | hugo/glasshouse %.2fx time, %.1fx memory" % (label, gw, gm, median_cpu(gs), hw, hm, median_cpu(hs), hw / gw, hm / gm))
            if args.baseline:
                for label, gs, bs in [("rebuild", g, b), ("cold   ", gc, bc)]:
                    (gw, gm), (bw, bm) = median_of(gs), median_of(bs)
                    print("  %s baseline %.3f s %4.0f MB | baseline/glasshouse %.2fx time" % (label, bw, bm, bw / gw))
            print("  first build (no cache: every share card drawn) glasshouse %.3f s %4.0f MB (cpu %.2f s)" % first)
            print("  %s" % floor)
            wf_ms = float(write_floor.split("all cores: ")[1].split(" ms")[0])
            print("  %s; cold glasshouse / write floor %.1fx" % (write_floor, median_of(gc)[0] * 1000 / wf_ms))
            # What 3x Hugo's cold time leaves for rendering, once the file system has
            # made the files (docs/performance.md, "the cold bound").
            third = median_of(hc)[0] / 3
            print("  a third of Hugo's cold time %.3f s: the write floor %.3f s leaves %.3f s to render in; glasshouse's cold build renders and writes in %.3f s" % (third, wf_ms / 1000, third - wf_ms / 1000, median_of(gc)[0]))
            ir = instructions([gh, "build", "--root", site, "--out", g_out]) if args.instructions else None
            if ir is not None:
                print("  rebuild on one thread: %.3f billion instructions, %.2f million per explainer" % (ir / 1e9, ir / 1e6 / n))
            scaling.append((n,) + median_of(g) + median_of(gc) + (ir,))
        print("scaling (glasshouse): explainers, rebuild s, ms per explainer, MB, cold s, ms per explainer[, million instructions per explainer]")
        for n, w, m, cw, cm, ir in scaling:
            print("  %5d  %6.2f s  %5.2f ms  %5.0f MB  %6.2f s  %5.2f ms%s" % (n, w, 1000 * w / n, m, cw, 1000 * cw / n, "" if ir is None else "  %5.2f" % (ir / 1e6 / n)))
    finally:
        print("removing %s (at 5,000 explainers this takes minutes)" % work)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
