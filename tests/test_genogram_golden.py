"""Golden files: the genogram SVG of representative samples, byte for byte.

Each case renders a sample through the real `genogram render` command (load,
optional redaction, layout, drawing) and compares the bytes with
tests/golden/genogram/<case>.svg. Any change to layout or drawing shows up
here; when it is intended, look at the new drawings, then regenerate with:

    python -m tests.test_genogram_golden --regen-golden

The cases cover the contract file, three partners with half siblings, two
pairs of twins, a cousin marriage, children in foster and adoptive
placements, a redacted diagram (`--redact`) and one with initials and no
dates (`--names initials --no-dates`).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "genogram"
REGEN = "python -m tests.test_genogram_golden --regen-golden"

#: Golden file stem -> (sample stem, extra `genogram render` options).
CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "carter": ("carter", ()),
    "walsh-three-partners": ("walsh-three-partners", ()),
    "bennett-twins": ("bennett-twins", ()),
    "hussain-cousins": ("hussain-cousins", ()),
    "nowak-placements": ("nowak-placements", ()),
    "carter-redacted": ("carter", ("--redact",)),
    "walsh-three-partners-initials-no-dates": ("walsh-three-partners", ("--names", "initials", "--no-dates")),
}


def render_case(case: str) -> bytes:
    """The SVG bytes `genogram render` writes for ``case``."""
    sample, options = CASES[case]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.svg"
        result = CliRunner().invoke(cli, ["render", str(SAMPLES / f"{sample}.yaml"), "-o", str(out), *options])
        if result.exit_code != 0:
            raise AssertionError(f"genogram render {sample} {' '.join(options)} failed ({result.exit_code}): {result.output}")
        return out.read_bytes()


def _first_difference(actual: bytes, expected: bytes) -> str:
    """Where two files part, with a little context (not a whole-file diff)."""
    at = next((i for i, (a, b) in enumerate(zip(actual, expected)) if a != b), min(len(actual), len(expected)))
    line = expected.count(b"\n", 0, at) + 1
    lo = max(0, at - 60)
    return (
        f"first difference at byte {at} (line {line}); sizes {len(actual)} now, {len(expected)} in the golden file\n"
        f"  golden: {expected[lo:at + 60]!r}\n"
        f"  now:    {actual[lo:at + 60]!r}"
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str) -> None:
    golden = GOLDEN / f"{case}.svg"
    rel = golden.relative_to(ROOT)
    if not golden.exists():
        pytest.fail(f"{rel} is missing: run `{REGEN}`")
    actual = render_case(case)
    expected = golden.read_bytes()
    if actual != expected:
        pytest.fail(
            f"{rel} differs from what `genogram render` draws now.\n{_first_difference(actual, expected)}\n"
            f"If the change is intended, look at the drawings, then run `{REGEN}`.",
            pytrace=False,
        )


def test_no_stale_golden_files() -> None:
    """Every file in the golden folder belongs to a case (a renamed case leaves none behind)."""
    stale = sorted(p.name for p in GOLDEN.glob("*.svg") if p.stem not in CASES)
    assert not stale, f"golden files with no case: {stale}; delete them or run `{REGEN}`"


def test_redacted_golden_names_nobody() -> None:
    """The redacted golden drawing really is redacted: no name or id from the file is in it."""
    from genogram.io.family import load_family

    family = load_family(SAMPLES / "carter.yaml").family
    text = render_case("carter-redacted").decode("utf-8")
    words = {w for p in family.people for w in (p.name or "").split()} | {p.id for p in family.people}
    leaked = sorted(w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text))
    assert not leaked, f"{len(leaked)} names or ids reached the redacted drawing"


def regen_golden() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for stale in GOLDEN.glob("*.svg"):
        if stale.stem not in CASES:
            stale.unlink()
            print(f"removed {stale.relative_to(ROOT)}")
    for case in sorted(CASES):
        path = GOLDEN / f"{case}.svg"
        path.write_bytes(render_case(case))
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    if "--regen-golden" in sys.argv:
        regen_golden()
    else:
        print(f"usage: {REGEN}")
