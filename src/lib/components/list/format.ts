/** Date helpers for the list (the user's locale, the device's time zone). */

/** Today as YYYY-MM-DD in the device's time zone (not UTC). */
export function todayLocal(now = new Date()): string {
	const y = now.getFullYear();
	const m = String(now.getMonth() + 1).padStart(2, '0');
	const d = String(now.getDate()).padStart(2, '0');
	return `${y}-${m}-${d}`;
}

const dateFmt = new Intl.DateTimeFormat(undefined, {
	day: 'numeric',
	month: 'short',
	year: 'numeric'
});
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const rel = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "28 Nov 2026" for an ISO date (YYYY-MM-DD), read as a calendar date (no time-zone shift). */
export function formatDate(iso: string | null | undefined): string {
	if (!iso) return '';
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
	if (!m) return iso;
	return dateFmt.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function formatDateTime(iso: string): string {
	const t = Date.parse(iso);
	return Number.isNaN(t) ? iso : dateTimeFmt.format(t);
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
