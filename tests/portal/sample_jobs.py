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
