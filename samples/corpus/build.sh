#!/usr/bin/env bash
# Build the real sample corpus from Debian text packages (see README.md).
#   samples/corpus/build.sh [WORKDIR]
# Downloads the packages with `apt-get download` (no installation), extracts them with `dpkg-deb -x`
# into WORKDIR/root/<package>, writes the full corpus to WORKDIR/debian-full.jsonl and the committed,
# redistributable subset to samples/corpus/debian-sample.jsonl.zst.
# Environment: SAMPLE_BYTES (default 4000000 uncompressed bytes), SEED (default 20240601).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${1:-${TMPDIR:-/tmp}/mixlab-corpus}"
PY=/usr/bin/python3

# packages whose text becomes documents
TEXT_PKGS=(python3.11-doc libpython3.11-stdlib debian-policy dict-foldoc dict-devil jargon-text
           bible-kjv-text wordnet-base maxima-doc octave-doc base-files)
# helpers: bible-kjv prints the KJV text; libpython3.11-minimal holds the stdlib's copyright file;
# the rest only contribute their /usr/share/doc/<pkg>/copyright file (legal domain)
EXTRA_PKGS=(bible-kjv libpython3.11-minimal hello zstd sed grep less)

if ! command -v zstd >/dev/null; then
  apt-get install -y --no-install-recommends zstd
fi

mkdir -p "$WORK/debs" "$WORK/root"
cd "$WORK/debs"
missing=()
for p in "${TEXT_PKGS[@]}" "${EXTRA_PKGS[@]}"; do
  ls "${p}"_*.deb >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get download "${missing[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true
fi
for p in "${TEXT_PKGS[@]}" "${EXTRA_PKGS[@]}"; do
  deb=$(ls "${p}"_*.deb | head -1)
  dest="$WORK/root/$p"
  if [ ! -f "$dest/.version" ]; then
    rm -rf "$dest"; mkdir -p "$dest"
    dpkg-deb -x "$deb" "$dest"
    dpkg-deb -f "$deb" Version > "$dest/.version"
  fi
done

"$PY" "$HERE/build_corpus.py" --root "$WORK/root" --out "$WORK/debian-full.jsonl" \
  --sample "$HERE/debian-sample.jsonl.zst" --sample-bytes "${SAMPLE_BYTES:-4000000}" --seed "${SEED:-20240601}"
