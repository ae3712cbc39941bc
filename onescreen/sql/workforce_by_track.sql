-- People on duty at the cut-off by track, department and post family.
create or replace table workforce_by_track as

with

people as (

    select * from people

),

final as (

    select
        center_id,
        track,
        department,
        post_family,
        count(*) as headcount,
        count(*) filter (where gender = '女') as female_count,
        count(*) filter (where is_in_both_tracks) as in_both_tracks_count,
        avg(age_years) as average_age_years

    from people
    where is_on_duty
    group by center_id, track, department, post_family

)

select * from final
