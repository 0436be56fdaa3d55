// Every error message the UniTalk API reference documents, explained in our own words for the
// person reading the error in n8n. The reference's meaning is kept; its API field names are
// translated into what the user set in the node. Where one message means different things in
// different operations (UniTalk reuses "Task not found" in eleven autodialer actions), `by` holds
// the explanation for that operation, keyed by autodialer action (ADD_NUMBERS) or API path
// (/message/send). test/transport/errors.test.ts fails when the reference (its extracted facts,
// test/reference/unitalk-facts.json) lists a message missing here. `busy` marks answers that mean
// "nothing was executed, try again later": the transport waits and retries those even for
// requests with side effects.
export type ErrorKind = 'documented' | 'busy' | 'auth' | 'rateLimited' | 'banned';

export interface CatalogEntry {
	kind: ErrorKind;
	explanation: string;
	/** A more precise explanation for one operation: autodialer action or API path. */
	by?: Record<string, string>;
	/** The error's title in our words, for the messages users meet most (see TITLES). */
	title?: string;
}

const doc = (explanation: string, by?: Record<string, string>): CatalogEntry => ({
	kind: 'documented',
	explanation,
	by,
});
const busy = (explanation: string): CatalogEntry => ({ kind: 'busy', explanation });

const UNKNOWN_AUTODIALER =
	'No autodialer with this ID exists in your UniTalk project (it may have been deleted). Pick the autodialer from the list, or check the ID.';
const FINISHED = (verb: string) =>
	`The autodialer has already finished, so it cannot be ${verb}. Create a new autodialer instead.`;
const CANCELED = (verb: string) =>
	`The autodialer was canceled, so it cannot be ${verb}. Create a new autodialer instead.`;
const NUMBERS_BUSY =
	'UniTalk adds or removes numbers in only one autodialer of a project at a time, and another change is still running. Nothing was changed; the node waits and tries again.';
const TTS_SETTINGS_MISSING =
	'A text-to-speech part has no voice settings. Choose the voice settings (TTS Settings) for every spoken text.';
const TTS_SSML_INVALID =
	'The SSML of a text-to-speech part is longer than 5,000 characters or is not wrapped in <speak>…</speak>.';
const TTS_EMPTY = 'A text-to-speech part has neither text nor SSML. Give one of them.';
const TTS_TEXT_TOO_LONG = 'The text of a text-to-speech part is longer than 4,960 characters.';
const TTS_FAILED =
	'UniTalk could not synthesize speech from the text. Try again, or change the text.';
const TTS_SETTINGS_UNKNOWN =
	'The voice settings (TTS Settings) chosen for a spoken text do not exist in your UniTalk project.';
const NOT_PAID =
	'Your UniTalk tariff is not active: the balance may be empty, or the tariff does not include API calls. Check billing in UniTalk.';
const NO_MESSAGING =
	'Your UniTalk project has no SMS/Viber sending service connected. Connect one in UniTalk first.';
const MESSAGE_REJECTED =
	'The message service rejected the message. Usual causes: a wrong recipient number, a destination the service settings do not allow, no message type chosen, SMS or Viber switched off in the service settings, or an empty, too long or invalid text.';
const TRIGGER_ACTIONS =
	'Check Trigger Actions (JSON): each event maps to a list of event handler IDs from the account.';

