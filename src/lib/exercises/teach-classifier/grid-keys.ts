import { GRID_SIZE } from './knn';

/**
 * Arrow-key movement inside the drawing grid. The grid follows the page direction, so in
 * right-to-left languages ArrowLeft moves to the next column (further from the start edge).
 */
export function moveInGrid(index: number, key: string, dir: 'ltr' | 'rtl'): number {
	const row = Math.floor(index / GRID_SIZE);
	const col = index % GRID_SIZE;
	const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
	const back = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
	const clamp = (n: number) => Math.min(GRID_SIZE - 1, Math.max(0, n));
	if (key === forward) return row * GRID_SIZE + clamp(col + 1);
	if (key === back) return row * GRID_SIZE + clamp(col - 1);
	if (key === 'ArrowDown') return clamp(row + 1) * GRID_SIZE + col;
	if (key === 'ArrowUp') return clamp(row - 1) * GRID_SIZE + col;
	if (key === 'Home') return row * GRID_SIZE;
	if (key === 'End') return row * GRID_SIZE + GRID_SIZE - 1;
	return index;
}
