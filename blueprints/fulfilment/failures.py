"""수기주문 upload failure file: the failed rows as the file had them, the suggested fixes, the reasons last;
written on a thread while the database stores the last orders, or by the job."""
import threading
from operator import itemgetter

from portal.services.excel import write_workbook

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
        self.path, self.count, self.error = path, len(failures), None
        rows = failure_rows(sorted(failures, key=itemgetter(0)), suggester, header)
        self.thread = None
        if background:
            self.thread = threading.Thread(target=self._write, args=(header, rows), daemon=True)
            self.thread.start()
        else:
            self._write(header, rows)

    def _write(self, header: list[str], rows: list[list]) -> None:
        try:
            write_workbook(self.path, header + [SUGGESTION, REASON], rows, "수기주문 실패")
        except BaseException as exc:  # the job writes the file itself instead, and reports that error
            self.error = exc

    def holds(self, count: int) -> bool:
        """Wait for the file; whether it holds all `count` failures."""
        if self.thread is not None:
            self.thread.join()
        return self.error is None and self.count == count


def failure_rows(failures: list[tuple[int, list]], suggester: Suggester | None, header: list[str]) -> list[list]:
    """The failure file's rows: the file's cells, the suggested fixes, the reasons last."""
    out = []
    for _, cells in failures:
        fixes = suggester.fixes(cells[:-1], cells[-1]) if suggester else []
        out.append(cells[:-1] + ["; ".join(f.text(header) for f in fixes), cells[-1]])
    return out
