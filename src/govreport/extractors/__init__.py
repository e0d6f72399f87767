"""Table extractors: turn the lines of a table section into rows of raw cells.

Built-in layouts:

``tab``
    one row per line, cells separated by tabs (:mod:`.tab`);
``cell-per-line``
    one cell per line, rows separated by blank lines (:mod:`.cell_per_line`);
``ocr-split``
    tab rows whose labels OCR broke across cells and lines (:mod:`.ocr_split`);
``aligned``
    columns aligned with spaces, as ``pdftotext -layout`` prints a PDF's table: labels
    wrapped around their row's numbers, vertical labels, merged cells over several lines,
    page numbers and form feeds between rows (:mod:`.aligned`);
``pipe``
    Markdown pipe tables, ``| 规章 | 0 | 0 | 0 |`` (:mod:`.pipe`);
``flat``
    flattened web text: rows and cells run together on a few lines, digits without a
    separator (``规章000行政规范性文件1241305``) (:mod:`.flat`).
"""

from __future__ import annotations

from .aligned import AlignedExtractor
from .base import Block, Extractor, Grid, Row
from .cell_per_line import CellPerLineExtractor
from .flat import FlatExtractor
from .ocr_split import OcrSplitExtractor
from .pipe import PipeExtractor
from .tab import TabExtractor

__all__ = [
    "BUILTIN",
    "AlignedExtractor",
    "Block",
    "CellPerLineExtractor",
    "Extractor",
    "FlatExtractor",
    "Grid",
    "OcrSplitExtractor",
    "PipeExtractor",
    "Row",
    "TabExtractor",
]


#: The built-in extractors, registered by :mod:`govreport.registry` when it loads.
BUILTIN: tuple[Extractor, ...] = (
    TabExtractor(),
    CellPerLineExtractor(),
    OcrSplitExtractor(),
    AlignedExtractor(),
    PipeExtractor(),
    FlatExtractor(),
)
