// Every operation states what doing it twice would do (#30): the list below is the answer and its
// reason for each, so a change to any of them is a deliberate change to this file.
import { type Effect, isByOption, READS } from '../../nodes/UniTalk/engine/effect';
import type { Operation } from '../../nodes/UniTalk/engine/types';
import { RESOURCES } from '../../nodes/UniTalk/resources';

/** `resource.operation[.option value]` → its effect. */
function declaredEffects(): Map<string, Effect> {
	const effects = new Map<string, Effect>();
	for (const resource of RESOURCES) {
		for (const op of resource.operations) {
			const name = `${resource.value}.${op.value}`;
			if (isByOption(op.effect)) {
				for (const [value, effect] of Object.entries(op.effect.cases))
					effects.set(`${name}.${op.effect.option}=${value}`, effect);
			} else effects.set(name, op.effect);
		}
	}
	return effects;
}

const NOT_REPEATABLE = [
	'autodial.delete',
	'autodial.cancel',
	'autodial.pause',
	'autodial.unpause',
	'autodial.recall',
	'autodial.create',
	'autodial.update',
	'autodial.addNumbers',
	'autodial.removeNumbers',
	'autodial.removeAllNumbers',
	'audio.upload',
	'audio.synthesize',
	'blockedList.add',
	'blockedList.remove',
	'call.directCall',
	'call.clickToCall',
	'call.informationalCall',
	'call.hangUp.by=number',
	'call.connectPrompter',
	// Still never sent again (#39): a second request UniTalk accepts is a second paid analysis. What
	// changed is around it: asks for the same call share one request and its answer for 30 minutes
	// (transport/request.ts), so a re-run or a twin item gets the result without a repeat.
	'call.voiceAnalytics',
	'callback.schedule',
	'callback.upsertAutodialer',
	'distribution.create',
	'distribution.update',
	'distribution.delete',
	'distribution.pause',
	'distribution.unpause',
	'eventHandler.removeScheduled',
	'line.removeFromGroup',
	'message.send',
	'message.sendBulk',
	'webDialer.sendNotification',
];

/** Changes something, yet doing it again changes nothing more. */
const REPEATABLE_CHANGES = [
	'call.hangUp.by=id',
	'callRouting.answerRoute',
	'callRouting.answerQueue',
	'user.setWorkStatus',
	'webDialer.hideNotification',
];

describe('What doing an operation twice would do', () => {
	const effects = declaredEffects();

	it('prints every operation with its answer and reason', () => {
		const lines = [...effects].map(
			([name, e]) => `${name}: ${e.repeatable ? 'repeatable' : 'not repeatable'} — ${e.why}`,
		);
		// The list a reviewer reads (npx jest test/node/effects.test.ts --verbose=false).
		console.info(lines.join('\n'));
		const operations = RESOURCES.flatMap((resource) => resource.operations);
		expect(lines.length).toBeGreaterThanOrEqual(operations.length);
	});

	it('lists exactly these as never sent again', () => {
		const notRepeatable = [...effects].filter(([, e]) => !e.repeatable).map(([name]) => name);
		expect(notRepeatable.sort()).toEqual([...NOT_REPEATABLE].sort());
	});

	it('lists exactly these changes as harmless to repeat, each with its own reason', () => {
		const changes = [...effects].filter(([, e]) => e.repeatable && e !== READS);
		expect(changes.map(([name]) => name).sort()).toEqual([...REPEATABLE_CHANGES].sort());
	});

	it('gives every answer a reason in one sentence', () => {
		for (const [name, effect] of effects) {
			expect({ name, why: effect.why }).toEqual({
				name,
				why: expect.stringMatching(/^[A-Z].{8,}\.$/),
			});
		}
	});

	it('has no default: a declaration without its effect does not compile (npm run typecheck)', () => {
		// @ts-expect-error -- `effect` is required: the compiler refuses a declaration without it
		const withoutEffect: Operation = {
			value: 'x',
			name: 'X',
			action: 'x',
			description: 'x',
			path: '/x',
			body: 'json',
		};
		expect(withoutEffect).not.toHaveProperty('effect');
	});
});
