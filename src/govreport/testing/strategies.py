"""Hypothesis strategies for reports, counts, printed labels, noise and rendered reports.

Named as plural nouns with keyword-only options, after Hypothesis' own. The reports drawn are
consistent by default (every rule R1–R5 and N1 that can be checked holds), with blank cells
or without; ``reports(broken={"R2"})`` breaks the rules asked for — only those — so that the
checks can be tested against them. They are in either format (``formats=`` chooses): the
2021 format, or the 2019 format with its own section 二 and the single （六）其他处理 row.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from attrs import fields as attrs_fields
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ..labels import (
    ACTIVE_DISCLOSURE_2019_ROWS,
    ACTIVE_DISCLOSURE_ROWS,
    AMOUNT_UNITS,
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    APPLICATION_ROWS_2019,
    RowSpec,
)
from ..model import (
    ACTIVE_DISCLOSURE_TYPES,
    FORMAT_VERSIONS,
    ActiveDisclosure,
    ActiveDisclosure2019,
    ApplicantCounts,
    Applications,
    CaseOutcomes,
    Denied,
    DocumentCounts,
    NotProcessed,
    OtherHandling,
    Report,
    Results,
    ReviewLitigation,
    UnableToProvide,
)
from .render import (
    Noise,
    Rendered,
    TableRenderer,
    _renderer_for,
    printed_labels_of,
    render_report,
)

__all__ = [
    "RULES",
    "applicant_counts",
    "counts",
    "noise_choices",
    "noises",
    "printed_labels",
    "rendered_reports",
    "reports",
]

#: The rules :func:`reports` can break on request.
RULES: frozenset[str] = frozenset({"R1", "R2", "R3", "R4", "R5", "N1"})

_SIX = APPLICATION_COLUMNS[:6]
#: The paths of section 三's rows in each format (the 2019 format has one （六） row).
_ROW_PATHS = {
    "2021": tuple(spec.path for spec in APPLICATION_ROWS),
    "2019": tuple(spec.path for spec in APPLICATION_ROWS_2019),
}
_RESULT_PARTS = {
    version: tuple(p for p in paths if p[0] == "results" and p != ("results", "total"))
    for version, paths in _ROW_PATHS.items()
}
_GROUPS = ("review", "litigation_direct", "litigation_after_review")
_OUTCOMES = ("upheld", "corrected", "other", "pending")
_DOCS = ("issued", "repealed", "in_force")
_SINGLES = ("licensing", "punishment", "enforcement")


def _numbers(min_value: int = 0, max_value: int = 100_000) -> SearchStrategy[int]:
    """Counts as tables print them: zeros above all, small numbers, now and then a large one."""
    return st.one_of(
        st.just(0 if min_value <= 0 <= max_value else min_value),
        st.integers(min_value, min(max_value, max(min_value, 9))),
        st.integers(min_value, max_value),
    )


def counts(
    *, blanks: bool = True, min_value: int = 0, max_value: int = 100_000
) -> SearchStrategy[int | None]:
    """A table cell: a count, mostly small (tables are full of zeros), or a blank (``None``)."""
    numbers = _numbers(min_value, max_value)
    return st.one_of(st.none(), numbers) if blanks else numbers


@st.composite
def _applicant_counts(draw: st.DrawFn, blanks: bool) -> ApplicantCounts:
    six = [draw(_numbers(max_value=5_000)) for _ in _SIX]
    values: list[int | None] = [*six, sum(six)]
    if blanks:
        for i in draw(st.lists(st.integers(0, 6), max_size=3, unique=True)):
            values[i] = None
    return ApplicantCounts(**dict(zip(APPLICATION_COLUMNS, values, strict=True)))


def applicant_counts(*, blanks: bool = True) -> SearchStrategy[ApplicantCounts]:
    """One row of section 三 whose total is the sum of its six columns (rule R3)."""
    return _applicant_counts(blanks)


def printed_labels(row: RowSpec | str) -> SearchStrategy[str]:
    """How a row of section 二 or 三 may be printed: its wording, numbering and spacing.

    ``row`` is a :class:`~govreport.labels.RowSpec` or its path below the table
    (``"results.denied.security_stability"``). Whatever is drawn compacts
    (:func:`govreport.labels.compact`) to one of the row's labels.
    """
    spec = _spec(row) if isinstance(row, str) else row
    wordings = printed_labels_of(spec)
    numbering = st.sampled_from(
        ("", "1.", "1、", "1．", "１.", "(一)", "（一）", "一)", "(一）", "一、", "一.")
    )
    space = st.sampled_from(("", " ", "\u3000"))
    return st.builds(
        lambda n, s, w, t: f"{n}{s}{w}{t}", numbering, space, st.sampled_from(wordings), space
    )


_LABELLED_ROWS = (
    *APPLICATION_ROWS,
    *APPLICATION_ROWS_2019,
    *ACTIVE_DISCLOSURE_ROWS,
    *ACTIVE_DISCLOSURE_2019_ROWS,
)


def _spec(path: str) -> RowSpec:
    """The row at ``path``; where both formats have one, the 2021 format's."""
    parts = tuple(path.split("."))
    for spec in _LABELLED_ROWS:
        if spec.path == parts:
            return spec
    known = ", ".join(sorted({".".join(s.path) for s in _LABELLED_ROWS}))
    raise ValueError(f"no row {path!r}; rows: {known}")


