"""Column synonyms (表头同义词): the headers of CNIPA, incoPat-style and other exports → our field names.

Declarative on purpose: supporting a new export usually means adding a synonym here. Headers are
compared after NFKC normalization (full-width brackets become ASCII), case-folding and removing
spaces, so `公开（公告）号` and `公开(公告)号` are the same header. The first synonym of each field is
the header ipgov itself writes (docs/import-formats.md lists them).
"""

from __future__ import annotations

from ipgov.core.ingest.headers import HeaderSet

PATENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "application_number": ("申请号", "专利申请号", "申请号码", "申请号/专利号", "专利号/申请号", "application number", "application no",
                           "appln no", "an"),
    "filing_date": ("申请日", "申请日期", "application date", "filing date"),
    "patent_type": ("专利类型", "专利种类", "类型", "patent type"),
    "title": ("专利名称", "发明名称", "名称", "标题", "title"),
    "grant_title": ("授权名称",),
    "abstract": ("申请摘要", "摘要", "abstract"),
    "applicants": ("申请人", "申请(专利权)人", "申请人/专利权人", "专利权人/申请人", "当前申请(专利权)人",
                   "申请人(专利权人)", "专利权人", "申请人名称", "第一申请人", "applicant", "applicants"),
    "applicant_address": ("申请人地址", "第一申请人地址", "地址", "applicant address"),
    "applicant_type": ("申请人类型", "申请人性质", "applicant type"),
    "region_code": ("国省代码", "申请人国省代码", "行政区划代码", "区划代码"),
    "inventors": ("发明人", "设计人", "发明(设计)人", "发明人/设计人", "inventor", "inventors"),
    "publication_number": ("公开号", "公开(公告)号", "公开公告号", "申请公布号/授权公告号", "公告号", "publication number"),
    "publication_date": ("公开日", "公开(公告)日", "公开日期", "申请公布日", "publication date"),
    "grant_number": ("授权公告号", "授权号", "grant number"),
    "grant_date": ("授权公告日", "授权日", "授权日期", "授权公告日期", "grant date"),
    "ipc_main": ("主分类号", "ipc主分类号", "ipc主分类", "主分类", "ipc(主分类)", "main ipc"),
    "ipc_codes": ("分类号", "ipc分类号", "ipc", "ipc分类", "国际专利分类号", "ipc codes"),
    "agency": ("专利代理机构", "代理机构", "代理机构名称", "agency"),
    "agent": ("专利代理人", "代理人", "agent"),
    "priority_number": ("优先权", "优先权号", "priority"),
    "priority_date": ("优先权日", "priority date"),
    "priority_count": ("优先权数量",),
    "legal_status": ("法律状态", "当前法律状态", "简单法律状态", "法律状态/事件", "案件状态", "legal status"),
    "legal_status_date": ("法律状态最后修改日期", "法律状态日", "法律状态公告日", "法律状态生效日"),
    "publication_or_grant_date": ("申请公布日/授权公告日", "公开(公告)日/授权公告日"),
    "terminated_date": ("失效日期", "失效日", "权利终止日"),
    "legal_events": ("法律事件",),
    "exam_date": ("实质审查日", "实审生效日", "实质审查生效日"),
    "transfer_date": ("转让日期",),
    "licence_date": ("许可日期",),
    "pledge_date": ("质押日期",),
    "invalidation_date": ("无效宣告日期",),
    "citations_count": ("引证数", "引证次数", "citations"),
    "family_size": ("简单同族数量", "同族数量", "family size"),
    "pct_application_number": ("国际申请号", "pct申请号", "pct application number"),
    "pct_filing_date": ("国际申请日", "pct申请日"),
    "pct_publication_number": ("国际公开号", "pct公开号"),
    "national_phase_date": ("进入国家日期", "进入国家阶段日期", "进入国家阶段日"),
}

TRADEMARK_COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("注册号", "商标注册号", "申请/注册号", "注册/申请号", "注册号/申请号", "申请号", "registration number"),
    "nice_classes": ("国际分类", "国际分类号", "类别", "类号", "商标分类", "nice class", "nice classes"),
    "name": ("商标名称", "商标", "trademark"),
    "filing_date": ("申请日期", "申请日", "filing date"),
    "registration_date": ("注册日期", "注册公告日期", "注册日", "registration date"),
    "term": ("专用权期限", "专用期限", "商标专用权期限"),
    "expiry_date": ("专用权截止日期", "专用权到期日", "截止日期"),
    "owner_name": ("申请人名称", "注册人", "注册人名称", "申请人", "申请人名称(中文)", "owner"),
    "owner_address": ("申请人地址", "注册人地址", "申请人地址(中文)", "地址", "owner address"),
    "region_code": ("国省代码", "行政区划代码", "区划代码"),
    "kind": ("商标类型", "商标种类", "类型"),
    "is_gi": ("地理标志", "是否地理标志", "地理标志商标"),
    "well_known_on": ("驰名商标认定日期", "驰名认定日期"),
    "status": ("商标状态", "状态", "法律状态", "商标流程状态"),
    "terminated_date": ("失效日期", "注销日期", "终止日期"),
    "renewal_dates": ("续展日期",),
    "transfer_dates": ("转让日期",),
}

GI_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("产品名称", "地理标志产品名称", "地理标志产品", "名称"),
    "area": ("所在地区", "保护范围", "产地范围", "地区", "产地"),
    "region_code": ("区划代码", "行政区划代码", "地区代码"),
    "approval_date": ("批准日期", "公告日期", "批准公告日期", "保护批准日期"),
    "announcement_number": ("批准公告号", "公告号", "公告编号"),
    "authorized_users": ("用标企业", "核准用标企业", "用标企业名单"),
    "authorized_on": ("用标核准日期", "核准日期"),
}

COLUMNS = {"patents": PATENT_COLUMNS, "trademarks": TRADEMARK_COLUMNS, "gi": GI_COLUMNS}
KEY_FIELD = {"patents": "application_number", "trademarks": "number", "gi": "name"}


REGISTER_HEADERS = HeaderSet(COLUMNS, KEY_FIELD)
