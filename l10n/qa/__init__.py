"""Quality checks on translations: small pure functions in an explicit registry
(``registry.py``), one module per family, returning typed ``Finding``s with a
severity.  Findings are data; the pipeline decides how to report them."""

from .findings import ERROR, SEVERITIES, WARNING, Finding, Pair  # noqa: F401
from .registry import (  # noqa: F401
    CATALOG_CHECKS,
    CHECK_NAMES,
    ENTRY_CHECKS,
    blocking_by_key,
    blocking_findings,
    check_catalog,
    check_entry,
    check_pairs,
)
