-- Which cases a photo belongs to: a photo is read only by those who may read one of the cases whose
-- timeline names it, and a photo is looked up by its id, so the timeline's photo lists are indexed.
create index case_timeline_photo_idx on case_timeline using gin (string_to_array(photo_ids, ','))
    where photo_ids <> '';