def noises(allowed: Noise | None = None) -> SearchStrategy[Noise]:
    """Noise: each kind switched on or off at random, among those ``allowed`` (by default all)."""
    allowed = allowed if allowed is not None else Noise.every()
    return st.builds(
        Noise,
        **{
            kind: st.booleans() if getattr(allowed, kind) else st.just(False)
            for kind in Noise.kinds()
        },
    )


def noise_choices(noise: bool | Noise) -> SearchStrategy[Noise]:
    """The noise to draw, as strategies of rendered reports and documents are given it.

    ``True`` draws every kind at random, ``False`` none, a :class:`Noise` the kinds it
    switches on (see :func:`noises`).
    """
    if noise is True:
        return noises()
    if noise is False:
        return st.just(Noise())
    return noises(noise)


# --- Reports -----------------------------------------------------------------------------------

_PLACES = (
    "东城区",
    "西湖区北山街道",
    "临安区太湖源镇",
    "清河县王庄乡",
    "桃源镇",
    "江宁区",
    "南山区",
    "武侯区",
    "天河区",
    "开福区城关街道",
    "霍山县",
    "平江县",
)
_UNITS = (
    "",
    "人民政府",
    "人民政府办公室",
    "教育局",
    "卫生健康委员会",
    "市场监督管理局",
    "自然资源和规划局",
    "住房和城乡建设局",
    "财政局",
    "司法局",
    "办事处",
)
_LETTERHEADS = ("{place}人民政府", "{agency}文件", "政务公开", "{place}人民政府办公室")
_PREFACES = (
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布本机关政府信息"
    "公开工作情况。",
    "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等部分组成。",
    "本报告中所列数据的统计期限自1月1日起至12月31日止。",
)
_OVERVIEW_PARTS = (
    (
        "（一）主动公开",
        (
            "本年度通过政府门户网站主动公开政府信息{a}条。",
            "围绕重点领域，及时发布政策文件、工作动态等信息，公开内容准确完整。",
            "严格落实公开属性源头认定，做到应公开尽公开。",
        ),
    ),
    (
        "（二）依申请公开",
        (
            "进一步规范依申请公开办理流程，做到依法依规、按时答复。",
            "加强与申请人的沟通，保障申请人的合法权益。",
        ),
    ),
    (
        "（三）政府信息管理",
        (
            "健全政府信息发布审核机制，落实“三审三校”制度。",
            "动态更新政策文件库，及时清理失效文件。",
        ),
    ),
    (
        "（四）平台建设",
        (
            "依托政府门户网站、政务新媒体等平台，拓宽公开渠道。",
            "优化网站栏目设置，提升信息检索的便利程度。",
        ),
    ),
    (
        "（五）监督保障",
        (
            "将政务公开工作纳入年度考核，强化责任落实。",
            "定期开展自查自纠，及时整改发现的问题。",
        ),
    ),
)
_PROBLEMS = (
    "存在的问题：公开内容的解读还不够深入，部分栏目更新不够及时。",
    "改进措施：加强业务培训，提升工作人员的业务能力；完善栏目管理，确保信息及时更新。",
    "下一步，将持续深化政务公开，不断提升公开质量和实效。",
)
_OTHER = (
    "本机关本年度未收取信息处理费。",
    "无其他需要报告的事项。",
    "依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。",
)


