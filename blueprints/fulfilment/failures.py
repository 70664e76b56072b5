"""수기주문 upload failure file: the failed rows as the file had them, the suggested fixes, the reasons last;
written on a thread while the database stores the last orders, or by the job."""
from operator import itemgetter

from flask_babel import gettext as _

from portal.services.excel import write_workbook
from portal.services.threads import done_here, in_background

from .helper import REASON, SUGGESTION, Suggester


class FailureFile:
    """The failure file, written while the database stores the last orders (the server's work and the
    disk's leave this process idle; for a one-chunk sheet the file is a tenth of the job): on a thread of
    its own, or (background=False) here, by a caller that would otherwise wait for the server.
    Usable if no failure came after it: an order number found registered while storing (by the job or
    a writer thread, which may add failures meanwhile) means writing it again."""

    def __init__(self, path: str, header: list[str], failures: list[tuple[int, list]], background: bool = True,
                 suggester: Suggester | None = None):
        failures = list(failures)  # as they are now (a writer thread may still add some)
        self.path, self.count = path, len(failures)
        rows = failure_rows(sorted(failures, key=itemgetter(0)), suggester, header)
        self.written = (in_background if background else done_here)(self._write, header, rows)

    def _write(self, header: list[str], rows: list[list]) -> None:
        write_workbook(self.path, header + [_(SUGGESTION), _(REASON)], rows, _("수기주문 실패"))

    def holds(self, count: int) -> bool:
        """Wait for the file; whether it holds all `count` failures (if writing failed, the job writes it
        itself instead, and reports that error)."""
        return self.written.exception() is None and self.count == count


def failure_rows(failures: list[tuple[int, list]], suggester: Suggester | None, header: list[str]) -> list[list]:
    """The failure file's rows: the file's cells, the suggested fixes, the reasons last."""
    out = []
    for _, cells in failures:
        fixes = suggester.fixes(cells[:-1], cells[-1]) if suggester else []
        out.append(cells[:-1] + ["; ".join(f.text(header) for f in fixes), cells[-1]])
    return out
