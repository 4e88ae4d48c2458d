import { PasswordHasher } from './password-hasher';

describe(PasswordHasher.name, () => {
  // Low cost keeps the unit tier fast; the format and salt handling are the same at any cost.
  const sut = new PasswordHasher({ N: 1024 });

  it('verifies the password a hash was made from and refuses any other', async () => {
    const stored = await sut.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await sut.verify('correct horse battery', stored)).toBe(true);
    expect(await sut.verify('correct horse batterz', stored)).toBe(false);
    expect(await sut.verify('', stored)).toBe(false);
  });

  it('salts each hash anew, so one password gives different hashes', async () => {
    const [a, b] = await Promise.all([sut.hash('same password'), sut.hash('same password')]);
    expect(a).not.toBe(b);
    expect(await sut.verify('same password', a)).toBe(true);
    expect(await sut.verify('same password', b)).toBe(true);
  });

  it('reads the cost from the hash, so hashes made at another cost still verify', async () => {
    const old = await new PasswordHasher({ N: 512, r: 4 }).hash('older password');
    expect(await sut.verify('older password', old)).toBe(true);
  });

  it('treats a malformed or foreign hash as no match', async () => {
    for (const stored of ['', 'x', 'bcrypt$1$2$3$4$5', 'scrypt$abc$8$1$AAAA$BBBB']) {
      expect(await sut.verify('whatever', stored)).toBe(false);
    }
  });

  it('normalises the password (NFC), so a composed and a decomposed é are one password', async () => {
    const stored = await sut.hash('caf\u00e9-au-lait');
    expect(await sut.verify('cafe\u0301-au-lait', stored)).toBe(true);
  });
});
