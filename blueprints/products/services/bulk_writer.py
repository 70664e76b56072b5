"""상품대량등록: judged batches stored, on PostgreSQL by a second thread while the next is judged.

Storing a batch on PostgreSQL is mostly the server's own work (18 product indexes, foreign
keys, the commit), done in its own process: on a second connection it overlaps with judging
the next batch instead of adding to it. At most two batches wait, so memory stays flat for
any sheet size. SQLite works inside this process and lets go of Python's lock for every row
it writes, so a second thread would fight the judge for that lock: there batches are stored
in turn, in the job's thread.

Each batch commits with its counts and progress line, so the progress window moves as before.
On PostgreSQL the batches commit without waiting for the disk (synchronous_commit off for
those transactions only): the job's own last commit waits, and with it every batch before it.
A server crash in between loses at most the last batches and marks nothing stored that is not;
the job is then failed and the same file uploaded again stores just the missing rows.
"""
import threading
from dataclasses import dataclass
from queue import Queue

from sqlalchemy import text, update
from sqlalchemy.exc import IntegrityError

from models import JobLine, JobRun
from portal.extensions import db

from . import bulk_store

MSG_CONFLICT = "동시에 진행된 다른 작업과 충돌했습니다. 실패 파일을 다시 업로드해 주세요."


@dataclass
class Batch:
    rows: list  # [(row number, cell texts)] as read
    new: list  # [(import key, check.values)] to store
    ok: int  # rows stored now or already stored by an earlier upload
    failed: list  # [(row number, cell texts, reason)]


class BatchStore:
    """put() judged batches, then finish(); failures holds the failure file's rows in order."""

    def __init__(self, app, run_id: int, tenant_id: int, who: tuple, width: int, total):
        self.app, self.run_id, self.tenant_id, self.who = app, run_id, tenant_id, who
        self.width, self.total = width, total or "?"
        self.failures: list[list[str]] = []
        self.done = self.ok = self.fail = 0
        self.conflicted = threading.Event()  # the judge reloads the codes it thinks are taken
        self.error: BaseException | None = None
        self._queue: Queue = Queue(maxsize=2)
        self.postgres = db.engine.dialect.name == "postgresql"
        self.inline = not self.postgres
        self._thread = threading.Thread(target=self._work, name=f"bulk-store-{run_id}",
                                        daemon=True)
        if not self.inline:
            self._thread.start()

    def put(self, batch: Batch) -> None:
        if self.inline:
            self._store(batch)
            return
        self._queue.put(batch)

    def finish(self) -> None:
        """Wait for every batch; a storing error is raised here, in the job's thread."""
        if self.inline:
            return
        self._queue.put(None)
        self._thread.join()
        if self.error is not None:
            raise self.error

    def _work(self) -> None:
        with self.app.app_context():
            while (batch := self._queue.get()) is not None:
                if self.error is not None:
                    continue  # keep taking batches so the judge never waits on a full queue
                try:
                    self._store(batch)
                except BaseException as exc:  # handed to the job's thread by finish()
                    db.session.rollback()
                    self.error = exc

    def _store(self, batch: Batch) -> None:
        ok, failed = batch.ok, batch.failed
        if self.postgres:
            db.session.execute(text("SET LOCAL synchronous_commit TO OFF"))
        try:
            bulk_store.store(self.tenant_id, self.who, batch.new)
        except IntegrityError:
            # Another upload stored one of these rows first: nothing of this batch is kept.
            db.session.rollback()
            failed = [(n, v, MSG_CONFLICT) for n, v in batch.rows]
            ok = 0
            self.conflicted.set()
        self.done += ok + len(failed)
        self.ok += ok
        self.fail += len(failed)
        for number, values, reason in failed:
            self.failures.append(values + [""] * (self.width - len(values)) + [reason])
        db.session.execute(update(JobRun).where(JobRun.id == self.run_id).values(
            done_count=self.done, ok_count=self.ok, fail_count=self.fail))
        db.session.add_all([JobLine(run_id=self.run_id, text=f"{n}행 실패: {reason}", level="fail")
                            for n, _, reason in failed])
        db.session.add(JobLine(run_id=self.run_id, level="info",
                               text=f"{self.done}/{self.total}행 처리 (성공 {self.ok}, "
                                    f"실패 {self.fail})"))
        db.session.commit()
