"""The series index (/series and /series.json, series.html in the static site): words for
people, "N of M" shown, bounded pages, linked from the navigation."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # starlette prefers httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from ontrack.store import Store  # noqa: E402
from ontrack.web import create_app  # noqa: E402
from ontrack.web.context import Dashboard  # noqa: E402
from ontrack.web.series_index import series_index_context  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DATA = (
    "region,indicator,period,value,unit,source\n"
    "Liaoning,gdp_real_growth_yoy,2022,2.1,percent,Liaoning Statistics Bureau\n"
    "Liaoning,gdp_real_growth_yoy,2023,5.3,percent,Liaoning Statistics Bureau\n"
    "Jilin,gdp_real_growth_yoy,2023,6.3,percent,Jilin Statistics Bureau\n"
    "Jilin,share_clean_energy_in_capacity,2023-06,40.5,percent,Jilin Energy Bureau\n"
    "China,gdp_real_growth_yoy,2021,8.4,percent,National Bureau of Statistics\n"
    "China,gdp_real_growth_yoy,2022,3.0,percent,National Bureau of Statistics\n"
    "China,gdp_real_growth_yoy,2023,5.2,percent,National Bureau of Statistics\n"
)


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    csv = tmp_path / "series.csv"
    csv.write_text(DATA, encoding="utf-8")
    store.ingest(csv)
    return store


def _visible(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"<[^>]+>", " ", main)  # text only: attributes (URLs) dropped


def test_series_index_lists_every_series_in_words(filled: Store) -> None:
    client = TestClient(create_app(filled, token=""))
    page = client.get("/series")
    assert page.status_code == 200
    text = _visible(page.text)
    assert "Showing all 4 of 4 series" in text
    for words in ("Real GDP growth", "Liaoning", "Jilin", "China", "annual", "monthly"):
        assert words in text, words
    # machine keys only in URLs and JSON, never in what a reader sees
    for key in ("gdp_real_growth_yoy", "share_clean_energy_in_capacity", "CN-LN", " A ", " M "):
        assert key not in text, key
    data = client.get("/series.json").json()
    assert data["total"] == 4 and data["shown"] == 4 and data["pages"] == 1
    china = next(s for s in data["series"] if s["region"] == "CN")
    assert china["indicator"] == "gdp_real_growth_yoy"  # ids in the JSON
    assert china["frequency"] == "A" and china["frequency_name"] == "annual"
    assert china["observations"] == 3
    assert (china["last_period"], china["last_value"]) == ("2023", 5.2)
    assert f'href="/series/{china["id"]}"' in page.text
    row = page.text[page.text.index(f'href="/series/{china["id"]}"') :]
    assert re.search(r">5\.2 percent<", row[: row.index("</tr>")])
    # linked from the navigation and from every series page
    assert '<a href="/series">Series</a>' in client.get("/").text
    assert 'href="/series">series</a>' in client.get(f"/series/{china['id']}").text


def test_series_index_one_region(filled: Store) -> None:
    client = TestClient(create_app(filled, token=""))
    page = client.get("/series?region=jilin")  # names and ids, any case
    assert page.status_code == 200
    text = _visible(page.text)
    assert "Series of Jilin" in text and "Showing all 2 of 2 series for Jilin" in text
    assert "Liaoning" not in text
    assert client.get("/series.json?region=CN-JL").json()["total"] == 2
    assert client.get("/series?region=Atlantis").status_code == 404


def test_series_index_pages_say_which_of_how_many(filled: Store) -> None:
    dash = Dashboard(filled)
    first = series_index_context(dash, page=1, per_page=3)
    assert (first["first"], first["last"], first["total"], first["pages"]) == (1, 3, 4, 2)
    assert first["next_page"] == 2 and first["previous_page"] is None
    second = series_index_context(dash, page=2, per_page=3)
    assert (second["first"], second["last"], second["shown"]) == (4, 4, 1)
    ids = [s["id"] for s in first["series"] + second["series"]]
    assert sorted(ids) == sorted(s["id"] for s in series_index_context(dash)["series"])
    assert len(set(ids)) == 4  # every series on exactly one page


def test_series_index_on_the_demo_store_pages_by_100(tmp_path: Path) -> None:
    from ontrack.datasets import demo_store

    store = demo_store(tmp_path / "demo.db")
    client = TestClient(create_app(store, token=""))
    total = store.counts()["series"]
    assert total > 200
    page = client.get("/series")
    assert f"Showing 1–100 of {total} series" in _visible(page.text)
    assert page.text.count('<tr><th scope="row">') == 100
    assert 'href="/series?page=2" rel="next"' in page.text
    assert 'href="/series.json"' in page.text  # this page as JSON
    last = client.get("/series.json?page=3").json()
    assert last["first"] == 201 and last["last"] == total and last["next_page"] is None
    assert client.get("/series?page=4").status_code == 404
    assert client.get("/series?page=two").status_code == 422
    assert client.get("/series.json?page=0").status_code == 422
    store.close()


def test_static_site_has_the_series_index(filled: Store, tmp_path: Path) -> None:
    from ontrack.publish import export_site

    export_site(filled, tmp_path / "site")
    html = (tmp_path / "site" / "series.html").read_text(encoding="utf-8")
    assert "Showing all 4 of 4 series" in html
    assert 'href="series/' in html and (tmp_path / "site" / "series.json").exists()
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a href="series.html">Series</a>' in index
