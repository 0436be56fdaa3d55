// n8n's node search, ported to rank our nodes offline (#40 2). Source: n8n-editor-ui 2.41.1's compiled
// sublimeSearch (dist/assets/workflows.store-*.js, the constants and the two keys searchNodes uses):
// the typed text (lower-cased, a trailing "trigger" dropped) is matched as a subsequence of each node's
// display name (weight 1.3) and of each codex alias (weight 1); a node scores its best string.

const SEQUENTIAL_BONUS = 60; // a character right after the previous match
const SEPARATOR_BONUS = 38; // a character after a space or "_"
const CAMEL_BONUS = 30; // an upper-case character after a lower-case one
const FIRST_LETTER_BONUS = 15; // the string's first character
const LEADING_LETTER_PENALTY = -20; // per character before the first match
const MAX_LEADING_LETTER_PENALTY = -200;
const UNMATCHED_LETTER_PENALTY = -2.5;

export interface SearchNode {
	displayName: string;
	alias?: string[];
}

function isSubsequence(pattern: string, text: string): boolean {
	let p = 0;
	for (let t = 0; p < pattern.length && t < text.length; t++)
		if (pattern.charAt(p).toLowerCase() === text.charAt(t).toLowerCase()) p++;
	return pattern.length !== 0 && text.length !== 0 && p === pattern.length;
}

interface Match {
	matched: boolean;
	outScore: number;
}

function fuzzyRecursive(
	pattern: string,
	text: string,
	patternIndex: number,
	textIndex: number,
	source: number[] | null,
	matches: number[],
	maxMatches: number,
	nextMatch: number,
	calls: { count: number },
	limit: number,
): Match {
	let outScore = 0;
	if (++calls.count >= limit || patternIndex === pattern.length || textIndex === text.length)
		return { matched: false, outScore };
	let recursiveMatch = false;
	let bestScore = 0;
	let first = true;
	while (patternIndex < pattern.length && textIndex < text.length) {
		if (pattern[patternIndex].toLowerCase() === text[textIndex].toLowerCase()) {
			if (nextMatch >= maxMatches) return { matched: false, outScore };
			if (first && source) {
				matches = [...source];
				first = false;
			}
			const recursiveMatches: number[] = [];
			const recursive = fuzzyRecursive(
				pattern,
				text,
				patternIndex,
				textIndex + 1,
				matches,
				recursiveMatches,
				maxMatches,
				nextMatch,
				calls,
				limit,
			);
			if (recursive.matched) {
				if (!recursiveMatch || recursive.outScore > bestScore) bestScore = recursive.outScore;
				recursiveMatch = true;
			}
			matches[nextMatch++] = textIndex;
			++patternIndex;
		}
		++textIndex;
	}
	const matched = patternIndex === pattern.length;
	if (matched) {
		outScore = 100;
		if (!text.toLowerCase().startsWith('n8n')) {
			const penalty = LEADING_LETTER_PENALTY * matches[0];
			outScore += Math.max(penalty, MAX_LEADING_LETTER_PENALTY);
		}
		outScore += UNMATCHED_LETTER_PENALTY * (text.length - nextMatch);
		for (let i = 0; i < nextMatch; i++) {
			const current = matches[i];
			if (i > 0 && current === matches[i - 1] + 1) outScore += SEQUENTIAL_BONUS;
			if (current > 0) {
				const neighbor = text[current - 1];
				const letter = text[current];
				if (neighbor !== neighbor.toUpperCase() && letter !== letter.toLowerCase())
					outScore += CAMEL_BONUS;
				if (neighbor === '_' || neighbor === ' ') outScore += SEPARATOR_BONUS;
			} else outScore += FIRST_LETTER_BONUS;
		}
	}
	if (recursiveMatch && (!matched || bestScore > outScore))
		return { matched: true, outScore: bestScore };
	return { matched, outScore };
}

function scoreOf(pattern: string, text: string, weight: number): number | undefined {
	if (!isSubsequence(pattern, text)) return undefined;
	const result = fuzzyRecursive(pattern, text, 0, 0, null, [], 256, 0, { count: 0 }, 5);
	return result.matched ? result.outScore * weight : undefined;
}

/** What n8n adds to the typed text before matching: lower case, a trailing "trigger" dropped. */
function searchTerm(typed: string): string {
	const words = typed.split(' ');
	const term =
		words.length > 1 && 'trigger'.startsWith(words[words.length - 1].toLowerCase())
			? words.slice(0, -1).filter(Boolean).join(' ').trimEnd()
			: typed;
	return term.toLowerCase();
}

/** A node's score for the typed text, or undefined when n8n would not list it. */
export function nodeScore(typed: string, node: SearchNode): number | undefined {
	const term = searchTerm(typed);
	let best: number | undefined;
	const strings: Array<[string, number]> = [
		[node.displayName, 1.3],
		...(node.alias ?? []).map((alias): [string, number] => [alias, 1]),
	];
	for (const [text, weight] of strings) {
		const score = scoreOf(term, text, weight);
		if (score !== undefined && (best === undefined || score > best)) best = score;
	}
	return best;
}

/** The nodes n8n lists for the typed text, best first (a stable sort, as n8n's). */
export function ranking<T extends SearchNode>(
	typed: string,
	nodes: T[],
): Array<T & { score: number }> {
	return nodes
		.map((node) => ({ ...node, score: nodeScore(typed, node) }))
		.filter((entry): entry is T & { score: number } => entry.score !== undefined)
		.sort((a, b) => b.score - a.score);
}
