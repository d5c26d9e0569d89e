"""Generated documentation (``copadvisor.catalogue``): the fact vocabulary and the rule catalogue as Markdown."""

from __future__ import annotations

from copadvisor.catalogue import KIND_NOTES, facts_markdown, rules_markdown
from copadvisor.facts import VOCABULARY
from copadvisor.rulepack import builtin_rules_dir, load_rules

RULES = load_rules([builtin_rules_dir()])


def test_the_fact_vocabulary_has_a_section_and_a_row_per_fact() -> None:
    text = facts_markdown()
    assert text.startswith("# Fact vocabulary\n")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [f"## `{k}`" for k in VOCABULARY]
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == sum(len(fields) for fields in VOCABULARY.values())
    assert "| `format` | text | practicalities.format (online, face_to_face, hybrid) |" in rows
    assert set(KIND_NOTES) <= set(VOCABULARY)


def test_the_rule_catalogue_counts_lists_by_stage_and_describes_each_rule() -> None:
    text = rules_markdown(RULES)
    assert f"\n{len(RULES)} rules. Severity: info < low < medium < high.\n" in text
    headings = [line for line in text.splitlines() if line.startswith("### `")]
    assert headings == sorted(headings)  # by rule id
    assert len(headings) == len(RULES)
    portfolio = text[text.index("### portfolio") : text.index("## By top tip")]
    assert "- `portfolio.many-new-cops` (medium): Several new CoPs started close together" in portfolio
    assert "meetings.too-short" not in portfolio
    assert "- severity: **medium**; stages: portfolio; source: seed: Summary / conclusion; tips: —" in text
    assert text.count("- **Tip ") == 14
