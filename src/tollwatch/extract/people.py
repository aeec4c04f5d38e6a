"""Who a single victim is: what a report says of one person (age, sex, name, kept in a claim's
`evidence.person`), and whether two descriptions can be, or surely are, of one person. Events
count people with it (a 1-year-old and a 25-year-old man are two; a child and a nine-year-old
girl one); reconciliation matches a person wounded in one report with the same person dead in
another."""

from __future__ import annotations

from tollwatch.models import Claim

Person = tuple[int | None, str | None, str | None]  # (age, sex, name), each where the report gives it


def person(c: Claim) -> Person:
    """What a single-victim claim says of its person."""
    p = c.evidence.get("person")
    return (p.get("age"), p.get("sex"), p.get("name")) if isinstance(p, dict) else (None, None, None)


_MEN = frozenset("men boys males brothers sons fathers husbands".split())
_WOMEN = frozenset("women girls females sisters daughters mothers wives".split())


def group_sex(c: Claim) -> str | None:
    """The sex a figure's noun gives its people: "two women" f, "three men" m, "two men and a
    woman" or "four people" none."""
    words = set((c.victims.text or "").lower().split())
    men, women = bool(words & _MEN), bool(words & _WOMEN)
    return "m" if men and not women else "f" if women and not men else None


def same_person(a: Person, b: Person) -> bool:
    """Whether two descriptions can be of one person: no age, sex or surname that differs (a
    first name is often spelt two ways: "Deosha Jackson", "Dosha Jackson")."""
    return (a[0] is None or b[0] is None or a[0] == b[0]) and (not a[1] or not b[1] or a[1] == b[1]) \
        and (not a[2] or not b[2] or _surname(a[2]) == _surname(b[2]))


def surely_same(a: Person, b: Person, placed: bool) -> bool:
    """Whether two descriptions from different reports name one person: nothing differs, and both
    give the name, or both give the age and the place is known ("a 1-year-old girl" wounded in
    Kent, "a 1-year-old girl" killed in Kent). A toddler's age is told in months by one and
    rounded by another: a year apart is the same."""
    if a[2] and b[2]:
        return same_person(a, b) and a[2][:1] == b[2][:1]
    if not placed or a[0] is None or b[0] is None or (a[1] and b[1] and a[1] != b[1]):
        return False
    return a[0] == b[0] or max(a[0], b[0]) <= 2 and abs(a[0] - b[0]) <= 1


def _surname(name: str) -> str:
    return name.rsplit(maxsplit=1)[-1]


def merged(a: Person, b: Person) -> Person:
    """One person's description from two compatible ones."""
    return (a[0] if a[0] is not None else b[0], a[1] or b[1], a[2] or b[2])
