"""Text laid out to a width (``copadvisor.render.layout``): paragraphs wrapped, tables fitted to the width with
every column and gap counted, and a list when a table cannot fit."""

from __future__ import annotations

from copadvisor.render.layout import fits, table, visible, wrap

ROWS = [
    ("meetings.too-short", "p/cop.yaml:4", "Meetings are planned for 60 minutes.\n→ Plan two hours."),
    ("roles.unfilled", "p/cop.yaml:9 and 12", "No one is named in roles.admin yet."),
]
HEADERS = ("rule", "where", "finding")


def test_colour_codes_take_no_width() -> None:
    assert visible("\x1b[31m\x1b[1mhigh\x1b[0m") == 4


def test_wrap_with_an_indent_and_a_hanging_indent() -> None:
    assert wrap("one two three four five six", 12, "  ", "    ") == [
        "  one two",
        "    three",
        "    four",
        "    five six",
    ]
    assert wrap("first line\nsecond", 40, "- ", "  ") == ["- first line", "  second"]
    assert wrap("", 10, "  ") == [""]


def test_a_word_longer_than_the_width_is_broken() -> None:
    assert wrap("profiles/a-very-long-folder-name/cop.yaml:12", 20) == [
        "profiles/a-very-long",
        "-folder-name/cop.yam",
        "l:12",
    ]


def test_a_table_as_wide_as_its_content_when_it_fits() -> None:
    assert table(ROWS, HEADERS, 120, "  ") == (
        "  rule                where                finding\n"
        "  ------------------  -------------------  ------------------------------------\n"
        "  meetings.too-short  p/cop.yaml:4         Meetings are planned for 60 minutes.\n"
        "                                           → Plan two hours.\n"
        "  roles.unfilled      p/cop.yaml:9 and 12  No one is named in roles.admin yet."
    )


def test_a_narrower_table_wraps_its_widest_columns_first() -> None:
    out = table(ROWS, HEADERS, 76, "  ")
    assert out == (
        "  rule                where             finding\n"
        "  ------------------  ----------------  ------------------------------------\n"
        "  meetings.too-short  p/cop.yaml:4      Meetings are planned for 60 minutes.\n"
        "                                        → Plan two hours.\n"
        "  roles.unfilled      p/cop.yaml:9 and  No one is named in roles.admin yet.\n"
        "                      12"
    )
    assert max(map(len, out.splitlines())) == 76


def test_a_list_when_the_table_cannot_fit() -> None:
    # 2 + 18 + 2 + 12 ("p/cop.yaml:9") + 2 + 36 (the whole sentence, under 40) > 70
    assert fits(ROWS, HEADERS, 72, "  ")
    assert not fits(ROWS, HEADERS, 71, "  ")
    assert table(ROWS, HEADERS, 50, "  ") == (
        "  meetings.too-short\n"
        "      where: p/cop.yaml:4\n"
        "      finding: Meetings are planned for 60\n"
        "        minutes.\n"
        "        → Plan two hours.\n"
        "\n"
        "  roles.unfilled\n"
        "      where: p/cop.yaml:9 and 12\n"
        "      finding: No one is named in roles.admin yet."
    )


def test_a_list_puts_short_cells_side_by_side_and_leads_with_several() -> None:
    rows = [("rule.a", "low", "coalescing", "A short title")]
    headers = ("rule", "severity", "stages", "title")
    assert table(rows, headers, 30, as_list=True) == (
        "rule.a\n    severity: low\n    stages: coalescing\n    title: A short title"
    )
    assert table(rows, headers, 50, as_list=True) == (
        "rule.a\n    severity: low    stages: coalescing\n    title: A short title"
    )
    assert (
        table(rows, headers, 50, lead=2, as_list=True)
        == "rule.a  low\n    stages: coalescing\n    title: A short title"
    )
    assert table(rows, headers, 50) == (
        "rule    severity  stages      title\n------  --------  ----------  -------------\nrule.a  low       coalescing  A short title"
    )


def test_as_list_decides_the_layout_and_no_headers_means_no_header_lines() -> None:
    assert table(ROWS[1:], HEADERS, 120, as_list=True) == (
        "roles.unfilled\n    where: p/cop.yaml:9 and 12\n    finding: No one is named in roles.admin yet."
    )
    assert table([("a", "1"), ("bb", "22")], None, 80, "    ") == "    a   1\n    bb  22"
    assert table([], HEADERS, 80) == ""


def test_the_same_rows_and_width_give_the_same_text() -> None:
    assert {table(ROWS, HEADERS, width) for width in (70, 70, 70)} == {table(ROWS, HEADERS, 70)}


def test_cells_are_drawn_as_written_however_they_wrap() -> None:
    # tabulate 0.10's own wrapping drew "False" as True and raised on "80,443" (astanin/python-tabulate#428);
    # a file name is never split at its hyphens.
    rows = [["stage_differs", "False"], ["ports", "80,443"], ["ratio", "1e5"], ["at", "see my-cop/cop.yaml:1 for it"]]
    assert table(rows, ["fact", "value"], 40, main_min=10).split("\n") == [
        "fact           value",
        "-------------  -------------------------",
        "stage_differs  False",
        "ports          80,443",
        "ratio          1e5",
        "at             see my-cop/cop.yaml:1 for",
        "               it",
    ]
