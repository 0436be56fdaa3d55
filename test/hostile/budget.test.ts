// #19 7: one key, one budget — the lowest Request Budget among the credentials holding a key applies.
import { limiterFor } from '../../nodes/UniTalk/transport/limiter';

describe('one budget per key', () => {
	it('credentials with budgets 6 and 25 for one key share the lower, whichever asks last', () => {
		const key = `budget-${Date.now()}`;
		expect(limiterFor(key, 6, 'credential-a').policy.perWindow).toBe(6);
		expect(limiterFor(key, 25, 'credential-b').policy.perWindow).toBe(6);
		expect(limiterFor(key, 6, 'credential-a').policy.perWindow).toBe(6);
		expect(limiterFor(key, 25, 'credential-b').policy).toMatchObject({
			perWindow: 6,
			perSecond: 6,
		});
	});

	it("an edited budget replaces that credential's own, so raising it works when it is the only one", () => {
		const key = `budget-edit-${Date.now()}`;
		expect(limiterFor(key, 6, 'only').policy.perWindow).toBe(6);
		expect(limiterFor(key, 20, 'only').policy.perWindow).toBe(20);
	});

	it('another key keeps its own budget', () => {
		expect(limiterFor(`budget-x-${Date.now()}`, 6, 'a').policy.perWindow).toBe(6);
		expect(limiterFor(`budget-y-${Date.now()}`, 25, 'b').policy.perWindow).toBe(25);
	});
});
