"""``copadvisor rules …``: the catalogue, one rule explained, the examples run, a profile's facts."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
from collections.abc import Sequence
from typing import Any

import click
import yaml

from copadvisor import files
from copadvisor.catalogue import facts_markdown, profile_markdown, rules_markdown
from copadvisor.cli.options import common, flags, stage_option, text_width
from copadvisor.cli.output import has_suffix, say
from copadvisor.commands import Flags, resolve
from copadvisor.errors import InputError, Location, Problem
from copadvisor.facts import derive
from copadvisor.files import write_file
from copadvisor.load import LoadFailure, load_paths
from copadvisor.pipeline import prepare
from copadvisor.render import safe
from copadvisor.render.layout import table, wrap
from copadvisor.rulepack import LoadedRule, builtin_rules_dir, pack_files
from copadvisor.rulepack.model import Rule
from copadvisor.ruletest import run_examples


@click.group(short_help="The rule catalogue: list, explain, test, facts and docs.")
def rules() -> None:
    """The rule catalogue: list, explain, test, and the facts rules can use."""


@rules.command("list", short_help="Every rule: id, severity, stages and title.")
@click.option("--rules", "folders", multiple=True, type=click.Path(), help="Add a folder of rule packs.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_rules(folders: tuple[str, ...], fmt: str) -> int:
    """Every rule: id, severity, stages and title."""
    options, _ = resolve(Flags(rules=folders), ["."], "high", dt.date.today())
    loaded = prepare(options).loaded
    if fmt == "json":
        click.echo(json.dumps([_rule_dict(r.rule) for r in loaded], indent=2, ensure_ascii=False))
        return 0
    # A pack's text is input: one line each, and no line a CI runner reads as a workflow command.
    rows = [
        (safe.text(r.id), r.rule.severity, safe.text(_stages(r.rule)), safe.text(r.rule.title))
        for r in sorted(loaded, key=lambda r: r.id)
    ]
    click.echo(safe.no_commands(table(rows, ("rule", "severity", "stages", "title"), text_width(), main_min=24)))
    return 0


def _stages(rule: Rule) -> str:
    return rule.stages if isinstance(rule.stages, str) else ", ".join(rule.stages)


def _rule_dict(rule: Rule) -> dict[str, Any]:
    data = rule.model_dump(mode="json", by_alias=True, exclude={"examples", "on", "when", "at", "match"})
    data["stages"] = list(rule.stage_ids) if rule.stages != "portfolio" else ["portfolio"]
    data["clauses"] = [c.model_dump(mode="json", exclude_none=True) for c in rule.clauses]
    return data


@rules.command(short_help="One rule: why it matters, what to do, its source, examples.")
@click.argument("rule_id")
@click.option("--rules", "folders", multiple=True, type=click.Path(), help="Add a folder of rule packs.")
def explain(rule_id: str, folders: tuple[str, ...]) -> int:
    """One rule: why it matters, what to do, its source, its condition and examples."""
    options, _ = resolve(Flags(rules=folders), ["."], "high", dt.date.today())
    loaded = {r.id: r for r in prepare(options).loaded}
    if rule_id not in loaded:
        close = difflib.get_close_matches(rule_id, sorted(loaded), n=1, cutoff=0.6)
        area = [r for r in loaded if r.startswith(rule_id.split(".")[0] + ".")]
        hint = f" Did you mean '{close[0]}'?" if close else ""
        hint += f" Rules of that area: {', '.join(sorted(area))}." if area and not close else ""
        raise click.UsageError(f"no rule '{rule_id}'.{hint} `copadvisor rules list` shows them all.")
    click.echo(_explanation(loaded[rule_id], text_width()))
    return 0


def _where(location: str, width: int) -> list[str]:
    """Where the rule is defined. A path is never broken, so that it can be copied whole: when it does not fit
    beside its label it goes on a line of its own (wider than the terminal if it must be)."""
    line = f"  defined at: {location}"
    return [line] if len(line) <= width else ["  defined at:", f"    {location}"]


def _explanation(loaded: LoadedRule, width: int) -> str:
    """The rule explained. Its pack's text is input (a user's pack may hold anything): each value on one line,
    and the whole with no line a CI runner reads as a workflow command, as every report format."""
    rule = loaded.rule
    one = safe.text
    condition = [c.model_dump(mode="json", exclude_none=True, exclude={"message"}) for c in rule.clauses]
    examples = rule.examples
    lines = [
        *wrap(one(f"{rule.id}: {rule.title}"), width, "", "    "),
        *wrap(
            one(f"severity: {rule.severity}    stages: {_stages(rule)}    source: {rule.source}"), width, "  ", "    "
        ),
        *_where(one(str(loaded.location)), width),
        "",
        "Why it matters",
        *wrap(one(rule.rationale), width, "  "),
        "",
        "What to do",
        *wrap(one(rule.next_step), width, "  "),
        "",
        "What a sponsor can offer",
        *wrap(one(rule.sponsor_words), width, "  "),
        "",
        *_precondition(rule, width),
        *_escalations(rule, width),
        "When it fails",
        # PyYAML quotes the key `on` (a yes/no word in YAML 1.1); rule packs write it plainly.
        *(line.replace("'on':", "on:") for line in _yaml(condition, width)),
        "",
        *wrap(
            f"Examples: {len(examples.fail)} that fail, {len(examples.pass_)} that pass, "
            f"{len(examples.unknown)} unknown, {len(examples.not_due)} not due",
            width,
        ),
        *(
            line
            for e in (*examples.fail, *examples.pass_, *examples.unknown, *examples.not_due)
            if e.description
            for line in wrap(one(f"- {e.description}"), width, "  ", "    ")
        ),
    ]
    return safe.no_commands("\n".join(lines))


def _yaml(data: Any, width: int) -> list[str]:
    """``data`` as YAML, indented by two, folded to ``width`` (a word too long for it is broken)."""
    dumped = yaml.safe_dump(data, sort_keys=False, width=max(width - 4, 20)).splitlines()
    return [line for text in dumped for line in wrap(text, width, "  ", "  " + " " * (len(text) - len(text.lstrip())))]


def _precondition(rule: Rule, width: int) -> list[str]:
    """The rule's `applies_when`, and the reason it gives while that does not hold (SPEC §4)."""
    lines = []
    for part in rule.preconditions:
        lines += [
            *_yaml(part.when, width),
            *wrap(safe.text(f"until then, not yet: {part.not_due}"), width, "  ", "    "),
        ]
    return ["When it is due", *lines, ""] if lines else []


