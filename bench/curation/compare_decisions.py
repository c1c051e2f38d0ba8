#!/usr/bin/env python3
"""Agreement of keep/drop decisions between the Python reference (--decisions TSV: id, reason|keep) and a MixLab run
written with --format jsonl (output/*.jsonl kept, excluded/<step>/*.jsonl with metadata.filter_reason)."""
import glob, json, os, sys
from collections import Counter

py = {}
for line in open(sys.argv[1], encoding="utf-8"):
    doc_id, reason = line.rstrip("\n").split("\t")
    py[doc_id] = reason
out = sys.argv[2]
ml = {}
for f in glob.glob(os.path.join(out, "output", "*.jsonl")):
    for line in open(f, encoding="utf-8"):
        ml[json.loads(line)["id"]] = "keep"
for f in glob.glob(os.path.join(out, "excluded", "*", "*.jsonl")):
    for line in open(f, encoding="utf-8"):
        d = json.loads(line)
        ml[d["id"]] = d["metadata"]["filter_reason"]
common = [k for k in py if k in ml]
same_keep = sum((py[k] == "keep") == (ml[k] == "keep") for k in common)
same_reason = sum(py[k] == ml[k] for k in common)
print(f"documents compared: {len(common)} (python {len(py)}, mixlab {len(ml)})")
print(f"same keep/drop decision: {same_keep} ({100.0 * same_keep / max(1, len(common)):.2f} %)")
print(f"same reason: {same_reason} ({100.0 * same_reason / max(1, len(common)):.2f} %)")
diff = Counter((py[k], ml[k]) for k in common if py[k] != ml[k])
for (a, b), n in diff.most_common(8):
    print(f"  python {a} / mixlab {b}: {n}")
