#!/usr/bin/env python3
"""A findings receiver for the forwarder tests: HTTPS on 127.0.0.1, records every request, answers as scripted.

  receiver.py certs DIR
      Makes two independent CAs in DIR with openssl: ca.pem (signs server.pem/server.key for 127.0.0.1 and
      localhost, and client.pem/client.key for mutual TLS) and other-ca.pem (signs nothing we serve).

  receiver.py serve --cert PEM --key PEM --log JSONL [--port N] [--port-file PATH] [--client-ca PEM]
                    [--script JSON]
      Serves until killed. Every request is appended to the JSONL log once answered, as
      {"method", "path", "headers": {lower-case name: value}, "body", "action", "time", "answered", "replayed",
      "status" (absent after a reset)}, "time" and "answered" being when it was read and when it was answered;
      and to LOG.arrivals, as soon as it is read (before any scripted delay), as {"key", "arrived"}: a test can
      see that a request is in flight.
      --script is a JSON list of actions used by the POSTs in arrival order; once it runs out, requests get 200:
        {"status": 500}                        answer with that status
        {"status": 429, "retry_after": "1"}    ... and a Retry-After header
        {"delay": 3.0}                         wait that many seconds, then answer 200
        {"raw": "text"}                        answer with that text, which is not HTTP, and close
        {"reset": true}                        read the request, then reset the connection (TCP RST)
      A request whose Idempotency-Key was already answered with 2xx gets 200 again and "replayed": true, as a
      receiver honouring the key would do. While a file LOG.delay exists, every answer (replays too) first waits
      the seconds it holds, on top of the script's.

  receiver.py validate json|fhir FILE...
      Checks that each FILE holds a valid payload: json against docs/finding.schema.json (JSON Schema 2020-12,
      with formats), fhir as a FHIR R4 Bundle (fhir.resources' R4B models: the resources used are the same in R4).
      Prints each problem and exits 1 if there is any.
"""
import argparse
import json
import os
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_ca(name, cwd):
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "2", "-subj", f"/CN=edgediag test {name}",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign",
            cwd=cwd)


def make_leaf(name, ca, extensions, cwd):
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN=edgediag test {name}", cwd=cwd)
    with open(os.path.join(cwd, f"{name}.ext"), "w") as f:
        f.write(extensions)
    openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key", "-CAcreateserial",
            "-out", f"{name}.pem", "-days", "2", "-extfile", f"{name}.ext", cwd=cwd)


def certs(directory):
    os.makedirs(directory, exist_ok=True)
    make_ca("ca", directory)
    make_ca("other-ca", directory)
    make_leaf("server", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n", directory)
    make_leaf("client", "ca", "extendedKeyUsage=clientAuth\n", directory)


class Receiver(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, log_path, script):
        super().__init__(address, Handler)
        self.log_path = log_path
        self.script = list(script)
        self.accepted_keys = set()
        self.lock = threading.Lock()

    def handle_error(self, request, client_address):
        # A client that goes away mid-request (a timed-out request, a daemon killed by a test) is part of the
        # tests, not a receiver fault: no traceback for it.
        if isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, TimeoutError)):
            return
        super().handle_error(request, client_address)

    def next_action(self, key):
        with self.lock:
            if key is not None and key in self.accepted_keys:
                return {"status": 200, "replayed": True}
            return self.script.pop(0) if self.script else {"status": 200}

    def extra_delay(self):
        try:
            with open(self.log_path + ".delay") as f:
                return float(f.read())
        except FileNotFoundError:
            return 0

    def arrive(self, key, arrived):
        with self.lock:
            with open(self.log_path + ".arrivals", "a") as log:
                log.write(json.dumps({"key": key, "arrived": arrived}) + "\n")

    def record(self, entry, accepted_key):
        with self.lock:
            if accepted_key is not None:
                # A slow request can complete after a retry of it did: the key, not the arrival, decides.
                entry["replayed"] = entry["replayed"] or accepted_key in self.accepted_keys
                self.accepted_keys.add(accepted_key)
            with open(self.log_path, "a") as log:
                log.write(json.dumps(entry) + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        key = self.headers.get("Idempotency-Key")
        arrived = time.time()
        self.server.arrive(key, arrived)
        action = self.server.next_action(key)
        entry = {"method": "POST", "path": self.path, "body": body, "action": action, "time": arrived,
                 "headers": {name.lower(): value for name, value in self.headers.items()},
                 "replayed": bool(action.get("replayed"))}
        if action.get("reset"):
            self.server.record(entry, None)
            # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if "raw" in action:
            self.server.record(entry, None)
            self.wfile.write(action["raw"].encode())
            self.close_connection = True
            return
        time.sleep(action.get("delay", 0) + self.server.extra_delay())
        entry["answered"] = time.time()
        status = entry["status"] = action.get("status", 200)
        self.server.record(entry, key if 200 <= status < 300 else None)
        reply = json.dumps({"status": status}).encode()
        self.send_response(status)
        if "retry_after" in action:
            self.send_header("Retry-After", action["retry_after"])
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format, *args):
        pass


def serve(arguments):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(arguments.cert, arguments.key)
    if arguments.client_ca:
        context.load_verify_locations(arguments.client_ca)
        context.verify_mode = ssl.CERT_REQUIRED
    server = Receiver(("127.0.0.1", arguments.port), arguments.log, json.loads(arguments.script))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    if arguments.port_file:
        with open(arguments.port_file + ".tmp", "w") as f:
            f.write(str(port))
        os.rename(arguments.port_file + ".tmp", arguments.port_file)
    server.serve_forever()


def validate(kind, paths):
    problems = []
    if kind == "json":
        import jsonschema
        schema_path = os.path.join(os.path.dirname(__file__), "../../../docs/finding.schema.json")
        with open(schema_path) as f:
            schema = json.load(f)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        for path in paths:
            with open(path) as f:
                problems += [f"{path}: {error.json_path}: {error.message}" for error in validator.iter_errors(json.load(f))]
    else:
        from fhir.resources.R4B.bundle import Bundle
        for path in paths:
            with open(path) as f:
                text = f.read()
            try:
                Bundle.model_validate_json(text)
            except Exception as error:
                problems.append(f"{path}: {error}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    certs_command = commands.add_parser("certs")
    certs_command.add_argument("directory")
    serve_command = commands.add_parser("serve")
    serve_command.add_argument("--cert", required=True)
    serve_command.add_argument("--key", required=True)
    serve_command.add_argument("--log", required=True)
    serve_command.add_argument("--port", type=int, default=0)
    serve_command.add_argument("--port-file")
    serve_command.add_argument("--client-ca")
    serve_command.add_argument("--script", default="[]")
    validate_command = commands.add_parser("validate")
    validate_command.add_argument("kind", choices=["json", "fhir"])
    validate_command.add_argument("paths", nargs="+")
    arguments = parser.parse_args()
    if arguments.command == "certs":
        certs(arguments.directory)
    elif arguments.command == "validate":
        return validate(arguments.kind, arguments.paths)
    else:
        serve(arguments)


if __name__ == "__main__":
    sys.exit(main())
