"""A Chinese benchmark corpus generated from sentences written for ontrack (no devset text).

`zh_corpus(min_bytes)` returns documents of statistical-communiqué, work-report and
press-conference language with varied figures, periods, indicators and places, so the
extractor's caches do not see one passage twice.
"""

from __future__ import annotations

import random

PLACES = ("全省", "全市", "全区", "我省", "本市", "辽宁", "江西", "四川", "广东", "河南")
PERIODS = ("一季度", "上半年", "前三季度", "1至5月", "全年", "去年", "今年以来", "2023年")
LEVELS = (
    ("地区生产总值", "亿元"), ("规模以上工业增加值", "亿元"), ("社会消费品零售总额", "亿元"),
    ("一般公共预算收入", "亿元"), ("粮食总产量", "万吨"), ("风电装机", "万千瓦"),
    ("全社会用电量", "亿千瓦时"), ("城镇新增就业", "万人"), ("实际使用外资", "亿美元"),
    ("新登记市场主体", "万户"), ("高新技术企业", "家"), ("接待游客", "万人次"),
)  # fmt: skip
SHARES = (
    "清洁能源装机占比",
    "常住人口城镇化率",
    "研发经费投入强度",
    "森林覆盖率",
    "数字经济核心产业增加值占比",
)
TEMPLATES = (
    "{period},{place}{level}{n1}{unit},同比增长{p1}%。",
    "{period},{place}{level}{n1}{unit},比上年增长{p1}%,增速高于全国{pp}个百分点。",
    "其中,第一产业增加值{n2}亿元,增长{p1}%;第二产业增加值{n1}亿元,增长{p2}%;第三产业增加值{n3}亿元,增长{p3}%。",
    "{place}{share}达到{p4}%,比上年末提高{pp}个百分点。",
    "到2027年,{share}力争达到{p4}%以上,{level}突破{n1}{unit}。",
    "今年经济社会发展的主要预期目标是:地区生产总值增长{p1}%左右,城镇调查失业率控制在5.5%以内。",
    "城镇和农村居民人均可支配收入分别增长{p1}%和{p2}%。",
    "{place}{level}增速居全国第{rank}位,创历史新高。",
    "{period},{place}{level}同比下降{p3}%,降幅比一季度收窄{pp}个百分点。",
    "“十四五”期间,{place}{level}年均增长{p2}%,{share}提高到{p4}%。",
    "{place}新建５Ｇ基站{small}万个,同比增长{p1}%。",
    "初步核算,{place}{level}为{n2}{unit},按不变价格计算,比上年同期增长{p2}%。",
)


def _fill(rng: random.Random, template: str) -> str:
    level, unit = rng.choice(LEVELS)
    return template.format(
        period=rng.choice(PERIODS), place=rng.choice(PLACES), level=level, unit=unit,
        share=rng.choice(SHARES), n1=f"{rng.uniform(100, 60000):.2f}",
        n2=f"{rng.uniform(10, 9000):.1f}", n3=f"{rng.uniform(10, 9000):.2f}",
        p1=f"{rng.uniform(0.1, 15):.1f}", p2=f"{rng.uniform(0.1, 15):.1f}",
        p3=f"{rng.uniform(0.1, 15):.1f}", p4=f"{rng.uniform(10, 80):.1f}",
        pp=f"{rng.uniform(0.1, 3):.1f}", rank=rng.randint(1, 31),
        small=f"{rng.uniform(0.5, 9):.1f}",
    )  # fmt: skip


def zh_documents(count: int, seed: int = 14) -> list[str]:
    """`count` documents of about 2 kB each, paragraphs of four to eight sentences."""
    rng = random.Random(seed)
    docs = []
    for _ in range(count):
        paragraphs = []
        for _p in range(rng.randint(3, 5)):
            paragraphs.append(
                "".join(_fill(rng, rng.choice(TEMPLATES)) for _s in range(rng.randint(4, 8)))
            )
        docs.append("\n\n".join(paragraphs))
    return docs


def zh_corpus(min_bytes: int, seed: int = 14) -> list[str]:
    out: list[str] = []
    size = 0
    batch = 0
    while size < min_bytes:
        for d in zh_documents(50, seed + batch):
            out.append(d)
            size += len(d.encode("utf-8"))
            if size >= min_bytes:
                break
        batch += 1
    return out
