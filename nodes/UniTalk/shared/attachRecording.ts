// A call's recording as binary data on the trigger's item, or the reason it is not there: the
// item starts the workflow either way.
import type { IBinaryKeyData, IDataObject, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { downloadRecording } from '../transport/download';
import { recordingLimits } from './recordingOptions';

export async function attachRecording(
	ctx: IWebhookFunctions | IPollFunctions,
	item: IDataObject,
	options: IDataObject,
): Promise<IBinaryKeyData | undefined> {
	const link = item.recordingUrl as string | null;
	if (!link) {
		item.recording = {
			attached: false,
			reason: 'The call has no recording link (only answered calls are recorded)',
		};
		return undefined;
	}
	try {
		const file = await downloadRecording(ctx, link, recordingLimits(options));
		item.recording = { attached: true, fileName: file.fileName, size: file.data.length };
		const property = String(options.binaryProperty || 'recording');
		return {
			[property]: await ctx.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType),
		};
	} catch (error) {
		const { message, description } = error as { message: string; description?: string };
		item.recording = {
			attached: false,
			reason: `${message}${description ? `. ${description}` : ''}`,
		};
		return undefined;
	}
}
