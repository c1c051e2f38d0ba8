#!/usr/bin/env bash
# Policy overhead over stratified (issue 7): the mixing experiment's configs (2x128, 200 steps, batch 16, seed 1,
# --threads 1), run one after another on the same machine, training-loop seconds from summary.json (Aioli's
# perturbation steps and extra validation passes, DoReMi's reference forward passes, Skill-It's validation
# feedback all included) and the process wall time. Needs bench/experiments/mixing/run.sh to have run (configs,
# DoReMi's reference checkpoint). usage: bench/train/overhead.sh   (writes bench/train/overhead.md)
set -euo pipefail
source "$(dirname "$0")/../experiments/lib.sh"
C="$ROOT/out/exp/mixing/cfg"; O="$ROOT/out/exp/overhead"; mkdir -p "$O"
: > "$O/results.jsonl"
for spec in "stratified base" "aioli base" "doremi doremi-s1" "skill_it skillit" "data_mixing_law dml" "static doremi-final-s1"; do
  read -r pol cfg <<< "$spec"
  rm -rf "$O/$pol"
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s.%N)
  $MIXLAB train "$C/$cfg.yaml" --policy "$pol" --seed 1 --out "$O/$pol" --threads 1 --json 2>/dev/null > "$O/$pol.json"
  t1=$(date +%s.%N)
  $PY -c "import json; s=json.load(open('$O/$pol.json')); print(json.dumps({'policy':'$pol','seconds':s['seconds'],'wall':$t1-$t0,'load':$load,'cost':s['cost']}))" >> "$O/results.jsonl"
done
$PY - "$O/results.jsonl" "$ROOT/bench/train/overhead.md" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
base = rows[0]
md = ["| policy | training-loop s | vs stratified | process wall s | vs stratified | perturbation steps | validation passes | reference steps | 1-min load at start |",
      "|---|---|---|---|---|---|---|---|---|"]
for r in rows:
    c = r["cost"]
    md.append(f"| {r['policy']} | {r['seconds']:.1f} | {r['seconds'] / base['seconds']:.2f}x | {r['wall']:.1f} | {r['wall'] / base['wall']:.2f}x | "
              f"{c['perturbation_steps']} | {c['validation_passes']} | {c['reference_steps']} | {r['load']} |")
text = "\n".join(md) + "\n"
open(sys.argv[2], "w").write(text); print(text)
PY
