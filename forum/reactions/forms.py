from flask_wtf import FlaskForm
from wtforms import HiddenField


class PressForm(FlaskForm):
    """A reaction's or a bookmark's one button. `press` says what it asks
    for ("on" to add, "off" to take back), so a double click asks the same
    thing twice instead of undoing itself; without it the button toggles."""

    press = HiddenField()

    def wanted(self):
        """True to add, False to take back, None when the form didn't say."""
        return {"on": True, "off": False}.get(self.press.data)
