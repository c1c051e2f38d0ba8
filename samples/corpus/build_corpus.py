#!/usr/bin/python3
"""Turn extracted Debian packages into a JSONL corpus with per-document licence metadata.

Called by build.sh after `apt-get download` + `dpkg-deb -x` (one directory per package under --root,
each with a `.version` file).  Every document gets
    {id, text, source: "debian/<package>",
     metadata: {license, copyright, package, version, path, url, domain, redistributable}}
where `license` comes from the package's machine-readable (DEP-5) copyright file: the last `Files:`
stanza whose glob matches the file's path wins; packages without DEP-5 `Files:` stanzas use the
header licence recorded in PACKAGES below (quoted from their copyright file, see README.md).

Standard library only.
"""
import argparse
import base64
import glob
import gzip
import hashlib
import html.parser
import json
import os
import random
import re
import subprocess
import sys

MIN_DOC = 500          # bytes; smaller pieces are merged or dropped
MAX_DOC = 50_000       # bytes; larger pieces are split at paragraph boundaries

# ---------------------------------------------------------------- licence names -> SPDX
# Debian short names (DEP-5 `License:` first line) -> SPDX identifiers (or LicenseRef-*).
SHORT_NAMES = {
    "gpl-1": "GPL-1.0-only", "gpl-1+": "GPL-1.0-or-later",
    "gpl-2": "GPL-2.0-only", "gpl-2+": "GPL-2.0-or-later",
    "gpl-3": "GPL-3.0-only", "gpl-3+": "GPL-3.0-or-later",
    "gpl": "GPL-1.0-or-later",
    "lgpl-2": "LGPL-2.0-only", "lgpl-2+": "LGPL-2.0-or-later",
    "lgpl-2.1": "LGPL-2.1-only", "lgpl-2.1+": "LGPL-2.1-or-later",
    "lgpl-3": "LGPL-3.0-only", "lgpl-3+": "LGPL-3.0-or-later",
    "agpl-3": "AGPL-3.0-only", "agpl-3+": "AGPL-3.0-or-later",
    "gfdl-1.1+": "GFDL-1.1-or-later", "gfdl-1.2": "GFDL-1.2-only", "gfdl-1.2+": "GFDL-1.2-or-later",
    "gfdl-1.3": "GFDL-1.3-only", "gfdl-1.3+": "GFDL-1.3-or-later", "gfdl-nis": "GFDL-1.2-no-invariants-or-later",
    "psf-2": "PSF-2.0", "psf": "PSF-2.0", "python": "PSF-2.0",
    "expat": "MIT", "mit": "MIT", "x11": "X11",
    "bsd-2-clause": "BSD-2-Clause", "bsd-3-clause": "BSD-3-Clause", "bsd-4-clause": "BSD-4-Clause",
    "apache-2.0": "Apache-2.0", "apache-2": "Apache-2.0",
    "isc": "ISC", "zlib": "Zlib", "cc0-1.0": "CC0-1.0", "cc0": "CC0-1.0",
    "cc-by-4.0": "CC-BY-4.0", "cc-by-sa-4.0": "CC-BY-SA-4.0", "cc-by-3.0": "CC-BY-3.0",
    "cc-by-sa-3.0": "CC-BY-SA-3.0",
    "mpl-1.1": "MPL-1.1", "mpl-2.0": "MPL-2.0", "artistic": "Artistic-1.0-Perl",
    "fsfap": "FSFAP", "fsful": "FSFUL", "fsfullr": "FSFULLR", "fsfullrwd": "FSFULLRWD",
    "public-domain": "LicenseRef-public-domain", "public domain": "LicenseRef-public-domain",
    "pd": "LicenseRef-public-domain",
    "wordnet3.0": "LicenseRef-WordNet-3.0", "wordnet": "LicenseRef-WordNet-3.0",
    "preserve-notice": "LicenseRef-Debian-preserve-notice",
    "permissive": "LicenseRef-permissive", "unicode-dfs-2016": "Unicode-DFS-2016",
    "hpnd": "HPND", "curl": "curl", "openssl": "OpenSSL",
}

