// Recording downloads, through the same paced, key-safe transport.
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { unitalkRequest } from './request';
import { InputError } from '../shared/validation';

/** Downloads a call recording (`link` of a call) through the transport (limiter, key-safe hosts). */
export async function downloadRecording(
	ctx: IExecuteFunctions | IWebhookFunctions,
	link: string,
	itemIndex?: number,
): Promise<{ data: Buffer; fileName: string; mimeType: string }> {
	if (!URL.canParse(link))
		throw new InputError(`"${link}" is not a recording link`, 'recordingUrl');
	const url = new URL(link);
	const response = (await unitalkRequest(ctx, {
		path: '',
		downloadUrl: url.toString(),
		sideEffect: false,
		itemIndex,
	})) as {
		data: ArrayBuffer | Buffer;
		headers: IDataObject;
	};
	const data = Buffer.from(response.data as ArrayBuffer);
	const mimeType = String(response.headers?.['content-type'] ?? 'audio/mpeg').split(';')[0];
	const fromHeader = /filename="?([^";]+)"?/.exec(
		String(response.headers?.['content-disposition'] ?? ''),
	)?.[1];
	const fileName =
		fromHeader ??
		`${url.pathname.split('/').filter(Boolean).slice(-2).join('-') || 'recording'}.mp3`;
	return { data, fileName, mimeType };
}
