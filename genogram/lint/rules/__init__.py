"""The rules, grouped by what they look at; importing this registers them all."""

from genogram.lint.rules import completeness, consistency, placements, privacy, register, session, world  # noqa: F401
