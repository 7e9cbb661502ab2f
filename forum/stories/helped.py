"""The read side of What helped and of a treatment's page: how many members
report each outcome of a treatment, the share it helped with a Wilson
interval, and the same figures as CSV.

Every figure comes from the counts kept by counting.py (TreatmentCount),
one indexed query per page, so a read never walks the stories.
"""
import csv
import io
import math
from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from ..extensions import db
from ..threads.models import Thread
from . import queries
from .counting import ANY
from .models import Story, StoryTag, Term, TreatmentCount
from .vocabulary import DECIDED, HELPED, OUTCOMES, TIME_ALONE

# Below this many decided reports a share says more about chance than about
# the treatment, so the page says "too few reports to compare" instead.
FEWEST = 5
Z_95 = 1.96
SORTS = ("members", "helped")
TOO_FEW = "too few reports to compare"


def wilson(successes, n, z=Z_95):
    """The Wilson score interval (low, high) for `successes` out of `n`.
    Unlike the textbook p ± z·se it stays inside 0..1 and is honest for
    small n and for shares near 0 or 1. With no reports it is all of 0..1."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    scale = 1 + z2 / n
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def percent(value):
    """A share as a whole percent, halves rounded up ("41%")."""
    return f"{math.floor(value * 100 + 0.5)}%"


@dataclass(frozen=True)
class Row:
    """One treatment's figures: {outcome: members} for every outcome."""

    treatment: Term
    counts: dict

    @property
    def members(self):
        return sum(self.counts.values())

    @property
    def decided(self):
        return sum(self.counts[o] for o in DECIDED)

    @property
    def helped(self):
        return sum(self.counts[o] for o in HELPED)

    @property
    def comparable(self):
        return self.decided >= FEWEST

    @property
    def share(self):
        return self.helped / self.decided if self.comparable else None

    @property
    def interval(self):
        return wilson(self.helped, self.decided) if self.comparable else None

    @property
    def share_text(self):
        return percent(self.share) if self.comparable else TOO_FEW

    @property
    def interval_text(self):
        if not self.comparable:
            return ""
        low, high = self.interval
        return f"between {percent(low)} and {percent(high)}"


def row_of(treatment, counts):
    return Row(treatment, {o: counts.get(o, 0) for o in OUTCOMES})


@dataclass(frozen=True)
class Table:
    """What helped: the reference row (time alone) apart, the others sorted."""

    reference: Row | None
    rows: list

    @property
    def all_rows(self):
        return ([self.reference] if self.reference else []) + self.rows

    @property
    def empty(self):
        return not any(row.members for row in self.all_rows)


def sort_rows(rows, sort):
    """Most members first; or, for "helped", the comparable rows by their
    share (more members breaks a tie), then the rest by members."""
    by_members = sorted(rows, key=lambda r: (-r.members, r.treatment.label.lower()))
    if sort != "helped":
        return by_members
    return sorted(by_members, key=lambda r: (not r.comparable, -(r.share or 0)))


def build_table(treatments, counts, sort="members"):
    """The table from live treatments and {treatment id: {outcome: members}}.
    Treatments nobody reported are left out; time alone is always kept,
    as what the others are compared with."""
    reference, rows = None, []
    for treatment in treatments:
        row = row_of(treatment, counts.get(treatment.id, {}))
        if treatment.slug == TIME_ALONE:
            reference = row
        elif row.members:
            rows.append(row)
    return Table(reference, sort_rows(rows, sort))


def counts_for(condition, cause):
    """{treatment id: {outcome: members}} among stories of a condition and a
    cause (None for any): one query on the counts' primary key."""
    found = {}
    for treatment_id, outcome, members in db.session.execute(
        select(TreatmentCount.treatment_id, TreatmentCount.outcome, TreatmentCount.members).where(
            TreatmentCount.condition_id == (condition.id if condition else ANY),
            TreatmentCount.cause_id == (cause.id if cause else ANY),
            TreatmentCount.members > 0)
    ):
        found.setdefault(treatment_id, {})[outcome] = members
    return found


def what_helped(treatments, choice):
    return build_table(treatments, counts_for(choice.condition, choice.cause), choice.sort)


