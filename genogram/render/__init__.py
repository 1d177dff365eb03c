"""Drawing: geometry in, SVG out (and PDF/PNG through typst).

Renderers never decide where things go; the layout does. They decide only
how each thing looks, so the same geometry can be measured and drawn.
"""
