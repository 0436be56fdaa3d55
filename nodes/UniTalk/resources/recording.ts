import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { baseUrlOf, CREDENTIAL_NAME, unitalkRequest } from '../transport/request';
import { InputError } from '../validation';

/**
 * Downloads a call recording (`link` of a call) through the limiter. The API key is only ever
 * sent to the UniTalk host of the credential (or *.unitalk.cloud), never to another host.
 */
export async function downloadRecording(
	ctx: IExecuteFunctions | IWebhookFunctions,
	link: string,
	itemIndex?: number,
): Promise<{ data: Buffer; fileName: string; mimeType: string }> {
	if (!URL.canParse(link)) throw new InputError(`"${link}" is not a recording link`, 'recordingUrl');
	const url = new URL(link);
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	const apiHost = new URL(baseUrlOf(credentials)).hostname;
	if (url.hostname !== apiHost && !/(^|\.)unitalk\.cloud$/.test(url.hostname)) {
		throw new InputError(`"${link}" is not on a UniTalk host; recordings are only fetched from UniTalk`, 'recordingUrl');
	}
	const response = (await unitalkRequest(ctx, { path: '', downloadUrl: url.toString(), sideEffect: false, itemIndex })) as {
		data: ArrayBuffer | Buffer;
		headers: IDataObject;
	};
	const data = Buffer.from(response.data as ArrayBuffer);
	const mimeType = String(response.headers?.['content-type'] ?? 'audio/mpeg').split(';')[0];
	const fromHeader = /filename="?([^";]+)"?/.exec(String(response.headers?.['content-disposition'] ?? ''))?.[1];
	const fileName = fromHeader ?? `${url.pathname.split('/').filter(Boolean).slice(-2).join('-') || 'recording'}.mp3`;
	return { data, fileName, mimeType };
}
