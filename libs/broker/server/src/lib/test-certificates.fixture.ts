import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM files made by openssl for a test: a CA, a server certificate for 127.0.0.1, client certificates. */
export class TestCertificates {
  private constructor(readonly dir: string) {}

  /** A fresh CA (EC P-256, valid one day) and a server certificate for 127.0.0.1 signed by it. */
  static create(): TestCertificates {
    const certs = new TestCertificates(mkdtempSync(join(tmpdir(), 'hg-certs-')));
    certs.authority('ca');
    certs.issue(
      'ca',
      'server',
      'localhost',
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
    );
    return certs;
  }

  /** A self-signed CA named `name`. */
  authority(name: string): void {
    this.openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      this.path(`${name}.key`),
      '-out',
      this.path(`${name}.crt`),
      '-subj',
      `/CN=${name}`,
    ]);
  }

  /** A certificate with subject CN `cn`, signed by the CA `ca`, as `<name>.crt` / `<name>.key`. */
  issue(
    ca: string,
    name: string,
    cn: string,
    extensions = 'extendedKeyUsage=clientAuth\n',
  ): { cert: Buffer; key: Buffer } {
    writeFileSync(this.path(`${name}.ext`), extensions);
    this.openssl([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      this.path(`${name}.key`),
      '-out',
      this.path(`${name}.csr`),
      '-subj',
      `/CN=${cn}`,
    ]);
    this.openssl([
      'x509',
      '-req',
      '-in',
      this.path(`${name}.csr`),
      '-CA',
      this.path(`${ca}.crt`),
      '-CAkey',
      this.path(`${ca}.key`),
      '-CAcreateserial',
      '-days',
      '1',
      '-out',
      this.path(`${name}.crt`),
      '-extfile',
      this.path(`${name}.ext`),
    ]);
    return { cert: this.read(`${name}.crt`), key: this.read(`${name}.key`) };
  }

  read(file: string): Buffer {
    return readFileSync(this.path(file));
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { stdio: 'pipe' });
  }
}
