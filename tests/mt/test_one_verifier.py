"""One verifier: the ``check:`` lines ``l10n translate`` writes on a draft are
the findings ``l10n check`` reports for the same (source, translation) pair.

The drafts come through the real pipeline: Apertium's MT cache is filled
with the table's translations first, so ``l10n translate --engine apertium``
takes every draft from the cache (a cache hit is verified like a fresh
draft) and no engine output decides what the table tests."""

from __future__ import annotations

import json

import polib
import pytest

from helpers import make_project, run_cli
from l10n.config import load_config
from l10n.mt.apertium import ApertiumEngine
from l10n.mt.cache import CachedTranslation, MTCache
from l10n.mt.protect import protect_unit
from l10n.pipeline.findings import RECORDED_CHECK_NAMES
from l10n.pipeline.translate import engine_codes
from l10n.qa import CATALOG_CHECKS
from l10n.terms import load_termbase


SOURCE = """# Verifier

Read [the report](https://hrw.org/r) now.

See [the chart ![chart](chart.png) here](https://hrw.org/f).

Read **the *full* text** today.

Details are at https://hrw.org/details today.

Some 23 people fled.

Human Rights Watch said so.

The meeting did not occur.
"""
# unit -> (Spanish translation, the findings both must report as (severity, check))
TABLE = {
    "Read <1>the report</1> now.": ("Lea <1></1> ahora.", [("error", "placeholders")]),
    "See <1>the chart <2/> here</1>.": ("Vea <2/> <1>el gráfico aquí</1>.", [("error", "placeholders")]),
    "Read <1>the <2>full</2> text</1> today.": ("Lea <2>completo</2> <1>el texto</1> hoy.",
                                                  [("error", "placeholders")]),
    "Details are at https://hrw.org/details today.": ("Los detalles están hoy.", [("error", "urls")]),
    "Some 23 people fled.": ("Unas 22 personas huyeron.", [("error", "numbers")]),
    "Human Rights Watch said so.": ("Observador de Derechos Humanos lo dijo.", [("warning", "glossary")]),
    "The meeting did not occur.": ("La reunión no se celebró.", []),
}
CATALOG_CHECK_NAMES = {c.name for c in CATALOG_CHECKS}
OTHER_UNITS = {"Verifier": "Verificador", "chart": "gráfico"}  # a heading, an image's alt text


@pytest.mark.usefixtures("apertium_required")
def test_mt_verification_and_check_flag_the_same_problems(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"doc.md": SOURCE}, locales=("es",))
    (root / "locales/es").mkdir(parents=True)
    (root / "locales/es/glossary.csv").write_text("source,target,note\nHuman Rights Watch,,keep\n", encoding="utf-8")
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    path = root / "locales/es/LC_MESSAGES/doc.po"
    units = [e.msgid for e in polib.pofile(str(path)) if e.msgid not in OTHER_UNITS]
    assert sorted(units) == sorted(TABLE), units  # the reader made the units the table expects

    config = load_config(root)
    termbase = load_termbase(config, "es")
    source, target = engine_codes("apertium", "en", "es")
    identity = ApertiumEngine().identity(source, target)
    with MTCache(config.cache_dir) as cache:
        for unit, (text, _) in [*((u, (t, [])) for u, t in OTHER_UNITS.items()), *TABLE.items()]:
            context = protect_unit(unit, termbase, locale="es").context
            cache.put_many([(unit, CachedTranslation(text, None, ()))], identity, source, target,
                            context={unit: context})

    code, out, err = run_cli(capsys, "-C", str(root), "translate", "--engine", "apertium")
    assert code == 0, err
    drafts = {e.msgid: e for e in polib.pofile(str(path))}
    assert all(drafts[u].msgstr == TABLE[u][0] and "fuzzy" in drafts[u].flags for u in TABLE)  # all from the cache

    checked = same_lines(capsys, root, drafts)
    for unit, (_, expected) in TABLE.items():
        assert [(f["severity"], f["check"]) for f in checked.get(unit, [])] == expected, (unit, checked.get(unit))


def same_lines(capsys, root, drafts) -> dict[str, list[dict]]:
    """Assert each draft's check: lines are what 'l10n check' finds on it (entry
    checks: a draft is verified alone, so catalog statistics are left out)."""
    code, out, err = run_cli(capsys, "-C", str(root), "check", "--format", "json", "--fail-on", "never")
    assert code == 0, err
    # Facts the engine recorded (Apertium's unknown words) are check: lines of their own,
    # which 'l10n check' reports as they are: left out on both sides.
    checked = {item["msgid"]: [f for f in item["findings"]
                               if f["check"] not in CATALOG_CHECK_NAMES | RECORDED_CHECK_NAMES]
               for item in json.loads(out)}
    for msgid, entry in drafts.items():
        if not msgid:
            continue
        by_check = [f"check: {f['severity']}[{f['check']}]: {f['message']}" for f in checked.get(msgid, [])]
        by_mt = [line for line in entry.tcomment.splitlines()
                 if line.startswith("check:") and not line.startswith("check: unknown words")]
        assert by_mt == by_check, msgid
    return checked


@pytest.mark.usefixtures("apertium_required")
def test_fresh_apertium_drafts_carry_the_findings_of_check(tmp_path, capsys):
    # Place names Apertium does not know come back as they are: 'identical' says so.
    source = SOURCE + "\nKyaukpyu Sittwe Minbya Mrauk Ponnagyun.\n"
    root = make_project(tmp_path / "p", {"doc.md": source}, locales=("es",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(root), "translate", "--engine", "apertium")
    assert code == 0 and "0 from cache" in out, (out, err)
    drafts = {e.msgid: e for e in polib.pofile(str(root / "locales/es/LC_MESSAGES/doc.po"))}
    assert all(e.msgstr and "fuzzy" in e.flags for m, e in drafts.items() if m)
    checked = same_lines(capsys, root, drafts)
    assert [f["check"] for f in checked["Kyaukpyu Sittwe Minbya Mrauk Ponnagyun."]] == ["identical"]


@pytest.mark.usefixtures("apertium_required")
def test_a_cached_draft_is_judged_by_todays_checks(tmp_path):
    """What an older version cached with a draft (its own verification's lines) is
    dropped on a cache hit and the checks run again; the engine's facts stay."""
    from l10n.mt.translate_units import translate_units

    engine = ApertiumEngine()
    unit = "Read <1>the report</1> now."
    identity = engine.identity("eng", "spa")
    old = ("placeholder <1> missing in translation (source has <1>; translation has none)",
           "unknown words: report")
    with MTCache(tmp_path) as cache:
        cache.put_many([(unit, CachedTranslation("Lea <1></1> ahora.", None, old))], identity, "eng", "spa")
    with MTCache(tmp_path) as cache:
        (result,) = translate_units(engine, [unit], "eng", "spa", cache=cache, locale="es")
    assert result.cached
    assert result.problems == [
        "error[placeholders]: placeholder <1> encloses no text in translation (source: 'the report')",
        "unknown words: report"]
