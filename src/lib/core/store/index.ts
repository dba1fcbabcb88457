export { openPatchbayDb, type PatchbayDb, type OpenOptions } from './open-db.ts';
export { migrations, type Migration } from './migrations.ts';
export { settingsRepo, defaultSettings } from './settings-repo.ts';
export { settingsSecrets } from './settings-secrets.ts';
export { environmentsRepo, tasksRepo, attemptsRepo, recordsRepo } from './records-repo.ts';
export { eventsRepo, type NewAttemptEvent } from './events-repo.ts';
export { snapshotsRepo, type SnapshotsRepo } from './snapshots-repo.ts';
export { newId } from './ids.ts';
export type * from './schema.ts';
