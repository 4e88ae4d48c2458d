import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost of new hashes (README "Passwords"); stored in each hash, so raising it later keeps old ones valid. */
export interface PasswordHashOptions {
  /** CPU/memory cost, a power of two (default 2^15: ~50 ms and 32 MiB per hash). */
  N: number;
  /** Block size (default 8). */
  r: number;
  /** Parallelisation (default 1). */
  p: number;
}

export const DEFAULT_PASSWORD_HASH: Readonly<PasswordHashOptions> = Object.freeze({
  N: 2 ** 15,
  r: 8,
  p: 1,
});

/** Shortest and longest password accepted (README "Passwords"). */
export const PASSWORD_LENGTH = Object.freeze({ min: 10, max: 256 });

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, o: PasswordHashOptions): Promise<Buffer> {
  const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Hashes user passwords with scrypt and a random salt per hash, in the form
 * `scrypt$N$r$p$salt$key` (base64url), and checks a password against such a hash in constant time.
 * Runs on libuv's thread pool, so a sign-in does not block the event loop.
 */
export class PasswordHasher {
  private readonly options: PasswordHashOptions;

  constructor(options: Partial<PasswordHashOptions> = {}) {
    this.options = { ...DEFAULT_PASSWORD_HASH, ...options };
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.options);
    const { N, r, p } = this.options;
    return [PREFIX, N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  /** Whether `password` is the one `stored` was made from; false for a malformed hash. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== PREFIX) return false;
    const [N, r, p] = parts.slice(1, 4).map(Number);
    if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return false;
    const expected = Buffer.from(parts[5], 'base64url');
    const key = await derive(password, Buffer.from(parts[4], 'base64url'), { N, r, p });
    return key.length === expected.length && timingSafeEqual(key, expected);
  }

  /**
   * Spends the time of one verification for nothing, so an unknown user name answers as slowly as
   * a wrong password (the timing would tell which names exist).
   */
  async waste(password: string): Promise<void> {
    await derive(password, Buffer.alloc(SALT_BYTES), this.options);
  }
}
