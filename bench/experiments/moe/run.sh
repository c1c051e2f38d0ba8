#!/usr/bin/env bash
# Issue 7, experiment 3: dense vs MoE (E = 8, top-2, expert width 64 = d_model, so G = 2·d/d_expert = 2, A = 2/8)
# at matched compute. Dense runs at 3 step budgets give loss vs training FLOPs; each MoE run's EL is the dense
# compute that reaches its loss (interpolated in log-log between dense runs) divided by its own compute, compared
# with `mixlab moe el` at the same A, G and C. Re-runnable. Outputs in out/exp/moe/.
# usage: bench/experiments/moe/run.sh   (env: DENSE_STEPS="150 300 600" MOE_STEPS="150 300")
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
HERE="$ROOT/bench/experiments/moe"
O="$ROOT/out/exp/moe"
DENSE_STEPS=${DENSE_STEPS:-150 300 600}; MOE_STEPS=${MOE_STEPS:-150 300}
mkdir -p "$O/cfg"
MOE='{"experts": 8, "top_k": 2, "expert_hidden": 64, "shared_expert": false}'
jobs="$O/jobs.txt"; : > "$jobs"
for s in $DENSE_STEPS; do
  $MKCFG "$HERE/base.yaml" "$O/cfg/dense-$s.yaml" --set training.steps=$s
  echo "$O/dense-$s $O/cfg/dense-$s.yaml stratified 1" >> "$jobs"
done
for s in $MOE_STEPS; do
  $MKCFG "$HERE/base.yaml" "$O/cfg/moe-$s.yaml" --set training.steps=$s --moe "$MOE"
  echo "$O/moe-$s $O/cfg/moe-$s.yaml stratified 1" >> "$jobs"
done
run_jobs "$jobs"
$PY "$HERE/analyze.py" "$O" "$HERE" "$MIXLAB"
