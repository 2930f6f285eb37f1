"""An aiosmtpd server that requires authentication, for CallFlow.Email.Tests.

python3 -m aiosmtpd has no AUTH options, so the tests start this instead:

    python3 auth_smtpd.py PORT MAILDIR USER PASSWORD MECHANISM...

It listens on 127.0.0.1:PORT, offers AUTH with the given mechanisms (PLAIN, LOGIN, CRAM-MD5) over plain SMTP
(auth_require_tls off: the tests talk over loopback), refuses MAIL until the client has authenticated, and stores
each message in MAILDIR with an X-Auth header naming the mechanism and user that authenticated. CRAM-MD5
(RFC 2195) is implemented here; aiosmtpd has only PLAIN and LOGIN. Prints READY once listening; runs until killed
or until its stdin closes.
"""
import hmac
import os
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import MISSING, SMTP, AuthResult, LoginPassword, auth_mechanism

PORT, MAILDIR, USER, PASSWORD = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), sys.argv[4].encode()
MECHANISMS = {m.upper() for m in sys.argv[5:]}


class CramSMTP(SMTP):
    @auth_mechanism("CRAM-MD5")
    async def auth_CRAM_MD5(self, _, args):
        challenge = f"<{os.getpid()}.{time.time_ns()}@callflow.test>".encode()
        response = await self.challenge_auth(challenge)
        if response is MISSING:
            return AuthResult(success=False, handled=False)
        user, _, digest = response.rpartition(b" ")
        expected = hmac.new(PASSWORD, challenge, "md5").hexdigest().encode()
        ok = user == USER and hmac.compare_digest(digest, expected)
        if ok:
            self.session.callflow_auth = f"CRAM-MD5 {user.decode()}"
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER and auth_data.password == PASSWORD
    if ok:
        session.callflow_auth = f"{mechanism} {auth_data.login.decode()}"
    # handled=False: aiosmtpd then answers 535 itself (handled=True would leave the client waiting).
    return AuthResult(success=ok, handled=False)


class AuthMailbox(Mailbox):
    def prepare_message(self, session, envelope):
        message = super().prepare_message(session, envelope)
        message["X-Auth"] = getattr(session, "callflow_auth", "none")
        return message


class AuthController(Controller):
    def factory(self):
        return CramSMTP(self.handler, **self.SMTP_kwargs)


excluded = [m for m in ("PLAIN", "LOGIN", "CRAM-MD5") if m not in MECHANISMS]
controller = AuthController(
    AuthMailbox(MAILDIR), hostname="127.0.0.1", port=PORT, server_hostname="callflow.test",
    authenticator=authenticator, auth_required=True, auth_require_tls=False, auth_exclude_mechanism=excluded)
controller.start()
print("READY", flush=True)
try:
    sys.stdin.read()
except KeyboardInterrupt:
    pass
controller.stop()
