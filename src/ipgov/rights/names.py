"""An applicant's name and its legal form (有限公司, 股份有限公司, Co., Ltd. …): the one rule for what a
name's legal form is, shared by the register's applicant search (`rights.filtersets`) and by the
harmonisation of organizations' names (`orgs.names`, whose key drops it)."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]")
LEGAL_FORM = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|集团公司|股份公司|公司)$")
LATIN_LEGAL_FORM = re.compile(r"[\s,]*(?:co\.?,?\s*ltd\.?|company\s+limited|limited|ltd\.?|inc\.?|incorporated|"
                              r"corporation|corp\.?|gmbh|ag|llc|s\.a\.?|plc|co\.?)$", re.IGNORECASE)


def legal_form_key(name: str) -> str:
    """The name without its final legal form (the key two spellings of one enterprise share); the name
    itself when nothing of two characters or more would be left."""
    if CJK.search(name):
        base = LEGAL_FORM.sub("", name)
    else:
        base = LATIN_LEGAL_FORM.sub("", name).rstrip(" ,.")
    return base if len(base) >= 2 else name
