-- Claiming an HR record by the email OR mobile on file (issue 12), on the same proof a final
-- assessment needs (20261203000200_verified_contact.sql). Before, claim_employee_records trusted
-- email_confirmed_at, which proves nothing here (email sign-ups are auto-confirmed), and only
-- worked in the app for phones. Now a record is linked when its email or mobile is a contact the
-- caller PROVED with a one-time code (private.verified_contacts, written only by
-- record_verified_contact from an OTP session) and that the account still holds. The app calls
-- record_verified_contact(kind) right after verifyOtp (email or sms), then this. A contact proven
-- earlier (e.g. on the final-assessment page) also counts, so the match happens on the next visit.
create or replace function public.claim_employee_records() returns int
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  proven_email text;
  proven_phone text;
  linked int := 0;
  rec record;
begin
  if caller is null then raise exception 'sign in first' using errcode = '42501'; end if;
  select max(c.value) filter (where c.kind = 'email'), max(c.value) filter (where c.kind = 'phone')
    into proven_email, proven_phone
  from private.verified_contacts c join auth.users u on u.id = c.user_id
  where c.user_id = caller and not coalesce(u.is_anonymous, false)
    and c.value = private.contact_value(c.kind, u.email, u.phone);
  if proven_email is null and proven_phone is null then return 0; end if;
  for rec in
    update public.employees e set user_id = caller, claimed_at = now()
    where e.user_id is null and (
      (proven_email is not null and lower(e.email) = proven_email)
      or (proven_phone is not null and e.mobile = proven_phone))
    returning e.id, e.org_id, e.employer_id
  loop
    linked := linked + 1;
    insert into public.organisation_members (org_id, user_id) values (rec.org_id, caller) on conflict do nothing;
    perform private.audit('employee.claimed', rec.org_id, 'employee', rec.id::text, null,
      jsonb_build_object('user', caller));
    perform private.compliance_refresh(array[rec.id]);
  end loop;
  return linked;
end
$$;
revoke all on function public.claim_employee_records() from public, anon;
grant execute on function public.claim_employee_records() to authenticated;
