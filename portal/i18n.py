"""Translation marker N_ for Korean words stored or compared as they are and translated when shown."""


def N_(text: str) -> str:
    """Mark a word for the catalogue (`pybabel extract -k N_`) and give it back unchanged.

    Menu titles, 처리상태 words and the status labels held in dicts are defined with N_(): their
    Korean value is what the code compares and stores, and `pybabel update` keeps them in the
    catalogue because extraction sees them. The screen translates them with _() when it shows them.
    """
    return text
