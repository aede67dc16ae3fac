"""English sentence splitting for published editions (xlate.text.english)."""

import pytest

from xlate.text.english import split_sentences


@pytest.mark.parametrize("text", [
    "Mr. Nguyen met Dr. Smith and Prof. Tran at the ministry on Monday.",
    "Decree No. 05 and Resolution No. 18 take effect today.",
    "The U.S. delegation and the U.K. envoy met at 9 a.m. Hanoi time.",
    "GDP grew 6.5 per cent, and exports rose 3.2% to US$12.5 billion.",
    "J. K. Rowling and George W. Bush were quoted by Samsung Electronics Co. officials.",
    "Talks with Gen. Lam and Lt. Col. Hung went on until 2 p.m. yesterday.",
])
def test_abbreviations_titles_initials_and_decimals_never_end_a_sentence(text):
    assert split_sentences(text) == [text]


@pytest.mark.parametrize("text, sentences", [
    ("Exports rose. Imports fell.", ["Exports rose.", "Imports fell."]),
    ('He said: “We will do it.” The ministry agreed.', ["He said: “We will do it.”", "The ministry agreed."]),
    ("Prices rose in the U.S. The Fed acted.", ["Prices rose in the U.S.", "The Fed acted."]),
    ("The session closed at 5 p.m. It resumes today.", ["The session closed at 5 p.m.", "It resumes today."]),
    ("Is it over? Not yet! Wait… Now.", ["Is it over?", "Not yet!", "Wait…", "Now."]),
    ("Rice, coffee, pepper etc. Prices all rose.", ["Rice, coffee, pepper etc.", "Prices all rose."]),
    ("It ended in 2024. 150 people came.", ["It ended in 2024.", "150 people came."]),
])
def test_a_sentence_ends_where_the_next_one_clearly_starts(text, sentences):
    assert split_sentences(text) == sentences


def test_splitting_loses_nothing():
    text = "Mr. Chinh met the U.S. envoy. He said: “Ties grow.” Trade hit US$12.5 billion. The end."
    assert " ".join(split_sentences(text)) == text
