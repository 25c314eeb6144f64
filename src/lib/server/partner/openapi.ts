/**
 * THE description of the partner API (OpenAPI 3.1), served at /api/partner/v1/openapi.json and
 * rendered at /api/partner/docs. tests/integration/partner-openapi.test.ts validates it and
 * checks that every route under src/routes/api/partner/v1 is described here, and nothing else.
 */
const problem = { $ref: '#/components/responses/Problem' };
const errors = { '400': problem, '401': problem, '403': problem, '429': problem };

const page = (item: string) => ({
	type: 'object',
	required: ['items', 'next'],
	properties: {
		items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
		next: {
			type: ['string', 'null'],
			description: 'The next page (same filters, opaque cursor); null on the last page.'
		}
	}
});

const json = (schema: unknown) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = (what: string) => ({
	name: 'id',
	in: 'path',
	required: true,
	description: `The ${what}'s id.`,
	schema: { type: 'string', format: 'uuid' }
});
const manage = { ...errors, '404': problem };

const listParams = [
	{ $ref: '#/components/parameters/since' },
	{ $ref: '#/components/parameters/until' },
	{ $ref: '#/components/parameters/course' },
	{ $ref: '#/components/parameters/cursor' },
	{ $ref: '#/components/parameters/limit' },
	{ $ref: '#/components/parameters/format' }
];

const rosterBody = {
	required: true,
	content: {
		'multipart/form-data': {
			schema: {
				type: 'object',
				properties: {
					users: { type: 'string', format: 'binary', description: 'OneRoster 1.2 users.csv' },
					orgs: { type: 'string', format: 'binary', description: 'OneRoster 1.2 orgs.csv (optional)' },
					enrollments: { type: 'string', format: 'binary', description: 'OneRoster 1.2 enrollments.csv' }
				}
			}
		},
		'application/json': { schema: { $ref: '#/components/schemas/RosterJson' } }
	}
};

