#!/usr/bin/python3
"""Python reference of datatrove's English heuristic filters, written from the MixLab curation spec.

    reference.py CORPUS.jsonl[.zst] [--limit N] [--decisions FILE] [--only gopher_quality,c4,...]

Implements, with datatrove 0.10.0 defaults (specs/curation.md §2.1 and the appendix on parity details):
  GopherQualityFilter -> GopherRepetitionFilter -> C4QualityFilter (rewrites kept text) -> FineWebQualityFilter
and prints one JSON object: docs in, kept, dropped per reason, seconds, MB/s, docs/s (per core: one process).
It is the yardstick for MixLab's C# filters: standard library only, no datatrove and no spaCy. Words come
from a regex tokenizer approximating spaCy's blank-English rules (punctuation, quotes, brackets and symbols
split off as tokens; "n't" and 's/'m/'re/'ve/'ll/'d split from their word; URLs, e-mails, decimal numbers
and "example.com"-style dotted words kept whole) and sentences from a sentencizer approximation (a boundary
after sentence-final punctuation followed by more text). Gopher quality and repetition share one
tokenization of the same text (a fair optimisation datatrove does not make); FineWeb tokenizes C4's output.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter

# ----------------------------------------------------------------------------- tokenization
_WORD = r"[^\W_]+(?:[_][^\W_]+)*"
TOKEN_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+?(?=[.,;:!?)\]\"']*(?:\s|$))"          # URL kept whole
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                                            # e-mail kept whole
    r"|(?i:[^\W\d_]+(?=n[’']t\b))|(?i:n[’']t\b)"                                # do|n't
    r"|(?<=[^\W_])(?i:[’'](?:s|m|re|ve|ll|d))\b"                                 # 's 'm 're 've 'll 'd
    r"|\d+(?:[.,:]\d+)+"                                                        # 3.14, 1,000, 10:30
    r"|" + _WORD + r"(?:[’'](?!(?i:s|m|re|ve|ll|d)\b)[^\W_]+|\.(?=[a-z\d])[^\W_]+)*"                     # o'clock, example.com
    r"|\.\.+|…"                                                                 # ellipsis token
    r"|--+"                                                                     # dashes
    r"|[^\w\s]"                                                                 # any other symbol alone
)
_HAS_ALNUM = re.compile(r"[^\W_]")
_HAS_ALPHA = re.compile(r"[^\W\d_]")


def split_into_words(text):
    return TOKEN_RE.findall(text)


def is_symbol(word):
    return _HAS_ALNUM.search(word) is None


SENT_BOUNDARY = re.compile(r"[.!?…。！？‼⁇⁈⁉]+[^\w\s]*\s+(?=\S)")


def count_sentences(line):
    """spaCy-sentencizer approximation: 1 + boundaries after sentence-final punctuation inside the line."""
    if not line.strip():
        return 0
    return 1 + len(SENT_BOUNDARY.findall(line))


# ----------------------------------------------------------------------------- Gopher quality
STOP_WORDS = frozenset(("the", "be", "to", "of", "and", "that", "have", "with"))


def gopher_quality(text, words, min_doc_words=50, max_doc_words=100_000, min_avg_word_length=3,
                   max_avg_word_length=10, max_symbol_word_ratio=0.1, max_bullet_lines_ratio=0.9,
                   max_ellipsis_lines_ratio=0.3, max_non_alpha_words_ratio=0.8, min_stop_words=2):
    n_words = len(words)
    non_symbol = [w for w in words if not is_symbol(w)]
    n_non_symbol = len(non_symbol)
    if n_non_symbol < min_doc_words:
        return "gopher_short_doc"
    if n_non_symbol > max_doc_words:
        return "gopher_long_doc"
    avg = sum(map(len, non_symbol)) / n_non_symbol
    if avg < min_avg_word_length:
        return "gopher_below_avg_threshold"
    if avg > max_avg_word_length:
        return "gopher_above_avg_threshold"
    if text.count("#") / n_words > max_symbol_word_ratio:
        return "gopher_too_many_hashes"
    if (text.count("...") + text.count("…")) / n_words > max_symbol_word_ratio:
        return "gopher_too_many_ellipsis"
    lines = text.splitlines()
    if lines:
        bullets = 0
        ellipsis = 0
        for line in lines:
            s = line.lstrip()
            if s.startswith("•") or s.startswith("-"):
                bullets += 1
            if line.endswith("...") or line.endswith("…"):
                ellipsis += 1
        if bullets / len(lines) > max_bullet_lines_ratio:
            return "gopher_too_many_bullets"
        if ellipsis / len(lines) > max_ellipsis_lines_ratio:
            return "gopher_too_many_end_ellipsis"
    alpha = sum(1 for w in words if _HAS_ALPHA.search(w))
    if alpha / n_words < max_non_alpha_words_ratio:
        return "gopher_below_alpha_threshold"
    if min_stop_words and sum(1 for w in words if w in STOP_WORDS) < min_stop_words:
        return "gopher_enough_stop_words"
    return None


# ----------------------------------------------------------------------------- Gopher repetition
PARA_RE = re.compile(r"\n{2,}")
LINE_RE = re.compile(r"\n+")
TOP_N = ((2, 0.2), (3, 0.18), (4, 0.16))
DUP_N = ((5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10))


def find_duplicates(items):
    seen = set()
    dup_elems = dup_chars = 0
    for e in items:
        if e in seen:
            dup_elems += 1
            dup_chars += len(e)
        else:
            seen.add(e)
    return dup_elems, dup_chars


def find_all_duplicate(words, n):
    seen = set()
    repeated = 0
    idx = 0
    end = len(words) - n + 1
    while idx < end:
        gram = "".join(words[idx:idx + n])
        if gram in seen:
            repeated += len(gram)
            idx += n
        else:
            seen.add(gram)
            idx += 1
    return repeated


def gopher_repetition(text, words):
    n_chars = len(text)
    if n_chars == 0:
        return None
    paragraphs = PARA_RE.split(text.strip())
    dup, chars = find_duplicates(paragraphs)
    if dup / len(paragraphs) > 0.3:
        return "dup_para_frac"
    if chars / n_chars > 0.2:
        return "dup_para_char_frac"
    lines = LINE_RE.split(text)
    dup, chars = find_duplicates(lines)
    if dup / len(lines) > 0.3:
        return "dup_line_frac"
    if chars / n_chars > 0.2:
        return "dup_line_char_frac"
    for n, frac in TOP_N:
        if len(words) < n:
            continue
        grams = Counter(zip(*(words[i:] for i in range(n))))
        gram, count = grams.most_common(1)[0]
        if (sum(map(len, gram)) + n - 1) * count / n_chars > frac:
            return f"top_{n}_gram"
    for n, frac in DUP_N:
        if find_all_duplicate(words, n) / n_chars > frac:
            return f"duplicated_{n}_n_grams"
    return None


# ----------------------------------------------------------------------------- C4 quality
CITATION_RE = re.compile(r"\[\d*]|\[edit]|\[citation needed]")
END_PUNCT = (".", "?", "!", '"', "'")
POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")


def c4_quality(text):
    """Returns (reason or None, rewritten text)."""
    n_sent = 0
    kept = []
    for line in text.splitlines():
        line = line.strip()
        words = line.split()
        if any(len(w) > 1000 for w in words):
            continue
        if "[" in line:
            line = CITATION_RE.sub("", line)
        if not line.endswith(END_PUNCT) or line.endswith("..."):
            continue
        if len(words) < 3:
            continue
        low = line.lower()
        if "lorem ipsum" in low:
            return "lorem_ipsum", text
        if "javascript" in low:
            continue
        if "{" in line:
            return "curly_bracket", text
        if any(p in low for p in POLICY):
            continue
        n_sent += count_sentences(line)
        kept.append(line)
    if n_sent < 5:
        return "too_few_sentences", text
    return None, "\n".join(kept).strip()


# ----------------------------------------------------------------------------- FineWeb quality
TERMINAL = tuple(".!?。！？‼⁇⁈⁉؟۔।॥…")


def fineweb_quality(text):
    lines = [ln for ln in text.split("\n") if ln.strip() != ""]
    if not lines:
        return "empty"
    n = len(lines)
    if sum(1 for ln in lines if ln.endswith(TERMINAL)) / n < 0.12:
        return "line_punct_ratio"
    if sum(1 for ln in lines if len(ln) <= 30) / n > 0.67:
        return "short_line_ratio"
    denom = len(text) - text.count("\n")
    if denom and find_duplicates(lines)[1] / denom > 0.01:
        return "char_dup_ratio"
    words = split_into_words(text)
    if words and text.count("\n") / len(words) > 0.3:
        return "list_ratio"
    return None


# ----------------------------------------------------------------------------- driver
def read_docs(path):
    if path.endswith(".zst"):
        proc = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE, bufsize=1 << 20)
        stream = proc.stdout
    else:
        proc, stream = None, open(path, "rb", buffering=1 << 20)
    try:
        for line in stream:
            if line.strip():
                yield line
    finally:
        if proc:
            proc.stdout.close()
            proc.terminate()
            proc.wait()


def run(path, limit=None, decisions=None, only=None):
    steps = only or ["gopher_quality", "gopher_repetition", "c4", "fineweb"]
    dropped = Counter()
    per_step = Counter()
    docs = kept = 0
    bytes_in = text_bytes = 0
    out = open(decisions, "w", encoding="utf-8") if decisions else None
    t0 = time.perf_counter()
    for raw in read_docs(path):
        if limit is not None and docs >= limit:
            break
        d = json.loads(raw)
        docs += 1
        bytes_in += len(raw)
        text = d.get("text") or ""
        text_bytes += len(text.encode("utf-8"))
        reason = None
        words = None
        for step in steps:
            if step == "gopher_quality":
                words = split_into_words(text)
                reason = gopher_quality(text, words)
            elif step == "gopher_repetition":
                if words is None:
                    words = split_into_words(text)
                reason = gopher_repetition(text, words)
            elif step == "c4":
                reason, text = c4_quality(text)
            elif step == "fineweb":
                reason = fineweb_quality(text)
            if reason is not None:
                per_step[step] += 1
                break
        if reason is None:
            kept += 1
        else:
            dropped[reason] += 1
        if out:
            out.write(f"{d.get('id')}\t{reason or 'keep'}\n")
    secs = time.perf_counter() - t0
    if out:
        out.close()
    return {
        "input": path, "steps": steps, "docs_in": docs, "kept": kept, "dropped": sum(dropped.values()),
        "dropped_by_step": dict(per_step), "dropped_by_reason": dict(sorted(dropped.items())),
        "seconds": round(secs, 3), "mb_in_jsonl": round(bytes_in / 1e6, 3), "mb_in_text": round(text_bytes / 1e6, 3),
        "mb_per_s": round(bytes_in / 1e6 / secs, 3) if secs else None,
        "text_mb_per_s": round(text_bytes / 1e6 / secs, 3) if secs else None,
        "docs_per_s": round(docs / secs, 1) if secs else None,
        "processes": 1, "python": sys.version.split()[0],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help=".jsonl or .jsonl.zst (read through `zstd -dc`)")
    ap.add_argument("--limit", type=int, help="stop after N documents")
    ap.add_argument("--decisions", help="write '<id>\\t<reason|keep>' per document")
    ap.add_argument("--only", help="comma-separated subset/order of gopher_quality,gopher_repetition,c4,fineweb")
    args = ap.parse_args()
    only = args.only.split(",") if args.only else None
    print(json.dumps(run(args.input, args.limit, args.decisions, only), indent=2))


if __name__ == "__main__":
    main()
