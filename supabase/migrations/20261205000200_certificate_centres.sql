-- Certificate centres are organisations (issue 11). CoE-AI issues certificates from its
-- centres; until now a certificate named its centre as free text ('lahore'), which no scoped
-- role could hold. Now:
--   * a CoE-AI centre unit (kind coe_centre) carries the centre code its certificates use
--     (organisations.certificate_centre: 'lahore', the code in CERT_SIGNATORIES and in the
--     issuer id of every credential, which never changes);
--   * every new certificate records the issuing unit (certificates.centre_org), resolved from
--     that code on insert; an unregistered code is refused (fail closed). The signed credential
--     and its `centre` column are left exactly as issued, so everything issued still verifies;
--   * who may issue or revoke at a centre is asked once, private.may_act_at_centre(): coe_admin
--     or assessor held at that centre or above, through has_role_in. Both writes are audited.

-- ---------------------------------------------------------------- centres
alter table public.organisations add column certificate_centre text unique
  check (certificate_centre ~ '^[a-z][a-z-]{1,39}$');
alter table public.organisations add constraint organisations_centre_is_coe_centre
  check (certificate_centre is null or kind = 'coe_centre');

alter table public.certificates
  add column centre_org uuid references public.organisations (id) on delete restrict,
  -- A staff member who issued it at their centre; null for a learner's own claim.
  add column issued_by uuid references auth.users (id) on delete set null;
create index certificates_centre_org on public.certificates (centre_org, issued_at desc, id);

-- Issuing at a centre code no unit carries is refused, so a certificate can never name a
-- centre that no scoped role reaches.
create function private.certificate_centre_org() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  select o.id into new.centre_org from public.organisations o where o.certificate_centre = new.centre;
  if new.centre_org is null then
    raise exception 'no CoE-AI centre issues certificates as "%"', new.centre using errcode = '23514';
  end if;
  if new.issued_by is not null then
    -- Written here (not by private.audit) because the row is inserted with the service key
    -- after the staff member's scope was checked as them (authorise_certificate_issue).
    insert into public.audit_log (actor, org_id, action, target_type, target_id, after)
      values (new.issued_by, new.centre_org, 'certificate.issued', 'certificate', new.code,
              jsonb_build_object('course', new.course_id, 'owner', new.owner));
  end if;
  return new;
end
$$;
create trigger certificate_centre_org before insert on public.certificates
  for each row execute function private.certificate_centre_org();

-- Operators register a hosted tree's centres (service role only; the sample tree does it in
-- supabase/local/sample-organisations.sql). Certificates issued before keep their text centre
-- and gain the reference; scoped grants made the old way (user_roles.scope = 'lahore') now land
-- on the centre's unit.
create function public.register_certificate_centre(org_code text, centre text) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  org uuid;
begin
  update public.organisations o set certificate_centre = centre where o.code = org_code returning o.id into org;
  if org is null then raise exception 'no organisation %', org_code using errcode = 'P0002'; end if;
  update public.certificates c set centre_org = org where c.centre = register_certificate_centre.centre and c.centre_org is null;
  insert into public.org_roles (user_id, org_id, role, granted_by, granted_at)
    select r.user_id, org, private.org_role_name(r.role), r.granted_by, r.granted_at
    from public.user_roles r where r.scope = register_certificate_centre.centre
  on conflict do nothing;
  perform private.audit('organisation.centre_registered', org, 'organisation', org_code, null,
    jsonb_build_object('certificate_centre', centre));
  return org;
end
$$;
revoke all on function public.register_certificate_centre(text, text) from public, anon, authenticated;
grant execute on function public.register_certificate_centre(text, text) to service_role;

-- A user_roles scope that is a centre code maps onto the centre's unit.
create or replace function private.org_for_scope(scope text) returns uuid
language sql stable
set search_path = ''
as $$
  select o.id from public.organisations o
  where (coalesce(scope, '') = '' and o.parent_id is null) or o.code = upper(btrim(scope))
     or o.certificate_centre = btrim(scope)
  limit 1
$$;

