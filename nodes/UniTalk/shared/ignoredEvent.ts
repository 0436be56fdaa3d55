// The UniTalk Trigger's placeholder for a test event it leaves out, and how an action node tells it
// apart from a call: connected to the Ignored output, a step would otherwise fail on a missing number.
import type { IDataObject } from 'n8n-workflow';

/**
 * The trigger's second output (version 2 and later). One word: n8n 2.41 cuts an output label at
 * 76–96 px on the canvas (the browser suite measures it); that it is for test events only is said
 * by the item's note.
 */
export const IGNORED_OUTPUT = 'Ignored';

const NOTE = 'Shown only for test events: at the Production URL this event starts nothing.';
const PREFIX = 'Ignored: ';

/** The item the trigger shows at its Test URL for an event its Events or Filters leave out. */
export function ignoredItem(event: string, reason: string): IDataObject {
	return { event, ignored: `${PREFIX}${reason}`, note: NOTE };
}

/**
 * The event and reason of a placeholder, or undefined for anything else. Read from its shape, not
 * from a marker, so that placeholders pinned or saved by earlier versions are recognised too.
 */
export function ignoredEventOf(json: IDataObject): { event: string; reason: string } | undefined {
	const { ignored, note, event } = json;
	if (note !== NOTE || typeof ignored !== 'string' || !ignored.startsWith(PREFIX)) return undefined;
	return {
		event: typeof event === 'string' ? event : 'an event',
		reason: ignored.slice(PREFIX.length),
	};
}

/** Why an action refuses a placeholder, and how to connect the step so that it gets calls. */
export function ignoredItemError(
	itemIndex: number,
	found: { event: string; reason: string },
): { message: string; description: string } {
	return {
		message: `Item ${itemIndex} is not a call: it is the UniTalk Trigger's "Ignored" placeholder for a test ${found.event} event (${found.reason})`,
		description: `The UniTalk Trigger shows an event its Events or Filters leave out as this item, only at its Test URL and on its lower output "${IGNORED_OUTPUT}", which this step is fed from. At the Production URL such an event starts nothing, so this step would never run there. Connect this step to the trigger's upper output, "Call", instead (drag the connection from the lower dot to the upper one), then send a test event the trigger lets through. A trigger added before its version 2 has one output: there, send a test event its Events and Filters let through.`,
	};
}
