"""Reference data shipped with the menu: the 4-level category tree and the 품목고시 item groups."""
import json
import os
from functools import lru_cache

from portal.i18n import N_

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
LEVELS = (N_("대분류"), N_("중분류"), N_("소분류"), N_("세분류"))


@lru_cache(maxsize=1)
def category_tree() -> list[dict]:
    with open(os.path.join(DATA, "categories.json"), encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def _category_index() -> dict[str, dict]:
    """code -> {code, name, path, depth, leaf}; built once per process."""
    index = {}

    def walk(nodes, trail):
        for node in nodes:
            names = trail + [node["name"]]
            kids = node.get("children", [])
            index[node["code"]] = {"code": node["code"], "name": node["name"], "depth": len(names),
                                   "path": " > ".join(names), "leaf": not kids}
            walk(kids, names)

    walk(category_tree(), [])
    return index


def category(code: str) -> dict | None:
    return _category_index().get((code or "").strip())


def category_by_path(path: str) -> dict | None:
    """Bulk sheets may carry the path ("식품 > 가공식품 > 김치") instead of the code."""
    wanted = " > ".join(p.strip() for p in (path or "").split(">"))
    for node in _category_index().values():
        if node["path"] == wanted:
            return node
    return None


def category_children(code: str | None) -> list[dict]:
    if not code:
        return [{"code": n["code"], "name": n["name"], "leaf": not n.get("children")}
                for n in category_tree()]
    found = _find(category_tree(), code)
    kids = found.get("children", []) if found else []
    return [{"code": n["code"], "name": n["name"], "leaf": not n.get("children")} for n in kids]


def _find(nodes, code):
    for node in nodes:
        if node["code"] == code:
            return node
        if code.startswith(node["code"]):
            return _find(node.get("children", []), code)
    return None


@lru_cache(maxsize=1)
def notice_groups() -> list[dict]:
    with open(os.path.join(DATA, "notice_groups.json"), encoding="utf-8") as fh:
        return json.load(fh)


def notice_group(code: str) -> dict | None:
    for group in notice_groups():
        if group["code"] == code:
            return group
    return None


def notice_group_by_name(name: str) -> dict | None:
    name = (name or "").strip()
    for group in notice_groups():
        if name in (group["name"], group["code"]):
            return group
    return None
