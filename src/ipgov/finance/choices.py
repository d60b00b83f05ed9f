from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipgov.core.choices import ChoiceSet


class PledgeStatus(ChoiceSet):
    REGISTERED = "registered", _("registered")  # 已登记
    RELEASED = "released", _("released")  # 解除/注销 (debt repaid: still counts as financing of its period)
    REVOKED = "revoked", _("registration revoked")  # 撤销登记 (void: never counted)

    __colors__ = {"registered": "green", "released": "gray", "revoked": "red"}


COUNTED_PLEDGE_STATUSES = (PledgeStatus.REGISTERED, PledgeStatus.RELEASED)


class PledgedKinds(ChoiceSet):
    PATENT = "patent", _("patents")  # 专利质押
    TRADEMARK = "trademark", _("trademarks")  # 商标质押
    BOTH = "patent_trademark", _("patents and trademarks")  # 专利商标混合质押


PATENT_PLEDGES = (PledgedKinds.PATENT, PledgedKinds.BOTH)


class PledgeeKind(ChoiceSet):
    BANK = "bank", _("bank")  # 银行
    GUARANTEE = "guarantee", _("guarantee company")  # 担保公司
    OTHER = "other", _("other")


class ProjectStage(ChoiceSet):
    PIPELINE = "pipeline", _("pipeline")  # 储备
    INVESTED = "invested", _("invested")  # 已投资
    DROPPED = "dropped", _("dropped")  # 放弃


class LotResult(ChoiceSet):
    PENDING = "pending", pgettext_lazy("auction lot", "pending")  # 待拍
    SOLD = "sold", _("sold")  # 成交
    UNSOLD = "unsold", _("unsold")  # 流拍
    WITHDRAWN = "withdrawn", pgettext_lazy("auction lot", "withdrawn")  # 撤拍


class GrantSource(ChoiceSet):
    CENTRAL = "central", _("central government")  # 中央财政
    PROVINCIAL = "provincial", _("provincial government")  # 省级财政


ZH_NAMES = {
    PledgeeKind: {"银行": "bank", "担保公司": "guarantee", "其他": "other"},
    GrantSource: {"中央财政": "central", "中央": "central", "省级财政": "provincial", "省级": "provincial"},
    LotResult: {"待拍": "pending", "成交": "sold", "流拍": "unsold", "撤拍": "withdrawn"},
}
