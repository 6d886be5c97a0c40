/**
 * The assessment document (Yjs): layout, conversion from and to plain data, commands (the one
 * write path) and merge. Not part of the pure domain: it depends on yjs. The start page never
 * imports it (storage loads it on the first write).
 */
export * from './layout';
export * from './convert';
export * from './commands';
export * from './merge';
export * from './patch';