def _texts(rng: random.Random, pool: tuple[str, ...]) -> list[str]:
    return rng.sample(pool, rng.randint(1, len(pool)))


def _statements(values: dict[str, Any], year: int, wrong: bool) -> str:
    """Section 一's sentence restating the main figures (rule N1), where they are printed."""

    def stated(path: str) -> int | None:
        value = values[path]
        return None if value is None else value + (1 if wrong else 0)

    received = stated("applications.new_received.total")
    over = stated("applications.carried_over.total")
    done = stated("applications.results.total.total")
    forward = stated("applications.carried_forward.total")
    review = stated("review_litigation.review.total")
    clauses = []
    if received is not None:
        clauses.append(f"本年度新收政府信息公开申请{received}件")
    if over is not None:
        clauses.append(f"上年结转{over}件")
    if done is not None:
        clauses.append(f"办结{done}件")
    if forward is not None:
        clauses.append(f"结转下年度继续办理{forward}件")
    if review is not None:
        clauses.append(f"因政府信息公开引起的行政复议{review}件")
    if not clauses:
        return ""
    return f"{year}年，" + "，".join(clauses) + "。"


def _consistent_values(draw: st.DrawFn, version: str) -> dict[str, Any]:
    """Every cell of the three tables, by path below the report, with all rules holding."""
    values: dict[str, Any] = {}
    small = _numbers(max_value=5_000)
    parts = _RESULT_PARTS[version]
    rows: dict[tuple[str, ...], list[int]] = {path: [0] * 6 for path in _ROW_PATHS[version]}
    # Most result cells of a real table are 0: draw the others (or, now and then, all).
    if draw(st.integers(0, 3)) == 0:
        for path in parts:
            rows[path] = [draw(small) for _ in range(6)]
    else:
        cells = st.tuples(st.sampled_from(parts), st.integers(0, 5), small)
        for path, c, value in draw(st.lists(cells, max_size=12)):
            rows[path][c] = value
    for c in range(6):
        total = sum(rows[path][c] for path in parts)
        rows[("results", "total")][c] = total
        over = draw(small)
        forward = max(draw(small), over - total)  # nothing received can be negative
        rows[("carried_over",)][c] = over
        rows[("carried_forward",)][c] = forward
        rows[("new_received",)][c] = total + forward - over
    for path, six in rows.items():
        key = "applications." + ".".join(path)
        for name, value in zip(APPLICATION_COLUMNS, [*six, sum(six)], strict=True):
            values[f"{key}.{name}"] = value
    for group in _GROUPS:
        outcomes = [draw(small) for _ in _OUTCOMES]
        for name, value in zip((*_OUTCOMES, "total"), [*outcomes, sum(outcomes)], strict=True):
            values[f"review_litigation.{group}.{name}"] = value
    if version == "2019":
        _active_disclosure_2019(draw, values)
        return values
    for key in ("regulations", "normative_documents"):
        for name in _DOCS:
            values[f"active_disclosure.{key}.{name}"] = draw(small)
    for key in _SINGLES:
        values[f"active_disclosure.{key}"] = draw(small)
    values["active_disclosure.fees"] = draw(_decimals())
    return values


