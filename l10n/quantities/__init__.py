"""Numbers, percentages, amounts and dates in English text, and how a locale writes them.

``find_quantities`` finds them in an English unit with their positions (the
MT engine masks them like placeholders; QA checks that each survives).
``render_quantity`` gives the form a target locale prefers, from Babel's
locale data: ``1.2 million`` is ``120만`` in Korean, ``120万`` in Chinese,
``1,2 millones`` in Spanish; ``February 26, 2019`` is ``2019년 2월 26일``.
``quantity_accepted`` says whether a translation writes the quantity in any
form the locale accepts: see ``read_back.number_values`` and ``read_back``'s date rules for
exactly what counts (docs/catalogs-and-review.md, "Checks", repeats it).

What is found (kinds):

- ``number``: ``23``, ``1,000``, ``3.5``, and with a scale word ``1.2 million``
  (value 1200000, ``unit`` the scale word); ``3.5 times`` finds ``3.5`` only,
  the word is left to the translator.
- ``percent``: ``45%``, ``45 percent``, ``3.5 per cent`` (value 45, 3.5).
- ``currency``: ``$300``, ``US$1.2 million``, ``€5``, ``£2`` (``unit`` the ISO code).
- ``year``: a four-digit number 1000-2199 without a thousands comma (never grouped).
- ``ordinal``: ``30th`` (value 30; rendered as digits, the suffix is the translator's).
- ``date``: ``February 26, 2019``, ``26 February 2019``, ``March 2023``,
  ``March 5``, ``2019-02-26`` (value a ``DateParts``).

Digits inside a placeholder (``<1>``), a URL, an e-mail address or a word
(``G20``, ``COVID-19``) are not quantities.

The package has one module per job: ``find`` (the patterns and
``find_quantities``), ``format`` (``render_quantity``) and ``read_back``
(whether a translation holds a quantity).
"""

from .find import EMAIL_RE, URL_RE, URL_TRAIL, DateParts, Quantity, find_quantities  # noqa: F401
from .format import render_quantity  # noqa: F401
from .read_back import numbers_written_as_is, quantity_accepted, written_as_in_source  # noqa: F401
