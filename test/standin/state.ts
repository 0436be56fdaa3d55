import type { Json } from './types';
import { Analyses } from './analyses';

/** Everything the stand-in account holds; tests seed and inspect it directly. */
export interface AutodialTask {
	id: number;
	name: string;
	autodialerType: string;
	autodialerMode: string;
	status: string;
	config: Json;
	numbers: Map<string, Json>;
	calls: Json[];
}

export class StandInState {
	/** Back to the account a new stand-in starts with (the routes keep this same object). */
	reset(): void {
		const { recordingBase } = this; // where the running stand-in serves recordings
		Object.assign(this, new StandInState(), { recordingBase });
	}

	private nextId = 5000;
	/** Where call recordings are served (the stand-in's own address once it listens). */
	recordingBase = 'https://api.unitalk.cloud:8443';
	tasks = new Map<number, AutodialTask>();
	audios = new Map<
		number,
		{ id: number; name: string; type: string; temp: boolean; size: number }
	>();
	messages = new Map<
		number,
		{ id: number; type: string; to: string; text: string; alfaName?: string }
	>();
	distributions = new Map<number, Json>();
	lists: Record<string, Set<string>> = {
		BLOCKED_PHONES: new Set(),
		BLOCKED_FOR_AUTODIAL_PHONES: new Set(),
	};
	scheduledHandlerPhones = new Set<string>(['380971111111', '380972222222']);
	history: Json[] = [];
	notifications = new Map<number, number[]>();
	lines: Record<string, 'online' | 'busy' | 'offline'> = {
		'1000': 'online',
		'1001': 'busy',
		'1002': 'offline',
	};
	groups = new Map<number, { id: number; name: string; numbers: string[] }>([
		[300, { id: 300, name: 'Sales managers', numbers: ['1000', '1001'] }],
	]);
	users = [
		{
			id: 11,
			email: 'anna@example.com',
			firstName: 'Anna',
			lastName: 'Koval',
			middleName: null,
			phone: 1000,
			role: 'ADMIN',
			workStatus: 'WORK',
			workStatusName: 'Cold Calling',
		},
		{
			id: 12,
			email: 'petro@example.com',
			firstName: 'Petro',
			lastName: null,
			middleName: null,
			phone: 1001,
			role: 'OPERATOR',
			workStatus: 'PAUS',
			workStatusName: 'Lunch',
		},
	];
	workStatusNames = ['Cold Calling', 'Lunch', 'Non-working hours'];
	ttsProfiles: Record<string, string> = { '18': 'Pretty woman voice', '16': 'Calm man voice' };
	dictionaries: Record<string, Record<string, string>> = {
		IVR: { '487': 'Main menu', '211': 'Departments' },
		INNER_PHONE: { '1000': 'Anna Koval', '1001': 'Petro', '1002': 'Reception' },
		SITE: { '7': 'site.ua' },
		IN_SCENARIO: { '70': 'Main with IVR' },
		OUT_SCENARIO: { '5678': 'From a fixed number' },
		STT_PROFILE: { '3': 'Ukrainian' },
		PHONE_GROUP: { '300': 'Sales managers' },
		TRIGGER_ACTION: { '2': '[Telegram] Personal notification' },
		VOICE_ROBOT: { '25': 'Survey robot' },
		CONTACT_FORMS: { '9': 'Callback form' },
		VOICE_ANALYTICS_PROFILE: { '123': 'Sample Name' },
	};
	/** Voice analytics in processing (test/standin/analyses.ts). */
	analyses = new Analyses();
	/** Replies forced onto upcoming requests (busy answers, outages…), see StandIn.inject(). */
	faults: Array<{ path: string; action?: string; times: number; reply: Json; delayMs?: number }> =
		[];

	newId(): number {
		return ++this.nextId;
	}

	/**
	 * Ids from here on are above `base`. A stand-in started again (npm start) passes the clock, so the
	 * calls it writes never reuse a dbid a polling workflow already saw before the restart.
	 */
	continueIdsFrom(base: number): void {
		this.nextId = Math.max(this.nextId, base);
	}

