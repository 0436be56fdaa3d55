// A call's recording as binary data on the trigger's item, or the reason it is not there: the
// item starts the workflow either way.
import type { IBinaryKeyData, IDataObject, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { recordingFile } from './recordingFile';

export async function attachRecording(
	ctx: IWebhookFunctions | IPollFunctions,
	item: IDataObject,
	options: IDataObject,
): Promise<IBinaryKeyData | undefined> {
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
	try {
		const { binary, fileName, size } = await recordingFile(ctx, link, options);
		item.recording = { attached: true, fileName, size };
		return { [String(options.binaryProperty || 'recording')]: binary };
	} catch (error) {
		const { message, description } = error as { message: string; description?: string };
		item.recording = {
			attached: false,
			reason: `${message}${description ? `. ${description}` : ''}`,
		};
		return undefined;
	}
}
