"""`l10n translate` end to end: real tiny Argos models installed with
`l10n models install --from-file`, real PO files, real Apertium."""

from __future__ import annotations

import re
import shutil

import polib
import pytest

from l10n.cli.main import main
from l10n.placeholders import check_placeholders

DOC_A = """# Annual report

The report is [available online](https://example.org/r). Officials detained 22 people in 2019.

Shared sentence in both documents.
"""
DOC_B = """Shared sentence in both documents.

Another document has its own sentence. It has two.
"""
MT_LINE = re.compile(
    r"^mt: engine=argos package=translate-en_ko version=\S+ date=2026-11-27 score=(0\.\d{3}|1\.000)$", re.M
)


def cli(capsys, *args):
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path, capsys, argosmodels, monkeypatch):
    import datetime as dt

    class FixedDate(dt.date):
        @classmethod
        def today(cls):
            return cls(2026, 11, 27)

    monkeypatch.setattr("l10n.pipeline.translate.date", FixedDate)
    root = tmp_path / "p"
    (root / "source").mkdir(parents=True)
    (root / "source" / "a.md").write_text(DOC_A)
    (root / "source" / "b.md").write_text(DOC_B)
    (root / "l10n.toml").write_text(
        'project = "t"\nlocales = ["ko", "ja", "es"]\nsources = ["source/*.md"]\nmodels_dir = "models"\n'
        'engine = { default = "argos", es = "apertium" }\n'
        "[mt]\nbeam_size = 2\nmax_decoding_length_ratio = 1.0\nmax_decoding_length_extra = 4\n"
    )
    code, out, err = cli(capsys, "-C", str(root), "models", "install", "--from-file", str(argosmodels[("en", "ko")]))
    assert code == 0, err
    assert cli(capsys, "-C", str(root), "update")[0] == 0
    return root


def po(root, locale="ko", doc="a"):
    return polib.pofile(str(root / "locales" / locale / "LC_MESSAGES" / f"{doc}.po"))


def test_models_list_shows_served_locales(project, capsys):
    code, out, _ = cli(capsys, "-C", str(project), "models", "list")
    assert code == 0
    assert re.search(r"en -> ko\t\S+\tserves: ko\t", out)
    assert "configured locales without a model: ja" in out.splitlines()  # es is Apertium's


def test_translate_fills_empty_entries_once_across_documents(project, capsys, monkeypatch):
    import l10n.pipeline.translate as pipeline

    calls = []
    real_make = pipeline.make_engine

    def counting_make(config, name, **kw):
        engine = real_make(config, name, **kw)
        real_translate = engine.translate

        def translate(texts, source, target, **kwargs):
            calls.append((name, source, target, list(texts)))
            return real_translate(texts, source, target, **kwargs)

        engine.translate = translate
        return engine

    monkeypatch.setattr(pipeline, "make_engine", counting_make)
    code, out, err = cli(capsys, "-C", str(project), "translate", "--locale", "ko")
    assert code == 0, err
    argos_calls = [c for c in calls if c[0] == "argos"]
    assert len(argos_calls) == 1  # one engine call for all documents of the pair
    texts = argos_calls[0][3]
    assert len(texts) == len(set(texts)) == 6  # deduplicated: the shared sentence once
    for doc in ("a", "b"):
        catalog = po(project, "ko", doc)
        for entry in catalog:
            assert entry.msgstr, entry.msgid
            assert "fuzzy" in entry.flags
            assert MT_LINE.search(entry.tcomment), entry.tcomment
            problems = check_placeholders(entry.msgid, entry.msgstr)
            # Placeholders are restored, or the entry says exactly what failed.
            assert not problems or "check:" in entry.tcomment
        assert shutil.which("msgfmt")
    status = cli(capsys, "-C", str(project), "status", "--json", "--locale", "ko")[1]
    assert '"machine": 4' in status and '"machine": 3' in status and '"reviewed": 0' in status


def test_reviewed_entries_are_never_touched(project, capsys):
    path = project / "locales/ko/LC_MESSAGES/a.po"
    catalog = po(project)
    catalog.find("Annual report").msgstr = "연례 보고서"
    catalog.save(str(path))
    assert cli(capsys, "-C", str(project), "translate", "--locale", "ko")[0] == 0
    assert cli(capsys, "-C", str(project), "translate", "--locale", "ko", "--refresh-mt")[0] == 0
    entry = po(project).find("Annual report")
    assert entry.msgstr == "연례 보고서" and "fuzzy" not in entry.flags and "mt:" not in entry.tcomment