	/** The account's time zone, in which UniTalk writes history dates (the demo credential's zone). */
	timeZone = 'Europe/Kyiv';

	/** A moment as UniTalk writes it in the history: "yyyy-MM-dd HH:mm:ss" in the account's zone. */
	localTime(ms: number): string {
		const parts = Object.fromEntries(
			new Intl.DateTimeFormat('en-CA', {
				timeZone: this.timeZone,
				hourCycle: 'h23',
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				second: '2-digit',
			})
				.formatToParts(new Date(ms))
				.map((p) => [p.type, p.value]),
		);
		return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
	}

	addAudio(name: string, type: string, temp = false, size = 0): number {
		const id = this.newId();
		this.audios.set(id, { id, name, type, temp, size });
		return id;
	}

	/**
	 * Writes one finished call to the history, as UniTalk does when a call ends; returns its dbid (a
	 * new one, or the `dbid` given: demo:event writes the call its events told).
	 */
	addHistoryCall(date: string, over: Json = {}): number {
		const dbid = this.newId();
		const answered = (over.state ?? 'ANSWER') === 'ANSWER';
		const row: Json = {
			id: 2_000_000 + dbid,
			dbid,
			date,
			source: 'REGULAR',
			direction: 'IN',
			from: `38067${String(1_000_000 + dbid).slice(-7)}`,
			to: answered ? ['1000'] : [],
			lastGroupName: 'Sales managers',
			secondsFullTime: 60,
			secondsTalk: answered ? 45 : 0,
			link: answered
				? `${this.recordingBase}/tracking/rec/${2_000_000 + dbid}/${date.slice(0, 10)}`
				: null,
			comment: null,
			state: answered ? 'ANSWER' : 'NOANSWER',
			cause: answered ? 16 : 19,
			callback: false,
			outerNumber: '380442949168',
			...over,
		};
		this.history.push(row);
		return row.dbid as number;
	}

	/**
	 * UniTalk adds a call's recording to its history row 10–15 minutes after the call ends: the
	 * answered call written without a link (`{ link: null }`) gets it now. Returns the link.
	 */
	addRecording(dbid: number): string {
		const call = this.history.find((c) => c.dbid === dbid);
		if (!call) throw new Error(`No call ${dbid} in the history`);
		call.link = `${this.recordingBase}/tracking/rec/${call.id}/${String(call.date).slice(0, 10)}`;
		return call.link as string;
	}

	/** Generates `count` history calls, newest first by id, all inside [from, to). */
	seedHistory(count: number, from = '2024-01-01 00:00:00'): void {
		const start = Date.parse(from.replace(' ', 'T') + 'Z');
		this.history = [];
		for (let i = 0; i < count; i++) {
			const answered = i % 3 !== 0;
			const date = new Date(start + i * 60_000).toISOString().slice(0, 19).replace('T', ' ');
			this.history.push({
				id: 1_000_000 + i,
				dbid: i + 1,
				date,
				source: 'REGULAR',
				direction: i % 4 === 0 ? 'OUT' : 'IN',
				from: `38097${String(1_000_000 + i).slice(-7)}`,
				to: answered ? ['1000'] : [],
				lastGroupName: 'Sales managers',
				secondsFullTime: 30 + (i % 60),
				secondsTalk: answered ? 20 + (i % 40) : 0,
				link: answered ? `${this.recordingBase}/tracking/rec/${1_000_000 + i}/2024-01-01` : null,
				comment: null,
				state: answered ? 'ANSWER' : 'NOANSWER',
				cause: 16,
				callback: false,
				utmSource: 'google',
				utmMedium: null,
				utmCampaign: null,
				utmTerm: null,
				utmContent: null,
				outerNumber: '380442949168',
				googleId: null,
				facebookClientId: null,
				referer: null,
			});
		}
		this.history.reverse();
	}
}
