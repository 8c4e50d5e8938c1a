import { defineRunbook, manual, section } from "./common";

export const databaseBackup = defineRunbook({
  id: "4.1-database-backup",
  number: "4.1",
  section: section(4),
  title: "Database Backup",
  purpose: "Manual backup before major changes.",
  steps: [
    manual("dump", "Create backup", "kubectl exec -n phoenix-system deployment/postgres -- pg_dump -U phoenix -d phoenix -Fc > $BACKUP_NAME.dump", "Run pg_dump against the Phoenix database (the console needs exec for this today)."),
    manual("verify", "Verify backup", "pg_restore -l $BACKUP_NAME.dump | head -20", "List the dump's contents and check the tables are there."),
    manual("upload", "Upload to S3", "aws s3 cp $BACKUP_NAME.dump s3://phoenix-backups/manual/$BACKUP_NAME.dump", "Copy the dump to the backup bucket."),
    manual("record", "Create backup record", "cat <<EOF | kubectl apply -f -\nkind: ConfigMap\nmetadata: { name: backup-$TIMESTAMP, namespace: phoenix-system }\n…", "Record the backup's name, size, author and reason in a ConfigMap."),
  ],
});
