"""수기주문 upload writer: stores checked chunks on threads of their own while the job checks the next one.

The database does its part of a chunk (rows, unique key, foreign keys; PostgreSQL in its own process,
SQLite with the interpreter lock released) while the reader turns the next chunk into orders: the two
overlap instead of taking turns. PostgreSQL gets two writers, so two server processes check foreign keys
and fill indexes side by side (chunks never share an order number: the reader drops repeats); SQLite has
one writer lock, so one. Each writer has its own session and commits its chunks with their progress
lines (each chunk when it keeps up, every few when it is the slower side); one chunk at most waits, so
memory stays flat however long the sheet.
"""
import threading

from flask_babel import gettext
from sqlalchemy import text

from models import JobLine
from portal.extensions import db
from portal.services.threads import StoreThreads

from .store import store_batch

SYNC_OFF = text("SET LOCAL synchronous_commit TO OFF")
WAITING = 1  # chunks checked and waiting for a writer thread (memory: each holds its rows)
COMMIT_EVERY = 3  # chunks a busy writer stores per commit


class Writer(StoreThreads):
    """put() checked chunks, close() when the sheet is read; failures go through `fail(row_no, raws, reason)`."""

    def __init__(self, app, tenant_id: int, run_id: int, fail, stored: int = 0, rows: int = 0, threads: int = 1):
        self.tenant_id, self.run_id, self.fail = tenant_id, run_id, fail
        self.stored, self.rows = stored, rows  # stored / read so far (by the caller before the writer started)
        self.postgres = db.engine.dialect.name == "postgresql"
        self.lock = threading.Lock()
        self.waiting = 0  # chunks stored and not committed (a lone writer)
        self.touched: set[int] = set()  # products whose stock the stored orders took
        super().__init__(app, threads=threads, waiting=WAITING, name=f"manual-orders-{run_id}")

    def put(self, orders: list[tuple], spans: list[tuple], raws: list[list], offset: int, rows_read: int) -> None:
        """orders as store_batch takes them; spans[i] = (start, end) of orders[i] in raws, whose first row is
        row number `offset` of the sheet (for the failure file)."""
        self.raise_error()
        super().put((orders, spans, raws, offset, rows_read))

    def close(self) -> int:
        """Wait for the chunks still queued; the number of orders stored in all."""
        super().close()
        return self.stored

    def store(self, item) -> None:
        self.waiting += 1
        # A lone writer commits when the reader is behind (nothing queued) or every few chunks: a commit
        # is disk syncs, so a writer that is the bottleneck makes fewer of them. Side by side writers
        # commit every chunk, in turn, so progress lines appear in id order.
        last = len(self.threads) > 1 or self.queue.empty() or self.waiting >= COMMIT_EVERY
        self._store(*item, commit=last)
        if last:
            self.waiting = 0

    def _store(self, orders: list[tuple], spans: list[tuple], raws: list[list], offset: int, rows_read: int,
               commit: bool) -> None:
        if self.postgres:
            # A chunk's commit need not wait for the disk: the job's last commit (with the report) does,
            # and with it every chunk before it. A server crash in between loses the last chunks and the
            # run never reads as done; uploading the file again stores just what is missing.
            db.session.execute(SYNC_OFF)
        touched: set[int] = set()
        duplicates = store_batch(self.tenant_id, self.run_id, orders, commit=False, touched=touched)
        stored = len(orders)
        if duplicates:
            for (s, e), (values, _) in zip(spans, orders):
                if values[1] in duplicates:
                    self.fail(offset + s, raws[s:e], gettext("이미 등록된 주문번호입니다: %(value)s",
                                                             value=values[1]))
                    stored -= 1
        with self.lock:  # counts only ever growing and committed in turn, whichever writer gets here first
            self.stored += stored
            self.touched |= touched
            self.rows = max(self.rows, rows_read)
            text = gettext("%(rows)s행 처리, 주문 %(stored)s건 저장", rows=format(self.rows, ","),
                           stored=format(self.stored, ","))
            db.session.add(JobLine(run_id=self.run_id, text=text, level="info"))
            if commit:
                db.session.commit()
