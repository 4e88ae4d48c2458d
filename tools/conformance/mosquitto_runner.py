"""Runs Mosquitto's test/broker/msg_sequence_test.py against a broker already listening on PORT.

Usage: python3 mosquitto_runner.py MOSQUITTO_TEST_DIR PORT GROUP_PREFIX
The suite is run unchanged (runpy) on a copy of its data/*.json holding only the groups whose name
starts with GROUP_PREFIX (e.g. "v3.1.1"); only two things are substituted: starting a broker (one is
already running) and the port of its helper connection (hard-coded 1888 in the suite).
Prints one JSON object per sequence ({"test", "passed", "detail"}).
"""
import json
import os
import re
import runpy
import shutil
import sys
import tempfile

test_dir, port, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
broker_dir = os.path.join(test_dir, "broker")
sys.path.insert(0, test_dir)
sys.path.insert(0, broker_dir)
import mosq_test  # noqa: E402


class RunningBroker:
    """Stands in for the Popen of a broker the suite would start itself."""

    returncode = 0

    def terminate(self):
        pass

    def wait(self):
        return 0

    def communicate(self):
        return (b"", b"")


mosq_test.start_broker = lambda *args, **kwargs: RunningBroker()
mosq_test.get_port = lambda count=1: port
connect_only = mosq_test.client_connect_only
broker_port = port
mosq_test.client_connect_only = lambda hostname="localhost", port=None, timeout=10: connect_only(
    hostname="127.0.0.1", port=broker_port, timeout=timeout
)

work = tempfile.mkdtemp(prefix="msg-sequences-")
os.mkdir(os.path.join(work, "data"))
for name in sorted(os.listdir(os.path.join(broker_dir, "data"))):
    if not name.endswith(".json"):
        continue
    with open(os.path.join(broker_dir, "data", name)) as f:
        groups = [g for g in json.load(f) if g["group"].startswith(prefix)]
    if groups:
        with open(os.path.join(work, "data", name), "w") as f:
            json.dump(groups, f)

os.chdir(work)
sys.argv = [os.path.join(broker_dir, "msg_sequence_test.py"), str(port)]
real_stdout = sys.stdout


class Lines:
    """Turns the suite's coloured pass/fail lines into JSON records."""

    def __init__(self):
        self.buffer = ""

    def write(self, text):
        self.buffer += text
        while "\n" in self.buffer:
            line, self.buffer = self.buffer.split("\n", 1)
            self.line(line)

    def flush(self):
        pass

    def line(self, line):
        match = re.match(r"\x1b\[(32|31)m(.*)\x1b\[0m$", line)
        if not match:
            print(line, file=sys.stderr)
            return
        passed = match.group(1) == "32"
        text = match.group(2)
        name, _, detail = text.partition(" failed: ") if not passed else (text, "", "")
        record = {"test": name, "passed": passed, "detail": detail[:300]}
        real_stdout.write(json.dumps(record) + "\n")
        real_stdout.flush()


sys.stdout = Lines()
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit:
    pass
finally:
    sys.stdout = real_stdout
    os.chdir(broker_dir)
    shutil.rmtree(work, ignore_errors=True)
