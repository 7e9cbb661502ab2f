"""What the story pages cost with many stories: What helped, the filtered
story list, a treatment page and People like me.

    .venv/bin/python benchmarks/bench_stories.py [--stories 100000] [--members 60000] [--repeats 200] [--database-url URL]

Fills a throwaway database with STORIES stories told by MEMBERS members (so
some tell two or more), three treatment reports per story on average (one to
six) and a vocabulary of 200 entries, common ones far more often than rare
ones, all inserted in bulk; builds the tags and counts with one
counting.rebuild(); then requests each page as a visitor and prints p50 and
p95 wall time and the SQL statements per request. A page passes when its p95
is within 100 ms and it sends the same number of statements every time.
A page that answers other than 200 is reported, not fatal: the routes may
be younger than this script.
"""
import argparse
import random
import re
import statistics
import sys
import time
from collections import namedtuple
from dataclasses import replace
from datetime import date, timedelta
from itertools import accumulate
from urllib.parse import urlencode

from common import bench_app, measure, settle
from flask_migrate import upgrade
from sqlalchemy import func, select, text

from forum import markup
from forum.accounts.models import User, email_key, username_key
from forum.accounts.names import skeleton
from forum.accounts.passwords import hash_password
from forum.extensions import db
from forum.stories import counting
from forum.stories.account import Account, Report, snapshot, to_json
from forum.stories.models import Story, StoryCause, StoryCondition, StoryTreatment, StoryVersion, Term
from forum.stories.vocabulary import NOW, TIME_ALONE
from forum.threads.models import Category, Post, Thread
from forum.timeutil import utcnow

BUDGET_MS = 100
CHUNK = 5000
VOCABULARY_SIZE = 200
# How often members name each starting entry; the ones added to reach 200 share a long, thin tail.
POPULAR = {
    "condition": {"piriformis-syndrome": 30, "sciatica": 35, "low-back-pain": 25, "hip-pain": 12, "plantar-fasciitis": 5},
    "cause": {"overuse": 25, "sitting": 22, "unknown": 20, "fall": 10, "injury": 8, "stress": 8, "surgery-childbirth": 5},
    "treatment": {
        "physical-therapy": 10, "stretching": 9, "massage-therapy": 8, "nsaids": 7, "self-massage": 6, "walking": 6,
        "heat": 5, "rest": 5, TIME_ALONE: 4, "corticosteroid-injection": 4, "prescribed-exercises": 4, "ice": 3, "yoga": 3,
        "acupuncture": 2.5, "mind-body-therapy": 2, "nerve-gliding": 2, "spinal-manipulation": 2, "acetaminophen": 2,
        "muscle-relaxants": 1.5, "duloxetine": 1, "myofascial-release": 1, "botulinum-toxin-injection": 0.7,
        "instrument-assisted-scraping": 0.5, "surgery": 0.3,
    },
}
EXTRA = {
    "condition": ["Sacroiliac joint dysfunction", "Deep gluteal syndrome", "Hamstring tendinopathy", "Gluteal tendinopathy",
                  "Greater trochanteric pain", "Lumbar disc herniation", "Spinal stenosis", "Facet joint pain", "Coccydynia",
                  "Pudendal neuralgia", "Hip labral tear", "Hip osteoarthritis", "Spondylolisthesis", "Fibromyalgia"],
    "cause": ["Pregnancy", "Cycling", "Horse riding", "Heavy lifting", "A car accident", "Dancing", "Gardening",
              "Long drives", "Hypermobility", "A new mattress", "Football", "Weight training"],
    "treatment": ["Dry needling", "Shockwave therapy", "TENS", "Pilates", "Swimming", "Hydrotherapy", "Gabapentin",
                  "Pregabalin", "Topical diclofenac", "Lidocaine patches", "Radiofrequency ablation", "PRP injection",
                  "Cupping", "Standing desk", "Seat cushion", "Orthotic insoles", "Night splint", "Tai chi"],
}
# Extra entries per kind, so the vocabulary reaches VOCABULARY_SIZE.
EXTRA_SHARE = {"condition": 0.15, "cause": 0.15, "treatment": 0.70}
DURATIONS = ["", "", "2 weeks", "6 weeks", "3 months", "6 sessions over 8 weeks", "12 sessions over 3 months", "1 injection",
             "twice a day for a month", "on bad days", "most evenings", "about a year"]
