"""Domain facts: is the CoP clear about the problem it is for (seed tip 1)?"""

from __future__ import annotations

from copadvisor.facts.base import Context, FactField, Part, count
from copadvisor.model import Meeting

VOCABULARY = {
    "profile": {
        "domain_statement_recorded": FactField("bool", "domain.statement is recorded and not empty"),
        "strategic_objectives_count": FactField("number", "strategic objectives listed (0 when absent)"),
        "wicked_problems_count": FactField("number", "wicked problems chosen by members (0 when absent)"),
        "out_of_scope_count": FactField("number", "things the CoP is not for (0 when absent)"),
        "meeting_themes_count": FactField("number", "distinct themes recorded on meetings so far"),
    }
}


def profile_part(ctx: Context) -> Part:
    domain = ctx.profile.domain
    themes = {t.casefold() for _, m in ctx.timeline.of_type(Meeting) for t in m.themes or ()}
    return Part(
        {
            "domain_statement_recorded": bool(domain and domain.statement and domain.statement.strip()),
            "strategic_objectives_count": count(domain and domain.strategic_objectives),
            "wicked_problems_count": count(domain and domain.wicked_problems),
            "out_of_scope_count": count(domain and domain.out_of_scope),
            "meeting_themes_count": len(themes),
        },
        {
            "domain_statement_recorded": ctx.at_key("domain", "statement"),
            "strategic_objectives_count": ctx.at_key("domain", "strategic_objectives"),
            "wicked_problems_count": ctx.at_key("domain", "wicked_problems"),
            "out_of_scope_count": ctx.at_key("domain", "out_of_scope"),
            "meeting_themes_count": ctx.at_key("domain", "wicked_problems"),
        },
    )
