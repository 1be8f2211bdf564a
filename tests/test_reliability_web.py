"""The web server under hostile or careless use (issue 16): sizes and tokens checked before a
body is stored, ids out of range 404, bad parameters 422 naming the field, strict JSON, a
response cache that junk parameters cannot grow, writes by other processes seen at once."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
import sqlalchemy as sa

pytest.importorskip("fastapi")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from ontrack.store import Store  # noqa: E402
from ontrack.web import context as pages  # noqa: E402
from ontrack.web import create_app  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
HEADER = "region,indicator,period,value,unit,source\n"
DATA = HEADER + "".join(
    f"Liaoning,gdp_real_growth_yoy,{y},{v},percent,test\n"
    for y, v in [(2020, 0.6), (2021, 5.8), (2022, 2.1)]
)
DOC = "Liaoning's GDP grew 2.1 percent in 2022 and will grow 6 percent in 2024.\n"
TOKEN = "s3cret-token"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "w.db")
    data = tmp_path / "d.csv"
    data.write_text(DATA)
    s.ingest(data)
    yield s
    s.close()


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store, token=TOKEN, max_upload_bytes=4096))


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def strict(text: str) -> object:
    return json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON token {c}"))


@pytest.mark.parametrize(
    "url",
    [
        f"/series/{10**23}",
        f"/series/{10**23}.json",
        f"/statement/{10**23}",
        f"/api/series/{10**23}",
        f"/api/statements/{10**23}",
        f"/api/observations?series_id={10**23}",
        "/series/%C2%B2",  # '²' passes str.isdigit
        "/series/0",
    ],
)
def test_ids_out_of_range_are_404(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404, r.text
    assert "Traceback" not in r.text


@pytest.mark.parametrize(
    "url",
    ["/region/CN-LN.json?as_of=junk", "/api/regions?as_of=2024-13-01", "/index.json?as_of=x"],
)
def test_bad_as_of_is_422_naming_the_field(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["query", "as_of"]


def test_query_string_over_the_limit_is_414(client: TestClient) -> None:
    assert client.get("/index.json?q=" + "x" * 5000).status_code == 414


def test_body_over_the_limit_is_413_chunked_or_not_and_nothing_stored(
    client: TestClient, store: Store
) -> None:
    big = ("GDP grew 5 percent in 2023. " * 1000).encode()
    r = client.post("/api/documents", files={"file": ("big.md", big)}, headers=AUTH)
    assert r.status_code == 413

    def chunks():  # no Content-Length: the limit must hold while the body streams in
        boundary = b'--b\r\nContent-Disposition: form-data; name="file"; filename="c.md"\r\n\r\n'
        yield boundary
        for _ in range(200):
            yield b"GDP grew 5 percent in 2023. " * 100
        yield b"\r\n--b--\r\n"

    r = client.post(
        "/api/documents",
        content=chunks(),
        headers={**AUTH, "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert r.status_code == 413
    assert store.list_documents() == []


def test_writes_need_the_token_before_anything_is_read(store: Store) -> None:
    read_only = TestClient(create_app(store, token=""))
    assert read_only.post("/upload", files={"file": ("a.md", DOC)}).status_code == 403
    assert read_only.delete("/api/documents/x").status_code == 403
    guarded = TestClient(create_app(store, token=TOKEN))
    assert guarded.delete("/api/documents/x").status_code == 401
    assert store.list_documents() == []


@pytest.mark.parametrize(
    ("endpoint", "name", "body", "status", "text"),
    [
        ("/api/observations", "h.csv", HEADER, 400, "h.csv: the table has a header but no"),
        (
            "/api/observations",
            "i.csv",
            HEADER + "Liaoning,g,2023,1e400,percent,t\n",
            422,
            "i.csv:2",
        ),
        ("/api/observations", "bin.csv", "\x00\x01\x02", 400, "bin.csv: this is a binary"),
        ("/api/documents", "a.md", "---\nregion: Atlantis\n---\nGDP grew 5%.\n", 400, "Atlantis"),
        ("/api/documents", "n.md", "GDP grew 5%.\n" + "x" * 70000 + "\x00", 400, "NUL"),
    ],
)
def test_bad_uploads_are_4xx_naming_the_users_file(
    client: TestClient, store: Store, endpoint: str, name: str, body: str, status: int, text: str
) -> None:
    before = store.counts()
    big = TestClient(create_app(store, token=TOKEN))
    r = big.post(endpoint, files={"file": (name, body.encode())}, headers=AUTH)
    assert r.status_code == status, r.text
    detail = r.json()["detail"]
    assert text in detail and "ontrack-upload" not in detail and "/tmp" not in detail
    assert store.counts() == before


def test_document_remove_through_the_api(store: Store) -> None:
    c = TestClient(create_app(store, token=TOKEN))
    up = c.post("/api/documents", files={"file": ("d.md", DOC.encode())}, headers=AUTH)
    assert up.status_code == 201
    doc_id = up.json()["document_id"]
    assert c.get(f"/document/{doc_id}").status_code == 200
    gone = c.delete(f"/api/documents/{doc_id}", headers=AUTH)
    assert gone.status_code == 200 and gone.json()["statements"] >= 1
    assert c.get(f"/document/{doc_id}").status_code == 404
    assert c.get("/api/statements").json() == []
    assert c.delete(f"/api/documents/{doc_id}", headers=AUTH).status_code == 404


def test_non_finite_values_never_break_json_or_pages(client: TestClient, store: Store) -> None:
    with store.engine.begin() as conn:  # as an older ontrack could have stored it
        conn.execute(sa.text("UPDATE observations SET value = 9e999 WHERE period = '2022'"))
    (info,) = store.list_series()
    sid = info.series.id
    strict(client.get(f"/api/observations?series_id={sid}").text)
    strict(client.get("/api/series").text)
    strict(client.get(f"/series/{sid}.json").text)
    assert client.get(f"/series/{sid}").status_code == 200


def test_junk_parameters_cannot_grow_the_cache(store: Store) -> None:
    app = create_app(store, token=TOKEN)
    c = TestClient(app)
    for n in range(300):
        assert c.get(f"/api/series?x={n}&as_of=2024-04-23").status_code == 200
    cache = _cache(app)
    assert len(cache.entries) == 1
    for n in range(1, 29):
        c.get(f"/index.json?as_of=2024-02-{n:02d}")
    assert cache.bytes <= cache.max_bytes


def test_cache_bytes_are_bounded(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONTRACK_CACHE_BYTES", "3000")
    app = create_app(store, token=TOKEN)
    c = TestClient(app)
    for n in range(1, 29):
        assert c.get(f"/index.json?as_of=2024-02-{n:02d}").status_code == 200
    cache = _cache(app)
    assert 0 < cache.bytes <= 3000 and len(cache.entries) < 28


def test_a_write_by_another_process_shows_at_once(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "STATE_TTL", 0.0)
    store.save_document(*_doc())
    c = TestClient(create_app(store, token=TOKEN))
    st = c.get("/api/statements").json()[0]
    first = c.get(f"/statement/{st['id']}.json").json()
    other = Store(store.url)  # another process's Store on the same file
    data = tmp_path / "e.csv"
    data.write_text(HEADER + "Liaoning,exports_growth,2022,3,percent,t\n")
    other.ingest(data)
    new_series = [
        i.series.id for i in other.list_series() if i.series.indicator_id != "gdp_real_growth_yoy"
    ]
    other.link_by_hand(st["id"], new_series[0])
    other.close()
    second = c.get(f"/statement/{st['id']}.json").json()
    assert first != second
    assert json.dumps(second).count(f'"id": {new_series[0]}') or str(new_series[0]) in json.dumps(
        second
    )


def _doc():
    from ontrack.extract import extract_document
    from ontrack.model import Document

    doc = Document(text=DOC, title="t", region_id="CN-LN")
    return doc, extract_document(doc)


def _cache(app):
    stack = app.middleware_stack or app.build_middleware_stack()
    app.middleware_stack = stack
    node = stack
    from ontrack.web.cache import ResponseCache

    while node is not None and not isinstance(node, ResponseCache):
        node = getattr(node, "app", None)
    assert node is not None
    return node
