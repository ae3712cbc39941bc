-- People on duty at the cut-off by track and age band, with each band's share.
create or replace table workforce_by_age_band as

with

people as (

    select * from people

),

age_bands as (

    select * from age_bands

),

tracks as (

    select distinct
        center_id,
        track

    from people

),

on_duty as (

    select
        center_id,
        track,
        age_band,
        count(*) as headcount

    from people
    where is_on_duty
    group by center_id, track, age_band

),

final as (

    select
        tracks.center_id,
        tracks.track,
        age_bands.band_label as age_band,
        age_bands.band_order as age_band_order,
        coalesce(on_duty.headcount, 0) as headcount,
        coalesce(on_duty.headcount, 0)
        / nullif(
            sum(coalesce(on_duty.headcount, 0)) over (
                partition by tracks.center_id, tracks.track
            ),
            0
        ) as headcount_share

    from tracks
    cross join age_bands
    left join on_duty
        on
            tracks.center_id = on_duty.center_id
            and tracks.track = on_duty.track
            and age_bands.band_label = on_duty.age_band

)

select * from final
