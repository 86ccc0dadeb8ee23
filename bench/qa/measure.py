#!/usr/bin/env python3
"""Measure ``l10n check``: false alarms on reviewed catalogs, planted faults found in MT drafts.

    python bench/qa/measure.py [--json OUT.json]

1. Reviewed catalogs: every check on the repository's reviewed Korean and
   Simplified Chinese catalogs of the report, with the locale's glossary when
   the project ships one (``locales/<locale>/glossary.csv``).  Findings per
   check and severity, each printed so a person can judge it: the goal is no
   error-level finding that is a false alarm.
2. Drafts: the report's units and those of the golden cases
   (``tests/cases/*/units.txt``: more markup, ``1.2 million``, ``3.5
   percent``, ``Jan. 5``) translated for real by Apertium (en -> es) and
   by the test model (``tests/mt/tiny_model.py``: a random-weight CTranslate2
   Transformer built here and installed the Argos way, en -> ko), as
   ``l10n translate`` makes them: with the locale's glossary terms, dates and
   numbers protected through MT.  On every
   draft, faults are planted one at a time, each where it is the only change:
   - a changed number: one digit of a number the draft writes correctly is
     changed (3 -> 4), wherever that makes the source's number missing;
   - a dropped placeholder: the last placeholder (a pair or a void one) is
     removed from a draft whose placeholders were right;
   - a missing glossary term: the glossary's target (or a do-not-translate
     term as written) is replaced, everywhere, by another word in a draft
     that had it.
   A planted fault is found when the faulted draft gets a finding of that
   check which the draft did not have.  Where the engine itself lost the
   number or the term (the test model's random weights always do), the fault
   is planted in a *repaired* draft: the draft with the locale's form of the
   number (``render_quantity``) or the glossary's target appended, so the
   checks must find the one change in an otherwise garbled sentence.  Those
   are counted apart, and the findings on the unchanged drafts are reported
   too (each one a fault the engine made).

Nothing in the repository is written.  Needs Apertium with apertium-eng-spa
(``.ci/setup`` installs it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "mt"))  # tiny_model; tests/ is no importable package

DOC = "hrw-north-korea-world-report-2020"
REVIEWED = ("ko", "zh_Hans")


VERBOSE = False
GLOSSARIES: Path | None = None  # --glossaries: another folder of <locale>/glossary.csv


def load(locale: str):
    from l10n.catalog import read_catalog
    from l10n.config import load_config
    from l10n.pipeline.paths import catalog_path
    from l10n.terms import load_termbase, read_termbase

    config = load_config(REPO)
    path = catalog_path(config, locale, DOC)
    if GLOSSARIES is not None:
        csv = GLOSSARIES / locale / "glossary.csv"
        termbase = read_termbase(csv.read_text(encoding="utf-8"), path=str(csv)) if csv.exists() else None
    else:
        termbase = load_termbase(config, locale)
    return read_catalog(path, display_path=config.relative(path)), termbase or None


def reviewed_catalogs() -> dict:
    from l10n.catalog.state import REVIEWED as STATE_REVIEWED
    from l10n.catalog.state import entry_state
    from l10n.qa import check_catalog

    out = {}
    for locale in REVIEWED:
        po, termbase = load(locale)
        entries = [e for e in po if not e.obsolete and e.msgid and entry_state(e) == STATE_REVIEWED]
        found = check_catalog(entries, locale=locale, termbase=termbase)
        counts = Counter(f"{f.severity}[{f.check}]" for fs in found.values() for f in fs)
        listed = [{"msgid": k[1], "check": f.check, "severity": f.severity, "message": f.message}
                  for k, fs in found.items() for f in fs]
        out[locale] = {"entries": len(entries), "glossary_terms": len(termbase) if termbase else 0,
                       "findings": dict(counts), "list": listed}
    return out


# --------------------------------------------------------------------------- planting


def plant_number(source: str, draft: str, locale: str) -> list[tuple[str, str]]:
    """(carrier, faulted): one digit changed where that loses a number of the source."""
    from l10n.quantities import find_quantities, quantity_accepted, render_quantity

    faulted = []
    for q in find_quantities(source):
        carrier = draft if quantity_accepted(q, draft, locale) else f"{draft} {render_quantity(q, locale)}"
        for m in reversed(list(re.finditer(r"\d", carrier))):
            changed = carrier[:m.start()] + str((int(m.group(0)) + 1) % 10) + carrier[m.end():]
            if not quantity_accepted(q, changed, locale):
                faulted.append((carrier, changed))
                break
    return faulted


def plant_placeholder(source: str, draft: str) -> list[tuple[str, str]]:
    """(draft, faulted): the last placeholder (both tags of a pair, or a void one) dropped."""
    from l10n.placeholders import PLACEHOLDER_RE, check_placeholders

    tags = list(PLACEHOLDER_RE.finditer(draft))
    if not tags or check_placeholders(source, draft):
        return []
    number = tags[-1].group(2)
    return [(draft, re.sub(rf"(?<!\\)</?{number}/?>", "", draft))]


def plant_term(source: str, draft: str, termbase) -> list[tuple[str, str]]:
    """(carrier, faulted): a glossary target (or a do-not-translate term) replaced by another word."""
    if termbase is None:
        return []
    faulted = []
    for match in termbase.find(source):
        wanted = match.term.target if match.term.target is not None else match.text
        carrier = draft if wanted.casefold() in draft.casefold() else f"{draft} {wanted}"
        # Every occurrence goes: a term written twice is not missing.
        faulted.append((carrier, re.sub(re.escape(wanted), "◇", carrier, flags=re.IGNORECASE)))
    return faulted


def draft_faults(units: list[str], drafts: list[str], locale: str, termbase) -> dict:
    from l10n.qa import check_entry

    def messages(source: str, text: str, check: str) -> Counter:
        return Counter(f.message for f in check_entry(source, text, locale=locale, termbase=termbase)
                       if f.check == check)

    baseline = Counter()
    listed = []
    result = {kind: {"planted": 0, "found": 0, "repaired_first": 0, "missed": []}
              for kind in ("numbers", "placeholders", "glossary")}
    for src, draft in zip(units, drafts):
        for f in check_entry(src, draft, locale=locale, termbase=termbase):
            baseline[f"{f.severity}[{f.check}]"] += 1
            listed.append(f"{f.severity}[{f.check}] {f.message}  <- {draft[:70]}")
        plants = {
            "numbers": plant_number(src, draft, locale),
            "placeholders": plant_placeholder(src, draft),
            "glossary": plant_term(src, draft, termbase),
        }
        for kind, faulted in plants.items():
            for carrier, bad in faulted:
                counts = result[kind]
                counts["planted"] += 1
                counts["repaired_first"] += carrier != draft
                if messages(src, bad, kind) - messages(src, carrier, kind):
                    counts["found"] += 1
                else:
                    counts["missed"].append({"source": src, "carrier": carrier, "faulted": bad})
    return {"units": len(units), "findings_on_drafts": dict(baseline), "list": listed, "planted": result}


# --------------------------------------------------------------------------- engines


def apertium_drafts(units: list[str], termbase) -> list[str]:
    from l10n.mt.apertium import ApertiumEngine
    from l10n.mt.translate_units import translate_units

    from l10n.mt.engine import apertium_code

    return [r.text for r in translate_units(ApertiumEngine(), units, apertium_code("en"), apertium_code("es"),
                                            termbase=termbase, locale="es")]


def tiny_model_drafts(units: list[str], work: Path, termbase) -> list[str]:
    import tiny_model

    from l10n.mt.argos import ArgosEngine
    from l10n.mt.packages import install_from_file
    from l10n.mt.translate_units import translate_units

    tiny_model.train_sentencepiece(work / "shared-sentencepiece.model")
    package = tiny_model.build_argosmodel(work, "en", "ko", seed=1)
    packages = work / "packages"
    install_from_file(package, packages)
    engine = ArgosEngine(packages, max_decoding_length_ratio=1.0, max_decoding_length_extra=4)
    return [r.text for r in translate_units(engine, units, "en", "ko", termbase=termbase, locale="ko")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding on the drafts")
    parser.add_argument("--glossaries", type=Path,
                        help="read <locale>/glossary.csv from this folder instead of the project's locales/")
    args = parser.parse_args()
    global GLOSSARIES, VERBOSE
    GLOSSARIES, VERBOSE = args.glossaries, args.verbose

    report: dict = {"reviewed": reviewed_catalogs(), "drafts": {}}
    po, _ = load("ko")
    units = [e.msgid for e in po if not e.obsolete and e.msgid]
    for case in sorted((REPO / "tests" / "cases").glob("*/units.txt")):
        units += [line for line in case.read_text(encoding="utf-8").splitlines() if line.strip()]
    units = list(dict.fromkeys(units))
    with tempfile.TemporaryDirectory() as tmp:
        for name, locale, drafts in (
            ("apertium en-es", "es", lambda tb: apertium_drafts(units, tb)),
            ("test model en-ko", "ko", lambda tb: tiny_model_drafts(units, Path(tmp), tb)),
        ):
            termbase = load(locale)[1]
            report["drafts"][name] = draft_faults(units, drafts(termbase), locale, termbase)
            report["drafts"][name]["glossary_terms"] = len(termbase) if termbase else 0

    for locale, data in report["reviewed"].items():
        print(f"reviewed {locale}: {data['entries']} entries, glossary {data['glossary_terms']} terms; "
              f"findings: {data['findings'] or 'none'}")
        for item in data["list"]:
            print(f"  {item['severity']}[{item['check']}] {item['message']}  <- {item['msgid'][:60]}")
    for name, data in report["drafts"].items():
        print(f"drafts {name}: {data['units']} units, glossary {data['glossary_terms']} terms; findings on the "
              f"unchanged drafts: {data['findings_on_drafts'] or 'none'}")
        for item in data["list"] if VERBOSE else ():
            print(f"    {item}")
        for kind, counts in data["planted"].items():
            print(f"  planted {kind}: {counts['found']}/{counts['planted']} found "
                  f"({counts['repaired_first']} planted in a repaired draft)")
            for miss in counts["missed"][:5]:
                print(f"    missed: {miss['faulted'][:100]}")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    missed = sum(len(c["missed"]) for d in report["drafts"].values() for c in d["planted"].values())
    errors = sum(v for d in report["reviewed"].values() for k, v in d["findings"].items() if k.startswith("error"))
    return 1 if missed or errors else 0


if __name__ == "__main__":
    sys.exit(main())
