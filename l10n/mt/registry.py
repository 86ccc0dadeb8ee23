"""Installed CTranslate2 models of every family: where they live, what they serve.

Two kinds of folders are models:

* Argos packages (``metadata.json``, ``model/``, ``sentencepiece.model``) in
  the Argos packages directory, read as today (``l10n.mt.argos``);
* any other converted model (NLLB, OPUS-MT, M2M100, MADLAD, quickmt), one
  folder each in the models directory, as ``ct2-transformers-converter``
  wrote it plus the manifest ``l10n-model.json`` that ``l10n models add``
  writes: family, name, languages, licence, where it came from and the
  converter's versions.

The manifest is the only thing read at discovery (no model loads, no
sentencepiece), so listing models and choosing one for a pair is cheap.
Other parts of l10n (the per-locale choice in the config, ``models list``)
use ``installed_models`` and ``models_for_pair``; ``l10n.mt.argos.ArgosEngine``
runs whichever ``InstalledModel`` is chosen.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "l10n-model.json"
MANIFEST_FORMAT = 1

#: Tokenizer file names by family, (source, target); the first pair present wins.
TOKENIZER_FILES: dict[str, tuple[tuple[str, str], ...]] = {
    "nllb": (("sentencepiece.bpe.model", "sentencepiece.bpe.model"), ("sentencepiece.model", "sentencepiece.model")),
    "m2m100": (("sentencepiece.bpe.model", "sentencepiece.bpe.model"), ("sentencepiece.model", "sentencepiece.model")),
    "marian": (("source.spm", "target.spm"),),
    "madlad": (("spiece.model", "spiece.model"), ("sentencepiece.model", "sentencepiece.model")),
    "quickmt": (("src.spm.model", "tgt.spm.model"), ("source.spm", "target.spm"),
                ("sentencepiece.model", "sentencepiece.model")),
}


def default_models_dir() -> Path:
    """Where non-Argos models go: $L10N_MODELS_DIR, else $XDG_DATA_HOME/l10n/models.

    Not Argos's packages folder: argostranslate itself would try to read a
    folder without ``metadata.json`` there as one of its packages.
    """
    env = os.environ.get("L10N_MODELS_DIR")
    if env:
        return Path(env).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "l10n" / "models"


@dataclass(frozen=True)
class InstalledModel:
    """One installed model; ``sources``/``targets`` are Argos language codes (``ko``, ``zt``)."""

    family: str
    name: str
    version: str
    path: Path  # the folder installed, removed and shipped to workers as a unit
    model_dir: Path  # the CTranslate2 model (model.bin, config.json, vocabularies)
    source_tokenizer: Path
    target_tokenizer: Path
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    licence: str = ""
    origin: str = ""  # where it was added from
    codes: Mapping[str, str] = field(default_factory=dict)  # locale -> family language code
    target_prefix: str = ""  # Argos packages' own (metadata.json)
    converter: Mapping[str, str] = field(default_factory=dict)

    def serves(self, source: str, target: str) -> bool:
        return source != target and source in self.sources and target in self.targets

    @property
    def model_bin(self) -> Path:
        return self.model_dir / "model.bin"

    @property
    def size(self) -> int:
        """Bytes on disk of the whole folder."""
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())

    @property
    def non_commercial(self) -> bool:
        return "NC" in self.licence.upper().replace("_", "-").split("-")

    @property
    def languages(self) -> str:
        """``en -> ko`` for a one-pair model, else the codes it knows."""
        if len(self.sources) == 1 and len(self.targets) == 1:
            return f"{self.sources[0]} -> {self.targets[0]}"
        if set(self.sources) == set(self.targets):
            return f"{len(self.targets)} languages ({', '.join(self.targets)})"
        return f"{', '.join(self.sources)} -> {', '.join(self.targets)}"

    @property
    def fingerprint(self) -> str:
        """Cheap content hash: what describes the model plus model.bin's size."""
        meta = self.path / ("metadata.json" if self.family == "argos" else MANIFEST)
        h = hashlib.sha256(meta.read_bytes())
        h.update(str(self.model_bin.stat().st_size).encode())
        return h.hexdigest()[:16]


def from_argos(path: Path) -> InstalledModel | None:
    from l10n.mt.argos import read_package

    pkg = read_package(path)
    if pkg is None:
        return None
    return InstalledModel("argos", pkg.name, pkg.version, pkg.path, pkg.path / "model", pkg.tokenizer,
                          pkg.tokenizer, (pkg.from_code,), (pkg.to_code,), target_prefix=pkg.target_prefix)


