/**
 * `npm run conformance -- --paho DIR --mosquitto DIR [--broker embedded|mosquitto|both]`
 *
 * Runs two outside MQTT 3.1.1 suites (local copies: CI cannot fetch them) against the embedded
 * broker in development mode and against Debian's Mosquitto, each on a free loopback port:
 * Eclipse Paho's interoperability client_test.py (10 tests) and Mosquitto's msg_sequence_test.py
 * (the 261 sequences of its v3.1.1 groups). Prints every test, the counts, and as its last line
 * the counts and failures as JSON.
 */
import { startEmbedded, startReference, type BrokerUnderTest } from './conformance-brokers.harness';
import { runSuite, type SuiteName, type SuiteTestResult } from './conformance-suites.runner';
import { CONFORMANCE_USAGE, parseConformanceArgs, type BrokerName } from './conformance-args';

interface SuiteCount {
  passed: number;
  total: number;
  failed: string[];
}

const SUITES: readonly SuiteName[] = ['paho', 'sequences'];

async function main(): Promise<void> {
  const parsed = parseConformanceArgs(process.argv.slice(2));
  if ('help' in parsed) {
    console.log(CONFORMANCE_USAGE);
    return;
  }
  if ('error' in parsed) {
    console.error(`conformance: ${parsed.error}\n${CONFORMANCE_USAGE}`);
    process.exit(2);
  }
  const { paho, mosquitto, brokers, brokerLog } = parsed.args;
  const dirs: Record<SuiteName, string> = { paho, sequences: mosquitto };
  const report: Partial<Record<BrokerName, Record<SuiteName, SuiteCount>>> = {};
  for (const broker of brokers) {
    report[broker] = {} as Record<SuiteName, SuiteCount>;
    for (const suite of SUITES) {
      const under = await start(broker, suite, brokerLog);
      try {
        const results = await runSuite(suite, dirs[suite], under.port, (r) =>
          printResult(broker, suite, r),
        );
        (report[broker] as Record<SuiteName, SuiteCount>)[suite] = count(results);
      } finally {
        await under.stop();
      }
    }
  }
  for (const [broker, suites] of Object.entries(report))
    for (const [suite, c] of Object.entries(suites))
      console.log(`${broker} ${suite}: ${c.passed}/${c.total} passed`);
  console.log(JSON.stringify(report));
}

function start(broker: BrokerName, suite: SuiteName, brokerLog: boolean): Promise<BrokerUnderTest> {
  if (broker === 'mosquitto') return startReference(suite === 'paho');
  return startEmbedded((line) => {
    if (brokerLog || line.includes('DEVELOPMENT MODE')) console.error(line);
  });
}

function printResult(broker: BrokerName, suite: SuiteName, result: SuiteTestResult): void {
  const detail = result.passed ? '' : `  (${result.detail})`;
  console.log(`${result.passed ? 'PASS' : 'FAIL'} ${broker} ${suite} ${result.test}${detail}`);
}

function count(results: readonly SuiteTestResult[]): SuiteCount {
  const failed = results.filter((r) => !r.passed).map((r) => r.test);
  return { passed: results.length - failed.length, total: results.length, failed };
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
