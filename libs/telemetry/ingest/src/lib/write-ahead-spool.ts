import { mkdirSync, readdirSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { TelemetrySample } from '@hourglass/telemetry-schema';

/** One spooled batch. */
export interface SpooledBatch {
  id: string;
  samples: TelemetrySample[];
}

/** Limits of the spool; each has a documented default. */
export interface WriteAheadSpoolOptions {
  /** Samples the spool may hold before it refuses more (back-pressure), default 20 million. */
  maxSamples: number;
}

const DEFAULTS: WriteAheadSpoolOptions = { maxSamples: 20_000_000 };

/**
 * A local write-ahead spool for telemetry the store cannot take right now. Each batch is one file,
 * written to a temporary name, fsynced and renamed, so after a crash a batch is either whole or
 * absent; batches are replayed oldest first. Writes are idempotent downstream (points are keyed
 * by device and timestamp), so a batch replayed twice after a crash does no harm.
 */
export class WriteAheadSpool {
  private next = 0;
  private samples = 0;
  private readonly files: string[] = [];
  private readonly counts = new Map<string, number>();
  private readonly options: WriteAheadSpoolOptions;

  private constructor(
    private readonly dir: string,
    options: Partial<WriteAheadSpoolOptions>,
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Opens (creating) the spool directory and finds the batches a previous process left. */
  static async open(
    dir: string,
    options: Partial<WriteAheadSpoolOptions> = {},
  ): Promise<WriteAheadSpool> {
    mkdirSync(dir, { recursive: true });
    const spool = new WriteAheadSpool(dir, options);
    const names = readdirSync(dir)
      .filter((n) => n.endsWith('.batch'))
      .sort();
    for (const name of names) {
      const count = (await spool.read(name)).length;
      spool.files.push(name);
      spool.counts.set(name, count);
      spool.samples += count;
    }
    spool.next = names.length ? Number.parseInt(names[names.length - 1], 10) + 1 : 0;
    for (const stale of readdirSync(dir).filter((n) => n.endsWith('.tmp')))
      await unlink(join(dir, stale));
    return spool;
  }

  /** Samples held. */
  get size(): number {
    return this.samples;
  }

  get batches(): number {
    return this.files.length;
  }

  /** Whether `n` more samples fit. */
  hasRoom(n: number): boolean {
    return this.samples + n <= this.options.maxSamples;
  }

  /** Durably appends a batch; resolves once it is on disk. */
  async append(samples: readonly TelemetrySample[]): Promise<void> {
    const name = `${String(this.next++).padStart(16, '0')}.batch`;
    const tmp = join(this.dir, `${name}.tmp`);
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(samples.map((s) => JSON.stringify(s)).join('\n'));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, join(this.dir, name));
    await this.syncDir();
    this.files.push(name);
    this.counts.set(name, samples.length);
    this.samples += samples.length;
  }

  /** The oldest batch, or null when the spool is empty. */
  async oldest(): Promise<SpooledBatch | null> {
    const name = this.files[0];
    return name ? { id: name, samples: await this.read(name) } : null;
  }

  /** Removes a batch once the store holds it. */
  async remove(id: string): Promise<void> {
    await unlink(join(this.dir, id));
    const i = this.files.indexOf(id);
    if (i >= 0) this.files.splice(i, 1);
    this.samples -= this.counts.get(id) ?? 0;
    this.counts.delete(id);
  }

  private async read(name: string): Promise<TelemetrySample[]> {
    const text = await readFile(join(this.dir, name), 'utf8');
    return text ? text.split('\n').map((line) => JSON.parse(line) as TelemetrySample) : [];
  }

  private async syncDir(): Promise<void> {
    // The rename is durable only once the directory entry is.
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
