"""The file-level encoding detection counts the lines the importer's progress promises."""

from ipgov.core.ingest import encoding


def test_a_gbk_export_counts_all_its_lines_not_those_before_its_first_chinese_block(tmp_path):
    # 1 MB of ASCII lines first: the UTF-8 check reads block by block and stops at the first GBK byte
    ascii_lines = ["序号,申请号"] + [f"{i},CN2016{i:08d}.1" for i in range(60_000)]
    text = "\r\n".join(ascii_lines + ["60000,河南大学"] * 3) + "\r\n"
    path = tmp_path / "gbk.csv"
    path.write_bytes(text.encode("gb18030"))
    codec, used, lines = encoding.detect_file(path)
    assert (codec, used) == ("gb18030", "gb18030")
    assert lines == 60_004  # header, 60,000 ASCII rows, 3 Chinese ones
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes(text.encode("utf-8"))
    assert encoding.detect_file(utf8) == ("utf-8-sig", "utf-8", 60_004)
