"""What the glossary and quantity protection change in MT drafts of the report.

For every unit of the report, each glossary term (found by ``Termbase.find``)
and each date or number (``find_quantities``) of the source is looked for in
the draft, with and without protection:

- a term counts as kept when the draft holds its target exactly (or the
  source text for a do-not-translate entry), its first letter capitalized at
  the start of a sentence;
- a quantity counts as localized when the draft holds Babel's form for the
  locale (``render_quantity``).

Engines: Apertium for Spanish (the real thing), and a tiny random-weight
CTranslate2 model (tests/mt/tiny_model.py) for Korean and Chinese, whose
wording is meaningless: for it only the structural figure (term present as
the glossary says) means anything.  Also times ``translate_units`` with and
without protection (Apertium, median of 3, cache off) and ``Termbase.find``
on a 5,000-term glossary.

    PYTHONPATH=$PWD python3 bench/glossary/measure.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import polib  # noqa: E402

from l10n.mt.translate_units import translate_units  # noqa: E402
from l10n.quantities import find_quantities, render_quantity  # noqa: E402
from l10n.terms import read_termbase  # noqa: E402

REPORT = "hrw-north-korea-world-report-2020.po"
KINDS = {"number", "percent", "currency", "year", "date"}


def units_of_report() -> list[str]:
    catalog = polib.pofile(str(ROOT / "locales" / "es" / "LC_MESSAGES" / REPORT))
    return [e.msgid for e in catalog if e.msgid and not e.obsolete]


def glossary(locale: str):
    path = ROOT / "locales" / locale / "glossary.csv"
    return read_termbase(path.read_text(encoding="utf-8"), path=str(path))


def score(units, drafts, termbase, locale) -> tuple[int, int, int, int]:
    terms_ok = terms_all = qty_ok = qty_all = 0
    for unit, draft in zip(units, drafts):
        for m in termbase.find(unit):
            terms_all += 1
            want = m.term.target or m.text
            terms_ok += want in draft.text or want[:1].upper() + want[1:] in draft.text  # sentence start
        for q in find_quantities(unit):
            if q.kind in KINDS:
                qty_all += 1
                qty_ok += render_quantity(q, locale) in draft.text
    return terms_ok, terms_all, qty_ok, qty_all


def report(engine, units, src, tgt, locale) -> None:
    termbase = glossary(locale)
    plain = translate_units(engine, units, src, tgt)
    guarded = translate_units(engine, units, src, tgt, termbase=termbase, locale=locale)
    for name, drafts in (("without", plain), ("with", guarded)):
        t_ok, t_all, q_ok, q_all = score(units, drafts, termbase, locale)
        print(f"{locale:8} {engine.name:9} {name:8} protection: glossary terms as the glossary says "
              f"{t_ok}/{t_all}, dates and numbers in the locale's form {q_ok}/{q_all}")


def main() -> None:
    units = units_of_report()
    from l10n.mt.apertium import ApertiumEngine

    apertium = ApertiumEngine()
    report(apertium, units, "eng", "spa", "es")
    howlers = ["Human Rights Watch reporting on the Chin states said Dr. Aye Chan had left."]
    for name, kw in (("without", {}), ("with", {"termbase": glossary("es"), "locale": "es"})):
        print(f"es       howlers  {name:8} protection: {translate_units(apertium, howlers, 'eng', 'spa', **kw)[0].text}")

    times = {}
    for name, kw in (("without", {}), ("with", {"termbase": glossary("es"), "locale": "es"})):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            translate_units(apertium, units, "eng", "spa", **kw)
            runs.append(time.perf_counter() - started)
        times[name] = statistics.median(runs)
    print(f"es       apertium translate_units on the report ({len(units)} units): "
          f"{times['without']:.2f} s without, {times['with']:.2f} s with protection "
          f"({times['with'] / times['without']:.2f}x)", flush=True)

    sys.path.insert(0, str(ROOT / "tests" / "mt"))
    from tiny_model import build_argosmodel, train_sentencepiece

    from l10n.mt.argos import ArgosEngine
    from l10n.mt.packages import install_from_file

    with tempfile.TemporaryDirectory() as tmp:
        build, packages = Path(tmp) / "build", Path(tmp) / "packages"
        build.mkdir()
        train_sentencepiece(build / "shared-sentencepiece.model")
        for to, seed, prefix in (("ko", 1, ""), ("zh", 3, "__zh__")):
            install_from_file(build_argosmodel(build, "en", to, seed=seed, target_prefix=prefix), packages)
        argos = ArgosEngine(packages, max_decoding_length_ratio=1.0, max_decoding_length_extra=4)
        report(argos, units, "en", "ko", "ko")
        report(argos, units, "en", "zh", "zh_Hans")

    big = read_termbase("source,target\n" + "".join(f"term{i} word{i},t{i}\n" for i in range(5000)), path="big")
    text = " ".join(units) * 10
    started = time.perf_counter()
    found = big.find(text)
    print(f"Termbase.find: 5,000 terms over {len(text):,} characters in {time.perf_counter() - started:.3f} s "
          f"({len(found)} matches)")


if __name__ == "__main__":
    main()
