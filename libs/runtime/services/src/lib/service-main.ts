import { ConfigError, loadPlatformConfig, type PlatformConfig } from '@hourglass/platform-config';
import { stderrLog } from './runtime-context';

/**
 * Runs one service as a process: validated config, start, a banner, and a graceful stop on
 * SIGINT/SIGTERM. Used by every app's main.ts.
 */
export function runService(name: string, start: (config: PlatformConfig) => Promise<{ banner: string[]; stop: () => Promise<void> }>): void {
  let config: PlatformConfig;
  try {
    config = loadPlatformConfig();
  } catch (error) {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : String(error));
    process.exit(1);
  }
  start(config).then(
    (running) => {
      process.stdout.write(`${running.banner.join('\n')}\n`);
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        stderrLog(`${name}: ${signal}, shutting down and flushing buffered writes`);
        running.stop().then(
          () => process.exit(0),
          (error: Error) => {
            stderrLog(`${name}: shutdown failed: ${error.message}`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    },
    (error: Error) => {
      process.stderr.write(`${name} failed to start: ${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}
