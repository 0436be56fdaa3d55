// The two limits of a recording download, as options of Call → Get Recording and of the trigger's
// Attach Recording, and their reading (whole numbers of at least 1, named when they are not).
import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { requireWholeNumber } from './validation';

const MAX_MB = 50;
const TIMEOUT_SECONDS = 60;

export const recordingLimitOptions: INodeProperties[] = [
	{
		displayName: 'Max Recording Size (MB)',
		name: 'maxRecordingMb',
		type: 'number',
		default: MAX_MB,
		typeOptions: { minValue: 1 },
		description: 'Larger recordings are refused, with the reason, instead of being downloaded',
	},
	{
		displayName: 'Download Timeout (Seconds)',
		name: 'downloadTimeout',
		type: 'number',
		default: TIMEOUT_SECONDS,
		typeOptions: { minValue: 1 },
		description:
			'The whole download, redirects and retries included, must finish within this time, however slowly the bytes arrive',
	},
];

/** A trigger's Attach Recording options: the switch, the binary field and the two limits. */
export function attachRecordingOptions(displayOptions?: IDisplayOptions): INodeProperties[] {
	const shown = displayOptions ? { displayOptions } : {};
	return [
		{
			displayName: 'Attach Recording',
			name: 'attachRecording',
			type: 'boolean',
			default: false,
			description:
				'Whether to download the recording of an answered call as binary data (UniTalk may add recordings 10–15 minutes after the call)',
			...shown,
		},
		{
			displayName: 'Recording Field',
			name: 'binaryProperty',
			type: 'string',
			default: 'recording',
			description: 'Name of the binary field the recording goes in',
			...shown,
		},
		...recordingLimitOptions.map((option) => ({
			...option,
			description: `With Attach Recording: ${option.description}`,
			...shown,
		})),
	];
}

/** The limits set in `options` (a collection holding the fields above). */
export function recordingLimits(options: IDataObject): { maxBytes: number; deadlineMs: number } {
	const mb = requireWholeNumber(options.maxRecordingMb ?? MAX_MB, 'Max Recording Size (MB)');
	const seconds = requireWholeNumber(
		options.downloadTimeout ?? TIMEOUT_SECONDS,
		'Download Timeout (Seconds)',
	);
	return { maxBytes: mb * 1024 * 1024, deadlineMs: seconds * 1000 };
}