export const ERROR_CATALOG: Record<string, CatalogEntry> = {
	'Action not found': doc(
		'UniTalk did not recognise the requested action. This points to a fault in the node: please report it.',
	),
	'Allowed only one simultaneous text to speech request per project': busy(
		'UniTalk synthesizes speech for only one request per project at a time, and another one is still running. Nothing was done; the node waits and tries again.',
	),
	'Analytics is not available for this call': doc(
		'Voice analytics needs separate recordings of both sides of the call, and this call does not have them.',
	),
	'audios: Audio is empty': doc('An audio part has neither an audio ID nor text to speak.'),
	'audios: Audio is null': doc('One of the audio parts is empty.'),
	'audios: Audio not found by id': doc(
		'An audio ID in the audio parts does not exist in your UniTalk project.',
	),
	'audios: Text to speech ‘settingsId’ is null': doc(TTS_SETTINGS_MISSING),
	'audios: Text to speech ‘ssml’ not valid': doc(TTS_SSML_INVALID),
	'audios: Text to speech ‘text’ and ‘ssml’ is null': doc(TTS_EMPTY),
	'audios: Text to speech ‘text’ not valid': doc(TTS_TEXT_TOO_LONG),
	'audios: Text to speech failed': doc(TTS_FAILED),
	'audios: Text to speech settings not found by id': doc(TTS_SETTINGS_UNKNOWN),
	'audios: Too many audios': doc('There are too many audio parts for one call.'),
	'audios: Too many text to speech': doc('There are too many spoken-text parts for one call.'),
	'audios: Wrong type of audio': doc(
		'An audio used here was uploaded to another section of UniTalk. Use audio from the Calls (API) section.',
	),
	'Autodial not found': doc(UNKNOWN_AUTODIALER),
	'Billing not allow': doc(
		'Autodialers are not included in your UniTalk tariff, or the tariff has not been paid.',
	),
	'Call already in progress': doc(
		'The previous call to this number has not ended yet. Wait for it to end before calling again.',
	),
	'Call does not exist': doc('No call with this Call ID exists in your UniTalk project.'),
	'Call not found': doc('This number is not in the autodialer.'),
	'callHistoryRequest is null': doc(
		'The request for call history was empty. This points to a fault in the node: please report it.',
	),
	'Calls not found': doc(
		'No number was removed: none of the listed numbers were in the autodialer.',
	),
	'clientCalledMode is null': doc('Choose who is called first (Client Called Mode).'),
	compositeAudio: doc(
		'The composite audio of the autodialer is not valid. Usual causes: more than 20 parts; an audio ID that does not exist or belongs to another section than Autodialer; a spoken part without its dynamic value; voice settings that do not exist; or a pause outside 1–10,000 ms.',
	),
	'crmMode is null': doc('Choose the CRM mode of the autodialer.'),
	'Data fields is all null': doc('Every field of the number data is empty. Fill in at least one.'),
	'data is empty': doc('Nothing was given to voice: add at least one text.'),
	'data is null': doc('Nothing was given to voice: add at least one text.'),
	'Empty phones': doc('No phone numbers were given.'),
	'Empty request': doc('Give a user ID or an internal number.'),
	'Few trigger actions with same type': doc(
		`One event has two event handlers of the same type; each type may appear once per event. ${TRIGGER_ACTIONS}`,
	),
	'Future data is absent': doc('The period is in the future, so there is no data for it yet.'),
	'Group not found': doc(
		'The group of internal lines chosen for the autodialer does not exist in your UniTalk project.',
	),
	'groupId and pseudoGroupOperators is null': doc(
		'This autodialer type or mode needs a group of internal lines or a list of operators. Choose one.',
	),
	'Handler is busy, try again later': busy(NUMBERS_BUSY),
	'id is not specified': doc('The ID is missing.'),
	'Id is null': doc('The ID is missing.'),
	'In scenario not found': doc(
		'The incoming scenario chosen for the autodialer does not exist in your UniTalk project.',
	),
	'Incorrect time format': doc('The start time is not in a format UniTalk accepts.'),
	'Insufficient funds': doc('Your UniTalk balance is too low. Top it up in UniTalk.'),
	'Internal error': doc('UniTalk failed while synthesizing the audio. Try again later.'),
	'Invalid date from': doc('The start of the period is not a valid date and time.'),
	'Invalid date to': doc('The end of the period is not a valid date and time.'),
	'Invalid id': doc('The ID is missing or not valid.'),
	'Invalid phones': doc(
		'Some phone numbers are not valid; UniTalk lists them in the details. Use full international numbers without “+”.',
	),
	'IVR can be used for SIPs only': doc(
		'The voice menu contains actions that are not allowed here (a voice menu can route only to internal lines).',
	),
	'Limit of Simultaneously calls has reached': doc(
		'Your project already has 20 calls in progress, UniTalk’s limit. Try again when some have ended.',
	),
	'Limit range is 1-1000': doc('Limit must be between 1 and 1,000.'),
	'Limit range is 1-5000': doc('Limit must be between 1 and 5,000.'),
	'Message distribution completed': doc(
		'The distribution has already finished, so it cannot be changed.',
	),
	'Message distribution not found': doc(
		'No distribution with this ID exists in your UniTalk project.',
	),
	'Message not found': doc('No message with this Message ID exists in your UniTalk project.'),
	'Message service not connected': doc(NO_MESSAGING),
	'messages contains null key': doc('One of the messages has no phone number.'),
	'messages contains null value': doc('One of the messages has no text.'),
	'messages is empty': doc('No messages were given.'),
	'Messages not specified': doc('No messages and no recipients were given.'),
	'messagesType is null': doc('Choose the message type (SMS or Viber).'),
	'Meta info is too big': doc('The meta data is longer than 1,000 characters.'),
	'Moh not found': doc(
		'The on-hold music chosen for the autodialer does not exist in your UniTalk project.',
	),
	'Name already present': doc(
		'Your project already has an autodialer with this name. Choose another name.',
	),
	'Name is empty': doc('Give the audio a name.'),
	'Name length more than 200 chars': doc('The audio name is longer than 200 characters.'),
	'No audio and IVR': doc(
		'Choose what the call plays: audio parts, a voice menu or a voice secretary.',
	),
	'No customer numbers are listed': doc('No recipient numbers were given.'),
	'No users was specified for notifications hide': doc(
		'Choose at least one user whose notification should be hidden.',
	),
	'No users was specified for notifications send': doc('Choose at least one user to notify.'),
	'No users with connected chrome extension was found': doc(
		'None of the chosen users has the UniTalk Web Dialer (Chrome extension) connected.',
	),
	'Not compatible trigger action': doc(
		`An event handler is used with an event it cannot handle. ${TRIGGER_ACTIONS}`,
	),
	'Not found in scenario and audio': doc(
		'An autodialer of type Autodial needs audio or an incoming scenario. Choose one.',
	),
	'Not found out scenario': doc(
		'The outgoing scenario chosen does not exist in your UniTalk project.',
	),
	'Not found text to speech settings': doc(TTS_SETTINGS_UNKNOWN),
	'NotificationId not specified': doc('Give the Notification ID.'),
	'numbers and states is null': doc('Give the numbers or the call states to act on.'),
	'Numbers is null or empty': doc('No numbers were given.'),
	'Numbers limit exceeded': doc(
		'The autodialer would hold more than 1,000,000 numbers, UniTalk’s limit. Remove numbers or use another autodialer.',
	),
	'Numbers not added': doc(
		'UniTalk added none of the numbers: they are most likely in the autodialer already (turn on "Call Again if Already Added" to process them again).',
	),
	'Numbers not found': doc('None of the numbers were found in the autodialer.', {
		REMOVE_NUMBERS: 'None of the numbers to remove are in the autodialer.',
		REMOVE_ALL_NUMBERS: 'The autodialer has no numbers to remove.',
	}),
	'Numbers not found by states': doc('No number in the autodialer has the chosen call states.', {
		REFRESH: 'No number in the autodialer has the call states chosen to refresh.',
		REMOVE_NUMBERS: 'No number in the autodialer has the call states chosen to remove.',
	}),
	'Offset cannot be negative': doc('Offset cannot be negative.'),
	'Offset is less than 0': doc('Offset cannot be negative.'),
	'Only 50 concurrent requests are allowed': busy(
		'UniTalk is already running 50 voice analyses for your project (its limit, other systems’ included). Nothing was started; the node waits for an analysis to finish and tries again, for up to 30 minutes.',
	),
	'Operator not found: …': doc(
		'An operator (internal line) in the operator list does not exist in your UniTalk project.',
	),
	'Outer line is tracked': doc(
		'This external line is used for call tracking, so it cannot place outgoing calls. Choose another line.',
	),
	'Outer line not found': doc(
		'The external line chosen for outgoing calls does not exist in your UniTalk project.',
	),
	'Phones is not specified': doc('No phone numbers were given.'),
	'Phones not added': doc(
		'UniTalk added none of the numbers; they may already be in the autodialer.',
	),
	'Phones not found': doc('No valid phone number was found among the numbers given.', {
		REMOVE_NUMBERS: 'No numbers to remove were given.',
	}),
	'Please confirm phone number': doc(
		'Your UniTalk project is not verified yet, and unverified projects cannot create autodialers. Confirm the project’s phone number in UniTalk.',
	),
	'Prefix is too long': doc('The prefix is longer than 20 characters.'),
	'Profile does not exist': doc('No voice analytics profile with this ID exists.'),
	'recipients contains null': doc('One of the recipients is empty.'),
	'recipients is empty': doc('No recipients were given.'),
	'Repeat call state is not allowed': doc(
		'A call state chosen for repeat calls cannot be repeated. Check the repeat call settings.',
	),
	'Repeat call states is empty': doc(
		'Repeat calls are switched on, but no call states to repeat are chosen. Check the repeat call settings.',
	),
	'Same name already present': doc('Your project already has an audio with this name.'),
	'Service not paid': doc(NOT_PAID),
	'Service response': doc(
		'The message service refused the message. Usual causes: its authorization or balance, its request limit, a duplicate message, a blocked or invalid sender name or one still in moderation, a blocked or invalid recipient number, a country or Viber sending that is not available, or invalid text.',
	),
	'Source is offline': doc('The prompter’s line is offline.'),
	'Source not found': doc('The prompter’s line does not exist in your UniTalk project.'),
	'state is not allowed': doc('One of the chosen call states cannot be refreshed.'),
	'states is null or empty': doc('Choose at least one call state.'),
	'Target is not in call': doc('The line to join is not in a call now.'),
	'Target not found': doc('The line to join does not exist in your UniTalk project.'),
	'Task is canceled': doc(CANCELED('changed'), {
		CANCEL: CANCELED('canceled again'),
		PAUSE: CANCELED('paused'),
		UNPAUSE: CANCELED('resumed'),
	}),
	'Task is finished': doc(FINISHED('changed'), {
		CANCEL: FINISHED('canceled'),
		PAUSE: FINISHED('paused'),
		UNPAUSE: FINISHED('resumed'),
	}),
	'task is null': doc(
		'The autodialer settings were empty. This points to a fault in the node: please report it.',
	),
	'Task not found': doc(UNKNOWN_AUTODIALER, {
		UPDATE: `${UNKNOWN_AUTODIALER} Nothing was updated.`,
		GET_CALLS_HISTORY: `${UNKNOWN_AUTODIALER} No call history was read.`,
	}),
	'Tasks limit exceeded': doc(
		'Your project already has the most autodialers UniTalk allows. Delete or cancel old ones first.',
	),
	'text is null or empty': doc('The message text is empty.'),
	'Text to speech ‘settingsId’ is null': doc(TTS_SETTINGS_MISSING),
	'Text to speech ‘ssml’ not valid': doc(TTS_SSML_INVALID),
	'Text to speech ‘text’ and ‘ssml’ is null': doc(TTS_EMPTY),
	'Text to speech ‘text’ not valid': doc(TTS_TEXT_TOO_LONG),
	'Text to speech failed': doc(TTS_FAILED),
	'Text to speech settings not found by id': doc(TTS_SETTINGS_UNKNOWN),
	'The name already exists': doc(
		'Your project already has a distribution with this name. Choose another name.',
	),
	'The name cannot be empty or contain more than 45 characters': doc(
		'The distribution name must be 1–45 characters long.',
	),
	'The project does not have a messaging service connected': doc(NO_MESSAGING),
	'The specified users are not found or chrome extension not connected': doc(
		'The chosen users do not exist, or none of them has the UniTalk Web Dialer (Chrome extension) connected.',
	),
	'There can be no more than 10000 numbers in the message distribution': doc(
		'A distribution can hold at most 10,000 numbers.',
	),
	'Token not found': doc('UniTalk does not know this token.'),
	'Too many elements in data': doc('At most 5 texts can be voiced in one request.'),
	'Too many messages': doc('At most 100 messages can be sent in one request.'),
	'Too many numbers': doc('Too many numbers in one request.', {
		ADD_NUMBERS: 'At most 100,000 numbers can be added in one request.',
		REMOVE_NUMBERS: 'At most 10,000 numbers can be removed in one request.',
	}),
	'Too many params': doc('A number can carry at most 10 parameters.'),
	'Too many phones': doc('At most 100 phone numbers are accepted in one request.'),
	'Too many recipients': doc('At most 100 recipients are accepted in one request.'),
	'Too many trigger actions': doc(`One event has more than 5 event handlers. ${TRIGGER_ACTIONS}`),
	'Trigger action not found': doc(
		`An event handler ID does not exist in your UniTalk project. ${TRIGGER_ACTIONS}`,
	),
	'triggerActionIds is null': doc(`One event has no event handlers. ${TRIGGER_ACTIONS}`),
	'Try again later': busy(
		'This autodialer was changed less than a minute ago, and UniTalk allows one change a minute. Nothing was done; the node waits and tries again.',
	),
	'tts is null': doc('No text to speak was given.'),
	'type is null': doc('Choose the section the audio belongs to.'),
	'UniTalk did not allow sending': doc(
		'UniTalk did not allow the message. Usual causes: a destination that is not available, a balance too low, or a project that is not active.',
	),
	'Unknown error': doc('UniTalk failed without saying why. Try again later.'),
	'User with id *xxxx* not found': doc('No user with this ID exists in your UniTalk project.'),
	'Validation error': doc(MESSAGE_REJECTED),
	'Voice analytics is already in progress': doc(
		'An analysis of this call was started elsewhere (another n8n process or instance, or another system with this key) and is still running. UniTalk gives its result only to the request that started it: look in that execution. This n8n process shares an analysis it started itself with every item and execution naming the same call. Once it finished, running this again starts (and bills) a new analysis: UniTalk has no method to read a finished one.',
	),
	'Voice analytics is not available': doc(
		'UniTalk’s voice analytics service is not available now.',
	),
	'Voice secretary not found': doc(
		'The voice secretary chosen for the autodialer does not exist in your UniTalk project.',
	),
	'voiceSecretaryId is null': doc(
		'An autodialer of type Voice Robot needs a voice secretary. Choose one.',
	),
	'Wait until the previous request is processed': busy(
		'UniTalk is still removing scheduled event handlers from an earlier request, and runs one such removal per project at a time. Nothing was done; the node waits and tries again.',
	),
	'Wrong audio type: moh': doc(
		'The on-hold music chosen for the autodialer was uploaded to another section of UniTalk. Use audio from the On-Hold Music section.',
	),
	'Wrong audios': doc(
		'Some numbers carry audio parts UniTalk cannot use; the details list each number with its problem. Usual causes: too many parts or spoken texts, an empty part, an audio ID that does not exist or belongs to another section, a spoken text with neither text nor SSML, text or SSML longer than 2,500 characters, SSML not wrapped in <speak>…</speak>, or voice settings that do not exist.',
	),
	'Wrong dates': doc('Give both dates of the period, with the start before the end.'),
	'Wrong FROM date': doc('The start date and time of the period is missing or not valid.'),
	'Wrong group type': doc('The group chosen for the autodialer is not a group of internal lines.'),
	'Wrong name': doc('The name must be 1–45 characters long.'),
	'Wrong numbers': doc(
		'Some numbers are not valid phone numbers; UniTalk lists them in the details. Use full international numbers without “+”.',
	),
	'Wrong parameter key': doc('Parameter keys must be numbers from 1 to 10.'),
	'Wrong phone': doc('The client’s phone number is not valid.'),
	'Wrong phone number': doc('The phone number is not valid.'),
	'Wrong time ranges': doc(
		'The working hours are not valid: give one range per day of the week (7), each starting before it ends, and not all of them empty.',
	),
	'Wrong TO date': doc('The end date and time of the period is missing or not valid.'),
	'Wrong trigger action event': doc(
		`Trigger Actions names an event UniTalk does not know. ${TRIGGER_ACTIONS}`,
	),
	// Direct Call's errors are not in message/explanation pairs in the reference.
	'Sip not found': doc('The internal line (SIP) does not exist in your UniTalk project.'),
	'Sip not ready': doc('The internal line is offline or busy.'),
};

