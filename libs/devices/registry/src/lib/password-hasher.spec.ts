import crypto from 'node:crypto';
import { PasswordHasher } from './password-hasher';

describe(PasswordHasher.name, () => {
  const sut = new PasswordHasher({ N: 1024 });

  it('verifies the password it hashed and rejects others', async () => {
    const stored = await sut.hash('correct horse');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(sut.verify('correct horse', stored)).resolves.toBe(true);
    await expect(sut.verify('correct horsf', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await sut.hash('same')).not.toEqual(await sut.hash('same'));
  });

  it('refuses a stored value of another format', async () => {
    await expect(sut.verify('x', 'plain$text')).resolves.toBe(false);
  });

  it('generates long random passwords', () => {
    const a = PasswordHasher.generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a).not.toEqual(PasswordHasher.generatePassword());
  });
});

describe(`${PasswordHasher.name} for generated secrets`, () => {
  const sut = new PasswordHasher();
  const secret = PasswordHasher.generatePassword();

  afterEach(() => jest.restoreAllMocks());

  it('stores the fast form, salted, and verifies it without scrypt', async () => {
    const scrypt = jest.spyOn(crypto, 'scrypt');
    const stored = sut.hashSecret(secret);
    expect(stored).toMatch(/^hmac-sha256\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(sut.hashSecret(secret)).not.toEqual(stored);
    await expect(sut.verifySecret(secret, stored)).resolves.toEqual({
      valid: true,
      upgrade: false,
    });
    await expect(sut.verify(secret, stored)).resolves.toBe(true);
    expect(scrypt).not.toHaveBeenCalled();
  });

  it('refuses a wrong secret and a tampered stored value', async () => {
    const stored = sut.hashSecret(secret);
    const other = PasswordHasher.generatePassword();
    await expect(sut.verifySecret(other, stored)).resolves.toEqual({
      valid: false,
      upgrade: false,
    });
    await expect(sut.verify(`${secret}x`, stored)).resolves.toBe(false);
    await expect(sut.verify(secret, `${stored.slice(0, -4)}AAA=`)).resolves.toBe(false);
    await expect(sut.verify(secret, `${stored}$more`)).resolves.toBe(false);
    await expect(sut.verify(secret, 'hmac-sha256$$')).resolves.toBe(false);
  });

  it('compares MACs in constant time', async () => {
    const compare = jest.spyOn(crypto, 'timingSafeEqual');
    const stored = sut.hashSecret(secret);
    await sut.verify(PasswordHasher.generatePassword(), stored);
    await sut.verify(secret, stored);
    expect(compare).toHaveBeenCalledTimes(2);
  });

  it('keeps a legacy scrypt hash verifiable and flags it for upgrade', async () => {
    const legacy = await new PasswordHasher({ N: 1024 }).hash(secret);
    await expect(sut.verifySecret(secret, legacy)).resolves.toEqual({ valid: true, upgrade: true });
    await expect(sut.verifySecret(PasswordHasher.generatePassword(), legacy)).resolves.toEqual({
      valid: false,
      upgrade: false,
    });
  });

  it('keeps a short (person-chosen) password on scrypt: no fast form, no upgrade', async () => {
    expect(() => sut.hashSecret('correct horse')).toThrow(RangeError);
    const stored = await new PasswordHasher({ N: 1024 }).hash('correct horse');
    await expect(sut.verifySecret('correct horse', stored)).resolves.toEqual({
      valid: true,
      upgrade: false,
    });
  });
});
