/**
 * The app's name and version, in a module of its own: every page shows the version (footer), and
 * importing it from `$lib/export` would load the export and import code (schema, crypto) with
 * every page.
 */
import { version } from '../../package.json';

export const APP_NAME = 'SOC 2 Readiness';
export const APP_VERSION: string = version;
