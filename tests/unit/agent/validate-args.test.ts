import { describe, expect, it } from 'vitest';
import { shellTool } from '../../../src/lib/core/agent/index.ts';
import { checkArgs } from '../../../src/lib/core/agent/validate-args.ts';

const schema = shellTool.parameters;

describe('checkArgs', () => {
	it('accepts arguments that fit, dropping nulls for optional properties', () => {
		expect(checkArgs(schema, { command: 'ls', workdir: null, timeout_ms: 5 })).toEqual({
			args: { command: 'ls', timeout_ms: 5 }
		});
	});

	it('names every problem', () => {
		expect(checkArgs(schema, { command: 1, timeout_ms: 1.5, extra: true })).toEqual({
			problems: [
				'"command" must be a string, not 1',
				'"timeout_ms" must be an integer, not 1.5',
				'unknown property "extra"'
			]
		});
		expect(checkArgs(schema, { command: 'ls', timeout_ms: 0 })).toEqual({
			problems: ['"timeout_ms" must be at least 1, not 0']
		});
		expect(checkArgs(schema, { command: null, workdir: ['src'] })).toEqual({
			problems: ['missing required property "command"', '"workdir" must be a string, not an array']
		});
	});

	it('refuses anything but an object, and reads no inherited keys', () => {
		for (const value of [[], 'ls', null, 3]) {
			expect(checkArgs(schema, value)).toEqual({
				problems: ['the arguments must be a JSON object']
			});
		}
		expect(checkArgs(schema, JSON.parse('{"command": "ls", "toString": "x"}'))).toEqual({
			problems: ['unknown property "toString"']
		});
	});
});