NOTES = ["", "", "", "", "", "", "Not covered by insurance", "Drowsy the first week", "Sore for two days after each session",
         "$90 a session", "Upset my stomach"]
BODY = (
    "It started after {cause}. **Sitting** is the worst: after twenty minutes the buttock pain runs down the back of "
    "my thigh.\n\n- {t0}, for a while\n- walking every evening\n\nWhat helped you most?"
)


def slug_of(label):
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


# One kind of vocabulary: ids most common first, their cumulative weights, labels and slugs by id.
Kind = namedtuple("Kind", "ids cum labels slugs")


def extend_vocabulary():
    """Add entries until the vocabulary has VOCABULARY_SIZE; returns {kind: Kind}."""
    have = db.session.scalars(select(Term)).all()
    missing = VOCABULARY_SIZE - len(have)
    rows = []
    for kind, share in EXTRA_SHARE.items():
        wanted = round(missing * share) if kind != "treatment" else missing - len(rows)
        labels = (EXTRA[kind] + [f"{kind.title()} variant {n}" for n in range(1, wanted + 1)])[:wanted]
        rows += [{"kind": kind, "slug": slug_of(label), "label": label, "created_at": utcnow()} for label in labels]
    if rows:
        db.session.execute(Term.__table__.insert(), rows)
    db.session.commit()
    vocabulary = {}
    for kind in POPULAR:
        terms = db.session.scalars(select(Term).where(Term.kind == kind).order_by(Term.id)).all()
        ordered = sorted((t for t in terms if t.slug in POPULAR[kind]), key=lambda t: -POPULAR[kind][t.slug])
        tail = [t for t in terms if t.slug not in POPULAR[kind]]
        weights = [POPULAR[kind][t.slug] for t in ordered] + [0.6 * 0.93 ** n for n in range(len(tail))]
        ordered += tail
        vocabulary[kind] = Kind([t.id for t in ordered], list(accumulate(weights)), {t.id: t.label for t in ordered},
                                {t.id: t.slug for t in ordered})
    return vocabulary


def _next_id(model):
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def insert_members(count):
    """Members with one password hash computed once; returns their ids."""
    first, hashed, now = _next_id(User), hash_password("bench member password"), utcnow()
    for start in range(0, count, CHUNK * 2):
        rows = []
        for n in range(start, min(count, start + CHUNK * 2)):
            name = f"reader_{n}"
            rows.append({"id": first + n, "username": name, "username_key": username_key(name), "username_skeleton": skeleton(name),
                         "email": f"{name}@example.org", "email_key": email_key(f"{name}@example.org"), "password_hash": hashed,
                         "role": "member", "bio": "", "bio_html": "", "post_count": 1, "created_at": now - timedelta(days=1200),
                         "guidelines_accepted_at": now, "disclaimer_accepted_at": now})
        db.session.execute(User.__table__.insert(), rows)
        db.session.commit()
    return list(range(first, first + count))


def treatment_counts(stories, rng):
    """How many treatments each story reports: one to six, exactly three on average."""
    counts = rng.choices(range(1, 7), weights=[14, 25, 26, 17, 10, 8], k=stories)
    target = 3 * stories
    while (total := sum(counts)) != target:
        i = rng.randrange(stories)
        if total > target and counts[i] > 1:
            counts[i] -= 1
        elif total < target and counts[i] < 6:
            counts[i] += 1
    return counts


