"""Reading the repeated rows of the 창고관리 request pages (items-0-fnsku, lines-2-quantity, …)."""
import re

ROW_KEY = re.compile(r"(?P<prefix>[a-z]+)-(?P<index>\d{1,3})-(?P<field>[a-z_]+)")


def rows(form, prefix: str, files=None, numbered: bool = False) -> tuple[list[dict], list]:
    """The rows in the order the page numbered them, and each row's file (`<prefix>-<n>-image`),
    or with `numbered` the page's numbers themselves."""
    found: dict[int, dict] = {}
    for key in form:
        m = ROW_KEY.fullmatch(key)
        if m and m["prefix"] == prefix:
            found.setdefault(int(m["index"]), {})[m["field"]] = form.get(key)
    order = sorted(found)
    if numbered:
        return [found[i] for i in order], order
    uploads = [files.get(f"{prefix}-{i}-image") if files is not None else None for i in order]
    return [found[i] for i in order], uploads
