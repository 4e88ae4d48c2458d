"""Runs Eclipse Paho's interoperability client_test.py (MQTT 3.1.1) against host:port.

Usage: python3 paho_runner.py PAHO_INTEROPERABILITY_DIR HOST PORT
Prints one JSON object per test ({"test", "passed", "detail"}); the suite itself is not changed:
its module globals (host, port, topic lists) are set as its own __main__ block would set them.
"""
import json
import sys
import unittest

suite_dir, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, suite_dir)
import client_test  # noqa: E402  (found through suite_dir)

client_test.host = host
client_test.port = port
client_test.topics = ("TopicA", "TopicA/B", "Topic/C", "TopicA/C", "/TopicA")
client_test.wildtopics = ("TopicA/+", "+/C", "#", "/#", "/+", "+/+", "TopicA/#")
client_test.nosubscribe_topics = ("test/nosubscribe",)


class Recorder(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = []

    def addSuccess(self, test):
        super().addSuccess(test)
        self.records.append((getattr(test, "_testMethodName", str(test)), True, ""))

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.records.append((getattr(test, "_testMethodName", str(test)), False, str(err[1])[:300]))

    def addError(self, test, err):
        super().addError(test, err)
        self.records.append((getattr(test, "_testMethodName", str(test)), False, repr(err[1])[:300]))


suite = unittest.defaultTestLoader.loadTestsFromTestCase(client_test.Test)
runner = unittest.TextTestRunner(stream=sys.stderr, resultclass=Recorder, verbosity=0)
result = runner.run(suite)
for name, passed, detail in result.records:
    print(json.dumps({"test": name, "passed": passed, "detail": detail}), flush=True)
