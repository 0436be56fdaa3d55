/**
 * The stand-in's autodialers dial on their own clock, as the reference describes them (autodial/action
 * ADD/UPDATE, "Adding numbers", the callState and taskStatus dictionaries): numbers are called within
 * the task's working hours and dates (in the account's time zone), priority numbers first, one call per
 * number and per operator at a time; each call ends in a state the per-phone script decides, is written
 * to the task's calls (GET_CALLS_HISTORY), to the number (GET_NUMBER(S)) and to the call history
 * (history/get, source AUTODIAL), and is repeated as repeatCallsSettings say.
 *
 * Time: intervals and call durations run `speed` times faster than real time (speed 60: an autodialer
 * minute per real second); the wall clock used for working hours and dates can be moved (`setClock`).
 * History and call dates stay real. A single unref'd interval drives it all, cleared by stop().
 */
import type { AutodialTask, StandInState } from './state';
import { cleanPhone, type Json } from './types';

export interface DiallerOptions {
	/** Autodialer minutes per real minute (60: intervals of 30 min pass in 30 s). Default 1. */
	speed?: number;
	/** How often the dialler looks at its tasks, in real milliseconds. Default 250. */
	tickMs?: number;
}

export interface DiallerLogEntry {
	/** Real time, ISO 8601. */
	at: string;
	/** The dialler's wall clock in the account's zone ("yyyy-MM-dd HH:mm:ss"). */
	clock: string;
	taskId: number;
	event: 'dial' | 'end' | 'repeat' | 'attemptsEnded' | 'waitHours' | 'clientCalled' | 'status';
	phone?: string;
	state?: string;
	operatorNumber?: string | null;
	attempt?: number;
	message: string;
}

/** How one attempt ends: the autodialer call state, and the talk time when answered. */
export interface Answer {
	state: string;
	talkSeconds: number;
}

/** Autodialer call states a script may give (the dictionary's states marked "Is call's state"). */
export const CALL_STATES = [
	'ANSWER',
	'ANSW_RJCT',
	'NOANSWER',
	'BUSY',
	'FAIL',
	'TALKING',
	'UNREACHABLE',
	'NOT_EXIST',
	'VOICE_MAIL',
	'ANSW_NF_OP',
	'ANSW_OP_NA',
	'BUSYOUT',
	'AUDIO_ERR',
	'WRONG_DIR',
];

/**
 * The call history's `state` for an autodialer call state. The history has no "client answered but no
 * operator" state: those calls (and answering machines) are written as not answered — an assumption.
 */
const HISTORY_STATE: Record<string, string> = {
	ANSWER: 'ANSWER',
	NOANSWER: 'NOANSWER',
	BUSY: 'BUSY',
	FAIL: 'FAIL',
	UNREACHABLE: 'UNREACHABLE',
	NOT_EXIST: 'NOT_EXIST',
	BUSYOUT: 'BUSYOUT',
	WRONG_DIR: 'WRONGDIR',
	AUDIO_ERR: 'FAIL',
};
const CAUSE: Record<string, number> = { ANSWER: 16, BUSY: 17, NOANSWER: 19 };

const DEFAULT_ANSWER: Answer = { state: 'ANSWER', talkSeconds: 45 };
/** Seconds the client's phone rings before the answer (or before giving up). */
const RING_SECONDS = 15;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** What the dialler knows of one number beyond what GET_NUMBER shows. */
interface Plan {
	/** Real ms from which the number may be dialled (a repeat's interval); 0 = now. */
	dueAt: number;
	/** A repeat (not the first call): repeatCallsSettings.highPriority and earlyStart apply. */
	repeat: boolean;
	/** The call in progress: when it ends (real ms) and how. */
	call?: { endsAt: number; startedAt: number; answer: Answer; operator: string | null };
	/** No more calls: answered, attempts used up, or the client called. */
	done: boolean;
}

export class Dialler {
	speed: number;
	readonly tickMs: number;
	/** Added to Date.now() for working hours and dates only. */
	offsetMs = 0;
	readonly log: DiallerLogEntry[] = [];
	/** Called with each log entry (cli.ts prints them). */
	onLog?: (entry: DiallerLogEntry) => void;
	private plans = new WeakMap<Json, Plan>();
	private scripts = new Map<string, { answers: string[]; talkSeconds?: number }>();
	/** Tasks already told to wait for working hours (logged once per wait). */
	private waiting = new Set<number>();
	private timer?: NodeJS.Timeout;

