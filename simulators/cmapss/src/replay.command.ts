import { parseArgs } from 'node:util';
import { CliProgress, USAGE_EXIT_CODE, type ProgressStream } from '@hourglass/platform-cli';
import { ReplayOptions, ReplayResult, runReplay } from './replay.service';
import { SimulatorError, errorMessage } from './simulator-error';

/** Usage text of `npm run simulate -- cmapss`. */
export const REPLAY_USAGE = `usage: npm run simulate -- cmapss --file PATH [options]

Replays a C-MAPSS file (26 space-separated columns) over MQTT: unit n becomes device <prefix>n,
provisioned through the API when it does not exist; one QoS 1 telemetry message per row.

  --file PATH     C-MAPSS file, e.g. simulators/cmapss/data/train_FD001.txt (required)
  --prefix P      device id prefix (default engine-)
  --speed N       cycles per second per device (default 10)
  --url URL       platform REST API (default http://127.0.0.1:8080)
  --mqtt URL      MQTT broker (default mqtt://127.0.0.1:1883)
  --token T       admin bearer token (default $HG_ADMIN_TOKEN)
  -h, --help      this text

Progress goes to stderr (a bar on a terminal, a line every 2 s otherwise); the last stdout line is
{"devices","messages","durationMs"}.`;

/** What a usage error prints after its one-line message. */
export const REPLAY_USAGE_HINT = `${REPLAY_USAGE.split('\n')[0]}\n(--help lists every flag with its default)`;

/** Exit statuses of the CLI. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = USAGE_EXIT_CODE;

/**
 * Reads the options of `cmapss` from its arguments (after the word `cmapss`) and the environment.
 *
 * @returns the options, or `'help'` when help was asked for
 * @throws SimulatorError `USAGE` naming the bad or missing argument
 */
export function parseReplayArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ReplayOptions | 'help' {
  const values = readFlags(argv);
  if (values.help) return 'help';
  if (!values.file) throw new SimulatorError('USAGE', '--file is required', false);
  const speed = Number(values.speed);
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new SimulatorError(
      'USAGE',
      `--speed must be a positive number, got "${values.speed}"`,
      false,
    );
  }
  const token = values.token ?? env['HG_ADMIN_TOKEN'];
  if (!token)
    throw new SimulatorError('USAGE', 'no API token: pass --token or set HG_ADMIN_TOKEN', false);
  return {
    file: values.file,
    prefix: values.prefix,
    speed,
    apiUrl: checkUrl('--url', values.url, ['http:', 'https:']),
    mqttUrl: checkUrl('--mqtt', values.mqtt, [
      'mqtt:',
      'mqtts:',
      'tcp:',
      'ssl:',
      'tls:',
      'ws:',
      'wss:',
    ]),
    token,
  };
}

/** Where the command writes: progress and errors to `stderr`, the summary line to `stdout`. */
export interface CommandOutput {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Where the progress bar or lines go (default: progress lines through `stderr`). */
  progress?: ProgressStream;
}

/**
 * Runs `cmapss` with its arguments and returns the exit status: 0 once every row is acknowledged,
 * 1 on a failure (API, broker, data), 2 on bad arguments. Prints a JSON summary on stdout.
 */
export async function runReplayCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  output: CommandOutput,
): Promise<number> {
  let result: ReplayResult;
  try {
    const options = parseReplayArgs(argv, env);
    if (options === 'help') {
      output.stdout(REPLAY_USAGE);
      return EXIT_OK;
    }
    result = await runReplay({
      ...options,
      log: output.stderr,
      ...(output.progress ? { onProgress: progressBar(output.progress) } : {}),
    });
  } catch (error) {
    return reportFailure(error, output);
  }
  output.stdout(
    JSON.stringify({
      devices: result.devices.length,
      messages: result.messages,
      durationMs: result.durationMs,
    }),
  );
  return EXIT_OK;
}

function reportFailure(error: unknown, output: CommandOutput): number {
  if (error instanceof SimulatorError) {
    output.stderr(`cmapss: ${error.message}${error.retryable ? ' (retryable)' : ''}`);
    if (error.code === 'USAGE') {
      output.stderr(REPLAY_USAGE_HINT);
      return EXIT_USAGE;
    }
    return EXIT_FAILURE;
  }
  output.stderr(
    `cmapss: unexpected error: ${(error as { stack?: string } | null)?.stack ?? errorMessage(error)}`,
  );
  return EXIT_FAILURE;
}

/** Acknowledged messages as a {@link CliProgress}, started when the replay starts publishing. */
function progressBar(stream: ProgressStream): NonNullable<ReplayOptions['onProgress']> {
  let bar: CliProgress | undefined;
  let complete = false;
  return ({ acked, published, total }) => {
    if (complete) return;
    bar ??= new CliProgress('replay', total, { unit: 'cycles', lineEveryMs: 2000, stream });
    bar.update(acked, `${published.toLocaleString('en')} published`);
    complete = acked >= total;
  };
}

const FLAGS = {
  file: { type: 'string' },
  prefix: { type: 'string', default: 'engine-' },
  speed: { type: 'string', default: '10' },
  url: { type: 'string', default: 'http://127.0.0.1:8080' },
  mqtt: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function readFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    throw new SimulatorError('USAGE', errorMessage(error), false);
  }
}

function checkUrl(flag: string, value: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SimulatorError('USAGE', `${flag} is not a URL: "${value}"`, false);
  }
  if (!protocols.includes(url.protocol)) {
    throw new SimulatorError(
      'USAGE',
      `${flag} must use ${protocols.join(' or ')}, got "${value}"`,
      false,
    );
  }
  return value;
}
