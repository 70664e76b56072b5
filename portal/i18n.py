"""Translation markers: N_ for Korean translated when shown, ko for Korean that is data and never translated."""


def N_(text: str) -> str:
    """Mark a word for the catalogue (`pybabel extract -k N_`) and give it back unchanged.

    Menu titles, 처리상태 words and the status labels held in dicts are defined with N_(): their
    Korean value is what the code compares and stores, and `pybabel update` keeps them in the
    catalogue because extraction sees them. The screen translates them with _() when it shows them.
    """
    return text


def ko(text: str) -> str:
    """Korean that stays Korean in every language, and give it back unchanged.

    Words sent to a marketplace as they are (a 옵션 column title, a 보류 reason), matched against what
    a marketplace or an uploaded file says, or stored as data the seller recognises. Marking them
    tells the translation check they are not a forgotten message; they get no catalogue entry.
    """
    return text