	constructor(
		private readonly state: StandInState,
		private readonly options: DiallerOptions = {},
	) {
		this.speed = options.speed ?? 1;
		this.tickMs = options.tickMs ?? 250;
	}

	get running(): boolean {
		return this.timer !== undefined;
	}

	start(): void {
		if (this.timer) return;
		this.timer = setInterval(() => this.tick(), this.tickMs);
		// The dialler must never be what keeps a process (a test run, the demo) alive.
		this.timer.unref();
	}

	stop(): void {
		clearInterval(this.timer);
		this.timer = undefined;
	}

	/** Back to a fresh account (StandIn.reset): no scripts, no log, the real clock. */
	reset(): void {
		this.plans = new WeakMap();
		this.scripts.clear();
		this.waiting.clear();
		this.log.length = 0;
		this.offsetMs = 0;
		this.speed = this.options.speed ?? 1;
	}

	/** The dialler's wall clock (real time plus the offset a test or the demo set). */
	now(): number {
		return Date.now() + this.offsetMs;
	}

	/** Moves the wall clock used for working hours: to `at` (ISO 8601), or by `offsetMs` from real time. */
	setClock(clock: { at?: string | null; offsetMs?: number }): void {
		if (clock.at === null) this.offsetMs = 0;
		else if (clock.at !== undefined) {
			const at = Date.parse(clock.at);
			if (Number.isNaN(at)) throw new Error('"at" must be an ISO 8601 date-time');
			this.offsetMs = at - Date.now();
		} else if (clock.offsetMs !== undefined) {
			if (!Number.isFinite(clock.offsetMs)) throw new Error('"offsetMs" must be a number');
			this.offsetMs = clock.offsetMs;
		}
		this.waiting.clear(); // a new clock: tell again what waits
		if (this.running) this.tick();
	}

	/** The next attempts to `phone` end as `answers` say, in order; then as by default. */
	script(phone: string, answers: string[], talkSeconds?: number): void {
		const wrong = answers.filter((a) => !CALL_STATES.includes(a));
		if (!cleanPhone(phone)) throw new Error('"phone" is required');
		if (wrong.length)
			throw new Error(`Unknown call states ${wrong.join(', ')}; use ${CALL_STATES.join(', ')}`);
		if (talkSeconds !== undefined && !(talkSeconds >= 0))
			throw new Error('"talkSeconds" must be 0 or more');
		this.scripts.set(cleanPhone(phone), { answers: [...answers], talkSeconds });
	}

	/** What the dialler's clock and settings are (the control endpoint answers this). */
	describe(): Json {
		const now = this.now();
		return {
			running: this.running,
			speed: this.speed,
			offsetMs: this.offsetMs,
			now: new Date(now).toISOString(),
			local: this.state.localTime(now),
			weekday: WEEKDAYS[this.local(now).day],
			timeZone: this.state.timeZone,
		};
	}

	/**
	 * A client called the project (a call written to the history): in tasks whose clientCalledMode
	 * asks for it, that client's numbers not yet dialled, or waiting for a repeat, become CLIENT_CALLED
	 * and are not dialled. A call in progress to them goes on.
	 */
	clientCalled(call: Json): void {
		if (call.direction !== 'IN') return;
		const phone = cleanPhone(call.from);
		const answered = call.state === 'ANSWER';
		for (const task of this.state.tasks.values()) {
			const mode = task.config.clientCalledMode;
			if (mode !== 'ALL_CALLS' && !(mode === 'ANSWERED_CALLS' && answered)) continue;
			const number = task.numbers.get(phone);
			if (!number) continue;
			const plan = this.planOf(number);
			if (plan.call || plan.done) continue;
			plan.done = true;
			number.state = 'CLIENT_CALLED';
			number.stateDateTime = this.state.localTime(Date.now());
			this.write(task, 'clientCalled', `${phone} called us (${call.state}): not dialled`, {
				phone,
				state: 'CLIENT_CALLED',
			});
		}
	}

	/** One look at every task: ends the calls whose time is up, starts the calls now due. */
	tick(): void {
		const real = Date.now();
		for (const task of [...this.state.tasks.values()]) {
			// A task without working hours (seeded straight into the state by tests) is not dialled.
			if (!Array.isArray(task.config.timeFrom)) continue;
			this.endCalls(task, real);
			this.startCalls(task, real);
		}
	}

