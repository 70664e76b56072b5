"""상품대량등록: judged batches stored, on PostgreSQL by two threads while the next is judged.

Storing a batch on PostgreSQL is mostly the server's own work (foreign key checks, row by row,
then 13 product indexes and those of every option and history row), done in its own processes: two
connections storing batches side by side overlap with judging the next batch instead of adding
to it. Batches never overlap in what they store (the judge gives each new row its own import
key and 자체상품코드), so they do not wait for each other. At most a few batches are in flight,
so memory stays flat for any sheet size. SQLite works inside this process and lets go of
Python's lock for every row it writes, so another thread would fight the judge for that lock:
there batches are stored in turn, in the job's thread.

Each batch commits with its counts and progress line, so the progress window moves as before:
the counts are added in the database (UPDATE ... RETURNING, the last statement before the
commit), so every line shows what is committed. On PostgreSQL the batches commit without
waiting for the disk (synchronous_commit off for those transactions only): the job's own last
commit waits, and with it every batch before it. A server crash in between loses at most the
last batches, and never shows as stored what is not; the same file uploaded again stores just
the missing rows.
"""
import threading
from dataclasses import dataclass

from flask_babel import gettext
from sqlalchemy import text, update
from sqlalchemy.exc import IntegrityError

from models import JobLine, JobRun
from models.base import utcnow
from portal.extensions import db
from portal.services.threads import StoreThreads
from portal.i18n import N_

from . import bulk_store

MSG_CONFLICT = N_("동시에 진행된 다른 작업과 충돌했습니다. 실패 파일을 다시 업로드해 주세요.")
MSG_ROW_FAILED = N_("%(n)s행 실패: %(reason)s")
MSG_PROGRESS = N_("%(done)s/%(total)s행 처리 (성공 %(ok)s, 실패 %(fail)s)")
THREADS = 2  # PostgreSQL: on a 2-core server more only queue for the same cores


@dataclass
class Batch:
    rows: list  # [(row number, cell texts)] as read
    new: list  # [(import key, check.values)] to store
    ok: int  # rows stored now or already stored by an earlier upload
    failed: list  # [(row number, cell texts, reason)]
    ids: list | None = None  # product ids taken in sheet order (bulk_store.reserve_ids)
    at: object = None  # registration time, also taken in sheet order


class BatchStore(StoreThreads):
    """put() judged batches, then close(); failures() gives the failure file's rows in order."""

    # Rows per batch. SQLite: every commit waits for the disk, so fewer and larger batches.
    # PostgreSQL: each batch costs several round trips besides its rows (COPY per table,
    # counts, progress line, commit), so 1,000 rather than 500 (measured: 10,000 rows went
    # from 5.6-6.9x to 4.8-5.8x the bare read; 2,000 gained nothing more and held more memory).
    sizes = {"postgresql": 1000, "sqlite": 5000}

    def __init__(self, app, run_id: int, tenant_id: int, who: tuple, width: int, total):
        self.run_id, self.tenant_id, self.who = run_id, tenant_id, who
        self.width, self.total = width, total or "?"
        self.postgres = db.engine.dialect.name == "postgresql"
        self.batch_size = self.sizes.get(db.engine.dialect.name, 1000)
        # The job's language, taken here: the writer threads have an app context but not the job's locale.
        self.msg_conflict = gettext(MSG_CONFLICT)
        self.msg_failed = gettext(MSG_ROW_FAILED, n="{n}", reason="{reason}")
        self.msg_progress = gettext(MSG_PROGRESS, done="{done}", total=str(self.total), ok="{ok}", fail="{fail}")
        self.conflicted = threading.Event()  # the judge reloads the codes it thinks are taken
        self._failed: dict[int, list] = {}  # batch number -> failure file rows
        self._count = 0
        super().__init__(app, threads=THREADS if self.postgres else 0, waiting=THREADS,
                         name=f"bulk-store-{run_id}")

    def put(self, batch: Batch) -> None:
        self._count += 1
        super().put((self._count, batch))

    def failures(self) -> list[list[str]]:
        return [row for n in sorted(self._failed) for row in self._failed[n]]

    def store(self, item: tuple[int, Batch]) -> None:
        number, batch = item
        ok, failed = batch.ok, batch.failed
        try:
            bulk_store.store(self.tenant_id, self.who, batch.new, batch.ids, batch.at)
        except IntegrityError:
            # Another upload stored one of these rows first: nothing of this batch is kept.
            db.session.rollback()
            failed = [(n, v, self.msg_conflict) for n, v in batch.rows]
            ok = 0
            self.conflicted.set()
        self._failed[number] = [values + [""] * (self.width - len(values)) + [reason]
                                for _, values, reason in failed]
        db.session.add_all([JobLine(run_id=self.run_id, level="fail",
                                   text=self.msg_failed.replace("{n}", str(n)).replace("{reason}", reason))
                            for n, _, reason in failed])
        if self.postgres:
            self._add_counts_postgres(ok, len(failed))
        else:
            self._add_counts(ok, len(failed))
        db.session.commit()

    def _add_counts(self, ok: int, failed: int) -> None:
        """Add the batch's counts, then the progress line with the totals they make."""
        run = JobRun.__table__.c
        done, ok, fail = db.session.execute(
            update(JobRun).where(JobRun.id == self.run_id)
            .values(done_count=run.done_count + ok + failed, ok_count=run.ok_count + ok,
                    fail_count=run.fail_count + failed)
            .returning(run.done_count, run.ok_count, run.fail_count)).one()
        db.session.add(JobLine(run_id=self.run_id, level="info",
                               text=self.msg_progress.replace("{done}", str(done)).replace("{ok}", str(ok))
                               .replace("{fail}", str(fail))))

    def _add_counts_postgres(self, ok: int, failed: int) -> None:
        """_add_counts in one statement, which also turns off waiting for the disk at this commit:
        every round trip of a writer thread waits for Python's lock again when it returns."""
        db.session.execute(COUNT_POSTGRES, {
            "run": self.run_id, "done": ok + failed, "ok": ok, "fail": failed,
            "line": self.msg_progress, "at": utcnow()})


COUNT_POSTGRES = text(f"""
WITH quiet AS (SELECT set_config('synchronous_commit', 'off', true)),
counted AS (
    UPDATE {JobRun.__tablename__} SET done_count = done_count + :done,
        ok_count = ok_count + :ok, fail_count = fail_count + :fail
    WHERE id = :run RETURNING done_count, ok_count, fail_count)
INSERT INTO {JobLine.__tablename__} (run_id, at, level, "text")
SELECT :run, :at, 'info', replace(replace(replace(CAST(:line AS text), '{{done}}', CAST(done_count AS text)),
    '{{ok}}', CAST(ok_count AS text)), '{{fail}}', CAST(fail_count AS text))
FROM counted, quiet""")
