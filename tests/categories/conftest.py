"""Ways to look at one row of a category page."""
import re


def thread_rows(html):
    """Each thread row on a category page, top to bottom."""
    return re.findall(r'<li class="thread-row[^"]*">.*?</li>', html, re.S)


def row_titles(html):
    return [re.search(r'<a href="/threads/[^"]+">([^<]+)</a>', row).group(1) for row in thread_rows(html)]


def machine_time(moment):
    """How a time is written inside <time datetime="...">."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
