// fontverter ships no types: the one call cmap.js makes.
declare module 'fontverter' {
	const fontverter: {
		convert(buffer: Uint8Array, toFormat: 'sfnt' | 'woff' | 'woff2' | 'truetype'): Promise<Uint8Array>;
	};
	export default fontverter;
}
