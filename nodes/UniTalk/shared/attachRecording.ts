// A call's recording as binary data on the trigger's item, or the reason it is not there: the
// item starts the workflow either way.
import type { IBinaryKeyData, IDataObject, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { NOT_SENT_IN_TIME, recordingFile } from './recordingFile';
import { recordingLimits } from './recordingOptions';

/**
 * A download that failed after this share of the time it was given ran into the cut: timers are
 * not exact, and a failure that is not about time (a refused link, a 404) comes at once.
 */
const RAN_OUT = 0.8;

/**
 * The download was cut by the caller's deadline (a poll's time budget), not by the user's Download
 * Timeout: nothing is attached and the caller tries the call again later.
 */
export const LATER = 'later';

/** A time the download must end by, earlier than the user's Download Timeout (a poll's budget). */
export interface Cut {
	at: number;
	/**
	 * No download request is sent after this (before `at`, so one that is sent can finish): a file
	 * the poll has no time for is left to a later poll, never started, cut and fetched twice.
	 */
	sendBy: number;
	/** Cut there, the download is left for later (LATER) rather than reported on the item. */
	retryLater: boolean;
}

/** Downloads the item's recording onto it, or says on it why it is not there (or LATER). */
export function attachRecording(
	ctx: IWebhookFunctions | IPollFunctions,
	item: IDataObject,
	options: IDataObject,
): Promise<IBinaryKeyData | undefined>;
export function attachRecording(
	ctx: IWebhookFunctions | IPollFunctions,
	item: IDataObject,
	options: IDataObject,
	cut: Cut | undefined,
): Promise<IBinaryKeyData | typeof LATER | undefined>;
export async function attachRecording(
	ctx: IWebhookFunctions | IPollFunctions,
	item: IDataObject,
	options: IDataObject,
	cut?: Cut,
): Promise<IBinaryKeyData | typeof LATER | undefined> {
	const link = item.recordingUrl as string | null;
	if (!link) {
		item.recording = {
			attached: false,
			reason: item.answered
				? 'The call has no recording link yet: UniTalk adds it 10–15 minutes after the call ends. To start a workflow when it is there, use the UniTalk Call History Trigger with Trigger On → Recording Ready'
				: 'The call has no recording link (only answered calls are recorded)',
		};
		return undefined;
	}
	const leftMs = cut ? cut.at - Date.now() : Infinity;
	const cutFirst = leftMs < recordingLimits(options).deadlineMs;
	if (cut?.retryLater && cutFirst && leftMs <= 0) return LATER;
	const startedAt = Date.now();
	try {
		const file = cut
			? await recordingFile(ctx, link, options, {
					...(cutFirst ? { deadlineMs: Math.max(1, leftMs) } : {}),
					sendBy: cut.sendBy,
				})
			: await recordingFile(ctx, link, options);
		// Nothing was sent (or sent again): the next poll downloads it, once.
		if (file === NOT_SENT_IN_TIME) return LATER;
		const { binary, fileName, size } = file;
		item.recording = { attached: true, fileName, size };
		return { [String(options.binaryProperty || 'recording')]: binary };
	} catch (error) {
		const wasCut = cutFirst && Date.now() - startedAt >= leftMs * RAN_OUT;
		if (wasCut && cut?.retryLater) return LATER;
		const { message, description } = error as { message: string; description?: string };
		item.recording = {
			attached: false,
			reason: wasCut
				? `${message}: a check of the Call History Trigger has about half a minute in all (n8n's poll time limit), too little for this file. Download it in the workflow with UniTalk → Call → Get Recording, which waits as long as its Download Timeout says`
				: `${message}${description ? `. ${description}` : ''}`,
		};
		return undefined;
	}
}
