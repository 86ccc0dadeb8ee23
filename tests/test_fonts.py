"""Fonts before a PDF: fontconfig is asked whether an installed font covers each
edition's scripts, before WeasyPrint lays anything out (under a fontconfig
without fonts Pango would crash the process).  A PDF without one stops the
build with ``error:`` naming the locale, the script and the Debian package,
and leaves the previous PDF alone; an HTML edition only gets a warning.

The fontconfig configurations are real files handed to real builds in a
subprocess through ``FONTCONFIG_FILE``: one with no font directory at all,
and one with a single Latin/Greek/Cyrillic font."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from helpers import make_project
from l10n.render.fonts import FontCoverage, scripts_in

SOURCE = "# Water report\n\nPrices rose in the north.\n\nRead [the summary](https://example.org/s) first.\n"
REVIEWED = {
    "ko": {"Water report": "물 보고서", "Prices rose in the north.": "북부에서 가격이 올랐다.",
           "Read <1>the summary</1> first.": "먼저 <1>요약</1>을 읽어라."},
    "ar": {"Water report": "تقرير المياه", "Prices rose in the north.": "ارتفعت الأسعار في الشمال.",
           "Read <1>the summary</1> first.": "اقرأ <1>الملخص</1> أولا."},
}
LATIN_FONT = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")  # fonts-noto-core: Latin, Greek, Cyrillic


def fontconfig(tmp_path: Path, name: str, fonts: tuple[Path, ...] = ()) -> Path:
    """A fonts.conf whose only fonts are ``fonts`` (linked into a folder of its own)."""
    folder = tmp_path / name
    (folder / "fonts").mkdir(parents=True)
    for font in fonts:
        (folder / "fonts" / font.name).symlink_to(font)
    dirs = f"<dir>{folder / 'fonts'}</dir>" if fonts else ""
    conf = folder / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig>{dirs}<cachedir>{folder / 'cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    return conf


def build(root: Path, *formats: str, conf: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if conf is not None:
        env["FONTCONFIG_FILE"] = str(conf)
    args = [arg for f in formats for arg in ("--format", f)]
    return subprocess.run([sys.executable, "-m", "l10n", "-C", str(root), "build", *args], env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", {"report.md": SOURCE}, locales=("ko", "ar"))
    subprocess.run([sys.executable, "-m", "l10n", "-C", str(root), "update"], check=True, capture_output=True)
    for locale, translations in REVIEWED.items():
        path = root / f"locales/{locale}/LC_MESSAGES/report.po"
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = translations[entry.msgid]
        po.save(str(path))
    return root


def test_scripts_of_an_editions_letters():
    found = scripts_in("Water 물 보고서 中文 かな カナ تقرير שלום Вода νερό 3.5% ª ①")
    assert {script: "".join(chars) for script, chars in found.items()} == {
        "Latin": "Waert", "Greek": "ενρό", "Cyrillic": "Вадо", "Hebrew": "ולםש", "Arabic": "ترقي",
        "Hiragana": "かな", "Katakana": "カナ", "Han": "中文", "Hangul": "고물보서"}


def test_fontconfig_is_asked_and_names_the_package(tmp_path):
    latin_only = fontconfig(tmp_path, "latin", (LATIN_FONT,))
    env = {**os.environ, "FONTCONFIG_FILE": str(latin_only)}
    code = ("from l10n.render.fonts import FontCoverage; "
            "print([(m.script, m.package) for m in FontCoverage().missing_scripts('Water 물 تقرير Вода')])")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[('Arabic', 'fonts-noto-core'), ('Hangul', 'fonts-noto-cjk')]"
    assert FontCoverage().missing_scripts("Water 물 تقرير Вода 中文") == []  # this machine's fonts (.ci/setup)


def test_pdf_without_fonts_stops_with_the_package_and_keeps_the_previous_pdf(project, tmp_path):
    first = build(project, "pdf", "html")
    assert first.returncode == 0, first.stderr
    pdf = project / "build/ko/report.pdf"
    before = pdf.read_bytes()
    assert before.startswith(b"%PDF") and "font" not in first.stderr
    stamp = pdf.stat().st_mtime_ns

    empty = build(project, "pdf", conf=fontconfig(tmp_path, "empty"))
    assert empty.returncode == 1, (empty.returncode, empty.stderr[-2000:])  # not 139: no segmentation fault
    assert "Traceback" not in empty.stderr
    lines = empty.stderr.splitlines()
    assert all(line.startswith("error: ") for line in lines), lines
    assert ("error: ko: no installed font covers Latin, Hangul (needed by build/ko/report.pdf); "
            "install the Debian packages fonts-noto-core and fonts-noto-cjk") in lines
    assert pdf.read_bytes() == before and pdf.stat().st_mtime_ns == stamp

    latin = build(project, "pdf", conf=fontconfig(tmp_path, "latin", (LATIN_FONT,)))
    assert latin.returncode == 1, latin.stderr[-2000:]
    assert latin.stderr.splitlines() == [
        "error: ko: no installed font covers Hangul (needed by build/ko/report.pdf); "
        "install the Debian package fonts-noto-cjk",
        "error: ar: no installed font covers Arabic (needed by build/ar/report.pdf); "
        "install the Debian package fonts-noto-core",
    ]
    assert pdf.read_bytes() == before


def test_html_edition_without_fonts_is_a_warning(project, tmp_path):
    result = build(project, "html", conf=fontconfig(tmp_path, "latin", (LATIN_FONT,)))
    assert result.returncode == 0, result.stderr
    assert ("warning: ko: no installed font covers Hangul (needed by build/ko/report.html); install the Debian "
            "package fonts-noto-cjk (a reader's browser may still have one)") in result.stderr.splitlines()
    assert "먼저 <a href=\"https://example.org/s\">요약</a>을 읽어라." in (project / "build/ko/report.html").read_text("utf-8")
    assert build(project, "html").stderr == ""  # with this machine's fonts: nothing to say


def counting_fc_list(tmp_path: Path) -> tuple[str, Path]:
    """The real fc-list behind a script that logs each run: (its path, the log)."""
    log = tmp_path / "fc-list.log"
    wrapper = tmp_path / "fc-list"
    wrapper.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "$(command -v fc-list)" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return str(wrapper), log


TEXTS = ["Water report", "물 보고서 Water", "تقرير المياه Water", "Вода νερό 中文", "Water 물 تقرير"]


def test_one_question_for_all_editions_when_the_fonts_cover_them(tmp_path):
    # 100 documents used to cost fontconfig a process per document and script.
    # This machine's fonts (.ci/setup) cover everything; Noto Sans CJK has Latin
    # and Hangul, so a Korean project is one question.
    fc_list, log = counting_fc_list(tmp_path)
    assert FontCoverage(fc_list).missing_in(["Water report", "물 보고서 Water"] * 50) == [[]] * 100
    assert log.read_text().split() == ["run"]
    # No one font has Arabic and Han: one question for all, then one per script.
    log.unlink()
    assert FontCoverage(fc_list).missing_in(TEXTS * 20) == [[]] * 100
    assert len(log.read_text().split()) == 1 + len(scripts_in("".join(TEXTS)))


def test_asking_for_all_texts_at_once_answers_as_asking_for_each(tmp_path):
    latin_only = fontconfig(tmp_path, "latin", (LATIN_FONT,))
    code = ("import sys; from l10n.render.fonts import FontCoverage; texts = sys.argv[1:]; "
            "together = FontCoverage().missing_in(texts); "
            "each = [FontCoverage().missing_scripts(t) for t in texts]; "
            "assert together == each, (together, each); "
            "print([[m.script for m in found] for found in together])")
    out = subprocess.run([sys.executable, "-c", code, *TEXTS], env={**os.environ, "FONTCONFIG_FILE": str(latin_only)},
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[[], ['Hangul'], ['Arabic'], ['Han'], ['Arabic', 'Hangul']]"
