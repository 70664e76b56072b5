"""JobRun and JobLine: one background job's status, counts and timestamped progress lines."""
from flask_babel import gettext as _

from portal.extensions import db
from portal.i18n import N_

from .base import utcnow

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATUS_LABELS = {QUEUED: N_("대기"), RUNNING: N_("진행중"), DONE: N_("완료"), FAILED: N_("실패")}


class JobRun(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    tenant_id = db.Column(db.Integer, db.ForeignKey("tenant.id"), index=True)
    started_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    kind = db.Column(db.String(100), nullable=False)  # what the user reads: "주문서 가져오기"
    func = db.Column(db.String(200), nullable=False)
    queue = db.Column(db.String(30), nullable=False, default="default")
    # Who besides its starter and the master may open it: the duty of the page that started it,
    # ",logistics,sales," (any one of them), "*" (every account), NULL (nobody else).
    duty = db.Column(db.String(100))
    worker = db.Column(db.String(100))  # the RQ worker running it; its heartbeat says it still lives
    status = db.Column(db.String(20), nullable=False, default=QUEUED, index=True)
    total = db.Column(db.Integer, nullable=False, default=0)
    done_count = db.Column(db.Integer, nullable=False, default=0)
    ok_count = db.Column(db.Integer, nullable=False, default=0)
    fail_count = db.Column(db.Integer, nullable=False, default=0)
    result_file = db.Column(db.String(255))  # relative to JOB_FILES_DIR
    result_name = db.Column(db.String(255))  # the file name the user downloads
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    started_at = db.Column(db.DateTime)
    finished_at = db.Column(db.DateTime)

    started_by = db.relationship("User")
    tenant = db.relationship("Tenant")
    lines = db.relationship("JobLine", order_by="JobLine.id", lazy="dynamic",
                            cascade="all, delete-orphan")

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS.get(self.status, self.status))

    @property
    def finished(self) -> bool:
        return self.status in (DONE, FAILED)

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        if not self.total:
            return 0
        return min(99, int(self.done_count * 100 / self.total))


class JobLine(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    run_id = db.Column(db.Integer, db.ForeignKey("job_run.id"), nullable=False, index=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow)
    level = db.Column(db.String(10), nullable=False, default="info")  # info / ok / fail / error
    text = db.Column(db.Text, nullable=False)
