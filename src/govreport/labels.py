"""Printed labels and the keys they mean: the one place that knows the format's wording.

Every row of the three tables is listed here in printed order, with its JSON path and the
labels real reports print for it. Labels are compared *compacted*: row numbering
(``三、`` ``（一）`` ``1.``), spaces, brackets and punctuation removed, so that ``(三) 不予公开``,
``（三）不予公开`` and ``三）不 予公开`` are one label. What the compacted label still does not
match exactly is matched by likeness (:func:`likeness`), which absorbs the drift FORMAT.md
describes: missing characters, OCR-broken words, ``企业`` for 商业企业.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from functools import lru_cache

from attrs import frozen

__all__ = [
    "ACTIVE_DISCLOSURE_2019_COLUMN_LABELS",
    "ACTIVE_DISCLOSURE_2019_HEADERS",
    "ACTIVE_DISCLOSURE_2019_PARTS",
    "ACTIVE_DISCLOSURE_2019_ROWS",
    "ACTIVE_DISCLOSURE_COLUMN_LABELS",
    "ACTIVE_DISCLOSURE_HEADERS",
    "ACTIVE_DISCLOSURE_PARTS",
    "ACTIVE_DISCLOSURE_ROWS",
    "AMOUNT_HEADERS",
    "AMOUNT_UNITS",
    "AMOUNT_UNIT_YUAN",
    "APPLICATION_COLUMNS",
    "APPLICATION_COLUMN_LABELS",
    "APPLICATION_GROUPS",
    "APPLICATION_HEADERS",
    "APPLICATION_HEADINGS",
    "APPLICATION_ROWS",
    "APPLICATION_ROWS_2019",
    "CHANGE_WORDS",
    "FORMAT_EVIDENCE",
    "OTHER_HANDLING_2021_EVIDENCE",
    "OTHER_HANDLING_ROW",
    "REVIEW_LITIGATION_HEADERS",
    "REVIEW_LITIGATION_KEYS",
    "REVIEW_LITIGATION_LABELS",
    "TABLE_SECTIONS",
    "RowSpec",
    "compact",
    "is_numbered",
    "likeness",
]

_NUMBERING = re.compile(
    r"^\s*(?:[（(]?\s*(?:[一二三四五六七八九十]+|\d{1,2})\s*[）)]|(?:[一二三四五六七八九十]+|\d{1,2})\s*[、.．,，:：)）])\s*"
)
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=4096)
def compact(label: str) -> str:
    """``label`` without leading row numbering, spaces, brackets or punctuation.

    >>> compact("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)")
    '部分公开区分处理的只计这一情形不计其他情形'
    >>> compact("四、结转下年度继续办 理")
    '结转下年度继续办理'
    """
    previous = None
    while previous != label:
        previous = label
        label = _NUMBERING.sub("", label, count=1)
    return _NOT_WORD.sub("", label)


def is_numbered(label: str) -> bool:
    """Whether ``label`` starts with row numbering (``3.`` ``（七）`` ``四、``)."""
    return _NUMBERING.match(label) is not None


@lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset((text,)) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def likeness(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two compacted labels, in [0, 1]."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


@frozen
class RowSpec:
    """One printed row of a table: its JSON path below the table, group and labels.

    ``group`` names the bracketed heading the row sits under (``denied`` for the rows of
    （三）不予公开), or ``None``. ``labels`` are compacted; the first is the format's own.
    """

    path: tuple[str, ...]
    labels: tuple[str, ...]
    group: str | None = None
    width: int = 7
    printed: str = ""
    """The format's own wording of the label, as printed (for messages)."""
    columns: tuple[str, ...] = ()
    """The model's field for each value, in printed order, where the row has several kinds
    of value (the 2019 format's section 二); ``()`` where the table's columns say it."""


def _rows(
    specs: Iterable[tuple[str, str | None, tuple[str, ...]]], width: int
) -> tuple[RowSpec, ...]:
    return tuple(
        RowSpec(
            # Interned as the names of the model's fields are: the readers pass these
            # parts as keywords to the model's classes, and a keyword found by identity
            # among the parameters is not compared character by character.
            tuple(map(sys.intern, path.split("."))),
            tuple(compact(label) for label in labels),
            group,
            width,
            labels[0],
        )
        for path, group, labels in specs
    )


