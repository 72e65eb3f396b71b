"""Help in the language in force. Click reads help texts once, at import; these classes pass
them, and click's own words (Usage, Options, Commands, [default: …]), through the message
catalog when help is shown, and ``--lang`` (:func:`speak`) takes effect before ``--help``."""

from __future__ import annotations

import copy
import inspect
import re
from typing import TypeVar

import click

from samverkan import i18n


def _said(text: str | None) -> str | None:
    """A help text in the language in force. The catalog holds it as ``inspect.cleandoc`` leaves
    it, with click's no-rewrap mark ``\\b`` as a backslash and a b (a PO file holds no control
    character)."""
    if not text:
        return text
    return i18n._(inspect.cleandoc(text).replace("\b", "\\b")).replace("\\b", "\b")


Spoken = TypeVar("Spoken", bound=click.Command)


def spoken(command: Spoken, ctx: click.Context | None = None) -> Spoken:
    """A copy of ``command`` whose help texts, and its options' (with ``--help`` when ``ctx`` is
    given), are in the language in force: click reads them once, at import."""
    said = copy.copy(command)
    said.help, said.short_help, said.epilog = map(_said, (command.help, command.short_help, command.epilog))
    params = command.get_params(ctx) if ctx else command.params
    said.params = [copy.copy(p) for p in params]
    for p in said.params:
        if isinstance(p, click.Option):
            p.help = _said(p.help)
    said.add_help_option = ctx is None and command.add_help_option
    return said


class SpokenFormatter(click.HelpFormatter):
    """Click's own words in help (its headings, [default: …], [required]) from our catalog."""

    WORDS = re.compile(r"(?<=\[)(default|required)\b")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, i18n._("Usage: ") if prefix is None else prefix)

    def section(self, name: str):
        return super().section(i18n._(name))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(term, self.WORDS.sub(lambda m: i18n._(m[0]), text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class SpokenContext(click.Context):
    formatter_class = SpokenFormatter


class SpokenChoice(click.Choice):
    """A choice that refuses a value in the language in force."""

    def get_invalid_choice_message(self, value, ctx: click.Context | None) -> str:
        choices = ", ".join(map(repr, self.choices))
        return i18n._("{value!r} is not one of {choices}", value=value, choices=choices)


class SpokenCommand(click.Command):
    """A command whose help speaks the language in force (``samverkan --lang en load --help``)."""

    context_class = SpokenContext

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for p in self.params:
            if type(p.type) is click.Choice:
                p.type = SpokenChoice(p.type.choices, p.type.case_sensitive)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super(SpokenCommand, spoken(self, ctx)).format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return super(SpokenCommand, spoken(self)).get_short_help_str(limit)


class SpokenGroup(SpokenCommand, click.Group):
    """A group of spoken commands; its subgroups are spoken too."""

    command_class = SpokenCommand
    group_class = type

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        """Read the group's own options; a bad one (``--lang xx``) is said as any usage error."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError as e:  # plain `samverkan`: the help, as click does
            click.echo(e.format_message(), err=True)
            raise click.exceptions.Exit(e.exit_code) from None
        except click.UsageError as e:
            tell(e)
            raise click.exceptions.Exit(e.exit_code) from None

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """The command named first in ``args``; an unknown name is refused in our words."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            raise click.UsageError(i18n._("no such command: {name}", name=name), ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        """Run the command; a usage error (an unknown command, a value not among the choices) is
        said as every other error, in the language in force, under the command's usage."""
        try:
            return super().invoke(ctx)
        except click.UsageError as e:
            tell(e, ctx)
            ctx.exit(e.exit_code)


def problem(e: click.UsageError, ctx: click.Context | None) -> str:
    """What a usage error says, in the language in force (click's own words are English)."""
    hint = e.param.get_error_hint(e.ctx or ctx) if isinstance(e, click.BadParameter) and e.param else ""
    if isinstance(e, click.MissingParameter) and hint:
        return i18n._("{option} is missing", option=hint)
    if isinstance(e, click.NoSuchOption):
        said = i18n._("no such option: {option}", option=e.option_name)
        if e.possibilities:
            options = ", ".join(sorted(e.possibilities))
            said += " " + i18n._("(did you mean {options}?)", options=options)
        return said
    if isinstance(e, click.BadParameter) and hint:
        return i18n._("invalid value for {option}: {problem}", option=hint, problem=e.message)
    return e.format_message()


def tell(e: click.UsageError, ctx: click.Context | None = None) -> None:
    """Say a usage error on standard error: the command's usage, where to find help, the problem."""
    if e.ctx is not None:
        click.echo(e.ctx.get_usage(), err=True)
        click.echo(i18n._("Try '{command} --help' for help.", command=e.ctx.command_path) + "\n", err=True)
    click.echo(i18n._("error: {problem}", problem=problem(e, ctx)), err=True)


def speak(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """--lang takes effect as soon as it is read, before --help is shown."""
    ctx.with_resource(i18n.use(value))
    return value
