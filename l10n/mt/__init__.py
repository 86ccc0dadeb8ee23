"""Machine-translation engine layer: engines, markup masking/verification,
model packages, a persistent cache, and the unit-level driver.

Nothing is imported eagerly here so that ``import l10n.mt`` stays cheap and
has no side effects; import the submodules you need.
"""
