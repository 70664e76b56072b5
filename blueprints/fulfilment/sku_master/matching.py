"""SKU matching: which SKUs (× how many) an order line of 대기목록 ships, by the documented priority.

- The codes of a line are tried in priority order: option code > seller item code > item code (a
  Rakuten line keeps 商品番号 / 商品管理番号 / 商品明細ID in those three columns, an Amazon line its SKU
  in the option code; models.fulfilment_order). The first code whose every part names a SKU wins;
  when none does, the line stays unmatched under its highest-priority code (the code the seller
  matches once in 미매칭 목록).
- A comma-separated code splits into several items; a code repeated adds its quantity ("A,A,B" on a
  line of 2 ships A × 4 and B × 2).
- A part names a SKU through a remembered match (channel + code, case-insensitive) first, then by
  the SKU code itself (case-insensitive). Deleted SKUs match nothing.

A Matcher reads only the codes it is asked about (one array on PostgreSQL, else IN lists of
IN_BATCH), once, and keeps plain records of the SKUs (id, code, name).
"""
from collections import Counter, namedtuple
from dataclasses import dataclass, field

from models import FulfilmentSku, SkuMatch
from models.fulfilment_order import MATCH_NONE, MATCH_OK, MATCH_PARTIAL
from portal.extensions import db
from portal.services.bulk_sql import among

IN_BATCH = 1000
PRIORITY = ("option_code", "seller_code", "item_code")
# What matching keeps of a SKU: plain values, which a commit between batches does not expire (an
# expired ORM object would be read back one SELECT at a time).
SKU_COLUMNS = (FulfilmentSku.id, FulfilmentSku.code, FulfilmentSku.code_key, FulfilmentSku.name)
Sku = namedtuple("Sku", "id code code_key name")


def parts(code: str) -> list[str]:
    """"A, B,,A" → ["A", "B", "A"]."""
    return [p.strip() for p in (code or "").split(",") if p.strip()]


def key(code: str) -> str:
    return code.strip().lower()


@dataclass
class Result:
    """A line's matching: the code chosen, its state, and {sku id: quantity per ordered unit}."""
    code: str
    state: str
    units: Counter = field(default_factory=Counter)
    missing: list = field(default_factory=list)  # parts no SKU answers to

    @property
    def sku_id(self) -> int | None:
        return next(iter(self.units)) if len(self.units) == 1 and self.state == MATCH_OK else None


class Matcher:
    """Matches the lines of one seller; learns the SKUs and remembered matches of the codes it sees."""

    def __init__(self, tenant_id: int):
        self.tenant_id = tenant_id
        self.by_code: dict[str, Sku | None] = {}  # code key → SKU (None: known to be absent)
        self.by_match: dict[tuple[str, str], int | None] = {}  # (channel, code key) → SKU id
        self.skus: dict[int, Sku] = {}

    def load(self, rows) -> None:
        """Read the SKUs and remembered matches every code of `rows` may name, in a few queries."""
        wanted: dict[str, set[str]] = {}
        for row in rows:
            for column in PRIORITY:
                for part in parts(getattr(row, column)):
                    wanted.setdefault(row.channel, set()).add(key(part))
        codes = {k for keys in wanted.values() for k in keys} - set(self.by_code)
        for chunk in among(db.session, FulfilmentSku.code_key, sorted(codes), IN_BATCH):
            found = (db.session.query(*SKU_COLUMNS)
                     .filter(FulfilmentSku.tenant_id == self.tenant_id, chunk, FulfilmentSku.deleted_at.is_(None)))
            for sku in map(Sku._make, found):
                self.by_code[sku.code_key] = sku
                self.skus[sku.id] = sku
        for code in codes:
            self.by_code.setdefault(code, None)
        for channel, keys in wanted.items():
            keys = {k for k in keys if (channel, k) not in self.by_match}
            for chunk in among(db.session, SkuMatch.code_key, sorted(keys), IN_BATCH):
                found = (db.session.query(SkuMatch.code_key, *SKU_COLUMNS)
                         .join(FulfilmentSku, FulfilmentSku.id == SkuMatch.sku_id)
                         .filter(SkuMatch.tenant_id == self.tenant_id, SkuMatch.channel == channel, chunk,
                                 FulfilmentSku.deleted_at.is_(None)))
                for code_key, *columns in found:
                    sku = Sku._make(columns)
                    self.by_match[(channel, code_key)] = sku.id
                    self.skus[sku.id] = sku
            for code in keys:
                self.by_match.setdefault((channel, code), None)

    def sku_for(self, channel: str, part: str) -> int | None:
        k = key(part)
        remembered = self.by_match.get((channel, k))
        if remembered:
            return remembered
        sku = self.by_code.get(k)
        return sku.id if sku else None

    def match(self, row) -> Result:
        """The line's SKUs by priority (the caller has load()ed it)."""
        first = None
        for column in PRIORITY:
            code = (getattr(row, column) or "").strip()
            if not code:
                continue
            units, missing = Counter(), []
            for part in parts(code):
                sku_id = self.sku_for(row.channel, part)
                if sku_id is None:
                    missing.append(part)
                else:
                    units[sku_id] += 1
            if not missing:
                return Result(code, MATCH_OK, units)
            if first is None:
                first = Result(code, MATCH_PARTIAL if units else MATCH_NONE, units, missing)
        return first or Result("", MATCH_NONE)


def apply(tenant_id: int, rows, matcher: Matcher | None = None) -> Matcher:
    """Match `rows` and write the result on each (sku_code, match_state, sku_id); the caller commits."""
    matcher = matcher or Matcher(tenant_id)
    matcher.load(rows)
    for row in rows:
        result = matcher.match(row)
        row.sku_code, row.match_state, row.sku_id = result.code[:220], result.state, result.sku_id
    return matcher

