import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import type { FailureCode, FailureCodeLevel } from './failure-report';

/** A part of an asset type's bill of materials for one component. */
export interface BillOfMaterialsLine {
  component: string;
  partNumber: string;
  description: string;
  quantity: number;
  /** Decimal string, 2 decimals. */
  unitCost: string;
}

const LEVEL_ORDER = `case level when 'COMPONENT' then 0 when 'PROBLEM' then 1 when 'CAUSE' then 2 else 3 end`;

/** Failure-code hierarchies and bills of materials per asset type (provider-wide settings). */
export class FailureCodeRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** An asset type's failure codes, components first then level by level. */
  async list(assetType: string, tx: SqlExecutor = this.db): Promise<FailureCode[]> {
    const rows = await tx.query<Record<string, unknown>>(
      `select * from failure_codes where asset_type = $1 order by ${LEVEL_ORDER}, code`,
      [assetType],
    );
    return rows.map((r) => ({
      code: String(r.code),
      level: r.level as FailureCodeLevel,
      parent: (r.parent as string | null) ?? null,
      description: String(r.description),
    }));
  }

  /** Replaces an asset type's hierarchy (checked by `hierarchyProblem` first); reports keep the codes they name. */
  async replace(assetType: string, codes: readonly FailureCode[]): Promise<FailureCode[]> {
    await this.db.transaction(async (tx) => {
      await tx.query('delete from failure_codes where asset_type = $1', [assetType]);
      for (const c of codes) {
        await tx.query(
          'insert into failure_codes (asset_type, code, level, parent, description) values ($1, $2, $3, $4, $5)',
          [assetType, c.code, c.level, c.parent, c.description],
        );
      }
    });
    return this.list(assetType);
  }

  /** The bill of materials of an asset type's component (empty when none is defined). */
  async billOfMaterials(assetType: string, component: string): Promise<BillOfMaterialsLine[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      'select * from bill_of_materials where asset_type = $1 and component = $2 order by part_number',
      [assetType, component],
    );
    return rows.map((r) => ({
      component: String(r.component),
      partNumber: String(r.part_number),
      description: String(r.description),
      quantity: Number(r.quantity),
      unitCost: String(r.unit_cost),
    }));
  }
}
