"""What a practitioner may be licensed as, and where.

A credential is stored as its own abbreviation; the badge shows the
profession it belongs to, so a DPT and a PTA read "Verified PT" with the
degree noted beside it.
"""
from datetime import date
from operator import itemgetter

# abbreviation -> (what the badge says, the full name)
CREDENTIALS = {
    "LMT": ("LMT", "Licensed massage therapist"),
    "PT": ("PT", "Physical therapist"),
    "DPT": ("PT", "Physical therapist, Doctor of Physical Therapy"),
    "PTA": ("PT", "Physical therapist assistant"),
    "OT": ("OT", "Occupational therapist"),
    "ATC": ("ATC", "Certified athletic trainer"),
    "DC": ("DC", "Doctor of chiropractic"),
    "MD": ("MD", "Medical doctor"),
    "DO": ("DO", "Doctor of osteopathic medicine"),
    "RN": ("RN", "Registered nurse"),
    "NP": ("NP", "Nurse practitioner"),
}

US = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "AS": "American Samoa", "GU": "Guam", "MP": "Northern Mariana Islands", "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
}
CANADA = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories", "NU": "Nunavut",
    "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan", "YT": "Yukon",
}
OTHER = "OTHER"
# Stored codes: "US-FL", "CA-ON", or OTHER with the country written out.
JURISDICTIONS = {
    **{f"US-{code}": name for code, name in US.items()},
    **{f"CA-{code}": name for code, name in CANADA.items()},
}


def jurisdiction_choices(other=True):
    """(code, name, group) for a select: US states and territories, Canadian
    provinces and territories, then another country."""
    by_name = itemgetter(1)
    return [
        *[(f"US-{code}", name, "United States") for code, name in sorted(US.items(), key=by_name)],
        *[(f"CA-{code}", name, "Canada") for code, name in sorted(CANADA.items(), key=by_name)],
        *([(OTHER, "Another country", "Elsewhere")] if other else []),
    ]


def jurisdiction_name(code, other=""):
    return other if code == OTHER else JURISDICTIONS.get(code, code)


def npi_is_valid(npi):
    """A US National Provider Identifier: 10 digits whose last is a Luhn
    check digit computed with the prefix 80840 (as CMS specifies)."""
    if len(npi) != 10 or not npi.isascii() or not npi.isdigit():
        return False
    total = 0
    # Luhn over "80840" + the first nine digits, doubling every second digit
    # from the right (the check digit itself is left out).
    for position, digit in enumerate(reversed("80840" + npi[:9])):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10 == int(npi[9])


def add_months(day, months):
    """The same day `months` later, or the month's last day when it has no
    such day (a check on 29 February lapses on 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)
