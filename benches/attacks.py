#!/usr/bin/env python3
"""Time and peak memory of `glasshouse build` on the worst inputs an author or a
translation vendor can write, each at the file-size limit (1 MiB), in the
seven-market fixture site `tests/fixtures/basic`.

    benches/attacks.py [--bin target/release/glasshouse] [--only NAME,...] [--limit-mib 1] [--timeout 120]

Each input is written into a fresh copy of the fixture, built once (the hostile
file is read by every market), and measured with `/usr/bin/time` (wall time and
peak resident memory). A build that errors out is fine: what matters is that it
stops in linear time and bounded memory. Run from the repository root."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

FIXTURE = "tests/fixtures/basic"
FRONT = "---\ntitle: Attack\nsummary: Worst case\n---\n"


def fill(unit, size, head=FRONT):
    """`head` and then `unit` repeated to about `size` bytes."""
    n = max(1, (size - len(head.encode())) // len(unit.encode()))
    return head + unit * n


def lines(make, size, head=""):
    """`head`, then `make(0)`, `make(1)`, ... for as long as the text stays under `size` bytes."""
    out, total, i = [head], len(head), 0
    while True:
        line = make(i)
        if total + len(line) > size:
            return "".join(out)
        out.append(line)
        total += len(line)
        i += 1


def explainer(body):
    return {"content/explainers/attack.md": body}


def attacks(size):
    """name -> (what it is, files to write)."""
    big = "x" * (size // 2)
    return {
        "same-headings": ("one heading repeated (ids -2, -3, ...)", explainer(fill("## a\n", size))),
        "table-padding": (
            "tables whose rows leave out cells, each padded by the parser",
            explainer(fill("|" + "a|" * 1000 + "\n|" + "-|" * 1000 + "\n" + "a\n" * 262 + "\n", size)),
        ),
        "table-padding-translation": (
            "the same tables in a translation, which check compares with its source",
            {"content/explainers/alpha.fr.md": fill("|" + "a|" * 1000 + "\n|" + "-|" * 1000 + "\n" + "a\n" * 262 + "\n", size, "---\ntitle: A\nsummary: S\n---\n")},
        ),
        "table-dense": ("one table of one-letter cells", explainer(fill("|a|b|c|d|\n", size, FRONT + "|a|b|c|d|\n|-|-|-|-|\n"))),
        "emphasis": ("nested emphasis and links", explainer(fill("*a **b [c](d) `e`** f* ", size))),
        "nested-quotes": ("block quotes nested deeply", explainer(FRONT + ">" * (size - 100) + " a\n")),
        "heading-attributes": ("headings with attribute blocks", explainer(fill("## T {#a .b c=d}\n", size))),
        "placeholders": (
            "message placeholders that each insert a long message",
            {
                "content/explainers/attack.md": fill('{{ t "big" }} ', size),
                "locales/en-US/attack.ftl": "big = " + "y" * (size // 100) + "\n",
            },
        ),
        "unknown-placeholders": ("placeholders naming no message, one diagnostic each, on one line", explainer(fill('{{ t "nope" }} ', size))),
        "ftl-fan-out": (
            "messages that each reference a large message many times",
            {"locales/en-US/attack.ftl": lines(lambda i: "m%d = %s\n" % (i, "{ big }" * 90), size, "big = " + "z" * (size // 2) + "\n")},
        ),
        "ftl-chain": (
            "a chain of unused messages, each referencing the next",
            {"locales/en-US/attack.ftl": lines(lambda i: "m%d = { m%d }\n" % (i, i + 1), size)},
        ),
        "ftl-used-chain": (
            "a used message at the head of a long chain",
            {"locales/en-US/attack.ftl": lines(lambda i: "m%d = { m%d }\n" % (i, i + 1), size),
             "content/explainers/attack.md": FRONT + '{{ t "m0" }}\n'},
        ),
        "yaml-aliases": (
            "front matter with nested YAML aliases",
            explainer("---\ntitle: T\nsummary: S\na: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
                "%s: &%s [%s]\n" % (chr(98 + i), chr(98 + i), ",".join(["*" + chr(97 + i)] * 10)) for i in range(8)) + "---\nBody\n"),
        ),
        "long-line-errors": ("one line of broken links, one diagnostic each", explainer(fill("[a](nope.md) ", size))),
        "unknown-markets": (
            "front matter naming thousands of unknown markets",
            explainer(lines(lambda i: "m%d, " % i, size - 20, "---\ntitle: T\nsummary: S\nmarkets: [") + "x]\n---\nBody\n"),
        ),
        "unknown-variant-ids": (
            "a variant naming thousands of unknown markets",
            explainer(lines(lambda i: "m%d " % i, size - 20, FRONT + ':::variant{for="') + 'x"}\nText\n:::\n'),
        ),
        "variant-groups": ("thousands of small variant groups", explainer(fill(':::variant{for="us"}\nA\n:::\n\n:::variant{for="default"}\nB\n:::\n\ntext\n\n', size))),
        "raw-html-nesting": (
            "deeply nested raw HTML in a site that allows raw HTML",
            {"content/explainers/attack.md": fill("<div>", size),
             "glasshouse.yaml": open(os.path.join(FIXTURE, "glasshouse.yaml")).read() + "allow_raw_html: true\n"},
        ),
    }


def run(binary, site, timeout, command="build"):
    """Exit status (None when stopped at `timeout` seconds), wall seconds, peak MB
    of `glasshouse build` (or `check --strict`) in `site`."""
    args = ["build", "--out", os.path.join(site, "public")] if command == "build" else ["check", "--strict"]
    cmd = ["/usr/bin/time", "-f", "%e %M", binary] + args[:1] + ["--root", site] + args[1:]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.communicate()
        return None, timeout, float("nan")
    wall, peak_kb = err.strip().splitlines()[-1].split()
    return proc.returncode, float(wall), int(peak_kb) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/glasshouse")
    ap.add_argument("--only", default="")
    ap.add_argument("--limit-mib", type=float, default=1)
    ap.add_argument("--timeout", type=float, default=120, help="seconds a build may take")
    args = ap.parse_args()
    size = int(args.limit_mib * 1024 * 1024) - 4096
    only = set(filter(None, args.only.split(",")))
    binary = os.path.abspath(args.bin)
    with tempfile.TemporaryDirectory() as tmp:
        base = os.path.join(tmp, "empty")
        shutil.copytree(FIXTURE, base)
        def both(site):
            cells = []
            for command in ["build", "check"]:
                code, wall, peak = run(binary, site, args.timeout, command)
                status = "stopped" if code is None else str(code)
                cells.append("%s | %.2f s | %.0f MB" % (status, wall, peak))
            return " | ".join(cells)
        print("| input | what it is | build: exit | time | peak memory | check --strict: exit | time | peak memory |")
        print("|---|---|---|---|---|---|---|---|")
        print("| (none) | the fixture site as it is | %s |" % both(base))
        for name, (what, files) in attacks(size).items():
            if only and name not in only:
                continue
            site = os.path.join(tmp, name)
            shutil.copytree(FIXTURE, site)
            total = 0
            for rel, text in files.items():
                path = os.path.join(site, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as f:
                    f.write(text)
                total += len(text.encode())
            print("| %s (%.1f MB) | %s | %s |" % (name, total / 1e6, what, both(site)), flush=True)
            shutil.rmtree(site)


if __name__ == "__main__":
    sys.exit(main())
