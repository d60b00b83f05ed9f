import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ipgov.programs import stats
from ipgov.programs.choices import AwardGrade, AwardKind, OrganizationKind
from ipgov.programs.models import Award
from ipgov.programs.services.awards import record_award
from ipgov.programs.services.organizations import create_organization
from ipgov.programs.services.training import record_training
from tests.programs.rights import cn_number, make_patent

pytestmark = pytest.mark.django_db
D = datetime.date


def test_awards_by_edition_and_region(actor):
    zz = create_organization("郑州某研究院", OrganizationKind.RESEARCH_INSTITUTE, "410102")
    ly = create_organization("洛阳某公司", OrganizationKind.ENTERPRISE, "410302")
    n1, n2, n3 = (cn_number(2015, 1, i) for i in (1, 2, 3))
    for n in (n1, n2, n3):
        make_patent(n, D(2017, 5, 1))
    record_award(AwardKind.CHINA_PATENT_AWARD, 21, D(2020, 7, 14), AwardGrade.GOLD, f"ZL{n1}", zz)
    record_award(AwardKind.CHINA_PATENT_AWARD, 21, D(2020, 7, 14), AwardGrade.EXCELLENCE, n2, ly)
    record_award(AwardKind.PROVINCIAL_PATENT_AWARD, 2, D(2020, 5, 20), AwardGrade.FIRST, n3, ly)
    assert stats.awards("410000", AwardKind.CHINA_PATENT_AWARD, edition=21) == 2
    assert stats.awards("410300", AwardKind.CHINA_PATENT_AWARD, edition=21) == 1
    assert stats.awards("410000", AwardKind.CHINA_PATENT_AWARD, edition=20) == 0
    assert stats.awards("410000", AwardKind.PROVINCIAL_PATENT_AWARD, edition=2) == 1
    assert Award.objects.get(grade=AwardGrade.GOLD).patent_number == n1  # "ZL" prefix normalized


def test_award_needs_a_patent_in_force(actor):
    org = create_organization("某公司", OrganizationKind.ENTERPRISE, "410102")
    lapsed = cn_number(2010, 1, 9)
    make_patent(lapsed, D(2012, 1, 1), D(2019, 3, 1))
    with pytest.raises(ValidationError, match="not in the register"):
        record_award(AwardKind.CHINA_PATENT_AWARD, 21, D(2020, 7, 14), AwardGrade.GOLD, cn_number(2010, 1, 8), org)
    with pytest.raises(ValidationError, match="had ended on 2019-03-01"):
        record_award(AwardKind.CHINA_PATENT_AWARD, 21, D(2020, 7, 14), AwardGrade.GOLD, lapsed, org)
    with translation.override("zh-hans"), pytest.raises(ValidationError, match="已于 2019-03-01 终止，早于 2020-07-14"):
        record_award(AwardKind.CHINA_PATENT_AWARD, 21, D(2020, 7, 14), AwardGrade.GOLD, lapsed, org)
    with translation.override("zh-hans"), pytest.raises(ValidationError, match="登记簿中没有专利 "):
        record_award(AwardKind.CHINA_PATENT_AWARD, 21, D(2020, 7, 14), AwardGrade.GOLD, cn_number(2010, 1, 8), org)
    assert not Award.objects.exists()


def test_trainees_sum_person_times_in_period(actor):
    record_training("精准扶贫巡讲 郑州", "410100", "2019-04-02", "2019-04-03", 1200, theme="知识产权助力精准扶贫")
    record_training("精准扶贫巡讲 信阳", "411500", D(2019, 12, 31), None, 800, theme="知识产权助力精准扶贫")
    record_training("专利代理培训", "410100", D(2020, 1, 5), None, 300)
    assert stats.trainees("410000", D(2019, 1, 1), D(2019, 12, 31)) == 2000
    assert stats.trainees("410100", D(2019, 1, 1), D(2020, 12, 31)) == 1500
    with pytest.raises(ValidationError, match="before it starts"):
        record_training("x", "410100", D(2019, 5, 2), D(2019, 5, 1), 10)
    with pytest.raises(ValidationError, match="not a count"):
        record_training("x", "410100", D(2019, 5, 2), None, -5)
