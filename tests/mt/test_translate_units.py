import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

from l10n.mt.cache import CachedTranslation, MTCache
from l10n.mt.engine import EngineIdentity
from l10n.mt.markup import PLACEHOLDER_RE
from l10n.mt.translate_units import translate_units

DOC_A = ["The report is <1>available online</1>.", "See <1>table <2>3</2></1> on page 652.",
         "Visit https://example.org/data<3/> now."]
DOC_B = ["The report is <1>available online</1>.", "Water prices rose in 2023.", "<1>All of it.</1>"]
DOC_C = ["The  report is <1>available online</1>.", "Plain."]


def test_all_documents_one_engine_call_placeholders_restored_or_flagged(engine, tmp_path):
    units = DOC_A + DOC_B + DOC_C
    progress = []
    results = translate_units(engine, units, "en", "ko", cache=MTCache(tmp_path),
                              progress=lambda d, t: progress.append((d, t)))
    assert engine.stats[("en", "ko")].calls == 1
    # DOC_C[0] differs only by whitespace: normalized away, shared.
    assert engine.stats[("en", "ko")].sentences == 6
    assert progress[0] == (0, 8) and progress[-1] == (8, 8)
    assert results[0] == results[3] == results[6]
    for unit, res in zip(units, results):
        assert not res.cached and res.identity == engine.identity("en", "ko")
        src_ph = sorted(m.group(0) for m in PLACEHOLDER_RE.finditer(unit))
        out_ph = sorted(m.group(0) for m in PLACEHOLDER_RE.finditer(res.text))
        assert src_ph == out_ph or any(p.startswith("error[placeholders]") for p in res.problems)
        if "652" in unit and "652" not in res.text:
            assert any("number 652 missing" in p for p in res.problems)
        if "https://example.org/data" in unit and "https://example.org/data" not in res.text:
            assert any("URL https://example.org/data missing" in p for p in res.problems)


def test_second_run_is_all_cache_hits(engine, tmp_path):
    units = DOC_A + DOC_B
    first = translate_units(engine, units, "en", "es", cache=MTCache(tmp_path))
    calls = engine.stats[("en", "es")].calls
    second = translate_units(engine, units, "en", "es", cache=MTCache(tmp_path))
    assert engine.stats[("en", "es")].calls == calls  # zero engine work
    assert all(r.cached for r in second)
    assert [(r.text, r.score, r.problems) for r in first] == [(r.text, r.score, r.problems) for r in second]
    # Another pair / identity does not hit.
    third = translate_units(engine, units[:1], "en", "ko", cache=MTCache(tmp_path))
    assert not third[0].cached


def test_no_cache_and_empty_input(engine):
    assert translate_units(engine, [], "en", "ko") == []
    (r,) = translate_units(engine, ["Plain sentence."], "en", "ko")
    assert r.text and r.score is not None


def test_cache_survives_sigkill_and_concurrent_reader(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from l10n.mt.cache import MTCache, CachedTranslation
        from l10n.mt.engine import EngineIdentity
        ident = EngineIdentity("e", "p", "1", "o")
        c = MTCache({str(tmp_path)!r})
        i = 0
        while True:
            c.put_many([(f"u{{i}}-{{j}}", CachedTranslation("t", 0.5, ("p",))) for j in range(50)], ident, "en", "ko")
            i += 1
            if i == 3:
                print("ready", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert proc.stdout.readline().strip() == "ready"
    reader = MTCache(tmp_path)  # concurrent reader while the writer runs
    ident = EngineIdentity("e", "p", "1", "o")
    assert reader.get_many(["u0-0"], ident, "en", "ko")["u0-0"].problems == ("p",)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    db = sqlite3.connect(tmp_path / MTCache.FILENAME)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM mt").fetchone()[0] % 50 == 0  # whole batches only
    reader.close()
    c = MTCache(tmp_path)
    assert len(c) >= 150
    c.put_many([("x", CachedTranslation("y", None, ()))], ident, "en", "ko")
    assert c.get_many(["x"], ident, "en", "ko")["x"].score is None
