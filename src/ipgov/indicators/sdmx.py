"""The public cube in SDMX terms: SDMX-CSV 2.0 (and the data structure definition it refers to).

Dimensions INDICATOR (catalogue id), REF_AREA (GB/T 2260 code), TIME_PERIOD (SDMX period codes: 2019,
2020-S1, 2020-Q2, 2020-05; a range of years as 2017-01-01/P3Y), BREAKDOWN (`_T` for the total, else
`<dimension>-<value>`, e.g. `type-invention`); measure OBS_VALUE; attributes UNIT_MEASURE, OBS_STATUS
(computed / reported / estimated) and RUN_ID (the computation run).
"""

from __future__ import annotations

import csv
import io

from ipgov.core import periods
from ipgov.core.choices import PeriodKind

AGENCY, DSD_ID, VERSION = "IPGOV", "DSD_IP_CUBE", "1.0"
STRUCTURE_ID = f"{AGENCY}:{DSD_ID}({VERSION})"
DIMENSIONS = ("INDICATOR", "REF_AREA", "TIME_PERIOD", "BREAKDOWN")
ATTRIBUTES = ("UNIT_MEASURE", "OBS_STATUS", "RUN_ID")
TOTAL = "_T"


def time_period(code: str) -> str:
    """2020H1 → 2020-S1, 2020Q2 → 2020-Q2, 2020-05 → 2020-05, 2019 → 2019, 2017..2019 → 2017-01-01/P3Y."""
    p = periods.parse(code)
    if p.kind == PeriodKind.HALF:
        return f"{p.end_year}-S{p.number}"
    if p.kind == PeriodKind.QUARTER:
        return f"{p.end_year}-Q{p.number}"
    if p.kind == PeriodKind.RANGE:
        return f"{p.first_year}-01-01/P{p.end_year - p.first_year + 1}Y"
    return p.code


def breakdown_code(breakdown: str) -> str:
    return breakdown.replace("=", "-") if breakdown else TOTAL


def sdmx_csv(rows: list[dict]) -> str:
    """Cells (as `indicators.opendata.cells` returns them) as SDMX-CSV 2.0."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["STRUCTURE", "STRUCTURE_ID", "ACTION", *DIMENSIONS, "OBS_VALUE", *ATTRIBUTES])
    for r in rows:
        writer.writerow(["datastructure", STRUCTURE_ID, "I", r["indicator"], r["region"], time_period(r["period"]),
                         breakdown_code(r["breakdown"]), r["value"], r["unit"], r["status"],
                         "" if r["run_id"] is None else r["run_id"]])
    return out.getvalue()


def structure(within: str = "410000"):
    """The data structure definition with its codelists (catalogue's public indicators, the regions under
    `within` with retired codes, breakdown values), as sdmx1 model objects: (StructureMessage, DSD)."""
    from sdmx.message import StructureMessage
    from sdmx.model import common, v21

    from ipgov.indicators import opendata
    from ipgov.regions.models import Region

    agency = common.Agency(id=AGENCY)

    def codelist(cid, codes):
        cl = common.Codelist(id=cid, maintainer=agency, version=VERSION, is_final=True)
        for code, names in codes:
            cl.append(common.Code(id=code, name={k: v for k, v in names.items() if v}))
        return cl

    inds = opendata.public_indicators()
    cl_ind = codelist("CL_INDICATOR", [(i.id, {"zh": i.name_zh, "en": i.name_en}) for i in inds])
    cl_area = codelist("CL_AREA", [(code, {"zh": name}) for code, name in
                                   Region.objects.within(within).order_by("code").values_list("code", "name")])
    breakdowns = {TOTAL: {"zh": "合计", "en": "Total"}}
    for ind in inds:
        for key, (zh, en) in opendata.breakdown_labels(ind.id).items():
            breakdowns[breakdown_code(key)] = {"zh": zh, "en": en}
    cl_bd = codelist("CL_BREAKDOWN", sorted(breakdowns.items()))
    dsd = v21.DataStructureDefinition(id=DSD_ID, maintainer=agency, version=VERSION, is_final=True,
                                      name={"en": "ipgov statistics cube", "zh": "知识产权统计数据立方体"})
    for order, (name, cl) in enumerate((("INDICATOR", cl_ind), ("REF_AREA", cl_area), ("BREAKDOWN", cl_bd))):
        dsd.dimensions.append(common.Dimension(id=name, order=order,
                                               local_representation=common.Representation(enumerated=cl)))
    dsd.dimensions.append(common.TimeDimension(id="TIME_PERIOD", order=3))
    dsd.measures.append(v21.PrimaryMeasure(id="OBS_VALUE"))
    for attribute in ATTRIBUTES:
        dsd.attributes.append(common.DataAttribute(id=attribute, related_to=v21.PrimaryMeasureRelationship))
    message = StructureMessage()
    for cl in (cl_ind, cl_area, cl_bd):
        message.add(cl)
    message.add(dsd)
    return message, dsd


def structure_xml(within: str = "410000") -> bytes:
    import sdmx

    return sdmx.to_xml(structure(within)[0], pretty_print=True)


def data_xml(rows: list[dict]) -> bytes:
    """Cells as an SDMX-ML 2.1 structure-specific data message."""
    import sdmx
    from sdmx.message import DataMessage
    from sdmx.model import common, v21

    _, dsd = structure()
    dataset = v21.DataSet(structured_by=dsd)
    for r in rows:
        key = dsd.make_key(common.Key, {"INDICATOR": r["indicator"], "REF_AREA": r["region"],
                                        "BREAKDOWN": breakdown_code(r["breakdown"]),
                                        "TIME_PERIOD": time_period(r["period"])})
        attributes = {"UNIT_MEASURE": r["unit"], "OBS_STATUS": r["status"],
                      "RUN_ID": "" if r["run_id"] is None else str(r["run_id"])}
        dataset.obs.append(v21.Observation(dimension=key, value=r["value"], attached_attribute={
            name: common.AttributeValue(value=value, value_for=dsd.attributes.get(name))
            for name, value in attributes.items()}))
    return sdmx.to_xml(DataMessage(data=[dataset]), pretty_print=True)
