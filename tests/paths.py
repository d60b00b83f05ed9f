"""Real reference files the tests read, committed under tests/data (see its SOURCES.md)."""

from pathlib import Path

TEST_DATA = Path(__file__).resolve().parent / "data"
PATENT_SAMPLE_CSV = TEST_DATA / "patents" / "henan_cn_patent_records_sample.csv"
XML_SAMPLES = TEST_DATA / "patents" / "xml_samples"
