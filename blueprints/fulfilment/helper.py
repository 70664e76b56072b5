"""주문 서식 도우미: the suggested fixes of a 수기주문 upload's failed rows, accepted in bulk and imported again.

An upload's failure file holds the failed rows as the file had them, a 수정 제안 column and the 실패사유
column last; beside it the job keeps what the helper needs (판매 플랫폼, 브랜드, which column holds which
field). A fix is suggested only where it is clear: a phone written with dots or slashes, a SKU that is
one small typo away from a registered code, a country name we know. The seller reviews them on the
page, accepts them (all checked at first), can pick the product of an unknown channel code in the
popup (remembered in the SKU mapping table), and imports the fixed rows as a new upload.
"""
import difflib
import json
import os
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from models import JobRun
from portal.i18n import N_, ko
from portal.queues import job_files_dir
from portal.services.excel import write_workbook
from portal.tenancy import get_owned_or_404

from .cleanup import COUNTRY_NAMES, ids
from .rules import PHONE_RE, Invalid
from .skus import UNKNOWN_SKU_MESSAGE, normal

SUGGESTION = N_("수정 제안")  # the failure file's last two columns, titled in the starter's language
REASON = N_("실패사유")
KIND = ko("수기주문 엑셀 업로드")  # the job's stored kind: the helper finds its runs by it
SUGGESTION_WHY = {"phone": N_("전화번호 구분 기호는 - 로"), "country": N_("국가 이름을 국가코드로"),
                  "sku": N_("등록된 비슷한 상품코드")}
SEPARATORS = re.compile(r"[.\s/·]+")


@dataclass(frozen=True)
class Fix:
    column: int  # index into the row's cells
    old: str
    new: str
    why: str

    def text(self, header: list[str]) -> str:
        return f"{header[self.column]}: {self.old} → {self.new} ({self.why})"


class Suggester:
    """Suggested fixes of a failed row; `columns` says where the plainly mapped fields are."""

    def __init__(self, columns: dict[str, int], codes: list[str]):
        self.columns, self.codes = columns, codes
        self.close: dict[str, str | None] = {}

    def fixes(self, cells: list[str], reason: str) -> list[Fix]:
        out = []
        col = self.columns.get("recipient_phone")
        if col is not None and _names(reason, ko("전화번호"), "phone"):
            phone = cells[col]
            fixed = SEPARATORS.sub("-", phone.strip()).strip("-")
            if fixed != phone and PHONE_RE.fullmatch(fixed):
                out.append(Fix(col, phone, fixed, _(SUGGESTION_WHY["phone"])))
        col = self.columns.get("country")
        if col is not None and _names(reason, ko("국가코드"), "country code"):
            name = "".join(cells[col].split()).lower()
            near = difflib.get_close_matches(name, list(COUNTRY_NAMES), n=1, cutoff=0.75)
            if near:
                out.append(Fix(col, cells[col], COUNTRY_NAMES[near[0]], _(SUGGESTION_WHY["country"])))
        col = self.columns.get("sku")
        if col is not None and unknown_here(reason, cells[col]):
            code = cells[col].strip()
            if code not in self.close:
                near = difflib.get_close_matches(code, self.codes, n=1, cutoff=0.8) if len(self.close) < 500 else []
                self.close[code] = near[0] if near else None
            if self.close[code]:
                out.append(Fix(col, code, self.close[code], _(SUGGESTION_WHY["sku"])))
        return out


def _names(reason: str, *words: str) -> bool:
    """Whether a failure reason (written in the language of whoever started the upload) names the field."""
    lowered = reason.lower()
    return any(word in lowered for word in words)


def _unknown_patterns() -> list:
    """The unknown-SKU reason in Korean and in the current language, its SKU caught."""
    found = []
    for text in dict.fromkeys((UNKNOWN_SKU_MESSAGE, _(UNKNOWN_SKU_MESSAGE))):
        head = text.split("%(sku)s")[0]
        found.append(re.compile(re.escape(head) + r"(.+?) \("))
    return found


def unknown_here(reason: str, cell) -> bool:
    """Whether the reason is an unknown SKU and names this row's SKU: every row of a failed order carries
    the order's reason, and a row whose SKU is registered is not the one to fix."""
    found = next((m for m in (p.search(reason) for p in _unknown_patterns()) if m), None)
    code = normal(ids([str(cell or "")])[0])
    return bool(found and code) and found.group(1).strip().upper() == code.upper()


def sidecar_path(output_path: str) -> str:
    return os.path.splitext(output_path)[0] + ".json"


def write_sidecar(output_path: str, platform: str, brand: str, columns: dict[str, int]) -> None:
    with open(sidecar_path(output_path), "w", encoding="utf-8") as fh:
        json.dump({"platform": platform, "brand": brand, "columns": columns}, fh, ensure_ascii=False)


@dataclass
class Failed:
    """An upload's failed rows as the helper shows them."""
    run: JobRun
    platform: str
    brand: str
    header: list[str]  # the file's own columns
    rows: list[list[str]]
    reasons: list[str]
    fixes: list[list[Fix]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # channel codes no product answers to


def load(tenant, run_id: int, codes: list[str]) -> Failed:
    """The failed rows of one of the seller's uploads (404 for another seller's run or another job)."""
    from python_calamine import CalamineWorkbook

    run = get_owned_or_404(JobRun, run_id)
    if run.kind != KIND or not run.result_file:
        raise Invalid(_("실패한 행이 있는 수기주문 업로드가 아닙니다."))
    base = os.path.join(job_files_dir(), str(tenant.id))
    path = os.path.join(base, os.path.basename(run.result_file))
    try:
        with open(sidecar_path(path), encoding="utf-8") as fh:
            meta = json.load(fh)
        values = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    except (OSError, ValueError):
        raise Invalid(_("실패 파일을 찾을 수 없습니다. 파일을 다시 올려 주세요.")) from None
    head = [str(h) for h in values[0]]
    width = len(head) - 2  # the file's columns, then 수정 제안 and 실패사유
    rows = [[_text(v) for v in r[:width]] for r in values[1:]]
    failed = Failed(run, meta["platform"], meta["brand"], head[:width], rows, [_text(r[-1]) for r in values[1:]])
    suggester = Suggester(meta["columns"], codes)
    failed.fixes = [suggester.fixes(cells, reason) for cells, reason in zip(rows, failed.reasons)]
    col = meta["columns"].get("sku")
    failed.unknown = sorted({row[col].strip() for row, reason in zip(rows, failed.reasons)
                             if col is not None and unknown_here(reason, row[col])})
    return failed


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def fixed_file(failed: Failed, accepted: set[str], folder: str) -> str:
    """The failed rows with the accepted fixes ("row:column" keys) applied, as a new upload file."""
    rows = [list(r) for r in failed.rows]
    for i, fixes in enumerate(failed.fixes):
        for fix in fixes:
            if f"{i}:{fix.column}" in accepted:
                rows[i][fix.column] = fix.new
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"manual-fixed-{os.urandom(8).hex()}.xlsx")
    write_workbook(path, failed.header, rows, _("수기주문"))
    return path
