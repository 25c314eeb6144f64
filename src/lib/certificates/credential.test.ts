import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sampleCredentialInput as sampleInput } from '../../../tests/fixtures/certificate-sample';
import { buildCredential, jwtClaimsFor } from './credential';

// The official 1EdTech schema, copied unchanged into tests/fixtures so CI never needs ../shared.
const schema = JSON.parse(
	readFileSync(
		new URL('../../../tests/fixtures/openbadges-3.0/achievementcredential.schema.json', import.meta.url),
		'utf8'
	)
) as object;
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('OpenBadgeCredential builder', () => {
	it('validates against the official Open Badges 3.0 schema', () => {
		const credential = buildCredential(sampleInput);
		const ok = validate(credential);
		expect(validate.errors ?? []).toEqual([]);
		expect(ok).toBe(true);
	});

	it('names the centre, the achievement with criteria and the learner in their own script', () => {
		const c = buildCredential({ ...sampleInput, learnerName: '  عائشہ خان ' });
		expect(c.issuer.name).toContain('Karachi');
		expect(c.issuer.parentOrg?.name).toContain('CoE-AI');
		expect(c.credentialSubject.achievement.criteria.narrative).toMatch(/final assessment/);
		expect(c.credentialSubject.name).toBe('عائشہ خان');
		expect(c.credentialSubject.identifier[0]?.identityHash).toBe('عائشہ خان');
		expect(c.validFrom).toBe('2026-11-25T10:00:00Z');
		expect(c.credentialStatus.statusListIndex).toBe('90210');
	});

	it('builds the Certified Trainer credential as an OB 3.0 Certification that validates', () => {
		const c = buildCredential({
			...sampleInput,
			courseId: 'certified-trainer',
			courseTitle: 'Certified Trainer',
			courseDescription: 'Certified to teach the National AI programmes in cohorts.',
			criteria: 'Attended at least 80% of the sessions and taught an approved session.',
			achievementType: 'Certification'
		});
		expect(validate(c)).toBe(true);
		expect(validate.errors ?? []).toEqual([]);
		expect(c.credentialSubject.achievement.achievementType).toBe('Certification');
		expect(c.credentialSubject.achievement.id).toBe(
			'https://seekh.example.pk/achievements/certified-trainer'
		);
		// A type outside the OB 3.0 vocabulary fails the same schema (the check can fail).
		const odd = structuredClone(c) as unknown as {
			credentialSubject: { achievement: { achievementType: string } };
		};
		odd.credentialSubject.achievement.achievementType = 'TrainerBadge';
		expect(validate(odd)).toBe(false);
	});

	it('fails the schema when a required part is missing (the test can fail)', () => {
		const broken = buildCredential(sampleInput) as unknown as Record<string, unknown>;
		delete broken.validFrom;
		expect(validate(broken)).toBe(false);
		const wrongType = { ...buildCredential(sampleInput), type: ['VerifiableCredential'] };
		expect(validate(wrongType)).toBe(false);
	});

	it('maps to VC-JWT registered claims without losing the credential', () => {
		const claims = jwtClaimsFor(
			buildCredential({ ...sampleInput, validUntil: new Date('2030-01-01T00:00:00Z') })
		);
		expect(claims.iss).toBe('https://seekh.example.pk/issuers/coe-ai-karachi');
		expect(claims.jti).toBe(sampleInput.id);
		expect(claims.nbf).toBe(Date.parse('2026-11-25T10:00:00Z') / 1000);
		expect(claims.exp).toBe(Date.parse('2030-01-01T00:00:00Z') / 1000);
		expect(validate(claims)).toBe(true);
	});
});
