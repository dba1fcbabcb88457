// A compile-time check that a reader (the app's type for an answer, or the shape a test holds a
// peer's answer to) reads only fields the source (a published type) sends, with types it
// accepts. `const ok: Agrees<Reader, Source> = true` fails to compile otherwise, naming them.
import type { Strict } from '../../servers/published-shape.ts';

/** The fields of `Reader` that `Source` lacks, or may send with a type `Reader` does not take. */
export type Disagreeing<Reader, Source> = {
	[K in keyof Reader]-?: K extends keyof Strict<Source>
		? [Strict<Source>[K]] extends [Reader[K]]
			? never
			: K
		: K;
}[keyof Reader];

/**
 * `true` when `Reader` and `Source` agree apart from `Known` (fields whose disagreement is
 * explained where this is used); otherwise an object naming the fields. A `Known` field that
 * agrees after all is named too, so the list of exceptions cannot go stale.
 */
export type Agrees<Reader, Source, Known extends keyof Reader = never> = [
	Exclude<Disagreeing<Reader, Source>, Known>
] extends [never]
	? [Exclude<Known, Disagreeing<Reader, Source>>] extends [never]
		? true
		: { knownButAgrees: Exclude<Known, Disagreeing<Reader, Source>> }
	: { disagrees: Exclude<Disagreeing<Reader, Source>, Known> };
