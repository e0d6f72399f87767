"""Shortcuts of layout selection and of tab rows, checked against the general way.

``registry.select`` takes a sure score (1.0), the last one scored, at once; ``tab_rows`` tells
white space at the edge of a piece of printable text by four substring tests.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govreport.extractors.base import Block, Grid, Row, _edge_space, _has_edge_space, _is_space
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


# --- tab_rows: the printable-text shortcut for white space at a piece's edge ---------------

_ALPHABET = st.sampled_from(["\t", "\n", " ", "\u3000", "\xa0", "\x0c", "\u200b", "a", "一", "0"])


@given(st.lists(_ALPHABET, max_size=12).map("".join))
def test_the_edge_space_shortcut_agrees_with_the_regular_expression(text: str) -> None:
    slow = _is_space(text[:1]) or _is_space(text[-1:]) or _edge_space().search(text) is not None
    assert _has_edge_space(text, text.replace("\n", "\t")) == slow
