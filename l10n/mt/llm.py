"""A local LLM as an MT engine, over the OpenAI-compatible chat API.

llama-server, Ollama, vLLM and LM Studio all serve ``POST /v1/chat/completions``
and ``GET /v1/models``; that is all this engine uses, through ``http.client``
(no new dependency, and no proxy from the environment: a request goes to the
configured host and nowhere else).  The URL must be on this machine unless the
config says ``allow_remote = true`` (``l10n.config.llm_url_problem``).

What the model gets, per batch of ``batch_size`` sentences (``build_messages``):
a system prompt with the rules (keep every ``<1>``, ``</1>``, ``<2/>`` exactly,
translate into the language Babel names, reply with JSON only), and a user
message holding JSON: the sentences with ids, the sentences just before and
after the batch (context, not to translate), and the glossary entries that
occur in the batch.  Requests ask for temperature 0 and a fixed seed, so a
rerun asks the same question; servers differ in how exactly they honour them.

The engine keeps markup (``keeps_markup``): sentences go with their
placeholders, and glossary terms, dates and numbers arrive wrapped in
placeholders of their own (``l10n.mt.protect``).  So a reply that drops a
term drops a placeholder, and qa's placeholder check sees it.  Such a batch is asked
again once for those sentences; what still fails is returned as it is, and
the usual verification after the engine (``translate_units``) writes it fuzzy
with ``check:`` lines.  A reply that cannot be read (no JSON, ids missing or
repeated, a refusal, cut off) is retried once, then stops the run with a clear
``EngineFailed``: the batches already done are in the cache, nothing is lost.

``PROMPT_VERSION`` names the prompt and the reply format; it is part of the
engine identity with the server's model id, so changing either never serves
a cached draft made under the other.
"""
from __future__ import annotations

import http.client
import json
import logging
import re
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from l10n.config import llm_url_problem
from l10n.mt.engine import BatchCallback, Draft, EngineIdentity
from l10n.mt.errors import EngineFailed
from l10n.qa.findings import Pair
from l10n.qa.markup import check_markup
from l10n.placeholders import strip_placeholders

if TYPE_CHECKING:
    from l10n.terms import Termbase

log = logging.getLogger(__name__)

#: Bump whenever SYSTEM_PROMPT, the user message or the reply format changes.
PROMPT_VERSION = "llm-v1"

SYSTEM_PROMPT = """You are a professional translator of reports. Translate each segment from {source} into {target}.
Rules:
1. Tags such as <1>, </1> and <2/> stand for formatting. Copy every tag of a segment into its translation exactly once, unchanged, around the words that correspond; add no other tags.
2. Text inside a tag pair that is listed in "glossary" must be translated exactly as the glossary says ("keep" means: copy it unchanged).
3. Keep numbers, dates, names and URLs correct; write them as {target} writes them.
4. "context_before" and "context_after" are the neighbouring sentences of the document. Use them to understand the segments; do not translate them.
5. Reply with JSON only, no explanations, in this form:
{{"translations": [{{"id": 1, "text": "..."}}]}}
with exactly one entry for every segment id."""

START_HINT = "start it (llama-server -m MODEL.gguf --port 8080) or change [llm] url"


class BadReply(Exception):
    """A reply that cannot be used as it stands (retried once)."""


@dataclass(frozen=True)
class Exchange:
    """One request's counts, so tests and benchmarks see the work done."""

    segments: int
    retry: bool


