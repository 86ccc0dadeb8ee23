"""What a valid configuration is: one table of settings, read in its order.

``SETTINGS`` lists every top-level key once, in the order the keys are
checked (a later key's reader may use an earlier key's value: ``engine``
names locales, so it comes after ``locales``).  Each row names the key, the
``Config`` fields it fills and its reader: a function of the file being read
(``load.Reading``) that returns the value, or raises the located error whose
wording the config tests pin.  The unknown-key check, the error's file and
line, and building the ``Config`` are ``load.py``'s.  ``[mt]`` and ``[llm]``
are tables of their own: ``MT_CHECKS`` and ``LLM_CHECKS``, key -> (what it
must be, check).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import SOURCE_FORMATS
from .locate import glob_sources

if TYPE_CHECKING:  # annotations only: load.py imports this module
    from .load import Reading

#: Engine names ``engine`` (and ``--engine``) may give; one line per engine.
#: ``none``: people translate the locale; translate and run make no drafts for it.
ENGINE_NAMES = (
    "argos",
    "apertium",
    "llm",  # a local OpenAI-compatible chat server, [llm] table (l10n/mt/llm.py)
    "none",
)
#: The engine a locale gets when the config names none.
DEFAULT_ENGINE = "argos"
#: The engines that make drafts: every name but ``none``.
DRAFTING_ENGINES = tuple(name for name in ENGINE_NAMES if name != "none")
#: ``engine.<locale> = "model:NAME"`` names one installed model (l10n/mt/selection.py).
MODEL_ENGINE_PREFIX = "model:"

# Edition formats ``l10n build`` can write; html and text unless ``formats`` says otherwise.
EDITION_FORMATS = ("html", "text", "pdf")
DEFAULT_FORMATS = ("html", "text")

#: The default ``asset_variant``: ``img/map.png`` -> ``img/map.ko.png`` in Korean.
DEFAULT_ASSET_VARIANT = "{stem}.{locale}{suffix}"
_VARIANT_FIELDS = frozenset({"stem", "suffix", "locale"})

Check = tuple[str, Callable[[Any], bool]]  # (what the value must be, the test it must pass)


def _int_at_least(low: int) -> Check:
    return (f"an integer of at least {low}",
            lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= low)


def _number_at_least(low: float) -> Check:
    return (f"a number of at least {low:g}",
            lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= low)


def _text(what: str) -> Check:
    return (what, lambda v: isinstance(v, str) and bool(v))


# [mt] key -> (what it must be, check), applied when the config is loaded.
MT_CHECKS: dict[str, Check] = {
    "beam_size": _int_at_least(1),
    "device": ("one of cpu, cuda, auto", lambda v: v in ("cpu", "cuda", "auto")),
    "compute_type": _text("a CTranslate2 compute type such as default, int8, float16"),
    "inter_threads": _int_at_least(1),
    "intra_threads": _int_at_least(0),
    "max_batch_tokens": _int_at_least(1),
    "length_penalty": _number_at_least(0),
    "max_decoding_length_ratio": _number_at_least(0),
    "max_decoding_length_extra": _int_at_least(0),
    "min_decoding_length_ratio": _number_at_least(0),
    "workers": _int_at_least(1),  # parallel locales on this machine (l10n/mt/workers.py)
    "save_interval": _number_at_least(0),  # seconds between catalog saves during a run (pipeline/translate.py)
    "cluster": _text('"auto" or a Ray address such as "ray://host:10001"'),  # l10n/mt/ray_backend.py
}
# [llm] key -> (what it must be, check); defaults in DEFAULT_LLM.  The URL is
# checked apart (loopback unless allow_remote), see llm_url_problem.
LLM_CHECKS: dict[str, Check] = {
    "url": _text('an http(s) URL such as "http://127.0.0.1:8080/v1"'),
    "model": _text("the server's model id, a non-empty string"),
    "batch_size": _int_at_least(1),
    "timeout": _number_at_least(1),
    "seed": _int_at_least(0),
    "context": _int_at_least(0),
    "allow_remote": ("true or false", lambda v: isinstance(v, bool)),
    "api_key_env": _text("the name of an environment variable"),
}
DEFAULT_LLM = {"url": "http://127.0.0.1:8080/v1", "batch_size": 8, "timeout": 120, "seed": 42, "context": 2,
               "allow_remote": False}


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` names this machine (localhost, 127.0.0.0/8, ::1)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def llm_url_problem(url: str, allow_remote: bool) -> str | None:
    """Why ``url`` may not be used as the LLM server, or None."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        return f'llm.url must be an http(s) URL such as "http://127.0.0.1:8080/v1", got {url!r}'
    if not allow_remote and not is_loopback_host(parts.hostname):
        return (f"llm.url {url!r} is not on this machine: every sentence to translate, its neighbours and "
                "the glossary entries it uses would be sent there")
    return None


