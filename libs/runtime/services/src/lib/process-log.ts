/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** How {@link processLog} writes: the lowest level kept, and JSON lines or text. */
export interface LogSettings {
  level: LogLevel;
  format: 'json' | 'text';
}

// Words of the platform's log lines that report something going wrong: such a line is a warning
// (the process carries on: retries, refusals, a failed round), an uncaught failure is an error.
const WARNING =
  /\b(fail(ed|s|ure)?|error|unreachable|refus(ed|es)|denied|timed out|cannot|could not|giving up|lost|dropp(ed|ing)|spooling|retrying)\b/i;
const ERROR = /\b(failed to start|fatal|crash(ed)?|exiting)\b/i;
// `ingest: ...`, `audit: ...`: the component is the word before the first colon.
const COMPONENT = /^([a-z][a-z0-9-]{1,30}):\s/;

let settings: LogSettings = {
  level: 'info',
  format: process.stderr.isTTY ? 'text' : 'json',
};
let write: (text: string) => void = (text) => process.stderr.write(text);

/**
 * Sets how the process logs (from HG_LOG_LEVEL and HG_LOG_FORMAT; `runService` calls it once the
 * configuration is read). Unset format = text on a terminal, JSON lines otherwise.
 */
export function configureProcessLog(
  level: LogLevel,
  format: 'json' | 'text' | undefined,
  sink?: (text: string) => void,
): void {
  settings = { level, format: format ?? (process.stderr.isTTY ? 'text' : 'json') };
  if (sink) write = sink;
}

/** The level a platform log line is reported at (the lines name failures in words). */
export function levelOf(line: string): LogLevel {
  if (ERROR.test(line)) return 'error';
  if (WARNING.test(line)) return 'warn';
  return 'info';
}

/**
 * Writes one log line on stderr at `level` (inferred from the line when not given), as
 * `{"time","level","component","msg"}` JSON or as `time LEVEL msg` text; lines below HG_LOG_LEVEL are
 * dropped. `msg` keeps the whole line, so a search for the text finds it in either format.
 */
export function processLog(line: string, level: LogLevel = levelOf(line)): void {
  if (RANK[level] < RANK[settings.level]) return;
  const time = new Date().toISOString();
  if (settings.format === 'text') {
    write(`${time} ${level.toUpperCase().padEnd(5)} ${line}\n`);
    return;
  }
  const component = COMPONENT.exec(line)?.[1];
  write(
    `${JSON.stringify(component ? { time, level, component, msg: line } : { time, level, msg: line })}\n`,
  );
}
