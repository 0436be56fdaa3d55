// Callback: the missed-call loop (#41) — set up a callback autodialer, schedule a callback per missed
// call. The outcomes come from the Call History Trigger (Trigger On: Callback Outcomes).
import type { Resource } from '../../engine/describe';
import { autodialerOperation } from './autodialer';
import { scheduleOperation } from './schedule';

export const callbackResource: Resource = {
	name: 'Callback',
	value: 'callback',
	description: 'Call back missed calls through an autodialer, once per missed call',
	operations: [scheduleOperation, autodialerOperation],
};
