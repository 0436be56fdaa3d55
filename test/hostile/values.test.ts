// #19 8: message text is sent as typed — leading spaces and line breaks are the sender's.
import { run, useStandIn } from '../helpers';

describe('text as typed', () => {
	const standIn = useStandIn();

	it('SMS text keeps its spaces and line breaks; only an all-blank text is refused', async () => {
		const text = '  Sorry we missed you\n— Team\n';
		const sent = await run(standIn, {
			resource: 'message',
			operation: 'send',
			messageType: 'SMS',
			to: '380971234567',
			text,
		});
		expect(sent.error).toBeUndefined();
		expect(standIn.calls('/message/send').map((r) => r.body)).toEqual([
			{ messageType: 'SMS', to: '380971234567', text },
		]);
		const blank = await run(standIn, {
			resource: 'message',
			operation: 'send',
			messageType: 'SMS',
			to: '380971234567',
			text: ' \n ',
		});
		expect(blank.error?.message).toBe('"Text" is empty');
		expect(standIn.calls('/message/send')).toHaveLength(1);
	});
});
