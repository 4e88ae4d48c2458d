import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@hourglass/testing-services';
import { nodeRedFlow, nodeRedSettings, type NodeRedFlowOptions } from './node-red-flow';
import type { NodeRedInstall } from './node-red-install';

/** A Node-RED child process running the bench flow. */
export interface NodeRedProcess {
  pid: number;
  /** The temporary userDir: settings.js, flows.json, node-red.log. */
  dir: string;
  /** Lines of node-red.log that are warnings or errors (e.g. failed InfluxDB writes), last 50. */
  problems(): string[];
  /** SIGTERM, SIGKILL after 10 s, then removes the userDir. */
  stop(): Promise<void>;
}

/**
 * Starts Node-RED (`node red.js --settings <userDir>/settings.js --userDir <userDir>`) with the
 * generated flow, and resolves once it has started the flow and its MQTT node is connected.
 */
export async function startNodeRed(
  install: NodeRedInstall,
  flow: NodeRedFlowOptions,
  readyTimeoutMs = 120_000,
): Promise<NodeRedProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'hg-bench-node-red-'));
  writeFileSync(join(dir, 'flows.json'), JSON.stringify(nodeRedFlow(flow), null, 2));
  const settings = join(dir, 'settings.js');
  writeFileSync(settings, nodeRedSettings({ uiPort: await freePort(), flowFile: 'flows.json' }));
  const logFile = join(dir, 'node-red.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [install.redJs, '--settings', settings, '--userDir', dir], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const handle: NodeRedProcess = {
    pid: child.pid ?? -1,
    dir,
    problems: () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => /\[(warn|error)\]/.test(line))
        .slice(-50),
    stop: () => stopChild(child, dir),
  };
  try {
    await ready(child, readyTimeoutMs);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

function ready(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`node-red: not ready after ${timeoutMs} ms:\n${output.slice(-2000)}`)),
      timeoutMs,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node-red exited with ${code}:\n${output.slice(-2000)}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Started flows/.test(output) && /Connected to broker/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}