-- ---------------------------------------------------------------- who may act at a centre
-- THE rule for issuing and revoking: coe_admin or assessor held at the centre or above it.
-- A certificate from before this migration with no unit: only the programme root's roles.
create function private.may_act_at_centre(centre_org uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select case when centre_org is null
    then public.has_programme_role('coe_admin') or public.has_programme_role('assessor')
    else public.has_role_in(centre_org, 'coe_admin') or public.has_role_in(centre_org, 'assessor') end
$$;

drop function if exists private.may_revoke(text);

create or replace function public.revoke_certificate(code text, reason text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  cert public.certificates;
begin
  if (select auth.uid()) is null then
    raise exception 'sign in' using errcode = '42501';
  end if;
  select * into cert from public.certificates c where c.code = upper(revoke_certificate.code) for update;
  -- Staff need to know a mistyped code; anyone else learns nothing about it.
  if cert.id is null then
    if not exists (select 1 from public.org_roles r where r.user_id = (select auth.uid())
                   and r.role in ('coe_admin', 'assessor')) then
      raise exception 'coe admins and assessors only' using errcode = '42501';
    end if;
    raise exception 'no certificate with that code' using errcode = 'P0002';
  end if;
  if not private.may_act_at_centre(cert.centre_org) then
    raise exception 'staff of centre % only', cert.centre using errcode = '42501';
  end if;
  if cert.revoked_at is null then
    update public.certificates set revoked_at = now(), revoked_by = (select auth.uid()),
      revoke_reason = left(coalesce(revoke_certificate.reason, ''), 500)
    where id = cert.id;
    perform private.audit('certificate.revoked', cert.centre_org, 'certificate', cert.code,
      jsonb_build_object('revoked', false),
      jsonb_build_object('revoked', true, 'reason', left(coalesce(revoke_certificate.reason, ''), 500)));
  end if;
  return jsonb_build_object('code', cert.code, 'revoked', true);
end
$$;
revoke all on function public.revoke_certificate(text, text) from public, anon;
grant execute on function public.revoke_certificate(text, text) to authenticated;

-- A staff member asks to issue a learner's certificate at a centre. Decided here, as them:
-- scope (may_act_at_centre), the learner's account (by email or phone), and eligibility (the
-- same server-graded pass and rubric as a learner's own claim). The app server then signs and
-- inserts it with issued_by = the caller; the insert trigger writes the audit row.
create function public.authorise_certificate_issue(learner_contact text, course text, centre text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  org uuid;
  learner uuid;
  needle text := lower(btrim(coalesce(learner_contact, '')));
  verdict jsonb;
begin
  if (select auth.uid()) is null then raise exception 'sign in' using errcode = '42501'; end if;
  select o.id into org from public.organisations o where o.certificate_centre = authorise_certificate_issue.centre;
  if org is null or not private.may_act_at_centre(org) then
    raise exception 'staff of centre % only', centre using errcode = '42501';
  end if;
  select u.id into learner from auth.users u
    where needle <> '' and (lower(u.email) = needle or u.phone = ltrim(needle, '+')) limit 1;
  if learner is null then raise exception 'no account with that email or phone' using errcode = 'P0002'; end if;
  verdict := public.certificate_eligibility(learner, course);
  return jsonb_build_object('learner', learner, 'centre_org', org,
    'eligible', (verdict ->> 'eligible')::boolean, 'reason', verdict ->> 'reason');
end
$$;
revoke all on function public.authorise_certificate_issue(text, text, text) from public, anon;
grant execute on function public.authorise_certificate_issue(text, text, text) to authenticated;

-- The centres whose certificates the caller may list (coe_admin, assessor or auditor at the
-- centre or above), for the certificate tool's filter.
create function public.my_certificate_centres() returns table (id uuid, code text, certificate_centre text, names jsonb, is_sample boolean, may_act boolean)
language sql stable security definer
set search_path = ''
as $$
  select o.id, o.code, o.certificate_centre, o.names, o.is_sample, private.may_act_at_centre(o.id)
  from public.organisations o
  where o.certificate_centre is not null
    and (public.has_role_in(o.id, 'coe_admin') or public.has_role_in(o.id, 'assessor') or public.has_role_in(o.id, 'auditor'))
  order by o.code
$$;
revoke all on function public.my_certificate_centres() from public, anon;
grant execute on function public.my_certificate_centres() to authenticated;

-- ---------------------------------------------------------------- reading by centre
-- The centre's staff read what was issued there (docs/roles.md, "Certificates by issuing
-- centre"), wherever the holder belongs. Replaces the user_roles.scope stopgap.
drop policy "centre coe admin reads its certificates" on public.certificates;
create policy "centre staff read its certificates" on public.certificates for select to authenticated
  using (centre_org in (select public.orgs_with_role('coe_admin'))
      or centre_org in (select public.orgs_with_role('assessor'))
      or centre_org in (select public.orgs_with_role('auditor')));

revoke all on all functions in schema private from public, anon, authenticated;
