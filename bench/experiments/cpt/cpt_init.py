#!/usr/bin/env python3
"""Starts a CPT run from a pre-training checkpoint (stdlib only).

`mixlab train` has no option to initialise from another run's checkpoint (docs/train.md: --resume only accepts a
checkpoint written by the same config, policy and seed). This script is the closest feasible setup: it copies the
pre-training checkpoint's model and optimizer tensors into OUT/checkpoint and rewrites state.json as the state of a
fresh run of the CPT config at step 0 (its config hash, step/tokens/decision counters at 0, no rows, the static
policy's proportions set to the CPT mixture, no accumulated losses). `mixlab train CPT_CONFIG --resume --out OUT`
then trains the CPT config from the pre-trained weights (AdamW moments carried over, the CPT config's own
learning-rate schedule from step 0). The sampler's random state is carried over from pre-training.

usage: cpt_init.py PRETRAIN_OUT OUT CONFIG_HASH R
"""
import json
import os
import shutil
import sys

src, out, chash, r = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
ck_src, ck = os.path.join(src, "checkpoint"), os.path.join(out, "checkpoint")
if os.path.exists(ck): shutil.rmtree(ck)
os.makedirs(ck)
for f in ("model.bin", "optimizer.bin"): shutil.copy(os.path.join(ck_src, f), ck)
s = json.load(open(os.path.join(ck_src, "state.json")))
m = len(s["domains"])
assert s["domains"] == ["code", "legal", "literature"], s["domains"]
p = [r, (1 - r) / 2, (1 - r) / 2]
s.update(config_hash=chash, step=0, tokens=0, domain_tokens=[0] * m, decision_index=0, steps_into_decision=0,
         train_loss_sum=[0.0] * m, train_loss_count=[0] * m, reference_loss_sum=[0.0] * m, rows=[],
         skipped_steps=0, warnings=[])
s["proportion_rows"] = [{"step": 0, "proportions": p}] if s["proportion_rows"] and isinstance(s["proportion_rows"][0], dict) else [[0, p]]
ps = s["policy_state"]
ps["proportions"] = p
if "cost" in ps: ps["cost"] = [0 for _ in ps["cost"]] if isinstance(ps["cost"], list) else ps["cost"]
json.dump(s, open(os.path.join(ck, "state.json"), "w"), indent=1)
