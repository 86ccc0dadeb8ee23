"""The local LLM engine against a real OpenAI-compatible HTTP server on 127.0.0.1 (tests/mt/fake_llm.py)."""
from __future__ import annotations

import json
import socket

import polib
import pytest
from helpers import make_project, msgfmt_check, run_cli

from l10n.mt.errors import EngineFailed
from l10n.mt.llm import PROMPT_VERSION, BadReply, LLMEngine, parse_reply
from l10n.mt.translate_units import translate_units
from l10n.terms import read_termbase

from .fake_llm import FakeLLM, good, pseudo_zh, segments_of, translations

GLOSSARY = "source,target\nChin State,钦邦\nHuman Rights Watch,\nRohingya,罗兴亚人\n"


@pytest.fixture
def server():
    with FakeLLM() as s:
        yield s


def user_json(body: dict) -> dict:
    return json.loads(body["messages"][-1]["content"])


def test_good_replies_keep_placeholders_and_the_request_says_what_the_rules_need(server):
    termbase = read_termbase(GLOSSARY, path="glossary.csv")
    engine = LLMEngine(url=server.url, batch_size=2, context=1, seed=7, termbases={"zh_Hans": termbase})
    texts = ["The army entered <1>Chin State</1> in May.", "Homes burned.", "See <2/> the <3>map</3>.",
             "Homes burned."]
    drafts = engine.translate(texts, "en", "zh_Hans")
    assert [d.text for d in drafts] == [pseudo_zh(t) for t in texts]
    assert len(server.requests) == 2  # 3 distinct sentences in batches of 2
    first, second = server.requests
    for body in server.requests:
        assert body["temperature"] == 0 and body["seed"] == 7 and body["model"] == "fake-model-1"
        assert body["stream"] is False
    assert "Chinese (Simplified)" in first["messages"][0]["content"]
    assert "<1>" in first["messages"][0]["content"] and "JSON" in first["messages"][0]["content"]
    u1, u2 = user_json(first), user_json(second)
    assert [s["text"] for s in u1["segments"]] == texts[:2]
    assert u1["context_before"] == [] and u1["context_after"] == ["See the map."]
    assert u2["context_before"] == ["Homes burned."] and u2["context_after"] == []
    # only the glossary entries that occur in the batch
    assert u1["glossary"] == [{"source": "Chin State", "target": "钦邦"}]
    assert u2["glossary"] == []
    identity = engine.identity("en", "zh_Hans")
    assert (identity.engine, identity.package, identity.version) == ("llm", "fake-model-1", PROMPT_VERSION)


def test_chatter_and_code_fences_around_the_json_are_skipped(server):
    server.reply = lambda body, n: (200, "Sure! Here are the translations:\n```json\n" + translations(body)
                                    + "\n```\nLet me know {if} you need more.")
    drafts = LLMEngine(url=server.url).translate(["One <1>two</1>."], "en", "ko")
    assert drafts[0].text == pseudo_zh("One <1>two</1>.")
    assert len(server.requests) == 1


def not_about_punctuation(problems: list[str]) -> list[str]:
    """The findings besides end punctuation (the pseudo-translation keeps the source's '.')."""
    return [p for p in problems if not p.startswith("warning[punctuation]")]


def drop_tags(text: str) -> str:
    import re

    return re.sub(r"</?\d+/?>", "", pseudo_zh(text))


def test_a_dropped_placeholder_is_asked_again_once_then_written_with_a_check_line(server):
    server.reply = lambda body, n: (200, translations(body, drop_tags))
    results = translate_units(LLMEngine(url=server.url), ["Read <1>the report</1>.", "Plain sentence."], "en", "ko")
    assert len(server.requests) == 2  # the batch, then the failing sentence alone, once
    assert [s["text"] for s in segments_of(server.requests[1])] == ["Read <1>the report</1>."]
    assert any("placeholder <1> missing" in p for p in results[0].problems), results[0].problems
    assert not_about_punctuation(results[1].problems) == []


def test_a_dropped_glossary_term_is_asked_again_and_the_retry_is_used(server):
    server.reply = lambda body, n: (200, translations(body, drop_tags if n == 1 else pseudo_zh))
    termbase = read_termbase(GLOSSARY, path="glossary.csv")
    results = translate_units(LLMEngine(url=server.url, termbases={"zh_Hans": termbase}),
                              ["Fighting in Chin State grew."], "en", "zh_Hans", termbase=termbase, locale="zh_Hans")
    assert len(server.requests) == 2
    assert not_about_punctuation(results[0].problems) == []
    assert "钦邦" in results[0].text and results[0].terms == ("Chin State",)


