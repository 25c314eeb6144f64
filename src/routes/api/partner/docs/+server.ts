import type { RequestHandler } from '@sveltejs/kit';

export const prerender = false;

/**
 * Readable documentation of the partner API: Scalar renders /api/partner/v1/openapi.json. A
 * plain server route, so Scalar's 4.8 MB bundle is loaded by this page alone and never by a
 * learner page. Its CSP is this page's own: scripts from this origin only (no inline script:
 * the configuration is a JSON data block), no other origin at all (no CDN fonts).
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seekh partner API</title>
<link rel="icon" href="/icons/icon-192.png">
</head>
<body>
<script id="api-reference" type="application/json" data-url="/api/partner/v1/openapi.json" data-configuration='{"withDefaultFonts":false,"hideClientButton":true,"telemetry":false}'></script>
<script src="/api/partner/docs/scalar.js"></script>
</body>
</html>`;

const CSP = [
	"default-src 'none'",
	"script-src 'self'",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data: blob:",
	"font-src 'self' data:",
	"connect-src 'self'",
	"worker-src 'self' blob:",
	"base-uri 'none'",
	"form-action 'none'",
	"frame-ancestors 'none'"
].join('; ');

export const GET: RequestHandler = () =>
	new Response(PAGE, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': CSP,
			'cache-control': 'public, max-age=300'
		}
	});
