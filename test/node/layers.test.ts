// The package's import graph (#30): no file imports in a circle, folders import downwards only
// (transport ← shared ← engine ← resources), and resources reach UniTalk only through the engine.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

/** file (relative to the root) → the files and packages it imports. */
function importGraph(): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of [
		...sourceFiles(join(ROOT, 'nodes')),
		...sourceFiles(join(ROOT, 'credentials')),
	]) {
		const text = readFileSync(file, 'utf8');
		const targets = [...text.matchAll(/^(?:import|export)[^;]*?from '([^']+)';/gms)].map(
			([, spec]) =>
				spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) + '.ts' : spec,
		);
		graph.set(relative(ROOT, file), targets);
	}
	// `./resources` is `./resources/index.ts`
	for (const [file, targets] of graph) {
		const asIndex = (t: string) => t.replace(/\.ts$/, '/index.ts');
		graph.set(
			file,
			targets.map((t) =>
				t.endsWith('.ts') && !graph.has(t) && graph.has(asIndex(t)) ? asIndex(t) : t,
			),
		);
	}
	return graph;
}

/** The folder of a file under nodes/UniTalk (e.g. `transport`), or the node file's own name. */
const folderOf = (file: string) => file.split('/').slice(2, -1)[0] ?? file;

function cycleIn(graph: Map<string, string[]>): string[] | undefined {
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (node: string): string[] | undefined => {
		if (state.get(node) === 'done') return undefined;
		if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
		state.set(node, 'open');
		path.push(node);
		for (const next of graph.get(node) ?? []) {
			if (!graph.has(next)) continue;
			const found = visit(next);
			if (found) return found;
		}
		path.pop();
		state.set(node, 'done');
		return undefined;
	};
	for (const node of graph.keys()) {
		const found = visit(node);
		if (found) return found;
	}
	return undefined;
}

describe('the import graph', () => {
	const graph = importGraph();

	it('runtime code imports only n8n-workflow, crypto and its own files', () => {
		const packages = new Set(
			[...graph.values()].flat().filter((target) => !target.endsWith('.ts')),
		);
		expect([...packages].sort()).toEqual(['crypto', 'n8n-workflow']);
		for (const [file, targets] of graph)
			for (const target of targets.filter((t) => t.endsWith('.ts')))
				expect({ file, target, exists: graph.has(target) }).toEqual({ file, target, exists: true });
	});

	it('no file imports in a circle', () => {
		expect(cycleIn(graph)).toBeUndefined();
	});

	it('no folder imports in a circle (transport, shared, engine, resources, …)', () => {
		const folders = new Map<string, Set<string>>();
		for (const [file, targets] of graph) {
			if (!file.startsWith('nodes/UniTalk/')) continue;
			const from = folderOf(file);
			const into = folders.get(from) ?? new Set<string>();
			for (const target of targets.filter((t) => t.startsWith('nodes/UniTalk/'))) {
				if (folderOf(target) !== from) into.add(folderOf(target));
			}
			folders.set(from, into);
		}
		const folderGraph = new Map([...folders].map(([name, into]) => [name, [...into]]));
		expect(cycleIn(folderGraph)).toBeUndefined();
		expect(folderGraph.get('transport')).toEqual([]);
	});

	it('resources reach UniTalk only through the engine (never the transport)', () => {
		const reaches = [...graph]
			.filter(([file]) => file.startsWith('nodes/UniTalk/resources/'))
			.flatMap(([file, targets]) =>
				targets
					.filter((t) => t.startsWith('nodes/UniTalk/transport/'))
					.map((t) => `${file} → ${t}`),
			);
		expect(reaches).toEqual([]);
	});
});
