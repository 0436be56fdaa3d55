// The contract between the built package and the n8n line it runs in: every n8n-workflow export
// the package imports, and every context or helper method it calls, exists in the n8n-core and
// n8n-workflow this Jest run loads. `npm test` runs this file on both lines (1.x as installed here,
// 2.x as n8n 2.41.1 ships it: test/lines.js), so a method one line lacks fails by name and version,
// as `sleepWithAbort` would have (it broke every recording download on n8n 2.x). Run after a build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import {
	ExecuteContext,
	HookContext,
	LoadOptionsContext,
	PollContext,
	WebhookContext,
} from 'n8n-core';
import * as n8nWorkflow from 'n8n-workflow';
import { Workflow, type INode } from 'n8n-workflow';
import ts from 'typescript';

import { additionalDataFor } from './harness/credentials';
import { TestNodeTypes } from './harness/nodeTypes';

const root = join(__dirname, '..');
const workflowVersion = (require('n8n-workflow/package.json') as { version: string }).version;
const coreVersion = (require('n8n-core/package.json') as { version: string }).version;

function jsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? jsFiles(path) : path.endsWith('.js') ? [path] : [];
	});
}

/** `n8n_workflow_1.NAME` in what tsc emitted: the values the built package takes from n8n-workflow. */
function importedWorkflowValues(): Map<string, string> {
	const used = new Map<string, string>();
	for (const file of jsFiles(join(root, 'dist'))) {
		const text = readFileSync(file, 'utf8');
		const binding = /const (\w+) = require\("n8n-workflow"\);/.exec(text)?.[1];
		if (!binding) continue;
		for (const match of text.matchAll(new RegExp(`\\b${binding}\\.(\\w+)`, 'g')))
			if (!used.has(match[1])) used.set(match[1], relative(root, file));
	}
	return used;
}

/** n8n's context kinds the package is called with, by the interface that types them. */
const KINDS = {
	IExecuteFunctions: 'execute',
	IWebhookFunctions: 'webhook',
	IPollFunctions: 'poll',
	ILoadOptionsFunctions: 'loadOptions',
	IHookFunctions: 'hook',
} as const;
type Kind = (typeof KINDS)[keyof typeof KINDS];

interface Use {
	kind: Kind;
	member: string; // `getNodeParameter`, or `helpers.httpRequest`
	where: string;
}

/**
 * Every member of an n8n context the sources use, found by TypeScript's checker (the built files
 * have lost the types that say which object is a context): a property of n8n-workflow's context
 * interfaces, or of their `helpers`, read on a value typed as one of them.
 */
function contextMembersUsed(): Use[] {
	const config = ts.getParsedCommandLineOfConfigFile(
		join(root, 'tsconfig.build.json'),
		{},
		{ ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
	)!;
	const program = ts.createProgram(config.fileNames, config.options);
	const checker = program.getTypeChecker();

	const kindsOf = (expression: ts.Expression): Kind[] => {
		const type = checker.getTypeAtLocation(expression);
		return (type.isUnion() ? type.types : [type]).flatMap((part) => {
			const name = (part.aliasSymbol ?? part.getSymbol())?.getName() ?? '';
			return name in KINDS ? [KINDS[name as keyof typeof KINDS]] : [];
		});
	};
	/** `ctx.helpers`, or a variable set to it (`const helpers = run.ctx.helpers`). */
	const helpersOwner = (expression: ts.Expression): ts.Expression | undefined => {
		if (ts.isPropertyAccessExpression(expression) && expression.name.text === 'helpers')
			return expression.expression;
		if (!ts.isIdentifier(expression)) return undefined;
		const declaration = checker.getSymbolAtLocation(expression)?.valueDeclaration;
		return declaration && ts.isVariableDeclaration(declaration) && declaration.initializer
			? helpersOwner(declaration.initializer)
			: undefined;
	};

	const uses: Use[] = [];
	for (const source of program.getSourceFiles()) {
		if (source.isDeclarationFile || source.fileName.includes('node_modules')) continue;
		const visit = (node: ts.Node): void => {
			if (ts.isPropertyAccessExpression(node)) {
				const symbol = checker.getSymbolAtLocation(node.name);
				const fromWorkflow = symbol?.declarations?.some((d) =>
					d.getSourceFile().fileName.includes('/n8n-workflow/'),
				);
				if (fromWorkflow && node.name.text !== 'helpers') {
					const owner = helpersOwner(node.expression);
					const kinds = owner ? kindsOf(owner) : kindsOf(node.expression);
					const member = owner ? `helpers.${node.name.text}` : node.name.text;
					const { line } = source.getLineAndCharacterOfPosition(node.getStart());
					const where = `${relative(root, source.fileName)}:${line + 1}`;
					for (const kind of kinds) uses.push({ kind, member, where });
				}
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return uses;
}

/** Real contexts of each kind, as this line's n8n-core builds them. */
function contexts(): Record<Kind, object> {
	const node: INode = {
		id: '1',
		name: 'UniTalk',
		type: 'n8n-nodes-unitalk.uniTalk',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		id: 'w',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(),
	});
	const data = additionalDataFor({});
	const runData = { resultData: { runData: {} } } as never;
	const executeData = { node, data: { main: [[]] }, source: null };
	return {
		execute: new ExecuteContext(
			workflow,
			node,
			data,
			'manual',
			runData,
			0,
			[],
			{},
			executeData,
			[],
		),
		webhook: new WebhookContext(workflow, node, data, 'webhook', {} as never, [], null),
		poll: new PollContext(workflow, node, data, 'trigger', 'activate'),
		loadOptions: new LoadOptionsContext(workflow, node, data, 'parameters'),
		hook: new HookContext(workflow, node, data, 'trigger', 'activate'),
	};
}

function has(context: object, member: string): boolean {
	const [first, second] = member.split('.');
	const value = (context as Record<string, unknown>)[first];
	if (second === undefined) return value !== undefined;
	return typeof (value as Record<string, unknown> | undefined)?.[second] === 'function';
}

describe(`the built package against n8n-workflow ${workflowVersion} and n8n-core ${coreVersion}`, () => {
	it('imports only values this n8n-workflow exports', () => {
		const used = importedWorkflowValues();
		expect(used.size).toBeGreaterThan(3); // NodeOperationError, NodeApiError, sleep, …
		const missing = [...used]
			.filter(([name]) => (n8nWorkflow as Record<string, unknown>)[name] === undefined)
			.map(
				([name, file]) => `${name} (${file}) is not exported by n8n-workflow ${workflowVersion}`,
			);
		expect(missing).toEqual([]);
	});

	it('calls only context and helper methods this n8n-core provides', () => {
		const uses = contextMembersUsed();
		// The package's kinds and a few members every run needs: the finder must keep seeing them.
		expect(new Set(uses.map((use) => use.kind))).toEqual(
			new Set(['execute', 'webhook', 'poll', 'loadOptions', 'hook']),
		);
		const members = new Set(uses.map((use) => use.member));
		for (const member of ['getNodeParameter', 'helpers.httpRequest', 'helpers.prepareBinaryData'])
			expect(members).toContain(member);

		const built = contexts();
		const missing = uses
			.filter((use) => !has(built[use.kind], use.member))
			.map(
				(use) =>
					`${use.member} on the ${use.kind} context (${use.where}) is missing in n8n-core ${coreVersion}`,
			);
		expect([...new Set(missing)]).toEqual([]);
	});
});
