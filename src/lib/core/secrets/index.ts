export { secretMasker, maskCutLine, SECRET_MASK, MIN_SECRET_LENGTH } from './mask.ts';
export { scanForSecrets, type ScanOptions, type SecretHit } from './scan.ts';
export type { SecretKind } from './finding.ts';
export { shannonEntropy } from './entropy.ts';
export { ENTROPY_THRESHOLD, MIN_VALUE_LENGTH } from './assignment-rule.ts';