def parse_reply(content: str, ids: Sequence[int]) -> dict[int, str]:
    """``{id: text}`` from a model's reply that should be ``{"translations": [...]}``.

    Chatter and code fences around the JSON are skipped (the first JSON
    object with a ``translations`` list is taken); every id of ``ids`` must be
    there once, with a string, and no other.
    """
    decoder = json.JSONDecoder()
    data: Any = None
    for m in re.finditer(r"\{", content):
        try:
            candidate, _end = decoder.raw_decode(content, m.start())
        except ValueError:
            continue
        if isinstance(candidate, dict) and isinstance(candidate.get("translations"), list):
            data = candidate
            break
    if data is None:
        excerpt = " ".join(content.split())[:120]
        raise BadReply(f"no JSON object with \"translations\" in the reply: {excerpt!r}")
    found: dict[int, str] = {}
    for item in data["translations"]:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise BadReply(f"a translation is not {{\"id\": ..., \"text\": \"...\"}}: {json.dumps(item)[:120]}")
        try:
            key = int(item.get("id", ""))  # absent: ValueError, like any id that is not a number
        except (TypeError, ValueError):
            raise BadReply(f"a translation has no numeric id: {json.dumps(item)[:120]}") from None
        if key in found:
            raise BadReply(f"id {key} is translated twice")
        found[key] = item["text"]
    wanted = set(ids)
    missing, extra = sorted(wanted - set(found)), sorted(set(found) - wanted)
    if missing or extra:
        raise BadReply(f"the reply has {len(found)} translations for {len(ids)} segments"
                       + (f"; missing ids {missing}" if missing else "") + (f"; unknown ids {extra}" if extra else ""))
    empty = [k for k in ids if not found[k].strip()]
    if empty:
        raise BadReply(f"empty translation for ids {empty}")
    return found


def placeholder_problems(source: str, text: str) -> list[str]:
    """What qa's placeholder check finds in ``text`` (wrapped terms, dates and numbers too):
    the check ``l10n check`` runs, so the retry asks again exactly for what would be flagged."""
    return [f.message for f in check_markup(Pair(source, text, "root"))]


def glossary_hits(termbase: Termbase | None, texts: Sequence[str]) -> list[dict[str, str]]:
    """The glossary entries that occur in ``texts``, once each, in order."""
    if termbase is None or not len(termbase):
        return []
    hits: dict[str, dict[str, str]] = {}
    for text in texts:
        for match in termbase.find(text):
            term = match.term
            hits.setdefault(term.source, {"source": term.source,
                                          "target": "keep" if term.target is None else term.target})
    return list(hits.values())


def _plain(text: str) -> str:
    """A neighbour as a reader sees it: no placeholders, single spaces."""
    return " ".join(strip_placeholders(text).split())


def build_messages(segments: Sequence[tuple[int, str]], *, source: str, target: str,
                   before: Sequence[str] = (), after: Sequence[str] = (),
                   glossary: Sequence[Mapping[str, str]] = ()) -> list[dict[str, str]]:
    """The chat messages for one batch (``source``/``target``: locale ids)."""
    from l10n.locales import english_name

    src_name, tgt_name = english_name(source), english_name(target)
    user = {
        "source_language": src_name,
        "target_language": f"{tgt_name} ({target})",
        "glossary": list(glossary),
        "context_before": [_plain(t) for t in before],
        "context_after": [_plain(t) for t in after],
        "segments": [{"id": i, "text": t} for i, t in segments],
    }
    return [
        {"role": "system", "content": SYSTEM_PROMPT.format(source=src_name, target=tgt_name)},
        {"role": "user", "content": json.dumps(user, ensure_ascii=False, indent=1)},
    ]


