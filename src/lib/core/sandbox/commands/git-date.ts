// Commit dates in git's formats, in the author's own time zone (kept from the ISO offset).

export type GitDate = {
	/** Wall-clock fields in the author's zone. */
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	/** Minutes east of UTC. */
	offset: number;
	/** Seconds since the epoch. */
	epoch: number;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.\d+)?\s*(Z|[+-]\d\d:?\d\d)?$/;

export function parseGitDate(iso: string): GitDate | null {
	const match = ISO.exec(iso.trim());
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
		number,
		number,
		number,
		number,
		number,
		number
	];
	const zone = match[7] ?? 'Z';
	const digits = zone.replace(':', '');
	const offset =
		zone === 'Z'
			? 0
			: (digits[0] === '-' ? -1 : 1) *
				(Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
	const utc = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
	return { year, month, day, hour, minute, second, offset, epoch: Math.floor(utc / 1000) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function zone(date: GitDate, colon: boolean): string {
	const sign = date.offset < 0 ? '-' : '+';
	const abs = Math.abs(date.offset);
	return `${sign}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}

export type DateStyle = 'default' | 'iso' | 'iso-strict' | 'short' | 'unix' | 'raw';

export function formatGitDate(date: GitDate, style: DateStyle = 'default'): string {
	const ymd = `${date.year}-${pad(date.month)}-${pad(date.day)}`;
	const hms = `${pad(date.hour)}:${pad(date.minute)}:${pad(date.second)}`;
	switch (style) {
		case 'default': {
			const weekday = DAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()];
			const month = MONTHS[date.month - 1];
			return `${weekday} ${month} ${date.day} ${hms} ${date.year} ${zone(date, false)}`;
		}
		case 'iso':
			return `${ymd} ${hms} ${zone(date, false)}`;
		case 'iso-strict':
			return `${ymd}T${hms}${zone(date, true)}`;
		case 'short':
			return ymd;
		case 'unix':
			return String(date.epoch);
		case 'raw':
			return `${date.epoch} ${zone(date, false)}`;
	}
}

export function dateStyle(value: string): DateStyle | null {
	const styles: Record<string, DateStyle> = {
		default: 'default',
		iso: 'iso',
		iso8601: 'iso',
		'iso-strict': 'iso-strict',
		'iso8601-strict': 'iso-strict',
		short: 'short',
		unix: 'unix',
		raw: 'raw'
	};
	return styles[value] ?? null;
}