def read_manifest(path: Path) -> InstalledModel | None:
    """A model folder with an ``l10n-model.json``; None when it is not one (or is broken)."""
    try:
        meta = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != MANIFEST_FORMAT:
            return None
        model_dir = path / str(meta.get("model", "."))
        model = InstalledModel(
            str(meta["family"]), str(meta["name"]), str(meta.get("version", "")), path, model_dir,
            path / str(meta["source_tokenizer"]), path / str(meta["target_tokenizer"]),
            tuple(str(c) for c in meta["sources"]), tuple(str(c) for c in meta["targets"]),
            str(meta.get("licence", "")), str(meta.get("origin", "")),
            {str(k): str(v) for k, v in (meta.get("codes") or {}).items()},
            converter={str(k): str(v) for k, v in (meta.get("converter") or {}).items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not (model.model_bin.is_file() and model.source_tokenizer.is_file() and model.target_tokenizer.is_file()):
        return None
    return model


def read_model(path: Path) -> InstalledModel | None:
    """Either kind of model folder."""
    path = Path(path)
    return read_manifest(path) if (path / MANIFEST).exists() else from_argos(path)


def installed_models(dirs: Iterable[Path | None]) -> list[InstalledModel]:
    """Every model in ``dirs`` (each scanned once), Argos packages best version first per pair."""
    from l10n.mt.argos import installed_packages

    seen: set[Path] = set()
    found: list[InstalledModel] = []
    for d in dirs:
        if d is None:
            continue
        d = Path(d)
        key = d.resolve()
        if key in seen or not d.is_dir():
            continue
        seen.add(key)
        found += [m for m in (from_argos(p.path) for p in installed_packages(d)) if m]
        found += sorted((m for m in (read_manifest(p) for p in sorted(d.iterdir())
                                     if p.is_dir() and not p.name.startswith(".")) if m),
                        key=lambda m: m.name)
    return found


def models_for_pair(source: str, target: str, dirs: Iterable[Path | None]) -> list[InstalledModel]:
    """Installed models serving ``source`` -> ``target`` (Argos codes), the default choice first.

    The default order: one-pair models (an Argos package, a bilingual OPUS-MT
    or quickmt model: made for this pair) before multilingual ones, then by
    name; a configured choice overrides it (``ArgosEngine(choice=...)``).
    """
    serving = [m for m in installed_models(dirs) if m.serves(source, target)]
    return sorted(serving, key=lambda m: (len(m.targets) > 1, m.family != "argos", m.name))


def read_vocabulary(model_dir: Path) -> tuple[list[str], list[str]]:
    """(source, target) vocabularies of a CTranslate2 model folder."""
    def read(stem: str) -> list[str] | None:
        for ext in ("json", "txt"):
            f = model_dir / f"{stem}.{ext}"
            if f.is_file():
                text = f.read_text(encoding="utf-8")
                if ext == "json":
                    return [str(t) for t in json.loads(text)]
                return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
        return None

    shared = read("shared_vocabulary")
    if shared is not None:
        return shared, shared
    src, tgt = read("source_vocabulary"), read("target_vocabulary")
    if src is None or tgt is None:
        raise FileNotFoundError(f"{model_dir}: no shared_vocabulary or source/target_vocabulary file")
    return src, tgt


def write_manifest(folder: Path, model: Mapping[str, object]) -> Path:
    """Write ``l10n-model.json`` atomically (temp file + rename, the umask's mode)."""
    from l10n.catalog.io import atomic_write_bytes

    text = json.dumps({"format": MANIFEST_FORMAT, **model}, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    atomic_write_bytes(folder / MANIFEST, text.encode("utf-8"))
    return folder / MANIFEST


def manifest_dict(model: InstalledModel) -> dict[str, object]:
    return {
        "family": model.family, "name": model.name, "version": model.version,
        "model": os.path.relpath(model.model_dir, model.path),
        "source_tokenizer": model.source_tokenizer.name, "target_tokenizer": model.target_tokenizer.name,
        "sources": list(model.sources), "targets": list(model.targets), "licence": model.licence,
        "origin": model.origin, "codes": dict(model.codes), "converter": dict(model.converter),
    }


def pick(models: Sequence[InstalledModel], name: str | None) -> InstalledModel | None:
    """``name`` (a model's name or its folder's) among ``models``, or the first when no name is given."""
    if name is None:
        return models[0] if models else None
    return next((m for m in models if name in (m.name, m.path.name)), None)


def remove_model(models_dir: Path, name: str) -> Path:
    """Remove the model called ``name`` from ``models_dir`` (renamed first: a running scan never sees half)."""
    import shutil

    from l10n.mt.errors import PackageNotFound

    found = [m for m in installed_models([models_dir]) if m.name == name and m.family != "argos"]
    if not found:
        raise PackageNotFound(f"no model named {name!r} in {models_dir}", hint="see l10n models list")
    path = found[0].path
    doomed = path.with_name(f".removing-{path.name}")
    os.replace(path, doomed)
    shutil.rmtree(doomed)
    return path
