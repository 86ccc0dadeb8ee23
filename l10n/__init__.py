"""l10n: offline document localization with gettext PO catalogs.

The package does no work at import time; every submodule loads what it needs
when one of its functions is called.
"""

__version__ = "0.1.0"
