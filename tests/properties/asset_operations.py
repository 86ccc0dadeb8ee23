"""Asset operations for the never-lose state machine (issue 16 item 2).

Kept apart from the text edits of ``test_edit_sequences.py``: a mixin whose
state is the report's figures (image-only paragraphs ``![](img/figN.png)``
after the text, so they add no unit) and the files under ``source/img/``: a
default image per figure and, sometimes, its Korean variant
(``figN.ko.png``).  Operations add and drop figures, replace an image's bytes
(same size or not), add and remove a variant, delete and restore a default
(the reference then points at nothing), and build with ``--strict``.

Checked after every build (``check_assets``):
(f) every figure whose file exists is shown, in order, and its ``src``
    resolves from the edition to a file with the bytes of the Korean variant
    (in the ko edition, when there is one) or of the default (the original,
    and ko without a variant): a replaced image is never served stale;
(g) a figure whose file is missing keeps its URL as written and the build
    warns once, ``warning: source/report.md:LINE: image img/figN.png not
    found``, with the line the model predicts; nothing else about assets;
and by ``build_strict``: with a missing image it exits 1 naming the first
one and changes no file under build/; without, it exits 0 like a build.
"""

from __future__ import annotations

import contextlib
import html.parser
import io
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import initialize, rule

from images import png
from l10n.cli.main import main

COLOURS = (b"\xc0\x30\x30", b"\x30\xc0\x30", b"\x30\x30\xc0", b"\x01\x02\x03")


