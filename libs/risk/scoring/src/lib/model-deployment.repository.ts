import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';

/** Where a model version serves: `active` scores and raises tasks, `shadow` only scores beside it. */
export type ModelSlot = 'active' | 'shadow';

/** A registry version: its folder name and `name@hash` version. */
export interface ModelRef {
  name: string;
  version: string;
}

/** The version in a slot, with who put it there and when. */
export interface DeployedModel extends ModelRef {
  changedBy: string;
  changedAt: string;
}

/** What the slots hold now; `active: null` means nobody promoted anything yet (the default serves). */
export interface ModelDeployments {
  active: DeployedModel | null;
  shadow: DeployedModel | null;
}

export type DeploymentAction = 'PROMOTE' | 'ROLLBACK' | 'SHADOW' | 'UNSHADOW';

/** One change of a slot, as audited. */
export interface DeploymentAuditEntry {
  id: number;
  action: DeploymentAction;
  slot: ModelSlot;
  from: ModelRef | null;
  to: ModelRef | null;
  actor: string;
  at: string;
}

/** A deployment change that cannot be made; `code` maps to an HTTP status at the edge. */
export class ModelDeploymentError extends Error {
  constructor(
    readonly code: 'MODEL_NOT_FOUND' | 'MODEL_CONFLICT',
    message: string,
  ) {
    super(message);
    this.name = 'ModelDeploymentError';
  }
}

// Arbitrary constant: serialises deployment changes across API processes on one PostgreSQL.
const DEPLOYMENT_LOCK_KEY = 7_204_312;

const ref = (name: unknown, version: unknown): ModelRef | null =>
  name === null || name === undefined ? null : { name: String(name), version: String(version) };

/**
 * The active and shadow model versions in SQL, so every replica and every restart sees the same
 * ones, with an append-only audit of who changed what when. Changes run under an advisory lock.
 */
export class ModelDeploymentRepository {
  constructor(private readonly db: SqlDatabase) {}

  async current(): Promise<ModelDeployments> {
    return readSlots(this.db);
  }

  /**
   * Makes `to` the active version. `implicit` is the version serving while no row exists (the
   * default), recorded as what was replaced so that a rollback can return to it.
   */
  async promote(to: ModelRef, actor: string, implicit: ModelRef | null): Promise<ModelDeployments> {
    return this.change(async (tx, slots) => {
      const from = slots.active ?? implicit;
      await setSlot(tx, 'active', to, actor);
      await audit(tx, 'PROMOTE', 'active', from, to, actor);
      if (slots.shadow?.version === to.version) {
        await clearSlot(tx, 'shadow');
        await audit(tx, 'UNSHADOW', 'shadow', slots.shadow, null, actor);
      }
    });
  }

  /** Returns to the version the current active one replaced when it was promoted. */
  async rollback(actor: string): Promise<ModelDeployments> {
    return this.change(async (tx, slots) => {
      const active = slots.active;
      if (!active)
        throw new ModelDeploymentError(
          'MODEL_CONFLICT',
          'no model was promoted: nothing to roll back',
        );
      const [promoted] = await tx.query<Record<string, unknown>>(
        `select from_name, from_version from model_deployment_audit
         where slot = 'active' and action = 'PROMOTE' and to_version = $1 and from_name is not null
         order by id desc limit 1`,
        [active.version],
      );
      const previous = promoted ? ref(promoted['from_name'], promoted['from_version']) : null;
      if (!previous || previous.version === active.version) {
        throw new ModelDeploymentError(
          'MODEL_CONFLICT',
          `no version was active before ${active.version}`,
        );
      }
      await setSlot(tx, 'active', previous, actor);
      await audit(tx, 'ROLLBACK', 'active', active, previous, actor);
      if (slots.shadow?.version === previous.version) {
        await clearSlot(tx, 'shadow');
        await audit(tx, 'UNSHADOW', 'shadow', slots.shadow, null, actor);
      }
    });
  }

  /** Scores `to` in shadow beside the active version (replacing any other challenger). */
  async setShadow(
    to: ModelRef,
    actor: string,
    implicit: ModelRef | null,
  ): Promise<ModelDeployments> {
    return this.change(async (tx, slots) => {
      if ((slots.active ?? implicit)?.version === to.version) {
        throw new ModelDeploymentError('MODEL_CONFLICT', `${to.version} is the active version`);
      }
      await setSlot(tx, 'shadow', to, actor);
      await audit(tx, 'SHADOW', 'shadow', slots.shadow, to, actor);
    });
  }

  /** Stops shadow scoring; false when there was none. */
  async clearShadow(actor: string): Promise<boolean> {
    let cleared = false;
    await this.change(async (tx, slots) => {
      if (!slots.shadow) return;
      await clearSlot(tx, 'shadow');
      await audit(tx, 'UNSHADOW', 'shadow', slots.shadow, null, actor);
      cleared = true;
    });
    return cleared;
  }

  /** The audit, newest first. */
  async history(limit = 100): Promise<DeploymentAuditEntry[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      'select * from model_deployment_audit order by id desc limit $1',
      [limit],
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      action: r['action'] as DeploymentAction,
      slot: r['slot'] as ModelSlot,
      from: ref(r['from_name'], r['from_version']),
      to: ref(r['to_name'], r['to_version']),
      actor: String(r['actor']),
      at: new Date(r['at'] as Date).toISOString(),
    }));
  }

  private async change(
    work: (tx: SqlExecutor, slots: ModelDeployments) => Promise<void>,
  ): Promise<ModelDeployments> {
    await this.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [DEPLOYMENT_LOCK_KEY]);
      await work(tx, await readSlots(tx));
    });
    return this.current();
  }
}

async function readSlots(db: SqlExecutor): Promise<ModelDeployments> {
  const rows = await db.query<Record<string, unknown>>('select * from model_deployments');
  const slots: ModelDeployments = { active: null, shadow: null };
  for (const r of rows) {
    slots[r['slot'] as ModelSlot] = {
      name: String(r['name']),
      version: String(r['version']),
      changedBy: String(r['changed_by']),
      changedAt: new Date(r['changed_at'] as Date).toISOString(),
    };
  }
  return slots;
}

async function setSlot(
  tx: SqlExecutor,
  slot: ModelSlot,
  to: ModelRef,
  actor: string,
): Promise<void> {
  await tx.query(
    `insert into model_deployments (slot, name, version, changed_by, changed_at) values ($1, $2, $3, $4, now())
     on conflict (slot) do update set name = excluded.name, version = excluded.version,
       changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
    [slot, to.name, to.version, actor],
  );
}

async function clearSlot(tx: SqlExecutor, slot: ModelSlot): Promise<void> {
  await tx.query('delete from model_deployments where slot = $1', [slot]);
}

async function audit(
  tx: SqlExecutor,
  action: DeploymentAction,
  slot: ModelSlot,
  from: ModelRef | null,
  to: ModelRef | null,
  actor: string,
): Promise<void> {
  await tx.query(
    `insert into model_deployment_audit (action, slot, from_name, from_version, to_name, to_version, actor)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      action,
      slot,
      from?.name ?? null,
      from?.version ?? null,
      to?.name ?? null,
      to?.version ?? null,
      actor,
    ],
  );
}
