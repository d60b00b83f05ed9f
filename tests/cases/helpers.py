import datetime

from ipgov.cases import services

D = datetime.date
TXT = "材料.txt"


def doc(case, doc_type, on, text="案件材料"):
    return services.attach_document(case, doc_type, TXT, f"{text} {case.number}".encode(), on=on)


def state(case):
    case.refresh_from_db()
    return case.state


def deadline(case, key):
    return case.deadlines.get(key=key)
