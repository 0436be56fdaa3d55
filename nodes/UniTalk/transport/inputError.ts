// Bad input, found before anything is sent: the message names the field; the engine adds the item.
// It lives at the bottom layer because the transport refuses inputs too (a recording link to a host
// that is not UniTalk's); shared/validation re-exports it for resources and triggers.
export class InputError extends Error {
	constructor(
		message: string,
		readonly field?: string,
		readonly invalid?: unknown[],
	) {
		super(message);
	}
}
