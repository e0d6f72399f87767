"""Readers for documents that are not plain text: they give the text the parser reads.

``html``
    web pages (:mod:`.html`, standard library only);
``docx``
    Word files (:mod:`.docx`, extra ``govreport[docx]``: python-docx, imported only when a
    Word file is read).
"""

from __future__ import annotations

from .docx import docx_to_text, looks_like_docx
from .html import html_to_text, looks_like_html

__all__ = ["docx_to_text", "html_to_text", "looks_like_docx", "looks_like_html"]
