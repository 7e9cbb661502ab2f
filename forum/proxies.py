"""Believing X-Forwarded-For only from the reverse proxies we run.

A forum reachable directly would otherwise let anyone claim any address
(and walk past the per-address limits) by sending the header. Only when
the connection comes from a trusted proxy is the header read, from the
right (the entries a proxy appended) past every trusted hop; the first
address that is not ours is the client's. X-Forwarded-Proto is believed
on the same condition; X-Forwarded-Host never.
"""
import ipaddress


def parse_networks(text):
    """'10.0.0.1, 192.168.0.0/16' -> networks; ValueError names a bad entry."""
    networks = []
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"{entry!r} is not an IP address or network") from None
    return networks


def _address(text):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


class TrustedProxies:
    """WSGI middleware: sets REMOTE_ADDR (and wsgi.url_scheme) from the
    forwarding headers when, and only when, a trusted proxy sent them."""

    def __init__(self, app, networks):
        self.app = app
        self.networks = list(networks)

    def trusted(self, address):
        return address is not None and any(address in network for network in self.networks)

    def client(self, forwarded_for):
        """The client's address in a trusted proxy's X-Forwarded-For, or None."""
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        for hop in reversed(hops):
            address = _address(hop)
            if address is None:
                # Garbage where an address should be: believe nothing past it.
                return None
            if not self.trusted(address):
                return str(address)
        return None

    def __call__(self, environ, start_response):
        forwarded_for = environ.pop("HTTP_X_FORWARDED_FOR", "")
        proto = environ.pop("HTTP_X_FORWARDED_PROTO", "")
        if self.trusted(_address(environ.get("REMOTE_ADDR") or "")):
            client = self.client(forwarded_for)
            if client is not None:
                environ["REMOTE_ADDR"] = client
            scheme = proto.split(",")[-1].strip().lower()
            if scheme in ("http", "https"):
                environ["wsgi.url_scheme"] = scheme
        return self.app(environ, start_response)
