// UniTalk's dictionary answers, read as records by the dropdowns (methods/) and the resources.
import type { IDataObject } from 'n8n-workflow';

/** {"123": "Name"} dictionaries → [{id: 123, name: "Name"}]. */
export function dictionaryToRecords(response: unknown): IDataObject[] {
	const body =
		(response as IDataObject)?.status && (response as IDataObject).data
			? (response as IDataObject).data
			: response;
	if (Array.isArray(body)) return body as IDataObject[];
	return Object.entries((body as IDataObject) ?? {})
		.filter(([key]) => key !== 'status' && key !== 'message')
		.map(([id, name]) => ({ id: /^\d+$/.test(id) ? Number(id) : id, name: name as string }));
}