# Free-text licences (pseudo-DEP-5 files such as Python's put the text itself on the License line).
FREE_TEXT = [
    (re.compile(r"Redistribution and use in source and binary forms.*Neither the name", re.S), "BSD-3-Clause"),
    (re.compile(r"Redistribution and use in source and binary forms"), "BSD-2-Clause"),
    (re.compile(r"Permission is hereby granted, free of charge"), "MIT"),
    (re.compile(r"provided 'as-is', without any express or implied"), "Zlib"),
    (re.compile(r"Permission to use, copy, modify, and distribute this software"), "HPND"),
    (re.compile(r"Permission to use, copy, modify, and/or distribute this software"), "ISC"),
    (re.compile(r"PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2"), "PSF-2.0"),
    (re.compile(r"Apache License,? Version 2\.0"), "Apache-2.0"),
    (re.compile(r"GNU General Public License.*version 2.*any later", re.S | re.I), "GPL-2.0-or-later"),
    (re.compile(r"public domain", re.I), "LicenseRef-public-domain"),
]

# Licences whose texts we are willing to commit in the sample (redistribution is allowed; copyleft ones
# require their licence to accompany them, which the metadata and README do).
REDISTRIBUTABLE_PREFIXES = (
    "GPL-", "LGPL-", "AGPL-", "GFDL-", "PSF-2.0", "MIT", "X11", "BSD-", "Apache-2.0", "ISC", "Zlib",
    "CC0-1.0", "CC-BY-", "MPL-", "Artistic-", "FSF", "HPND", "LicenseRef-public-domain",
    "LicenseRef-WordNet-3.0", "LicenseRef-Debian-preserve-notice", "LicenseRef-license-text-verbatim",
    "Unicode-DFS-2016", "curl", "OpenSSL",
)


def spdx_from_short(name):
    """Map one DEP-5 short licence name (possibly 'A or B', 'A and B', 'A with X exception') to SPDX."""
    name = name.strip()
    if not name:
        return "LicenseRef-unclear"
    for sep, op in ((" or ", " OR "), (" | ", " OR "), (" and ", " AND "), (", and ", " AND ")):
        if sep in name.lower():
            parts = re.split(re.escape(sep), name, flags=re.I)
            return op.join(spdx_from_short(p) for p in parts)
    m = re.match(r"(.+?) with (.+?) exception$", name, re.I)
    if m:
        return f"{spdx_from_short(m.group(1))} WITH LicenseRef-{re.sub(r'[^A-Za-z0-9.]+', '-', m.group(2))}-exception"
    key = name.lower()
    if key in SHORT_NAMES:
        return SHORT_NAMES[key]
    return "LicenseRef-" + re.sub(r"[^A-Za-z0-9.]+", "-", name).strip("-")


def license_from_field(first_line, body):
    """A DEP-5 `License:` field: short name on the first line, or (pseudo-DEP-5) free text."""
    first = first_line.strip()
    if first and re.fullmatch(r"[A-Za-z0-9.+_\- ]{1,60}", first) and len(first.split()) <= 6 \
            and not first.lower().startswith(("this ", "permission ", "redistribution ")):
        return spdx_from_short(first)
    text = re.sub(r"[ \t]+", " ", first + "\n" + body)
    for rx, spdx in FREE_TEXT:
        if rx.search(text):
            return spdx
    return "LicenseRef-unclear"


def is_redistributable(spdx):
    """OR: any alternative suffices; AND: every part must allow redistribution."""
    return any(all(p.split(" WITH ")[0].startswith(REDISTRIBUTABLE_PREFIXES) for p in alt.split(" AND "))
               for alt in spdx.split(" OR "))