	private planOf(number: Json): Plan {
		let plan = this.plans.get(number);
		if (!plan) {
			// A number the dialler has not seen: NEW is due now; one in any other state was already
			// processed (a REFRESH or a refreshed duplicate makes a NEW record, seen afresh).
			plan = { dueAt: 0, repeat: false, done: number.state !== 'NEW' };
			this.plans.set(number, plan);
		} else if (plan.done && number.state === 'NEW') {
			// REFRESH set the number back to NEW: it is dialled again.
			Object.assign(plan, { dueAt: 0, repeat: false, done: false });
		}
		return plan;
	}

	private endCalls(task: AutodialTask, real: number): void {
		for (const number of task.numbers.values()) {
			const plan = this.planOf(number);
			if (plan.call && plan.call.endsAt <= real) this.finish(task, number, plan);
		}
	}

	private startCalls(task: AutodialTask, real: number): void {
		const entries = [...task.numbers.values()].map((number) => ({
			number,
			plan: this.planOf(number),
		}));
		const inCall = entries.filter((e) => e.plan.call);
		const open = entries.filter((e) => !e.plan.done && !e.plan.call);
		if (task.status === 'PAUSED') return;
		if (task.status === 'CANCELED') {
			// "CANCELED while there are pending calls, subsequently FINISHED".
			if (!inCall.length) this.setStatus(task, 'FINISHED');
			return;
		}
		if (!task.numbers.size) return this.setStatus(task, 'NO_NUMBERS');
		if (!open.length) return this.setStatus(task, inCall.length ? 'IN_PROGRESS' : 'FINISHED');
		const settings = task.config.repeatCallsSettings ?? {};
		// earlyStart false: "repeat calls will only start once all unprocessed numbers are finished".
		const firstCallsLeft = open.some((e) => !e.plan.repeat);
		const due = open.filter(
			(e) =>
				e.plan.dueAt <= real && !(e.plan.repeat && settings.earlyStart === false && firstCallsLeft),
		);
		if (!due.length) return this.setStatus(task, inCall.length ? 'IN_PROGRESS' : 'WAITING_REPEAT');
		const now = this.now();
		if (!this.inWorkingHours(task, now)) {
			if (!this.waiting.has(task.id)) {
				this.waiting.add(task.id);
				this.write(
					task,
					'waitHours',
					`${due.length} number(s) wait for working hours ` +
						`(clock ${this.clockText(now)}; ${this.nextWindow(task, now)})`,
				);
			}
			return this.setStatus(task, inCall.length ? 'IN_PROGRESS' : 'WAITING');
		}
		this.waiting.delete(task.id);
		const priority = (e: { number: Json; plan: Plan }) =>
			e.number.highPriority || (e.plan.repeat && settings.highPriority) ? 0 : 1;
		// Priority first; among equals the first calls before repeats, then by order of adding / due time.
		due.sort(
			(a, b) =>
				priority(a) - priority(b) ||
				Number(a.plan.repeat) - Number(b.plan.repeat) ||
				a.plan.dueAt - b.plan.dueAt,
		);
		const slots = this.freeSlots(task, inCall.length);
		for (const e of due) {
			if (slots.threads <= 0) break;
			const operator = slots.operators ? slots.operators.shift() : null;
			if (slots.operators && operator === undefined) break;
			slots.threads--;
			this.dial(task, e.number, e.plan, real, operator ?? null);
		}
		const dialling = entries.some((e) => e.plan.call);
		this.setStatus(task, dialling ? 'IN_PROGRESS' : 'WAITING_OPERATORS');
	}

	/**
	 * How many calls the task may start now. A task that talks through operators (GUARANTEED_DIAL, or
	 * FREE/SMART mode) needs a free one for each call: a line of its group (or pseudoGroupOperators)
	 * that is online and not in another autodialer call. FIXED mode dials threadCount at once.
	 */
	private freeSlots(task: AutodialTask, inCall: number): { threads: number; operators?: string[] } {
		const c = task.config;
		const viaOperators =
			task.autodialerType === 'GUARANTEED_DIAL' || task.autodialerMode !== 'FIXED';
		if (!viaOperators) return { threads: Math.max(0, Number(c.threadCount ?? 1) - inCall) };
		// "If the parameter groupId is used, these params [pseudoGroupOperators] will be skipped."
		const lines: string[] =
			c.groupId != null
				? (this.state.groups.get(Number(c.groupId))?.numbers ?? [])
				: (c.pseudoGroupOperators ?? []).map(String);
		const operators = lines.filter(
			(line) => this.state.lines[line] === 'online' && !this.operatorInCall(line),
		);
		return { threads: operators.length, operators };
	}

