"""Whether a post gives advice: tells others what to do about their pain, or
claims a treatment works. Such posts carry the short "not medical advice"
line; a post that only tells the writer's own story doesn't need it.

Decided once, as the post is saved (`steps.mark_post`), from the Markdown
source with quoted lines left out (a reply quoting advice isn't advice).
The phrases are deliberately plain: a missed one costs a line of small
print, a false one costs nothing but the same line.
"""
import re

_PHRASES = [
    # Telling the reader what to do.
    r"you (?:should|shouldn't|need to|must|have to|ought to|could try|might try|can try)",
    r"(?:i|i'd|i would) (?:recommend|suggest|advise)",
    r"my advice", r"make sure (?:you|to)", r"don't (?:stop|take|stretch|let)",
    r"(?:^|[.!?]\s+)(?:try|take|stop|start|use|apply|keep|put|avoid|ask for|ask your|see a|get an?)\b",
    # Doses.
    r"\d+\s?(?:mg|milligrams?|ml)\b", r"\b(?:dose|dosage)\b",
    # Claims that a treatment works.
    r"\b(?:cures?|cured me|guaranteed|works for everyone|the only thing that works|fixes it)\b",
]
_ADVICE = re.compile("|".join(f"(?:{p})" for p in _PHRASES), re.IGNORECASE | re.MULTILINE)


def gives_advice(body):
    """True when `body` (Markdown) reads as advice or a treatment claim."""
    own = "\n".join(line for line in (body or "").splitlines() if not line.lstrip().startswith(">"))
    return _ADVICE.search(own) is not None
