"""A Content-Security-Policy for an edition: no script the source did not have.

Translations are escaped as text and only the source's own elements come back
through placeholders, so an edition cannot gain markup; the policy is the
second wall, should anything ever slip through.  It allows exactly the
source's scripts: each inline ``<script>`` by the hash of its text, each
external one by its origin (``'self'`` for a relative URL), each event-handler
attribute by its hash (``'unsafe-hashes'``).  A page whose source had none
gets ``script-src 'none'``.  ``javascript:`` URLs in the source stay blocked:
allowing them needs ``'unsafe-inline'``, which would void the policy.

Only ``script-src``, ``object-src`` and ``base-uri`` are set, so styles,
images and fonts of the source load as before; a policy of the source's own
(a ``<meta http-equiv>``) is kept and browsers enforce both.
"""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import urlsplit

from ..model import Element, Node, Raw, Text


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(root: Element | None) -> str:
    """The policy for a page whose source tree is ``root`` (None: a page l10n made)."""
    scripts: dict[str, None] = {}
    handlers: dict[str, None] = {}
    has_object = has_base = False
    stack: list[Node] = [root] if root is not None else []
    while stack:  # iterative: deep trees must not recurse
        node = stack.pop()
        if not isinstance(node, Element):
            continue
        for name, value in node.attrs:
            if name.startswith("on") and value:
                handlers[_hash(value)] = None
        if node.tag == "script":
            src = node.get("src")
            if src is not None:
                parts = urlsplit(src.strip())
                if parts.scheme in ("http", "https") and parts.netloc:
                    scripts[f"{parts.scheme}://{parts.netloc}"] = None
                elif parts.scheme in ("", "file"):
                    scripts["'self'"] = None
                # data:, blob: and other schemes stay blocked
            else:
                body = "".join(c.markup if isinstance(c, Raw) else c.text for c in node.children
                               if isinstance(c, (Raw, Text)))
                scripts[_hash(body)] = None
        has_object = has_object or node.tag in ("object", "embed", "applet")
        has_base = has_base or node.tag == "base"
        stack.extend(node.children)
    sources = list(scripts)
    if handlers:
        sources += ["'unsafe-hashes'", *handlers]
    directives = ["script-src " + (" ".join(sources) if sources else "'none'")]
    if not has_object:
        directives.append("object-src 'none'")
    if not has_base:
        directives.append("base-uri 'none'")
    return "; ".join(directives)
