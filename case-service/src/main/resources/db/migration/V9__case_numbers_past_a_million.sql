-- lpad truncates as well as pads: the millionth case of a year was numbered 2026-100000, a number
-- already given, and from then on every report of the year failed on the unique number. Numbers keep
-- six digits at least and grow past them.
create or replace function next_case_number(at_year integer) returns text
    language plpgsql as
$$
declare
    seq text := 'case_number_' || at_year;
    n   text;
begin
    if to_regclass(seq) is null then
        execute format('create sequence if not exists %I', seq);
    end if;
    n := nextval(seq)::text;
    return at_year || '-' || lpad(n, greatest(6, length(n)), '0');
end
$$;
