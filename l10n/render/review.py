"""The bilingual review page: one standalone HTML file per locale and document.

Source and translation side by side in document order, each sentence with
its state (reviewed, machine draft, memory match, carried over, fuzzy,
untranslated), provenance, score and findings, and for a carried-over
translation a word-level diff between the sentence it was made for and the
current one.  Filters by state and by finding run in a small inline script;
the page loads nothing (no fonts, images or scripts from anywhere: a strict
Content-Security-Policy allows only its own inline style and script, by
hash), so it works offline, from a file or an e-mail attachment.  Every
catalog string is escaped as text; placeholders are shown as chips.

Findings arrive as data (``Flag``): this module does not run checks.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from html import escape

from ..catalog.state import MT_PREFIX, TERMS_FIELD, provenance_terms
from ..locales import bcp47_tag, native_name, text_direction
from ..placeholders import PLACEHOLDER_RE
from .html import FONT_CSS

# Display order and labels of the states.
STATE_LABELS = {
    "untranslated": "untranslated",
    "carried": "carried over",
    "machine": "machine draft",
    "memory": "memory match",
    "fuzzy": "fuzzy",
    # No fuzzy flag, but an error-level check fails: not counted as reviewed
    # (``l10n status``'s errors column), not published, in the review queue.
    "failing": "reviewed, failing a check",
    "reviewed": "reviewed",
}


@dataclass(frozen=True)
class Flag:
    """One finding about a translation, as the QA checks report it."""

    check: str
    severity: str  # "error" | "warning"
    message: str


@dataclass
class ReviewRow:
    """One sentence for review (also one line of ``l10n review --list``)."""

    locale: str
    catalog: str  # the PO file, relative to the project
    line: int  # the entry's line in it (0: not in the catalog yet)
    reference: str  # first source reference, "source/report.md:12"
    state: str  # a key of STATE_LABELS
    msgid: str
    msgstr: str
    previous_msgid: str = ""
    provenance: list[str] = field(default_factory=list)  # "mt: ..." and "tm: ..." lines
    score: float | None = None
    findings: list[Flag] = field(default_factory=list)
    merged: bool = True  # False: the source has it, the catalog not yet ('l10n update')

    def as_dict(self) -> dict:
        return asdict(self)


_WORDS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> str:
    """HTML for the changes from ``old`` to ``new``, word by word: removed
    words in ``<del>``, added ones in ``<ins>``, all text escaped."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_unit_html("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{_unit_html(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{_unit_html(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


def _unit_html(text: str) -> str:
    """Unit text escaped, its placeholders drawn as chips (still text)."""
    out, pos = [], 0
    for match in PLACEHOLDER_RE.finditer(text):
        out.append(escape(text[pos : match.start()], quote=False))
        out.append(f'<span class="ph">{escape(match.group(0), quote=False)}</span>')
        pos = match.end()
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


PAGE_CSS = FONT_CSS + """\
body { max-width: none; margin: 0; padding: 0; color: #1d2329; background: #f6f7f9; }
header { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid #d5d9de;
  padding: .6em 1.2em; }
h1 { font-size: 1.15em; margin: 0 0 .3em; }
.meta { color: #56606b; font-size: .85em; margin: 0 0 .4em; }
fieldset { display: inline-block; border: 0; margin: 0 1.2em 0 0; padding: 0; font-size: .9em; }
legend { float: left; font-weight: 600; margin-right: .5em; padding: 0; }
label { margin-right: .7em; white-space: nowrap; cursor: pointer; }
#shown { font-size: .85em; color: #56606b; }
main { padding: .6em 1.2em 3em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; background: #fff; }
th, td { border-bottom: 1px solid #e3e6ea; padding: .45em .6em; vertical-align: top; text-align: start;
  overflow-wrap: anywhere; }
th { font-size: .8em; color: #56606b; background: #eef0f3; }
col.n { width: 3.2em; } col.info { width: 22%; }
td.n { color: #8a939c; font-size: .8em; text-align: end; }
tr.error td:first-child { box-shadow: inset 4px 0 #c62828; }
tr.warning td:first-child { box-shadow: inset 4px 0 #ef9f00; }
.state { display: inline-block; border-radius: 3px; padding: 0 .4em; font-size: .8em; font-weight: 600; }
.s-reviewed { background: #dff3e4; color: #1b5e20; } .s-machine { background: #e3ecfb; color: #0d47a1; }
.s-memory { background: #efe5f7; color: #4a148c; } .s-carried { background: #fff0d6; color: #8a4b00; }
.s-fuzzy { background: #fdf6c8; color: #6b5900; } .s-untranslated { background: #f1f1f1; color: #555; }
.s-failing { background: #fde0e0; color: #8e1b1b; }
.score { font-size: .8em; color: #56606b; margin-left: .3em; }
.info ul { margin: .3em 0 0; padding-left: 1.1em; font-size: .85em; }
.f-error { color: #b71c1c; } .f-warning { color: #8a5a00; }
.prov, .where { font-size: .78em; color: #56606b; overflow-wrap: anywhere; margin-top: .2em; }
.empty { color: #8a939c; font-style: italic; }
.diff { font-size: .85em; margin-top: .35em; padding-top: .3em; border-top: 1px dashed #d5d9de; }
.diff-label { color: #8a4b00; font-weight: 600; margin-right: .3em; }
del { background: #fde0e0; color: #8e1b1b; } ins { background: #dff3e4; color: #14532d; text-decoration: none; }
.ph { font-family: ui-monospace, monospace; font-size: .78em; background: #e8eaed; color: #3c4650;
  border-radius: 3px; padding: 0 .2em; }
"""

PAGE_JS = """\
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody tr"));
  var states = document.querySelectorAll("input[name=state]");
  var finding = document.getElementById("finding");
  var shown = document.getElementById("shown");
  function apply() {
    var on = {};
    states.forEach(function (box) { on[box.value] = box.checked; });
    var want = finding.value, count = 0;
    rows.forEach(function (row) {
      var checks = row.getAttribute("data-checks").split(" ").filter(Boolean);
      var ok = on[row.getAttribute("data-state")] &&
        (want === "" || (want === "*" ? checks.length > 0 : want === "-" ? checks.length === 0 : checks.indexOf(want) >= 0));
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " sentences shown";
  }
  states.forEach(function (box) { box.addEventListener("change", apply); });
  finding.addEventListener("change", apply);
  apply();
})();
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# Nothing may load; only this page's own style and script run.
CSP = (
    f"default-src 'none'; style-src {_csp_hash(PAGE_CSS)}; script-src {_csp_hash(PAGE_JS)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


_FIELD = re.compile(r"(\w+)=(\S+)")


def _provenance_text(line: str) -> str:
    """A short reading of an ``mt:`` line (the full line is the tooltip)."""
    if not line.startswith(MT_PREFIX):
        return line
    fields = dict(_FIELD.findall(line.partition(" " + TERMS_FIELD)[0]))
    parts = [f"machine: {fields.get('engine', '?')}", f"{fields.get('package', '')} {fields.get('version', '')}".strip(),
             fields.get("date", "")]
    parts += [f"{k}={v}" for k, v in fields.items() if k not in ("engine", "package", "version", "date", "score")]
    terms = provenance_terms(line)
    if terms:
        parts.append("glossary: " + ", ".join(terms))
    return " · ".join(p for p in parts if p)


def _row_html(number: int, row: ReviewRow, source_tag: str, target_tag: str, target_dir: str) -> str:
    checks = sorted({f.check for f in row.findings})
    severity = "error" if any(f.severity == "error" for f in row.findings) else "warning" if row.findings else ""
    label = STATE_LABELS.get(row.state, row.state)
    source = _unit_html(row.msgid)
    if row.state == "carried" and row.previous_msgid:
        source += (f'<div class="diff"><span class="diff-label">source changed:</span>'
                   f"{word_diff(row.previous_msgid, row.msgid)}</div>")
    if row.msgstr:
        target = f'<td class="tgt" lang="{target_tag}" dir="{target_dir}">{_unit_html(row.msgstr)}</td>'
    else:
        target = '<td class="tgt"><span class="empty">(no translation)</span></td>'
    info = [f'<span class="state s-{escape(row.state)}">{escape(label)}</span>']
    if row.score is not None:
        info.append(f' <span class="score">score {row.score:.3f}</span>')
    if row.findings:
        items = "".join(
            f'<li class="f-{escape(f.severity)}">{escape(f.severity)}[{escape(f.check)}]: {escape(f.message)}</li>'
            for f in row.findings
        )
        info.append(f"<ul>{items}</ul>")
    for line in row.provenance:
        info.append(f'<div class="prov" title="{escape(line)}">{escape(_provenance_text(line))}</div>')
    where = []
    if row.reference:
        where.append(f'<span title="{escape(row.reference)}">source line {escape(row.reference.rpartition(":")[2])}</span>')
    if row.line:
        where.append(f'<span title="{escape(row.catalog)}:{row.line}">PO line {row.line}</span>')
    elif not row.merged:
        where.append("not in the catalog yet: run <code>l10n update</code>")
    info.append(f'<div class="where">{" · ".join(where)}</div>')
    return (
        f'<tr class="{severity}" data-state="{escape(row.state)}" data-checks="{escape(" ".join(checks))}">'
        f'<td class="n">{number}</td><td class="src" lang="{source_tag}">{source}</td>{target}'
        f'<td class="info">{"".join(info)}</td></tr>'
    )


def render_review_page(
    rows: Sequence[ReviewRow],
    *,
    locale: str,
    doc: str,
    catalog: str,
    source_ref: str = "",
    source_locale: str = "en",
    project: str = "",
) -> str:
    """The standalone review page for one document's sentences (``rows``, in document order)."""
    target_tag, target_dir = bcp47_tag(locale), text_direction(locale)
    states = Counter(r.state for r in rows)
    checks = Counter(check for r in rows for check in {f.check for f in r.findings})  # rows per check
    flagged = sum(bool(r.findings) for r in rows)
    title = f"Review: {doc} — {native_name(locale)} ({locale})"
    boxes = "".join(
        f'<label><input type="checkbox" name="state" value="{key}" checked> {label} ({states[key]})</label>'
        for key, label in STATE_LABELS.items()
        if states[key]
    )
    options = ['<option value="">all sentences</option>', f'<option value="*">with findings ({flagged})</option>',
               f'<option value="-">without findings ({len(rows) - flagged})</option>']
    options += [f'<option value="{escape(c)}">{escape(c)} ({n})</option>' for c, n in sorted(checks.items())]
    source_tag = escape(bcp47_tag(source_locale))
    body = "".join(_row_html(i, r, source_tag, target_tag, target_dir) for i, r in enumerate(rows, 1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="l10n review">
<title>{escape(title)}</title>
<style>{PAGE_CSS}</style>
</head>
<body>
<header>
<h1>{escape(title)}</h1>
<p class="meta">{escape(project)} · {escape(source_ref)} → {escape(catalog)} · {len(rows)} sentences · {flagged} with findings ·
edit translations in the PO file, then run <code>l10n review</code> again</p>
<fieldset><legend>State</legend>{boxes}</fieldset>
<fieldset><legend><label for="finding">Findings</label></legend><select id="finding">{"".join(options)}</select></fieldset>
<span id="shown" role="status"></span>
</header>
<main>
<table>
<colgroup><col class="n"><col><col><col class="info"></colgroup>
<thead><tr><th>#</th><th lang="{source_tag}">Source ({source_tag})</th><th>Translation ({escape(target_tag)})</th><th>State, provenance, findings</th></tr></thead>
<tbody>
{body}
</tbody>
</table>
</main>
<script>{PAGE_JS}</script>
</body>
</html>
"""
