// Every error message the UniTalk API reference documents, with the reference's own explanation.
// Written from UniTalk's API reference; test/transport/errors.test.ts fails when the reference (its
// extracted facts, test/reference/unitalk-facts.json) lists a message that is missing here. `busy`
// marks answers that mean "nothing was executed, try again later": the transport waits and retries
// those even for requests with side effects.
export type ErrorKind = 'documented' | 'busy' | 'auth' | 'rateLimited' | 'banned';

export interface CatalogEntry {
	kind: ErrorKind;
	explanation: string;
}

const doc = (explanation: string): CatalogEntry => ({ kind: 'documented', explanation });
const busy = (explanation: string): CatalogEntry => ({ kind: 'busy', explanation });

export const ERROR_CATALOG: Record<string, CatalogEntry> = {
	'Action not found': doc('Missing action parameter in link.'),
	'Allowed only one simultaneous text to speech request per project': busy(
		'The same project cannot call this method multiple times at the same time. Wait until the previous request completes.',
	),
	'Analytics is not available for this call': doc(
		'It is not possible to generate voice analytics because there are no separate records for the specified call.',
	),
	'audios: Audio is empty': doc(
		'There is an element in the audios array in which id and tts are null.',
	),
	'audios: Audio is null': doc('There is a null element in the audios array.'),
	'audios: Audio not found by id': doc(
		'The audio recording was not found in the project by the specified id.',
	),
	'audios: Text to speech ‘settingsId’ is null': doc(
		'Id of speech synthesis settings in tts is not specified.',
	),
	'audios: Text to speech ‘ssml’ not valid': doc(
		'In tts the ssml field is longer than 5000 characters or does not start and end with the speak tag.',
	),
	'audios: Text to speech ‘text’ and ‘ssml’ is null': doc(
		'In ttstext and ssml fields are empty, at least one must be non-null.',
	),
	'audios: Text to speech ‘text’ not valid': doc(
		'In tts the text field is longer than 4960 characters.',
	),
	'audios: Text to speech failed': doc('Error when synthesizing audio from text.'),
	'audios: Text to speech settings not found by id': doc(
		'Speech synthesis settings were not found in the project by id specified in tts.settingsId.',
	),
	'audios: Too many audios': doc('There are too many elements in audios array.'),
	'audios: Too many text to speech': doc(
		'There are too many elements in audios there are too many elements in the audios array with voiceover text tts.',
	),
	'audios: Wrong type of audio': doc(
		'The audio recording specified in audios is not in the calls API category.',
	),
	'Autodial not found': doc('Autodialer not found by id.'),
	'Billing not allow': doc(
		'Autodialers are not available on this tariff, or the tariff has not been paid.',
	),
	'Call already in progress': doc('The previous call to this subscriber has not ended yet.'),
	'Call does not exist': doc('No call found by the specified callId.'),
	'Call not found': doc('Number not found in the autodialer.'),
	'callHistoryRequest is null': doc('CallHistoryRequest parameter not specified.'),
	'Calls not found': doc(
		'Failed to delete any number. It is possible that none of the listed numbers were in the autodialer.',
	),
	'clientCalledMode is null': doc('The clientCalledMode field is not specified in the request.'),
	compositeAudio: doc(
		'Error when specifying composite audio in autodialers with AUTODIAL type. Possible reasons: ·too many audio parts – composite audio contains more than 20 parts ·audio not found – audio was not foud by specified id ·audio type is not AUTODIAL – audio of another section was found by specified id ·synthesis dynamicValue is null – dynamicValue parameter is not specified in the speech synthesis element ·speech synthesis settings not found – speech synthesis setings profile was not foud by specified settingsId ·invalid silenceMillis – silenceMillis value is not in range from 1 to 10 000.',
	),
	'crmMode is null': doc('The crmMode field is not specified in the request.'),
	'Data fields is all null': doc('The value of any field of the object is not specified data.'),
	'data is empty': doc('There are no elements in the data parameter.'),
	'data is null': doc('There is no data parameter in the request.'),
	'Empty phones': doc('Phones parameter is not specified or empty.'),
	'Empty request': doc('No id or number specified.'),
	'Few trigger actions with same type': doc(
		'In the triggerActionsarray, one of the triggerActionEventcontains 2 event handlers with the same action type.',
	),
	'Future data is absent': doc('Future date specified, corresponding data missing.'),
	'Group not found': doc(
		'Autodialer’s type is GUARANTEED_DIAL or mode is FREE or SMART, but group of internal lines was not foud by specified id.',
	),
	'groupId and pseudoGroupOperators is null': doc(
		'Autodialer’s type is GUARANTEED_DIAL or mode is FREE or SMART, but groupId parameter or pseudoGroupOperators parameter is not specified in the request.',
	),
	'Handler is busy, try again later': busy(
		'One project can simultaneously delete or add numbers in only one autodialer. At this moment, numbers are deleted or added in one of the project autodialers. Please try again later when the previous operation completes. Can only occur if the numbers numbers is specified during an ADD action. Or: One project can simultaneously delete or add numbers in only one autodialer. At this moment, numbers are deleted or added in one of the project autodialers. Please try again later when the previous operation completes.',
	),
	'id is not specified': doc('The required id parameter is not specified.'),
	'Id is null': doc('Missing id parameter in link.'),
	'In scenario not found': doc(
		'Autodialer’s type is AUTODIAL, but incoming scenario was not found by specified id.',
	),
	'Incorrect time format': doc('The format of the startTime parameter is incorrect.'),
	'Insufficient funds': doc('There are insufficient funds on the project balance.'),
	'Internal error': doc('Unknown error during audio synthesis.'),
	'Invalid date from': doc('Incorrect “from” date and time in filters.'),
	'Invalid date to': doc('Incorrect “to” date and time in filters.'),
	'Invalid id': doc('The id parameter is missing or not valid.'),
	'Invalid phones': doc(
		'The phones parameter contains invalid numbers. The data response parameter will contain an array of phones elements that did not pass validation.',
	),
	'IVR can be used for SIPs only': doc('Voice menu contains unauthorized actions.'),
	'Limit of Simultaneously calls has reached': doc('Limit of 20 simultaneous calls reached.'),
	'Limit range is 1-1000': doc('The limit parameter is not specified or is incorrect.'),
	'Limit range is 1-5000': doc('The limit value is not in the range from 1 to 5000.'),
	'Message distribution completed': doc('Distribution is already completed.'),
	'Message distribution not found': doc('No distribution was found by the specified id.'),
	'Message not found': doc('No message was found by the specified id.'),
	'Message service not connected': doc('Message sending service is not connected.'),
	'messages contains null key': doc('There is an empty key in the messages array.'),
	'messages contains null value': doc('There is an empty value in the messages array.'),
	'messages is empty': doc('The messages array is empty.'),
	'Messages not specified': doc(
		'Neither the messages nor recipients parameter is specified in the request.',
	),
	'messagesType is null': doc('No type of messages selected.'),
	'Meta info is too big': doc('Meta is more than 1000 characters.'),
	'Moh not found': doc(
		'Autodialer’s type is GUARANTEED_DIAL, but melody of waiting on the line was not foud by specified id.',
	),
	'Name already present': doc('An autodialer with this name already exists in the project.'),
	'Name is empty': doc('Audio name not specified or empty.'),
	'Name length more than 200 chars': doc('Audio name is too long, maximum 200 characters allowed.'),
	'No audio and IVR': doc(
		'Audios, ivrId and voiceSecretaryId are not specified, at least one must be specified.',
	),
	'No customer numbers are listed': doc('The numbers in the numbers list are not specified.'),
	'No users was specified for notifications hide': doc(
		'No user has been specified to hide the notification.',
	),
	'No users was specified for notifications send': doc(
		'No user has been specified to send the notification.',
	),
	'No users with connected chrome extension was found': doc(
		'The specified users have not connected Web Dialer.',
	),
	'Not compatible trigger action': doc(
		'In the triggerActionsarray, one of the triggerActionEventcontains an event handler idthat is incompatible with this triggerActionEvent.',
	),
	'Not found in scenario and audio': doc(
		'Autodialer’s type is AUTODIAL, but neither audio nor incoming scenario is specified in the request.',
	),
	'Not found out scenario': doc('Outgoing scenarion was not foud by specified id.'),
	'Not found text to speech settings': doc(
		'Speech synthesis setings profile was not foud by specified id.',
	),
	'NotificationId not specified': doc('NotificationIdnot specified.'),
	'numbers and states is null': doc('Both numbers and callStates fields are null or empty.'),
	'Numbers is null or empty': doc('Numbers and numbersWithDataare empty or null.'),
	'Numbers limit exceeded': doc(
		'The limit of 1,000,000 numbers in the autodialer has been exceeded.',
	),
	'Numbers not added': doc('No numbers were added.'),
	'Numbers not found': doc(
		'None of the numbers in the numbers array were found in the autodialer. Or: There are no numbers in the specified autodialer.',
	),
	'Numbers not found by states': doc(
		'No numbers with the specified statuses were found. Or: Based on the statuses from the callStates array, not a single number was found in the autodialer.',
	),
	'Offset cannot be negative': doc('Offset must be positive.'),
	'Offset is less than 0': doc('Offset must be positive.'),
	'Only 50 concurrent requests are allowed': busy(
		'The limit of simultaneously processed calls has been exceeded.',
	),
	'Operator not found: …': doc('In pseudoGroupOperators parameter used invalid SIP lines.'),
	'Outer line is tracked': doc(
		'Specified external line participates in tracking. You cannot make outgoing calls from it.',
	),
	'Outer line not found': doc(
		'Specified external line for outgoing calls was not found in the project.',
	),
	'Phones is not specified': doc('Phones parameter is not specified or empty.'),
	'Phones not added': doc(
		'Failed to add numbers to the autodialer. Perhaps the numbers have already been added to the autodialer.',
	),
	'Phones not found': doc(
		'Numbers array does not contain any numbers. Or: The phones parameter is not empty, but at least one valid phone number was not found in it.',
	),
	'Please confirm phone number': doc('Unverified projects cannot create autodialers.'),
	'Prefix is too long': doc('The prefix must not exceed 20 characters.'),
	'Profile does not exist': doc('No profile found by the specified profileId.'),
	'recipients contains null': doc('There is an empty value in the recipients list.'),
	'recipients is empty': doc('The recipients list is empty.'),
	'Repeat call state is not allowed': doc(
		'An invalid callState was passed in the repeatCallStatesarray.',
	),
	'Repeat call states is empty': doc(
		'RepeatCallAttemptsindicates the need for automatic re-call, but repeatCallStates is empty or null.',
	),
	'Same name already present': doc('Audio with the same name already exists in the project.'),
	'Service not paid': doc(
		'Tariff is not active, there may be no funds on the account, or there are no API calls in tariff. Or: Tariff is not active, there may be no funds on the account.',
	),
	'Service response': doc(
		'Service response. Possible causes: · Invalid authorization data · Insufficient funds on the balance · Request limit exceeded · Duplicate message · IP address is not allowed in the messaging service · Sender’s name is blocked by recipient · Recipient’s country not available · Recipient’s number is blocked · Invalid sender name · Sender name on moderation · Invalid recipient number · Invalid text · Sending messages to Viber is not available · Data is incorrect · Viber messaging service is temporarily unavailable.',
	),
	'Source is offline': doc('The prompter line is offline.'),
	'Source not found': doc('The prompter line not found.'),
	'state is not allowed': doc(
		'The callStates array contains a status that is not valid for REFRESH.',
	),
	'states is null or empty': doc('CallStates list is empty or null.'),
	'Target is not in call': doc('The target line is not in the call.'),
	'Target not found': doc('The target line not found in project.'),
	'Task is canceled': doc(
		'It is impossible to cancel an autodialer with the CANCELED status. Or: It is impossible to pause an autodialer with the CANCELED status. Or: It is impossible to unpause an autodialer with the CANCELED status.',
	),
	'Task is finished': doc(
		'It is impossible to cancel an autodialer with the FINISHED status. Or: It is impossible to pause an autodialer with the FINISHED status. Or: It is impossible to unpause an autodialer with the FINISHED status.',
	),
	'task is null': doc('Parameter taskis not specified in the request.'),
	'Task not found': doc(
		'Autodialer not found by idduring UPDATE. Or: Autodialer was not found by specified id. Or: An autodialer was not found by the specified id. Or: An autodialer was not found by the specified id or id not specified.',
	),
	'Tasks limit exceeded': doc('The maximum number of autodiales in the project has been exceeded.'),
	'text is null or empty': doc(
		'The recipients list is used for sending, but the text is not specified.',
	),
	'Text to speech ‘settingsId’ is null': doc(
		'Id of speech synthesis settings in tts is not specified.',
	),
	'Text to speech ‘ssml’ not valid': doc(
		'In ttsssml field is longer than 5000 characters or does not start and end with the speak tag.',
	),
	'Text to speech ‘text’ and ‘ssml’ is null': doc(
		'In ttstext and ssml fields are empty, at least one must be non-null.',
	),
	'Text to speech ‘text’ not valid': doc('In ttstext field is longer than 4960 characters.'),
	'Text to speech failed': doc('Error when synthesizing audio from text.'),
	'Text to speech settings not found by id': doc(
		'Speech synthesis settings were not found in the project by id specified in tts.settingsId.',
	),
	'The name already exists': doc('A distribution with that name already exists.'),
	'The name cannot be empty or contain more than 45 characters': doc(
		'Distribution name is not specified or exceeds 45 characters.',
	),
	'The project does not have a messaging service connected': doc(
		'Message sending service is not connected.',
	),
	'The specified users are not found or chrome extension not connected': doc(
		'The specified users are not found or they have not connected Web Dialer.',
	),
	'There can be no more than 10000 numbers in the message distribution': doc(
		'The number of numbers in the numbers list exceeds 10000.',
	),
	'Token not found': doc('Transferred token not found in UniTalk.'),
	'Too many elements in data': doc(
		'There are too many elements in the data parameter. A maximum of 5 voicings per 1 request is allowed.',
	),
	'Too many messages': doc('The messages array contains more than 100 pairs.'),
	'Too many numbers': doc(
		'The limit of 100,000 numbers per action has been exceeded. Or: The numbersarray contains more than 10,000 numbers.',
	),
	'Too many params': doc('More than 10 parameters were passed to params.'),
	'Too many phones': doc('More than 100 elements were passed in the phones parameter.'),
	'Too many recipients': doc('The recipients list contains more than 100 numbers.'),
	'Too many trigger actions': doc(
		'An array with more than 5 handlers is passed in the triggerActionsarray for one of the triggerActionEvent.',
	),
	'Trigger action not found': doc(
		'No handler was found for one of the idspecified in triggerActions.',
	),
	'triggerActionIds is null': doc('Null triggerActionEventwas passed in the triggerActionsarray.'),
	'Try again later': busy(
		'The previous action for the specified autodialer occurred less than a minute ago.',
	),
	'tts is null': doc('Data for voicing the text is not specified.'),
	'type is null': doc('Audio section not specified.'),
	'UniTalk did not allow sending': doc(
		'UniTalk did not allow sending. Possible causes: · Unavailable destination for sending · Insufficient funds on the balance · Project is not active.',
	),
	'Unknown error': doc('Unknown error.'),
	'User with id *xxxx* not found': doc('The user with the specified ID was not found.'),
	'Validation error': doc(
		'Validation errors. Possible causes: · Wrong recipient’s phone number · Sending messages to this destination is not allowed by the integration settings with the message sending service · Message type is not selected · SMS sending is disabled in the settings of the message sending service · Sending messages to Viber is disabled in the settings of the message sending service · Message cannot be empty · Message is too long · Message contains invalid characters. Or: Validation errors. Possible causes: · Message type is not selected · SMS sending is disabled in the settings of the message sending service · Sending messages to Viber is disabled in the settings of the message sending service · Message cannot be empty · Message is too long · Message contains invalid characters.',
	),
	'Voice analytics is already in progress': doc(
		'Voice analytics processing for the specified call has already started.',
	),
	'Voice analytics is not available': doc('The voice analytics service is unavailable.'),
	'Voice secretary not found': doc(
		'Autodialer’s type is VOICE_ROBOT, but voice secretary was not foud by specified id.',
	),
	'voiceSecretaryId is null': doc(
		'Autodialer’s type is VOICE_ROBOT, but voice secretary is not specified in the request.',
	),
	'Wait until the previous request is processed': busy(
		'One project can simultaneously run one deletion process for scheduled event handlers. At this moment, deletion is in process in the project. Please try again later when the previous operation completes.',
	),
	'Wrong audio type: moh': doc(
		'Autodialer’s type is GUARANTEED_DIAL, but audio of another section was found by specified id.',
	),
	'Wrong audios': doc(
		'The numbersWithDataarray contains numbers with invalid audios. The data field will contain an array of numbers with the corresponding audio error. Possible reasons of the error: · Too many audios – too many elements · Too many text to speech – too many elements with audio synthesis · Audio is null – there are elements with the null value · Audio not found by id – there are id for which the audio was not found · Wrong type of audio – there are id that coresponds to the audio of an invalid section · Text to speech ‘text’ and ‘ssml’ is null – there are tts in which both text and ssml are empty · Text to speech ‘text’ not valid – there are tts in which the text exceeds 2500 characters · Text to speech ‘ssml’ not valid – there are tts in which ssml exceeds 2500 characters or does not begin and end with the speak tag · Text to speech settings not found by id – there are ttsin which the audio synthesis settings profile was not found according to the specified settingsId · Audio is empty – there are elements in which both ttsand idare null.',
	),
	'Wrong dates': doc(
		'The call dates are not specified, or the start date of the call exceeds the end date.',
	),
	'Wrong FROM date': doc(
		'The start date and time of the target period are not specified or are incorrect.',
	),
	'Wrong group type': doc(
		'Autodialer’s type is GUARANTEED_DIALor mode is FREEor SMART, but specified group is not a group of internal lines.',
	),
	'Wrong name': doc('Name cannot be empty or longer than 45 characters.'),
	'Wrong numbers': doc(
		'The numbersarray contains incorrect numbers. The datafield will contain an array of numbers elements that did not pass validation. Or: There are incorrect numbers in the numbers list. A list of incorrect numbers will be returned in the data response parameter.',
	),
	'Wrong parameter key': doc('Params contains a key that is not a number from 1 to 10.'),
	'Wrong phone': doc('Subscriber’s phone number is incorrect.'),
	'Wrong phone number': doc('Phone number is invalid.'),
	'Wrong time ranges': doc(
		'The timeFromor timeToarray does not have 7 elements, any timeFrompair is later than timeToor all elements are null.',
	),
	'Wrong TO date': doc(
		'The end date and time of the target period are not specified or are incorrect.',
	),
	'Wrong trigger action event': doc(
		'An invalid triggerActionEvent was passed in the triggerActionsarray.',
	),
	// Direct Call's list in the reference is not in message/explanation pairs; explained by hand.
	'Sip not found': doc('The internal line (SIP) was not found in the project.'),
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

const PREFIXED = Object.keys(ERROR_CATALOG).filter((m) => m.endsWith(': …'));

/** Finds the catalogue entry for a UniTalk message (exact, then "Operator not found: …"-style prefixes). */
export function lookupError(message: string): CatalogEntry | undefined {
	const exact = ERROR_CATALOG[message.trim()];
	if (exact) return exact;
	const prefixed = PREFIXED.find((m) => message.startsWith(m.slice(0, -1)));
	if (prefixed) return ERROR_CATALOG[prefixed];
	if (/^User with id .+ not found$/.test(message))
		return ERROR_CATALOG['User with id *xxxx* not found'];
	return undefined;
}
