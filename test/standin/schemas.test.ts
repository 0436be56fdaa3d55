import { bodyProblem } from './schemas';

// The stand-in's request schemas catch a wrong payload shape, not only a wrong path.
describe('stand-in request schemas', () => {
	it("accepts the reference's own examples", () => {
		expect(
			bodyProblem('/message/send', {
				messageType: 'SMS',
				alfaName: 'Shop',
				to: '380971234567',
				text: 'Hi',
			}),
		).toBeUndefined();
		expect(bodyProblem('/calls/hangup', { number: null, id: 1474427802 })).toBeUndefined();
		expect(
			bodyProblem('/autodial/action', {
				action: 'UPDATE',
				task: { id: 7, name: 'Обзвон', autodialerMode: 'FIXED' },
			}),
		).toBeUndefined();
	});

	it.each([
		[
			'a misspelt field',
			'/message/send',
			{ messageType: 'SMS', alphaName: 'Shop', to: '380971234567', text: 'Hi' },
			/Unrecognized key.*alphaName/,
		],
		[
			'a number as text',
			'/widget/hideNotification',
			{ userIds: ['12'], notificationId: 5 },
			/userIds.0: Expected number/,
		],
		[
			'a phone with a plus',
			'/message/sendBulk',
			{ messagesType: 'SMS', recipients: ['+380971234567'], text: 'Hi' },
			/international format/,
		],
		[
			'UPDATE without the task id',
			'/autodial/action',
			{ action: 'UPDATE', task: { name: 'x' } },
			/task.id: Required/,
		],
		[
			'an unknown autodial action',
			'/autodial/action',
			{ action: 'ADD_NUMBER', id: 1 },
			/unknown autodial action/,
		],
	])('refuses %s', (_name, path, body, pattern) => {
		expect(bodyProblem(path, body)).toMatch(pattern);
	});
});
