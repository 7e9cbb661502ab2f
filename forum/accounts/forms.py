"""What every form that asks for a username shares."""
from wtforms.validators import StopValidation

from .names import problem_with_name


def allowed_username(form, field):
    """A field validator: the name rules' own message (a look-alike letter,
    a credential, a role word), shown beside the field alone: nothing more
    general is said after it."""
    problem = problem_with_name(field.data or "")
    if problem:
        raise StopValidation(problem)
