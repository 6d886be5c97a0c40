/** Date helpers for the list (the device's time zone; times in the user's locale). */

/** Today as YYYY-MM-DD in the device's time zone (not UTC). */
export function todayLocal(now = new Date()): string {
	const y = now.getFullYear();
	const m = String(now.getMonth() + 1).padStart(2, '0');
	const d = String(now.getDate()).padStart(2, '0');
	return `${y}-${m}-${d}`;
}

// Made once, on first use: the first date-time format a page makes loads its locale data (about
// 90 ms at 4× CPU), which pages that import this module for `plural` alone (results) never need.
let dateTimeFmt: Intl.DateTimeFormat | null = null;
let relFmt: Intl.RelativeTimeFormat | null = null;
const rel = {
	format: (n: number, unit: Intl.RelativeTimeFormatUnit) =>
		(relFmt ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })).format(n, unit)
};

/**
 * "28 Nov 2026" for an ISO date (YYYY-MM-DD), a calendar date (no time-zone shift): the report's
 * `shortDate`, so that an assessment's date reads the same on its card, in the dialogs, on the
 * question cards and in the report.
 */
export { shortDate as formatDate } from '$lib/domain/dates';

export function formatDateTime(iso: string): string {
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return iso;
	dateTimeFmt ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
	return dateTimeFmt.format(t);
}

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago"… */
export function relativeTime(iso: string, now = Date.now()): string {
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return iso;
	const s = Math.round((t - now) / 1000);
	const abs = Math.abs(s);
	if (abs < 45) return 'just now';
	if (abs < 3600) return rel.format(Math.round(s / 60), 'minute');
	if (abs < 86400) return rel.format(Math.round(s / 3600), 'hour');
	if (abs < 86400 * 7) return rel.format(Math.round(s / 86400), 'day');
	if (abs < 86400 * 35) return rel.format(Math.round(s / (86400 * 7)), 'week');
	if (abs < 86400 * 365) return rel.format(Math.round(s / (86400 * 30)), 'month');
	return rel.format(Math.round(s / (86400 * 365)), 'year');
}

const NUMBER = new Intl.NumberFormat();

export function plural(n: number, one: string, many = `${one}s`): string {
	return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}
