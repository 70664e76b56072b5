"""What every large upload job shares: the cycle collector paused while the sheet is read."""
import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """Uploads allocate rows, tuples and lists by the hundred thousand, none holding a cycle: the
    collector would walk them (and the worker's own long-lived objects) again and again and find
    nothing (measured: a third of a 수기주문 upload, 0.75 s of 2.3 s of a 상품대량등록). It is back,
    and collects anything missed, when the job ends."""
    collecting = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()
