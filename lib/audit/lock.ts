// One advisory lock serialises every write to the audit chain and its checkpoints, across replicas.
export const AUDIT_LOCK_KEY = 72_707_002;
