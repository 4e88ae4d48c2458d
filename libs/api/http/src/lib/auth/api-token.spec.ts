import { createHash } from 'node:crypto';
import { USER_TOKEN_PREFIX, generateUserToken, hashToken, secretsEqual } from './api-token';

describe(generateUserToken.name, () => {
  it('issues distinct prefixed tokens of 256 random bits', () => {
    const tokens = new Set(Array.from({ length: 100 }, generateUserToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token.startsWith(USER_TOKEN_PREFIX)).toBe(true);
      expect(Buffer.from(token.slice(USER_TOKEN_PREFIX.length), 'base64url')).toHaveLength(32);
    }
  });

  it('keeps only the SHA-256 hex of a token, and compares secrets of any length', () => {
    expect(hashToken('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(hashToken('abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(secretsEqual('same-secret', 'same-secret')).toBe(true);
    expect(secretsEqual('same-secret', 'same-secreT')).toBe(false);
    expect(secretsEqual('short', 'a much longer secret')).toBe(false);
  });
});
