-- People on duty at the cut-off by track, department and post family.
with

workforce_by_track as (

    select * from workforce_by_track

),

final as (

    select
        center_id,
        track,
        department,
        post_family,
        headcount,
        female_count,
        in_both_tracks_count,
        average_age_years

    from workforce_by_track

)

select * from final
order by center_id, track, department, post_family
