import { pino, stdTimeFunctions, type Logger } from 'pino';

/** Log levels, lowest first (pino's names and order). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured fields a call site adds to its line (`{ tenantId, durationMs }`), kept as JSON keys. */
export type LogFields = Record<string, unknown>;

/** How {@link processLog} writes. */
export interface LogSettings {
  /** The lowest level kept (HG_LOG_LEVEL). */
  level: LogLevel;
  /** `json` (the default): one JSON object per line; `text`: `time LEVEL msg key=value...`, asked for by HG_LOG_FORMAT. */
  format?: 'json' | 'text';
  /** The process's name, written as `name` on every line (`api`, `ingest`, `hourglass`). */
  name?: string;
  /** Where the lines go; stderr (synchronously, so the last lines before an exit are kept) when unset. */
  sink?: (text: string) => void;
}

// Words of the platform's log lines that report something going wrong: such a line is a warning
// (the process carries on: retries, refusals, a failed round), an uncaught failure is an error.
const WARNING =
  /\b(fail(ed|s|ure)?|error|unreachable|refus(ed|es)|denied|timed out|cannot|could not|giving up|lost|dropp(ed|ing)|spooling|retrying)\b/i;
const ERROR = /\b(failed to start|fatal|crash(ed)?|exiting)\b/i;
// `ingest: ...`, `audit: ...`: the component is the word before the first colon.
const COMPONENT = /^([a-z][a-z0-9-]{1,30}):\s/;

const REDACTED = '[REDACTED]';
/**
 * Keys never written as given (in any case), at the top level of the fields or one level down
 * (`headers`, `body`): credentials a call site might pass along with a request or a settings object.
 * Checked here rather than with pino's `redact` paths, which cost more than the rest of a line.
 */
const SECRET_KEYS = new Set([
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'token',
  'secret',
  'accesstoken',
  'refreshtoken',
  'apikey',
]);
const isSecretKey = (key: string) => SECRET_KEYS.has(key.toLowerCase());
// Secrets a line's text may carry: a password in a URL (`postgres://u:pw@host`), a bearer token.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s/@]+@/gi;
const BEARER = /\b(Bearer\s+)[^\s"',;]+/gi;
// Fields every line carries, which the text format leaves out of its `key=value` tail.
const BASE_KEYS = new Set(['level', 'time', 'msg', 'name', 'pid', 'hostname', 'component']);

let logger: Logger = createLogger({ level: 'info' });

function createLogger(settings: LogSettings): Logger {
  const sink = settings.sink;
  const json = sink
    ? { write: (text: string) => sink(text) }
    : pino.destination({ dest: 2, sync: true });
  const stream =
    settings.format === 'text' ? { write: (text: string) => json.write(asText(text)) } : json;
  return pino(
    {
      level: settings.level,
      name: settings.name,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
}

/** A pino JSON line as `time LEVEL msg key=value ...` (values JSON-encoded when not plain). */
function asText(line: string): string {
  const entry = JSON.parse(line) as Record<string, unknown>;
  const extra = Object.entries(entry)
    .filter(([key]) => !BASE_KEYS.has(key))
    .map(([key, value]) => ` ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('');
  const level = String(entry['level']).toUpperCase().padEnd(5);
  return `${String(entry['time'])} ${level} ${String(entry['msg'])}${extra}\n`;
}

/**
 * Sets how the process logs (from HG_LOG_LEVEL and HG_LOG_FORMAT; `runService` calls it once the
 * configuration is read, with the process's name). Unset format = JSON lines, on a terminal too:
 * pipe them through `pino-pretty` or `jq` to read them (README "Logs").
 */
export function configureProcessLog(settings: LogSettings): void {
  logger = createLogger(settings);
}

/** The level a platform log line is reported at (the lines name failures in words). */
export function levelOf(line: string): LogLevel {
  if (ERROR.test(line)) return 'error';
  if (WARNING.test(line)) return 'warn';
  return 'info';
}

/** The fields with the values of secret keys, and of secret keys one level down, replaced. */
function redactFields(fields: LogFields, depth = 0): LogFields {
  let copy: LogFields | undefined;
  for (const [key, value] of Object.entries(fields)) {
    let safe = value;
    if (isSecretKey(key)) safe = REDACTED;
    else if (depth === 0 && value !== null && typeof value === 'object' && !Array.isArray(value))
      safe = redactFields(value as LogFields, 1);
    if (safe !== value) (copy ??= { ...fields })[key] = safe;
  }
  return copy ?? fields;
}

/** The line with URL passwords and bearer tokens written as `[REDACTED]`. */
export function redactLine(line: string): string {
  return line.replace(URL_PASSWORD, `$1${REDACTED}@`).replace(BEARER, `$1${REDACTED}`);
}

/**
 * Writes one log line through pino at `level` (inferred from the line when not given): a JSON object
 * with `level`, `time`, `name` (the process), `pid`, `hostname`, `component` (the word before the
 * line's first colon), `msg` (the whole line, so a search for the text finds it in either format)
 * and the `fields` given; secrets among the fields, URL passwords and bearer tokens in the line are
 * written as `[REDACTED]`. Lines below
 * HG_LOG_LEVEL are dropped.
 */
export function processLog(
  line: string,
  level: LogLevel = levelOf(line),
  fields?: LogFields,
): void {
  if (!logger.isLevelEnabled(level)) return;
  const component = COMPONENT.exec(line)?.[1];
  const safe = fields ? redactFields(fields) : undefined;
  logger[level](component ? { component, ...safe } : { ...safe }, redactLine(line));
}
