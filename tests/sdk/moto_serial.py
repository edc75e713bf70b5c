"""A moto server that handles one request at a time.

    moto_serial.py [-H HOST] [-p PORT]

moto_server serves every request on a thread of its own, and moto's DynamoDB evaluates a write's
ConditionExpression and then applies the write with no lock held in between: two concurrent
conditional writes to one item can both succeed. DynamoDB applies each conditional write
atomically. Running moto's application under one lock restores that, which the manifest's
concurrency tests rely on. Like moto_server, it reports `Running on http://HOST:PORT` on stderr
(port 0 picks a free port).
"""
import argparse
import sys
import threading

from werkzeug.serving import make_server
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app


class OneAtATime:
    """A WSGI application that runs the wrapped one for a single request at a time."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            body = self.app(environ, start_response)
            try:
                return [b"".join(body)]
            finally:
                close = getattr(body, "close", None)
                if close is not None:
                    close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=0)
    args = parser.parse_args()
    app = OneAtATime(DomainDispatcherApplication(create_backend_app))
    server = make_server(args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler)
    print(f"Running on http://{args.host}:{server.port}", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
