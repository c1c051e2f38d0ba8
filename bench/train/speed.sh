#!/usr/bin/env bash
# Trainer speed (issue 7): MixLab tokens/s for two model sizes, and the same model in PyTorch (Debian python3-torch
# 1.13, apt-get install -y python3-torch) at the same batch 16, context 128, byte vocabulary and 1 thread.
# MixLab's rate is marginal: (tokens(N2) - tokens(N1)) / (seconds(N2) - seconds(N1)) from two runs of N1 < N2 steps
# (one evaluation at the end of each), which removes start-up, the first-step warm-up and the final evaluation.
# PyTorch's rate is timed over STEPS steps after 3 warm-up steps, with OPENBLAS_NUM_THREADS=1 (without it,
# Debian's OpenBLAS spins a second thread against torch's one and runs several times slower).
# usage: REPS=3 bench/train/speed.sh   (REPS rounds, alternating MixLab and PyTorch per size; writes out/exp/speed/*.json and bench/train/results.md)
set -euo pipefail
source "$(dirname "$0")/../experiments/lib.sh"
O="$ROOT/out/exp/speed"; mkdir -p "$O"
BASE="$ROOT/samples/train/tiny.yaml"
REPS=${REPS:-3}
: > "$O/results.jsonl"
for rep in $(seq "$REPS"); do
for size in "2 128 4 20 80" "4 256 4 6 24"; do
  read -r L D H N1 N2 <<< "$size"
  for n in $N1 $N2; do
    $MKCFG "$BASE" "$O/cfg-${L}x${D}-$n.yaml" --set model.layers=$L --set model.d_model=$D --set model.heads=$H \
      --set training.steps=$n --set training.eval_interval=100000 --set training.checkpoint_interval=0
    load=$(cut -d' ' -f1 /proc/loadavg)
    rm -rf "$O/mixlab-${L}x${D}-$n"
    $MIXLAB train "$O/cfg-${L}x${D}-$n.yaml" --policy stratified --out "$O/mixlab-${L}x${D}-$n" --threads 1 --json 2>/dev/null \
      | $PY -c "import json,sys; s=json.load(sys.stdin); print(json.dumps({'impl':'mixlab','size':'${L}x${D}','steps':s['steps'],'tokens':s['tokens'],'seconds':s['seconds'],'load':$load,'rep':$rep}))" >> "$O/results.jsonl"
  done
  load=$(cut -d' ' -f1 /proc/loadavg)
  OPENBLAS_NUM_THREADS=1 $PY "$ROOT/bench/train/torch_gpt.py" $L $D $H $((N2 - N1)) --threads 1 \
    | $PY -c "import json,sys; s=json.load(sys.stdin); s.update(size='${L}x${D}', load=$load, rep=$rep); print(json.dumps(s))" >> "$O/results.jsonl"
done
done
$PY - "$O/results.jsonl" "$ROOT/bench/train/results.md" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
md = ["| model | round | MixLab tokens/s (marginal) | PyTorch 1.13 tokens/s | MixLab / PyTorch | 1-min load during the round |", "|---|---|---|---|---|---|"]
for size in dict.fromkeys(r["size"] for r in rows):
    ratios = []
    for rep in sorted({r["rep"] for r in rows}):
        rr = [r for r in rows if r["size"] == size and r["rep"] == rep]
        m = sorted((r for r in rr if r["impl"] == "mixlab"), key=lambda r: r["steps"])
        t = next(r for r in rr if r["impl"] == "pytorch")
        rate = (m[1]["tokens"] - m[0]["tokens"]) / (m[1]["seconds"] - m[0]["seconds"])
        ratios.append((rate, t["tokens_per_second"]))
        md.append(f"| {size} | {rep} | {rate:,.0f} | {t['tokens_per_second']:,.0f} | {rate / t['tokens_per_second']:.2f}x | {', '.join(str(r['load']) for r in rr)} |")
    a, b = statistics.median(x for x, _ in ratios), statistics.median(y for _, y in ratios)
    md.append(f"| **{size}** | median | **{a:,.0f}** | **{b:,.0f}** | **{a / b:.2f}x** (median of per-round ratios {statistics.median(x / y for x, y in ratios):.2f}x) | |")
text = "\n".join(md) + "\n"
open(sys.argv[2], "w").write(text)
print(text)
PY
