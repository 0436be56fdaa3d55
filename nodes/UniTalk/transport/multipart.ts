// multipart/form-data bodies built by hand (no runtime dependency).
import { randomBytes } from 'crypto';

/** One multipart/form-data part: a text field, or a file given as a Buffer. */
export interface MultipartPart {
	field: string;
	content: string | Buffer;
	fileName?: string;
	mimeType?: string;
}

/**
 * Builds a multipart body by hand so it works the same on every n8n version (no form-data
 * package at runtime, no reliance on a particular HTTP client's FormData support).
 */
export function encodeMultipart(parts: MultipartPart[]): { body: Buffer; contentType: string } {
	const boundary = `----unitalk${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const name = part.field.replace(/"/g, '');
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"`;
		if (part.fileName !== undefined) {
			head += `; filename="${part.fileName.replace(/["\r\n]/g, '_')}"`;
			head += `\r\nContent-Type: ${part.mimeType ?? 'application/octet-stream'}`;
		}
		chunks.push(Buffer.from(`${head}\r\n\r\n`), Buffer.from(part.content), Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
