"""Review: the queue (review --list, status --drafts), status against the current
source, provenance that survives re-wrapping, and the bilingual page's content."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import polib
import pytest

from helpers import make_project, msgfmt_check, run_cli

DOC = """# Annual report

Officials detained 22 people in 2019. The report is [available online](https://example.org/r).

Second paragraph has one sentence. Third sentence is here. Fourth sentence follows.

Fifth sentence is short. Sixth sentence ends it.
"""
KO = {
    "Annual report": "연례 보고서",
    "Officials detained 22 people in 2019.": "당국은 2019년에 22명을 구금했다.",
    "The report is <1>available online</1>.": "보고서는 <1>온라인에서</1> 볼 수 있다.",
    "Second paragraph has one sentence.": "두 번째 문단은 한 문장이다.",
    "Third sentence is here.": "세 번째 문장이 여기 있다.",
    "Fourth sentence follows.": "네 번째 문장이 이어진다.",
    "Fifth sentence is short.": "다섯 번째 문장은 짧다.",
    "Sixth sentence ends it.": "여섯 번째 문장이 끝낸다.",
}
MT = "mt: engine=argos package=translate-en_ko version=1.1 date=2026-11-27 score={}"


def catalog(root, locale="ko", doc="report"):
    return root / "locales" / locale / "LC_MESSAGES" / f"{doc}.po"


def edit(root, changes: dict, *, locale="ko", doc="report", save=None) -> None:
    """What a reviewer or a tool does to entries: msgid -> (msgstr, fuzzy, comment lines)."""
    path = catalog(root, locale, doc)
    po = polib.pofile(str(path))
    for msgid, (msgstr, fuzzy, comments) in changes.items():
        entry = po.find(msgid)
        entry.msgstr = msgstr
        entry.flags = ["fuzzy"] if fuzzy else []
        entry.tcomment = "\n".join(comments)
    (save or (lambda p: p.save(str(path))))(po)


@pytest.fixture
def project(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"report.md": DOC}, locales=("ko", "zh_Hans"))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    edit(root, {m: (t, False, []) for m, t in KO.items()})
    return root


def queue(capsys, root, *args) -> list[dict]:
    code, out, err = run_cli(capsys, "-C", str(root), "review", "--list", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def test_status_and_build_count_the_current_source_and_say_to_update(project, capsys):
    status = json.loads(run_cli(capsys, "-C", str(project), "status", "--json", "--locale", "ko")[1])[0]
    assert (status["units"], status["reviewed"], status["unmerged"], status["percent_reviewed"]) == (8, 8, 0, 100.0)
    # Edit one sentence without 'l10n update': the catalog still has the old one, reviewed.
    source = project / "source" / "report.md"
    source.write_text(DOC.replace("Third sentence is here.", "Third sentence is over there."))
    code, out, err = run_cli(capsys, "-C", str(project), "status", "--json", "--locale", "ko")
    row = json.loads(out)[0]
    assert (row["units"], row["reviewed"], row["untranslated"], row["unmerged"]) == (8, 7, 1, 1)
    assert row["percent_reviewed"] == 87.5
    code, out, err = run_cli(capsys, "-C", str(project), "status", "--locale", "ko")
    assert "1 sentence(s) of the sources are not in the catalogs yet" in err and "run 'l10n update'" in err
    # The build's gate counts the same way: 87.5% is below 100, the edition is not written.
    code, out, err = run_cli(capsys, "-C", str(project), "build", "--locale", "ko", "--min-reviewed", "100")
    assert code == 0
    assert "ko: 87.5% reviewed, below --min-reviewed 100%" in err and "run 'l10n update'" in err
    assert not (project / "build" / "ko" / "report.html").exists()
    # After update the edited sentence is a carried-over fuzzy entry: still 87.5%, nothing unmerged.
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    row = json.loads(run_cli(capsys, "-C", str(project), "status", "--json", "--locale", "ko")[1])[0]
    assert (row["reviewed"], row["fuzzy"], row["unmerged"]) == (7, 1, 0)
    assert "run 'l10n update'" not in run_cli(capsys, "-C", str(project), "status", "--locale", "ko")[2]


def test_review_queue_lists_every_kind_flagged_first_then_by_score(project, capsys):
    edit(project, {
        "Annual report": ("연례 보고서", True, [MT.format("0.900")]),
        "Second paragraph has one sentence.": ("두 번째 문단.", True, [MT.format("0.412")]),
        "Fourth sentence follows.": ("네 번째.", True, [MT.format("0.655")]),
        # A dropped placeholder: an error found by the QA checks, so it comes first.
        "The report is <1>available online</1>.": ("보고서는 온라인에서 볼 수 있다.", True, [MT.format("0.990")]),
        "Fifth sentence is short.": ("다섯 번째 문장은 짧다.", True, []),  # fuzzy by hand
        # Reviewed, but with an invented placeholder: not counted as reviewed, so it waits too.
        "Third sentence is here.": ("세 번째 <1>문장</1>이 여기 있다.", False, []),
    })
    # A memory match: a second document with a sentence reviewed in the first.
    (project / "source" / "other.md").write_text("Sixth sentence ends it.\n")
    # A carry-over: an edited sentence lends its reviewed translation.
    source = project / "source" / "report.md"
    source.write_text(source.read_text().replace("detained 22 people", "detained 23 people"))
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0

    rows = queue(capsys, project, "--locale", "ko")
    kinds = {r["msgid"]: r["state"] for r in rows}
    assert kinds == {
        "The report is <1>available online</1>.": "machine",
        "Officials detained 23 people in 2019.": "carried",
        "Second paragraph has one sentence.": "machine",
        "Fourth sentence follows.": "machine",
        "Annual report": "machine",
        "Fifth sentence is short.": "fuzzy",
        "Sixth sentence ends it.": "memory",
        "Third sentence is here.": "failing",  # no fuzzy flag, but a lost placeholder
    }
    # Flagged first: the carry-over keeps the old number 22 (update's check and the
    # numbers check) and the lost placeholder; then lowest score first; then the rest.
    flagged = [r["msgid"] for r in rows if r["findings"]]
    assert set(flagged) == {"The report is <1>available online</1>.", "Officials detained 23 people in 2019.",
                            "Third sentence is here."}
    assert [r["msgid"] for r in rows][: len(flagged)] == flagged
    assert [r["score"] for r in rows[3:6]] == [0.412, 0.655, 0.9]
    carried = next(r for r in rows if r["state"] == "carried")
    assert carried["previous_msgid"] == "Officials detained 22 people in 2019."
    assert {f["check"] for f in carried["findings"]} >= {"source-numbers", "numbers"}
    for broken in (r for r in rows if r["msgid"] in ("The report is <1>available online</1>.", "Third sentence is here.")):
        assert any(f["check"] == "placeholders" and f["severity"] == "error" for f in broken["findings"])
    # The unscored tail is ordered by catalog, then by line as a number.
    tail = [(r["catalog"], r["line"]) for r in rows[6:]]
    assert tail == sorted(tail)

    code, out, _ = run_cli(capsys, "-C", str(project), "review", "--list", "--locale", "ko")
    lines = out.splitlines()
    assert lines[0].split("\t") == ["locale", "kind", "score", "where", "findings", "source", "translation"]
    assert len(lines) == 1 + len(rows) and all(len(line.split("\t")) == 7 for line in lines)
    assert lines[4].split("\t")[:3] == ["ko", "machine", "0.412"]
    assert re.fullmatch(r"locales/ko/LC_MESSAGES/report\.po:\d+", lines[4].split("\t")[3])
    # status --drafts is the same list.
    assert run_cli(capsys, "-C", str(project), "status", "--drafts", "--locale", "ko")[1] == out
    # Other locales have nothing waiting; --locale filters.
    assert queue(capsys, project, "--locale", "zh_Hans") == []
    assert len(queue(capsys, project)) == len(rows)


def test_line_numbers_sort_as_numbers(tmp_path, capsys):
    # Hand-fuzzy entries on catalog lines 10..>100, where text order would put "105" before "15".
    doc = "\n\n".join(f"Sentence number {n} is here." for n in range(1, 26)) + "\n"
    root = make_project(tmp_path / "p", {"doc.md": doc}, locales=("ko",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    edit(root, {f"Sentence number {n} is here.": (f"{n}번째 문장.", True, []) for n in range(1, 26)}, doc="doc")
    lines = [r["line"] for r in queue(capsys, root)]
    assert len(lines) == 25 and lines == sorted(lines) and max(lines) >= 100 > min(lines)


def _save_polib(po, path) -> None:
    po.wrapwidth = 78
    po.save(str(path))


@pytest.mark.parametrize("rewrap", ["polib", "msgcat"])
def test_provenance_is_read_however_the_comment_is_wrapped(project, capsys, rewrap):
    long = "check: numbers changed in the source: 22 -> 23; the translation still has the old ones (reviewer note)"
    changes = {
        "Second paragraph has one sentence.": ("두 번째 문단.", True, [MT.format("0.412")]),
        "Fourth sentence follows.": ("네 번째.", True, [MT.format("0.655"), long]),
        "Annual report": ("연례 보고서", True, [MT.format("0.900")]),
    }
    edit(project, changes)
    expected = queue(capsys, project, "--locale", "ko")
    path = catalog(project)
    # The same catalog as polib saves it (wrapwidth 78), or as msgcat re-wraps that file.
    edit(project, changes, save=lambda po: _save_polib(po, path))
    text = path.read_text()
    assert "date=2026-11-27\n# score=0.412" in text  # the mt: line really is wrapped
    if rewrap == "msgcat":
        msgcat = shutil.which("msgcat")
        assert msgcat, "GNU gettext's msgcat is required (apt-get install gettext)"
        subprocess.run([msgcat, "--width=40", "-o", str(path), str(path)], check=True)
        assert 'msgid ""\n"Second paragraph has one sentence."' in path.read_text()  # msgcat re-wrapped it
    assert msgfmt_check(path).returncode == 0
    got = queue(capsys, project, "--locale", "ko")
    assert [(r["msgid"], r["score"], r["findings"]) for r in got] == [
        (r["msgid"], r["score"], r["findings"]) for r in expected
    ]
    assert [r["score"] for r in got] == [0.655, 0.412, 0.9]  # flagged first, then by score
    assert got[0]["findings"][0]["message"] == long.removeprefix("check: ")


def test_review_pages_show_states_diffs_and_escape_everything(project, capsys):
    edit(project, {
        "Second paragraph has one sentence.": ("<script>alert(1)</script> 두 번째 &amp;", True, [MT.format("0.412")]),
        "Fourth sentence follows.": ("", False, []),
    })
    source = project / "source" / "report.md"
    source.write_text(source.read_text().replace("detained 22 people", "detained 23 people"))
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(project), "review")
    assert code == 0, err
    assert out.splitlines() == ["ko: build/review/ko/report.html", "zh_Hans: build/review/zh_Hans/report.html"]
    html = (project / "build" / "review" / "ko" / "report.html").read_text()
    # Every sentence of the source, in document order, once.
    order = [html.index(f">{m}<") for m in ("Annual report", "Third sentence is here.", "Sixth sentence ends it.")]
    assert order == sorted(order)
    assert len(re.findall(r"<tr class=\"[a-z]*\" data-state=", html)) == 8
    for state in ("reviewed", "machine", "carried", "untranslated"):
        assert f'data-state="{state}"' in html
    # Catalog text is text, never markup.
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 두 번째 &amp;amp;" in html
    # The carried-over entry shows what changed, word by word.
    assert "<del>22</del><ins>23</ins>" in html
    # The placeholder is a chip, the score and the provenance are shown.
    assert '<span class="ph">&lt;1&gt;</span>' in html and "score 0.412" in html
    # Nothing may load from anywhere; only the page's own style and script run.
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp and "unsafe-inline" not in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    # A second run rewrites nothing.
    assert run_cli(capsys, "-C", str(project), "review")[0] == 0
    assert (project / "build" / "review" / "ko" / "report.html").read_text() == html
