"""Numbers in dashboard tables are formatted on the server in the UI language, so a
browser set up in another locale still shows Danish numbers in the Danish UI."""
from __future__ import annotations

import pandas as pd
import pytest

from app.tables import PAGE_ROWS, ROW_PX, SCROLL_ROWS, WRAP_ROW_PX, height, numbers


def shown(styler) -> pd.DataFrame:
    """What st.dataframe displays: the Styler's display values."""
    styler._compute()
    return pd.DataFrame([[cell["display_value"] for cell in row] for row in styler._translate(False, False)["body"]],
                        ).iloc[:, 1:].set_axis(styler.data.columns, axis=1)


FRAME = pd.DataFrame({"title": ["a", "b", "c"], "expected_tkr": [10000.0, None, 189.37],
                      "n": [1234, 2, 0], "rate": [0.8725, None, 1.0], "year": [2024, 2025, 2026]})


def test_danish_amounts_counts_and_shares():
    out = shown(numbers(FRAME, "da", amounts=("expected_tkr",), counts=("n",), shares=("rate",)))
    assert out["expected_tkr"].tolist() == ["10.000", "", "189,37"]
    assert out["n"].tolist() == ["1.234", "2", "0"]
    assert out["rate"].tolist() == ["87,2 %", "", "100,0 %"]  # half-even rounding, as Babel does


def test_english_amounts_counts_and_shares():
    out = shown(numbers(FRAME, "en", amounts=("expected_tkr",), counts=("n",), shares=("rate",)))
    assert out["expected_tkr"].tolist() == ["10,000", "", "189.37"]
    assert out["n"].tolist() == ["1,234", "2", "0"]
    assert out["rate"].tolist() == ["87.2%", "", "100.0%"]


def test_the_cells_keep_their_numbers():
    """Sorting by a column header must sort numbers, not formatted text."""
    sty = numbers(FRAME, "da", amounts=("expected_tkr",))
    assert sty.data["expected_tkr"].dtype.kind == "f"
    assert sty.data is FRAME or sty.data.equals(FRAME)


def test_unnamed_and_missing_columns_are_left_alone():
    out = shown(numbers(FRAME, "da", amounts=("no_such_column",)))
    assert out["year"].tolist() == ["2024", "2025", "2026"]  # years never get a thousands separator


def test_sums_are_whole_thousands_and_single_figures_keep_printed_decimals():
    """The same in every table: a sum of figures printed in kroner is shown in whole t.kr."""
    frame = pd.DataFrame({"one": [189.37, 842.279, 10000.0], "sum": [195841.37, 122255.5, 10000.0]})
    out = shown(numbers(frame, "da", amounts=("one",), totals=("sum",)))
    assert out["one"].tolist() == ["189,37", "842,28", "10.000"]
    assert out["sum"].tolist() == ["195.841", "122.256", "10.000"]


def test_as_text_writes_the_same_formats_into_the_cells():
    """tables.as_text: the Styler's formats as text (unknown stays None: shown as '–'), right-aligned."""
    from app.tables import as_text

    for lang in ("da", "en"):
        text, config = as_text(FRAME, lang, amounts=("expected_tkr",), counts=("n",), shares=("rate",))
        styled = shown(numbers(FRAME, lang, amounts=("expected_tkr",), counts=("n",), shares=("rate",)))
        for col in ("expected_tkr", "n", "rate"):
            assert [v or "" for v in text[col]] == styled[col].tolist(), (lang, col)
        assert text["expected_tkr"][1] is None
        assert set(config) == {"expected_tkr", "n", "rate"}
    assert FRAME["expected_tkr"].dtype.kind == "f"  # the input is not changed


@pytest.mark.parametrize(("n_rows", "row_px", "expected"), [
    (0, ROW_PX, "content"),
    (PAGE_ROWS, ROW_PX, "content"),  # one explorer page is shown whole, no inner scroll bar
    (PAGE_ROWS + 1, ROW_PX, SCROLL_ROWS * ROW_PX + ROW_PX + 3),  # longer: a box of SCROLL_ROWS rows
    (PAGE_ROWS, WRAP_ROW_PX, "content"),
    (1000, WRAP_ROW_PX, SCROLL_ROWS * WRAP_ROW_PX + ROW_PX + 3),  # wrapped rows are taller, the header is not
])
def test_table_height(n_rows, row_px, expected):
    assert height(n_rows, row_px) == expected


def test_wrapped_rows_are_tall_enough_for_streamlit_to_wrap():
    """Streamlit's grid wraps a cell's text only in rows taller than 4rem (64 px)."""
    assert WRAP_ROW_PX > 64
