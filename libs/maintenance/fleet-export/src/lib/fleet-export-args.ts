import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import type { TelemetryResolution } from '@hourglass/telemetry-store';
import type { ExportFormat } from './export-files.writer';
import { FleetExportError } from './fleet-export-errors';
import type { FleetExportOptions } from './fleet-export.service';

/** Usage of `npm run fleet:export`. */
export const FLEET_EXPORT_USAGE =
  'npm run fleet:export -- --out DIR [--from ISO] [--to ISO] [--assets a,b] [--type T] [--tenant T]\n' +
  '  [--metrics m1,m2] [--resolution raw|1m|1h] [--format jsonl|csv] [--page-size 10000]';

const FLAGS = [
  'out',
  'from',
  'to',
  'assets',
  'type',
  'tenant',
  'metrics',
  'resolution',
  'format',
  'page-size',
];
const RESOLUTIONS: readonly TelemetryResolution[] = ['raw', '1m', '1h'];
const FORMATS: readonly ExportFormat[] = ['jsonl', 'csv'];

/**
 * Parses the command line of `npm run fleet:export` (`--name value` or `--name=value`) into
 * export options; without `--tenant` the export covers every tenant.
 *
 * @throws FleetExportError `INVALID_ARGUMENT` naming the flag.
 */
export function parseFleetExportArgs(
  argv: readonly string[],
): Omit<FleetExportOptions, 'onProgress' | 'now'> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) invalid(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!FLAGS.includes(name)) invalid(`unknown option --${name}`);
    const value =
      inline ?? (i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[++i] : undefined);
    if (value === undefined || value.trim() === '') invalid(`--${name} needs a value`);
    flags.set(name, value.trim());
  }
  const out = flags.get('out');
  if (!out) invalid('--out DIR is required');
  const tenant = flags.get('tenant');
  const resolution = oneOf(flags, 'resolution', RESOLUTIONS);
  const format = oneOf(flags, 'format', FORMATS);
  const pageSize = flags.get('page-size');
  const options: Omit<FleetExportOptions, 'onProgress' | 'now'> = {
    outDir: out,
    scope: tenant ? tenantScope(tenant) : PROVIDER_SCOPE,
    ...(flags.has('from') ? { from: instant(flags, 'from') } : {}),
    ...(flags.has('to') ? { to: instant(flags, 'to') } : {}),
    ...(flags.has('assets') ? { assets: list(flags, 'assets') } : {}),
    ...(flags.has('metrics') ? { metrics: list(flags, 'metrics') } : {}),
    ...(flags.has('type') ? { type: flags.get('type') } : {}),
    ...(resolution ? { resolution } : {}),
    ...(format ? { format } : {}),
  };
  if (pageSize !== undefined) {
    const n = Number(pageSize);
    if (!Number.isInteger(n) || n < 1)
      invalid(`--page-size must be a positive integer, got "${pageSize}"`);
    options.pageSize = n;
  }
  if (options.from !== undefined && options.to !== undefined && options.from >= options.to) {
    invalid(`--from ${flags.get('from')} is not before --to ${flags.get('to')}`);
  }
  return options;
}

/** RFC 3339 (a date alone is midnight UTC) or epoch milliseconds. */
function instant(flags: Map<string, string>, name: string): number {
  const raw = flags.get(name) as string;
  const ms = /^\d+$/.test(raw)
    ? Number(raw)
    : /^\d{4}-\d{2}-\d{2}/.test(raw)
      ? Date.parse(raw)
      : NaN;
  if (!Number.isFinite(ms))
    invalid(`--${name} must be an RFC 3339 time (2026-01-31T00:00:00Z) or epoch ms, got "${raw}"`);
  return ms;
}

function list(flags: Map<string, string>, name: string): string[] {
  const items = (flags.get(name) as string)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) invalid(`--${name} needs at least one name`);
  return items;
}

function oneOf<T extends string>(
  flags: Map<string, string>,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = flags.get(name);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw))
    invalid(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

function invalid(message: string): never {
  throw new FleetExportError('INVALID_ARGUMENT', message);
}
