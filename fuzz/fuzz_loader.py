"""Coverage-guided fuzz target for the family loader (atheris / libFuzzer).

Bytes go through the same path as a file on disk: encoding check, strict
YAML, the typed model and the cross-reference checks. The contract under
test: every input either loads or raises :class:`GenogramError` whose
problems are all located (file:line:col, line and column from 1) and carry
a message. Any other exception, a problem without a place, a hang (libFuzzer
``-timeout``) or memory growth (``-rss_limit_mb``) is a crash.

    python fuzz/fuzz_loader.py fuzz/seeds -dict=fuzz/yaml.dict -max_total_time=1860

See fuzz/README.md. A crash file reproduces with
``python fuzz/fuzz_loader.py crash-<hash>``.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext

if __name__ == "__main__":
    import atheris

    instrumented: AbstractContextManager[object] = atheris.instrument_imports(include=["genogram"])
else:  # imported by tests/test_corpus.py to hold the seeds to the same contract, without atheris
    instrumented = nullcontext()

with instrumented:  # every module the loader runs through, so coverage guides the fuzzer into each
    import genogram.dates
    import genogram.integrity
    import genogram.io.family
    import genogram.io.strict_yaml
    import genogram.model  # noqa: F401
    from genogram.errors import GenogramError
    from genogram.io.family import family_from_document
    from genogram.io.strict_yaml import MAX_BYTES, decode, loads

NAME = "fuzz.yaml"


def check(data: bytes) -> None:
    """Load ``data`` as a family file; only located GenogramErrors may escape the loader."""
    if len(data) > MAX_BYTES:  # read_text refuses these before decoding
        return
    try:
        loaded = family_from_document(loads(decode(data, NAME), NAME))
    except GenogramError as error:
        if not error.problems:
            raise AssertionError("GenogramError without problems") from error
        for problem in error.problems:
            where = problem.location
            if where.file != NAME or where.line < 1 or where.column < 1:
                raise AssertionError(f"problem not located: {where!r} ({problem.code})") from error
            if not problem.message or not (problem.message + problem.hint).isprintable():  # one line, no escapes or bidi
                raise AssertionError(f"unreadable message for {problem.code}") from error
        return
    # A loaded family answers the questions every command asks of it.
    family = loaded.family
    assert len(family.person_by_id) <= len(family.people)
    assert len(family.union_ids) == len(family.unions)
    for i, person in enumerate(family.people):
        assert loaded.locate("people", i, "id").line >= 1
        if person.born is not None:
            assert person.born.earliest() <= person.born.latest()
            str(person.born)


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
