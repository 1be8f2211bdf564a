"""Regions and indicators with their aliases; finding the one a name or phrase means.

The built-in catalog holds China and its 31 provincial-level regions (ISO 3166-2 ids, GB/T
2260 codes, English and Chinese names, common aliases), every ISO 3166 country (from
pycountry), and the indicators of the bundled data. Users extend it from TOML or CSV.
"""

from __future__ import annotations

import csv
import difflib
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import CatalogError
from .model import Indicator, Region

_DIRECTION = (
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|central|"
    r"ne|nw|se|sw|n|s|e|w|north-east|north-west|south-east|south-west)"
)
_PREFIX = re.compile(rf"^(?:the\s+)?(?:{_DIRECTION}\.?\s+)?china'?s?\s+(?=\S)")
_SUFFIX_EN = re.compile(
    r"\s+(?:province|municipality|autonomous region|special administrative region|sar|"
    r"sheng|shi|zizhiqu|region)$"
)
_SUFFIX_ZH = re.compile(r"(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)$")


def normalise_name(name: str) -> str:
    """Fold a region or indicator name so that spelling variants meet."""
    s = name.strip().casefold().replace("’", "'").replace("‘", "'")
    s = re.sub(r"\s+", " ", s)
    s = _PREFIX.sub("", s)
    s = re.sub(r"^the\s+", "", s)
    s = _SUFFIX_EN.sub("", s)
    if len(s) > 2:
        s = _SUFFIX_ZH.sub("", s)
    return s.strip(" .,'")


# Words that say where or whose, not what: dropped before matching an indicator phrase.
_PLACE_WORDS = {
    "province",
    "provinces",
    "provincial",
    "city",
    "cities",
    "region",
    "regions",
    "regional",
    "national",
    "nationwide",
    "country",
    "country's",
    "nation",
    "china",
    "chinese",
    "local",
    "municipality",
    "municipal",
    "autonomous",
    "whole",
    "entire",
    "total",
}
_STOP_WORDS = {
    "the",
    "of",
    "in",
    "its",
    "their",
    "a",
    "an",
    "and",
    "for",
    "to",
    "as",
    "by",
    "on",
    "at",
    "with",
    "from",
    "this",
    "that",
    "year",
    "years",
    "annual",
    "rate",
    "level",
    "value",
    "figure",
    "current",
    "now",
    "overall",
    "s",
}
# Spellings of one idea, folded to one token sequence before matching.
_SYNONYMS = [
    (
        r"gross domestic product|gross regional product|regional gdp|\bgrp\b|\beconomy\b|"
        r"economic output|economic",
        "gdp",
    ),
    (r"research and development|r\s*&\s*d|\br and d\b", "rd"),
    (r"clean-energy", "clean energy"),
    (r"non-fossil|non fossil", "nonfossil"),
    (r"new-energy", "new energy"),
    (r"\bexpanded\b|\bexpansion\b|\bincrease\b|\brise\b|\bgrew\b|\bgrow\b", "growth"),
    (r"\bproportion\b|\bpercentage\b|\bratio\b|\bpercent\b", "share"),
    (
        r"installed generating capacity|installed power generation capacity|"
        r"installed power capacity|power generation capacity|generating capacity",
        "installed capacity",
    ),
    (r"photovoltaic|\bpv\b", "solar"),
]
_SYNONYM_RES = [(re.compile(pattern), repl) for pattern, repl in _SYNONYMS]
_APOSTROPHE_S = re.compile(r"'s\b")
_TOKEN_WORDS = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]+")


def indicator_tokens(phrase: str, place_words: frozenset[str] = frozenset()) -> frozenset[str]:
    """The content words of an indicator phrase, with synonyms folded and places dropped."""
    s = phrase.casefold().replace("’", "'")
    s = _APOSTROPHE_S.sub("", s)
    for pattern, repl in _SYNONYM_RES:
        s = pattern.sub(repl, s)
    words = _TOKEN_WORDS.findall(s)
    if any(w[0] >= "\u4e00" for w in words):
        words = _cut_chinese(words)
    return frozenset(
        w for w in words if w not in _STOP_WORDS and w not in _PLACE_WORDS and w not in place_words
    )


