import {
  BILLING_EXPORT_KINDS,
  billingExportRequest,
  downloadBillingExport,
  type FileSaver,
} from './billing-exports';

describe('billingExportRequest', () => {
  it("names each kind's API path and file", () => {
    expect(BILLING_EXPORT_KINDS.map((k) => billingExportRequest('acme-c', '2025-01', k))).toEqual([
      {
        path: '/api/contracts/acme-c/billing-records/2025-01/statement',
        filename: 'acme-c-2025-01-statement.md',
      },
      {
        path: '/api/contracts/acme-c/billing-records/2025-01?format=csv',
        filename: 'acme-c-2025-01-lines.csv',
      },
      {
        path: '/api/contracts/acme-c/billing-records/2025-01',
        filename: 'acme-c-2025-01-record.json',
      },
    ]);
  });

  it('encodes the contract id in the path and keeps the file name plain', () => {
    expect(billingExportRequest('a/b c', '2025-02', 'csv')).toEqual({
      path: '/api/contracts/a%2Fb%20c/billing-records/2025-02?format=csv',
      filename: 'a_b_c-2025-02-lines.csv',
    });
  });
});

describe('downloadBillingExport', () => {
  const saver = () => {
    const saved: Array<[Blob, string]> = [];
    const sut: FileSaver = { save: (blob, name) => saved.push([blob, name]) };
    return { sut, saved };
  };

  it('fetches the export with the client and saves the blob under its file name', async () => {
    const blob = new Blob(['# statement']);
    const paths: string[] = [];
    const { sut, saved } = saver();
    const name = await downloadBillingExport(
      async (p) => {
        paths.push(p);
        return blob;
      },
      sut,
      'acme-c',
      '2025-01',
      'statement',
    );
    expect(paths).toEqual(['/api/contracts/acme-c/billing-records/2025-01/statement']);
    expect(saved).toEqual([[blob, 'acme-c-2025-01-statement.md']]);
    expect(name).toBe('acme-c-2025-01-statement.md');
  });

  it('saves nothing when the fetch fails', async () => {
    const { sut, saved } = saver();
    await expect(
      downloadBillingExport(
        () => Promise.reject(new Error('no record for 2025-01')),
        sut,
        'acme-c',
        '2025-01',
        'csv',
      ),
    ).rejects.toThrow('no record for 2025-01');
    expect(saved).toEqual([]);
  });
});
