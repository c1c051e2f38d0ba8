#!/usr/bin/env bash
# Second check of experiment 2 (optional): a longer CPT run at another ratio (default 0.75, the largest tried ratio
# that the short runs' token laws call feasible), then the summary is redone. Run after run.sh.
set -euo pipefail
R=${1:-0.75}
HERE="$(cd "$(dirname "$0")" && pwd)"
eval "$(sed -n '/^source/p' "$HERE/run.sh")"
O="$ROOT/out/exp/cpt"; LONG=${LONG:-180}; EPS=${EPS:-0.02}
eval "$(sed -n '/^cpt_run() {/,/^}/p' "$HERE/run.sh")"
cpt_run "long-r$R" "$R" "$LONG"
$PY "$HERE/to_cmr.py" "$O" "$O/cpt-long.csv" long
$PY "$HERE/analyze.py" "$O" "$HERE" "$EPS" "$LONG"
