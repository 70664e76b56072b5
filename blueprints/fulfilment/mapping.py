"""주문서 매칭: where each field of a manual order comes from in a channel's own order file.

A field takes one column, several columns joined with a separator (Japanese addresses are prefecture +
city + lines, names surname + given name, phones three parts), a fallback column used when the first is
empty, or a fixed value (country, platform, currency). The profile also fixes, when the seller wants,
the text file's encoding, the header row and the sheet; otherwise the header row is the first of the
first HEADER_SCAN rows that holds the mapped headers. Headers compare after NFKC and without spaces, so
"送付先住所：都道府県" matches "送付先住所:都道府県".

Stored as JSON: field -> "header" (one column) or {"cols": [...], "sep": "-", "or": "header", "value": "JP"};
settings under "_encoding", "_header_row", "_sheet".
"""
import json
import unicodedata
from dataclasses import dataclass, field
from operator import itemgetter

from flask_babel import gettext as _

from blueprints.orders.services.sheets import cell_text

from .rules import EXTRA_FIELDS, FIELDS, Invalid

HEADER_SCAN = 10  # rows searched for the header row
SEPARATORS = {"recipient_phone": "-", "zip_code": "-"}  # a field's default separator; others join with a space
SETTINGS = ("_encoding", "_header_row", "_sheet")


def norm(header) -> str:
    """A header as compared: NFKC (full-width to half-width), no spaces, lower case."""
    return "".join(unicodedata.normalize("NFKC", cell_text(header)).split()).lower()


@dataclass(frozen=True)
class Source:
    """Where one field comes from: columns joined with `sep`, else the `fallback` column, else `value`."""
    columns: tuple[str, ...] = ()
    sep: str = " "
    fallback: str = ""
    value: str = ""

    @classmethod
    def load(cls, raw, key: str = "") -> "Source":
        if isinstance(raw, str):
            return cls((raw,), SEPARATORS.get(key, " "))
        return cls(tuple(raw.get("cols") or ()), raw.get("sep", SEPARATORS.get(key, " ")), raw.get("or", ""),
                   raw.get("value", ""))

    def dump(self, key: str = ""):
        if len(self.columns) == 1 and not self.fallback and not self.value:
            return self.columns[0]
        out = {"cols": list(self.columns)}
        if self.sep != SEPARATORS.get(key, " "):
            out["sep"] = self.sep
        if self.fallback:
            out["or"] = self.fallback
        if self.value:
            out["value"] = self.value
        return out

    @classmethod
    def parse(cls, text: str, sep: str | None = None, key: str = "") -> "Source":
        """The form's syntax: "열A + 열B" joins, "열A | 열B" falls back, "=JP" is a fixed value
        (also after a column: "국가 | =JP")."""
        text = (text or "").strip()
        value = ""
        if "=" in text and (text.startswith("=") or "|" in text):
            text, _, value = text.rpartition("=")
            text, value = text.rstrip(" |"), value.strip()
        main, _, fallback = text.partition("|")
        columns = tuple(c.strip() for c in main.split("+") if c.strip())
        return cls(columns, SEPARATORS.get(key, " ") if sep is None else sep, fallback.strip(), value)

    def text(self) -> str:
        out = " + ".join(self.columns)
        if self.fallback:
            out += f" | {self.fallback}"
        if self.value:
            out += f" | ={self.value}" if out else f"={self.value}"
        return out

    def headers(self) -> list[str]:
        return list(self.columns) + ([self.fallback] if self.fallback else [])

    def found_in(self, present: set[str]) -> bool:
        """Whether a header row provides this field (a fixed value always does)."""
        if self.value:
            return True
        if self.columns and all(norm(c) in present for c in self.columns):
            return True
        return bool(self.fallback) and norm(self.fallback) in present


