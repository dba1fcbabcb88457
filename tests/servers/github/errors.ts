// GitHub's error bodies, and the exception a route throws to send one.
import type { components } from '@octokit/openapi-types';

type ValidationError = components['schemas']['validation-error'];
export type ValidationItem = NonNullable<ValidationError['errors']>[number];
export type ErrorBody = components['schemas']['basic-error'] & ValidationError;

export const documentationUrl = 'https://docs.github.com/rest';

export class ApiError extends Error {
	readonly status: number;
	readonly body: ErrorBody;
	constructor(status: number, message: string, errors?: ValidationItem[]) {
		super(message);
		this.status = status;
		this.body = {
			message,
			documentation_url: documentationUrl,
			status: String(status),
			...(errors ? { errors } : {})
		};
	}
}

export const notFound = (): ApiError => new ApiError(404, 'Not Found');

export const unprocessable = (message: string, errors?: ValidationItem[]): ApiError =>
	new ApiError(422, message, errors);

/** GitHub's 422 for a body that breaks a rule: `Validation Failed` plus the rule in `errors`. */
export const validationFailed = (errors: ValidationItem[]): ApiError =>
	new ApiError(422, 'Validation Failed', errors);

/** The 409 GitHub gives every git-data call on a repository without commits. */
export const emptyRepository = (): ApiError => new ApiError(409, 'Git Repository is empty.');