def check_asset_variant(pattern: str) -> str | None:
    """Why ``pattern`` is not a usable ``asset_variant`` (None: it is)."""
    from string import Formatter  # here, not at import: only a config that sets the key needs it

    try:
        parsed = [(name, bool(spec or conversion)) for _, name, spec, conversion in Formatter().parse(pattern)
                  if name is not None]
    except ValueError as exc:
        return f"not a valid pattern: {exc}"
    fields = [name for name, _ in parsed]
    unknown = [name for name in fields if name not in _VARIANT_FIELDS]
    if unknown:
        return f"unknown field {{{unknown[0]}}}; the fields are {{stem}}, {{suffix}} and {{locale}}"
    if any(special for _, special in parsed):
        return "fields take no format spec or conversion"
    if "locale" not in fields:
        return "the pattern must contain {locale}"
    if not pattern or pattern.startswith("/") or "\\" in pattern or ".." in pattern.split("/"):
        return "the pattern names a file beside the default one (no leading /, no .., no backslash)"
    return None


# The readers, one per row of SETTINGS: (the file being read, the key) -> the value.

def _source_language(r: Reading, key: str) -> str:
    from ..locales import check_locale  # late import: babel is heavy

    try:
        return check_locale(r.get_str(key, "en") or "en")
    except ValueError as exc:
        raise r.fail(key, str(exc)) from None


def _locales(r: Reading, key: str) -> tuple[str, ...]:
    from ..locales import check_locale, same_locale

    source_language = r.values["source_language"]
    locales = []
    for loc in r.get_str_list(key):
        try:
            locales.append(check_locale(loc))  # kept as written: zh_TW stays zh_TW
        except ValueError as exc:
            raise r.fail(key, str(exc)) from None
        if same_locale(loc, source_language):
            raise r.fail(key, f"the source language {source_language!r} is listed as a target locale",
                         "remove it from locales")
    if not locales:
        raise r.fail(key, "no locales configured", 'add locales = ["ko", "zh_Hans"]')
    r.listed_locales = locales  # as listed, repeats included: the engine table's hint shows them so
    return tuple(dict.fromkeys(locales))


def _sources(r: Reading, key: str) -> tuple[str, ...]:
    sources = r.get_str_list(key)
    if not sources:
        raise r.fail(key, "no sources configured", 'add sources = ["source/*.md"]')
    for pattern in sources:
        for match in glob_sources(r.root, r.path, pattern):
            if match.is_file() and match.suffix.lower() not in SOURCE_FORMATS:
                raise r.fail(key, f"{pattern!r} matches {match.relative_to(r.root).as_posix()}, "
                                  f"a {match.suffix or 'suffix-less'} file no reader handles",
                             "readers: " + ", ".join(SOURCE_FORMATS) + "; narrow the glob")
    return sources


def _engine(r: Reading, key: str) -> tuple[str | None, dict[str, str]]:
    from ..locales import same_locale

    value = r.table.get(key)
    engine: str | None = None
    overrides: dict[str, str] = {}
    locales = r.listed_locales
    if isinstance(value, str):
        engine = value
    elif isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(v, str):
                raise r.fail(key, f"engine.{k} must be a string")
            if k == "default":
                engine = v
            else:
                configured = [loc for loc in locales if same_locale(loc, k)]
                if not configured:
                    raise r.fail(key, f"engine.{k}: {k!r} is not one of the locales",
                                 "configured: " + ", ".join(locales))
                overrides[configured[0]] = v
    elif value is not None:
        raise r.fail(key, "engine must be a string or a table of locale = engine")
    for name in (engine, *overrides.values()):
        if name is None or name in ENGINE_NAMES:
            continue
        if name.startswith(MODEL_ENGINE_PREFIX):
            if not name[len(MODEL_ENGINE_PREFIX):].strip():
                raise r.fail(key, f"engine {name!r} names no model", 'e.g. "model:translate-en_ko"')
            continue
        raise r.fail(key, f"unknown engine {name!r}", "known engines: " + ", ".join(ENGINE_NAMES)
                     + f", or {MODEL_ENGINE_PREFIX}NAME for one installed model")
    return engine, overrides


def _checked_table(r: Reading, key: str, checks: dict[str, Check]) -> dict[str, Any]:
    """A table of settings (``[mt]``, ``[llm]``), each key checked by its row of ``checks``."""
    table = r.table.get(key, {})
    if not isinstance(table, dict):
        raise r.fail(key, f"{key} must be a table")
    for k, v in table.items():
        if k not in checks:
            raise r.fail(f"{key}.{k}", f"unknown key {key}.{k!s}", "known: " + ", ".join(sorted(checks)))
        expected, check = checks[k]
        if not check(v):
            raise r.fail(f"{key}.{k}", f"{key}.{k} must be {expected}, got {v!r}")
    return dict(table)


def _mt(r: Reading, key: str) -> dict[str, Any]:
    return _checked_table(r, key, MT_CHECKS)


