#!/usr/bin/env python3
"""Writes a variant of a base train config (python3 stdlib only; line-based edits of the flat YAML we ship).

usage: mkcfg.py BASE OUT [--set section.key=value ...] [--static code=0.5,legal=0.25,literature=0.25]
                         [--graph JSON] [--laws JSON] [--reference DIR] [--moe JSON|none]

--set replaces `key:` inside `section:` (two-level keys only, e.g. model.d_model=256, training.steps=300).
The corpus path is made absolute so the generated file can live anywhere.
"""
import json
import os
import re
import sys


def main(argv):
    base, out = argv[0], argv[1]
    sets, static, graph, laws, reference, moe = [], None, None, None, None, None
    i = 2
    while i < len(argv):
        a, v = argv[i], argv[i + 1]
        if a == "--set": sets.append(v)
        elif a == "--static": static = v
        elif a == "--graph": graph = v
        elif a == "--laws": laws = v
        elif a == "--reference": reference = v
        elif a == "--moe": moe = v
        else: raise SystemExit(f"unknown option {a}")
        i += 2
    base_dir = os.path.dirname(os.path.abspath(base))
    lines = open(base).read().splitlines()

    def fix_inputs(line):
        m = re.match(r"(\s*inputs:\s*\[)([^\]]+)(\].*)", line)
        if not m: return line
        paths = [p.strip() for p in m.group(2).split(",")]
        return m.group(1) + ", ".join(os.path.normpath(os.path.join(base_dir, p)) for p in paths) + m.group(3)

    lines = [fix_inputs(l) for l in lines]
    for s in sets:
        key, value = s.split("=", 1)
        section, name = key.split(".")
        sec_i = next(j for j, l in enumerate(lines) if re.match(rf"^{section}:\s*$", l))
        done = False
        for j in range(sec_i + 1, len(lines)):
            if re.match(r"^\S", lines[j]): break
            if re.match(rf"^\s+{name}:", lines[j]):
                indent = re.match(r"^(\s+)", lines[j]).group(1)
                lines[j] = f"{indent}{name}: {value}"
                done = True
                break
        if not done:
            lines.insert(sec_i + 1, f"  {name}: {value}")
    mix_i = next(j for j, l in enumerate(lines) if l.startswith("mixing:"))
    if static is not None:
        w = ", ".join(f"{k}: {v}" for k, v in (p.split("=") for p in static.split(",")))
        lines = [re.sub(r"^(\s+weights:).*", rf"\1 {{ {w} }}", l) for l in lines]
    if graph is not None:
        g = json.loads(graph)
        lines = [re.sub(r"graph: \[\[.*?\]\]", "graph: " + json.dumps(g), l) for l in lines]
    if laws is not None:
        lines.insert(mix_i + 1, "  data_mixing_law: { laws: " + json.dumps(json.loads(laws)) + " }")
    if reference is not None:
        lines.insert(mix_i + 1, f"  reference_checkpoint: {os.path.abspath(reference)}")
    if moe is not None and moe != "none":
        model_i = next(j for j, l in enumerate(lines) if l.startswith("model:"))
        lines.insert(model_i + 1, "  moe: " + json.dumps(json.loads(moe)))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    open(out, "w").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
