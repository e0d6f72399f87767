"""Readers for documents that are not plain text: they give the text the parser reads.

``html``
    web pages (:mod:`.html`, standard library only);
``docx``
    Word files (:mod:`.docx`, extra ``govreport[docx]``: python-docx, imported only when a
    Word file is read);
``pdf``
    PDF files with a text layer (:mod:`.pdf`, extra ``govreport[pdf]``: pdfplumber).
"""

from __future__ import annotations

from .docx import docx_to_text, looks_like_docx
from .html import html_to_text, looks_like_html
from .pdf import looks_like_pdf, pdf_to_text

__all__ = [
    "docx_to_text",
    "html_to_text",
    "looks_like_docx",
    "looks_like_html",
    "looks_like_pdf",
    "pdf_to_text",
]
