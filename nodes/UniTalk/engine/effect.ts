// What doing an operation twice would do. Every declaration states it, with no default, because it
// decides everything about repeats: whether a request whose answer was lost is sent again, whether the
// exactly-once ledger and Send Once Per Key apply, and whether UniTalk's answer must confirm the deed.
import type { Params } from './params';

export interface Effect {
	/** Doing it again changes nothing more: a read, or setting a state to the value it already has. */
	repeatable: boolean;
	/** Why, in one sentence a reader can check against UniTalk's reference. */
	why: string;
}

/** An effect that depends on one option of the item, e.g. Hang Up by call ID or by line number. */
export interface EffectByOption {
	option: string;
	cases: Record<string, Effect>;
}

export type DeclaredEffect = Effect | EffectByOption;

export const READS: Effect = { repeatable: true, why: 'It only reads.' };

/** Sent again when its answer is lost (timeout, 5xx); UniTalk's answer need not say "Success". */
export function repeatable(why: string): Effect {
	return { repeatable: true, why };
}

/** Never sent again once it may have reached UniTalk: ledgered, confirmed, "may have been sent". */
export function notRepeatable(why: string): Effect {
	return { repeatable: false, why };
}

export function isByOption(effect: DeclaredEffect): effect is EffectByOption {
	return 'cases' in effect;
}

/** The effect of one item's request. An option value without a case counts as not repeatable. */
export function effectFor(effect: DeclaredEffect, p: Params): Effect {
	if (!isByOption(effect)) return effect;
	return (
		effect.cases[p.str(effect.option)] ??
		notRepeatable(`No effect is declared for ${effect.option} = "${p.str(effect.option)}".`)
	);
}

/** True when some item of the operation could do the thing twice (one request at a time, the ledger). */
export function mayDoTwice(effect: DeclaredEffect): boolean {
	return isByOption(effect)
		? Object.values(effect.cases).some((one) => !one.repeatable)
		: !effect.repeatable;
}

/** True when every item could do the thing twice: the operation offers Send Once Per Key. */
export function alwaysDoesTwice(effect: DeclaredEffect): boolean {
	return isByOption(effect)
		? Object.values(effect.cases).every((one) => !one.repeatable)
		: !effect.repeatable;
}