def test_bad_json_is_retried_once_then_stops_with_a_clear_error(server):
    server.reply = lambda body, n: (200, '{"translations": [{"id": 1, "text": "x"')
    with pytest.raises(EngineFailed) as info:
        LLMEngine(url=server.url).translate(["A sentence."], "en", "ko")
    assert len(server.requests) == 2
    assert "gave no usable reply" in str(info.value) and "twice" in str(info.value)
    assert "batch_size" in str(info.value)


def test_bad_json_once_then_a_good_reply(server):
    server.reply = lambda body, n: (200, "not json at all") if n == 1 else good(body, n)
    assert LLMEngine(url=server.url).translate(["A sentence."], "en", "ko")[0].text == pseudo_zh("A sentence.")
    assert len(server.requests) == 2


def test_a_refusal_is_named(server):
    server.reply = lambda body, n: (200, {"index": 0, "finish_reason": "stop",
                                          "message": {"role": "assistant", "content": None,
                                                      "refusal": "I can't help with that."}})
    with pytest.raises(EngineFailed, match="the model refused: \"I can't help with that.\""):
        LLMEngine(url=server.url).translate(["A sentence."], "en", "ko")


def test_a_slow_reply_times_out_with_a_clear_message(server):
    server.reply = server.slow
    engine = LLMEngine(url=server.url, timeout=1)
    with pytest.raises(EngineFailed) as info:
        engine.translate(["A sentence."], "en", "ko")
    assert f"llm server {server.url} did not answer POST /v1/chat/completions within 1 s" in str(info.value)
    assert "llm.timeout" in str(info.value)
    assert not server.release.is_set()  # it failed because the server had not answered


def test_http_errors_name_the_status_and_the_body(server):
    server.reply = lambda body, n: (500, '{"error": "model crashed"}')
    with pytest.raises(EngineFailed, match=r"answered HTTP 500 to POST /v1/chat/completions: .*model crashed"):
        LLMEngine(url=server.url).translate(["A sentence."], "en", "ko")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_server_that_is_not_running():
    url = f"http://127.0.0.1:{closed_port()}/v1"
    with pytest.raises(EngineFailed) as info:
        LLMEngine(url=url).identity("en", "ko")
    assert str(info.value) == (f"llm server {url} is not running (connection refused) (hint: start it "
                               "(llama-server -m MODEL.gguf --port 8080) or change [llm] url)")


def test_a_remote_url_is_refused_unless_allowed():
    with pytest.raises(EngineFailed, match="is not on this machine"):
        LLMEngine(url="http://192.168.1.20:8080/v1")
    LLMEngine(url="http://192.168.1.20:8080/v1", allow_remote=True)  # constructed, nothing sent
    LLMEngine(url="http://[::1]:8080/v1")
    LLMEngine(url="http://localhost:8080/v1")


@pytest.mark.parametrize(("reply", "needle"), [
    ('{"translations": [{"id": 1, "text": "a"}]}', "1 translations for 2 segments; missing ids [2]"),
    ('{"translations": [{"id": 1, "text": "a"}, {"id": 1, "text": "b"}]}', "id 1 is translated twice"),
    ('{"translations": [{"id": 1, "text": "a"}, {"id": 2, "text": " "}]}', "empty translation for ids [2]"),
    ('{"translations": [{"id": 1}, {"id": 2, "text": "b"}]}', "is not {\"id\""),
    ('{"answer": "a"}', "no JSON object with \"translations\""),
])
def test_replies_that_are_rejected(reply, needle):
    with pytest.raises(BadReply) as info:
        parse_reply(reply, [1, 2])
    assert needle in str(info.value)


def test_ids_given_as_strings_are_accepted():
    assert parse_reply('x {"translations": [{"id": "2", "text": "b"}, {"id": 1, "text": "a"}]} y', [1, 2]) == {
        1: "a", 2: "b"}


# --- end to end: l10n translate on a project ---------------------------------------------------

DOC = """# Report on Chin State

Soldiers burned **42 homes** in [Chin State](https://example.org/chin) on 3 March 2021.

Human Rights Watch spoke with 12 witnesses. The army denied it.

Aid groups asked for access.
"""


