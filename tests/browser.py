"""A real browser for tests: Debian's Chromium driven by Playwright.

Playwright's own browser download (``playwright install``) is never used: the
tests launch the system ``chromium`` that ``.ci/run``'s setup installs, so CI and a
developer machine draw pages with the same fonts (fonts-noto-cjk, fonts-noto-core).

Use the ``page`` fixture (import it into a test module, or rely on conftest) or
``browser_page()`` directly::

    from browser import browser_page, open_file, platform_fonts, screenshot

    def test_x(tmp_path):
        with browser_page() as page:
            assert open_file(page, tmp_path / "a.html") == []
            assert "Noto Sans CJK KR" in platform_fonts(page, "p")
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str:
    """The system Chromium (``L10N_TEST_CHROMIUM`` overrides). A missing browser
    fails the test rather than skipping it: ``bash .ci/run`` (the test setup) installs it."""
    for candidate in (os.environ.get("L10N_TEST_CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Debian's chromium is not installed (bash .ci/run, or L10N_EXTRAS=test bash .ci/setup, installs it)")


@contextmanager
def browser_page(*, width: int = 1000, height: int = 800) -> Iterator[object]:
    """A fresh headless Chromium page; the browser closes on exit."""
    from playwright.sync_api import sync_playwright  # the test extra installs it

    executable = chromium_path()
    # Chromium refuses to run as root without --no-sandbox (containers, CI runners).
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    # --font-render-hinting=none: the same glyph outlines as a print/PDF run, so screenshots are stable.
    args.append("--font-render-hinting=none")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=args)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            yield page
        finally:
            browser.close()


@pytest.fixture
def page() -> Iterator[object]:
    """A headless Chromium page (see ``browser_page``)."""
    with browser_page() as p:
        yield p


def open_file(page, path: Path, *, wait_until: str = "load") -> list[str]:
    """Load a local file in ``page``; return its console errors and uncaught page errors.

    Errors are collected from the navigation until the load event (and any that
    the page logs synchronously after it); an empty list means a clean load.
    Failed subresource loads (a missing stylesheet or image) show up as console
    errors too, so they count.
    """
    errors: list[str] = []

    def on_console(msg) -> None:
        if msg.type == "error":
            location = msg.location or {}
            where = location.get("url", "")
            errors.append(f"console: {msg.text} ({where})" if where else f"console: {msg.text}")

    def on_page_error(exc) -> None:
        errors.append(f"pageerror: {exc}")

    def on_request_failed(request) -> None:
        errors.append(f"requestfailed: {request.url} ({request.failure})")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("requestfailed", on_request_failed)
    try:
        page.goto(Path(path).resolve().as_uri(), wait_until=wait_until)
        # Fonts load asynchronously; wait so platform_fonts and screenshots see the final faces.
        page.evaluate("document.fonts.ready.then(() => true)")
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_page_error)
        page.remove_listener("requestfailed", on_request_failed)
    return errors


def platform_fonts(page, selector: str) -> dict[str, int]:
    """Fonts the browser actually drew the text of every ``selector`` match with.

    Returns ``{family name: glyph count}`` summed over the matches and their
    descendants, from the DevTools protocol (``CSS.getPlatformFontsForNode``): the
    real font files used after fallback, so a test can tell Noto Sans CJK from a
    tofu box (a .notdef glyph counts under the font that lacks the character, and
    a missing font shows up as a family with no relevant coverage).
    """
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]["nodeId"]
        matches = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
        counts: dict[str, int] = {}
        seen: set[int] = set()
        for node_id in matches:
            for text_node in _text_nodes(cdp, node_id):
                if text_node in seen:
                    continue
                seen.add(text_node)
                fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": text_node})["fonts"]
                for font in fonts:
                    counts[font["familyName"]] = counts.get(font["familyName"], 0) + font["glyphCount"]
        return counts
    finally:
        cdp.detach()


def _text_nodes(cdp, node_id: int) -> list[int]:
    """The element itself plus every descendant element (getPlatformFontsForNode
    reports only the text directly inside the node it is given)."""
    return [node_id, *cdp.send("DOM.querySelectorAll", {"nodeId": node_id, "selector": "*"})["nodeIds"]]


def covering_families(text: str) -> set[str]:
    """Font families (per fontconfig, which Chromium and WeasyPrint both use) that
    have a glyph for every non-space character of ``text``.

    A script is drawn with real glyphs when ``platform_fonts`` names one of these;
    a tofu box is drawn by a family that is not among them.
    """
    import subprocess

    chars = sorted({f"{ord(c):x}" for c in text if not c.isspace()})
    if not chars:
        return set()
    out = subprocess.run(
        ["fc-list", f":charset={' '.join(chars)}", "family"], capture_output=True, text=True, check=True
    ).stdout
    # A line lists a family's localized names, comma-separated; each one names it.
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def drawn_with_real_glyphs(page, selector: str, sample: str) -> bool:
    """True when the text of ``selector`` is drawn, at least in part, by a font
    that covers ``sample`` (a few characters of the script expected there)."""
    return bool(set(platform_fonts(page, selector)) & covering_families(sample))


def screenshot(page, path: Path, *, full_page: bool = True) -> Path:
    """Write a PNG of the page to ``path`` (parents created) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path
