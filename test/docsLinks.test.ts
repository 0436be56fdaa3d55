import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * The README is the first hour and docs/ the reference (#40): the README stays short, and every
 * relative link and anchor in README.md and docs/*.md leads to a file and a heading that exist.
 */
const root = join(__dirname, '..');
const pages = [
	join(root, 'README.md'),
	...readdirSync(join(root, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => join(root, 'docs', f)),
];

/** Markdown without fenced code blocks and inline code: what is left is prose, links and headings. */
function prose(markdown: string): string {
	return markdown.replace(/^ *```[^\n]*\n[\s\S]*?^ *```[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchor: lowercase, punctuation dropped, each space a hyphen; repeats get -1, -2. */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\- _]/gu, '')
		.replace(/ /g, '-');
}

function anchors(file: string): Set<string> {
	const seen = new Map<string, number>();
	const result = new Set<string>();
	for (const match of prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)) {
		const text = match[1].replace(/[*_`]/g, '');
		const base = slug(text);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		result.add(count === 0 ? base : `${base}-${count}`);
	}
	return result;
}

function links(file: string): string[] {
	return [...prose(readFileSync(file, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

describe('README and docs/', () => {
	it('README.md stays the first hour: at most 2,600 words', () => {
		const words = readFileSync(join(root, 'README.md'), 'utf8').split(/\s+/).length;
		expect(words).toBeLessThanOrEqual(2600);
	});

	it.each(pages.map((p) => relative(root, p)))(
		'every relative link and anchor in %s resolves',
		(page) => {
			const file = join(root, page);
			const broken: string[] = [];
			for (const link of links(file)) {
				if (/^[a-z]+:/i.test(link)) continue; // https:, mailto:
				const [path, anchor] = link.split('#');
				const target = path ? join(dirname(file), decodeURI(path)) : file;
				if (!existsSync(target)) {
					broken.push(`${link}: no file ${relative(root, target)}`);
					continue;
				}
				if (anchor === undefined) continue;
				if (statSync(target).isDirectory() || !target.endsWith('.md'))
					broken.push(`${link}: an anchor into what is not a Markdown file`);
				else if (!anchors(target).has(anchor))
					broken.push(`${link}: no heading #${anchor} in ${relative(root, target)}`);
			}
			expect(broken).toEqual([]);
		},
	);

	it('links every docs page from the README and from docs/README.md', () => {
		const readme = links(join(root, 'README.md'));
		const index = links(join(root, 'docs', 'README.md'));
		for (const page of readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'))) {
			if (page !== 'README.md') {
				expect(readme).toContain(`docs/${page}`);
				expect(index).toContain(page);
			}
		}
	});

	it('the anchor rules are GitHub’s', () => {
		expect(slug('Call events (call → CRM, missed call → SMS)')).toBe(
			'call-events-call--crm-missed-call--sms',
		);
		expect(slug("n8n 2.x's durable scheduler")).toBe('n8n-2xs-durable-scheduler');
		expect(slug('DST: the hour that repeats and the hour that never shows')).toBe(
			'dst-the-hour-that-repeats-and-the-hour-that-never-shows',
		);
	});
});
