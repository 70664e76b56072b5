"""Small jobs for testing the job machinery itself (imported by the RQ worker in tests)."""


def count_to(progress, tenant_id: int, n: int, fail_at: int = 0) -> None:
    progress.set_total(n)
    for i in range(1, n + 1):
        progress.step(f"{i}번 항목 처리 {'실패' if i == fail_at else '성공'}", ok=i != fail_at)


def explode(progress, tenant_id: int) -> None:
    progress.log("곧 실패합니다.")
    raise RuntimeError("제휴몰 응답 없음")


def say(progress, word: str) -> None:
    progress.log(word)


DROPS: dict[int, int] = {}  # run id → connections dropped so far


def drop_connection(progress, tenant_id: int, times: int) -> None:
    """Loses its database connection the first `times` runs (the server ends it), then finishes."""
    from sqlalchemy import text

    from portal.extensions import db

    run_id = progress.run.id
    if DROPS.get(run_id, 0) < times:
        DROPS[run_id] = DROPS.get(run_id, 0) + 1
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        with db.engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        db.session.execute(text("SELECT 1"))  # the server has closed this connection
    progress.step("연결 확인 성공")
