// A call's recording, downloaded within the user's limits, as n8n binary data: one place for Get
// Recording and the triggers' Attach Recording, so resources never reach into the transport.
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { downloadRecording, NOT_SENT_IN_TIME } from '../transport/download';
import { recordingLimits } from './recordingOptions';

export interface RecordingFile {
	binary: IBinaryData;
	fileName: string;
	size: number;
}

export { NOT_SENT_IN_TIME };

/**
 * Where a refused link is reported (the item and the field that held it), and a deadline that
 * replaces the user's Download Timeout (a poll's time left), with the time after which no request
 * is sent (then the result is NOT_SENT_IN_TIME).
 */
interface Origin {
	itemIndex?: number;
	field?: string;
	deadlineMs?: number;
	sendBy?: number;
}

type Ctx = IExecuteFunctions | IWebhookFunctions | IPollFunctions;

export async function recordingFile(
	ctx: Ctx,
	link: string,
	options: IDataObject,
	origin: Origin & { sendBy: number },
): Promise<RecordingFile | typeof NOT_SENT_IN_TIME>;
export async function recordingFile(
	ctx: Ctx,
	link: string,
	options: IDataObject,
	origin?: Origin & { sendBy?: undefined },
): Promise<RecordingFile>;
export async function recordingFile(
	ctx: Ctx,
	link: string,
	options: IDataObject,
	origin: Origin = {},
): Promise<RecordingFile | typeof NOT_SENT_IN_TIME> {
	const file = await downloadRecording(ctx, link, { ...recordingLimits(options), ...origin });
	if (file === NOT_SENT_IN_TIME) return file;
	const binary = await ctx.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
	return { binary, fileName: file.fileName, size: file.data.length };
}
