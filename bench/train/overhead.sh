#!/usr/bin/env bash
# Policy overhead over stratified (issue 7): the mixing experiment's configs (2x128, 200 steps, batch 16, seed 1,
# --threads 1), run one after another on the same machine, training-loop seconds from summary.json (Aioli's
# perturbation steps and extra validation passes, DoReMi's reference forward passes, Skill-It's validation
# feedback all included) and the process wall time. Needs bench/experiments/mixing/run.sh to have run (configs,
# DoReMi's reference checkpoint). ROUNDS rounds (default 3); a (round, policy) already in results.jsonl is skipped,
# so the script can be re-run. The table shows each policy's median ratio to the same round's stratified run.
# usage: bench/train/overhead.sh   (writes bench/train/overhead.md)
set -euo pipefail
source "$(dirname "$0")/../experiments/lib.sh"
C="$ROOT/out/exp/mixing/cfg"; O="$ROOT/out/exp/overhead"; mkdir -p "$O"
touch "$O/results.jsonl"
for round in $(seq "${ROUNDS:-3}"); do
for spec in "stratified base" "aioli base" "doremi doremi-s1" "skill_it skillit" "data_mixing_law dml" "static doremi-final-s1"; do
  read -r pol cfg <<< "$spec"
  grep -q "\"policy\": \"$pol\".*\"round\": $round}" "$O/results.jsonl" && continue
  rm -rf "$O/$pol"
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s.%N)
  $MIXLAB train "$C/$cfg.yaml" --policy "$pol" --seed 1 --out "$O/$pol" --threads 1 --json 2>/dev/null > "$O/$pol.json"
  t1=$(date +%s.%N)
  $PY -c "import json; s=json.load(open('$O/$pol.json')); print(json.dumps({'policy':'$pol','seconds':s['seconds'],'wall':$t1-$t0,'load':$load,'cost':s['cost'],'round':$round}))" >> "$O/results.jsonl"
done
done
$PY - "$O/results.jsonl" "$ROOT/bench/train/overhead.md" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
base = {r["round"]: r for r in rows if r["policy"] == "stratified"}
md = ["| policy | training-loop s per round | median ratio to stratified (per round) | process wall ratio (median) | perturbation steps | validation passes | reference steps | 1-min load at starts |",
      "|---|---|---|---|---|---|---|---|"]
for pol in dict.fromkeys(r["policy"] for r in rows):
    rr = sorted((r for r in rows if r["policy"] == pol and r["round"] in base), key=lambda r: r["round"])
    ratios = [r["seconds"] / base[r["round"]]["seconds"] for r in rr]
    walls = [r["wall"] / base[r["round"]]["wall"] for r in rr]
    c = rr[0]["cost"]
    secs = ", ".join("%.1f" % r["seconds"] for r in rr)
    md.append(f"| {pol} | {secs} | **{statistics.median(ratios):.2f}x** ({', '.join(f'{x:.2f}' for x in ratios)}) | "
              f"{statistics.median(walls):.2f}x | {c['perturbation_steps']} | {c['validation_passes']} | {c['reference_steps']} | {', '.join(str(r['load']) for r in rr)} |")
text = "\n".join(md) + "\n"
open(sys.argv[2], "w").write(text); print(text)
PY