class Images(html.parser.HTMLParser):
    """``src`` of every ``<img>`` inside ``<main>``, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []
        self.in_main = False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        elif tag == "img" and self.in_main:
            self.sources.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


class AssetOperations:
    """Mixin for a ``RuleBasedStateMachine`` that has ``root``, ``doc`` (the document's
    current name: the rename rule changes it) and ``write_source``
    (which appends ``figures_markdown()``) and calls ``check_assets`` after a build."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[str] = []  # referenced names, in document order ("fig3")
        self.images: dict[str, bytes] = {}  # name -> the default file's bytes (absent: missing)
        self.variants: dict[str, bytes] = {}  # name -> the Korean variant's bytes
        self.figure_serial = 0

    def asset_event(self, name: str) -> None:
        """Counted by Hypothesis; the machine may also count it in its own statistics."""
        event(name)

    # --- the model ---------------------------------------------------------------------
    def figures_markdown(self) -> str:
        return "".join(f"\n![](img/{name}.png)\n" for name in self.figures)

    def figure_lines(self) -> dict[str, int]:
        """Source line of each figure, from the file as written."""
        text = (self.root / "source" / f"{self.doc}.md").read_text("utf-8").splitlines()
        return {line.removeprefix("![](img/").removesuffix(".png)"): n
                for n, line in enumerate(text, 1) if line.startswith("![](img/")}

    def image_path(self, name: str, variant: bool = False) -> Path:
        return self.root / "source" / "img" / (f"{name}.ko.png" if variant else f"{name}.png")

    def put(self, path: Path, data) -> bytes:
        width, height, colour = data.draw(st.integers(1, 12), label="w"), data.draw(st.integers(1, 12), label="h"), \
            data.draw(st.sampled_from(COLOURS), label="colour")
        content = png(width, height, colour)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return content

    def asset_edited(self, name: str) -> None:
        self.asset_event(f"asset {name}")
        self.write_source()

    # --- operations ----------------------------------------------------------------------
    @initialize(data=st.data(), count=st.integers(1, 3), variants=st.integers(0, 2))
    def start_with_figures(self, data, count, variants):
        """Figures from the start, so replacing, variants and deletions happen often
        (initialize rules run in any order: the source is written if it exists yet)."""
        for _ in range(count):
            self.figure_serial += 1
            name = f"fig{self.figure_serial}"
            self.images[name] = self.put(self.image_path(name), data)
            self.figures.append(name)
        for name in self.figures[:variants]:
            self.variants[name] = self.put(self.image_path(name, True), data)
        if (self.root / "source" / f"{self.doc}.md").exists():
            self.write_source()

    @rule(data=st.data())
    def add_figure(self, data):
        self.figure_serial += 1
        name = f"fig{self.figure_serial}"
        self.images[name] = self.put(self.image_path(name), data)
        self.figures.insert(data.draw(st.integers(0, len(self.figures)), label="figure at"), name)
        self.asset_edited("add figure")

    @rule(data=st.data())
    def drop_figure(self, data):
        if self.figures:
            self.figures.remove(data.draw(st.sampled_from(self.figures), label="drop figure"))
            self.asset_edited("drop figure")

    @rule(data=st.data(), variant=st.booleans())
    def replace_image(self, data, variant):
        table = self.variants if variant else self.images
        if table:
            name = data.draw(st.sampled_from(sorted(table)), label="replace image")
            table[name] = self.put(self.image_path(name, variant), data)
            self.asset_edited("replace variant" if variant else "replace image")

    @rule(data=st.data())
    def add_variant(self, data):
        if self.figures:
            name = data.draw(st.sampled_from(self.figures), label="add variant")
            self.variants[name] = self.put(self.image_path(name, True), data)
            self.asset_edited("add variant")

    @rule(data=st.data())
    def remove_variant(self, data):
        if self.variants:
            name = data.draw(st.sampled_from(sorted(self.variants)), label="remove variant")
            self.image_path(name, True).unlink()
            del self.variants[name]
            self.asset_edited("remove variant")

    @rule(data=st.data())
    def delete_image(self, data):
        if self.images:
            name = data.draw(st.sampled_from(sorted(self.images)), label="delete image")
            self.image_path(name).unlink()
            del self.images[name]
            self.asset_edited("delete image")

    @rule(data=st.data())
    def restore_image(self, data):
        gone = [name for name in self.figures if name not in self.images]
        if gone:
            name = data.draw(st.sampled_from(gone), label="restore image")
            self.images[name] = self.put(self.image_path(name), data)
            self.asset_edited("restore image")

    @rule()
    def build_strict(self):
        build = self.root / "build"
        before = {p: p.read_bytes() for p in build.rglob("*") if p.is_file()} if build.exists() else {}
        code, out, err = cli("-C", str(self.root), "build", "--locale", "ko", "--strict")
        missing = [name for name in self.figures if name not in self.images]
        if missing:
            self.asset_event("asset build --strict refused")
            line = self.figure_lines()[missing[0]]
            assert code == 1, (code, err)
            assert err.startswith(f"error: source/{self.doc}.md:{line}: image img/{missing[0]}.png not found"), err
            after = {p: p.read_bytes() for p in build.rglob("*") if p.is_file()} if build.exists() else {}
            assert after == before, "build --strict changed files although it failed"
        else:
            self.asset_event("asset build --strict passed")
            assert code == 0, err

    # --- the check after every build ---------------------------------------------------------
    def check_assets(self, err: str) -> None:
        lines = self.figure_lines()
        expected_warnings = [f"warning: source/{self.doc}.md:{lines[name]}: image img/{name}.png not found"
                             for name in self.figures if name not in self.images]
        told = [w for w in err.splitlines() if "img/" in w or "assets" in w or "PDF" in w]
        assert sorted(told) == sorted(expected_warnings), f"(g) asset warnings: {told} != {expected_warnings}"
        for locale in ("en", "ko"):
            page = self.root / "build" / locale / f"{self.doc}.html"
            parser = Images()
            parser.feed(page.read_text("utf-8"))
            assert len(parser.sources) == len(self.figures), (locale, parser.sources, self.figures)
            for name, src in zip(self.figures, parser.sources):
                if name not in self.images:
                    assert src == f"img/{name}.png", f"(g) a missing image's URL changed: {src}"
                    continue
                served = Path(os.path.normpath(page.parent / unquote(urlsplit(src).path)))
                want = self.variants.get(name) if locale == "ko" and name in self.variants else self.images[name]
                assert served.is_file() and served.read_bytes() == want, f"(f) {locale} serves {src} stale or wrong"
        if self.figures:
            self.asset_event("asset build checked with figures")
