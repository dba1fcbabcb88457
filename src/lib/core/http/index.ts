export { AppError, isAbortError } from './app-error.ts';
export { diagnoseNetworkFailure, hostOf } from './diagnose.ts';
export { checkHttpUrl } from './check-url.ts';
