import { accessToken } from '$lib/certificates/session-token';
import { fetchTickets, type TicketBundle, type TicketProblem } from './offline-assessment';

/**
 * A course kept for offline use should also be examinable offline: when a signed-in learner
 * downloads a course with a final assessment, top up their attempt tickets in the same go
 * (docs/learner-events.md: tickets are fetched "while online, e.g. when the course is
 * downloaded"). Signed out, or no final assessment: nothing to do. Never throws — a failure
 * here must not spoil the download; /assessment/<course> tries again when opened online.
 */
export async function ticketsForDownload(
	course: { id: string; assessment?: string },
	token: string | null = accessToken()
): Promise<TicketBundle | TicketProblem | null> {
	if (course.assessment !== 'final' || !token) return null;
	try {
		return await fetchTickets(token, course.id);
	} catch {
		return 'server';
	}
}
