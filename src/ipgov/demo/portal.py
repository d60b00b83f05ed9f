"""Demo step of the public portal: the seed article (live figures), 20 synthetic articles across the
columns, comments in each moderation state, the seed's two policy documents and one open consultation,
then the portal's URL. Idempotent: a second run finds everything in place and changes nothing."""

from __future__ import annotations

import datetime
import random

from django.utils.translation import gettext, gettext_lazy

from ipgov.demo.steps import DemoContext, StepResult, titled

TITLE = gettext_lazy("Public portal: seed article, news, comments, policy documents")
COLUMNS = ("news", "notices", "policy", "data")
CITIES = (("410100", "郑州"), ("410300", "洛阳"), ("410700", "新乡"), ("410200", "开封"), ("411000", "许昌"))
TOPICS = {
    "news": ["{city}市召开知识产权保护工作推进会", "{city}市开展知识产权宣传周活动", "{city}市知识产权维权援助工作站揭牌"],
    "notices": ["关于开展{year}年度知识产权试点示范工作的通知", "关于组织申报{year}年度专利奖的通知"],
    "policy": ["《{city}市知识产权质押融资管理办法》解读", "专利侵权纠纷行政裁决工作指引解读"],
    "data": ["{year}年{city}市专利统计数据发布", "{year}年上半年全省知识产权主要指标"],
}
COMMENTS = [  # (nickname, body, decision): None held, True approved, str rejected with that reason
    ("豫企之声", "期待更多知识产权公共服务下沉到县区。", True),
    ("郑州网友", "维权援助工作站的联系方式在哪里能查到？", True),
    ("路人甲", "会议内容很充实。", None),
    ("推广号", "专业代开发票，价格优惠", "广告信息"),
    ("匿名", "与本文无关的内容", "与主题无关"),
]


def _article_body(rng: random.Random, column: str, city_code: str, city: str, year: int) -> str:
    figure = (f"<p>{year}年，{city}市专利申请量为{{{{ cell patent_applications {city_code} {year} }}}}件，"
              f"专利授权量为{{{{ cell patent_grants {city_code} {year} }}}}件。</p>")
    filler = rng.choice(["各有关单位要高度重视，认真组织实施。", "会议要求，进一步强化知识产权保护和运用。",
                         "下一步将持续优化知识产权公共服务。"])
    return f"<p>{filler}</p>" + (figure if column in ("data", "news") else "")


@titled(TITLE)
def publish_portal(ctx: DemoContext) -> StepResult:
    from ipgov.core.actor import Actor, acting_as, current_actor
    from ipgov.portal import services
    from ipgov.portal.models import Article, Comment, PolicyDocument
    from ipgov.portal.seed import import_policies, import_seed
    from ipgov.portal.services import policies

    actor = current_actor() or Actor.system("demo")
    synthetic = Article.objects.filter(seed_key__startswith="demo:article:").count()
    done = synthetic == 20 and Comment.objects.filter(nickname="豫企之声").exists() and \
        PolicyDocument.objects.filter(seed_key="demo:policy:consultation").exists()
    if done:
        return StepResult(TITLE, False, _summary())
    rng = random.Random(ctx.seed)
    with acting_as(actor):
        seed = import_seed()
        for i in range(20):
            key = f"demo:article:{i}"
            if Article.objects.filter(seed_key=key).exists():
                continue
            column = COLUMNS[i % len(COLUMNS)]
            city_code, city = CITIES[i % len(CITIES)]
            year = 2019 if i % 2 else 2018
            title = rng.choice(TOPICS[column]).format(city=city, year=year)
            date = datetime.date(2020, 1, 6) + datetime.timedelta(days=9 * i)
            art = services.save_article(title=title, column=column, date=date, byline="河南省知识产权局（演示）",
                                        body=_article_body(rng, column, city_code, city, year), tags=[city],
                                        seed_key=key)
            services.move_article(art, "submit")
            services.move_article(art, "publish", at=datetime.datetime.combine(
                date, datetime.time(9), tzinfo=datetime.UTC))
        if not Comment.objects.filter(article=seed).exists():
            for n, (nickname, body, decision) in enumerate(COMMENTS):
                with acting_as(Actor.anonymous(f"192.0.2.{10 + n}")):
                    comment = services.submit_comment(seed, nickname=nickname, body=body)
                if decision is True:
                    services.moderate_comment(comment, approve=True)
                elif decision:
                    services.moderate_comment(comment, approve=False, reason=decision)
        import_policies()
        if not PolicyDocument.objects.filter(seed_key="demo:policy:consultation").exists():
            doc = policies.save_policy(title="河南省知识产权维权援助工作管理办法（征求意见稿）",
                                       text="第一条 为规范知识产权维权援助工作……（演示文本）",
                                       seed_key="demo:policy:consultation")
            policies.move_policy(doc, "consult", consultation_ends=datetime.date.today() + datetime.timedelta(days=30))
    return StepResult(TITLE, True, _summary())


def _summary() -> list[str]:
    from ipgov.portal.models import Article, Comment, PolicyDocument
    from ipgov.web.server import ServerOptions

    counts = {s: Comment.objects.filter(status=s).count() for s in ("published", "held", "rejected")}
    return [gettext("%(articles)s published articles, comments: %(comments)s; %(policies)s policy documents")
            % {"articles": Article.objects.visible().count(),
               "comments": ", ".join(f"{v} {k}" for k, v in counts.items()),
               "policies": PolicyDocument.objects.count()},
            gettext("Public portal: %(url)s") % {"url": f"{ServerOptions.from_environment().url.rstrip('/')}/portal/"}]