def _escalations(rule: Rule, width: int) -> list[str]:
    """The rule's `escalate` list: the evidence that raises its findings' severity, and the reason they give."""
    lines = []
    for e in rule.escalations:
        lines += [
            *wrap(f"{e.severity} when:", width, "  "),
            *_yaml(e.when, width),
            *wrap(safe.text(e.because), width, "  "),
        ]
    return ["When it is more serious", *lines, ""] if lines else []


@rules.command("test", short_help="Run every rule's examples: each must give its outcome.")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False))
def test_rules(folder: str | None) -> int:
    """Run the examples of every rule (or of the rules in FOLDER): each must give its stated outcome."""
    options, _ = resolve(Flags(rules=(folder,) if folder else ()), ["."], "high", dt.date.today())
    prepared = prepare(options)
    if prepared.problems:  # a pack that does not load has no examples to run: that is not a pass
        raise InputError(prepared.problems)
    chosen = [r for r in prepared.loaded if folder is None or _inside(r.location, folder)]
    results = run_examples(prepared, chosen)
    failed = [r for r in results if not r.ok]
    for result in failed:
        detail = f": {result.detail}" if result.detail else ""
        click.echo(
            f"{result.location}: {result.rule}: expected {result.expected}, got {result.got} "
            f"({result.description}){detail}"
        )
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def _inside(location: Location, folder: str) -> bool:
    return os.path.abspath(location.path).startswith(os.path.abspath(folder) + os.sep)


@rules.command(short_help="The facts rules see for each profile (for rule authors).")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@common
@stage_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def facts(paths: tuple[str, ...], fmt: str, **given: Any) -> int:
    """The facts derived from each profile under PATHS, as rules see them (for rule authors)."""
    options, _ = resolve(flags(given), paths, "high", dt.date.today())
    code, out = 0, []
    for result in load_paths(paths):
        if isinstance(result, LoadFailure):
            for problem in result.problems:
                say(str(problem))
            code = 2
            continue
        derived = derive(result, options.as_of, options.thresholds, options.stage)
        out.append({"path": result.path, "stage": derived.stage, "facts": [_fact_dict(f) for f in derived.items]})
    if fmt == "json":
        click.echo(json.dumps(out, indent=2, default=str))
    else:
        for profile in out:
            click.echo(_facts_text(profile))
    return code