/**
 * Answers the reference does not spell out (its auth-error example is an image; blocks are only
 * described in prose). The stand-in server uses the same wording; the transport also recognises
 * them by HTTP status (401/403/429), so a different real wording is still classified correctly.
 */
export const UNDOCUMENTED_ANSWERS = {
	auth: 'Wrong API key',
	rateLimited: 'Too many requests',
	banned: 'Account is blocked',
} as const;

/**
 * Titles in our words for the errors a workflow builder meets most: the title then reads
 * 'UniTalk: No autodialer with this ID ("Task not found")' — what happened, and UniTalk's words.
 */
const TITLES: Record<string, string> = {
	'Task not found': 'No autodialer with this ID',
	'Autodial not found': 'No autodialer with this ID',
	'Task is finished': 'The autodialer has already finished',
	'Sip not found': 'No such internal line (SIP)',
	'Sip not ready': 'The internal line is offline or busy',
	'Billing not allow': 'Your UniTalk tariff is not active',
	'Service not paid': 'Your UniTalk tariff is not active',
	'Insufficient funds': 'Your UniTalk balance is too low',
	'Wrong numbers': 'UniTalk refused some numbers as invalid',
	'Numbers limit exceeded': 'Too many numbers for one autodialer',
	'Numbers not added': 'UniTalk added none of the numbers',
	'Message service not connected': 'No SMS/Viber service is connected',
	'Operator not found: …': 'No such operator',
	'Wrong FROM date': 'The start of the period is not valid',
	'Wrong TO date': 'The end of the period is not valid',
};
for (const [message, title] of Object.entries(TITLES)) ERROR_CATALOG[message].title = title;

