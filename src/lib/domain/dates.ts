/**
 * Calendar-date helpers on ISO dates (`YYYY-MM-DD`), pure integer arithmetic.
 *
 * Dates are civil dates with no time and no time zone: no `Date` object is involved, so results
 * never depend on the machine's zone or clock. "Today" is always passed in by the caller.
 * Day numbers count days since 1970-01-01 (proleptic Gregorian calendar).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_NAMES = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
] as const;

function isLeapYear(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
	if (m === 2) return isLeapYear(y) ? 29 : 28;
	return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function parts(iso: string): [number, number, number] | null {
	const m = ISO_DATE.exec(iso);
	if (!m) return null;
	const y = Number(m[1]);
	const mo = Number(m[2]);
	const d = Number(m[3]);
	if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
	return [y, mo, d];
}

/** True for a real calendar date written `YYYY-MM-DD` (2025-02-29 is false). */
export function isIsoDate(value: unknown): value is string {
	return typeof value === 'string' && parts(value) !== null;
}

const ISO_TIMESTAMP =
	/^(\d{4}-\d{2}-\d{2})[T ](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/**
 * True for an ISO 8601 timestamp (`2026-03-31T09:30:00.000Z`, or with an offset) whose date is a
 * real calendar date: `2026-02-30T10:00:00Z` is false.
 */
export function isIsoTimestamp(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const m = ISO_TIMESTAMP.exec(value);
	return m !== null && parts(m[1]!) !== null;
}

function mustParse(iso: string): [number, number, number] {
	const p = parts(iso);
	if (!p) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
	return p;
}

// Howard Hinnant's days_from_civil / civil_from_days.
function daysFromCivil(y0: number, m: number, d: number): number {
	const y = m <= 2 ? y0 - 1 : y0;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
	const z = days + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp + (mp < 10 ? 3 : -9);
	const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
	return [y, m, d];
}

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

function format(y: number, m: number, d: number): string {
	return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Day number (days since 1970-01-01) of an ISO date. Throws on an invalid date. */
export function toDayNumber(iso: string): number {
	const [y, m, d] = mustParse(iso);
	return daysFromCivil(y, m, d);
}

/** ISO date of a day number. */
export function fromDayNumber(day: number): string {
	const [y, m, d] = civilFromDays(Math.trunc(day));
	return format(y, m, d);
}

/** `iso` plus `n` days (n may be negative). */
export function addDays(iso: string, n: number): string {
	return fromDayNumber(toDayNumber(iso) + Math.trunc(n));
}

/**
 * `iso` plus `n` calendar months; the day is clamped to the end of a shorter month
 * (31 January + 1 month = 28/29 February).
 */
export function addMonths(iso: string, n: number): string {
	const [y, m, d] = mustParse(iso);
	const total = y * 12 + (m - 1) + Math.trunc(n);
	const ny = Math.floor(total / 12);
	const nm = total - ny * 12 + 1;
	return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** True when `iso` is the last day of its month. */
export function isMonthEnd(iso: string): boolean {
	const [y, m, d] = mustParse(iso);
	return d === daysInMonth(y, m);
}

/**
 * `iso` plus `n` calendar months, keeping month ends at month ends (30 April + 1 month =
 * 31 May); other days are clamped like `addMonths`.
 */
export function addMonthsKeepingMonthEnd(iso: string, n: number): string {
	const moved = addMonths(iso, n);
	if (!isMonthEnd(iso)) return moved;
	const [y, m] = mustParse(moved);
	return format(y, m, daysInMonth(y, m));
}

/**
 * Last day of a period of `months` calendar months that starts on `start` (inclusive on both
 * ends). A period that starts on the 1st ends on a month end; one that starts on 31 January
 * and lasts 3 months ends on 30 April: the day before the start, moved on by `months` months,
 * with month ends kept at month ends.
 */
export function periodEnd(start: string, months: number): string {
	return addMonthsKeepingMonthEnd(addDays(start, -1), months);
}

/**
 * The latest start of a `months`-month period that ends on or before `end`: the inverse of
 * `periodEnd` (periodEnd(latestPeriodStart(e, m), m) ≤ e, and one day later it would be > e).
 */
export function latestPeriodStart(end: string, months: number): string {
	return addDays(addMonthsKeepingMonthEnd(end, -months), 1);
}

/** Days from `from` to `to` (positive when `to` is later). */
export function diffDays(from: string, to: string): number {
	return toDayNumber(to) - toDayNumber(from);
}

/** -1, 0 or 1 (ISO dates sort as strings, but this also validates them). */
export function compareDates(a: string, b: string): number {
	return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** The latest of the given dates. */
export function maxDate(first: string, ...rest: string[]): string {
	let best = first;
	for (const d of rest) if (compareDates(d, best) > 0) best = d;
	mustParse(best);
	return best;
}

/** The earliest of the given dates. */
export function minDate(first: string, ...rest: string[]): string {
	let best = first;
	for (const d of rest) if (compareDates(d, best) < 0) best = d;
	mustParse(best);
	return best;
}

/** "3 March 2026" — locale-independent, so reports read the same on every machine. */
export function formatDate(iso: string): string {
	const [y, m, d] = mustParse(iso);
	return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

/**
 * "3 Mar 2026" for an ISO date, for screens; anything else is shown as it is (an empty string
 * for none), so a damaged date in a file never breaks a page.
 */
export function shortDate(iso: string | null | undefined): string {
	const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
	const month = m ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
	if (!m || !month) return iso ?? '';
	return `${Number(m[3])} ${month.slice(0, 3)} ${m[1]}`;
}

/** The calendar date of a `Date` in the device's local time zone (for UI code computing "today"). */
export function localIsoDate(date: {
	getFullYear(): number;
	getMonth(): number;
	getDate(): number;
}): string {
	return format(date.getFullYear(), date.getMonth() + 1, date.getDate());
}
