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

    register_extensions(app)
    register_blueprints(app)
    register_templating(app)
    register_security(app)
    register_errors(app)
    register_commands(app)
    return app


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
    from .admin import bp as admin_bp
    from .auth import bp as auth_bp
    from .categories import bp as categories_bp
    from .categories.views import index
    from .disclaimer import bp as disclaimer_bp
    from .members import bp as members_bp
    from .moderation import bp as moderation_bp
    from .notices import bp as notices_bp
    from .pages import bp as pages_bp
    from .routing import init_routing
    from .threads import bp as threads_bp

    init_routing(app)
    for bp in (auth_bp, categories_bp, disclaimer_bp, members_bp, moderation_bp, notices_bp, pages_bp, threads_bp, admin_bp):
        app.register_blueprint(bp)
    app.add_url_rule("/", endpoint="home", view_func=index)


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
