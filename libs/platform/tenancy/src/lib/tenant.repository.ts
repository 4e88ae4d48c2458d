/**
 * Runs one statement: platform-sql's `SqlExecutor` (a database or an open transaction) is one.
 * Declared here because this domain lib may not import data access.
 */
export interface TenantStatementRunner {
  query(text: string, params?: readonly unknown[]): Promise<unknown>;
}

/**
 * Creates tenant `tenantId` (named after its id) unless it exists, inside the caller's transaction
 * when `db` is one. The tenants table belongs to this lib: others register tenants through here.
 */
export async function ensureTenant(db: TenantStatementRunner, tenantId: string): Promise<void> {
  await db.query('insert into tenants (id, name) values ($1, $1) on conflict (id) do nothing', [
    tenantId,
  ]);
}