class LLMEngine:
    """Translations from a model behind an OpenAI-compatible server.

    Engine codes are locale ids (``zh_Hans``): the prompt names the language
    from them.  ``termbases`` maps a target locale to its glossary, for the
    prompt's glossary entries.
    """

    name = "llm"
    keeps_markup = True

    def __init__(self, *, url: str = "http://127.0.0.1:8080/v1", model: str | None = None, batch_size: int = 8,
                 timeout: float = 120.0, seed: int = 42, context: int = 2, allow_remote: bool = False,
                 api_key: str | None = None, termbases: Mapping[str, Termbase] | None = None) -> None:
        problem = llm_url_problem(url, allow_remote)
        if problem:
            raise EngineFailed(problem, hint="set llm.allow_remote = true to send them there")
        self.url = url.rstrip("/")
        parts = urlsplit(self.url)
        self._scheme, self._host, self._port = parts.scheme, parts.hostname or "", parts.port
        self._base_path = parts.path
        self.configured_model = model
        self.batch_size, self.timeout, self.seed, self.context = batch_size, timeout, seed, context
        self.api_key = api_key
        self.termbases = dict(termbases or {})
        self.exchanges: list[Exchange] = []  # one per chat request
        self._model: str | None = model

    # --- HTTP ---------------------------------------------------------------
    def _request(self, method: str, path: str, body: dict | None = None) -> Any:
        cls = http.client.HTTPSConnection if self._scheme == "https" else http.client.HTTPConnection
        conn = cls(self._host, self._port, timeout=self.timeout)
        headers = {"Accept": "application/json"}
        payload = None
        if body is not None:
            payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        where = f"{method} {self._base_path}{path}"
        try:
            conn.request(method, self._base_path + path, body=payload, headers=headers)
            response = conn.getresponse()
            raw = response.read()
        except ConnectionRefusedError:
            raise EngineFailed(f"llm server {self.url} is not running (connection refused)", hint=START_HINT) from None
        except (TimeoutError, socket.timeout):
            raise EngineFailed(f"llm server {self.url} did not answer {where} within {self.timeout:g} s",
                               hint="raise llm.timeout or lower llm.batch_size; finished batches are kept") from None
        except (OSError, http.client.HTTPException) as exc:
            raise EngineFailed(f"cannot reach llm server {self.url}: {exc}", hint=START_HINT) from None
        finally:
            conn.close()
        text = raw.decode("utf-8", errors="replace")
        if response.status >= 400:
            hint = {401: "the server wants a key: set llm.api_key_env to the variable that holds it",
                    403: "the server wants a key: set llm.api_key_env to the variable that holds it",
                    404: "llm.url should end in /v1 (e.g. http://127.0.0.1:8080/v1); for Ollama also check llm.model"}
            raise EngineFailed(f"llm server {self.url} answered HTTP {response.status} to {where}: "
                               f"{' '.join(text.split())[:200]}", hint=hint.get(response.status))
        try:
            return json.loads(text)
        except ValueError:
            raise EngineFailed(f"llm server {self.url} answered {where} with something that is not JSON: "
                               f"{' '.join(text.split())[:120]!r}",
                               hint="llm.url must point at an OpenAI-compatible API (…/v1)") from None

    def model_id(self) -> str:
        """The configured model id, else the first the server lists (asked once)."""
        if self._model is None:
            data = self._request("GET", "/models")
            models = data.get("data") if isinstance(data, dict) else None
            ids = [m.get("id") for m in models or [] if isinstance(m, dict) and isinstance(m.get("id"), str)]
            if not ids:
                raise EngineFailed(f"llm server {self.url} lists no model at /models",
                                   hint="load a model in the server, or set llm.model")
            self._model = str(ids[0])
        return self._model

    # --- engine protocol ------------------------------------------------------
    def pairs(self) -> list[tuple[str, str]]:
        return []  # any pair the model knows: nothing to list

    def identity(self, source: str, target: str) -> EngineIdentity:
        options = f"temperature=0;seed={self.seed};batch={self.batch_size};context={self.context}"
        return EngineIdentity("llm", self.model_id(), PROMPT_VERSION, options)

    def _chat(self, messages: list[dict[str, str]]) -> str:
        body = {"model": self.model_id(), "messages": messages, "temperature": 0, "seed": self.seed,
                "stream": False}
        data = self._request("POST", "/chat/completions", body)
        try:
            choice = data["choices"][0]
            message = choice["message"]
        except (KeyError, IndexError, TypeError):
            raise BadReply(f"no choices[0].message in the server's answer: {json.dumps(data)[:120]}") from None
        if message.get("refusal"):
            raise BadReply(f"the model refused: {str(message['refusal'])[:120]!r}")
        if choice.get("finish_reason") == "content_filter":
            raise BadReply("the server's content filter stopped the reply")
        if choice.get("finish_reason") == "length":
            raise BadReply("the reply was cut off at the server's token limit (lower llm.batch_size)")
        content = message.get("content")
        if not isinstance(content, str):
            raise BadReply("the reply has no text content")
        return content

    def _ask(self, segments: list[tuple[int, str]], texts: Sequence[str], lo: int, hi: int,
             source: str, target: str, retry: bool) -> dict[int, str]:
        before = texts[max(0, lo - self.context):lo] if self.context else []
        after = texts[hi:hi + self.context] if self.context else []
        messages = build_messages(segments, source=source, target=target, before=before, after=after,
                                  glossary=glossary_hits(self.termbases.get(target), [t for _, t in segments]))
        self.exchanges.append(Exchange(len(segments), retry))
        return parse_reply(self._chat(messages), [i for i, _ in segments])

    def _translate_batch(self, texts: Sequence[str], lo: int, hi: int, source: str, target: str) -> list[str]:
        segments = [(n + 1, texts[lo + n]) for n in range(hi - lo)]
        try:
            got = self._ask(segments, texts, lo, hi, source, target, retry=False)
        except BadReply as first:
            log.warning("llm: unusable reply (%s); asking once more", first)
            try:
                got = self._ask(segments, texts, lo, hi, source, target, retry=True)
            except BadReply as second:
                raise EngineFailed(
                    f"llm server {self.url} (model {self.model_id()}) gave no usable reply for a batch of "
                    f"{len(segments)} sentences, twice: {second}",
                    hint="lower llm.batch_size or try another model; finished batches are kept in the cache",
                ) from None
        # A dropped or broken placeholder (a tag, or a wrapped glossary term,
        # date or number): those sentences are asked once more, alone together.
        failing = [(i, t) for i, t in segments if placeholder_problems(t, got[i])]
        if failing:
            log.info("llm: %d sentence(s) lost placeholders; asking once more", len(failing))
            try:
                again = self._ask(failing, texts, lo, hi, source, target, retry=True)
            except BadReply as exc:
                log.warning("llm: retry unusable (%s); keeping the first reply", exc)
                again = {}
            for i, t in failing:
                if i in again and len(placeholder_problems(t, again[i])) < len(placeholder_problems(t, got[i])):
                    got[i] = again[i]
        return [got[i] for i, _ in segments]

    def translate(self, texts: Sequence[str], source: str, target: str, *,
                  on_batch: BatchCallback | None = None) -> list[Draft]:
        positions: dict[str, list[int]] = {}
        for i, t in enumerate(texts):
            positions.setdefault(t, []).append(i)
        drafts: list[Draft | None] = [None] * len(texts)
        for t, idxs in positions.items():
            if not t.strip():
                for i in idxs:
                    drafts[i] = Draft(t)
        # Document order is kept, so neighbours are the sentences around.
        uniq = [t for t in positions if t.strip()]
        for lo in range(0, len(uniq), self.batch_size):
            hi = min(lo + self.batch_size, len(uniq))
            out = self._translate_batch(uniq, lo, hi, source, target)
            done: list[int] = []
            for t, text in zip(uniq[lo:hi], out):
                lead, trail = t[: len(t) - len(t.lstrip())], t[len(t.rstrip()):]
                for i in positions[t]:
                    drafts[i] = Draft(lead + text.strip() + trail)
                    done.append(i)
            if on_batch:
                on_batch(done, [drafts[i] for i in done])  # type: ignore[misc]  # these indexes were filled just above
        return drafts  # type: ignore[return-value]  # every index is filled by now
