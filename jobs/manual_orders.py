"""수기주문 엑셀 업로드 job: read the sheet, check each order, map its SKUs, store good ones in chunks, write a
failure file.

The sheet is handled a chunk of CHUNK rows at a time and column by column: each mapped column is turned
into text in one pass (a column that is all text only loses its spaces), numbers stay numbers for the
quantity and amount rules, and the rows of one order (same 주문번호, one below the other) never straddle
two chunks. Per chunk: the form's rules over whole columns (columns.screen; rules.check one by one only
for orders with a suspect cell), the SKUs the upload has not met yet resolved with two queries (skus), then
one bulk write of orders and one of lines (store) and one commit carrying the progress line, so stored
orders are visible while the rest is read. The first chunk is small, so the first orders show at once. A
sheet of one chunk is stored here, PART rows at a time, each part going to the database while the next is
checked, and committed with the report (one commit in all); a longer one goes to writer threads (writer),
which store a chunk while the next is checked. A row's other cells are turned into text only if it fails.
"""
import os
from bisect import bisect_left
from itertools import chain, islice
from operator import itemgetter

from flask import current_app
from flask_babel import gettext

import blueprints.fulfilment.cleanup as cleanup
import blueprints.fulfilment.presets as presets
from blueprints.fulfilment.columns import screen
from blueprints.fulfilment.extras import EXTRA_RAW, EXTRA_TEXT, with_extras, without_extras
from blueprints.fulfilment.failures import FailureFile, failure_rows
from blueprints.fulfilment.learning import product_pages
from blueprints.fulfilment.helper import REASON, SUGGESTION, Suggester, write_sidecar
from blueprints.fulfilment.mapping import HEADER_SCAN, Picker
from blueprints.fulfilment.services import default_profile, mapped, saved_profile
from blueprints.fulfilment.skus import Resolver
from blueprints.fulfilment.store import OrderStream
from blueprints.fulfilment.writer import Writer
from blueprints.orders.services import RuleViolation
from blueprints.orders.services.sheets import cell_text, read_raw_soon
from blueprints.orders.services.stock_link import announce
from models import JobLine
from portal.extensions import db
from portal.queues import Refused
from portal.services.excel import write_workbook
from portal.services.uploads import collector_paused

CHUNK = 5000  # rows of the first chunk (shown at once); later chunks are LATER times bigger (fewer commits)
LATER = 2
PART = 1000  # rows checked at a time in a sheet of one chunk (one part is stored while the next is checked)
TEXT_KEYS = ("country", "product_url", "order_no", "recipient_name", "recipient_phone", "zip_code", "address",
             "address_detail", "message", "sku", "platform", "brand")
PLAIN_TEXT = ("product_url", "recipient_name", "address", "address_detail", "message", "platform", "brand")
NUMBER_KEYS = ("quantity", "order_amount", "paid_amount", "total_paid")  # rules.check reads numbers or text
def _texts(values: list) -> list[str]:
    """One column as text: a column of text only loses its spaces (in C); anything else cell by cell."""
    if set(map(type, values)) <= {str}:
        return list(map(str.strip, values))
    return list(map(cell_text, values))


def _as_read(value):
    """A failed row's cell as the sheet had it: numbers stay numbers (2.0 reads 2), the rest as text."""
    if type(value) is float and value.is_integer():
        return int(value)
    return value if type(value) in (int, float) else cell_text(value)