def _cut_chinese(words: list[str]) -> list[str]:
    """Chinese runs cut into words ("辽宁地区生产总值增长" -> 辽宁, 地区, 生产总值, 增长), so
    a Chinese phrase matches an alias by word overlap as an English one does."""
    from .extract.zh.indicators import words as chinese_words

    out: list[str] = []
    for w in words:
        out.extend(sorted(chinese_words(w)) if w[0] >= "\u4e00" else [w])
    return out


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


_ACRONYMS = {
    "gdp": "GDP",
    "grp": "GRP",
    "rd": "R&D",
    "cpi": "CPI",
    "fdi": "FDI",
    "va": "value added",
    "yoy": "year on year",
    "ytd": "year to date",
    "gw": "GW",
    "kwh": "kWh",
    "co2": "CO2",
    "sme": "SME",
    "smes": "SMEs",
    "nev": "NEV",
    "nevs": "NEVs",
    "10k": "10,000",
}


def humanise_id(indicator_id: str) -> str:
    """A readable name for an indicator id: 'gdp_real_growth_minus_national' ->
    'GDP real growth minus national'."""
    words = [_ACRONYMS.get(w, w) for w in indicator_id.split("_") if w]
    if not words:
        return indicator_id
    first = words[0]
    words[0] = first if first[:1].isupper() else first[:1].upper() + first[1:]
    return " ".join(words)


