import { adminTokenLine } from './admin-token.banner';

describe(adminTokenLine.name, () => {
  it('prints a generated token', () => {
    expect(adminTokenLine({ HG_ADMIN_TOKEN: 'hg_generated', adminTokenGenerated: true })).toMatch(
      /^hg_generated .*generated/,
    );
  });

  it('never prints a configured token', () => {
    const secret = 'configured-admin-token-0123456789abcdef';
    expect(adminTokenLine({ HG_ADMIN_TOKEN: secret, adminTokenGenerated: false })).not.toContain(
      secret,
    );
  });
});
