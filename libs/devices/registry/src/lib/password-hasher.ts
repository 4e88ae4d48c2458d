import {
  createHmac,
  randomBytes,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** Prefix of the fast form for platform-generated secrets. */
const SECRET_ALG = 'hmac-sha256';
/** 32 base64url characters = 192 bits, the length of {@link PasswordHasher.generatePassword}. */
const MIN_SECRET_LENGTH = 32;

/** scrypt cost parameters; the defaults take about 50 ms per hash on this class of machine. */
export interface PasswordHasherOptions {
  /** CPU/memory cost, a power of two (default 16384). */
  N?: number;
  r?: number;
  p?: number;
}

/** The outcome of {@link PasswordHasher.verifySecret}. */
export interface SecretVerification {
  valid: boolean;
  /** Valid, but stored in a slow legacy form: store {@link PasswordHasher.hashSecret} of the secret instead. */
  upgrade: boolean;
}

/**
 * Hashing of credentials, in two stored forms told apart by their prefix:
 * - `scrypt$N$r$p$<salt b64>$<hash b64>` for passwords a person chose (a slow KDF, in libuv's thread
 *   pool so it does not block the event loop; the cost is stored, so it can be raised later);
 * - `hmac-sha256$<salt b64>$<mac b64>` for secrets the platform generated (192 random bits): guessing
 *   one is out of reach however fast each try is, so a slow KDF would only slow every login (a fleet
 *   reconnecting after a broker restart) without protecting anything.
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

  /** The slow (scrypt) form, for a password a person chose. */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scrypt(password, salt, 32, {
      N: this.N,
      r: this.r,
      p: this.p,
      maxmem: 256 * this.N * this.r,
    });
    return ['scrypt', this.N, this.r, this.p, salt.toString('base64'), key.toString('base64')].join(
      '$',
    );
  }

  /**
   * The fast form (HMAC-SHA256 keyed with a per-credential random salt), only for high-entropy
   * secrets the platform generated: throws for anything shorter than 192 bits' worth of base64url.
   */
  hashSecret(secret: string): string {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new RangeError(
        `hashSecret is for generated secrets of at least ${MIN_SECRET_LENGTH} characters`,
      );
    }
    const salt = randomBytes(16);
    return [SECRET_ALG, salt.toString('base64'), mac(secret, salt).toString('base64')].join('$');
  }

  /** Checks a password or secret against either stored form, in constant time. */
  async verify(password: string, stored: string): Promise<boolean> {
    const alg = stored.slice(0, stored.indexOf('$'));
    if (alg === SECRET_ALG) return verifyMac(password, stored);
    if (alg === 'scrypt') return this.verifyScrypt(password, stored);
    return false;
  }

  /** {@link verify} for a generated secret, telling whether its stored form should be upgraded. */
  async verifySecret(secret: string, stored: string): Promise<SecretVerification> {
    const valid = await this.verify(secret, stored);
    const legacy = !stored.startsWith(`${SECRET_ALG}$`);
    return { valid, upgrade: valid && legacy && secret.length >= MIN_SECRET_LENGTH };
  }

  /** A new random password for a device (192 bits, URL-safe). */
  static generatePassword(): string {
    return randomBytes(24).toString('base64url');
  }

  private async verifyScrypt(password: string, stored: string): Promise<boolean> {
    const [, n, r, p, saltB64, keyB64] = stored.split('$');
    if (!saltB64 || !keyB64) return false;
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
}

function mac(secret: string, salt: Buffer): Buffer {
  return createHmac('sha256', salt).update(secret, 'utf8').digest();
}

function verifyMac(secret: string, stored: string): boolean {
  const [, saltB64, macB64, extra] = stored.split('$');
  if (!saltB64 || !macB64 || extra !== undefined) return false;
  const expected = Buffer.from(macB64, 'base64');
  const actual = mac(secret, Buffer.from(saltB64, 'base64'));
  // timingSafeEqual throws on different lengths; the length of a stored MAC is no secret.
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}
