"""``check_extractor``: one call that tests an extractor plugin's conformance.

::

    from govreport.testing import check_extractor

    def test_my_layout() -> None:
        check_extractor(MyExtractor(), render=render_my_layout)

What it checks, each with Hypothesis (failures shrink to a small example):

1. **Any block.** On table blocks of arbitrary text and of reports printed in every
   built-in layout, ``score`` returns a number in [0, 1] and neither ``score`` nor
   ``extract`` raises; ``extract`` returns :class:`~govreport.extractors.Row` objects whose
   offsets lie inside the block and point at each cell's first character.
2. **Extract inverts render.** Reports printed with ``render`` (noise on, see
   :mod:`govreport.testing.render`), in both formats (2019 and 2021), parse back, with the
   extractor pinned, to the report printed: every value, agency, year and title; no
   finding worse than ``info``.
   A renderer that takes no ``rng`` must be inverted cell for cell: the rows it printed
   are the rows extracted (empty rows aside, cells normalized and stripped).
3. **Selected.** With every registered extractor competing (``selected=True``), the
   extractor is the one chosen for each table of its layout.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

from attrs import evolve, frozen
from hypothesis import HealthCheck, given
from hypothesis import settings as Settings
from hypothesis import strategies as st

from .. import registry
from ..extractors.base import Block, Extractor, Grid
from ..model import Report, Severity
from ..normalize import normalize
from ..pipeline import parse
from ..serialize import to_dict
from ..skeleton import find_skeleton
from .render import (
    RENDERERS,
    TABLE_KEYS,
    Noise,
    TableRenderer,
    _call,
    printed_rows,
    render_report,
)
from .strategies import noise_choices, noises, reports

__all__ = ["Conformance", "check_extractor", "report_differences"]


@frozen(kw_only=True)
class Conformance:
    """What :func:`check_extractor` ran: the number of examples of each check."""

    extractor: str
    examples: dict[str, int]


def report_differences(parsed: Report, expected: Report) -> list[str]:
    """How ``parsed`` differs from ``expected``, one line per JSON path; ``[]`` if alike.

    Findings are not compared: ``parsed`` may carry ``info`` findings about its text, but a
    finding of ``warning`` or ``error`` severity is a difference.
    """
    out: list[str] = []

    def walk(a: Any, b: Any, path: str) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(a.keys() | b.keys()):
                walk(a.get(key), b.get(key), f"{path}.{key}")
        elif a != b:
            out.append(f"{path}: read {a!r}, expected {b!r}")

    walk(to_dict(evolve(parsed, findings=())), to_dict(evolve(expected, findings=())), "$")
    for f in parsed.findings:
        if f.severity is not Severity.INFO:
            out.append(f"finding {f.code} ({f.severity.value}) at line {f.line}: {f.message}")
    return out


def _settings(given_settings: Settings | None) -> Settings:
    if given_settings is not None:
        return given_settings
    current = Settings()
    return Settings(
        current,
        deadline=None,
        suppress_health_check=[
            *current.suppress_health_check,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


def _table_blocks(text: str) -> Iterator[Block]:
    doc = normalize(text)
    skeleton = find_skeleton(doc)
    for section in skeleton.sections[1:4]:
        yield Block.from_text(
            doc.text, section.body_start, section.body_end, section=section.number
        )


_TABLE_CHARS = st.sampled_from(
    (
        *("\t", "\n", " ", "\u3000", "\xa0", "\r", "\x0c"),
        *("|", ";", ",", "/", "—", "-"),
        *("0", "1", "12", "（一）", "1.", "四、"),
        *("总计", "规章", "行政许可", "予以公开"),
    )
)


@st.composite
def _arbitrary_blocks(draw: st.DrawFn) -> Block:
    """Blocks of any text, often table-like, starting anywhere in a longer text."""
    parts = draw(st.lists(st.one_of(_TABLE_CHARS, st.text(max_size=8)), max_size=40))
    body = "".join(parts)
    prefix = draw(st.text(alphabet="甲 \n", max_size=5))
    # Extractors read normalized text (no no-break spaces, no \r): so do these blocks.
    text = normalize(prefix + body).text
    start = len(normalize(prefix).text)
    return Block.from_text(text, start, len(text), section=draw(st.sampled_from((2, 3, 4))))


@st.composite
def _rendered_blocks(draw: st.DrawFn) -> Block:
    """The table blocks of reports printed in the built-in layouts, with noise."""
    layout = draw(st.sampled_from(sorted(RENDERERS)))
    report = draw(reports())
    noise = draw(noises())
    seed = draw(st.integers(0, 2**32 - 1))
    text = render_report(report, layout, noise=noise, rng=random.Random(seed)).text
    blocks = list(_table_blocks(text))
    return blocks[draw(st.integers(0, len(blocks) - 1))]


def _check_block(extractor: Extractor, block: Block, text: str) -> Grid:
    registry.checked_score(extractor, block)
    grid = registry.checked_grid(extractor, block)
    for i, row in enumerate(grid):
        for cell, start in zip(row.cells, row.starts, strict=True):
            if cell and text[start : start + 1] != cell[:1]:
                raise AssertionError(
                    f"extractor {extractor.name!r}: row {i}, cell {cell!r} is placed at offset "
                    f"{start}, where the text holds {text[start : start + 8]!r}: a cell's "
                    "offset must be where its first character stands"
                )
    return grid


def _full_text(block: Block) -> str:
    # Offsets index the whole text; the block knows its own lines, so rebuild the text up
    # to its end with filler before it (only offsets inside the block are looked at).
    return " " * block.start + "\n".join(block.lines)


def _cells(rows: Any) -> list[tuple[str, ...]]:
    out = []
    for row in rows:
        cells = tuple(normalize(cell).text.strip() for cell in row)
        if any(cells):
            out.append(cells)
    return out


def check_extractor(
    extractor: Extractor | type,
    *,
    render: TableRenderer | None = None,
    noise: bool | Noise = True,
    selected: bool = True,
    settings: Settings | None = None,
) -> Conformance:
    """Test that ``extractor`` conforms: never fails, inverts ``render``, wins its layout.

    ``extractor`` is an extractor or its class (instantiated without arguments); it need
    not be registered. ``render`` is the table renderer of its layout (a callable
    ``render(rows) -> str``, optionally taking ``rng=``; see
    :mod:`govreport.testing.render`), by default the built-in renderer of a built-in
    layout's name, or the extractor's own ``render`` method. ``noise``: ``True`` for every
    kind of noise at random, ``False`` for none, or a :class:`Noise` of the kinds allowed.
    ``selected`` also checks that the extractor is chosen over every registered one on its
    own layout. ``settings`` are the Hypothesis settings of each check; by default the
    current profile's, without a deadline.

    Raises ``AssertionError`` (or the :class:`~govreport.errors.ExtractorError` that says
    what the extractor did wrong) with the smallest failing example Hypothesis found.
    Returns the number of examples each check ran.
    """
    instance = registry.as_extractor(extractor)
    name = instance.name
    if render is None:
        render = RENDERERS.get(name) or getattr(instance, "render", None)
        if not callable(render):
            raise ValueError(
                f"no renderer for the layout {name!r}: pass render= (a callable "
                "render(rows) -> str that prints rows of cells in this layout), or give the "
                "extractor a render(rows) method"
            )
    table_render: TableRenderer = render
    chosen = _settings(settings)
    noise_strategy = noise_choices(noise)
    examples = {"any block": 0, "round trip": 0}
    takes_rng = "rng" in _parameters(table_render)

    @chosen
    @given(block=st.one_of(_arbitrary_blocks(), _rendered_blocks()))
    def any_block(block: Block) -> None:
        examples["any block"] += 1
        _check_block(instance, block, _full_text(block))

    @chosen
    @given(report=reports(), noise=noise_strategy, seed=st.integers(0, 2**32 - 1))
    def round_trip(report: Report, noise: Noise, seed: int) -> None:
        examples["round trip"] += 1
        rendered = render_report(
            report, name, render=table_render, noise=noise, rng=random.Random(seed)
        )
        parsed = parse(rendered.text, extractors=[instance], check=False)
        problems = report_differences(parsed, rendered.report)
        if problems:
            raise AssertionError(
                f"extractor {name!r} did not read back the report printed by its renderer:\n  "
                + "\n  ".join(problems[:15])
            )
        for block in _table_blocks(rendered.text):
            _check_block(instance, block, normalize(rendered.text).text)
        if not takes_rng:
            _check_inverse(instance, table_render, report, noise, seed)
        if selected:
            rivals = [e for e in registry.registered() if e.name != name]
            competed = parse(rendered.text, extractors=[*rivals, instance], check=False)
            lost = {k: v for k, v in competed.extractors.items() if v != name}
            if lost:
                raise AssertionError(
                    f"extractor {name!r} was not chosen for its own layout: "
                    + ", ".join(f"{table} was read by {winner!r}" for table, winner in lost.items())
                    + "; raise its score or priority on this layout"
                )

    any_block()
    round_trip()
    return Conformance(extractor=name, examples=dict(examples))


def _parameters(render: Callable[..., str]) -> tuple[str, ...]:
    import inspect

    try:
        return tuple(inspect.signature(render).parameters)
    except (TypeError, ValueError):
        return ()


def _check_inverse(
    extractor: Extractor, render: TableRenderer, report: Report, noise: Noise, seed: int
) -> None:
    """Rows printed by a plain renderer come back from ``extract`` cell for cell."""
    rng = random.Random(seed)
    for section in TABLE_KEYS:
        rows = printed_rows(
            report,
            section,
            noise=evolve(noise, layout=False),
            rng=rng,
            labelled=bool(getattr(render, "labelled", False)),
            empty_cells=bool(getattr(render, "empty_cells", True)),
        )
        text = normalize(_call(render, rows, None)).text
        block = Block.from_text(text, 0, len(text), section=section)
        grid = registry.checked_grid(extractor, block)
        printed, read = _cells(rows), _cells(row.cells for row in grid)
        if printed != read:
            first = next(
                (i for i, (a, b) in enumerate(zip(printed, read, strict=False)) if a != b),
                min(len(printed), len(read)),
            )
            raise AssertionError(
                f"extractor {extractor.name!r} does not invert its renderer on section "
                f"{section}: row {first} was printed as "
                f"{printed[first] if first < len(printed) else None!r} and read as "
                f"{read[first] if first < len(read) else None!r}"
            )
