"""Running test steps at the same moment: each in its own thread, app and request context, released together."""
import threading


def at_once(app, *steps) -> list[Exception]:
    """Run every step in its own thread inside an app and request context; each step receives `ready`, to call
    once it has read what it needs, and all go on together from there. Returns what the steps raised (a step
    that fails breaks the barrier, so the others stop waiting for it)."""
    barrier, errors = threading.Barrier(len(steps)), []

    def run(step):
        try:
            with app.app_context(), app.test_request_context():
                step(barrier.wait)
        except Exception as exc:  # returned to the test, which asserts on it
            barrier.abort()
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(step,)) for step in steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
