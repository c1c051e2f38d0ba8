#!/usr/bin/env bash
# Build the curation benchmark corpus: bench/curation/make_corpus.sh [OUT] [SIZE_MB] [SEED]
# Defaults: /tmp/mixlab-bench/bench-600mb.jsonl.zst, 600 MB uncompressed, seed 1.
# Builds the full Debian corpus first (samples/corpus/build.sh) when it is missing.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-${TMPDIR:-/tmp}/mixlab-bench/bench-${2:-600}mb.jsonl.zst}"
SIZE="${2:-600}"
SEED="${3:-1}"
command -v zstd >/dev/null || apt-get install -y --no-install-recommends zstd
if [ ! -f "${TMPDIR:-/tmp}/mixlab-corpus/debian-full.jsonl" ]; then
  "$HERE/../../samples/corpus/build.sh"
fi
mkdir -p "$(dirname "$OUT")"
/usr/bin/python3 "$HERE/make_corpus.py" "$OUT" --size-mb "$SIZE" --seed "$SEED"
