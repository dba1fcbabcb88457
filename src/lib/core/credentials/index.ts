export {
	credentialFor,
	credentialsOf,
	decideCredential,
	githubAuthorization,
	githubHosts,
	mcpAuthorization,
	noCredentials,
	type Credential,
	type CredentialDecision,
	type CredentialRoute,
	type Credentials
} from './credential-for.ts';
export { githubEndpointFor } from './github-endpoint.ts';
export { checkHostEntry, hostKey, isLoopback, isSecureForCredentials } from './host-key.ts';
export { gitHostOf, withHostToken } from './host-token.ts';
