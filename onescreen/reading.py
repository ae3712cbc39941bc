"""Opening an export: decode it, find its header row and match the headers to a contract."""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from onescreen.contracts import SOURCES, Column, Source

logger = logging.getLogger(__name__)

HEADER_SEARCH_LINES = 25
DELIMITERS = (",", "\t", ";", "|")
FOOTER_PATTERN = re.compile(r"^\s*(合计|总计|小计|共计|total|sum)\b", re.IGNORECASE)


class ExportError(Exception):
    """A whole file that cannot be loaded, with the reason in both languages."""

    def __init__(self, code: str, message_zh: str, message_en: str):
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(message_en)


@dataclass
class OpenedExport:
    """A decoded export with its header located and mapped to a source's columns."""

    path: Path
    source: Source
    data: bytes
    head: str
    encoding: str
    delimiter: str
    header_index: int
    headers: list[str]
    column_positions: dict[str, int]
    ignored_headers: list[str] = field(default_factory=list)
    size_bytes: int = 0

    def header_of(self, column: str) -> str:
        """Return the header text the file used for a canonical column."""
        position = self.column_positions.get(column)
        return self.headers[position] if position is not None else column


def normalise_header(text: str) -> str:
    """Fold a header to compare it: full-width to half-width, no spaces, lower case."""
    folded = unicodedata.normalize("NFKC", text or "")
    folded = re.sub(r"[\s\u3000]+", "", folded)
    folded = folded.strip("\ufeff\"'“”*:：")
    return folded.lower()


def header_lookup(source: Source) -> dict[str, Column]:
    """Map every folded accepted header of a source to its column."""
    lookup: dict[str, Column] = {}
    for column in source.columns:
        for header in column.headers:
            lookup.setdefault(normalise_header(header), column)
    return lookup


HEAD_BYTES = 256 * 1024


def decode_head(data: bytes) -> list[tuple[str, str]]:
    """Return the ways the start of the file decodes as text, as (encoding, text).

    Only the head is decoded here: it is enough to find the header and choose the
    encoding. A UTF-8 file is then read by DuckDB directly, which flags any line
    with invalid bytes; a GBK file is decoded whole when it is loaded.
    """
    if not data.strip():
        raise ExportError("empty", "文件为空", "the file is empty")
    if b"\x00" in data[:8192]:
        raise ExportError(
            "binary",
            "文件不是文本（含有二进制内容），请导出为 CSV",
            "the file is not text (it holds binary content); export it as CSV",
        )
    head = (
        data
        if len(data) <= HEAD_BYTES
        else data[: data.rfind(b"\n", 0, HEAD_BYTES) + 1] or data[:HEAD_BYTES]
    )
    decodings = []
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            decodings.append((encoding, head.decode(encoding)))
        except UnicodeDecodeError:
            continue
    if not decodings:
        raise ExportError(
            "undecodable",
            "无法识别文件编码（支持 UTF-8、UTF-8 BOM、GBK/GB18030）",
            "the file's encoding is not recognised (UTF-8, UTF-8 with BOM and GBK/GB18030 are accepted)",
        )
    return decodings


