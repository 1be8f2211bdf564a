"""An English corpus of many short documents for benchmarks/scale.py, generated from sentences
written for the benchmark (no devset or real text): briefings on varied regions, indicators,
years and figures from the built-in catalog, so that no two documents have the same text.
"""

from __future__ import annotations

import random
from pathlib import Path

INDICATORS = (
    ("gross domestic product", "percent"),
    ("industrial value added", "percent"),
    ("retail sales of consumer goods", "percent"),
    ("fixed-asset investment", "percent"),
    ("per capita disposable income of urban residents", "percent"),
    ("general public budget revenue", "percent"),
    ("foreign trade", "percent"),
    ("grain output", "percent"),
)
SHARES = (
    "the share of clean energy in installed capacity",
    "the urbanization rate of the permanent population",
    "forest coverage",
    "research and development spending as a share of GDP",
    "the share of the digital economy in GDP",
)
OPENINGS = (
    "Officials from {region} presented the province's economic results at a press "
    "conference on {weekday}.",
    "The {region} government published its work report for {year} on {weekday}.",
    "{region} released its statistical communique on the national economy for {last}.",
)
SENTENCES = (
    "{region}'s {indicator} grew {p1} percent in {last}, {compare} the national rate.",
    "In the first quarter of {year}, the province's {indicator} grew {p2} percent year on year.",
    "{Share} reached {s1} percent at the end of {last}, up {pp} percentage points.",
    "{Share} is set to exceed {s2} percent by the end of {year}.",
    "By {goal}, {share} will reach {s2} percent.",
    "The province aims to keep {indicator} growth at around {p2} percent this year.",
    "Urban surveyed unemployment will be kept within {u} percent.",
    "{region} will build key industrial clusters and strengthen research in new materials.",
    "The province will pursue a green, low-carbon transformation of its industrial base.",
    "In {last}, {indicator} fell {p3} percent, a smaller fall than a year earlier.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def regions() -> list[str]:
    from ontrack.catalog import default_catalog

    return sorted(r.name for r in default_catalog().regions() if r.level == "province")


def document(rng: random.Random, number: int, names: list[str]) -> str:
    """One briefing with front matter; `number` makes every text distinct."""
    region = rng.choice(names)
    year = rng.randint(2016, 2025)
    values = {
        "region": region,
        "year": year,
        "last": year - 1,
        "goal": year + rng.randint(1, 6),
        "weekday": rng.choice(WEEKDAYS),
        "compare": rng.choice(("above", "below", "matching")),
        "p1": f"{rng.uniform(0.5, 9):.1f}",
        "p2": f"{rng.uniform(0.5, 9):.1f}",
        "p3": f"{rng.uniform(0.5, 9):.1f}",
        "s1": f"{rng.uniform(10, 60):.1f}",
        "s2": f"{rng.uniform(20, 80):.1f}",
        "pp": f"{rng.uniform(0.1, 3):.1f}",
        "u": f"{rng.uniform(4.5, 6):.1f}",
    }
    body = [rng.choice(OPENINGS).format(**values)]
    for template in rng.sample(SENTENCES, k=rng.randint(4, 7)):
        indicator, _ = rng.choice(INDICATORS)
        share = rng.choice(SHARES)
        body.append(
            template.format(indicator=indicator, share=share, Share=share[0].upper() + share[1:],
                            **values)
        )  # fmt: skip
    title = f"{region} briefing no. {number}"
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    head = f"---\ntitle: {title}\ndate: {year}-{month:02d}-{day:02d}\nregion: {region}\n---\n\n"
    return head + f"{title}\n\n" + "\n\n".join(body) + "\n"


def write_corpus(folder: Path, count: int, *, seed: int = 16) -> list[Path]:
    """`count` documents as Markdown files in `folder` (sorted names), returned in order."""
    rng = random.Random(seed)
    names = regions()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"doc{i:06d}.md"
        path.write_text(document(rng, i, names), encoding="utf-8")
        paths.append(path)
    return paths
