"""Read PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) for tests."""

from __future__ import annotations

import itertools
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

# The page box of the print stylesheet (A4, margins 22mm top, 24mm bottom) in points.
PAGE_HEIGHT = 841.89
TOP_MARGIN = 22 / 25.4 * 72
BOTTOM_MARGIN = 24 / 25.4 * 72
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def run(*args: str | Path) -> str:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True)
    return result.stdout


def info(pdf: Path) -> dict[str, str]:
    """``pdfinfo`` as a dict (Title, Pages, Tagged, ...)."""
    out = {}
    for line in run("pdfinfo", pdf).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def urls(pdf: Path) -> list[str]:
    """Link targets (URI annotations) per ``pdfinfo -url``."""
    return [line.split(None, 2)[2] for line in run("pdfinfo", "-url", pdf).splitlines()[1:] if line.strip()]


def fonts(pdf: Path) -> list[tuple[str, str, bool]]:
    """(name without subset prefix, type, embedded) per ``pdffonts``."""
    rows = []
    for line in run("pdffonts", pdf).splitlines()[2:]:
        # name, then type (may contain spaces), encoding, emb, sub, uni, object id (2 fields)
        parts = line.split()
        name = parts[0].split("+", 1)[-1]
        emb = parts[-5] == "yes"
        rows.append((name, " ".join(parts[1:-6]), emb))
    return rows


def catalog_lang(pdf: Path) -> str | None:
    """The document catalog's /Lang, found in the raw or Flate-compressed objects."""
    data = pdf.read_bytes()
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            chunks.append(zlib.decompressobj().decompress(data[match.end() : match.end() + 2_000_000]))
        except zlib.error:
            continue
    for chunk in chunks:
        found = re.search(rb"/Type\s*/Catalog[^>]*?/Lang\s*\(([^)]*)\)", chunk)
        if found:
            return found.group(1).decode("latin-1")
    return None


def page_text(pdf: Path, page: int, *, region: str = "body") -> str:
    """Text of one page's ``body`` (inside the margins), ``header`` or ``footer``."""
    if region == "body":
        y, height = TOP_MARGIN, PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
    elif region == "header":
        y, height = 0, TOP_MARGIN
    else:
        y, height = PAGE_HEIGHT - BOTTOM_MARGIN, BOTTOM_MARGIN
    args = ["-f", str(page), "-l", str(page), "-x", "0", "-y", str(int(y)), "-W", "1000", "-H", str(int(height))]
    return run("pdftotext", *args, pdf, "-").translate(BIDI_CONTROLS)


def body_text(pdf: Path) -> str:
    pages = int(info(pdf)["Pages"])
    return "\n".join(page_text(pdf, n) for n in range(1, pages + 1))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if tag in ("script", "style", "title", "nav"):  # nav: hidden in print
            self.skip += 1
        elif tag in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "div", "blockquote", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title", "nav"):
            self.skip -= 1

    def handle_data(self, data):
        if self.in_body and not self.skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The text of an HTML edition's body as printed (no ``<nav>``)."""
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def no_space(text: str) -> str:
    """Text with every white space removed (Chinese lines break between characters)."""
    return re.sub(r"\s+", "", text.translate(BIDI_CONTROLS))


def word_bag(text: str) -> Counter:
    """Words as a multiset; the letters of Arabic-script words sorted.

    poppler extracts right-to-left lines in visual runs and writes the
    characters of a ligature (lam-alef) in reverse; the bag still proves that
    every word and letter of the edition is in the PDF, and nothing else.
    """
    bag: Counter = Counter()
    # Arabic letters and other word characters as separate runs: poppler drops
    # the space between a number and an Arabic word next to it.
    for token in re.findall(r"\w+", unicodedata.normalize("NFKC", text.translate(BIDI_CONTROLS))):
        for arabic, run in itertools.groupby(token, lambda ch: "\u0600" <= ch <= "\u06ff"):
            bag["".join(sorted(run)) if arabic else "".join(run)] += 1
    return bag


def words_with_boxes(pdf: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in points per ``pdftotext -bbox``."""
    out = run("pdftotext", "-f", str(page), "-l", str(page), "-bbox", pdf, "-")
    root = ET.fromstring(out)
    words = []
    for el in root.iter("{http://www.w3.org/1999/xhtml}word"):
        box = [float(el.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
        words.append((el.text or "", *box))
    return words


def page_image(pdf: Path, page: int, out_dir: Path, *, dpi: int = 100):
    """Page ``page`` drawn by poppler (``pdftoppm``), as a grayscale PIL image."""
    from PIL import Image

    stem = out_dir / f"{pdf.stem}-p{page}"
    run("pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", "-png", "-singlefile", pdf, stem)
    return Image.open(f"{stem}.png")


def glyph_shapes(image, boxes: list[tuple[float, float, float, float]], *, dpi: int = 100) -> list:
    """The inked shapes inside word boxes (points), split at blank pixel columns:
    single glyphs of Han and Hangul, letter groups of cursive Arabic, or the
    boxes a missing glyph is drawn as.  Each shape is trimmed to its ink."""
    from PIL import ImageOps

    scale = dpi / 72
    gray = image.convert("L")
    shapes = []
    for box in boxes:
        x0, y0, x1, y1 = (round(v * scale) for v in box)
        ink = ImageOps.invert(gray.crop((x0, y0, x1, y1))).point(lambda v: 255 if v > 64 else 0)
        columns = [any(ink.getpixel((x, y)) for y in range(ink.height)) for x in range(ink.width)]
        start = None
        for x, inked in enumerate([*columns, False]):
            if inked and start is None:
                start = x
            elif not inked and start is not None:
                piece = ink.crop((start, 0, x, ink.height))
                shapes.append(piece.crop(piece.getbbox()))
                start = None
    return shapes


def distinct_shapes(shapes: list) -> int:
    """How many different shapes there are (same size within 2 px and under 10%
    of the pixels differing counts as the same): tofu boxes are all one shape."""
    from PIL import ImageChops

    kinds: list = []
    for shape in shapes:
        for kind in kinds:
            if abs(kind.width - shape.width) <= 2 and abs(kind.height - shape.height) <= 2:
                changed = ImageChops.difference(kind, shape.resize(kind.size)).histogram()[128:]
                if sum(changed) < 0.1 * kind.width * kind.height:
                    break
        else:
            kinds.append(shape)
    return len(kinds)
