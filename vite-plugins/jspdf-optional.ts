/**
 * jsPDF imports html2canvas, DOMPurify and canvg on demand for `doc.html()` and SVG images. The
 * report uses neither, so in the build those imports resolve to an empty module: the libraries
 * are not bundled, not emitted to build/ and not precached by the service worker.
 */
import type { Plugin } from 'vite';

const OPTIONAL = new Set(['html2canvas', 'dompurify', 'canvg']);
const STUB = '\0jspdf-optional-stub';

export function jspdfOptionalDeps(): Plugin {
	return {
		name: 'jspdf-optional-deps',
		enforce: 'pre',
		apply: 'build',
		resolveId(id, importer) {
			if (OPTIONAL.has(id) && importer && /[\\/]node_modules[\\/]jspdf[\\/]/.test(importer)) {
				return STUB;
			}
			return null;
		},
		load(id) {
			return id === STUB ? 'export default undefined;\n' : null;
		}
	};
}
