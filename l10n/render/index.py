"""``build/index.html``: every edition, listed under its language's own name."""

from __future__ import annotations

from html import escape

from ..locales import bcp47_tag, native_name, text_direction
from .html import FONT_CSS


def render_index(editions: dict[str, list[tuple[str, str]]], *, project: str) -> str:
    """``editions``: locale -> [(document title, relative href)], in display order."""
    items = []
    for locale, docs in editions.items():
        tag, direction = bcp47_tag(locale), text_direction(locale)
        links = "".join(
            f'<li><a href="{escape(href, quote=True)}" hreflang="{tag}">{escape(title, quote=False)}</a></li>'
            for title, href in docs
        )
        items.append(
            f'<section lang="{tag}" dir="{direction}">\n'
            f"<h2>{escape(native_name(locale), quote=False)}</h2>\n<ul>{links}</ul>\n</section>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(project, quote=False)}: editions</title>\n"
        f'<style id="l10n-fonts">\n{FONT_CSS}</style>\n</head>\n<body>\n<main>\n'
        f"<h1>{escape(project, quote=False)}</h1>\n" + "\n".join(items) + "\n</main>\n</body>\n</html>\n"
    )
