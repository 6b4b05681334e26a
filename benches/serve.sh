#!/usr/bin/env bash
# Time a one-explainer edit in `serve` against a full rebuild, on a generated site
# of N explainers (default 1,000) in 6 languages for 7 markets.
#   benches/serve.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
dir="${TMPDIR:-/tmp}/glasshouse-corpus-$n"
cargo bench --quiet --bench gen-corpus -- --explainers "$n" --out "$dir"
cargo bench --quiet --bench serve-edit -- --root "$dir" --runs 21
