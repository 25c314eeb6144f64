import { call, post, query } from './api';
import type { Page } from './types';

/**
 * The partner-deliveries tool's calls (partner_admin): webhook endpoints, the xAPI LRS, the
 * delivery log and redelivery. The shapes are shared with the server module (types only).
 */
export const WEBHOOK_EVENTS = ['learner.completed', 'certificate.issued', 'certificate.revoked'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookEndpoint {
	id: string;
	url: string;
	event_types: WebhookEvent[];
	description: string | null;
	created_at: string;
	secret_rotated_at: string;
	/** Set when the receiver answered 410 Gone: nothing is sent until it is enabled again. */
	disabled_at: string | null;
	disabled_reason: string | null;
}

/** The LRS as it may be shown: never its username or password. */
export interface LrsSettings {
	endpoint: string;
	updated_at: string;
	credentials_set_at: string;
}

export interface DeliveryConfig {
	endpoints: WebhookEndpoint[];
	lrs: LrsSettings | null;
}

/** A new endpoint or rotated secret: the one time the secret is shown. */
export interface WebhookSecret {
	id: string;
	secret: string;
}

export interface Delivery {
	id: string;
	channel: 'webhook' | 'xapi';
	event_type: string;
	endpoint_id: string | null;
	status: DeliveryStatus;
	attempts: number;
	last_status: number | null;
	last_error: string | null;
	next_attempt_at: string;
	delivered_at: string | null;
	created_at: string;
	occurred_at: string;
}

const base = '/api/staff/partner-deliveries';

export const loadConfig = (org: string) => call<DeliveryConfig>(`${base}${query({ org })}`);

export const addWebhook = (org: string, url: string, eventTypes: WebhookEvent[], description: string) =>
	post<WebhookSecret>(`${base}/webhooks`, { org, url, event_types: eventTypes, description });

export const rotateSecret = (endpoint: string) =>
	post<WebhookSecret>(`${base}/webhooks/${encodeURIComponent(endpoint)}`, { action: 'rotate' });

export const enableWebhook = (endpoint: string) =>
	post<WebhookEndpoint>(`${base}/webhooks/${encodeURIComponent(endpoint)}`, { action: 'enable' });

export const removeWebhook = (endpoint: string) =>
	post<{ removed: string }>(`${base}/webhooks/${encodeURIComponent(endpoint)}`, { action: 'remove' });

export const saveLrs = (org: string, endpoint: string, username: string, password: string) =>
	post<{ saved: true }>(`${base}/lrs`, { org, endpoint, username, password });

export const removeLrs = (org: string) => post<{ removed: true }>(`${base}/lrs`, { org, action: 'remove' });

export const listDeliveries = (org: string, status: string, after: string | null) =>
	call<Page<Delivery>>(`${base}/log${query({ org, status, after })}`);

export const redeliver = (delivery: string) =>
	post<{ redelivered: string }>(`${base}/log/${encodeURIComponent(delivery)}`, {});