# ---------------------------------------------------------------- DEP-5 parsing
def parse_dep5(text):
    """Paragraphs of RFC-822-style fields. Returns (is_dep5, header_dict, [files stanzas])."""
    paras, cur, last = [], {}, None
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and not line.strip() and last is not None:
            cur[last] += "\n"  # whitespace-only line inside a field (malformed but common): continuation
            continue
        if not line.strip():
            if cur:
                paras.append(cur)
            cur, last = {}, None
            continue
        if line[0] in " \t" and last is not None:
            cur[last] += "\n" + line.strip()
            continue
        m = re.match(r"([A-Za-z][A-Za-z0-9-]*):\s?(.*)$", line)
        if m:
            last = m.group(1).lower()
            cur[last] = (cur[last] + "\n" + m.group(2)) if last in cur else m.group(2)
        else:
            last = None
    if cur:
        paras.append(cur)
    is_dep5 = bool(paras) and "format" in paras[0]
    files = [p for p in paras if "files" in p and "license" in p]
    # Python's file lists consecutive `Files:` stanzas that share the next stanza's licence.
    pending = []
    out = []
    for p in paras:
        if "files" in p and "license" not in p:
            pending.append(p["files"])
            continue
        if "files" in p:
            globs = " ".join(pending + [p["files"]]).split()
            pending = []
            lic_lines = p["license"].split("\n")
            out.append({"globs": globs, "license": license_from_field(lic_lines[0], "\n".join(lic_lines[1:])),
                        "copyright": " ".join(p.get("copyright", "").split())})
    return is_dep5, (paras[0] if paras else {}), out


def glob_regex(g):
    rx = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in g)
    return re.compile(rx + r"\Z")


class CopyrightInfo:
    """Licence lookup for one package: DEP-5 stanzas (last match wins) plus a declared header licence."""

    def __init__(self, path, header_license, header_copyright):
        text = open(path, encoding="utf-8", errors="replace").read() if path and os.path.exists(path) else ""
        self.text = text
        self.is_dep5, self.header, stanzas = parse_dep5(text)
        self.stanzas = [(list(map(glob_regex, s["globs"])), s) for s in stanzas]
        self.header_license = header_license
        self.header_copyright = header_copyright or self._first_copyright_line(text)

    @staticmethod
    def _first_copyright_line(text):
        for line in text.splitlines():
            s = line.strip()
            if re.match(r"(Copyright\s*(\(C\)|©)?\s*\d{4}|\(C\)\s*\d{4})", s, re.I):
                return " ".join(s.split())
        return ""

    def lookup(self, *paths):
        """(spdx, copyright) for a file; paths are candidate names (source path, installed path)."""
        best = None
        for regexes, s in self.stanzas:
            if any(r.match(p) for r in regexes for p in paths):
                best = s
        if best is not None:
            return best["license"], best["copyright"] or self.header_copyright
        return self.header_license or "LicenseRef-unclear", self.header_copyright