@dataclass(frozen=True)
class Choice:
    """What helped's filters and order. `moved` is true when a slug asked
    for named a merged entry: the page redirects to the survivor's address."""

    condition: Term | None = None
    cause: Term | None = None
    sort: str = "members"
    moved: bool = False

    def args(self, **changed):
        """The query string of this choice with some parts changed."""
        values = {"condition": self.condition and self.condition.slug, "cause": self.cause and self.cause.slug,
                  "sort": self.sort if self.sort != "members" else None}
        values.update(changed)
        return {name: value for name, value in values.items() if value}

    def story_args(self):
        """The story list's filters for the same condition and cause."""
        return self.args(sort=None)


def _chosen(kind, slug, live):
    # The live entries are already loaded for the form; only a slug that is
    # not among them (merged, or unknown) costs a look-up, which follows a
    # merge to its survivor or is a 404.
    if not slug:
        return None
    for term in live:
        if term.slug == slug:
            return term
    return queries.term_by_slug(kind, slug)


def choice_from(args, vocabularies):
    """The Choice a query string asks for, given {kind: [live entries]}.
    An unknown sort is read as the default rather than refused: it only
    orders the rows."""
    condition = _chosen("condition", args.get("condition"), vocabularies["condition"])
    cause = _chosen("cause", args.get("cause"), vocabularies["cause"])
    moved = any(term is not None and term.slug != args.get(kind)
                for kind, term in (("condition", condition), ("cause", cause)))
    sort = args.get("sort") if args.get("sort") in SORTS else "members"
    return Choice(condition, cause, sort, moved)


CSV_COLUMNS = ["treatment", "members", *OUTCOMES, "share_helped", "interval_low", "interval_high"]


def safe_cell(value):
    """A cell a spreadsheet will not run as a formula: vocabulary labels are
    typed by moderators, so one starting with = + - @ (or a tab or carriage
    return, which some spreadsheets skip) is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_row(row):
    figures = [f"{x:.4f}" for x in (row.share, *row.interval)] if row.comparable else ["", "", ""]
    return [safe_cell(row.treatment.label), row.members, *(row.counts[o] for o in OUTCOMES), *figures]


def csv_text(table):
    """The table as CSV: the reference row first, then the rest as sorted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(row) for row in table.all_rows)
    return out.getvalue()


def csv_filename(choice):
    parts = ["what-helped"] + [t.slug for t in (choice.condition, choice.cause) if t]
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch == "-") else "-" for ch in "-".join(parts))
    return f"{safe}.csv"


def treatment_figures(treatment):
    """(the treatment's row, time alone's row) among all stories, in one
    query; the second is None on time alone's own page."""
    found = db.session.execute(
        select(Term, TreatmentCount.outcome, TreatmentCount.members)
        .outerjoin(TreatmentCount, and_(
            TreatmentCount.treatment_id == Term.id, TreatmentCount.condition_id == ANY,
            TreatmentCount.cause_id == ANY, TreatmentCount.members > 0))
        .where(or_(Term.id == treatment.id, and_(
            Term.kind == "treatment", Term.slug == TIME_ALONE, Term.merged_into_id.is_(None))))
    ).all()
    counts, reference = {}, None
    for term, outcome, members in found:
        if term.id != treatment.id:
            reference = term
        if outcome:
            counts.setdefault(term.id, {})[outcome] = members
    row = row_of(treatment, counts.get(treatment.id, {}))
    return row, row_of(reference, counts.get(reference.id, {})) if reference else None


def discussed(treatment, limit=5):
    """The story threads reporting this treatment with the most replies:
    where members have talked it over. One query."""
    reporting = select(StoryTag.story_id).where(StoryTag.tag.in_(queries.Filters(treatment=treatment).tags()))
    return db.session.scalars(
        select(Thread).join(Story, Story.thread_id == Thread.id)
        .where(Story.listed.is_(True), Story.id.in_(reporting), Thread.reply_count > 0)
        .order_by(Thread.reply_count.desc(), Thread.last_post_at.desc(), Thread.id.desc())
        .limit(limit)
    ).all()