def _distinct(rng, kind, k):
    """k different entries of a vocabulary, common ones more often."""
    chosen = []
    while len(chosen) < k:
        pick = rng.choices(kind.ids, cum_weights=kind.cum)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _outcome(rng, term_id):
    # Each treatment helps a share of its members of its own, 30 to 75%.
    helped = 0.30 + (term_id * 37 % 46) / 100
    roll = rng.random()
    if roll < helped:
        return "helped_a_lot" if roll < helped * 0.45 else "helped_a_little"
    return rng.choices(["no_change", "worse", "too_early"], weights=[75, 12, 13])[0]


def story_rows(n, author, ids, category_ids, vocabulary, reports, rng, now):
    """The rows of one story: its thread, first post, story, links and version.
    `ids` are the thread's, the post's and the story's."""
    conditions, causes, treatments = (vocabulary[k] for k in ("condition", "cause", "treatment"))
    thread_id, post_id, story_id = ids
    told = now - timedelta(days=rng.uniform(0, 1100), minutes=n)
    started = told.date() - timedelta(days=rng.randint(30, 2000))
    account = Account(
        conditions=_distinct(rng, conditions, rng.choices([1, 2, 3], [70, 25, 5])[0]),
        causes=_distinct(rng, causes, rng.choices([1, 2], [80, 20])[0]),
        side=rng.choice(["left", "right", "both", None]), started_on=date(started.year, started.month, 1),
        now=rng.choices(list(NOW), [20, 40, 30, 10])[0],
        treatments=[Report(t, _outcome(rng, t), rng.choice(DURATIONS), rng.choice(NOTES))
                    for t in _distinct(rng, treatments, reports)],
    )
    labels = {**conditions.labels, **causes.labels, **treatments.labels}
    withdrawn = told + timedelta(days=3) if rng.random() < 0.01 else None
    updated = rng.random() < 0.05
    if updated:
        # Told again three months on, better: the card says what changed.
        account = replace(account, now="improving")
    first = replace(account, now="same") if updated else account
    versions = [{"story_id": story_id, "number": 1, "created_at": told, "account": to_json(snapshot(first, labels)), "changes": ""}]
    if updated:
        versions.append({"story_id": story_id, "number": 2, "created_at": min(told + timedelta(days=90), now),
                         "account": to_json(snapshot(account, labels)),
                         "changes": to_json([f"Now: {NOW['same']} → {NOW['improving']}"])})
    return {
        "thread": {"id": thread_id, "category_id": rng.choice(category_ids), "author_id": author, "title": f"My story, number {n}",
                   "slug": f"my-story-number-{n}", "created_at": told, "last_post_at": told, "last_post_id": post_id,
                   "last_post_author_id": author, "first_post_id": post_id, "reply_count": 0, "is_story": withdrawn is None},
        "post": {"id": post_id, "thread_id": thread_id, "author_id": author, "created_at": told},
        "story": {"id": story_id, "thread_id": thread_id, "author_id": author, "side": account.side, "started_on": account.started_on,
                  "now": account.now, "version_count": len(versions), "created_at": told, "updated_at": versions[-1]["created_at"],
                  "withdrawn_at": withdrawn, "listed": withdrawn is None, "last_changes": versions[-1]["changes"],
                  "other_condition": "", "other_cause": ""},
        "conditions": [{"story_id": story_id, "term_id": t} for t in account.conditions],
        "causes": [{"story_id": story_id, "term_id": t} for t in account.causes],
        "treatments": [{"story_id": story_id, "term_id": r.term_id, "outcome": r.outcome, "duration": r.duration, "note": r.note,
                        "position": i} for i, r in enumerate(account.treatments)],
        "version": versions,
        "first_treatment": labels[account.treatments[0].term_id], "cause": labels[account.causes[0]],
    }


def _bodies(rows):
    """Each post's Markdown and its HTML, rendered once per distinct text."""
    rendered = {}
    for row in rows:
        body = BODY.format(cause=row["cause"].lower(), t0=row["first_treatment"])
        if body not in rendered:
            rendered[body] = markup.render(body)
        row["post"].update(body=body, body_html=rendered[body])


