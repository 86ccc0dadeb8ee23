#!/usr/bin/env bash
# Install size and time (core, full) and time to the first edition of a new
# project (init -> run), each in a fresh directory under $OUT (default
# /tmp/l10n-install-bench).  Run from anywhere: bash bench/install/run.sh
# pip reads wheels from its cache / local index here: a user's first install
# also downloads them, so theirs takes longer.
set -euo pipefail
checkout=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-/tmp/l10n-install-bench}
PY=${PYTHON:-/usr/bin/python3}
rm -rf "$OUT" && mkdir -p "$OUT"
t() { /usr/bin/time -f "%e s wall, %U+%S s CPU" -o "$OUT/time" "$@" >"$OUT/log" 2>&1 || { cat "$OUT/log"; exit 1; }; cat "$OUT/time"; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# Core: what `pip install .` gives a user (no extras), into a venv of $PY.
git -C "$checkout" ls-files -z | (cd "$checkout" && tar --null -T - -cf -) | (mkdir -p "$OUT/core-src" && tar -xf - -C "$OUT/core-src")
printf 'core install:  '; t bash -c "'$PY' -m venv '$OUT/core' && '$OUT/core/bin/pip' install -q '$OUT/core-src'"
printf 'core size:     %s\n' "$(du -sh "$OUT/core" | cut -f1)"
# Full: what the README's setup installs (CPU torch, extras test, argos, bench, ...).
cp -r "$OUT/core-src" "$OUT/full-src"
printf 'full install:  '; t env PYTHON="$PY" bash "$OUT/full-src/.ci/setup"
printf 'full size:     %s\n' "$(du -sh "$OUT/full-src/.venv" | cut -f1)"
# A new project from the report's sources: init, then the whole job (Apertium
# drafts for es; ko has no model here and is skipped, exit 3), then build alone.
mkdir -p "$OUT/project/docs" && cp "$checkout"/source/*.md "$OUT/project/docs/"
cd "$OUT/project"
l10n="$OUT/core/bin/l10n"
printf 'init -> run:   '; t bash -c "'$l10n' init -l es -l ko && { '$l10n' run || [ \$? = 3 ]; }"
printf 'build again:   '; t "$l10n" build
ls "$OUT/project/build/es"
