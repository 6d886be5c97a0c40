/** The compiled question bank, bundled at build time by vite-plugins/soc2-bank.ts. */
declare module 'virtual:soc2-bank' {
	const bank: import('$lib/domain/types').Bank;
	export default bank;
}
