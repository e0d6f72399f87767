"""Table extractors: turn the lines of a table section into rows of raw cells.

Built-in layouts:

``tab``
    one row per line, cells separated by tabs (:mod:`.tab`);
``cell-per-line``
    one cell per line, rows separated by blank lines (:mod:`.cell_per_line`);
``ocr-split``
    tab rows whose labels OCR broke across cells and lines (:mod:`.ocr_split`).
"""

from __future__ import annotations

from .base import Block, Extractor, Grid, Row
from .cell_per_line import CellPerLineExtractor
from .ocr_split import OcrSplitExtractor
from .tab import TabExtractor

__all__ = [
    "BUILTIN",
    "Block",
    "CellPerLineExtractor",
    "Extractor",
    "Grid",
    "OcrSplitExtractor",
    "Row",
    "TabExtractor",
]


#: The built-in extractors, registered by :mod:`govreport.registry` when it loads.
BUILTIN: tuple[Extractor, ...] = (TabExtractor(), CellPerLineExtractor(), OcrSplitExtractor())
