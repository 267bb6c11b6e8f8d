"""Changes: the one value every write returns, merged as a batch of writes goes by."""
from hotich_desktop.core.changes import NOTHING, Changes, Done


def test_changes_merge_and_say_what_they_touch() -> None:
    a = Changes.of(entries=[1, 2], books=[7])
    b = Changes.of(entries=[2, 3], pages=[5], settings=True)
    both = a | b
    assert both.entries == {1, 2, 3} and both.pages == {5} and both.books == {7} and both.settings
    assert both.touches(entry=3) and both.touches(page=5) and not both.touches(entry=9, book=8)
    assert not NOTHING and bool(Changes.of(users=True))
    assert Done("x", a).changes is a and Done(1).changes == NOTHING
