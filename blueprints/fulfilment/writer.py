"""수기주문 upload writer: stores checked chunks on a thread of its own while the job checks the next one.

The database does its part of a chunk (rows, unique key, foreign keys; PostgreSQL in its own process,
SQLite with the interpreter lock released) while the reader turns the next chunk into orders: the two
overlap instead of taking turns. The writer has its own session and commits each chunk with its progress
line; one chunk at most waits for it, so memory stays flat however long the sheet.
"""
import queue
import threading

from models import JobLine
from portal.extensions import db

from .store import store_batch

WAITING = 1  # chunks checked and waiting for the writer (memory: each holds its rows)


class Writer:
    """put() checked chunks, close() when the sheet is read; failures go through `fail(row_no, raws, reason)`."""

    def __init__(self, app, tenant_id: int, run_id: int, fail, stored: int = 0):
        self.tenant_id, self.run_id, self.fail = tenant_id, run_id, fail
        self.stored = stored  # orders stored so far (by the caller before the writer started, then here)
        self.error: BaseException | None = None
        self.queue: queue.Queue = queue.Queue(maxsize=WAITING)
        self.thread = threading.Thread(target=self._run, args=(app,), name=f"manual-orders-{run_id}", daemon=True)
        self.thread.start()

    def put(self, orders: list[tuple], spans: list[tuple], rows_read: int) -> None:
        """orders as store_batch takes them; spans[i] = (row number, raw rows) of orders[i]."""
        self._raise()
        self.queue.put((orders, spans, rows_read))

    def close(self) -> int:
        """Wait for the chunks still queued; the number of orders stored in all."""
        self.queue.put(None)
        self.thread.join()
        self._raise()
        return self.stored

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def _run(self, app) -> None:
        with app.app_context():
            try:
                while (item := self.queue.get()) is not None:
                    self._store(*item)
            except BaseException as exc:  # handed to the job's thread, which fails the run with it
                self.error = exc
                db.session.rollback()
                while self.queue.get() is not None:  # never leave the reader blocked on a full queue
                    pass
            finally:
                db.session.remove()

    def _store(self, orders: list[tuple], spans: list[tuple], rows_read: int) -> None:
        duplicates = store_batch(self.tenant_id, self.run_id, orders, commit=False)
        for (row_no, raws), (values, _) in zip(spans, orders):
            if values[1] in duplicates:
                self.fail(row_no, raws, f"이미 등록된 주문번호입니다: {values[1]}")
            else:
                self.stored += 1
        db.session.add(JobLine(run_id=self.run_id, text=f"{rows_read:,}행 처리, 주문 {self.stored:,}건 저장",
                               level="info"))
        db.session.commit()