class _Upload:
    """The state of one upload while it is read: counts, the SKUs met so far, the failed rows."""

    def __init__(self, progress, resolver: Resolver, platform: str, brand: str, header: list[str],
                 picker: Picker):
        self.progress, self.resolver, self.tenant_id, self.picker = progress, resolver, resolver.tenant_id, picker
        self.header, self.width = header, len(header)
        self.platform, self.brand = platform.strip()[:50], brand.strip()[:50]  # as rules.check cleans them
        self.failures: list[tuple[int, list]] = []  # (row number, cells + reason), from both threads
        self.seen: set[str] = set()
        self.rows = self.orders = self.chunks = 0
        self.writer: Writer | None = None
        self.touched: set[int] = set()  # products whose stock the stored orders took (announced at the end)
        self.pages: dict[int, str] = {}  # a Japan order's item page per product (learning.product_pages)
        self.early: FailureFile | None = None

    def fail(self, row_no: int, raws, reason: str) -> None:
        for k, raw in enumerate(raws):
            cells = [_as_read(v) for v in raw]
            self.failures.append((row_no + k, cells + [""] * (self.width - len(cells)) + [reason]))

    def finish(self) -> None:
        """Wait for the writer (if the sheet needed one): every chunk stored, the count complete."""
        if self.writer is not None:
            writer, self.writer = self.writer, None
            self.orders = writer.close()
            self.touched |= writer.touched

    def suggester(self) -> Suggester:
        """Suggested fixes for the failed rows: the plainly mapped columns, the catalogue's codes (when it
        was read whole)."""
        catalogue = self.resolver.catalogue
        codes = sorted(set(catalogue[0]) | set(catalogue[1])) if catalogue else []
        return Suggester(dict(self.picker.plain), codes)

    def _start_failure_file(self, path: str, background: bool = True) -> None:
        """Once the sheet is read: the failures so far go to the file while the database stores the last
        orders."""
        if self.failures:
            self.early = FailureFile(path, self.header, self.failures, background, self.suggester())

    def columns(self, raws: list[list]) -> dict[str, list]:
        """The mapped columns of these rows (one column transposed in C, several joined), texts as text and
        cleaned (cleanup); unmapped ones blank."""
        out = self.picker.columns(raws, TEXT_KEYS + NUMBER_KEYS + EXTRA_TEXT + EXTRA_RAW)
        blank = [""] * len(raws)
        c = {k: (_texts(out[k]) if k in TEXT_KEYS + EXTRA_TEXT else cleanup.numbers(out[k]) if k in NUMBER_KEYS
                 else out[k]) if k in out else blank for k in TEXT_KEYS + NUMBER_KEYS + EXTRA_TEXT + EXTRA_RAW}
        for k in PLAIN_TEXT:
            c[k] = cleanup.texts(c[k])
        c["country"] = cleanup.countries(c["country"])
        c["order_no"], c["sku"] = cleanup.ids(c["order_no"]), cleanup.ids(c["sku"])
        c["recipient_phone"] = cleanup.phones(c["recipient_phone"])
        countries = [v.upper() or "KR" for v in c["country"]]
        c["zip_code"] = cleanup.zip_codes(c["zip_code"], countries)
        if "JP" in countries:
            c["product_url"] = self._urls(countries, c["sku"], c["product_url"])
        return c

    def _urls(self, countries: list[str], skus: list[str], urls: list[str]) -> list[str]:
        """A Japan order without a product URL takes the channel's item page the SKU mapping table keeps
        for its SKU, else one the product has (learning.product_pages: another code's, or a listing's). The
        SKUs are resolved anyway; before the store's stream opens, as its first use."""
        missing = [i for i, (k, u) in enumerate(zip(countries, urls)) if k == "JP" and not u and skus[i]]
        if not missing:
            return urls
        known = self.resolver.resolve({skus[i] for i in missing})
        urls = list(urls)
        for i in missing:
            match = known[skus[i]]
            if type(match) is not str and match.url:
                urls[i] = match.url
        rest = [i for i in missing if not urls[i] and type(known[skus[i]]) is not str]
        if rest:  # else the product's own page: from the mapping table under any code, or its listings
            asked = {known[skus[i]].product_id for i in rest} - self.pages.keys()
            if asked:  # (a chunk's first look, before the store's stream opens: no query while it is open)
                found = product_pages(self.tenant_id, asked)
                self.pages.update({p: found.get(p, "") for p in asked})
            for i in rest:
                urls[i] = self.pages[known[skus[i]].product_id]
        return urls

    def order_numbers(self, raws: list[list]) -> list[str]:
        return cleanup.ids(_texts(self.picker.columns(raws, ("order_no",))["order_no"]))

    def take(self, raws: list[list], final: bool) -> list[list]:
        """Check and store the complete orders of these rows; return the rows of an order that may go on
        in the next chunk (none when final)."""
        short = [r for r in raws if len(r) < self.width]  # CSV rows may stop early
        for r in short:
            r.extend([""] * (self.width - len(r)))
        nos = self.order_numbers(raws)
        if "" in nos:  # blank rows between orders are skipped
            keep = [i for i, no in enumerate(nos) if no or any(cell_text(v) for v in raws[i])]
            raws, nos = [raws[i] for i in keep], [nos[i] for i in keep]
        starts = [0] + [i for i in range(1, len(nos)) if nos[i] != nos[i - 1]]
        if len(starts) > len(set(nos)):  # rows of one order apart: brought together, in the file's order
            first = {}
            for i, no in enumerate(nos):
                first.setdefault(no, i)
            order = sorted(range(len(nos)), key=lambda i: first[nos[i]])
            raws, nos = [raws[i] for i in order], [nos[i] for i in order]
            starts = [0] + [i for i in range(1, len(nos)) if nos[i] != nos[i - 1]]
        carry: list[list] = []
        if not final and starts:
            carry, raws = raws[starts[-1]:], raws[:starts[-1]]
            starts.pop()
        if raws:
            self.rows += len(raws)
            self._store(raws, starts, final)
        return carry

    def _store(self, raws: list[list], starts: list[int], final: bool) -> None:
        self.chunks += 1
        offset = self.rows - len(raws)  # row number of raws[0]
        if self.writer is None and final:
            self._store_here(raws, starts, offset)
            return
        # A long sheet: writers store while the next chunk is read.
        orders, kept = self._check(raws, starts, offset)
        if self.writer is None:
            db.session.commit()  # the lines so far, before the writers' own
            pg = db.session.connection().dialect.name == "postgresql"
            self.writer = Writer(current_app._get_current_object(), self.tenant_id, self.progress.id,
                                 self.fail, stored=self.orders, rows=offset, threads=2 if pg else 1)
        if final:
            self._start_failure_file(self.progress.output_path(".xlsx"))
        self.writer.put(orders, kept, raws, offset, self.rows)

    def _store_here(self, raws: list[list], starts: list[int], offset: int) -> None:
        """A sheet of one chunk, stored in this thread and committed with the report. The orders go to the
        database part by part as they are checked (store.OrderStream), so on PostgreSQL the server stores
        one part while the next is checked; the chunk's SKUs are resolved first, as no query can run while
        the stream is open."""
        self.resolver.resolve(set(self.columns(raws)["sku"]) - {""})
        failure_file = self.progress.output_path(".xlsx")
        # Parts of about PART rows, each starting where an order starts (cuts are indexes into starts).
        inner = {bisect_left(starts, row) for row in range(PART, len(raws), PART)} - {0, len(starts)}
        cuts = [0, *sorted(inner), len(starts)]
        parts = []
        # The failure file is written in this thread (on PostgreSQL while the server stores the lines): on
        # a thread of its own it would hold the interpreter lock whenever this one comes back from the
        # database, SQLite's inserts included, and each return would wait for it.
        with OrderStream(self.tenant_id, self.progress.id, len(starts),
                         meanwhile=lambda: self._start_failure_file(failure_file, background=False)) as stream:
            for i, j in zip(cuts, cuts[1:]):
                a, b = starts[i], starts[j] if j < len(starts) else len(raws)
                part = raws[a:b]
                orders, kept = self._check(part, [s - a for s in starts[i:j]], offset + a)
                stream.add(orders)
                parts.append((part, offset + a, kept, orders))
        self.orders += len(stream.orders) - len(stream.registered)
        self.touched |= stream.touched
        taken = stream.registered
        for part, first, kept, orders in parts:
            for (s, e), (values, _) in zip(kept, orders):
                if values[1] in taken:
                    self.fail(first + s, part[s:e], gettext("이미 등록된 주문번호입니다: %(value)s",
                                                            value=values[1]))
        _note(self.progress, gettext("%(rows)s행 처리, 주문 %(orders)s건 저장", rows=format(self.rows, ","),
                                      orders=format(self.orders, ",")))  # committed with the report

    def _check(self, raws: list[list], starts: list[int], offset: int) -> tuple[list[tuple], list[tuple]]:
        """The orders of these rows that pass every rule and name known SKUs, ready for the store, with
        their (start, end) in raws; the others go to the failures (raws[0] is row `offset`)."""
        columns = self.columns(raws)
        good, bad = screen(columns, starts, len(raws), self.platform, self.brand)
        numbers = [values[1] for _, _, values, _ in good]
        if self.seen.isdisjoint(numbers) and len(set(numbers)) == len(numbers):
            self.seen.update(numbers)
        else:
            good = self._first_of_each(good, bad)
        known = self.resolver.resolve(set(columns["sku"]) - {""})  # the chunk's SKUs, good orders' among them
        orders, kept = [], []
        extras = self.picker.maps(EXTRA_TEXT + EXTRA_RAW)
        for s, e, values, lines in good:
            values, lines = with_extras(columns, s, e, values, lines) if extras else without_extras(values, lines)
            if type(lines) is str:
                pass
            elif len(lines) == 1:  # most orders: one SKU, nothing to merge
                line = lines[0]
                match = known[line[0]]
                lines = match if type(match) is str else [(match.sku, line[1], match.product_id, match.option_id)
                                                          + line[2:]]
            else:
                lines = mapped(known, lines)
            if type(lines) is str:
                bad.append((s, e, lines))
            else:
                orders.append((values, lines))
                kept.append((s, e))
        for s, e, reason in bad:
            self.fail(offset + s, raws[s:e], reason)
        return orders, kept

    def _first_of_each(self, good: list, bad: list) -> list:
        """An order number met before in this file (rows of one order not written one below the other)."""
        kept, seen = [], self.seen
        for s, e, values, lines in sorted(good, key=itemgetter(0)):
            if values[1] in seen:
                bad.append((s, e, gettext("파일 안에서 주문번호가 중복되었습니다: %(number)s (같은 주문의 행이 "
                                          "%(rows)s행 넘게 떨어져 있으면 붙여 적어 주세요)",
                                          number=values[1], rows=format(CHUNK, ","))))
            else:
                seen.add(values[1])
                kept.append((s, e, values, lines))
        return kept


