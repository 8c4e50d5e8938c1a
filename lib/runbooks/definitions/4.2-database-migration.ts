import { defineRunbook, manual, section } from "./common";

const PSQL = "kubectl exec -n phoenix-system deployment/postgres -- psql -U phoenix -d phoenix";

export const databaseMigration = defineRunbook({
  id: "4.2-database-migration",
  number: "4.2",
  section: section(4),
  title: "Database Migration",
  purpose: "Apply schema changes.",
  steps: [
    manual("backup", "Backup database first", "./scripts/backup-database.sh", "Follow runbook 4.1 first."),
    manual("status", "Check migration status", `${PSQL} -c "SELECT * FROM schema_migrations ORDER BY version DESC LIMIT 10;"`, "Note the latest applied version."),
    manual("staging", "Test migration in staging", "kubectl exec -n phoenix-staging deployment/postgres -- psql -U phoenix -d phoenix -f /migrations/new_migration.sql", "Apply it to staging and check the application still works."),
    manual("apply", "Apply migration in production", `${PSQL} -f /migrations/new_migration.sql`, "Apply it to production."),
    manual("verify", "Verify migration", `${PSQL} -c "\\d+ table_name"`, "Check the changed tables."),
    manual("record", "Update migration record", `${PSQL} -c "INSERT INTO schema_migrations (version) VALUES ('…');"`, "Record the new version."),
  ],
});
