"""Every size, stroke, grey and dash pattern the drawings use, in one place.

Greys only: the diagrams are photocopied and read by colour-blind readers,
so no meaning is carried by colour. Changing the look means editing here.
"""

from __future__ import annotations

#: Inter, then the bundled Noto fonts in the order genogram.shaping measures with (a test keeps them equal).
FONT_FAMILY = "Inter, Noto Sans Arabic, Noto Sans Bengali, Noto Sans Gurmukhi, Noto Sans Gujarati, Noto Sans Ethiopic, Noto Sans CJK SC, sans-serif"

INK = "#000000"
GREY_DARK = "#3a3a3a"
GREY_MID = "#7a7a7a"
GREY_LIGHT = "#bdbdbd"
PAPER = "#ffffff"
RELATIONSHIP_INK = "#333333"
HOUSEHOLD_INK = "#555555"
PAST_INK = "#9a9a9a"        # households and placements that have ended

STROKE = 1.6          # symbols and structural lines
STROKE_THIN = 1.0
STROKE_RELATION = 1.2
STROKE_HOUSEHOLD = 1.2

DASH = "6,4"          # cohabiting, adopted, unknown person's outline
DOT = "1.6,3"         # dating/casual, foster, distant
HOUSEHOLD_DASH = "8,5"
PLACEMENT_DASH = "12,4,2,4"
NEGLECT_DASH = "7,3,1.5,3"

INDEX_GAP = 4.0       # distance between the two outlines of the index person
LOSS_SCALE = 0.45     # miscarriage, termination, stillbirth drawn smaller
BRACKET_GAP = 5.0     # distance from an adopted child's shape to its brackets

ZIGZAG_WAVE = 8.0     # wavelength of conflict zigzags
ZIGZAG_AMP = 3.5
PARALLEL_GAP = 3.0    # spacing of close / fused lines
ARROW = 8.0

SLASH = 9.0           # separation/divorce slash half-length
GAP_MARK_FILL = "#000000"
GAP_MARK_TEXT = "#ffffff"

MARGIN = 24.0
TITLE_SIZE = 18.0
LEGEND_SIZE = 10.0
LEGEND_WIDTH = 300.0
LEGEND_GAP = 32.0
LEGEND_ROW = 22.0
LEGEND_GLYPH = 18.0
LINE_HEIGHT = 1.3


#: Numbers already formatted: a drawing repeats the same few thousand values
#: (sizes, strokes, rows, columns), so most calls are a dict look-up. Bounded.
_NUM: dict[float, str] = {}
_NUM_MAX = 1 << 16


def num(value: float) -> str:
    """A coordinate as text: at most 2 decimals, no trailing zeros, never ``-0``."""
    try:
        return _NUM[value]
    except KeyError:
        pass
    # ``:.2f`` rounds the exact binary value half to even, as ``round(value, 2)`` does, in one step.
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    if out == "-0":
        out = "0"
    if len(_NUM) >= _NUM_MAX:
        _NUM.clear()
    _NUM[value] = out
    return out
