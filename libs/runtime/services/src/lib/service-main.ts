import { ConfigError, loadPlatformConfig, type PlatformConfig } from '@hourglass/platform-config';
import { gracefulShutdown, SHUTDOWN_SIGNALS } from './graceful-shutdown';
import { configureProcessLog, processLog } from './process-log';
import { stderrLog } from './runtime-context';
import { serviceArguments } from './service-usage';

/**
 * Runs one service as a process: validated config, start, a banner, and a graceful stop on SIGINT,
 * SIGTERM or SIGHUP, bounded by HG_SHUTDOWN_TIMEOUT_MS; a second signal exits at once (see
 * {@link gracefulShutdown} for the exit codes). `--help` prints the usage; any other argument is a
 * usage error (exit 2). Used by every app's main.ts.
 */
export function runService(
  name: string,
  start: (config: PlatformConfig) => Promise<{ banner: string[]; stop: () => Promise<void> }>,
): void {
  const argsExit = serviceArguments(name, process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  if (argsExit !== null) process.exit(argsExit);
  let config: PlatformConfig;
  try {
    config = loadPlatformConfig();
  } catch (error) {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : String(error));
    process.exit(1);
  }
  configureProcessLog({ level: config.HG_LOG_LEVEL, format: config.HG_LOG_FORMAT, name });
  start(config).then(
    (running) => {
      process.stdout.write(`${running.banner.join('\n')}\n`);
      const shutdown = gracefulShutdown({
        name,
        stop: running.stop,
        timeoutMs: config.HG_SHUTDOWN_TIMEOUT_MS,
        log: stderrLog,
        exit: (code) => process.exit(code),
      });
      for (const signal of SHUTDOWN_SIGNALS) process.on(signal, shutdown);
    },
    (error: Error) => {
      processLog(`${name} failed to start: ${error.stack ?? error.message}`, 'error');
      process.exit(1);
    },
  );
}