def _decimals() -> SearchStrategy[Decimal]:
    """Money as printed: ``0`` above all, or up to two decimal places."""
    cents = st.one_of(st.just(0), st.integers(0, 10_000_000))
    return st.builds(lambda c, places: Decimal(c).scaleb(-places), cents, st.integers(0, 2))


def _active_disclosure_2019(draw: st.DrawFn, values: dict[str, Any]) -> None:
    """The cells of the 2019 format's section 二; 本年增/减 may be negative."""
    small = _numbers(max_value=5_000)
    changes = st.one_of(st.just(0), st.integers(-9, 9), st.integers(-500, 500))
    for spec in ACTIVE_DISCLOSURE_2019_ROWS:
        key = spec.path[0]
        for name in spec.columns:
            if name == "change":
                value: Any = draw(changes)
            elif name == "amount":
                value = draw(_decimals())
            else:
                value = draw(small)
            values[f"active_disclosure.{key}.{name}"] = value


#: The 2019 format's counts in section 二 that R5 holds non-negative, and its amount.
_UNSIGNED_2019 = tuple(
    f"{spec.path[0]}.{name}"
    for spec in ACTIVE_DISCLOSURE_2019_ROWS
    for name in spec.columns
    if name != "change"
)


def _break(draw: st.DrawFn, values: dict[str, Any], rule: str, version: str) -> set[str]:
    """Break ``rule`` (and no other) in ``values``; the paths that must stay printed."""
    column = draw(st.sampled_from(_SIX))
    parts = _RESULT_PARTS[version]

    def cell(path: tuple[str, ...], name: str = column) -> str:
        return "applications." + ".".join(path) + "." + name

    def row(path: tuple[str, ...]) -> set[str]:
        return {cell(path, name) for name in APPLICATION_COLUMNS}

    def bump(path: tuple[str, ...], by: int = 1) -> None:
        values[cell(path)] += by
        values[cell(path, "total")] += by

    if rule == "R1":
        bump(("carried_forward",))
        four = (("new_received",), ("carried_over",), ("results", "total"), ("carried_forward",))
        return {cell(p, name) for p in four for name in (column, "total")}
    if rule == "R2":
        bump(draw(st.sampled_from(parts)))
        return {cell(p, name) for p in (*parts, ("results", "total")) for name in (column,)}
    if rule == "R3":
        part = draw(st.sampled_from(parts))
        for path in (part, ("results", "total"), ("new_received",)):
            values[cell(path)] += 1  # totals unchanged: R3 breaks, R1 and R2 still hold
        return row(part) | row(("results", "total")) | row(("new_received",))
    if rule == "R4":
        group = draw(st.sampled_from(_GROUPS))
        values[f"review_litigation.{group}.total"] += 1
        return {f"review_litigation.{group}.{name}" for name in (*_OUTCOMES, "total")}
    if rule == "R5":
        keys = _UNSIGNED_2019 if version == "2019" else (*_SINGLES, "fees")
        key = draw(st.sampled_from(keys))
        where = f"active_disclosure.{key}"
        negative = draw(st.integers(1, 500))
        money = key in ("fees", "procurement.amount")
        values[where] = Decimal(-negative).scaleb(-1) if money else -negative
        return {where}
    return set()  # N1 is broken in the text (see _statements)


def _blank(draw: st.DrawFn, values: dict[str, Any], keep: set[str]) -> None:
    """Blank some cells, and now and then a whole row, as real tables leave them."""
    free = sorted(path for path in values if path not in keep)
    for path in draw(st.lists(st.sampled_from(free), max_size=12, unique=True)):
        values[path] = None
    rows = sorted({path.rpartition(".")[0] for path in free if path.startswith("applications.")})
    for prefix in draw(st.lists(st.sampled_from(rows), max_size=2, unique=True)):
        for name in APPLICATION_COLUMNS:
            if f"{prefix}.{name}" not in keep:
                values[f"{prefix}.{name}"] = None