	private operatorInCall(line: string): boolean {
		for (const task of this.state.tasks.values())
			for (const number of task.numbers.values())
				if (this.plans.get(number)?.call?.operator === line) return true;
		return false;
	}

	private dial(
		task: AutodialTask,
		number: Json,
		plan: Plan,
		real: number,
		operator: string | null,
	): void {
		const answer = this.nextAnswer(number.phone);
		const seconds = RING_SECONDS + (answer.state === 'ANSWER' ? answer.talkSeconds : 0);
		plan.call = { startedAt: real, endsAt: real + (seconds * 1000) / this.speed, answer, operator };
		number.state = 'DIALING';
		this.write(task, 'dial', `dials ${number.phone} (attempt ${number.calledCount + 1})`, {
			phone: number.phone,
			operatorNumber: operator,
			attempt: number.calledCount + 1,
		});
	}

	private nextAnswer(phone: string): Answer {
		const script = this.scripts.get(phone);
		const state = script?.answers.shift();
		if (script && !script.answers.length) this.scripts.delete(phone);
		if (!state) return DEFAULT_ANSWER;
		return { state, talkSeconds: script?.talkSeconds ?? DEFAULT_ANSWER.talkSeconds };
	}

	/** A call ends: the task's call record, the number, the call history; then a repeat or not. */
	private finish(task: AutodialTask, number: Json, plan: Plan): void {
		const { answer, operator, startedAt } = plan.call!;
		plan.call = undefined;
		const answered = answer.state === 'ANSWER';
		const talk = answered ? answer.talkSeconds : 0;
		// The call lasts what its record says (ringing, then the talk) from when it started, also at a
		// faster speed: its end agrees with the history row (date + secondsFullTime), and "when the
		// talk began" (end − talk) comes after the dial, not before it.
		const end = this.state.localTime(startedAt + (RING_SECONDS + talk) * 1000);
		number.state = answer.state;
		number.stateDateTime = end;
		number.calledCount++;
		number.realCalledCount++;
		const user = this.state.users.find((u) => String(u.phone) === operator);
		const clientAnswered = answered || answer.state.startsWith('ANSW_');
		task.calls.push({
			id: this.state.newId(),
			phone: number.phone,
			state: answer.state,
			callEndTime: end,
			operatorNumber: answered ? operator : null,
			userId: answered ? (user?.id ?? null) : null,
			calledCount: number.calledCount,
			realCalledCount: number.realCalledCount,
			seconds: clientAnswered ? RING_SECONDS + talk : null,
			secondsForClientAnswered: clientAnswered ? 8 : null,
			secondsDialToClient: clientAnswered ? 8 : RING_SECONDS,
			secondsClientWaitOperator: clientAnswered ? 3 : null,
			secondsOperatorWaitCall: answered ? 10 : null,
			secondsForOperatorAnswered: answered ? 2 : null,
			secondsTalk: talk,
			rid: 1_000_000_000 + this.state.newId(),
			name: number.name ?? null,
			note: number.note ?? null,
			link: number.link ?? null,
			params: number.params ?? null,
			withdrawTotal: null,
			withdrawByCategories: null,
			executedTriggerActionIds: null,
			sendFirstMessageToClientSuccess: null,
			secretary: null,
		});
		const groupName =
			task.config.groupId != null
				? (this.state.groups.get(Number(task.config.groupId))?.name ?? null)
				: null;
		const historyState = HISTORY_STATE[answer.state] ?? 'NOANSWER';
		this.state.addHistoryCall(this.state.localTime(startedAt), {
			source: 'AUTODIAL',
			direction: 'OUT',
			// The operator's line once one talked; before that the call is the outer line's.
			from: answered && operator ? operator : '380442949168',
			to: [number.phone],
			lastGroupName: groupName,
			secondsFullTime: RING_SECONDS + talk,
			secondsTalk: historyState === 'ANSWER' ? talk : 0,
			state: historyState,
			cause: CAUSE[historyState] ?? 19,
		});
		this.write(task, 'end', `${number.phone}: ${answer.state}${answered ? `, ${talk} s` : ''}`, {
			phone: number.phone,
			state: answer.state,
			operatorNumber: operator,
			attempt: number.calledCount,
		});
		this.planRepeat(task, number, plan, answer, talk);
	}

