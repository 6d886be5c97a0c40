/** The compiled question bank, bundled at build time by vite-plugins/soc2-bank.ts. */
declare module 'virtual:soc2-bank' {
	const bank: import('$lib/domain/types').Bank;
	export default bank;
}

/** The URL of the bank as a JSON file in the client build; `null` outside a build. */
declare module 'virtual:soc2-bank-url' {
	const url: string | null;
	export default url;
}
