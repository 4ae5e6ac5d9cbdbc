-- A dispatcher's or duty chief's post is held in the district (area) it serves: the other services
-- let it accept, dispatch and blow whistles only for cases located there. Posts written before held
-- no area; where the organisation has a single district, they serve it. (With several districts
-- an administrator names each post's district.)
update staff_post
   set area_code = (select code from grid_area where level = 'DISTRICT')
 where role in ('DISPATCHER', 'DUTY_CHIEF')
   and area_code is null
   and (select count(*) from grid_area where level = 'DISTRICT') = 1;
