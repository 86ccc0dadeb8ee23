"""``l10n models add PATH``: install a converted model without a network.

PATH is a CTranslate2 model folder as ``ct2-transformers-converter`` writes
it (with its sentencepiece files: ``--copy_files``), a .zip or .tar(.gz) of
one such folder, or an ``.argosmodel`` (handed to the Argos installer).
Archives get the checks ``models install --from-file`` makes (no absolute
paths, no ``..``, no links or devices, bounded sizes enforced while
extracting).  The model is then validated as the engine will use it:
CTranslate2 loads it, its tokenizers load, their pieces are in the model's
vocabulary, and every language token its family needs for the languages it
claims is there.  Only then is the manifest (``l10n-model.json``) written and
the folder renamed into the models directory, so a failed add leaves
nothing behind and a concurrent run never sees half a model.
"""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import IO

from l10n.mt.errors import EngineFailed, PackageError
from l10n.mt.families import FAMILIES, languages_in_vocabulary, pair_tokens, recipe
from l10n.mt.packages import member_parts, write_member, zip_member_is_plain
from l10n.mt.registry import (
    MANIFEST,
    TOKENIZER_FILES,
    InstalledModel,
    from_argos,
    manifest_dict,
    read_manifest,
    read_vocabulary,
    write_manifest,
)

log = logging.getLogger(__name__)

_HF_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_PAIR_IN_NAME = re.compile(r"(?:opus-mt|quickmt)(?:-tc-(?:big|base))?-([a-z]{2,3})-([a-z]{2,3})(?![a-z])")
_LICENCES = {"cc-by-nc-4.0": "CC-BY-NC-4.0", "cc-by-4.0": "CC-BY-4.0", "cc-by-sa-4.0": "CC-BY-SA-4.0",
             "mit": "MIT", "apache-2.0": "Apache-2.0", "cc0-1.0": "CC0-1.0"}


def download_hint(repo_id: str) -> str:
    """What to do on a networked machine with a Hugging Face repo id."""
    out = repo_id.rsplit("/", 1)[-1]
    return (f"on a machine with a network: huggingface-cli download {repo_id} --local-dir {out}, then "
            f"l10n models convert {out} {out}-ct2 (or ct2-transformers-converter --model {out} --output_dir "
            f"{out}-ct2 --copy_files with its tokenizer files, see docs/models.md), copy it here and run "
            f"l10n models add {out}-ct2")


def normalize_licence(text: str) -> str:
    return _LICENCES.get(text.strip().lower(), text.strip())


# --- archives ---------------------------------------------------------------------

# The member checks and the size-limited copy are the ones ``models install --from-file`` makes.
_INSIDE = "one model folder"


def _extract_zip(archive: Path, dest: Path) -> None:
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
        # Every member is checked before the first byte is written.
        checked = _checked(archive, [(i.filename, zip_member_is_plain(i), i.file_size) for i in infos])
        for info, parts in zip(infos, checked):
            write_member(dest, parts, info.is_dir(), partial(zf.open, info), info.file_size, archive,
                         info.filename)


def _extract_tar(archive: Path, dest: Path) -> None:
    with tarfile.open(archive) as tf:
        members = tf.getmembers()
        checked = _checked(archive, [(m.name, m.isfile() or m.isdir(), m.size) for m in members])
        for m, parts in zip(members, checked):
            write_member(dest, parts, m.isdir(), partial(_tar_file, tf, m), m.size, archive, m.name)


def _checked(archive: Path, members: Sequence[tuple[str, bool, int]]) -> list[list[str]]:
    """``member_parts`` of each (name, plain, size), with the running total the size limit needs."""
    total = 0
    checked = []
    for name, plain, size in members:
        total += size
        checked.append(member_parts(archive, name, plain=plain, size=size, total=total, inside=_INSIDE))
    return checked


def _tar_file(tf: tarfile.TarFile, member: tarfile.TarInfo) -> IO[bytes]:
    src = tf.extractfile(member)
    assert src is not None  # write_member opens only regular files
    return src


def _single_folder(archive: Path, root: Path) -> Path:
    entries = [p for p in root.iterdir()]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    if (root / "model.bin").is_file():  # the model's files at the top level
        return root
    raise PackageError(f"{archive}: expected one model folder (or model.bin at the top), found "
                       f"{', '.join(sorted(p.name for p in entries)) or 'nothing'}")


# --- inference ----------------------------------------------------------------------

def infer_family(folder: Path, vocabulary: set[str]) -> str:
    """The family of a converted model, from its vocabulary's language tokens and its tokenizer files."""
    if "eng_Latn" in vocabulary or "kor_Hang" in vocabulary:
        return "nllb"
    if "__en__" in vocabulary:
        return "m2m100"
    if "<2en>" in vocabulary or "<2ko>" in vocabulary:
        return "madlad"
    if (folder / "source.spm").is_file() and (folder / "target.spm").is_file():
        return "marian"
    if (folder / "src.spm.model").is_file():
        return "quickmt"
    raise PackageError(f"{folder}: cannot tell the model family (no NLLB/M2M100/MADLAD language tokens, "
                       "no source.spm/target.spm or src.spm.model)", hint="give --family " + "|".join(FAMILIES[1:]))


