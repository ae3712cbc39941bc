-- People on duty at the cut-off by track and age band.
with

workforce_by_age_band as (

    select * from workforce_by_age_band

),

final as (

    select
        center_id,
        track,
        age_band,
        age_band_order,
        headcount,
        headcount_share

    from workforce_by_age_band

)

select * from final
order by center_id, track, age_band_order