def _note(progress, text: str, level: str = "info") -> None:
    """A progress line that goes out with the next commit (the chunk's or the report's), not a commit of its
    own: on SQLite each commit is a few disk syncs."""
    db.session.add(JobLine(run_id=progress.id, text=text, level=level))


def import_manual_orders(progress, tenant_id: int, path: str, filename: str, platform: str, brand: str = "") -> None:
    """Rows of one order share its 주문번호 (one SKU per row); failed rows come back with the reason last."""
    with collector_paused():
        _import(progress, tenant_id, path, filename, platform, brand)


def _import(progress, tenant_id: int, path: str, filename: str, platform: str, brand: str) -> None:
    header, upload = None, None
    try:
        saved = saved_profile(tenant_id, platform)  # the seller's own 주문서 매칭 fixes encoding and sheet
        parsed_rows = read_raw_soon(path, filename, saved and saved.encoding, saved and saved.sheet)
        resolver = Resolver(tenant_id, platform)  # parsed on a thread while the seller's catalogue is read
        resolver.preload()
        rows = parsed_rows()
        head = [list(r) for r in islice(rows, HEADER_SCAN)]
        if not head:
            raise Refused(gettext("파일에 내용이 없습니다. 주문서 파일을 확인해 주세요."))
        profile, preset = saved, None
        if profile is None:
            preset = presets.pick(head)
            profile = preset.profile() if preset else default_profile()
        index = profile.header_index(head)
        if index is None:
            missing = profile.missing(head[(profile.header_row or 1) - 1] if profile.header_row and
                                      profile.header_row <= len(head) else head[0])
            raise Refused(gettext("주문서에 %(join)s 열이 없습니다. (처음 %(HEADER_SCAN)s행에서 머리글 행을 찾지 "
                                  "못했습니다) 주문서 매칭을 확인해 주세요.",
                                  join=', '.join(missing), HEADER_SCAN=HEADER_SCAN))
        header = [cell_text(v) for v in head[index]]
        _note(progress, gettext("%(preset)s 양식으로 파일을 읽습니다. (%(row)s행이 머리글)", preset=preset.title, row=index + 1)
              if preset else gettext("%(platform)s 주문서 매칭으로 파일을 읽습니다. (%(row)s행이 머리글)",
                                     platform=platform, row=index + 1))
        rows = chain(head[index + 1:], rows)
        upload = _Upload(progress, resolver, platform, brand, header, Picker(profile, header))
        carry: list[list] = []
        while True:
            # The first chunk is small so the first orders show soon; later ones are bigger (fewer commits).
            chunk = list(islice(rows, CHUNK if not upload.chunks else CHUNK * LATER))
            after = next(rows, None)  # one row ahead: the last chunk stores its last order too
            carry = upload.take(carry + chunk, final=after is None)
            if after is None:
                break
            carry.append(after)
    except RuleViolation as exc:  # the file cannot be read: the run ends as 실패 with the reason
        raise Refused(str(exc)) from None
    finally:
        if os.path.exists(path):
            os.remove(path)
        if upload is not None:
            upload.finish()  # the writer's chunks are in (or its error is raised) before anything is reported
    _report(progress, upload, header)
    announce(tenant_id, upload.touched)  # after the commit: stock sync hears of the products that moved