#: The JSON key of each table section, by section number.
TABLE_SECTIONS: dict[int, str] = {2: "active_disclosure", 3: "applications", 4: "review_litigation"}


# --- Section 二 ------------------------------------------------------------------------------

ACTIVE_DISCLOSURE_ROWS: tuple[RowSpec, ...] = (
    RowSpec(("regulations",), ("规章",), None, 3, "规章"),
    RowSpec(
        ("normative_documents",),
        ("行政规范性文件", "规范性文件", "其他规范性文件"),
        None,
        3,
        "行政规范性文件",
    ),
    RowSpec(("licensing",), ("行政许可",), None, 1, "行政许可"),
    RowSpec(("punishment",), ("行政处罚",), None, 1, "行政处罚"),
    RowSpec(("enforcement",), ("行政强制",), None, 1, "行政强制"),
    RowSpec(("fees",), ("行政事业性收费",), None, 1, "行政事业性收费"),
)

#: The printed heading of each column of section 二's 第二十条第（一）项 rows.
ACTIVE_DISCLOSURE_COLUMN_LABELS: dict[str, str] = {
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
}

#: Header cells of section 二 (compacted): recognised, and not reported as unread text.
ACTIVE_DISCLOSURE_HEADERS: frozenset[str] = frozenset(
    compact(text)
    for text in (
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "信息内容",
        "本年制发件数",
        "本年新制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额（单位：万元）",
        "本年收费金额",
        "单位万元",
    )
)

# --- Section 二, 2019 format ------------------------------------------------------------------
# 国办公开办函〔2019〕60号 prints five parts of 第二十条, each a small table with its own
# `信息内容 | …` header row.

_DOCS_2019 = ("new_made", "new_published", "total_published")
_ITEMS_2019 = ("previous_year_items", "change", "decisions")

ACTIVE_DISCLOSURE_2019_ROWS: tuple[RowSpec, ...] = tuple(
    RowSpec(
        (key,), tuple(compact(label) for label in labels), None, len(columns), labels[0], columns
    )
    for key, labels, columns in (
        ("regulations", ("规章",), _DOCS_2019),
        ("normative_documents", ("规范性文件", "行政规范性文件", "其他规范性文件"), _DOCS_2019),
        ("licensing", ("行政许可",), _ITEMS_2019),
        ("other_services", ("其他对外管理服务事项", "其他对外管理服务"), _ITEMS_2019),
        ("punishment", ("行政处罚",), _ITEMS_2019),
        ("enforcement", ("行政强制",), _ITEMS_2019),
        ("fees", ("行政事业性收费",), _ITEMS_2019[:2]),
        ("procurement", ("政府集中采购", "政府采购"), ("items", "amount")),
    )
)

#: The printed heading of each column of the 2019 format's section 二, by model field.
ACTIVE_DISCLOSURE_2019_COLUMN_LABELS: dict[str, str] = {
    "new_made": "本年新制作数量",
    "new_published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "previous_year_items": "上一年项目数量",
    "change": "本年增/减",
    "decisions": "处理决定数量",
    "items": "采购项目数量",
    "amount": "采购总金额",
}

#: The units an amount of money is printed in (`采购总金额（万元）`, `12.5万元`), in yuan.
AMOUNT_UNIT_YUAN: dict[str, int] = {
    "元": 1,
    "千元": 1_000,
    "万元": 10_000,
    "万": 10_000,
    "亿元": 10**8,
}

#: The units of :data:`AMOUNT_UNIT_YUAN`, longest first (`万元` before `元`).
AMOUNT_UNITS: tuple[str, ...] = tuple(sorted(AMOUNT_UNIT_YUAN, key=len, reverse=True))

#: How a header prints the unit of 采购总金额 (`{unit}` one of :data:`AMOUNT_UNITS`).
AMOUNT_HEADERS: tuple[str, ...] = ("采购总金额（{unit}）", "采购总金额（单位：{unit}）")

#: The words that print a change in a count (本年增/减): `增加3` is +3, `减少2` is -2.
CHANGE_WORDS: dict[str, int] = {"增加": 1, "新增": 1, "增": 1, "减少": -1, "减": -1}

