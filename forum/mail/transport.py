"""Handing a message over: to an SMTP server, or to a folder of .eml files."""
import smtplib
import ssl
from datetime import datetime, UTC
from pathlib import Path


class TransportError(Exception):
    """The message could not be handed over; it may work later."""


def send(message, config):
    transport = config["MAIL_TRANSPORT"]
    if transport == "file":
        return _write_file(message, Path(config["MAIL_OUTBOX"]))
    if transport == "smtp":
        return _send_smtp(message, config)
    raise TransportError(f"Unknown MAIL_TRANSPORT {transport!r}: use smtp or file.")


def _write_file(message, folder):
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    ident = (message["Message-ID"] or "").strip("<>").partition("@")[0] or "message"
    path = folder / f"{stamp}-{ident}.eml"
    path.write_bytes(bytes(message))
    return path


def _tls_context(config):
    return ssl.create_default_context(cafile=config.get("MAIL_CA_FILE") or None)


def _send_smtp(message, config):
    host, port = config["MAIL_HOST"], int(config["MAIL_PORT"])
    security = config["MAIL_SECURITY"]
    timeout = config.get("MAIL_TIMEOUT", 20)
    try:
        if security == "tls":
            smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=_tls_context(config))
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
        with smtp:
            if security == "starttls":
                smtp.starttls(context=_tls_context(config))
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            refused = smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise TransportError(f"{type(error).__name__}: {error}") from error
    if refused:
        raise TransportError(f"The server refused {len(refused)} recipient(s).")
    return None
