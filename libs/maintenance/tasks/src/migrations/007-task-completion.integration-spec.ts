import { migrate } from '@hourglass/platform-sql';
import { allMigrations, forEachSqlBackend, migrationsBefore } from '@hourglass/testing-sql';
import { taskCompletionSchema } from './007-task-completion';

// Tasks stored before migration 007 get a completion time only when they are DONE.
forEachSqlBackend(
  'task-completion migration',
  (db) => {
    it('backfills completed_at with updated_at for DONE tasks and leaves the others null', async () => {
      await db().query(`insert into tenants (id, name) values ('acme', 'Acme')`);
      await db().query(
        `insert into devices (id, tenant_id, type, username, password_hash) values ('m-1', 'acme', 't', 'm-1', 'x')`,
      );
      await db().query(
        `insert into assets (id, tenant_id, device_id, type) values ('m-1', 'acme', 'm-1', 't')`,
      );
      const tasks = [
        ['done', 'DONE'],
        ['open', 'OPEN'],
        ['cancelled', 'CANCELLED'],
      ];
      for (const [id, status] of tasks) {
        await db().query(
          `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, updated_at)
         values ($1, 'acme', 'm-1', $1, $2, 'HIGH', 1, 0.9, 'm@1', now(), '2026-03-04T05:06:07Z')`,
          [id, status],
        );
      }
      const all = allMigrations();
      const later = all
        .filter((m) => m.version >= taskCompletionSchema.version)
        .map((m) => m.version);
      expect(await migrate(db(), all)).toEqual(later);
      const rows = await db().query<{ id: string; completed_at: Date | null }>(
        'select id, completed_at from tasks order by id',
      );
      expect(rows).toEqual([
        { id: 'cancelled', completed_at: null },
        { id: 'done', completed_at: new Date('2026-03-04T05:06:07Z') },
        { id: 'open', completed_at: null },
      ]);
    });
  },
  migrationsBefore(taskCompletionSchema.version),
);