#: Header cells of the 2019 format's section 二 (compacted).
ACTIVE_DISCLOSURE_2019_HEADERS: frozenset[str] = frozenset(
    compact(text)
    for text in (
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
        "信息内容",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "本年增减数量",
        "处理决定数量",
        "本年处理决定数量",
        "采购项目数量",
        "采购总金额",
        *(header.format(unit=unit) for header in AMOUNT_HEADERS for unit in AMOUNT_UNITS),
        *(f"单位：{unit}" for unit in AMOUNT_UNITS),
    )
)

#: Words of section 二 (compacted) that only one format prints, by format_version: what
#: :func:`govreport.tables.detect_format` counts. Shared wording (规章, 行政许可 …) is no
#: evidence; nor is 处理决定数量, which the 2021 format prints as 本年处理决定数量.
FORMAT_EVIDENCE: dict[str, tuple[str, ...]] = {
    "2019": tuple(
        compact(text)
        for text in (
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
            "上一年项目数量",
            "本年增/减",
            "采购项目数量",
            "采购总金额",
            "其他对外管理服务事项",
            "政府集中采购",
            "第二十条第（九）项",
        )
    ),
    "2021": tuple(
        compact(text)
        for text in (
            "本年制发件数",
            "本年新制发件数",
            "本年废止件数",
            "现行有效件数",
            "本年处理决定数量",
            "本年收费金额",
        )
    ),
}

# --- Section 三 ------------------------------------------------------------------------------

#: The seven columns of section 三, in printed order.
APPLICATION_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other",
    "total",
)

#: The printed heading of each column of section 三.
APPLICATION_COLUMN_LABELS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_service": "法律服务机构",
    "other": "其他",
    "total": "总计",
}

#: Group headings of section 三 (compacted) and the group they open.
APPLICATION_GROUPS: dict[str, str] = {
    compact("三、本年度办理结果"): "results",
    compact("本年度办理结果"): "results",
    compact("（三）不予公开"): "denied",
    compact("（四）无法提供"): "unable_to_provide",
    compact("（五）不予处理"): "not_processed",
    compact("（六）其他处理"): "other_handling",
}

