"""A form's fields as the keyword arguments of the verb it is sent to."""

# Fields every form has that no verb takes.
NOT_ARGUMENTS = ("csrf_token", "submit")


def arguments(form):
    """The form's fields, by their names without any prefix, but its token and button."""
    return {field.short_name: field.data for field in form if field.short_name not in NOT_ARGUMENTS}