def test_rerun_hits_the_cache_and_only_new_sentences_are_translated(project, capsys):
    assert cli(capsys, "-C", str(project), "translate", "--locale", "ko")[0] == 0
    first = {e.msgid: e.msgstr for e in po(project)}
    # Nothing empty: nothing to do.
    assert "nothing to translate" in cli(capsys, "-C", str(project), "translate", "--locale", "ko")[1]
    # Empty every entry again: all from cache, identical texts (deterministic).
    for doc in ("a", "b"):
        path = project / f"locales/ko/LC_MESSAGES/{doc}.po"
        catalog = polib.pofile(str(path))
        for e in catalog:
            e.msgstr, e.flags, e.tcomment = "", [], ""
        catalog.save(str(path))
    out = cli(capsys, "-C", str(project), "translate", "--locale", "ko")[1]
    assert "6 sentences with argos (6 from cache" in out
    assert {e.msgid: e.msgstr for e in po(project)} == first
    # Edit one paragraph: only its sentences are new work.
    (project / "source/b.md").write_text(DOC_B.replace("It has two.", "It has three now."))
    assert cli(capsys, "-C", str(project), "update")[0] == 0
    out = cli(capsys, "-C", str(project), "translate", "--locale", "ko")[1]
    assert "1 sentences with argos (0 from cache" in out


def test_missing_model_is_skipped_with_a_hint_and_exit_code(project, capsys):
    code, out, err = cli(capsys, "-C", str(project), "translate", "--locale", "ja")
    assert code == 3
    assert "translate ja: skipped (argos): no Argos model installed for en -> ja" in err
    assert "l10n models install en ja" in err
    assert all(not e.msgstr for e in po(project, "ja"))


def test_dry_run_writes_nothing(project, capsys):
    before = (project / "locales/ko/LC_MESSAGES/a.po").read_bytes()
    code, out, _ = cli(capsys, "-C", str(project), "translate", "--locale", "ko", "--dry-run")
    assert code == 0 and "would translate 6 sentences (7 entries)" in out
    assert (project / "locales/ko/LC_MESSAGES/a.po").read_bytes() == before


@pytest.mark.usefixtures("apertium_required")
def test_apertium_gives_real_spanish_drafts(project, capsys):
    code, out, err = cli(capsys, "-C", str(project), "translate", "--locale", "es")
    assert code == 0, err
    entry = po(project, "es").find("The report is <1>available online</1>.")
    assert "informe" in entry.msgstr and "<1>" in entry.msgstr and "</1>" in entry.msgstr
    assert "fuzzy" in entry.flags
    assert re.search(r"mt: engine=apertium package=apertium-eng-spa version=\S+ date=2026-11-27 score=n/a", entry.tcomment)
    assert "22" in po(project, "es").find("Officials detained 22 people in 2019.").msgstr
    # A fuzzy draft is not published: the Spanish edition is still English.
    assert cli(capsys, "-C", str(project), "build", "--locale", "es")[0] == 0
    html = (project / "build/es/a.html").read_text()
    assert "informe" not in html
    assert cli(capsys, "-C", str(project), "build", "--locale", "es", "--include-fuzzy")[0] == 0
    assert "informe" in (project / "build/es/a.draft.html").read_text()


def test_status_lists_drafts_for_review_by_confidence(project, capsys):
    assert cli(capsys, "-C", str(project), "translate", "--locale", "ko")[0] == 0
    code, out, _ = cli(capsys, "-C", str(project), "status", "--drafts", "--json", "--locale", "ko")
    assert code == 0
    import json

    drafts = json.loads(out)
    assert len(drafts) == 7  # one row per entry: the shared sentence in both documents
    flagged = [d for d in drafts if d["findings"]]
    assert drafts[: len(flagged)] == flagged  # what failed verification comes first
    scores = [d["score"] for d in drafts[len(flagged):]]
    assert scores == sorted(scores) and all(0 <= s <= 1 for s in scores)
    assert all(d["reference"].startswith("source/") and d["state"] == "machine" for d in drafts)
    text = cli(capsys, "-C", str(project), "status", "--drafts", "--locale", "ko")[1]
    assert len(text.strip().splitlines()) == 1 + 7  # a header row, then one line per entry
