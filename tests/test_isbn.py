import pytest

from booklet.content.isbn import check_isbn, formatted_isbn


@pytest.mark.parametrize("given", ["978-5-4448-1257-0", "9785444812570", "5-4448-1257-6",
                                   "0-306-40615-2", "080442957X"])
def test_valid_isbns_pass(given):
    assert check_isbn(given) == given


@pytest.mark.parametrize("given, digit", [("978-5-4448-1257-1", "0"), ("5-4448-1257-1", "6"),
                                          ("0-306-40615-3", "2"), ("0804429571", "X")])
def test_wrong_check_digit_names_the_right_one(given, digit):
    with pytest.raises(ValueError, match=f"the last digit should be {digit}"):
        check_isbn(given)


@pytest.mark.parametrize("given", ["12345", "978-5-4448-125", "ISBN978"])
def test_not_an_isbn(given):
    with pytest.raises(ValueError, match="expected an ISBN of 10 or 13 digits"):
        check_isbn(given)


@pytest.mark.parametrize("given, shown", [
    ("9785444812570", "978-5-4448-1257-0"),  # Russian group, publisher ranges known
    ("9780306406157", "978-0-306-40615-7"),
    ("5444812576", "5-4448-1257-6"),
    ("9799999999990", "9799999999990"),  # an unassigned group: left as written
])
def test_isbn_is_hyphenated_where_the_ranges_are_known(given, shown):
    assert formatted_isbn(given) == shown