def _argos(code: str) -> str:
    from l10n.mt.engine import ISO3_CODES, argos_code

    back = {v: k for k, v in reversed(list(ISO3_CODES.items()))}
    if len(code) == 3 and code in back:
        return back[code]
    try:
        return argos_code(code)
    except ValueError:
        return code


def _tokenizers(folder: Path, family: str) -> tuple[Path, Path]:
    for src, tgt in TOKENIZER_FILES.get(family, ()):
        if (folder / src).is_file() and (folder / tgt).is_file():
            return folder / src, folder / tgt
    wanted = " or ".join(f"{s}" + (f" + {t}" if t != s else "") for s, t in TOKENIZER_FILES.get(family, ()))
    raise PackageError(f"{folder}: no SentencePiece tokenizer for a {family} model (expected {wanted})",
                       hint="convert with --copy_files for the tokenizer files (see docs/models.md)")


def _readme_licence(folder: Path) -> str:
    try:
        text = (folder / "README.md").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    m = re.search(r"^licen[sc]e:\s*['\"]?([\w.-]+)", text, re.MULTILINE | re.IGNORECASE)
    return normalize_licence(m.group(1)) if m else ""


def _languages(folder: Path, origin: str, family: str, vocabulary: set[str],
               codes: Mapping[str, str]) -> tuple[list[str], list[str]]:
    r = recipe(family)
    if r.multilingual:
        found = languages_in_vocabulary(family, vocabulary)
        found += [_argos(k) for k, v in codes.items() if v in vocabulary and _argos(k) not in found]
        return sorted(found), sorted(found)
    m = _PAIR_IN_NAME.search(folder.name.lower()) or _PAIR_IN_NAME.search(origin.lower())
    if family == "marian" and any(t.startswith(">>") and t.endswith("<<") for t in vocabulary):
        targets = sorted(languages_in_vocabulary(family, vocabulary))
        return ([_argos(m.group(1))] if m else []), targets
    if m:
        return [_argos(m.group(1))], [_argos(m.group(2))]
    return [], []


# --- add ------------------------------------------------------------------------------

