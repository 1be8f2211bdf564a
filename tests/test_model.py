from __future__ import annotations

import dataclasses

import pytest

from ontrack.model import (
    Comparator,
    Document,
    Frequency,
    Series,
    Statement,
    StatementKind,
    Status,
    checksum,
)


def test_document_id_is_content_address() -> None:
    a = Document(text="GDP grew 5.3 percent.")
    b = Document(text="GDP grew 5.3 percent.", title="other title")
    assert a.checksum == checksum("GDP grew 5.3 percent.")
    assert a.id == b.id == a.checksum[:16]
    assert Document(text="GDP grew 5.4 percent.").id != a.id


def test_models_are_frozen() -> None:
    s = Statement(kind=StatementKind.RESULT, quote="5.3 percent", start=0, end=11, value=5.3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.value = 6.0  # type: ignore[misc]


def test_statement_to_dict_uses_plain_values() -> None:
    s = Statement(
        kind=StatementKind.TARGET,
        quote="exceed 50 percent",
        start=3,
        end=20,
        value=50.0,
        unit="percent",
        comparator=Comparator.GT,
        period="2024-12-31",
    )
    d = s.to_dict()
    assert d["kind"] == "target" and d["comparator"] == ">" and d["period"] == "2024-12-31"
    assert d["start"] == 3 and d["end"] == 20


def test_series_key_and_status_values() -> None:
    s = Series(
        region_id="CN-LN",
        indicator_id="gdp_real_growth_yoy",
        unit="percent",
        frequency=Frequency.ANNUAL,
    )
    assert s.key == "CN-LN/gdp_real_growth_yoy/A/percent"
    assert {st.value for st in Status} >= {
        "met",
        "missed",
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "wrong_direction",
        "cannot_assess",
        "supported",
        "contradicted",
        "unverifiable",
        "not_measurable",
    }