@dataclass
class Profile:
    """A channel's 주문서 매칭: field sources and file settings (None: found in the file)."""
    fields: dict[str, Source]
    encoding: str | None = None
    header_row: int | None = None  # 1-based
    sheet: str | None = None
    name: str = ""  # the built-in preset it is, if any

    @classmethod
    def load(cls, data: dict, name: str = "") -> "Profile":
        fields = {k: Source.load(v, k) for k, v in data.items() if (k in FIELDS or k in EXTRA_FIELDS) and v}
        row = data.get("_header_row")
        return cls(fields, data.get("_encoding") or None, int(row) if row else None, data.get("_sheet") or None,
                   name)

    def dump(self) -> str:
        out = {k: s.dump(k) for k, s in self.fields.items()}
        for key, value in (("_encoding", self.encoding), ("_header_row", self.header_row), ("_sheet", self.sheet)):
            if value:
                out[key] = value
        return json.dumps(out, ensure_ascii=False)

    def missing(self, header: list) -> list[str]:
        """The required fields this header row does not provide, as the profile names them."""
        present = {norm(h) for h in header}
        return [self.fields[k].text() if k in self.fields else FIELDS[k][0]
                for k, (_, required) in FIELDS.items() if required and not self.fields.get(k, Source()).found_in(present)]

    def header_index(self, head: list[list]) -> int | None:
        """The row (index into `head`) holding the headers: the fixed one, or the first of the first
        HEADER_SCAN rows that provides every required field."""
        if self.header_row:
            return self.header_row - 1 if self.header_row <= len(head) else None
        for i, row in enumerate(head[:HEADER_SCAN]):
            if not self.missing(row):
                return i
        return None

    def score(self, head: list[list]) -> int:
        """How well the file fits (for picking a preset): mapped headers found in its header row, 0 if
        a required one is missing."""
        i = self.header_index(head)
        if i is None:
            return 0
        present = {norm(h) for h in head[i]}
        return sum(norm(h) in present for s in self.fields.values() for h in s.headers())


@dataclass
class Picker:
    """The fields of a header row's profile, taken from rows of the sheet column by column."""
    profile: Profile
    header: list[str]
    plain: dict[str, int] = field(default_factory=dict)  # one column, nothing else: the fast path
    composed: dict[str, tuple] = field(default_factory=dict)  # (indexes, sep, fallback index, value)

    def __post_init__(self):
        where = {}
        for i, h in enumerate(self.header):
            where.setdefault(norm(h), i)
        for key, s in self.profile.fields.items():
            cols = [where.get(norm(c)) for c in s.columns]
            cols = [i for i in cols if i is not None]
            fallback = where.get(norm(s.fallback)) if s.fallback else None
            if len(cols) == 1 and fallback is None and not s.value:
                self.plain[key] = cols[0]
            elif cols or fallback is not None or s.value:
                self.composed[key] = (cols, s.sep, fallback, s.value)

    def maps(self, keys) -> bool:
        """Whether the header row provides any of these fields."""
        return any(k in self.plain or k in self.composed for k in keys)

    def columns(self, raws: list[list], keys) -> dict[str, list]:
        """The keys' columns of these rows (raw values for one plain column, joined text otherwise);
        a field the profile does not map is left out."""
        plain = [k for k in keys if k in self.plain]
        out = {}
        if plain:
            picked = zip(*map(itemgetter(*[self.plain[k] for k in plain]), raws)) if len(plain) > 1 else \
                [[r[self.plain[plain[0]]] for r in raws]]
            out = dict(zip(plain, map(list, picked)))
        for key in keys:
            if key in self.composed:
                out[key] = _compose(raws, *self.composed[key])
        return out


def _compose(raws: list[list], cols: list[int], sep: str, fallback: int | None, value: str) -> list[str]:
    """Per row: the columns' texts joined (blank and "-" cells left out), else the fallback column's text, else
    the fixed value. Column by column: a column of text (a CSV's, or most of a sheet's) is only stripped."""
    if len(cols) == 1:
        out = [t if t != "-" else "" for t in _column_text(raws, cols[0])]
    elif cols:
        parts = [_column_text(raws, i) for i in cols]
        if any("" in part or "-" in part for part in parts):
            out = [sep.join([t for t in texts if t and t != "-"]) for texts in zip(*parts)]
        else:  # every cell filled (the usual export): joined in C
            out = list(map(sep.join, zip(*parts)))
    else:
        out = [""] * len(raws)
    if fallback is not None and "" in out:
        out = [t or f for t, f in zip(out, _column_text(raws, fallback))]
    if value:
        out = [t or value for t in out]
    return out


def _column_text(raws: list[list], i: int) -> list[str]:
    """Column i of the rows as text (cell_text)."""
    column = [r[i] for r in raws]
    if set(map(type, column)) <= {str}:
        return list(map(str.strip, column))
    return list(map(cell_text, column))


def check_settings(encoding: str, header_row: str, sheet: str) -> tuple:
    """The form's file settings, checked: (encoding or None, header row or None, sheet or None)."""
    encoding = (encoding or "").strip().lower() or None
    if encoding and encoding not in ENCODING_CHOICES:
        raise Invalid(_("문자 인코딩은 자동, UTF-8, CP949, CP932 중에서 골라 주세요."))
    row = (header_row or "").strip()
    if row and (not row.isdigit() or not 1 <= int(row) <= HEADER_SCAN):
        raise Invalid(_("머리글 행은 1부터 %(max)s 사이의 숫자로 입력해 주세요. (비워 두면 자동으로 찾습니다)", max=HEADER_SCAN))
    return encoding, int(row) if row else None, (sheet or "").strip() or None


ENCODING_CHOICES = ("utf-8", "cp949", "cp932")
