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
