// The UniTalk Trigger's placeholder for a test event it leaves out (shown at the Test URL only).
import type { IDataObject } from 'n8n-workflow';

/** The trigger's second output (version 2 and later). */
export const IGNORED_OUTPUT = 'Ignored (Test URL Only)';

const NOTE = 'Shown only for test events: at the Production URL this event starts nothing.';
const PREFIX = 'Ignored: ';

/** The item the trigger shows at its Test URL for an event its Events or Filters leave out. */
export function ignoredItem(event: string, reason: string): IDataObject {
	return { event, ignored: `${PREFIX}${reason}`, note: NOTE };
}
