import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** One test of an outside suite, as its runner reported it. */
export interface SuiteTestResult {
  test: string;
  passed: boolean;
  detail: string;
}

/** Which suite, and where its local copy is. */
export type SuiteName = 'paho' | 'sequences';

/** The MQTT 3.1.1 groups of Mosquitto's data/*.json (261 sequences). */
export const SEQUENCE_GROUP_PREFIX = 'v3.1.1';

/**
 * Runs one outside suite with python3 against a broker on 127.0.0.1:`port` and collects the
 * per-test records its runner (paho_runner.py, mosquitto_runner.py) prints as JSON lines.
 */
export async function runSuite(
  suite: SuiteName,
  dir: string,
  port: number,
  onResult: (result: SuiteTestResult) => void = () => undefined,
): Promise<SuiteTestResult[]> {
  const args =
    suite === 'paho'
      ? [join(__dirname, 'paho_runner.py'), pahoDir(dir), '127.0.0.1', String(port)]
      : [
          join(__dirname, 'mosquitto_runner.py'),
          mosquittoTestDir(dir),
          String(port),
          SEQUENCE_GROUP_PREFIX,
        ];
  const child = spawn('python3', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const results: SuiteTestResult[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.startsWith('{')) continue;
    const result = JSON.parse(line) as SuiteTestResult;
    results.push(result);
    onResult(result);
  }
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (results.length === 0)
    throw new Error(`${suite} runner exited with ${code} and no results:\n${stderr.join('')}`);
  return results;
}

/** Accepts the repository root or its `interoperability/` folder. */
export function pahoDir(dir: string): string {
  for (const candidate of [join(dir, 'interoperability'), dir])
    if (existsSync(join(candidate, 'client_test.py'))) return candidate;
  throw new Error(`no interoperability/client_test.py under ${dir} (eclipse/paho.mqtt.testing)`);
}

/** Accepts the repository root or its `test/` folder. */
export function mosquittoTestDir(dir: string): string {
  for (const candidate of [join(dir, 'test'), dir])
    if (existsSync(join(candidate, 'broker', 'msg_sequence_test.py'))) return candidate;
  throw new Error(`no test/broker/msg_sequence_test.py under ${dir} (eclipse/mosquitto)`);
}
