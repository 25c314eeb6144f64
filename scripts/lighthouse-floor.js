// The floor under every Lighthouse figure `npm run budget` prints (issue 17): a plain HTML page,
// a heading and a paragraph in Urdu in the system's font, served with production's headers.
//
// Production's Cross-Origin-Opener-Policy makes Chromium commit each page in a new renderer
// process, and the cold process's own work (creating the page's JavaScript context, first
// layout) is counted as blocking time. On this project's 2-core host that alone was 130–150 ms
// of TBT (docs/performance.md, session 20), and Lighthouse puts a score of 95 at about 250 ms.
// So a page's figure means little without the host's floor beside it, measured in the same
// rounds at the same load.
import { createServer } from 'node:http';
import { freePort } from './free-port.js';
import { securityHeaders } from './security-headers.js';

const PAGE = `<!doctype html>
<html lang="ur" dir="rtl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>سیکھ</title></head>
<body><h1>اپنی زبان میں اے آئی سیکھیں</h1><p>سیکھ آپ کو بتاتا ہے کہ مصنوعی ذہانت کیا ہے، پاکستان میں اس کا استعمال کیسے ہوتا ہے، اور اسے محفوظ اور منصفانہ طریقے سے کیسے استعمال کیا جائے، مختصر اسباق میں جو ہر فون پر چلتے ہیں۔</p></body>
</html>`;

/** Serves the plain page at `/` with production's headers; `close()` stops it. */
export async function startFloorPage() {
	const port = await freePort();
	const server = createServer((_request, response) => {
		response.writeHead(200, {
			'Content-Type': 'text/html; charset=utf-8',
			'Cache-Control': 'no-store',
			...Object.fromEntries(securityHeaders(undefined))
		});
		response.end(PAGE);
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
	return {
		url: `http://127.0.0.1:${port}/`,
		close: () => new Promise((resolve) => server.close(() => resolve(undefined)))
	};
}
