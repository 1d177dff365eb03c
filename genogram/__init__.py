"""genogram: genograms, ecomaps, checks and session packs for reflective discussions.

Kept import-light on purpose: ``genogram --version`` must start fast, so heavy
modules (pydantic models, layout, typst) are imported only by the code that
needs them.
"""

__version__ = "0.1.0"
