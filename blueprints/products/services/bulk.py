"""상품대량등록/수정 import: every row judged by rules.check, good rows stored, a failure file back."""
from sqlalchemy.exc import IntegrityError

from models import Product, Tenant, User
from portal.extensions import db
from portal.services.excel import write_workbook
from portal.tenancy import tenant_query

from . import catalog, rules
from .bulk_sheet import REASON, draft_from_row, fingerprint, read_rows, row_dict
from .draft import draft_from_product

BATCH = 200
MSG_NOT_FOUND = "상품코드/자체상품코드에 해당하는 상품이 없습니다."
MSG_NO_KEY = "상품코드 또는 자체상품코드를 입력해 주세요."
MSG_CONFLICT = "동시에 진행된 다른 작업과 충돌했습니다. 실패 파일을 다시 업로드해 주세요."
MSG_NO_NAME = "상품명 컬럼이 없습니다. 상품대량등록 양식을 내려받아 사용해 주세요."


class Importer:
    """One upload: `mode` is "register" or "modify"; `progress` is the job's Progress."""

    def __init__(self, progress, tenant_id: int, user_id: int | None, mode: str):
        self.progress, self.mode = progress, mode
        self.tenant = db.session.get(Tenant, tenant_id)
        self.user = db.session.get(User, user_id) if user_id else None
        self.failures, self.pending_ok, self.pending_fail = [], 0, []
        self._load_keys()

    def _load_keys(self) -> None:
        """Own codes and row fingerprints in memory: one query, not one per row."""
        rows = (tenant_query(Product, self.tenant)
                .with_entities(Product.id, Product.own_code, Product.import_key).all())
        self.own_codes = {code: pid for pid, code, _ in rows if code}
        self.import_keys = {key for _, _, key in rows if key}

    def taken(self, code, product_id) -> bool:
        owner = self.own_codes.get(code)
        return owner is not None and owner != product_id

    def run(self, path: str) -> tuple[int, int]:
        header, rows = read_rows(path)
        self.header = header
        if "상품명" not in header and not (self.mode == "modify" and "상품코드" in header):
            self.progress.log(MSG_NO_NAME, "error")
            return 0, 0
        batch = []
        for number, values in rows:
            if not any(values):
                continue
            batch.append((number, values))
            if len(batch) >= BATCH:
                self._flush(batch)
                batch = []
        if batch:
            self._flush(batch)
        return self.progress.run.ok_count, self.progress.run.fail_count

    def _flush(self, batch) -> None:
        self.created = []
        try:
            with db.session.no_autoflush:
                for number, values in batch:
                    self._one(number, values)
            db.session.flush()  # one round of inserts for the whole batch
            for product in self.created:
                catalog.assign_code(product)
            db.session.commit()
        except IntegrityError:
            # Another upload stored one of these rows first: nothing of this batch is kept.
            db.session.rollback()
            self.pending_fail = [(n, v, MSG_CONFLICT) for n, v in batch]
            self.pending_ok = 0
            self._load_keys()
        run = self.progress.run
        run.done_count += self.pending_ok
        run.ok_count += self.pending_ok
        db.session.commit()
        for number, values, reason in self.pending_fail:
            self.failures.append(values + [""] * (len(self.header) - len(values)) + [reason])
            self.progress.step(f"{number}행 실패: {reason}", ok=False)
        self.pending_ok, self.pending_fail = 0, []
        total = run.total or "?"
        self.progress.log(f"{run.done_count}/{total}행 처리 (성공 {run.ok_count}, 실패 {run.fail_count})")

    def _fail(self, number, values, reason) -> None:
        self.pending_fail.append((number, values, reason))

    def _one(self, number, values) -> None:
        row = row_dict(self.header, values)
        if self.mode == "register":
            self._register(number, values, row)
        else:
            self._modify(number, values, row)

    def _register(self, number, values, row) -> None:
        key = fingerprint(values)
        if key in self.import_keys:
            self.pending_ok += 1  # the same row again: already stored, nothing changes
            return
        draft = draft_from_row(row, self.tenant.name)
        check = rules.check(draft, self.tenant, taken=self.taken)
        if not check.ok:
            self._fail(number, values, " / ".join(check.messages()))
            return
        product = catalog.create(self.tenant, self.user, check, action="대량등록",
                                 import_key=key, flush=False)
        self.created.append(product)
        self.import_keys.add(key)
        if product.own_code:
            self.own_codes[product.own_code] = -1  # taken; the id comes with the batch insert
        self.pending_ok += 1

    def _modify(self, number, values, row) -> None:
        code, own = (row.get("code") or "").strip(), (row.get("own_code") or "").strip()
        query = tenant_query(Product, self.tenant).filter(Product.deleted_at.is_(None))
        if code:
            product = query.filter(Product.code == code).one_or_none()
        elif own:
            product = query.filter(Product.own_code == own).one_or_none()
        else:
            self._fail(number, values, MSG_NO_KEY)
            return
        if product is None:
            self._fail(number, values, MSG_NOT_FOUND)
            return
        draft = draft_from_row(row, self.tenant.name, base=draft_from_product(product))
        check = rules.check(draft, self.tenant, product=product, taken=self.taken)
        if not check.ok:
            self._fail(number, values, " / ".join(check.messages()))
            return
        old_own = product.own_code
        catalog.update(product, self.user, check, action="대량수정")
        if old_own != product.own_code:
            self.own_codes.pop(old_own, None)
            if product.own_code:
                self.own_codes[product.own_code] = product.id
        self.pending_ok += 1

    def write_failures(self, download_name: str) -> None:
        if not self.failures:
            return
        path = self.progress.output_path(".xlsx")
        write_workbook(path, self.header + [REASON], self.failures, "실패목록")
        self.progress.attach_file(path, download_name)
        self.progress.log(f"실패한 {len(self.failures)}행을 실패사유와 함께 파일로 만들었습니다.", "fail")


def count_rows(path: str) -> int:
    _, rows = read_rows(path)
    return sum(1 for _, values in rows if any(values))
