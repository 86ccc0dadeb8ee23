"""Issue 16 item 2: images and other local assets reach every edition and PDF.

Each test builds a small project of its own (a Markdown report and an HTML
page with images, a stylesheet, linked files) with tiny real PNG/JPEG files,
and reads the result back the way a reader meets it: Chromium for the pages
(every ``img`` decoded, ``naturalWidth > 0``; the stylesheet applied),
``pdfimages -list`` for the PDFs.  Image sizes tell which file was served:
the Korean variant is 16x4, the default 8x4.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import polib
import pytest

import pdf_tools
from browser import browser_page, open_file
from helpers import fill_catalog, pseudo, run_cli
from images import png

MARKDOWN = """\
# Water report

The map shows the region.

![A map of the region](img/map.png)

Rainfall ![a rain gauge](img/gauge.png?v=2#top) rose in spring.

See [the data](data/rain.csv), [the full study](data/study.pdf) and [the page](page.html#intro).

![A photo of the river](img/river%20bank.jpg)
"""

HTML_PAGE = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>River page</title>
<link rel="stylesheet" href="css/site.css">
<style>h1 { background-image: url("img/map.png?v=3"); }</style>
</head><body>
<h1 id="intro">River page</h1>
<p class="lead">The river is <img srcset="img/map.png 1x, img/gauge.png 2x" src="img/map.png" alt="A small map"> long.</p>
<div style="background: url('img/gauge.png')"><p>The gauge sits on the bank.</p></div>
<p>Back to <a href="report.md">the report</a>.</p>
</body></html>
"""


def jpeg(width: int, height: int) -> bytes:
    from io import BytesIO

    from PIL import Image  # Pillow comes with WeasyPrint

    out = BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def asset_project(root: Path, *, locales=("ko", "zh_Hans"), extra: str = "", markdown: str = MARKDOWN) -> Path:
    """The two-document project: images (a Korean variant of the map), a stylesheet
    with its own url(), a CSV and a PDF linked from the report."""
    write(root / "l10n.toml", f'project = "assets"\nlocales = [{", ".join(repr(l).replace(chr(39), chr(34)) for l in locales)}]\n'
                              f'sources = ["source/*.md", "source/*.html"]\n{extra}')
    write(root / "source" / "report.md", markdown)
    write(root / "source" / "page.html", HTML_PAGE)
    write(root / "source" / "img" / "map.png", png(8, 4))
    write(root / "source" / "img" / "map.ko.png", png(16, 4, b"\x30\xc0\x30"))
    write(root / "source" / "img" / "gauge.png", png(6, 6, b"\x30\x30\xc0"))
    write(root / "source" / "img" / "river bank.jpg", jpeg(12, 9))
    write(root / "source" / "css" / "site.css",
          "p.lead { color: rgb(1, 2, 3); }\nbody { background-image: url(../img/gauge.png); }\n")
    write(root / "source" / "data" / "rain.csv", "month,mm\nmay,42\n")
    write(root / "source" / "data" / "study.pdf", b"%PDF-1.4\n% not really read by the build\n")
    return root


def review(root: Path, locales, *, fuzzy: bool = False) -> None:
    for locale in locales:
        for doc in ("report", "page"):
            fill_catalog(root / "locales" / locale / "LC_MESSAGES" / f"{doc}.po", lambda m: pseudo(m, locale),
                         fuzzy=fuzzy)


def served(page_path: Path, url: str) -> Path:
    """The file a relative URL of the page at ``page_path`` names."""
    return Path(os.path.normpath(page_path.parent / unquote(urlsplit(url).path)))


def image_sizes(pdf: Path) -> list[tuple[int, int]]:
    rows = pdf_tools.run("pdfimages", "-list", pdf).splitlines()[2:]
    return sorted((int(r.split()[3]), int(r.split()[4])) for r in rows)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The project built with reviewed catalogs and draft editions too."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from l10n.cli.main import main

    root = asset_project(tmp_path_factory.mktemp("assets") / "p")
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()) as err:
        assert main(["-C", str(root), "update"]) == 0
        review(root, ("ko", "zh_Hans"))
        # one fuzzy entry per catalog, so the draft editions differ from the published ones
        for locale in ("ko", "zh_Hans"):
            path = root / "locales" / locale / "LC_MESSAGES" / "report.po"
            po = polib.pofile(str(path))
            po.find("The map shows the region.").flags.append("fuzzy")
            po.save(str(path))
        assert main(["-C", str(root), "build", "--include-fuzzy"]) == 0, err.getvalue()
    assert "warning" not in err.getvalue(), err.getvalue()
    return root


EDITIONS = [f"{locale}/{doc}{draft}.html" for locale in ("en", "ko", "zh_Hans") for doc in ("report", "page")
            for draft in (("", ".draft") if locale != "en" else ("",))]


def test_every_image_of_every_edition_loads_in_chromium(site: Path) -> None:
    build = site / "build"
    with browser_page() as page:
        for edition in EDITIONS:
            path = build / edition
            # No failed request, no console error.  (Chromium may abort a duplicate
            # request of one CSS background, ERR_ABORTED: not a missing file, and
            # every file the page names is checked to exist below.)
            errors = [e for e in open_file(page, path) if "net::ERR_ABORTED" not in e]
            assert errors == [], edition
            images = page.evaluate("() => Array.from(document.images).map(i => [i.getAttribute('src'), i.currentSrc,"
                                   " i.naturalWidth, i.naturalHeight, i.alt])")
            assert len(images) == (3 if "report" in edition else 1), (edition, images)
            for src, current, width, height, alt in images:
                assert width > 0 and height > 0, (edition, src)
                assert current.startswith((build / "assets").as_uri()), (edition, current)
            sizes = {src.split("?")[0].rsplit("/", 1)[-1]: (w, h) for src, _, w, h, _ in images}
            # The Korean map replaces the default in Korean editions only.
            if edition.startswith("ko/"):
                assert sizes.get("map.ko.png") == (16, 4), (edition, sizes)
            else:
                assert sizes.get("map.png") == (8, 4) and "map.ko.png" not in sizes, (edition, sizes)
            if "report" in edition:
                assert sizes["river%20bank.jpg"] == (12, 9)
                # Query and fragment stay on the rewritten URL.
                assert any(src.endswith("gauge.png?v=2#top") for src, *_ in images), images
            if "page" in edition:
                # The source's linked stylesheet applies, and what it loads (url()) resolves.
                color = page.evaluate("() => getComputedStyle(document.querySelector('p.lead')).color")
                assert color == "rgb(1, 2, 3)", edition
                background = page.evaluate("() => getComputedStyle(document.body).backgroundImage")
                assert "assets/source/img/gauge.png" in background, background
                url = background.split('"')[1]
                assert Path(unquote(urlsplit(url).path)).read_bytes() == (site / "source/img/gauge.png").read_bytes()


def test_alt_text_is_translated_and_linked_files_resolve(site: Path) -> None:
    build = site / "build"
    for locale in ("ko", "zh_Hans"):
        page = build / locale / "report.html"
        html = page.read_text("utf-8")
        assert f'alt="{pseudo("A map of the region", locale)}"' in html
        assert 'alt="A map of the region"' not in html
        for href, source in (("../assets/source/data/rain.csv", "data/rain.csv"),
                             ("../assets/source/data/study.pdf", "data/study.pdf")):
            assert f'href="{href}"' in html
            assert served(page, href).read_bytes() == (site / "source" / source).read_bytes()
        # A link to another document of the project goes to that document's edition.
        assert 'href="page.html#intro"' in html
        assert 'href="report.html"' in (build / locale / "page.html").read_text("utf-8")


def test_each_asset_is_copied_once_into_the_shared_folder(site: Path) -> None:
    build = site / "build"
    copied = sorted(p.relative_to(build / "assets").as_posix() for p in (build / "assets").rglob("*") if p.is_file())
    assert copied == ["source/css/site.css", "source/data/rain.csv", "source/data/study.pdf",
                      "source/img/gauge.png", "source/img/map.ko.png", "source/img/map.png",
                      "source/img/river bank.jpg"]
    for name in copied:
        assert (build / "assets" / name).read_bytes() == (site / name).read_bytes()
    strays = [p for p in build.rglob("*") if p.suffix in (".png", ".jpg", ".css") and "assets" not in p.parts]
    assert strays == []


def test_rebuild_copies_only_changed_assets_with_umask_modes(tmp_path: Path, capsys) -> None:
    root = asset_project(tmp_path / "p", locales=("ko",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    old = os.umask(0o027)
    try:
        code, out, err = run_cli(capsys, "-C", str(root), "build")
        assert code == 0, err
        copy = root / "build" / "assets" / "source" / "img" / "map.png"
        assert copy.stat().st_mode & 0o777 == 0o640
        inode = copy.stat().st_ino
        code, out, err = run_cli(capsys, "-C", str(root), "build")
        assert code == 0 and out.count("0 file(s) written") == 2, out  # nothing changed, nothing rewritten
        assert copy.stat().st_ino == inode
        # Same size, new bytes: the copy follows (bytes decide, not timestamps).
        write(root / "source" / "img" / "map.png", png(8, 4, b"\x01\x02\x03"))
        code, out, err = run_cli(capsys, "-C", str(root), "build")
        assert code == 0 and "en: the original and the index; 1 file(s) written" in out, out
        assert copy.read_bytes() == (root / "source" / "img" / "map.png").read_bytes()
    finally:
        os.umask(old)


def test_pdf_editions_embed_the_images_with_the_locale_variant(tmp_path: Path, capsys) -> None:
    root = asset_project(tmp_path / "p")
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    review(root, ("ko", "zh_Hans"))
    code, out, err = run_cli(capsys, "-C", str(root), "build", "--format", "pdf")
    assert code == 0, err
    assert err == "", err
    build = root / "build"
    # report: the map (variant or default), the gauge, the JPEG photo
    assert image_sizes(build / "en" / "report.pdf") == [(6, 6), (8, 4), (12, 9)]
    assert image_sizes(build / "zh_Hans" / "report.pdf") == [(6, 6), (8, 4), (12, 9)]
    assert image_sizes(build / "ko" / "report.pdf") == [(6, 6), (12, 9), (16, 4)]
    # page: the srcset image, and the linked stylesheet's own url() (the blue
    # gauge tiled as the page background: poppler lists no pattern images, so it is looked at)
    assert image_sizes(build / "ko" / "page.pdf") == [(16, 4)]
    assert image_sizes(build / "zh_Hans" / "page.pdf") == [(8, 4)]
    for locale in ("ko", "zh_Hans"):
        drawn = pdf_tools.page_image(build / locale / "page.pdf", 1, tmp_path)
        assert drawn.convert("L").getpixel((drawn.width // 2, drawn.height // 2)) < 100, "the stylesheet's background is not drawn"  # white is 255


def test_missing_asset_is_a_located_warning_and_strict_fails(tmp_path: Path, capsys) -> None:
    markdown = MARKDOWN + "\nLast ![gone](img/gone.png) one.\n"
    root = asset_project(tmp_path / "p", locales=("ko",), markdown=markdown)
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(root), "build", "--strict")
    assert code == 1
    assert err.startswith("error: source/report.md:13: image img/gone.png not found"), err
    assert not (root / "build").exists()  # nothing written
    for formats in (["--format", "html"], ["--format", "pdf"]):
        code, out, err = run_cli(capsys, "-C", str(root), "build", *formats)
        assert code == 0, err
        assert err.splitlines() == ["warning: source/report.md:13: image img/gone.png not found"], err
        assert str(tmp_path) not in err and "Traceback" not in err and "file:" not in err
    pdf = root / "build" / "ko" / "report.pdf"
    assert image_sizes(pdf) == [(6, 6), (12, 9), (16, 4)]  # the others are still in


def test_references_outside_the_project_are_refused(tmp_path: Path, capsys) -> None:
    outside = write(tmp_path / "secret.png", png(5, 5))
    root = tmp_path / "p"
    markdown = "# Escape\n\nOne ![up](../../secret.png) and two ![link](img/link.png) images.\n"
    asset_project(root, locales=("ko",), markdown=markdown)
    (root / "source" / "img" / "link.png").symlink_to(outside)
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(root), "build", "--format", "html", "--format", "pdf")
    assert code == 0, err
    assert err.splitlines() == [
        "warning: source/report.md:3: image ../../secret.png is outside the project: not copied",
        "warning: source/report.md:3: image img/link.png is outside the project: not copied",
    ], err
    copies = [p for p in (root / "build").rglob("*") if p.is_file() and p.read_bytes() == outside.read_bytes()]
    assert copies == []
    assert image_sizes(root / "build" / "ko" / "report.pdf") == []  # the PDF did not read it either


def test_asset_variant_pattern_and_language_fallback(tmp_path: Path, capsys) -> None:
    markdown = "# Maps\n\n![A map](img/map.png)\n"
    root = asset_project(tmp_path / "p", locales=("ko", "zh_Hans", "ja"), markdown=markdown,
                         extra='asset_variant = "{locale}/{stem}{suffix}"\n')
    write(root / "source" / "img" / "zh" / "map.png", png(9, 3))  # language only: serves zh_Hans
    write(root / "source" / "img" / "ja" / "map.png", png(7, 7))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(root), "build", "--format", "html")
    assert code == 0, err
    build = root / "build"
    expected = {"ko": "source/img/map.png", "zh_Hans": "source/img/zh/map.png", "ja": "source/img/ja/map.png"}
    for locale, copy in expected.items():
        assert f'src="../assets/{copy}"' in (build / locale / "report.html").read_text("utf-8"), locale
        assert (build / "assets" / copy).read_bytes() == (root / copy).read_bytes()


@pytest.mark.parametrize("pattern, why", [
    ("{stem}{suffix}", "must contain {locale}"),
    ("{stem}.{lang}{suffix}", "unknown field {lang}"),
    ("../{locale}/{stem}{suffix}", "no .."),
    ("{locale!r}{stem}", "no format spec"),
])
def test_bad_asset_variant_is_a_located_config_error(tmp_path: Path, capsys, pattern: str, why: str) -> None:
    root = asset_project(tmp_path / "p", locales=("ko",), extra=f"asset_variant = '{pattern}'\n")
    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 1
    assert err.startswith("error: ") and "l10n.toml:4: asset_variant" in err and why in err, err
    assert "Traceback" not in err


def test_run_strict_stops_before_the_build_on_a_missing_asset(tmp_path: Path, capsys) -> None:
    markdown = "# Rain\n\nThe river rose.\n\n![A gauge](img/nowhere.png)\n"
    root = asset_project(tmp_path / "p", locales=("es",), markdown=markdown, extra='engine = "apertium"\n')
    code, out, err = run_cli(capsys, "-C", str(root), "run", "--strict")
    assert code == 1, out + err
    assert "error: source/report.md:5: image img/nowhere.png not found" in err, err
    assert not (root / "build").exists()
    # The catalogs were updated and translated first, as run always does: nothing of that is lost.
    po = polib.pofile(str(root / "locales" / "es" / "LC_MESSAGES" / "report.po"))
    assert po.find("The river rose.").msgstr


ODD_REFERENCES = [
    "https://example.org/a.png", "//cdn.example.org/b.png", "data:image/png;base64,iVBORw0KGgo=",
    "mailto:someone@example.org", "javascript:void(0)", "#figure-2", "?page=2", "/site-absolute.png",
    "http://[::1", "", "tel:+1-555-0100",
]


def test_references_l10n_does_not_serve_are_left_as_written(tmp_path: Path, capsys) -> None:
    images = "\n".join(f'<p>Figure {n} <img src="{url}" alt="Figure {n}"> here.</p>' for n, url in enumerate(ODD_REFERENCES))
    page = f"<!DOCTYPE html>\n<html><head><title>Odd</title></head><body>\n{images}\n" \
           '<p>Loop <img src="img/loop.png" alt="loop"> and <a href="./">a folder</a> and ' \
           '<img src="img/nul%00.png" alt="nul">.</p>\n' \
           '<p>Set <img srcset="data:image/png;base64,AA,BB 1x,  img/map.png  2x" alt="set"> here.</p>\n</body></html>\n'
    root = asset_project(tmp_path / "p", locales=("ko",), markdown="# Plain\n\nNothing here.\n")
    write(root / "source" / "page.html", page)
    (root / "source" / "img" / "loop.png").symlink_to("loop.png")  # a link to itself
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(root), "build", "--format", "html")
    assert code == 0, err
    html = (root / "build" / "ko" / "page.html").read_text("utf-8")
    for url in ODD_REFERENCES:
        if url:
            assert f'src="{url.replace("&", "&amp;")}"' in html, url
    assert err.splitlines() == [
        "warning: source/page.html:14: image img/loop.png not found",
        "warning: source/page.html:14: image 'img/nul\\x00.png' not found",
    ], err
    assert 'href="./"' in html
    # A srcset is split as browsers split it: the data: URL keeps its commas, spacing stays.
    assert 'srcset="data:image/png;base64,AA,BB 1x,  ../assets/source/img/map.ko.png  2x"' in html
