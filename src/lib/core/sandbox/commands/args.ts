// A small getopt for the git subcommands: long options (`--stat`, `--format=x`, `--max-count 3`),
// clustered short flags (`-sb`), attached short values (`-n5`, `-uno`) and `--`. Each subcommand
// declares what it takes, so an option it does not know is an error the agent can read.

/** `value`: 'none' = a flag; 'required' = takes the next argument when not attached;
 * 'optional' = only an attached value (`--stat=100`, `-uall`). */
export type OptionDef = { key: string; value?: 'none' | 'required' | 'optional' };

export type OptionSpec = {
	long?: Record<string, OptionDef>;
	short?: Record<string, OptionDef>;
	/** Key under which `-<digits>` (as in `git log -3`) is stored. */
	numeric?: string;
};

export type ParsedArgs = {
	/** Last value wins; a flag is `true`, an optional option given without a value is `''`. */
	options: Map<string, string | true>;
	/** Arguments before `--`, in order. */
	positionals: string[];
	/** Arguments after `--`; null when there was no `--`. */
	paths: string[] | null;
};

export class UsageError extends Error {}

export function parseArgs(args: readonly string[], spec: OptionSpec): ParsedArgs {
	const parsed: ParsedArgs = { options: new Map(), positionals: [], paths: null };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '--') {
			parsed.paths = args.slice(i + 1);
			break;
		}
		if (arg.startsWith('--')) i = takeLong(arg, args, i, spec, parsed);
		else if (arg.startsWith('-') && arg.length > 1) i = takeShort(arg, args, i, spec, parsed);
		else parsed.positionals.push(arg);
	}
	return parsed;
}

function takeLong(
	arg: string,
	args: readonly string[],
	i: number,
	spec: OptionSpec,
	parsed: ParsedArgs
): number {
	const eq = arg.indexOf('=');
	const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
	const def = spec.long?.[name];
	if (!def) throw new UsageError(`unknown option '${name}'`);
	const kind = def.value ?? 'none';
	if (eq >= 0) {
		if (kind === 'none') throw new UsageError(`option '${name}' takes no value`);
		parsed.options.set(def.key, arg.slice(eq + 1));
		return i;
	}
	if (kind === 'required') {
		const value = args[i + 1];
		if (value === undefined) throw new UsageError(`option '${name}' requires a value`);
		parsed.options.set(def.key, value);
		return i + 1;
	}
	parsed.options.set(def.key, kind === 'optional' ? '' : true);
	return i;
}

function takeShort(
	arg: string,
	args: readonly string[],
	i: number,
	spec: OptionSpec,
	parsed: ParsedArgs
): number {
	if (spec.numeric && /^-\d+$/.test(arg)) {
		parsed.options.set(spec.numeric, arg.slice(1));
		return i;
	}
	for (let at = 1; at < arg.length; at++) {
		const letter = arg[at]!;
		const def = spec.short?.[letter];
		if (!def) throw new UsageError(`unknown switch '${letter}'`);
		const kind = def.value ?? 'none';
		if (kind === 'none') {
			parsed.options.set(def.key, true);
			continue;
		}
		const attached = arg.slice(at + 1);
		if (attached || kind === 'optional') {
			parsed.options.set(def.key, attached);
			return i;
		}
		const value = args[i + 1];
		if (value === undefined) throw new UsageError(`switch '${letter}' requires a value`);
		parsed.options.set(def.key, value);
		return i + 1;
	}
	return i;
}

/** A flag's presence. */
export function has(parsed: ParsedArgs, key: string): boolean {
	return parsed.options.has(key);
}

/** An option's string value (undefined when absent, '' when given bare). */
export function valueOf(parsed: ParsedArgs, key: string): string | undefined {
	const value = parsed.options.get(key);
	return value === undefined ? undefined : value === true ? '' : value;
}
