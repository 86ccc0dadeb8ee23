#!/usr/bin/env bash
# Install size and time of the two README setups, each in a fresh venv of
# Debian's own python3 under $OUT (default /tmp/l10n-install-bench):
#   main: `bash .ci/setup` (the default: core + PDF, what `l10n run` needs)
#   test: what `.ci/run` installs (test, argos with CPU torch, bench, pdf, tbx, cluster)
# then the time to the first edition of a new project (init -> run).
# Run from anywhere: bash bench/install/run.sh
# pip reads wheels from its cache / local index here: a user's first install
# also downloads them, so theirs takes longer.
set -euo pipefail
checkout=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-/tmp/l10n-install-bench}
PY=${PYTHON:-/usr/bin/python3}
rm -rf "$OUT" && mkdir -p "$OUT"
t() { /usr/bin/time -f "%e s wall, %U+%S s CPU" -o "$OUT/time" "$@" >"$OUT/log" 2>&1 || { cat "$OUT/log"; exit 1; }; cat "$OUT/time"; }
mib() { du -sm "$1" | cut -f1; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "python: $("$PY" --version) ($PY)"
git -C "$checkout" ls-files -z | (cd "$checkout" && tar --null -T - -cf -) | (mkdir -p "$OUT/main-src" && tar -xf - -C "$OUT/main-src")
cp -r "$OUT/main-src" "$OUT/test-src"
# The README's first command: `bash .ci/setup` with its defaults.
printf 'main install:  '; t env -u L10N_EXTRAS PYTHON="$PY" bash "$OUT/main-src/.ci/setup"
printf 'main size:     %s MiB\n' "$(mib "$OUT/main-src/.venv")"
# The test command's setup: the extras .ci/run installs.
printf 'test install:  '; t env PYTHON="$PY" L10N_EXTRAS=test,argos,bench,pdf,tbx,cluster,convert bash "$OUT/test-src/.ci/setup"
printf 'test size:     %s MiB\n' "$(mib "$OUT/test-src/.venv")"
# A new project from the report's sources: init, then the whole job (Apertium
# drafts for es; ko has no model here: said in the summary, exit 0), then build alone.
mkdir -p "$OUT/project/docs" && cp "$checkout"/source/*.md "$OUT/project/docs/"
cd "$OUT/project"
l10n="$OUT/main-src/.venv/bin/l10n"
printf 'init -> run:   '; t bash -c "'$l10n' init -l es -l ko && '$l10n' run"
printf 'build again:   '; t "$l10n" build
ls "$OUT/project/build/es"
