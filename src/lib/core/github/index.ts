export { checkGitHubToken, type GitHubEndpoint, type TokenCheck } from './check-token.ts';
