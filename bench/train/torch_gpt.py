#!/usr/bin/env python3
"""The MixLab trainer's dense GPT in PyTorch, for a side-by-side speed check (Debian python3-torch 1.13).

Same architecture as src/MixLab.Training/Model: token + position embeddings, pre-LN blocks (LayerNorm -> causal
self-attention with a fused qkv Linear with bias -> residual; LayerNorm -> Linear -> GELU -> Linear -> residual),
final LayerNorm, output tied to the token embedding; byte vocabulary 257; per-sequence mean cross-entropy, AdamW
(decay on matrices except position embeddings), global gradient clipping at 1. torch 1.13 has no
scaled_dot_product_attention, so attention is written out (masked softmax); libtorch 2.10 under TorchSharp uses its
fused kernel. Batches are random byte windows (speed only; no data loading on either side's clock).

usage: torch_gpt.py LAYERS D_MODEL HEADS STEPS [--batch 16] [--context 128] [--threads 1] [--warmup 3]
prints JSON: steady-state tokens/s over STEPS timed steps after the warm-up steps.
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d, heads, hidden, context):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.fc, self.fc_proj = nn.Linear(d, hidden), nn.Linear(hidden, d)
        self.heads = heads
        self.register_buffer("mask", torch.ones(context, context, dtype=torch.bool).tril(), persistent=False)

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(c // self.heads)
        att = att.masked_fill(~self.mask[:t, :t], float("-inf")).softmax(-1)
        x = x + self.proj((att @ v).transpose(1, 2).contiguous().view(b, t, c))
        return x + self.fc_proj(F.gelu(self.fc(self.ln2(x))))


class Gpt(nn.Module):
    def __init__(self, layers, d, heads, context, vocab=257, mlp_ratio=4):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(vocab, d), nn.Embedding(context, d)
        self.blocks = nn.ModuleList(Block(d, heads, d * mlp_ratio, context) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d)
        for name, p in self.named_parameters():
            if p.dim() >= 2: nn.init.normal_(p, 0, 0.02)
            elif "ln" not in name: nn.init.zeros_(p)

    def forward(self, tokens):
        inp, target = tokens[:, :-1], tokens[:, 1:]
        b, t = inp.shape
        x = self.wte(inp) + self.wpe(torch.arange(t))
        for blk in self.blocks: x = blk(x)
        logits = self.ln_f(x) @ self.wte.weight.t()
        ce = F.cross_entropy(logits.reshape(b * t, -1), target.reshape(b * t), reduction="none")
        return ce.view(b, t).mean(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("layers", type=int); ap.add_argument("d_model", type=int); ap.add_argument("heads", type=int)
    ap.add_argument("steps", type=int)
    ap.add_argument("--batch", type=int, default=16); ap.add_argument("--context", type=int, default=128)
    ap.add_argument("--threads", type=int, default=1); ap.add_argument("--warmup", type=int, default=3)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    model = Gpt(a.layers, a.d_model, a.heads, a.context)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and "wpe" not in n]
    no_decay = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and "wpe" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=1e-3, betas=(0.9, 0.95), eps=1e-8)
    g = torch.Generator().manual_seed(2)

    def step():
        tokens = torch.randint(0, 257, (a.batch, a.context + 1), generator=g)
        loss = model(tokens).mean()
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()

    for _ in range(a.warmup): step()
    t0 = time.perf_counter()
    for _ in range(a.steps): step()
    secs = time.perf_counter() - t0
    tokens = a.steps * a.batch * a.context
    print(json.dumps({"impl": "pytorch", "torch": torch.__version__, "layers": a.layers, "d_model": a.d_model,
                      "steps": a.steps, "tokens": tokens, "seconds": secs, "tokens_per_second": tokens / secs,
                      "params": sum(p.numel() for p in model.parameters())}))


if __name__ == "__main__":
    main()
