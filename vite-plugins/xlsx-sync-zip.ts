/**
 * write-excel-file zips the workbook with fflate's asynchronous `zip()`, which compresses each
 * file over 160 KB in a Web Worker made from a `blob:` URL. The app's Content Security Policy
 * (`worker-src 'self'`) rightly forbids such workers, so in the browser the zip would never
 * finish. In the app the library's zip step is replaced by fflate's synchronous `zipSync()`
 * (a few tens of milliseconds for a large workbook), behind the same promise; Node (the
 * `npm run report` CLI) keeps the library as it is.
 */
import type { Plugin } from 'vite';

const SYNC_ZIP = '\0xlsx-sync-zip';

export function xlsxSyncZip(): Plugin {
	return {
		name: 'xlsx-sync-zip',
		enforce: 'pre',
		resolveId(id, importer) {
			if (
				importer &&
				/[\\/]node_modules[\\/]write-excel-file[\\/]/.test(importer) &&
				/(^|[\\/])zip[\\/]zipToArrayBuffer\.js$/.test(id)
			) {
				return SYNC_ZIP;
			}
			return null;
		},
		load(id) {
			if (id !== SYNC_ZIP) return null;
			return [
				"import { zipSync } from 'fflate';",
				'export default function zipToArrayBuffer(files) {',
				'\treturn new Promise((resolve) => resolve(zipSync(files).buffer));',
				'}'
			].join('\n');
		}
	};
}
