-- The case number is drawn on every report: check for the year's sequence instead of catching its
-- absence, since an exception block costs a subtransaction on every call.
create or replace function next_case_number(at_year integer) returns text
    language plpgsql as
$$
declare
    seq text := 'case_number_' || at_year;
begin
    if to_regclass(seq) is null then
        execute format('create sequence if not exists %I', seq);
    end if;
    return at_year || '-' || lpad(nextval(seq)::text, 6, '0');
end
$$;