def _report(progress, upload: _Upload, header: list[str]) -> None:
    """Counts, the closing lines and the failure file in one commit, with the last chunk's orders."""
    failures = upload.failures
    run = progress.run
    run.total = run.done_count = upload.rows
    run.fail_count = len(failures)
    run.ok_count = upload.rows - len(failures)
    _note(progress, gettext("수기주문 %(orders)s건을 등록했습니다. 실패 %(failed)s행.", orders=format(upload.orders, ","),
                            failed=format(len(failures), ",")),
          "ok" if not failures else "fail")
    if failures:
        early = upload.early
        if early is not None and early.holds(len(failures)):
            out = early.path
        else:
            failures.sort(key=itemgetter(0))  # the sheet's order, whichever thread found the reason
            out = progress.output_path(".xlsx")
            write_workbook(out, header + [SUGGESTION, REASON], failure_rows(failures, upload.suggester(), header),
                           gettext("수기주문 실패"))
        write_sidecar(out, upload.platform, upload.brand, dict(upload.picker.plain))
        _note(progress, gettext("실패한 행은 결과 파일의 가장 오른쪽 열에서 사유를 확인하고 고쳐서 다시 올려 주세요. "
                                "수정 제안은 수기 주문 업로드의 주문 서식 도우미에서 한 번에 적용할 수 있습니다."))
        progress.attach_file(out, gettext("수기주문_업로드_실패.xlsx"))  # commits
    else:
        db.session.commit()