	/**
	 * A repeat per repeatCallsSettings.statesSettings[state]: up to 1 + attempts calls in all, the
	 * next after intervalMinutes; ANSWER only when the talk was shorter than secondsThreshold.
	 * When attempts are used up the number keeps its last state: the callState dictionary has no
	 * "attempts ended" state (AUTODIAL_REPEAT_ATTEMPTS_ENDED exists only as a trigger-action event),
	 * so a reader tells "not reached" from the state and calledCount against the settings.
	 */
	private planRepeat(
		task: AutodialTask,
		number: Json,
		plan: Plan,
		answer: Answer,
		talk: number,
	): void {
		const rule = task.config.repeatCallsSettings?.statesSettings?.[answer.state];
		const attempts = Number(rule?.attempts ?? 0);
		const wanted =
			attempts > 0 &&
			(answer.state !== 'ANSWER' ||
				(rule.secondsThreshold != null && talk < Number(rule.secondsThreshold)));
		if (!wanted) {
			plan.done = true;
			return;
		}
		if (number.calledCount >= 1 + attempts) {
			plan.done = true;
			this.write(task, 'attemptsEnded', `${number.phone}: ${number.calledCount} calls, no more`, {
				phone: number.phone,
				state: answer.state,
				attempt: number.calledCount,
			});
			return;
		}
		const minutes = Number(rule.intervalMinutes ?? 5);
		plan.repeat = true;
		plan.dueAt = Date.now() + (minutes * 60_000) / this.speed;
		this.write(task, 'repeat', `${number.phone}: calls again in ${minutes} min`, {
			phone: number.phone,
			state: answer.state,
			attempt: number.calledCount,
		});
	}

	private setStatus(task: AutodialTask, status: string): void {
		if (task.status === status) return;
		task.status = status;
		if (status === 'FINISHED')
			task.config.finishedDate = this.state.localTime(Date.now()).slice(0, 10);
		this.write(task, 'status', `status ${status}`);
		if (status === 'FINISHED' && task.config.removeAfterFinish) this.state.tasks.delete(task.id);
	}

	/** "2026-03-02 03:00:00 Mon": a moment in the account's zone, with its weekday. */
	private clockText(ms: number): string {
		return `${this.state.localTime(ms)} ${WEEKDAYS[this.local(ms).day]}`;
	}

	/** Weekday (0 = Monday), "HH:mm" and "yyyy-MM-dd" of a moment in the account's zone. */
	private local(ms: number): { day: number; time: string; date: string } {
		const text = this.state.localTime(ms);
		const date = text.slice(0, 10);
		// The calendar date's weekday: noon UTC of that date is the same day everywhere that matters.
		const day = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
		return { day, time: text.slice(11, 16), date };
	}

	private inWorkingHours(task: AutodialTask, ms: number): boolean {
		const { day, time, date } = this.local(ms);
		const c = task.config;
		if ((c.startDate && date < c.startDate) || (c.endDate && date > c.endDate)) return false;
		const from = c.timeFrom?.[day];
		const to = c.timeTo?.[day];
		return from != null && to != null && time >= from && time < to;
	}

	/**
	 * "next window Mon 09:00" within 8 days, for the line a waiting callback prints. Looks at quarter
	 * hours: working hours are whole quarters in practice, and zones are offset by whole quarters.
	 */
	private nextWindow(task: AutodialTask, ms: number): string {
		const quarter = 15 * 60_000;
		const first = Math.ceil(ms / quarter) * quarter;
		for (let at = first; at <= ms + 8 * 24 * 60 * 60_000; at += quarter) {
			if (this.inWorkingHours(task, at)) {
				const { day, time } = this.local(at);
				return `next window ${WEEKDAYS[day]} ${time}`;
			}
		}
		return 'no working hours in the next 8 days';
	}

	private write(
		task: AutodialTask,
		event: DiallerLogEntry['event'],
		message: string,
		extra: Partial<DiallerLogEntry> = {},
	): void {
		const entry: DiallerLogEntry = {
			at: new Date().toISOString(),
			clock: this.state.localTime(this.now()),
			taskId: task.id,
			event,
			...extra,
			message: `Autodialer ${task.id} "${task.name}": ${message}`,
		};
		this.log.push(entry);
		this.onLog?.(entry);
	}
}
