import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of user tokens: tells them apart from the admin token in logs and secret scanners. */
export const USER_TOKEN_PREFIX = 'hgu_';

/** A new user bearer token: the prefix and 32 random bytes (256 bits), base64url. */
export function generateUserToken(): string {
  return USER_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a token, hex: what the database keeps. A fast hash is enough here (unlike passwords)
 * because the secret is 256 random bits, so there is nothing to guess; looking a token up by its
 * hash also means the comparison never runs over the secret itself.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time equality of two secrets of any length (compares their SHA-256 digests). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
