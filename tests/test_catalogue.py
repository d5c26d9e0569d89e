"""Generated documentation (``copadvisor.catalogue``): the fact vocabulary and the rule catalogue as Markdown."""

from __future__ import annotations

from copadvisor.catalogue import KIND_NOTES, facts_markdown, profile_markdown, rules_markdown
from copadvisor.facts import VOCABULARY
from copadvisor.model import EVENT_TYPES
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


def test_the_field_reference_has_a_row_with_an_example_for_every_field_and_a_section_per_event_type() -> None:
    text = profile_markdown(RULES)
    lines = text.splitlines()
    assert lines[0] == "# The profile and its events: a field reference"
    profile_part = text[: text.index("## `events.yaml`")]
    rows = [line.split(" | ") for line in profile_part.splitlines() if line.startswith("| `")]
    paths = [row[0].removeprefix("| `").removesuffix("`") for row in rows]
    assert paths[:3] == ["copadvisor", "name", "stage"]
    for required in ("convener.dedicated_hours_per_month", "people[].kinds", "sponsors[].in_planning", "roles"):
        assert required in paths
    # Every field that is not a section has an example from the init templates.
    assert [row[0] for row in rows if row[1] not in ("section", "list of section") and row[3] == ""] == ["| `events`"]
    assert (
        "| `convener.dedicated_hours_per_month` | number ≥ 0 | Hours a month protected for convening (seed tip 5); "
        "0 if none. | `8` | [`convener.hours-low-for-cadence`](rules.md#convenerhours-low-for-cadence), "
        "[`convener.no-dedicated-time`](rules.md#convenerno-dedicated-time) |"
    ) in lines
    assert [line for line in lines if line.startswith("### `")] == [f"### `{name}`" for name in EVENT_TYPES]
    meeting = text[text.index("### `meeting`") : text.index("### `contact`")]
    assert "| `minutes` | whole number > 0 | How long the meeting lasted, in minutes. | `120` | " in meeting
    assert "| `notes` |" not in meeting  # every event's own fields are described once, above


def test_a_field_is_read_by_the_rules_whose_facts_come_from_it_or_whose_messages_name_it() -> None:
    text = profile_markdown(RULES)
    channels = next(line for line in text.splitlines() if line.startswith("| `between_meetings.channels`"))
    assert channels.endswith(
        "[`community.no-contact-between-meetings`](rules.md#communityno-contact-between-meetings) |"
    )
    training = text[text.index("### `training`") :]
    assert (
        "Read by: [`convener.untrained`](rules.md#conveneruntrained)" in training
    )  # "training events of the convener"


def test_a_plain_word_is_a_field_only_when_a_meaning_quotes_it_as_code() -> None:
    rows = {line.split(" | ")[0]: line for line in profile_markdown(RULES).splitlines() if line.startswith("| `")}
    assert rows["| `roles`"].endswith(" | [`roles.unfilled`](rules.md#rolesunfilled) |")
    people = rows["| `people`"].rsplit(" | ", 1)[1]
    assert "[`ebe.unfunded`](rules.md#ebeunfunded)" in people
    assert "[`membership.commissioners-undecided`](rules.md#membershipcommissioners-undecided)" in people
    # "name" is an English word in many meanings: it reads as the field only when quoted.
    assert rows["| `name`"].endswith(" | [`template.placeholder-left`](rules.md#templateplaceholder-left) |")