def _build(values: dict[str, Any], version: str, unit: str | None) -> dict[str, Any]:
    def counts_of(prefix: str) -> ApplicantCounts:
        return ApplicantCounts(**{n: values[f"{prefix}.{n}"] for n in APPLICATION_COLUMNS})

    def a(*path: str) -> ApplicantCounts:
        return counts_of("applications." + ".".join(path))

    def group(kind: type, name: str) -> Any:
        if ("results", name) in _ROW_PATHS[version]:
            return a("results", name)  # the 2019 format's single （六） row
        fields = [p[2] for p in _RESULT_PARTS[version] if p[1] == name]
        return kind(**{f: a("results", name, f) for f in fields})

    applications = Applications(
        new_received=a("new_received"),
        carried_over=a("carried_over"),
        results=Results(
            granted=a("results", "granted"),
            partially_granted=a("results", "partially_granted"),
            denied=group(Denied, "denied"),
            unable_to_provide=group(UnableToProvide, "unable_to_provide"),
            not_processed=group(NotProcessed, "not_processed"),
            other_handling=group(OtherHandling, "other_handling"),
            total=a("results", "total"),
        ),
        carried_forward=a("carried_forward"),
    )
    review = ReviewLitigation(
        **{
            g: CaseOutcomes(
                **{n: values[f"review_litigation.{g}.{n}"] for n in (*_OUTCOMES, "total")}
            )
            for g in _GROUPS
        }
    )

    def docs(key: str) -> DocumentCounts:
        return DocumentCounts(**{n: values[f"active_disclosure.{key}.{n}"] for n in _DOCS})

    active: ActiveDisclosure | ActiveDisclosure2019
    if version == "2019":
        active = _build_2019(values, unit)
    else:
        active = ActiveDisclosure(
            regulations=docs("regulations"),
            normative_documents=docs("normative_documents"),
            fees=values["active_disclosure.fees"],
            **{key: values[f"active_disclosure.{key}"] for key in _SINGLES},
        )
    return {
        "format_version": version,
        "applications": applications,
        "review_litigation": review,
        "active_disclosure": active,
    }


_KINDS_2019: dict[str, type] = {a.name: type(a.default) for a in attrs_fields(ActiveDisclosure2019)}


def _build_2019(values: dict[str, Any], unit: str | None) -> ActiveDisclosure2019:
    rows: dict[str, Any] = {}
    for spec in ACTIVE_DISCLOSURE_2019_ROWS:
        key = spec.path[0]
        cells = {name: values[f"active_disclosure.{key}.{name}"] for name in spec.columns}
        if key == "procurement":
            cells["amount_unit"] = unit
        rows[key] = _KINDS_2019[key](**cells)
    return ActiveDisclosure2019(**rows)


#: The years of the reports each format is for.
_YEARS = {"2019": (2019, 2020), "2021": (2021, 2030)}


@st.composite
def _reports(
    draw: st.DrawFn, blanks: bool, broken: frozenset[str], formats: tuple[str, ...]
) -> Report:
    version = draw(st.sampled_from(formats))
    values = _consistent_values(draw, version)
    keep: set[str] = set()
    for rule in sorted(broken):
        keep |= _break(draw, values, rule, version)
    if "N1" in broken:
        keep |= {"applications.new_received.total"}
    if blanks and draw(st.booleans()):
        _blank(draw, values, keep)
    unit = draw(st.sampled_from((None, *AMOUNT_UNITS))) if version == "2019" else None
    place = draw(st.sampled_from(_PLACES))
    agency = place + draw(st.sampled_from(_UNITS))
    year = draw(st.integers(*_YEARS[version]))
    letterhead = ""
    if draw(st.booleans()):
        letterhead = draw(st.sampled_from(_LETTERHEADS)).format(place=place, agency=agency)
    # The narrative is not what these reports test: one seed chooses it, which keeps the
    # number of choices Hypothesis makes per report (and so its time) down.
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    preface = "".join(_texts(rng, _PREFACES)) if draw(st.booleans()) else ""
    lines = []
    statement = _statements(values, year, wrong="N1" in broken)
    if statement:
        lines.append(statement)
    for heading, pool in _OVERVIEW_PARTS:
        text = "".join(_texts(rng, pool)).format(a=rng.randrange(2000))
        lines += [heading, text] if rng.random() < 0.5 else [heading + "。" + text]
    paragraph = "\n\n" if rng.random() < 0.5 else "\n"
    return Report(
        title=f"{agency}{year}年政府信息公开工作年度报告",
        agency=agency,
        year=year,
        letterhead=letterhead,
        preface=preface,
        overview=paragraph.join(lines),
        problems_and_improvements="\n".join(_texts(rng, _PROBLEMS)),
        other_matters="\n".join(_texts(rng, _OTHER)),
        **_build(values, version, unit),
    )