def _fact_dict(fact: Any) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "id": fact.id,
        "key": fact.key,
        "location": str(fact.location),
        "values": dict(fact.values),
    }


def _facts_text(profile: dict[str, Any]) -> str:
    width = text_width()
    lines = wrap(f"{profile['path']} (stage: {profile['stage']})", width, "", "    ")
    for fact in profile["facts"]:
        lines += wrap(f"{fact['kind']} {fact['key']}  {fact['location']}", width, "  ", "      ")
        rows = [(name, "not recorded" if value is None else value) for name, value in fact["values"].items()]
        lines.append(table([(str(name), str(value)) for name, value in rows], None, text_width(), "    "))
    return "\n".join(lines)


# The first line of every page ``rules docs`` writes: a file without it (or the older third-line notice) is
# someone's own, and is never overwritten.
MARKER = "<!-- Generated by `copadvisor rules docs`; do not edit by hand. -->"
LEGACY = "`copadvisor rules docs`; do not edit by hand"
DOC_LIMIT = 16 << 20


@rules.command(short_help="Regenerate docs/facts.md, rules.md and profile.md.")
@click.option("--output", "folder", type=click.Path(file_okay=False), default="docs", show_default=True)
@click.option("--check", is_flag=True, help="Only say whether the files are up to date (exit 1 if not).")
def docs(folder: str, check: bool) -> int:
    """Write the fact vocabulary, the rule catalogue and the field reference (facts.md, rules.md, profile.md).

    Only a file that ``rules docs`` wrote (its first line says so) is replaced: never another file, nor one
    reached through a link, nor an input of the run (the config, a rule pack)."""
    options, config = resolve(Flags(), ["."], "high", dt.date.today())
    loaded = prepare(options).loaded
    pages = {"facts.md": facts_markdown(), "rules.md": rules_markdown(loaded), "profile.md": profile_markdown(loaded)}
    pages = {name: f"{MARKER}\n{text}" for name, text in pages.items()}
    found = {name: _read(os.path.join(folder, name)) for name in pages}
    stale = [name for name, text in pages.items() if found[name] != text]
    if check:
        for name in stale:
            click.echo(f"{os.path.join(folder, name)}: out of date; run `copadvisor rules docs`")
        return 1 if stale else 0
    inputs = (*pack_files([builtin_rules_dir(), *options.rule_dirs]), *([config.path] if config.path else []))
    problems = [p for name in stale if (p := _unwritable(os.path.join(folder, name), found[name], inputs))]
    if problems:
        raise InputError(problems)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise InputError([Problem(Location(folder), f"cannot create the folder: {exc.strerror or exc}")]) from None
    for name in stale:
        write_file(os.path.join(folder, name), pages[name], inputs)
        click.echo(f"wrote {os.path.join(folder, name)}")
    return 0


def _unwritable(path: str, text: str | None, inputs: Sequence[str]) -> Problem | None:
    """Why ``rules docs`` must not replace ``path`` (whose text is ``text``, None when there is none), or None."""
    if os.path.islink(path):
        return Problem(Location(path), "is a link: rules docs writes only its own files, never through a link")
    if has_suffix(path, (".yaml", ".yml", ".toml")):
        return Problem(Location(path), "is a YAML or TOML file: will not write the documentation over it")
    if text is not None and not _generated(text):
        return Problem(
            Location(path),
            "was not written by `copadvisor rules docs` (its first line is not the notice it writes): "
            "will not replace it; move it away or give another --output folder",
        )
    if os.path.exists(path) and files.identities([path]) & files.identities(inputs):
        return Problem(Location(path), "is an input of this run: will not write the output over it")
    return None


def _generated(text: str) -> bool:
    head = text.split("\n", 4)[:4]
    return head[0] == MARKER or any(LEGACY in line for line in head)


def _read(path: str) -> str | None:
    """The text of the page at ``path``, None when there is none; a FIFO, a device or a folder there, or a
    file over ``DOC_LIMIT``, is a located error (never a read that blocks or fills memory)."""
    if not os.path.lexists(path):
        return None
    data = files.read_regular(path, DOC_LIMIT, "page")
    if len(data) > DOC_LIMIT:
        raise InputError([files.too_large(path, DOC_LIMIT)])
    return data.decode("utf-8", "replace")
