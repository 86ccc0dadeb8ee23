"""update and build skip the work whose inputs did not change (l10n/pipeline/stamps.py,
build_stamps.py), and do it again for every change that matters: an edited source,
a catalog edited by hand, the config, a glossary, the code, a deleted or edited
output, a new asset.  Renders and merges are counted (real functions, wrapped);
outputs and summaries are compared with a full (--force) build's."""

from __future__ import annotations

import os
import shutil

import pytest

from helpers import make_project, run_cli
from l10n.pipeline import build as build_module
from l10n.pipeline import build_stamps
from l10n.pipeline import update as update_module

DOCS = {
    "a.md": "# Alpha\n\nThe first sentence. The second one.\n",
    "b.md": "# Beta\n\nAnother document here.\n",
    "c.md": "# Gamma\n\nA third document.\n",
}


@pytest.fixture
def counts(monkeypatch, tmp_path):
    """Renders (render_text is called once per edition page set) and merges, by document;
    the signing key lives in a fresh cache home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    seen: dict[str, list[str]] = {"render": [], "merge": []}
    render, merge = build_module.render_text, update_module.update_catalog

    def counting_render(root, **kwargs):
        seen["render"].append(root.tag)
        return render(root, **kwargs)

    def counting_merge(template, old, **kwargs):
        seen["merge"].append(kwargs["locale"])
        return merge(template, old, **kwargs)

    monkeypatch.setattr(build_module, "render_text", counting_render)
    monkeypatch.setattr(update_module, "update_catalog", counting_merge)
    return seen


@pytest.fixture(autouse=True)
def _keep_cwd(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)


def project(tmp_path, docs=DOCS):
    root = make_project(tmp_path / "p", docs, locales=("ko", "zh_Hans"))
    os.chdir(root)
    return root


def site(root):
    return {p.relative_to(root / "build").as_posix(): p.read_bytes()
            for p in sorted((root / "build").rglob("*")) if p.is_file()}


def renders(counts, capsys, *args):
    counts["render"].clear()
    code, out, err = run_cli(capsys, "build", *args)
    assert code == 0, err
    return len(counts["render"]), out, err


def merges(counts, capsys, *args):
    counts["merge"].clear()
    code, out, err = run_cli(capsys, "update", *args)
    assert code == 0, err
    return len(counts["merge"]), out


def catalog(root, locale, doc):
    return root / "locales" / locale / "LC_MESSAGES" / f"{doc}.po"


def review(root, locale, doc, msgid, msgstr):
    """Translate ``msgid`` in a catalog by hand, as a reviewer does in an editor."""
    path = catalog(root, locale, doc)
    text = path.read_text(encoding="utf-8")
    old = f'msgid "{msgid}"\nmsgstr ""\n'
    assert old in text
    path.write_text(text.replace(old, f'msgid "{msgid}"\nmsgstr "{msgstr}"\n'), encoding="utf-8")


def built(tmp_path, counts, capsys):
    root = project(tmp_path)
    assert merges(counts, capsys)[0] == 6
    assert renders(counts, capsys)[0] == 9  # 3 documents x (en, ko, zh_Hans)
    return root


def build_like_full(tmp_path, root, counts, capsys) -> int:
    """Build ``root`` (counting its renders), and a copy of it as it was with --force:
    the sites and the summaries must be the same."""
    twin = tmp_path / f"twin{len(list(tmp_path.glob('twin*')))}"
    shutil.copytree(root, twin, symlinks=True)  # keeps modification times
    n, out, err = renders(counts, capsys)
    os.chdir(twin)
    _, full, full_err = renders(counts, capsys, "--force")
    os.chdir(root)
    assert site(root) == site(twin)
    assert (out, err) == (full, full_err)
    return n


def test_nothing_changed_nothing_rendered_or_merged(tmp_path, counts, capsys):
    root = built(tmp_path, counts, capsys)
    n, out = merges(counts, capsys)
    assert n == 0 and out.count("up to date (3 kept, 0 revived") == 2
    assert build_like_full(tmp_path, root, counts, capsys) == 0


def test_an_edit_to_one_document_redoes_only_its_work(tmp_path, counts, capsys):
    root = built(tmp_path, counts, capsys)
    source = root / "source" / "b.md"
    source.write_text(source.read_text(encoding="utf-8").replace("here", "there"), encoding="utf-8")
    n, _ = merges(counts, capsys)
    assert n == 2  # b's ko and zh_Hans catalogs
    assert build_like_full(tmp_path, root, counts, capsys) == 3  # b's original, ko and zh_Hans editions
    assert "Another document there." in (root / "build" / "ko" / "b.txt").read_text(encoding="utf-8")


def test_a_catalog_edited_by_hand_is_merged_and_rendered_again(tmp_path, counts, capsys):
    root = built(tmp_path, counts, capsys)
    review(root, "ko", "b", "Another document here.", "또 다른 문서입니다.")
    n, _ = merges(counts, capsys)
    assert n == 1
    assert 'msgstr "또 다른 문서입니다."' in catalog(root, "ko", "b").read_text(encoding="utf-8")
    # b's ko edition, and b's other editions: their language switcher lists ko's share now
    assert build_like_full(tmp_path, root, counts, capsys) == 3
    assert "또 다른 문서입니다." in (root / "build" / "ko" / "b.txt").read_text(encoding="utf-8")


def test_the_memory_of_a_skipped_catalog_still_serves_other_documents(tmp_path, counts, capsys):
    root = built(tmp_path, counts, capsys)
    review(root, "ko", "a", "The second one.", "두 번째 문장.")
    merges(counts, capsys)
    source = root / "source" / "c.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nThe second one.\n", encoding="utf-8")
    n, out = merges(counts, capsys)
    assert n == 2  # c only; a's reviewed entry comes from its stamp
    text = catalog(root, "ko", "c").read_text(encoding="utf-8")
    assert 'msgstr "두 번째 문장."' in text and "exact match from locales/ko/LC_MESSAGES/a.po" in text
    shutil.rmtree(root / ".l10n-cache" / "stamps")  # the same update without stamps writes the same file
    c_text = text
    catalog(root, "ko", "c").unlink()
    merges(counts, capsys)
    assert catalog(root, "ko", "c").read_text(encoding="utf-8").split("PO-Revision-Date")[1].split("\n", 1)[1] == \
        c_text.split("PO-Revision-Date")[1].split("\n", 1)[1]


def test_config_glossary_and_code_changes_render_again(tmp_path, counts, capsys, monkeypatch):
    root = built(tmp_path, counts, capsys)
    config = root / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8") + "wrap_width = 40\n", encoding="utf-8")
    assert renders(counts, capsys)[0] == 9
    glossary = root / "locales" / "ko" / "glossary.csv"
    glossary.write_text("source,target,note\ndocument,문서,\n", encoding="utf-8")
    assert renders(counts, capsys)[0] == 3  # ko's editions only
    assert renders(counts, capsys)[0] == 0
    monkeypatch.setattr(build_stamps, "code_version", lambda: "another version of l10n")
    assert build_like_full(tmp_path, root, counts, capsys) == 9
    assert renders(counts, capsys)[0] == 0


def test_a_deleted_or_edited_output_is_written_again(tmp_path, counts, capsys):
    root = built(tmp_path, counts, capsys)
    before = site(root)
    (root / "build" / "ko" / "a.txt").unlink()
    (root / "build" / "zh_Hans" / "c.mo").write_bytes(b"not a catalog")
    n, out, _ = renders(counts, capsys)
    assert n == 2
    assert site(root) == before
    assert "2 file(s) written" not in out  # one per locale
    assert out.count("1 file(s) written") == 2


def test_a_corrupt_stamp_is_ignored(tmp_path, counts, capsys):
    root = built(tmp_path, counts, capsys)
    before = site(root)
    for name in ("build.json", "update.json"):
        path = root / ".l10n-cache" / "stamps" / name
        data = path.read_bytes()
        path.write_bytes(data[:-40] + b"x" * 40)  # still signed with the old signature: not trusted
    assert merges(counts, capsys)[0] == 6
    assert renders(counts, capsys)[0] == 9
    assert site(root) == before
    (root / ".l10n-cache" / "stamps" / "build.json").write_bytes(b"\xff\xfe garbage")
    assert renders(counts, capsys)[0] == 9
    assert renders(counts, capsys)[0] == 0


def test_a_new_asset_renders_the_document_that_refers_to_it(tmp_path, counts, capsys):
    docs = {**DOCS, "a.md": "# Alpha\n\nThe first sentence. ![A map](../img/map.png)\n"}
    root = project(tmp_path, docs)
    merges(counts, capsys)
    n, out, err = renders(counts, capsys)
    assert n == 9 and "map.png" in err
    n, _, err_again = renders(counts, capsys)
    assert n == 0 and err_again == err  # the same warning, from the stamp
    (root / "img").mkdir()
    (root / "img" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert build_like_full(tmp_path, root, counts, capsys) == 3  # a's editions, which refer to it
    _, _, err = renders(counts, capsys)
    assert "map.png" not in err
    assert (root / "build" / "assets" / "img" / "map.png").exists()


# --- templates: a source whose bytes did not change is not read or segmented again ---------

@pytest.fixture
def templates_built(monkeypatch):
    from l10n.pipeline import extract as extract_module

    built: list[str] = []
    real = extract_module.build_template

    def counting(units, *, source_ref, project):
        built.append(source_ref)
        return real(units, source_ref=source_ref, project=project)

    monkeypatch.setattr(extract_module, "build_template", counting)
    return built


def pots(root):
    return {p.name: p.read_bytes() for p in sorted((root / "locales").glob("*.pot"))}


def test_an_unchanged_source_builds_no_template(tmp_path, counts, templates_built, capsys):
    root = project(tmp_path)
    assert run_cli(capsys, "update")[0] == 0
    assert sorted(templates_built) == ["source/a.md", "source/b.md", "source/c.md"]
    templates_built.clear()
    code, out, _ = run_cli(capsys, "extract")
    assert code == 0 and templates_built == []
    assert "locales/a.pot: 3 units, 3 entries, unchanged" in out  # the counts come from the stamp
    assert run_cli(capsys, "update")[0] == 0 and templates_built == []
    # An edit of the same size, with the old modification time: the key is the content.
    source = root / "source" / "b.md"
    info = source.stat()
    source.write_text(source.read_text(encoding="utf-8").replace("here", "HERE"), encoding="utf-8")
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert merges(counts, capsys)[0] == 2  # b's catalog in both locales
    assert templates_built == ["source/b.md"]
    incremental = pots(root)
    assert b"HERE" in incremental["b.pot"]
    assert run_cli(capsys, "update", "--force")[0] == 0
    assert pots(root) == incremental


def test_a_template_edited_or_deleted_on_disk_is_built_again(tmp_path, counts, templates_built, capsys):
    root = project(tmp_path)
    assert run_cli(capsys, "update")[0] == 0
    good = pots(root)
    (root / "locales" / "a.pot").write_text("# edited by hand\n", encoding="utf-8")
    (root / "locales" / "c.pot").unlink()
    templates_built.clear()
    assert run_cli(capsys, "extract")[0] == 0
    assert sorted(templates_built) == ["source/a.md", "source/c.md"]
    assert pots(root) == good


def test_a_config_change_builds_every_template(tmp_path, counts, templates_built, capsys):
    root = project(tmp_path)
    assert run_cli(capsys, "update")[0] == 0
    config = root / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('project = "', 'project = "renamed '),
                      encoding="utf-8")
    templates_built.clear()
    assert run_cli(capsys, "update")[0] == 0
    assert sorted(templates_built) == ["source/a.md", "source/b.md", "source/c.md"]
    assert b"renamed" in pots(root)["a.pot"]


def test_update_check_writes_no_template_stamp(tmp_path, counts, templates_built, capsys):
    root = project(tmp_path)
    assert run_cli(capsys, "update", "--check")[0] in (0, 1)
    assert not (root / ".l10n-cache" / "stamps" / "extract.json").exists()


def test_run_builds_from_the_catalogs_update_merged_and_names_the_same_lines(tmp_path, counts, capsys, monkeypatch):
    """``run`` hands update's merged catalogs to build (not parsed again); a reviewed
    translation that fails a check is named at the line a build that reads the file names."""
    import polib

    root = project(tmp_path, {"a.md": "# Alpha\n\nThe report has 42 pages. Another sentence.\n"})
    assert run_cli(capsys, "update")[0] == 0
    path = catalog(root, "ko", "a")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = "보고서는 페이지가 있다." if "42" in entry.msgid else "번역."
    po.save(str(path))
    read: list[str] = []
    real = build_module.read_catalog

    def counting(p, **kwargs):
        read.append(p.relative_to(root).as_posix())
        return real(p, **kwargs)

    monkeypatch.setattr(build_module, "read_catalog", counting)
    code, out, err = run_cli(capsys, "run", "--engine", "none")
    assert code == 0, err
    # ko's came from update, which merged it (edited by hand); zh_Hans's merge was
    # skipped by its stamp, so nothing held it and build read it.
    assert read == ["locales/zh_Hans/LC_MESSAGES/a.po"]
    warned = [line for line in (out + err).splitlines() if "a.po:" in line and "[numbers]" in line]
    assert len(warned) == 1, out + err
    code, out, err = run_cli(capsys, "build", "--force")
    assert code == 0
    assert "locales/ko/LC_MESSAGES/a.po" in read[1:]
    assert warned == [line for line in (out + err).splitlines() if "a.po:" in line and "[numbers]" in line]
