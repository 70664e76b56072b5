"""번역 도우미: a glossary-based Korean and English suggestion for a 중문상품명 (no outside service)."""
import os
import re
from functools import lru_cache

GLOSSARY = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "glossary.tsv")
LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*")


@lru_cache(maxsize=1)
def _terms() -> tuple[dict, int]:
    terms = {}
    with open(GLOSSARY, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            zh, ko, en = line.rstrip("\n").split("\t")
            terms[zh] = (ko, en)
    return terms, max(len(k) for k in terms)


def suggest(name_zh: str) -> dict:
    """Longest glossary match from the left; Latin words and numbers pass through; characters the
    glossary does not know are left out and listed, so the seller sees what to finish by hand."""
    terms, longest = _terms()
    ko, en, unknown = [], [], []
    text, i = name_zh.strip(), 0
    while i < len(text):
        latin = LATIN.match(text, i)
        if latin:
            ko.append(latin.group())
            en.append(latin.group())
            i = latin.end()
            continue
        for size in range(min(longest, len(text) - i), 0, -1):
            found = terms.get(text[i:i + size])
            if found:
                ko.append(found[0])
                en.append(found[1])
                i += size
                break
        else:
            if not text[i].isspace() and text[i] not in "，,、/&;:：()（）":
                unknown.append(text[i])
            i += 1
    return {"ko": " ".join(ko), "en": " ".join(en), "unknown": "".join(unknown)}
