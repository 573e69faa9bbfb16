import pytest

import framing as fr
from framing.validation import read_sheet


def test_empty_or_missing_sheet(tmp_path):
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(fr.FramingError, match="not a readable CSV"):
        read_sheet(tmp_path / "empty.csv")
    with pytest.raises(fr.FramingError, match="coded sheet not found"):
        read_sheet(tmp_path / "none.csv")
