"""Evaluation: would a compiled HTML5 tree builder give l10n's HTML trees?

    pip install selectolax html5-parser
    python bench/spine/html5_builders.py

Parses every HTML file in tests/corpus and tests/cases with l10n's reader
(our tokenizer + html5lib's tree construction), with html5-parser (gumbo,
lxml tree) and with selectolax (lexbor), and prints, per file and builder,
the first place where the element/attribute/text trees differ (comments and
doctypes ignored, white space directly under <html> ignored), then the CPU
time of each.  Findings (2026-12-03) are in PROFILE-speed.md: neither is
adopted.  Not run by the tests.
"""
import glob
import time
from pathlib import Path
try:
    import html5_parser
except RuntimeError as e:
    print("html5-parser unusable:", e); html5_parser = None
from selectolax.lexbor import LexborHTMLParser
from l10n.formats.html import parse_html
from l10n.model import Element, Text, Raw

def ours(text):
    doc = parse_html(text, path=Path("x.html"), display_path="x.html")
    def norm(node):
        out = []
        for c in node.children:
            if isinstance(c, Text):
                if out and isinstance(out[-1], str): out[-1] += c.text
                else: out.append(c.text)
            elif isinstance(c, Raw):
                m = c.markup
                if m.startswith("<!--") or m.lower().startswith("<!doctype"): continue
                if out and isinstance(out[-1], str): out[-1] += m   # raw text (script/style bodies) kept as written
                else: out.append(m)
            elif isinstance(c, Element):
                if c.tag.startswith("#") or c.tag == "l10n-front-matter":  # our own markers (front matter)
                    continue
                out.append((c.tag, tuple(sorted((k, v or "") for k, v in c.attrs)), tuple(norm(c))))
        return [o for o in out if o != ""]
    r = doc.root
    if r.tag == "html":  # l10n keeps the white space around head/body as written; the standard tree drops it
        kids = [k for k in norm(r) if not (isinstance(k, str) and not k.strip())]
        return ((r.tag, tuple(sorted((k, v or "") for k, v in r.attrs)), tuple(kids)),)
    return ((r.tag, tuple(sorted((k, v or "") for k, v in r.attrs)), tuple(norm(r))),)

def gumbo(text):
    root = html5_parser.parse(text, treebuilder="lxml", sanitize_names=False)
    def norm(el):
        out = []
        def add(s):
            if not s: return
            if out and isinstance(out[-1], str): out[-1] += s
            else: out.append(s)
        add(el.text)
        for c in el:
            if isinstance(c.tag, str):
                tag = c.tag.split("}")[-1]
                out.append((tag, tuple(sorted((k.split("}")[-1], v) for k, v in c.attrib.items())), tuple(norm(c))))
            add(c.tail)
        return out
    return ((root.tag, tuple(sorted(root.attrib.items())), tuple(norm(root))),)

def lexbor(text):
    tree = LexborHTMLParser(text)
    def norm(node):
        out = []
        child = node.child
        while child is not None:
            if child.tag == "-text":
                s = child.text_content or ""
                if s:
                    if out and isinstance(out[-1], str): out[-1] += s
                    else: out.append(s)
            elif child.tag in ("_comment", "!doctype", "-comment"):
                pass
            else:
                out.append((child.tag, tuple(sorted((k, v or "") for k, v in child.attributes.items())), tuple(norm(child))))
            child = child.next
        return out
    kids = [k for k in norm(tree.root) if not (isinstance(k, str) and not k.strip())]
    return ((tree.root.tag, tuple(sorted((k, v or "") for k, v in tree.root.attributes.items())), tuple(kids)),)

def first_diff(a, b, path="html"):
    if type(a) != type(b): return f"{path}: {str(a)[:80]!r} vs {str(b)[:80]!r}"
    if isinstance(a, str): return None if a == b else f"{path}: text {a[:60]!r} vs {b[:60]!r}"
    if isinstance(a, tuple) and len(a) == 3 and isinstance(a[0], str) and isinstance(a[2], tuple):
        if a[0] != b[0] or a[1] != b[1]: return f"{path}: <{a[0]} {a[1]}> vs <{b[0]} {b[1]}>"
        return first_diff(a[2], b[2], path + "/" + a[0])
    if len(a) != len(b):
        for x, y in zip(a, b):
            d = first_diff(x, y, path)
            if d: return d
        return f"{path}: {len(a)} vs {len(b)} children"
    for x, y in zip(a, b):
        d = first_diff(x, y, path)
        if d: return d
    return None

files = sorted(glob.glob("tests/corpus/**/*.htm*", recursive=True) + glob.glob("tests/cases/**/*.htm*", recursive=True))
same = {"gumbo": 0, "lexbor": 0}
tm = {"ours": 0.0, "gumbo": 0.0, "lexbor": 0.0}
for f in files:
    text = Path(f).read_text(encoding="utf-8")
    res = {}
    for name, fn in (("ours", ours), ("gumbo", gumbo), ("lexbor", lexbor)):
        if name == "gumbo" and html5_parser is None: res[name] = "unusable"; continue
        try:
            t = time.process_time(); r = fn(text); tm[name] += time.process_time() - t
        except Exception as e:
            r = f"error: {e}"
        res[name] = r
    for name in ("gumbo", "lexbor"):
        d = None if res[name] == res["ours"] else (first_diff(res["ours"], res[name]) or "differs")
        same[name] += d is None
        if d: print(f"{f}: {name}: {d}")
print(f"{len(files)} HTML files; same tree as l10n/html5lib: gumbo {same['gumbo']}, lexbor {same['lexbor']}")
print("CPU s over all files:", {k: round(v, 4) for k, v in tm.items()})
