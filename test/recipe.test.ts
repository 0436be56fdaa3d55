// CONTRIBUTING's recipe, pasted as written (#30): its code blocks are put where the recipe says,
// compiled with the project's settings, and run (the declarations' bodies against the stand-in's
// schemas, the new schema against the new declaration), so the recipe cannot drift from the code.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import * as ts from 'typescript';

import type { Params } from '../nodes/UniTalk/engine/params';
import type { Operation, Unit } from '../nodes/UniTalk/engine/types';
import { bodyProblem } from './standin/schemas';

const ROOT = resolve(__dirname, '..');
const blocks = [
	...readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g),
].map(([, code]) => code);
const blockWith = (text: string) => {
	const found = blocks.filter((block) => block.includes(text));
	if (found.length !== 1)
		throw new Error(`CONTRIBUTING.md has ${found.length} ts blocks with ${text}`);
	return found[0];
};

/** The recipe's blocks, each in a file where the recipe puts it (removed after the test). */
const FILES: Record<string, string> = {
	'nodes/UniTalk/resources/recipeExample.ts': `
import type { IDataObject } from 'n8n-workflow';
import { notRepeatable, READS } from '../engine/effect';
import type { Operation } from '../engine/types';
import { requireId, requireLength } from '../shared/validation';
import { str } from './fields';
import { phoneSummary, phoneUnits } from './units';

export const recipeOperations: Operation[] = [
${blockWith("value: 'getStatusOfLine'")}
	{
		value: 'addToList', name: 'Add', action: 'Add numbers', description: 'x', path: '/lists', body: 'json',
${blockWith('batch: {')}
	},
	{
		value: 'getEach', name: 'Get Each', action: 'Get each', description: 'x', path: '/message/getStatus',
		body: 'json', effect: READS,
${blockWith('fanOut: {')}
	},
];
`,
	'test/standin/routes/recipeExample.ts': `
import type { StandInState } from '../state';
import { fail, ok, type Reply, type StandInRequest } from '../types';

export function recipeRoutes(state: StandInState): Record<string, (req: StandInRequest) => Reply> {
	return {
${blockWith("'/users/getStatusByLine': (req)")}
	};
}
`,
	'test/standin/recipeExample.ts': `
import { z } from 'zod';

export const RECIPE_BODIES = {
${blockWith("'/users/getStatusByLine': z.")}
};
`,
};

/** A stand-in for an item's parameters: the recipe's fields with plausible values. */
const item = {
	str: () => '2000',
	list: () => ['1', '2'],
	itemIndex: 0,
} as unknown as Params;

describe("CONTRIBUTING's recipe, pasted as written", () => {
	beforeAll(() => {
		for (const [path, text] of Object.entries(FILES)) {
			mkdirSync(dirname(join(ROOT, path)), { recursive: true });
			writeFileSync(join(ROOT, path), text);
		}
	});
	afterAll(() => {
		for (const path of Object.keys(FILES)) rmSync(join(ROOT, path), { force: true });
	});

	it('compiles with the project settings (strict, the declaration kinds, the required effect)', () => {
		const config = ts.getParsedCommandLineOfConfigFile(
			join(ROOT, 'tsconfig.json'),
			{},
			{
				...ts.sys,
				onUnRecoverableConfigFileDiagnostic: () => undefined,
			},
		)!;
		const files = Object.keys(FILES).map((path) => join(ROOT, path));
		const program = ts.createProgram(files, {
			...config.options,
			noEmit: true,
			noUnusedLocals: false,
		});
		const problems = ts
			.getPreEmitDiagnostics(program)
			.filter((d) => d.file && files.includes(resolve(d.file.fileName)))
			.map((d) => {
				const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
				return `${d.file!.fileName.slice(ROOT.length + 1)}:${line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
			});
		expect(problems).toEqual([]);
	}, 60_000);

	it('sends bodies the stand-in (UniTalk as the reference documents it) accepts', async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { recipeOperations } = require('../nodes/UniTalk/resources/recipeExample') as {
			recipeOperations: Operation[];
		};
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { RECIPE_BODIES } = require('./standin/recipeExample') as {
			RECIPE_BODIES: Record<string, { safeParse: (body: unknown) => { success: boolean } }>;
		};
		const [read, batched, fanOut] = recipeOperations;

		const readBody = await read.build!(item);
		expect(RECIPE_BODIES['/users/getStatusByLine'].safeParse(readBody).success).toBe(true);

		const units: Unit[] = [{ item: 0, key: '380971234567', value: '380971234567' }];
		const listBody = await batched.batch!.payload(item, units, 0);
		expect(bodyProblem('/lists', listBody)).toBeUndefined();
		expect(units.length).toBeLessThanOrEqual(batched.batch!.maxPerRequest);
		expect(batched.batch!.maxPerRequest).toBe(100); // the reference's maximum for /lists

		const payloads = await fanOut.fanOut!.payloads(item);
		expect(payloads).toEqual([{ id: 1 }, { id: 2 }]);
	});
});