def _llm(r: Reading, key: str) -> dict[str, Any]:
    llm = {**DEFAULT_LLM, **_checked_table(r, key, LLM_CHECKS)}
    problem = llm_url_problem(llm["url"], llm["allow_remote"])
    if problem:
        raise r.fail(f"{key}.url" if "url" in r.table.get(key, {}) else key, problem,
                     "run the server on this machine, or set llm.allow_remote = true to send them there")
    return llm


def _wrap_width(r: Reading, key: str) -> int:
    value = r.table.get(key, 72)
    if not isinstance(value, int) or isinstance(value, bool) or value < 20:
        raise r.fail(key, f"{key} must be an integer of at least 20")
    return value


def _min_reviewed(r: Reading, key: str) -> float | None:
    value = r.table.get(key)
    if value is not None and (not isinstance(value, (int, float)) or not 0 <= value <= 100):
        raise r.fail(key, f"{key} must be a percentage from 0 to 100")
    return float(value) if value is not None else None


def _front_matter_keys(r: Reading, key: str) -> tuple[str, ...]:
    return r.get_str_list(key) if key in r.table else ("title", "description")


def _translatable_attributes(r: Reading, key: str) -> dict[str, tuple[str, ...]]:
    value = r.table.get(key, {})
    if not isinstance(value, dict) or not all(
        isinstance(v, list) and all(isinstance(a, str) and a for a in v) for v in value.values()
    ):
        raise r.fail(key, f"{key} must be a table of element = [attribute names]",
                     'e.g. translatable_attributes = { "*" = ["alt", "title"], "my-figure" = ["caption"] }')
    return {k.lower(): tuple(a.lower() for a in v) for k, v in value.items()}


def _code_shortcodes(r: Reading, key: str) -> tuple[str, ...] | None:
    names = r.get_str_list(key) if key in r.table else None
    for name in names or ():
        if not re.fullmatch(r"[\w./-]+", name):
            raise r.fail(key, f"{key}: {name!r} is not a shortcode name",
                         'e.g. code_shortcodes = ["highlight", "code-toggle"]')
    return names


def _formats(r: Reading, key: str) -> tuple[str, ...]:
    formats = r.get_str_list(key) if key in r.table else DEFAULT_FORMATS
    unknown = [f for f in formats if f not in EDITION_FORMATS]
    if unknown or not formats:
        raise r.fail(key, f"unknown edition format {unknown[0]!r}" if unknown else f"{key} is empty",
                     f"{key} is a list of " + ", ".join(f'"{f}"' for f in EDITION_FORMATS))
    return tuple(dict.fromkeys(formats))


def _site_url(r: Reading, key: str) -> str | None:
    site_url = r.get_str(key, None)
    if site_url is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise r.fail(key, f"{key} must be an http(s) URL such as https://example.org/reports/, got {site_url!r}")
    return site_url.rstrip("/") + "/"


def _asset_variant(r: Reading, key: str) -> str:
    pattern = r.get_str(key, DEFAULT_ASSET_VARIANT) or ""
    wrong = check_asset_variant(pattern)
    if wrong:
        raise r.fail(key, f"{key} {pattern!r}: {wrong}",
                     'the default is "{stem}.{locale}{suffix}"; e.g. "{locale}/{stem}{suffix}"')
    return pattern


def _project(r: Reading, key: str) -> str:
    return r.get_str(key, r.root.name) or r.root.name


def _folder(default: str) -> Callable[[Reading, str], Any]:
    return lambda r, key: r.get_dir(key, default)


@dataclass(frozen=True)
class Setting:
    """One top-level key: the ``Config`` fields it fills (none named: the key's own) and its reader."""

    key: str
    read: Callable[[Reading, str], Any]
    fields: tuple[str, ...] = ()


#: Every top-level key, in the order they are checked.
SETTINGS = (
    Setting("source_language", _source_language),
    Setting("locales", _locales),
    Setting("sources", _sources),
    Setting("engine", _engine, ("engine", "engine_overrides")),
    Setting("mt", _mt),
    Setting("llm", _llm),
    Setting("wrap_width", _wrap_width),
    Setting("min_reviewed", _min_reviewed),
    Setting("front_matter_keys", _front_matter_keys),
    Setting("translatable_attributes", _translatable_attributes),
    Setting("code_shortcodes", _code_shortcodes),
    Setting("formats", _formats),
    Setting("site_url", _site_url),
    Setting("asset_variant", _asset_variant),
    Setting("project", _project),
    Setting("locales_dir", _folder("locales")),
    Setting("output_dir", _folder("build")),
    Setting("models_dir", lambda r, key: r.get_dir(key, None)),
    Setting("cache_dir", _folder(".l10n-cache")),
)
#: The keys a config may set.
KNOWN_KEYS = frozenset(s.key for s in SETTINGS)
