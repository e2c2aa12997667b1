"""The SOP as rules: its official step numbers, their order, branches and targets."""

from __future__ import annotations

import pytest

from dashboard import sop


def test_official_numbers_without_step_5() -> None:
    assert [step.number for step in sop.STEPS] == [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12]
    assert 5 not in sop.STEP_BY_NUMBER
    assert set(sop.STEP_BY_NUMBER) == {step.number for step in sop.STEPS}


def test_named_constants_are_the_document_numbers() -> None:
    assert (
        sop.SCREENING,
        sop.BAG_RACK,
        sop.GUEST_BOOK,
        sop.PURPOSE,
        sop.SEARCH,
        sop.AVAILABILITY,
        sop.READING_TABLE,
        sop.PURCHASE_OFFER,
        sop.BAG_RETURN,
        sop.ANNUAL_REPORT,
        sop.DONE,
    ) == (1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12)


def test_steps_recorded_on_each_visit() -> None:
    assert sop.VISIT_STEP_NUMBERS == (1, 2, 3, 4, 6, 7, 8, 9, 10)


@pytest.mark.parametrize(
    ("current", "following"),
    [(1, 2), (2, 3), (3, 4), (4, 6), (6, 7), (7, 8), (8, 9), (9, 10), (10, None)],
)
def test_main_path(current: int, following: int | None) -> None:
    assert sop.step_after(current) == following


def test_nothing_available_skips_to_bag_return() -> None:
    assert sop.step_after(sop.AVAILABILITY, any_data_available=False) == sop.BAG_RETURN
    assert sop.step_after(sop.AVAILABILITY, any_data_available=True) == sop.READING_TABLE


def test_the_no_branch_only_applies_to_step_7() -> None:
    """'Nothing available' is a step-7 answer; other steps keep their order."""
    assert sop.step_after(sop.SEARCH, any_data_available=False) == sop.AVAILABILITY
    assert sop.step_after(sop.PURCHASE_OFFER, any_data_available=False) == sop.BAG_RETURN
    assert sop.step_after(sop.BAG_RETURN, any_data_available=False) is None


def test_step_5_has_no_successor() -> None:
    with pytest.raises(ValueError):
        sop.step_after(5)


def test_waiting_steps_are_4_9_10() -> None:
    waiting = [n for n in sop.VISIT_STEP_NUMBERS if not sop.starts_immediately(n)]
    assert waiting == [sop.PURPOSE, sop.PURCHASE_OFFER, sop.BAG_RETURN]
    for number in (1, 2, 3, 6, 7, 8):
        assert sop.starts_immediately(number) is True


def test_targets_of_the_document() -> None:
    targets = {step.number: step.target_minutes for step in sop.STEPS}
    assert targets == {
        1: None,
        2: 3,
        3: 5,
        4: 5,
        6: 5,
        7: None,
        8: 1,
        9: 10,
        10: 3,
        11: None,
        12: None,
    }
    assert sop.total_target_minutes() == 32


def test_step_label() -> None:
    assert sop.step_label(1) == "1. Skrining masker & suhu"
    assert sop.step_label(6) == "6. Pencarian data"
    assert sop.step_label(10) == "10. Ambil tas & pulang"
    with pytest.raises(KeyError):
        sop.step_label(5)
