// The token formats providers publish, as data: one entry per kind of credential, each with the
// shape as documented, where it is documented, a regex written from that shape, and the extra
// check the format allows (a checksum, a JWT header) or, without one, that the random part looks
// generated. Rules run in this order; where two match the same characters the first wins.
import type { TokenFormat } from './token-format.ts';
import { codeFormats } from './token-formats-code.ts';
import { serviceFormats } from './token-formats-services.ts';

export type { TokenFormat } from './token-format.ts';

export const tokenFormats: readonly TokenFormat[] = [...codeFormats, ...serviceFormats];