TABLES = [("thread", Thread), ("post", Post), ("story", Story), ("conditions", StoryCondition), ("causes", StoryCause),
          ("treatments", StoryTreatment), ("version", StoryVersion)]


def insert_stories(stories, member_ids, vocabulary, rng):
    """Every story with its thread, first post, links and versions,
    CHUNK at a time. Each member tells one; the rest go to members at random."""
    now = utcnow()
    categories = db.session.scalars(select(Category.id)).all()
    first = (_next_id(Thread), _next_id(Post), _next_id(Story))
    reports = treatment_counts(stories, rng)
    for start in range(0, stories, CHUNK):
        rows = []
        for n in range(start, min(stories, start + CHUNK)):
            author = member_ids[n] if n < len(member_ids) else rng.choice(member_ids)
            ids = [i + n for i in first]
            rows.append(story_rows(n, author, ids, categories, vocabulary, reports[n], rng, now))
        _bodies(rows)
        for key, model in TABLES:
            values = [r for row in rows for r in (row[key] if isinstance(row[key], list) else [row[key]])]
            db.session.execute(model.__table__.insert(), values)
        db.session.commit()
    _after_explicit_ids()


def _after_explicit_ids():
    """Counters the services keep, and PostgreSQL's id sequences, which rows
    inserted with their ids leave behind."""
    db.session.execute(text("UPDATE categories SET thread_count = (SELECT count(*) FROM threads WHERE category_id = categories.id),"
                            " post_count = (SELECT count(*) FROM posts JOIN threads ON threads.id = posts.thread_id"
                            " WHERE threads.category_id = categories.id)"))
    if db.engine.dialect.name == "postgresql":
        for table in ("users", "threads", "posts", "stories"):
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    db.session.commit()


def fill(stories, members, seed):
    rng = random.Random(seed)
    started = time.perf_counter()
    vocabulary = extend_vocabulary()
    member_ids = insert_members(members)
    insert_stories(stories, member_ids, vocabulary, rng)
    inserted = time.perf_counter()
    counting.rebuild()
    db.session.commit()
    rebuilt = time.perf_counter()
    treatments = db.session.scalar(select(func.count()).select_from(StoryTreatment))
    print(f"generated {stories:,} stories by {members:,} members, {treatments:,} treatment reports, "
          f"{db.session.scalar(select(func.count()).select_from(Term))} vocabulary entries in {inserted - started:.1f} s; "
          f"counting.rebuild() took {rebuilt - inserted:.1f} s")
    return vocabulary


def _newcomer(rng, vocabulary):
    """A newcomer's answers to People like me's short form, as its query string."""
    answers = [("condition", vocabulary["condition"].slugs[t]) for t in _distinct(rng, vocabulary["condition"], rng.randint(1, 2))]
    answers.append(("cause", vocabulary["cause"].slugs[_distinct(rng, vocabulary["cause"], 1)[0]]))
    treatments = vocabulary["treatment"]
    answers += [(rng.choice(["tried", "helped"]), treatments.slugs[t]) for t in _distinct(rng, treatments, rng.randint(1, 4))]
    return "/stories/alike?" + urlencode(answers)


