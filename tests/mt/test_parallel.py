"""Locales side by side in worker processes: the same catalogs as one process.

Real tiny Argos models for three pairs (one with a target prefix), the
report twice over with every sentence made unique, small token batches so
each pair has many.  The sequential run (``workers=1``, everything in this
process) is the reference; the parallel runs must write byte-identical
catalogs and cache rows, also when a worker process is killed mid-run.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from helpers import msgfmt_check
from l10n.config import load_config
from l10n.pipeline.translate import translate
from l10n.pipeline.update import update

REPORT = Path(__file__).resolve().parents[2] / "source" / "hrw-north-korea-world-report-2020.md"
LOCALES = ["ko", "es", "zh_Hans"]
DAY = dt.date(2026, 11, 27)


def copies(n: int) -> str:
    text = REPORT.read_text(encoding="utf-8")
    return "\n".join(re.sub(r"\.(?=[”’\"]?(?:\s|$))", f" (copy {i}).", text) for i in range(n))


def updated_project(root: Path, packages: Path, locales: list[str], *, max_batch_tokens: int) -> Path:
    """The report (one copy) in ``root``, translated by the models in ``packages``, catalogs updated."""
    (root / "source").mkdir(parents=True)
    (root / "source" / "report.md").write_text(copies(1), encoding="utf-8")
    (root / "l10n.toml").write_text(
        f'project = "p"\nlocales = {locales!r}\nsources = ["source/*.md"]\nmodels_dir = "{packages}"\n'
        'engine = "argos"\n[mt]\nbeam_size = 2\nmax_decoding_length_ratio = 1.0\n'
        f"max_decoding_length_extra = 4\nmax_batch_tokens = {max_batch_tokens}\n".replace("'", '"'),
        encoding="utf-8")
    if "ko" in locales:  # a Korean glossary: terms are protected through MT on every path alike
        (root / "locales" / "ko").mkdir(parents=True)
        (root / "locales" / "ko" / "glossary.csv").write_text(
            "source,target,note\nHuman Rights Watch,휴먼라이츠워치,\nNorth Korea,북한,\n", encoding="utf-8")
    update(load_config(root), locales=locales)
    return root


@pytest.fixture(scope="module")
def base(tmp_path_factory, packages_dir) -> Path:
    return updated_project(tmp_path_factory.mktemp("parallel") / "base", packages_dir, LOCALES, max_batch_tokens=64)


def run(base: Path, dest: Path, **options) -> Path:
    shutil.copytree(base, dest)
    results = translate(load_config(dest), locales=LOCALES, today=lambda: DAY, **options)
    assert [r.skipped for r in results] == [None] * len(LOCALES)
    assert all(r.units > 15 for r in results), [r.units for r in results]
    return dest


def catalogs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}


def cache_rows(root: Path) -> set[tuple]:
    con = sqlite3.connect(root / ".l10n-cache" / "mt.sqlite")
    try:
        return set(con.execute("SELECT key, source_text, identity, text, score, problems FROM mt"))
    finally:
        con.close()


@pytest.fixture(scope="module")
def sequential(base, tmp_path_factory) -> Path:
    return run(base, tmp_path_factory.mktemp("seq") / "p", workers=1)


def test_two_workers_write_the_catalogs_of_a_sequential_run(base, sequential, tmp_path):
    parallel = run(base, tmp_path / "p", workers=2)
    reference = catalogs(sequential)
    assert len(reference) == 3 and all(b"#, fuzzy" in data for data in reference.values())
    assert 'terms=["Human Rights Watch"]'.encode() in reference["locales/ko/LC_MESSAGES/report.po"]
    assert catalogs(parallel) == reference
    assert cache_rows(parallel) == cache_rows(sequential)
    for path in (parallel / "locales").rglob("*.po"):
        assert msgfmt_check(path).returncode == 0


def test_a_killed_worker_loses_nothing_and_changes_nothing(base, sequential, tmp_path):
    killed: list[int] = []

    def progress_factory(label: str, total: int):
        assert label == "ko, es, zh_Hans", label  # one bar for the locales side by side

        def progress(done: int, _total: int) -> None:
            workers = [p for p in multiprocessing.active_children() if p.name.startswith("l10n-mt-worker")]
            if done and not killed and workers:
                killed.append(workers[0].pid)
                os.kill(workers[0].pid, signal.SIGKILL)
        return progress

    parallel = run(base, tmp_path / "p", workers=2, progress_factory=progress_factory)
    assert killed, "no worker was killed"
    assert catalogs(parallel) == catalogs(sequential)
    assert cache_rows(parallel) == cache_rows(sequential)


def test_cuda_asked_without_a_gpu_is_one_clear_error(base, tmp_path, capsys):
    from l10n.cli.main import main

    root = tmp_path / "p"
    shutil.copytree(base, root)
    before = catalogs(root)
    code = main(["-C", str(root), "translate", "--device", "cuda"])
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: --device cuda: ") and ("CUDA" in err or "libcublas" in err), err
    assert catalogs(root) == before


def test_auto_device_falls_back_to_the_cpu(base, sequential, tmp_path):
    from l10n.mt.device import cuda_problem

    assert cuda_problem() is not None, "this test is for machines without a usable GPU"
    auto = run(base, tmp_path / "p", workers=2, device="auto")
    assert catalogs(auto) == catalogs(sequential)


def test_no_ray_cluster_is_one_clear_error(base, tmp_path, capsys, monkeypatch):
    import ray

    from l10n.cli.main import main

    assert not ray.is_initialized()
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    monkeypatch.setenv("RAY_TMPDIR", str(tmp_path / "no-ray"))  # no session file of another cluster there
    root = tmp_path / "p"
    shutil.copytree(base, root)
    code = main(["-C", str(root), "translate", "--cluster", "auto"])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: cannot reach the Ray cluster at auto: "), err


def test_default_workers_follow_cores_and_memory():
    from l10n.mt.workers import WORKER_OVERHEAD, default_workers

    model = 100 * 2**20
    assert default_workers(4, model, cores=2, memory=64 * 2**30) == 2
    assert default_workers(10, model, cores=16, memory=64 * 2**30) == 10
    assert default_workers(10, model, cores=16, memory=3 * (2 * model + WORKER_OVERHEAD)) == 3
    assert default_workers(3, model, cores=16, memory=1) == 1


# --- numbers that do not depend on how many threads a path gives CTranslate2 ---------------------

@pytest.fixture(scope="module")
def wide_base(tmp_path_factory, model_build_dir) -> Path:
    """Models with a wide feed-forward layer: there, CTranslate2 splits each matrix
    product over its intra-op threads, and the split changes scores in the 7th digit."""
    from l10n.mt.packages import install_from_file

    from .tiny_model import build_argosmodel

    packages = tmp_path_factory.mktemp("wide-packages")
    build = tmp_path_factory.mktemp("wide-build")
    for target, seed in (("ko", 11), ("es", 12)):
        install_from_file(build_argosmodel(build, "en", target, seed=seed, ffn=2048,
                                           sp_model=model_build_dir / "shared-sentencepiece.model"), packages)
    return updated_project(tmp_path_factory.mktemp("wide") / "base", packages, ["ko", "es"], max_batch_tokens=256)


def test_every_path_runs_the_cpu_translators_with_the_same_intra_threads():
    from l10n.mt.device import cpu_intra_threads, device_options

    assert device_options({}, "cpu")["intra_threads"] == cpu_intra_threads(None) == 1
    assert device_options({"intra_threads": 3}, "cpu")["intra_threads"] == 3  # configured: everywhere alike


def test_worker_and_ray_scores_equal_a_sequential_run_to_the_last_digit(wide_base, tmp_path, local_ray):
    def translated(dest: Path, **options) -> tuple[dict[str, bytes], set[tuple]]:
        shutil.copytree(wide_base, dest)
        results = translate(load_config(dest), locales=["ko", "es"], today=lambda: DAY, **options)
        assert [r.skipped for r in results] == [None, None]
        return catalogs(dest), cache_rows(dest)

    sequential = translated(tmp_path / "seq", workers=1)
    assert translated(tmp_path / "workers", workers=2) == sequential
    assert translated(tmp_path / "ray", cluster="auto") == sequential


# --- a local Ray, started once for these tests ---------------------------------------------------

@pytest.fixture(scope="module")
def local_ray():
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def l10n_actors(ray) -> list:
    names = [a for a in ray.util.list_named_actors(all_namespaces=True) if a["name"].startswith("l10n-")]
    return [ray.get_actor(a["name"], namespace=a["namespace"]) for a in names]


def test_a_ray_cluster_writes_the_catalogs_of_a_sequential_run(base, sequential, tmp_path, local_ray):
    on_ray = run(base, tmp_path / "p", cluster="auto")
    assert catalogs(on_ray) == catalogs(sequential)
    assert cache_rows(on_ray) == cache_rows(sequential)


def test_a_killed_ray_actor_loses_nothing_and_changes_nothing(base, sequential, tmp_path, local_ray):
    killed: list[int] = []

    def progress_factory(label: str, total: int):
        def progress(done: int, _total: int) -> None:
            if done and not killed:
                actors = l10n_actors(local_ray)
                assert actors, "no l10n actor is running"
                killed.append(local_ray.get(actors[0].pid.remote()))
                os.kill(killed[0], signal.SIGKILL)
        return progress

    on_ray = run(base, tmp_path / "p", cluster="auto", progress_factory=progress_factory)
    assert killed, "no actor was killed"
    assert catalogs(on_ray) == catalogs(sequential)
    assert cache_rows(on_ray) == cache_rows(sequential)
    assert not l10n_actors(local_ray), "actors left running after the run"


@pytest.mark.parametrize("line, message", [
    ("workers = 0", "mt.workers must be an integer of at least 1"),
    ('workers = "4"', "mt.workers must be an integer of at least 1"),
    ("cluster = 1", 'mt.cluster must be "auto" or a Ray address'),
])
def test_bad_execution_settings_name_the_file_and_line(tmp_path, line, message):
    from l10n.errors import ConfigError

    (tmp_path / "a.md").write_text("A sentence.\n", encoding="utf-8")
    (tmp_path / "l10n.toml").write_text(f'locales = ["ko"]\nsources = ["*.md"]\n[mt]\n{line}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert str(caught.value).startswith(f"l10n.toml:4: {message}"), str(caught.value)


def test_a_package_reaches_a_node_without_it_through_the_object_store(packages_dir, tmp_path, monkeypatch,
                                                                        local_ray):
    """What an actor does on a node that lacks the driver's models folder."""
    import tempfile

    from l10n.mt.argos import ArgosEngine
    from l10n.mt.batches import LoadedModel, plan_pair
    from l10n.mt.ray_backend import local_package, zip_package

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    engine = ArgosEngine(packages_dir, max_batch_tokens=64)
    package = engine.package("en", "ko")
    fingerprint = engine.identity("en", "ko").fingerprint
    ref = [local_ray.put(zip_package(package.path))]
    elsewhere = str(tmp_path / "not-on-this-node" / package.path.name)
    copy = local_package(elsewhere, fingerprint, ref)
    assert copy.parent == tmp_path / "l10n-models" / fingerprint and copy.name == package.path.name
    assert local_package(elsewhere, fingerprint, ref) == copy  # installed once per node
    assert local_package(str(package.path), fingerprint, ref) == package.path  # a shared path is used as is
    plan = plan_pair(engine, ["The report is available online.", "Officials detained 22 people."], "en", "ko")
    assert LoadedModel(copy).run(plan.batches[0]) == LoadedModel(package.path).run(plan.batches[0])
