"""Work handed to other threads: its result, or its error, comes back in the thread that waits for it."""
import queue
import threading
from abc import ABC, abstractmethod
from concurrent.futures import Future, ThreadPoolExecutor

from portal.extensions import db


def in_background(func, *args, name: str = "background") -> Future:
    """Start `func(*args)` on a thread of its own now; `.result()` waits, then returns its value or raises
    its error in the caller's thread."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
    try:
        return executor.submit(func, *args)
    finally:
        executor.shutdown(wait=False)  # the thread ends with its one task


def done_here(func, *args) -> Future:
    """`func(*args)` run in this thread, as a finished Future: the same answer as in_background's."""
    future: Future = Future()
    try:
        future.set_result(func(*args))
    except BaseException as exc:
        future.set_exception(exc)
    return future


class StoreThreads(ABC):
    """Writer threads storing what put() queues while the caller prepares the next item.

    Each thread has its own app context, so its own session and connection; at most `waiting` items
    wait, so memory stays flat however long the upload. With threads=0 put() stores in the caller's
    thread. A storing error is rolled back and raised by close() in the caller's thread; after it
    the threads take the rest of the queue without storing, so the caller never blocks on a full queue.
    Subclasses say how one item is stored: store(item).
    """

    def __init__(self, app, *, threads: int, waiting: int, name: str):
        self.app = app
        self.error: BaseException | None = None
        self.queue: queue.Queue = queue.Queue(maxsize=waiting)
        self.threads = [threading.Thread(target=self._work, name=f"{name}-{n}", daemon=True)
                        for n in range(threads)]
        for thread in self.threads:
            thread.start()

    @abstractmethod
    def store(self, item) -> None:
        """Store one item (in a storing thread, inside the app context)."""

    def put(self, item) -> None:
        if self.threads:
            self.queue.put(item)
        else:
            self.store(item)

    def close(self) -> None:
        """Wait for every item; a storing error is raised here."""
        for _ in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join()
        self.raise_error()

    def raise_error(self) -> None:
        if self.error is not None:
            raise self.error

    def _work(self) -> None:
        with self.app.app_context():
            while (item := self.queue.get()) is not None:
                if self.error is not None:
                    continue
                try:
                    self.store(item)
                except BaseException as exc:  # raised by close(), in the caller's thread
                    db.session.rollback()
                    self.error = exc
            if self.error is None:
                try:
                    db.session.commit()  # what store() left uncommitted
                except BaseException as exc:
                    db.session.rollback()
                    self.error = exc