def pages(vocabulary, seed):
    """(label, [urls]): the pages to measure; several urls are taken in turn."""
    rng = random.Random(seed + 1)
    common = {kind: v.slugs[v.ids[0]] for kind, v in vocabulary.items()}
    rare = {kind: v.slugs[v.ids[-1]] for kind, v in vocabulary.items()}
    listed = db.session.scalars(select(Story.id).where(Story.listed.is_(True))).all()
    stories = rng.sample(listed, min(50, len(listed)))

    def story_list(chosen):
        return "/stories/?" + urlencode({"condition": chosen["condition"], "cause": chosen["cause"],
                                         "treatment": chosen["treatment"], "outcome": "helped"})

    return [
        ("What helped", ["/stories/what-helped"]),
        (f"What helped: {common['condition']}, {common['cause']}",
         [f"/stories/what-helped?condition={common['condition']}&cause={common['cause']}"]),
        (f"What helped: {rare['condition']}, {rare['cause']} (rare)",
         [f"/stories/what-helped?condition={rare['condition']}&cause={rare['cause']}"]),
        ("stories, unfiltered", ["/stories/"]),
        ("stories: common condition+cause+treatment, helped", [story_list(common)]),
        ("stories: rare condition+cause+treatment, helped", [story_list(rare)]),
        (f"treatment page: {common['treatment']}", [f"/stories/treatments/{common['treatment']}"]),
        (f"treatment page: {rare['treatment']} (rare)", [f"/stories/treatments/{rare['treatment']}"]),
        (f"people like this story ({len(stories)} at random)", [f"/stories/{i}/alike" for i in stories]),
        ("people like me: 20 newcomers' answers", [_newcomer(rng, vocabulary) for _ in range(20)]),
    ]


def sample(client, engine, urls, repeats):
    """Each url once unmeasured (templates compile, caches fill), then
    `repeats` measured requests taking the urls in turn: (timings, None), or
    (None, what went wrong) when a url answers other than 200."""
    for url in urls:
        try:
            status = client.get(url).status_code
        except Exception as error:  # a page that fails is reported, and the others still measured
            return None, f"{type(error).__name__} at {url}: {error}"
        if status != 200:
            return None, f"{status} at {url}" + (" (route missing?)" if status == 404 else " (see the log above)")
    walls, queries = [], set()
    try:
        for i in range(repeats):
            one = measure(client, engine, urls[i % len(urls)], 1)
            walls.append(one["median"])
            queries.add(one["queries"])
    except AssertionError as failed:
        return None, f"answered {failed.args[0][1]} at {failed.args[0][0]} while measured"
    walls.sort()
    return {"p50": statistics.median(walls), "p95": walls[max(0, int(len(walls) * 0.95) - 1)], "queries": queries}, None


def verdict(timing):
    if timing["p95"] > BUDGET_MS:
        return f"FAIL: p95 over {BUDGET_MS} ms"
    if len(timing["queries"]) > 1:
        return "FAIL: the number of queries varies"
    return "PASS"


def database_url(url):
    """SQLAlchemy's name for psycopg 3, however a PostgreSQL URL was spelled."""
    for prefix in ("postgresql://", "postgres://"):
        if url and url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=60_000)
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="e.g. postgresql+psycopg://postgres@127.0.0.1:5432/forum_test_x; SQLite by default")
    args = parser.parse_args()
    if not 0 < args.members <= args.stories:
        parser.error("--members must be between 1 and --stories: each member tells at least one story")
    app = bench_app(database_url(args.database_url))
    with app.app_context():
        upgrade()
        vocabulary = fill(args.stories, args.members, args.seed)
        settle(db.engine)
        to_measure = pages(vocabulary, args.seed)
        engine = db.engine
    print(f"database: {engine.dialect.name}; {args.repeats} requests per page, as a visitor; budget {BUDGET_MS} ms at p95")
    print(f"{'page':58} {'p50 ms':>7} {'p95 ms':>7} {'queries':>8}  result")
    client = app.test_client()
    failed = 0
    for label, urls in to_measure:
        timing, problem = sample(client, engine, urls, args.repeats)
        if problem:
            failed += 1
            print(f"{label:58} {'-':>7} {'-':>7} {'-':>8}  FAIL: {problem}")
            continue
        queries = "–".join(str(q) for q in sorted({min(timing["queries"]), max(timing["queries"])}))
        result = verdict(timing)
        failed += result != "PASS"
        print(f"{label:58} {timing['p50']:7.1f} {timing['p95']:7.1f} {queries:>8}  {result}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
