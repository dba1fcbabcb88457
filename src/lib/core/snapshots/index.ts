export { snapshotKey, type SnapshotKey, type SnapshotKeyInput } from './key.ts';
export { packFiles, unpackFiles } from './pack.ts';
export {
	evictionOrder,
	formatAge,
	formatBytes,
	judgeSnapshot,
	type SnapshotJudgement
} from './freshness.ts';
export {
	captureSandbox,
	createEnvironmentSnapshots,
	isQuotaError,
	type EnvironmentSnapshots,
	type SnapshotFound,
	type SnapshotSaved,
	type SnapshotStoreOptions
} from './environment-snapshots.ts';
