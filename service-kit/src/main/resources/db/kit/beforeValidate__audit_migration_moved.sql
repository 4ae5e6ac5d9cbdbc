-- The audit table was once created by a migration of each service's own (its version is the
-- placeholder auditMigrationVersion: grid 8, dispatch 7, case 11); it is now R__audit_entry.sql
-- here. A database that ran the old migration keeps its row in the schema history, and validation
-- would refuse to start on a migration applied but no longer present. What Flyway's repair does for
-- a removed migration is done here for this one alone, once: a DELETE row marks it removed, with
-- the checksum it was applied with, so the history keeps what ran and no checksum changes.
do $$
begin
    if to_regclass('${flyway:table}') is not null then
        insert into ${flyway:table}
            (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
        select (select max(installed_rank) + 1 from ${flyway:table}), applied.version, applied.description,
               'DELETE', applied.script, applied.checksum, current_user, 0, true
          from ${flyway:table} applied
         where applied.version = '${auditMigrationVersion}' and applied.description = 'audit'
           and applied.type = 'SQL' and applied.success
           and not exists (select 1 from ${flyway:table} marked
                            where marked.version = applied.version and marked.type = 'DELETE');
    end if;
end
$$;
