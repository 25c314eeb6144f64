// The trainer's cohort page before the app's code (issue 13). app.html loads this file only on
// /staff/cohorts (a one-line check in its first script), so learner pages carry none of it. It:
// 1. sends the cohort's two requests now, while the app's code is still loading, instead of after
//    it (on a phone that was most of a second). The same requests with the same token the page
//    would send; the page takes the answers once (src/routes/staff/cohorts/open-cohort.ts) and
//    checks them as its own;
// 2. puts the copy of the page's first screen kept from the last open
//    (src/routes/staff/cohorts/first-screen.ts) on screen, inert and marked busy, instead of after
//    the app has started (about 1.5 s on a phone). The view removes it when it draws the same kept
//    roster, in one frame (keptScreenDone in src/lib/first-paint.ts). Only this account's copy,
//    taken by this build of the app (its entry script's hashed name), in this language. It is our
//    own rendering, but any script of this origin can write storage: whatever could load or run
//    is stripped here, and the CSP runs no inline handlers anyway.
// The file loads asynchronously (it must not hold the page's parsing): usually before the body
// is parsed, from the service worker's cache. If it comes late it does only what still helps:
// no requests once the page has asked its own, no copy once the app has drawn (or dropped it).
(function () {
	try {
		var w = window;
		var cohort = location.pathname === '/staff/cohorts' && /[?&]cohort=([^&#]+)/.exec(location.search);
		var auth = cohort && JSON.parse(localStorage.getItem('seekh-auth') || 'null');
		var token = auth && (auth.access_token || (auth.currentSession && auth.currentSession.access_token));
		if (!cohort || typeof token !== 'string' || !token) return;
		var id = decodeURIComponent(cohort[1]);
		// open-cohort.ts marks that the page has asked (or taken these answers): never ask twice.
		if (!w.__seekhCohortAsked) {
			var ask = function (name) {
				var answer = fetch('/api/staff/cohorts?' + name + '=' + cohort[1], {
					cache: 'no-store',
					headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }
				});
				answer.catch(function () {}); // read (and reported) by the page
				return answer;
			};
			w.__seekhCohort = { id: id, cohort: ask('id'), roster: ask('cohort') };
		}

		var sub = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub;
		var kept = JSON.parse(localStorage.getItem('seekh-cohort-screen:' + sub + ':' + id) || 'null');
		if (!kept || typeof kept.html !== 'string' || w.__seekhCohortDone) return;
		// This build's stylesheets only (a hashed name under /_app/immutable/assets/).
		var css = [].filter.call(kept.css || [], function (href) {
			return /^\/_app\/immutable\/assets\/[\w.-]+\.css$/.test(href);
		});
		// Its stylesheets start loading now, ahead of the app's code; applied when it is painted.
		css.forEach(function (href) {
			var link = document.createElement('link');
			link.rel = 'preload';
			link.as = 'style';
			link.href = href;
			document.head.appendChild(link);
		});

		// The app's container (app.html's last div, around SvelteKit's body): the copy goes before
		// it, where `#seekh-cohort-paint ~ div` hides the app drawing under it.
		var container = function () {
			return document.body && document.body.querySelector(':scope > div[style*="contents"]');
		};
		var paint = function (app) {
			// The app drew first (or decided against the copy): nothing to cover any more.
			if (w.__seekhCohortDone || document.getElementById('seekh-cohort-paint')) return;
			var entry = document.querySelector('link[rel="modulepreload"][href*="/entry/app."]');
			if (kept.lang !== document.documentElement.lang || !entry || kept.build !== entry.getAttribute('href'))
				return;
			var tpl = document.createElement('template');
			tpl.innerHTML = kept.html;
			var all = tpl.content.querySelectorAll('*');
			for (var i = 0; i < all.length; i++) {
				var el = all[i];
				if (
					/^(script|style|link|meta|base|i?frame|frameset|object|embed|template|noscript|img|picture|video|audio|source|track|animate\w*|set|foreignobject)$/i.test(
						el.localName
					)
				) {
					el.remove();
					continue;
				}
				for (var j = el.attributes.length - 1; j >= 0; j--) {
					var at = el.attributes[j];
					if (
						/^on|src|action|^id$/i.test(at.name) ||
						(/href$/i.test(at.name) && !/^(\/(?!\/)|https:|#)/.test(at.value))
					)
						el.removeAttribute(at.name);
				}
			}
			var hide = document.createElement('style');
			hide.textContent = '#seekh-cohort-paint ~ div { display: none !important; }';
			document.head.appendChild(hide);
			var shot = document.createElement('div');
			shot.id = 'seekh-cohort-paint';
			shot.setAttribute('inert', '');
			shot.setAttribute('aria-busy', 'true');
			shot.appendChild(tpl.content);
			// The page's own stylesheets, which the app would link as it starts (the offline shell
			// links only the layout's): shown once all are in.
			var waiting = 1;
			var shown = function () {
				if (--waiting === 0 && shot.isConnected) {
					shot.style.visibility = '';
					var bar = document.getElementById('seekh-boot');
					if (bar) bar.hidden = true; // the copy has the header
				}
			};
			css.forEach(function (href) {
				if (document.querySelector('link[rel="stylesheet"][href="' + href + '"]')) return;
				var link = document.createElement('link');
				link.rel = 'stylesheet';
				link.href = href;
				waiting++;
				link.onload = shown;
				link.onerror = function () {
					shot.remove();
				};
				document.head.appendChild(link);
			});
			shot.style.visibility = 'hidden';
			document.body.insertBefore(shot, app);
			shown();
		};

		var app = container();
		if (app) return paint(app);
		// Here before the body: the container is inserted by the parser, and this observer hears of
		// it at the microtask checkpoint before SvelteKit's start script inside it runs, so before
		// any frame shows it and before the app could draw.
		var watch = new MutationObserver(function () {
			var found = container();
			if (!found) return;
			watch.disconnect();
			paint(found);
		});
		watch.observe(document.documentElement, { childList: true, subtree: true });
	} catch (e) {}
})();
