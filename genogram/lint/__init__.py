"""`genogram lint`: what is missing, unexplained or inconsistent before a discussion.

The policies ask for a full genogram and for every gap to be explained
(Hull 8.1). Rules live in :mod:`genogram.lint.rules`, one class each, and are
run by :mod:`genogram.lint.engine`; nothing here imports click.
"""

from __future__ import annotations
