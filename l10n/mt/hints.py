"""What to do when an engine cannot serve a language pair: the hints l10n prints.

Every hint is a command that works as printed (or, offline, the file to
fetch and the command that installs it): a new user copies it and goes on.
Kept in one place so ``translate``, ``run``, ``init`` and ``models`` say the
same thing.
"""

from __future__ import annotations

#: Where people browse and download Argos models (.argosmodel files); the
#: machine-readable list with each file's download links is ``packages.INDEX_URL``.
ARGOS_MODELS_PAGE = "https://www.argosopentech.com/argospm/index/"

#: Debian (12, bookworm) packages with Apertium translation data from English,
#: by Apertium mode; the pairs serve both directions.  Other pairs are not
#: packaged: ``apt-cache search apertium`` lists what the machine's archive has.
DEBIAN_APERTIUM_PACKAGES = {
    "eng-spa": "apertium-eng-spa",
    "eng-cat": "apertium-eng-cat",
}


def argos_model_file(source: str, target: str) -> str:
    """The .argosmodel file name of the pair (Argos codes), any version: ``translate-en_ja-*.argosmodel``."""
    return f"translate-{source}_{target}-*.argosmodel"


def offline_model_hint(source: str, target: str) -> str:
    """Offline: which file, from where, and the line that installs it."""
    name = argos_model_file(source, target)
    return (f"offline: download {name} (the newest version) from {ARGOS_MODELS_PAGE} on a connected "
            f"machine, then run: l10n models install --from-file {name}")


def argos_model_hint(source: str, target: str) -> str:
    """How to get an Argos model for ``source -> target`` (Argos codes), with and without a network."""
    return f"l10n models install {source} {target} (needs a network); {offline_model_hint(source, target)}"


def apertium_pair_hint(mode: str) -> str:
    """How to get the Apertium mode ``mode`` (``eng-spa``): its Debian package, or where to look."""
    source, _, target = mode.partition("-")
    target = target.split("_", 1)[0]  # a variant mode (spa-eng_US) comes with its pair
    package = DEBIAN_APERTIUM_PACKAGES.get(f"{source}-{target}") or DEBIAN_APERTIUM_PACKAGES.get(f"{target}-{source}")
    if package is not None:
        return f"apt-get install {package}"
    return (f"Debian has no Apertium package for {mode} (apt-cache search apertium lists the pairs); "
            "use engine argos for this locale")


def apertium_program_hint() -> str:
    """The apertium program itself is missing."""
    return "apt-get install apertium apertium-eng-spa (the program and the English-Spanish pair)"
