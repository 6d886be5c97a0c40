/**
 * A file-name part from a name a person typed: accents dropped (Polish ł too), lower case,
 * letters and digits joined by "-", at most 60 characters; `fallback` when nothing is left.
 * "Łódź Ğüneş Sp. z o.o." → "lodz-gunes-sp-z-o-o".
 */
export function fileSlug(name: string, fallback = 'assessment'): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/ł/g, 'l')
		.replace(/Ł/g, 'L')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '');
	return slug || fallback;
}