# ---------------------------------------------------------------- text helpers
class HtmlText(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
             "pre", "table", "tr", "blockquote", "hr", "section"}
    SKIP = {"script", "style", "head", "title"}
    PARA = {"p", "pre", "h1", "h2", "h3", "h4", "table", "dl"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip, self.pre, self.divs = [], 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
            return
        if tag == "div":
            cls = dict(attrs).get("class", "") or ""
            hide = "header" in cls or "nav" in cls
            self.divs.append(hide)
            self.skip += hide
        if tag == "pre":
            self.pre += 1
        if tag in self.BLOCK:
            self.out.append("\n\n" if tag in self.PARA else "\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "div" and self.divs and self.divs.pop():
            self.skip = max(0, self.skip - 1)
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in self.BLOCK:
            self.out.append("\n\n" if tag in self.PARA else "\n")

    def handle_data(self, data):
        if self.skip:
            return
        self.out.append(data if self.pre else re.sub(r"\s+", " ", data))

    def text(self):
        raw = "".join(self.out)
        lines = [ln.rstrip() for ln in raw.split("\n")]
        lines = [ln for ln in lines if not re.match(r"\s*(Next|Previous|Up|Contents|Index)\s*:", ln)]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(path):
    p = HtmlText()
    p.feed(open(path, encoding="utf-8", errors="replace").read())
    return p.text()


def read_text(path):
    if path.endswith(".gz") or path.endswith(".dz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
    return open(path, encoding="utf-8", errors="replace").read()


def pack(parts, target, maximum=MAX_DOC, sep="\n\n"):
    """Greedy packing of text parts into documents of about `target` bytes (never above maximum)."""
    docs, cur, size = [], [], 0
    for part in parts:
        part = part.strip("\n")
        if not part.strip():
            continue
        b = len(part.encode())
        if b > maximum:  # split an oversized part at paragraph (then line) boundaries
            if cur:
                docs.append(sep.join(cur))
                cur, size = [], 0
            paras = re.split(r"\n\s*\n", part)
            if len(paras) == 1:
                paras = part.split("\n")
            docs.extend(pack(paras, min(target, maximum // 2), maximum, sep))
            continue
        if cur and size + b > target:
            docs.append(sep.join(cur))
            cur, size = [], 0
        cur.append(part)
        size += b + len(sep)
    if cur:
        docs.append(sep.join(cur))
    return docs


def split_at(text, header_rx):
    """Split text before every line matching header_rx."""
    idx = [m.start() for m in re.finditer(header_rx, text, re.M)]
    if not idx or idx[0] != 0:
        idx = [0] + idx
    return [text[a:b] for a, b in zip(idx, idx[1:] + [len(text)])]


def dictd_entries(index_path, dict_path):
    """(headword, text) for every distinct entry of a dictd database (offsets in dictd base64)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    val = {c: i for i, c in enumerate(alphabet)}

    def b64(s):
        n = 0
        for c in s:
            n = n * 64 + val[c]
        return n

    data = gzip.open(dict_path, "rb").read()
    seen, out = set(), []
    for line in open(index_path, encoding="utf-8", errors="replace"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3 or parts[0].startswith("00-database") or parts[0].startswith("00database"):
            continue
        off, ln = b64(parts[1]), b64(parts[2])
        if off in seen:
            continue
        seen.add(off)
        out.append((off, parts[0], data[off:off + ln].decode("utf-8", "replace")))
    out.sort()
    return [(h, t) for _, h, t in out]


# ---------------------------------------------------------------- per-package extractors
# Each yields (installed_path, source_path_for_copyright_matching, text, url, domain).
def ex_python_doc(root):
    base = os.path.join(root, "usr/share/doc/python3.11/html/_sources")
    for path in sorted(glob.glob(base + "/**/*.rst.txt", recursive=True)):
        rel = os.path.relpath(path, base)
        page = rel[: -len(".rst.txt")]
        text = read_text(path)
        for part in pack(split_at(text, r"^(?=.+\n[=\-~^*]{3,}\n)"), 12_000):
            yield path, "Doc/" + page + ".rst", part, f"https://docs.python.org/3.11/{page}.html", "technical"


def ex_stdlib(root):
    base = os.path.join(root, "usr/lib/python3.11")
    for path in sorted(glob.glob(base + "/**/*.py", recursive=True)):
        rel = os.path.relpath(path, base)
        if "/test" in "/" + rel or rel.startswith("test") or os.path.islink(path):
            continue
        text = read_text(path)
        for part in pack(split_at(text, r"^(?=(?:class|def) )"), 16_000, sep="\n\n\n"):
            yield path, "Lib/" + rel, part, f"https://github.com/python/cpython/blob/3.11/Lib/{rel}", "code"


def ex_policy(root):
    base = os.path.join(root, "usr/share/doc/debian-policy")
    urls = {"policy": "https://www.debian.org/doc/debian-policy/",
            "copyright-format-1.0": "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
            "menu-policy": "https://www.debian.org/doc/packaging-manuals/menu-policy/",
            "perl-policy": "https://www.debian.org/doc/packaging-manuals/perl-policy/",
            "debconf_specification": "https://www.debian.org/doc/packaging-manuals/debconf_specification.html",
            "upgrading-checklist": "https://www.debian.org/doc/debian-policy/upgrading-checklist.html",
            "autopkgtest": "https://salsa.debian.org/ci-team/autopkgtest/-/blob/master/doc/README.package-tests.rst"}
    for name, url in urls.items():
        path = os.path.join(base, name + ".txt.gz")
        if not os.path.exists(path):
            continue
        text = read_text(path)
        src = ("copyright-format-1.0.xml" if name.startswith("copyright-format") else f"policy/{name}.rst")
        for part in pack(split_at(text, r"^(?=\d+(?:\.\d+)*\. \S.*\n[=\-~^*]{3,})"), 10_000):
            yield path, src, part, url, "technical"


def ex_dictd(name, url_fmt, domain, target):
    def ex(root):
        base = os.path.join(root, "usr/share/dictd")
        entries = dictd_entries(os.path.join(base, name + ".index"), os.path.join(base, name + ".dict.dz"))
        path = os.path.join(base, name + ".dict.dz")
        cur, size, first = [], 0, None
        for head, text in entries:
            if first is None:
                first = head
            cur.append(text.strip())
            size += len(text)
            if size >= target:
                yield path, name, "\n\n".join(cur), url_fmt.format(first.replace(" ", "+")), domain
                cur, size, first = [], 0, None
        if cur:
            yield path, name, "\n\n".join(cur), url_fmt.format(first.replace(" ", "+")), domain
    return ex


def ex_jargon(root):
    path = os.path.join(root, "usr/share/doc/jargon-text/jargon.txt.gz")
    text = read_text(path)
    # entries start with ':headword:' lines in the body; fall back to paragraph packing
    parts = split_at(text, r"^(?=:[^:\n]+:)")
    for part in pack(parts, 6_000):
        yield path, "jargon.txt", part, "http://www.catb.org/jargon/html/", "lexicon"


BIBLE_BOOK_URL = re.compile(r"^([1-3]?\s?[A-Za-z ]+?) (\d+)$")


def ex_bible(root, bible_bin):
    lib = os.path.join(root, "usr/lib")
    out = subprocess.run([bible_bin, "-p", lib, "-l1000", "gen1:1-rev22:21"], capture_output=True,
                         text=True, check=True).stdout
    path = os.path.join(lib, "bible.data")
    for chap in split_at(out.strip("\n") + "\n", r"^(?=\S.* \d+\n)"):
        chap = chap.strip()
        if not chap:
            continue
        head = chap.split("\n", 1)[0]
        m = BIBLE_BOOK_URL.match(head)
        url = (f"https://www.kingjamesbibleonline.org/{m.group(1).replace(' ', '-')}-Chapter-{m.group(2)}/"
               if m else None)
        yield path, "bible.data", re.sub(r"\n\s+(\d+) ", r"\n\1 ", chap), url, "literature"


MEDICAL_WORDS = re.compile(r"\b(disease|disorder|syndrome|infection|inflammation|tumou?r|cancer|symptom|"
                           r"patient|medical|surgery|surgical|drug|medication|fever|lesion|chronic|acute)\b")


def ex_wordnet(root):
    base = os.path.join(root, "usr/share/wordnet")
    for pos in ("noun", "verb", "adj", "adv"):
        path = os.path.join(base, "data." + pos)
        groups = {}
        for line in open(path, encoding="utf-8", errors="replace"):
            if line.startswith("  "):
                continue
            head, _, gloss = line.partition(" | ")
            f = head.split()
            lexfile, nwords = int(f[1]), int(f[3], 16)
            words = [f[4 + 2 * i].replace("_", " ") for i in range(nwords)]
            entry = f"{', '.join(words)} ({pos}): {gloss.strip()}"
            medical = (pos == "noun" and lexfile == 8) or (pos == "noun" and lexfile == 26
                                                          and MEDICAL_WORDS.search(gloss) is not None)
            groups.setdefault((lexfile, medical), []).append(entry)
        for (lexfile, medical), entries in sorted(groups.items()):
            for part in pack(entries, 4_000, sep="\n"):
                yield path, f"dict/data.{pos}", part, "https://wordnet.princeton.edu/", \
                    "medical" if medical else "lexicon"


def ex_html_dir(rel_dir, url_base, domain, skip=()):
    def ex(root):
        base = os.path.join(root, rel_dir)
        for path in sorted(glob.glob(base + "/*.html")):
            name = os.path.basename(path)
            if any(s in name for s in skip):
                continue
            text = html_to_text(path)
            for part in pack(re.split(r"\n\s*\n", text), 12_000):
                yield path, "doc/" + name, part, url_base + name, domain
    return ex


def ex_common_licenses(root):
    base = os.path.join(root, "usr/share/common-licenses")
    for path in sorted(glob.glob(base + "/*")):
        if os.path.islink(path) or not os.path.isfile(path):
            continue
        name = os.path.basename(path)
        for part in pack(re.split(r"\n\s*\n", read_text(path)), 30_000):
            yield path, "common-licenses/" + name, part, None, "legal"


# ---------------------------------------------------------------- package table
# name: (domain extractor, header licence used when the copyright file has no DEP-5 stanza for the path,
#        header copyright override or None). The header licence is quoted from the package's copyright
#        file in README.md.
def packages(bible_bin):
    return {
        "python3.11-doc": (ex_python_doc, "PSF-2.0", "Copyright (c) 2001-2023 Python Software Foundation"),
        "libpython3.11-stdlib": (ex_stdlib, "PSF-2.0", "Copyright (c) 2001-2023 Python Software Foundation"),
        "debian-policy": (ex_policy, None, None),
        "dict-foldoc": (ex_dictd("foldoc", "https://foldoc.org/{}", "technical", 5_000),
                        "GFDL-1.1-or-later", "Copyright 1993 by Denis Howe"),
        "dict-devil": (ex_dictd("devil", "https://www.gutenberg.org/ebooks/972", "literature", 4_000),
                       "LicenseRef-public-domain", "Copyright 1911 by Albert and Charles Boni, Inc. (expired)"),
        "jargon-text": (ex_jargon, "LicenseRef-public-domain", "Eric S. Raymond (public domain)"),
        "bible-kjv-text": (lambda r: ex_bible(r, bible_bin), "LicenseRef-public-domain",
                           "King James Version, 1611 (expired)"),
        "wordnet-base": (ex_wordnet, None, None),
        "maxima-doc": (ex_html_dir("usr/share/doc/maxima-doc/html", "https://maxima.sourceforge.io/docs/manual/",
                                   "math", skip=("singlepage", "_toc", "_abt", "_ovr")),
                       "GPL-2.0-only", "Copyright (C) 1982 Massachusetts Institute of Technology; William F. Schelter"),
        "octave-doc": (ex_html_dir("usr/share/doc/octave/octave.html", "https://docs.octave.org/v7.3.0/", "math"),
                       None, None),
        "base-files": (ex_common_licenses, "LicenseRef-license-text-verbatim", None),
    }




def copyright_path(root, pkg):
    return os.path.join(root, "usr/share/doc", pkg, "copyright")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", required=True, help="directory with one extracted package per subdirectory")
    ap.add_argument("--out", required=True, help="full corpus JSONL")
    ap.add_argument("--sample", help="write a redistributable stratified subset here (.jsonl or .jsonl.zst)")
    ap.add_argument("--sample-bytes", type=int, default=4_000_000)
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args()

    bible_bin = os.path.join(args.root, "bible-kjv/usr/bin/bible")
    docs = []
    for pkg, (extract, header_lic, header_cr) in packages(bible_bin).items():
        root = os.path.join(args.root, pkg)
        if not os.path.isdir(root):
            print(f"skip {pkg}: not extracted", file=sys.stderr)
            continue
        version = open(os.path.join(root, ".version")).read().strip()
        cpath = copyright_path(root, pkg)
        if pkg == "libpython3.11-stdlib":
            cpath = os.path.join(args.root, "libpython3.11-minimal/usr/share/doc/libpython3.11-minimal/copyright")
        info = CopyrightInfo(cpath, header_lic, header_cr)
        n = 0
        for path, src, text, url, domain in extract(root):
            text = text.strip()
            if len(text.encode()) < MIN_DOC:
                continue
            inst = "/" + os.path.relpath(path, root)
            if pkg == "base-files":
                lic, cr = "LicenseRef-license-text-verbatim", "see the licence text (verbatim copying permitted)"
            else:
                lic, cr = info.lookup(src, inst.lstrip("/"))
            n += 1
            docs.append({"id": f"debian/{pkg}/{n:06d}", "text": text, "source": f"debian/{pkg}",
                         "metadata": {"license": lic, "copyright": cr, "package": pkg, "version": version,
                                      "path": inst, "url": url, "domain": domain,
                                      "redistributable": is_redistributable(lic)}})
        print(f"{pkg}: {n} documents", file=sys.stderr)

    # the copyright files themselves (legal domain)
    for pkg in sorted(os.listdir(args.root)):
        root = os.path.join(args.root, pkg)
        cpath = copyright_path(root, pkg)
        if not os.path.isfile(cpath) or os.path.islink(os.path.join(root, "usr/share/doc", pkg)):
            continue
        version = open(os.path.join(root, ".version")).read().strip()
        hdr = packages(bible_bin).get(pkg, (None, None, None))[1]
        info = CopyrightInfo(cpath, hdr, None)
        lic, cr = info.lookup("debian/copyright", f"usr/share/doc/{pkg}/copyright")
        text = info.text.strip()
        for i, part in enumerate(pack(re.split(r"\n\s*\n", text), 30_000)):
            if len(part.encode()) < MIN_DOC:
                continue
            docs.append({"id": f"debian/{pkg}/copyright-{i:03d}", "text": part, "source": f"debian/{pkg}",
                         "metadata": {"license": lic, "copyright": cr or info.header_copyright, "package": pkg,
                                      "version": version, "path": f"/usr/share/doc/{pkg}/copyright",
                                      "url": f"https://metadata.ftp-master.debian.org/changelogs/main/{pkg}/",
                                      "domain": "legal", "redistributable": is_redistributable(lic)}})

    with open(args.out, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    total = sum(len(d["text"].encode()) for d in docs)
    print(f"full corpus: {len(docs)} documents, {total / 1e6:.1f} MB text -> {args.out}", file=sys.stderr)

    if args.sample:
        write_sample(docs, args.sample, args.sample_bytes, args.seed)


def write_sample(docs, out, budget, seed):
    """Stratified by (package, domain): each stratum gets an equal share of the byte budget (unused share is
    redistributed), documents drawn with a seeded RNG; only redistributable licences."""
    rng = random.Random(seed)
    by_pkg = {}
    for d in docs:
        if d["metadata"]["redistributable"]:
            by_pkg.setdefault((d["source"], d["metadata"]["domain"]), []).append(d)
    for v in by_pkg.values():
        rng.shuffle(v)
    chosen, left, pkgs = [], budget, sorted(by_pkg)
    while pkgs and left > 0:
        share = left // len(pkgs)
        nxt = []
        for p in pkgs:
            used = 0
            pool = by_pkg[p]
            while pool and used + len(pool[-1]["text"].encode()) <= max(share, 1):
                d = pool.pop()
                used += len(d["text"].encode())
                chosen.append(d)
            left -= used
            if pool and used > 0:
                nxt.append(p)
        if nxt == pkgs and all(len(by_pkg[p][-1]["text"].encode()) > left // len(pkgs) for p in pkgs):
            break
        pkgs = nxt
    chosen.sort(key=lambda d: d["id"])
    data = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in chosen).encode()
    if out.endswith(".zst"):
        subprocess.run(["zstd", "-19", "-q", "-f", "-o", out], input=data, check=True)
    else:
        open(out, "wb").write(data)
    per = {}
    for d in chosen:
        per[d["source"]] = per.get(d["source"], 0) + 1
    print(f"sample: {len(chosen)} documents, {len(data) / 1e6:.2f} MB uncompressed -> {out}: {per}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