def llm_project(tmp_path, url: str, extra: str = ""):
    root = make_project(tmp_path / "p", {"report.md": DOC}, locales=("zh_Hans",),
                        extra=f'engine = {{ zh_Hans = "llm" }}\n{extra}[llm]\nurl = "{url}"\nbatch_size = 2\n')
    (root / "locales" / "zh_Hans").mkdir(parents=True)
    (root / "locales" / "zh_Hans" / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    return root


def catalog(root):
    return root / "locales" / "zh_Hans" / "LC_MESSAGES" / "report.po"


def test_translate_a_project_through_the_llm_server(tmp_path, capsys, server):
    root = llm_project(tmp_path, server.url)
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    po = polib.pofile(str(catalog(root)))
    reviewed = po[0]
    reviewed.msgstr = "关于钦邦的报告"
    po.save()
    code, out, err = run_cli(capsys, "-C", str(root), "translate")
    assert code == 0, err
    assert "with llm" in out
    po = polib.pofile(str(catalog(root)))
    assert po[0].msgstr == "关于钦邦的报告" and "fuzzy" not in po[0].flags  # reviewed: untouched
    drafts = [e for e in po if e.msgid != reviewed.msgid]
    assert drafts and all("fuzzy" in e.flags and e.msgstr for e in drafts)
    for e in drafts:
        assert f"mt: engine=llm model=fake-model-1 prompt={PROMPT_VERSION} date=" in e.tcomment
        assert "score=n/a" in e.tcomment
    from l10n.placeholders import strip_placeholders

    sent = [strip_placeholders(s["text"]) for body in server.requests for s in segments_of(body)]
    assert reviewed.msgid == "Report on Chin State" and reviewed.msgid not in sent  # never even asked
    chin = next(e for e in drafts if "Chin State" in e.msgid)
    assert "钦邦" in chin.msgstr and "<1>" in chin.msgstr
    assert msgfmt_check(catalog(root)).returncode == 0
    asked = len(server.requests)
    # Same model, same prompt: a refresh comes from the cache.
    assert run_cli(capsys, "-C", str(root), "translate", "--refresh-mt")[0] == 0
    assert len(server.requests) == asked
    # Another model behind the server: the cache key differs, so it is asked again.
    server.model = "fake-model-2"
    assert run_cli(capsys, "-C", str(root), "translate", "--refresh-mt")[0] == 0
    assert len(server.requests) > asked
    po = polib.pofile(str(catalog(root)))
    assert all("model=fake-model-2" in e.tcomment for e in po if e.msgid != reviewed.msgid)
    assert po[0].msgstr == "关于钦邦的报告"


def test_the_prompt_version_is_part_of_the_cache_key(tmp_path, capsys, server, monkeypatch):
    root = llm_project(tmp_path, server.url)
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    assert run_cli(capsys, "-C", str(root), "translate")[0] == 0
    asked = len(server.requests)
    monkeypatch.setattr("l10n.mt.llm.PROMPT_VERSION", "llm-test-next")
    assert run_cli(capsys, "-C", str(root), "translate", "--refresh-mt")[0] == 0
    assert len(server.requests) > asked
    assert "prompt=llm-test-next" in catalog(root).read_text()


def test_translate_with_the_server_not_running_loses_nothing(tmp_path, capsys):
    url = f"http://127.0.0.1:{closed_port()}/v1"
    root = llm_project(tmp_path, url)
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    before = catalog(root).read_bytes()
    code, out, err = run_cli(capsys, "-C", str(root), "translate")
    assert code == 1
    assert err.startswith(f"error: llm server {url} is not running (connection refused)"), err
    assert "Traceback" not in err
    assert catalog(root).read_bytes() == before


def test_a_server_that_fails_midway_keeps_the_finished_batches(tmp_path, capsys, server):
    server.reply = lambda body, n: good(body, n) if n == 1 else (500, "out of memory")
    root = llm_project(tmp_path, server.url)
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, _, err = run_cli(capsys, "-C", str(root), "translate")
    assert code == 1 and "answered HTTP 500" in err, err
    po = polib.pofile(str(catalog(root)))
    done = [e for e in po if e.msgstr]
    assert len(done) == 2  # the first batch (batch_size = 2), saved atomically
    assert all("fuzzy" in e.flags and "engine=llm" in e.tcomment for e in done)
    assert msgfmt_check(catalog(root)).returncode == 0
    # The next run takes the first batch from the cache and asks only for the rest.
    server.reply = good
    asked = len(server.requests)
    assert run_cli(capsys, "-C", str(root), "translate")[0] == 0
    rest = sum(len(segments_of(b)) for b in server.requests[asked:])
    assert rest == len([e for e in po if not e.msgstr])


def test_dry_run_with_a_configured_model_sends_nothing(tmp_path, capsys, server):
    root = llm_project(tmp_path, server.url, extra="")
    text = (root / "l10n.toml").read_text() + 'model = "qwen2.5-7b-instruct"\n'
    (root / "l10n.toml").write_text(text)
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, out, _ = run_cli(capsys, "-C", str(root), "translate", "--dry-run")
    assert code == 0 and "with llm" in out
    assert server.requests == []
