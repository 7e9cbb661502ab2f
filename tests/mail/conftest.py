import pytest


@pytest.fixture
def mail_templates(app, tmp_path):
    """A minimal pair of templates, so these tests don't lean on any feature's."""
    folder = tmp_path / "templates" / "mail"
    folder.mkdir(parents=True)
    (folder / "password_changed_test.txt").write_text("Hello from {{ forum_url }}.{% if link %} {{ link }}{% endif %}")
    (folder / "password_changed_test.html").write_text("<p>Hello from <a href='{{ forum_url }}'>the forum</a>.</p>")
    return tmp_path / "templates"


@pytest.fixture
def with_templates(mail_templates):
    from jinja2 import ChoiceLoader, FileSystemLoader

    def attach(application):
        application.jinja_loader  # noqa: B018 (built on first use)
        application.jinja_env.loader = ChoiceLoader([FileSystemLoader(str(mail_templates)), application.jinja_env.loader])
        return application

    return attach
