# Shared helpers for the issue-7 experiment scripts (source it from bench/experiments/*/run.sh).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MIXLAB="dotnet $ROOT/src/MixLab.Cli/bin/Release/net10.0/mixlab.dll"
PY=/usr/bin/python3
MKCFG="$PY $ROOT/bench/experiments/mkcfg.py"
PAR=${PAR:-2}          # trainings in parallel (2 cores)
THREADS=${THREADS:-1}  # torch threads per training

# train OUT CONFIG POLICY SEED [extra args]: skips runs that already finished (summary.json present).
train() {
  local out=$1 cfg=$2 pol=$3 seed=$4; shift 4
  if [ -f "$out/summary.json" ]; then return 0; fi
  mkdir -p "$out"
  $MIXLAB train "$cfg" --policy "$pol" --seed "$seed" --out "$out" --threads "$THREADS" "$@" > "$out/stdout.json" 2> "$out/stderr.log" \
    || { echo "FAILED: $out (see $out/stderr.log)" >&2; tail -3 "$out/stderr.log" >&2; return 1; }
  echo "done $out $(grep -o '"tokens_per_second": [0-9.]*' "$out/summary.json")" >&2
}
export -f train
export MIXLAB THREADS

# run_jobs FILE: each line is the arguments of one `train` call; PAR at a time.
run_jobs() { xargs -P "$PAR" -L 1 bash -c 'train "$@"' _ < "$1"; }
