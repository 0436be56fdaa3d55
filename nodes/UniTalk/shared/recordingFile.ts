// A call's recording, downloaded within the user's limits, as n8n binary data: one place for Get
// Recording and the triggers' Attach Recording, so resources never reach into the transport.
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { downloadRecording } from '../transport/download';
import { recordingLimits } from './recordingOptions';

export interface RecordingFile {
	binary: IBinaryData;
	fileName: string;
	size: number;
}

export async function recordingFile(
	ctx: IExecuteFunctions | IWebhookFunctions | IPollFunctions,
	link: string,
	options: IDataObject,
	/**
	 * Where a refused link is reported (the item and the field that held it), and a deadline that
	 * replaces the user's Download Timeout (a poll's time left).
	 */
	origin: { itemIndex?: number; field?: string; deadlineMs?: number } = {},
): Promise<RecordingFile> {
	const file = await downloadRecording(ctx, link, { ...recordingLimits(options), ...origin });
	const binary = await ctx.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
	return { binary, fileName: file.fileName, size: file.data.length };
}
