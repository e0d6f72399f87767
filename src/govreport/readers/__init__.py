"""Readers for documents that are not plain text: they give the text the parser reads.

``html``
    web pages (:mod:`.html`, standard library only).
"""

from __future__ import annotations

from .html import html_to_text, looks_like_html

__all__ = ["html_to_text", "looks_like_html"]
