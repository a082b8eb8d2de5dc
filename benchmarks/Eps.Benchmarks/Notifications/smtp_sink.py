"""A local SMTP server for the mail benchmark: Python's standard smtpd (RFC 5321, asyncore), each accepted
message's Message-Id appended to a file. netDumbster, which the tests use, accepts about 20 messages a second
whatever the client does, so it cannot show what the sender does.

usage: python3 smtp_sink.py PORT FILE
"""
import asyncore
import re
import smtpd
import sys

MESSAGE_ID = re.compile(rb"^Message-Id:\s*<([^>]+)>", re.IGNORECASE | re.MULTILINE)


class Sink(smtpd.SMTPServer):
    def __init__(self, port, out):
        super().__init__(("127.0.0.1", port), None, decode_data=False)
        self.out = out

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        found = MESSAGE_ID.search(data)
        self.out.write((found.group(1).decode("ascii") if found else "-") + "\n")
        self.out.flush()


if __name__ == "__main__":
    with open(sys.argv[2], "a", encoding="ascii") as out:
        Sink(int(sys.argv[1]), out)
        print("listening", flush=True)
        asyncore.loop()
