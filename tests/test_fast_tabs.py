"""registry.select's shortcut: a sure score (1.0), the last one scored, is taken at once."""

from __future__ import annotations

from govreport.extractors.base import Block, Grid, Row
from govreport.registry import select


class _Fixed:
    """An extractor with a fixed score whose rows name it."""

    def __init__(self, name: str, priority: int, score: float) -> None:
        self.name = name
        self.priority = priority
        self._score = score

    def score(self, block: Block) -> float:
        return self._score

    def extract(self, block: Block) -> Grid:
        return (Row((self.name,), (block.start,)),)


def _block() -> Block:
    return Block.from_text("a\tb\n", 0, 3, section=2)


def _never(error: object) -> None:
    raise AssertionError(error)


def test_a_sure_score_after_lower_ones_wins() -> None:
    candidates = [_Fixed("a", 10, 0.9), _Fixed("b", 5, 0.99), _Fixed("c", 1, 1.0)]
    extractor, _ = select(_block(), candidates, failed=_never)
    assert extractor.name == "c"


def test_without_a_sure_score_priority_then_order_break_ties() -> None:
    candidates = [_Fixed("a", 10, 0.5), _Fixed("b", 5, 0.7), _Fixed("c", 5, 0.7)]
    extractor, _ = select(_block(), candidates, failed=_never)
    assert extractor.name == "b"
    candidates = [_Fixed("a", 1, 0.7), _Fixed("b", 5, 0.7)]
    extractor, _ = select(_block(), candidates, failed=_never)
    assert extractor.name == "b"


def test_a_sure_score_after_a_failed_sure_one_wins_over_the_rest() -> None:
    class _Broken(_Fixed):
        def extract(self, block: Block) -> Grid:
            raise ValueError("broken")

    failures: list[object] = []
    candidates = [_Broken("a", 10, 1.0), _Fixed("b", 5, 0.9), _Fixed("c", 1, 1.0)]
    extractor, _ = select(_block(), candidates, failed=failures.append)
    assert extractor.name == "c"
    assert len(failures) == 1