def _split_aliases(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(a.strip() for a in re.split(r"[;|]", text) if a.strip())


class Catalog:
    """Regions and indicators, looked up by id, name, code or alias."""

    def __init__(
        self, regions: Iterable[Region] = (), indicators: Iterable[Indicator] = ()
    ) -> None:
        self._regions: dict[str, Region] = {}
        self._region_names: dict[str, str] = {}
        self._indicators: dict[str, Indicator] = {}
        self._indicator_names: dict[str, str] = {}
        for region in regions:
            self.add_region(region)
        for indicator in indicators:
            self.add_indicator(indicator)

    # -- regions -------------------------------------------------------------------------
    def add_region(self, region: Region, *, strict: bool = False) -> None:
        """Add a region, or more aliases to a known one.

        A name already taken by another region keeps its first owner; with `strict`
        (user files) that is an error instead, so a typo cannot hijack a province.
        """
        if not region.id or not region.name:
            raise CatalogError(f"region {region!r}: id and name are required")
        old = self._regions.get(region.id)
        if old is not None:
            region = replace(old, aliases=tuple(dict.fromkeys(old.aliases + region.aliases)))
        # Ids are looked up exactly (see find_region), not folded: "IN" must not mean "in".
        keys = [region.name, region.name_zh, region.code, *region.aliases]
        for key in filter(None, keys):
            owner = self._region_names.setdefault(normalise_name(key), region.id)
            if owner != region.id and strict:
                raise CatalogError(
                    f"region {region.id!r}: the name {key!r} already means region {owner!r}; "
                    "remove it from the aliases or use a different name"
                )
        self._regions[region.id] = region
        for cached in ("_place_words", "_token_cache", "_token_index"):
            self.__dict__.pop(cached, None)  # they depend on the region names

    def find_region(self, name: str) -> Region | None:
        """The region a name, alias, id or code means, or None."""
        if not name:
            return None
        name = str(name).strip()
        if name in self._regions:
            return self._regions[name]
        if "-" in name and name.upper() in self._regions:  # cn-ln is CN-LN ("in" is no id)
            return self._regions[name.upper()]
        region_id = self._region_names.get(normalise_name(name))
        return self._regions.get(region_id) if region_id else None

    def region(self, name: str) -> Region:
        """Like find_region, but raise CatalogError with suggestions when unknown."""
        found = self.find_region(name)
        if found is None:
            close = difflib.get_close_matches(normalise_name(name), self._region_names, n=3)
            hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise CatalogError(
                f"unknown region {name!r}.{hint} Add it with `ontrack catalog add FILE` "
                "(TOML or CSV with id,name columns) or ingest with --add-regions."
            )
        return found

    def regions(self) -> Iterator[Region]:
        return iter(self._regions.values())

    def text_names(self) -> Iterator[tuple[str, str]]:
        """(name, region id) pairs safe to search for in running text.

        Codes (CN, USA, 210000) are left out: as words they collide with English ("IN", "CAN").
        """
        for region in self._regions.values():
            for name in dict.fromkeys([region.name, region.name_zh, *region.aliases]):
                if name and not name.isdigit() and not (name.isupper() and len(name) <= 3):
                    yield name, region.id

    # -- indicators ----------------------------------------------------------------------
    def add_indicator(self, indicator: Indicator) -> None:
        if not indicator.id:
            raise CatalogError(f"indicator {indicator!r}: id is required")
        old = self._indicators.get(indicator.id)
        if old is not None:
            indicator = replace(old, aliases=tuple(dict.fromkeys(old.aliases + indicator.aliases)))
        self.__dict__.pop("_token_cache", None)
        self.__dict__.pop("_token_index", None)
        for key in filter(None, [indicator.id, indicator.name, *indicator.aliases]):
            self._indicator_names.setdefault(normalise_name(key), indicator.id)
        self._indicators[indicator.id] = indicator

    def find_indicator(self, name: str) -> Indicator | None:
        ind_id = self._indicator_names.get(normalise_name(str(name)))
        return self._indicators.get(ind_id) if ind_id else None

    def indicators(self) -> Iterator[Indicator]:
        return iter(self._indicators.values())

    @property
    def place_words(self) -> frozenset[str]:
        """Single-word region names ("liaoning", "anhui"): not part of an indicator."""
        if not hasattr(self, "_place_words"):
            words = {normalise_name(n) for n, _ in self.text_names() if " " not in n.strip()}
            self._place_words = frozenset(words)
        return self._place_words

    def _name_tokens(self, indicator: Indicator) -> list[frozenset[str]]:
        """Token sets of an indicator's name, id and aliases (cached; cleared on change)."""
        cache: dict[str, list[frozenset[str]]] = self.__dict__.setdefault("_token_cache", {})
        if indicator.id not in cache:
            names = [indicator.name, indicator.id.replace("_", " "), *indicator.aliases]
            cache[indicator.id] = [indicator_tokens(n, self.place_words) for n in names]
        return cache[indicator.id]

    def indicator_score(self, phrase: str, indicator: Indicator) -> float:
        """How well a phrase names an indicator: best Dice overlap with its name or aliases."""
        return self._token_score(indicator_tokens(phrase, self.place_words), indicator)

    def _token_score(self, tokens: frozenset[str], indicator: Indicator) -> float:
        return max(dice(tokens, names) for names in self._name_tokens(indicator))

    def match_indicators(self, phrase: str, *, limit: int = 5) -> list[tuple[Indicator, float]]:
        """Indicators a phrase may mean, best first, with scores in 0..1.

        Only indicators sharing a word with the phrase are scored (an inverted index), so
        this stays cheap enough to run on every extracted statement.
        """
        exact = self.find_indicator(phrase)
        index: dict[str, set[str]] = self.__dict__.setdefault("_token_index", {})
        if not index:
            for ind in self._indicators.values():
                for names in self._name_tokens(ind):
                    for token in names:
                        index.setdefault(token, set()).add(ind.id)
        tokens = indicator_tokens(phrase, self.place_words)
        ids = set().union(*(index.get(t, set()) for t in tokens)) if tokens else set()
        if exact is not None:
            ids.add(exact.id)
        scored = [
            (ind, 1.0 if ind is exact else self._token_score(tokens, ind))
            for ind in (self._indicators[i] for i in ids)
        ]
        scored = [x for x in scored if x[1] > 0]
        scored.sort(key=lambda x: (-x[1], x[0].id))
        return scored[:limit]

    # -- extension files ------------------------------------------------------------------
    def load_file(self, path: str | Path) -> tuple[int, int]:
        """Add regions and indicators from a TOML or CSV file; return (regions, indicators).

        TOML: `[[region]]` and `[[indicator]]` tables. CSV: a file with a `unit` column is
        read as indicators, otherwise as regions; columns as in the bundled files.
        """
        path = Path(path)
        try:
            if path.suffix.lower() == ".toml":
                data = tomllib.loads(path.read_text(encoding="utf-8"))
                regions = [
                    _region_from_row(r, path, i) for i, r in enumerate(data.get("region", []))
                ]
                indicators = [
                    _indicator_from_row(r, path, i) for i, r in enumerate(data.get("indicator", []))
                ]
            elif path.suffix.lower() == ".csv":
                with path.open(encoding="utf-8-sig", newline="") as f:
                    rows = list(csv.DictReader(f))
                if rows and "unit" in rows[0]:
                    regions = []
                    indicators = [_indicator_from_row(r, path, i + 2) for i, r in enumerate(rows)]
                else:
                    regions = [_region_from_row(r, path, i + 2) for i, r in enumerate(rows)]
                    indicators = []
            else:
                raise CatalogError(f"{path}: catalog files must be .toml or .csv")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise CatalogError(f"{path}: cannot read catalog file: {exc}") from None
        for region in regions:
            self.add_region(region, strict=True)
        for indicator in indicators:
            self.add_indicator(indicator)
        return len(regions), len(indicators)

    def copy(self) -> Catalog:
        return Catalog(self.regions(), self.indicators())


def _region_from_row(row: dict[str, object], path: Path, where: int) -> Region:
    if not row.get("id") or not row.get("name"):
        raise CatalogError(f"{path}:{where}: a region needs `id` and `name`")
    aliases = row.get("aliases") or ()
    return Region(
        id=str(row["id"]).strip(),
        name=str(row["name"]).strip(),
        name_zh=str(row.get("name_zh") or ""),
        code=str(row.get("code") or ""),
        level=str(row.get("level") or "other"),
        parent_id=str(row["parent_id"]) if row.get("parent_id") else None,
        aliases=tuple(aliases) if isinstance(aliases, list) else _split_aliases(str(aliases)),
    )


def _indicator_from_row(row: dict[str, object], path: Path, where: int) -> Indicator:
    if not row.get("id") or not row.get("name"):
        raise CatalogError(f"{path}:{where}: an indicator needs `id` and `name`")
    aliases = row.get("aliases") or ()
    return Indicator(
        id=str(row["id"]).strip(),
        name=str(row["name"]).strip(),
        unit=str(row.get("unit") or ""),
        description=str(row.get("description") or ""),
        aliases=tuple(aliases) if isinstance(aliases, list) else _split_aliases(str(aliases)),
    )


def _bundled_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("ontrack.datasets").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _world_countries() -> Iterator[Region]:
    import pycountry

    for c in pycountry.countries:
        if c.alpha_2 == "CN":
            continue
        names = {getattr(c, "common_name", None), getattr(c, "official_name", None), c.alpha_3}
        yield Region(
            id=c.alpha_2,
            name=getattr(c, "common_name", None) or c.name,
            level="country",
            aliases=tuple(n for n in names | {c.name} if n),
        )
    yield Region(id="WORLD", name="World", level="aggregate", aliases=("global", "worldwide"))


@lru_cache(maxsize=1)
def _default() -> Catalog:
    cat = Catalog()
    for i, row in enumerate(_bundled_csv("regions_china.csv")):
        cat.add_region(_region_from_row(dict(row), Path("regions_china.csv"), i + 2))
    for region in _world_countries():
        cat.add_region(region)
    for i, row in enumerate(_bundled_csv("indicators.csv")):
        cat.add_indicator(_indicator_from_row(dict(row), Path("indicators.csv"), i + 2))
    return cat


def default_catalog() -> Catalog:
    """A fresh copy of the built-in catalog (callers may extend it freely)."""
    return _default().copy()


# -- linking statements to series ----------------------------------------------------------
LINK_THRESHOLD = 0.6
# Frequencies that describe the same kind of period: flows over years, in-year flows, stocks.
_FREQ_CLASS = {
    "A": "year",
    "MY": "year",
    "Q": "in_year",
    "YTD": "in_year",
    "M": "point",
    "D": "point",
}


@dataclass(frozen=True)
class SeriesCandidate:
    """A stored series a statement might be about, with the periods it has data for."""

    series_id: int
    region_id: str
    indicator: Indicator
    frequency: str
    unit: str
    periods: frozenset[str]


@dataclass(frozen=True)
class Link:
    series_id: int | None
    score: float | None
    method: str  # auto | manual
    reason: str


def link_statement(
    catalog: Catalog,
    *,
    indicator_phrase: str,
    region_id: str | None,
    period: str | None,
    unit: str | None,
    candidates: Iterable[SeriesCandidate],
    threshold: float = LINK_THRESHOLD,
) -> Link:
    """Pick the series a statement speaks about, or say why none fits.

    score = indicator match (0..1, catalog aliases then token overlap)
            + 0.1 if the series' frequency suits the statement's period, + 0.1 if it has
            data for that very period, - 0.3 if the period kind cannot match (an annual
            series for a quarterly figure). Units must be convertible.
    """
    from .periods import parse_period
    from .units import parse_unit

    if not region_id:
        return Link(None, None, "auto", "the statement names no region")
    try:
        freq = str(parse_period(period).frequency) if period else None
    except Exception:
        freq = None
    try:
        stmt_unit = parse_unit(unit) if unit else None
    except Exception:
        stmt_unit = None
    best: tuple[float, float, SeriesCandidate] | None = None
    rejected_unit = []
    for cand in candidates:
        if cand.region_id != region_id:
            continue
        text_score = (
            1.0
            if catalog.find_indicator(indicator_phrase) == cand.indicator
            else (catalog.indicator_score(indicator_phrase, cand.indicator))
        )
        if text_score < threshold:
            continue
        if stmt_unit is not None:
            try:
                if not stmt_unit.compatible(parse_unit(cand.unit)):
                    rejected_unit.append(cand.indicator.id)
                    continue
            except Exception:
                pass
        fit = 0.0
        if freq:
            same_class = _FREQ_CLASS.get(freq) == _FREQ_CLASS.get(cand.frequency)
            fit += 0.1 if same_class else 0.0
            if period in cand.periods:
                fit += 0.1
            if {_FREQ_CLASS.get(freq), _FREQ_CLASS.get(cand.frequency)} == {"year", "in_year"}:
                fit -= 0.3
        total = text_score + fit
        if best is None or (total, len(cand.periods)) > (best[0], len(best[2].periods)):
            best = (total, text_score, cand)
    if best is None:
        ranked = catalog.match_indicators(indicator_phrase, limit=1)
        hint = (
            f"; closest indicator {ranked[0][0].id!r} scores {ranked[0][1]:.2f}" if ranked else ""
        )
        units = f"; units do not fit {', '.join(rejected_unit)}" if rejected_unit else ""
        return Link(
            None,
            None,
            "auto",
            f"no series of {region_id} matches {indicator_phrase!r}{hint}{units}",
        )
    total, text_score, cand = best
    return Link(
        cand.series_id,
        round(total, 3),
        "auto",
        f"{cand.indicator.id} ({cand.frequency}) matches {indicator_phrase!r} "
        f"with score {text_score:.2f}",
    )