APPLICATION_ROWS: tuple[RowSpec, ...] = _rows(
    (
        ("new_received", None, ("本年新收政府信息公开申请数量", "本年新收申请数量")),
        ("carried_over", None, ("上年结转政府信息公开申请数量", "上年结转申请数量")),
        ("results.granted", "results", ("予以公开",)),
        (
            "results.partially_granted",
            "results",
            ("部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
        ),
        ("results.denied.state_secret", "denied", ("属于国家秘密",)),
        ("results.denied.prohibited_by_law", "denied", ("其他法律行政法规禁止公开",)),
        (
            "results.denied.security_stability",
            "denied",
            ("危及“三安全一稳定”", "危害国家安全及“三稳”", "危及三安全一稳定"),
        ),
        ("results.denied.third_party_rights", "denied", ("保护第三方合法权益",)),
        ("results.denied.internal_affairs", "denied", ("属于三类内部事务信息",)),
        ("results.denied.process_information", "denied", ("属于四类过程性信息",)),
        ("results.denied.enforcement_files", "denied", ("属于行政执法案卷",)),
        ("results.denied.administrative_query", "denied", ("属于行政查询事项",)),
        ("results.unable_to_provide.not_held", "unable_to_provide", ("本机关不掌握相关政府信息",)),
        (
            "results.unable_to_provide.needs_creation",
            "unable_to_provide",
            ("没有现成信息需要另行制作",),
        ),
        (
            "results.unable_to_provide.still_unclear",
            "unable_to_provide",
            ("补正后申请内容仍不明确",),
        ),
        ("results.not_processed.complaint", "not_processed", ("信访举报投诉类申请",)),
        ("results.not_processed.repeated", "not_processed", ("重复申请",)),
        ("results.not_processed.publication", "not_processed", ("要求提供公开出版物",)),
        ("results.not_processed.excessive", "not_processed", ("无正当理由大量反复申请",)),
        (
            "results.not_processed.confirmation",
            "not_processed",
            ("要求行政机关确认或重新出具已获取信息",),
        ),
        (
            "results.other_handling.overdue_correction",
            "other_handling",
            ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",),
        ),
        (
            "results.other_handling.unpaid_fee",
            "other_handling",
            ("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",),
        ),
        ("results.other_handling.other", "other_handling", ("其他",)),
        ("results.total", "results", ("总计",)),
        ("carried_forward", None, ("结转下年度继续办理", "结转下年度继续办理申请数量")),
    ),
    width=len(APPLICATION_COLUMNS),
)

#: The single row （六）其他处理 of the 2019 format (``results.other_handling``), in place of
#: the 2021 format's three rows.
OTHER_HANDLING_ROW = RowSpec(
    ("results", "other_handling"),
    (compact("其他处理"),),
    "results",
    len(APPLICATION_COLUMNS),
    "其他处理",
)

#: The rows of section 三 in the 2019 format, in printed order.
APPLICATION_ROWS_2019: tuple[RowSpec, ...] = tuple(
    OTHER_HANDLING_ROW if spec.path == ("results", "other_handling", "overdue_correction") else spec
    for spec in APPLICATION_ROWS
    if spec.group != "other_handling" or spec.path[-1] == "overdue_correction"
)

#: Words (compacted) of the 2021 format's three （六） rows: section 三 in that shape.
OTHER_HANDLING_2021_EVIDENCE: tuple[str, ...] = ("逾期不补正", "收费通知")

#: Header cells of section 三 (compacted).
APPLICATION_HEADERS: frozenset[str] = frozenset(
    compact(text)
    for text in (
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "商业企业",
        "企业",
        "科研机构",
        "社会公益组织",
        "社会组织",
        "法律服务机构",
        "其他",
        "总计",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "本列数据的勾稽关系为",
        "第一项加第二项之和等于第三项加第四项之和",
    )
)

# --- Section 四 ------------------------------------------------------------------------------

#: The fifteen numbers of section 四 in printed order, as (group, field) keys.
REVIEW_LITIGATION_KEYS: tuple[tuple[str, str], ...] = tuple(
    (group, field)
    for group in ("review", "litigation_direct", "litigation_after_review")
    for field in ("upheld", "corrected", "other", "pending", "total")
)

#: The printed names of section 四's groups and fields.
REVIEW_LITIGATION_LABELS: dict[str, str] = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_review": "行政诉讼（复议后起诉）",
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}

#: Header cells of section 四 (compacted).
REVIEW_LITIGATION_HEADERS: frozenset[str] = frozenset(
    compact(text)
    for text in (
        "行政复议",
        "行政诉讼",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
    )
)


# --- As printed --------------------------------------------------------------------------------
# The header cells as the format prints them (uncompacted), in their places: what the renderers
# of govreport.testing print. Reading needs only the compacted sets above; a test checks that
# every cell here is one of them.

#: Section 二 as printed: each part of 第二十条, the header cells over its columns, and the keys
#: of the rows under it.
ACTIVE_DISCLOSURE_PARTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "第二十条第（一）项",
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("regulations", "normative_documents"),
    ),
    ("第二十条第（五）项", ("信息内容", "本年处理决定数量"), ("licensing",)),
    ("第二十条第（六）项", ("信息内容", "本年处理决定数量"), ("punishment", "enforcement")),
    ("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"), ("fees",)),
)

#: Section 二 of the 2019 format as printed, as :data:`ACTIVE_DISCLOSURE_PARTS`.
ACTIVE_DISCLOSURE_2019_PARTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "第二十条第（一）项",
        ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
        ("regulations", "normative_documents"),
    ),
    (
        "第二十条第（五）项",
        ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
        ("licensing", "other_services"),
    ),
    (
        "第二十条第（六）项",
        ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
        ("punishment", "enforcement"),
    ),
    ("第二十条第（八）项", ("信息内容", "上一年项目数量", "本年增/减"), ("fees",)),
    ("第二十条第（九）项", ("信息内容", "采购项目数量", "采购总金额"), ("procurement",)),
)

#: Section 三 as printed above the columns: the heading over the applicant columns, the one
#: over the five kinds of legal person, and the note on rule R1 the format prints.
APPLICATION_HEADINGS: tuple[str, str, str] = (
    "申请人情况",
    "法人或其他组织",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
)
