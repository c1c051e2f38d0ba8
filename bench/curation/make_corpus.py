#!/usr/bin/python3
"""Generate a large benchmark JSONL.zst by recombining paragraphs of the real sample corpus.

    make_corpus.py OUT.jsonl.zst [--size-mb 600] [--seed 1] [--input CORPUS.jsonl[.zst] ...]

Input: the full Debian corpus built by samples/corpus/build.sh (/tmp/mixlab-corpus/debian-full.jsonl) when it
exists, else the committed samples/corpus/debian-sample.jsonl.zst, plus samples/corpus/edge-cases.jsonl.
Each new document draws a target length from a log-normal (median ~4 KB), starts at a random paragraph of a
random real document and carries that document's source and licence metadata, then continues with the
following paragraphs of the same document (70 %) or jumps to a random paragraph of another document of the
same domain (30 %). A seeded RNG makes the output reproducible; exact duplicates are rare.
Output is streamed through the `zstd` command (python's zstandard module is not assumed).
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FULL = os.path.join(os.environ.get("TMPDIR", "/tmp"), "mixlab-corpus", "debian-full.jsonl")
SAMPLE = os.path.join(REPO, "samples", "corpus", "debian-sample.jsonl.zst")
EDGE = os.path.join(REPO, "samples", "corpus", "edge-cases.jsonl")


def read_jsonl(path):
    if path.endswith(".zst"):
        proc = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE)
        stream = proc.stdout
    else:
        proc, stream = None, open(path, "rb")
    for line in stream:
        if line.strip():
            yield json.loads(line)
    if proc:
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--size-mb", type=float, default=600.0, help="uncompressed JSONL size (MB = 1e6 bytes)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--input", nargs="*", help="corpus files (default: full Debian corpus or committed sample)")
    ap.add_argument("--median-kb", type=float, default=4.0)
    ap.add_argument("--level", type=int, default=3, help="zstd level")
    args = ap.parse_args()

    inputs = args.input or ([FULL] if os.path.exists(FULL) else [SAMPLE])
    if not args.input and os.path.exists(EDGE):
        inputs.append(EDGE)
    docs, paras, by_domain = [], [], {}
    for path in inputs:
        for d in read_jsonl(path):
            ps = [p for p in d["text"].split("\n\n") if p.strip()]
            if not ps:
                continue
            di = len(docs)
            docs.append((d.get("source"), d.get("metadata") or {}, len(paras), len(ps)))
            by_domain.setdefault((d.get("metadata") or {}).get("domain"), []).append(di)
            paras.extend(ps)
    print(f"input: {len(docs)} documents, {len(paras)} paragraphs from {inputs}", file=sys.stderr)

    rng = random.Random(args.seed)
    mu, sigma = math.log(args.median_kb * 1000), 0.8
    budget = int(args.size_mb * 1e6)
    zstd = subprocess.Popen(["zstd", f"-{args.level}", "-q", "-f", "-o", args.out], stdin=subprocess.PIPE)
    written, n, buf = 0, 0, []
    while written < budget:
        target = min(max(int(rng.lognormvariate(mu, sigma)), 300), 200_000)
        di = rng.randrange(len(docs))
        source, meta, start, count = docs[di]
        cur_doc, pos = di, start + rng.randrange(count)
        parts, size = [], 0
        while size < target:
            p = paras[pos]
            parts.append(p)
            size += len(p) + 2
            _, m2, s2, c2 = docs[cur_doc]
            if rng.random() < 0.7 and pos + 1 < s2 + c2:
                pos += 1
            else:
                pool = by_domain.get(m2.get("domain")) or range(len(docs))
                cur_doc = pool[rng.randrange(len(pool))]
                _, _, s3, c3 = docs[cur_doc]
                pos = s3 + rng.randrange(c3)
        n += 1
        md = dict(meta)
        md["origin"] = source
        rec = {"id": f"bench/{n:09d}", "text": "\n\n".join(parts), "source": source, "metadata": md}
        line = (json.dumps(rec, ensure_ascii=False) + "\n").encode()
        buf.append(line)
        written += len(line)
        if len(buf) >= 512:
            zstd.stdin.write(b"".join(buf))
            buf = []
    zstd.stdin.write(b"".join(buf))
    zstd.stdin.close()
    if zstd.wait() != 0:
        sys.exit("zstd failed")
    print(json.dumps({"out": args.out, "documents": n, "uncompressed_bytes": written,
                      "compressed_bytes": os.path.getsize(args.out)}))


if __name__ == "__main__":
    main()
