import type { PracticeQuestion } from '../pack-types';

/** Practice answers are checked on the device: exactly the right set of options. */
export function isCorrect(question: PracticeQuestion, chosen: readonly string[]): boolean {
	return chosen.length === question.answer.length && question.answer.every((id) => chosen.includes(id));
}

export function scorePercent(correct: number, total: number): number {
	return total === 0 ? 0 : Math.round((correct / total) * 100);
}
