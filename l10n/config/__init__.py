"""Project configuration: ``[tool.l10n]`` in pyproject.toml, or ``l10n.toml``.

``load_config(project_dir)`` is the only entry point; nothing is read at
import time.  Every error names the file and, where the key can be found in
the text, its line.

- ``schema.py``: what a valid config is: the table of keys (order, reader,
  message), the ``[mt]``/``[llm]`` checks, engine names, defaults;
- ``load.py``: finding and reading the file, and walking the table;
- ``locate.py``: the line a key is set on, for the errors;
- ``model.py``: the ``Config`` dataclass the rest of l10n reads.
"""

from .load import CONFIG_FILENAME, PYPROJECT_FILENAME, find_config_file, ignored_config, load_config  # noqa: F401
from .locate import TOOL_TABLE  # noqa: F401
from .model import Config  # noqa: F401
from .schema import (  # noqa: F401
    DEFAULT_ASSET_VARIANT,
    DEFAULT_ENGINE,
    DEFAULT_FORMATS,
    DEFAULT_LLM,
    DRAFTING_ENGINES,
    EDITION_FORMATS,
    ENGINE_NAMES,
    MODEL_ENGINE_PREFIX,
    check_asset_variant,
    is_loopback_host,
    llm_url_problem,
)