const PREFIXED = Object.keys(ERROR_CATALOG).filter((m) => m.endsWith(': …'));

/**
 * The explanation of a UniTalk message for the operation that got it (`where`: autodialer action
 * or API path): exact message first, then "Operator not found: …"-style prefixes.
 */
export function lookupError(
	message: string,
	where?: string,
): { kind: ErrorKind; explanation: string; title?: string } | undefined {
	const entry = catalogEntry(message.trim());
	if (!entry) return undefined;
	const explanation = (where && entry.by?.[where]) || entry.explanation;
	return { kind: entry.kind, explanation, title: entry.title };
}

/** Own entries only: a server message such as "constructor" must not find Object's prototype. */
const entryOf = (message: string | undefined): CatalogEntry | undefined =>
	message !== undefined && Object.hasOwn(ERROR_CATALOG, message)
		? ERROR_CATALOG[message]
		: undefined;

function catalogEntry(message: string): CatalogEntry | undefined {
	const exact = entryOf(message);
	if (exact) return exact;
	const prefixed = PREFIXED.find((m) => message.startsWith(m.slice(0, -1)));
	if (prefixed) return entryOf(prefixed);
	if (/^User with id .+ not found$/.test(message)) return entryOf('User with id *xxxx* not found');
	// "Service response: Invalid authorization data": a documented message, then the service's words.
	return entryOf(/^([^:]+): /.exec(message)?.[1]);
}
