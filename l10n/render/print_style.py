"""The print stylesheet every HTML edition carries (PDF editions are laid out with it)."""

# Page layout for print and PDF, inside the edition's stylesheet.  Page
# numbers and the running title use CSS paged media (WeasyPrint and recent
# Chromium both draw @page margin boxes); symmetric boxes suit both
# directions, so right-to-left editions need no mirror.
PRINT_CSS = """\
@media print {
  @page { size: A4; margin: 22mm 20mm 24mm;
    @top-center { content: string(l10n-title); font-size: 8.5pt; color: #666; }
    @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #444; } }
  @page :first { @top-center { content: none; } }
  html { font-size: 10.5pt; }
  body { max-width: none; margin: 0; padding: 0; line-height: 1.6; }
  h1 { string-set: l10n-title content(); }
  h1, h2, h3, h4 { break-after: avoid; }
  p, li, blockquote { orphans: 2; widows: 2; }
  img, figure, table, pre { break-inside: avoid; }
  a { color: #1a4d8f; text-decoration: none; }
  /* Navigation (the language switcher, a site's menus) is for screens, not for paper. */
  nav { display: none; }
}
"""
