export { secretMasker, SECRET_MASK, MIN_SECRET_LENGTH } from './mask.ts';
