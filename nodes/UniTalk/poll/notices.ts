// What the Call History Trigger tells the user on the next items it emits (n8n shows a poll's
// items, not its log): every text in one place, so the poll's stages only decide.
import { formatInZone } from '../shared/validation';
import { HOUR, minutes } from './state';

const plural = (count: number, one: string, many = `${one}s`) => (count === 1 ? one : many);
const at = (ms: number, zone: string) => formatInZone(new Date(ms), zone);

export const notices = {
	/** Notices said again by every poll while they hold: the next one says them anew. */
	isRestated: (notice: string) =>
		notice.startsWith('Catching up:') || notice.startsWith('Backlog:'),

	backlog: (left: number, budgetMs: number) =>
		`Backlog: ${left} more ${plural(left, 'call is', 'calls are')} ready and still to come — each check has ${Math.round(budgetMs / 1000)} s (within n8n's poll time limit), emits what it finished, oldest first, and the next checks go on; none is skipped or emitted twice.`,

	reset: (problem: string, nowMs: number, zone: string) =>
		`The trigger's saved state could not be read (${problem}): it started again from ${at(nowMs, zone)} (${zone}) as on a first activation; calls that ended before then are not emitted (use Start From on a copy of the workflow to catch up).`,

	catchUp: (fromMs: number, toMs: number, nowMs: number, stepMs: number, zone: string) =>
		`Catching up: this check read calls from ${at(fromMs, zone)} to ${at(toMs, zone)} (${zone}), ${Math.round((nowMs - toMs) / HOUR)} hours behind now; each check reads ${stepMs / HOUR} more hours until it is current.`,

	lateCall: (key: string, lateMs: number, readsBackMs: number) =>
		`A call (${key}) appeared in UniTalk's history ${minutes(lateMs)} minutes after its date (calls are written when they end): the trigger now reads ${minutes(readsBackMs)} minutes back, so longer calls are caught too.`,

	missedHour: (sourceId: string, calls: number, hour: number, readsBackMs: number, zone: string) =>
		`UniTalk's ${sourceId === 'history' ? 'call history' : sourceId.replace(':', ' ')} has ${calls} more ${plural(calls, 'call')} dated ${at(hour, zone)} to ${at(hour + HOUR - 1000, zone)} (${zone}) than the trigger read: written after every window had passed that hour (calls longer than the window), they were not emitted. Find them with History → Get Many for that hour; the window now reads ${minutes(readsBackMs)} minutes back.`,

	noRecording: (count: number, newestMs: number, waitedMs: number, zone: string) =>
		`${count} answered ${plural(count, 'call')} dated up to ${at(newestMs, zone)} (${zone}) got no recording within ${minutes(waitedMs) / 60} hours of ${plural(count, 'its', 'their')} start and ${plural(count, 'was', 'were')} not emitted (recording off for the line, or a call longer than Wait for Recording). Find them with History → Get Many.`,

	zoneAhead: (ahead: number, zone: string) =>
		`UniTalk's newest calls are dated ${ahead} hours ahead of now in ${zone}, the credential's UniTalk Time Zone: the project's zone is probably ${ahead} hours east of it. Set the credential's zone to the project's; until then the trigger reads that far ahead, so calls are not late.`,

	zoneBehind: (hours: number, calls: number, zone: string) =>
		`Every call of the last hour (${calls}) appeared at least ${hours} hours after its date in ${zone}, the credential's UniTalk Time Zone: the project's zone is probably ${Math.floor(hours)} hours west of it, or calls last that long. Set the credential's zone to the project's; the trigger reads further back meanwhile.`,

	waitingCalls: (sinceMs: number) =>
		`No call since ${new Date(sinceMs).toISOString()} has been emitted yet: they wait, none is skipped, and the first check that reads every page emits each once.`,

	undated: (dateText: unknown, window: string) =>
		`UniTalk sent this call without a readable date (${JSON.stringify(dateText) ?? 'none'}) in the window ${window}: emitted once, not again`,

	misplaced: (dateText: unknown, window: string) =>
		`UniTalk dated this call ${String(dateText)}, outside the window asked for, ${window} (a clock or time-zone difference?): emitted once, not again`,

	window: (fromMs: number, toMs: number, zone: string) =>
		`${at(fromMs, zone)} to ${at(toMs, zone)} (${zone})`,
};
