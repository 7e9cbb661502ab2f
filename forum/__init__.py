"""The chronic pain community forum."""
from pathlib import Path

from flask import Flask

from . import config


def create_app(test_config=None):
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.from_environment(app.instance_path, test_config or {}))

    register_proxies(app)
    register_extensions(app)
    register_blueprints(app)
    register_templating(app)
    register_security(app)
    register_errors(app)
    register_commands(app)
    register_jobs(app)
    register_serving(app)
    return app


def register_proxies(app):
    # Behind a reverse proxy every request comes from the proxy's address:
    # the per-address rate limits would then be shared by everyone, and a
    # few wrong passwords would lock the whole forum out of signing in.
    from .proxies import TrustedProxies, parse_networks

    networks = parse_networks(",".join(app.config["TRUSTED_PROXIES"]))
    if networks:
        app.wsgi_app = TrustedProxies(app.wsgi_app, networks)


def register_extensions(app):
    from .database import configure_engine
    from .extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    with app.app_context():
        configure_engine(db.engine)


def register_blueprints(app):
    # Views are imported here, not by their packages, so that importing a
    # domain's models never drags in every other domain's views.
    from .admin import disclaimer_views, member_views, name_views, practitioner_views, safety_views, vocabulary_views  # noqa: F401
    from .admin import views as admin_views
    from .auth import register_views  # noqa: F401
    from .auth import confirm_views, recovery_views  # noqa: F401
    from .auth import passkey_views  # noqa: F401
    from .auth import views as auth_views
    from .categories import views as categories_views
    from .disclaimer import views as disclaimer_views_public
    from .feeds import views as feeds_views
    from .following import views as following_views
    from .members import views as members_views
    from .moderation import views as moderation_views
    # Opens queue items for posts the safety checks flag, however they are written.
    from .moderation import flags  # noqa: F401
    from .notifications import unsubscribe_views  # noqa: F401
    from .notifications import views as notifications_views
    from .pages import views as pages_views
    from .practitioners import views as practitioners_views
    from .privacy import views as privacy_views
    from .reactions import views as reactions_views
    from .routing import init_routing
    from .search import views as search_views
    from .settings import account_views, emails_views, passkeys_views, reading_views, sessions_views  # noqa: F401
    from .settings import views as settings_views
    # Keeps the search index current in the transaction of every write, however it is made.
    from .search import tracking  # noqa: F401
    from .stories import views as stories_views
    from .threads import history_views  # noqa: F401
    from .threads import views as threads_views

    init_routing(app)
    for module in (auth_views, categories_views, disclaimer_views_public, feeds_views, following_views, members_views, moderation_views,
                   notifications_views, pages_views, practitioners_views, privacy_views, reactions_views, search_views, settings_views, stories_views,
                   threads_views,
                   admin_views):
        app.register_blueprint(module.bp)
    app.add_url_rule("/", endpoint="home", view_func=categories_views.index)
    # Notifications were called notices; bookmarks of the old page still work.
    app.add_url_rule("/notices/", endpoint="notices_moved", view_func=notifications_views.moved)


def register_templating(app):
    from .templating import init_templating

    init_templating(app)


def register_security(app):
    from .auth.session import init_login
    from .drafts import init_draft_rescue
    from .security import init_security_headers

    init_login(app)
    init_draft_rescue(app)
    init_security_headers(app)


def register_errors(app):
    from .errors import register_error_handlers

    register_error_handlers(app)


def register_commands(app):
    from .cli import init_commands

    init_commands(app)


def register_jobs(app):
    from .jobs.registry import init_jobs

    init_jobs(app)


def register_serving(app):
    from .routing import init_link_cache
    from .serving import init_serving

    init_serving(app)
    init_link_cache(app)