def decode_whole(data: bytes, encoding: str) -> str:
    """Decode a whole file in the encoding chosen from its head."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ExportError(
            "undecodable",
            f"文件在第 {line} 行附近编码不一致（按 {encoding} 读取）",
            f"the file's encoding changes near line {line} (read as {encoding})",
        ) from error


def _split_cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(line), delimiter=delimiter))
    except (StopIteration, csv.Error):
        return []


def _score_header(cells: list[str], lookup: dict[str, Column]) -> int:
    matched = {
        lookup[key].name for key in map(normalise_header, cells) if key in lookup
    }
    return len(matched)


@dataclass
class _HeaderGuess:
    score: int
    source: Source
    delimiter: str
    index: int
    cells: list[str]


def _best_header(text: str, sources: tuple[Source, ...]) -> _HeaderGuess | None:
    lines = text.splitlines()[:HEADER_SEARCH_LINES]
    best: _HeaderGuess | None = None
    for source in sources:
        lookup = header_lookup(source)
        for index, line in enumerate(lines):
            if not line.strip():
                continue
            for delimiter in DELIMITERS:
                if delimiter not in line and len(source.columns) > 1:
                    continue
                cells = _split_cells(line, delimiter)
                score = _score_header(cells, lookup)
                required_hits = sum(
                    1
                    for column in source.required_columns
                    if any(
                        lookup.get(normalise_header(cell)) is column for cell in cells
                    )
                )
                candidate = (score + required_hits, -index)
                if best is None or candidate > (best.score, -best.index):
                    best = _HeaderGuess(
                        score + required_hits, source, delimiter, index, cells
                    )
    return best


def open_export(
    path: Path, source: Source | None = None, data: bytes | None = None
) -> OpenedExport:
    """Decode `path`, find its header and match it to `source` (or the best-fitting one)."""
    data = path.read_bytes() if data is None else data
    decodings = decode_head(data)
    candidates = (source,) if source is not None else SOURCES
    guesses = []
    for encoding, text in decodings:
        guess = _best_header(text, candidates)
        if guess is not None and guess.score > 0:
            guesses.append((guess.score, encoding, text, guess))
    if not guesses:
        expected = "、".join(
            column.label_zh for column in (source.required_columns if source else ())
        )
        raise ExportError(
            "no_header",
            f"找不到表头：前 {HEADER_SEARCH_LINES} 行中没有可识别的列名"
            + (f"（需要：{expected}）" if expected else ""),
            f"no header found: none of the first {HEADER_SEARCH_LINES} lines has recognised column names"
            + (
                f" (expected: {', '.join(c.label_en for c in source.required_columns)})"
                if source
                else ""
            ),
        )
    # Prefer the decoding whose header matches best; ties keep UTF-8 first.
    guesses.sort(key=lambda item: -item[0])
    _, encoding, text, guess = guesses[0]
    if encoding == "gb18030" and len(decodings) > 1:
        logger.warning(
            "%s decodes as UTF-8 but its header only makes sense as GBK", path
        )

    lookup = header_lookup(guess.source)
    positions: dict[str, int] = {}
    ignored = []
    for position, cell in enumerate(guess.cells):
        column = lookup.get(normalise_header(cell))
        if column is None or column.name in positions:
            if cell.strip():
                ignored.append(cell.strip())
            continue
        positions[column.name] = position

    missing = [
        column
        for column in guess.source.required_columns
        if column.name not in positions
    ]
    if missing:
        raise ExportError(
            "missing_column",
            "缺少必填列："
            + "；".join(
                f"{c.label_zh}（可用列名：{'、'.join(dict.fromkeys(c.headers))}）"
                for c in missing
            )
            + f"。按“{guess.source.label_zh}”识别",
            "missing required column(s): "
            + "; ".join(
                f"{c.label_en} (accepted headers: {', '.join(dict.fromkeys(c.headers))})"
                for c in missing
            )
            + f". Read as '{guess.source.label_en}'",
        )
    return OpenedExport(
        path=path,
        source=guess.source,
        data=data,
        head=text,
        encoding="utf-8" if encoding == "utf-8-sig" else "gb18030",
        delimiter=guess.delimiter,
        header_index=guess.index,
        headers=[cell.strip() for cell in guess.cells],
        column_positions=positions,
        ignored_headers=ignored,
        size_bytes=len(data),
    )


def blank_line_numbers(data: bytes) -> list[int]:
    """Return the 1-based numbers of the empty lines, which the CSV reader passes over.

    Most exports have none, and then the file is not scanned line by line.
    """
    if b"\n\n" not in data and b"\n\r\n" not in data:
        return []
    return [
        number
        for number, line in enumerate(data.split(b"\n"), start=1)
        if not line.strip(b"\r")
    ]


def is_footer(first_cell: str | None) -> bool:
    """Tell whether a row is a totals row that exports add at the bottom."""
    return bool(first_cell) and bool(
        FOOTER_PATTERN.match(unicodedata.normalize("NFKC", first_cell))
    )
