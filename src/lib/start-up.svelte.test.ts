import { expect, it } from 'vitest';
import { afterModulesRun, startingUp, startUpDone } from './start-up';

// (A component test for the browser's `window`; start-up.ts has no runes.)
it('lets a task run before the start-up draw, and does not hold later navigations', async () => {
	const atStart: string[] = [];
	setTimeout(() => atStart.push('a task queued before'));
	await afterModulesRun();
	atStart.push('the load goes on');
	expect(atStart).toEqual(['a task queued before', 'the load goes on']);

	expect(startingUp()).toBe(true);
	startUpDone();
	expect(startingUp()).toBe(false);
	const later: string[] = [];
	setTimeout(() => later.push('a task queued before'));
	await afterModulesRun();
	later.push('the load goes on');
	expect(later).toEqual(['the load goes on']);
});
