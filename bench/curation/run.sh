#!/usr/bin/env bash
# Curation speed benchmark (issue 6): the full mixturevitae preset over a >= 500 MB JSONL.zst corpus built from the
# sample corpus, against (a) the raw floor (reading + decompressing + parsing the same files and nothing else, same
# readers) and (b) the Python reference of the same Gopher/C4/FineWeb filters (bench/curation/reference.py), per core.
#   bench/curation/run.sh [SIZE_MB_PER_SHARD] [SHARDS] [PY_LIMIT_DOCS]
# Defaults: 4 shards of 150 MB (600 MB uncompressed), Python reference on the first 20,000 documents of shard 1.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SIZE="${1:-150}"
SHARDS="${2:-4}"
PYLIMIT="${3:-20000}"
WORK="${TMPDIR:-/tmp}/mixlab-bench/curation"
mkdir -p "$WORK/corpus"
for i in $(seq 1 "$SHARDS"); do
  f="$WORK/corpus/shard-$i.jsonl.zst"
  [ -f "$f" ] || bash "$HERE/make_corpus.sh" "$f" "$SIZE" "$i" >/dev/null
done
cd "$ROOT"
dotnet build src/MixLab.Cli -c Release -v q -nologo >/dev/null
MIXLAB="dotnet $ROOT/src/MixLab.Cli/bin/Release/net10.0/mixlab.dll"

echo "== machine: $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
du -b "$WORK"/corpus/*.jsonl.zst | awk '{s+=$1} END {printf "corpus: %.1f MB compressed\n", s/1e6}'
for f in "$WORK"/corpus/*.jsonl.zst; do zstd -dc "$f" | wc -c; done | awk '{s+=$1} END {printf "corpus: %.1f MB uncompressed JSONL\n", s/1e6}'

echo "== raw floor: read + decompress + parse (1 process)"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" $MIXLAB curate "$WORK/corpus" --read-only --json

echo "== full mixturevitae preset, 1 worker process"
rm -rf "$WORK/out1"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" $MIXLAB curate "$WORK/corpus" --preset mixturevitae --out "$WORK/out1" --json > "$WORK/out1.stats.json"
/usr/bin/python3 -c "import json,sys; s=json.load(open('$WORK/out1.stats.json')); print('documents', s['documents_read'], 'kept', s['kept'], 'dropped', s['dropped'])"
echo "-- where the time went (stats.json, seconds)"
/usr/bin/python3 - "$WORK/out1.stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"read {s['read_seconds']:.2f}  write kept {s['write_seconds']:.2f}")
for st in s["steps"]:
    print(f"{st['step']:<18} in {st['in']:>6}  {st['seconds']:6.2f} s  exclusions written {st.get('exclusion_write_seconds', 0):5.2f} s")
PY

echo "== write floor: read + write every document as zstd level 1 JSONL (one cheap step that keeps everything), 1 process"
cat > "$WORK/write-all.yaml" <<'YAML'
exclusions: false
zstd_level: 1
pipeline:
  - step: secrets
YAML
rm -rf "$WORK/out-write"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" $MIXLAB curate "$WORK/corpus" --config "$WORK/write-all.yaml" --out "$WORK/out-write" --json > "$WORK/out-write.stats.json"

echo "== the four datatrove filters only (same chain as the Python reference), 1 worker process"
cat > "$WORK/filters.yaml" <<'YAML'
exclusions: false
pipeline:
  - step: gopher_quality
  - step: gopher_repetition
  - step: c4_quality
  - step: fineweb_quality
YAML
rm -rf "$WORK/out-filters"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" $MIXLAB curate "$WORK/corpus" --config "$WORK/filters.yaml" --out "$WORK/out-filters" --json > "$WORK/out-filters.stats.json"

echo "== full preset, 2 worker processes (tasks = shards)"
rm -rf "$WORK/out2"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" $MIXLAB curate "$WORK/corpus" --preset mixturevitae --tasks "$SHARDS" --workers 2 --out "$WORK/out2" --json > /dev/null

echo "== Python reference (stdlib, 1 process), first $PYLIMIT documents of shard 1"
/usr/bin/python3 "$HERE/reference.py" "$WORK/corpus/shard-1.jsonl.zst" --limit "$PYLIMIT" --decisions "$WORK/py-decisions.tsv"

echo "== MixLab on the same $PYLIMIT documents (four filters), for the per-document ratio and the agreement of decisions"
# (zstd gets SIGPIPE when head stops reading; that is not an error under pipefail)
{ zstd -dc "$WORK/corpus/shard-1.jsonl.zst" || true; } | head -n "$PYLIMIT" > "$WORK/first.jsonl"
rm -rf "$WORK/out-first"
cat > "$WORK/filters-excl.yaml" <<'YAML'
pipeline:
  - step: gopher_quality
  - step: gopher_repetition
  - step: c4_quality
  - step: fineweb_quality
YAML
echo "-- timing: the same chain as the Python reference (no exclusions written, as the reference writes none)"
rm -rf "$WORK/out-first-timing"
/usr/bin/time -f "%e s wall, %U s user, %S s sys" $MIXLAB curate "$WORK/first.jsonl" --config "$WORK/filters.yaml" --out "$WORK/out-first-timing" --json > /dev/null
echo "-- decisions: the same run with exclusions, whose filter_reason fields the comparison reads"
/usr/bin/time -f "%e s wall" $MIXLAB curate "$WORK/first.jsonl" --config "$WORK/filters-excl.yaml" --format jsonl --out "$WORK/out-first" --json > /dev/null
/usr/bin/python3 "$HERE/compare_decisions.py" "$WORK/py-decisions.tsv" "$WORK/out-first"
