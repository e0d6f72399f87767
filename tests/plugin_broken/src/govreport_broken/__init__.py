"""Extractor plugins that misbehave."""

from __future__ import annotations

from govreport.extractors import Block, Grid

NOT_AN_EXTRACTOR = "a string"


class RaisingExtractor:
    """Sure of every table, and fails on each."""

    name = "raising"
    priority = 1000

    def score(self, block: Block) -> float:
        return 1.0

    def extract(self, block: Block) -> Grid:
        raise RuntimeError("this plugin is broken")