export function openApiDocument() {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Seekh partner API',
			version: '1.0.0',
			summary:
				'Enrol learners from OneRoster rosters; read completions and certificates; manage webhooks and xAPI delivery.',
			description:
				'For delivery partners of the National AI Policy programmes (e.g. DigiSkills.pk). A partner administrator creates API keys at /staff/partner. Every call is audited; see docs/partner-api.md.'
		},
		servers: [{ url: '/api/partner/v1' }],
		security: [{ partnerKey: [] }],
		paths: {
			'/openapi.json': {
				get: {
					operationId: 'getOpenApi',
					summary: 'This document',
					security: [],
					responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } }
				}
			},
			'/key': {
				get: {
					operationId: 'getKey',
					summary: 'The calling key: organisation, scopes, expiry',
					responses: {
						'200': {
							description: 'The key (never its secret)',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Key' } } }
						},
						...errors
					}
				}
			},
			'/learners': {
				get: {
					operationId: 'listLearners',
					summary: 'Your roster as Seekh holds it (scope roster:write)',
					parameters: [{ $ref: '#/components/parameters/cursor' }, { $ref: '#/components/parameters/limit' }],
					responses: {
						'200': {
							description: 'A page of enrolments, by sourcedId',
							content: { 'application/json': { schema: page('Learner') } }
						},
						...errors
					}
				}
			},
			'/rosters/check': {
				post: {
					operationId: 'checkRoster',
					summary: 'Dry run: what the roster would change, and every problem by file and line',
					parameters: [{ $ref: '#/components/parameters/idempotencyKey' }],
					requestBody: rosterBody,
					responses: {
						'200': {
							description: 'The plan; nothing was changed',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/RosterResult' } } }
						},
						'413': problem,
						'422': problem,
						...errors
					}
				}
			},
			'/rosters': {
				post: {
					operationId: 'applyRoster',
					summary: 'Enrol learners from a roster, all or nothing (scope roster:write)',
					parameters: [{ $ref: '#/components/parameters/idempotencyKey' }],
					requestBody: rosterBody,
					responses: {
						'200': {
							description: 'Applied. Sending the same roster again changes nothing.',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/RosterResult' } } }
						},
						'413': problem,
						'422': problem,
						...errors
					}
				}
			},
			'/completions': {
				get: {
					operationId: 'listCompletions',
					summary: 'Course completions of your consenting learners (scope progress:read)',
					parameters: listParams,
					responses: {
						'200': {
							description: 'A page of completions (JSON), or all of them from the cursor on (CSV, streamed)',
							content: {
								'application/json': { schema: page('Completion') },
								'text/csv': { schema: { type: 'string' } }
							}
						},
						...errors
					}
				}
			},
			'/certificates': {
				get: {
					operationId: 'listCertificates',
					summary: 'Certificates of your consenting learners (scope certificates:read)',
					parameters: listParams,
					responses: {
						'200': {
							description: 'A page of certificates (JSON), or all of them from the cursor on (CSV, streamed)',
							content: {
								'application/json': { schema: page('Certificate') },
								'text/csv': { schema: { type: 'string' } }
							}
						},
						...errors
					}
				}
			},
			'/webhooks': {
				get: {
					operationId: 'listWebhooks',
					summary: 'Your webhook endpoints (scope webhooks:manage)',
					responses: {
						'200': {
							description: 'Every endpoint (at most 10, one page)',
							content: json(page('WebhookEndpoint'))
						},
						...errors
					}
				},
				post: {
					operationId: 'addWebhook',
					summary: 'Add an endpoint; its signing secret is in this answer only (scope webhooks:manage)',
					parameters: [{ $ref: '#/components/parameters/idempotencyKey' }],
					requestBody: { required: true, content: json(ref('NewWebhook')) },
					responses: {
						'201': {
							description: 'Made. Verify deliveries with the secret (Standard Webhooks).',
							content: json(ref('WebhookSecret'))
						},
						'409': problem,
						'422': problem,
						...errors
					}
				}
			},
			'/webhooks/{id}': {
				delete: {
					operationId: 'removeWebhook',
					summary: 'Remove an endpoint; its pending deliveries are cancelled (scope webhooks:manage)',
					parameters: [idParam('endpoint')],
					responses: { '204': { description: 'Removed' }, ...manage }
				}
			},
			'/webhooks/{id}/enable': {
				post: {
					operationId: 'enableWebhook',
					summary: 'Enable an endpoint that was disabled after answering 410 Gone (scope webhooks:manage)',
					parameters: [idParam('endpoint'), { $ref: '#/components/parameters/idempotencyKey' }],
					responses: {
						'200': {
							description: 'Enabled; held deliveries are sent',
							content: json(ref('WebhookEndpoint'))
						},
						...manage
					}
				}
			},
			'/lrs': {
				get: {
					operationId: 'getLrs',
					summary: 'Where xAPI statements go; never the credentials (scope webhooks:manage)',
					responses: { '200': { description: 'The LRS', content: json(ref('Lrs')) }, ...manage }
				},
				put: {
					operationId: 'setLrs',
					summary: 'Set the LRS; credentials are required the first time and kept when left out',
					requestBody: { required: true, content: json(ref('LrsInput')) },
					responses: { '200': { description: 'Saved', content: json(ref('Lrs')) }, '422': problem, ...errors }
				}
			},
			'/deliveries': {
				get: {
					operationId: 'listDeliveries',
					summary: 'The delivery log, newest first (scope webhooks:manage)',
					parameters: [
						{
							name: 'status',
							in: 'query',
							description: 'Only deliveries in this state.',
							schema: { type: 'string', enum: ['pending', 'delivered', 'failed', 'cancelled'] }
						},
						{ $ref: '#/components/parameters/cursor' },
						{ $ref: '#/components/parameters/limit' }
					],
					responses: {
						'200': { description: 'A page of deliveries', content: json(page('Delivery')) },
						...errors
					}
				}
			},
			'/deliveries/{id}/redeliver': {
				post: {
					operationId: 'redeliver',
					summary: 'Send a delivery again from the start of its schedule, with the same webhook-id',
					parameters: [idParam('delivery'), { $ref: '#/components/parameters/idempotencyKey' }],
					responses: {
						'202': {
							description: 'Queued again',
							content: json({
								type: 'object',
								properties: { redelivered: { type: 'string', format: 'uuid' } }
							})
						},
						'409': problem,
						...manage
					}
				}
			}
		},
		components: {
			securitySchemes: {
				partnerKey: {
					type: 'http',
					scheme: 'bearer',
					description: 'An API key made at /staff/partner: seekh_pk_<prefix>_<secret>.'
				}
			},
			parameters: {
				since: {
					name: 'since',
					in: 'query',
					description: 'From this time on (inclusive), ISO 8601.',
					schema: { type: 'string', format: 'date-time' }
				},
				until: {
					name: 'until',
					in: 'query',
					description: 'Before this time (exclusive), ISO 8601.',
					schema: { type: 'string', format: 'date-time' }
				},
				course: {
					name: 'course',
					in: 'query',
					description: 'Only this Seekh course id.',
					schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }
				},
				cursor: {
					name: 'cursor',
					in: 'query',
					description: 'Opaque; from the previous page\'s "next" link.',
					schema: { type: 'string' }
				},
				limit: {
					name: 'limit',
					in: 'query',
					description: 'Items per page.',
					schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }
				},
				format: {
					name: 'format',
					in: 'query',
					description: 'json (default) or csv (also chosen by "Accept: text/csv").',
					schema: { type: 'string', enum: ['json', 'csv'] }
				},
				idempotencyKey: {
					name: 'Idempotency-Key',
					in: 'header',
					description:
						'Repeating a request with the same key returns the first answer (24 hours); the same key with a different request is refused with 422.',
					schema: { type: 'string', maxLength: 200 }
				}
			},
			responses: {
				Problem: {
					description: 'An RFC 9457 problem',
					headers: {
						'Retry-After': {
							description: 'On 429: seconds until the rate limit window ends.',
							schema: { type: 'integer' }
						}
					},
					content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
				}
			},
			schemas: {
				Problem: {
					type: 'object',
					required: ['type', 'title', 'status', 'code'],
					properties: {
						type: { type: 'string', format: 'uri' },
						title: { type: 'string' },
						status: { type: 'integer' },
						detail: { type: 'string' },
						instance: { type: 'string' },
						code: {
							type: 'string',
							description:
								'missing_key, unknown_key, key_revoked, key_expired, scope_missing, rate_limited, idempotency_key_reused, roster_invalid, roster_too_large, bad_roster, bad_cursor, bad_query, bad_request, not_found, too_many_endpoints, destination_removed, lrs_credentials_required, invalid_request, server'
						},
						retry_after: { type: 'integer' },
						problems: { type: 'array', items: { $ref: '#/components/schemas/RosterProblem' } }
					}
				},
				RosterProblem: {
					type: 'object',
					required: ['file', 'line', 'code', 'message'],
					properties: {
						file: { type: 'string', examples: ['users.csv'] },
						line: { type: 'integer', description: 'The header is line 1.' },
						code: { type: 'string' },
						value: { type: 'string' },
						message: { type: 'string', examples: ['users.csv line 7: email is not an email address'] }
					}
				},
				RosterJson: {
					type: 'object',
					description:
						'Either the three CSV files as text under "files", or the rows as objects with OneRoster field names.',
					properties: {
						files: {
							type: 'object',
							properties: {
								'users.csv': { type: 'string' },
								'orgs.csv': { type: 'string' },
								'enrollments.csv': { type: 'string' }
							}
						},
						users: { type: 'array', items: { $ref: '#/components/schemas/OneRosterUser' } },
						orgs: { type: 'array', items: { $ref: '#/components/schemas/OneRosterOrg' } },
						enrollments: { type: 'array', items: { $ref: '#/components/schemas/OneRosterEnrollment' } }
					}
				},
				OneRosterUser: {
					type: 'object',
					required: ['sourcedId', 'givenName'],
					properties: {
						sourcedId: { type: 'string' },
						status: { type: 'string', enum: ['active', 'tobedeleted'] },
						role: { type: 'string', enum: ['student'] },
						givenName: { type: 'string' },
						familyName: { type: 'string' },
						email: { type: 'string' },
						phone: { type: 'string' },
						sms: { type: 'string' },
						orgSourcedIds: { type: 'string', description: "The first one is the learner's unit." }
					}
				},
				OneRosterOrg: {
					type: 'object',
					required: ['sourcedId'],
					properties: {
						sourcedId: { type: 'string' },
						name: { type: 'string' },
						identifier: { type: 'string', description: 'The code of a Seekh unit in your organisation.' }
					}
				},
				OneRosterEnrollment: {
					type: 'object',
					required: ['userSourcedId', 'classSourcedId'],
					properties: {
						userSourcedId: { type: 'string' },
						classSourcedId: { type: 'string', description: 'A Seekh course id.' },
						status: { type: 'string', enum: ['active', 'tobedeleted'] },
						role: { type: 'string', enum: ['student'] }
					}
				},
				RosterResult: {
					type: 'object',
					required: ['applied', 'users', 'created', 'updated', 'unchanged', 'linked', 'problems'],
					properties: {
						applied: { type: 'boolean' },
						users: { type: 'integer' },
						orgs: { type: 'integer' },
						enrollments: { type: 'integer' },
						created: { type: 'integer' },
						updated: { type: 'integer' },
						unchanged: { type: 'integer' },
						linked: { type: 'integer', description: 'Matched to an existing Seekh account now.' },
						problems: { type: 'array', items: { $ref: '#/components/schemas/RosterProblem' } }
					}
				},
				Learner: {
					type: 'object',
					properties: {
						sourced_id: { type: 'string' },
						unit: { type: 'string' },
						given_name: { type: 'string' },
						family_name: { type: ['string', 'null'] },
						status: { type: 'string', enum: ['active', 'withdrawn'] },
						courses: { type: 'array', items: { type: 'string' } },
						linked: { type: 'boolean', description: 'The person has a Seekh account.' },
						updated_at: { type: 'string', format: 'date-time' }
					}
				},
				Completion: {
					type: 'object',
					properties: {
						sourced_id: { type: ['string', 'null'], description: 'Your id, if you enrolled the learner.' },
						learner_id: { type: 'string', format: 'uuid' },
						course_id: { type: 'string' },
						completed_at: { type: 'string', format: 'date-time' }
					}
				},
				Certificate: {
					type: 'object',
					properties: {
						code: { type: 'string', description: 'Verifiable by anyone at /verify.' },
						sourced_id: { type: ['string', 'null'] },
						learner_id: { type: 'string', format: 'uuid' },
						course_id: { type: 'string' },
						issued_at: { type: 'string', format: 'date-time' },
						status: { type: 'string', enum: ['valid', 'revoked'] },
						revoked_at: { type: ['string', 'null'], format: 'date-time' }
					}
				},
				WebhookEndpoint: {
					type: 'object',
					properties: {
						id: { type: 'string', format: 'uuid' },
						url: { type: 'string', format: 'uri' },
						event_types: { type: 'array', items: ref('WebhookEvent') },
						description: { type: ['string', 'null'] },
						created_at: { type: 'string', format: 'date-time' },
						secret_rotated_at: { type: 'string', format: 'date-time' },
						disabled_at: {
							type: ['string', 'null'],
							format: 'date-time',
							description: 'Set when the endpoint answered 410 Gone; nothing is sent until it is enabled.'
						},
						disabled_reason: { type: ['string', 'null'] }
					}
				},
				WebhookEvent: {
					type: 'string',
					enum: ['learner.completed', 'certificate.issued', 'certificate.revoked']
				},
				NewWebhook: {
					type: 'object',
					required: ['url', 'event_types'],
					properties: {
						url: { type: 'string', format: 'uri', maxLength: 2000 },
						event_types: { type: 'array', minItems: 1, items: ref('WebhookEvent') },
						description: { type: 'string', maxLength: 200 }
					}
				},
				WebhookSecret: {
					type: 'object',
					required: ['id', 'secret'],
					properties: {
						id: { type: 'string', format: 'uuid' },
						secret: { type: 'string', description: 'whsec_…: shown in this answer only.' }
					}
				},
				Lrs: {
					type: 'object',
					properties: {
						endpoint: { type: 'string', format: 'uri' },
						updated_at: { type: 'string', format: 'date-time' },
						credentials_set_at: { type: 'string', format: 'date-time' }
					}
				},
				LrsInput: {
					type: 'object',
					required: ['endpoint'],
					properties: {
						endpoint: { type: 'string', format: 'uri', maxLength: 2000 },
						username: { type: 'string', maxLength: 200 },
						password: { type: 'string', maxLength: 500 }
					}
				},
				Delivery: {
					type: 'object',
					properties: {
						id: { type: 'string', format: 'uuid' },
						channel: { type: 'string', enum: ['webhook', 'xapi'] },
						event_type: { type: 'string' },
						endpoint_id: { type: ['string', 'null'], format: 'uuid' },
						status: { type: 'string', enum: ['pending', 'delivered', 'failed', 'cancelled'] },
						attempts: { type: 'integer' },
						last_status: { type: ['integer', 'null'] },
						last_error: { type: ['string', 'null'] },
						next_attempt_at: { type: 'string', format: 'date-time' },
						delivered_at: { type: ['string', 'null'], format: 'date-time' },
						created_at: { type: 'string', format: 'date-time' },
						occurred_at: { type: 'string', format: 'date-time' }
					}
				},
				Key: {
					type: 'object',
					properties: {
						name: { type: 'string' },
						prefix: { type: 'string' },
						scopes: {
							type: 'array',
							items: {
								type: 'string',
								enum: ['roster:write', 'progress:read', 'certificates:read', 'webhooks:manage']
							}
						},
						expires_at: { type: 'string', format: 'date-time' },
						state: { type: 'string', enum: ['active', 'rotating', 'revoked', 'expired'] },
						rate_per_minute: { type: 'integer' },
						organisation: {
							type: 'object',
							properties: { code: { type: 'string' }, name: { type: 'string' } }
						}
					}
				}
			}
		}
	};
}
