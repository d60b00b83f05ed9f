import datetime

from ipgov.cases import services
from ipgov.core import credit_code

D = datetime.date
TXT = "材料.txt"


def doc(case, doc_type, on, text="案件材料"):
    return services.attach_document(case, doc_type, TXT, f"{text} {case.number}".encode(), on=on)


def state(case):
    case.refresh_from_db()
    return case.state


def deadline(case, key):
    return case.deadlines.get(key=key)


ZZC = "中国郑州（创意产业）知识产权快速维权中心"
APPLICANT_CODE = credit_code.make("410100", "MA44XY7K0")


def applicant(code=APPLICANT_CODE):
    return [{"role": "complainant", "name": "郑州创意包装有限公司", "credit_code": code, "region": "410100"}]


def register_applicant(on=None, code=APPLICANT_CODE, center=ZZC):
    from ipgov.core.actor import Actor, acting_as

    with acting_as(Actor.system("test")):
        return services.register_enterprise(authority=center, name="郑州创意包装有限公司", credit_code=code,
                                            registered_on=on or D(2018, 6, 1), region="410100")