def add_model(path: Path | str, models_dir: Path, *, family: str | None = None, name: str | None = None,
              sources: Sequence[str] = (), targets: Sequence[str] = (), licence: str | None = None,
              codes: Mapping[str, str] | None = None, packages_dir: Path | None = None,
              converter: Mapping[str, str] | None = None, folder_name: str | None = None) -> InstalledModel:
    """Validate ``path`` and install it into ``models_dir``; returns the installed model.

    ``sources``/``targets`` (locale ids) and ``codes`` (locale -> language
    token) override what is inferred; a same-named model is replaced.
    """
    given = str(path)
    path = Path(path).expanduser()
    if not path.exists():
        if _HF_ID.match(given) and not given.startswith((".", "~")):
            raise PackageError(f"{given}: no such file or folder; l10n never downloads models",
                               hint=download_hint(given))
        raise PackageError(f"{given}: no such file or folder; expected a CTranslate2 model folder, "
                           "a .zip/.tar of one, or an .argosmodel")
    if path.is_file() and (path.suffix == ".argosmodel" or _zip_is_argos(path)):
        from l10n.mt.packages import install_from_file

        pkg = install_from_file(path, packages_dir or models_dir)
        model = from_argos(pkg.path)
        assert model is not None
        return model
    models_dir = Path(models_dir)
    models_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".add-", dir=models_dir))
    try:
        if path.is_dir():
            folder = tmp / path.name
            shutil.copytree(path, folder, symlinks=False)
        elif zipfile.is_zipfile(path):
            try:
                _extract_zip(path, tmp / "x")
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
                raise PackageError(f"{path}: corrupt zip archive ({exc})") from exc
            folder = _single_folder(path, tmp / "x")
        elif _is_tar(path):
            try:
                _extract_tar(path, tmp / "x")
            except (tarfile.TarError, OSError, EOFError) as exc:
                raise PackageError(f"{path}: corrupt tar archive ({exc})") from exc
            folder = _single_folder(path, tmp / "x")
        else:
            raise PackageError(f"{path}: not a folder, zip or tar archive; expected a CTranslate2 model folder, "
                               "a .zip/.tar of one, or an .argosmodel")
        origin = str(path.resolve())
        model = _describe(folder, origin, family=family, name=name, sources=sources, targets=targets,
                          licence=licence, codes=dict(codes or {}), converter=dict(converter or {}))
        validate(model, shown=path)
        final = models_dir / (folder_name or model.name)
        write_manifest(folder, manifest_dict(model))
        trash = None
        if final.exists():
            trash = tmp / ".old"
            os.replace(final, trash)
        os.replace(folder, final)
        installed = read_manifest(final)
        assert installed is not None
        log.info("added %s model %s to %s", installed.family, installed.name, final)
        return installed
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _zip_is_argos(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return any(n.count("/") == 1 and n.endswith("/metadata.json") for n in zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


def _is_tar(path: Path) -> bool:
    try:
        return tarfile.is_tarfile(path)
    except OSError:
        return False


def _describe(folder: Path, origin: str, *, family: str | None, name: str | None, sources: Sequence[str],
              targets: Sequence[str], licence: str | None, codes: dict[str, str],
              converter: dict[str, str]) -> InstalledModel:
    """The model in ``folder``: its own manifest when it has one (shipped models), else inferred."""
    if (folder / MANIFEST).exists():
        known = read_manifest(folder)
        if known is None:
            raise PackageError(f"{folder.name}/{MANIFEST}: not a valid l10n model manifest")
        return known
    if not (folder / "model.bin").is_file():
        if any((folder / n).exists() for n in ("model.safetensors", "pytorch_model.bin")) or \
                list(folder.glob("model-*.safetensors")):
            raise PackageError(f"{origin}: a Hugging Face snapshot, not a CTranslate2 model",
                               hint=f"convert it first: l10n models convert {origin} OUT")
        if (folder / "metadata.json").exists():
            raise PackageError(f"{origin}: an Argos package folder", hint="zip it and use l10n models add FILE.argosmodel")
        raise PackageError(f"{origin}: not a CTranslate2 model: missing model.bin")
    try:
        source_vocab, target_vocab = read_vocabulary(folder)
    except (OSError, ValueError) as exc:
        raise PackageError(f"{origin}: cannot read the model's vocabulary ({exc})".replace(str(folder), folder.name)) from exc
    vocabulary = set(source_vocab) | set(target_vocab)
    family = family or infer_family(folder, vocabulary)
    recipe(family)  # unknown family: one line
    src_tok, tgt_tok = _tokenizers(folder, family)
    inferred_sources, inferred_targets = _languages(folder, origin, family, vocabulary, codes)
    src_codes = [_argos(s) for s in sources] or inferred_sources
    tgt_codes = [_argos(t) for t in targets] or inferred_targets
    if not src_codes or not tgt_codes:
        raise PackageError(f"{origin}: cannot tell which languages this {family} model translates",
                           hint="give them: l10n models add PATH --source en --target ko")
    import ctranslate2

    return InstalledModel(
        family, _safe_name(name or folder.name), "", folder, folder, src_tok, tgt_tok, tuple(src_codes),
        tuple(tgt_codes), licence=normalize_licence(licence) if licence else (_readme_licence(folder) or
                                                                            recipe(family).default_licence),
        origin=origin, codes=codes, converter={"ctranslate2": ctranslate2.__version__, **converter})


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "model"
    return cleaned[:100]


def validate(model: InstalledModel, *, shown: Path | str) -> None:
    """Load the model and its tokenizers as the engine will, and check every language token it needs."""
    import ctranslate2

    from l10n.mt.argos import load_tokenizers

    try:
        source_vocab, target_vocab = read_vocabulary(model.model_dir)
    except (OSError, ValueError) as exc:
        raise PackageError(f"{shown}: cannot read the model's vocabulary ({exc})") from exc
    vocabulary = set(source_vocab) | set(target_vocab)
    try:
        sp, _target_sp = load_tokenizers(model)
    except EngineFailed as exc:
        raise PackageError(f"{shown}: {exc.message}".replace(str(model.path) + "/", "")) from None
    # A tokenizer that is not the model's own would turn much of every
    # sentence into <unk>: nearly all its pieces must be in the vocabulary.
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    known = sum(p in vocabulary for p in pieces)
    if known < 0.9 * len(pieces):
        raise PackageError(f"{shown}: the tokenizer {model.source_tokenizer.name} does not belong to this model "
                           f"(only {known} of its {len(pieces)} pieces are in the model's vocabulary)")
    for locale, code in model.codes.items():
        token = recipe(model.family).target_token or recipe(model.family).source_token or "{}"
        if token.format(code) not in vocabulary:
            raise PackageError(f"{shown}: {model.family} language token {token.format(code)!r} (given for {locale}) "
                               "is not in the model's vocabulary")
    for target in model.targets:
        source = next((s for s in model.sources if s != target), None)
        if source is None:
            continue
        try:
            pair_tokens(model.family, source, target, vocabulary, overrides=model.codes)
        except EngineFailed as exc:
            raise PackageError(f"{shown}: {exc.message.split(': ', 1)[-1]}", hint=exc.hint) from None
    try:
        ctranslate2.Translator(str(model.model_dir), device="cpu", intra_threads=1)
    except (RuntimeError, ValueError) as exc:
        raise PackageError(f"{shown}: CTranslate2 cannot load the model ({exc})".splitlines()[0]) from None


def manifest_of(folder: Path) -> dict[str, object]:
    """The manifest of an installed model folder, as JSON data (for ``models list --json`` and tests)."""
    return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
