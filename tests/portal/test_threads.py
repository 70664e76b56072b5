"""Work on another thread: its error comes back in the thread that waits, and a failed writer never blocks the caller."""
import threading

import pytest

from portal.services.threads import StoreThreads, done_here, in_background


class Refused(Exception):
    pass


def refuse(what):
    raise Refused(what)


@pytest.mark.parametrize("start", [in_background, done_here])
def test_the_result_or_the_error_comes_back_to_the_caller(start):
    assert start(lambda a, b: a + b, 2, 3).result() == 5
    with pytest.raises(Refused, match="잘못된 행"):
        start(refuse, "잘못된 행").result()


def test_in_background_runs_on_another_thread():
    assert in_background(threading.get_ident).result() != threading.get_ident()


class Failing(StoreThreads):
    def __init__(self, app, threads):
        self.stored = []
        super().__init__(app, threads=threads, waiting=1, name="test-store")

    def store(self, item):
        if item == 3:
            raise Refused(f"{item}번 묶음을 저장하지 못했습니다")
        self.stored.append(item)


@pytest.mark.parametrize("threads", [0, 1, 2])
def test_a_storing_error_is_raised_by_close_and_the_caller_never_blocks(app, threads):
    writer = Failing(app, threads)
    with pytest.raises(Refused, match="3번 묶음"):
        for item in range(1, 30):  # far more than the queue holds: a dead writer would block put()
            writer.put(item)
        writer.close()
    assert all(not t.is_alive() for t in writer.threads)  # they took the rest of the queue and ended
    assert 3 not in writer.stored and max(writer.stored, default=0) < 30
    if not threads:
        assert writer.stored == [1, 2]  # stored in the caller's thread, in turn, up to the error
