#!/usr/bin/env bash
# Issue 7, experiment 1: Aioli vs stratified, DoReMi, Skill-It and Data Mixing Law on code/legal/literature
# (Aioli spec §7 D, scaled down). Re-runnable: finished runs are skipped. Outputs in out/exp/mixing/.
# usage: bench/experiments/mixing/run.sh [SEEDS...]   (default 1 2 3); PAR=2 THREADS=1 by default
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
HERE="$ROOT/bench/experiments/mixing"
O="$ROOT/out/exp/mixing"
SEEDS=${*:-1 2 3}
mkdir -p "$O/cfg"
BASE="$HERE/base.yaml"
$MKCFG "$BASE" "$O/cfg/base.yaml"

# Phase 1: stratified per seed (also DoReMi's reference), Aioli per seed, and the static sweep (seed 1):
# the three one-group runs (Skill-It's graph and DML points) and three 0.6/0.2/0.2 mixtures (DML points).
jobs="$O/jobs1.txt"; : > "$jobs"
for s in $SEEDS; do
  echo "$O/stratified-s$s $O/cfg/base.yaml stratified $s" >> "$jobs"
  echo "$O/aioli-s$s $O/cfg/base.yaml aioli $s" >> "$jobs"
done
sweep=("1,0,0" "0,1,0" "0,0,1" "0.6,0.2,0.2" "0.2,0.6,0.2" "0.2,0.2,0.6")
for w in "${sweep[@]}"; do
  IFS=, read -r a b c <<< "$w"
  name="sweep-${a}_${b}_${c}"
  $MKCFG "$BASE" "$O/cfg/$name.yaml" --static "code=$a,legal=$b,literature=$c"
  echo "$O/$name $O/cfg/$name.yaml static 1" >> "$jobs"
done
run_jobs "$jobs"

# Skill-It graph from the one-group runs, DML law fit from the sweep (+ stratified seed 1).
$PY "$HERE/prepare.py" "$O"
$MIXLAB fit "$O/dml-sweep.csv" --law mixing --optimize --out "$O/dml-fit" --json > "$O/dml-fit.json" 2> "$O/dml-fit.log" || { cat "$O/dml-fit.log"; exit 1; }
$PY "$HERE/prepare.py" "$O" --laws
GRAPH=$(cat "$O/skillit-graph.json"); LAWS=$(cat "$O/dml-laws.json")

# Phase 2: DoReMi (online proxy against the stratified run of the same seed), Skill-It, DML.
jobs="$O/jobs2.txt"; : > "$jobs"
$MKCFG "$BASE" "$O/cfg/skillit.yaml" --graph "$GRAPH"
$MKCFG "$BASE" "$O/cfg/dml.yaml" --laws "$LAWS"
for s in $SEEDS; do
  $MKCFG "$BASE" "$O/cfg/doremi-s$s.yaml" --reference "$O/stratified-s$s"
  echo "$O/doremi-s$s $O/cfg/doremi-s$s.yaml doremi $s" >> "$jobs"
  echo "$O/skillit-s$s $O/cfg/skillit.yaml skill_it $s" >> "$jobs"
  echo "$O/dml-s$s $O/cfg/dml.yaml data_mixing_law $s" >> "$jobs"
done
run_jobs "$jobs"

# Phase 3: DoReMi's final static run on the proxy's step-averaged weights.
jobs="$O/jobs3.txt"; : > "$jobs"
for s in $SEEDS; do
  w=$($PY "$HERE/prepare.py" "$O" --average "$O/doremi-s$s/proportions.csv")
  $MKCFG "$BASE" "$O/cfg/doremi-final-s$s.yaml" --static "$w"
  echo "$O/doremi-final-s$s $O/cfg/doremi-final-s$s.yaml static $s" >> "$jobs"
done
run_jobs "$jobs"

$PY "$HERE/analyze.py" "$O" "$HERE"
