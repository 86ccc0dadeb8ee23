#!/usr/bin/env python3
"""Benchmark: the LLM engine's own overhead per batch, against raw HTTP round trips.

    python bench/llm/run.py [--batch-size 8] [--repeat 5] [--copies 20]

A real model's time per batch (seconds) dwarfs everything measured here; what
this measures is what the engine adds around it.  Both sides talk to the same
fake OpenAI-compatible server on 127.0.0.1 (tests/mt/fake_llm.py, a real HTTP
server in a thread that answers with a pseudo-translation at once), with the
unique sentences of the report in source/ (placeholders and all), ``--copies``
times, each copy's sentences made different:

- raw: one ``http.client`` POST per batch of a prepared request body and
  ``json.loads`` of the answer: the least any client has to do;
- engine: ``LLMEngine.translate`` (prompt building with glossary hits and
  neighbours, the request, reply parsing, the placeholder check);
- units: ``translate_units`` over the engine with the report's Korean glossary
  protecting terms, dates and numbers and verifying every draft, no cache:
  what ``l10n translate`` does per batch.

Per batch: median over ``--repeat`` interleaved runs of wall and CPU time
(``time.process_time``: the whole process, server thread included, on both
sides), and the ratios.  The requests are counted, so each side is checked
to have done the same number of round trips.
"""
from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def load_fake():
    spec = importlib.util.spec_from_file_location("fake_llm", ROOT / "tests" / "mt" / "fake_llm.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def report_units(copies: int) -> list[str]:
    from l10n.formats import read_document
    from l10n.segment import extract_units

    path = next((ROOT / "source").glob("*.md"))
    units = extract_units(read_document(path, display_path=path.name))
    unique = list(dict.fromkeys(u.msgid for u in units))
    # Every copy's sentences differ (" (copy i)" at the end), so nothing dedupes.
    return [f"{u} (copy {i})" for i in range(copies) for u in unique]


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=20, help="copies of the report's sentences")
    args = parser.parse_args()

    from l10n.mt.llm import LLMEngine, build_messages
    from l10n.mt.translate_units import translate_units
    from l10n.terms import read_termbase

    fake = load_fake()
    units = report_units(args.copies)
    glossary_file = ROOT / "locales" / "ko" / "glossary.csv"
    termbase = read_termbase(glossary_file.read_text("utf-8"), path=str(glossary_file)) \
        if glossary_file.exists() else None
    batches = [units[i:i + args.batch_size] for i in range(0, len(units), args.batch_size)]
    times: dict[str, list[tuple[float, float]]] = {"raw": [], "engine": [], "units": []}
    with fake.FakeLLM() as server:
        parts = urlsplit(server.url)
        bodies = [json.dumps({"model": server.model, "temperature": 0, "seed": 42, "stream": False,
                              "messages": build_messages(list(enumerate(b, 1)), source="en", target="ko")},
                             ensure_ascii=False).encode() for b in batches]

        def raw() -> None:
            for body in bodies:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                conn.request("POST", parts.path + "/chat/completions", body=body,
                             headers={"Content-Type": "application/json"})
                json.loads(conn.getresponse().read())
                conn.close()

        def engine() -> None:
            LLMEngine(url=server.url, model=server.model, batch_size=args.batch_size).translate(units, "en", "ko")

        def through_units() -> None:
            eng = LLMEngine(url=server.url, model=server.model, batch_size=args.batch_size,
                            termbases={"ko": termbase} if termbase else None)
            translate_units(eng, units, "en", "ko", termbase=termbase, locale="ko")

        for _ in range(args.repeat):
            for name, fn in (("raw", raw), ("engine", engine), ("units", through_units)):
                before = len(server.requests)
                times[name].append(timed(fn))
                sent = len(server.requests) - before
                assert name == "raw" or sent == len(batches), (name, sent, len(batches))
    n = len(batches)
    med = {k: (statistics.median(w for w, _ in v) / n * 1e3, statistics.median(c for _, c in v) / n * 1e3)
           for k, v in times.items()}
    print(f"{len(units)} sentences ({args.copies} copies of the report's), {n} batches of {args.batch_size}, "
          f"{args.repeat} interleaved repeats, medians per batch")
    print(f"{'':<8} {'wall ms':>9} {'cpu ms':>9} {'wall/raw':>9} {'cpu/raw':>9}")
    for k, (w, c) in med.items():
        print(f"{k:<8} {w:>9.2f} {c:>9.2f} {w / med['raw'][0]:>9.2f} {c / med['raw'][1]:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