def reports(
    *,
    blanks: bool = True,
    broken: Collection[str] = (),
    formats: Collection[str] = FORMAT_VERSIONS,
) -> SearchStrategy[Report]:
    """Reports as :func:`govreport.parse` gives them (findings aside), in either format.

    Consistent by default: every rule of FORMAT.md (R1–R5, and N1 for the figures section
    一 restates) holds wherever its cells are printed. With ``blanks`` some cells, and now
    and then whole rows, are blank (``None``): rules on them cannot be checked. ``broken``
    names rules (:data:`RULES`) to break, each in one column, row or group whose cells are
    all printed, without breaking any other rule. ``formats`` names the formats to draw
    (``"2019"``, ``"2021"``; by default both): a 2019-format report has the 2019 section 二
    (本年增/减 sometimes negative, 采购总金额 with or without its unit), the single
    （六）其他处理 row and a year of that format (2019 or 2020). Texts are short Chinese
    paragraphs; ``extractors`` and ``findings`` are empty.
    """
    wrong = frozenset(broken) - RULES
    if wrong:
        raise ValueError(f"no such rule: {', '.join(sorted(wrong))}; rules: {sorted(RULES)}")
    chosen = tuple(v for v in FORMAT_VERSIONS if v in formats)
    unknown = sorted(set(formats) - set(ACTIVE_DISCLOSURE_TYPES))
    if unknown or not chosen:
        named = ", ".join(unknown) or "none given"
        raise ValueError(f"no such format: {named}; formats: {list(FORMAT_VERSIONS)}")
    return _reports(blanks, frozenset(broken), chosen)


def rendered_reports(
    layout: str = "tab",
    *,
    render: TableRenderer | None = None,
    noise: bool | Noise = True,
    reports: SearchStrategy[Report] | None = None,
) -> SearchStrategy[Rendered]:
    """``(text, expected report)`` pairs: reports printed in ``layout``, with noise.

    ``layout`` is a registered layout name; ``render`` its table renderer, by default the
    built-in one (or the extractor's own ``render``; see :mod:`govreport.testing.render`).
    ``noise`` is ``True`` for every kind of noise at random, ``False`` for none, or a
    :class:`Noise` whose kinds switched on may be drawn. ``reports`` draws the reports
    (by default :func:`reports`). The expected report is what ``parse(text, check=False)``
    gives, findings aside (see :class:`~govreport.testing.render.Rendered`).
    """
    table_render = render if render is not None else _renderer_for(layout)
    source = reports if reports is not None else _reports(True, frozenset(), FORMAT_VERSIONS)
    noise_strategy = noise_choices(noise)

    @st.composite
    def _rendered(draw: st.DrawFn) -> Rendered:
        report = draw(source)
        chosen = draw(noise_strategy)
        seed = draw(st.integers(0, 2**32 - 1))
        return render_report(
            report, layout, render=table_render, noise=chosen, rng=random.Random(seed)
        )

    return _rendered()
