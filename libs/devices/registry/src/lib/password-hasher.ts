import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** scrypt cost parameters; the defaults take about 50 ms per hash on this class of machine. */
export interface PasswordHasherOptions {
  /** CPU/memory cost, a power of two (default 16384). */
  N?: number;
  r?: number;
  p?: number;
}

/**
 * Slow-KDF password hashing (scrypt, in libuv's thread pool so it does not block the event loop).
 * Stored form: `scrypt$N$r$p$<salt b64>$<hash b64>`, so the cost can be raised without breaking old hashes.
 */
export class PasswordHasher {
  private readonly N: number;
  private readonly r: number;
  private readonly p: number;

  constructor(options: PasswordHasherOptions = {}) {
    this.N = options.N ?? 16_384;
    this.r = options.r ?? 8;
    this.p = options.p ?? 1;
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scrypt(password, salt, 32, { N: this.N, r: this.r, p: this.p, maxmem: 256 * this.N * this.r });
    return ['scrypt', this.N, this.r, this.p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [alg, n, r, p, saltB64, keyB64] = stored.split('$');
    if (alg !== 'scrypt' || !saltB64 || !keyB64) return false;
    const expected = Buffer.from(keyB64, 'base64');
    const N = Number(n);
    const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
      N,
      r: Number(r),
      p: Number(p),
      maxmem: 256 * N * Number(r),
    });
    return timingSafeEqual(key, expected);
  }

  /** A new random password for a device (192 bits, URL-safe). */
  static generatePassword(): string {
    return randomBytes(24).toString('base64url');
  }
}
