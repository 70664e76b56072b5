"""What a running job writes: its Progress narration, the Refused ending and its result-file folder."""
import os

from flask import current_app

from models import JobLine, JobRun
from portal.extensions import db


class Refused(Exception):
    """A job that cannot do its work (an unreadable file, a missing column): the run ends as 실패 and its
    Korean reason is shown as it is."""


class Progress:
    """What a job function receives: narrate with log(), count items with step()."""

    def __init__(self, run: JobRun):
        self.run = run
        self.continuation: tuple[float, dict] | None = None

    def continue_in(self, seconds: float, **kwargs) -> None:
        """Carry on later: once the job function returns, the run stays 진행중 and the same function runs
        again with `kwargs` (ids and primitives, as for enqueue) after `seconds`, on any worker of the
        queue. A wait the channel asks for (ESM's 5 seconds between order lists) happens in the queue,
        not in a worker. The part must leave the run's state so that running it once more is harmless."""
        self.continuation = (max(0.0, float(seconds)), kwargs)

    @property
    def id(self) -> int:
        return self.run.id

    def log(self, text: str, level: str = "info") -> None:
        db.session.add(JobLine(run_id=self.run.id, text=text, level=level))
        db.session.commit()

    def set_total(self, total: int) -> None:
        self.run.total = total
        db.session.commit()

    def step(self, text: str, ok: bool = True) -> None:
        """One item finished: counts move and a success/failure line appears."""
        self.run.done_count += 1
        if ok:
            self.run.ok_count += 1
        else:
            self.run.fail_count += 1
        self.log(text, "ok" if ok else "fail")

    def output_path(self, suffix: str) -> str:
        """Where the job writes its result file (per tenant, outside the web root)."""
        folder = os.path.join(job_files_dir(), str(self.run.tenant_id or 0))
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, f"run-{self.run.id}{suffix}")

    def attach_file(self, path: str, download_name: str) -> None:
        """Offer the file in the progress window and the job history."""
        self.run.result_file = os.path.basename(path)
        self.run.result_name = download_name
        db.session.commit()


def job_files_dir(app=None) -> str:
    app = app or current_app
    return app.config.get("JOB_FILES_DIR") or os.path.join(app.instance_path, "job-files")
